//! The page registry: every page of the site, in a fixed order, with its output file, its
//! template and the source file it comes from. Render, the link check and feeds all read it.

use crate::data::files;
use crate::load::{Loaded, PageFile};
use crate::model::Model;
use crate::urls;

/// One page to render: where it goes and which view it needs.
#[derive(Debug, Clone)]
pub enum Job {
    Home,
    RolesIndex,
    Role(usize),
    /// `/roles/ID/pay/`: every area of a role's wage tables.
    RolePay(usize),
    Category(usize),
    SkillsIndex,
    Skill(usize),
    PathsIndex,
    Path(usize),
    IndustriesIndex,
    Industry(usize),
    Pay,
    /// `/compare/`: roles side by side.
    Compare,
    GuidesIndex,
    Guide(usize),
    Search,
    Quiz,
    NotFound,
    Redirect {
        from: String,
        to: String,
    },
}

/// Every page of the site, in a fixed order.
pub fn jobs(m: &Model) -> Vec<Job> {
    let l = m.l;
    let mut v = vec![
        Job::Home,
        Job::RolesIndex,
        Job::SkillsIndex,
        Job::PathsIndex,
        Job::IndustriesIndex,
        Job::Pay,
        Job::Compare,
        Job::GuidesIndex,
        Job::Search,
        Job::NotFound,
    ];
    if l.quiz.is_some() {
        v.push(Job::Quiz);
    }
    v.extend((0..l.roles.len()).map(Job::Role));
    v.extend((0..l.roles.len()).filter(|&i| crate::wages::has_pay_page(m, &l.roles[i].data)).map(Job::RolePay));
    v.extend((0..l.categories.len()).map(Job::Category));
    v.extend((0..l.skills.len()).map(Job::Skill));
    v.extend((0..l.paths.len()).map(Job::Path));
    v.extend((0..l.industries.len()).map(Job::Industry));
    v.extend(
        l.pages.iter().enumerate().filter(|(_, p)| m.pages.contains_key(p.slug.as_str())).map(|(i, _)| Job::Guide(i)),
    );
    for r in &l.roles {
        for from in &r.data.redirect_from {
            v.push(Job::Redirect { from: from.value.clone(), to: urls::role(&r.id) });
        }
    }
    v
}

/// The address of a job's page, relative to the base URL (`roles/x/`); the not-found page has
/// none (its file is `404.html`).
pub fn job_address(m: &Model, job: &Job) -> Option<String> {
    let l = m.l;
    Some(match job {
        Job::Home => urls::HOME.into(),
        Job::RolesIndex => urls::ROLES.into(),
        Job::Role(i) => urls::role(&l.roles[*i].id),
        Job::RolePay(i) => urls::role_pay(&l.roles[*i].id),
        Job::Category(i) => urls::category(&l.categories[*i].id.value),
        Job::SkillsIndex => urls::SKILLS.into(),
        Job::Skill(i) => urls::skill(&l.skills[*i].id.value),
        Job::PathsIndex => urls::PATHS.into(),
        Job::Path(i) => urls::path(&l.paths[*i].id),
        Job::IndustriesIndex => urls::INDUSTRIES.into(),
        Job::Industry(i) => urls::industry(&l.industries[*i].id.value),
        Job::Pay => urls::PAY.into(),
        Job::Compare => urls::COMPARE.into(),
        Job::GuidesIndex => urls::GUIDES.into(),
        Job::Guide(i) => urls::guide(&l.pages[*i].slug),
        Job::Search => urls::SEARCH.into(),
        Job::Quiz => urls::QUIZ.into(),
        Job::NotFound => return None,
        Job::Redirect { from, .. } => urls::redirect(from),
    })
}

/// The output file of a job, relative to the output folder.
pub fn job_file(m: &Model, job: &Job) -> String {
    match job_address(m, job) {
        Some(address) => urls::file_of(&address),
        None => urls::NOT_FOUND_FILE.into(),
    }
}

/// The template a job's page is rendered with.
pub fn template_of(job: &Job) -> &'static str {
    match job {
        Job::Home => "home.html",
        Job::RolesIndex => "roles.html",
        Job::Role(_) => "role.html",
        Job::RolePay(_) => "role-pay.html",
        Job::Category(_) => "category.html",
        Job::SkillsIndex => "skills.html",
        Job::Skill(_) => "skill.html",
        Job::PathsIndex => "paths.html",
        Job::Path(_) => "path.html",
        Job::IndustriesIndex => "industries.html",
        Job::Industry(_) => "industry.html",
        Job::Pay => "pay.html",
        Job::Compare => "compare.html",
        Job::GuidesIndex => "guides.html",
        Job::Guide(_) => "guide.html",
        Job::Search => "search.html",
        Job::Quiz => "quiz.html",
        Job::NotFound => "404.html",
        Job::Redirect { .. } => "redirect.html",
    }
}

/// The Markdown file whose text a job's page shows, if any.
pub fn markdown_of<'a>(l: &'a Loaded, job: &Job) -> Option<&'a PageFile> {
    match job {
        Job::Guide(i) => l.pages.get(*i),
        Job::Home => l.home.as_ref(),
        _ => None,
    }
}

/// The data file a job's page shows records of, if any.
pub fn data_file_of(l: &Loaded, job: &Job) -> Option<String> {
    match job {
        Job::Role(i) | Job::RolePay(i) => l.roles.get(*i).map(|r| r.path.clone()),
        Job::Path(i) => l.paths.get(*i).map(|r| r.path.clone()),
        Job::Skill(_) => Some(files::SKILLS.into()),
        Job::Industry(_) => Some(files::INDUSTRIES.into()),
        Job::Category(_) => Some(files::CATEGORIES.into()),
        Job::Quiz => Some(files::QUIZ.into()),
        Job::Pay => Some(files::PAY.into()),
        _ => None,
    }
}
