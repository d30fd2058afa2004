//! The Content-Security-Policy allows exactly the inline scripts and styles that ladder and the
//! site's templates declare, and the script files they load by the hash in `integrity`. Pages are
//! tokenised as a browser does (html5ever), so a block is what a browser would run, whatever
//! ladder's own scanner thinks.

mod common;
use std::cell::RefCell;

use common::{repo, tree, Site};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, EndTag, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
    TokenizerOpts,
};
use ladder::output::sha256_b64;

/// One `<script>` or `<style>` element as a browser reads it.
#[derive(Debug)]
struct Block {
    tag: String,
    json_ld: bool,
    text: String,
    /// A script file's `integrity` (`Some("")` for a `src` without it); `None` inline.
    integrity: Option<String>,
    src: String,
}

#[derive(Default)]
struct Blocks {
    open: RefCell<Option<Block>>,
    done: RefCell<Vec<Block>>,
}

impl TokenSink for Blocks {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) if tag.kind == StartTag && (&*tag.name == "script" || &*tag.name == "style") => {
                let attr = |n: &str| tag.attrs.iter().find(|a| &*a.name.local == n).map(|a| a.value.to_string());
                let json_ld = attr("type").as_deref() == Some("application/ld+json");
                let src = attr("src");
                let integrity = src.as_ref().map(|_| attr("integrity").unwrap_or_default());
                let (name, text, src) = (tag.name.to_string(), String::new(), src.unwrap_or_default());
                *self.open.borrow_mut() = Some(Block { tag: name, json_ld, text, integrity, src });
                return TokenSinkResult::RawData(if &*tag.name == "script" {
                    RawKind::ScriptData
                } else {
                    RawKind::Rawtext
                });
            }
            TagToken(tag) if tag.kind == EndTag => {
                if let Some(b) = self.open.borrow_mut().take() {
                    self.done.borrow_mut().push(b);
                }
            }
            TagToken(tag) if &*tag.name == "title" || &*tag.name == "textarea" => {
                return TokenSinkResult::RawData(RawKind::Rcdata);
            }
            CharacterTokens(t) => {
                if let Some(b) = self.open.borrow_mut().as_mut() {
                    b.text.push_str(&t);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

fn blocks(html: &str) -> Vec<Block> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tok = Tokenizer::new(Blocks::default(), TokenizerOpts::default());
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.done.take()
}

/// The page's policy: (style-src, script-src).
fn policy(file: &str, html: &str) -> (String, String) {
    let start = html.find("Content-Security-Policy\" content=\"").unwrap_or_else(|| panic!("{file}: no CSP")) + 34;
    let csp = &html[start..start + html[start..].find('"').unwrap()];
    let directive = |name: &str| {
        csp.split(';')
            .map(str::trim)
            .find(|d| d.starts_with(name))
            .unwrap_or_else(|| panic!("{file}: {csp}"))
            .to_string()
    };
    (directive("style-src"), directive("script-src"))
}

/// Whether the page's stylesheets may come from the site itself, and only from there.
fn styles_self(page: &std::path::Path) -> bool {
    let html = std::fs::read_to_string(page).unwrap();
    let (styles, _) = policy("index.html", &html);
    styles.split_whitespace().any(|s| s == "'self'") && !styles.contains("unsafe") && !styles.contains("http")
}

fn allowed(file: &str, html: &str, b: &Block) -> bool {
    let (styles, scripts) = policy(file, html);
    let src = if b.tag == "style" { styles } else { scripts };
    match &b.integrity {
        Some(i) => !i.is_empty() && src.split_whitespace().any(|s| s == format!("'{i}'")),
        None => src.contains(&format!("'sha256-{}'", sha256_b64(b.text.as_bytes()))),
    }
}

/// Every page of the repository's default site, built: every inline script (JSON-LD aside) and
/// style a browser finds, and every script file it loads (by the hash of the file's bytes), is
/// allowed by the page's policy, and the policy allows nothing else; stylesheets come from the
/// site itself.
#[test]
fn every_page_of_the_default_site_allows_all_its_own_code_and_nothing_more() {
    let out = tempfile::tempdir().unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["build", "--root"])
        .arg(repo())
        .arg("--out")
        .arg(out.path().join("site"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mut pages = 0;
    let mut seen = [0; 2];
    let site = out.path().join("site");
    for (file, bytes) in tree(&out.path().join("site")) {
        if !file.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        assert!(!html.contains("ladder-own"), "{file}: a declaration mark was published");
        let (styles, scripts) = policy(&file, &html);
        let mut hashes = 0;
        for b in blocks(&html) {
            if b.json_ld {
                assert!(!allowed(&file, &html, &b), "{file}: JSON-LD is data, not script");
                continue;
            }
            assert!(allowed(&file, &html, &b), "{file}: <{}> {:.80} is not allowed by its hash", b.tag, b.text);
            if let Some(i) = &b.integrity {
                let body = std::fs::read(site.join(b.src.trim_start_matches('/'))).unwrap();
                assert_eq!(*i, format!("sha256-{}", sha256_b64(&body)), "{file}: {}", b.src);
            }
            seen[(b.integrity.is_some()) as usize] += 1;
            hashes += 1;
        }
        let listed = styles.matches("'sha256-").count() + scripts.matches("'sha256-").count();
        assert!(listed <= hashes, "{file}: the policy allows more than the page holds: {styles}; {scripts}");
    }
    assert!(styles_self(&out.path().join("site/index.html")), "stylesheets from the site itself");
    assert!(pages > 50 && seen[0] >= 1 && seen[1] >= pages, "{pages} pages, {seen:?} inline blocks and script files");
}

/// A site's template prints an editor's field with `| safe`: the script and style in it reach
/// the page, but the policy does not allow them; the page's own scripts and style still run.
#[test]
fn a_script_an_editor_slipped_into_a_page_is_not_allowed() {
    let payload = "<script>alert(1)</script><style>.pwned{color:red}</style><script type=module>alert(2)</script>";
    let s = Site::copy_of("tests/fixture");
    let role = s.root().join("data/roles/model-evaluator.yaml");
    let text = std::fs::read_to_string(&role).unwrap();
    let summary = text.lines().find(|l| l.starts_with("summary:")).expect("a summary line").to_string();
    std::fs::write(&role, text.replace(&summary, &format!("summary: '{payload}'"))).unwrap();
    let builtin = std::fs::read_to_string(repo().join("templates/role.html")).unwrap();
    s.write("templates/role.html", &builtin.replace("{{ role.summary }}", "{{ role.summary | safe }}"));
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = "roles/model-evaluator/index.html";
    let html = s.page(file);
    assert!(html.contains(payload), "the payload reaches the page as markup");
    let found = blocks(&html);
    let is_payload = |b: &&Block| !b.json_ld && (b.text.contains("alert(") || b.text.contains(".pwned"));
    let injected: Vec<&Block> = found.iter().filter(is_payload).collect();
    assert_eq!(injected.len(), 3, "{found:?}");
    for b in injected {
        assert!(!allowed(file, &html, b), "the injected {b:?} is allowed");
    }
    let own: Vec<&Block> = found.iter().filter(|b| !b.json_ld && !is_payload(b)).collect();
    assert!(!own.is_empty(), "{own:?}");
    for b in own {
        assert!(allowed(file, &html, b), "the page's own <{}> {:.60} is not allowed", b.tag, b.text);
    }
}

/// A script written in a site's template, with template expressions inside, is the site's own.
#[test]
fn a_script_a_site_template_writes_is_allowed() {
    let s = Site::copy_of("tests/fixture");
    let builtin = std::fs::read_to_string(repo().join("templates/base.html")).unwrap();
    s.write(
        "templates/base.html",
        &builtin.replace(
            "</body>",
            "<script type=\"module\" data-x=\"a>b\">const title = \"{{ site.title }}\";</script><STYLE media=print>p{color:#000}</STYLE></body>",
        ),
    );
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = s.page("index.html");
    let found = blocks(&html);
    let mine: Vec<&Block> =
        found.iter().filter(|b| b.text.contains("const title") || b.text.contains("color:#000")).collect();
    assert_eq!(mine.len(), 2, "{found:?}");
    for b in mine {
        assert!(allowed("index.html", &html, b), "{b:?}");
    }
}

/// `serve`'s own style and reload script are allowed on every page it serves.
#[test]
fn the_markup_serve_adds_is_allowed() {
    let page = format!(
        "<!doctype html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{}\"></head><body><p>x</p></body>",
        ladder::output::CSP_PLACEHOLDER
    );
    let extra = ladder::output::Inject { head: "<style>p{}</style>".into(), body: "<script>reload()</script>".into() };
    let html = ladder::output::finish_html(&ladder::output::inject(page, Some(&extra)), "");
    let found = blocks(&html);
    assert_eq!(found.len(), 2, "{html}");
    assert!(found.iter().all(|b| allowed("page", &html, b)), "{html}");
    assert!(!html.contains("ladder-own"), "{html}");
}

/// The declaration marks are drawn afresh by each process and never reach the output: two
/// builds write the same bytes.
#[test]
fn two_builds_write_the_same_bytes() {
    let s = Site::copy_of("tests/fixture");
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let first = tree(&s.out());
    let again = s.build();
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(first == tree(&s.out()), "the second build wrote different bytes");
}
