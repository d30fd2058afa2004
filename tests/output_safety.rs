//! `ladder build --out`: the sources and whatever else is on disk are never at risk (issue 11,
//! items 1-3). `--out` is resolved (`..`, symbolic links) before anything is created or moved; a
//! folder no ladder build wrote is replaced only with `--force`; two builds into one folder never
//! publish a mixed or partial site; every message about what is on disk is true.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use common::Site;

const MARKER: &str = ".ladder-output";

fn ladder(site: &Site, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ladder"));
    c.arg("build").args(["--today", "2026-11-23", "--root"]).arg(site.root()).args(args);
    c.env("NO_COLOR", "1").env_remove("GITHUB_ACTIONS");
    c
}

fn run(site: &Site, args: &[&str]) -> Output {
    ladder(site, args).output().expect("run ladder")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The names in `dir` (not recursive), sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> =
        std::fs::read_dir(dir).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    v.sort();
    v
}

/// Every file under `dir`, relative, sorted (names only).
fn files(dir: &Path) -> Vec<String> {
    common::tree(dir).into_iter().map(|(p, _)| p).collect()
}

fn hidden_ladder_folders(dir: &Path) -> Vec<String> {
    names(dir).into_iter().filter(|n| n.contains(".ladder-")).collect()
}

#[test]
fn dot_dot_into_data_is_refused_before_anything_is_created() {
    let site = Site::new(&[]);
    let data_before = common::tree(&site.root().join("data"));
    let out = site.root().join("nonexistent/../data");
    let o = run(&site, &["--out", s(&out)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("data/"), "{}", stderr(&o));
    assert_eq!(common::tree(&site.root().join("data")), data_before, "data/ changed");
    assert!(!site.root().join("nonexistent").exists(), "a folder was created before the refusal");
    assert!(hidden_ladder_folders(site.root()).is_empty(), "{:?}", names(site.root()));
}

#[test]
fn dot_dot_onto_the_root_is_refused() {
    let site = Site::new(&[]);
    let before = common::tree(site.root());
    let name = site.root().file_name().unwrap().to_str().unwrap();
    let out = site.root().join(format!("x/../../{name}"));
    let o = run(&site, &["--out", s(&out)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(common::tree(site.root()), before, "the site changed");
    let parent = site.root().parent().unwrap();
    let moved: Vec<String> = names(parent).into_iter().filter(|n| n.starts_with(&format!(".{name}."))).collect();
    assert!(moved.is_empty(), "the site was moved away: {moved:?}");
}

#[test]
fn a_symbolic_link_into_data_is_refused() {
    let site = Site::new(&[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("public");
    std::os::unix::fs::symlink(site.root().join("data"), &link).unwrap();
    let data_before = common::tree(&site.root().join("data"));
    for out in [link.clone(), link.join("sub"), link.join("sub/../roles")] {
        let o = run(&site, &["--out", s(&out)]);
        assert_eq!(code(&o), 2, "--out {}: {}", out.display(), stderr(&o));
        assert!(stderr(&o).contains("data/"), "{}", stderr(&o));
    }
    assert_eq!(common::tree(&site.root().join("data")), data_before, "data/ changed");
    assert!(hidden_ladder_folders(&site.root().join("data")).is_empty());
    assert!(hidden_ladder_folders(elsewhere.path()).is_empty(), "{:?}", names(elsewhere.path()));
}

#[test]
fn home_and_filesystem_root_are_refused() {
    let site = Site::new(&[]);
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("notes.md"), "mine").unwrap();
    let o = ladder(&site, &["--out", s(home.path())]).env("HOME", home.path()).output().unwrap();
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("home"), "{}", stderr(&o));
    assert_eq!(names(home.path()), ["notes.md"]);
    let o = run(&site, &["--out", "/"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
}

#[test]
fn a_folder_no_build_wrote_is_replaced_only_with_force() {
    let site = Site::new(&[]);
    let place = tempfile::tempdir().unwrap();
    let notes = place.path().join("notes");
    std::fs::create_dir_all(notes.join(".git")).unwrap();
    std::fs::write(notes.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(notes.join("todo.md"), "- call Ann\n").unwrap();
    let before = common::tree(&notes);
    let o = run(&site, &["--out", s(&notes)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("--force") && err.contains(".git"), "{err}");
    assert_eq!(common::tree(&notes), before, "the folder changed");
    assert_eq!(names(place.path()), ["notes"], "something was created beside it");

    let o = run(&site, &["--out", s(&notes), "--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(notes.join("index.html").is_file() && notes.join(MARKER).is_file());
    assert!(!notes.join(".git").exists() && !notes.join("todo.md").exists());
    assert_eq!(names(place.path()), ["notes"], "{:?}", names(place.path()));
}

#[test]
fn a_previous_output_is_replaced_without_force() {
    let site = Site::new(&[]);
    assert_eq!(code(&run(&site, &[])), 0);
    let marker = std::fs::read_to_string(site.out().join(MARKER)).expect("every build leaves its marker");
    assert!(marker.contains("ladder build"), "{marker}");
    let first = common::tree(&site.out());
    std::fs::write(site.out().join("stray.txt"), "left by someone").unwrap();
    let o = run(&site, &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(common::tree(&site.out()), first, "same input, same bytes, stray file gone");
    assert!(hidden_ladder_folders(site.root()).is_empty(), "{:?}", names(site.root()));
}

#[test]
fn concurrent_builds_into_one_folder_always_publish_a_complete_site() {
    let site = Site::copy_of("tests/fixture");
    let o = run(&site, &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let reference = files(&site.out());
    for must in ["index.html", "404.html"] {
        assert!(reference.iter().any(|f| f == must), "{must} missing from a single build");
    }
    for round in 0..15 {
        let a = ladder(&site, &[]).stderr(Stdio::piped()).spawn().unwrap();
        let b = ladder(&site, &[]).stderr(Stdio::piped()).spawn().unwrap();
        // While both run, the published folder is at every moment a whole site.
        let (mut a, mut b): (Option<Child>, Option<Child>) = (Some(a), Some(b));
        let mut outputs = Vec::new();
        while a.is_some() || b.is_some() {
            for p in ["index.html", "404.html"] {
                assert!(site.out().join(p).is_file(), "round {round}: {p} missing while builds run");
            }
            for c in [&mut a, &mut b] {
                if c.as_mut().is_some_and(|c| c.try_wait().unwrap().is_some()) {
                    outputs.push(c.take().unwrap().wait_with_output().unwrap());
                }
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        for o in &outputs {
            assert_eq!(code(o), 0, "round {round}: {}", stderr(o));
        }
        assert_eq!(files(&site.out()), reference, "round {round}: the published site differs from a single build");
        assert!(hidden_ladder_folders(site.root()).is_empty(), "round {round}: {:?}", names(site.root()));
    }
}

#[test]
fn a_second_build_waits_for_the_lock_and_says_for_whom() {
    let site = Site::new(&[]);
    let lock_path = site.root().join(".public.ladder-lock");
    let lock = std::fs::File::create(&lock_path).unwrap();
    lock.lock().unwrap();
    std::fs::write(&lock_path, "4242\n").unwrap();
    let mut child = ladder(&site, &[]).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert!(child.try_wait().unwrap().is_none(), "the build did not wait for the lock");
    assert!(!site.out().exists(), "written while another build held the lock");
    drop(lock);
    let o = child.wait_with_output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("waiting for another build (pid 4242)"), "{}", stderr(&o));
    assert!(site.out().join("index.html").is_file());
    assert!(!lock_path.exists(), "the lock file is left behind");
}

/// A process id no process has: a child that has exited and been reaped.
fn dead_pid() -> u32 {
    let mut c = Command::new("true").spawn().unwrap();
    let pid = c.id();
    c.wait().unwrap();
    pid
}

#[test]
fn temporary_folders_of_dead_builds_go_and_a_live_builds_stays() {
    let site = Site::new(&[]);
    let dead = dead_pid();
    for name in [format!(".public.ladder-tmp-{dead}"), format!(".public.ladder-tmp-old-{dead}")] {
        std::fs::create_dir_all(site.root().join(&name).join("roles")).unwrap();
    }
    let mut live = Command::new("sleep").arg("60").spawn().unwrap();
    let live_tmp = site.root().join(format!(".public.ladder-tmp-{}", live.id()));
    std::fs::create_dir_all(&live_tmp).unwrap();
    std::fs::write(live_tmp.join("index.html"), "being written").unwrap();
    let o = run(&site, &[]);
    let _ = live.kill();
    let _ = live.wait();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(
        hidden_ladder_folders(site.root()),
        [format!(".public.ladder-tmp-{}", live.id())],
        "dead builds' folders must go, the live one's must stay"
    );
    assert_eq!(std::fs::read_to_string(live_tmp.join("index.html")).unwrap(), "being written");
}

#[test]
fn out_naming_a_regular_file_is_refused_before_writing() {
    let site = Site::new(&[]);
    let place = tempfile::tempdir().unwrap();
    let file = place.path().join("site.html");
    std::fs::write(&file, "precious").unwrap();
    let o = run(&site, &["--out", s(&file)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("is a file"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    assert_eq!(names(place.path()), ["site.html"]);
}

/// Make `path` unwritable for whoever runs the tests: mode 0555, and for a user that bypasses
/// modes (root), the immutable attribute. `None` when neither holds (the test is then skipped).
struct Locked(PathBuf, bool);

impl Locked {
    fn new(path: &Path) -> Option<Locked> {
        use std::os::unix::fs::PermissionsExt;
        let probe = |p: &Path| std::fs::write(p.join(".probe"), "").map(|_| std::fs::remove_file(p.join(".probe")));
        let is_dir = path.is_dir();
        if is_dir {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o555)).unwrap();
            if probe(path).is_err() {
                return Some(Locked(path.to_path_buf(), false));
            }
        }
        let ok = Command::new("chattr").arg("+i").arg(path).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
        let held = if is_dir { probe(path).is_err() } else { std::fs::remove_file(path).is_err() };
        if ok && held {
            return Some(Locked(path.to_path_buf(), true));
        }
        if ok {
            let _ = Command::new("chattr").arg("-i").arg(path).status();
        }
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).ok();
        None
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.1 {
            let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        }
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_read_only_old_output_is_refused_before_the_swap() {
    let site = Site::new(&[]);
    assert_eq!(code(&run(&site, &[])), 0);
    let Some(_locked) = Locked::new(&site.out().join("roles")) else {
        eprintln!("skipped: cannot make a folder read-only here");
        return;
    };
    let before = common::tree(&site.out());
    let o = run(&site, &[]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("roles") && stderr(&o).contains("read-only"), "{}", stderr(&o));
    assert_eq!(common::tree(&site.out()), before, "the old output changed");
    assert!(hidden_ladder_folders(site.root()).is_empty(), "{:?}", names(site.root()));
}

#[test]
fn an_old_output_that_cannot_be_removed_is_reported_where_it_is() {
    let site = Site::new(&[]);
    assert_eq!(code(&run(&site, &[])), 0);
    std::fs::write(site.out().join("keep.txt"), "old").unwrap();
    // A file that cannot be deleted (immutable), in a folder that is writable: only found after the swap.
    let Some(_locked) = Locked::new(&site.out().join("keep.txt")) else {
        eprintln!("skipped: cannot make a file undeletable here (needs root and chattr)");
        return;
    };
    let o = run(&site, &[]);
    let err = stderr(&o);
    assert_eq!(code(&o), 0, "the new site is published: {err}");
    assert!(!err.contains("nothing was written"), "{err}");
    assert!(site.out().join("index.html").is_file() && !site.out().join("keep.txt").exists());
    let left = hidden_ladder_folders(site.root());
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(err.contains(&left[0]), "the message must say where the old output is: {err}");
    assert!(site.root().join(&left[0]).join("keep.txt").is_file());
    let mut locked = _locked;
    locked.0 = site.root().join(&left[0]).join("keep.txt");
    drop(locked);
    // The next build removes it.
    assert_eq!(code(&run(&site, &[])), 0);
    assert!(hidden_ladder_folders(site.root()).is_empty(), "{:?}", names(site.root()));
}
