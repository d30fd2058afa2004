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
pub mod urls;
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
    /// The new build was swapped in but the previous output could not be removed: where it is.
    pub left_behind: Option<output::Leftover>,
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
    diagnostics.extend(render::templates::unused(&loaded.templates));
    let mut outcome = Outcome {
        diagnostics,
        sources: loaded.files.clone(),
        pages: 0,
        bytes: 0,
        base_path: model.config.base_path.clone(),
        left_behind: None,
    };
    let blocked = outcome.failed(opts.strict);
    if !blocked {
        progress.stage(if opts.out.is_some() { "rendering and writing pages" } else { "rendering pages" });
        let result = match &opts.out {
            Some(out) => write_site(&model, out),
            None => check_render(&model),
        };
        match result {
            Ok((pages, bytes, left_behind)) => {
                outcome.pages = pages;
                outcome.bytes = bytes;
                outcome.left_behind = left_behind;
            }
            Err(d) => outcome.diagnostics.extend(d),
        }
    }
    diagnostic::sort(&mut outcome.diagnostics);
    // A message may quote an editor's value or file name: no control character of them reaches
    // the terminal.
    for d in &mut outcome.diagnostics {
        d.message = load::printable(&d.message).into_owned();
        d.help = d.help.as_deref().map(|h| load::printable(h).into_owned());
        d.path = load::printable(&d.path).into_owned();
    }
    outcome
}

type Written = (usize, u64, Option<output::Leftover>);

fn write_site(model: &model::Model, out: &Path) -> Result<Written, Vec<Diagnostic>> {
    let error = |msg: String| vec![Diagnostic::error(out.display().to_string(), 0, 0, msg)];
    let tmp = output::prepare(out).map_err(|e| error(format!("cannot write the output folder: {e}")))?;
    match render::render_site(model, Some(&tmp)) {
        Ok(r) => {
            let left_behind = output::commit(&tmp, out).map_err(error)?;
            Ok((r.pages, r.bytes, left_behind))
        }
        Err(d) => {
            output::abort(&tmp);
            Err(d)
        }
    }
}

/// `check` renders every page too (template errors are errors), writing nothing.
fn check_render(model: &model::Model) -> Result<Written, Vec<Diagnostic>> {
    render::render_site(model, None).map(|r| (r.pages, r.bytes, None))
}

/// `path` made absolute with `.`, `..` and symbolic links resolved the way the system will resolve
/// them once the missing folders are created: each existing prefix is canonicalised (a link is
/// followed before a later `..` applies), a missing part is kept as a folder to be made.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    use std::path::Component;
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut r = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => r.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                r.pop();
            }
            Component::Normal(name) => {
                r.push(name);
                match std::fs::symlink_metadata(&r) {
                    Ok(_) => r = r.canonicalize()?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(r)
}

/// Resolve `--out` (before anything is created) and refuse a folder that is a file system's root,
/// the user's home or holds it, is the site root or holds it, or is or sits inside a source folder
/// (`data/`, `content/`, `templates/`, wherever their links lead). `Ok`: the resolved path, the one
/// a build must use.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let given = out.display();
    let resolved = resolve(out).map_err(|e| format!("cannot resolve `--out {given}`: {e}"))?;
    let shown = if resolved == out {
        format!("`--out {given}`")
    } else {
        format!("`--out {given}` (that is `{}`)", resolved.display())
    };
    let help = "\n  = help: choose an output folder outside the site's sources, e.g. `--out public`";
    let own = "\n  = help: build into a folder of its own, e.g. `--out public`";
    if resolved.parent().is_none() {
        return Err(format!("{shown} is the root of the file system{own}"));
    }
    let root = resolve(root).map_err(|e| format!("cannot resolve `--root {}`: {e}", root.display()))?;
    if root.starts_with(&resolved) {
        return Err(format!(
            "{shown} is the site root or holds it; building there would delete the site's files{help}"
        ));
    }
    for dir in ["data", "content", "templates"] {
        let source = resolve(&root.join(dir)).unwrap_or_else(|_| root.join(dir));
        if resolved.starts_with(&source) {
            return Err(format!("{shown} is inside the site's `{dir}/` folder{help}"));
        }
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).and_then(|h| resolve(Path::new(&h)).ok());
    if home.is_some_and(|h| h.starts_with(&resolved)) {
        return Err(format!("{shown} is your home folder or holds it; building there would delete your files{own}"));
    }
    Ok(resolved)
}
