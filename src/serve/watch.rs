//! Watch `data/`, `content/` and `templates/` as folders (editors save by writing a temporary file
//! and renaming it over the old one; new and removed files count), and the root itself, so that a
//! source folder created or renamed later is picked up. Editors' temporary files are ignored.
//! Events come in bursts; `next_batch` waits for a short quiet spell and hands on the burst. The
//! spell is shorter after an event that ends a save (a file closed after writing, or renamed into
//! place): the file is whole then, and waiting longer would only delay the page.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

pub const FOLDERS: [&str; 3] = ["data", "content", "templates"];

/// How long the file system must stay quiet before a rebuild starts. An editor's save (write a
/// temporary file, rename it over the old one) arrives as events well under a millisecond apart;
/// every millisecond waited here is a millisecond before the page shows the edit.
const QUIET: Duration = Duration::from_millis(5);
/// The quiet spell after an event that ends a save. Not zero: the steps of one save (vim: move the
/// old file aside, write the new one, close it, remove the old) come microseconds apart, and one
/// build for the whole save beats a build of the half-saved site followed by another.
const SETTLED: Duration = Duration::from_millis(1);
/// A rebuild starts at the latest this long after the first event of a burst.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// A changed source file, relative to the root (e.g. `data/roles/x.yaml`).
pub type Change = String;

/// What the watcher hands on: a changed file, and whether the event ends a save of it (a close
/// after writing, or a rename onto it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub change: Change,
    pub settled: bool,
}

pub fn start(root: &Path, tx: Sender<Signal>) -> notify::Result<RecommendedWatcher> {
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
fn relevant(root: &Path, event: &Event) -> Vec<Signal> {
    // Which of the event's paths ends a save: all of a close after writing; the target (the last
    // path) of a rename.
    let settled = |i: usize| match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => true,
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => i + 1 == event.paths.len(),
        _ => false,
    };
    match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {}
        EventKind::Access(_) => return Vec::new(),
        _ => {}
    }
    event
        .paths
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let rel = p.strip_prefix(root).ok()?;
            let first = rel.components().next()?.as_os_str().to_str()?;
            if !FOLDERS.contains(&first) {
                return None;
            }
            let name = p.file_name()?.to_str()?;
            (!crate::load::is_ignored(name)).then(|| Signal { change: rel_string(rel), settled: settled(i) })
        })
        .collect()
}

fn rel_string(rel: &Path) -> String {
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// Wait for the next burst of changes; `None` when the watcher has gone. The burst ends after a
/// quiet spell: `SETTLED` when every file's last event ended a save of it, `QUIET` while one may be
/// mid-save (its last event a creation, a write, a move away or a removal).
pub fn next_batch(rx: &Receiver<Signal>) -> Option<Vec<Change>> {
    let first = rx.recv().ok()?;
    let start = Instant::now();
    let mut last: BTreeMap<Change, bool> = BTreeMap::from([(first.change, first.settled)]);
    while start.elapsed() < MAX_WAIT {
        match rx.recv_timeout(quiet(&last)) {
            Ok(s) => {
                last.insert(s.change, s.settled);
            }
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    Some(last.into_keys().collect())
}

/// How long to wait for the burst's next event, given each file's last (ended a save or not).
fn quiet(last: &BTreeMap<Change, bool>) -> Duration {
    if last.values().all(|&settled| settled) {
        SETTLED
    } else {
        QUIET
    }
}

/// Folders to start watching after a change at the root (a source folder created or renamed in).
pub fn new_folders(root: &Path, changes: &[Change]) -> Vec<PathBuf> {
    changes.iter().filter(|c| FOLDERS.contains(&c.as_str())).map(|c| root.join(c)).filter(|p| p.is_dir()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, RemoveKind};

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        Event { kind, paths: paths.iter().map(PathBuf::from).collect(), attrs: Default::default() }
    }

    fn signals(kind: EventKind, paths: &[&str]) -> Vec<(String, bool)> {
        relevant(Path::new("/site"), &event(kind, paths)).into_iter().map(|s| (s.change, s.settled)).collect()
    }

    #[test]
    fn a_close_after_writing_and_a_rename_into_place_end_a_save() {
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert_eq!(signals(close, &["/site/data/roles/a.yaml"]), [("data/roles/a.yaml".to_string(), true)]);
        let to = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert_eq!(signals(to, &["/site/content/a.md"]), [("content/a.md".to_string(), true)]);
        // A rename from one source file to another: the old name is gone (not a save's end),
        // the new one is whole.
        let both = EventKind::Modify(ModifyKind::Name(RenameMode::Both));
        assert_eq!(
            signals(both, &["/site/data/roles/a.yaml", "/site/data/roles/b.yaml"]),
            [("data/roles/a.yaml".to_string(), false), ("data/roles/b.yaml".to_string(), true)]
        );
        // The editor's temporary file renamed over the real one: only the real one counts.
        assert_eq!(
            signals(both, &["/site/data/roles/.a.yaml.tmp", "/site/data/roles/a.yaml"]),
            [("data/roles/a.yaml".to_string(), true)]
        );
    }

    #[test]
    fn creations_writes_moves_away_and_removals_may_be_mid_save() {
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Any),
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert_eq!(
                signals(kind, &["/site/data/roles/a.yaml"]),
                [("data/roles/a.yaml".to_string(), false)],
                "{kind:?}"
            );
        }
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(signals(read, &["/site/data/roles/a.yaml"]).is_empty());
        let close = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(signals(close, &["/site/README.md"]).is_empty());
    }

    #[test]
    fn the_short_wait_only_when_every_file_last_ended_a_save() {
        let mut last = BTreeMap::from([("data/roles/a.yaml".to_string(), false)]);
        assert_eq!(quiet(&last), QUIET);
        // vim: the old file moved aside, then the new one written and closed.
        last.insert("data/roles/a.yaml".to_string(), true);
        assert_eq!(quiet(&last), SETTLED);
        // Another file of the burst still mid-save keeps the long wait.
        last.insert("data/roles/b.yaml".to_string(), false);
        assert_eq!(quiet(&last), QUIET);
        assert!(SETTLED < QUIET);
    }

    #[test]
    fn a_burst_is_one_batch_with_each_file_once() {
        let (tx, rx) = std::sync::mpsc::channel();
        let send = |c: &str, settled: bool| tx.send(Signal { change: c.to_string(), settled }).unwrap();
        // Sent before the wait starts: all in one batch, in order, each file once.
        send("data/roles/b.yaml", false);
        send("data/roles/a.yaml", false);
        send("data/roles/b.yaml", true);
        send("data/roles/a.yaml", true);
        assert_eq!(next_batch(&rx).unwrap(), ["data/roles/a.yaml", "data/roles/b.yaml"]);
        drop(tx);
        assert!(next_batch(&rx).is_none());
    }
}
