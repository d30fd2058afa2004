//! `/compare/`: roles side by side. The page holds a compact table of every role with its headline
//! pay (what reads without JavaScript); each role's full facts are a small JSON file beside it
//! (`compare/ID.json`, `files`), which the page's script fetches for the roles named in the
//! address (`?roles=a,b,c`) and sets side by side, with pay on one scale per basis and currency
//! and the skills the roles share. The page stays small however many roles the site has.

use serde::Serialize;
use tera::Context;

use crate::data::{Level, Role};
use crate::load::FileRecord;
use crate::model::Model;
use crate::render::glance::{self, PayHeadline, Scale};

#[derive(Serialize, Debug)]
pub struct CompareSkill {
    pub id: String,
    pub name: String,
    pub url: String,
    pub level: Level,
}

#[derive(Serialize, Debug)]
pub struct CompareLink {
    pub title: String,
    pub url: String,
}

/// A headline figure as the side-by-side table shows it: "$25–$50" "an hour" "(what it is)".
#[derive(Serialize, Debug)]
pub struct ComparePay {
    pub figure: String,
    pub unit: String,
    pub note: String,
}

/// One role's key facts: the file the script fetches.
#[derive(Serialize, Debug)]
pub struct CompareRole {
    pub title: String,
    pub url: String,
    pub pay: Option<ComparePay>,
    pub scale: Option<Scale>,
    pub education: String,
    pub credentials: Vec<String>,
    /// How the work is arranged, in words.
    pub work: String,
    pub skills: Vec<CompareSkill>,
    pub paths: Vec<CompareLink>,
    pub outlook_html: String,
}

/// One row of the page's table: the role and its headline pay, in short.
#[derive(Serialize, Debug)]
pub struct CompareRow {
    pub title: String,
    pub url: String,
    /// "$135,980 a year"; empty when no figure is published.
    pub pay: String,
    /// Whose figure it is when not the role's own: "occupation", "kind of work".
    pub whose: &'static str,
}

fn compare_pay(p: &PayHeadline) -> Option<ComparePay> {
    match (&p.figure, &p.occupation) {
        (Some(f), _) => Some(ComparePay { figure: f.figure.clone(), unit: f.unit.clone(), note: p.what.clone() }),
        (None, Some(o)) => Some(ComparePay {
            figure: o.figure.figure.clone(),
            unit: o.figure.unit.clone(),
            note: format!("{}: {}", o.what, o.relation),
        }),
        _ => None,
    }
}

fn compare_role(m: &Model, r: &FileRecord<Role>) -> CompareRole {
    let role = &r.data;
    let g = glance::glance(m, r, &crate::wages::national_views(m, role));
    let skills = role
        .skills
        .value
        .iter()
        .filter_map(|s| {
            let k = m.skills.get(s.skill.value.as_str())?;
            Some(CompareSkill {
                id: k.id.value.clone(),
                name: k.name.clone(),
                url: m.url(&crate::urls::skill(&k.id.value)),
                level: s.level,
            })
        })
        .collect();
    let paths = m
        .paths_by_role
        .get(r.id.as_str())
        .into_iter()
        .flatten()
        .filter_map(|pid| m.paths.get(pid).map(|p| (pid, p)))
        .map(|(pid, p)| CompareLink { title: p.data.title.clone(), url: m.url(&crate::urls::path(pid)) })
        .collect();
    CompareRole {
        title: role.title.clone(),
        url: m.url(&crate::urls::role(&r.id)),
        pay: compare_pay(&g.pay),
        scale: g.pay.scale.clone(),
        education: g.education,
        credentials: g.credentials,
        work: g.work,
        skills,
        paths,
        outlook_html: g.outlook_html,
    }
}

/// The folder of the per-role files, in the output.
const FOLDER: &str = crate::urls::COMPARE;

/// Each role's facts as a JSON file in the compare folder (`compare/ID.json`), in the site's role
/// order.
pub fn files(m: &Model) -> Vec<(String, String)> {
    m.loaded.roles.iter().map(|r| file(m, r)).collect()
}

/// One role's file of `files`.
pub fn file(m: &Model, r: &FileRecord<Role>) -> (String, String) {
    let json = serde_json::to_string(&compare_role(m, r)).unwrap_or_else(|_| "{}".into());
    (format!("{FOLDER}{}.json", r.id), json)
}

/// The page's table: every role's headline pay, in the site's role order.
pub fn rows(m: &Model) -> Vec<CompareRow> {
    m.loaded
        .roles
        .iter()
        .map(|r| {
            let p = glance::pay_headline(m, &r.data);
            let (pay, whose) = match (&p.figure, &p.occupation) {
                (Some(f), _) => (format!("{} {}", f.figure, f.unit), if p.work_type { "kind of work" } else { "" }),
                (None, Some(o)) => (format!("{} {}", o.figure.figure, o.figure.unit), "occupation"),
                _ => (String::new(), ""),
            };
            CompareRow { title: r.data.title.clone(), url: m.url(&crate::urls::role(&r.id)), pay, whose }
        })
        .collect()
}

/// The page's context.
pub fn page(m: &Model) -> Context {
    let mut ctx = super::meta::simple(
        m,
        FOLDER,
        "Compare roles",
        "Two to four roles side by side: pay, what it takes to start, skills in common and to learn, paths and outlook.",
        "roles",
    );
    ctx.insert("roles", &rows(m));
    ctx.insert("facts", &m.url(FOLDER));
    ctx
}
