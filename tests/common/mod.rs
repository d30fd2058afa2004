//! A site written from strings into a temporary folder, and the `ladder` binary run on it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub struct Site {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn of(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The role file of `BASE`.
pub const ROLE: &str = "data/roles/analyst.yaml";

/// A role file like `BASE`'s with another title and `extra` lines at the end.
pub fn role_yaml(title: &str, extra: &str) -> String {
    format!("title: {title}\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - {{ skill: python, level: working }}\npay_note: None published.\nsources: [survey]\n{extra}")
}

/// The smallest valid site: one source, category, two skills, one role.
pub const BASE: &[(&str, &str)] = &[
    ("data/site.yaml", "title: Test site\nbase_url: https://example.org/\n"),
    ("data/sources.yaml", "- id: survey\n  title: Salary survey\n  accessed: 2026-10-01\n"),
    ("data/categories.yaml", "- id: technical\n  name: Technical roles\n"),
    (
        "data/skills.yaml",
        "- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n",
    ),
    (
        "data/roles/analyst.yaml",
        "title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - { skill: python, level: working }\n  - { skill: statistics, level: basic }\npay_note: No source gives pay.\nsources: [survey]\n",
    ),
];

impl Site {
    /// The base site with `files` added or replaced.
    pub fn new(files: &[(&str, &str)]) -> Site {
        let s = Site::empty();
        for (p, c) in BASE.iter().chain(files) {
            s.write(p, c);
        }
        s
    }

    pub fn empty() -> Site {
        Site { dir: tempfile::tempdir().expect("temp dir") }
    }

    /// A copy of a site folder of the repo (e.g. `tests/fixture`).
    pub fn copy_of(rel: &str) -> Site {
        let s = Site::empty();
        copy_dir(&repo().join(rel), s.root());
        s
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, content: &str) -> &Self {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
        self
    }

    pub fn remove(&self, rel: &str) -> &Self {
        let p = self.root().join(rel);
        if p.is_dir() {
            std::fs::remove_dir_all(p).unwrap();
        } else {
            std::fs::remove_file(p).unwrap();
        }
        self
    }

    /// `ladder ARGS --root SITE`, colour off.
    pub fn ladder(&self, args: &[&str]) -> Run {
        Run::of(self.command(args).output().expect("run ladder"))
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_ladder"));
        c.args(args).arg("--root").arg(self.root()).env("NO_COLOR", "1").env_remove("GITHUB_ACTIONS");
        c
    }

    /// `ladder`, killed after `limit`: a run that would wait forever (on a named pipe, say) fails
    /// the test instead of hanging it.
    pub fn ladder_within(&self, args: &[&str], limit: Duration) -> Run {
        let mut child = self
            .command(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run ladder");
        let start = Instant::now();
        while child.try_wait().expect("wait").is_none() {
            if start.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                panic!("`ladder {}` did not finish within {limit:?}", args.join(" "));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Run::of(child.wait_with_output().expect("output"))
    }

    pub fn check(&self) -> Run {
        self.ladder(&["check", "--today", "2026-11-23"])
    }

    /// Build into `ROOT/public`; returns the run.
    /// `ladder check` in this process (no output folder), for tests that read the diagnostics and
    /// the source map the run kept.
    pub fn check_in_process(&self) -> ladder::Outcome {
        ladder::run(&ladder::Options {
            root: self.root().to_path_buf(),
            out: None,
            base_url: None,
            strict: false,
            today: ladder::date::parse("2026-11-23").unwrap(),
            drafts: false,
        })
    }

    pub fn build(&self) -> Run {
        self.ladder(&["build", "--today", "2026-11-23"])
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("public")
    }

    pub fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    v.sort();
    v
}
