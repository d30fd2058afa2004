//! The HTTP side of `serve`: one request per connection, GET and HEAD only (`accept` reads the
//! request head and hands it here). Paths are decoded once and refused (404) if any segment is `.`
//! or `..` after decoding, so `/../`, `/%2e%2e/` and `/..%2f` never leave the output folder.
//! Redirects are built from the base path and the decoded folder, never copied from the request,
//! so they stay on this host (`local_location`).

use std::io::{self, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::{Duration, Instant};

use super::live::{self, EVENTS};
use super::state::Shared;
use crate::urls::percent_decode;

/// A whole response must be written within this, however slowly the client reads.
pub const SEND_DEADLINE: Duration = Duration::from_secs(30);

/// What a request asks for, decided from its target alone (no file system access).
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// The live-reload event stream; the generation of the page that asks.
    Events(u64),
    /// Redirect to this location.
    Redirect(String),
    /// A file (or folder) relative to the output folder; `index.html` already added for `dir/`.
    File(String),
    NotFound,
}

/// Decide what `target` (the raw request target, e.g. `/sub/roles/x/?q=1`) refers to under
/// `base_path` (`/` or `/sub/`).
pub fn resolve(target: &str, base_path: &str) -> Resolved {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = path.split_once('#').map_or(path, |(p, _)| p);
    if path == EVENTS {
        let gen = query.split('&').find_map(|kv| kv.strip_prefix("gen=")).and_then(|g| g.parse().ok());
        return Resolved::Events(gen.unwrap_or(0));
    }
    let Some(decoded) = percent_decode(path) else { return Resolved::NotFound };
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Resolved::NotFound;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return Resolved::NotFound;
    }
    if base_path != "/" && (decoded == "/" || format!("{decoded}/") == base_path) {
        return Resolved::Redirect(local_location(base_path, "", None));
    }
    let Some(rel) = decoded.strip_prefix(base_path) else { return Resolved::NotFound };
    let rel = rel.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        Resolved::File(format!("{rel}index.html"))
    } else {
        Resolved::File(rel.to_string())
    }
}

pub fn content_type(file: &str) -> &'static str {
    let name = file.rsplit('/').next().unwrap_or(file);
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        "pdf" => "application/pdf",
        // The search index: gzip bytes the page inflates itself, not a transfer encoding.
        "gz" => "application/gzip",
        _ => "application/octet-stream",
    }
}

struct Response {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// `Cache-Control`: `no-store`, but for files named by their content.
    cache: &'static str,
}

/// What a browser may do with a file named by its bytes: keep it, and not even ask again when a
/// page reloads (a new version has a new name). A reloaded page then waits for its HTML only.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

impl Response {
    fn new(status: &'static str, content_type: &str, body: Vec<u8>) -> Response {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body, cache: "no-store" }
    }

    fn redirect(location: String) -> Response {
        let mut r = Response::new("302 Found", "text/plain; charset=utf-8", b"redirecting\n".to_vec());
        r.headers.push(("Location", location));
        r
    }

    fn head(&self) -> String {
        let mut head = format!("HTTP/1.1 {}\r\n", self.status);
        for (k, v) in &self.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: {}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len(),
            self.cache
        ));
        head
    }

    /// Write the response within `SEND_DEADLINE`, however slowly the client reads.
    fn send(self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        let deadline = Instant::now() + SEND_DEADLINE;
        write_by(stream, self.head().as_bytes(), deadline)?;
        if !head_only {
            write_by(stream, &self.body, deadline)?;
        }
        stream.flush()
    }
}

/// `write_all` that gives up at `deadline`: a client that reads a byte now and then cannot hold a
/// worker for longer (the write timeout alone restarts with every write that moves).
fn write_by(stream: &mut TcpStream, mut bytes: &[u8], deadline: Instant) -> io::Result<()> {
    while !bytes.is_empty() {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(io::ErrorKind::TimedOut.into());
        }
        stream.set_write_timeout(Some(left))?;
        match stream.write(&bytes[..bytes.len().min(64 * 1024)]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => bytes = &bytes[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A short answer that ends a connection before it reaches a worker (`503`, `431`): the whole
/// thing, to be written once, without waiting.
pub fn refusal(status: &'static str, text: &str) -> Vec<u8> {
    let mut r = Response::new(status, "text/plain; charset=utf-8", format!("{text}\n").into_bytes());
    if status.starts_with("503") {
        r.headers.push(("Retry-After", "5".into()));
    }
    let mut bytes = r.head().into_bytes();
    bytes.extend_from_slice(&r.body);
    bytes
}

/// Where the request head ends (the index after its blank line), looking from byte `from` on
/// (callers pass where the previous look stopped, so a head sent a byte at a time costs linear
/// work).
pub fn head_end(buf: &[u8], from: usize) -> Option<usize> {
    let from = from.saturating_sub(3);
    let tail = buf.get(from..)?;
    tail.windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| from + i + 4)
        .into_iter()
        .chain(tail.windows(2).position(|w| w == b"\n\n").map(|i| from + i + 2))
        .min()
}

/// The method and target of a request head.
pub fn parse_head(head: &[u8]) -> Option<(String, String)> {
    let text = String::from_utf8_lossy(head);
    let mut parts = text.lines().next()?.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    Some((method, target))
}

/// Whether a request is for the event stream (it then gets a thread of its own, not a worker).
pub fn wants_events(method: &str, target: &str) -> bool {
    (method == "GET" || method == "HEAD") && matches!(resolve(target, "/"), Resolved::Events(_))
}

/// Answer one request whose head has been read. Errors (a client that went away or reads too
/// slowly) end the connection quietly.
pub fn respond(mut stream: TcpStream, method: &str, target: &str, shared: &Shared) {
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let mut r =
            Response::new("405 Method Not Allowed", "text/plain; charset=utf-8", b"GET or HEAD only\n".to_vec());
        r.headers.push(("Allow", "GET, HEAD".into()));
        let _ = r.send(&mut stream, false);
        return;
    }
    let state = shared.snapshot();
    let response = match resolve(target, &state.base_path) {
        Resolved::Events(gen) => {
            let _ = live::events(stream, shared, gen);
            return;
        }
        _ if !state.built => Response::new(
            "500 Internal Server Error",
            "text/html; charset=utf-8",
            live::error_page(state.failure.as_deref().unwrap_or("")).into_bytes(),
        ),
        Resolved::Redirect(to) => Response::redirect(to),
        Resolved::File(rel) => serve_file(&shared.site, &rel, &state.base_path, target),
        Resolved::NotFound => not_found(&shared.site),
    };
    // The error page before a first good build carries its own.
    let response = if state.built { with_live_reload(response, state.generation) } else { response };
    let _ = response.send(&mut stream, head_only);
}

fn serve_file(site: &Path, rel: &str, base_path: &str, target: &str) -> Response {
    let path = site.join(rel);
    // The output holds no links, but never follow one out of it.
    let inside = match (path.canonicalize(), site.canonicalize()) {
        (Ok(p), Ok(s)) => p.starts_with(s),
        _ => false,
    };
    if !inside {
        return not_found(site);
    }
    if path.is_dir() {
        let query = target.split_once('?').map(|(_, q)| q.split_once('#').map_or(q, |(q, _)| q));
        return Response::redirect(local_location(base_path, rel, query));
    }
    match std::fs::read(&path) {
        Ok(body) => {
            let mut r = Response::new("200 OK", content_type(rel), body);
            if named_by_content(rel) {
                r.cache = IMMUTABLE;
            }
            r
        }
        Err(_) => not_found(site),
    }
}

/// Whether the build names the file `rel` by a hash of its bytes: the shared assets
/// (`assets/style.0123456789abcdef.css`, `render/assets.rs`) and the search index's files but its
/// manifest (`search/abcdefgh.bin`, `search/index.rs`).
pub fn named_by_content(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    match parts.as_slice() {
        ["assets", name] => {
            let dots: Vec<&str> = name.split('.').collect();
            dots.len() == 3 && dots[1].len() == 16 && dots[1].bytes().all(|b| b.is_ascii_hexdigit())
        }
        ["search", name] => name.strip_suffix(".bin").is_some_and(|n| n.len() == crate::search::codec::NAME_LEN),
        _ => false,
    }
}

/// A redirect's `Location` on this server: the base path, then the folder `rel` (decoded, as
/// `resolve` gives it), re-encoded, with a closing `/`, then the query. It is built from those
/// parts, never from the target as sent, so it always starts with exactly one `/`: `//roles`,
/// `/\evil.example` or a base path written `//x/` never become `//host/` (another host, for a
/// browser) nor `scheme:`.
pub fn local_location(base_path: &str, rel: &str, query: Option<&str>) -> String {
    let mut out = String::from("/");
    for seg in base_path.split('/').chain(rel.split('/')).filter(|s| !s.is_empty()) {
        encode_into(&mut out, seg, |c| c.is_ascii_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c));
        out.push('/');
    }
    if let Some(q) = query.filter(|q| !q.is_empty()) {
        out.push('?');
        encode_into(&mut out, q, |c| c.is_ascii_graphic() && !"\"#<>\\^`{|}".contains(c));
    }
    out
}

/// Append `s`, with every character that `keep` refuses written as `%XX` bytes of its UTF-8.
fn encode_into(out: &mut String, s: &str, keep: impl Fn(char) -> bool) {
    for c in s.chars() {
        if keep(c) {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
}

/// An HTML page of the site gets the live-reload markup of the build it belongs to.
fn with_live_reload(mut r: Response, generation: u64) -> Response {
    if r.headers.iter().any(|(k, v)| *k == "Content-Type" && v.starts_with("text/html")) {
        r.body = live::into_page(std::mem::take(&mut r.body), generation);
    }
    r
}

/// 404 with the site's own 404 page.
fn not_found(site: &Path) -> Response {
    match std::fs::read(site.join("404.html")) {
        Ok(body) => Response::new("404 Not Found", "text/html; charset=utf-8", body),
        Err(_) => Response::new("404 Not Found", "text/plain; charset=utf-8", b"not found\n".to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_in_any_spelling_is_refused() {
        for t in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/..%2fCargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/sub/./x",
            "/a%5c..%5cb",
            "/%zz",
            "/%ff",
        ] {
            assert_eq!(resolve(t, "/"), Resolved::NotFound, "{t}");
            assert_eq!(resolve(t, "/sub/"), Resolved::NotFound, "{t}");
        }
    }

    #[test]
    fn folders_get_their_index_and_the_root_redirects_to_the_base_path() {
        assert_eq!(resolve("/", "/"), Resolved::File("index.html".into()));
        assert_eq!(resolve("/roles/x/?q=1", "/"), Resolved::File("roles/x/index.html".into()));
        assert_eq!(resolve("/", "/sub/"), Resolved::Redirect("/sub/".into()));
        assert_eq!(resolve("/sub", "/sub/"), Resolved::Redirect("/sub/".into()));
        assert_eq!(resolve("/sub/feed.xml", "/sub/"), Resolved::File("feed.xml".into()));
        assert_eq!(resolve("/roles/", "/sub/"), Resolved::NotFound);
        assert_eq!(resolve("/__ladder/events?gen=7", "/sub/"), Resolved::Events(7));
    }

    #[test]
    fn redirects_start_with_one_slash_whatever_the_base_path_or_folder() {
        assert_eq!(local_location("/", "roles", None), "/roles/");
        assert_eq!(local_location("/sub/", "roles/x", Some("q=1")), "/sub/roles/x/?q=1");
        assert_eq!(local_location("//evil.example/", "", None), "/evil.example/");
        assert_eq!(local_location("/", "/\\evil.example", None), "/%5Cevil.example/");
        assert_eq!(local_location("/", "caf\u{e9} x", Some("a b\r\n")), "/caf%C3%A9%20x/?a%20b%0D%0A");
        assert_eq!(resolve("/", "//x/"), Resolved::Redirect("/x/".into()));
    }

    #[test]
    fn a_head_ends_at_its_blank_line_found_from_where_the_last_look_stopped() {
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r\nrest", 0), Some(18));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n\r\n", 17), Some(18));
        assert_eq!(head_end(b"GET /\n\n", 5), Some(7));
        assert_eq!(head_end(b"GET / HTTP/1.1\r\n", 0), None);
        assert_eq!(head_end(b"", 9), None);
        assert_eq!(resolve("/%+1", "/"), Resolved::NotFound);
    }

    #[test]
    fn only_files_named_by_their_bytes_are_cached() {
        assert!(named_by_content("assets/style.b7f777f0b96e6a0e.css"));
        assert!(named_by_content("search/abcdefgh.bin"));
        for rel in ["assets/style.css", "search/manifest.json.gz", "index.html", "roles/x/index.html", "a/b.bin"] {
            assert!(!named_by_content(rel), "{rel}");
        }
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("search/abc.json.gz"), "application/gzip");
        assert_eq!(content_type("search/abc.bin"), "application/octet-stream");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        // The shared files every page loads (`render::assets`).
        assert_eq!(content_type("assets/style.0123456789abcdef.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("assets/search.0123456789abcdef.js"), "text/javascript; charset=utf-8");
        assert_eq!(content_type("assets/icon.0123456789abcdef.svg"), "image/svg+xml");
        assert_eq!(content_type("compare/ai-trainer.json"), "application/json; charset=utf-8");
    }
}
