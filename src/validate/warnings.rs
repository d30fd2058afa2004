//! Warnings: orphans, stale data, thin records.

use super::context::*;

use crate::date;
use crate::diagnostic::Diagnostic;
use crate::load::{self, Loaded};

pub fn check_warnings(c: &mut Validator, l: &Loaded, opts: &Options) {
    // Orphans, judged only when every file was read: a file that failed to parse cites nothing.
    let judge_orphans = c.broken.is_empty();
    if judge_orphans {
        for s in &l.skills {
            if !c.m.roles_by_skill.contains_key(s.id.value.as_str()) {
                c.warn(
                    At { path: load::SKILLS, offset: 0 },
                    &s.id,
                    s.id.value.len(),
                    format!("no role lists the skill `{}`", s.id.value),
                    Some("list it in a role's `skills`, or remove it".into()),
                );
            }
        }
        for s in &l.sources {
            if !c.m.cited_sources.contains(s.id.value.as_str()) {
                c.warn(
                    At { path: load::SOURCES, offset: 0 },
                    &s.id,
                    s.id.value.len(),
                    format!("nothing cites the source `{}`", s.id.value),
                    Some("cite it with `source`, `sources` or `via`, or remove it".into()),
                );
            }
        }
        for i in &l.industries {
            if !c.m.roles_by_industry.contains_key(i.id.value.as_str()) {
                c.warn(
                    At { path: load::INDUSTRIES, offset: 0 },
                    &i.id,
                    i.id.value.len(),
                    format!("no role lists the industry `{}`", i.id.value),
                    Some("list it in a role's `industries`, or remove it".into()),
                );
            }
        }
    }
    for r in &l.roles {
        if r.data.pay.is_empty() && r.data.pay_note.is_none() {
            c.diags.push(
                Diagnostic::warning(&r.path, 1, 1, "the role has no pay band and no `pay_note`")
                    .help("add a band from a source, or a `pay_note` saying that no source gives pay"),
            );
        }
    }
    // Staleness, only when the site asks for it.
    let Some(days) = c.m.config.stale_after_days else {
        return;
    };
    let limit = opts.today - i64::from(days);
    for r in &l.roles {
        let at = At { path: &r.path, offset: 0 };
        match &r.data.updated {
            Some(u) => {
                if let Some(d) = date::parse(&u.value) {
                    if d < limit {
                        c.warn(
                            at,
                            u,
                            u.value.len(),
                            format!("the role was last reviewed {} days ago (limit {days})", opts.today - d),
                            Some("review the file and set `updated` to today's date".into()),
                        );
                    }
                }
            }
            None => c.diags.push(
                Diagnostic::warning(&r.path, 1, 1, "the role has no `updated` date")
                    .help("add `updated: YYYY-MM-DD`, the date of the last review"),
            ),
        }
    }
    for s in &l.sources {
        let newest = [s.date.as_ref(), s.accessed.as_ref()]
            .into_iter()
            .flatten()
            .filter_map(|d| date::parse(&d.value).map(|n| (n, d)))
            .max_by_key(|(n, _)| *n);
        if let Some((n, d)) = newest {
            if n < limit {
                c.warn(
                    At { path: load::SOURCES, offset: 0 },
                    d,
                    d.value.len(),
                    format!("source `{}` is {} days old (limit {days})", s.id.value, opts.today - n),
                    Some("check it again and update `accessed`, or replace it with a newer source".into()),
                );
            }
        }
    }
}
