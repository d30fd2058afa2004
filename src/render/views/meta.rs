//! What every page's context holds: its meta (title, description, addresses, breadcrumbs,
//! JSON-LD), and the context of a page with nothing more.

use serde::Serialize;
use tera::Context;

use super::clip::{clip_to, DESCRIPTION_MAX};
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

/// `text` cut to `DESCRIPTION_MAX` characters at the end of a word, with "…" when cut.
fn clip(text: String) -> String {
    clip_to(text, DESCRIPTION_MAX)
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
