//! The home page and the index pages, and the cards and links they share.

use serde::Serialize;
use tera::Context;

use super::cards::{role_cards, Link, RoleCard};
use super::meta::{ctx_with, or_empty, PageMeta};
use crate::data::Skill;
use crate::model::Model;
use crate::render::markdown;

/// A link with a title and summary: paths and guides.
#[derive(Serialize)]
struct TitledLink<'a> {
    title: &'a str,
    url: String,
    summary: &'a str,
}

/// A plain link to a listing: a category or industry in the roles filter.
#[derive(Serialize)]
struct NamedLink<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct RoleLink<'a> {
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct CategoryTeaser<'a> {
    name: &'a str,
    url: String,
    summary: &'a str,
    roles: Vec<RoleLink<'a>>,
    count: usize,
}

#[derive(Serialize)]
struct Counts {
    roles: usize,
    skills: usize,
    paths: usize,
    sources: usize,
}

pub(super) fn home(m: &Model) -> Context {
    let l = m.loaded;
    let mut meta = PageMeta::new(m, "", m.config.title.clone(), m.config.description.clone(), "home");
    meta.jsonld = super::jsonld::website(m);
    let mut ctx = ctx_with(&meta);
    let (intro, intro_title) = match &l.home {
        Some(p) => (markdown::render(m, &p.body, 1), p.front.title.as_str()),
        None => (String::new(), m.config.title.as_str()),
    };
    ctx.insert("intro_html", &intro);
    ctx.insert("intro_summary", &l.home.as_ref().and_then(|p| p.front.summary.clone()).unwrap_or_default());
    ctx.insert("ways_in", &crate::render::ways_in::ways_in(m));
    ctx.insert("featured", &crate::render::ways_in::featured(m));
    ctx.insert("intro_title", intro_title);
    let cats: Vec<CategoryTeaser> = l
        .categories
        .iter()
        .map(|c| {
            let ids = m.roles_by_category.get(c.id.value.as_str()).map(Vec::as_slice).unwrap_or_default();
            CategoryTeaser {
                name: &c.name,
                url: m.url(&crate::urls::category(&c.id.value)),
                summary: or_empty(&c.summary),
                roles: ids
                    .iter()
                    .take(6)
                    .filter_map(|id| m.roles.get(id))
                    .map(|r| RoleLink { title: &r.data.title, url: m.url(&crate::urls::role(&r.id)) })
                    .collect(),
                count: ids.len(),
            }
        })
        .collect();
    ctx.insert("categories", &cats);
    let paths: Vec<TitledLink> = l
        .paths
        .iter()
        .take(6)
        .map(|p| TitledLink {
            title: &p.data.title,
            url: m.url(&crate::urls::path(&p.id)),
            summary: or_empty(&p.data.summary),
        })
        .collect();
    ctx.insert("paths", &paths);
    ctx.insert("guides", &guide_links(m));
    ctx.insert(
        "counts",
        &Counts { roles: l.roles.len(), skills: l.skills.len(), paths: l.paths.len(), sources: l.sources.len() },
    );
    ctx
}

fn guide_links<'a>(m: &'a Model) -> Vec<TitledLink<'a>> {
    let mut pages: Vec<_> = m.pages.values().collect();
    pages.sort_by(|a, b| {
        (a.front.weight.unwrap_or(i64::MAX), &a.front.title).cmp(&(b.front.weight.unwrap_or(i64::MAX), &b.front.title))
    });
    pages
        .iter()
        .map(|p| TitledLink {
            title: &p.front.title,
            url: m.url(&crate::urls::guide(&p.slug)),
            summary: or_empty(&p.front.summary),
        })
        .collect()
}

#[derive(Serialize)]
struct RoleGroup<'a> {
    id: &'a str,
    name: &'a str,
    url: String,
    roles: Vec<RoleCard<'a>>,
}

pub(super) fn roles_index(m: &Model) -> Context {
    let l = m.loaded;
    let meta = PageMeta::new(
        m,
        "roles/",
        "All roles",
        format!("{} roles, grouped by category, with pay where a source gives it.", l.roles.len()),
        "roles",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let compact = l.roles.len() > 300;
    let category_url = |id: &str| m.url(&crate::urls::category(id));
    let groups: Vec<RoleGroup> = l
        .categories
        .iter()
        .filter_map(|c| {
            let ids = m.roles_by_category.get(c.id.value.as_str())?;
            Some(RoleGroup {
                id: &c.id.value,
                name: &c.name,
                url: category_url(&c.id.value),
                roles: role_cards(m, ids.iter().copied()),
            })
        })
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("compact", &compact);
    let cats: Vec<NamedLink> = l
        .categories
        .iter()
        .map(|c| NamedLink { id: &c.id.value, name: &c.name, url: category_url(&c.id.value) })
        .collect();
    let inds: Vec<NamedLink> = l
        .industries
        .iter()
        .filter(|i| m.roles_by_industry.contains_key(i.id.value.as_str()))
        .map(|i| NamedLink { id: &i.id.value, name: &i.name, url: m.url(&crate::urls::industry(&i.id.value)) })
        .collect();
    ctx.insert("categories", &cats);
    ctx.insert("industries", &inds);
    ctx.insert("total", &l.roles.len());
    ctx
}

/// A skill in the skills index; with more than 300 skills (grouped by letter) without its summary.
#[derive(Serialize)]
struct SkillEntry<'a> {
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
    count: usize,
}

#[derive(Serialize)]
struct SkillGroup<'a> {
    name: String,
    id: String,
    skills: Vec<SkillEntry<'a>>,
}

/// The letter a skill is filed under in a long index: its first letter, or `#`.
fn index_letter(name: &str) -> String {
    name.chars()
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .filter(|c| c.chars().all(|ch| ch.is_ascii_alphabetic()))
        .unwrap_or_else(|| "#".into())
}

pub(super) fn skills_index(m: &Model) -> Context {
    let l = m.loaded;
    let meta = PageMeta::new(
        m,
        "skills/",
        "Skills",
        format!("{} skills and the roles that need them.", l.skills.len()),
        "skills",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let by_letter = l.skills.len() > 300;
    let group_of = |s: &Skill| s.group.clone().unwrap_or_else(|| "Other".into());
    let mut groups: Vec<(String, Vec<SkillEntry>)> = Vec::new();
    let mut sorted: Vec<&Skill> = l.skills.iter().collect();
    sorted.sort_by(|a, b| (a.name.to_lowercase(), &a.id.value).cmp(&(b.name.to_lowercase(), &b.id.value)));
    for s in sorted {
        let key = if by_letter { index_letter(&s.name) } else { group_of(s) };
        let item = SkillEntry {
            name: &s.name,
            url: m.url(&crate::urls::skill(&s.id.value)),
            summary: (!by_letter).then(|| or_empty(&s.summary)),
            count: m.roles_by_skill.get(s.id.value.as_str()).map_or(0, Vec::len),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    if !by_letter {
        // Groups in order of first appearance in the file.
        let mut order: Vec<String> = Vec::new();
        for g in l.skills.iter().map(group_of) {
            if !order.contains(&g) {
                order.push(g);
            }
        }
        groups.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    } else {
        groups.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let groups: Vec<SkillGroup> =
        groups.into_iter().map(|(name, skills)| SkillGroup { id: markdown::slugify(&name), name, skills }).collect();
    ctx.insert("groups", &groups);
    ctx.insert("by_letter", &by_letter);
    ctx
}

#[derive(Serialize)]
struct PathEntry<'a> {
    title: &'a str,
    url: String,
    summary: &'a str,
    steps: Vec<&'a str>,
}

pub(super) fn paths_index(m: &Model) -> Context {
    let meta = PageMeta::new(
        m,
        "paths/",
        "Career paths",
        "Progressions between roles, and ways in from jobs you may already have.",
        "paths",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let paths: Vec<PathEntry> = m
        .loaded
        .paths
        .iter()
        .map(|p| PathEntry {
            title: &p.data.title,
            url: m.url(&crate::urls::path(&p.id)),
            summary: or_empty(&p.data.summary),
            steps: p.data.steps.value.iter().map(|s| super::cards::step_link(m, &s.value).name).collect(),
        })
        .collect();
    ctx.insert("paths", &paths);
    ctx
}

pub(super) fn industries_index(m: &Model) -> Context {
    let meta = PageMeta::new(
        m,
        "industries/",
        "Industries",
        "Where these roles are hired, and what the sources say about each industry.",
        "industries",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let list: Vec<Link> = m
        .loaded
        .industries
        .iter()
        .map(|i| Link {
            name: &i.name,
            url: m.url(&crate::urls::industry(&i.id.value)),
            summary: or_empty(&i.summary),
            count: m.roles_by_industry.get(i.id.value.as_str()).map_or(0, Vec::len),
        })
        .collect();
    ctx.insert("industries", &list);
    ctx
}

pub(super) fn guides_index(m: &Model) -> Context {
    let meta = PageMeta::new(
        m,
        "guides/",
        "Guides",
        "How to break in, judge an offer and read the figures on this site.",
        "guides",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    ctx.insert("guides", &guide_links(m));
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_indexes_file_skills_by_letter() {
        assert_eq!(index_letter("python"), "P");
        assert_eq!(index_letter("Écriture"), "#");
        assert_eq!(index_letter("3D modelling"), "#");
        assert_eq!(index_letter(""), "#");
    }
}
