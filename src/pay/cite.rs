//! Citations: which source a figure or claim comes from and, when we did not read it ourselves,
//! who reported it. One model, three forms: data for templates (`templates/partials/cite.html`
//! prints it, and a site can override that partial), plain text for the quiz, and the list of a
//! page's sources.

use serde::Serialize;

use crate::data::Source;
use crate::model::Model;

/// One source as a citation shows it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct SourceRef<'a> {
    /// The id, shown alone when no source has it.
    pub id: &'a str,
    /// Whether the id names a source; the fields below are empty when not.
    pub known: bool,
    pub title: &'a str,
    pub publisher: Option<&'a str>,
    /// Its address; without one the title is shown as `<cite>`.
    pub url: Option<&'a str>,
    /// "1 March 2026" or "undated".
    pub date: String,
}

/// A figure's or claim's citation: its source, and the one that reported it (`via`).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Citation<'a> {
    pub source: SourceRef<'a>,
    pub via: Option<SourceRef<'a>>,
}

/// "undated" or "1 March 2026": when a source was published.
pub fn published(s: &Source) -> String {
    match &s.date {
        Some(d) => crate::date::human(&d.value),
        None => "undated".to_string(),
    }
}

impl<'a> SourceRef<'a> {
    pub fn new(m: &Model<'a>, id: &'a str) -> Self {
        match m.sources.get(id) {
            Some(s) => SourceRef {
                id,
                known: true,
                title: &s.title,
                publisher: s.publisher.as_deref(),
                url: s.url.as_ref().map(|u| u.value.as_str()),
                date: published(s),
            },
            None => SourceRef { id, known: false, title: "", publisher: None, url: None, date: String::new() },
        }
    }

    /// "Publisher, Title, 1 March 2026" (or the id of an unknown source).
    pub fn text(&self) -> String {
        match (self.known, self.publisher) {
            (false, _) => self.id.to_string(),
            (true, None) => format!("{}, {}", self.title, self.date),
            (true, Some(p)) => format!("{p}, {}, {}", self.title, self.date),
        }
    }

    /// The markup `templates/partials/cite.html` prints for one source (used where Rust writes the
    /// HTML itself: the wage sections).
    pub fn html(&self) -> String {
        use crate::escape::html as esc;
        if !self.known {
            return esc(self.id);
        }
        let title = match self.url {
            Some(u) => format!("<a href=\"{}\">{}</a>", esc(u), esc(self.title)),
            None => format!("<cite>{}</cite>", esc(self.title)),
        };
        let publisher = self.publisher.map(|p| format!("{}, ", esc(p))).unwrap_or_default();
        format!("{publisher}{title} ({})", self.date)
    }
}

impl<'a> Citation<'a> {
    pub fn new(m: &Model<'a>, source: &'a str, via: Option<&'a str>) -> Self {
        Citation { source: SourceRef::new(m, source), via: via.map(|v| SourceRef::new(m, v)) }
    }

    /// Plain text, for the quiz: "Publisher, Title, undated, as reported by ...".
    pub fn text(&self) -> String {
        match &self.via {
            Some(v) => format!("{}, as reported by {}", self.source.text(), v.text()),
            None => self.source.text(),
        }
    }

    /// The markup of `templates/partials/cite.html`, for HTML that Rust writes itself.
    pub fn html(&self) -> String {
        match &self.via {
            Some(v) => format!("{}, as reported by {}", self.source.html(), v.html()),
            None => self.source.html(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCES: &str = "- id: survey\n  title: Salary <survey>\n  publisher: A & B\n  url: https://example.org/s?a=1&b=2\n  date: 2026-03-01\n- id: census\n  title: Pay census\n";

    #[test]
    fn text_and_html_of_a_citation() {
        let (_dir, l) = crate::pay::testing::load(&[("data/sources.yaml", SOURCES)]);
        let m = Model::new(&l, None, false);
        let c = Citation::new(&m, "census", Some("survey"));
        assert_eq!(c.text(), "Pay census, undated, as reported by A & B, Salary <survey>, 1 March 2026");
        assert_eq!(
            c.html(),
            "<cite>Pay census</cite> (undated), as reported by A &amp; B, \
             <a href=\"https://example.org/s?a=1&amp;b=2\">Salary &lt;survey&gt;</a> (1 March 2026)"
        );
        let alone = Citation::new(&m, "census", None);
        assert_eq!((alone.text(), alone.via), ("Pay census, undated".to_string(), None));
    }

    #[test]
    fn an_unknown_source_is_its_id() {
        let (_dir, l) = crate::pay::testing::load(&[]);
        let m = Model::new(&l, None, false);
        let c = Citation::new(&m, "<nope>", None);
        assert!(!c.source.known);
        assert_eq!((c.text(), c.html()), ("<nope>".to_string(), "&lt;nope&gt;".to_string()));
    }
}
