//! The role-fit quiz: the Rust scoring reference against PRODUCT.md section 2, the quiz page the
//! build writes, the inline script run in node on 10,000 seeded sheets per site and diffed against
//! the reference (rankings, labels, skills to learn next), and the "cannot recommend" warning.

mod common;

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;

use common::{repo, Site};
use ladder::quiz::{check, page, score, Opt, Question, Quiz, RoleFit};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Helpers

/// Load a site folder and compile its quiz, as the build does.
fn with_quiz<T>(root: &Path, f: impl FnOnce(&ladder::model::Model, &Quiz) -> T) -> T {
    let loaded = ladder::load::load(root);
    let m = ladder::model::Model::new(&loaded, None, false);
    let q = Quiz::from_model(&m).expect("the site has a usable quiz");
    f(&m, &q)
}

/// `ladder build --root ROOT --out OUT` (the default site is built from the repository itself).
fn build(root: &Path, out: &Path) {
    let run = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["build", "--quiet", "--today", "2026-11-23", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .env("NO_COLOR", "1")
        .output()
        .expect("run ladder");
    assert!(run.status.success(), "build of {} failed:\n{}", root.display(), String::from_utf8_lossy(&run.stderr));
}

fn pairs(q: &Quiz, sheet: &[Vec<usize>]) -> Vec<(String, String)> {
    q.questions
        .iter()
        .zip(sheet)
        .flat_map(|(qu, chosen)| chosen.iter().map(move |&o| (qu.id.clone(), qu.options[o].id.clone())))
        .collect()
}

fn sheet_of(q: &Quiz, answers: &[(&str, &str)]) -> score::Sheet {
    score::sheet_from_ids(q, answers)
}

/// SplitMix64 (the check's own generator), so the sheets are the same on every run and machine.
use ladder::quiz::check::SplitMix as Rng;

/// `n` seeded sheets: mostly complete ones (a `many` question gets a random non-empty subset,
/// sometimes all its options), plus empty sheets, partly answered ones, and sheets of only the
/// options that add nothing (flat).
fn seeded_sheets(q: &Quiz, n: usize, seed: u64) -> Vec<score::Sheet> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|i| match i % 20 {
            0 => vec![Vec::new(); q.questions.len()],
            1 | 2 => q
                .questions
                .iter()
                .map(|qu| if rng.next() & 1 == 0 { Vec::new() } else { vec![rng.below(qu.options.len())] })
                .collect(),
            3 => q
                .questions
                .iter()
                .map(|qu| {
                    let neutral: Vec<usize> =
                        (0..qu.options.len()).filter(|&o| qu.options[o].adds.iter().all(|a| *a == 0)).collect();
                    if neutral.is_empty() {
                        vec![rng.below(qu.options.len())]
                    } else {
                        vec![neutral[rng.below(neutral.len())]]
                    }
                })
                .collect(),
            _ => q
                .questions
                .iter()
                .map(|qu| {
                    if !qu.many {
                        return vec![rng.below(qu.options.len())];
                    }
                    if rng.below(8) == 0 {
                        return (0..qu.options.len()).collect();
                    }
                    loop {
                        let c: Vec<usize> = (0..qu.options.len()).filter(|_| rng.next() & 1 == 1).collect();
                        if !c.is_empty() {
                            break c;
                        }
                    }
                })
                .collect(),
        })
        .collect()
}

/// Whether node runs here. The tests that run the quiz page's script in node skip themselves
/// without it (CI has node), saying so on the terminal (past the test harness's capture).
fn have_node() -> bool {
    let ok = Command::new("node").arg("--version").output().map(|o| o.status.success()).unwrap_or(false);
    if !ok {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: node is not installed; this test runs the quiz page's script in node (20 or later)"
        );
    }
    ok
}

/// Score `sheets` with the script in node: from a built page (which also checks the script's CSP
/// hash) or from a script file.
fn run_script(arg: &[&str], sheets: &Value) -> Vec<Value> {
    let driver = repo().join("tests/quiz/run-script.mjs");
    let mut child = Command::new("node")
        .arg(&driver)
        .args(arg)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn node");
    let input = serde_json::to_vec(sheets).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("node output");
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "node failed:\n{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("node printed JSON")
}

/// What the script must print for one sheet, from the Rust reference.
fn reference(q: &Quiz, sheet: &[Vec<usize>]) -> Value {
    let o = score::score_sheet(q, sheet);
    let ranking: Vec<Value> =
        o.ranking.iter().map(|e| json!([q.roles[e.role].id, e.label.map(|l| q.labels[l].1.clone())])).collect();
    let learn: Vec<Value> = (0..q.roles.len())
        .map(|r| {
            let all = score::skills_to_learn(q, r, sheet);
            let shown: Vec<&str> = all.iter().copied().take(page::LEARN_SHOWN).collect();
            json!([shown, all.len() - shown.len()])
        })
        .collect();
    json!({"flat": o.flat, "ranking": ranking, "top": ranking.iter().take(6).collect::<Vec<_>>(), "learn": learn})
}

/// Build the site, score `n` seeded sheets in Rust and with the page's script, and diff.
fn diff_site(root: &Path, n: usize, seed: u64) -> usize {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    build(root, &site);
    let page = site.join("quiz/index.html");
    with_quiz(root, |_, q| {
        let sheets = seeded_sheets(q, n, seed);
        let input: Vec<Vec<(String, String)>> = sheets.iter().map(|s| pairs(q, s)).collect();
        let got = run_script(&[page.to_str().unwrap()], &json!(input));
        assert_eq!(got.len(), sheets.len());
        let mut flat = 0;
        for (i, (sheet, g)) in sheets.iter().zip(&got).enumerate() {
            let want = reference(q, sheet);
            if want["flat"] == json!(true) {
                flat += 1;
            }
            assert_eq!(g, &want, "sheet {i} {:?}: the script and the Rust reference differ", input[i]);
        }
        flat
    })
}

// ---------------------------------------------------------------------------------------------
// A small site built to hit the edge cases: roles with proportional fits (exact ties), a trait
// no answer adds to, negative adds, neutral answers, a `many` question, equal and negative label
// minimums.

const TIE_QUIZ: &str = r#"title: Edge cases
traits:
  - { id: a, name: Trait A }
  - { id: b, name: Trait B }
  - { id: c, name: Trait C }
  - { id: d, name: Trait D }
questions:
  - id: first
    prompt: First?
    options:
      - { id: o1, label: Adds A, adds: { a: 2 }, has: [python] }
      - { id: o2, label: Adds B, adds: { b: 2 } }
      - { id: o3, label: Trades A for B, adds: { a: -1, b: 1 } }
      - { id: o4, label: Neutral }
      - { id: o5, label: Adds all, adds: { a: 1, b: 1, c: 1 }, has: [statistics] }
  - id: many
    prompt: Many?
    choose: many
    options:
      - { id: m1, label: A, adds: { a: 1 } }
      - { id: m2, label: B, adds: { b: 1 } }
      - { id: m3, label: C, adds: { c: 2 } }
      - { id: m4, label: C not A, adds: { a: -2, c: 1 } }
      - { id: m5, label: Nothing }
  - id: last
    prompt: Last?
    options:
      - { id: x, label: Minus C, adds: { c: -3 } }
      - { id: y, label: A and B, adds: { a: 1, b: 1 } }
      - { id: z, label: A not B, adds: { a: 5, b: -5 } }
labels: [{ min: 0.9, label: Top }, { min: 0.5, label: Mid }, { min: 0.5, label: Mid twin }, { min: -0.2, label: Low }]
"#;

const TIE_ROLES: &[(&str, &str)] = &[
    ("analyst", "{ c: 3, a: 1 }"),
    ("r-a1", "{ a: 1 }"),
    ("r-a2", "{ a: 2 }"),
    ("r-ab1", "{ a: 1, b: 1 }"),
    ("r-ab3", "{ a: 3, b: 3 }"),
    ("r-abc", "{ a: 1, b: 1, c: 1 }"),
    ("r-abc2", "{ a: 2, b: 2, c: 2 }"),
    ("r-ad", "{ a: 1, d: 5 }"),
    ("r-b", "{ b: 5 }"),
    ("r-c", "{ c: 1 }"),
    ("r-d", "{ d: 4 }"),
];

fn role_yaml(fit: &str) -> String {
    format!("title: Role\ncategory: technical\nsummary: Does things.\nskills:\n  - {{ skill: python, level: working }}\n  - {{ skill: statistics, level: expert }}\npay_note: None published.\nsources: [survey]\nfit: {fit}\n")
}

fn tie_site() -> Site {
    let mut files: Vec<(String, String)> = vec![("data/quiz.yaml".into(), TIE_QUIZ.into())];
    for (id, fit) in TIE_ROLES {
        files.push((format!("data/roles/{id}.yaml"), role_yaml(fit)));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    Site::new(&refs)
}

// ---------------------------------------------------------------------------------------------
// The reference itself

#[test]
fn exact_ties_go_to_the_smaller_role_id() {
    let s = tie_site();
    with_quiz(s.root(), |_, q| {
        // t = (2, 0, 0, 0): r-a1 and r-a2 have the same direction, so the same score exactly.
        let o = score::score_sheet(q, &sheet_of(q, &[("first", "o1")]));
        let ids: Vec<&str> = o.ranking.iter().map(|e| q.roles[e.role].id.as_str()).collect();
        assert_eq!(&ids[..2], ["r-a1", "r-a2"]);
        // (1,1,0,0) against (3,3,0,0) and (1,1,1,0) against (2,2,2,0): ties again.
        let o = score::score_sheet(q, &sheet_of(q, &[("first", "o5"), ("last", "y")]));
        let pos = |id: &str| o.ranking.iter().position(|e| q.roles[e.role].id == id).unwrap();
        assert_eq!(pos("r-abc") + 1, pos("r-abc2"));
        assert_eq!(pos("r-ab1") + 1, pos("r-ab3"));
    });
}

#[test]
fn flat_sheets_are_judged_over_the_traits_answers_touch() {
    let s = tie_site();
    with_quiz(s.root(), |_, q| {
        assert_eq!(q.active, vec![0, 1, 2], "trait d is added to by no option");
        assert!(score::score_sheet(q, &sheet_of(q, &[])).flat, "an empty sheet is flat");
        assert!(score::score_sheet(q, &sheet_of(q, &[("first", "o4"), ("many", "m5")])).flat, "neutral answers: flat");
        // a, b, c all 1: flat although the totals are not zero.
        assert!(score::score_sheet(q, &sheet_of(q, &[("first", "o5")])).flat);
        assert!(!score::score_sheet(q, &sheet_of(q, &[("first", "o1")])).flat);
    });
}

#[test]
fn labels_pick_the_highest_min_at_or_below_the_score_and_never_for_d_at_most_zero() {
    let s = tie_site();
    with_quiz(s.root(), |_, q| {
        assert_eq!(q.labels.iter().map(|l| l.1.as_str()).collect::<Vec<_>>(), ["Top", "Mid", "Mid twin", "Low"]);
        // t = (2,0,0,0) against r-a1 (1,0,0,0): score exactly 1.
        assert_eq!(score::score(2, 4, 1), 1.0);
        assert_eq!(score::label(q, 2, 4, 1), Some(0));
        // score exactly 0.5 (d = 1, nt·nf = 4): `min` is inclusive; equal mins keep file order.
        assert_eq!(score::label(q, 1, 1, 4), Some(1));
        assert_eq!(score::label(q, 0, 4, 1), None);
        assert_eq!(score::label(q, -3, 4, 1), None);
        let o = score::score_sheet(q, &sheet_of(q, &[("last", "x")]));
        for e in &o.ranking {
            assert_eq!(e.label.is_some(), e.d > 0, "{}", q.roles[e.role].id);
        }
    });
}

#[test]
fn skills_to_learn_leave_out_what_the_answers_show() {
    let s = tie_site();
    with_quiz(s.root(), |_, q| {
        let r = q.role_index("r-a1").unwrap();
        // Most important first: statistics (expert) before python (working).
        assert_eq!(score::skills_to_learn(q, r, &sheet_of(q, &[])), ["statistics", "python"]);
        assert_eq!(score::skills_to_learn(q, r, &sheet_of(q, &[("first", "o1")])), ["statistics"]);
        assert_eq!(score::skills_to_learn(q, r, &sheet_of(q, &[("first", "o5")])), ["python"]);
    });
}

#[test]
fn shared_answers_name_question_and_option_so_reordering_breaks_no_link() {
    let s = tie_site();
    with_quiz(s.root(), |_, q| {
        let a = sheet_of(q, &[("last", "z"), ("many", "m3"), ("many", "m1"), ("first", "o2"), ("nope", "x")]);
        assert_eq!(a, vec![vec![1], vec![0, 2], vec![2]]);
        assert!(score::is_complete(q, &a));
        assert!(!score::is_complete(q, &sheet_of(q, &[("first", "o2")])));
    });
}

#[test]
fn two_sheets_that_differ_on_coding_differ_in_skills_to_learn_for_a_python_role() {
    with_quiz(&repo(), |_, q| {
        let base = [
            ("background", "data"),
            ("enjoy", "numbers"),
            ("credentials", "none"),
            ("problem", "workflow"),
            ("work-style", "hands-on"),
        ];
        let sheet = |coding: &'static str| {
            let mut v = base.to_vec();
            v.push(("coding", coding));
            sheet_of(q, &v)
        };
        let r = q.role_index("data-analyst").unwrap();
        let daily = score::skills_to_learn(q, r, &sheet("daily"));
        let scripts = score::skills_to_learn(q, r, &sheet("scripts"));
        assert!(scripts.contains(&"python") && !daily.contains(&"python"), "{daily:?} / {scripts:?}");
        assert_ne!(daily, scripts);
    });
}

// ---------------------------------------------------------------------------------------------
// The default content's profiles (PRODUCT.md section 3; the issue's three people)

fn top3(q: &Quiz, answers: &[(&str, &str)]) -> Vec<String> {
    let o = score::score_sheet(q, &sheet_of(q, answers));
    assert!(!o.flat);
    o.ranking.iter().take(3).filter(|e| e.d > 0).map(|e| q.roles[e.role].id.clone()).collect()
}

pub const QA_TESTER: &[(&str, &str)] = &[
    ("background", "qa"),
    ("enjoy", "flaws"),
    ("coding", "none"),
    ("credentials", "none"),
    ("problem", "wrong"),
    ("work-style", "hands-on"),
];
pub const COMPLIANCE: &[(&str, &str)] = &[
    ("background", "compliance"),
    ("enjoy", "rules"),
    ("coding", "none"),
    ("credentials", "none"),
    ("problem", "legal"),
    ("work-style", "coordinate"),
];
pub const BACKEND: &[(&str, &str)] = &[
    ("background", "backend"),
    ("enjoy", "build"),
    ("coding", "daily"),
    ("credentials", "none"),
    ("problem", "production"),
    ("work-style", "hands-on"),
];

#[test]
fn clear_profiles_get_a_fitting_role_in_the_top_three() {
    with_quiz(&repo(), |_, q| {
        for (name, answers, want) in [
            ("QA tester", QA_TESTER, &["model-evaluator", "quality-reviewer", "ai-auditor"][..]),
            ("compliance officer", COMPLIANCE, &["ai-governance-lead", "ai-auditor"][..]),
            ("backend engineer", BACKEND, &["agent-systems-engineer", "mlops-engineer", "applied-ai-engineer"][..]),
        ] {
            let top = top3(q, answers);
            assert!(
                top.iter().any(|r| want.contains(&r.as_str())),
                "{name}: top three {top:?}, wanted one of {want:?}"
            );
        }
    });
}

// ---------------------------------------------------------------------------------------------
// The page

#[test]
fn the_quiz_page_has_real_questions_one_marked_inline_script_and_a_no_script_note() {
    let s = Site::copy_of("tests/fixture");
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = s.page("quiz/index.html");
    for (q, kind, opts) in
        [("background", "radio", &["swe", "qa", "none"][..]), ("enjoy", "checkbox", &["build", "judge"][..])]
    {
        assert!(page.contains(&format!("<fieldset id=\"q_{q}\">\n<legend>")), "{q}: a fieldset with a legend");
        for o in opts {
            assert!(
                page.contains(&format!(
                    "<input type=\"{kind}\" id=\"q_{q}_{o}\" name=\"{q}\" value=\"{o}\"><label for=\"q_{q}_{o}\">"
                )),
                "{q}:{o} is a labelled {kind}"
            );
        }
    }
    assert_eq!(page.matches("<script id=\"quiz-script\">").count(), 1, "one marked quiz script");
    // The quiz's own script is inline; the only script file is the site's shared search script.
    assert_eq!(page.matches("<script src").count(), page.matches("<script src=\"/assets/search.").count(), "{page}");
    assert!(!page.contains(" src=\"http"), "no script from another site");
    let start = page.find("<script id=\"quiz-script\">").unwrap() + "<script id=\"quiz-script\">".len();
    let script = &page[start..start + page[start..].find("</script>").unwrap()];
    assert!(!script.contains("__LADDER_QUIZ_DATA__"), "the data is compiled in");
    for word in
        ["fetch(", "XMLHttpRequest", "localStorage", "sessionStorage", "cookie", "indexedDB", "sendBeacon", "import("]
    {
        assert!(!script.contains(word), "the quiz script must not use {word}");
    }
    assert!(page.contains("<noscript>") && page.contains("needs JavaScript"));
    assert!(page.contains("<a href=\"/roles/\">all roles</a>"), "without JavaScript: a link to the roles index");
    assert!(page.contains("Your answers stay on this device."));
    assert!(page.contains("id=\"quiz-reset\"") && page.contains("Start again"));
    assert!(!page.contains("style=\""), "no inline style attributes under a strict CSP");
    // The page's policy holds the script's hash.
    let hash = ladder::output::sha256_b64(script.as_bytes());
    assert!(page.contains(&format!("'sha256-{hash}'")), "the quiz script's hash is in the CSP");
}

#[test]
fn the_quiz_page_is_the_same_bytes_every_build() {
    let a = Site::copy_of("tests/fixture");
    let b = Site::copy_of("tests/fixture");
    assert_eq!(a.build().code, 0);
    assert_eq!(b.ladder(&["build", "--today", "2026-11-23", "--jobs", "1"]).code, 0);
    assert_eq!(a.page("quiz/index.html"), b.page("quiz/index.html"));
}

#[test]
fn links_in_the_compiled_data_carry_the_base_path() {
    let s = Site::copy_of("tests/fixture");
    let run = s.ladder(&["build", "--base-url", "https://example.org/sub/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = s.page("quiz/index.html");
    assert!(page.contains("\"base\":\"/sub/\""));
    assert!(page.contains("<a href=\"/sub/roles/\">all roles</a>"));
}

// ---------------------------------------------------------------------------------------------
// The script against the reference

#[test]
fn script_matches_the_rust_reference_on_the_fixture_site() {
    if !have_node() {
        return;
    }
    let flat = diff_site(&repo().join("tests/fixture"), 10_000, 1);
    assert!(flat > 500, "flat sheets are part of the diff ({flat})");
}

#[test]
fn script_matches_the_rust_reference_on_the_default_site() {
    if !have_node() {
        return;
    }
    let flat = diff_site(&repo(), 10_000, 2);
    assert!(flat > 500, "flat sheets are part of the diff ({flat})");
}

#[test]
fn script_matches_the_rust_reference_on_ties_negative_adds_and_unused_traits() {
    if !have_node() {
        return;
    }
    let s = tie_site();
    let flat = diff_site(s.root(), 10_000, 3);
    assert!(flat > 500, "flat sheets are part of the diff ({flat})");
}

#[test]
fn script_says_python_is_to_learn_only_when_no_answer_shows_it() {
    if !have_node() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build(&repo(), out.path());
    let page = out.path().join("quiz/index.html");
    let mut daily = vec![("background", "data"), ("enjoy", "numbers"), ("credentials", "none")];
    daily.extend([("problem", "workflow"), ("work-style", "hands-on")]);
    let mut scripts = daily.clone();
    daily.push(("coding", "daily"));
    scripts.push(("coding", "scripts"));
    let got = run_script(&[page.to_str().unwrap()], &json!([daily, scripts]));
    with_quiz(&repo(), |_, q| {
        let r = q.role_index("data-analyst").unwrap();
        let (a, b) = (&got[0]["learn"][r][0], &got[1]["learn"][r][0]);
        assert_ne!(a, b);
        assert!(b.as_array().unwrap().contains(&json!("python")) && !a.as_array().unwrap().contains(&json!("python")));
    });
}

/// A quiz whose totals reach the ±2^20 bound, so `d²·nf` passes 2^53: doubles cannot order these
/// roles, and the script must (BigInt). Compiled by hand into the page-data layout.
#[test]
fn script_orders_exactly_where_doubles_cannot() {
    if !have_node() {
        return;
    }
    let k = 3;
    let big = [1_048_575i64, 1_048_573, 1_048_571, -1_048_575, 999_983, 3, 0, -7];
    let mut options = Vec::new();
    let mut rng = Rng(7);
    for i in 0..40 {
        let adds: Vec<i64> = (0..k).map(|_| big[rng.below(big.len())]).collect();
        options.push(Opt { id: format!("o{i}"), adds, has: Vec::new() });
    }
    let mut roles = Vec::new();
    for a in 0..=5i64 {
        for b in 0..=5i64 {
            for c in 0..=5i64 {
                if a + b + c > 0 {
                    let fit = vec![a, b, c];
                    roles.push(RoleFit { id: format!("r{a}{b}{c}"), nf: a * a + b * b + c * c, fit, need: Vec::new() });
                }
            }
        }
    }
    let q = Quiz {
        traits: (0..k).map(|i| (format!("t{i}"), format!("Trait {i}"))).collect(),
        active: (0..k).collect(),
        questions: vec![Question { id: "q".into(), many: false, options }],
        roles,
        labels: ladder::quiz::DEFAULT_LABELS.iter().map(|(m, l)| (*m, l.to_string())).collect(),
    };
    // The test has teeth: comparing d/sqrt(nf) as doubles gets some of these orders wrong.
    let mut float_wrong = 0;
    for o in 0..q.questions[0].options.len() {
        let t = score::totals(&q, &[vec![o]]);
        let r = score::rank(&q, &t);
        for w in r.windows(2) {
            let key = |e: &score::Entry| e.d as f64 / (q.roles[e.role].nf as f64).sqrt();
            if key(&w[0]) < key(&w[1])
                || (key(&w[0]) == key(&w[1])
                    && w[0].d * w[0].d * q.roles[w[1].role].nf != w[1].d * w[1].d * q.roles[w[0].role].nf)
            {
                float_wrong += 1;
            }
        }
    }
    assert!(float_wrong > 0, "no pair needs exact arithmetic; the test would prove nothing");
    let data = json!({
        "base": "/", "learn": 5, "traits": q.traits.iter().map(|t| &t.1).collect::<Vec<_>>(), "active": q.active,
        "questions": [["q", false, q.questions[0].options.iter().map(|o| json!([o.id, o.adds.iter().enumerate().flat_map(|(i, v)| [i as i64, *v]).collect::<Vec<_>>(), []])).collect::<Vec<_>>()]],
        "roles": q.roles.iter().map(|r| json!([r.id, r.id, r.fit.iter().enumerate().filter(|(_, v)| **v != 0).flat_map(|(i, v)| [i as i64, *v]).collect::<Vec<_>>(), [], 0, [], -1])).collect::<Vec<_>>(),
        "skills": [], "sources": [], "paths": [],
        "labels": q.labels.iter().map(|(m, l)| json!([m, l])).collect::<Vec<_>>(),
    });
    let logic = std::fs::read_to_string(repo().join("templates/quiz.js")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("quiz.js");
    std::fs::write(&file, logic.replace(page::DATA_TOKEN, &data.to_string())).unwrap();
    let sheets: Vec<score::Sheet> = (0..q.questions[0].options.len()).map(|o| vec![vec![o]]).collect();
    let input: Vec<Vec<(String, String)>> = sheets.iter().map(|s| pairs(&q, s)).collect();
    let got = run_script(&["--script", file.to_str().unwrap()], &json!(input));
    for (i, (sheet, g)) in sheets.iter().zip(&got).enumerate() {
        assert_eq!(g, &reference(&q, sheet), "sheet {i}");
    }
}

// ---------------------------------------------------------------------------------------------
// `ladder check`: roles the quiz cannot recommend

#[test]
fn every_default_role_is_recommendable_judged_over_every_distinct_total() {
    with_quiz(&repo(), |_, q| {
        assert_eq!(check::distinct_count(q), Some(921_264), "distinct trait totals of the default quiz");
        // Judged over every distinct total, without the seeded witnesses first.
        let exhaustive = check::compute(q, 0);
        assert_eq!(exhaustive.method, check::Method::Exact(921_264));
        let bad: Vec<&str> =
            q.roles.iter().zip(&exhaustive.unrecommendable).filter(|(_, b)| **b).map(|(r, _)| r.id.as_str()).collect();
        assert!(bad.is_empty(), "not recommendable: {bad:?}");
        // The shortcut (seeded witnesses first) gives the same verdict, and it is cached.
        let v = check::verdict(q);
        assert_eq!(v.unrecommendable, exhaustive.unrecommendable);
        assert!(Arc::ptr_eq(&v, &check::verdict(q)), "the verdict is cached");
    });
}

/// Recommendable straight from the definition: every complete sheet, ranked by the reference.
fn recommendable_by_definition(q: &Quiz) -> Vec<bool> {
    best_places(q).iter().map(|p| *p < 3).collect()
}

/// Each role's best place (0 = first) over every complete sheet that is not flat, among roles
/// with `d > 0`; `usize::MAX` when it never has `d > 0`.
fn best_places(q: &Quiz) -> Vec<usize> {
    let mut sheets: Vec<score::Sheet> = vec![Vec::new()];
    for qu in &q.questions {
        let n = qu.options.len();
        let choices: Vec<Vec<usize>> = if qu.many {
            (1..1usize << n).map(|m| (0..n).filter(|o| m >> o & 1 == 1).collect()).collect()
        } else {
            (0..n).map(|o| vec![o]).collect()
        };
        sheets = sheets
            .iter()
            .flat_map(|s| {
                choices.iter().map(move |c| {
                    let mut s = s.clone();
                    s.push(c.clone());
                    s
                })
            })
            .collect();
    }
    let mut best = vec![usize::MAX; q.roles.len()];
    for s in &sheets {
        let o = score::score_sheet(q, s);
        if !o.flat {
            for (place, e) in o.ranking.iter().enumerate().filter(|(_, e)| e.d > 0) {
                best[e.role] = best[e.role].min(place);
            }
        }
    }
    best
}

#[test]
fn the_check_agrees_with_the_definition() {
    let s = tie_site();
    with_quiz(s.root(), |_, q| {
        let want: Vec<bool> = recommendable_by_definition(q).iter().map(|b| !b).collect();
        assert!(want.iter().any(|b| *b), "the tie site has roles no sheet recommends (r-d, r-a2, ...)");
        assert_eq!(check::compute(q, 0).unrecommendable, want, "every distinct total");
        assert_eq!(check::compute(q, check::WITNESSES).unrecommendable, want, "witnesses first");
    });
    let f = repo().join("tests/fixture");
    with_quiz(&f, |_, q| {
        let want: Vec<bool> = recommendable_by_definition(q).iter().map(|b| !b).collect();
        assert_eq!(check::compute(q, 0).unrecommendable, want);
    });
}

/// Many roles, as a real site has: enough for the check to sort them into groups by direction,
/// with fits that repeat and that point the same way.
#[test]
fn the_check_agrees_with_the_definition_over_many_roles() {
    let mut rng = check::SplitMix(7);
    let mut files: Vec<(String, String)> = vec![
        ("data/quiz.yaml".into(), TIE_QUIZ.into()),
        ("data/roles/analyst.yaml".into(), role_yaml("{ c: 3, a: 1 }")),
    ];
    for i in 0..800 {
        let mut fit: Vec<String> = Vec::new();
        for t in ["a", "b", "c", "d"] {
            if rng.below(3) > 0 || fit.is_empty() && t == "d" {
                fit.push(format!("{t}: {}", 1 + rng.below(5)));
            }
        }
        files.push((format!("data/roles/r{i:03}.yaml"), role_yaml(&format!("{{ {} }}", fit.join(", ")))));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = Site::new(&refs);
    with_quiz(s.root(), |_, q| {
        assert_eq!(q.roles.len(), 801);
        let want: Vec<bool> = recommendable_by_definition(q).iter().map(|b| !b).collect();
        let (bad, good) = (want.iter().filter(|b| **b).count(), want.iter().filter(|b| !**b).count());
        assert!(bad > 100 && good > 20, "both kinds of role: {bad} not recommendable, {good} recommendable");
        let third = best_places(q).iter().filter(|p| **p == 2).count();
        assert!(third > 0, "some role is never better than third");
        assert_eq!(check::compute(q, 0).unrecommendable, want, "every distinct total");
        assert_eq!(check::compute(q, check::WITNESSES).unrecommendable, want, "witnesses first");
    });
}

#[test]
fn a_role_no_sheet_can_recommend_is_a_warning_and_strict_makes_it_an_error() {
    // Four roles with the same profile: ties go to the smaller id, so `role-d` is never in the top three.
    let quiz = "traits:\n  - { id: code, name: Code }\n  - { id: data, name: Data }\nquestions:\n  - id: bg\n    prompt: Background?\n    options:\n      - { id: dev, label: Developer, adds: { code: 2 } }\n      - { id: an, label: Analyst, adds: { data: 2 } }\n";
    let mut files = vec![("data/quiz.yaml".to_string(), quiz.to_string())];
    for id in ["analyst", "role-a", "role-b", "role-c", "role-d"] {
        let fit = if id == "analyst" { "{ data: 3 }" } else { "{ code: 3 }" };
        files.push((format!("data/roles/{id}.yaml"), role_yaml(fit)));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = Site::new(&refs);
    let run = s.check();
    assert_eq!(run.code, 0, "a warning, not an error:\n{}", run.stderr);
    assert!(
        run.stderr.contains("data/roles/role-d.yaml:9:6: warning: the quiz cannot recommend this role"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("all 2 distinct answer totals were tried"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("cannot recommend").count(), 1, "{}", run.stderr);
    let strict = s.ladder(&["check", "--strict", "--today", "2026-11-23"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn past_a_million_distinct_totals_the_check_samples_from_a_fixed_seed() {
    // Four `many` questions of nine options over six traits: far more than 10^6 distinct totals.
    let mut quiz = String::from("traits:\n");
    for t in ["t1", "t2", "t3", "t4", "t5", "t6"] {
        quiz.push_str(&format!("  - {{ id: {t}, name: {t} }}\n"));
    }
    quiz.push_str("questions:\n");
    for qi in 0..4 {
        quiz.push_str(&format!("  - id: q{qi}\n    prompt: Q?\n    choose: many\n    options:\n"));
        for oi in 0..9 {
            let t1 = (qi + oi) % 6 + 1;
            let t2 = (t1 + qi % 5) % 6 + 1;
            let v = oi as i64 % 5 + 1;
            quiz.push_str(&format!(
                "      - {{ id: o{oi}, label: O, adds: {{ t{t1}: {v}, t{t2}: -{} }} }}\n",
                qi % 3 + 1
            ));
        }
    }
    let mut files = vec![("data/quiz.yaml".to_string(), quiz)];
    let roles = [
        ("analyst", "{ t1: 5 }"),
        ("b", "{ t2: 4, t3: 1 }"),
        ("c", "{ t1: 1, t2: 1, t3: 1, t4: 1, t5: 1, t6: 1 }"),
        ("z1", "{ t4: 3 }"),
        ("z2", "{ t4: 3 }"),
        ("z3", "{ t4: 3 }"),
        ("z4", "{ t4: 3 }"),
    ];
    for (id, fit) in roles {
        files.push((format!("data/roles/{id}.yaml"), role_yaml(fit)));
    }
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let s = Site::new(&refs);
    with_quiz(s.root(), |_, q| {
        assert_eq!(check::distinct_count(q), None);
        let v = check::verdict(q);
        assert_eq!(v.method, check::Method::Sampled(check::SAMPLES));
        let z4 = q.role_index("z4").unwrap();
        assert!(v.unrecommendable[z4] && v.unrecommendable.iter().filter(|b| **b).count() == 1);
        let again = check::sampled_totals(q, 0, 1000, check::SEED);
        assert_eq!(again, check::sampled_totals(q, 0, 1000, check::SEED), "same seed, same sheets");
        assert_eq!(&again[500 * 6..], &check::sampled_totals(q, 500, 1000, check::SEED)[..], "one stream");
    });
    let diagnostics =
        |r: common::Run| r.stderr.lines().filter(|l| !l.starts_with("checked")).collect::<Vec<_>>().join("\n");
    let a = diagnostics(s.check());
    assert!(a.contains("data/roles/z4.yaml:9:6: warning: the quiz cannot recommend this role"), "{a}");
    assert!(a.contains("100000 answer sheets were sampled"), "{a}");
    assert_eq!(a, diagnostics(s.check()), "the verdict never changes between runs");
}

/// Timing, not a check (run with `--release -- --ignored --nocapture`): the recommendability check
/// on the default site, or on `LADDER_QUIZ_BENCH_SITE` (e.g. a generated 3,000-role site).
#[test]
#[ignore]
fn time_the_recommendability_check() {
    let root = std::env::var("LADDER_QUIZ_BENCH_SITE").map(std::path::PathBuf::from).unwrap_or_else(|_| repo());
    with_quiz(&root, |m, q| {
        for run in ["first (minifies the logic)", "again"] {
            let t = std::time::Instant::now();
            let js = page::script(m);
            eprintln!("page script, {run}: {:.1} ms, {} bytes", t.elapsed().as_secs_f64() * 1000.0, js.len());
        }
        let time = |f: &dyn Fn() -> check::Verdict| {
            let mut best = f64::MAX;
            let mut v = None;
            for _ in 0..5 {
                let t = std::time::Instant::now();
                v = Some(f());
                best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            }
            (best, v.unwrap())
        };
        let (ms, v) = time(&|| check::compute(q, 0));
        let bad = v.unrecommendable.iter().filter(|b| **b).count();
        eprintln!(
            "{} roles: every distinct total ({:?}): {ms:.1} ms, {bad} not recommendable",
            q.roles.len(),
            v.method
        );
        let (ms, v) = time(&|| check::compute(q, check::WITNESSES));
        eprintln!("with seeded witnesses first ({:?}): {ms:.1} ms", v.method);
        let t = std::time::Instant::now();
        check::verdict(q);
        let first = t.elapsed().as_secs_f64() * 1000.0;
        let t = std::time::Instant::now();
        check::verdict(q);
        eprintln!("verdict(): {first:.1} ms, then cached: {:.3} ms", t.elapsed().as_secs_f64() * 1000.0);
    });
}
