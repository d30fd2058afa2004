//! ladder: YAML about roles, skills, pay and progression paths in; a static site out.
//!
//! The pipeline, one stage a module: `load` (read and parse files) -> `model` (index and link
//! records) -> `validate` (every rule, all problems collected) -> `render` (pages from templates)
//! -> `output` (finish pages and swap the build in atomically).

pub mod data;
pub mod date;
pub mod diagnostic;
pub mod links;
pub mod load;
pub mod model;
pub mod output;
pub mod progress;
pub mod quiz;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod validate;
pub mod wages;

use std::path::{Path, PathBuf};

use diagnostic::{Diagnostic, Severity, SourceMap};

pub struct Options {
    pub root: PathBuf,
    /// `None` for `check`: validate and render in memory, write nothing.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub strict: bool,
    /// Day number for staleness warnings.
    pub today: i64,
    pub drafts: bool,
    /// `serve` only: markup put into every page (`output::inject`), never in `build` output.
    pub live_reload: Option<output::Inject>,
}

pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
    pub pages: usize,
    pub bytes: u64,
    /// The path part of the base URL the site was built for (`/` or `/sub/`).
    pub base_path: String,
}

impl Outcome {
    pub fn failed(&self, strict: bool) -> bool {
        self.diagnostics.iter().any(|d| d.severity == Severity::Error || strict)
    }
}

/// Run the whole pipeline: load, validate, and (for `build`) render and write.
pub fn run(opts: &Options) -> Outcome {
    run_with_progress(opts, &progress::Progress::start(None))
}

/// `run`, telling `progress` as each stage starts.
pub fn run_with_progress(opts: &Options, progress: &progress::Progress) -> Outcome {
    progress.stage("loading files");
    let loaded = load::load(&opts.root);
    let mut model = model::Model::new(&loaded, opts.base_url.as_deref(), opts.drafts);
    model.live_reload = opts.live_reload.clone();
    let mut diagnostics = loaded.diagnostics.clone();
    progress.stage("checking");
    diagnostics.extend(validate::validate(&model, &validate::Options { today: opts.today }));
    let mut outcome = Outcome {
        diagnostics,
        sources: loaded.files.clone(),
        pages: 0,
        bytes: 0,
        base_path: model.config.base_path.clone(),
    };
    let blocked = outcome.failed(opts.strict);
    if !blocked {
        progress.stage(if opts.out.is_some() { "rendering and writing pages" } else { "rendering pages" });
        let result = match &opts.out {
            Some(out) => write_site(&model, out),
            None => check_render(&model),
        };
        match result {
            Ok((pages, bytes)) => {
                outcome.pages = pages;
                outcome.bytes = bytes;
            }
            Err(d) => outcome.diagnostics.extend(d),
        }
    }
    diagnostic::sort(&mut outcome.diagnostics);
    outcome
}

fn write_site(model: &model::Model, out: &Path) -> Result<(usize, u64), Vec<Diagnostic>> {
    let io_err = |e: std::io::Error| {
        vec![Diagnostic::error(out.display().to_string(), 0, 0, format!("cannot write the output folder: {e}"))]
    };
    let tmp = output::prepare(out).map_err(io_err)?;
    match render::render_site(model, Some(&tmp)) {
        Ok(r) => {
            output::commit(&tmp, out).map_err(|e| {
                output::abort(&tmp);
                io_err(e)
            })?;
            Ok((r.pages, r.bytes))
        }
        Err(d) => {
            output::abort(&tmp);
            Err(d)
        }
    }
}

/// `check` renders every page too (template errors are errors), writing nothing.
fn check_render(model: &model::Model) -> Result<(usize, u64), Vec<Diagnostic>> {
    render::render_site(model, None).map(|r| (r.pages, r.bytes))
}

/// Refuse an output folder that is the root, holds it, or is or sits inside a source folder.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<(), String> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
        // Canonicalise the longest existing ancestor, then re-append the rest.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut c = existing.canonicalize().unwrap_or(existing);
        for n in rest.into_iter().rev() {
            c.push(n);
        }
        c
    };
    let root = abs(root);
    let out = abs(out);
    if root.starts_with(&out) {
        return Err(format!(
            "`--out {}` is the site root or holds it; building there would delete the site's files",
            out.display()
        ));
    }
    for dir in ["data", "content", "templates"] {
        if out.starts_with(root.join(dir)) {
            return Err(format!("`--out {}` is inside the site's `{dir}/` folder", out.display()));
        }
    }
    Ok(())
}
