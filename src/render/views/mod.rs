//! Views: the small, ready-made data each template gets. Every decision (what to show, in what
//! order, how a figure is worded, which source it cites) is made here, in Rust.
//!
//! Each page kind has typed view structs that borrow from the model (`#[derive(Serialize)]`, the
//! field names are the template's keys). `lists` holds the index pages and the cards they share,
//! `pages` the record pages, `role` a role's own pages, `pay` pay bands and charts, `jsonld` the
//! schema.org data, `sources` citations and source lists.

mod cards;
mod clip;
mod compare;
mod jsonld;
mod lists;
mod meta;
mod pages;
mod pay;
mod role;
mod sources;

use tera::{Context, Tera};

use super::templates;
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::pages::{template_of, Page};

pub use compare::{file as compare_file, files as compare_files};
use meta::ctx_with;
pub(crate) use meta::simple;
pub use meta::{Crumb, PageMeta};
pub use pay::{pay_view, BandChartView, BandItem, BandRow, ChartView, PayView};

/// JSON that is safe inside a `<script>` element (kept here for callers; see `crate::escape`).
pub use crate::escape::script_json;

/// A citation as HTML, for the markup Rust writes itself (the wage sections); pages hand
/// citations to templates as data instead (`templates/partials/cite.html`).
pub fn cite_html(m: &Model, source: &str, via: Option<&str>) -> String {
    crate::pay::cite::Citation::new(m, source, via).html()
}

/// The context of a job's page.
pub fn context(m: &Model, job: &Page) -> Context {
    match job {
        Page::Home => lists::home(m),
        Page::RolesIndex => lists::roles_index(m),
        Page::Role(i) => role::role_page(m, &m.loaded.roles[*i]),
        Page::RolePay(i) => role::role_pay_page(m, &m.loaded.roles[*i]),
        Page::Category(i) => pages::category_page(m, &m.loaded.categories[*i]),
        Page::SkillsIndex => lists::skills_index(m),
        Page::Skill(i) => pages::skill_page(m, &m.loaded.skills[*i]),
        Page::PathsIndex => lists::paths_index(m),
        Page::Path(i) => pages::path_page(m, &m.loaded.paths[*i]),
        Page::IndustriesIndex => lists::industries_index(m),
        Page::Industry(i) => pages::industry_page(m, &m.loaded.industries[*i]),
        Page::Pay => pay::pay_page(m),
        Page::Compare => compare::page(m),
        Page::GuidesIndex => lists::guides_index(m),
        Page::Guide(i) => pages::guide_page(m, &m.loaded.pages[*i]),
        Page::Search => {
            simple(m, "search/", "Search", "Search roles, skills, paths, guides, industries and pay.", "search")
        }
        Page::Quiz => pages::quiz_page(m),
        Page::NotFound => not_found(m),
        Page::Redirect { from, to } => redirect(m, from, to),
    }
}

pub fn render_job(m: &Model, tera: &Tera, job: &Page) -> Result<String, Diagnostic> {
    templates::render(tera, m, template_of(job), &context(m, job))
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
