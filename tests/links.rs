//! The output link checker: every link and anchor to the site itself that templates and
//! Markdown put into the built pages resolves, and a broken one names the file it came from.

mod common;
use common::Site;

const GUIDE: &str = "content/how-to.md";

fn guide(body: &str) -> String {
    format!("---\ntitle: How to\n---\n## Getting paid\n\n{body}\n")
}

/// A site-root template override with a bad `href`: `check` and `build` fail and name the
/// template with the line and column of the address; nothing is written.
#[test]
fn broken_template_link_names_the_template() {
    let site = Site::new(&[(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<p>Lost? Try <a href=\"/nowhere/\">this</a>.</p>\n{% endblock main %}\n",
    )]);
    for run in [site.check(), site.build()] {
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("templates/404.html:3:23: error: broken link `/nowhere/` on page `404.html`"),
            "{}",
            run.stderr
        );
    }
    assert!(!site.out().exists(), "a failed build writes nothing");
}

/// A template link without the base path breaks a site that lives in a sub-path.
#[test]
fn template_link_without_base_path_fails_in_a_sub_path() {
    let site = Site::new(&[(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<a href=\"/roles/\">Roles</a> <a href=\"{{ site.base_path }}roles/\">ok</a>\n{% endblock main %}\n",
    )]);
    let ok = site.ladder(&["check", "--today", "2026-11-23"]);
    assert_eq!(ok.code, 0, "at the root, `/roles/` exists:\n{}", ok.stderr);
    let run = site.ladder(&["build", "--base-url", "https://example.org/sub/", "--today", "2026-11-23"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("templates/404.html:3:10: error: broken link `/roles/`"), "{}", run.stderr);
    assert!(run.stderr.contains("base path `/sub/`"), "{}", run.stderr);
}

/// A `#fragment` in a guide that names no heading: the guide's file, line and column.
#[test]
fn broken_markdown_anchor_names_the_guide_line_and_column() {
    let site = Site::new(&[(GUIDE, &guide("See [pay](#pay-rates) first."))]);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/how-to.md:6:11: error: broken link `#pay-rates` on page `guides/how-to/`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no element on this page has the id `pay-rates`"), "{}", run.stderr);
}

/// An `@/` link to a real page with a fragment that page lacks.
#[test]
fn broken_anchor_on_another_page() {
    let site = Site::new(&[(GUIDE, &guide("See [the analyst](@/roles/analyst/#nope)."))]);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/how-to.md:6:19: error: broken link `/roles/analyst/#nope`"), "{}", run.stderr);
    assert!(run.stderr.contains("no element of `roles/analyst/` has the id `nope`"), "{}", run.stderr);
}

/// Good anchors pass: a heading of the same text, and a section of another page.
#[test]
fn good_anchors_pass() {
    let site = Site::new(&[(GUIDE, &guide("See [pay](#getting-paid) and [the role's pay](@/roles/analyst/#pay)."))]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A malformed address to another site, in a template, is an error; a good one is not fetched.
#[test]
fn external_links_are_syntax_checked() {
    let site = Site::new(&[(
        "templates/404.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<a href=\"https://example.com/ok\">ok</a>\n<a href=\"https://exa mple.com/\">bad</a>\n{% endblock main %}\n",
    )]);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/404.html:4:10: error: broken link `https://exa mple.com/`"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("example.com/ok"), "{}", run.stderr);
}

/// The default site and the fixture have no broken links, also under a sub-path.
#[test]
fn shipped_sites_have_no_broken_links() {
    let default = Site::empty();
    for dir in ["data", "content"] {
        common::copy_dir(&common::repo().join(dir), &default.root().join(dir));
    }
    for site in [default, Site::copy_of("tests/fixture")] {
        for base in ["https://example.org/", "https://example.org/a/b/"] {
            let out = site.root().join("out");
            let run =
                site.ladder(&["build", "--base-url", base, "--today", "2026-11-23", "--out", out.to_str().unwrap()]);
            assert_eq!(run.code, 0, "{base}:\n{}", run.stderr);
        }
    }
}
