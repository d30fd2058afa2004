//! Roles: references, pay, redirects, repeated entries, quiz `fit`.

use std::collections::{BTreeMap, BTreeSet};

use super::bands::check_band;
use super::context::*;
use super::site::outlook;
use crate::data::*;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::is_safe_id;
use crate::load::Loaded;
use crate::model::Model;
use crate::urls;

pub fn check_roles(c: &mut Validator, l: &Loaded) {
    let page_urls: BTreeSet<String> = all_page_urls(c.m);
    let mut redirects: BTreeMap<String, String> = BTreeMap::new();
    for r in &l.roles {
        let at = At { path: &r.path, offset: 0 };
        let role = &r.data;
        c.reference(at, &role.category, RefKind::Category, "add it to `data/categories.yaml` first");
        if role.skills.value.is_empty() {
            c.err(
                at,
                &role.skills,
                1,
                "a role needs at least one skill",
                Some("list skills as `- { skill: ID, level: working }`".into()),
            );
        }
        let mut seen_skills = BTreeSet::new();
        for s in &role.skills.value {
            let id = &s.skill;
            if c.kind_broken(RefKind::Skill) {
                continue;
            }
            if !c.m.skills.contains_key(id.value.as_str()) {
                let alias_of =
                    c.m.loaded
                        .skills
                        .iter()
                        .find(|k| k.aliases.iter().any(|a| a.eq_ignore_ascii_case(&id.value)))
                        .map(|k| k.id.value.clone());
                let help = alias_of
                    .map(|a| format!("`{}` is an alias; use the skill id `{a}`", id.value))
                    .or_else(|| did_you_mean(&id.value, c.m.skills.keys().copied()))
                    .unwrap_or_else(|| "add it to `data/skills.yaml` first (try `ladder new skill ID`)".into());
                c.err(at, id, id.value.chars().count(), format!("unknown skill `{}`", id.value), Some(help));
            } else if !seen_skills.insert(id.value.as_str()) {
                c.err(
                    at,
                    id,
                    id.value.chars().count(),
                    format!("skill `{}` is listed twice", id.value),
                    Some("keep one entry per skill".into()),
                );
            }
        }
        for b in &role.pay {
            check_band(c, at, b, false);
        }
        if let Some(n) = &role.pay_note {
            c.md_field(at, n);
        }
        if let Some(d) = &role.description {
            c.md_field(at, d);
        }
        for s in &role.breaking_in {
            c.md_field(at, s);
        }
        let mut seen = BTreeSet::new();
        for i in &role.industries {
            c.reference(at, i, RefKind::Industry, "add it to `data/industries.yaml` first");
            if !seen.insert(i.value.as_str()) {
                c.err(at, i, i.value.len(), format!("industry `{}` is listed twice", i.value), None);
            }
        }
        no_repeats(c, at, &role.related, "role", "related");
        no_repeats(c, at, &role.sources, "source", "sources");
        repeats(c, at, &role.breaking_in, ("entry", "breaking_in"), Text::Prose);
        let band_refs: Vec<&Placed<String>> = role.pay.iter().filter_map(|b| b.value.band.as_ref()).collect();
        no_repeats(c, at, band_refs.iter().copied(), "pay band", "pay");
        plain_repeats(c, at, role);
        for rel in &role.related {
            if rel.value == r.id {
                c.err(
                    at,
                    rel,
                    rel.value.len(),
                    "a role cannot be related to itself",
                    Some("remove it from `related`".into()),
                );
            } else {
                c.reference(at, rel, RefKind::Role, "related roles are ids of files in `data/roles/`");
            }
        }
        if let Some(o) = &role.outlook {
            outlook(c, at, o);
        }
        for s in &role.sources {
            c.source_ref(at, s);
        }
        if let Some(u) = &role.updated {
            c.date(at, u, "updated");
        }
        for rf in &role.redirect_from {
            let v = &rf.value;
            let ok =
                v.starts_with('/') && v.ends_with('/') && v.len() > 2 && v.trim_matches('/').split('/').all(is_safe_id);
            if !ok {
                c.err(
                    at,
                    rf,
                    v.chars().count(),
                    format!("`{v}` is not a site address to redirect from"),
                    Some(
                        "write the old address as `/roles/old-id/` (lowercase segments, leading and trailing `/`)"
                            .into(),
                    ),
                );
            } else if page_urls.contains(v) {
                c.err(
                    at,
                    rf,
                    v.chars().count(),
                    format!("`{v}` is the address of a page of the site"),
                    Some("a redirect would replace that page; remove it".into()),
                );
            } else if let Some(other) = redirects.insert(v.clone(), r.path.clone()) {
                c.err(at, rf, v.chars().count(), format!("`{v}` is already redirected by `{other}`"), None);
            }
        }
        match (&role.fit, &l.quiz) {
            (None, Some(_)) => c.diags.push(
                Diagnostic::error(
                    &r.path,
                    1,
                    1,
                    "missing `fit`: the site has a quiz, so every role needs a quiz profile",
                )
                .help(format!(
                    "add `fit: {{ {}: 3 }}` with a 0..5 value for each trait that describes the role",
                    c.m.traits.keys().next().copied().unwrap_or("trait")
                )),
            ),
            (Some(fit), Some(_)) => check_fit(c, at, fit),
            _ => {}
        }
    }
}

pub fn check_fit(c: &mut Validator, at: At, fit: &Placed<Pairs<Placed<String>, Placed<i64>>>) {
    let mut seen = BTreeSet::new();
    for (k, v) in &fit.value.0 {
        if !c.m.traits.contains_key(k.value.as_str()) {
            let help = did_you_mean(&k.value, c.m.traits.keys().copied()).unwrap_or_else(|| {
                format!(
                    "traits are defined in `data/quiz.yaml`: {}",
                    c.m.traits.keys().copied().collect::<Vec<_>>().join(", ")
                )
            });
            c.err(at, k, k.value.chars().count(), format!("unknown trait `{}`", k.value), Some(help));
        } else if !seen.insert(k.value.as_str()) {
            c.err(at, k, k.value.chars().count(), format!("trait `{}` appears twice in `fit`", k.value), None);
        }
        if !(0..=5).contains(&v.value) {
            c.err(
                at,
                v,
                1,
                format!("fit values run from 0 to 5, not {}", v.value),
                Some("0 means the trait does not matter for the role, 5 that it is central".into()),
            );
        }
    }
    if fit.value.0.iter().all(|(_, v)| v.value == 0) {
        c.err(
            at,
            fit,
            1,
            "`fit` is empty or all zero: the quiz could never recommend this role",
            Some("give the traits that describe the role a value from 1 to 5".into()),
        );
    }
}

/// Every page address the site will have (for redirect collisions).
pub fn all_page_urls(m: &Model) -> BTreeSet<String> {
    let fixed = [urls::HOME, urls::ROLES, urls::SKILLS, urls::PATHS, urls::INDUSTRIES, urls::PAY, urls::QUIZ];
    let fixed = fixed.into_iter().chain([urls::SEARCH, urls::GUIDES]).map(String::from);
    let records = (m.roles.keys().map(|id| urls::role(id)))
        .chain(m.skills.keys().map(|id| urls::skill(id)))
        .chain(m.paths.keys().map(|id| urls::path(id)))
        .chain(m.industries.keys().map(|id| urls::industry(id)))
        .chain(m.categories.keys().map(|id| urls::category(id)))
        .chain(m.pages.keys().map(|slug| urls::guide(slug)));
    fixed.chain(records).map(|address| format!("/{address}")).collect()
}
