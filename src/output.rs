//! Output: the one place that finishes pages (Content-Security-Policy from the final bytes) and
//! writes them. A build writes into a temporary folder beside the output and swaps it in only
//! when everything succeeded; a failed build leaves the previous output as it was.
//!
//! The policy allows only the inline scripts and styles that ladder and the site's templates
//! declare: every `<script`/`<style` opening tag written literally in a template (and in the
//! markup `serve` adds) carries a mark that holds a secret drawn when the process starts
//! (`declare`). `finish_html` hashes the blocks whose opening tag has the mark, then removes every
//! mark, so the published bytes never show it. Text that reaches a page any other way (an
//! editor's field printed with `| safe`, raw HTML) cannot carry the secret, so its blocks are not
//! hashed and the browser blocks them.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Templates put this where the page's policy goes; `finish_html` replaces it.
pub const CSP_PLACEHOLDER: &str = "__LADDER_CSP__";

pub fn sha256_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// The attribute put into each declared opening tag: ` ladder-own-` and 32 hex digits drawn from
/// the operating system's randomness (std seeds every `RandomState` from it) once per process.
/// Lower-case letters, digits and `-` only, so HTML escaping leaves it as it is.
pub fn own_mark() -> &'static str {
    static MARK: OnceLock<String> = OnceLock::new();
    MARK.get_or_init(|| {
        use std::hash::BuildHasher;
        let draw = |salt: u64| std::collections::hash_map::RandomState::new().hash_one(salt);
        format!(" ladder-own-{:016x}{:016x}", draw(1), draw(2))
    })
}

/// Whether `b[at..]` starts with the tag name `name` as HTML reads it: in any case, followed by
/// a space, `/`, `>` or the end of the text (in a template, a template tag may follow).
fn name_at(b: &[u8], at: usize, name: &str) -> bool {
    b.get(at..at + name.len()).is_some_and(|w| w.eq_ignore_ascii_case(name.as_bytes()))
        && b.get(at + name.len()).is_none_or(|c| c.is_ascii_whitespace() || *c == b'/' || *c == b'>')
}

/// The byte offsets in `text` where a literal `<script` or `<style` opening tag's name ends, that
/// is where `declare` puts the mark.
pub fn tag_name_ends(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    text.match_indices('<')
        .filter_map(|(i, _)| ["script", "style"].into_iter().find(|n| name_at(b, i + 1, n)).map(|n| i + 1 + n.len()))
        .collect()
}

/// `text` with every literal `<script`/`<style` opening tag marked as ladder's own.
pub fn declare(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut from = 0;
    for at in tag_name_ends(text) {
        out.push_str(&text[from..at]);
        out.push_str(own_mark());
        from = at;
    }
    out.push_str(&text[from..]);
    out
}

/// One `<script>` or `<style>` element as a browser splits it: its opening tag and its contents
/// up to the first `</script` (`</style`) followed by a space, `/` or `>`, in any case.
struct Block<'h> {
    tag: &'static str,
    open: &'h str,
    body: &'h str,
}

/// Every `<script>` and `<style>` element of `html`, in order. The contents of one are never
/// searched for another, as in a browser.
fn inline_blocks(html: &str) -> Vec<Block<'_>> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find('<').map(|i| i + at) {
        at = i + 1;
        let Some(tag) = ["script", "style"].into_iter().find(|n| name_at(b, i + 1, n)) else { continue };
        // The opening tag ends at the first `>` outside a quoted attribute value.
        let mut quote = None;
        let Some(gt) = b[i..].iter().position(|&c| {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None => return c == b'>',
            }
            false
        }) else {
            break;
        };
        let body_start = i + gt + 1;
        let mut end = body_start;
        let body_end = loop {
            match html[end..].find("</") {
                Some(j) if name_at(b, end + j + 2, tag) => break end + j,
                Some(j) => end += j + 2,
                None => break html.len(),
            }
        };
        out.push(Block { tag, open: &html[i..body_start], body: &html[body_start..body_end] });
        at = html[body_end..].find('>').map_or(html.len(), |j| body_end + j + 1);
    }
    out
}

/// `html` without the marks `declare` put in (in any case, should a template filter have changed it).
fn strip_marks(html: &str) -> String {
    let mark = own_mark().as_bytes();
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    // The mark starts with a space.
    for (i, _) in html.match_indices(' ') {
        if i >= from && b.get(i..i + mark.len()).is_some_and(|w| w.eq_ignore_ascii_case(mark)) {
            out.push_str(&html[from..i]);
            from = i + mark.len();
        }
    }
    out.push_str(&html[from..]);
    out
}

/// Put a strict policy into the page: the scripts and styles that ladder and the site's templates
/// declare (`declare`) are allowed by the hash of their bytes; nothing else is. JSON-LD is data,
/// not script, and is not hashed.
pub fn finish_html(html: &str, extra_connect: &str) -> String {
    let mark = own_mark();
    let mut styles = Vec::new();
    let mut scripts = Vec::new();
    for block in inline_blocks(html) {
        if !block.open.contains(mark) {
            continue;
        }
        let hash = format!("'sha256-{}'", sha256_b64(strip_marks(block.body).as_bytes()));
        if block.tag == "style" {
            styles.push(hash);
        } else if !block.open.to_ascii_lowercase().contains("application/ld+json") {
            scripts.push(hash);
        }
    }
    let sources = |mut v: Vec<String>| -> String {
        v.sort();
        v.dedup();
        if v.is_empty() {
            "'none'".to_string()
        } else {
            v.join(" ")
        }
    };
    let (style_src, script_src) = (sources(styles), sources(scripts));
    let policy = format!(
        "default-src 'none'; img-src 'self' data:; style-src {style_src}; script-src {script_src}; connect-src 'self'{extra_connect}; base-uri 'none'; form-action 'self'"
    );
    strip_marks(html).replacen(CSP_PLACEHOLDER, &policy, 1)
}

/// Markup added to every page by `serve` (never by `build`): `head` goes before `</head>`, `body`
/// before `</body>` (at the end when a minifier dropped the optional closing tag). Added before
/// `finish_html` and declared as ladder's own, so its inline style and script are hashed into the
/// page's policy.
#[derive(Clone, Debug, Default)]
pub struct Inject {
    pub head: String,
    pub body: String,
}

pub fn inject(html: String, extra: Option<&Inject>) -> String {
    let Some(x) = extra else { return html };
    let (head, body) = (declare(&x.head), declare(&x.body));
    let mut html = html;
    match html.find("</head>") {
        Some(i) => html.insert_str(i, &head),
        None => match html.find("<body") {
            Some(i) => html.insert_str(i, &head),
            None => html.push_str(&head),
        },
    }
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &body),
        None => html.push_str(&body),
    }
    html
}

/// Where a build writes before the swap: a hidden sibling of the output folder.
fn temp_prefix(out: &Path) -> (PathBuf, String) {
    let parent =
        out.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    (parent, format!(".{name}.ladder-tmp-"))
}

/// Remove temporary folders left by builds that were killed, then make a fresh one.
pub fn prepare(out: &Path) -> io::Result<PathBuf> {
    let (parent, prefix) = temp_prefix(out);
    std::fs::create_dir_all(&parent)?;
    if let Ok(entries) = std::fs::read_dir(&parent) {
        for e in entries.flatten() {
            if e.file_name().to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let tmp = parent.join(format!("{prefix}{}", std::process::id()));
    std::fs::create_dir_all(&tmp)?;
    Ok(tmp)
}

pub fn write(tmp: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let p = tmp.join(rel);
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(p, bytes)
}

pub fn abort(tmp: &Path) {
    let _ = std::fs::remove_dir_all(tmp);
}

/// Swap the finished build in. On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`:
/// at every moment the output folder holds either the previous build or the new one.
pub fn commit(tmp: &Path, out: &Path) -> io::Result<()> {
    if !out.exists() {
        return std::fs::rename(tmp, out);
    }
    if exchange(tmp, out)? {
        // `tmp` now holds the previous build.
        return std::fs::remove_dir_all(tmp);
    }
    let (parent, prefix) = temp_prefix(out);
    let old = parent.join(format!("{prefix}old-{}", std::process::id()));
    std::fs::rename(out, &old)?;
    std::fs::rename(tmp, out)?;
    let _ = std::fs::remove_dir_all(old);
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(io::Error::other)?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(io::Error::other)?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let r = unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
    if r == 0 {
        return Ok(true);
    }
    let e = io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::ENOSYS) | Some(libc::EINVAL) => Ok(false),
        _ => Err(e),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_hashes_declared_blocks_but_not_json_ld() {
        let html = declare(&format!(
            "<meta content=\"{CSP_PLACEHOLDER}\"><style>a{{}}</style><script type=\"application/ld+json\">{{}}</script><script>x()</script>"
        ));
        let out = finish_html(&html, "");
        assert!(out.contains(&format!("style-src 'sha256-{}'", sha256_b64(b"a{}"))));
        assert!(out.contains(&format!("script-src 'sha256-{}'", sha256_b64(b"x()"))));
        assert!(!out.contains(&sha256_b64(b"{}")));
        assert!(out.contains("<style>a{}</style>") && !out.contains("ladder-own"), "{out}");
    }

    #[test]
    fn csp_ignores_blocks_nobody_declared() {
        let own = declare("<script>ok()</script>");
        for injected in [
            "<script>bad()</script>",
            "<SCRIPT>bad()</SCRIPT>",
            "<style>*{}</style>",
            "<script ladder-own-0123>bad()</script>",
            // An unclosed injected script swallows the declared one, as it does in a browser.
            "<script>bad()",
        ] {
            let out = finish_html(&format!("<meta content=\"{CSP_PLACEHOLDER}\">{injected}{own}"), "");
            assert!(!out.contains(&sha256_b64(b"bad()")) && !out.contains(&sha256_b64(b"*{}")), "{out}");
            if !injected.ends_with("bad()") {
                assert!(out.contains(&sha256_b64(b"ok()")), "{out}");
            }
        }
    }

    #[test]
    fn marks_are_removed_in_any_case() {
        let html = declare(&format!("<meta content=\"{CSP_PLACEHOLDER}\"><script>x()</script>")).to_uppercase();
        let out = finish_html(&html.replace("__LADDER_CSP__", CSP_PLACEHOLDER), "");
        assert!(!out.to_lowercase().contains("ladder-own") && out.contains("<SCRIPT>X()</SCRIPT>"), "{out}");
    }

    #[test]
    fn a_block_ends_where_a_browser_ends_it() {
        let html = declare(&format!("<meta content=\"{CSP_PLACEHOLDER}\"><script a=\">\">x()</script >y()</script>"));
        let out = finish_html(&html, "");
        assert!(out.contains(&sha256_b64(b"x()")), "{out}");
    }

    #[test]
    fn swap_replaces_and_cleans_up() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.txt"), "old").unwrap();
        let tmp = prepare(&out).unwrap();
        write(&tmp, "a/index.html", b"new").unwrap();
        commit(&tmp, &out).unwrap();
        assert!(out.join("a/index.html").exists());
        assert!(!out.join("old.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(d.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }
}
