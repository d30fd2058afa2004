//! Properties over generated sites (proptest): whatever the generator writes, `ladder` either
//! builds or answers with diagnostics whose positions lie inside their files; the pay figures it
//! accepts are positive and in order; the ids it accepts are safe path segments; and building is
//! deterministic (same bytes twice, and with `--jobs 1` against `--jobs 2`).
//!
//! The generator mixes valid values with the mistakes editors make: unsafe ids, figures out of
//! order or not positive, references to records that do not exist, text that YAML misreads
//! when left unquoted (`: `, `#`, `[`), and hostile or non-Latin text.
//!
//! A second generator makes valid sites and then at most one such mistake, so that half the
//! cases check that a valid site builds and the other half that the one mistake is reported in
//! its own file.

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

/// `data/site.yaml` and `data/sources.yaml` (one source, `survey`), the same for both generators.
fn site_and_sources() -> Vec<(String, String)> {
    vec![
        ("data/site.yaml".to_string(), "title: Generated\nbase_url: https://example.org/\n".to_string()),
        ("data/sources.yaml".to_string(), "- id: survey\n  title: Survey\n  accessed: 2026-10-01\n".to_string()),
    ]
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
        let mut f = site_and_sources();
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
        let outcome = site.check_in_process();
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

// A second generator that makes *valid* sites (distinct safe ids, references that resolve,
// positive figures in order, text quoted where YAML needs it), then makes at most one of the
// mistakes editors make. A valid site must build; a site with one mistake must fail with an
// error placed in the file that holds the mistake. So the "accepted" side is exercised on
// every other case, not by luck.

const SKILL_IDS: &[&str] = &["python", "statistics", "sql", "a-b", "x1", "ml-ops", "r2", "data"];
const ROLE_IDS: &[&str] = &["analyst", "ai-trainer", "x1", "a-b", "evaluator", "mlops-engineer", "r2d2"];
const CATEGORY_IDS: &[&str] = &["technical", "evaluation", "c1"];
const UNSAFE_IDS: &[&str] = &["Bad", "a_b", "-a", "a-", "é", "a b", "a.b", "A1"];
/// Text that reads back as itself without quotes.
const PLAIN_TEXT: &[&str] = &[
    "Analyst",
    "Reads numbers.",
    "مقيّم النماذج",
    "שלום 🚀",
    "e\u{301}\u{302}",
    "<script>alert(1)</script>",
    "50% remote",
];
/// Text that needs quotes (YAML would misread it, or fail).
const QUOTED_TEXT: &[&str] =
    &["key: value", "# not a comment?", "[unclosed", "\"quoted\"", "tab\there", "{ brace", "- dash", "@at", "yes"];
/// Unquoted, these are a YAML error, a comment (no title) or a list: each a mistake.
const BAD_PLAIN: &[&str] = &["key: value", "[unclosed", "# not a comment?", "{ brace", "- dash"];

#[derive(Debug, Clone)]
struct VRole {
    id: String,
    title: String,
    plain: bool,
    category: String,
    skills: Vec<String>,
    related: Vec<String>,
    pay: Vec<Vec<(usize, i64)>>,
    /// Raw YAML lines added at the end (a mistake).
    extra: String,
    updated: String,
    no_title: bool,
}

#[derive(Debug, Clone)]
struct Valid {
    skills: Vec<(String, String)>,
    categories: Vec<String>,
    roles: Vec<VRole>,
    path: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Mistake {
    None,
    UnsafeRoleId,
    UnsafeSkillId,
    DuplicateSkillId,
    FiguresOutOfOrder,
    FigureNotPositive,
    UnknownSkill,
    UnknownCategory,
    UnknownRelated,
    UnknownPathRole,
    TitleNeedsQuotes,
    NoTitle,
    UnknownField,
    BadDate,
}

const MISTAKES: [Mistake; 13] = [
    Mistake::UnsafeRoleId,
    Mistake::UnsafeSkillId,
    Mistake::DuplicateSkillId,
    Mistake::FiguresOutOfOrder,
    Mistake::FigureNotPositive,
    Mistake::UnknownSkill,
    Mistake::UnknownCategory,
    Mistake::UnknownRelated,
    Mistake::UnknownPathRole,
    Mistake::TitleNeedsQuotes,
    Mistake::NoTitle,
    Mistake::UnknownField,
    Mistake::BadDate,
];

/// A band of 1 to 7 figures, positive and in order (equal neighbours allowed).
fn valid_band() -> impl Strategy<Value = Vec<(usize, i64)>> {
    (1i64..1000, prop::collection::vec(0i64..400, 7), prop::collection::vec(any::<bool>(), 7), 0usize..7).prop_map(
        |(start, steps, present, always)| {
            let mut v = start;
            let mut out = Vec::new();
            for i in 0..7 {
                v += steps[i];
                if present[i] || i == always {
                    out.push((i, v));
                }
            }
            out
        },
    )
}

type RoleSeed = (usize, bool, u8, Vec<u8>, Vec<u8>, Vec<Vec<(usize, i64)>>);

fn role_seed() -> impl Strategy<Value = RoleSeed> {
    (
        0usize..PLAIN_TEXT.len() + QUOTED_TEXT.len(),
        any::<bool>(),
        any::<u8>(),
        prop::collection::vec(any::<u8>(), 1..4), // a role needs at least one skill
        prop::collection::vec(any::<u8>(), 0..3),
        prop::collection::vec(valid_band(), 0..3),
    )
}

fn valid_site() -> impl Strategy<Value = Valid> {
    (
        prop::sample::subsequence(SKILL_IDS, 1..6),
        prop::collection::vec(select(PLAIN_TEXT), 6),
        prop::sample::subsequence(CATEGORY_IDS, 1..3),
        prop::sample::subsequence(ROLE_IDS, 1..5),
        prop::collection::vec(role_seed(), 5),
        any::<bool>(),
    )
        .prop_map(|(skill_ids, names, cats, role_ids, seeds, with_path)| {
            let skills: Vec<(String, String)> =
                skill_ids.iter().zip(names).map(|(id, n)| (id.to_string(), n.to_string())).collect();
            let pick = |seed: &[u8], from: &[String]| {
                let mut v: Vec<String> = seed.iter().map(|&i| from[i as usize % from.len()].clone()).collect();
                v.sort();
                v.dedup();
                v
            };
            let skill_names: Vec<String> = skills.iter().map(|s| s.0.clone()).collect();
            let role_names: Vec<String> = role_ids.iter().map(|s| s.to_string()).collect();
            let roles = role_ids
                .iter()
                .zip(seeds)
                .map(|(id, (t, plain, cat, sk, rel, pay))| {
                    let (title, plain) = match PLAIN_TEXT.get(t) {
                        Some(p) => (p.to_string(), plain),
                        None => (QUOTED_TEXT[t - PLAIN_TEXT.len()].to_string(), false),
                    };
                    VRole {
                        id: id.to_string(),
                        title,
                        plain,
                        category: cats[cat as usize % cats.len()].to_string(),
                        skills: pick(&sk, &skill_names),
                        related: pick(&rel, &role_names).into_iter().filter(|r| r != id).collect(),
                        pay,
                        extra: String::new(),
                        updated: "2026-11-01".into(),
                        no_title: false,
                    }
                })
                .collect::<Vec<_>>();
            let path = (with_path && roles.len() > 1).then(|| role_names.clone());
            Valid { skills, categories: cats.iter().map(|c| c.to_string()).collect(), roles, path }
        })
}

impl Valid {
    /// Makes the mistake (on the role or skill `at` picks) and returns the file it is in.
    fn spoil(&mut self, m: Mistake, at: u8) -> Option<String> {
        let n = self.roles.len();
        let r = &mut self.roles[at as usize % n];
        let role_file = |id: &str| format!("data/roles/{id}.yaml");
        let u = UNSAFE_IDS[at as usize % UNSAFE_IDS.len()];
        Some(match m {
            Mistake::None => return None,
            Mistake::UnsafeRoleId => {
                r.id = u.to_string();
                role_file(u)
            }
            Mistake::UnsafeSkillId => {
                let k = at as usize % self.skills.len();
                self.skills[k].0 = u.to_string();
                "data/skills.yaml".into()
            }
            Mistake::DuplicateSkillId => {
                let first = self.skills[0].clone();
                self.skills.push(first);
                "data/skills.yaml".into()
            }
            Mistake::FiguresOutOfOrder => {
                if r.pay.is_empty() {
                    r.pay.push(vec![(1, 10), (3, 20)]);
                }
                let b = &mut r.pay[0];
                if b.len() < 2 {
                    let (i, v) = b[0];
                    b.push(if i < 6 { (6, v + 1) } else { (0, v - 1) });
                    b.sort();
                }
                // The first figure becomes the largest: now above its successor.
                let top = b.iter().map(|f| f.1).max().unwrap();
                b[0].1 = top + 1;
                role_file(&r.id)
            }
            Mistake::FigureNotPositive => {
                if r.pay.is_empty() {
                    r.pay.push(vec![(3, 20)]);
                }
                r.pay[0][0].1 = -(at as i64 % 3); // 0, -1 or -2
                role_file(&r.id)
            }
            Mistake::UnknownSkill => {
                r.skills.push("no-such-skill".into());
                role_file(&r.id)
            }
            Mistake::UnknownCategory => {
                r.category = "no-such-category".into();
                role_file(&r.id)
            }
            Mistake::UnknownRelated => {
                r.related.push("no-such-role".into());
                role_file(&r.id)
            }
            Mistake::UnknownPathRole => {
                let ids = self.roles.iter().map(|r| r.id.clone()).collect();
                self.path.get_or_insert(ids).push("no-such-role".into());
                "data/paths/track.yaml".into()
            }
            Mistake::TitleNeedsQuotes => {
                r.title = BAD_PLAIN[at as usize % BAD_PLAIN.len()].into();
                r.plain = true;
                role_file(&r.id)
            }
            Mistake::NoTitle => {
                r.no_title = true;
                role_file(&r.id)
            }
            Mistake::UnknownField => {
                r.extra = "salary: 100000\n".into();
                role_file(&r.id)
            }
            Mistake::BadDate => {
                r.updated = ["2026-13-01", "2026-02-30", "yesterday", "2026/11/01"][at as usize % 4].into();
                role_file(&r.id)
            }
        })
    }

    fn files(&self) -> Vec<(String, String)> {
        let q = |s: &str| serde_json::to_string(s).unwrap();
        let list = |v: &[String]| format!("[{}]", v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", "));
        let mut f = site_and_sources();
        let cats: String = self.categories.iter().map(|c| format!("- id: {}\n  name: C {c}\n", q(c))).collect();
        f.push(("data/categories.yaml".into(), cats));
        let skills: String =
            self.skills.iter().map(|(id, name)| format!("- id: {}\n  name: {}\n", q(id), q(name))).collect();
        f.push(("data/skills.yaml".into(), skills));
        for r in &self.roles {
            let mut y = String::new();
            if !r.no_title {
                y.push_str(&format!("title: {}\n", if r.plain { r.title.clone() } else { q(&r.title) }));
            }
            y.push_str(&format!("category: {}\nsummary: S.\nskills:\n", q(&r.category)));
            for s in &r.skills {
                y.push_str(&format!("  - {{ skill: {}, level: working }}\n", q(s)));
            }
            if r.skills.is_empty() {
                y.push_str("  []\n");
            }
            if r.pay.is_empty() {
                y.push_str("pay_note: No source gives pay.\n");
            } else {
                y.push_str("pay:\n");
                for b in &r.pay {
                    y.push_str("  - basis: annual\n    source: survey\n");
                    for (i, v) in b {
                        y.push_str(&format!("    {}: {v}\n", FIGURES[*i]));
                    }
                }
            }
            if !r.related.is_empty() {
                y.push_str(&format!("related: {}\n", list(&r.related)));
            }
            y.push_str(&format!("sources: [survey]\nupdated: {}\n{}", r.updated, r.extra));
            f.push((format!("data/roles/{}.yaml", r.id), y));
        }
        if let Some(steps) = &self.path {
            let mut y = "title: Track\nsummary: S.\nsources: [survey]\nsteps:\n".to_string();
            for s in steps {
                y.push_str(&format!("  - {{ role: {}, focus: F }}\n", q(s)));
            }
            f.push(("data/paths/track.yaml".into(), y));
        }
        f
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn valid_sites_build_and_each_mistake_is_placed(
        mut v in valid_site(),
        kind in 0usize..MISTAKES.len() * 2,
        at in any::<u8>(),
    ) {
        // Half the cases are valid sites, half carry one mistake.
        let mistake = MISTAKES.get(kind).copied().unwrap_or(Mistake::None);
        let file = v.spoil(mistake, at);
        let site = Site::empty();
        for (p, c) in v.files() {
            site.write(&p, &c);
        }
        let outcome = site.check_in_process();
        for d in &outcome.diagnostics {
            prop_assert!(outcome.sources.points_inside(d), "{}:{}:{}: {}", d.path, d.line, d.column, d.message);
        }
        let errors: Vec<_> = outcome.diagnostics.iter()
            .filter(|d| d.severity == ladder::diagnostic::Severity::Error)
            .map(|d| format!("{}:{}:{}: {}", d.path, d.line, d.column, d.message))
            .collect();
        match file {
            None => {
                prop_assert!(errors.is_empty(), "a valid site was refused: {:?}\n{:#?}", errors, v.files());
                // Every role and skill has a page, plus the fixed pages.
                prop_assert!(outcome.pages > v.roles.len() + v.skills.len(), "{} pages", outcome.pages);
            }
            Some(file) => {
                let placed = outcome.diagnostics.iter().any(|d| {
                    d.severity == ladder::diagnostic::Severity::Error && d.path == file
                        // A file name that is not a safe id is about the whole file (line 0).
                        && (d.line >= 1 || mistake == Mistake::UnsafeRoleId)
                });
                prop_assert!(placed, "{:?} in {} was not reported there: {:?}", mistake, file, errors);
                prop_assert_eq!(outcome.pages, 0);
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
