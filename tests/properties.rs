//! Properties over generated sites (proptest): whatever the generator writes, `ladder` either
//! builds or answers with diagnostics whose positions lie inside their files; the pay figures it
//! accepts are positive and in order; the ids it accepts are safe path segments; and building is
//! deterministic (same bytes twice, and with `--jobs 1` against `--jobs 2`).
//!
//! The generator mixes valid values with the mistakes editors make: unsafe ids, figures out of
//! order or not positive, references to records that do not exist, text that YAML misreads
//! when left unquoted (`: `, `#`, `[`), and hostile or non-Latin text.

mod common;
use common::Site;
use proptest::prelude::*;
use proptest::sample::select;

const IDS: &[&str] =
    &["python", "statistics", "sql", "a-b", "x1", "a--b", "Bad", "a_b", "-a", "a-", "../x", "é", "a b"];
const TEXT: &[&str] = &[
    "Analyst",
    "Reads numbers.",
    "key: value",
    "# not a comment?",
    "[unclosed",
    "مقيّم النماذج",
    "שלום 🚀",
    "e\u{301}\u{302}",
    "<script>alert(1)</script>",
    "\"quoted\"",
    "tab\there",
    "",
];
const FIGURES: [&str; 7] = ["low", "p10", "p25", "median", "p75", "p90", "high"];

#[derive(Debug, Clone)]
struct Band {
    figures: Vec<(usize, i64)>,
}

#[derive(Debug, Clone)]
struct Role {
    id: &'static str,
    title: &'static str,
    quoted: bool,
    category: &'static str,
    skills: Vec<&'static str>,
    pay: Vec<Band>,
}

#[derive(Debug, Clone)]
struct Gen {
    skills: Vec<(&'static str, &'static str)>,
    categories: Vec<&'static str>,
    roles: Vec<Role>,
}

fn band() -> impl Strategy<Value = Band> {
    (prop::collection::vec(-5i64..1000, 7), any::<bool>(), prop::collection::vec(any::<bool>(), 7)).prop_map(
        |(mut v, sorted, present)| {
            if sorted {
                v.sort();
            }
            Band { figures: (0..7).filter(|&i| present[i]).map(|i| (i, v[i])).collect() }
        },
    )
}

fn role() -> impl Strategy<Value = Role> {
    (
        select(IDS),
        select(TEXT),
        any::<bool>(),
        select(IDS),
        prop::collection::vec(select(IDS), 0..4),
        prop::collection::vec(band(), 0..3),
    )
        .prop_map(|(id, title, quoted, category, skills, pay)| Role { id, title, quoted, category, skills, pay })
}

fn site() -> impl Strategy<Value = Gen> {
    (
        prop::collection::vec((select(IDS), select(TEXT)), 1..5),
        prop::collection::vec(select(IDS), 1..3),
        prop::collection::vec(role(), 1..4),
    )
        .prop_map(|(skills, categories, roles)| Gen { skills, categories, roles })
}

/// YAML scalar: quoted (JSON's escapes are YAML's) or plain, as an editor might write it.
fn scalar(s: &str, quoted: bool) -> String {
    if quoted {
        serde_json::to_string(s).unwrap()
    } else {
        s.to_string()
    }
}

impl Gen {
    fn files(&self) -> Vec<(String, String)> {
        let mut f = vec![
            ("data/site.yaml".to_string(), "title: Generated\nbase_url: https://example.org/\n".to_string()),
            ("data/sources.yaml".to_string(), "- id: survey\n  title: Survey\n  accessed: 2026-10-01\n".to_string()),
        ];
        let cats: String = self.categories.iter().map(|c| format!("- id: {}\n  name: C\n", scalar(c, true))).collect();
        f.push(("data/categories.yaml".into(), cats));
        let skills: String = self
            .skills
            .iter()
            .map(|(id, name)| format!("- id: {}\n  name: {}\n", scalar(id, true), scalar(name, true)))
            .collect();
        f.push(("data/skills.yaml".into(), skills));
        for r in &self.roles {
            let mut y = format!(
                "title: {}\ncategory: {}\nsummary: S.\nskills:\n",
                scalar(r.title, r.quoted),
                scalar(r.category, true)
            );
            for s in &r.skills {
                y.push_str(&format!("  - {{ skill: {}, level: working }}\n", scalar(s, true)));
            }
            if r.skills.is_empty() {
                y.push_str("  []\n");
            }
            if !r.pay.is_empty() {
                y.push_str("pay:\n");
                for b in &r.pay {
                    y.push_str("  - basis: annual\n    source: survey\n");
                    for (i, v) in &b.figures {
                        y.push_str(&format!("    {}: {v}\n", FIGURES[*i]));
                    }
                }
            }
            y.push_str("pay_note: None.\nsources: [survey]\nupdated: 2026-11-01\n");
            f.push((format!("data/roles/{}.yaml", r.id), y));
        }
        f
    }

    fn write(&self) -> Site {
        let site = Site::empty();
        for (p, c) in self.files() {
            // Ids such as `../x` or `a b` make odd file names; writing them is the point, but
            // one that cannot be written (outside `data/roles`) is left out.
            let path = site.root().join(&p);
            if path.parent().is_some_and(|d| std::fs::create_dir_all(d).is_ok()) {
                let _ = std::fs::write(path, c);
            }
        }
        site
    }
}

fn check(site: &Site) -> ladder::Outcome {
    ladder::run(&ladder::Options {
        root: site.root().to_path_buf(),
        out: None,
        base_url: None,
        strict: false,
        today: ladder::date::parse("2026-11-23").unwrap(),
        drafts: false,
        live_reload: None,
    })
}

/// An independent reading of the contract's rule: lowercase `a-z0-9-`, no `-` at either end.
fn safe_segment(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn builds_or_explains_with_valid_positions(g in site()) {
        let site = g.write();
        let outcome = check(&site);
        let errors: Vec<_> = outcome.diagnostics.iter().filter(|d| d.severity == ladder::diagnostic::Severity::Error).collect();
        for d in &outcome.diagnostics {
            prop_assert!(outcome.sources.points_inside(d), "{}:{}:{}: {}", d.path, d.line, d.column, d.message);
        }
        if errors.is_empty() {
            prop_assert!(outcome.pages > 0);
            // Accepted figures are positive and in order.
            for r in &g.roles {
                for b in &r.pay {
                    prop_assert!(b.figures.iter().all(|(_, v)| *v > 0), "{:?}", b);
                    prop_assert!(b.figures.windows(2).all(|w| w[0].1 <= w[1].1), "{:?}", b);
                }
            }
            // Accepted ids are safe path segments.
            for r in &g.roles {
                prop_assert!(safe_segment(r.id), "role id {:?}", r.id);
                prop_assert!(safe_segment(r.category), "category {:?}", r.category);
            }
            for (id, _) in &g.skills {
                prop_assert!(safe_segment(id), "skill id {:?}", id);
            }
        } else {
            prop_assert_eq!(outcome.pages, 0);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn building_is_deterministic(g in site()) {
        let site = g.write();
        let a = site.ladder(&["build", "--today", "2026-11-23", "--jobs", "1", "--out", &site.root().join("a").to_string_lossy()]);
        let b = site.ladder(&["build", "--today", "2026-11-23", "--jobs", "2", "--out", &site.root().join("b").to_string_lossy()]);
        let c = site.ladder(&["build", "--today", "2026-11-23", "--jobs", "2", "--out", &site.root().join("b").to_string_lossy()]);
        prop_assert_eq!(a.code, b.code);
        prop_assert_eq!(b.code, c.code);
        prop_assert_eq!(&a.stderr.lines().filter(|l| !l.starts_with("built")).collect::<Vec<_>>(),
            &b.stderr.lines().filter(|l| !l.starts_with("built")).collect::<Vec<_>>());
        if a.code == 0 {
            let ta = common::tree(&site.root().join("a"));
            let tb = common::tree(&site.root().join("b"));
            prop_assert!(!ta.is_empty());
            prop_assert!(ta == tb, "--jobs 1 and --jobs 2 (built twice) differ");
            // Every file the build writes sits at a path of safe segments.
            for (rel, _) in &ta {
                for seg in rel.split('/') {
                    let stem = seg.split('.').next().unwrap_or("");
                    prop_assert!(seg == "index.html" || seg == "404.html" || safe_segment(stem) || stem.is_empty(), "{}", rel);
                }
            }
        }
    }
}

/// Determinism does not hang on luck: a fixed, valid generated site builds the same with
/// `--jobs 1` and `--jobs 2`.
#[test]
fn a_valid_generated_site_is_deterministic() {
    let g = Gen {
        skills: vec![("python", "Python"), ("statistics", "Statistics")],
        categories: vec!["technical"],
        roles: vec![Role {
            id: "analyst",
            title: "Analyst",
            quoted: false,
            category: "technical",
            skills: vec!["python", "statistics"],
            pay: vec![Band { figures: vec![(0, 10), (3, 20), (6, 30)] }],
        }],
    };
    let site = g.write();
    let outs: Vec<_> = ["1", "2"]
        .iter()
        .map(|j| {
            let out = site.root().join(format!("out-{j}"));
            let run = site.ladder(&["build", "--today", "2026-11-23", "--jobs", j, "--out", &out.to_string_lossy()]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            common::tree(&out)
        })
        .collect();
    assert!(outs[0].len() > 5);
    assert!(outs[0] == outs[1]);
}
