//! `/compare/`: roles side by side. The page holds one table of every role's key facts (the page
//! without JavaScript); its script reads the roles named in the address (`?roles=a,b,c`) and
//! builds the side-by-side table from that table's cells, with pay on one scale per basis and
//! currency and the skills the roles share.

use serde::Serialize;
use tera::Context;

use crate::data::{Level, Role};
use crate::load::FileRecord;
use crate::model::Model;
use crate::render::glance::{self, PayHeadline};

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

/// One role's row of the table.
#[derive(Serialize, Debug)]
pub struct CompareRole {
    pub id: String,
    pub title: String,
    pub url: String,
    pub pay: PayHeadline,
    pub education: String,
    pub credentials: Vec<String>,
    /// How the work is arranged, in words.
    pub work: String,
    pub skills: Vec<CompareSkill>,
    pub paths: Vec<CompareLink>,
    pub outlook_html: String,
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
        id: r.id.clone(),
        title: role.title.clone(),
        url: m.url(&crate::urls::role(&r.id)),
        pay: g.pay,
        education: g.education,
        credentials: g.credentials,
        work: g.work,
        skills,
        paths,
        outlook_html: g.outlook_html,
    }
}

/// Every role's key facts, in the site's role order.
pub fn roles(m: &Model) -> Vec<CompareRole> {
    m.loaded.roles.iter().map(|r| compare_role(m, r)).collect()
}

/// The page's context.
pub fn page(m: &Model) -> Context {
    let mut ctx = super::meta::simple(
        m,
        "compare/",
        "Compare roles",
        "Two to four roles side by side: pay, what it takes to start, skills in common and to learn, paths and outlook.",
        "roles",
    );
    ctx.insert("roles", &roles(m));
    ctx
}
