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

/// Whether `h` is an `integrity` value a policy can list: `sha256-`, `sha384-` or `sha512-` and
/// base64 (nothing that could end the source or the policy).
fn is_hash_source(h: &str) -> bool {
    ["sha256-", "sha384-", "sha512-"].iter().any(|p| {
        h.strip_prefix(p).is_some_and(|b| {
            !b.is_empty()
                && b.bytes().all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'-' | b'_'))
        })
    })
}

/// `html` without the marks `declare` put in (in any case, should a template filter have changed it).
fn strip_marks(html: &str) -> String {
    static FINDER: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    let finder = FINDER
        .get_or_init(|| aho_corasick::AhoCorasick::builder().ascii_case_insensitive(true).build([own_mark()]).ok());
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    match finder {
        Some(finder) => {
            for m in finder.find_iter(html) {
                out.push_str(&html[from..m.start()]);
                from = m.end();
            }
        }
        // Building a finder for one short pattern does not fail; should it, the plain scan.
        None => {
            let (mark, b) = (own_mark().as_bytes(), html.as_bytes());
            // The mark starts with a space.
            for (i, _) in html.match_indices(' ') {
                if i >= from && b.get(i..i + mark.len()).is_some_and(|w| w.eq_ignore_ascii_case(mark)) {
                    out.push_str(&html[from..i]);
                    from = i + mark.len();
                }
            }
        }
    }
    out.push_str(&html[from..]);
    out
}

/// The value of attribute `name` in an opening tag (`<script a="1" b>`), as written (entities
/// are not decoded; `None` when the tag does not have it).
fn attr<'h>(open: &'h str, name: &str) -> Option<&'h str> {
    let b = open.as_bytes();
    let end = b.len() - usize::from(b.last() == Some(&b'>'));
    // After the tag's name.
    let mut i = b.iter().position(|c| c.is_ascii_whitespace() || *c == b'/').unwrap_or(end);
    while i < end {
        while i < end && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let start = i;
        while i < end && !(b[i].is_ascii_whitespace() || b[i] == b'=' || b[i] == b'/') {
            i += 1;
        }
        let key = &open[start..i];
        while i < end && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < end && b[i] == b'=' {
            i += 1;
            while i < end && b[i].is_ascii_whitespace() {
                i += 1;
            }
            let (from, to) = match b.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let close = b[i + 1..end].iter().position(|&c| c == q).map_or(end, |j| i + 1 + j);
                    (i + 1, close)
                }
                _ => (i, b[i..end].iter().position(|c| c.is_ascii_whitespace()).map_or(end, |j| i + j)),
            };
            value = &open[from..to];
            i = (to + 1).min(end);
        }
        if key.eq_ignore_ascii_case(name) {
            return Some(value);
        }
        if start == i {
            i += 1;
        }
    }
    None
}

/// Put a strict policy into the page: the scripts and styles that ladder and the site's templates
/// declare (`declare`) are allowed by the hash of their bytes; nothing else is. A declared
/// `<script src>` is allowed by the hashes of its `integrity` attribute (the browser runs the file
/// only when its bytes match); stylesheets come from the site's own origin (`'self'`: browsers
/// have no hash for an external stylesheet). JSON-LD is data, not script, and is not hashed.
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
        } else if attr(block.open, "src").is_some() {
            let integrity = attr(block.open, "integrity").unwrap_or("");
            scripts.extend(integrity.split_ascii_whitespace().filter(|h| is_hash_source(h)).map(|h| format!("'{h}'")));
        } else if !attr(block.open, "type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) {
            scripts.push(hash);
        }
    }
    let sources = |mut v: Vec<String>, first: &str| -> String {
        v.sort();
        v.dedup();
        if !first.is_empty() {
            v.insert(0, first.to_string());
        }
        if v.is_empty() {
            "'none'".to_string()
        } else {
            v.join(" ")
        }
    };
    let (style_src, script_src) = (sources(styles, "'self'"), sources(scripts, ""));
    let policy = format!(
        "default-src 'none'; img-src 'self' data:; style-src {style_src}; script-src {script_src}; connect-src 'self'{extra_connect}; base-uri 'none'; form-action 'self'"
    );
    let mut page = strip_marks(html);
    if let Some(at) = page.find(CSP_PLACEHOLDER) {
        page.replace_range(at..at + CSP_PLACEHOLDER.len(), &policy);
    }
    page
}

/// Markup added by `serve` to a page it sends (the live-reload script; never by `build`): `head` goes before `</head>`, `body`
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

/// Every build puts this file at the top of its output, so that a later build knows the folder is
/// ladder's to replace (`check_replaceable`). Same bytes every build; harmless when published.
pub const MARKER: &str = ".ladder-output";
pub const MARKER_TEXT: &str =
    "This folder was written by `ladder build`. The next build into it replaces everything in it.\n";

/// Where a build writes before the swap: a hidden sibling of the output folder.
fn temp_prefix(out: &Path) -> (PathBuf, String) {
    let (parent, name) = parent_and_name(out);
    (parent, format!(".{name}.ladder-tmp-"))
}

fn parent_and_name(out: &Path) -> (PathBuf, String) {
    let parent =
        out.parent().filter(|p| !p.as_os_str().is_empty()).map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = out.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| "public".into());
    (parent, name)
}

/// Whether process `pid` is running (an unknown answer counts as running: its folder is kept).
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Ok(p) = libc::pid_t::try_from(pid) else { return true };
    if p <= 0 {
        return true;
    }
    // SAFETY: signal 0 only asks whether the process exists; nothing is sent.
    let r = unsafe { libc::kill(p, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

/// Remove the temporary folders of builds into `out` whose process is gone (killed mid-build, or
/// an old output that could not be removed), then make a fresh one holding the marker. Another
/// running build's folder is left alone.
pub fn prepare(out: &Path) -> io::Result<PathBuf> {
    let (parent, prefix) = temp_prefix(out);
    std::fs::create_dir_all(&parent)?;
    let me = std::process::id();
    if let Ok(entries) = std::fs::read_dir(&parent) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(rest) = name.strip_prefix(&prefix) else { continue };
            let Ok(pid) = rest.strip_prefix("old-").unwrap_or(rest).parse::<u32>() else { continue };
            if pid == me || !alive(pid) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let tmp = parent.join(format!("{prefix}{me}"));
    std::fs::create_dir_all(&tmp)?;
    std::fs::write(tmp.join(MARKER), MARKER_TEXT)?;
    Ok(tmp)
}

pub fn write(tmp: &Path, rel: &str, bytes: &[u8]) -> io::Result<()> {
    let p = tmp.join(rel);
    if let Some(dir) = p.parent() {
        // Most pages have a folder of their own whose parent exists: one `mkdir`, no `stat` first.
        match std::fs::create_dir(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => {}
            Err(_) => std::fs::create_dir_all(dir)?,
        }
    }
    std::fs::write(p, bytes)
}

pub fn abort(tmp: &Path) {
    let _ = std::fs::remove_dir_all(tmp);
}

/// The previous output, still on disk after the new one was swapped in: where, and why.
#[derive(Debug)]
pub struct Leftover {
    pub path: PathBuf,
    pub error: io::Error,
}

/// Swap the finished build in. On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`:
/// at every moment the output folder holds either the previous build or the new one.
///
/// `Ok(None)`: `out` holds the new build and nothing else is left. `Ok(Some(_))`: `out` holds the
/// new build, the previous one could not be removed and is where `Leftover` says. `Err(message)`:
/// the message says what is on disk (in every case but one, `out` is as it was and `tmp` is gone).
pub fn commit(tmp: &Path, out: &Path) -> Result<Option<Leftover>, String> {
    let nothing = |what: &str, e: io::Error| {
        abort(tmp);
        format!("{what}: {e}; `{}` is as it was", out.display())
    };
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(tmp, out).map(|()| None).map_err(|e| nothing("cannot move the new build in", e));
    }
    match exchange(tmp, out) {
        // `tmp` now holds the previous build.
        Ok(true) => return Ok(remove_tree(tmp).err().map(|error| Leftover { path: tmp.into(), error })),
        Ok(false) => {}
        Err(e) => return Err(nothing("cannot swap the new build in", e)),
    }
    let (parent, prefix) = temp_prefix(out);
    let old = parent.join(format!("{prefix}old-{}", std::process::id()));
    std::fs::rename(out, &old).map_err(|e| nothing("cannot move the previous output aside", e))?;
    if let Err(e) = std::fs::rename(tmp, out) {
        return match std::fs::rename(&old, out) {
            Ok(()) => Err(nothing("cannot move the new build in", e)),
            Err(_) => Err(format!(
                "cannot move the new build in: {e}; `{}` is missing: the previous output is in `{}` and the new build in `{}`",
                out.display(),
                old.display(),
                tmp.display()
            )),
        };
    }
    Ok(remove_tree(&old).err().map(|error| Leftover { path: old, error }))
}

/// Remove a folder and everything in it, as `std::fs::remove_dir_all` does (symbolic links are
/// removed, never followed), with the files of different folders removed on different cores: a
/// previous output of 17,000 pages takes a quarter of a second to remove on one.
pub fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries: Vec<std::fs::DirEntry> = std::fs::read_dir(dir)?.collect::<io::Result<_>>()?;
    entries.par_iter().try_for_each(|e| {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => remove_tree(&path),
            _ => match std::fs::remove_file(&path) {
                Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(()),
                r => r,
            },
        }
    })?;
    std::fs::remove_dir(dir)
}

/// Builds into one output folder take turns: a lock on a hidden file beside it, held from before the
/// checks of the old output until the new one is swapped in. The lock is the operating system's
/// (`flock` on Unix, through `std::fs::File::lock`), so a killed build never leaves it held; the
/// file (it holds the holder's process id) is removed when the build ends.
pub struct OutLock {
    path: PathBuf,
    _file: std::fs::File,
}

impl OutLock {
    /// Take the lock for `out`; when another build holds it, call `waiting` with its process id
    /// (when known) and wait for it.
    pub fn acquire(out: &Path, waiting: impl FnOnce(Option<u32>)) -> io::Result<OutLock> {
        use std::io::{Read as _, Seek as _, Write as _};
        let (parent, name) = parent_and_name(out);
        std::fs::create_dir_all(&parent)?;
        let path = parent.join(format!(".{name}.ladder-lock"));
        let mut waiting = Some(waiting);
        loop {
            let mut file =
                std::fs::OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(std::fs::TryLockError::WouldBlock) => {
                    if let Some(w) = waiting.take() {
                        let mut pid = String::new();
                        let _ = file.read_to_string(&mut pid);
                        w(pid.trim().parse().ok());
                    }
                    file.lock()?;
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
            // The build before us removes the file on its way out: hold the lock only on the file
            // that is at the path now, or the next build would lock a new file beside ours.
            if same_file(&file, &path) {
                file.set_len(0)?;
                file.rewind()?;
                writeln!(file, "{}", std::process::id())?;
                return Ok(OutLock { path, _file: file });
            }
        }
    }
}

#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &std::fs::File, _path: &Path) -> bool {
    true
}

impl Drop for OutLock {
    fn drop(&mut self) {
        // Removed while still held (the file closes after this), so a waiting build sees it is gone.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What can be checked before a build replaces `out` (under its lock): it is a folder (or missing),
/// not a mount point, written by an earlier ladder build (or `force`), and every folder in it can
/// be emptied. `Err` is the message for the editor; nothing has been created or moved.
pub fn check_replaceable(out: &Path, force: bool) -> Result<(), String> {
    let shown = out.display();
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(format!("cannot read `--out {shown}`: {e}")),
    };
    if !meta.is_dir() {
        return Err(format!(
            "`--out {shown}` is a file, not a folder; ladder writes a folder there and will not replace the file\n  = help: choose a folder, e.g. `--out public`, or move the file away"
        ));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let (parent, _) = parent_and_name(out);
        if std::fs::metadata(&parent).is_ok_and(|p| p.dev() != meta.dev()) {
            return Err(format!(
                "`--out {shown}` is the top of a mounted file system; ladder cannot swap a new build in there\n  = help: build into a folder inside it, e.g. `--out {}`",
                out.join("public").display()
            ));
        }
    }
    let mut held: Vec<String> = std::fs::read_dir(out)
        .map_err(|e| format!("cannot read `--out {shown}`: {e}"))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let ours = std::fs::symlink_metadata(out.join(MARKER)).is_ok_and(|m| m.is_file());
    if !held.is_empty() && !ours && !force {
        held.sort();
        let shown_names: Vec<String> = held.iter().take(3).map(|n| format!("`{n}`")).collect();
        let more = if held.len() > 3 { format!(" and {} more", held.len() - 3) } else { String::new() };
        return Err(format!(
            "`--out {shown}` holds files no ladder build wrote ({}{more}); building would delete them\n  = help: choose another folder, or pass `--force` to replace everything in it",
            shown_names.join(", ")
        ));
    }
    for e in walkdir::WalkDir::new(out).sort_by_file_name().into_iter().flatten() {
        if e.file_type().is_dir() && !writable(e.path()) {
            return Err(format!(
                "`{}` in the previous output is read-only (or cannot be listed), so the previous output cannot be removed; nothing was written\n  = help: make it writable (`chmod -R u+w {shown}`) or remove it",
                e.path().display()
            ));
        }
    }
    Ok(())
}

/// Whether the folder `dir` can be listed and emptied.
#[cfg(unix)]
fn writable(dir: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else { return false };
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::R_OK | libc::W_OK | libc::X_OK) == 0 }
}

#[cfg(not(unix))]
fn writable(dir: &Path) -> bool {
    std::fs::metadata(dir).is_ok_and(|m| !m.permissions().readonly())
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

/// `path` made absolute with `.`, `..` and symbolic links resolved the way the system will resolve
/// them once the missing folders are created: each existing prefix is canonicalised (a link is
/// followed before a later `..` applies), a missing part is kept as a folder to be made.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    use std::path::Component;
    let abs = if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) };
    let mut r = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::Prefix(_) | Component::RootDir => r.push(c.as_os_str()),
            Component::CurDir => {}
            Component::ParentDir => {
                r.pop();
            }
            Component::Normal(name) => {
                r.push(name);
                match std::fs::symlink_metadata(&r) {
                    Ok(_) => r = r.canonicalize()?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => return Err(e),
                }
            }
        }
    }
    Ok(r)
}

/// Resolve `--out` (before anything is created) and refuse a folder that is a file system's root,
/// the user's home or holds it, is the site root or holds it, or is or sits inside a source folder
/// (`data/`, `content/`, `templates/`, wherever their links lead). `Ok`: the resolved path, the one
/// a build must use.
pub fn check_out_dir(root: &Path, out: &Path) -> Result<PathBuf, String> {
    let given = out.display();
    let resolved = resolve(out).map_err(|e| format!("cannot resolve `--out {given}`: {e}"))?;
    let shown = if resolved == out {
        format!("`--out {given}`")
    } else {
        format!("`--out {given}` (that is `{}`)", resolved.display())
    };
    let help = "\n  = help: choose an output folder outside the site's sources, e.g. `--out public`";
    let own = "\n  = help: build into a folder of its own, e.g. `--out public`";
    if resolved.parent().is_none() {
        return Err(format!("{shown} is the root of the file system{own}"));
    }
    let root = resolve(root).map_err(|e| format!("cannot resolve `--root {}`: {e}", root.display()))?;
    if root.starts_with(&resolved) {
        return Err(format!(
            "{shown} is the site root or holds it; building there would delete the site's files{help}"
        ));
    }
    for dir in ["data", "content", "templates"] {
        let source = resolve(&root.join(dir)).unwrap_or_else(|_| root.join(dir));
        if resolved.starts_with(&source) {
            return Err(format!("{shown} is inside the site's `{dir}/` folder{help}"));
        }
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).and_then(|h| resolve(Path::new(&h)).ok());
    if home.is_some_and(|h| h.starts_with(&resolved)) {
        return Err(format!("{shown} is your home folder or holds it; building there would delete your files{own}"));
    }
    Ok(resolved)
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
        assert!(out.contains(&format!("style-src 'self' 'sha256-{}'", sha256_b64(b"a{}"))));
        assert!(out.contains(&format!("script-src 'sha256-{}'", sha256_b64(b"x()"))));
        assert!(!out.contains(&sha256_b64(b"{}")));
        assert!(out.contains("<style>a{}</style>") && !out.contains("ladder-own"), "{out}");
    }

    #[test]
    fn a_declared_external_script_is_allowed_by_its_integrity_only() {
        let html = declare(&format!(
            "<meta content=\"{CSP_PLACEHOLDER}\"><script src=\"/a.js\" integrity=\"sha256-AbC+/= sha384-x'y\" defer></script>"
        ));
        let out = finish_html(&html, "");
        assert!(out.contains("script-src 'sha256-AbC+/=';"), "{out}");
        // Nobody declared this one: its integrity does not reach the policy.
        let out = finish_html(
            &format!("<meta content=\"{CSP_PLACEHOLDER}\"><script src=/b.js integrity=sha256-Bad></script>"),
            "",
        );
        assert!(out.contains("script-src 'none';") && out.contains("style-src 'self';"), "{out}");
        assert_eq!(attr("<script a = 'x' B=y c>", "b"), Some("y"));
        assert_eq!(attr("<script a = 'x' B=y c>", "c"), Some(""));
        assert_eq!(attr("<script a=\"src\">", "src"), None);
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
        assert!(commit(&tmp, &out).unwrap().is_none());
        assert!(out.join("a/index.html").exists());
        assert!(!out.join("old.txt").exists());
        let leftovers: Vec<_> = std::fs::read_dir(d.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn a_removed_tree_takes_its_links_but_never_what_they_point_to() {
        let d = tempfile::tempdir().unwrap();
        let kept = d.path().join("sources");
        std::fs::create_dir_all(kept.join("data")).unwrap();
        std::fs::write(kept.join("data/role.yaml"), "keep me").unwrap();
        let old = d.path().join("old");
        for i in 0..40 {
            std::fs::create_dir_all(old.join(format!("roles/r{i}/pay"))).unwrap();
            std::fs::write(old.join(format!("roles/r{i}/index.html")), "x").unwrap();
            std::fs::write(old.join(format!("roles/r{i}/pay/index.html")), "x").unwrap();
        }
        std::fs::write(old.join("index.html"), "x").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&kept, old.join("roles/r3/link-to-sources")).unwrap();
            std::os::unix::fs::symlink(kept.join("data/role.yaml"), old.join("file-link")).unwrap();
        }
        remove_tree(&old).unwrap();
        assert!(!old.exists());
        assert_eq!(std::fs::read_to_string(kept.join("data/role.yaml")).unwrap(), "keep me");
        assert!(remove_tree(&d.path().join("missing")).is_err());
    }
}
