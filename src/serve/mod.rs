//! `ladder serve`: build into a temporary folder (drafts included), serve it over HTTP, watch the
//! site's source folders, rebuild on a change and tell open pages to reload. A failed rebuild keeps
//! the last good build on disk and in the browser, with its diagnostics shown in the terminal and
//! in an overlay on the page.
//!
//! - `accept`: connections, bounded in number, time and size; why no HTTP server crate
//! - `http`: requests, path safety, content types, redirects,
//! - `incremental`: rebuilds that re-read, re-render and rewrite only what changed
//! - `reach`: which pages an edit to roles, paths or guides can change
//! - `live`: the script and style added to every page as it is sent, the error page before a
//!   first good build
//! - `state`: what the builder tells the connections (the last build, its failure)
//! - `watch`: file-system events on `data/`, `content/` and `templates/`, debounced

pub mod accept;
pub mod http;
pub mod incremental;
pub mod live;
pub mod reach;
pub mod state;
pub mod watch;

pub use state::{Shared, State};

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use crate::diagnostic::{self, Format, Style};
use incremental::Incremental;

pub struct Settings {
    pub root: PathBuf,
    pub addr: SocketAddr,
    pub strict: bool,
    pub today: i64,
    pub quiet: bool,
    pub format: Format,
    pub style: Style,
}

/// Run the server until Ctrl-C. `Err` carries a message for the terminal.
pub fn run(s: Settings) -> Result<(), String> {
    let listener = TcpListener::bind(s.addr).map_err(|e| {
        format!(
            "cannot listen on {}: {e}\n  = help: is another server running there? `--port 0` picks a free port",
            s.addr
        )
    })?;
    let addr = listener.local_addr().map_err(|e| format!("cannot listen on {}: {e}", s.addr))?;
    let tmp = make_temp_dir().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    let stop = stop_tx.clone();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop.send(());
    }) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(format!("cannot handle Ctrl-C: {e}"));
    }
    let shared = Arc::new(Shared::new(tmp.join("site")));

    // Watch before the first build, so an edit made while it runs is not missed.
    let (change_tx, change_rx) = mpsc::channel();
    let watcher = match watch::start(&s.root, change_tx) {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(format!("cannot watch {}: {e}", s.root.display()));
        }
    };
    let mut site = Incremental::new(s.root.clone(), shared.site.clone(), tmp.join("stage"));
    rebuild(&s, &shared, &mut site, None);
    let base = shared.snapshot().base_path;
    println!("serving http://{addr}{base}");
    let _ = io::stdout().flush();
    if !s.quiet && s.format == Format::Human {
        eprintln!("watching data/, content/ and templates/ under {}; Ctrl-C stops", s.root.display());
    }

    if let Err(e) = accept::start(listener, Arc::clone(&shared)) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(format!("cannot serve on {addr}: {e}"));
    }
    let builder = Arc::clone(&shared);
    let rebuild = std::thread::Builder::new().name("serve-build".into()).spawn(move || {
        let mut watcher = watcher;
        let root = s.root.canonicalize().unwrap_or_else(|_| s.root.clone());
        while let Some(changed) = watch::next_batch(&change_rx) {
            for dir in watch::new_folders(&root, &changed) {
                let _ = notify::Watcher::watch(&mut watcher, &dir, notify::RecursiveMode::Recursive);
            }
            if !s.quiet && s.format == Format::Human {
                let more = changed.len().saturating_sub(3);
                let more = if more > 0 { format!(" and {more} more") } else { String::new() };
                eprintln!("changed: {}{more}", changed[..changed.len().min(3)].join(", "));
            }
            rebuild(&s, &builder, &mut site, Some(&changed));
        }
    });
    if let Err(e) = rebuild {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(format!("cannot start the rebuilding thread: {e}"));
    }

    let _ = stop_rx.recv();
    // A build may be writing into the folder right now: try a few times.
    for _ in 0..5 {
        if std::fs::remove_dir_all(&tmp).is_ok() || !tmp.exists() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(())
}

fn make_temp_dir() -> io::Result<PathBuf> {
    let base = std::env::temp_dir();
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let dir = base.join(format!("ladder-serve-{}-{nanos}", std::process::id()));
    std::fs::create_dir(&dir)?;
    Ok(dir)
}

/// One build into the served folder (`None`: read every file); report it to open pages, then in
/// the terminal.
fn rebuild(s: &Settings, shared: &Shared, site: &mut Incremental, changed: Option<&[String]>) {
    let start = Instant::now();
    let opts = crate::build::Options {
        root: s.root.clone(),
        out: None,
        base_url: None,
        strict: s.strict,
        today: s.today,
        drafts: true,
    };
    let r = site.rebuild(changed, &opts);
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let empty = diagnostic::SourceMap::default();
    let sources = site.sources().unwrap_or(&empty);
    if crate::build::blocks(&r.diagnostics, s.strict) {
        let plain = Style { color: false, github: false };
        let text = diagnostic::render_all(&r.diagnostics, sources, Format::Human, &plain);
        let built = shared.snapshot().built;
        shared.update(|st| {
            st.failure = Some(text);
            st.failures += 1;
            if !st.built {
                st.base_path = r.base_path.clone();
            }
        });
        eprint!("{}", diagnostic::render_all(&r.diagnostics, sources, s.format, &s.style));
        let errors = r.diagnostics.iter().filter(|d| d.severity == diagnostic::Severity::Error).count();
        if !s.quiet && s.format == Format::Human {
            let serving = if built { "still serving the last good build" } else { "serving an error page" };
            eprintln!("failed: {errors} error(s) in {ms:.0} ms; {serving}");
        }
    } else {
        shared.update(|st| {
            st.generation += 1;
            st.built = true;
            st.failure = None;
            st.base_path = r.base_path.clone();
        });
        eprint!("{}", diagnostic::render_all(&r.diagnostics, sources, s.format, &s.style));
        if !s.quiet && s.format == Format::Human {
            let read = if r.full_load { "all files read" } else { "changed files read" };
            eprintln!(
                "built {} pages in {ms:.0} ms ({read}, {} rendered, {} files written, {} removed)",
                r.pages, r.rendered, r.written, r.removed
            );
            if std::env::var_os("LADDER_SERVE_STEPS").is_some() {
                let steps: Vec<String> =
                    r.steps.iter().map(|(n, d)| format!("{n} {:.1}", d.as_secs_f64() * 1000.0)).collect();
                eprintln!("  steps (ms): {}", steps.join(", "));
            }
        }
    }
}
