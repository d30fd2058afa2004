//! The pages of single records: a category, skill, path, industry or guide, and the quiz.

use serde::Serialize;
use tera::Context;

use super::cards::role_cards;
use super::cards::step_link;
use super::meta::{ctx_with, or_empty, PageMeta};
use super::sources::{outlook_sources, outlook_view, source_items};
use crate::data::{CareerPath, Category, Choose, Industry, Level, Outlook, Skill};
use crate::date;
use crate::load::{FileRecord, PageFile};
use crate::model::Model;
use crate::render::diagram::{self, DiagramStep};
use crate::render::markdown;

#[derive(Serialize)]
struct NameSummary<'a> {
    name: &'a str,
    summary: &'a str,
}

pub(super) fn category_page(m: &Model, c: &Category) -> Context {
    let rel = crate::urls::category(&c.id.value);
    let meta = PageMeta::new(m, &rel, c.name.clone(), or_empty(&c.summary), "roles").crumbs(m, &[("Roles", "roles/")]);
    let mut ctx = ctx_with(&meta);
    let ids = m.roles_by_category.get(c.id.value.as_str()).map(Vec::as_slice).unwrap_or_default();
    ctx.insert("category", &NameSummary { name: &c.name, summary: or_empty(&c.summary) });
    listing(m, ctx, ids, c.outlook.as_ref())
}

/// A category's or industry's roles, its outlook and the sources of that outlook.
fn listing(m: &Model, mut ctx: Context, ids: &[&str], outlook: Option<&Outlook>) -> Context {
    ctx.insert("roles", &role_cards(m, ids.iter().copied()));
    ctx.insert("outlook", &outlook.map(|o| outlook_view(m, o)));
    ctx.insert("sources", &source_items(m, outlook.into_iter().flat_map(outlook_sources)));
    ctx
}

#[derive(Serialize)]
struct SkillView<'a> {
    name: &'a str,
    group: &'a str,
    summary: &'a str,
    aliases: &'a [String],
    learn_html: String,
}

#[derive(Serialize)]
struct RoleUse<'a> {
    title: &'a str,
    url: String,
    level: Level,
    optional: bool,
    summary: &'a str,
}

pub(super) fn skill_page(m: &Model, s: &Skill) -> Context {
    let rel = crate::urls::skill(&s.id.value);
    let meta =
        PageMeta::new(m, &rel, s.name.clone(), or_empty(&s.summary), "skills").crumbs(m, &[("Skills", "skills/")]);
    let mut ctx = ctx_with(&meta);
    let roles: Vec<RoleUse> = m
        .roles_by_skill
        .get(s.id.value.as_str())
        .into_iter()
        .flatten()
        .filter_map(|&(id, level, optional)| {
            let r = m.roles.get(id)?;
            Some(RoleUse {
                title: &r.data.title,
                url: m.url(&crate::urls::role(id)),
                level,
                optional,
                summary: &r.data.summary,
            })
        })
        .collect();
    ctx.insert(
        "skill",
        &SkillView {
            name: &s.name,
            group: or_empty(&s.group),
            summary: or_empty(&s.summary),
            aliases: &s.aliases,
            learn_html: s.learn.as_ref().map(|x| markdown::render(m, &x.value, 2)).unwrap_or_default(),
        },
    );
    ctx.insert("roles", &roles);
    ctx
}

#[derive(Serialize)]
struct PathStep<'a> {
    name: &'a str,
    url: String,
    stage: &'a str,
    focus: &'a str,
    years: &'a str,
    pay: String,
}

#[derive(Serialize)]
struct PathView<'a> {
    title: &'a str,
    summary: &'a str,
    diagram: String,
    steps: Vec<PathStep<'a>>,
}

pub(super) fn path_page(m: &Model, p: &FileRecord<CareerPath>) -> Context {
    let rel = crate::urls::path(&p.id);
    let meta = PageMeta::new(m, &rel, p.data.title.clone(), or_empty(&p.data.summary), "paths")
        .crumbs(m, &[("Paths", "paths/")]);
    let mut ctx = ctx_with(&meta);
    let steps: Vec<PathStep> = p
        .data
        .steps
        .value
        .iter()
        .map(|s| {
            let link = step_link(m, &s.value);
            let pay = s.value.role.as_ref().and_then(|r| m.roles.get(r.value.as_str()));
            PathStep {
                name: link.name,
                url: link.url,
                stage: or_empty(&s.value.stage),
                focus: or_empty(&s.value.focus),
                years: or_empty(&s.value.years),
                pay: pay.map(|r| crate::wages::list_pay(m, &r.data, false)).unwrap_or_default(),
            }
        })
        .collect();
    let diagram_steps: Vec<DiagramStep> = steps
        .iter()
        .zip(&p.data.steps.value)
        .map(|(n, s)| DiagramStep {
            label: n.name,
            sublabel: s.value.stage.as_deref(),
            href: (!n.url.is_empty()).then_some(n.url.as_str()),
        })
        .collect();
    let diagram = diagram::path_diagram(&diagram_steps, &format!("path-{}", p.id));
    ctx.insert("path", &PathView { title: &p.data.title, summary: or_empty(&p.data.summary), diagram, steps });
    ctx.insert("sources", &source_items(m, p.data.sources.iter().map(|s| s.value.as_str())));
    ctx
}

#[derive(Serialize)]
struct IndustryView<'a> {
    name: &'a str,
    summary: &'a str,
    description_html: String,
}

pub(super) fn industry_page(m: &Model, i: &Industry) -> Context {
    let rel = crate::urls::industry(&i.id.value);
    let meta = PageMeta::new(m, &rel, i.name.clone(), or_empty(&i.summary), "industries")
        .crumbs(m, &[("Industries", "industries/")]);
    let mut ctx = ctx_with(&meta);
    let ids = m.roles_by_industry.get(i.id.value.as_str()).map(Vec::as_slice).unwrap_or_default();
    ctx.insert(
        "industry",
        &IndustryView {
            name: &i.name,
            summary: or_empty(&i.summary),
            description_html: i.description.as_ref().map(|d| markdown::render(m, &d.value, 1)).unwrap_or_default(),
        },
    );
    listing(m, ctx, ids, i.outlook.as_ref())
}

#[derive(Serialize)]
struct GuideView<'a> {
    title: &'a str,
    summary: &'a str,
    body_html: String,
    updated: String,
    updated_iso: &'a str,
    draft: bool,
}

pub(super) fn guide_page(m: &Model, p: &PageFile) -> Context {
    let rel = crate::urls::guide(&p.slug);
    let mut meta = PageMeta::new(m, &rel, p.front.title.clone(), or_empty(&p.front.summary), "guides");
    meta.og_type = "article";
    let meta = meta.crumbs(m, &[("Guides", "guides/")]);
    let mut ctx = ctx_with(&meta);
    let updated = p.front.updated.as_ref();
    ctx.insert(
        "guide",
        &GuideView {
            title: &p.front.title,
            summary: or_empty(&p.front.summary),
            body_html: markdown::render(m, &p.body, 0),
            updated: updated.map(|u| date::human(&u.value)).unwrap_or_default(),
            updated_iso: updated.map_or("", |u| u.value.as_str()),
            draft: p.front.draft,
        },
    );
    ctx.insert("sources", &source_items(m, p.front.sources.iter().map(|s| s.value.as_str())));
    ctx
}

#[derive(Serialize)]
struct QuizOptionView<'a> {
    id: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct QuestionView<'a> {
    id: &'a str,
    prompt: &'a str,
    help: &'a str,
    many: bool,
    options: Vec<QuizOptionView<'a>>,
}

#[derive(Serialize)]
struct QuizView<'a> {
    title: &'a str,
    intro_html: String,
    questions: Vec<QuestionView<'a>>,
}

pub(super) fn quiz_page(m: &Model) -> Context {
    let q = m.loaded.quiz.as_ref();
    let title = q.and_then(|q| q.title.as_deref()).unwrap_or("Which role fits you?");
    let meta = PageMeta::new(
        m,
        "quiz/",
        title,
        "Answer a few questions and see which roles fit how you like to work.",
        "quiz",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    let questions: Vec<QuestionView> = q
        .map(|q| {
            q.questions
                .value
                .iter()
                .map(|qu| QuestionView {
                    id: &qu.id.value,
                    prompt: &qu.prompt,
                    help: or_empty(&qu.help),
                    many: qu.choose == Choose::Many,
                    options: qu
                        .options
                        .value
                        .iter()
                        .map(|o| QuizOptionView { id: &o.id.value, label: &o.label })
                        .collect(),
                })
                .collect()
        })
        .unwrap_or_default();
    let intro_html = q.and_then(|q| q.intro.as_ref()).map(|i| markdown::render(m, &i.value, 1)).unwrap_or_default();
    ctx.insert("quiz", &QuizView { title, intro_html, questions });
    ctx.insert("quiz_script", &crate::quiz::page::script(m));
    ctx
}
