//! Output: the one place that finishes pages (Content-Security-Policy from the final bytes) and
//! writes them. A build writes into a temporary folder beside the output and swaps it in only
//! when everything succeeded; a failed build leaves the previous output as it was.

use std::io;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Templates put this where the page's policy goes; `finish_html` replaces it.
pub const CSP_PLACEHOLDER: &str = "__LADDER_CSP__";

pub fn sha256_b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(bytes))
}

/// Contents of every inline `<tag ...>...</tag>` whose opening tag passes `keep`.
fn inline_blocks<'h>(html: &'h str, tag: &str, keep: impl Fn(&str) -> bool) -> Vec<&'h str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let after = &rest[i..];
        let Some(gt) = after.find('>') else { break };
        let open_tag = &after[..gt];
        let body = &after[gt + 1..];
        let Some(end) = body.find(&close) else { break };
        if keep(open_tag) {
            out.push(&body[..end]);
        }
        rest = &body[end + close.len()..];
    }
    out
}

/// Put a strict policy into the page: scripts and styles allowed by the hash of their bytes.
pub fn finish_html(html: &str, extra_connect: &str) -> String {
    let hashes = |blocks: Vec<&str>| -> String {
        let mut v: Vec<String> = blocks.iter().map(|b| format!("'sha256-{}'", sha256_b64(b.as_bytes()))).collect();
        v.sort();
        v.dedup();
        v.join(" ")
    };
    let styles = hashes(inline_blocks(html, "style", |_| true));
    let scripts = hashes(inline_blocks(html, "script", |t| !t.contains("application/ld+json")));
    let style_src = if styles.is_empty() { "'none'".to_string() } else { styles };
    let script_src = if scripts.is_empty() { "'none'".to_string() } else { scripts };
    let policy = format!(
        "default-src 'none'; img-src 'self' data:; style-src {style_src}; script-src {script_src}; connect-src 'self'{extra_connect}; base-uri 'none'; form-action 'self'"
    );
    html.replacen(CSP_PLACEHOLDER, &policy, 1)
}

/// Markup added to every page by `serve` (never by `build`): `head` goes before `</head>`, `body`
/// before `</body>` (at the end when a minifier dropped the optional closing tag). Added before
/// `finish_html`, so its inline style and script are hashed into the page's policy like any other.
#[derive(Clone, Debug, Default)]
pub struct Inject {
    pub head: String,
    pub body: String,
}

pub fn inject(html: String, extra: Option<&Inject>) -> String {
    let Some(x) = extra else { return html };
    let mut html = html;
    match html.find("</head>") {
        Some(i) => html.insert_str(i, &x.head),
        None => match html.find("<body") {
            Some(i) => html.insert_str(i, &x.head),
            None => html.push_str(&x.head),
        },
    }
    match html.rfind("</body>") {
        Some(i) => html.insert_str(i, &x.body),
        None => html.push_str(&x.body),
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
    fn csp_hashes_inline_blocks_but_not_json_ld() {
        let html = format!(
            "<meta content=\"{CSP_PLACEHOLDER}\"><style>a{{}}</style><script type=\"application/ld+json\">{{}}</script><script>x()</script>"
        );
        let out = finish_html(&html, "");
        assert!(out.contains(&format!("style-src 'sha256-{}'", sha256_b64(b"a{}"))));
        assert!(out.contains(&format!("script-src 'sha256-{}'", sha256_b64(b"x()"))));
        assert!(!out.contains(&sha256_b64(b"{}")));
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
