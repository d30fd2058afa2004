//! What search finds: one document per role, skill, path and guide, with the words of each field
//! and the few things a result shows (title, kind, one-line summary; for roles category and pay).
//!
//! Documents are numbered kind by kind (roles, skills, paths, guides), roles grouped by category
//! in `categories.yaml` order, so a kind or category filter is a range of numbers, and ties in
//! ranking fall back to this order.

use rayon::prelude::*;

use crate::model::Model;
use crate::render::views::pay_short;

use super::tokenise::tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Role,
    Skill,
    Path,
    Guide,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Role, Kind::Skill, Kind::Path, Kind::Guide];

    /// The folder of the kind's pages.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Role => "roles",
            Kind::Skill => "skills",
            Kind::Path => "paths",
            Kind::Guide => "guides",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: Kind,
    /// The address under the kind's folder: `model-evaluator`, `topics/pay`.
    pub id: String,
    pub title: String,
    /// One line, cut at a word near `SUMMARY_CHARS`.
    pub summary: String,
    /// Roles: the short pay line of role lists.
    pub pay: String,
    /// Roles: index into `categories.yaml`.
    pub category: usize,
    pub title_words: Vec<String>,
    pub alias_words: Vec<String>,
    /// Summary, skills, tasks, path steps, guide text.
    pub body_words: Vec<String>,
}

pub const SUMMARY_CHARS: usize = 90;

/// A summary on one line, cut at a word boundary with an ellipsis when long.
pub fn one_line(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SUMMARY_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SUMMARY_CHARS).collect();
    let at = cut.rfind(' ').filter(|&i| i > SUMMARY_CHARS / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches(|c: char| c.is_ascii_punctuation() || c == ' '))
}

/// The text of a Markdown document, without markup.
fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(md.len());
    for ev in Parser::new_ext(md, crate::render::markdown::options()) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The distinct words, sorted. Duplicates go first (a long guide repeats its words), so the
/// sort is of the vocabulary, not of every word written.
fn words<'s>(parts: impl IntoIterator<Item = &'s str>) -> Vec<String> {
    let unique: std::collections::HashSet<String> = parts.into_iter().flat_map(tokens).collect();
    let mut v: Vec<String> = unique.into_iter().collect();
    v.sort_unstable();
    v
}

/// Every document of the site, in index order.
pub fn collect(m: &Model) -> Vec<Doc> {
    let l = m.l;
    let cat_index = |id: &str| l.categories.iter().position(|c| c.id.value == id).unwrap_or(usize::MAX);
    let mut roles: Vec<&crate::load::FileRecord<crate::data::Role>> = l.roles.iter().collect();
    roles.sort_by(|a, b| (cat_index(&a.data.category.value), &a.id).cmp(&(cat_index(&b.data.category.value), &b.id)));
    roles.dedup_by(|a, b| a.id == b.id);
    let mut docs: Vec<Doc> = roles
        .par_iter()
        .map(|r| {
            let d = &r.data;
            let skill_names: Vec<&str> = d
                .skills
                .value
                .iter()
                .filter_map(|s| m.skills.get(s.skill.value.as_str()).map(|k| k.name.as_str()))
                .collect();
            let body = std::iter::once(d.summary.as_str())
                .chain(d.tasks.iter().map(String::as_str))
                .chain(skill_names.iter().copied());
            Doc {
                kind: Kind::Role,
                id: r.id.clone(),
                title: d.title.clone(),
                summary: one_line(&d.summary),
                pay: pay_short(m, d),
                category: cat_index(&d.category.value),
                title_words: tokens(&d.title),
                alias_words: words(d.aliases.iter().map(String::as_str)),
                body_words: words(body),
            }
        })
        .collect();

    let mut skills: Vec<&crate::data::Skill> = m.skills.values().copied().collect();
    skills.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    docs.par_extend(skills.par_iter().map(|s| {
        let summary = s.summary.clone().unwrap_or_default();
        Doc {
            kind: Kind::Skill,
            id: s.id.value.clone(),
            title: s.name.clone(),
            summary: one_line(&summary),
            pay: String::new(),
            category: 0,
            title_words: tokens(&s.name),
            alias_words: words(s.aliases.iter().map(String::as_str)),
            body_words: words([summary.as_str()]),
        }
    }));

    let paths: Vec<_> = m.paths.iter().collect();
    docs.par_extend(paths.par_iter().map(|(id, p)| {
        let d = &p.data;
        let steps: Vec<String> = d
            .steps
            .value
            .iter()
            .filter_map(|s| match (&s.value.role, &s.value.job) {
                (Some(r), _) => m.roles.get(r.value.as_str()).map(|r| r.data.title.clone()),
                (None, Some(j)) => Some(j.clone()),
                _ => None,
            })
            .collect();
        let summary = d.summary.clone().unwrap_or_default();
        Doc {
            kind: Kind::Path,
            id: id.to_string(),
            title: d.title.clone(),
            summary: one_line(&summary),
            pay: String::new(),
            category: 0,
            title_words: tokens(&d.title),
            alias_words: Vec::new(),
            body_words: words(std::iter::once(summary.as_str()).chain(steps.iter().map(String::as_str))),
        }
    }));

    let pages: Vec<_> = m.pages.iter().collect();
    docs.par_extend(pages.par_iter().map(|(slug, p)| {
        let summary = p.front.summary.clone().unwrap_or_default();
        let text = markdown_text(&p.body);
        Doc {
            kind: Kind::Guide,
            id: slug.to_string(),
            title: p.front.title.clone(),
            summary: one_line(if summary.is_empty() { &text } else { &summary }),
            pay: String::new(),
            category: 0,
            title_words: tokens(&p.front.title),
            alias_words: Vec::new(),
            body_words: words([summary.as_str(), text.as_str()]),
        }
    }));
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_cuts_at_a_word() {
        assert_eq!(one_line("  Reads\n numbers. "), "Reads numbers.");
        let long = "word ".repeat(40);
        let cut = one_line(&long);
        assert!(cut.ends_with("word…") && cut.chars().count() <= SUMMARY_CHARS + 1, "{cut}");
    }

    #[test]
    fn markdown_text_drops_markup() {
        assert_eq!(
            words([markdown_text("# Head\n\nSome **bold** [link](@/roles/x/) `code`").as_str()]),
            ["bold", "code", "head", "link", "some"]
        );
    }
}
