//! The rules on wage tables that need the whole site: a table without its YAML (or the
//! reverse), references from roles and to sources, unused and stale tables.

use std::collections::HashSet;

use super::tables::tables;
use crate::data::Placed;
use crate::date;
use crate::diagnostic::{did_you_mean, suggest, Diagnostic};
use crate::model::Model;

fn pos<T>(s: &Placed<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

/// The rules that need the whole site: references from roles, sources, unused and stale tables.
pub fn validate(m: &Model, today: i64) -> Vec<Diagnostic> {
    let l = m.loaded;
    let w = tables(l);
    let mut out = Vec::new();
    let mut used = HashSet::new();
    let broken_tables = l.diagnostics.iter().any(|d| d.path.starts_with("data/wages/"));
    for r in &l.roles {
        for o in &r.data.occupations {
            let o = &o.value;
            let (line, col) = pos(&o.wages);
            let Some((table, _)) = w.tables.get(o.wages.value.as_str()) else {
                if !broken_tables {
                    let help = did_you_mean(&o.wages.value, w.tables.keys().copied()).unwrap_or_else(|| {
                        "a wage table is `data/wages/ID.csv` with `data/wages/ID.yaml` beside it; name its ID here"
                            .to_string()
                    });
                    out.push(
                        Diagnostic::error(&r.path, line, col, format!("unknown wage table `{}`", o.wages.value))
                            .help(help)
                            .width(o.wages.value.chars().count()),
                    );
                }
                continue;
            };
            used.insert(table.id.as_str());
            let code = o.code.value.trim();
            if table.occupation(code).is_none() {
                let (line, col) = pos(&o.code);
                let by_code = suggest(code, table.by_code.keys().map(String::as_str));
                let by_title = table
                    .occupations
                    .iter()
                    .find(|x| x.title.eq_ignore_ascii_case(code))
                    .or_else(|| {
                        let title = suggest(code, table.occupations.iter().map(|x| x.title.as_str()))?;
                        table.occupations.iter().find(|x| x.title == title)
                    })
                    .map(|x| x.code.as_str());
                let mut hints: Vec<String> = Vec::new();
                for c in [by_title, by_code].into_iter().flatten() {
                    if let Some(x) = table.occupation(c) {
                        let s = format!("`{}` ({})", x.code, x.title);
                        if !hints.contains(&s) {
                            hints.push(s);
                        }
                    }
                }
                let help = if hints.is_empty() {
                    format!("`code` is an occupation code of `data/wages/{}.csv`, such as `15-1252`", table.id)
                } else {
                    format!("did you mean {}?", hints.join(" or "))
                };
                out.push(
                    Diagnostic::error(
                        &r.path,
                        line,
                        col,
                        format!("the wage table `{}` has no occupation `{code}`", table.id),
                    )
                    .help(help)
                    .width(code.chars().count()),
                );
            }
        }
    }
    for (id, (table, meta)) in &w.tables {
        let Some(meta) = meta else { continue };
        let s = &meta.data.source;
        if !m.sources.contains_key(s.value.as_str()) && !l.diagnostics.iter().any(|d| d.path == crate::load::SOURCES) {
            let (line, col) = pos(s);
            out.push(
                Diagnostic::error(&meta.path, line, col, format!("unknown source `{}`", s.value))
                    .help(did_you_mean(&s.value, m.sources.keys().copied()).unwrap_or_else(|| {
                        "add the source to `data/sources.yaml` (for BLS: `kind: government`)".into()
                    }))
                    .width(s.value.chars().count()),
            );
        }
        if let Some(d) = &meta.data.date {
            let (line, col) = pos(d);
            match date::parse(&d.value) {
                None => out.push(
                    Diagnostic::error(&meta.path, line, col, format!("`{}` is not a date", d.value))
                        .help("write dates as YYYY-MM-DD")
                        .width(d.value.chars().count()),
                ),
                Some(n) => {
                    if let Some(days) = m.config.stale_after_days {
                        if n < today - i64::from(days) {
                            out.push(
                                Diagnostic::warning(
                                    &meta.path,
                                    line,
                                    col,
                                    format!("the wage table `{id}` is {} days old (limit {days})", today - n),
                                )
                                .help("run the script that made it against the newest release, or replace the table")
                                .width(d.value.chars().count()),
                            );
                        }
                    }
                }
            }
        }
        if !used.contains(id) && !l.diagnostics.iter().any(|d| d.path.starts_with("data/roles/")) {
            out.push(Diagnostic::warning(&table.path, 0, 0, format!("no role uses the wage table `{id}`")).help(
                "name it in a role's `occupations` (`{ wages: ID, code: 15-1252, relation: closest }`), or remove it",
            ));
        }
    }
    out
}
