//! `ladder serve` as a user meets it: the real binary on a copy of the fixture site, a free port,
//! and a raw TCP client that sends paths exactly as written (like `curl --path-as-is`).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::Site;

struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    host: String,
    /// The printed address: `http://127.0.0.1:PORT/sub/`
    url: String,
    tmp: tempfile::TempDir,
    stderr: mpsc::Receiver<String>,
}

struct Reply {
    status: u16,
    head: String,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

impl Server {
    fn start(site: &Site, args: &[&str]) -> Server {
        let tmp = tempfile::tempdir().expect("temp dir");
        let mut child = Command::new(env!("CARGO_BIN_EXE_ladder"))
            .args(["serve", "--port", "0", "--today", "2026-11-23", "--root"])
            .arg(site.root())
            .args(args)
            .env("NO_COLOR", "1")
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start ladder serve");
        let (err_tx, err_rx) = mpsc::channel();
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = err_tx.send(line);
            }
        });
        let (tx, rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let line = rx.recv_timeout(Duration::from_secs(60)).expect("serve prints its address");
        let url = line.strip_prefix("serving ").unwrap_or_else(|| panic!("unexpected first line: {line}")).to_string();
        let host = url.trim_start_matches("http://").split('/').next().unwrap_or_default().to_string();
        Server { child, host, url, tmp, stderr: err_rx }
    }

    /// One request with the target sent as is.
    fn request(&self, method: &str, target: &str) -> Reply {
        let mut s = TcpStream::connect(&self.host).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(s, "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.host).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("read reply");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
        Reply { status, head: head.to_string(), body: body.to_string() }
    }

    fn get(&self, target: &str) -> Reply {
        self.request("GET", target)
    }

    /// Ask until `f` holds (the rebuild runs in the background).
    fn wait_for(&self, target: &str, what: &str, f: impl Fn(&Reply) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.get(target);
            if f(&r) {
                return r;
            }
            assert!(start.elapsed() < Duration::from_secs(30), "{what}: still {} {}", r.status, r.body);
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Read the event stream a page built as `generation` opens, until `until` shows up.
    fn events_until(&self, generation: u64, until: &str) -> String {
        let mut s = TcpStream::connect(&self.host).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        write!(s, "GET /__ladder/events?gen={generation} HTTP/1.1\r\nHost: {}\r\n\r\n", self.host).unwrap();
        let mut got = String::new();
        let mut buf = [0u8; 4096];
        while !got.contains(until) {
            match s.read(&mut buf) {
                Ok(0) | Err(_) => panic!("event stream ended before `{until}`: {got}"),
                Ok(n) => got.push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
        got
    }

    fn stderr_so_far(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }

    fn interrupt(mut self) -> (i32, tempfile::TempDir) {
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(self.child.id() as i32, libc::SIGINT) };
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return (status.code().unwrap_or(-1), std::mem::replace(&mut self.tmp, tempfile::tempdir().unwrap()));
            }
            assert!(start.elapsed() < Duration::from_secs(10), "serve did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Write `rel` the way editors save: a temporary file renamed over the old one.
fn save(site: &Site, rel: &str, content: &str) {
    let p = site.root().join(rel);
    let tmp = p.with_file_name(format!(".{}.tmp", p.file_name().unwrap().to_string_lossy()));
    std::fs::write(&tmp, content).unwrap();
    std::fs::rename(&tmp, &p).unwrap();
}

fn generation(page: &str) -> u64 {
    let re = regex::Regex::new(r"/__ladder/events\?gen=(\d+)").unwrap();
    re.captures(page).and_then(|c| c[1].parse().ok()).expect("the page carries the live-reload script")
}

#[test]
fn serves_pages_with_their_content_types_drafts_included() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    assert!(srv.url.starts_with("http://127.0.0.1:") && srv.url.ends_with('/'), "{}", srv.url);

    let home = srv.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(home.header("cache-control"), Some("no-store"));
    assert!(home.body.contains("/__ladder/events"));

    let role = srv.get("/roles/ai-trainer/");
    assert_eq!(role.status, 200);
    assert!(role.body.contains("AI Trainer"));
    let draft = srv.get("/guides/draft-notes/");
    assert_eq!(draft.status, 200, "drafts are served");
    assert!(draft.body.contains("Draft notes"));

    let moved = srv.get("/roles/ai-trainer");
    assert_eq!(moved.status, 302);
    assert_eq!(moved.header("location"), Some("/roles/ai-trainer/"));

    for (path, ty) in [
        ("/feed.xml", "application/xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/roles.json", "application/json; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/404.html", "text/html; charset=utf-8"),
    ] {
        let r = srv.get(path);
        assert_eq!((r.status, r.header("content-type")), (200, Some(ty)), "{path}");
    }
    let manifest = regex::Regex::new(r"search/[0-9A-Za-z_-]+\.json\.gz").unwrap();
    let manifest = manifest.find(&home.body).expect("the page names the search index").as_str();
    let r = srv.get(&format!("/{manifest}"));
    assert_eq!((r.status, r.header("content-type")), (200, Some("application/gzip")));
    // Its address is the same from build to build: asked for again. Files named by their bytes
    // are kept by the browser, so a page reloaded after an edit waits for its HTML only.
    assert_eq!(r.header("cache-control"), Some("no-store"));
    let style = regex::Regex::new(r"/assets/style\.[0-9a-f]{16}\.css").unwrap();
    let style = srv.get(style.find(&home.body).expect("the page names its stylesheet").as_str());
    assert_eq!((style.status, style.header("cache-control")), (200, Some("public, max-age=31536000, immutable")));

    let head = srv.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(srv.request("POST", "/").status, 405);
}

#[test]
fn paths_outside_the_output_get_the_sites_404_page() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let not_found = srv.get("/no-such-page/");
    assert_eq!(not_found.status, 404);
    assert!(not_found.body.contains("<html"), "the site's own 404 page");
    for path in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/..%2fCargo.toml",
        "/%2e%2e%2fCargo.toml",
        "/roles/..%2f..%2f..%2fetc/passwd",
        "/roles/%2e%2e/%2e%2e/site/index.html",
        "/..\\Cargo.toml",
        "/%00",
    ] {
        let r = srv.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.body, not_found.body, "{path} answers with the 404 page");
    }
}

#[test]
fn a_sub_path_base_url_is_served_under_its_path() {
    let site = Site::copy_of("tests/fixture");
    let yaml = std::fs::read_to_string(site.root().join("data/site.yaml")).unwrap();
    site.write("data/site.yaml", &yaml.replace("https://example.org/", "https://example.org/sub/"));
    let srv = Server::start(&site, &[]);
    assert!(srv.url.ends_with("/sub/"), "{}", srv.url);
    let root = srv.get("/");
    assert_eq!((root.status, root.header("location")), (302, Some("/sub/")));
    let home = srv.get("/sub/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains("href=/sub/roles/") || home.body.contains("href=\"/sub/roles/"));
    assert_eq!(srv.get("/sub/roles/ai-trainer/").status, 200);
    assert_eq!(srv.get("/roles/ai-trainer/").status, 404);
    assert_eq!(srv.get("/sub/../sub/").status, 404);
}

#[test]
fn the_reload_script_is_in_served_pages_only_and_allowed_by_their_policy() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let page = srv.get("/roles/model-evaluator/").body;
    let script = regex::Regex::new(r"<script>([^<]*__ladder/events[^<]*)</script>").unwrap();
    let script = &script.captures(&page).expect("reload script")[1];
    let csp = regex::Regex::new(r#"http-equiv="?Content-Security-Policy"? content="([^"]+)""#).unwrap();
    let csp = &csp.captures(&page).expect("CSP meta")[1];
    assert!(csp.contains(&format!("'sha256-{}'", ladder::output::sha256_b64(script.as_bytes()))), "{csp}");
    assert!(csp.contains("connect-src 'self'"), "{csp}");

    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (file, bytes) in common::tree(&site.out()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("__ladder") && !text.contains("EventSource"), "{file} carries serve's script");
    }
    assert!(!site.out().join("guides/draft-notes").exists(), "build leaves drafts out");
}

#[test]
fn an_edit_rebuilds_a_broken_one_keeps_the_last_good_build_and_reports_it() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let rel = "data/roles/ai-trainer.yaml";
    let yaml = std::fs::read_to_string(site.root().join(rel)).unwrap();
    let gen = generation(&srv.get("/roles/ai-trainer/").body);

    save(&site, rel, &yaml.replace("title: AI Trainer", "title: AI Tutor"));
    let events = srv.events_until(gen, "event: reload");
    assert!(events.contains("text/event-stream"), "{events}");
    let page = srv.wait_for("/roles/ai-trainer/", "the edit shows", |r| r.body.contains("AI Tutor"));
    let gen = generation(&page.body);

    save(&site, rel, &yaml.replace("category: evaluation", "category: evaluatoin"));
    let events = srv.events_until(gen, "event: failure");
    assert!(events.contains("data/roles/ai-trainer.yaml:2:11"), "file:line:col in the overlay data: {events}");
    let still = srv.get("/roles/ai-trainer/");
    assert_eq!(still.status, 200);
    assert_eq!(generation(&still.body), gen, "the last good build is still served");
    std::thread::sleep(Duration::from_millis(100));
    assert!(srv.stderr_so_far().contains("data/roles/ai-trainer.yaml:2:11"), "diagnostics in the terminal");

    save(&site, rel, &yaml);
    srv.events_until(gen, "event: reload");
    srv.wait_for("/roles/ai-trainer/", "the fix shows", |r| r.body.contains("AI Trainer"));

    // A new file counts, and so does one moved out of data/.
    site.write("new-role.yaml.draft", &yaml.replace("title: AI Trainer", "title: Prompt Librarian"));
    std::fs::rename(site.root().join("new-role.yaml.draft"), site.root().join("data/roles/prompt-librarian.yaml"))
        .unwrap();
    srv.wait_for("/roles/prompt-librarian/", "a new role appears", |r| r.status == 200);
    std::fs::rename(site.root().join("data/roles/prompt-librarian.yaml"), site.root().join("moved-out.yaml")).unwrap();
    srv.wait_for("/roles/prompt-librarian/", "a removed role disappears", |r| r.status == 404);
}

/// The builds and failures the server has reported so far, with what it printed.
fn builds_and_failures(srv: &Server, log: &mut String) -> (usize, usize) {
    log.push_str(&srv.stderr_so_far());
    log.push('\n');
    (log.lines().filter(|l| l.starts_with("built ")).count(), log.lines().filter(|l| l.starts_with("failed: ")).count())
}

#[test]
fn a_save_in_several_steps_is_one_build_of_the_whole_file() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let rel = "data/roles/ai-trainer.yaml";
    let path = site.root().join(rel);
    let yaml = std::fs::read_to_string(&path).unwrap();
    let mut log = String::new();
    srv.wait_for("/roles/ai-trainer/", "the first build", |r| r.status == 200);
    std::thread::sleep(Duration::from_millis(200));
    let (first, _) = builds_and_failures(&srv, &mut log);

    // vim: the old file moved aside, the new one written in two pieces and closed, the old removed.
    let backup = site.root().join("data/roles/ai-trainer.yaml~");
    std::fs::rename(&path, &backup).unwrap();
    let text = yaml.replace("title: AI Trainer", "title: AI Coach");
    let (head, tail) = text.split_at(text.len() / 2);
    {
        let mut f = std::fs::File::create(&path).unwrap();
        f.write_all(head.as_bytes()).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(2));
        f.write_all(tail.as_bytes()).unwrap();
    }
    std::fs::remove_file(&backup).unwrap();
    srv.wait_for("/roles/ai-trainer/", "the edit shows", |r| r.body.contains("AI Coach"));
    std::thread::sleep(Duration::from_millis(300));
    let (builds, failures) = builds_and_failures(&srv, &mut log);
    assert_eq!((builds, failures), (first + 1, 0), "one good build for the save: {log}");

    // An editor that writes in place: truncated, written in two pieces, closed.
    {
        let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open(&path).unwrap();
        let text = yaml.replace("title: AI Trainer", "title: AI Mentor");
        let (head, tail) = text.split_at(text.len() / 2);
        f.write_all(head.as_bytes()).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(2));
        f.write_all(tail.as_bytes()).unwrap();
    }
    srv.wait_for("/roles/ai-trainer/", "the second edit shows", |r| r.body.contains("AI Mentor"));
    std::thread::sleep(Duration::from_millis(300));
    let (builds, failures) = builds_and_failures(&srv, &mut log);
    assert_eq!((builds, failures), (first + 2, 0), "one good build for the second save: {log}");
}

#[test]
fn before_any_good_build_every_address_shows_the_diagnostics() {
    let site = Site::copy_of("tests/fixture");
    let rel = "data/roles/ai-trainer.yaml";
    let yaml = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, &yaml.replace("category: evaluation", "category: evaluatoin"));
    let srv = Server::start(&site, &[]);
    let r = srv.get("/roles/");
    assert_eq!(r.status, 500);
    assert!(r.body.contains("role=alert"), "{}", r.body);
    assert!(r.body.contains("data/roles/ai-trainer.yaml:2:11"), "{}", r.body);
    assert!(r.body.contains("/__ladder/events?gen=0"));
    save(&site, rel, &yaml);
    srv.wait_for("/roles/", "the fixed site", |r| r.status == 200);
}

#[test]
fn a_port_in_use_is_named_with_a_way_out() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::copy_of("tests/fixture");
    let out = Command::new(env!("CARGO_BIN_EXE_ladder"))
        .args(["serve", "--port", &port, "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(&format!("127.0.0.1:{port}")) && stderr.contains("--port 0"), "{stderr}");
}

#[test]
fn ctrl_c_stops_the_server_and_removes_its_temporary_folder() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    assert_eq!(srv.get("/").status, 200);
    let leftovers = |dir: &std::path::Path| std::fs::read_dir(dir).unwrap().flatten().count();
    assert_eq!(leftovers(srv.tmp.path()), 1, "serve builds in a temporary folder");
    assert!(!site.root().join("public").exists(), "never into public/");
    let (code, tmp) = srv.interrupt();
    assert_eq!(code, 0);
    assert_eq!(leftovers(tmp.path()), 0, "the temporary folder is gone");
}

/// Threads of a running process (Linux).
fn threads(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task")).map(|d| d.count()).unwrap_or(0)
}

#[test]
fn many_idle_connections_hold_no_threads_and_do_not_delay_a_request() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    assert_eq!(srv.get("/").status, 200);
    let before = threads(srv.child.id());
    let idle: Vec<TcpStream> = (0..300).map(|_| TcpStream::connect(&srv.host).expect("connect")).collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = threads(srv.child.id());
    let start = Instant::now();
    let r = srv.get("/roles/ai-trainer/");
    let took = start.elapsed();
    assert_eq!(r.status, 200);
    assert!(took < Duration::from_secs(2), "a request behind 300 idle connections took {took:?}");
    assert!(before > 0 && during <= 64, "threads: {before} before, {during} with 300 idle connections");
    drop(idle);
}

#[test]
fn a_client_that_trickles_its_head_or_sends_nothing_is_dropped_at_the_deadline() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let silent = TcpStream::connect(&srv.host).expect("connect");
    let mut slow = TcpStream::connect(&srv.host).expect("connect");
    let start = Instant::now();
    for s in [&silent, &slow] {
        s.set_read_timeout(Some(Duration::from_millis(450))).unwrap();
    }
    // Ended: the server closed the connection (or answered and closed).
    let ended = |mut s: &TcpStream| {
        let mut buf = [0u8; 512];
        !matches!(s.read(&mut buf), Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut))
    };
    let head = b"GET / HTTP/1.1\r\nHost: x\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    let (mut silent_end, mut slow_end) = (None, None);
    for byte in head.iter().cycle() {
        if start.elapsed() > Duration::from_secs(16) || (silent_end.is_some() && slow_end.is_some()) {
            break;
        }
        if slow_end.is_none() && (slow.write_all(&[*byte]).is_err() || ended(&slow)) {
            slow_end = Some(start.elapsed());
        }
        if silent_end.is_none() && ended(&silent) {
            silent_end = Some(start.elapsed());
        }
        if slow_end.is_some() {
            std::thread::sleep(Duration::from_millis(450));
        }
    }
    let within =
        |t: Option<Duration>| t.is_some_and(|t| (Duration::from_secs(8)..=Duration::from_secs(13)).contains(&t));
    assert!(within(slow_end), "a head sent a byte a second: dropped after {slow_end:?} (deadline 10 s)");
    assert!(within(silent_end), "a connection that sends nothing: dropped after {silent_end:?} (deadline 10 s)");
    assert_eq!(srv.get("/").status, 200, "the server still answers");
}

#[test]
fn an_oversized_request_head_is_refused() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let long = format!("/{}", "a".repeat(40_000));
    let r = srv.get(&long);
    assert_eq!(r.status, 431, "{}", r.head);
    assert_eq!(srv.get("/").status, 200);
}

#[test]
fn redirects_never_leave_the_host_or_the_base_path() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let on_host = |target: &str| {
        let r = srv.get(target);
        if (300..400).contains(&r.status) {
            let to = r.header("location").unwrap_or_default().to_string();
            let off = !to.starts_with('/') || to.starts_with("//") || to.starts_with("/\\") || to.contains(':');
            assert!(!off, "{target} redirects off the host: Location: {to}");
        }
        r
    };
    for target in ["//roles", "///roles", "/\\example.com", "//example.com/%2e%2e", "/%5cexample.com", "//example.com"]
    {
        on_host(target);
    }
    for target in ["//roles", "///roles", "//roles?x=1", "/roles//"] {
        let r = on_host(target);
        assert!(
            r.status == 302 && r.header("location").is_some_and(|l| l.starts_with("/roles/")) || r.status == 200,
            "{target}: {} {:?}",
            r.status,
            r.header("location")
        );
    }
    assert_eq!(srv.get("//roles?x=1").header("location"), Some("/roles/?x=1"));
}

#[test]
fn event_streams_beyond_the_cap_are_refused_and_closed_streams_give_their_place_back() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let gen = generation(&srv.get("/").body);
    let open = |n: usize| -> Vec<(TcpStream, String)> {
        let streams: Vec<TcpStream> = (0..n)
            .map(|_| {
                let mut s = TcpStream::connect(&srv.host).expect("connect");
                write!(s, "GET /__ladder/events?gen={gen} HTTP/1.1\r\nHost: {}\r\n\r\n", srv.host).unwrap();
                s
            })
            .collect();
        streams
            .into_iter()
            .map(|mut s| {
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut got = Vec::new();
                let mut buf = [0u8; 1024];
                while !got.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => got.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&got).into_owned();
                (s, head)
            })
            .collect()
    };
    let burst = open(60);
    let streaming =
        burst.iter().filter(|(_, h)| h.starts_with("HTTP/1.1 200") && h.contains("text/event-stream")).count();
    let refused: Vec<_> = burst.iter().filter(|(_, h)| h.starts_with("HTTP/1.1 503")).collect();
    assert_eq!(
        streaming + refused.len(),
        60,
        "every stream is answered: {:?}",
        burst.iter().map(|(_, h)| h).collect::<Vec<_>>()
    );
    assert!((1..=32).contains(&streaming), "{streaming} streams open at once");
    assert!(!refused.is_empty());
    for (s, _) in refused {
        let mut s = s;
        let mut rest = Vec::new();
        s.read_to_end(&mut rest).expect("a refused stream is closed");
    }
    assert_eq!(srv.get("/").status, 200, "pages are still served");
    // The pages go away: their places come back.
    drop(burst);
    let start = Instant::now();
    loop {
        let (_, head) = open(1).pop().unwrap();
        if head.starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "no place back 5 s after the pages closed: {head}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn odd_requests_get_an_answer_or_a_close_never_a_panic() {
    let site = Site::copy_of("tests/fixture");
    let srv = Server::start(&site, &[]);
    let odd: [&[u8]; 9] = [
        b"\r\n\r\n",
        b"GET\r\n\r\n",
        b"GET /\n\n",
        b"GET /%ff%fe%00 HTTP/1.1\r\n\r\n",
        b"GET /\xff\xfe\x00 HTTP/1.1\r\n\r\n",
        b"GET /roles/ HTTP/1.1\r\nRange: bytes=99999999999999999999-1\r\n\r\n",
        b"GET /%%%%%%%%%%%%%%% HTTP/1.1\r\n\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n",
        b"GET /__ladder/events?gen=99999999999999999999999 HTTP/1.1\r\n\r\n",
    ];
    for raw in odd {
        let mut s = TcpStream::connect(&srv.host).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        s.write_all(raw).unwrap();
        let mut buf = [0u8; 256];
        let _ = s.read(&mut buf);
    }
    assert_eq!(srv.get("/").status, 200);
    std::thread::sleep(Duration::from_millis(100));
    let stderr = srv.stderr_so_far();
    assert!(!stderr.contains("panicked"), "{stderr}");
}
