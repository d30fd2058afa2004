//! Inputs the fuzzers (fuzz/) found, each pinned so the bug stays fixed. Every diagnostic must
//! point inside its file (line and column) and the run must not panic.

mod common;
use common::Site;

fn check_positions(site: &Site) -> ladder::Outcome {
    let outcome = site.check_in_process();
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

/// data_file: a lone `\r` is a line end to YAML, but the diagnostic's line was counted in `\n`
/// only, so an error after it pointed past the end of a shorter line. Line ends are now made
/// `\n` when a file is read; the position and the snippet agree.
#[test]
fn lone_carriage_return_is_a_line_end() {
    let site = Site::new(&[]);
    std::fs::write(
        site.root().join("data/categories.yaml"),
        b"- id: technical\n  name: Technical roles\r- id: x\x00y\n  name: X\n",
    )
    .unwrap();
    let outcome = check_positions(&site);
    let d = outcome.diagnostics.iter().find(|d| d.path == "data/categories.yaml").expect("a diagnostic");
    assert_eq!(d.line, 3, "{d:?}");
    let shown = ladder::diagnostic::render_human(d, &outcome.sources, false);
    assert!(shown.contains("3 | - id: x"), "{shown}");
}

/// The same site with CRLF, CR or LF line ends builds the same bytes.
#[test]
fn line_ends_do_not_change_the_output() {
    let trees: Vec<_> = ["\n", "\r\n", "\r"]
        .iter()
        .map(|end| {
            let site = Site::copy_of("tests/fixture");
            for entry in walkdir::WalkDir::new(site.root()).into_iter().flatten() {
                let p = entry.path();
                if p.extension().is_some_and(|e| e == "yaml" || e == "md") {
                    let text = std::fs::read_to_string(p).unwrap();
                    std::fs::write(p, text.replace('\n', end)).unwrap();
                }
            }
            let run = site.build();
            assert_eq!(run.code, 0, "line end {end:?}: {}", run.stderr);
            common::tree(&site.out())
        })
        .collect();
    assert!(trees[0].len() > 10);
    assert!(trees[0] == trees[1], "CRLF differs from LF");
    assert!(trees[0] == trees[2], "CR differs from LF");
}
