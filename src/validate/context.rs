//! What every check shares: the validator (the model, the diagnostics so far, the files that
//! failed to load), positions in files, references, ids, dates, Markdown links, repeats.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::*;
use crate::date;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::{self, Loaded};
use crate::load::{is_safe_id, unsafe_id_help};
use crate::model::Model;
use crate::urls::bad_url;

pub fn pos<T>(s: &Placed<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

pub struct Options {
    /// Today's date as a day number, for staleness.
    pub today: i64,
}

pub struct Validator<'m, 'a> {
    pub m: &'m Model<'a>,
    pub diags: Vec<Diagnostic>,
    /// Files that could not be read or parsed: references into them are not judged (the
    /// records are missing because of the file's own error, already reported).
    pub broken: BTreeSet<String>,
}

/// The kinds of record that other records name by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Source,
    Category,
    Industry,
    Skill,
    PayBand,
    Role,
}

impl RefKind {
    /// As messages name it: `unknown pay band `x``.
    pub fn name(self) -> &'static str {
        match self {
            RefKind::Source => "source",
            RefKind::Category => "category",
            RefKind::Industry => "industry",
            RefKind::Skill => "skill",
            RefKind::PayBand => "pay band",
            RefKind::Role => "role",
        }
    }

    /// The file (or folder) that defines records of the kind, for `Validator::broken`.
    fn defining_file(self) -> &'static str {
        match self {
            RefKind::Source => load::SOURCES,
            RefKind::Category => load::CATEGORIES,
            RefKind::Industry => load::INDUSTRIES,
            RefKind::Skill => load::SKILLS,
            RefKind::PayBand => load::PAY,
            RefKind::Role => files::ROLES,
        }
    }
}

/// `Ok` when `map` has `id`; else a suggestion, if one is close.
fn lookup<V>(map: &BTreeMap<&str, V>, id: &str) -> Result<(), Option<String>> {
    if map.contains_key(id) {
        Ok(())
    } else {
        Err(did_you_mean(id, map.keys().copied()))
    }
}

/// A file and the amount to add to positions in it (front matter starts on line 2).
#[derive(Clone, Copy)]
pub struct At<'p> {
    pub path: &'p str,
    pub offset: usize,
}

impl<'m, 'a> Validator<'m, 'a> {
    pub fn err<T>(&mut self, at: At, v: &Placed<T>, width: usize, msg: impl Into<String>, help: Option<String>) {
        let (line, col) = pos(v);
        let line = if line == 0 { 0 } else { line + at.offset };
        self.diags.push(Diagnostic::error(at.path, line, col, msg).help_opt(help).width(width));
    }

    pub fn warn<T>(&mut self, at: At, v: &Placed<T>, width: usize, msg: impl Into<String>, help: Option<String>) {
        let (line, col) = pos(v);
        let line = if line == 0 { 0 } else { line + at.offset };
        self.diags.push(Diagnostic::warning(at.path, line, col, msg).help_opt(help).width(width));
    }

    /// A reference to a record of another kind: it must exist (unless its file failed to load).
    pub fn reference(&mut self, at: At, r: &Placed<String>, kind: RefKind, how_to_add: &str) {
        let m = self.m;
        let id = r.value.as_str();
        let found = match kind {
            RefKind::Source => lookup(&m.sources, id),
            RefKind::Category => lookup(&m.categories, id),
            RefKind::Industry => lookup(&m.industries, id),
            RefKind::Skill => lookup(&m.skills, id),
            RefKind::PayBand => lookup(&m.bands, id),
            RefKind::Role => lookup(&m.roles, id),
        };
        let Err(suggestion) = found else { return };
        if self.defined_in_broken_file(kind, id) {
            return;
        }
        let help = suggestion.unwrap_or_else(|| how_to_add.to_string());
        self.err(at, r, r.value.chars().count(), format!("unknown {} `{}`", kind.name(), r.value), Some(help));
    }

    /// Whether a record `id` of `kind` may exist in a file that failed to load: a role in its
    /// own broken file, any other kind in its broken list file.
    fn defined_in_broken_file(&self, kind: RefKind, id: &str) -> bool {
        match kind {
            RefKind::Role => self.broken.contains(&files::role(id)),
            _ => self.kind_broken(kind),
        }
    }

    /// Whether the file defining records of `kind` failed to load.
    pub fn kind_broken(&self, kind: RefKind) -> bool {
        let file = kind.defining_file();
        self.broken.iter().any(|b| b.starts_with(file))
    }

    pub fn source_ref(&mut self, at: At, r: &Placed<String>) {
        self.reference(at, r, RefKind::Source, "add it to `data/sources.yaml` first");
    }

    pub fn id(&mut self, at: At, id: &Placed<String>, kind: &str, seen: &mut BTreeMap<String, usize>) {
        if !is_safe_id(&id.value) {
            self.err(
                at,
                id,
                id.value.chars().count(),
                format!("`{}` is not a safe {kind} id", id.value),
                Some(unsafe_id_help().into()),
            );
        }
        if let Some(first) = seen.get(&id.value) {
            let help = format!("{kind} ids must be unique; the first `{}` is on line {first}", id.value);
            self.err(at, id, id.value.chars().count(), format!("duplicate {kind} id `{}`", id.value), Some(help));
        } else {
            seen.insert(id.value.clone(), pos(id).0 + at.offset);
        }
    }

    pub fn date(&mut self, at: At, d: &Placed<String>, field: &str) -> Option<i64> {
        let parsed = date::parse(&d.value);
        if parsed.is_none() {
            self.err(
                at,
                d,
                d.value.chars().count(),
                format!("`{}` is not a valid date for `{field}`", d.value),
                Some("write dates as YYYY-MM-DD, e.g. `2026-11-01`".into()),
            );
        }
        parsed
    }

    /// Markdown: `@/` links resolve; no script URLs; no images from elsewhere.
    pub fn markdown(&mut self, at: At, text: &str, line: usize, col: usize) {
        let mut after = 0;
        for link in md_links(text) {
            let (l, c) = locate(self.m.loaded, at.path, (line + at.offset, col), link.line, &link.dest, &mut after);
            let width = link.dest.chars().count();
            if link.bare {
                self.diags.push(
                    Diagnostic::error(at.path, l, c, format!("`{}` is written as text, not as a link", link.dest))
                        .help(format!("write it as a Markdown link: `[link text]({})`", link.dest))
                        .width(width),
                );
            } else if let Some(rest) = link.dest.strip_prefix("@/") {
                if self.link_target_broken(rest) {
                    continue;
                }
                if let Err(help) = self.m.internal_link(rest) {
                    self.diags.push(
                        Diagnostic::error(
                            at.path,
                            l,
                            c,
                            format!("link to a page that does not exist: `{}`", link.dest),
                        )
                        .help(help)
                        .width(width),
                    );
                }
            } else if let Some(problem) = bad_url(&link.dest, link.image) {
                self.diags.push(Diagnostic::error(at.path, l, c, problem.0).help(problem.1).width(width));
            }
        }
    }

    /// Whether an `@/` link points into a file that failed to load: its pages are missing
    /// because of that file's own error, already reported.
    pub fn link_target_broken(&self, rest: &str) -> bool {
        let page = rest.split('#').next().unwrap_or("");
        let segs: Vec<&str> = page.split('/').filter(|s| !s.is_empty()).collect();
        let file = match segs.as_slice() {
            ["roles", id] => files::role(id),
            ["paths", id] => files::path(id),
            ["skills", _] => load::SKILLS.to_string(),
            ["industries", _] => load::INDUSTRIES.to_string(),
            ["categories", _] => load::CATEGORIES.to_string(),
            ["quiz"] => load::QUIZ.to_string(),
            ["guides", rest @ ..] if !rest.is_empty() => format!("content/{}.md", rest.join("/")),
            _ => return false,
        };
        self.broken.contains(&file)
    }

    pub fn md_field(&mut self, at: At, s: &Placed<String>) {
        let (line, col) = pos(s);
        self.markdown(at, &s.value, line, col);
    }
}

/// A link or image destination in Markdown, with the line (0-based) it sits on in the text.
pub struct MdLink {
    pub dest: String,
    pub line: usize,
    pub image: bool,
    /// An `@/` address written as plain text instead of as a link.
    pub bare: bool,
}

pub fn md_links(text: &str) -> Vec<MdLink> {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    let lines = crate::diagnostic::LineIndex::new(text);
    for (ev, range) in Parser::new_ext(text, crate::render::markdown::options()).into_offset_iter() {
        let line = lines.line_col(text, range.start).0 - 1;
        let (dest, image) = match ev {
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            Event::Text(t) if t.contains("@/") => {
                for (i, _) in t.match_indices("@/") {
                    let word: String =
                        t[i..].chars().take_while(|c| !c.is_whitespace() && !",;)".contains(*c)).collect();
                    let dest = word.trim_end_matches(['.', ':', '!', '?']).to_string();
                    out.push(MdLink { dest, line, image: false, bare: true });
                }
                continue;
            }
            _ => continue,
        };
        out.push(MdLink { dest: dest.to_string(), line, image, bare: false });
    }
    out
}

/// Find where a link sits in the file: the value starts at (line, col); a block scalar's text
/// starts on the next line. Search the likely lines for the destination text, from `after` (the
/// byte offset in the file past the previous link found) when that is on the line, so the links
/// of one long line are found in one pass; `after` moves past this link.
pub fn locate(
    l: &Loaded,
    path: &str,
    (line, col): (usize, usize),
    text_line: usize,
    dest: &str,
    after: &mut usize,
) -> (usize, usize) {
    let Some((text, index)) = l.files.indexed(path) else { return (line, col) };
    for cand in [line + text_line, line + text_line + 1, line + text_line.saturating_sub(1)] {
        let Some(r) = index.line_range(text, cand) else { continue };
        let from = if r.contains(after) { *after } else { r.start };
        let find = |from: usize| text[from..r.end].find(dest).map(|i| from + i);
        if let Some(at) = find(from).or_else(|| (from > r.start).then(|| find(r.start)).flatten()) {
            *after = at + dest.len();
            return index.line_col(text, at);
        }
    }
    (line, col)
}

/// Each id of a list once: a repeated id is shown twice on the page (an error, as a repeated
/// industry).
pub fn no_repeats<'v>(
    c: &mut Validator,
    at: At,
    list: impl IntoIterator<Item = &'v Placed<String>>,
    what: &str,
    field: &str,
) {
    repeats(c, at, list, (what, field), Text::Id);
}

/// How entries of a list are compared and judged.
#[derive(Clone, Copy, PartialEq)]
pub enum Text {
    /// Ids: a repeat is an error.
    Id,
    /// Free text: a repeat is a warning (a blemish on the page, no wrong reference).
    Prose,
    /// Names matched without regard to case (aliases): a repeat is a warning.
    Name,
}

pub fn repeats<'v>(
    c: &mut Validator,
    at: At,
    list: impl IntoIterator<Item = &'v Placed<String>>,
    name: (&str, &str),
    kind: Text,
) {
    let (what, field) = name;
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for v in list {
        let text = v.value.trim();
        let key = if kind == Text::Name { text.to_lowercase() } else { text.to_string() };
        match seen.get(&key) {
            Some(first) => {
                let shown = if text.chars().count() > 40 {
                    format!("{}...", text.chars().take(40).collect::<String>())
                } else {
                    text.to_string()
                };
                let msg = format!("{what} `{shown}` is listed twice in `{field}`");
                let help = Some(format!("the first is on line {first}; keep one"));
                let width = v.value.chars().count().min(40);
                if kind == Text::Id {
                    c.err(at, v, width, msg, help);
                } else {
                    c.warn(at, v, width, msg, help);
                }
            }
            None => {
                seen.insert(key, pos(v).0 + at.offset);
            }
        }
    }
}

/// Text lists kept without positions (`aliases`, `tasks`, `backgrounds`, `credentials`) are
/// checked for repeats as they are; only when one is found is the file read again for the
/// positions of its entries.
#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct TextLists {
    aliases: Option<Vec<Placed<String>>>,
    tasks: Option<Vec<Placed<String>>>,
    backgrounds: Option<Vec<Placed<String>>>,
    credentials: Option<Vec<Placed<String>>>,
}

pub fn has_repeat(list: &[String], fold: bool) -> bool {
    let mut seen = BTreeSet::new();
    list.iter().any(|s| !seen.insert(if fold { s.trim().to_lowercase() } else { s.trim().to_string() }))
}

pub fn plain_repeats(c: &mut Validator, at: At, role: &Role) {
    let lists = [
        (&role.aliases, "alias", "aliases"),
        (&role.tasks, "task", "tasks"),
        (&role.backgrounds, "background", "backgrounds"),
        (&role.credentials, "credential", "credentials"),
    ];
    if !lists.iter().any(|(l, what, _)| has_repeat(l, *what == "alias")) {
        return;
    }
    let Some(text) = c.m.loaded.files.text(at.path) else { return };
    let Some(spanned) = load::parse::<TextLists>(at.path, text, 0, &mut Vec::new()) else { return };
    report_text_repeats(c, at, &spanned);
}

pub fn report_text_repeats(c: &mut Validator, at: At, t: &TextLists) {
    if let Some(aliases) = &t.aliases {
        // Aliases are matched without regard to case.
        repeats(c, at, aliases, ("alias", "aliases"), Text::Name);
    }
    for (list, what, field) in [
        (&t.tasks, "task", "tasks"),
        (&t.backgrounds, "background", "backgrounds"),
        (&t.credentials, "credential", "credentials"),
    ] {
        if let Some(list) = list {
            repeats(c, at, list, (what, field), Text::Prose);
        }
    }
}
