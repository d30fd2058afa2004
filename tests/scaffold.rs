//! `ladder new`: each kind writes a commented starter that passes `check`; an existing or unsafe
//! id is refused; a missing prerequisite is named with what to do.

mod common;
use common::Site;

fn new(site: &Site, kind: &str, id: &str) -> common::Run {
    site.ladder(&["new", kind, id])
}

#[test]
fn each_kind_passes_check() {
    for (kind, id, file) in [
        ("role", "data-steward", "data/roles/data-steward.yaml"),
        ("skill", "data-cleaning", "data/skills.yaml"),
        ("path", "steward-track", "data/paths/steward-track.yaml"),
        ("guide", "first-week", "content/first-week.md"),
        ("guide", "basics/glossary", "content/basics/glossary.md"),
    ] {
        let site = Site::copy_of("tests/fixture");
        let before = std::fs::read_to_string(site.root().join(file)).unwrap_or_default();
        let run = new(&site, kind, id);
        assert_eq!(run.code, 0, "{kind} {id}: {}", run.stderr);
        assert!(run.stdout.contains(file), "{kind}: prints the path written:\n{}", run.stdout);
        let text = std::fs::read_to_string(site.root().join(file)).unwrap();
        if file.ends_with(".yaml") {
            let depth = file.matches('/').count();
            let line = format!("# yaml-language-server: $schema={}schema/", "../".repeat(depth));
            assert!(text.starts_with(&line), "{kind}: starts with the schema line:\n{text}");
            assert!(site.root().join("schema/role.schema.json").exists(), "{kind}: writes the schemas it points at");
        }
        if kind == "skill" {
            assert!(text.contains(before.trim_end()), "the old skills and their comments are kept");
            assert!(text.contains("- id: data-cleaning"));
        }
        let check = site.check();
        assert_eq!(check.code, 0, "{kind} {id}: the starter passes check:\n{text}\n{}", check.stderr);
    }
}

#[test]
fn schema_line_is_not_added_twice() {
    let site = Site::copy_of("tests/fixture");
    assert_eq!(new(&site, "skill", "one").code, 0);
    assert_eq!(new(&site, "skill", "two").code, 0);
    let text = std::fs::read_to_string(site.root().join("data/skills.yaml")).unwrap();
    assert_eq!(text.matches("yaml-language-server").count(), 1, "{text}");
    assert_eq!(site.check().code, 0);
}

#[test]
fn existing_ids_are_refused() {
    let site = Site::copy_of("tests/fixture");
    for (kind, id) in
        [("role", "model-evaluator"), ("skill", "python"), ("path", "evaluator-track"), ("guide", "getting-started")]
    {
        let before = snapshot(&site);
        let run = new(&site, kind, id);
        assert_eq!(run.code, 1, "{kind} {id}: {}", run.stderr);
        assert!(run.stderr.contains("already exists"), "{kind}: {}", run.stderr);
        assert_eq!(before, snapshot(&site), "{kind}: nothing changed");
    }
}

#[test]
fn unsafe_ids_are_refused() {
    let site = Site::copy_of("tests/fixture");
    for id in ["Model", "a_b", "../x", "a-", "a b", "_index", "x/../y"] {
        let run = new(&site, "guide", id);
        assert_eq!(run.code, 2, "{id}: a usage error: {}", run.stderr);
        assert!(run.stderr.contains("not a safe id"), "{id}: {}", run.stderr);
    }
}

#[test]
fn missing_prerequisites_are_named() {
    let site = Site::new(&[("data/categories.yaml", "[]\n")]);
    let run = new(&site, "role", "steward");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("a role needs a category") && run.stderr.contains("data/categories.yaml"),
        "{}",
        run.stderr
    );

    let site = Site::new(&[("data/quiz.yaml", "traits: []\nquestions: []\n")]);
    let run = new(&site, "role", "steward");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no traits"), "{}", run.stderr);

    let site = Site::empty();
    let run = new(&site, "role", "steward");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("no `data/` folder"), "{}", run.stderr);
}

fn snapshot(site: &Site) -> Vec<(String, String)> {
    walkdir::WalkDir::new(site.root())
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().display().to_string(), std::fs::read_to_string(e.path()).unwrap_or_default()))
        .collect()
}

#[test]
fn role_starter_mentions_occupations() {
    let site = Site::copy_of("tests/fixture");
    let run = new(&site, "role", "data-steward");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(site.root().join("data/roles/data-steward.yaml")).unwrap();
    assert!(text.contains("# occupations:"), "the starter names `occupations`:\n{text}");
    assert!(text.contains("relation: closest"), "and shows an entry:\n{text}");
}
