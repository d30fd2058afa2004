//! One whole role page as a snapshot, in mdBook's manner (its `BookTest` builds a book and checks
//! whole files with insta): any change to a role page's markup shows in review as a diff of
//! `tests/snapshots/role_page__model_evaluator.snap`. Accept an intended change with
//! `cargo insta review` (or `INSTA_UPDATE=always cargo test --test role_page`).
//!
//! The inline scripts (their own files' business) are cut out, and so are the policy's hashes of
//! them and the content hashes in the names of the shared files (stylesheet, scripts, icon), so
//! only a change to the page itself moves the snapshot.

mod common;
use common::Site;

fn redact(html: &str) -> String {
    let style = regex::Regex::new(r"(?s)(<style[^>]*>).*?(</style>)").unwrap();
    let script = regex::Regex::new(r#"(?s)(<script(?: [^>]*)?>)(.*?)(</script>)"#).unwrap();
    let hash = regex::Regex::new(r"'sha256-[A-Za-z0-9+/=]+'").unwrap();
    let integrity = regex::Regex::new(r#"integrity="sha256-[A-Za-z0-9+/=]+""#).unwrap();
    let file = regex::Regex::new(r"/assets/([a-z-]+)\.[0-9a-f]{16}\.").unwrap();
    let html = style.replace_all(html, "$1[stylesheet]$2");
    let html = script.replace_all(&html, |c: &regex::Captures| {
        if c[1].contains("application/ld+json") || c[1].contains(" src=") {
            c[0].to_string()
        } else {
            format!("{}[script]{}", &c[1], &c[3])
        }
    });
    let html = integrity.replace_all(&html, "integrity=\"sha256-[hash]\"");
    let html = file.replace_all(&html, "/assets/$1.[hash].");
    hash.replace_all(&html, "'sha256-[hash]'").into_owned()
}

#[test]
fn model_evaluator() {
    let s = Site::copy_of("tests/fixture");
    let run = s.ladder(&["build", "--today", "2026-12-01", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = redact(&s.page("roles/model-evaluator/index.html"));
    assert!(page.contains("<h1"), "not a role page: {page}");
    insta::assert_snapshot!("model_evaluator", page);
}
