//! Incremental rebuilds for `serve`: the served folder always holds what `ladder build` (drafts
//! included, the site's own base URL) would write, but a rebuild re-reads, re-renders and rewrites
//! only what changed.
//!
//! - Load: the loaded site stays in memory; an edited, added or removed role, path or Markdown
//!   page is read and parsed on its own (`load::partial::reload`); any other change loads everything.
//! - Check: the model, the rules, the templates and the link check run on the whole site every
//!   time (they are fast, and a change anywhere can break a rule anywhere).
//! - Search: the index is laid out again only when its documents changed.
//! - Pages: each page's view (its tera context) is hashed together with the shared context and
//!   the site's templates; a page whose fingerprint is the one it was last rendered from is not
//!   rendered again (its bytes cannot differ). What its link scan kept is reused, or, when the
//!   site's set of files changed, its bytes are read back and scanned again.
//! - Write: every output file's SHA-256 is kept; new or changed files are written into a staging
//!   folder and, once the whole build succeeded (rules, templates, links), renamed into place;
//!   files the build no longer makes are removed. A failed build touches nothing.

use std::collections::{BTreeSet, HashMap};
use std::hash::Hasher as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use sha2::{Digest, Sha256};
use tera::{Context, Kwargs, State, Tera, TeraResult, Value};

use crate::build::{self, Options};
use crate::diagnostic::{Diagnostic, SourceMap};
use crate::links::{LinkChecker, PageLinks};
use crate::load::{self, Loaded};
use crate::model::Model;
use crate::pages::{self, template_of};
use crate::render::{budget, feeds, templates, views};
use crate::{output, search};

use super::reach::{self, Reach};

/// The site as the last rebuild left it, and what is in the served folder.
pub struct Incremental {
    root: PathBuf,
    /// The served folder.
    out: PathBuf,
    /// Where new and changed files wait until the build succeeded (same file system as `out`).
    stage: PathBuf,
    loaded: Option<Loaded>,
    /// Every file in `out` -> the SHA-256 of its bytes.
    written: HashMap<String, [u8; 32]>,
    /// Page file -> the fingerprint it was rendered from and what its link scan kept.
    pages: HashMap<String, (u128, PageLinks)>,
    /// The output's file list the kept scans resolved their links against.
    files_key: u128,
    /// The search index and the documents it was laid out from.
    search: Option<SearchKept>,
    /// `/compare/`'s file of each role (by the role's file) in the last build.
    compare: HashMap<String, ((String, String), [u8; 32])>,
    /// The pages the edits since the last good build can have changed.
    reach: Reach,
    /// The last good build's set of records (`reach::shape_key`) and shared fingerprint.
    good_shape: Option<u64>,
    good_shared: Option<u128>,
    /// The last good build's template engine, and the key of the templates it parsed.
    engine: Option<Kept>,
}

/// A template engine kept from one rebuild to the next: parsing the templates is most of what
/// making one costs, and an edit to data leaves them as they were.
struct Kept {
    /// `templates_key` of the site it was made for.
    key: u128,
    tera: Tera,
    budget: Arc<budget::Budget>,
}

/// The search index of the last build, and what it was laid out from.
struct SearchKept {
    docs: Vec<search::docs::Doc>,
    /// The categories (id, name): their order and names are in the manifest.
    cats: Vec<(String, String)>,
    built: search::Built,
    /// The SHA-256 of each of `built.files`.
    hashes: Vec<[u8; 32]>,
}

/// What one rebuild did.
pub struct Rebuilt {
    /// Sorted, as `build::run` gives them.
    pub diagnostics: Vec<Diagnostic>,
    pub base_path: String,
    pub pages: usize,
    /// Pages rendered (the others were unchanged).
    pub rendered: usize,
    /// Files written and removed in the served folder.
    pub written: usize,
    pub removed: usize,
    /// Whether every source file was read again.
    pub full_load: bool,
    /// Each step and how long it took, in order.
    pub steps: Vec<(&'static str, std::time::Duration)>,
}

fn lap(steps: &mut Vec<(&'static str, std::time::Duration)>, since: &mut std::time::Instant, name: &'static str) {
    steps.push((name, since.elapsed()));
    *since = std::time::Instant::now();
}

impl Incremental {
    pub fn new(root: PathBuf, out: PathBuf, stage: PathBuf) -> Incremental {
        Incremental {
            root,
            out,
            stage,
            loaded: None,
            written: HashMap::new(),
            pages: HashMap::new(),
            files_key: 0,
            search: None,
            compare: HashMap::new(),
            reach: Reach::everything(),
            good_shape: None,
            good_shared: None,
            engine: None,
        }
    }

    /// The text of every source file read, for showing diagnostics.
    pub fn sources(&self) -> Option<&SourceMap> {
        self.loaded.as_ref().map(|l| &l.files)
    }

    /// Rebuild after `changed` files (relative to the root; `None`: read everything). `opts.out`
    /// is not used: the output is `self.out`.
    pub fn rebuild(&mut self, changed: Option<&[String]>, opts: &Options) -> Rebuilt {
        let mut t = std::time::Instant::now();
        let steps = Vec::new();
        let mut loaded = self.loaded.take();
        let before = match (changed, loaded.as_ref()) {
            (Some(c), Some(l)) => Some(Reach::before(l, c)),
            _ => None,
        };
        let partial = match (changed, loaded.as_mut()) {
            (Some(c), Some(l)) => load::partial::reload(l, &self.root, c),
            _ => false,
        };
        let loaded = match loaded {
            Some(l) if partial => l,
            _ => load::load(&self.root),
        };
        match (changed, before) {
            (Some(c), Some(before)) if partial => self.reach.after(before, &loaded, c),
            _ => self.reach = Reach::everything(),
        }
        let shape = reach::shape_key(&loaded);
        if self.good_shape != Some(shape) {
            self.reach.all = true;
        }
        let mut r = Rebuilt {
            diagnostics: Vec::new(),
            base_path: String::new(),
            pages: 0,
            rendered: 0,
            written: 0,
            removed: 0,
            full_load: !partial,
            steps,
        };
        lap(&mut r.steps, &mut t, "load");
        {
            let model = Model::new(&loaded, opts.base_url.as_deref(), opts.drafts);
            r.base_path = model.config.base_path.clone();
            lap(&mut r.steps, &mut t, "model");
            r.diagnostics = build::check(&model, opts);
            lap(&mut r.steps, &mut t, "validate");
            if !build::blocks(&r.diagnostics, opts.strict) {
                match self.render_and_commit(&model, &mut r) {
                    Err(d) => r.diagnostics.extend(d),
                    Ok(()) => {
                        self.reach = Reach::default();
                        self.good_shape = Some(shape);
                    }
                }
            }
        }
        build::report(&mut r.diagnostics);
        self.loaded = Some(loaded);
        r
    }

    fn render_and_commit(&mut self, m: &Model, r: &mut Rebuilt) -> Result<(), Vec<Diagnostic>> {
        let cats: Vec<(String, String)> =
            m.loaded.categories.iter().map(|c| (c.id.value.clone(), c.name.clone())).collect();
        let (old, previous) = match self.search.take() {
            Some(k) => (Some(k.docs), Some((k.cats, k.built, k.hashes))),
            None => (None, None),
        };
        // The search index on one core, the feeds, assets and templates on the other.
        let (reach, kept, engine) = (&self.reach, &self.compare, self.engine.take());
        let ((docs, search, hashes, search_steps), prepared) = rayon::join(
            || {
                let mut steps = Vec::new();
                let mut t = std::time::Instant::now();
                let (docs, changed) = reach.documents(m, old);
                lap(&mut steps, &mut t, "search documents");
                let (search, hashes) = match previous {
                    Some((old_cats, built, hashes)) if !changed && old_cats == cats => (built, hashes),
                    _ => {
                        let built = search::index::layout(&docs, &cats);
                        let hashes = built.files.par_iter().map(|(_, b)| Sha256::digest(b).into()).collect();
                        (built, hashes)
                    }
                };
                lap(&mut steps, &mut t, "search index");
                (docs, search, hashes, steps)
            },
            || Prepared::new(m, reach, kept, engine),
        );
        r.steps.extend(search_steps);
        r.steps.extend(prepared.steps.iter().copied());
        self.compare =
            m.loaded.roles.iter().zip(&prepared.compare).map(|(role, f)| (role.path.clone(), f.clone())).collect();
        let known: HashMap<&str, [u8; 32]> =
            search.files.iter().zip(&hashes).map(|((f, _), h)| (f.as_str(), *h)).collect();
        let result = self.render_and_commit_with(m, prepared, &search, &known, r);
        drop(known);
        self.search = Some(SearchKept { docs, cats, built: search, hashes });
        let _ = std::fs::remove_dir_all(&self.stage);
        result
    }

    fn render_and_commit_with(
        &mut self,
        m: &Model,
        prepared: Prepared,
        search: &search::Built,
        search_hashes: &HashMap<&str, [u8; 32]>,
        r: &mut Rebuilt,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut t = std::time::Instant::now();
        let Prepared { jobs, feeds, compare, assets, engine, templates_key, .. } = prepared;
        let (mut tera, budget) = engine?;
        // The SHA-256 of the files whose bytes are known already.
        let mut known = search_hashes.clone();
        known.extend(compare.iter().map(|((f, _), h)| (f.as_str(), *h)));
        let files: Vec<String> = jobs.iter().map(|j| pages::job_file(m, j)).collect();
        let others: Vec<(&str, &[u8])> = [(output::MARKER, output::MARKER_TEXT.as_bytes())]
            .into_iter()
            .chain(feeds.iter().map(|(f, body)| (f.as_str(), body.as_bytes())))
            .chain(search.files.iter().chain(&assets.files).map(|(f, b)| (f.as_str(), &b[..])))
            .collect();
        let checker = LinkChecker::new(m, files.iter().cloned(), others.iter().skip(1).map(|o| o.0));
        let mut key = Hash128::default();
        for f in files.iter().map(String::as_str).chain(others.iter().map(|o| o.0)) {
            key.write(f.as_bytes());
            key.write_u8(0);
        }
        let files_key = key.finish128();
        lap(&mut r.steps, &mut t, "link targets");
        let prints = Prints::register(&mut tera, m);
        let shared = prints.as_ref().map(|p| p.shared);
        if shared.is_none() || shared != self.good_shared {
            self.reach.all = true;
        }
        let ctx = Work {
            reach: &self.reach,
            m,
            tera: &tera,
            prints: prints.as_ref(),
            checker: &checker,
            previous: &self.pages,
            written: &self.written,
            same_files: files_key == self.files_key,
            out: &self.out,
            stage: &self.stage,
            spent: Default::default(),
            slowest: Default::default(),
        };
        let results: Vec<Result<Done, Option<Diagnostic>>> = jobs
            .par_iter()
            .zip(&files)
            .map(|(job, file)| if budget.over() { Err(None) } else { ctx.page(job, file) })
            .collect();
        lap(&mut r.steps, &mut t, "render");
        for (name, ns) in ["(cpu) views", "(cpu) fingerprints", "(cpu) render"].into_iter().zip(&ctx.spent) {
            let ns = ns.load(std::sync::atomic::Ordering::Relaxed);
            r.steps.push((name, std::time::Duration::from_nanos(ns)));
        }
        for (ns, name) in ctx.slowest.lock().map(|s| s.clone()).unwrap_or_default() {
            r.steps.push((name, std::time::Duration::from_nanos(ns)));
        }
        let mut diags = Vec::new();
        let mut done = Vec::with_capacity(results.len());
        for res in results {
            match res {
                Ok(d) => done.push(d),
                Err(d) => diags.extend(d),
            }
        }
        if !diags.is_empty() {
            diags.dedup();
            return Err(diags);
        }
        let links: Vec<PageLinks> = done.iter().map(|d| d.links.clone()).collect();
        let mut broken = checker.finish(m, &jobs, &links);
        if !broken.is_empty() {
            broken.dedup();
            return Err(broken);
        }

        lap(&mut r.steps, &mut t, "link check");
        // Everything succeeded: stage the other files that changed, then move all into place.
        let mut written: HashMap<String, [u8; 32]> = HashMap::with_capacity(files.len() + others.len());
        let mut staged: Vec<&str> = Vec::new();
        for (file, d) in files.iter().zip(&done) {
            let hash = d.hash.or_else(|| self.written.get(file).copied()).unwrap_or_default();
            written.insert(file.clone(), hash);
            if d.staged {
                staged.push(file);
            }
        }
        let hashes: Vec<[u8; 32]> = others
            .par_iter()
            .map(|(file, bytes)| known.get(file).copied().unwrap_or_else(|| Sha256::digest(bytes).into()))
            .collect();
        for ((file, bytes), hash) in others.iter().zip(hashes) {
            if self.written.get(*file) != Some(&hash) {
                output::write(&self.stage, file, bytes).map_err(|e| vec![cannot(file, e)])?;
                staged.push(file);
            }
            written.insert(file.to_string(), hash);
        }
        let commit = self.commit(&staged, &written);
        lap(&mut r.steps, &mut t, "write");
        r.pages = jobs.len();
        r.rendered = done.iter().filter(|d| d.rendered).count();
        r.written = staged.len();
        match commit {
            Ok(removed) => r.removed = removed,
            Err(e) => {
                self.reset();
                return Err(vec![e]);
            }
        }
        self.written = written;
        self.files_key = files_key;
        self.good_shared = shared;
        self.pages = files.into_iter().zip(done).filter_map(|(f, d)| d.print.map(|p| (f, (p, d.links)))).collect();
        if !budget.over() {
            self.engine = Some(Kept { key: templates_key, tera, budget });
        }
        Ok(())
    }

    /// Move the staged files into the served folder and remove the files the build no longer
    /// makes (and folders left empty); how many were removed.
    fn commit(&self, staged: &[&str], written: &HashMap<String, [u8; 32]>) -> Result<usize, Diagnostic> {
        std::fs::create_dir_all(&self.out).map_err(|e| cannot(&self.out.display().to_string(), e))?;
        for file in staged {
            let to = self.out.join(file);
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(|e| cannot(file, e))?;
            }
            std::fs::rename(self.stage.join(file), &to).map_err(|e| cannot(file, e))?;
        }
        let mut gone: Vec<&String> = self.written.keys().filter(|f| !written.contains_key(*f)).collect();
        gone.sort();
        for file in &gone {
            let path = self.out.join(file);
            match std::fs::remove_file(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(cannot(file, e)),
            }
            let mut dir = path.parent();
            while let Some(d) = dir.filter(|d| *d != self.out && d.starts_with(&self.out)) {
                if std::fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        Ok(gone.len())
    }

    /// After a failed write: start again from an empty folder, so that the next build writes
    /// everything.
    fn reset(&mut self) {
        let _ = std::fs::remove_dir_all(&self.out);
        let _ = std::fs::create_dir_all(&self.out);
        self.written.clear();
        self.pages.clear();
        self.files_key = 0;
    }
}

fn cannot(file: &str, e: std::io::Error) -> Diagnostic {
    Diagnostic::error(file.to_string(), 0, 0, format!("cannot write: {e}"))
}

/// What a rebuild makes besides the pages and the search index (made while the index is).
struct Prepared {
    jobs: Vec<pages::Page>,
    /// The feeds, then `/compare/`'s file of each role.
    feeds: Vec<(String, String)>,
    /// `/compare/`'s file of each role (as `views::compare_files`), with its SHA-256.
    compare: Vec<((String, String), [u8; 32])>,
    assets: crate::render::assets::Assets,
    engine: Result<(Tera, Arc<budget::Budget>), Vec<Diagnostic>>,
    templates_key: u128,
    steps: Vec<(&'static str, std::time::Duration)>,
}

impl Prepared {
    fn new(
        m: &Model,
        reach: &Reach,
        kept: &HashMap<String, ((String, String), [u8; 32])>,
        engine: Option<Kept>,
    ) -> Prepared {
        let mut steps = Vec::new();
        let mut t = std::time::Instant::now();
        let jobs = pages::jobs(m);
        let mut feeds = feeds::files(m, &jobs);
        lap(&mut steps, &mut t, "feeds");
        // A role's file shows only the role and the paths that hold it, so the last one is kept
        // for a role the edits cannot reach.
        let compare: Vec<((String, String), [u8; 32])> = m
            .loaded
            .roles
            .par_iter()
            .map(|role| match kept.get(&role.path) {
                Some(kept) if !reach.has_role(&role.id) => kept.clone(),
                _ => {
                    let file = views::compare_file(m, role);
                    let hash = Sha256::digest(file.1.as_bytes()).into();
                    (file, hash)
                }
            })
            .collect();
        let feeds: Vec<(String, String)> = feeds.drain(..).chain(compare.iter().map(|(f, _)| f.clone())).collect();
        lap(&mut steps, &mut t, "compare files");
        let assets = crate::render::assets::Assets::build(m);
        lap(&mut steps, &mut t, "assets");
        let templates_key = templates_key(m);
        let engine = match engine {
            Some(mut e) if e.key == templates_key && !e.budget.over() => {
                crate::render::share(&mut e.tera, m, &assets);
                Ok((e.tera, e.budget))
            }
            _ => crate::render::engine(m, &assets),
        };
        lap(&mut steps, &mut t, "templates");
        Prepared { jobs, feeds, compare, assets, engine, templates_key, steps }
    }
}

/// What the engine's parsed templates are made from: every template's name, file and text (the
/// site's and ladder's own), and the work limit their step counts use.
fn templates_key(m: &Model) -> u128 {
    let mut h = Hash128::default();
    for (name, (path, text, from_site)) in templates::sources(m) {
        for part in [name, path.as_str(), text] {
            h.write(part.as_bytes());
            h.write_u8(0);
        }
        h.write_u8(from_site as u8);
    }
    h.write(std::env::var(budget::LIMIT_VAR).unwrap_or_default().as_bytes());
    h.finish128()
}

/// What became of one page.
struct Done {
    /// Its fingerprint (`None`: it cannot be told, the page is rendered every time).
    print: Option<u128>,
    links: PageLinks,
    /// The SHA-256 of its new bytes (`None`: not rendered, the bytes on disk stay).
    hash: Option<[u8; 32]>,
    rendered: bool,
    /// Its new bytes differ from those on disk and wait in the staging folder.
    staged: bool,
}

/// What every page of one rebuild shares.
struct Work<'w, 'm> {
    m: &'w Model<'m>,
    /// The pages that may have changed; the others are kept as they are, views unbuilt.
    reach: &'w Reach,
    tera: &'w Tera,
    prints: Option<&'w Prints>,
    checker: &'w LinkChecker,
    previous: &'w HashMap<String, (u128, PageLinks)>,
    written: &'w HashMap<String, [u8; 32]>,
    same_files: bool,
    out: &'w Path,
    stage: &'w Path,
    /// CPU time spent on views, fingerprints and rendering (nanoseconds, all threads).
    spent: [std::sync::atomic::AtomicU64; 3],
    /// The slowest views built: (nanoseconds, template).
    slowest: std::sync::Mutex<Vec<(u64, &'static str)>>,
}

impl Work<'_, '_> {
    fn add(&self, what: usize, since: std::time::Instant) {
        self.spent[what].fetch_add(since.elapsed().as_nanos() as u64, std::sync::atomic::Ordering::Relaxed);
    }

    /// The page of `file` as the last build left it, if its fingerprint is `print` (`None`: any).
    fn keep(&self, file: &str, print: Option<u128>) -> Option<Done> {
        let (old, links) = self.previous.get(file)?;
        if print.is_some_and(|p| p != *old) || !self.written.contains_key(file) {
            return None;
        }
        let links = if self.same_files {
            links.clone()
        } else {
            self.checker.scan(file, &std::fs::read_to_string(self.out.join(file)).ok()?)
        };
        Some(Done { print: Some(*old), links, hash: None, rendered: false, staged: false })
    }

    fn page(&self, job: &pages::Page, file: &str) -> Result<Done, Option<Diagnostic>> {
        if !self.reach.holds(self.m.loaded, job) {
            if let Some(done) = self.keep(file, None) {
                return Ok(done);
            }
        }
        let name = template_of(job);
        let t = std::time::Instant::now();
        let ctx = views::context(self.m, job);
        self.add(0, t);
        if let Ok(mut slow) = self.slowest.lock() {
            slow.push((t.elapsed().as_nanos() as u64, name));
            slow.sort_unstable_by(|a, b| b.cmp(a));
            slow.truncate(3);
        }
        let t = std::time::Instant::now();
        let print = self.prints.and_then(|p| p.page(self.tera, name, &ctx));
        self.add(1, t);
        let t = std::time::Instant::now();
        if let Some(done) = print.and_then(|p| self.keep(file, Some(p))) {
            return Ok(done);
        }
        let html = templates::render(self.tera, self.m, name, &ctx)
            .map_err(|d| (!d.message.ends_with(budget::STOPPED)).then_some(d))?;
        let html = output::finish_html(&html, "");
        let links = self.checker.scan(file, &html);
        self.add(2, t);
        let hash: [u8; 32] = Sha256::digest(html.as_bytes()).into();
        let staged = self.written.get(file) != Some(&hash);
        if staged {
            output::write(self.stage, file, html.as_bytes()).map_err(|e| Some(cannot(file, e)))?;
        }
        Ok(Done { print, links, hash: Some(hash), rendered: true, staged })
    }
}

/// Page fingerprints: a tera function hashes the whole context a page's template sees (tera's
/// `__tera_context`, every value serialised as JSON), leaving out the shared (global) values,
/// which are hashed once with the site's templates.
struct Prints {
    /// The shared values' names.
    globals: Vec<String>,
    /// The shared values, the site's templates and ladder's own.
    shared: u128,
}

const PRINT_FN: &str = "__ladder_fingerprint";
/// Names with no extension, which no template of a site can have.
const PRINT_PAGE: &str = "ladder-fingerprint";
const PRINT_SHARED: &str = "ladder-fingerprint-shared";
const PRINT_KEYS: &str = "ladder-fingerprint-keys";

impl Prints {
    /// Register the function and its templates with `tera` (after the site's templates and the
    /// global context are in). `None`: fingerprints cannot be made; every page is rendered.
    fn register(tera: &mut Tera, m: &Model) -> Option<Prints> {
        let globals: Arc<OnceLock<BTreeSet<String>>> = Arc::new(OnceLock::new());
        let skip = Arc::clone(&globals);
        tera.register_function(PRINT_FN, move |kw: Kwargs, _: &State| -> TeraResult<String> {
            let of: Value = kw.must_get("of")?;
            let mode: Option<String> = kw.get("mode")?;
            let map = of.as_map().ok_or_else(|| tera::Error::message("the context is not a map"))?;
            let mut entries: Vec<(String, &Value)> = map.iter().map(|(k, v)| (k.to_string(), v)).collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            if mode.as_deref() == Some("keys") {
                return Ok(entries.iter().map(|e| e.0.as_str()).collect::<Vec<_>>().join("\n"));
            }
            let skip = if mode.is_none() { skip.get() } else { None };
            let mut h = Hash128::default();
            for (k, v) in entries {
                if skip.is_some_and(|s| s.contains(&k)) {
                    continue;
                }
                h.write(k.as_bytes());
                h.write_u8(0);
                serde_json::to_writer(&mut h, v).map_err(tera::Error::message)?;
                h.write_u8(0);
            }
            Ok(format!("{:032x}", h.finish128()))
        });
        // An engine kept from the last rebuild has them already (adding templates checks them all).
        if !tera.contains_template(PRINT_PAGE) {
            tera.add_raw_templates([
                (PRINT_PAGE, format!("{{{{ {PRINT_FN}(of=__tera_context) }}}}")),
                (PRINT_SHARED, format!("{{{{ {PRINT_FN}(of=__tera_context, mode=\"all\") }}}}")),
                (PRINT_KEYS, format!("{{{{ {PRINT_FN}(of=__tera_context, mode=\"keys\") }}}}")),
            ])
            .ok()?;
        }
        let empty = Context::new();
        let keys: BTreeSet<String> = tera.render(PRINT_KEYS, &empty).ok()?.lines().map(str::to_string).collect();
        let values = tera.render(PRINT_SHARED, &empty).ok()?;
        let mut h = Hash128::default();
        h.write(values.as_bytes());
        for t in &m.loaded.templates {
            for part in [&t.name, &t.path, &t.text] {
                h.write(part.as_bytes());
                h.write_u8(0);
            }
        }
        h.write(std::env::var(budget::LIMIT_VAR).unwrap_or_default().as_bytes());
        let shared = h.finish128();
        let list = keys.iter().cloned().collect();
        globals.set(keys).ok()?;
        Some(Prints { globals: list, shared })
    }

    /// The fingerprint of a page rendered with template `name` from `ctx`; `None` when the page
    /// sets a shared value of its own (not told apart here).
    fn page(&self, tera: &Tera, name: &str, ctx: &Context) -> Option<u128> {
        if self.globals.iter().any(|k| ctx.contains_key(k)) {
            return None;
        }
        let own = tera.render(PRINT_PAGE, ctx).ok()?;
        let mut h = Hash128::default();
        h.write_u128(self.shared);
        h.write(name.as_bytes());
        h.write_u8(0);
        h.write(own.as_bytes());
        Some(h.finish128())
    }
}

/// 128 bits of SipHash (two std hashers with fixed keys, one fed a prefix first): fast, the same
/// in every run, and wide enough that two different pages never meet by chance.
struct Hash128(std::hash::DefaultHasher, std::hash::DefaultHasher);

impl Default for Hash128 {
    fn default() -> Hash128 {
        let mut b = std::hash::DefaultHasher::new();
        b.write(b"ladder-second-half");
        Hash128(std::hash::DefaultHasher::new(), b)
    }
}

impl Hash128 {
    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
        self.1.write(bytes);
    }

    fn write_u8(&mut self, b: u8) {
        self.write(&[b]);
    }

    fn write_u128(&mut self, v: u128) {
        self.write(&v.to_le_bytes());
    }

    fn finish128(&self) -> u128 {
        (u128::from(self.0.finish()) << 64) | u128::from(self.1.finish())
    }
}

impl std::io::Write for Hash128 {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Hash128::write(self, buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
