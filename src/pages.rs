//! The page registry: every page of the site, in a fixed order, with its output file, its
//! template and the source file it comes from. Render, the link check and feeds all read it.

use crate::data::files;
use crate::load::{Loaded, PageFile};
use crate::model::Model;
use crate::urls;

/// One page to render: where it goes and which view it needs.
#[derive(Debug, Clone)]
pub enum Page {
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
pub fn jobs(m: &Model) -> Vec<Page> {
    let l = m.loaded;
    let mut v = vec![
        Page::Home,
        Page::RolesIndex,
        Page::SkillsIndex,
        Page::PathsIndex,
        Page::IndustriesIndex,
        Page::Pay,
        Page::Compare,
        Page::GuidesIndex,
        Page::Search,
        Page::NotFound,
    ];
    if l.quiz.is_some() {
        v.push(Page::Quiz);
    }
    v.extend((0..l.roles.len()).map(Page::Role));
    v.extend((0..l.roles.len()).filter(|&i| crate::wages::has_pay_page(m, &l.roles[i].data)).map(Page::RolePay));
    v.extend((0..l.categories.len()).map(Page::Category));
    v.extend((0..l.skills.len()).map(Page::Skill));
    v.extend((0..l.paths.len()).map(Page::Path));
    v.extend((0..l.industries.len()).map(Page::Industry));
    v.extend(
        l.pages.iter().enumerate().filter(|(_, p)| m.pages.contains_key(p.slug.as_str())).map(|(i, _)| Page::Guide(i)),
    );
    for r in &l.roles {
        for from in &r.data.redirect_from {
            v.push(Page::Redirect { from: from.value.clone(), to: urls::role(&r.id) });
        }
    }
    v
}

/// The address of a job's page, relative to the base URL (`roles/x/`); the not-found page has
/// none (its file is `404.html`).
pub fn job_address(m: &Model, job: &Page) -> Option<String> {
    let l = m.loaded;
    Some(match job {
        Page::Home => urls::HOME.into(),
        Page::RolesIndex => urls::ROLES.into(),
        Page::Role(i) => urls::role(&l.roles[*i].id),
        Page::RolePay(i) => urls::role_pay(&l.roles[*i].id),
        Page::Category(i) => urls::category(&l.categories[*i].id.value),
        Page::SkillsIndex => urls::SKILLS.into(),
        Page::Skill(i) => urls::skill(&l.skills[*i].id.value),
        Page::PathsIndex => urls::PATHS.into(),
        Page::Path(i) => urls::path(&l.paths[*i].id),
        Page::IndustriesIndex => urls::INDUSTRIES.into(),
        Page::Industry(i) => urls::industry(&l.industries[*i].id.value),
        Page::Pay => urls::PAY.into(),
        Page::Compare => urls::COMPARE.into(),
        Page::GuidesIndex => urls::GUIDES.into(),
        Page::Guide(i) => urls::guide(&l.pages[*i].slug),
        Page::Search => urls::SEARCH.into(),
        Page::Quiz => urls::QUIZ.into(),
        Page::NotFound => return None,
        Page::Redirect { from, .. } => urls::redirect(from),
    })
}

/// The output file of a job, relative to the output folder.
pub fn job_file(m: &Model, job: &Page) -> String {
    match job_address(m, job) {
        Some(address) => urls::file_of(&address),
        None => urls::NOT_FOUND_FILE.into(),
    }
}

/// The template a job's page is rendered with.
pub fn template_of(job: &Page) -> &'static str {
    match job {
        Page::Home => "home.html",
        Page::RolesIndex => "roles.html",
        Page::Role(_) => "role.html",
        Page::RolePay(_) => "role-pay.html",
        Page::Category(_) => "category.html",
        Page::SkillsIndex => "skills.html",
        Page::Skill(_) => "skill.html",
        Page::PathsIndex => "paths.html",
        Page::Path(_) => "path.html",
        Page::IndustriesIndex => "industries.html",
        Page::Industry(_) => "industry.html",
        Page::Pay => "pay.html",
        Page::Compare => "compare.html",
        Page::GuidesIndex => "guides.html",
        Page::Guide(_) => "guide.html",
        Page::Search => "search.html",
        Page::Quiz => "quiz.html",
        Page::NotFound => "404.html",
        Page::Redirect { .. } => "redirect.html",
    }
}

/// The Markdown file whose text a job's page shows, if any.
pub fn markdown_of<'a>(l: &'a Loaded, job: &Page) -> Option<&'a PageFile> {
    match job {
        Page::Guide(i) => l.pages.get(*i),
        Page::Home => l.home.as_ref(),
        _ => None,
    }
}

/// The data file a job's page shows records of, if any.
pub fn data_file_of(l: &Loaded, job: &Page) -> Option<String> {
    match job {
        Page::Role(i) | Page::RolePay(i) => l.roles.get(*i).map(|r| r.path.clone()),
        Page::Path(i) => l.paths.get(*i).map(|r| r.path.clone()),
        Page::Skill(_) => Some(files::SKILLS.into()),
        Page::Industry(_) => Some(files::INDUSTRIES.into()),
        Page::Category(_) => Some(files::CATEGORIES.into()),
        Page::Quiz => Some(files::QUIZ.into()),
        Page::Pay => Some(files::PAY.into()),
        _ => None,
    }
}
