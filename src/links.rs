//! Output link checking: every `href`, `src` and `action` that templates and Markdown put into
//! the built pages, and every `#fragment`, resolves to a file of the output or an element id on
//! the target page. Links to other sites are only syntax-checked, never fetched. The site's own
//! absolute addresses are checked in `<link>` (canonical, feeds); in a page's text (`<a>`) an
//! absolute address is a reference like any other (a source may live on the same host).
//!
//! Pages are scanned one by one as they are finished (`scan`), keeping only what the check
//! needs: hashes of the page's ids, links that are already known broken, and links to a fragment
//! on another page. `finish` checks those fragments once every page is done and names, for each
//! broken link, the Markdown or template file it came from (`origin`), with line and column
//! where the address is written literally.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

use crate::diagnostic::{Diagnostic, LineIndex, SourceMap};
use crate::model::Model;
use crate::pages::{self, Page};
use crate::render::templates;
use crate::urls::percent_decode_lossy;

/// Every file of the output, so links can be resolved while pages are still rendering.
pub struct LinkChecker {
    base_url: String,
    base_path: String,
    /// Output file (`roles/x/index.html`) -> index of its page in the job list, or `None` for a
    /// file that is not a page (feeds, search index).
    files: rustc_hash::FxHashMap<String, Option<usize>>,
}

/// What a page keeps after its scan.
#[derive(Debug, Default, Clone)]
pub struct PageLinks {
    /// Hashes of the page's element ids, sorted.
    ids: Vec<u64>,
    broken: Vec<Broken>,
    /// Links to a fragment of another page: (that page's index, fragment, the link as written).
    anchors: Vec<(usize, String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Broken {
    href: String,
    problem: String,
}

impl LinkChecker {
    /// `pages` are the page files in job order; `other` the output's other files.
    pub fn new<'a>(
        m: &Model,
        pages: impl IntoIterator<Item = String>,
        other: impl IntoIterator<Item = &'a str>,
    ) -> LinkChecker {
        let mut files: rustc_hash::FxHashMap<String, Option<usize>> = Default::default();
        for (i, p) in pages.into_iter().enumerate() {
            files.insert(p, Some(i));
        }
        for f in other {
            files.entry(f.to_string()).or_insert(None);
        }
        // Addresses are compared percent-decoded: Markdown writes `/caf%C3%A9/`, templates
        // `/café/`, and the editor may have written either in `base_url`.
        LinkChecker {
            base_url: percent_decode_lossy(&m.config.base_url),
            base_path: percent_decode_lossy(&m.config.base_path),
            files,
        }
    }

    /// Scan one finished page (`file` is its output path) for links and ids.
    pub fn scan(&self, file: &str, html: &str) -> PageLinks {
        let mut out = PageLinks::default();
        let mut own_frags: Vec<(String, String)> = Vec::new();
        let dir = file.rfind('/').map(|i| &file[..=i]).unwrap_or("");
        let me = self.files.get(file).copied().flatten();
        for_each_attr(html, |tag, name, value| {
            if name.eq_ignore_ascii_case("id") {
                out.ids.push(hash(&decode_entities(value)));
                return;
            }
            if !(name.eq_ignore_ascii_case("href")
                || name.eq_ignore_ascii_case("src")
                || name.eq_ignore_ascii_case("action"))
            {
                return;
            }
            let decoded = decode_entities(value);
            let href = decoded.trim();
            match self.resolve(dir, href, tag.eq_ignore_ascii_case("link")) {
                Ok(None) => {}
                Ok(Some((target, frag))) => {
                    if frag.is_empty() {
                        return;
                    }
                    match target {
                        Some(t) if me == Some(t) => own_frags.push((frag, href.to_string())),
                        None if href.starts_with('#') => own_frags.push((frag, href.to_string())),
                        Some(t) => out.anchors.push((t, frag, href.to_string())),
                        None => {}
                    }
                }
                Err(problem) => out.broken.push(Broken { href: href.to_string(), problem }),
            }
        });
        out.ids.sort_unstable();
        out.ids.dedup();
        for (frag, href) in own_frags {
            if out.ids.binary_search(&hash(&frag)).is_err() {
                out.broken.push(Broken { problem: format!("no element on this page has the id `{frag}`"), href });
            }
        }
        out.anchors.sort();
        out.anchors.dedup();
        out.broken.sort();
        out.broken.dedup();
        out
    }

    /// Resolve a link found on a page in folder `dir`. `Ok(None)`: nothing to check further;
    /// `Ok(Some((page, fragment)))`: the target page (`None` for this page or a file that is
    /// not a page) and the fragment to find on it; `Err`: why the link is broken.
    #[allow(clippy::type_complexity)]
    fn resolve(&self, dir: &str, href: &str, own_absolute: bool) -> Result<Option<(Option<usize>, String)>, String> {
        if href.is_empty() || href == "#" {
            return Ok(None);
        }
        if let Some(frag) = href.strip_prefix('#') {
            return Ok(Some((None, percent_decode_lossy(frag))));
        }
        let decoded = decoded_path(href);
        let starts_ci = |p: &str| href.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
        let rest: Cow<str> = if let Some(rest) = decoded.strip_prefix(self.base_url.as_str()).filter(|_| own_absolute) {
            Cow::Borrowed(rest)
        } else if ["data:", "mailto:", "tel:", "//"].into_iter().any(starts_ci) {
            return Ok(None);
        } else if has_scheme(href) {
            return match crate::urls::bad_url(href, false) {
                Some((problem, _)) => Err(problem),
                None => Ok(None),
            };
        } else if href.starts_with('/') {
            match decoded.strip_prefix(self.base_path.as_str()) {
                Some(rest) => Cow::Borrowed(rest),
                None => {
                    return Err(format!("the address does not start with the site's base path `{}`", self.base_path))
                }
            }
        } else {
            match normalise(dir, &decoded) {
                Some(p) => Cow::Owned(p),
                None => return Err("the address leads outside the site".to_string()),
            }
        };
        let (path, frag) = match rest.split_once('#') {
            Some((p, f)) => (p, percent_decode_lossy(f)),
            None => (rest.as_ref(), String::new()),
        };
        // Already decoded, with the rest of the address before `?` and `#`.
        let path = path.split(['?']).next().unwrap_or("");
        let found = if path.is_empty() || path.ends_with('/') {
            self.files.get(&format!("{path}index.html"))
        } else {
            self.files.get(path).or_else(|| self.files.get(&format!("{path}/index.html")))
        };
        match found {
            Some(target) => Ok(Some((*target, frag))),
            None => Err("no page or file of the site has this address".to_string()),
        }
    }

    /// Check links to fragments of other pages, then turn every broken link into a diagnostic
    /// naming where it was written. `pages[i]` is what `scan` kept of job `i`.
    pub fn finish(&self, m: &Model, jobs: &[Page], pages: &[PageLinks]) -> Vec<Diagnostic> {
        // (href, problem) -> pages it was found on, in job order.
        let mut broken: BTreeMap<Broken, Vec<usize>> = BTreeMap::new();
        for (i, p) in pages.iter().enumerate() {
            for b in &p.broken {
                broken.entry(b.clone()).or_default().push(i);
            }
            for (target, frag, href) in &p.anchors {
                let ok = pages.get(*target).is_some_and(|t| t.ids.binary_search(&hash(frag)).is_ok());
                if !ok {
                    let target_file = jobs.get(*target).map(|j| pages::job_file(m, j)).unwrap_or_default();
                    let problem =
                        format!("no element of `{}` has the id `{frag}`", target_file.trim_end_matches("index.html"));
                    broken.entry(Broken { href: href.clone(), problem }).or_default().push(i);
                }
            }
        }
        let mut finder = Finder::new(m);
        // (file, line, column, href) -> (problem, pages it was found on).
        type Key = (String, usize, usize, String);
        let mut by_place: BTreeMap<Key, (String, Vec<usize>)> = BTreeMap::new();
        for (b, on) in broken {
            for &i in &on {
                let Some(job) = jobs.get(i) else { continue };
                let place = finder.origin(job, &b.href, &self.base_path);
                by_place
                    .entry((place.path, place.line, place.col, b.href.clone()))
                    .or_insert_with(|| (b.problem.clone(), Vec::new()))
                    .1
                    .push(i);
            }
        }
        by_place
            .into_iter()
            .map(|((path, line, col, href), (problem, on))| {
                let first = jobs.get(on[0]).map(|j| pages::job_file(m, j)).unwrap_or_default();
                let first = first.trim_end_matches("index.html");
                let first = if first.is_empty() { "/".to_string() } else { first.to_string() };
                let pages = if on.len() == 1 {
                    format!("on page `{first}`")
                } else {
                    format!("on {} pages, e.g. `{first}`", on.len())
                };
                let help = if path.ends_with(".html") {
                    format!(
                        "link to pages of the site as `{{{{ site.base_path }}}}roles/ID/` (the base path is `{}`), to ids that the page has, or to full http(s) addresses",
                        self.base_path
                    )
                } else {
                    "link to the site's pages with `@/` (e.g. `@/roles/ID/#pay`) and to headings of this text as `#heading-text`"
                        .to_string()
                };
                Diagnostic::error(path, line, col, format!("broken link `{href}` {pages}: {problem}"))
                    .help(help)
                    .width(href.chars().count())
            })
            .collect()
    }
}

/// `https:`, `mailto:`: a URL scheme before the first `/`, `?` or `#`.
fn has_scheme(href: &str) -> bool {
    match href.find(':') {
        Some(i) => {
            let s = &href[..i];
            !s.is_empty()
                && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
                && s.chars().all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        }
        None => false,
    }
}

/// `dir` + relative `href`, with `.` and `..` resolved; `None` when it climbs above the root.
fn normalise(dir: &str, href: &str) -> Option<String> {
    let (path, tail) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let joined = format!("{dir}{path}");
    let mut segs: Vec<&str> = Vec::new();
    for s in joined.split('/') {
        match s {
            "." => {}
            ".." => {
                segs.pop()?;
            }
            s => segs.push(s),
        }
    }
    let segs: Vec<&str> = segs.into_iter().filter(|s| !s.is_empty()).collect();
    let mut out = segs.join("/");
    let folder = path.is_empty() || path.ends_with('/') || path.ends_with("/.") || path == ".";
    if folder && !out.is_empty() {
        out.push('/');
    }
    out.push_str(tail);
    Some(out)
}

fn hash(s: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// `href` with the part before `?` and `#` percent-decoded: the one form in which the checker
/// compares an address with the site's base URL and its files.
fn decoded_path(href: &str) -> Cow<'_, str> {
    let end = href.find(['?', '#']).unwrap_or(href.len());
    if !href[..end].contains('%') {
        return Cow::Borrowed(href);
    }
    let mut out = percent_decode_lossy(&href[..end]);
    out.push_str(&href[end..]);
    Cow::Owned(out)
}

/// `&amp;`, `&#x2F;`, `&#47;`, `&quot;` ... in an attribute value.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[..e];
            let ch = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = if let Some(h) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(h, 16).ok()
                    } else {
                        name.strip_prefix('#').and_then(|d| d.parse().ok())
                    };
                    n.and_then(char::from_u32)
                }
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Call `f(tag, name, raw value)` for every attribute of every tag, skipping comments and the
/// contents of `<script>` and `<style>` (their attributes are still seen).
fn for_each_attr(html: &str, mut f: impl FnMut(&str, &str, &str)) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let lt = i + off;
        let rest = &html[lt..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map(|e| lt + e + 3).unwrap_or(b.len());
            continue;
        }
        let name_len = rest[1..].bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'-').count();
        if name_len == 0 || !b[lt + 1].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let tag = &rest[1..1 + name_len];
        let mut j = lt + 1 + name_len;
        // Attributes until `>`.
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                return;
            }
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' {
                j += 1;
                continue;
            }
            let start = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
                j += 1;
            }
            let name = &html[start..j];
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let value = if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vstart = j + 1;
                    let vend = html[vstart..].bytes().position(|c| c == q).map(|p| vstart + p).unwrap_or(b.len());
                    j = (vend + 1).min(b.len());
                    &html[vstart..vend]
                } else {
                    let vstart = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    &html[vstart..j]
                };
                f(tag, name, value);
            } else if name.is_empty() {
                j += 1;
            }
        }
        i = j;
        if tag.eq_ignore_ascii_case("script") || tag.eq_ignore_ascii_case("style") {
            // The end tag in any letter case, as a browser reads it (`</SCRIPT>` ends `<script>`).
            i = html[i..]
                .match_indices("</")
                .map(|(e, _)| i + e)
                .find(|&e| html.get(e + 2..e + 2 + tag.len()).is_some_and(|t| t.eq_ignore_ascii_case(tag)))
                .unwrap_or(b.len());
        }
    }
}

/// Where a link was written: a file, with line and column when the address is there literally.
#[derive(Clone)]
struct Place {
    path: String,
    line: usize,
    col: usize,
}

/// Finds the Markdown or template text a broken link came from; remembers what it searched.
struct Finder<'a, 'm> {
    m: &'a Model<'m>,
    /// (template name, file, source text), the site's own first.
    templates: Vec<(String, String, String)>,
    cache: HashMap<(String, String), Option<Place>>,
    /// Markdown or YAML file -> link destination -> where it is first written, each file read once.
    dests: HashMap<String, HashMap<String, (usize, usize)>>,
}

impl<'a, 'm> Finder<'a, 'm> {
    fn new(m: &'a Model<'m>) -> Self {
        let mut templates: Vec<(String, String, String)> =
            m.loaded.templates.iter().map(|t| (t.name.clone(), t.path.clone(), t.text.clone())).collect();
        for (name, text) in templates::DEFAULTS {
            if name.ends_with(".html") && !templates.iter().any(|t| t.0 == *name) {
                templates.push((name.to_string(), format!("templates/{name}"), text.to_string()));
            }
        }
        Finder { m, templates, cache: HashMap::new(), dests: HashMap::new() }
    }

    /// Markdown of the page first (the address as written, or as an `@/` link), then the
    /// templates (the address, or what follows the base path), else the page's template.
    fn origin(&mut self, job: &Page, href: &str, base_path: &str) -> Place {
        let l = self.m.loaded;
        let mut md_cands = vec![href.to_string()];
        if let Some(rest) = decoded_path(href).strip_prefix(base_path) {
            md_cands.push(format!("@/{rest}"));
        }
        let md_file = pages::markdown_of(l, job);
        if let Some(p) = md_file {
            let dests = self.dests.entry(p.path.clone()).or_insert_with(|| md_positions(&p.body));
            for c in &md_cands {
                if let Some(&(line, col)) = dests.get(c.as_str()) {
                    return Place { path: p.path.clone(), line: line + p.body_line, col };
                }
            }
        }
        let yaml_file = pages::data_file_of(l, job);
        if let Some(path) = yaml_file {
            let files = &l.files;
            let dests = self.dests.entry(path.clone()).or_insert_with(|| written_dests(files, &path));
            for c in &md_cands {
                if let Some(&(line, col)) = dests.get(c.as_str()) {
                    return Place { path, line, col };
                }
            }
        }
        let mut cands = vec![href.to_string()];
        if let Some(rest) = decoded_path(href).strip_prefix(base_path).filter(|r| r.len() > 1) {
            cands.push(rest.to_string());
        }
        for c in &cands {
            let found = self.cached("<templates>", c, |f| {
                f.templates.iter().find_map(|(_, path, text)| {
                    let (line, col) = literal_position(text, &format!("\"{c}\""))
                        .map(|(l, col)| (l, col + 1))
                        .or_else(|| literal_position(text, c))?;
                    Some(Place { path: path.clone(), line, col })
                })
            });
            if let Some(p) = found {
                return p;
            }
        }
        let name = pages::template_of(job);
        let path =
            self.templates.iter().find(|t| t.0 == name).map(|t| t.1.clone()).unwrap_or(format!("templates/{name}"));
        Place { path, line: 0, col: 0 }
    }

    fn cached(&mut self, file: &str, needle: &str, find: impl FnOnce(&Self) -> Option<Place>) -> Option<Place> {
        let key = (file.to_string(), needle.to_string());
        if let Some(p) = self.cache.get(&key) {
            return p.clone();
        }
        let p = find(self);
        self.cache.insert(key, p.clone());
        p
    }
}

/// 1-based (line, column) of the first `needle` in `text`.
fn literal_position(text: &str, needle: &str) -> Option<(usize, usize)> {
    let at = text.find(needle)?;
    Some(line_col(text, at))
}

/// Counts from the start of `text`, no further than the `find` that gave `at` searched.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    (line, before[line_start..].chars().count() + 1)
}

/// Destination of each Markdown link -> (0-based line, 1-based column) where the first link to
/// it writes it; one parse of `body`.
fn md_positions(body: &str) -> HashMap<String, (usize, usize)> {
    use pulldown_cmark::{Event, Parser, Tag};
    let index = LineIndex::new(body);
    let mut out = HashMap::new();
    for (ev, range) in Parser::new_ext(body, crate::render::markdown::options()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. }) = ev {
            if !out.contains_key(dest_url.as_ref()) {
                let at = range.start + body[range.clone()].find(dest_url.as_ref()).unwrap_or(0);
                let (line, col) = index.line_col(body, at);
                out.insert(dest_url.to_string(), (line - 1, col));
            }
        }
    }
    out
}

/// Every destination written as `](DEST` in a file of the source map (Markdown inside YAML)
/// -> 1-based (line, column) of its first occurrence; one pass over the file.
fn written_dests(files: &SourceMap, path: &str) -> HashMap<String, (usize, usize)> {
    let mut out = HashMap::new();
    let Some((text, index)) = files.indexed(path) else { return out };
    for (i, _) in text.match_indices("](") {
        let start = i + 2;
        let len = text[start..].find(|c: char| c == ')' || c.is_whitespace()).unwrap_or(text.len() - start);
        out.entry(text[start..start + len].to_string()).or_insert_with(|| index.line_col(text, start));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_upper_case_end_tag_ends_a_script() {
        let html = "<SCRIPT>var a='<a href=\"/b/\">'</SCRIPT><p id=after><STYLE>a{}</style><a href=\"/c/\">";
        let mut seen = Vec::new();
        for_each_attr(html, |t, n, v| seen.push(format!("{t} {n}={v}")));
        assert_eq!(seen, ["p id=after", "a href=/c/"]);
    }

    #[test]
    fn attributes_skip_scripts_and_comments() {
        let html = "<a href=\"/a/\" id=x><!-- <a href=\"/c/\"> --><script src=\"/s.js\">var a='<a href=\"/b/\">'</script><p data-x='1' class=y>";
        let mut seen = Vec::new();
        for_each_attr(html, |t, n, v| seen.push(format!("{t} {n}={v}")));
        assert_eq!(seen, ["a href=/a/", "a id=x", "script src=/s.js", "p data-x=1", "p class=y"]);
    }

    #[test]
    fn entities_decode() {
        assert_eq!(decode_entities("&#x2F;roles&#47;a&amp;b&quot;"), "/roles/a&b\"");
        assert_eq!(decode_entities("a & b"), "a & b");
    }

    #[test]
    fn relative_paths_resolve_against_the_page() {
        assert_eq!(normalise("roles/x/", "../y/#a").as_deref(), Some("roles/y/#a"));
        assert_eq!(normalise("", "../x/"), None);
        assert_eq!(normalise("a/", "b.json").as_deref(), Some("a/b.json"));
    }

    #[test]
    fn markdown_positions_point_at_the_destination() {
        let found = md_positions("Intro\n\nSee [x](#nope) here, [y](#nope) and\n[z](#b).\n");
        assert_eq!(found.get("#nope"), Some(&(2, 9)));
        assert_eq!(found.get("#b"), Some(&(3, 5)));
        let mut files = SourceMap::default();
        files.insert("data/skills.yaml", "- id: x\n  learn: \"See [é](#a) and [b](#b \\\"t\\\").\"\n");
        let found = written_dests(&files, "data/skills.yaml");
        assert_eq!(found.get("#a"), Some(&(2, 19)));
        assert_eq!(found.get("#b"), Some(&(2, 31)));
    }
}
