//! Load: walk the site root, read every file the contract knows, parse YAML and front matter.
//!
//! Hands on a `Loaded` value holding the raw records (with positions), the text of every file
//! (for diagnostics), and one diagnostic per file that could not be read or parsed. Files the
//! contract does not know are errors; editors' temporary files are never read.

use std::path::{Path, PathBuf};

use crate::data::*;
use crate::diagnostic::{did_you_mean, Diagnostic, SourceMap};

pub mod partial;
mod text;
mod yaml;

use text::*;
pub use text::{forbidden_char, is_control_character, printable};
pub use yaml::parse;
use yaml::*;

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
    pub pay_bands: Vec<Placed<PayBand>>,
    pub roles: Vec<FileRecord<Role>>,
    pub paths: Vec<FileRecord<CareerPath>>,
    pub quiz: Option<Quiz>,
    pub wage_tables: Vec<crate::wages::table::Table>,
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
    let data = walk(root, "data", &canon_root, &mut l.diagnostics);
    let mut content_walk = Vec::new();
    let content = walk(root, "content", &canon_root, &mut content_walk);
    // Data and content files are read together; what they gave is added in the order of reading
    // the data, pairing the wage files, then the content.
    let mut each = read_each(
        data.iter()
            .map(|(rel, abs)| (rel, abs, load_data_file as Reader))
            .chain(content.iter().map(|(rel, abs)| (rel, abs, load_content_file as Reader))),
    );
    let content_each = each.split_off(data.len());
    for one in each {
        l.absorb(one);
    }
    let unpaired = pair_wage_files(&l);
    l.diagnostics.extend(unpaired);
    l.diagnostics.extend(content_walk);
    for one in content_each {
        l.absorb(one);
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
    l.diagnostics.extend(no_roles(&l));
    l
}

/// Reads one file into a `Loaded` of its own.
type Reader = fn(&mut Loaded, &str, &Path);

/// Read each file with its reader, in parallel, largest first (one large file such as a skills
/// list started last would leave the other cores idle); what each gave, in the files' order.
fn read_each<'a>(files: impl Iterator<Item = (&'a String, &'a PathBuf, Reader)>) -> Vec<Loaded> {
    use rayon::prelude::*;
    let files: Vec<_> = files.collect();
    let mut order: Vec<(u64, usize)> =
        files.iter().enumerate().map(|(i, (_, abs, _))| (std::fs::metadata(abs).map_or(0, |m| m.len()), i)).collect();
    order.sort_by_key(|&(size, i)| (std::cmp::Reverse(size), i));
    let mut read: Vec<(usize, Loaded)> = order
        .par_iter()
        .with_max_len(1)
        .map(|&(_, i)| {
            let (rel, abs, reader) = files[i];
            let mut one = Loaded::default();
            reader(&mut one, rel, abs);
            (i, one)
        })
        .collect();
    read.sort_unstable_by_key(|(i, _)| *i);
    read.into_iter().map(|(_, one)| one).collect()
}

impl Loaded {
    /// Add what another `Loaded` read from other files; its single files replace this one's.
    fn absorb(&mut self, one: Loaded) {
        let Loaded {
            site,
            sources,
            categories,
            industries,
            skills,
            pay_bands,
            roles,
            paths,
            quiz,
            wage_tables,
            wage_meta,
            home,
            pages,
            templates,
            files,
            diagnostics,
        } = one;
        fn replace<T>(to: &mut Option<T>, from: Option<T>) {
            if from.is_some() {
                *to = from;
            }
        }
        fn add<T>(to: &mut Vec<T>, mut from: Vec<T>) {
            if to.is_empty() {
                *to = from;
            } else {
                to.append(&mut from);
            }
        }
        replace(&mut self.site, site);
        replace(&mut self.quiz, quiz);
        replace(&mut self.home, home);
        add(&mut self.sources, sources);
        add(&mut self.categories, categories);
        add(&mut self.industries, industries);
        add(&mut self.skills, skills);
        add(&mut self.pay_bands, pay_bands);
        add(&mut self.roles, roles);
        add(&mut self.paths, paths);
        add(&mut self.wage_tables, wage_tables);
        add(&mut self.wage_meta, wage_meta);
        add(&mut self.pages, pages);
        add(&mut self.templates, templates);
        add(&mut self.diagnostics, diagnostics);
        self.files.absorb(files);
    }
}

/// The error of a site without roles (when no role file has an error of its own).
fn no_roles(l: &Loaded) -> Option<Diagnostic> {
    (l.roles.is_empty() && !l.diagnostics.iter().any(|d| d.path.starts_with(files::ROLES))).then(|| {
        Diagnostic::error(NO_ROLES_PATH, 0, 0, NO_ROLES)
            .help("add at least one role as `data/roles/ID.yaml` (try `ladder new role ID`)")
    })
}

const NO_ROLES_PATH: &str = "data/roles";
const NO_ROLES: &str = "the site has no roles";

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
                let (table, diags) = crate::wages::parse::parse_csv(id, rel, &text);
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

impl SourceMap {
    pub fn contains(&self, path: &str) -> bool {
        self.line(path, 1).is_some()
    }
}

/// Tables without their YAML and YAML without its table.
fn pair_wage_files(l: &Loaded) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in &l.wage_tables {
        if !l.wage_meta.iter().any(|m| m.id == t.id) {
            out.push(
                Diagnostic::error(
                    &t.path,
                    0,
                    0,
                    format!("the wage table `{}` has no `data/wages/{}.yaml`", t.id, t.id),
                )
                .help("add it beside the table, with `title`, `source` and `release` (e.g. `release: May 2025`)"),
            );
        }
    }
    for m in &l.wage_meta {
        if !l.wage_tables.iter().any(|t| t.id == m.id) && !l.diagnostics.iter().any(|d| d.path.ends_with(".csv")) {
            out.push(
                Diagnostic::error(&m.path, 0, 0, format!("no wage table `data/wages/{}.csv` beside this file", m.id))
                    .help("add the table in the layout of BLS's OEWS downloads, or remove this file"),
            );
        }
    }
    out
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
