//! `ladder new role|skill|path|guide ID`: a commented starter that passes `ladder check`.
//!
//! The starter borrows ids the site already has (a category, a skill, a role, a quiz trait), so
//! it is valid as written; when one is missing, the error says what to add first. YAML starters
//! begin with a `# yaml-language-server: $schema=` line pointing at `ROOT/schema/`. A skill is
//! appended to `data/skills.yaml` as text, so the file's comments and layout stay as they were.

use std::path::{Path, PathBuf};

use crate::data::files;
use crate::load::{self, Loaded};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Role,
    Skill,
    Path,
    Guide,
}

/// What `new` did: the files written, relative to the root, first the starter.
#[derive(Debug)]
pub struct Created {
    pub files: Vec<String>,
}

/// Write the starter for `kind` `id` under `root`. `Err` is a message that says what to do.
pub fn new(root: &Path, kind: Kind, id: &str) -> Result<Created, String> {
    check_id(kind, id)?;
    if !root.join("data").is_dir() {
        return Err(format!(
            "`{}` has no `data/` folder; run `ladder new` in a site folder or pass `--root DIR`",
            root.display()
        ));
    }
    let l = load::load(root);
    let mut files = Vec::new();
    let rel = match kind {
        Kind::Role => write_new(root, &files::role(id), "role", id, &role_starter(&l, id)?)?,
        Kind::Path => write_new(root, &files::path(id), "path", id, &path_starter(&l, id)?)?,
        Kind::Guide => write_new(root, &format!("content/{id}.md"), "guide", id, &guide_starter(id))?,
        Kind::Skill => append_skill(root, &l, id)?,
    };
    files.push(rel);
    if kind != Kind::Guide && !root.join("schema").is_dir() {
        crate::schema::write(&root.join("schema"))
            .map_err(|e| format!("cannot write `schema/` (the starter points at it): {e}"))?;
        files.push("schema/".to_string());
    }
    Ok(Created { files })
}

/// Whether `id` can name a `kind`: a usage error (exit 2) when not, before anything is read.
pub fn check_id(kind: Kind, id: &str) -> Result<(), String> {
    let valid = match kind {
        Kind::Guide => id != "_index" && id.split('/').all(load::is_safe_id),
        _ => load::is_safe_id(id),
    };
    if !valid {
        let nested = if kind == Kind::Guide { " (a guide may be nested: `basics/first-steps`)" } else { "" };
        return Err(format!(
            "`{id}` is not a safe id: use lowercase letters, digits and hyphens (not first or last), e.g. `model-evaluator`{nested}"
        ));
    }
    Ok(())
}

/// Title-case an id: `model-evaluator` -> `Model evaluator`.
fn title(id: &str) -> String {
    let last = id.rsplit('/').next().unwrap_or(id).replace('-', " ");
    let mut c = last.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => last,
    }
}

/// `# yaml-language-server: $schema=../../schema/role.schema.json` for a file at `rel`.
fn schema_line(rel: &str) -> String {
    let depth = rel.matches('/').count();
    let name = crate::schema::for_data_file(rel).unwrap_or("role.schema.json");
    format!("# yaml-language-server: $schema={}schema/{name}\n", "../".repeat(depth))
}

fn write_new(root: &Path, rel: &str, kind: &str, id: &str, text: &str) -> Result<String, String> {
    let path: PathBuf = root.join(rel);
    if path.exists() {
        return Err(format!("a {kind} `{id}` already exists: `{rel}`; choose another id or edit that file"));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    }
    std::fs::write(&path, text).map_err(|e| format!("cannot write `{rel}`: {e}"))?;
    Ok(rel.to_string())
}

fn first<'a>(ids: impl IntoIterator<Item = &'a str>, missing: &str) -> Result<&'a str, String> {
    ids.into_iter().next().ok_or_else(|| missing.to_string())
}

fn role_starter(l: &Loaded, id: &str) -> Result<String, String> {
    if l.roles.iter().any(|r| r.id == id) {
        return Err(format!("a role `{id}` already exists; choose another id"));
    }
    let category = first(
        l.categories.iter().map(|c| c.id.value.as_str()),
        "a role needs a category, and the site has none: add one to `data/categories.yaml` (`- id: technical` and `  name: Technical roles`), then run this again",
    )?;
    let skill = first(
        l.skills.iter().map(|s| s.id.value.as_str()),
        "a role needs at least one skill, and the site has none: run `ladder new skill ID` first",
    )?;
    let fit = match &l.quiz {
        Some(q) => {
            let t = first(
                q.traits.value.iter().map(|t| t.id.value.as_str()),
                "the site has a quiz, so a role needs a `fit`, but `data/quiz.yaml` has no traits: add one (`traits: [{ id: code, name: Writing code }]`), then run this again",
            )?;
            format!("fit: {{ {t}: 3 }}                   # quiz profile: trait id -> 0..5, not all zero\n")
        }
        None => String::new(),
    };
    let rel = files::role(id);
    Ok(format!(
        "{schema}# A role; its id is the file name. Required: title, category, summary, skills{quiz}.
# Markdown fields (description, pay_note, breaking_in) link to pages with `@/roles/ID/`.
title: {title}
# aliases: [Another name for the role]
category: {category}                 # an id from data/categories.yaml
summary: One sentence on what the work is.
# description: |
#   A few paragraphs of Markdown on what the work looks like.
# tasks: [A typical task, Another task]
# backgrounds: [A job people come from]
# education: What employers ask for.
skills:                              # ids from data/skills.yaml; level: basic | working | expert
  - {{ skill: {skill}, level: working }}
# pay:                               # every figure names a source from data/sources.yaml
#   - {{ label: Full-time, US, basis: annual, low: 60000, high: 90000, source: SOURCE-ID }}
pay_note: No published figure yet.   # shown instead of pay; keep it beside pay once you add bands
# occupations:                       # standard occupations whose published wages (data/wages/ID.csv) apply
#   - {{ wages: TABLE-ID, code: 15-1252, relation: closest, note: Why this occupation }}   # same | within | closest
{fit}# industries: [an-industry-id]
# related: [another-role-id]
# breaking_in: [A first step into the work]
# sources: [a-source-id]
# updated: 2026-01-31                # last review of this file
",
        schema = schema_line(&rel),
        quiz = if l.quiz.is_some() { ", fit" } else { "" },
        title = title(id),
    ))
}

fn path_starter(l: &Loaded, id: &str) -> Result<String, String> {
    if l.paths.iter().any(|p| p.id == id) {
        return Err(format!("a path `{id}` already exists; choose another id"));
    }
    let role = first(
        l.roles.iter().map(|r| r.id.as_str()),
        "a path leads to roles of the site, and it has none: run `ladder new role ID` first",
    )?;
    let rel = files::path(id);
    Ok(format!(
        "{schema}# A progression path; its id is the file name. Required: title, steps (two or more).
title: {title}
summary: Who this path is for and where it leads.
# sources: [a-source-id]
steps:   # `role`: a role of the site; `job`: text for a job outside it, first or last step only
  - {{ job: Any professional background, focus: What to practise first }}
  - {{ role: {role}, stage: Starting out, focus: What the first role teaches }}
  # - {{ role: another-role-id, stage: Moving up, years: \"2-3\" }}
",
        schema = schema_line(&rel),
        title = title(id),
    ))
}

fn guide_starter(id: &str) -> String {
    format!(
        "---
# Front matter: title is required; weight orders the guides index; draft: true hides the page.
title: {title}
summary: One line shown in the guides index.
# weight: 10
# sources: [a-source-id]
# updated: 2026-01-31
# draft: true
---
Write the guide here in Markdown. Link to the site's pages with `@/`, for example the
[roles index](@/roles/); link to a heading of this page with `#` and its text in lowercase
with hyphens.
",
        title = title(id)
    )
}

/// Append a skill to `data/skills.yaml` as text; add the schema line at the top if missing.
fn append_skill(root: &Path, l: &Loaded, id: &str) -> Result<String, String> {
    let rel = files::SKILLS;
    let path = root.join(rel);
    let old = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("cannot read `{rel}`: {e}")),
    };
    let declared = old.lines().any(|line| {
        let t = line.trim_start().trim_start_matches("- ").trim_start();
        t.strip_prefix("id:").is_some_and(|v| v.trim().trim_matches(['"', '\'']) == id)
    });
    if declared || l.skills.iter().any(|s| s.id.value == id) {
        return Err(format!("a skill `{id}` already exists in `{rel}`; choose another id or edit that entry"));
    }
    let mut text = String::new();
    if !old.lines().any(|line| line.starts_with("# yaml-language-server:")) {
        text.push_str(&schema_line(rel));
    }
    text.push_str(&old);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!(
        "
# Added by `ladder new skill`. Required: id, name.
- id: {id}
  name: {name}
  summary: One line on what the skill is.
  # group: A free label that groups skills on the skills page
  # aliases: [another name]
  # learn: |
  #   Markdown on how to learn it; link to pages with `@/roles/ID/`.
",
        name = title(id)
    ));
    // A list written in flow style (`[...]`) cannot take a block item: check before keeping it.
    let mut diags = Vec::new();
    let parsed = load::parse::<Option<Vec<crate::data::Skill>>>(rel, &text, 0, &mut diags).flatten();
    if !parsed.is_some_and(|v| v.iter().any(|s| s.id.value == id)) {
        return Err(format!(
            "cannot append to `{rel}`: it does not read as a YAML list of skills after the addition; write each skill as a `- id: ...` block item, fix the file's errors (`ladder check`), then run this again"
        ));
    }
    std::fs::write(&path, text).map_err(|e| format!("cannot write `{rel}`: {e}"))?;
    Ok(rel.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_and_schema_lines() {
        assert_eq!(title("model-evaluator"), "Model evaluator");
        assert_eq!(title("basics/first-steps"), "First steps");
        assert_eq!(schema_line("data/roles/x.yaml"), "# yaml-language-server: $schema=../../schema/role.schema.json\n");
        assert_eq!(schema_line("data/skills.yaml"), "# yaml-language-server: $schema=../schema/skills.schema.json\n");
    }
}
