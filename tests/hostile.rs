//! Hostile content: `tests/hostile` puts script tags, event-handler attributes, `javascript:` and
//! `data:` URLs, unbalanced markup and template syntax in every text field of the data contract,
//! in Markdown and in front matter (each payload names its field). Every built page is tokenised
//! as a browser would (html5ever) and must hold none of it as markup. Script and data URLs in
//! links are errors. The same site runs in headless Chromium in
//! tests/browser/standalone/hostile.test.mjs.

mod common;
use std::cell::RefCell;

use common::Site;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, CharacterTokens, StartTag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

/// What a page holds that could run script: one line per finding.
#[derive(Default)]
struct Inspector {
    findings: RefCell<Vec<String>>,
    /// Text of the `<script>` being read, if any.
    script: RefCell<Option<String>>,
    /// Every character outside tags, to check the payloads are shown as text.
    text: RefCell<String>,
}

fn dangerous_url(v: &str) -> bool {
    // Browsers drop ASCII tabs and newlines anywhere and leading controls and spaces.
    let v: String = v.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let v = v.trim_start_matches(|c: char| c <= ' ').to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text", "data:application", "data:image/svg"].iter().any(|s| v.starts_with(s))
}

impl TokenSink for Inspector {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        match token {
            TagToken(tag) => {
                if let Some(text) = self.script.borrow_mut().take() {
                    let t = text.trim_start();
                    if t.starts_with("window.__pwned") || t.starts_with("parent.__pwned") || t.contains("alert(") {
                        self.findings
                            .borrow_mut()
                            .push(format!("line {line}: injected script `{}`", &t[..t.len().min(60)]));
                    }
                }
                if tag.kind != StartTag {
                    return TokenSinkResult::Continue;
                }
                let name = tag.name.to_string();
                for a in &tag.attrs {
                    let an: &str = &a.name.local;
                    if an == "data-pwn" {
                        self.findings.borrow_mut().push(format!("line {line}: injected <{name} data-pwn>"));
                    } else if an.starts_with("on")
                        || (["href", "src", "action", "formaction", "srcdoc", "data", "xlink:href"].contains(&an)
                            && dangerous_url(&a.value)
                            // The site's own icon is an SVG data URL, which a <link> never runs.
                            && !(name == "link" && a.value.starts_with("data:image/")))
                    {
                        self.findings.borrow_mut().push(format!("line {line}: <{name} {an}=\"{}\">", a.value));
                    }
                }
                if ["iframe", "object", "embed", "base", "frame"].contains(&name.as_str()) {
                    self.findings.borrow_mut().push(format!("line {line}: <{name}>"));
                }
                match name.as_str() {
                    "script" => {
                        *self.script.borrow_mut() = Some(String::new());
                        TokenSinkResult::RawData(RawKind::ScriptData)
                    }
                    "style" => TokenSinkResult::RawData(RawKind::Rawtext),
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                }
            }
            CharacterTokens(t) => {
                match self.script.borrow_mut().as_mut() {
                    Some(s) => s.push_str(&t),
                    None => self.text.borrow_mut().push_str(&t),
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// (findings, text) of one HTML document.
fn inspect(html: &str) -> (Vec<String>, String) {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let tok = Tokenizer::new(Inspector::default(), TokenizerOpts::default());
    let _ = tok.feed(&input);
    tok.end();
    let findings = tok.sink.findings.take();
    let text = tok.sink.text.take();
    (findings, text)
}

#[test]
fn the_inspector_sees_injected_markup() {
    let (f, _) = inspect("<p>ok</p><img data-pwn src=x onerror=\"alert(1)\"><a href=\" java\tscript:x\">x</a>");
    assert_eq!(f.len(), 3, "{f:?}");
    let (f, _) = inspect("<script>var a = 1;</script><script>window.__pwned='x'</script>");
    assert_eq!(f.len(), 1, "{f:?}");
    let (f, text) =
        inspect("<p>&lt;script data-pwn&gt;window.__pwned=1&lt;/script&gt; <a href=\"https://x.org/\">x</a></p>");
    assert!(f.is_empty(), "{f:?}");
    assert!(text.contains("<script data-pwn>"));
}

/// Fields whose payload must show on some page as text: proof that the fields are rendered
/// (and so that the absence of findings means something).
const SHOWN: &[&str] = &[
    "site-title",
    "source-title",
    "source-publisher",
    "category-name",
    "category-summary",
    "category-outlook",
    "industry-name",
    "industry-summary",
    "industry-description",
    "skill-name",
    "skill-summary",
    "skill-learn",
    "band-label",
    "band-note",
    "role-title",
    "role-summary",
    "role-description",
    "role-task",
    "role-pay-note",
    "role-breaking-in",
    "role-outlook",
    "pay-label",
    "pay-note",
    "path-title",
    "step-job",
    "step-stage",
    "quiz-title",
    "quiz-intro",
    "question-prompt",
    "option-label",
    "home-title",
    "home-body",
    "guide-title",
    "guide-body",
];

#[test]
fn hostile_content_is_inert_in_every_page() {
    let site = Site::copy_of("tests/hostile");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut findings = Vec::new();
    let mut all_text = String::new();
    let mut pages = 0;
    for (rel, bytes) in common::tree(&site.out()) {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).expect("UTF-8 page");
        let (f, text) = inspect(&html);
        findings.extend(f.into_iter().map(|f| format!("{rel}: {f}")));
        all_text.push_str(&text);
    }
    assert!(pages >= 15, "{pages} pages");
    assert!(findings.is_empty(), "script could run:\n{}", findings.join("\n"));
    let missing: Vec<&&str> =
        SHOWN.iter().filter(|f| !all_text.contains(&format!("<script data-pwn>window.__pwned='{f}'"))).collect();
    assert!(missing.is_empty(), "payloads not shown as text: {missing:?}");
    // Template syntax in data is text, never evaluated.
    assert!(all_text.contains("{{ 7*7 }}") && !all_text.contains(" 49 "));
}

#[test]
fn script_and_data_urls_in_data_are_errors() {
    let md = [
        "[a](javascript:alert(1))",
        "[b](JaVaScRiPt:alert(1))",
        "[c](<java\tscript:alert(1)>)",
        "<javascript:alert(1)>",
        "[d][ref]\n\n[ref]: vbscript:msgbox(1)",
        "[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![f](https://example.org/x.png)",
        "[g](\u{1}javascript:alert(1))",
    ];
    let description = md.join("\n\n");
    let role = format!(
        "title: A\ncategory: technical\nsummary: S.\ndescription: {}\nskills:\n  - {{ skill: python, level: working }}\npay_note: None.\nsources: [survey]\n",
        serde_json::to_string(&description).unwrap()
    );
    let sources = "- id: survey\n  title: S\n  url: \"javascript:alert(1)\"\n  accessed: 2026-10-01\n- id: other\n  title: O\n  url: \" data:text/html,<script>alert(1)</script>\"\n  accessed: 2026-10-01\n- id: third\n  title: T\n  url: \"https://example.org/?q=\\\"><script>alert(1)</script>\"\n  accessed: 2026-10-01\n";
    let site = Site::new(&[("data/roles/analyst.yaml", &role), ("data/sources.yaml", sources)]);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.stderr.lines().filter(|l| l.contains("data/roles/analyst.yaml:") && l.contains("error:")).count();
    assert!(errors >= md.len() - 1, "{errors} errors for {} bad links:\n{}", md.len(), run.stderr);
    for s in
        ["`javascript:` links are not allowed", "`data:` links are not allowed", "`vbscript:` links are not allowed"]
    {
        assert!(run.stderr.contains(s), "`{s}` in:\n{}", run.stderr);
    }
    let source_errors =
        run.stderr.lines().filter(|l| l.starts_with("data/sources.yaml:") && l.contains("error:")).count();
    assert_eq!(source_errors, 3, "{}", run.stderr);
    assert!(run.stderr.contains("percent-encode it"), "{}", run.stderr);
}

#[test]
fn unicode_edge_cases_build() {
    let site = Site::copy_of("tests/hostile");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rtl = site.page("roles/rtl/index.html");
    assert!(rtl.contains("مقيّم النماذج שלום 🚀"), "RTL and emoji title");
    assert!(rtl.contains("a\u{301}\u{302}\u{303}"), "combining marks kept");
    let long = site.page("roles/long/index.html");
    assert!(long.contains(&"Évaluateur ".repeat(900)), "the 10,000-character title is whole");
}
