//! The HTTP side of `serve`: one thread per connection, one request per connection, GET and HEAD
//! only. Paths are decoded once and refused (404) if any segment is `.` or `..` after decoding, so
//! `/../`, `/%2e%2e/` and `/..%2f` never leave the output folder.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

use super::Shared;

/// Where the page's live-reload script listens (outside the site's own addresses).
pub const EVENTS: &str = "/__ladder/events";

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
        return Resolved::Redirect(base_path.to_string());
    }
    let Some(rel) = decoded.strip_prefix(base_path) else { return Resolved::NotFound };
    let rel = rel.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        Resolved::File(format!("{rel}index.html"))
    } else {
        Resolved::File(rel.to_string())
    }
}

/// `%XX` decoding; `None` for a malformed escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
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
}

impl Response {
    fn new(status: &'static str, content_type: &str, body: Vec<u8>) -> Response {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body }
    }

    fn redirect(location: String) -> Response {
        let mut r = Response::new("302 Found", "text/plain; charset=utf-8", b"redirecting\n".to_vec());
        r.headers.push(("Location", location));
        r
    }

    fn send(self, stream: &mut TcpStream, head_only: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {}\r\n", self.status);
        for (k, v) in &self.headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
            self.body.len()
        ));
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

/// Read the request head (up to 16 KB) and return its method and target.
fn read_request(stream: &mut TcpStream) -> Option<(String, String)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && !buf.windows(2).any(|w| w == b"\n\n") {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 || buf.len() > 16 * 1024 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&buf);
    let mut parts = text.lines().next()?.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    Some((method, target))
}

/// Answer one connection. Errors (a client that went away) end the connection quietly.
pub fn handle(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some((method, target)) = read_request(&mut stream) else { return };
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let mut r =
            Response::new("405 Method Not Allowed", "text/plain; charset=utf-8", b"GET or HEAD only\n".to_vec());
        r.headers.push(("Allow", "GET, HEAD".into()));
        let _ = r.send(&mut stream, false);
        return;
    }
    let state = shared.snapshot();
    let response = match resolve(&target, &state.base_path) {
        Resolved::Events(gen) => {
            let _ = super::events(stream, shared, gen);
            return;
        }
        _ if !state.built => Response::new(
            "500 Internal Server Error",
            "text/html; charset=utf-8",
            super::live::error_page(state.failure.as_deref().unwrap_or("")).into_bytes(),
        ),
        Resolved::Redirect(to) => Response::redirect(to),
        Resolved::File(rel) => serve_file(&shared.site, &rel, &target),
        Resolved::NotFound => not_found(&shared.site),
    };
    let _ = response.send(&mut stream, head_only);
}

fn serve_file(site: &Path, rel: &str, target: &str) -> Response {
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
        let (p, q) = target.split_once('?').map_or((target, None), |(p, q)| (p, Some(q)));
        return Response::redirect(match q {
            Some(q) => format!("{p}/?{q}"),
            None => format!("{p}/"),
        });
    }
    match std::fs::read(&path) {
        Ok(body) => Response::new("200 OK", content_type(rel), body),
        Err(_) => not_found(site),
    }
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
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("search/abc.json.gz"), "application/gzip");
        assert_eq!(content_type("search/abc.bin"), "application/octet-stream");
        assert_eq!(content_type("feed.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
    }
}
