//! Load: walk the site root, read every file the contract knows, parse YAML and front matter.
//!
//! Hands on a `Loaded` value holding the raw records (with positions), the text of every file
//! (for diagnostics), and one diagnostic per file that could not be read or parsed. Files the
//! contract does not know are errors; editors' temporary files are never read.

use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::data::*;
use crate::diagnostic::{did_you_mean, Diagnostic, SourceMap};

/// A record read from its own file (`data/roles/ID.yaml`, `data/paths/ID.yaml`).
#[derive(Debug)]
pub struct FileRecord<T> {
    pub id: String,
    pub path: String,
    pub data: T,
}

/// A Markdown page under `content/`.
#[derive(Debug)]
pub struct PageFile {
    /// `guides/SLUG/` address segment(s): `a/b` for `content/a/b.md`; empty for `_index.md`.
    pub slug: String,
    pub path: String,
    pub front: FrontMatter,
    pub body: String,
    /// Line (1-based) in the file where `body` starts.
    pub body_line: usize,
}

#[derive(Debug)]
pub struct TemplateFile {
    pub name: String,
    pub path: String,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub site: Option<SiteConfig>,
    pub sources: Vec<Source>,
    pub categories: Vec<Category>,
    pub industries: Vec<Industry>,
    pub skills: Vec<Skill>,
    pub pay_bands: Vec<S<PayBand>>,
    pub roles: Vec<FileRecord<Role>>,
    pub paths: Vec<FileRecord<CareerPath>>,
    pub quiz: Option<Quiz>,
    pub wage_tables: Vec<crate::wages::Table>,
    pub wage_meta: Vec<FileRecord<WageTableMeta>>,
    pub home: Option<PageFile>,
    pub pages: Vec<PageFile>,
    pub templates: Vec<TemplateFile>,
    pub files: SourceMap,
    pub diagnostics: Vec<Diagnostic>,
}

use crate::data::files;
pub use crate::data::files::{CATEGORIES, INDUSTRIES, PAY, QUIZ, SITE, SKILLS, SOURCES};

/// Editors' temporary and backup files: never read, never an error.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Ids and each segment of file names and slugs: lowercase `a-z0-9-`, not starting or ending
/// with `-`, so they are safe as URL segments and file names.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

pub fn unsafe_id_help() -> &'static str {
    "ids and file names use lowercase letters, digits and `-` only (e.g. `model-evaluator`)"
}

/// Read the whole site root. Never fails: problems become diagnostics.
pub fn load(root: &Path) -> Loaded {
    let mut l = Loaded::default();
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let data_dir = root.join("data");
    if !data_dir.is_dir() {
        l.diagnostics.push(
            Diagnostic::error("data", 0, 0, "no `data/` folder in the site root")
                .help(format!("run ladder in a site folder, or pass `--root DIR` (looked in {})", root.display())),
        );
        return l;
    }
    for (rel, abs) in walk(root, "data", &canon_root, &mut l.diagnostics) {
        load_data_file(&mut l, &rel, &abs);
    }
    let unpaired = crate::wages::pair_files(&l);
    l.diagnostics.extend(unpaired);
    for (rel, abs) in walk(root, "content", &canon_root, &mut l.diagnostics) {
        load_content_file(&mut l, &rel, &abs);
    }
    for (rel, abs) in walk(root, "templates", &canon_root, &mut l.diagnostics) {
        let name = rel.trim_start_matches("templates/").to_string();
        let ok_ext = [".html", ".css", ".xml", ".txt", ".js"].iter().any(|e| name.ends_with(e));
        if !ok_ext {
            l.diagnostics.push(
                Diagnostic::error(&rel, 0, 0, "unknown file in `templates/`")
                    .help("templates end in .html, .css, .js, .xml or .txt; move other files out of `templates/`"),
            );
            continue;
        }
        if let Some(text) = read_text(&rel, &abs, &mut l.diagnostics, &mut l.files) {
            check_text(&mut l, &rel, &text, None);
            l.templates.push(TemplateFile { name, path: rel, text });
        }
    }
    for required in [SITE, SOURCES, CATEGORIES, SKILLS] {
        // A file that is there but could not be read has its own diagnostic.
        if !l.files.contains(required) && !l.diagnostics.iter().any(|d| d.path == required) {
            l.diagnostics.push(
                Diagnostic::error(required, 0, 0, format!("missing required file `{required}`"))
                    .help("see the data contract in the README for what it holds"),
            );
        }
    }
    if l.roles.is_empty() && !l.diagnostics.iter().any(|d| d.path.starts_with(files::ROLES)) {
        l.diagnostics.push(
            Diagnostic::error("data/roles", 0, 0, "the site has no roles")
                .help("add at least one role as `data/roles/ID.yaml` (try `ladder new role ID`)"),
        );
    }
    l
}

/// Every regular file under `root/dir`, sorted, as (path relative to root, absolute path).
/// Ignored names are skipped; links that lead outside the root are refused.
fn walk(root: &Path, dir: &str, canon_root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let base = root.join(dir);
    let mut out = Vec::new();
    if !base.exists() {
        return out;
    }
    let mut it = walkdir::WalkDir::new(&base)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    while let Some(entry) = it.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel =
                    e.path().and_then(|p| p.strip_prefix(root).ok()).map(rel_string).unwrap_or_else(|| dir.to_string());
                let msg = if e.loop_ancestor().is_some() {
                    "a symbolic link here loops back to a folder above it".to_string()
                } else {
                    format!("cannot read: {e}")
                };
                diags.push(Diagnostic::error(rel, 0, 0, msg));
                continue;
            }
        };
        let rel = match entry.path().strip_prefix(root) {
            Ok(r) => rel_string(r),
            Err(_) => continue,
        };
        // A link, or a folder reached through one, must resolve inside the root: the links that
        // lead out are refused, and nothing under a linked folder that leads out is read.
        if entry.path_is_symlink() || entry.depth() == 0 {
            let inside = entry.path().canonicalize().map(|c| c.starts_with(canon_root)).unwrap_or(false);
            if !inside {
                let what = if entry.file_type().is_dir() { "folder" } else { "file" };
                diags.push(
                    Diagnostic::error(rel, 0, 0, "symbolic link leads outside the site root")
                        .help(format!("copy the {what} into the site instead of linking to it")),
                );
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
        }
        let ft = entry.file_type();
        if ft.is_file() {
            out.push((rel, entry.path().to_path_buf()));
        } else if !ft.is_dir() {
            // Never opened: reading a named pipe would wait forever for a writer.
            diags.push(
                Diagnostic::error(rel, 0, 0, format!("this is {}, not a file or folder", special_kind(ft)))
                    .help("ladder reads only regular files and folders here; remove it or move it out of the site"),
            );
        }
    }
    out
}

/// What a file system entry that is neither a regular file nor a folder is, in words.
fn special_kind(ft: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a named pipe (FIFO)";
        } else if ft.is_socket() {
            return "a socket";
        } else if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    let _ = ft;
    "a special file"
}

fn rel_string(p: &Path) -> String {
    p.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// The file's text; `None` (with a diagnostic) when it cannot be read or is not UTF-8. A file
/// that is not UTF-8 goes into `files` as lossy text, so the diagnostic can show its line.
///
/// Line ends are made `\n`: YAML and CommonMark both read `\r\n` and a lone `\r` as a line
/// end, so this changes no meaning, and every line number (the parser's, ours, the snippet's)
/// then counts the same lines. A site checked out with CRLF line ends builds the same bytes.
fn read_text(rel: &str, abs: &Path, diags: &mut Vec<Diagnostic>, files: &mut SourceMap) -> Option<String> {
    match read_regular(abs) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(unix_line_ends(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s))),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let upto = unix_line_ends(std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default().to_string());
                let line = upto.matches('\n').count() + 1;
                // Columns count characters, as everywhere else.
                let col = upto.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                files.insert(rel, &unix_line_ends(String::from_utf8_lossy(e.as_bytes()).into_owned()));
                diags.push(
                    Diagnostic::error(rel, line, col, "the file is not valid UTF-8 text")
                        .help("save the file as UTF-8"),
                );
                None
            }
        },
        Err(e) => {
            diags.push(Diagnostic::error(rel, 0, 0, format!("cannot read the file: {e}")));
            None
        }
    }
}

/// The bytes of a regular file. Opened without waiting, so a file swapped for a named pipe
/// after the walk is refused instead of blocking the build.
fn read_regular(abs: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    let mut f = opts.open(abs)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!("it is {}, not a file", special_kind(meta.file_type()))));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Keep the file's text for diagnostics and check it for invisible control characters (and,
/// with `yaml_offset`, for YAML escapes that stand for one), each an error at its place. The
/// file is still read, so its other problems are reported in the same run; the errors keep its
/// values out of any page.
fn check_text(l: &mut Loaded, rel: &str, text: &str, yaml_offset: Option<usize>) {
    let mut bad = scan_forbidden(rel, text);
    if let Some(offset) = yaml_offset {
        let yaml = if offset == 0 { Some(text) } else { split_front_matter(text).map(|(y, _, _)| y) };
        bad.extend(scan_yaml_escapes(rel, yaml.unwrap_or_default(), offset));
    }
    if bad.is_empty() {
        l.files.insert(rel, text);
        return;
    }
    // The snippet shows the line: show each control character as its visible symbol.
    l.files.insert(rel, &printable(text));
    l.diagnostics.extend(bad);
}

/// `text` with each forbidden character shown as a visible symbol (`␛` for
/// escape, `�` for C1 controls and noncharacters), one character for one, so columns stay.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && forbidden_char(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\x7f' => '\u{2421}',
            c if forbidden_char(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// `\r\n` and lone `\r` become `\n`; a text without `\r` is returned as it is, not copied.
fn unix_line_ends(s: String) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s
    }
}

fn load_data_file(l: &mut Loaded, rel: &str, abs: &Path) {
    let inner = &rel["data/".len()..];
    let parts: Vec<&str> = inner.split('/').collect();
    let known = match parts.as_slice() {
        [name] if files::SINGLE.iter().any(|f| files::name(f) == *name) => true,
        ["roles" | "paths", file] if file.ends_with(".yaml") => true,
        ["wages", file] if file.ends_with(".yaml") || file.ends_with(".csv") => true,
        _ => false,
    };
    if !known {
        l.diagnostics.push(unknown_data_file(rel, &parts));
        return;
    }
    let Some(text) = read_text(rel, abs, &mut l.diagnostics, &mut l.files) else {
        return;
    };
    check_text(l, rel, &text, Some(0));
    match parts.as_slice() {
        ["site.yaml"] => l.site = parse(rel, &text, 0, &mut l.diagnostics),
        ["sources.yaml"] => l.sources = parse_list(rel, &text, &mut l.diagnostics),
        ["categories.yaml"] => l.categories = parse_list(rel, &text, &mut l.diagnostics),
        ["industries.yaml"] => l.industries = parse_list(rel, &text, &mut l.diagnostics),
        ["skills.yaml"] => l.skills = parse_list(rel, &text, &mut l.diagnostics),
        ["pay.yaml"] => l.pay_bands = parse_list(rel, &text, &mut l.diagnostics),
        ["quiz.yaml"] => l.quiz = parse(rel, &text, 0, &mut l.diagnostics),
        ["wages", file] => {
            let (id, csv) = match file.strip_suffix(".csv") {
                Some(id) => (id, true),
                None => (file.trim_end_matches(".yaml"), false),
            };
            if !is_safe_id(id) {
                l.diagnostics.push(
                    Diagnostic::error(rel, 0, 0, format!("`{id}` is not a safe id for a file name"))
                        .help(unsafe_id_help()),
                );
            } else if csv {
                let (table, diags) = crate::wages::parse_csv(id, rel, &text);
                l.wage_tables.push(table);
                l.diagnostics.extend(diags);
            } else if let Some(data) = parse::<WageTableMeta>(rel, &text, 0, &mut l.diagnostics) {
                l.wage_meta.push(FileRecord { id: id.to_string(), path: rel.to_string(), data });
            }
        }
        [kind, file] => {
            let id = file.trim_end_matches(".yaml").to_string();
            if !is_safe_id(&id) {
                l.diagnostics.push(
                    Diagnostic::error(rel, 0, 0, format!("`{id}` is not a safe id for a file name"))
                        .help(unsafe_id_help()),
                );
                return;
            }
            if *kind == "roles" {
                if let Some(data) = parse::<Role>(rel, &text, 0, &mut l.diagnostics) {
                    l.roles.push(FileRecord { id, path: rel.to_string(), data });
                }
            } else if let Some(data) = parse::<CareerPath>(rel, &text, 0, &mut l.diagnostics) {
                l.paths.push(FileRecord { id, path: rel.to_string(), data });
            }
        }
        _ => {}
    }
}

fn unknown_data_file(rel: &str, parts: &[&str]) -> Diagnostic {
    let d = Diagnostic::error(rel, 0, 0, "unknown file in `data/`: ladder does not read it");
    let known = "data/ holds site.yaml, sources.yaml, categories.yaml, industries.yaml, skills.yaml, pay.yaml, quiz.yaml, roles/ID.yaml, paths/ID.yaml and wages/ID.csv with wages/ID.yaml";
    let help = match parts {
        [dir, file] if (*dir == "roles" || *dir == "paths") && file.ends_with(".yml") => {
            format!("rename it to `{}` (ladder reads `.yaml`)", file.trim_end_matches(".yml").to_string() + ".yaml")
        }
        [name] if name.ends_with(".yml") => {
            format!("rename it to `{}`", name.trim_end_matches(".yml").to_string() + ".yaml")
        }
        [name] => did_you_mean(name, files::SINGLE.map(files::name)).unwrap_or_else(|| known.to_string()),
        [dir, ..] => match did_you_mean(dir, ["roles", "paths"]) {
            Some(h) => format!("{h} (role and path files go in `data/roles/` and `data/paths/`)"),
            None => known.to_string(),
        },
        _ => known.to_string(),
    };
    d.help(help)
}

fn load_content_file(l: &mut Loaded, rel: &str, abs: &Path) {
    let inner = &rel["content/".len()..];
    if !inner.ends_with(".md") {
        let help = if inner.ends_with(".markdown") {
            "rename it to end in `.md`".to_string()
        } else {
            "content/ holds Markdown pages ending in `.md`; put other files elsewhere".to_string()
        };
        l.diagnostics
            .push(Diagnostic::error(rel, 0, 0, "unknown file in `content/`: ladder does not read it").help(help));
        return;
    }
    let slug = inner.trim_end_matches(".md");
    let is_home = slug == "_index";
    if !is_home {
        if let Some(bad) = slug.split('/').find(|seg| !is_safe_id(seg)) {
            l.diagnostics.push(
                Diagnostic::error(rel, 0, 0, format!("`{bad}` is not a safe page address segment"))
                    .help(unsafe_id_help()),
            );
            return;
        }
    }
    let Some(text) = read_text(rel, abs, &mut l.diagnostics, &mut l.files) else {
        return;
    };
    check_text(l, rel, &text, split_front_matter(&text).map(|_| 1));
    let Some((yaml, body, body_line)) = split_front_matter(&text) else {
        let d = if text == "---" || text.starts_with("---\n") {
            Diagnostic::error(rel, 1, 1, "the front matter opened here is never closed")
                .help("end the front matter with a `---` line after its last field (e.g. after `title: ...`)")
                .width(3)
        } else {
            Diagnostic::error(rel, 1, 1, "the page has no front matter")
                .help("start the file with a `---` line, then `title: ...`, then another `---` line")
        };
        l.diagnostics.push(d);
        return;
    };
    if let Some(front) = parse::<FrontMatter>(rel, yaml, 1, &mut l.diagnostics) {
        let page = PageFile {
            slug: if is_home { String::new() } else { slug.to_string() },
            path: rel.to_string(),
            front,
            body: body.to_string(),
            body_line,
        };
        if is_home {
            l.home = Some(page);
        } else {
            l.pages.push(page);
        }
    }
}

/// Split `---\nYAML\n---\nBODY`; returns (yaml, body, body's first line).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Some((yaml, body, i + 3));
        }
        offset += line.len();
    }
    None
}

/// A character with no place in an editor's text: C0 controls other than tab and line feed,
/// DEL, C1 controls, and Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...). They are
/// invisible in an editor and make pages and feeds malformed (XML refuses them outright).
pub fn forbidden_char(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => true,
        c => (c as u32) & 0xfffe == 0xfffe,
    }
}

/// `U+001B (escape)`: how a forbidden character is named in a message.
fn char_name(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\x07' => "bell",
        '\x08' => "backspace",
        '\x0b' => "vertical tab",
        '\x0c' => "form feed",
        '\r' => "carriage return",
        '\x1b' => "escape",
        '\x7f' => "delete",
        '\0'..='\x1f' => "control character",
        '\u{80}'..='\u{9f}' => "C1 control character",
        _ => "noncharacter",
    };
    format!("U+{:04X} ({name})", c as u32)
}

const FORBIDDEN_HELP: &str =
    "remove it: control characters are invisible in an editor and break pages and feeds (tabs and line breaks are fine)";

/// Whether `d` is about a control character: its file was still read whole.
pub fn is_control_character(d: &Diagnostic) -> bool {
    d.help.as_deref() == Some(FORBIDDEN_HELP)
}

/// At most this many forbidden characters are reported per file; then one summary.
const FORBIDDEN_LIMIT: usize = 20;

/// Every forbidden character in a file's text (one a line), and every `&#NN;` reference that
/// stands for one (Markdown turns it into the character). Comments are included: YAML allows
/// none of these characters anywhere in a file. One pass over the text.
fn scan_forbidden(rel: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut more = 0;
    let (mut line, mut col, mut reported_line) = (1, 0, 0);
    for (i, c) in text.char_indices() {
        col += 1;
        let found = if forbidden_char(c) {
            Some((format!("the text holds the invisible character {}", char_name(c)), 1))
        } else if c == '&' && text[i..].starts_with("&#") {
            char_reference(&text[i..]).filter(|(ch, _)| forbidden_char(*ch)).map(|(ch, len)| {
                (format!("`{}` stands for the invisible character {}", &text[i..i + len], char_name(ch)), len)
            })
        } else {
            None
        };
        if let Some((msg, width)) = found {
            if reported_line != line {
                reported_line = line;
                if out.len() < FORBIDDEN_LIMIT {
                    out.push(Diagnostic::error(rel, line, col, msg).help(FORBIDDEN_HELP).width(width));
                } else {
                    more += 1;
                }
            }
        }
        if c == '\n' {
            line += 1;
            col = 0;
        }
    }
    if more > 0 {
        out.push(
            Diagnostic::error(rel, 0, 0, format!("{more} more lines hold invisible control characters"))
                .help(FORBIDDEN_HELP),
        );
    }
    out
}

/// `&#27;` or `&#x1B;` at the start of `s`: the character and the reference's length.
fn char_reference(s: &str) -> Option<(char, usize)> {
    let rest = &s[2..];
    let (digits, radix, skip) = match rest.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (rest, 10, 2),
    };
    let len = digits.bytes().take(8).take_while(|b| b.is_ascii_hexdigit()).count();
    if len == 0 || !digits[len..].starts_with(';') {
        return None;
    }
    let n = u32::from_str_radix(&digits[..len], radix).ok()?;
    Some((char::from_u32(n)?, skip + len + 1))
}

/// Forbidden characters written as escapes (`"\e"`, `"\x00"`, `"\u0007"`) in YAML
/// double-quoted scalars, at the escape. `line_offset` as for `parse`. Only a text with a
/// backslash is parsed for this.
fn scan_yaml_escapes(rel: &str, text: &str, line_offset: usize) -> Vec<Diagnostic> {
    use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
    let mut out = Vec::new();
    if !text.contains('\\') {
        return out;
    }
    for ev in Parser::new_from_str(text) {
        let Ok((Event::Scalar(value, ScalarStyle::DoubleQuoted, ..), span)) = ev else {
            if ev.is_err() {
                break;
            }
            continue;
        };
        if !value.chars().any(forbidden_char) {
            continue;
        }
        let start = span
            .start
            .byte_offset()
            .unwrap_or_else(|| text.char_indices().nth(span.start.index()).map(|(b, _)| b).unwrap_or(text.len()));
        let (mut line, mut col) = (span.start.line(), span.start.col());
        let src = text.get(start..).unwrap_or_default();
        let mut chars = src.char_indices().peekable();
        if src.starts_with('"') {
            chars.next();
            col += 1;
        }
        while let Some((i, c)) = chars.next() {
            col += 1;
            match c {
                '"' => break,
                '\n' => {
                    line += 1;
                    col = 0;
                }
                '\\' => {
                    let len = escape_len(&src[i + 1..]);
                    let esc = &src[i..i + 1 + len];
                    if unescape(esc).is_some_and(forbidden_char) && out.len() < FORBIDDEN_LIMIT {
                        out.push(
                            Diagnostic::error(
                                rel,
                                line + line_offset,
                                col,
                                format!(
                                    "`{esc}` stands for the invisible character {}",
                                    char_name(unescape(esc).unwrap_or('\0'))
                                ),
                            )
                            .help(FORBIDDEN_HELP)
                            .width(esc.chars().count()),
                        );
                    }
                    for _ in 0..len {
                        if let Some((_, '\n')) = chars.next() {
                            line += 1;
                            col = 0;
                        } else {
                            col += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Length in bytes of the escape after a backslash (`e`, `x1b`, `u0007`, ...).
fn escape_len(after: &str) -> usize {
    let hex = |n: usize| 1 + after[1..].bytes().take(n).take_while(|b| b.is_ascii_hexdigit()).count();
    match after.chars().next() {
        Some('x') => hex(2),
        Some('u') => hex(4),
        Some('U') => hex(8),
        Some(c) => c.len_utf8(),
        None => 0,
    }
}

/// The character a YAML double-quoted escape (`\e`, `\x1b`) stands for.
fn unescape(esc: &str) -> Option<char> {
    let body = esc.strip_prefix('\\')?;
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    match body.chars().next()? {
        '0' => Some('\0'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        'v' => Some('\x0b'),
        'f' => Some('\x0c'),
        'r' => Some('\r'),
        'e' => Some('\x1b'),
        'N' => Some('\u{85}'),
        'x' | 'u' | 'U' => hex(&body[1..]),
        _ => None,
    }
}

fn options(len: usize) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    // A bomb is judged by alias expansion and depth, not size: an honest large file (14,000
    // skills) needs more nodes and events than the defaults, in proportion to its bytes.
    budget.max_nodes = budget.max_nodes.max(len);
    budget.max_events = budget.max_events.max(len.saturating_mul(2));
    budget.max_aliases = 10_000;
    budget.max_depth = 64;
    let mut o = serde_saphyr::Options::default();
    o.budget = Some(budget);
    o.with_snippet = false;
    o.alias_limits.max_total_replayed_events = 100_000;
    o.alias_limits.max_alias_expansions_per_anchor = 1_000;
    o
}

/// A list file; an empty one means "none" where the file is optional (industries, pay).
fn parse_list<T: DeserializeOwned>(rel: &str, text: &str, diags: &mut Vec<Diagnostic>) -> Vec<T> {
    if !has_content(text) && !REQUIRED_LISTS.contains(&rel) {
        return Vec::new();
    }
    parse::<Option<Vec<T>>>(rel, text, 0, diags).flatten().unwrap_or_default()
}

const REQUIRED_LISTS: [&str; 3] = [SOURCES, CATEGORIES, SKILLS];

/// Whether YAML text holds anything but blank lines and comments.
fn has_content(text: &str) -> bool {
    text.lines().any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
}

/// What a file must hold, for the message about an empty one.
fn must_hold(rel: &str) -> &'static str {
    match rel {
        SITE => "the site's settings: at least `title: ...` and `base_url: https://...`",
        SOURCES => "the list of sources the site cites: `- id: ...` with `title: ...` for each",
        CATEGORIES => "the list of role categories: `- id: ...` with `name: ...` for each",
        SKILLS => "the list of skills: `- id: ...` with `name: ...` for each",
        QUIZ => "the quiz's `traits` and `questions`; delete the file if the site has no quiz",
        r if r.starts_with(files::ROLES) => {
            "a role: `title`, `category`, `summary` and `skills` (`ladder new role ID` writes a starter); or delete the file"
        }
        r if r.starts_with("data/paths/") => "a career path: `title` and `steps`; or delete the file",
        _ => "the fields described in the data contract in the README",
    }
}

/// An empty (or comment-only) file, or empty front matter: say so, and what belongs there.
fn empty_yaml(rel: &str, text: &str, line_offset: usize) -> Diagnostic {
    if line_offset > 0 {
        return Diagnostic::error(rel, 1, 1, "the front matter is empty")
            .help("a page needs at least a `title: ...` line between the two `---` lines")
            .width(3);
    }
    let what = if text.trim().is_empty() { "the file is empty" } else { "the file holds only comments" };
    Diagnostic::error(rel, 0, 0, what).help(format!("it must hold {}", must_hold(rel)))
}

/// Parse YAML into `T`; `line_offset` is added to positions (front matter starts on line 2).
pub fn parse<T: DeserializeOwned>(rel: &str, text: &str, line_offset: usize, diags: &mut Vec<Diagnostic>) -> Option<T> {
    if !has_content(text) {
        diags.push(empty_yaml(rel, text, line_offset));
        return None;
    }
    match serde_saphyr::from_str_with_options::<T>(text, options(text.len())) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(yaml_error(rel, text, line_offset, &e));
            None
        }
    }
}

fn yaml_error(rel: &str, text: &str, line_offset: usize, e: &serde_saphyr::Error) -> Diagnostic {
    let (line, col) = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| (l.line() as usize + line_offset, l.column() as usize))
        .unwrap_or((0, 0));
    let raw = e.without_snippet().to_string();
    let raw = raw.lines().next().unwrap_or("").to_string();
    // serde-saphyr may prefix the position ("line 3 column 4: ..."); ours is in the headline.
    let msg = strip_position_prefix(&raw);
    let mut d = Diagnostic::error(rel, line, col, msg.clone());
    if let Some((message, help)) = editor_words(original_error(e)) {
        d.message = message;
        d.help = Some(help);
        if matches!(original_error(e), serde_saphyr::Error::MultipleDocuments { .. }) {
            // Point at the `---` line that starts the second document.
            let lines: Vec<&str> = text.lines().collect();
            let upto = d.line.saturating_sub(line_offset).min(lines.len());
            if let Some(i) = (0..upto).rev().find(|&i| lines[i].starts_with("---")) {
                d.line = i + 1 + line_offset;
                d.column = 1;
                d.width = 3;
            }
        }
    } else if let Some((field, expected)) = parse_unknown_field(&msg) {
        d.message = format!("unknown field `{field}`");
        d.width = field.chars().count();
        let help = match did_you_mean(&field, expected.iter().map(String::as_str)) {
            Some(h) => h,
            None if expected.is_empty() => "remove it".to_string(),
            None => format!(
                "this record takes {}; put site-specific values under `extra:`",
                expected.iter().map(|e| format!("`{e}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        d.help = Some(help);
    } else if let Some(field) = msg.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
        d.message = format!("missing required field `{field}`");
        d.help = Some(format!("add `{field}:` to this record"));
        // serde notices at the end of the mapping; for a file that is one record, point at its start.
        if col <= 1 {
            if let Some(first) = text.lines().position(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#')) {
                d.line = first + 1 + line_offset;
                d.column = 1;
            }
        }
    } else if msg.contains("unknown variant") {
        if let Some((given, expected)) = parse_unknown_variant(&msg) {
            d.message = format!("`{given}` is not allowed here");
            d.width = given.chars().count().max(1);
            d.help = Some(match did_you_mean(&given, expected.iter().map(String::as_str)) {
                Some(h) => format!("{h} (one of {})", expected.join(", ")),
                None => format!("use one of {}", expected.join(", ")),
            });
        }
    } else if msg.contains("budget") || msg.contains("alias") && msg.contains("limit") {
        d.message = "YAML aliases or nesting expand this file far beyond its size; refused".to_string();
        d.help = Some(
            "the file expands far beyond its size (YAML aliases or nesting); write the values out instead of repeating anchors"
                .to_string(),
        );
    } else if msg.starts_with("invalid type") {
        d.help = Some(type_help(&msg));
    } else if let Some((plain, help)) = plain_message(&msg) {
        d.message = plain.to_string();
        d.help = Some(help.to_string());
    }
    d
}

/// The error serde-saphyr found, under the wrappers that add a snippet or an alias's place.
fn original_error(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    while let serde_saphyr::Error::WithSnippet { error, .. } | serde_saphyr::Error::AliasError { error, .. } = e {
        e = error;
    }
    e
}

/// serde-saphyr's messages that speak to a Rust programmer (`use Option<String>`, `set
/// DuplicateKeyPolicy in Options`), said to the editor: (message, help).
fn editor_words(e: &serde_saphyr::Error) -> Option<(String, String)> {
    use serde_saphyr::Error as E;
    let words = match e {
        E::DuplicateMappingKey { key, .. } => (
            match key {
                Some(k) => format!("`{}` is written twice in this record", k.trim_matches('"')),
                None => "a key is written twice in this record".to_string(),
            },
            "keep one of the two lines: YAML does not say which one counts".to_string(),
        ),
        E::NullIntoString { .. } => (
            "expected text here, found an empty value".to_string(),
            "write the text, or remove the entry (`~`, `null` or nothing after `:` or `-` is empty)".to_string(),
        ),
        E::MultipleDocuments { .. } => (
            "a second YAML document starts here: a data file holds one".to_string(),
            "remove this `---` line (and join or remove what follows it)".to_string(),
        ),
        E::Eof { .. } => (
            "the file ends in the middle of a value".to_string(),
            "check for an unclosed quote or bracket, or a key with nothing after it".to_string(),
        ),
        E::UnknownAnchor { .. } => (
            "this `*name` refers to an anchor that is not defined above it".to_string(),
            "define the value first with `&name`, or write the value out here".to_string(),
        ),
        E::NonFiniteFloat { value, .. } => {
            (format!("`{value}` is not a number a page can show"), "write a plain number such as `80000`".to_string())
        }
        E::SerdeInvalidType { unexpected, expected, .. } => (
            format!("expected {} here, found {}", expected_words(expected), found_words(unexpected)),
            type_help(expected),
        ),
        E::SerdeInvalidValue { unexpected, expected, .. } => (
            format!("{} is not allowed here: expected {}", found_words(unexpected), expected_words(expected)),
            type_help(expected),
        ),
        E::SerdeInvalidLength { len, expected, .. } => {
            (format!("this list has {len} items, expected {expected}"), "check the number of items".to_string())
        }
        E::UnexpectedSequenceEnd { .. } | E::UnexpectedMappingEnd { .. } | E::ContainerEndMismatch { .. } => (
            "YAML syntax error: a list or mapping ends where it should not".to_string(),
            "check that brackets are closed and items line up".to_string(),
        ),
        E::ExternallyTaggedEnumExpectedScalarOrMapping { .. } => (
            "expected one word here, found a list".to_string(),
            "write one of the words this field allows (the data contract in the README lists them)".to_string(),
        ),
        E::UnsupportedTag { tag, .. } => (
            format!("the YAML tag `{tag}` is not supported"),
            "remove the tag (the `!...` before the value); write the plain value".to_string(),
        ),
        _ => return None,
    };
    Some(words)
}

/// serde's name of the type it wanted, in an editor's words.
fn expected_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "a sequence" | "sequence" => "a list",
        "a string" | "string" | "a borrowed string" | "a character" | "char" => "text",
        "a boolean" | "bool" => "`true` or `false`",
        "f64" | "f32" | "a floating point number" => "a number",
        "i64" | "i32" | "u64" | "u32" | "u16" | "u8" | "i16" | "i8" | "usize" | "isize" | "an integer" => {
            "a whole number"
        }
        "a map" | "a mapping" | "map" => "a mapping of `key: value` lines",
        _ if e.starts_with("struct ") => "a mapping of `key: value` lines",
        _ if e.starts_with("enum ") || e.starts_with("variant ") => "one of the words this field allows",
        _ if e.starts_with("a sequence") => "a list",
        _ => return e.to_string(),
    };
    words.to_string()
}

/// serde's description of the value it found (`string "x"`, `integer `5``), in editor's words.
fn found_words(unexpected: &str) -> String {
    let u = unexpected.trim();
    if let Some(v) = u.strip_prefix("string ") {
        return format!("the text `{}`", v.trim_matches('"'));
    }
    for prefix in ["integer ", "floating point ", "boolean ", "char "] {
        if let Some(v) = u.strip_prefix(prefix) {
            return format!("`{}`", v.trim_matches('`').trim_matches('"'));
        }
    }
    match u {
        "unit value" | "null" | "unit" | "none" | "Option value" => "an empty value".to_string(),
        "sequence" => "a list".to_string(),
        "map" => "a mapping".to_string(),
        _ => format!("`{u}`"),
    }
}

fn strip_position_prefix(msg: &str) -> String {
    let m = msg.trim();
    if let Some(rest) = m.strip_prefix("line ") {
        if let Some(idx) = rest.find(": ") {
            let head = &rest[..idx];
            if head.chars().all(|c| c.is_ascii_digit() || c == ' ' || c.is_ascii_alphabetic()) {
                return rest[idx + 2..].to_string();
            }
        }
    }
    if let Some(idx) = m.rfind(" at line ") {
        return m[..idx].to_string();
    }
    m.to_string()
}

fn backticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

/// `unknown field `x`, expected one of a, b, c` (serde's wording; names may be backticked).
fn parse_unknown(msg: &str, prefix: &str) -> Option<(String, Vec<String>)> {
    let rest = msg.strip_prefix(prefix)?;
    let given = backticked(rest).into_iter().next()?;
    let expected = match rest.split_once("expected one of ").or_else(|| rest.split_once("expected ")) {
        Some((_, list)) => list
            .split(", ")
            .map(|s| s.trim().trim_matches('`').trim_start_matches("or ").trim_matches('`').to_string())
            .filter(|s| !s.is_empty() && !s.contains(' '))
            .collect(),
        None => Vec::new(),
    };
    Some((given, expected))
}

fn parse_unknown_field(msg: &str) -> Option<(String, Vec<String>)> {
    parse_unknown(msg, "unknown field ")
}

fn parse_unknown_variant(msg: &str) -> Option<(String, Vec<String>)> {
    parse_unknown(msg, "unknown variant ")
}

/// serde-saphyr's low-level wording, said the way an editor thinks about the file.
fn plain_message(msg: &str) -> Option<(&'static str, &'static str)> {
    let m = msg.to_lowercase();
    let table: &[(&str, &str, &str)] = &[
        ("unclosed quote", "YAML syntax error: a quote is never closed", "close the quote at the end of the value"),
        (
            "unclosed bracket",
            "YAML syntax error: a bracket is never closed",
            "close it with the matching `]` or `}`, or write one `- item` per line",
        ),
        (
            "mismatched bracket",
            "YAML syntax error: a bracket is closed by the wrong kind",
            "close `[` with `]` and `{` with `}`",
        ),
        ("misplaced bracket", "YAML syntax error: a closing bracket that was never opened", "remove it, or open it"),
        (
            "mapping values are not allowed",
            "YAML syntax error: `: ` in the middle of a value",
            "quote the value when it holds `: ` (e.g. `title: \"Ratio: 3\"`)",
        ),
        ("tab", "YAML syntax error: a tab in the indentation", "indent with spaces, not tabs"),
        (
            "indentation",
            "YAML syntax error: this line's indentation does not fit",
            "line it up with the other lines at its level (spaces only)",
        ),
        (
            "unknown escape character",
            "YAML syntax error: an unknown `\\` escape in double-quoted text",
            "write `\\\\` for a backslash, or quote the text with single quotes",
        ),
        (
            "unexpected eof",
            "the file ends in the middle of a list or mapping",
            "check for an unclosed bracket or quote",
        ),
        (
            "block sequence entries are not allowed",
            "YAML syntax error: a `- ` item where a value was expected",
            "put list items on their own lines under the key, indented",
        ),
        (
            "is only valid inside a block",
            "YAML syntax error: a `- ` item inside a `[...]` list",
            "close the `[` before the `- ` items, or remove it",
        ),
        ("expected string scalar", "expected text here", "write text (quote it if it contains `: `, `[` or `{`)"),
        (
            "invalid floating point",
            "expected a number here",
            "write a plain number, without currency signs or commas (e.g. `80000`)",
        ),
        ("invalid integer", "expected a whole number here", "write a whole number such as `3`"),
        ("invalid i64", "expected a whole number here", "write a whole number such as `3`"),
        ("invalid u32", "expected a whole number (0 or more) here", "write a whole number such as `30`"),
        ("expected sequence start", "expected a list here", "write a list: `[a, b]`, or one `- item` per line"),
        (
            "expected mapping start",
            "expected a mapping of `key: value` lines here",
            "indent the record's fields under it",
        ),
        ("invalid boolean", "expected `true` or `false` here", "write `true` or `false`"),
        (
            "did not find expected",
            "YAML syntax error: a bracket, quote or indentation is off",
            "check that brackets and quotes are closed and items line up",
        ),
        ("while scanning", "YAML syntax error", "check quotes, colons and indentation on this line"),
    ];
    table.iter().find(|(k, _, _)| m.contains(k)).map(|(_, msg, help)| (*msg, *help))
}

/// What to write, for serde's name of the type it wanted.
fn type_help(expected: &str) -> String {
    let msg = format!("expected {}", expected.trim_start_matches("expected "));
    if msg.contains("expected a sequence") {
        "write a list: `[a, b]` or one `- item` per line".to_string()
    } else if msg.contains("expected a string") || msg.contains("expected string") {
        "write text here (quote it if it looks like a number or a date)".to_string()
    } else if msg.contains("expected a map") || msg.contains("expected struct") || msg.contains("expected a mapping") {
        "write a mapping of `key: value` lines here".to_string()
    } else if msg.contains("f64") || msg.contains("i64") || msg.contains("u32") || msg.contains("number") {
        "write a plain number here, without currency signs or commas (e.g. `80000`)".to_string()
    } else if msg.contains("bool") {
        "write `true` or `false`".to_string()
    } else {
        "check the value's type against the data contract in the README".to_string()
    }
}

impl SourceMap {
    pub fn contains(&self, path: &str) -> bool {
        self.line(path, 1).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_editor_temporaries() {
        for n in [".x.yaml.swp", "#a#", "a.yaml~", "4913", "x.tmp", ".hidden"] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("a.yaml"));
    }

    #[test]
    fn safe_ids() {
        assert!(is_safe_id("model-evaluator"));
        for bad in ["", "A", "a_b", "../x", "-a", "a-", "a b", "é"] {
            assert!(!is_safe_id(bad), "{bad}");
        }
    }

    #[test]
    fn front_matter_split() {
        let (y, b, line) = split_front_matter("---\ntitle: x\n---\nHello\n").unwrap();
        assert_eq!(y, "title: x\n");
        assert_eq!(b, "Hello\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("title: x\n").is_none());
    }
}
