//! Watch `data/`, `content/` and `templates/` as folders (editors save by writing a temporary file
//! and renaming it over the old one; new and removed files count), and the root itself, so that a
//! source folder created or renamed later is picked up. Editors' temporary files are ignored.
//! Events come in bursts; `next_batch` waits for a short quiet spell and hands on the burst.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

pub const FOLDERS: [&str; 3] = ["data", "content", "templates"];

/// How long the file system must stay quiet before a rebuild starts. An editor's save (write a
/// temporary file, rename it over the old one) arrives as events well under a millisecond apart;
/// every millisecond waited here is a millisecond before the page shows the edit.
const QUIET: Duration = Duration::from_millis(5);
/// A rebuild starts at the latest this long after the first event of a burst.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// A changed source file, relative to the root (e.g. `data/roles/x.yaml`).
pub type Change = String;

pub fn start(root: &Path, tx: Sender<Change>) -> notify::Result<RecommendedWatcher> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let watched_root = root.clone();
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<Event>| {
        if let Ok(event) = res {
            for change in relevant(&watched_root, &event) {
                let _ = tx.send(change);
            }
        }
    })?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    for dir in FOLDERS {
        let p = root.join(dir);
        if p.is_dir() {
            watcher.watch(&p, RecursiveMode::Recursive)?;
        }
    }
    Ok(watcher)
}

/// The source files an event touches, relative to the root; none for reads and for files the
/// build never reads.
fn relevant(root: &Path, event: &Event) -> Vec<Change> {
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return Vec::new(),
        _ => {}
    }
    event
        .paths
        .iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(root).ok()?;
            let first = rel.components().next()?.as_os_str().to_str()?;
            if !FOLDERS.contains(&first) {
                return None;
            }
            let name = p.file_name()?.to_str()?;
            (!crate::load::is_ignored(name)).then(|| rel_string(rel))
        })
        .collect()
}

fn rel_string(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// Wait for the next burst of changes; `None` when the watcher has gone.
pub fn next_batch(rx: &Receiver<Change>) -> Option<Vec<Change>> {
    let first = rx.recv().ok()?;
    let start = Instant::now();
    let mut set: BTreeSet<Change> = BTreeSet::from([first]);
    while start.elapsed() < MAX_WAIT {
        match rx.recv_timeout(QUIET) {
            Ok(c) => {
                set.insert(c);
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(set.into_iter().collect())
}

/// Folders to start watching after a change at the root (a source folder created or renamed in).
pub fn new_folders(root: &Path, changes: &[Change]) -> Vec<PathBuf> {
    changes.iter().filter(|c| FOLDERS.contains(&c.as_str())).map(|c| root.join(c)).filter(|p| p.is_dir()).collect()
}
