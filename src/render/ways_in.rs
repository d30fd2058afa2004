//! The home page's ways in ("start from where you are") and featured roles.
//!
//! A way in is a job people already have: a role's `backgrounds` entry or a path's `job` step.
//! `site.yaml`'s optional `ways_in` groups them by word ("Healthcare": medicine, clinical, ...);
//! without it, each distinct background or job is its own way in. Each leads to the roles that
//! name it and the paths that start from it. Nothing here knows the default site's jobs.

use std::collections::BTreeMap;

use serde::Serialize;

use super::glance::{self, PayHeadline};
use crate::data::WayInGroup;
use crate::model::Model;

/// A background or job text, and the roles and paths that name it.
struct Entry<'a> {
    text: &'a str,
    roles: Vec<&'a str>,
    paths: Vec<&'a str>,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct WayLink {
    pub title: String,
    pub url: String,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct WayIn {
    pub name: String,
    /// The backgrounds and jobs gathered under `name` (empty when it is the only one and the same).
    pub from: Vec<String>,
    pub roles: Vec<WayLink>,
    /// Roles beyond those listed.
    pub more_roles: usize,
    pub paths: Vec<WayLink>,
    pub more_paths: usize,
}

#[derive(Serialize, Debug, PartialEq)]
pub struct WaysIn {
    /// Shown in full.
    pub groups: Vec<WayIn>,
    /// The rest, as searches (a search finds roles and paths by background).
    pub rest: Vec<WayLink>,
    /// Ways in beyond `groups` and `rest`.
    pub more: usize,
}

/// Ways in shown in full, and listed as searches after them.
const SHOWN: usize = 12;
const LISTED: usize = 200;
/// Roles and paths listed under one way in.
const LINKS: usize = 6;

/// Backgrounds named under a group's heading, and the longest shown.
const FROM: usize = 5;
const FROM_CHARS: usize = 32;

/// Lower-case words of a text.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

fn entries<'a>(m: &Model<'a>) -> Vec<Entry<'a>> {
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    let mut out: Vec<Entry> = Vec::new();
    for r in &m.loaded.roles {
        for b in &r.data.backgrounds {
            let i = *by_key.entry(b.trim().to_lowercase()).or_insert_with(|| {
                out.push(Entry { text: b.trim(), roles: Vec::new(), paths: Vec::new() });
                out.len() - 1
            });
            if !out[i].roles.contains(&r.id.as_str()) {
                out[i].roles.push(r.id.as_str());
            }
        }
    }
    for p in &m.loaded.paths {
        let steps = &p.data.steps.value;
        let Some(job) = steps.first().and_then(|s| s.value.job.as_deref()) else { continue };
        let i = *by_key.entry(job.trim().to_lowercase()).or_insert_with(|| {
            out.push(Entry { text: job.trim(), roles: Vec::new(), paths: Vec::new() });
            out.len() - 1
        });
        out[i].paths.push(p.id.as_str());
        for s in steps {
            if let Some(role) = &s.value.role {
                if !out[i].roles.contains(&role.value.as_str()) {
                    out[i].roles.push(role.value.as_str());
                }
            }
        }
    }
    out
}

/// Every background and path `job` step, for checking that a group gathers something.
pub fn texts<'a>(m: &Model<'a>) -> Vec<&'a str> {
    entries(m).into_iter().map(|e| e.text).collect()
}

/// Whether a group's words match a text: a word of the text starts with one of them.
pub fn matches(group: &WayInGroup, text: &str) -> bool {
    words(text).any(|w| group.words.iter().any(|g| !g.value.is_empty() && w.starts_with(&g.value.to_lowercase())))
}

fn way(m: &Model, name: String, from: Vec<String>, roles: &[&str], paths: &[&str]) -> WayIn {
    let links = |ids: &[&str], page: &dyn Fn(&str) -> Option<(String, String)>| -> Vec<WayLink> {
        ids.iter().filter_map(|id| page(id)).take(LINKS).map(|(title, url)| WayLink { title, url }).collect()
    };
    let role_links = links(roles, &|id| m.roles.get(id).map(|r| (r.data.title.clone(), m.url(&crate::urls::role(id)))));
    let path_links = links(paths, &|id| m.paths.get(id).map(|p| (p.data.title.clone(), m.url(&crate::urls::path(id)))));
    WayIn {
        more_roles: roles.len().saturating_sub(role_links.len()),
        more_paths: paths.len().saturating_sub(path_links.len()),
        roles: role_links,
        paths: path_links,
        from: if from.len() == 1 && from[0] == name {
            Vec::new()
        } else {
            // The short names (a path's `job` step can be a sentence), a few of them.
            from.into_iter().filter(|f| f.chars().count() <= FROM_CHARS).take(FROM).collect()
        },
        name,
    }
}

fn push_unique<'a>(v: &mut Vec<&'a str>, items: &[&'a str]) {
    for i in items {
        if !v.contains(i) {
            v.push(i);
        }
    }
}

/// The home page's ways in.
pub fn ways_in(m: &Model) -> WaysIn {
    let all = entries(m);
    let groups_cfg = m.loaded.site.as_ref().map(|s| s.ways_in.as_slice()).unwrap_or_default();
    let mut shown: Vec<WayIn> = Vec::new();
    let mut loose: Vec<&Entry> = Vec::new();
    let mut used = vec![false; all.len()];
    for g in groups_cfg {
        let (mut from, mut roles, mut paths) = (Vec::new(), Vec::new(), Vec::new());
        for (i, e) in all.iter().enumerate() {
            if matches(g, e.text) {
                used[i] = true;
                from.push(e.text.to_string());
                push_unique(&mut roles, &e.roles);
                push_unique(&mut paths, &e.paths);
            }
        }
        if !from.is_empty() {
            shown.push(way(m, g.name.value.clone(), from, &roles, &paths));
        }
    }
    loose.extend(all.iter().zip(&used).filter(|(_, u)| !**u).map(|(e, _)| e));
    // Unmapped ways in: the most named first.
    loose.sort_by(|a, b| (b.roles.len() + b.paths.len(), a.text).cmp(&(a.roles.len() + a.paths.len(), b.text)));
    let room = SHOWN.saturating_sub(shown.len());
    shown.extend(
        loose.iter().take(room).map(|e| way(m, e.text.to_string(), vec![e.text.to_string()], &e.roles, &e.paths)),
    );
    let rest: Vec<WayLink> = loose
        .iter()
        .skip(room)
        .take(LISTED)
        .map(|e| WayLink { title: e.text.to_string(), url: format!("{}?q={}", m.url("search/"), query(e.text)) })
        .collect();
    WaysIn { more: loose.len().saturating_sub(room + rest.len()), groups: shown, rest }
}

/// A text as a URL query value.
fn query(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A featured role: its card with the headline pay.
#[derive(Serialize, Debug)]
pub struct Featured {
    pub title: String,
    pub url: String,
    pub summary: String,
    pub pay: PayHeadline,
}

/// Featured roles shown at most.
const FEATURED: usize = 6;

/// `site.yaml`'s `featured`, else the first role with a pay figure in each category (then the
/// next ones), at most six.
pub fn featured(m: &Model) -> Vec<Featured> {
    let named: Vec<&str> =
        m.loaded.site.as_ref().map(|s| s.featured.iter().map(|f| f.value.as_str()).collect()).unwrap_or_default();
    let card = |id: &str| {
        m.roles.get(id).map(|r| Featured {
            title: r.data.title.clone(),
            url: m.url(&crate::urls::role(&r.id)),
            summary: r.data.summary.clone(),
            pay: glance::pay_headline(m, &r.data),
        })
    };
    if !named.is_empty() {
        return named.into_iter().filter_map(card).collect();
    }
    let mut picked: Vec<&str> = Vec::new();
    // Round by round: each category's next role with a pay figure of its own.
    let with_pay: Vec<Vec<&str>> = m
        .loaded
        .categories
        .iter()
        .map(|c| {
            m.roles_by_category
                .get(c.id.value.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|id| m.roles.get(id).is_some_and(|r| !r.data.pay.is_empty()))
                .collect()
        })
        .collect();
    let mut round = 0;
    while picked.len() < FEATURED && with_pay.iter().any(|v| v.len() > round) {
        for v in &with_pay {
            if let Some(id) = v.get(round) {
                if picked.len() < FEATURED {
                    picked.push(id);
                }
            }
        }
        round += 1;
    }
    if picked.is_empty() {
        picked = m.loaded.roles.iter().take(FEATURED).map(|r| r.id.as_str()).collect();
    }
    picked.into_iter().filter_map(card).collect()
}
