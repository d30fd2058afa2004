//! A role's page and its `/pay/` page by area.

use serde::Serialize;
use tera::Context;

use super::cards::{role_cards, step_link, Link};
use super::meta::{ctx_with, or_empty, PageMeta};
use super::pay::{band_label, pay_view, BandRow};
use super::sources::{outlook_sources, outlook_view, source_items};
use crate::data::{Level, Role, RoleSkill};
use crate::date;
use crate::load::FileRecord;
use crate::model::Model;
use crate::render::markdown;

#[derive(Serialize)]
struct SkillUse<'a> {
    name: &'a str,
    url: String,
    level: Level,
    optional: bool,
    summary: &'a str,
}

#[derive(Serialize)]
struct StepLink<'a> {
    path_title: &'a str,
    path_url: String,
    from: Option<Link<'a>>,
    to: Option<Link<'a>>,
}

#[derive(Serialize)]
struct CategoryLink<'a> {
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct RoleView<'a> {
    id: &'a str,
    title: &'a str,
    aliases: &'a [String],
    category: CategoryLink<'a>,
    summary: &'a str,
    description_html: String,
    tasks: &'a [String],
    backgrounds: &'a [String],
    education: &'a str,
    credentials: &'a [String],
    breaking_in: Vec<String>,
    updated: String,
    updated_iso: &'a str,
}

/// Required skills first, then by level (highest first), then as written.
fn skill_uses<'a>(m: &'a Model, role: &'a Role) -> Vec<SkillUse<'a>> {
    let mut v: Vec<(&RoleSkill, usize)> = role.skills.value.iter().enumerate().map(|(i, s)| (s, i)).collect();
    v.sort_by(|a, b| {
        (a.0.optional, std::cmp::Reverse(a.0.level), a.1).cmp(&(b.0.optional, std::cmp::Reverse(b.0.level), b.1))
    });
    v.into_iter()
        .filter_map(|(s, _)| {
            let k = m.skills.get(s.skill.value.as_str())?;
            Some(SkillUse {
                name: &k.name,
                url: m.url(&crate::urls::skill(&k.id.value)),
                level: s.level,
                optional: s.optional,
                summary: or_empty(&k.summary),
            })
        })
        .collect()
}

/// Where the role sits on each path that holds it: the steps before and after.
fn path_steps<'a>(m: &'a Model, id: &str) -> Vec<StepLink<'a>> {
    let mut steps = Vec::new();
    for pid in m.paths_by_role.get(id).into_iter().flatten() {
        let Some(p) = m.paths.get(pid) else { continue };
        let list = &p.data.steps.value;
        if let Some(i) = list.iter().position(|s| s.value.role.as_ref().is_some_and(|x| x.value == id)) {
            steps.push(StepLink {
                path_title: &p.data.title,
                path_url: m.url(&crate::urls::path(pid)),
                from: i.checked_sub(1).map(|j| step_link(m, &list[j].value)),
                to: list.get(i + 1).map(|s| step_link(m, &s.value)),
            });
        }
    }
    steps
}

pub(super) fn role_page(m: &Model, r: &FileRecord<Role>) -> Context {
    let role = &r.data;
    let rel = crate::urls::role(&r.id);
    let cat = m.categories.get(role.category.value.as_str());
    let cat_name = cat.map(|c| c.name.as_str()).unwrap_or("");
    let cat_rel = crate::urls::category(&role.category.value);
    let mut meta = PageMeta::new(m, &rel, role.title.clone(), role.summary.clone(), "roles");
    meta.og_type = "article";
    let trail = [("Roles", "roles/"), (cat_name, cat_rel.as_str())];
    meta = meta.crumbs(m, &trail);
    meta.jsonld =
        super::jsonld::breadcrumbs(m, &trail, &role.title, &meta.canonical, Some(super::jsonld::occupation(m, r)));
    let mut ctx = ctx_with(&meta);

    let bands: Vec<BandRow> = role.pay.iter().map(|b| (&b.value, band_label(m, &b.value), None)).collect();
    let mut pay = pay_view(m, &bands, &format!("pay-{}", r.id));
    pay.note_html = role.pay_note.as_ref().map(|n| markdown::render(m, &n.value, 2)).unwrap_or_default();

    let mut related_ids: Vec<&str> = role.related.iter().map(|x| x.value.as_str()).collect();
    for back in m.related_by.get(r.id.as_str()).into_iter().flatten() {
        if !related_ids.contains(back) {
            related_ids.push(back);
        }
    }
    let industries: Vec<Link> = role
        .industries
        .iter()
        .filter_map(|i| m.industries.get(i.value.as_str()))
        .map(|i| Link {
            name: &i.name,
            url: m.url(&crate::urls::industry(&i.id.value)),
            summary: or_empty(&i.summary),
            count: 0,
        })
        .collect();
    let mut source_ids: Vec<&str> = role.sources.iter().map(|s| s.value.as_str()).collect();
    for b in &role.pay {
        let b = m.resolve_band(&b.value);
        source_ids.extend(b.source.iter().chain(b.via.iter()).map(|s| s.value.as_str()));
    }
    source_ids.extend(role.outlook.iter().flat_map(outlook_sources));
    ctx.insert(
        "role",
        &RoleView {
            id: &r.id,
            title: &role.title,
            aliases: &role.aliases,
            category: CategoryLink { name: cat_name, url: m.url(&cat_rel) },
            summary: &role.summary,
            description_html: role.description.as_ref().map(|d| markdown::render(m, &d.value, 2)).unwrap_or_default(),
            tasks: &role.tasks,
            backgrounds: &role.backgrounds,
            education: or_empty(&role.education),
            credentials: &role.credentials,
            breaking_in: role.breaking_in.iter().map(|s| markdown::render_inline(m, &s.value)).collect(),
            updated: role.updated.as_ref().map(|u| date::human(&u.value)).unwrap_or_default(),
            updated_iso: role.updated.as_ref().map_or("", |u| u.value.as_str()),
        },
    );
    ctx.insert("pay", &pay);
    ctx.insert("skills", &skill_uses(m, role));
    ctx.insert("steps", &path_steps(m, &r.id));
    ctx.insert("related", &role_cards(m, related_ids));
    ctx.insert("industries", &industries);
    ctx.insert("outlook", &role.outlook.as_ref().map(|o| outlook_view(m, o)));
    let wages = crate::wages::role_views(m, role, &r.id);
    let w = crate::wages::tables(m.loaded);
    for o in &role.occupations {
        if let Some((_, Some(meta))) = w.tables.get(o.value.wages.value.as_str()) {
            source_ids.push(meta.data.source.value.as_str());
        }
    }
    ctx.insert("glance", &crate::render::glance::glance(m, r, &wages));
    ctx.insert("wages", &wages);
    ctx.insert("sources", &source_items(m, source_ids));
    ctx
}

#[derive(Serialize)]
struct RoleLink<'a> {
    title: &'a str,
    url: String,
}

/// `/roles/ID/pay/`: every area of the role's wage tables.
pub(super) fn role_pay_page(m: &Model, r: &FileRecord<Role>) -> Context {
    let rel = crate::urls::role_pay(&r.id);
    let title = format!("{}: pay by area", r.data.title);
    let desc =
        format!("Published wages in every state and area for the standard occupations closest to {}.", r.data.title);
    let role_rel = crate::urls::role(&r.id);
    let meta =
        PageMeta::new(m, &rel, title, desc, "roles").crumbs(m, &[("Roles", "roles/"), (&r.data.title, &role_rel)]);
    let mut ctx = ctx_with(&meta);
    ctx.insert("role", &RoleLink { title: &r.data.title, url: m.url(&role_rel) });
    ctx.insert("areas", &crate::wages::area_views(m, &r.data));
    ctx
}
