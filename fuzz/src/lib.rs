//! Shared by the fuzz targets: a scratch site folder on tmpfs and the checks every run must pass.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use ladder::diagnostic::{render_human, Severity};

/// A site folder of its own under /dev/shm (or the temp folder), removed on drop.
pub struct Scratch {
    pub root: PathBuf,
}

impl Scratch {
    pub fn new() -> Scratch {
        static N: AtomicUsize = AtomicUsize::new(0);
        let base = if Path::new("/dev/shm").is_dir() { PathBuf::from("/dev/shm") } else { std::env::temp_dir() };
        if N.load(Ordering::Relaxed) == 0 {
            remove_stale(&base);
        }
        let root =
            base.join(format!("ladder-fuzz-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("scratch folder");
        Scratch { root }
    }

    /// Empty the folder and write `files` (relative path, bytes).
    pub fn reset(&self, files: &[(String, Vec<u8>)]) {
        let _ = std::fs::remove_dir_all(&self.root);
        for (rel, bytes) in files {
            let p = self.root.join(rel);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, bytes).expect("write");
        }
    }
}

/// libFuzzer ends a process with `exit`, so `Drop` does not run for a scratch folder still in
/// use: remove the folders of fuzz processes that are no longer alive.
fn remove_stale(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else { return };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("ladder-fuzz-").and_then(|r| r.split('-').next()) else { continue };
        if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

impl Default for Scratch {
    fn default() -> Self {
        Scratch::new()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Every file of the repo's `tests/fixture` site as (relative path, bytes).
pub fn fixture() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixture");
    let mut files = Vec::new();
    let mut stack = vec![dir.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("fixture") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(&dir).expect("inside").to_string_lossy().replace('\\', "/");
                files.push((rel, std::fs::read(&p).expect("read")));
            }
        }
    }
    files.sort();
    files
}

/// `ladder check` in-process on `root`: it must not panic, every diagnostic must point inside
/// its file, and rendering the diagnostics must not panic either.
pub fn check(root: &Path) -> ladder::Outcome {
    let opts = ladder::Options {
        root: root.to_path_buf(),
        out: None,
        base_url: None,
        strict: false,
        today: ladder::date::parse("2026-11-23").expect("date"),
        drafts: false,
        live_reload: None,
    };
    let outcome = ladder::run(&opts);
    for d in &outcome.diagnostics {
        assert!(
            outcome.sources.points_inside(d),
            "diagnostic points outside its file: {}:{}:{}: {}",
            d.path,
            d.line,
            d.column,
            d.message
        );
        let text = render_human(d, &outcome.sources, false);
        assert!(text.contains(&d.message));
    }
    if outcome.diagnostics.iter().all(|d| d.severity != Severity::Error) {
        assert!(outcome.pages > 0, "a site without errors renders pages");
    }
    outcome
}
