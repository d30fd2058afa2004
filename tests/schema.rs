//! `ladder schema`: the committed `schema/` matches the types, the shipped sites validate
//! against it, and each kind of shape error is rejected by it as it is by the loader.

mod common;
use common::{repo, Site};
use serde_json::Value;

fn schema(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(repo().join("schema").join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    let value: Value = serde_json::from_str(&text).expect("schema is JSON");
    jsonschema::validator_for(&value).unwrap_or_else(|e| panic!("{name} is not a valid schema: {e}"))
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Option<Value>>(text).expect("YAML parses").unwrap_or(Value::Null)
}

fn errors(v: &jsonschema::Validator, value: &Value) -> Vec<String> {
    v.iter_errors(value).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

/// Regenerate and compare: fails when a data type changed without `ladder schema`.
#[test]
fn committed_schema_is_current() {
    let site = Site::empty();
    let run = site.ladder(&["schema"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("role.schema.json"), "prints what it wrote:\n{}", run.stdout);
    let mut names = Vec::new();
    for e in std::fs::read_dir(site.root().join("schema")).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let fresh = std::fs::read_to_string(e.path()).unwrap();
        let committed = std::fs::read_to_string(repo().join("schema").join(&name)).unwrap_or_default();
        assert!(fresh == committed, "schema/{name} is stale: run `cargo run --release -- schema` and commit it");
        assert!(fresh.ends_with("}\n"));
        names.push(name);
    }
    let committed = std::fs::read_dir(repo().join("schema")).unwrap().count();
    assert_eq!(names.len(), committed, "schema/ holds a file ladder no longer writes");
}

/// Every data file and front matter of a site validates against its schema.
fn validate_site(root: &std::path::Path) -> usize {
    let mut checked = 0;
    for e in walkdir::WalkDir::new(root.join("data")).sort_by_file_name() {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        if rel.ends_with(".csv") {
            continue; // a wage table: CSV, checked by `ladder check`, no JSON Schema
        }
        let name = ladder::schema::for_data_file(&rel).unwrap_or_else(|| panic!("no schema for {rel}"));
        let value = yaml(&std::fs::read_to_string(e.path()).unwrap());
        let errs = errors(&schema(name), &value);
        assert!(errs.is_empty(), "{rel} against {name}: {errs:#?}");
        checked += 1;
    }
    for e in walkdir::WalkDir::new(root.join("content")).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let (front, _, _) = ladder::load::split_front_matter(&text).expect("front matter");
            let errs = errors(&schema("front-matter.schema.json"), &yaml(front));
            assert!(errs.is_empty(), "{}: {errs:#?}", e.path().display());
            checked += 1;
        }
    }
    checked
}

#[test]
fn default_site_validates() {
    assert!(validate_site(&repo()) > 30);
}

#[test]
fn fixture_validates_and_its_roles_json_too() {
    assert!(validate_site(&repo().join("tests/fixture")) > 8);
    let site = Site::copy_of("tests/fixture");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let roles: Value = serde_json::from_str(&site.page("roles.json")).unwrap();
    let errs = errors(&schema("roles-json.schema.json"), &roles);
    assert!(errs.is_empty(), "{errs:#?}");
}

const ROLE: &str =
    "title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - { skill: python, level: working }\n";

/// Each shape error is rejected by the schema, as `ladder check` rejects it.
#[test]
fn shape_errors_are_rejected() {
    let role = schema("role.schema.json");
    assert!(errors(&role, &yaml(ROLE)).is_empty(), "the base role is valid");
    let cases = [
        ("wrong type", ROLE.replace("skills:\n  - { skill: python, level: working }", "skills: python")),
        ("wrong enum value", ROLE.replace("working", "guru")),
        ("unknown field", format!("{ROLE}titel: Typo\n")),
        ("missing required field", ROLE.replace("title: Analyst\n", "")),
        ("number as text", format!("{ROLE}pay:\n  - {{ basis: annual, low: \"$80,000\", source: survey }}\n")),
    ];
    for (what, text) in &cases {
        assert!(!errors(&role, &yaml(text)).is_empty(), "{what} should be rejected:\n{text}");
        let site = Site::new(&[("data/roles/analyst.yaml", text)]);
        assert_eq!(site.check().code, 1, "{what}: ladder check rejects it too");
    }
    let skills = schema("skills.schema.json");
    assert!(!errors(&skills, &yaml("- id: python\n")).is_empty(), "a skill needs a name");
    assert!(!errors(&skills, &yaml("id: python\nname: Python\n")).is_empty(), "skills.yaml is a list");
    let site = schema("site.schema.json");
    assert!(!errors(&site, &yaml("title: x\nbase_url: https://x.org/\nstale_after_days: soon\n")).is_empty());
}
