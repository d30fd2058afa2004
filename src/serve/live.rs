//! What `serve` adds to pages as it sends them (`into_page`; never into the files): a small script that listens to the server's event stream (reload
//! after a good build; show the diagnostics of a failed one in an overlay), its style, and the
//! error page shown before any build succeeded. Both are hashed into each page's policy by
//! `output::finish_html`; the event stream is same-origin, so `connect-src 'self'` allows it.

use std::io::{self, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::state::{Shared, State};
use crate::output::{self, Inject};

/// Where the page's live-reload script listens (outside the site's own addresses).
pub const EVENTS: &str = "/__ladder/events";

const STYLE: &str = "#ladder-overlay{position:fixed;left:0;right:0;bottom:0;max-height:70vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#fff;color:#1a1a1a;border-top:6px solid #b3261e;box-shadow:0 -4px 16px rgba(0,0,0,.3);font:15px/1.45 system-ui,sans-serif}#ladder-overlay h2{margin:0 0 .5rem;font-size:1.1rem}#ladder-overlay pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.45 ui-monospace,monospace}#ladder-overlay button{float:right;font:inherit}@media (prefers-color-scheme:dark){#ladder-overlay{background:#1e1e1e;color:#f2f2f2}}";

const HEADING: &str = "The last edit broke the build: this page shows the last good one";

/// The markup every page of build `generation` gets.
pub fn inject(generation: u64) -> Inject {
    let script = format!(
        r#"(()=>{{const es=new EventSource("{events}?gen={generation}");es.addEventListener("reload",()=>{{es.close();location.reload()}});es.addEventListener("failure",e=>{{let o=document.getElementById("ladder-overlay");if(!o){{o=document.createElement("div");o.id="ladder-overlay";o.setAttribute("role","alert");const b=document.createElement("button");b.type="button";b.textContent="Hide";b.addEventListener("click",()=>o.remove());const h=document.createElement("h2");h.textContent={heading:?};o.append(b,h,document.createElement("pre"));document.body.append(o)}}o.querySelector("pre").textContent=JSON.parse(e.data)}})}})();"#,
        events = EVENTS,
        heading = HEADING,
    );
    Inject { head: format!("<style>{STYLE}</style>"), body: format!("<script>{script}</script>") }
}

/// A page of the served folder as it is sent: the live-reload markup of build `generation` added
/// (the files on disk are exactly what `ladder build` writes), and its style and script allowed
/// by their hashes in the page's own policy. Anything that is not UTF-8 is sent as it is.
pub fn into_page(bytes: Vec<u8>, generation: u64) -> Vec<u8> {
    let html = match String::from_utf8(bytes) {
        Ok(h) => h,
        Err(e) => return e.into_bytes(),
    };
    let x = inject(generation);
    let mut html = html;
    allow(&mut html, "style-src ", &x.head, "<style>", "</style>");
    allow(&mut html, "script-src ", &x.body, "<script>", "</script>");
    let (head, body) = (html.find("</head>"), html.rfind("</body>"));
    let mut out = String::with_capacity(html.len() + x.head.len() + x.body.len());
    match (head, body) {
        (Some(h), Some(b)) if h < b => {
            out.push_str(&html[..h]);
            out.push_str(&x.head);
            out.push_str(&html[h..b]);
            out.push_str(&x.body);
            out.push_str(&html[b..]);
        }
        _ => {
            out.push_str(&html);
            out.push_str(&x.head);
            out.push_str(&x.body);
        }
    }
    out.into_bytes()
}

/// Add the hash of `block`'s contents (between `open` and `close`) to the `directive` of the
/// page's Content-Security-Policy `<meta>`, in place of `'none'`.
fn allow(html: &mut String, directive: &str, block: &str, open: &str, close: &str) {
    let body = block.strip_prefix(open).and_then(|b| b.strip_suffix(close)).unwrap_or(block);
    let hash = format!("'sha256-{}'", output::sha256_b64(body.as_bytes()));
    let head_end = html.find("</head>").unwrap_or(html.len());
    let Some(meta) = html[..head_end].to_ascii_lowercase().find("content-security-policy") else { return };
    let end = html[meta..head_end].find('>').map_or(head_end, |e| meta + e);
    let Some(at) = html[meta..end].find(directive).map(|i| meta + i + directive.len()) else { return };
    if html[at..].starts_with("'none'") {
        html.replace_range(at..at + "'none'".len(), &hash);
    } else {
        html.insert_str(at, &format!("{hash} "));
    }
}

/// The page served for every address before any build succeeded: the diagnostics, and the
/// script that reloads it once the site builds.
pub fn error_page(diagnostics: &str) -> String {
    let html = format!(
        "<!doctype html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\"><meta http-equiv=Content-Security-Policy content=\"{csp}\"><title>The site does not build yet · ladder serve</title></head><body><main><h1>The site does not build yet</h1><p>Fix the problems below and save: this page reloads by itself.</p></main><div id=ladder-overlay role=alert><h2>Diagnostics</h2><pre>{diags}</pre></div></body></html>",
        csp = output::CSP_PLACEHOLDER,
        diags = crate::escape::html(diagnostics),
    );
    output::finish_html(&output::inject(html, Some(&inject(0))), "")
}

/// The live-reload event stream of one page built as `generation`: `reload` once a newer good
/// build exists, `failure` (the diagnostics as a JSON string) when the latest build failed.
/// Returns when the page goes away: its closed connection is noticed within a second, so that
/// reloading pages do not use up `accept::EVENT_STREAMS`.
pub fn events(mut stream: TcpStream, shared: &Shared, generation: u64) -> io::Result<()> {
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n",
    )?;
    stream.flush()?;
    let mut shown = 0;
    let mut pinged = Instant::now();
    loop {
        let pending =
            |st: &State| (st.built && st.generation != generation) || (st.failures != shown && st.failure.is_some());
        let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        if !pending(&state) {
            state = match shared.changed.wait_timeout(state, Duration::from_secs(1)) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
        if state.built && state.generation != generation {
            drop(state);
            stream.write_all(b"event: reload\ndata: \n\n")?;
            return stream.flush();
        }
        let message = match &state.failure {
            Some(text) if state.failures != shown => {
                shown = state.failures;
                format!("event: failure\ndata: {}\n\n", serde_json::to_string(text).unwrap_or_default())
            }
            // A comment now and then keeps proxies and idle timers from closing the stream.
            _ if pinged.elapsed() >= Duration::from_secs(15) => ": ping\n\n".to_string(),
            _ => String::new(),
        };
        drop(state);
        if peer_closed(&stream) {
            return Ok(());
        }
        if !message.is_empty() {
            pinged = Instant::now();
            stream.write_all(message.as_bytes())?;
            stream.flush()?;
        }
    }
}

/// Whether the other end has closed the connection (a page that went away), without waiting.
fn peer_closed(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut byte = [0u8; 1];
    let closed = match stream.peek(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != io::ErrorKind::WouldBlock,
    };
    closed || stream.set_nonblocking(false).is_err()
}
