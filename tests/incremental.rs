//! `ladder serve` rebuilds incrementally (src/serve/incremental.rs): after any sequence of edits
//! the served folder holds byte for byte what a full build of the same files gives, and a build
//! that fails leaves the last good output as it was.
//!
//! Why proptest: the bugs an incremental build has are in the order and mix of edits (a page that
//! depends on a file edited two steps ago, a rename after a broken save), which hand-picked cases
//! miss; proptest draws many sequences, and shrinks a failing one to its shortest, which reads as
//! a recipe. It is already the crate's property-test tool (tests/properties.rs).

mod common;

use std::path::{Path, PathBuf};

use ladder::diagnostic::Severity;
use ladder::serve::incremental::Incremental;
use proptest::prelude::*;

use common::{copy_dir, repo, tree};

type Tree = Vec<(String, Vec<u8>)>;

fn options(root: &Path) -> ladder::Options {
    ladder::Options {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
        strict: false,
        today: ladder::date::parse("2026-11-23").unwrap(),
        drafts: true,
    }
}

/// What `ladder build` (drafts included, as `serve` builds) writes for `root`; `None` when the
/// site does not build.
fn full_build(root: &Path, scratch: &Path) -> Option<Tree> {
    let out = scratch.join("full");
    let _ = std::fs::remove_dir_all(&out);
    let outcome = ladder::run(&ladder::Options { out: Some(out.clone()), ..options(root) });
    (!outcome.failed(false)).then(|| tree(&out))
}

/// One edit of the site's sources. `kind` picks what is edited, `a` and `b` how.
#[derive(Debug, Clone)]
struct Edit {
    kind: usize,
    a: usize,
    b: usize,
}

/// The files under `dir` (relative to `root`) whose names end in `ext`, sorted.
fn files(root: &Path, dir: &str, ext: &str) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(root.join(dir))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(ext))
        .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_default()
}

/// Save as editors do: write a temporary file beside it, rename it over the old one.
fn save(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let tmp = path.with_file_name(".save.tmp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
}

/// `text` with its first line starting `key:` replaced by `key: value` (or the line added).
fn set_field(text: &str, key: &str, value: &str) -> String {
    let prefix = format!("{key}:");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    match lines.iter().position(|l| l.starts_with(&prefix)) {
        Some(i) => lines[i] = format!("{key}: {value}"),
        None => lines.push(format!("{key}: {value}")),
    }
    lines.join("\n") + "\n"
}

/// Apply `e` to the site at `root` (a copy of `fixture`); the files it touched, relative to the
/// root, as the watcher reports them.
fn apply(root: &Path, fixture: &Path, e: &Edit) -> Vec<String> {
    let roles = files(root, "data/roles", ".yaml");
    let guides = files(root, "content", ".md");
    let pick = |v: &[String], i: usize| v.get(i % v.len().max(1)).cloned();
    match e.kind {
        // A role's fields: text, category, skills, links to other roles, pay, industries; some
        // break the build. Some show only on the role's own pages (education, tasks, credentials,
        // breaking_in, updated), the others on other pages too (`serve::reach`).
        0 | 1 => {
            let Some(rel) = pick(&roles, e.a) else { return vec![] };
            let text = read(root, &rel);
            let text = match e.b {
                0 => set_field(&text, "title", &format!("Retitled {}", e.a)),
                1 => set_field(&text, "summary", &format!("A summary, edit {}.", e.a)),
                2 => set_field(&text, "education", "Any degree, or none."),
                3 => set_field(&text, "category", "evaluatoin"),
                4 => set_field(&text, "category", if e.a.is_multiple_of(2) { "technical" } else { "evaluation" }),
                5 => set_field(&text, "related", "[no-such-role]"),
                6 => text.replacen("skills:\n", "skills:\n  - { skill: statistics, level: basic }\n", 1),
                7 => set_field(&text, "breaking_in", "[Read the @/roles/model-evaluator/ page]"),
                8 => set_field(&text, "tasks", &format!("[Task {}, with a line\\nmore]", e.a)),
                9 => set_field(&text, "credentials", &format!("[A licence {}]", e.a)),
                10 => set_field(&text, "industries", if e.a.is_multiple_of(2) { "[technology]" } else { "[]" }),
                11 => set_field(&text, "updated", "2026-11-01"),
                12 => set_field(&text, "pay", "[{ label: Flat, basis: annual, median: 90000, source: survey-2026 }]"),
                _ => set_field(&text, "related", "[mlops-engineer, ai-trainer]"),
            };
            save(root, &rel, &text);
            vec![rel]
        }
        // A new role, made from an existing one.
        2 => {
            let base = read(fixture, "data/roles/ai-trainer.yaml");
            let rel = format!("data/roles/new-role-{}.yaml", e.a % 3);
            save(root, &rel, &set_field(&base, "title", &format!("New role {}", e.b)));
            vec![rel]
        }
        // Remove a role, a guide or a template.
        3 => {
            let mut all = roles.clone();
            all.extend(guides.clone());
            all.extend(files(root, "templates", ".html"));
            let Some(rel) = pick(&all, e.a) else { return vec![] };
            std::fs::remove_file(root.join(&rel)).unwrap();
            vec![rel]
        }
        // Rename a role or a guide.
        4 => {
            let (list, to) = if e.b.is_multiple_of(2) {
                (&roles, format!("data/roles/renamed-{}.yaml", e.a % 2))
            } else {
                (&guides, format!("content/renamed-{}.md", e.a % 2))
            };
            let Some(rel) = pick(list, e.a) else { return vec![] };
            if rel == to || root.join(&to).exists() {
                return vec![];
            }
            std::fs::rename(root.join(&rel), root.join(&to)).unwrap();
            vec![rel, to]
        }
        // skills.yaml: a name, a new skill, a syntax error, the original.
        5 => {
            let rel = "data/skills.yaml".to_string();
            let text = read(root, &rel);
            let text = match e.b % 4 {
                0 => text.replacen("name: Python", &format!("name: Python {}", e.a), 1),
                1 => text + "- id: new-skill\n  name: New skill\n  summary: Added by an edit.\n",
                2 => text + "- id: [unclosed\n",
                _ => read(fixture, &rel),
            };
            save(root, &rel, &text);
            vec![rel]
        }
        // Guides: text, a broken link, a new guide, the original.
        6 => {
            let Some(rel) = pick(&guides, e.a) else { return vec![] };
            let text = read(root, &rel);
            let (rel, text) = match e.b % 4 {
                0 => (rel, format!("{text}\n## Added {}\n\nMore about the [trainer](@/roles/ai-trainer/).\n", e.a)),
                1 => (rel, format!("{text}\nSee [nothing](@/roles/no-such-role/).\n")),
                2 => (
                    format!("content/extra-{}.md", e.a % 2),
                    "---\ntitle: Extra\nsummary: An added guide.\n---\nRead [the evaluator](@/roles/model-evaluator/).\n"
                        .to_string(),
                ),
                _ => {
                    let original = read(fixture, &rel);
                    if original.is_empty() {
                        return vec![];
                    }
                    (rel, original)
                }
            };
            save(root, &rel, &text);
            vec![rel]
        }
        // Templates: an override of ladder's own, a broken one, a partial.
        7 => {
            let (rel, text) = match e.b % 4 {
                0 => ("templates/404.html", include_str!("../templates/404.html").replace("Page not found", "Lost")),
                1 => ("templates/404.html", "{% extends \"base.html\" %}{% block main %}{% if %}{% endblock %}".into()),
                2 => (
                    "templates/partials/cite.html",
                    format!("{}<!-- edited {} -->", include_str!("../templates/partials/cite.html"), e.a),
                ),
                _ => ("templates/role.html", include_str!("../templates/role.html").replace("<h1", "<h1 data-x=\"1\"")),
            };
            save(root, rel, &text);
            vec![rel.to_string()]
        }
        // A path, and site.yaml.
        8 => {
            let rel = if e.b.is_multiple_of(2) { "data/paths/evaluator-track.yaml" } else { "data/site.yaml" };
            let text = read(root, rel);
            let text = if text.is_empty() || e.a.is_multiple_of(3) {
                read(fixture, rel)
            } else if rel.ends_with("site.yaml") {
                set_field(&text, "title", &format!("Careers {}", e.a))
            } else if e.a % 3 == 1 {
                set_field(&text, "summary", &format!("A path, edit {}.", e.a))
            } else if e.a == 5 {
                text.replace("role: ai-trainer", "role: mlops-engineer")
            } else {
                set_field(&text, "title", &format!("Track {}", e.a))
            };
            save(root, rel, &text);
            vec![rel.to_string()]
        }
        // Back to the fixture: every file that differs, added or removed.
        _ => {
            let mut changed = Vec::new();
            let now: Vec<String> = ["data", "content", "templates"].iter().flat_map(|d| files(root, d, "")).collect();
            for rel in &now {
                if !fixture.join(rel).exists() {
                    std::fs::remove_file(root.join(rel)).unwrap();
                    changed.push(rel.clone());
                }
            }
            for rel in ["data", "content"].iter().flat_map(|d| files(fixture, d, "")) {
                if read(root, &rel) != read(fixture, &rel) {
                    save(root, &rel, &read(fixture, &rel));
                    changed.push(rel);
                }
            }
            changed
        }
    }
}

/// The first files that differ between two trees, for the failure message.
fn differences(a: &Tree, b: &Tree) -> Vec<String> {
    let names = |t: &Tree| t.iter().map(|f| f.0.clone()).collect::<std::collections::BTreeSet<_>>();
    let (na, nb) = (names(a), names(b));
    let mut out: Vec<String> = na.symmetric_difference(&nb).map(|n| format!("only on one side: {n}")).collect();
    for (x, y) in a.iter().zip(b) {
        if x.0 == y.0 && x.1 != y.1 {
            out.push(format!("differs: {}", x.0));
        }
    }
    out.truncate(8);
    out
}

struct Run {
    _dir: tempfile::TempDir,
    root: PathBuf,
    scratch: PathBuf,
    fixture: PathBuf,
    site: Incremental,
    last_good: Option<Tree>,
}

impl Run {
    fn start() -> Run {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        let fixture = repo().join("tests/fixture");
        copy_dir(&fixture, &root);
        let scratch = dir.path().join("scratch");
        std::fs::create_dir_all(&scratch).unwrap();
        let site = Incremental::new(root.clone(), dir.path().join("served"), dir.path().join("stage"));
        Run { root, scratch, fixture, site, last_good: None, _dir: dir }
    }

    fn served(&self) -> Tree {
        tree(&self._dir.path().join("served"))
    }

    /// Rebuild after `changed` and hold the served folder to a full build of the same files.
    fn step(&mut self, changed: Option<&[String]>, what: &str) -> Result<(), TestCaseError> {
        let r = self.site.rebuild(changed, &options(&self.root));
        let failed = r.diagnostics.iter().any(|d| d.severity == Severity::Error);
        let full = full_build(&self.root, &self.scratch);
        let errors: Vec<String> =
            r.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.headline()).take(3).collect();
        prop_assert_eq!(failed, full.is_none(), "{}: incremental failed = {} ({:?})", what, failed, errors);
        let served = self.served();
        match full {
            Some(full) => {
                prop_assert!(served == full, "{}: served != full build: {:?}", what, differences(&served, &full));
                self.last_good = Some(full);
            }
            None => {
                if let Some(good) = &self.last_good {
                    prop_assert!(
                        served == *good,
                        "{}: a failed build changed the output: {:?}",
                        what,
                        differences(&served, good)
                    );
                }
            }
        }
        Ok(())
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    (0..10usize, 0..6usize, 0..14usize).prop_map(|(kind, a, b)| Edit { kind, a, b })
}

proptest! {
    // 256 sequences of one to five edits: some 1,500 incremental and full builds of the fixture,
    // seconds in release mode (70 s for 96 sequences on this loaded, shared machine).
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, max_shrink_iters: 200, ..ProptestConfig::default() })]

    #[test]
    fn every_incremental_rebuild_equals_a_full_build(edits in prop::collection::vec(edit(), 1..6)) {
        let mut run = Run::start();
        run.step(None, "first build")?;
        for (i, e) in edits.iter().enumerate() {
            let changed = apply(&run.root, &run.fixture, e);
            run.step(Some(&changed), &format!("edit {i} {e:?} (changed {changed:?})"))?;
        }
    }
}

/// A save that breaks the site keeps the last good output; the fix brings the edit in.
#[test]
fn a_broken_save_keeps_the_last_good_output_and_the_fix_shows() {
    let mut run = Run::start();
    run.step(None, "first build").unwrap();
    let good = run.served();
    let rel = "data/roles/ai-trainer.yaml".to_string();
    let text = read(&run.root, &rel);
    save(&run.root, &rel, &set_field(&text, "category", "evaluatoin"));
    run.step(Some(std::slice::from_ref(&rel)), "broken").unwrap();
    assert!(run.served() == good);
    save(&run.root, &rel, &set_field(&text, "title", "AI Tutor"));
    run.step(Some(std::slice::from_ref(&rel)), "fixed").unwrap();
    let page = run.served().into_iter().find(|f| f.0 == "roles/ai-trainer/index.html").unwrap();
    assert!(String::from_utf8_lossy(&page.1).contains("AI Tutor"));
}

/// The check can fail: a rebuild that is not told of an edit leaves a stale page, and the
/// comparison with a full build catches it.
#[test]
fn a_rebuild_that_misses_an_edit_is_caught() {
    let mut run = Run::start();
    run.step(None, "first build").unwrap();
    let rel = "data/roles/ai-trainer.yaml";
    save(&run.root, rel, &set_field(&read(&run.root, rel), "education", "Any degree, or none."));
    let caught = run.step(Some(&[]), "an edit the rebuild was not told of");
    assert!(caught.is_err(), "the served folder is stale and the check did not see it");
}
