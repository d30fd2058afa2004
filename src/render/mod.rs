//! Render: every page of the site from the validated model, with tera templates.
//!
//! Rust decides, templates format: each page gets a small ready-made view (`views`), shared data
//! (site, navigation, the shared assets' addresses) sits in tera's global context once. Pages render in parallel
//! and go straight to `output`, so the whole site is never held in memory.

pub mod assets;
pub mod budget;
pub mod chart;
pub mod diagram;
pub mod feeds;
pub mod glance;
pub mod markdown;
pub mod measure;
pub mod sort_key;
pub mod templates;
pub mod views;
pub mod ways_in;

use std::path::Path;

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::links::{LinkChecker, PageLinks};
use crate::model::Model;
use crate::output;
use crate::pages::{job_file, Page};

/// How pages are rendered.
pub struct RenderOptions<'a> {
    /// The temporary output folder pages are written into as they are finished; `None` for
    /// `check`.
    pub into: Option<&'a Path>,
    /// The stylesheet, scripts and icon pages reference (written with the other files).
    pub assets: &'a assets::Assets,
}

pub struct Rendered {
    /// Bytes of all pages.
    pub bytes: u64,
    /// What the link check kept of each page, in job order.
    pub links: Vec<PageLinks>,
}

/// The template engine with what every page shares: the shared asset files and the address of
/// the search index's manifest.
pub fn engine(
    m: &Model,
    assets: &assets::Assets,
) -> Result<(tera::Tera, std::sync::Arc<budget::Budget>), Vec<Diagnostic>> {
    let (mut tera, budget) = templates::engine(m)?;
    share(&mut tera, m, assets);
    Ok((tera, budget))
}

/// Put what every page shares into the global context of `tera` (made by `engine` for a site
/// with the same templates), in place of what was there: the site, the asset files and the
/// address of the search index's manifest.
pub fn share(tera: &mut tera::Tera, m: &Model, assets: &assets::Assets) {
    templates::share(tera, m);
    assets.put_into(tera.global_context());
    tera.global_context().insert("search_index", &m.url(crate::search::MANIFEST));
}

/// Render every page of `jobs` in parallel: view, template, finished HTML, links scanned, file
/// written. Returns diagnostics for template errors.
pub fn render_pages(
    m: &Model,
    jobs: &[Page],
    checker: &LinkChecker,
    opts: &RenderOptions,
) -> Result<Rendered, Vec<Diagnostic>> {
    let (tera, budget) = engine(m, opts.assets)?;
    // Pages that list many records first: one of them left for last would keep one core busy
    // while the others wait. The results are put back in job order.
    let per_record = |job: &Page| {
        matches!(
            job,
            Page::Role(_) | Page::RolePay(_) | Page::Skill(_) | Page::Guide(_) | Page::Path(_) | Page::Redirect { .. }
        )
    };
    let order: Vec<usize> = (0..jobs.len())
        .filter(|&i| !per_record(&jobs[i]))
        .chain((0..jobs.len()).filter(|&i| per_record(&jobs[i])))
        .collect();
    // `Err(None)`: a page not rendered (or stopped) because another went over its work budget.
    type One = Result<(u64, PageLinks), Option<Diagnostic>>;
    let one = |job: &Page| -> One {
        if budget.over() {
            return Err(None);
        }
        let html =
            views::render_job(m, &tera, job).map_err(|d| (!d.message.ends_with(budget::STOPPED)).then_some(d))?;
        let html = output::finish_html(&html, "");
        let file = job_file(m, job);
        let found = checker.scan(&file, &html);
        if let Some(tmp) = opts.into {
            output::write(tmp, &file, html.as_bytes())
                .map_err(|e| Diagnostic::error(file.clone(), 0, 0, format!("cannot write the page: {e}")))?;
        }
        Ok((html.len() as u64, found))
    };
    let mut results: Vec<(usize, One)> =
        // In runs of at most 32 pages: a core that comes free (the search index is built beside
        // this) can take over part of the work left, not wait for another core's long run.
        order.par_iter().with_max_len(32).map(|&i| (i, one(&jobs[i]))).collect();
    results.sort_unstable_by_key(|(i, _)| *i);
    let mut diags = Vec::new();
    let mut bytes = 0;
    let mut links = Vec::with_capacity(results.len());
    for (_, r) in results {
        match r {
            Ok((b, found)) => {
                bytes += b;
                links.push(found);
            }
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        diags.dedup();
        return Err(diags);
    }
    Ok(Rendered { bytes, links })
}
