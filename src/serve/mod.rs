//! `ladder serve`: build into a temporary folder (drafts included), serve it over HTTP, watch the
//! site's source folders, rebuild on a change and tell open pages to reload. A failed rebuild keeps
//! the last good build on disk and in the browser, with its diagnostics shown in the terminal and
//! in an overlay on the page.
//!
//! - `accept`: connections, bounded in number, time and size; why no HTTP server crate
//! - `http`: requests, path safety, content types, redirects, the event stream's address
//! - `live`: the script and style added to every page, the error page before a first good build
//! - `watch`: file-system events on `data/`, `content/` and `templates/`, debounced

pub mod accept;
pub mod http;
pub mod live;
pub mod watch;

use std::io::{self, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{mpsc, Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::diagnostic::{self, Format, Style};

pub struct Settings {
    pub root: PathBuf,
    pub addr: SocketAddr,
    pub strict: bool,
    pub today: i64,
    pub quiet: bool,
    pub format: Format,
    pub style: Style,
}

/// What the server knows about the builds, shared by the builder and the connections.
#[derive(Clone, Default)]
pub struct State {
    /// Bumped by every good build; pages carry the generation they were built as.
    pub generation: u64,
    /// A good build exists (else every address answers with the error page).
    pub built: bool,
    /// The diagnostics of the latest build, when it failed.
    pub failure: Option<String>,
    /// Bumped by every failed build, so open pages show the newest diagnostics.
    pub failures: u64,
    pub base_path: String,
}

pub struct Shared {
    /// The served folder: the last good build.
    pub site: PathBuf,
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    pub fn snapshot(&self) -> State {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        f(&mut self.state.lock().unwrap_or_else(|e| e.into_inner()));
        self.changed.notify_all();
    }
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
    let shared =
        Arc::new(Shared { site: tmp.join("site"), state: Mutex::new(State::default()), changed: Condvar::new() });

    // Watch before the first build, so an edit made while it runs is not missed.
    let (change_tx, change_rx) = mpsc::channel();
    let watcher = match watch::start(&s.root, change_tx) {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(format!("cannot watch {}: {e}", s.root.display()));
        }
    };
    build(&s, &shared);
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
            build(&s, &builder);
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

/// One build into the served folder; report it in the terminal and to open pages.
fn build(s: &Settings, shared: &Shared) {
    let start = Instant::now();
    let generation = shared.snapshot().generation + 1;
    let opts = crate::Options {
        root: s.root.clone(),
        out: Some(shared.site.clone()),
        base_url: None,
        strict: s.strict,
        today: s.today,
        drafts: true,
        live_reload: Some(live::inject(generation)),
    };
    let outcome = crate::run(&opts);
    eprint!("{}", diagnostic::render_all(&outcome.diagnostics, &outcome.sources, s.format, &s.style));
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    if outcome.failed(s.strict) {
        let plain = Style { color: false, github: false };
        let text = diagnostic::render_all(&outcome.diagnostics, &outcome.sources, Format::Human, &plain);
        let errors = outcome.diagnostics.iter().filter(|d| d.severity == diagnostic::Severity::Error).count();
        let built = shared.snapshot().built;
        if !s.quiet && s.format == Format::Human {
            let serving = if built { "still serving the last good build" } else { "serving an error page" };
            eprintln!("failed: {errors} error(s) in {ms:.0} ms; {serving}");
        }
        shared.update(|st| {
            st.failure = Some(text);
            st.failures += 1;
            if !st.built {
                st.base_path = outcome.base_path.clone();
            }
        });
    } else {
        if !s.quiet && s.format == Format::Human {
            eprintln!("built {} pages in {ms:.0} ms", outcome.pages);
        }
        shared.update(|st| {
            st.generation = generation;
            st.built = true;
            st.failure = None;
            st.base_path = outcome.base_path.clone();
        });
    }
}

/// The live-reload event stream of one page built as `generation`: `reload` once a newer good
/// build exists, `failure` (the diagnostics as a JSON string) when the latest build failed.
/// Returns when the page goes away: its closed connection is noticed within a second, so that
/// reloading pages do not use up `accept::EVENT_STREAMS`.
fn events(mut stream: TcpStream, shared: &Shared, generation: u64) -> io::Result<()> {
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
    )?;
    stream.flush()?;
    let mut shown = 0;
    let mut pinged = Instant::now();
    loop {
        let pending =
            |st: &State| (st.built && st.generation != generation) || (st.failures != shown && st.failure.is_some());
        let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        if !pending(&state) {
            state = match shared.changed.wait_timeout(state, Duration::from_secs(1)) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
        if state.built && state.generation != generation {
            drop(state);
            stream.write_all(b"event: reload\ndata: \n\n")?;
            return stream.flush();
        }
        let message = match &state.failure {
            Some(text) if state.failures != shown => {
                shown = state.failures;
                format!("event: failure\ndata: {}\n\n", serde_json::to_string(text).unwrap_or_default())
            }
            // A comment now and then keeps proxies and idle timers from closing the stream.
            _ if pinged.elapsed() >= Duration::from_secs(15) => ": ping\n\n".to_string(),
            _ => String::new(),
        };
        drop(state);
        if peer_closed(&stream) {
            return Ok(());
        }
        if !message.is_empty() {
            pinged = Instant::now();
            stream.write_all(message.as_bytes())?;
            stream.flush()?;
        }
    }
}

/// Whether the other end has closed the connection (a page that went away), without waiting.
fn peer_closed(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut byte = [0u8; 1];
    let closed = match stream.peek(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != io::ErrorKind::WouldBlock,
    };
    closed || stream.set_nonblocking(false).is_err()
}
