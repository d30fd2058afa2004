//! Views: the small, ready-made data each template gets. Every decision (what to show, in what
//! order, how a figure is worded, which source it cites) is made here, in Rust.

use serde::Serialize;
use serde_json::{json, Value};
use tera::{Context, Tera};

use super::chart::{self, ChartRow, DiagramStep, Figures};
use super::markdown;
use super::templates;
use crate::data::*;
use crate::date;
use crate::diagnostic::Diagnostic;
use crate::load::FileRecord;
use crate::model::Model;
use crate::pages::{template_of, Job};

#[derive(Serialize)]
pub struct Crumb {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub url: String,
    pub canonical: String,
    pub section: &'static str,
    pub breadcrumbs: Vec<Crumb>,
    pub jsonld: String,
    pub og_type: &'static str,
}

impl PageMeta {
    fn new(
        m: &Model,
        rel: &str,
        title: impl Into<String>,
        description: impl Into<String>,
        section: &'static str,
    ) -> Self {
        let title = title.into();
        let mut description: String = description.into();
        if description.is_empty() {
            description = m.config.description.clone();
        }
        PageMeta {
            title,
            description,
            url: m.url(rel),
            canonical: m.abs_url(rel),
            section,
            breadcrumbs: Vec::new(),
            jsonld: String::new(),
            og_type: "website",
        }
    }

    fn crumbs(mut self, m: &Model, trail: &[(&str, &str)]) -> Self {
        self.breadcrumbs = std::iter::once(("Home", ""))
            .chain(trail.iter().copied())
            .map(|(name, rel)| Crumb { name: name.to_string(), url: m.url(rel) })
            .collect();
        self.jsonld = breadcrumb_jsonld(m, trail, &self.title, &self.canonical, None);
        self
    }
}

/// JSON that is safe inside a `<script>` element.
pub fn script_json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_default().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn breadcrumb_list(m: &Model, trail: &[(&str, &str)], title: &str, url: &str) -> Value {
    let mut items: Vec<Value> = std::iter::once(("Home", m.abs_url("")))
        .chain(trail.iter().map(|(n, rel)| (*n, m.abs_url(rel))))
        .enumerate()
        .map(|(i, (n, u))| json!({"@type": "ListItem", "position": i + 1, "name": n, "item": u}))
        .collect();
    items.push(json!({"@type": "ListItem", "position": items.len() + 1, "name": title, "item": url}));
    json!({"@type": "BreadcrumbList", "itemListElement": items})
}

fn breadcrumb_jsonld(m: &Model, trail: &[(&str, &str)], title: &str, url: &str, extra: Option<Value>) -> String {
    let crumbs = breadcrumb_list(m, trail, title, url);
    let mut graph = vec![crumbs];
    if let Some(e) = extra {
        graph.insert(0, e);
    }
    script_json(&json!({"@context": "https://schema.org", "@graph": graph}))
}

fn ctx_with(meta: &PageMeta) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page", meta);
    ctx
}

// ---------------------------------------------------------------------------------------------
// Citations and pay

/// "undated" or "published 1 March 2026".
fn source_date(s: &Source) -> String {
    match &s.date {
        Some(d) => date::human(&d.value),
        None => "undated".to_string(),
    }
}

pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One source, inline: title (linked when we have its address), publisher, date.
fn source_inline(m: &Model, id: &str) -> String {
    let Some(s) = m.sources.get(id) else {
        return esc(id);
    };
    let title = match &s.url {
        Some(u) => format!("<a href=\"{}\">{}</a>", esc(&u.value), esc(&s.title)),
        None => format!("<cite>{}</cite>", esc(&s.title)),
    };
    let publisher = s.publisher.as_deref().map(|p| format!("{}, ", esc(p))).unwrap_or_default();
    format!("{publisher}{title} ({})", source_date(s))
}

/// The citation of a figure or claim: its source and, if we did not read it, who reported it.
pub fn cite_html(m: &Model, source: &str, via: Option<&str>) -> String {
    match via {
        Some(v) => format!("{}, as reported by {}", source_inline(m, source), source_inline(m, v)),
        None => source_inline(m, source),
    }
}

#[derive(Serialize)]
pub struct SourceItem {
    pub id: String,
    pub html: String,
    pub kind: String,
    pub read: String,
    pub note: String,
}

fn source_items<'s>(m: &Model, ids: impl IntoIterator<Item = &'s str>) -> Vec<SourceItem> {
    let mut seen = std::collections::BTreeSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(*id))
        .filter_map(|id| m.sources.get(id).map(|s| (id, s)))
        .map(|(id, s)| SourceItem {
            id: id.to_string(),
            html: source_inline(m, id),
            kind: s.kind.map(|k| format!("{k:?}").to_lowercase()).unwrap_or_default(),
            read: match (&s.accessed, read_by_us(s)) {
                (Some(a), _) => format!("read {}", date::human(&a.value)),
                (None, true) => String::new(),
                (None, false) => "not read by us: quoted by another source".to_string(),
            },
            note: s.note.clone().unwrap_or_default(),
        })
        .collect()
}

pub fn figures_of(b: &PayBand) -> Figures {
    let v = |f: &Option<S<f64>>| f.as_ref().map(|x| x.value);
    Figures {
        low: v(&b.low),
        p10: v(&b.p10),
        p25: v(&b.p25),
        median: v(&b.median),
        p75: v(&b.p75),
        p90: v(&b.p90),
        high: v(&b.high),
        mean: v(&b.mean),
        open_high: b.open_high,
        up_to: b.up_to.as_ref().is_some_and(|u| u.value),
        approx: b.approx,
    }
}

pub fn chart_basis(b: Basis) -> chart::Basis {
    match b {
        Basis::Hourly => chart::Basis::Hourly,
        Basis::Annual => chart::Basis::Annual,
    }
}

#[derive(Serialize)]
pub struct BandItem {
    pub label: String,
    pub text: String,
    pub facts: Vec<String>,
    pub work_type: bool,
    pub cite_html: String,
    pub note_html: String,
}

#[derive(Serialize)]
pub struct ChartView {
    pub heading: String,
    pub svg: String,
}

#[derive(Serialize, Default)]
pub struct PayView {
    pub charts: Vec<ChartView>,
    pub items: Vec<BandItem>,
    pub note_html: String,
}

/// The label a band goes by on a role page.
fn band_label(m: &Model, written: &PayBand) -> (String, bool) {
    let b = m.resolve_band(written);
    let work_type = written.band.is_some();
    let label = b.label.clone().unwrap_or_else(|| if work_type { "This kind of work".into() } else { "Pay".into() });
    (label, work_type)
}

fn band_facts(b: &PayBand, work_type: bool) -> Vec<String> {
    let mut f = Vec::new();
    if let Some(basis) = b.basis {
        f.push(match basis {
            Basis::Hourly => "hourly rate".to_string(),
            Basis::Annual => "annual pay".to_string(),
        });
    }
    if let Some(a) = b.arrangement {
        f.push(format!("{a:?}").to_lowercase());
    }
    if let Some(l) = b.level {
        f.push(format!("{} level", format!("{l:?}").to_lowercase()));
    }
    if let Some(r) = &b.region {
        f.push(r.clone());
    }
    if let Some(a) = &b.applies_to {
        f.push(a.clone());
    }
    if work_type {
        f.push("pay for this kind of work, not for this role alone".to_string());
    }
    f
}

/// A band as written, its label, and an optional link for the label.
pub type BandRow<'b> = (&'b PayBand, String, Option<String>);

/// Bands (as written, maybe `{ band: id }`) to charts (one per basis and currency) and items.
pub fn pay_view(m: &Model, bands: &[BandRow], id: &str) -> PayView {
    let mut items = Vec::new();
    let mut groups: Vec<((Basis, String), Vec<usize>)> = Vec::new();
    let resolved: Vec<&PayBand> = bands.iter().map(|(b, _, _)| m.resolve_band(b)).collect();
    for (i, ((written, label, _), b)) in bands.iter().zip(&resolved).enumerate() {
        let Some(basis) = b.basis else { continue };
        let currency = m.band_currency(b).to_string();
        let work_type = written.band.is_some();
        let f = figures_of(b);
        items.push(BandItem {
            label: label.clone(),
            text: chart::describe(&f, chart_basis(basis), &currency),
            facts: band_facts(b, work_type),
            work_type,
            cite_html: b
                .source
                .as_ref()
                .map(|s| cite_html(m, &s.value, b.via.as_ref().map(|v| v.value.as_str())))
                .unwrap_or_default(),
            note_html: b.note.as_ref().map(|n| markdown::render_inline(m, &n.value)).unwrap_or_default(),
        });
        let key = (basis, currency);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let figs: Vec<Figures> = resolved.iter().map(|b| figures_of(b)).collect();
    let charts = groups
        .iter()
        .enumerate()
        .map(|(gi, ((basis, cur), idx))| {
            let rows: Vec<ChartRow> = idx
                .iter()
                .map(|&i| ChartRow { label: &bands[i].1, figures: &figs[i], href: bands[i].2.as_deref() })
                .collect();
            ChartView {
                heading: format!("{} ({cur})", if *basis == Basis::Hourly { "Hourly rates" } else { "Annual pay" }),
                svg: chart::band_chart(&rows, chart_basis(*basis), cur, &format!("{id}-{gi}")),
            }
        })
        .collect();
    PayView { charts, items, note_html: String::new() }
}

/// A one-line pay summary for lists: "$25–$50 an hour (this kind of work)".
pub fn pay_short(m: &Model, role: &Role) -> String {
    let parts: Vec<String> = role
        .pay
        .iter()
        .filter_map(|w| {
            let b = m.resolve_band(&w.value);
            let basis = b.basis?;
            let text = chart::describe(&figures_of(b), chart_basis(basis), m.band_currency(b));
            Some(if w.value.band.is_some() { format!("{text} (this kind of work)") } else { text })
        })
        .take(2)
        .collect();
    if parts.is_empty() {
        "No published figure".to_string()
    } else {
        parts.join("; ")
    }
}

fn pay_kinds(m: &Model, role: &Role) -> Vec<&'static str> {
    let mut k: Vec<&'static str> = role
        .pay
        .iter()
        .filter_map(|w| m.resolve_band(&w.value).basis)
        .map(|b| if b == Basis::Hourly { "hourly" } else { "annual" })
        .collect();
    k.sort();
    k.dedup();
    if k.is_empty() {
        k.push("none");
    }
    k
}

// ---------------------------------------------------------------------------------------------
// Lists

#[derive(Serialize)]
pub struct RoleCard {
    pub id: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub pay: String,
    pub category: String,
    pub industries: String,
    pub pay_kinds: String,
}

fn role_card(m: &Model, r: &FileRecord<Role>) -> RoleCard {
    RoleCard {
        id: r.id.clone(),
        title: r.data.title.clone(),
        url: m.url(&format!("roles/{}/", r.id)),
        summary: r.data.summary.clone(),
        pay: pay_short(m, &r.data),
        category: r.data.category.value.clone(),
        industries: r.data.industries.iter().map(|i| i.value.as_str()).collect::<Vec<_>>().join(" "),
        pay_kinds: pay_kinds(m, &r.data).join(" "),
    }
}

fn role_cards<'a>(m: &Model, ids: impl IntoIterator<Item = &'a str>) -> Vec<RoleCard> {
    ids.into_iter().filter_map(|id| m.roles.get(id)).map(|r| role_card(m, r)).collect()
}

#[derive(Serialize)]
struct Link {
    name: String,
    url: String,
    summary: String,
    count: usize,
}

// ---------------------------------------------------------------------------------------------
// Pages

/// The template that renders a job's page.
pub fn render_job(m: &Model, tera: &Tera, job: &Job) -> Result<String, Diagnostic> {
    let ctx = match job {
        Job::Home => home(m),
        Job::RolesIndex => roles_index(m),
        Job::Role(i) => role_page(m, &m.l.roles[*i]),
        Job::RolePay(i) => role_pay_page(m, &m.l.roles[*i]),
        Job::Category(i) => category_page(m, &m.l.categories[*i]),
        Job::SkillsIndex => skills_index(m),
        Job::Skill(i) => skill_page(m, &m.l.skills[*i]),
        Job::PathsIndex => paths_index(m),
        Job::Path(i) => path_page(m, &m.l.paths[*i]),
        Job::IndustriesIndex => industries_index(m),
        Job::Industry(i) => industry_page(m, &m.l.industries[*i]),
        Job::Pay => pay_page(m),
        Job::GuidesIndex => guides_index(m),
        Job::Guide(i) => guide_page(m, &m.l.pages[*i]),
        Job::Search => simple(m, "search/", "Search", "Search roles, skills, paths and guides.", "search"),
        Job::Quiz => quiz_page(m),
        Job::NotFound => not_found(m),
        Job::Redirect { from, to } => redirect(m, from, to),
    };
    templates::render(tera, m, template_of(job), &ctx)
}

fn simple(m: &Model, rel: &str, title: &str, desc: &str, section: &'static str) -> Context {
    let meta = PageMeta::new(m, rel, title, desc, section).crumbs(m, &[]);
    ctx_with(&meta)
}

fn home(m: &Model) -> Context {
    let l = m.l;
    let mut meta = PageMeta::new(m, "", m.config.title.clone(), m.config.description.clone(), "home");
    meta.jsonld = script_json(&json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": m.config.title,
        "url": m.abs_url(""),
        "potentialAction": {"@type": "SearchAction", "target": format!("{}?q={{q}}", m.abs_url("search/")), "query-input": "required name=q"}
    }));
    let mut ctx = ctx_with(&meta);
    let (intro, intro_title) = match &l.home {
        Some(p) => (markdown::render(m, &p.body, 1), p.front.title.clone()),
        None => (String::new(), m.config.title.clone()),
    };
    ctx.insert("intro_html", &intro);
    ctx.insert("intro_title", &intro_title);
    let cats: Vec<Value> = l
        .categories
        .iter()
        .map(|c| {
            let ids = m.roles_by_category.get(c.id.value.as_str()).cloned().unwrap_or_default();
            json!({"name": c.name, "url": m.url(&format!("categories/{}/", c.id.value)), "summary": c.summary.clone().unwrap_or_default(),
                   "roles": ids.iter().take(6).filter_map(|id| m.roles.get(id)).map(|r| json!({"title": r.data.title, "url": m.url(&format!("roles/{}/", r.id))})).collect::<Vec<_>>(),
                   "count": ids.len()})
        })
        .collect();
    ctx.insert("categories", &cats);
    let paths: Vec<Value> = l.paths.iter().take(6).map(|p| json!({"title": p.data.title, "url": m.url(&format!("paths/{}/", p.id)), "summary": p.data.summary.clone().unwrap_or_default()})).collect();
    ctx.insert("paths", &paths);
    ctx.insert("guides", &guide_links(m));
    ctx.insert(
        "counts",
        &json!({"roles": l.roles.len(), "skills": l.skills.len(), "paths": l.paths.len(), "sources": l.sources.len()}),
    );
    ctx
}

fn guide_links(m: &Model) -> Vec<Value> {
    let mut pages: Vec<_> = m.pages.values().collect();
    pages.sort_by(|a, b| {
        (a.front.weight.unwrap_or(i64::MAX), &a.front.title).cmp(&(b.front.weight.unwrap_or(i64::MAX), &b.front.title))
    });
    pages
        .iter()
        .map(|p| json!({"title": p.front.title, "url": m.url(&format!("guides/{}/", p.slug)), "summary": p.front.summary.clone().unwrap_or_default()}))
        .collect()
}

fn roles_index(m: &Model) -> Context {
    let l = m.l;
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
    let groups: Vec<Value> = l
        .categories
        .iter()
        .filter_map(|c| {
            let ids = m.roles_by_category.get(c.id.value.as_str())?;
            Some(json!({"id": c.id.value, "name": c.name, "url": m.url(&format!("categories/{}/", c.id.value)), "roles": role_cards(m, ids.iter().copied())}))
        })
        .collect();
    ctx.insert("groups", &groups);
    ctx.insert("compact", &compact);
    let cats: Vec<Value> = l
        .categories
        .iter()
        .map(|c| json!({"id": c.id.value, "name": c.name, "url": m.url(&format!("categories/{}/", c.id.value))}))
        .collect();
    let inds: Vec<Value> = l
        .industries
        .iter()
        .filter(|i| m.roles_by_industry.contains_key(i.id.value.as_str()))
        .map(|i| json!({"id": i.id.value, "name": i.name, "url": m.url(&format!("industries/{}/", i.id.value))}))
        .collect();
    ctx.insert("categories", &cats);
    ctx.insert("industries", &inds);
    ctx.insert("total", &l.roles.len());
    ctx
}

#[derive(Serialize)]
struct SkillUse {
    name: String,
    url: String,
    level: Level,
    optional: bool,
    summary: String,
}

#[derive(Serialize)]
struct StepLink {
    path_title: String,
    path_url: String,
    from: Option<Link>,
    to: Option<Link>,
}

fn step_name(m: &Model, s: &Step) -> Link {
    match &s.role {
        Some(r) => Link {
            name: m.roles.get(r.value.as_str()).map(|x| x.data.title.clone()).unwrap_or_default(),
            url: m.url(&format!("roles/{}/", r.value)),
            summary: s.stage.clone().unwrap_or_default(),
            count: 0,
        },
        None => Link {
            name: s.job.clone().unwrap_or_default(),
            url: String::new(),
            summary: s.stage.clone().unwrap_or_default(),
            count: 0,
        },
    }
}

fn role_page(m: &Model, r: &FileRecord<Role>) -> Context {
    let role = &r.data;
    let rel = format!("roles/{}/", r.id);
    let cat = m.categories.get(role.category.value.as_str());
    let cat_name = cat.map(|c| c.name.as_str()).unwrap_or("");
    let cat_rel = format!("categories/{}/", role.category.value);
    let mut meta = PageMeta::new(m, &rel, role.title.clone(), role.summary.clone(), "roles");
    meta.og_type = "article";
    let trail = [("Roles", "roles/"), (cat_name, cat_rel.as_str())];
    meta = meta.crumbs(m, &trail);
    meta.jsonld = breadcrumb_jsonld(m, &trail, &role.title, &meta.canonical, Some(occupation_jsonld(m, r)));
    let mut ctx = ctx_with(&meta);

    let bands: Vec<BandRow> = role
        .pay
        .iter()
        .map(|b| {
            let (label, _) = band_label(m, &b.value);
            (&b.value, label, None)
        })
        .collect();
    let mut pay = pay_view(m, &bands, &format!("pay-{}", r.id));
    pay.note_html = role.pay_note.as_ref().map(|n| markdown::render(m, &n.value, 2)).unwrap_or_default();

    let skills: Vec<SkillUse> = {
        let mut v: Vec<(&RoleSkill, usize)> = role.skills.value.iter().enumerate().map(|(i, s)| (s, i)).collect();
        v.sort_by(|a, b| {
            (a.0.optional, std::cmp::Reverse(a.0.level), a.1).cmp(&(b.0.optional, std::cmp::Reverse(b.0.level), b.1))
        });
        v.into_iter()
            .filter_map(|(s, _)| {
                let k = m.skills.get(s.skill.value.as_str())?;
                Some(SkillUse {
                    name: k.name.clone(),
                    url: m.url(&format!("skills/{}/", k.id.value)),
                    level: s.level,
                    optional: s.optional,
                    summary: k.summary.clone().unwrap_or_default(),
                })
            })
            .collect()
    };
    let mut steps = Vec::new();
    for pid in m.paths_by_role.get(r.id.as_str()).into_iter().flatten() {
        let Some(p) = m.paths.get(pid) else { continue };
        let list = &p.data.steps.value;
        if let Some(i) = list.iter().position(|s| s.value.role.as_ref().is_some_and(|x| x.value == r.id)) {
            steps.push(StepLink {
                path_title: p.data.title.clone(),
                path_url: m.url(&format!("paths/{pid}/")),
                from: i.checked_sub(1).map(|j| step_name(m, &list[j].value)),
                to: list.get(i + 1).map(|s| step_name(m, &s.value)),
            });
        }
    }
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
            name: i.name.clone(),
            url: m.url(&format!("industries/{}/", i.id.value)),
            summary: i.summary.clone().unwrap_or_default(),
            count: 0,
        })
        .collect();
    let outlook = role.outlook.as_ref().map(|o| outlook_view(m, o));
    let mut source_ids: Vec<&str> = role.sources.iter().map(|s| s.value.as_str()).collect();
    for b in &role.pay {
        let b = m.resolve_band(&b.value);
        source_ids.extend(b.source.iter().chain(b.via.iter()).map(|s| s.value.as_str()));
    }
    if let Some(o) = &role.outlook {
        source_ids.extend(std::iter::once(o.source.value.as_str()).chain(o.via.iter().map(|v| v.value.as_str())));
    }
    ctx.insert(
        "role",
        &json!({
            "id": r.id,
            "title": role.title,
            "aliases": role.aliases,
            "category": {"name": cat_name, "url": m.url(&cat_rel)},
            "summary": role.summary,
            "description_html": role.description.as_ref().map(|d| markdown::render(m, &d.value, 2)).unwrap_or_default(),
            "tasks": role.tasks,
            "backgrounds": role.backgrounds,
            "education": role.education.clone().unwrap_or_default(),
            "credentials": role.credentials,
            "breaking_in": role.breaking_in.iter().map(|s| markdown::render_inline(m, &s.value)).collect::<Vec<_>>(),
            "updated": role.updated.as_ref().map(|u| date::human(&u.value)).unwrap_or_default(),
            "updated_iso": role.updated.as_ref().map(|u| u.value.clone()).unwrap_or_default(),
        }),
    );
    ctx.insert("pay", &pay);
    ctx.insert("skills", &skills);
    ctx.insert("steps", &steps);
    ctx.insert("related", &role_cards(m, related_ids));
    ctx.insert("industries", &industries);
    ctx.insert("outlook", &outlook);
    let wages = crate::wages::role_views(m, role, &r.id);
    let w = crate::wages::tables(m.l);
    for o in &role.occupations {
        if let Some((_, Some(meta))) = w.tables.get(o.value.wages.value.as_str()) {
            source_ids.push(meta.data.source.value.as_str());
        }
    }
    ctx.insert("wages", &wages);
    ctx.insert("sources", &source_items(m, source_ids));
    ctx
}

/// `/roles/ID/pay/`: every area of the role's wage tables.
fn role_pay_page(m: &Model, r: &FileRecord<Role>) -> Context {
    let rel = format!("roles/{}/pay/", r.id);
    let title = format!("{}: pay by area", r.data.title);
    let desc =
        format!("Published wages in every state and area for the standard occupations closest to {}.", r.data.title);
    let role_rel = format!("roles/{}/", r.id);
    let meta =
        PageMeta::new(m, &rel, title, desc, "roles").crumbs(m, &[("Roles", "roles/"), (&r.data.title, &role_rel)]);
    let mut ctx = ctx_with(&meta);
    ctx.insert("role", &json!({ "title": r.data.title, "url": m.url(&role_rel) }));
    ctx.insert("areas", &crate::wages::area_views(m, &r.data));
    ctx
}

fn outlook_view(m: &Model, o: &Outlook) -> Value {
    json!({
        "summary_html": markdown::render_inline(m, &o.summary.value),
        "cite_html": cite_html(m, &o.source.value, o.via.as_ref().map(|v| v.value.as_str())),
        "applies_to": o.applies_to.clone().unwrap_or_default(),
    })
}

/// schema.org `Occupation` with each band's figures exactly as given.
fn occupation_jsonld(m: &Model, r: &FileRecord<Role>) -> Value {
    let role = &r.data;
    let salaries: Vec<Value> = role
        .pay
        .iter()
        .filter_map(|w| {
            let b = m.resolve_band(&w.value);
            let basis = b.basis?;
            let unit = if basis == Basis::Hourly { "HOUR" } else { "YEAR" };
            let cur = m.band_currency(b);
            let v = |f: &Option<S<f64>>| f.as_ref().map(|x| x.value);
            let mut o = serde_json::Map::new();
            let pct = [
                ("percentile10", v(&b.p10)),
                ("percentile25", v(&b.p25)),
                ("median", v(&b.median)),
                ("percentile75", v(&b.p75)),
                ("percentile90", v(&b.p90)),
            ];
            if pct.iter().any(|p| p.1.is_some()) {
                o.insert("@type".into(), json!("MonetaryAmountDistribution"));
                o.insert("currency".into(), json!(cur));
                o.insert("duration".into(), json!(if basis == Basis::Hourly { "PT1H" } else { "P1Y" }));
                for (k, val) in pct {
                    if let Some(val) = val {
                        o.insert(k.into(), json!(val));
                    }
                }
            } else {
                o.insert("@type".into(), json!("MonetaryAmount"));
                o.insert("currency".into(), json!(cur));
                let mut q = serde_json::Map::new();
                q.insert("@type".into(), json!("QuantitativeValue"));
                q.insert("unitText".into(), json!(unit));
                match (v(&b.low), v(&b.high), v(&b.mean)) {
                    (None, None, Some(mean)) => {
                        q.insert("value".into(), json!(mean));
                    }
                    (low, high, _) => {
                        if let Some(l) = low {
                            q.insert("minValue".into(), json!(l));
                        }
                        // An open top ("X-Y+") is never a maxValue.
                        if let (Some(h), false) = (high, b.open_high) {
                            q.insert("maxValue".into(), json!(h));
                        }
                    }
                }
                o.insert("value".into(), Value::Object(q));
            }
            if let Some(l) = &b.label {
                o.insert("name".into(), json!(l));
            }
            Some(Value::Object(o))
        })
        .collect();
    let (codes, wage_salaries) = crate::wages::jsonld(m, role);
    let mut salaries = salaries;
    salaries.extend(wage_salaries);
    let mut occ = json!({
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "url": m.abs_url(&format!("roles/{}/", r.id)),
        "skills": role.skills.value.iter().filter_map(|s| m.skills.get(s.skill.value.as_str()).map(|k| k.name.clone())).collect::<Vec<_>>(),
    });
    if !role.aliases.is_empty() {
        occ["alternateName"] = json!(role.aliases);
    }
    if !codes.is_empty() {
        occ["occupationalCategory"] = json!(codes);
    } else if let Some(c) = m.categories.get(role.category.value.as_str()) {
        occ["occupationalCategory"] = json!(c.name);
    }
    if !salaries.is_empty() {
        occ["estimatedSalary"] = json!(salaries);
    }
    if let Some(e) = &role.education {
        occ["educationRequirements"] = json!(e);
    }
    occ
}

fn category_page(m: &Model, c: &Category) -> Context {
    let rel = format!("categories/{}/", c.id.value);
    let meta = PageMeta::new(m, &rel, c.name.clone(), c.summary.clone().unwrap_or_default(), "roles")
        .crumbs(m, &[("Roles", "roles/")]);
    let mut ctx = ctx_with(&meta);
    let ids = m.roles_by_category.get(c.id.value.as_str()).cloned().unwrap_or_default();
    ctx.insert("category", &json!({"name": c.name, "summary": c.summary.clone().unwrap_or_default()}));
    ctx.insert("roles", &role_cards(m, ids));
    ctx.insert("outlook", &c.outlook.as_ref().map(|o| outlook_view(m, o)));
    let sources: Vec<&str> = c
        .outlook
        .iter()
        .flat_map(|o| std::iter::once(o.source.value.as_str()).chain(o.via.iter().map(|v| v.value.as_str())))
        .collect();
    ctx.insert("sources", &source_items(m, sources));
    ctx
}

fn skills_index(m: &Model) -> Context {
    let l = m.l;
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
    let mut groups: Vec<(String, Vec<Value>)> = Vec::new();
    let mut sorted: Vec<&Skill> = l.skills.iter().collect();
    sorted.sort_by(|a, b| (a.name.to_lowercase(), &a.id.value).cmp(&(b.name.to_lowercase(), &b.id.value)));
    for s in sorted {
        let key = if by_letter {
            s.name
                .chars()
                .next()
                .map(|c| c.to_uppercase().collect::<String>())
                .filter(|c| c.chars().all(|ch| ch.is_ascii_alphabetic()))
                .unwrap_or_else(|| "#".into())
        } else {
            s.group.clone().unwrap_or_else(|| "Other".into())
        };
        let n = m.roles_by_skill.get(s.id.value.as_str()).map_or(0, Vec::len);
        let item = if by_letter {
            json!({"name": s.name, "url": m.url(&format!("skills/{}/", s.id.value)), "count": n})
        } else {
            json!({"name": s.name, "url": m.url(&format!("skills/{}/", s.id.value)), "summary": s.summary.clone().unwrap_or_default(), "count": n})
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(item),
            None => groups.push((key, vec![item])),
        }
    }
    if !by_letter {
        // Groups in order of first appearance in the file.
        let order: Vec<String> = l.skills.iter().map(|s| s.group.clone().unwrap_or_else(|| "Other".into())).fold(
            Vec::new(),
            |mut acc, g| {
                if !acc.contains(&g) {
                    acc.push(g);
                }
                acc
            },
        );
        groups.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
    } else {
        groups.sort_by(|a, b| a.0.cmp(&b.0));
    }
    let groups: Vec<Value> =
        groups.into_iter().map(|(k, v)| json!({"name": k, "id": markdown::slugify(&k), "skills": v})).collect();
    ctx.insert("groups", &groups);
    ctx.insert("by_letter", &by_letter);
    ctx
}

fn skill_page(m: &Model, s: &Skill) -> Context {
    let rel = format!("skills/{}/", s.id.value);
    let meta = PageMeta::new(m, &rel, s.name.clone(), s.summary.clone().unwrap_or_default(), "skills")
        .crumbs(m, &[("Skills", "skills/")]);
    let mut ctx = ctx_with(&meta);
    let roles: Vec<Value> = m
        .roles_by_skill
        .get(s.id.value.as_str())
        .into_iter()
        .flatten()
        .filter_map(|(id, level, optional)| {
            let r = m.roles.get(id)?;
            Some(json!({"title": r.data.title, "url": m.url(&format!("roles/{id}/")), "level": level, "optional": optional, "summary": r.data.summary}))
        })
        .collect();
    ctx.insert(
        "skill",
        &json!({"name": s.name, "group": s.group.clone().unwrap_or_default(), "summary": s.summary.clone().unwrap_or_default(), "aliases": s.aliases,
                "learn_html": s.learn.as_ref().map(|x| markdown::render(m, &x.value, 2)).unwrap_or_default()}),
    );
    ctx.insert("roles", &roles);
    ctx
}

fn paths_index(m: &Model) -> Context {
    let meta = PageMeta::new(
        m,
        "paths/",
        "Career paths",
        "Progressions between roles, and ways in from jobs you may already have.",
        "paths",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let paths: Vec<Value> = m
        .l
        .paths
        .iter()
        .map(|p| {
            let steps: Vec<String> = p.data.steps.value.iter().map(|s| step_name(m, &s.value).name).collect();
            json!({"title": p.data.title, "url": m.url(&format!("paths/{}/", p.id)), "summary": p.data.summary.clone().unwrap_or_default(), "steps": steps})
        })
        .collect();
    ctx.insert("paths", &paths);
    ctx
}

fn path_page(m: &Model, p: &FileRecord<CareerPath>) -> Context {
    let rel = format!("paths/{}/", p.id);
    let meta = PageMeta::new(m, &rel, p.data.title.clone(), p.data.summary.clone().unwrap_or_default(), "paths")
        .crumbs(m, &[("Paths", "paths/")]);
    let mut ctx = ctx_with(&meta);
    let names: Vec<Link> = p.data.steps.value.iter().map(|s| step_name(m, &s.value)).collect();
    let diagram_steps: Vec<DiagramStep> = names
        .iter()
        .zip(&p.data.steps.value)
        .map(|(n, s)| DiagramStep {
            label: &n.name,
            sublabel: s.value.stage.as_deref(),
            href: (!n.url.is_empty()).then_some(n.url.as_str()),
        })
        .collect();
    let diagram = chart::path_diagram(&diagram_steps, &format!("path-{}", p.id));
    let steps: Vec<Value> = names
        .iter()
        .zip(&p.data.steps.value)
        .map(|(n, s)| {
            let pay = s.value.role.as_ref().and_then(|r| m.roles.get(r.value.as_str())).map(|r| pay_short(m, &r.data)).unwrap_or_default();
            json!({"name": n.name, "url": n.url, "stage": s.value.stage.clone().unwrap_or_default(), "focus": s.value.focus.clone().unwrap_or_default(),
                   "years": s.value.years.clone().unwrap_or_default(), "pay": pay})
        })
        .collect();
    ctx.insert("path", &json!({"title": p.data.title, "summary": p.data.summary.clone().unwrap_or_default(), "diagram": diagram, "steps": steps}));
    ctx.insert("sources", &source_items(m, p.data.sources.iter().map(|s| s.value.as_str())));
    ctx
}

fn industries_index(m: &Model) -> Context {
    let meta = PageMeta::new(
        m,
        "industries/",
        "Industries",
        "Where these roles are hired, and what the sources say about each industry.",
        "industries",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let list: Vec<Link> =
        m.l.industries
            .iter()
            .map(|i| Link {
                name: i.name.clone(),
                url: m.url(&format!("industries/{}/", i.id.value)),
                summary: i.summary.clone().unwrap_or_default(),
                count: m.roles_by_industry.get(i.id.value.as_str()).map_or(0, Vec::len),
            })
            .collect();
    ctx.insert("industries", &list);
    ctx
}

fn industry_page(m: &Model, i: &Industry) -> Context {
    let rel = format!("industries/{}/", i.id.value);
    let meta = PageMeta::new(m, &rel, i.name.clone(), i.summary.clone().unwrap_or_default(), "industries")
        .crumbs(m, &[("Industries", "industries/")]);
    let mut ctx = ctx_with(&meta);
    let ids = m.roles_by_industry.get(i.id.value.as_str()).cloned().unwrap_or_default();
    ctx.insert(
        "industry",
        &json!({"name": i.name, "summary": i.summary.clone().unwrap_or_default(), "description_html": i.description.as_ref().map(|d| markdown::render(m, &d.value, 1)).unwrap_or_default()}),
    );
    ctx.insert("roles", &role_cards(m, ids));
    ctx.insert("outlook", &i.outlook.as_ref().map(|o| outlook_view(m, o)));
    let sources: Vec<&str> = i
        .outlook
        .iter()
        .flat_map(|o| std::iter::once(o.source.value.as_str()).chain(o.via.iter().map(|v| v.value.as_str())))
        .collect();
    ctx.insert("sources", &source_items(m, sources));
    ctx
}

fn pay_page(m: &Model) -> Context {
    let l = m.l;
    let meta = PageMeta::new(
        m,
        "pay/",
        "Pay",
        "Every published pay figure on this site, hourly and annual on their own scales, each with its source.",
        "pay",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    // Work-type bands first, then each role's bands; charts split by basis and currency (and by
    // category when a chart would grow past a readable size).
    let mut rows: Vec<(&PayBand, String, Option<String>, String)> = Vec::new();
    for b in &l.pay_bands {
        if b.value.id.is_some() {
            rows.push((
                &b.value,
                b.value.label.clone().unwrap_or_else(|| "Work type".into()),
                None,
                "Types of work".into(),
            ));
        }
    }
    for r in &l.roles {
        let cat = m.categories.get(r.data.category.value.as_str()).map(|c| c.name.clone()).unwrap_or_default();
        for w in &r.data.pay {
            if w.value.band.is_some() {
                continue;
            }
            let label = match &w.value.label {
                Some(lab) => format!("{}: {lab}", r.data.title),
                None => r.data.title.clone(),
            };
            rows.push((&w.value, label, Some(m.url(&format!("roles/{}/", r.id))), cat.clone()));
        }
    }
    let by_category = rows.len() > 40;
    let mut sections: Vec<(String, Vec<BandRow>)> = Vec::new();
    for (b, label, href, cat) in rows {
        let key = if by_category { cat } else { String::new() };
        match sections.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push((b, label, href)),
            None => sections.push((key, vec![(b, label, href)])),
        }
    }
    let views: Vec<Value> = sections
        .iter()
        .enumerate()
        .map(|(i, (name, bands))| json!({"name": name, "pay": pay_view(m, bands, &format!("pay-overview-{i}"))}))
        .collect();
    ctx.insert("sections", &views);
    let no_pay: Vec<RoleCard> =
        l.roles.iter().filter(|r| r.data.pay.iter().all(|w| w.value.band.is_some())).map(|r| role_card(m, r)).collect();
    ctx.insert("without_figures", &no_pay);
    ctx
}

fn guides_index(m: &Model) -> Context {
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

fn guide_page(m: &Model, p: &crate::load::PageFile) -> Context {
    let rel = format!("guides/{}/", p.slug);
    let mut meta = PageMeta::new(m, &rel, p.front.title.clone(), p.front.summary.clone().unwrap_or_default(), "guides");
    meta.og_type = "article";
    let meta = meta.crumbs(m, &[("Guides", "guides/")]);
    let mut ctx = ctx_with(&meta);
    ctx.insert(
        "guide",
        &json!({"title": p.front.title, "summary": p.front.summary.clone().unwrap_or_default(), "body_html": markdown::render(m, &p.body, 0),
                "updated": p.front.updated.as_ref().map(|u| date::human(&u.value)).unwrap_or_default(),
                "updated_iso": p.front.updated.as_ref().map(|u| u.value.clone()).unwrap_or_default(), "draft": p.front.draft}),
    );
    ctx.insert("sources", &source_items(m, p.front.sources.iter().map(|s| s.value.as_str())));
    ctx
}

fn quiz_page(m: &Model) -> Context {
    let q = m.l.quiz.as_ref();
    let title = q.and_then(|q| q.title.clone()).unwrap_or_else(|| "Which role fits you?".into());
    let meta = PageMeta::new(
        m,
        "quiz/",
        title.clone(),
        "Answer a few questions and see which roles fit how you like to work.",
        "quiz",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let questions: Vec<Value> = q
        .map(|q| {
            q.questions
                .value
                .iter()
                .map(|qu| {
                    json!({"id": qu.id.value, "prompt": qu.prompt, "help": qu.help.clone().unwrap_or_default(), "many": qu.choose == Choose::Many,
                           "options": qu.options.value.iter().map(|o| json!({"id": o.id.value, "label": o.label})).collect::<Vec<_>>()})
                })
                .collect()
        })
        .unwrap_or_default();
    ctx.insert("quiz", &json!({"title": title, "intro_html": q.and_then(|q| q.intro.as_ref()).map(|i| markdown::render(m, &i.value, 1)).unwrap_or_default(), "questions": questions}));
    ctx.insert("quiz_script", &crate::quiz::page::script(m));
    ctx
}

fn not_found(m: &Model) -> Context {
    let meta = PageMeta::new(m, "404.html", "Page not found", "This page does not exist.", "");
    ctx_with(&meta)
}

fn redirect(m: &Model, from: &str, to: &str) -> Context {
    let mut meta = PageMeta::new(m, to, "Moved", "This page has moved.", "");
    meta.url = m.url(to);
    let mut ctx = ctx_with(&meta);
    ctx.insert("target", &m.url(to));
    ctx.insert("from", from);
    ctx
}
