//! The quiz page's data: everything the inline script needs to score a sheet and explain the
//! result, compiled once per build into compact JSON (arrays, not objects, for the bulk: a quiz
//! over 3,000 roles stays small). The layout, which `templates/quiz.js` reads:
//!
//! ```text
//! { "base":      "/sub/",                           base path for links
//!   "learn":     5,                                  skills to learn shown per role
//!   "traits":    ["Writing code", ...],              names, by trait index
//!   "active":    [0, 1, ...],                        traits some option adds a non-zero amount to
//!   "questions": [[id, many, [[option id, [trait, amount, trait, amount...], [skill...]], ...]], ...]
//!   "roles":     [[id, title, [trait, value, ...], [skill...], need count,
//!                  [[pay text, source], ...], path or -1], ...]      sorted by id
//!   "skills":    [[id, name], ...],
//!   "sources":   ["Publisher, Title, undated", ...],
//!   "paths":     [[id, title], ...],
//!   "labels":    [[min, label], ...] }                highest min first
//! ```
//!
//! A role's skill list is its required skills, most important first, cut after the first `learn`
//! that no option `has` (skills an option has are all kept, so any sheet's list can be worked out).

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::Quiz;
use crate::model::Model;
use crate::pay::{self, cite::Citation};
use crate::render::templates::minify_script as minify;

/// Skills to learn next shown for each role.
pub const LEARN_SHOWN: usize = 5;

/// Interns strings into a table, in first-use order.
#[derive(Default)]
struct Table {
    index: BTreeMap<String, usize>,
    items: Vec<Value>,
}

impl Table {
    fn get(&mut self, key: &str, item: impl FnOnce() -> Value) -> usize {
        if let Some(&i) = self.index.get(key) {
            return i;
        }
        self.items.push(item());
        self.index.insert(key.to_string(), self.items.len() - 1);
        self.items.len() - 1
    }
}

/// Non-zero entries of a vector as flat `[index, value, ...]` pairs.
fn sparse(v: &[i64]) -> Vec<i64> {
    v.iter().enumerate().filter(|(_, x)| **x != 0).flat_map(|(i, x)| [i as i64, *x]).collect()
}

/// The compiled data for the quiz page.
pub fn data(m: &Model, q: &Quiz) -> Value {
    let mut skills = Table::default();
    let mut sources = Table::default();
    let mut paths = Table::default();
    let skill_item = |id: &str| {
        let name = m.skills.get(id).map(|s| s.name.clone()).unwrap_or_else(|| id.to_string());
        json!([id, name])
    };
    let questions: Vec<Value> = q
        .questions
        .iter()
        .map(|qu| {
            let options: Vec<Value> = qu
                .options
                .iter()
                .map(|o| {
                    let has: Vec<usize> = o.has.iter().map(|h| skills.get(h, || skill_item(h))).collect();
                    json!([o.id, sparse(&o.adds), has])
                })
                .collect();
            json!([qu.id, qu.many, options])
        })
        .collect();
    let had: std::collections::BTreeSet<&str> =
        q.questions.iter().flat_map(|qu| &qu.options).flat_map(|o| &o.has).map(String::as_str).collect();
    let roles: Vec<Value> = q
        .roles
        .iter()
        .map(|r| {
            let rec = m.roles.get(r.id.as_str());
            let title = rec.map(|x| x.data.title.clone()).unwrap_or_else(|| r.id.clone());
            let mut shown = 0;
            let mut need = Vec::new();
            for s in &r.need {
                if had.contains(s.as_str()) {
                    need.push(skills.get(s, || skill_item(s)));
                } else if shown < LEARN_SHOWN {
                    shown += 1;
                    need.push(skills.get(s, || skill_item(s)));
                }
            }
            let pay: Vec<Value> = rec
                .map(|x| {
                    x.data
                        .pay
                        .iter()
                        .filter_map(|w| {
                            let b = m.resolve_band(&w.value);
                            let basis = b.basis?;
                            let mut text = pay::describe(&pay::figures_of(b), basis.into(), m.band_currency(b));
                            if w.value.band.is_some() {
                                text.push_str(" (this kind of work)");
                            }
                            let src = b.source.as_ref().map(|s| {
                                let via = b.via.as_ref().map(|v| v.value.as_str());
                                let key = format!("{}|{}", s.value, via.unwrap_or(""));
                                sources.get(&key, || json!(Citation::new(m, &s.value, via).text()))
                            });
                            Some(json!([text, src.map(|i| i as i64).unwrap_or(-1)]))
                        })
                        .take(2)
                        .collect()
                })
                .unwrap_or_default();
            let path = path_to(m, &r.id).map(|p| {
                paths.get(p, || json!([p, m.paths.get(p).map(|x| x.data.title.clone()).unwrap_or_default()])) as i64
            });
            json!([r.id, title, sparse(&r.fit), need, r.need.len(), pay, path.unwrap_or(-1)])
        })
        .collect();
    json!({
        "base": m.config.base_path,
        "learn": LEARN_SHOWN,
        "traits": q.traits.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>(),
        "active": q.active,
        "questions": questions,
        "roles": roles,
        "skills": skills.items,
        "sources": sources.items,
        "paths": paths.items,
        "labels": q.labels.iter().map(|(min, l)| json!([min, l])).collect::<Vec<_>>(),
    })
}

/// The path that ends at the role, else the first (by id) that holds it.
pub fn path_to<'m>(m: &'m Model, role: &str) -> Option<&'m str> {
    let list = m.paths_by_role.get(role)?;
    let ends_at = |p: &&&str| {
        m.paths
            .get(**p)
            .and_then(|x| x.data.steps.value.last())
            .and_then(|s| s.value.role.as_ref())
            .is_some_and(|r| r.value == role)
    };
    list.iter().find(ends_at).or_else(|| list.first()).copied()
}

/// The built-in script (`templates/quiz.js`); a site's own `templates/quiz.js` replaces it.
const DEFAULT_SCRIPT: &str = include_str!("../../templates/quiz.js");

/// Where the compiled data goes in the script.
pub const DATA_TOKEN: &str = "__LADDER_QUIZ_DATA__";

/// The quiz logic, minified: the site's `templates/quiz.js` or the built-in one (minified once).
fn logic(m: &Model) -> String {
    match m.loaded.templates.iter().find(|t| t.name == "quiz.js") {
        Some(t) if t.text == DEFAULT_SCRIPT => default_logic().to_string(),
        Some(t) => minify(&t.text),
        None => default_logic().to_string(),
    }
}

fn default_logic() -> &'static str {
    static CACHE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    CACHE.get_or_init(|| minify(DEFAULT_SCRIPT))
}

/// The quiz page's one inline script: the logic with the compiled data in place of
/// `__LADDER_QUIZ_DATA__` (as JSON that is safe inside `<script>`). Empty when the site has no
/// usable quiz (its errors are reported by `validate`).
pub fn script(m: &Model) -> String {
    match Quiz::from_model(m) {
        Some(q) => logic(m).replacen(DATA_TOKEN, &crate::escape::script_json(&data(m, &q)), 1),
        None => String::new(),
    }
}
