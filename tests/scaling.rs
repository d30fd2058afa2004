//! Work that grows faster than its input (issue 11, items 4-6). Each case runs `ladder check` on
//! a site at size n and 4n and compares the CPU time the child used (the least of three runs, so
//! other work on the machine matters little): linear work gives a ratio near 4, work that scans
//! from the start of a file for each item (as 05afa5d did for every diagnostic and every link
//! position) gives 16. The bound, 8, leaves room for noise and n log n. CI runs it in release;
//! in a debug build the sizes are smaller. `benches/axes.py` measures every axis.

mod common;
use common::Site;

/// Size multiplier: release builds run larger sites, so fixed costs weigh less.
fn scale() -> usize {
    if cfg!(debug_assertions) {
        1
    } else {
        4
    }
}

/// CPU seconds (user + system) `ladder check` spends on `site`. `LADDER_SCALING_BIN` names
/// another binary to hold to the same bound (e.g. an older build, to see this test fail on it).
#[allow(clippy::zombie_processes)] // reaped by `wait4`, which also gives its CPU time
fn check_cpu(site: &Site) -> f64 {
    let bin = std::env::var_os("LADDER_SCALING_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_ladder").into());
    let child = std::process::Command::new(bin)
        .args(["check", "--today", "2026-12-03", "--root"])
        .arg(site.root())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run ladder");
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills in; `child` is ours and not yet waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    assert_eq!(pid, child.id() as libc::pid_t, "wait4");
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// Assert that the site made by `make(4n)` costs less than 8 times `make(n)`.
fn grows_linearly(what: &str, n: usize, make: impl Fn(usize) -> Site) {
    let best = |site: &Site| (0..3).map(|_| check_cpu(site)).fold(f64::INFINITY, f64::min);
    let (small, large) = (make(n), make(4 * n));
    // Floor the small time at 5 ms so a near-zero measurement cannot inflate the ratio.
    let (t1, t4) = (best(&small).max(0.005), best(&large));
    let ratio = t4 / t1;
    eprintln!("{what}: n = {n}: {t1:.3} s, 4n: {t4:.3} s, ratio {ratio:.1}");
    assert!(ratio < 8.0, "{what}: 4 times the input took {ratio:.1} times the CPU ({t1:.3} s -> {t4:.3} s)");
}

/// Warnings on a large file: `n` skills listed by no role, each a warning shown with its line.
/// One error (an unknown category) stops the run before pages are rendered, so the time is
/// that of reading, checking and reporting.
#[test]
fn many_warnings_on_a_large_file() {
    grows_linearly("unused skills", 2000 * scale(), |n| {
        let mut skills = String::from(common::BASE.iter().find(|f| f.0 == "data/skills.yaml").unwrap().1);
        for i in 0..n {
            skills.push_str(&format!("- id: unused-skill-{i}\n  name: Unused skill {i}\n  group: Domain\n"));
        }
        let role = common::BASE[4].1.replace("category: technical", "category: nope");
        Site::new(&[("data/skills.yaml", &skills), (common::BASE[4].0, &role)])
    });
}

/// A guide `file` whose text is `item(0)`, `item(1)` ... `item(n - 1)`.
fn guide(file: &str, n: usize, item: impl Fn(usize) -> String) -> Site {
    let body: String = (0..n).map(item).collect();
    Site::new(&[(file, &format!("---\ntitle: Test\n---\n\n{body}\n"))])
}

/// Many links in one guide: one broken `#fragment` link a paragraph, each reported where it
/// is written.
#[test]
fn many_links_in_one_guide() {
    grows_linearly("broken links in one guide", 400 * scale(), |n| {
        guide("content/links.md", n, |i| format!("Paragraph {i} has [a link](#nope-{i}).\n\n"))
    });
}

/// One very long line (not ASCII) with a link to a missing page every few words: every error
/// is found on the line and shown with a window of it.
#[test]
fn one_very_long_line() {
    grows_linearly("errors on one long line", 1000 * scale(), |n| {
        guide("content/wide.md", n, |i| format!("voilà [é {i}](@/roles/nope-{i}/) "))
    });
}

/// Many headings with the same text in one guide: each gets the next free `-N` id.
#[test]
fn many_headings_of_one_text() {
    grows_linearly("headings of one text", 800 * scale(), |n| {
        guide("content/notes.md", n, |i| format!("## Notes\n\nNote {i}.\n\n"))
    });
}
