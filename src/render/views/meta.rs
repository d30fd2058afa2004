//! What every page's context holds: its meta (title, description, addresses, breadcrumbs,
//! JSON-LD), and the context of a page with nothing more.

use serde::Serialize;
use tera::Context;

use super::jsonld;
use crate::model::Model;

#[derive(Serialize)]
pub struct Crumb {
    pub name: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct PageMeta {
    pub title: String,
    pub description: String,
    pub url: String,
    pub canonical: String,
    pub section: &'static str,
    pub breadcrumbs: Vec<Crumb>,
    pub jsonld: String,
    pub og_type: &'static str,
}

impl PageMeta {
    pub(super) fn new(
        m: &Model,
        rel: &str,
        title: impl Into<String>,
        description: impl Into<String>,
        section: &'static str,
    ) -> Self {
        let title = title.into();
        let mut description: String = description.into();
        if description.is_empty() {
            description = m.config.description.clone();
        }
        PageMeta {
            title,
            description: clip(description),
            url: m.url(rel),
            canonical: m.abs_url(rel),
            section,
            breadcrumbs: Vec::new(),
            jsonld: String::new(),
            og_type: "website",
        }
    }

    pub(super) fn crumbs(mut self, m: &Model, trail: &[(&str, &str)]) -> Self {
        self.breadcrumbs = std::iter::once(("Home", ""))
            .chain(trail.iter().copied())
            .map(|(name, rel)| Crumb { name: name.to_string(), url: m.url(rel) })
            .collect();
        self.jsonld = jsonld::breadcrumbs(m, trail, &self.title, &self.canonical, None);
        self
    }
}

/// The longest description a page's head carries, in characters: about what a search engine
/// shows. Every page repeats it twice (`description`, `og:description`) beside the page's own
/// text, which has it whole.
pub(super) const DESCRIPTION_MAX: usize = 160;

/// The longest summary a role card shows, in characters: about two lines of a card. A card is a
/// pointer to the role's page, which has the summary whole; on a real-shaped site of 3,000 roles
/// with summaries of up to 600 characters, related-role cards and the lists repeated them in full.
pub(super) const CARD_SUMMARY_MAX: usize = 160;

/// `text` cut to `DESCRIPTION_MAX` characters at the end of a word, with "…" when cut.
fn clip(text: String) -> String {
    clip_to(text, DESCRIPTION_MAX)
}

/// `text` cut to `max` characters at the end of a word, with "…" when cut.
pub(super) fn clip_to(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let head: String = text.chars().take(max - 1).collect();
    let end = head.rfind(char::is_whitespace).unwrap_or(head.len());
    format!("{}…", head[..end].trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—(".contains(c)))
}

/// A page's context: `page` (its meta) and the named views.
pub(super) fn ctx_with(meta: &PageMeta) -> Context {
    let mut ctx = Context::new();
    ctx.insert("page", meta);
    ctx
}

/// The text of an optional field, empty when absent.
pub(super) fn or_empty(s: &Option<String>) -> &str {
    s.as_deref().unwrap_or("")
}

/// The context of a page that needs only its meta (search).
pub(crate) fn simple(m: &Model, rel: &str, title: &str, desc: &str, section: &'static str) -> Context {
    let meta = PageMeta::new(m, rel, title, desc, section).crumbs(m, &[]);
    ctx_with(&meta)
}

#[cfg(test)]
mod tests {
    use super::{clip, DESCRIPTION_MAX};

    #[test]
    fn a_long_description_is_cut_at_a_word() {
        assert_eq!(clip("Short.".into()), "Short.");
        let long = "word ".repeat(60) + "end";
        let cut = clip(long);
        assert!(cut.chars().count() <= DESCRIPTION_MAX && cut.ends_with("word…"), "{cut}");
        let unbroken = "é".repeat(200);
        assert_eq!(clip(unbroken).chars().count(), DESCRIPTION_MAX);
    }
}
