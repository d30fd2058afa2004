//! `ladder schema`: JSON Schemas (draft 7, which editors' YAML plugins read) of every data file
//! and of `roles.json`, generated with schemars from the serde types that load and write them,
//! so a schema cannot drift from the code. Output is sorted and pretty, the same bytes each run.

use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

use crate::data::{
    files, CareerPath, Category, FrontMatter, Industry, PayBand, Quiz, Role, SiteConfig, Skill, Source, WageTableMeta,
};
use crate::render::feeds::RolesJson;

/// A schema file: its name, the site file it describes, and its text.
pub struct SchemaFile {
    pub name: &'static str,
    pub describes: &'static str,
    pub text: String,
}

fn one<T: JsonSchema>(name: &'static str, describes: &'static str, title: &str) -> SchemaFile {
    let schema = SchemaSettings::draft07().into_generator().into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Value::Object(map) = &mut value {
        map.insert("title".into(), Value::String(title.into()));
        map.insert("description".into(), Value::String(format!("ladder: {describes}")));
    }
    let mut text = serde_json::to_string_pretty(&sorted(value)).unwrap_or_default();
    text.push('\n');
    SchemaFile { name, describes, text }
}

/// Object keys in byte order at every depth (whatever serde_json's map keeps).
fn sorted(v: Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut pairs: Vec<(String, Value)> = map.into_iter().collect();
            pairs.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(pairs.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}

/// Every schema, in a fixed order.
pub fn schemas() -> Vec<SchemaFile> {
    vec![
        one::<SiteConfig>("site.schema.json", files::SITE, "Site settings"),
        one::<Option<Vec<Source>>>("sources.schema.json", files::SOURCES, "Sources"),
        one::<Option<Vec<Category>>>("categories.schema.json", files::CATEGORIES, "Role categories"),
        one::<Option<Vec<Industry>>>("industries.schema.json", files::INDUSTRIES, "Industries"),
        one::<Option<Vec<Skill>>>("skills.schema.json", files::SKILLS, "Skills"),
        one::<Option<Vec<PayBand>>>("pay.schema.json", files::PAY, "Pay bands for a type of work"),
        one::<Role>("role.schema.json", "data/roles/ID.yaml", "A role"),
        one::<CareerPath>("path.schema.json", "data/paths/ID.yaml", "A progression path"),
        one::<WageTableMeta>("wages.schema.json", "data/wages/ID.yaml", "A wage table's description"),
        one::<Quiz>("quiz.schema.json", files::QUIZ, "The role-fit quiz"),
        one::<FrontMatter>("front-matter.schema.json", "the front matter of content/**.md", "A page's front matter"),
        one::<RolesJson>("roles-json.schema.json", "roles.json in the built site", "roles.json"),
    ]
}

/// The schema file for a data file (`data/roles/x.yaml` -> `role.schema.json`).
pub fn for_data_file(rel: &str) -> Option<&'static str> {
    Some(match rel {
        files::SITE => "site.schema.json",
        files::SOURCES => "sources.schema.json",
        files::CATEGORIES => "categories.schema.json",
        files::INDUSTRIES => "industries.schema.json",
        files::SKILLS => "skills.schema.json",
        files::PAY => "pay.schema.json",
        files::QUIZ => "quiz.schema.json",
        r if r.starts_with(files::ROLES) => "role.schema.json",
        r if r.starts_with(files::PATHS) => "path.schema.json",
        r if r.starts_with(files::WAGES) && r.ends_with(".yaml") => "wages.schema.json",
        _ => return None,
    })
}

/// Write every schema into `dir`; returns the files written.
pub fn write(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for s in schemas() {
        let p = dir.join(s.name);
        std::fs::write(&p, &s.text)?;
        written.push(p);
    }
    Ok(written)
}
