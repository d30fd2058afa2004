//! Broken input: each case writes a site with one mistake, runs `ladder check`, and asserts the
//! `path:line:col: message` the editor sees. The whole output is pinned as a snapshot, so a
//! message cannot silently get worse.

mod common;
use common::{Site, ROLE};

/// Run `check` on the base site plus `files`, minus `remove`; assert exit code and headlines.
fn case(name: &str, files: &[(&str, &str)], remove: &[&str], expect: &[&str]) -> String {
    let site = Site::new(files);
    for r in remove {
        site.remove(r);
    }
    let run = site.check();
    assert_eq!(run.code, 1, "{name}: expected exit 1\n{}", run.stderr);
    for e in expect {
        assert!(run.stderr.contains(e), "{name}: expected `{e}` in:\n{}", run.stderr);
    }
    insta::assert_snapshot!(name, run.stderr);
    run.stderr
}

fn role(extra: &str) -> String {
    common::role_yaml("Analyst", extra)
}

#[test]
fn yaml_syntax_error() {
    case(
        "yaml_syntax_error",
        &[("data/skills.yaml", "- id: python\n  name: Python\n  aliases: [py\n")],
        &[],
        &["data/skills.yaml:"],
    );
}

#[test]
fn wrong_type() {
    case(
        "wrong_type",
        &[(ROLE, &role("pay:\n  - { basis: annual, low: lots, source: survey }\n"))],
        &[],
        &["data/roles/analyst.yaml:9:27: error: expected a number here"],
    );
}

#[test]
fn unknown_field_with_suggestion() {
    let out = case(
        "unknown_field",
        &[(ROLE, &role("sumary: typo\n"))],
        &[],
        &["data/roles/analyst.yaml:8:1: error: unknown field `sumary`"],
    );
    assert!(out.contains("did you mean `summary`?"));
}

#[test]
fn unknown_file_yml() {
    let out = case(
        "unknown_file_yml",
        &[("data/roles/extra.yml", "title: X\n")],
        &[],
        &["data/roles/extra.yml: error: unknown file in `data/`"],
    );
    assert!(out.contains("rename it to `extra.yaml`"));
}

#[test]
fn unknown_folder() {
    let out = case(
        "unknown_folder",
        &[("data/role/x.yaml", "title: X\n")],
        &[],
        &["data/role/x.yaml: error: unknown file in `data/`"],
    );
    assert!(out.contains("did you mean `roles`?"));
}

#[test]
fn unknown_content_file() {
    case(
        "unknown_content_file",
        &[("content/a.markdown", "---\ntitle: A\n---\n")],
        &[],
        &["content/a.markdown: error: unknown file in `content/`"],
    );
}

#[test]
fn missing_field() {
    case(
        "missing_field",
        &[(ROLE, "title: Analyst\ncategory: technical\nskills:\n  - { skill: python, level: working }\n")],
        &[],
        &["data/roles/analyst.yaml:1:1: error: missing required field `summary`"],
    );
}

#[test]
fn missing_required_file() {
    case(
        "missing_file",
        &[],
        &["data/sources.yaml"],
        &["data/sources.yaml: error: missing required file `data/sources.yaml`"],
    );
}

#[test]
fn duplicate_id() {
    case(
        "duplicate_id",
        &[(
            "data/skills.yaml",
            "- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n- id: python\n  name: Python again\n",
        )],
        &[],
        &["data/skills.yaml:5:7: error: duplicate skill id `python`"],
    );
}

#[test]
fn unknown_category() {
    let out = case(
        "unknown_category",
        &[(ROLE, &role("").replace("category: technical", "category: tecnical"))],
        &[],
        &["data/roles/analyst.yaml:2:11: error: unknown category `tecnical`"],
    );
    assert!(out.contains("did you mean `technical`?"));
}

#[test]
fn misspelt_skill() {
    let out = case(
        "misspelt_skill",
        &[(ROLE, &role("").replace("skill: python", "skill: pyhton"))],
        &[],
        &["data/roles/analyst.yaml:5:14: error: unknown skill `pyhton`"],
    );
    assert!(out.contains("did you mean `python`?"));
}

#[test]
fn skill_alias_instead_of_id() {
    let skills = "- id: python\n  name: Python\n  aliases: [py]\n- id: statistics\n  name: Statistics\n";
    let out = case(
        "skill_alias",
        &[("data/skills.yaml", skills), (ROLE, &role("").replace("skill: python", "skill: py"))],
        &[],
        &["data/roles/analyst.yaml:5:14: error: unknown skill `py`"],
    );
    assert!(out.contains("`py` is an alias; use the skill id `python`"));
}

#[test]
fn unknown_industry() {
    case(
        "unknown_industry",
        &[
            (ROLE, &role("industries: [helthcare]\n")),
            ("data/industries.yaml", "- id: healthcare\n  name: Healthcare\n"),
        ],
        &[],
        &["data/roles/analyst.yaml:8:14: error: unknown industry `helthcare`"],
    );
}

#[test]
fn unknown_source() {
    case(
        "unknown_source",
        &[(ROLE, &role("").replace("sources: [survey]", "sources: [survey, report-2030]"))],
        &[],
        &["data/roles/analyst.yaml:7:19: error: unknown source `report-2030`"],
    );
}

#[test]
fn unknown_via() {
    case(
        "unknown_via",
        &[(ROLE, &role("pay:\n  - { basis: hourly, mean: 50, source: survey, via: nobody }\n"))],
        &[],
        &["data/roles/analyst.yaml:9:53: error: unknown source `nobody`"],
    );
}

#[test]
fn unknown_band() {
    case(
        "unknown_band",
        &[(ROLE, &role("pay:\n  - { band: evaluation-work }\n"))],
        &[],
        &["data/roles/analyst.yaml:9:13: error: unknown pay band `evaluation-work`"],
    );
}

#[test]
fn unknown_related_role() {
    case(
        "unknown_related",
        &[(ROLE, &role("related: [analist]\n"))],
        &[],
        &["data/roles/analyst.yaml:8:11: error: unknown role `analist`"],
    );
}

#[test]
fn unknown_path_role() {
    case(
        "unknown_path_role",
        &[("data/paths/up.yaml", "title: Up\nsteps:\n  - { job: Clerk }\n  - { role: analist }\n")],
        &[],
        &["data/paths/up.yaml:4:13: error: unknown role `analist`"],
    );
}

const QUIZ: &str = "traits:\n  - { id: code, name: Code }\n  - { id: data, name: Data }\nquestions:\n  - id: bg\n    prompt: Background?\n    options:\n      - { id: dev, label: Developer, adds: { code: 2 }, has: [python] }\n      - { id: an, label: Analyst, adds: { data: 2 } }\n";

#[test]
fn unknown_trait_in_fit() {
    let out = case(
        "unknown_trait",
        &[("data/quiz.yaml", QUIZ), (ROLE, &role("fit: { cod: 3 }\n"))],
        &[],
        &["data/roles/analyst.yaml:8:8: error: unknown trait `cod`"],
    );
    assert!(out.contains("did you mean `code`?"));
}

#[test]
fn unknown_has_skill() {
    case(
        "unknown_has",
        &[("data/quiz.yaml", &QUIZ.replace("has: [python]", "has: [pyton]")), (ROLE, &role("fit: { code: 3 }\n"))],
        &[],
        &["data/quiz.yaml:8:63: error: unknown skill `pyton`"],
    );
}

#[test]
fn dangling_markdown_link() {
    let out = case(
        "dangling_link",
        &[("content/guide.md", "---\ntitle: Guide\n---\nIntro.\n\nSee [the analyst](@/roles/analist/) page.\n")],
        &[],
        &["content/guide.md:6:19: error: link to a page that does not exist: `@/roles/analist/`"],
    );
    assert!(out.contains("did you mean `analyst`?"));
}

#[test]
fn figures_out_of_order() {
    case(
        "figures_order",
        &[(ROLE, &role("pay:\n  - basis: annual\n    low: 90000\n    high: 60000\n    source: survey\n"))],
        &[],
        &["data/roles/analyst.yaml:11:11: error: `high` (60000) is below `low` (90000)"],
    );
}

#[test]
fn unknown_currency() {
    let out = case(
        "unknown_currency",
        &[(ROLE, &role("pay:\n  - { basis: annual, low: 5, currency: USX, source: survey }\n"))],
        &[],
        &["data/roles/analyst.yaml:9:40: error: unknown currency `USX`"],
    );
    assert!(out.contains("did you mean `USD`?"));
}

#[test]
fn unsafe_id() {
    case(
        "unsafe_id",
        &[(
            "data/skills.yaml",
            "- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n- id: Data_Viz\n  name: Data viz\n",
        )],
        &[],
        &["data/skills.yaml:5:7: error: `Data_Viz` is not a safe skill id"],
    );
}

#[test]
fn unsafe_file_name() {
    case(
        "unsafe_file_name",
        &[("data/roles/Senior Analyst.yaml", &role(""))],
        &[],
        &["data/roles/Senior Analyst.yaml: error: `Senior Analyst` is not a safe id"],
    );
}

#[test]
fn path_repeats_a_step() {
    case(
        "path_repeat",
        &[(
            "data/paths/loop.yaml",
            "title: Loop\nsteps:\n  - { role: analyst }\n  - { job: Break }\n  - { role: analyst }\n",
        )],
        &[],
        &[
            "data/paths/loop.yaml:5:13: error: the path repeats the step `analyst`",
            "data/paths/loop.yaml:4:5: error: a `job` step can only be the first or last step",
        ],
    );
}

#[test]
fn empty_fit() {
    case(
        "empty_fit",
        &[("data/quiz.yaml", QUIZ), (ROLE, &role("fit: { code: 0, data: 0 }\n"))],
        &[],
        &["data/roles/analyst.yaml:8:6: error: `fit` is empty or all zero"],
    );
}

#[test]
fn missing_fit_with_quiz() {
    case("missing_fit", &[("data/quiz.yaml", QUIZ)], &[], &["data/roles/analyst.yaml:1:1: error: missing `fit`"]);
}

#[test]
fn duplicate_option_ids() {
    let quiz = QUIZ.replace("{ id: an,", "{ id: dev,");
    case(
        "duplicate_option",
        &[("data/quiz.yaml", &quiz), (ROLE, &role("fit: { code: 3 }\n"))],
        &[],
        &["data/quiz.yaml:9:15: error: duplicate option id `dev`"],
    );
}

#[test]
fn quiz_without_questions() {
    case(
        "quiz_no_questions",
        &[
            ("data/quiz.yaml", "traits:\n  - { id: code, name: Code }\nquestions: []\n"),
            (ROLE, &role("fit: { code: 3 }\n")),
        ],
        &[],
        &["data/quiz.yaml:3:12: error: the quiz has no questions"],
    );
}

#[test]
fn bad_front_matter() {
    case(
        "bad_front_matter",
        &[("content/guide.md", "---\ntitle: Guide\nweight: heavy\n---\nBody\n")],
        &[],
        &["content/guide.md:3:9: error: expected a whole number here"],
    );
}

#[test]
fn no_front_matter() {
    case(
        "no_front_matter",
        &[("content/guide.md", "# Guide\n\nBody\n")],
        &[],
        &["content/guide.md:1:1: error: the page has no front matter"],
    );
}

#[test]
fn template_syntax_error() {
    case(
        "template_syntax",
        &[(
            "templates/skill.html",
            "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ skill.name </h1>\n{% endblock main %}\n",
        )],
        &[],
        &["templates/skill.html:3:", "template syntax error"],
    );
}

#[test]
fn yaml_bomb_is_refused() {
    let mut bomb =
        String::from("title: T\nbase_url: https://example.org/\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (i, c) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().enumerate() {
        let prev = ["a", "b", "c", "d", "e", "f", "g", "h"][i];
        bomb.push_str(&format!("  {c}: &{c} [{}]\n", vec![format!("*{prev}"); 10].join(", ")));
    }
    case("yaml_bomb", &[("data/site.yaml", &bomb)], &[], &["data/site.yaml:", "refused"]);
}

#[test]
fn up_to_needs_high_only() {
    case(
        "up_to_with_low",
        &[(ROLE, &role("pay:\n  - { basis: hourly, low: 10, high: 20, up_to: true, source: survey }\n"))],
        &[],
        &["data/roles/analyst.yaml:9:48: error: `up_to` needs `high` and no `low`"],
    );
}

#[test]
fn unread_source_needs_via() {
    let sources = "- id: survey\n  title: Salary survey\n  accessed: 2026-10-01\n- id: wef\n  title: Future of Jobs\n";
    case(
        "unread_source",
        &[("data/sources.yaml", sources), (ROLE, &role("pay:\n  - { basis: annual, mean: 50000, source: wef }\n"))],
        &[],
        &["data/roles/analyst.yaml:9:43: error: source `wef` was not read by us"],
    );
}

#[test]
fn invalid_date() {
    case(
        "invalid_date",
        &[(ROLE, &role("updated: 2026-02-30\n"))],
        &[],
        &["data/roles/analyst.yaml:8:10: error: `2026-02-30` is not a valid date for `updated`"],
    );
}

#[test]
fn script_link_in_markdown() {
    case(
        "script_link",
        &[(ROLE, &role("description: |\n  Click [here](javascript:alert(1)) now.\n"))],
        &[],
        &["data/roles/analyst.yaml:9:16: error: `javascript:` links are not allowed"],
    );
}

#[test]
fn address_written_as_text() {
    case(
        "bare_address",
        &[(ROLE, &role("description: See @/roles/analyst/ for more.\n"))],
        &[],
        &["data/roles/analyst.yaml:8:18: error: `@/roles/analyst/` is written as text, not as a link"],
    );
}

#[test]
fn symlink_outside_root_is_refused() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.yaml"), "title: X\n").unwrap();
    let site = Site::new(&[]);
    std::os::unix::fs::symlink(outside.path().join("x.yaml"), site.root().join("data/roles/x.yaml")).unwrap();
    let run = site.check();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("data/roles/x.yaml: error: symbolic link leads outside the site root"),
        "{}",
        run.stderr
    );
}

/// One role file with three mistakes on three known lines, and a second file with a syntax
/// error: all four are reported, sorted by file and line, each with its hint.
#[test]
fn all_mistakes_reported_together_and_sorted() {
    let bad_role = "title: Analyst\ncategory: tecnical\nsummary: Reads numbers.\nskills:\n  - { skill: pyhton, level: working }\npay:\n  - { basis: annual, low: 90000, high: 60000, source: survey }\nsources: [survey]\n";
    let broken = "title: Broken\ncategory: [technical\n";
    let out = case(
        "four_mistakes",
        &[(ROLE, bad_role), ("data/roles/broken.yaml", broken)],
        &[],
        &[
            "data/roles/analyst.yaml:2:11: error: unknown category `tecnical`",
            "data/roles/analyst.yaml:5:14: error: unknown skill `pyhton`",
            "data/roles/analyst.yaml:7:40: error: `high` (60000) is below `low` (90000)",
            "data/roles/broken.yaml:",
        ],
    );
    let order: Vec<usize> = ["analyst.yaml:2:", "analyst.yaml:5:", "analyst.yaml:7:", "broken.yaml:"]
        .iter()
        .map(|k| out.find(k).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "not sorted:\n{out}");
    assert!(out.contains("did you mean `technical`?") && out.contains("did you mean `python`?"));
    assert!(out.contains("failed: 4 error(s)"), "{out}");
}

#[test]
fn warnings_fail_only_with_strict() {
    let skills = "- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n- id: cobol\n  name: COBOL\n";
    let site = Site::new(&[("data/skills.yaml", skills)]);
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("data/skills.yaml:5:7: warning: no role lists the skill `cobol`"), "{}", run.stderr);
    let strict = site.ladder(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn stale_data_is_a_warning_against_today() {
    let site = Site::new(&[
        ("data/site.yaml", "title: T\nbase_url: https://example.org/\nstale_after_days: 30\n"),
        (ROLE, &role("updated: 2026-01-01\n")),
    ]);
    let run = site.ladder(&["check", "--today", "2026-11-23"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("data/roles/analyst.yaml:8:10: warning: the role was last reviewed 326 days ago (limit 30)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("data/sources.yaml:3:13: warning: source `survey` is 53 days old"), "{}", run.stderr);
    let fresh = site.ladder(&["check", "--today", "2026-01-15"]);
    assert!(!fresh.stderr.contains("days"), "{}", fresh.stderr);
}

#[test]
fn json_and_github_formats() {
    let site = Site::new(&[(ROLE, &role("").replace("skill: python", "skill: pyhton"))]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["check", "--format", "json", "--root"])
        .arg(site.root())
        .env("GITHUB_ACTIONS", "true")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    let first: serde_json::Value = serde_json::from_str(err.lines().next().unwrap()).unwrap();
    assert_eq!(first["path"], "data/roles/analyst.yaml");
    assert_eq!(first["line"], 5);
    assert_eq!(first["column"], 14);
    assert_eq!(first["help"], "did you mean `python`?");
    assert!(
        err.contains(
            "::error file=data/roles/analyst.yaml,line=5,col=14::unknown skill `pyhton` (did you mean `python`?)"
        ),
        "{err}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::new(&[]);
    assert_eq!(site.ladder(&["build", "--bogus"]).code, 2);
    assert_eq!(site.ladder(&["check", "--today", "yesterday"]).code, 2);
    let bad_id = site.ladder(&["new", "role", "Upper"]);
    assert_eq!(bad_id.code, 2, "an id that is not an id is a usage error:\n{}", bad_id.stderr);
    assert!(bad_id.stderr.contains("`Upper` is not a safe id"), "{}", bad_id.stderr);
    assert!(!site.root().join("data/roles/Upper.yaml").exists());
}

// Messages that serde-saphyr words for a Rust programmer, said to the editor.

#[test]
fn duplicate_key() {
    let out = case(
        "duplicate_key",
        &[(ROLE, &role("").replace("summary: Reads numbers.\n", "summary: Reads numbers.\nsummary: Counts.\n"))],
        &[],
        &["data/roles/analyst.yaml:4:1: error: `summary` is written twice in this record"],
    );
    assert!(!out.contains("DuplicateKeyPolicy"), "{out}");
}

#[test]
fn empty_entry_in_a_list_of_text() {
    let out = case(
        "null_in_text_list",
        &[(ROLE, &role("tasks: [Reads reports, ~]\n"))],
        &[],
        &["data/roles/analyst.yaml:8:24: error: expected text here, found an empty value"],
    );
    assert!(!out.contains("Option<"), "{out}");
}

#[test]
fn several_yaml_documents() {
    let out = case(
        "several_documents",
        &[(ROLE, &role("---\ntitle: Second\n"))],
        &[],
        &["data/roles/analyst.yaml:8:1: error: a second YAML document starts here: a data file holds one"],
    );
    assert!(!out.contains("from_str_multiple"), "{out}");
}

/// An empty required file is reported once, with what it must hold; the references into it
/// (every role's skills, a guide's `@/skills/` link) are not reported as unknown.
#[test]
fn empty_required_file_is_reported_once() {
    let out = case(
        "empty_skills",
        &[("data/skills.yaml", ""), ("content/guide.md", "---\ntitle: Guide\n---\nSee [Python](@/skills/python/).\n")],
        &[],
        &["data/skills.yaml: error: the file is empty", "it must hold the list of skills"],
    );
    assert!(out.contains("failed: 1 error(s)"), "{out}");
    assert!(!out.contains("unexpected end of input"), "{out}");
}

#[test]
fn comment_only_required_file() {
    case(
        "comment_only_site",
        &[("data/site.yaml", "# title: Test site\n# base_url: https://example.org/\n")],
        &[],
        &["data/site.yaml: error: the file holds only comments", "`title: ...` and `base_url: https://...`"],
    );
}

#[test]
fn empty_front_matter() {
    case(
        "empty_front_matter",
        &[("content/guide.md", "---\n---\nBody\n")],
        &[],
        &["content/guide.md:1:1: error: the front matter is empty"],
    );
}

/// A page whose front matter is never closed is pointed at its opening `---`, and links to it
/// from other pages are not reported as broken as well.
#[test]
fn front_matter_never_closed() {
    let out = case(
        "front_matter_not_closed",
        &[
            ("content/guide.md", "---\ntitle: Guide\n\nBody\n"),
            ("content/other.md", "---\ntitle: Other\n---\nSee [the guide](@/guides/guide/).\n"),
        ],
        &[],
        &["content/guide.md:1:1: error: the front matter opened here is never closed"],
    );
    assert!(out.contains("failed: 1 error(s)"), "{out}");
    assert!(!out.contains("has no front matter"), "{out}");
}

#[test]
fn yaml_syntax_in_plain_words() {
    let out = case(
        "yaml_syntax_words",
        &[(ROLE, &role("").replace("summary: Reads numbers.", "summary: \"Reads numbers.\ntasks: [a]"))],
        &[],
        &["data/roles/analyst.yaml:3:10: error: YAML syntax error: a quote is never closed"],
    );
    assert!(!out.contains("unclosed quote"), "{out}");
    let out = case(
        "enum_given_a_list",
        &[(ROLE, &role("").replace("level: working", "level: [working]"))],
        &[],
        &["data/roles/analyst.yaml:5:29: error: expected one word here, found a list"],
    );
    assert!(!out.contains("externally tagged"), "{out}");
}

// Bad input that used to slip through.

#[test]
fn control_character_escape_in_a_title() {
    case(
        "control_escape",
        &[(ROLE, &role("").replace("title: Analyst", "title: \"Ana\\0lyst \\e[31m\""))],
        &[],
        &[
            "data/roles/analyst.yaml:1:12: error: `\\0` stands for the invisible character U+0000 (NUL)",
            "data/roles/analyst.yaml:1:19: error: `\\e` stands for the invisible character U+001B (escape)",
        ],
    );
}

#[test]
fn control_character_in_markdown() {
    let out = case(
        "control_raw",
        &[("content/guide.md", "---\ntitle: Guide\n---\nTabs\tare fine.\n\nA form feed \x0c is not; nor &#27;.\n")],
        &[],
        &["content/guide.md:6:13: error: the text holds the invisible character U+000C (form feed)"],
    );
    // The snippet shows the character as a visible symbol, never the raw byte.
    assert!(out.contains('\u{240c}') && !out.contains('\x0c'), "{out}");
}

#[test]
fn control_character_reference_in_markdown() {
    case(
        "control_reference",
        &[("content/guide.md", "---\ntitle: Guide\n---\nA bell &#x7; rings.\n")],
        &[],
        &["content/guide.md:4:8: error: `&#x7;` stands for the invisible character U+0007 (bell)"],
    );
}

#[test]
fn pay_figures_a_band_cannot_hold() {
    case(
        "pay_out_of_range",
        &[(ROLE, &role("pay:\n  - { basis: annual, median: 1e30, source: survey }\n  - { basis: hourly, low: 1e-300, source: survey }\n"))],
        &[],
        &[
            "data/roles/analyst.yaml:9:30: error: `median` (1e30) is above the largest annual figure, 100,000,000,000",
            "data/roles/analyst.yaml:10:27: error: `low` (1e-300) is below the smallest hourly figure, 0.01",
        ],
    );
}

#[test]
fn related_role_listed_twice() {
    let other = "title: Engineer\ncategory: technical\nsummary: Builds.\nskills:\n  - { skill: python, level: working }\npay_note: None published.\nsources: [survey]\n";
    case(
        "related_twice",
        &[(ROLE, &role("related: [engineer, engineer]\n")), ("data/roles/engineer.yaml", other)],
        &[],
        &["data/roles/analyst.yaml:8:21: error: role `engineer` is listed twice in `related`"],
    );
}

/// A repeated alias (aliases match without regard to case) is a warning: `--strict` fails.
#[test]
fn alias_listed_twice() {
    let site = Site::new(&[(
        "data/skills.yaml",
        "- id: python\n  name: Python\n  aliases: [py, Py]\n- id: statistics\n  name: Statistics\n",
    )]);
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("data/skills.yaml:3:17: warning: alias `Py` is listed twice in `aliases`"),
        "{}",
        run.stderr
    );
    // Without the last line, which holds the time taken.
    let shown = run.stderr.rsplit_once("checked ").map_or(run.stderr.as_str(), |(before, _)| before);
    insta::assert_snapshot!("aliases_twice", shown);
    assert_eq!(site.ladder(&["check", "--strict"]).code, 1);
}

#[test]
fn unused_template_is_a_warning_with_a_suggestion() {
    let site = Site::new(&[
        ("templates/rolez.html", "{% extends \"base.html\" %}{% block main %}<p>mine</p>{% endblock main %}\n"),
        // Used: included by another template, or defining a component.
        ("templates/partials/card.html", "<p>card</p>\n"),
        (
            "templates/skill.html",
            "{% extends \"base.html\" %}{% block main %}{% include \"partials/card.html\" %}{% endblock main %}\n",
        ),
        ("templates/components.html", "{% component badge() %}<b>!</b>{% endcomponent badge %}\n"),
    ]);
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("templates/rolez.html: warning: `templates/rolez.html` is not used"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `role.html`?"), "{}", run.stderr);
    assert!(run.stderr.contains("1 warning(s)"), "only rolez.html is unused:\n{}", run.stderr);
    // The summary line holds the time the check took.
    let shown: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with("checked ")).collect();
    insta::assert_snapshot!("unused_template", shown.join("\n"));
}

/// An error a megabyte along one line (issue 11, item 16): the snippet is a window of the line
/// around the column, cut with `…` on both sides, and the caret sits under the link.
#[test]
fn error_far_along_a_one_megabyte_line() {
    let words: String = (0..131_072).map(|i| format!("w{i:06} ")).collect();
    assert_eq!(words.len(), 1 << 20);
    let out = case(
        "one_megabyte_line",
        &[(ROLE, &role(&format!("description: {words}see [x](@/roles/nope/) and {words}\n")))],
        &[],
        &["data/roles/analyst.yaml:8:1048598: error: link to a page that does not exist: `@/roles/nope/`"],
    );
    let lines: Vec<&str> = out.lines().collect();
    let (shown, carets) = (lines[2], lines[3]);
    assert!(shown.starts_with("8 | …") && shown.ends_with('…') && shown.chars().count() < 220, "{shown}");
    let at = carets.find('^').expect("a caret");
    let under: String = shown.chars().skip(at).take(13).collect();
    assert_eq!(under, "@/roles/nope/");
}

// Wage tables (issue 14): data/wages/ID.csv in BLS's OEWS layout, data/wages/ID.yaml beside it.

const WAGES_YAML: &str =
    "title: OEWS test\nsource: survey\nrelease: May 2025\ndate: 2026-05-15\ntop_hourly: 115\ntop_annual: 239200\n";
const WAGES_HEAD: &str = "occ_code,OCC_TITLE,AREA,area_title,AREA_TYPE,PRIM_STATE,TOT_EMP,H_MEAN,A_MEAN,H_PCT10,H_PCT25,H_MEDIAN,H_PCT75,H_PCT90,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n";
const WAGES_US: &str = "15-2051,Data Scientists,99,U.S.,1,US,\"245,900\",59.42,\"123,600\",30.10,40.00,54.10,72.00,#,\"62,600\",\"83,200\",\"112,590\",\"149,800\",#\n";
const OCCUPATION: &str =
    "occupations:\n  - { wages: oews-2025, code: 15-2051, relation: closest, note: The nearest standard occupation. }\n";

fn wage_case(name: &str, csv_rows: &str, extra: &str, expect: &[&str]) -> String {
    let csv = format!("{WAGES_HEAD}{WAGES_US}{csv_rows}");
    case(
        name,
        &[("data/wages/oews-2025.csv", &csv), ("data/wages/oews-2025.yaml", WAGES_YAML), (ROLE, &role(extra))],
        &[],
        expect,
    )
}

#[test]
fn wages_unknown_table() {
    wage_case(
        "wages_unknown_table",
        "",
        &OCCUPATION.replace("oews-2025", "oews-2024"),
        &["data/roles/analyst.yaml:9:14: error: unknown wage table `oews-2024`", "did you mean `oews-2025`?"],
    );
}

#[test]
fn wages_unknown_code_by_code() {
    wage_case(
        "wages_unknown_code_by_code",
        "",
        &OCCUPATION.replace("15-2051", "15-2015"),
        &["error: the wage table `oews-2025` has no occupation `15-2015`", "did you mean `15-2051` (Data Scientists)?"],
    );
}

#[test]
fn wages_unknown_code_by_title() {
    wage_case(
        "wages_unknown_code_by_title",
        "",
        &OCCUPATION.replace("15-2051", "data scientist"),
        &["has no occupation `data scientist`", "did you mean `15-2051` (Data Scientists)?"],
    );
}

#[test]
fn wages_malformed_cell() {
    let row = WAGES_US.replace("99,U.S.", "06,California").replace("59.42", "59.4x");
    let row = row.replace(",1,US,", ",2,CA,");
    wage_case(
        "wages_malformed_cell",
        &row,
        OCCUPATION,
        &["data/wages/oews-2025.csv:3:54: error: `59.4x` in H_MEAN is not a figure"],
    );
}

#[test]
fn wages_malformed_row() {
    wage_case(
        "wages_malformed_row",
        "15-2051,Data Scientists,06,California,2,CA\n",
        OCCUPATION,
        &["data/wages/oews-2025.csv:3:", "error: this row has 6 cells; the header row has 19"],
    );
}

#[test]
fn wages_duplicate_row() {
    wage_case(
        "wages_duplicate_row",
        WAGES_US,
        OCCUPATION,
        &["data/wages/oews-2025.csv:3:1: error: a second row for 15-2051 in U.S. (the first is on line 2)"],
    );
}

#[test]
fn wages_percentiles_out_of_order() {
    let row = WAGES_US.replace("99,U.S.,1,US", "06,California,2,CA").replace("40.00", "29.00");
    wage_case(
        "wages_percentiles_out_of_order",
        &row,
        OCCUPATION,
        &["data/wages/oews-2025.csv:3:", "error: H_PCT25 (29) is below H_PCT10 (30.1): percentiles out of order"],
    );
}

#[test]
fn wages_unused_and_stale_tables_warn() {
    let csv = format!("{WAGES_HEAD}{WAGES_US}");
    let site = Site::new(&[
        ("data/site.yaml", "title: Test site\nbase_url: https://example.org/\nstale_after_days: 90\n"),
        ("data/wages/oews-2025.csv", &csv),
        ("data/wages/oews-2025.yaml", WAGES_YAML),
        (ROLE, &role("updated: 2026-11-01\n")),
    ]);
    let run = site.check();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for e in [
        "data/wages/oews-2025.csv: warning: no role uses the wage table `oews-2025`",
        "data/wages/oews-2025.yaml:4:7: warning: the wage table `oews-2025` is 192 days old (limit 90)",
    ] {
        assert!(run.stderr.contains(e), "expected `{e}` in:\n{}", run.stderr);
    }
    // Without the summary line, which carries a time.
    let shown: String = run.stderr.lines().filter(|l| !l.starts_with("checked ")).map(|l| format!("{l}\n")).collect();
    insta::assert_snapshot!("wages_unused_and_stale", shown);
}
