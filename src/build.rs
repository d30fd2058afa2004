//! The pipeline, one named, timed step after another:
//!
//! load -> model -> validate -> render -> link check -> write -> write search index -> swap in
//!
//! `load` reads and parses the files, `model` indexes and links the records, `validate` checks
//! every rule (all problems collected). A build that has errors stops there. Otherwise `render`
//! turns every page of the registry (`pages`) into HTML, scanning each for links and writing it
//! into a temporary folder as it is finished (the whole site is never held in memory); `link
//! check` then resolves the links to other pages' fragments; `write` adds the feeds, the shared
//! assets and /compare/'s data. The search index is built beside validate and render (pages name
//! it by a fixed address) and written last; then the new build is swapped in. `check` runs every
//! step but writes nothing.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostic::{self, Diagnostic, Severity, SourceMap};
use crate::links::LinkChecker;
use crate::model::Model;
use crate::progress::Progress;
use crate::render::{feeds, RenderOptions};
use crate::{load, output, pages, render, search, validate};

pub struct Options {
    pub root: PathBuf,
    /// `None` for `check`: validate and render in memory, write nothing.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub strict: bool,
    /// Day number for staleness warnings.
    pub today: i64,
    pub drafts: bool,
}

/// What a run of the pipeline found and made.
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: SourceMap,
    pub pages: usize,
    pub bytes: u64,
    /// The path part of the base URL the site was built for (`/` or `/sub/`).
    pub base_path: String,
    /// The new build was swapped in but the previous output could not be removed: where it is.
    pub left_behind: Option<output::Leftover>,
    /// Each step that ran, with how long it took, in order.
    pub steps: Vec<(&'static str, Duration)>,
}

impl Outcome {
    pub fn failed(&self, strict: bool) -> bool {
        blocks(&self.diagnostics, strict)
    }
}

/// Errors stop a build; with `--strict`, warnings too.
pub(crate) fn blocks(diagnostics: &[Diagnostic], strict: bool) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error || strict)
}

/// Run the whole pipeline: load, validate, and (for `build`) render and write.
pub fn run(opts: &Options) -> Outcome {
    run_with_progress(opts, &Progress::start(None))
}

/// `run`, telling `progress` as each stage starts.
pub fn run_with_progress(opts: &Options, progress: &Progress) -> Outcome {
    let mut steps = Steps(Vec::new());
    progress.stage("loading files");
    let mut loaded = steps.time("load", || load::load(&opts.root));
    let (mut diagnostics, made, base_path) = {
        let model = steps.time("model", || Model::new(&loaded, opts.base_url.as_deref(), opts.drafts));
        progress.stage("checking");
        // The search index reads only the model, and pages name it by a fixed address: it is
        // built while the rules are checked and the pages rendered (the index is mostly one
        // thread's work), then written with them. A failed check or render drops it.
        let ((pipeline, mut diagnostics, made), (search, search_took)) = rayon::join(
            || {
                let mut steps = Steps(Vec::new());
                let mut diagnostics = steps.time("validate", || check(&model, opts));
                let mut made = None;
                if !blocks(&diagnostics, opts.strict) {
                    progress.stage(if opts.out.is_some() { "rendering and writing pages" } else { "rendering pages" });
                    match render_site(&mut steps, &model, opts) {
                        Ok(m) => made = Some(m),
                        Err(d) => diagnostics.extend(d),
                    }
                }
                (steps, diagnostics, made)
            },
            || {
                let start = Instant::now();
                let search = search::build_index(&model);
                (search, start.elapsed())
            },
        );
        steps.0.extend(pipeline.0);
        steps.0.push(("search index (beside validate and render)", search_took));
        let made = match made {
            Some(rendered) => match finish_site(&mut steps, rendered, &search, opts) {
                Ok(m) => m,
                Err(d) => {
                    diagnostics.extend(d);
                    Made::default()
                }
            },
            None => Made::default(),
        };
        (diagnostics, made, model.config.base_path.clone())
    };
    report(&mut diagnostics);
    // The model is gone: the files' text moves to the caller, never copied. The rest (millions of
    // small records on a large site) is freed on a thread of its own while the caller goes on; a
    // process that exits first leaves that to the system.
    let sources = std::mem::take(&mut loaded.files);
    // (When no thread can be started, the closure and `loaded` with it are dropped here.)
    let _ = std::thread::Builder::new().name("free".into()).spawn(move || drop(loaded));
    Outcome {
        diagnostics,
        sources,
        pages: made.pages,
        bytes: made.bytes,
        base_path,
        left_behind: made.left_behind,
        steps: steps.0,
    }
}

/// The steps run so far and how long each took.
struct Steps(Vec<(&'static str, Duration)>);

impl Steps {
    fn time<T>(&mut self, name: &'static str, step: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = step();
        self.0.push((name, start.elapsed()));
        out
    }
}

/// What `render` and `write` made.
#[derive(Default)]
struct Made {
    pages: usize,
    bytes: u64,
    left_behind: Option<output::Leftover>,
}

/// Load problems, every rule of the data, and templates the site has that nothing uses.
pub(crate) fn check(model: &Model, opts: &Options) -> Vec<Diagnostic> {
    let mut diagnostics = model.loaded.diagnostics.clone();
    diagnostics.extend(validate::validate(model, &validate::Options { today: opts.today }));
    diagnostics.extend(render::templates::unused(&model.loaded.templates));
    diagnostics
}

/// A site rendered (for `build`, into a temporary folder) but for the search index.
struct Rendered {
    made: Made,
    tmp: Option<PathBuf>,
}

/// Render, check links and write into a temporary folder (`check`: the same in memory); the
/// search index is added by `finish_site`.
fn render_site(steps: &mut Steps, m: &Model, opts: &Options) -> Result<Rendered, Vec<Diagnostic>> {
    let Some(out) = &opts.out else {
        return render_and_write(steps, m, None).map(|made| Rendered { made, tmp: None });
    };
    let tmp = output::prepare(out).map_err(|e| out_error(out, format!("cannot write the output folder: {e}")))?;
    match render_and_write(steps, m, Some(&tmp)) {
        Ok(made) => Ok(Rendered { made, tmp: Some(tmp) }),
        Err(d) => {
            output::abort(&tmp);
            Err(d)
        }
    }
}

/// Write the search index into the rendered site and swap it in for `out`.
fn finish_site(
    steps: &mut Steps,
    r: Rendered,
    search: &search::Built,
    opts: &Options,
) -> Result<Made, Vec<Diagnostic>> {
    let Rendered { mut made, tmp } = r;
    let files = search.files.iter().map(|(f, b)| (f, &b[..]));
    let written = steps.time("write search index", || write_files(tmp.as_deref(), files));
    let (Some(tmp), Some(out)) = (tmp, &opts.out) else {
        made.bytes += written?;
        return Ok(made);
    };
    match written {
        Ok(bytes) => made.bytes += bytes,
        Err(d) => {
            output::abort(&tmp);
            return Err(d);
        }
    }
    made.left_behind = steps.time("swap in", || output::commit(&tmp, out)).map_err(|e| out_error(out, e))?;
    Ok(made)
}

/// A problem with the output folder as a whole.
fn out_error(out: &Path, message: String) -> Vec<Diagnostic> {
    vec![Diagnostic::error(out.display().to_string(), 0, 0, message)]
}

fn render_and_write(steps: &mut Steps, m: &Model, tmp: Option<&Path>) -> Result<Made, Vec<Diagnostic>> {
    let jobs = pages::jobs(m);
    let mut feeds = feeds::files(m, &jobs);
    feeds.extend(render::views::compare_files(m));
    let assets = render::assets::Assets::build(m);
    // Pages link to the search index's manifest only; the other index files are named in it.
    let checker = LinkChecker::new(
        m,
        jobs.iter().map(|j| pages::job_file(m, j)),
        feeds.iter().map(|f| f.0.as_str()).chain(assets.files.iter().map(|f| f.0.as_str())).chain([search::MANIFEST]),
    );
    let render_opts = RenderOptions { into: tmp, assets: &assets };
    let rendered = steps.time("render", || render::render_pages(m, &jobs, &checker, &render_opts))?;
    let mut broken = steps.time("link check", || checker.finish(m, &jobs, &rendered.links));
    if !broken.is_empty() {
        broken.dedup();
        return Err(broken);
    }
    let files = feeds.iter().map(|(f, body)| (f, body.as_bytes())).chain(assets.files.iter().map(|(f, b)| (f, &b[..])));
    let bytes = steps.time("write", || write_files(tmp, files))?;
    Ok(Made { pages: jobs.len(), bytes: rendered.bytes + bytes, left_behind: None })
}

/// Files that are not pages (feeds, the search index) into `tmp`; their size in bytes.
fn write_files<'a>(
    tmp: Option<&Path>,
    files: impl Iterator<Item = (&'a String, &'a [u8])>,
) -> Result<u64, Vec<Diagnostic>> {
    let mut bytes = 0;
    for (file, body) in files {
        bytes += body.len() as u64;
        if let Some(tmp) = tmp {
            output::write(tmp, file, body)
                .map_err(|e| vec![Diagnostic::error(file.clone(), 0, 0, format!("cannot write: {e}"))])?;
        }
    }
    Ok(bytes)
}

/// Diagnostics in a fixed order; a message may quote an editor's value or file name: no control
/// character of them reaches the terminal.
pub(crate) fn report(diagnostics: &mut [Diagnostic]) {
    diagnostic::sort(diagnostics);
    for d in diagnostics {
        d.message = load::printable(&d.message).into_owned();
        d.help = d.help.as_deref().map(|h| load::printable(h).into_owned());
        d.path = load::printable(&d.path).into_owned();
    }
}
