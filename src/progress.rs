//! Progress on stderr for long builds: a line per stage, and only once a build has taken more than
//! a moment (a quick build prints nothing). The caller decides whether it is wanted at all (a
//! terminal, not `--quiet`, not `--format json`); output bytes never depend on it.

use std::io::Write;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a build runs before its stages are shown.
pub const DELAY: Duration = Duration::from_secs(1);

#[derive(Default)]
struct Inner {
    stage: &'static str,
    /// Bumped at every stage, so the printer sees each one once.
    seq: u64,
    done: bool,
}

pub struct Progress {
    shared: Arc<(Mutex<Inner>, Condvar)>,
    printer: Option<JoinHandle<()>>,
}

impl Progress {
    /// A reporter that prints to `out` (`None`: prints nothing, costs nothing).
    pub fn start(out: Option<Box<dyn Write + Send>>) -> Progress {
        let shared = Arc::new((Mutex::new(Inner::default()), Condvar::new()));
        let printer = out.map(|mut out| {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                let start = Instant::now();
                let (lock, cv) = &*shared;
                let mut inner = lock.lock().unwrap_or_else(|e| e.into_inner());
                while !inner.done && start.elapsed() < DELAY {
                    let left = DELAY.saturating_sub(start.elapsed());
                    inner = cv.wait_timeout(inner, left).map(|(g, _)| g).unwrap_or_else(|e| e.into_inner().0);
                }
                let mut printed = 0;
                while !inner.done {
                    if inner.seq != printed && !inner.stage.is_empty() {
                        printed = inner.seq;
                        let _ = writeln!(out, "[{:>5.1} s] {}", start.elapsed().as_secs_f64(), inner.stage);
                    }
                    inner = cv.wait(inner).unwrap_or_else(|e| e.into_inner());
                }
            })
        });
        Progress { shared, printer }
    }

    /// The build has moved on to `stage` ("loading files", "rendering pages", ...).
    pub fn stage(&self, stage: &'static str) {
        let (lock, cv) = &*self.shared;
        let mut inner = lock.lock().unwrap_or_else(|e| e.into_inner());
        inner.stage = stage;
        inner.seq += 1;
        cv.notify_all();
    }

    pub fn finish(mut self) {
        {
            let (lock, cv) = &*self.shared;
            lock.lock().unwrap_or_else(|e| e.into_inner()).done = true;
            cv.notify_all();
        }
        if let Some(p) = self.printer.take() {
            let _ = p.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);
    impl Write for Buf {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_quick_build_prints_nothing_a_slow_one_a_line_per_stage() {
        let buf = Buf::default();
        let p = Progress::start(Some(Box::new(buf.clone())));
        p.stage("loading files");
        p.finish();
        assert!(buf.0.lock().unwrap().is_empty());

        let buf = Buf::default();
        let p = Progress::start(Some(Box::new(buf.clone())));
        p.stage("loading files");
        std::thread::sleep(DELAY + Duration::from_millis(200));
        p.stage("rendering pages");
        std::thread::sleep(Duration::from_millis(100));
        p.finish();
        let text = String::from_utf8(buf.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].ends_with("loading files") && lines[1].ends_with("rendering pages"), "{text}");
    }
}
