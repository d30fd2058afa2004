//! Render: every page of the site from the validated model, with tera templates.
//!
//! Rust decides, templates format: each page gets a small ready-made view (`views`), shared data
//! (site, navigation, stylesheet) sits in tera's global context once. Pages render in parallel
//! and go straight to `output`, so the whole site is never held in memory.

pub mod budget;
pub mod chart;
pub mod compare;
pub mod diagram;
pub mod feeds;
pub mod glance;
pub mod markdown;
pub mod measure;
pub mod sort_key;
pub mod templates;
pub mod views;
pub mod ways_in;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::output;

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
            v.push(Job::Redirect { from: from.value.clone(), to: format!("roles/{}/", r.id) });
        }
    }
    v
}

/// The output file of a job, relative to the output folder.
pub fn job_file(m: &Model, job: &Job) -> String {
    let l = m.l;
    let dir = match job {
        Job::Home => String::new(),
        Job::RolesIndex => "roles/".into(),
        Job::Role(i) => format!("roles/{}/", l.roles[*i].id),
        Job::RolePay(i) => format!("roles/{}/pay/", l.roles[*i].id),
        Job::Category(i) => format!("categories/{}/", l.categories[*i].id.value),
        Job::SkillsIndex => "skills/".into(),
        Job::Skill(i) => format!("skills/{}/", l.skills[*i].id.value),
        Job::PathsIndex => "paths/".into(),
        Job::Path(i) => format!("paths/{}/", l.paths[*i].id),
        Job::IndustriesIndex => "industries/".into(),
        Job::Industry(i) => format!("industries/{}/", l.industries[*i].id.value),
        Job::Pay => "pay/".into(),
        Job::Compare => "compare/".into(),
        Job::GuidesIndex => "guides/".into(),
        Job::Guide(i) => format!("guides/{}/", l.pages[*i].slug),
        Job::Search => "search/".into(),
        Job::Quiz => "quiz/".into(),
        Job::NotFound => return "404.html".into(),
        Job::Redirect { from, .. } => format!("{}/", from.trim_matches('/')),
    };
    format!("{dir}index.html")
}

pub struct Rendered {
    pub pages: usize,
    pub bytes: u64,
}

/// Render every page and the feeds into `tmp`. Returns diagnostics for template errors.
pub fn render_site(m: &Model, tmp: Option<&std::path::Path>) -> Result<Rendered, Vec<Diagnostic>> {
    let (mut tera, budget) = templates::build(m)?;
    let search = crate::search::build(m);
    tera.global_context().insert("search_index", &m.url(&search.manifest_path));
    let jobs = jobs(m);
    let feeds = feeds::files(m, &jobs);
    let links = crate::links::Checker::new(
        m,
        jobs.iter().map(|j| job_file(m, j)),
        feeds.iter().map(|f| f.0.as_str()).chain(search.files.iter().map(|f| f.0.as_str())),
    );
    // `Err(None)`: a page not rendered (or stopped) because another went over its work budget.
    let results: Vec<Result<(u64, crate::links::PageLinks), Option<Diagnostic>>> = jobs
        .par_iter()
        .map(|job| {
            if budget.over() {
                return Err(None);
            }
            let html =
                views::render_job(m, &tera, job).map_err(|d| (!d.message.ends_with(budget::STOPPED)).then_some(d))?;
            let html = output::finish_html(&output::inject(html, m.live_reload.as_ref()), "");
            let file = job_file(m, job);
            let found = links.scan(&file, &html);
            if let Some(tmp) = tmp {
                output::write(tmp, &file, html.as_bytes())
                    .map_err(|e| Diagnostic::error(file.clone(), 0, 0, format!("cannot write the page: {e}")))?;
            }
            Ok((html.len() as u64, found))
        })
        .collect();
    let mut diags = Vec::new();
    let mut bytes = 0;
    let mut pages = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok((b, found)) => {
                bytes += b;
                pages.push(found);
            }
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        diags = links.finish(m, &jobs, &pages);
    }
    if !diags.is_empty() {
        diags.dedup();
        return Err(diags);
    }
    for (file, body) in feeds {
        bytes += body.len() as u64;
        if let Some(tmp) = tmp {
            output::write(tmp, &file, body.as_bytes())
                .map_err(|e| vec![Diagnostic::error(file.clone(), 0, 0, format!("cannot write: {e}"))])?;
        }
    }
    for (file, body) in &search.files {
        bytes += body.len() as u64;
        if let Some(tmp) = tmp {
            output::write(tmp, file, body)
                .map_err(|e| vec![Diagnostic::error(file.clone(), 0, 0, format!("cannot write: {e}"))])?;
        }
    }
    Ok(Rendered { pages: jobs.len(), bytes })
}
