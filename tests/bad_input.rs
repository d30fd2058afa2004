//! Bad input that used to slip through a build: control characters in text, files that are not
//! regular files, and a base URL that is not plain ASCII. Each is run the way an editor meets it,
//! with `ladder build` on a site folder.

mod common;
use std::process::Command;
use std::time::Duration;

use common::{role_yaml, Site, ROLE};

fn mkfifo(site: &Site, rel: &str) {
    let path = site.root().join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
    assert!(status.success());
}

/// `"\0"`, `"\x0c"` and `"\e"` in a title used to build with exit 0, leaving NUL bytes in pages
/// and a `feed.xml` that is not well-formed. Now each is an error at its place, nothing is built.
#[test]
fn control_characters_in_text_stop_the_build() {
    for (title, col) in [(r#""Analyst\0""#, 16), (r#""Analyst\x0c""#, 16), (r#""An \e[2J analyst""#, 12)] {
        let site = Site::new(&[(ROLE, &role_yaml(title, ""))]);
        let run = site.build();
        assert_eq!(run.code, 1, "{title}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("data/roles/analyst.yaml:1:{col}: error: `")),
            "{title}: the error points at the escape:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains("stands for the invisible character U+00"), "{}", run.stderr);
        assert!(!run.stderr.contains('\u{1b}'), "no raw control character reaches the terminal");
        assert!(!site.out().exists(), "{title}: nothing is built");
    }
    // A raw control character in a Markdown field, and one in a guide.
    let site = Site::new(&[
        (ROLE, &role_yaml("Analyst", "description: |\n  Line one.\n  Bell \u{7} here.\n")),
        ("content/guide.md", "---\ntitle: Guide\n---\nNUL \0 here.\n"),
    ]);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("data/roles/analyst.yaml:10:8: error: the text holds the invisible character U+0007 (bell)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/guide.md:4:5: error: the text holds the invisible character U+0000 (NUL)"),
        "{}",
        run.stderr
    );
}

/// A file with a control character is still read whole: the other mistakes of the site are
/// reported in the same run, references into that file included.
#[test]
fn a_control_character_hides_no_other_mistake() {
    let site = Site::new(&[
        ("data/skills.yaml", "- id: python\n  name: \"Py\\ethon\"\n- id: statistics\n  name: Statistics\n"),
        (ROLE, &role_yaml("Analyst", "").replace("skill: python", "skill: pyhton")),
    ]);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("data/skills.yaml:2:12: error: `\\e` stands for"), "{}", run.stderr);
    assert!(run.stderr.contains("data/roles/analyst.yaml:5:14: error: unknown skill `pyhton`"), "{}", run.stderr);
}

/// A file name or a value quoted in a message never brings a control character to the terminal.
#[test]
fn messages_show_control_characters_as_symbols() {
    let site = Site::new(&[
        ("data/roles/\u{1b}[2J.yaml", &role_yaml("Analyst", "")),
        (ROLE, &role_yaml("Analyst", "related: [\"x\\e[2J\"]\n")),
    ]);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "{:?}", run.stderr);
    assert!(run.stderr.contains("data/roles/\u{241b}[2J.yaml: error:"), "{}", run.stderr);
    assert!(run.stderr.contains("unknown role `x\u{241b}[2J`"), "{}", run.stderr);
}

/// Tabs and line breaks are text; C1 controls and noncharacters are not.
#[test]
fn tabs_and_line_breaks_are_fine_other_invisible_characters_are_not() {
    let site = Site::new(&[
        (
            ROLE,
            &role_yaml(
                "\"Data\\tanalyst\"",
                "description: \"Reads\\nnumbers.\\tAnd\tmore.\"\ntasks: [\"Count\tthings\"]\n",
            ),
        ),
        ("content/guide.md", "---\ntitle: Guide\n---\n\tIndented\tcode.\n"),
    ]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let feed = std::fs::read(site.out().join("feed.xml")).unwrap();
    assert!(!feed.iter().any(|b| *b < 0x20 && !b"\t\n\r".contains(b)), "feed.xml holds only XML characters");

    for (text, what) in [("\"a\\N b\"", "U+0085"), ("\"a\\uFFFE b\"", "U+FFFE"), ("a \u{9b} b", "U+009B")] {
        let site = Site::new(&[(ROLE, &role_yaml("Analyst", &format!("education: {text}\n")))]);
        let run = site.check();
        assert_eq!(run.code, 1, "{text}: {}", run.stderr);
        assert!(run.stderr.contains(what), "{text}: {}", run.stderr);
    }
}

/// A named pipe among the data, pages or templates is an error naming it (it used to be
/// skipped in silence, and `data/site.yaml` as a pipe was "missing"); nothing waits on it.
#[test]
fn named_pipes_are_errors_and_never_block() {
    let site = Site::new(&[]);
    mkfifo(&site, "data/roles/pipe.yaml");
    site.remove("data/site.yaml");
    mkfifo(&site, "data/site.yaml");
    mkfifo(&site, "content/page.md");
    mkfifo(&site, "templates/role.html");
    let run = site.ladder_within(&["build"], Duration::from_secs(60));
    assert_eq!(run.code, 1, "{}", run.stderr);
    for path in ["data/roles/pipe.yaml", "data/site.yaml", "content/page.md", "templates/role.html"] {
        assert!(
            run.stderr.contains(&format!("{path}: error: this is a named pipe (FIFO), not a file or folder")),
            "{path}:\n{}",
            run.stderr
        );
    }
    assert!(!run.stderr.contains("missing required file"), "{}", run.stderr);
    assert!(!site.out().exists());
}

/// `base_url: https://example.org/café/` used to give a false broken link for every link that
/// Markdown wrote (percent-encoded) and blame a template. Now the site builds, and every link
/// of every page, read as a browser reads it, names a file of the output.
#[test]
fn a_base_url_with_non_ascii_characters_builds_with_working_links() {
    let site = Site::copy_of("tests/fixture");
    let config = std::fs::read_to_string(site.root().join("data/site.yaml")).unwrap();
    let config: String = config
        .lines()
        .map(|l| {
            if l.starts_with("base_url:") {
                "base_url: https://example.org/café/".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    site.write("data/site.yaml", &config);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("broken link"), "{}", run.stderr);
    let mut checked = 0;
    let mut encoded = 0;
    for (file, bytes) in common::tree(&site.out()) {
        if !file.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for href in html.split("href=\"").skip(1).filter_map(|s| s.split('"').next()) {
            let href = href.split(['#', '?']).next().unwrap();
            if !href.starts_with('/') {
                continue;
            }
            encoded += usize::from(href.contains('%'));
            let path = ladder::urls::percent_decode(href).expect("a well-formed address");
            let rel =
                path.strip_prefix("/café/").unwrap_or_else(|| panic!("{file}: `{href}` is outside the base path"));
            let target = site.out().join(rel);
            let target = if rel.is_empty() || rel.ends_with('/') { target.join("index.html") } else { target };
            assert!(target.is_file(), "{file}: `{href}` names no file of the output");
            checked += 1;
        }
    }
    assert!(checked > 100 && encoded > 0, "{checked} links checked, {encoded} percent-encoded");
}

/// Figures a pay band cannot honestly hold stop the build instead of showing
/// `$1,000,000,000,000,000,019,884,624,838,656` or "$0 an hour".
#[test]
fn pay_figures_out_of_range_stop_the_build() {
    for (band, shown) in [
        ("{ basis: annual, median: 1e30, source: survey }", "1,000,000,000,000,000,019,884,624,838,656"),
        ("{ basis: hourly, low: 1e-300, source: survey }", "$0 an hour"),
        ("{ basis: hourly, mean: 0.004, source: survey }", "$0 an hour"),
    ] {
        let site = Site::new(&[(ROLE, &role_yaml("Analyst", &format!("pay:\n  - {band}\n")))]);
        let run = site.build();
        assert_eq!(run.code, 1, "{band}: {}", run.stderr);
        assert!(run.stderr.contains("figures run from"), "{band}: the range is in the help:\n{}", run.stderr);
        assert!(!run.stderr.contains(shown));
    }
    // The ends of the ranges are fine.
    let site = Site::new(&[(
        ROLE,
        &role_yaml(
            "Analyst",
            "pay:\n  - { basis: hourly, low: 0.01, high: 100000000, source: survey }\n  - { basis: annual, low: 1, high: 100000000000, source: survey }\n",
        ),
    )]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A role listed twice in `related` (and an id repeated in any list of ids) is an error, like a
/// repeated industry; it used to be shown twice on the page. Repeated free text (tasks,
/// aliases, ...) is a warning: a blemish on the page, not a wrong reference.
#[test]
fn repeated_list_entries_are_errors() {
    let other = "title: Engineer\ncategory: technical\nsummary: Builds.\nskills:\n  - { skill: python, level: working }\npay_note: None published.\nsources: [survey]\n";
    let site = Site::new(&[
        (
            ROLE,
            &role_yaml(
                "Analyst",
                "related: [engineer, engineer]\ntasks: [Count, Report, Count]\nbackgrounds: [Clerk, Clerk]\ncredentials: [CPA, CPA]\nbreaking_in: [Apply., Apply.]\naliases: [Numbers person, numbers person]\n",
            )
            .replace("sources: [survey]", "sources: [survey, survey]"),
        ),
        ("data/roles/engineer.yaml", other),
        ("data/paths/up.yaml", "title: Up\nsources: [survey, survey]\nsteps:\n  - { role: analyst }\n  - { role: engineer }\n"),
        (
            "data/quiz.yaml",
            "traits:\n  - { id: code, name: Code }\nquestions:\n  - id: bg\n    options:\n      - { id: dev, label: Dev, adds: { code: 2 }, has: [python, python] }\n      - { id: an, label: Analyst, adds: { code: 1 } }\n    prompt: Background?\n",
        ),
    ]);
    let run = site.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for e in [
        "data/quiz.yaml:6:65: error: skill `python` is listed twice in `has`",
        "data/roles/analyst.yaml:7:19: error: source `survey` is listed twice in `sources`",
        "data/roles/analyst.yaml:8:21: error: role `engineer` is listed twice in `related`",
        "data/roles/analyst.yaml:9:24: warning: task `Count` is listed twice in `tasks`",
        "data/roles/analyst.yaml:10:22: warning: background `Clerk` is listed twice in `backgrounds`",
        "data/roles/analyst.yaml:11:20: warning: credential `CPA` is listed twice in `credentials`",
        "data/roles/analyst.yaml:12:23: warning: entry `Apply.` is listed twice in `breaking_in`",
        "data/roles/analyst.yaml:13:27: warning: alias `numbers person` is listed twice in `aliases`",
        "data/paths/up.yaml:2:19: error: source `survey` is listed twice in `sources`",
    ] {
        assert!(run.stderr.contains(e), "expected `{e}` in:\n{}", run.stderr);
    }
}
