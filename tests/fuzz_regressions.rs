//! Inputs the fuzzers (fuzz/) found, each pinned so the bug stays fixed. Every diagnostic must
//! point inside its file (line and column) and the run must not panic.

mod common;
use common::Site;

fn check_positions(site: &Site) -> ladder::Outcome {
    let outcome = ladder::run(&ladder::Options {
        root: site.root().to_path_buf(),
        out: None,
        base_url: None,
        strict: false,
        today: ladder::date::parse("2026-11-23").unwrap(),
        drafts: false,
        live_reload: None,
    });
    for d in &outcome.diagnostics {
        assert!(outcome.sources.points_inside(d), "{}:{}:{}: {}", d.path, d.line, d.column, d.message);
    }
    outcome
}

/// data_file: a file that is not UTF-8 after multi-byte characters on its line. The column was
/// counted in bytes and the file's text was not kept, so the position pointed nowhere.
#[test]
fn not_utf8_after_multibyte_characters() {
    let site = Site::new(&[]);
    std::fs::write(site.root().join("data/industries.yaml"), b"- id: tech\n  name: \xc3\xa9\xc3\xa9\xc3\xa9 \xff\n")
        .unwrap();
    let outcome = check_positions(&site);
    let d = outcome.diagnostics.iter().find(|d| d.message.contains("not valid UTF-8")).expect("a diagnostic");
    assert_eq!((d.line, d.column), (2, 13), "{d:?}");
    let shown = ladder::diagnostic::render_human(d, &outcome.sources, false);
    assert!(shown.contains("name: ééé"), "{shown}");
}
