//! Which pages an edit can reach. After an edit to roles, paths or guides that keeps the site's
//! set of records (the same files with the same ids), a record's page can only differ if it shows
//! one of the edited records; `Reach` names those records, looked up both in the site before the
//! edit and after it, and `incremental` builds the views of only their pages. The pages that show
//! many records (home, the indexes, `/pay/`, `/compare/`, the quiz, search, 404, redirects) are
//! always built. Anything else (a record added, removed or renamed, any other file, a change to
//! the templates or to what every page shares) reaches every page.
//!
//! What a record's page shows of other records (read from `render/views`):
//! - a role: its skills, category and industries by name (from their own files), the cards of
//!   the roles it names in `related` and of those that name it, the roles before and after it on
//!   each path that holds it, and those paths' titles and first jobs (`glance`);
//! - a skill, a category, an industry: the cards of the roles that list it;
//! - a path: its roles' titles and pay;
//! - a guide: only its own text (links to records need only their addresses, which stay).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use crate::load::Loaded;
use crate::model::Model;
use crate::pages::Page;
use crate::search::docs::{self, Doc, Kind};

/// The records (by id; guides by slug) whose pages an edit can change, or every page.
#[derive(Default, Debug)]
pub struct Reach {
    pub all: bool,
    /// The pages that show many records (home, indexes, `/pay/`, `/compare/`, the quiz, redirects).
    lists: bool,
    roles: BTreeSet<String>,
    skills: BTreeSet<String>,
    categories: BTreeSet<String>,
    industries: BTreeSet<String>,
    paths: BTreeSet<String>,
    guides: BTreeSet<String>,
}

impl Reach {
    pub fn everything() -> Reach {
        Reach { all: true, ..Reach::default() }
    }

    /// What the files `changed` reach in the site `l` before the edit; `after` finishes it.
    pub fn before(l: &Loaded, changed: &[String]) -> Before {
        let mut wide = Reach::default();
        wide.add(l, changed);
        let roles =
            l.roles.iter().filter(|r| changed.contains(&r.path)).map(|r| (r.path.clone(), shown_elsewhere(&r.data)));
        Before { wide, roles: roles.collect() }
    }

    /// Add what the files `changed` reach, given the site before the edit and `l` after it. When
    /// every changed file is a role that changed only in what its own pages show (its education,
    /// tasks, description...: `shown_elsewhere` is the same), only its own pages are reached.
    pub fn after(&mut self, before: Before, l: &Loaded, changed: &[String]) {
        let own = |rel: &String| {
            let now = l.roles.iter().find(|r| r.path == *rel)?;
            (before.roles.get(rel)? == &shown_elsewhere(&now.data)).then_some(now.id.clone())
        };
        let own: Option<Vec<String>> = changed.iter().map(own).collect();
        match own {
            Some(ids) if !ids.is_empty() => self.roles.extend(ids),
            _ => {
                self.merge(before.wide);
                self.add(l, changed);
            }
        }
    }

    fn merge(&mut self, other: Reach) {
        self.all |= other.all;
        self.lists |= other.lists;
        self.roles.extend(other.roles);
        self.skills.extend(other.skills);
        self.categories.extend(other.categories);
        self.industries.extend(other.industries);
        self.paths.extend(other.paths);
        self.guides.extend(other.guides);
    }

    /// Add the records whose pages show what the files `changed` (relative to the root) hold in
    /// the site `l`, and the pages that list many records.
    fn add(&mut self, l: &Loaded, changed: &[String]) {
        self.lists = true;
        for rel in changed {
            for r in l.roles.iter().filter(|r| r.path == *rel) {
                self.role(l, &r.id);
            }
            for p in l.paths.iter().filter(|p| p.path == *rel) {
                self.path(l, &p.id);
            }
            self.guides.extend(l.pages.iter().filter(|p| p.path == *rel).map(|p| p.slug.clone()));
        }
    }

    /// Role `id`, and every record whose page shows something of it.
    fn role(&mut self, l: &Loaded, id: &str) {
        self.roles.insert(id.to_string());
        for r in l.roles.iter() {
            if r.id == id {
                let d = &r.data;
                self.roles.extend(d.related.iter().map(|x| x.value.clone()));
                self.skills.extend(d.skills.value.iter().map(|s| s.skill.value.clone()));
                self.categories.insert(d.category.value.clone());
                self.industries.extend(d.industries.iter().map(|x| x.value.clone()));
            } else if r.data.related.iter().any(|x| x.value == id) {
                self.roles.insert(r.id.clone());
            }
        }
        let on: Vec<&str> = l
            .paths
            .iter()
            .filter(|p| p.data.steps.value.iter().any(|s| s.value.role.as_ref().is_some_and(|x| x.value == id)))
            .map(|p| p.id.as_str())
            .collect();
        for p in on {
            self.path(l, p);
        }
    }

    /// Path `id` and the roles on it (their pages show the steps around them and the path).
    fn path(&mut self, l: &Loaded, id: &str) {
        self.paths.insert(id.to_string());
        for p in l.paths.iter().filter(|p| p.id == id) {
            self.roles.extend(p.data.steps.value.iter().filter_map(|s| s.value.role.as_ref().map(|r| r.value.clone())));
        }
    }

    /// The site's search documents, with those of `old` (the last build's) that the edits
    /// cannot have changed taken over as they are; and whether they differ from `old`. A role's
    /// document holds only the role and names from files a partial reload never changes (skills,
    /// categories, pay), a skill's only `skills.yaml`, a guide's only its own text; paths (the
    /// titles of their roles) and topics are built again.
    pub fn documents(&self, m: &Model, old: Option<Vec<Doc>>) -> (Vec<Doc>, bool) {
        let old = match old {
            Some(old) if !self.all => old,
            old => {
                let docs = docs::collect(m);
                let changed = old.is_none_or(|o| o != docs);
                return (docs, changed);
            }
        };
        let keys: Vec<(Kind, String)> = old.iter().map(|d| (d.kind, d.id.clone())).collect();
        let mut pool: BTreeMap<(Kind, String), Vec<Doc>> = BTreeMap::new();
        for d in old {
            pool.entry((d.kind, record_of(&d).to_string())).or_default().push(d);
        }
        let pool = Mutex::new(pool);
        let docs = docs::collect_reusing(m, &|kind, id| {
            let fresh = match kind {
                Kind::Role => self.roles.contains(id),
                Kind::Guide => self.guides.contains(id),
                Kind::Skill => false,
                Kind::Path | Kind::Topic => true,
            };
            if fresh {
                return None;
            }
            pool.lock().unwrap_or_else(|e| e.into_inner()).remove(&(kind, id.to_string()))
        });
        let pool = pool.into_inner().unwrap_or_else(|e| e.into_inner());
        if keys.len() != docs.len() || keys.iter().zip(&docs).any(|(k, d)| k.0 != d.kind || k.1 != d.id) {
            return (docs, true);
        }
        // The same documents in the same order: compare those built again with the last ones
        // (the ones taken over are still in the pool no more).
        let mut built: BTreeMap<(Kind, &str), Vec<&Doc>> = BTreeMap::new();
        for d in &docs {
            let key = (d.kind, record_of(d));
            if pool.contains_key(&(key.0, key.1.to_string())) {
                built.entry(key).or_default().push(d);
            }
        }
        let changed = built.iter().any(|((kind, id), new)| {
            let last = &pool[&(*kind, id.to_string())];
            last.len() != new.len() || last.iter().zip(new).any(|(a, b)| a != *b)
        });
        (docs, changed)
    }

    /// Whether an edit can have changed what role `id`'s pages (and its `/compare/` file) show.
    pub fn has_role(&self, id: &str) -> bool {
        self.all || self.roles.contains(id)
    }

    /// Whether the page of `job` (in the site `l` after the edit) may differ from the last one.
    pub fn holds(&self, l: &Loaded, job: &Page) -> bool {
        if self.all {
            return true;
        }
        let has = |set: &BTreeSet<String>, id: Option<&String>| id.is_none_or(|id| set.contains(id));
        match job {
            Page::Role(i) | Page::RolePay(i) => has(&self.roles, l.roles.get(*i).map(|r| &r.id)),
            Page::Skill(i) => has(&self.skills, l.skills.get(*i).map(|s| &s.id.value)),
            Page::Category(i) => has(&self.categories, l.categories.get(*i).map(|c| &c.id.value)),
            Page::Industry(i) => has(&self.industries, l.industries.get(*i).map(|c| &c.id.value)),
            Page::Path(i) => has(&self.paths, l.paths.get(*i).map(|p| &p.id)),
            Page::Guide(i) => has(&self.guides, l.pages.get(*i).map(|p| &p.slug)),
            _ => self.lists,
        }
    }
}

/// The site's set of records: every role, path and Markdown page by file and id (a guide's
/// draft flag too, as it decides whether the page exists). Two sites of the same shape have
/// the same pages of records, in the same order.
pub fn shape(l: &Loaded) -> Vec<(u8, &str, &str, bool)> {
    let roles = l.roles.iter().map(|r| (0, r.path.as_str(), r.id.as_str(), false));
    let paths = l.paths.iter().map(|p| (1, p.path.as_str(), p.id.as_str(), false));
    let pages = l.pages.iter().chain(&l.home).map(|p| (2, p.path.as_str(), p.slug.as_str(), p.front.draft));
    roles.chain(paths).chain(pages).collect()
}

/// `shape` as a hash, to keep from one build to the next.
pub fn shape_key(l: &Loaded) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    shape(l).hash(&mut h);
    h.finish()
}

/// The record a search document belongs to: its id, or for a guide's section the guide's slug
/// (`/guides/SLUG/#ID`).
fn record_of(d: &Doc) -> &str {
    match d.id.strip_prefix("/guides/") {
        Some(rest) if d.kind == Kind::Guide => rest.rsplit_once("/#").map_or(rest, |(slug, _)| slug),
        _ => d.id.as_str(),
    }
}

/// The site before an edit, as `Reach::after` needs it.
pub struct Before {
    /// What the changed files reached then.
    wide: Reach,
    /// Each changed role's `shown_elsewhere`, by file.
    roles: BTreeMap<String, String>,
}

/// What pages other than a role's own (its page, its pay page, its `/compare/` file, its search
/// document, the feeds) can show of it: every field but those only its own pages show. The
/// fields are named one by one, so a new field counts as shown elsewhere until it is added to
/// the left-out ones here (`render/views/role.rs`, `render/glance.rs` and `jsonld::occupation`
/// read those). Places in the file are left out: no page shows them.
fn shown_elsewhere(r: &crate::data::Role) -> String {
    let crate::data::Role {
        title,
        aliases,
        category,
        summary,
        description: _,
        tasks: _,
        backgrounds,
        education: _,
        credentials: _,
        skills,
        pay,
        pay_note: _,
        occupations,
        industries,
        fit,
        related,
        breaking_in: _,
        outlook,
        sources,
        updated: _,
        redirect_from,
        extra,
    } = r;
    let a = format!("{:?}", (title, aliases, category, summary, backgrounds, skills, pay, occupations));
    let b = format!("{:?}", (industries, fit, related, outlook, sources, redirect_from, extra));
    without_places(&(a + &b))
}

/// `Debug` text without its `Location { .. }` parts (outside quoted strings): where a value sits
/// in its file.
fn without_places(debug: &str) -> String {
    const PLACE: &str = "Location {";
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    let mut quoted = false;
    while let Some(c) = rest.chars().next() {
        if !quoted && rest.starts_with(PLACE) {
            // Skip to the brace that closes it.
            let mut depth = 0usize;
            let mut end = rest.len();
            for (i, b) in rest.bytes().enumerate() {
                match b {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = i + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            rest = &rest[end..];
            continue;
        }
        if quoted && c == '\\' {
            // An escape: keep it and the character it escapes.
            let n = rest[1..].chars().next().map_or(0, char::len_utf8);
            out.push_str(&rest[..1 + n]);
            rest = &rest[1 + n..];
            continue;
        }
        if c == '"' {
            quoted = !quoted;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_left_out_but_not_from_quoted_text() {
        let a = r#"Spanned { value: "x", referenced: Location { line: 3, span: Span { a: 1 } }, defined: Location { line: 3, span: Span { a: 1 } } }"#;
        let b = r#"Spanned { value: "x", referenced: Location { line: 9, span: Span { a: 7 } }, defined: Location { line: 9, span: Span { a: 7 } } }"#;
        assert_eq!(without_places(a), without_places(b));
        let c = r#"Spanned { value: "Location { 1 }", referenced: Location { line: 3 } }"#;
        let d = r#"Spanned { value: "Location { 2 }", referenced: Location { line: 3 } }"#;
        assert_ne!(without_places(c), without_places(d));
        let e = r#"("a \" Location { 1 }", Location { x })"#;
        let f = r#"("a \" Location { 2 }", Location { x })"#;
        assert_ne!(without_places(e), without_places(f));
    }
}
