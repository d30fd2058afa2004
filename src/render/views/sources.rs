//! Citations and source lists as templates get them: data, printed by `partials/cite.html`.

use serde::Serialize;

use crate::data::read_by_us;
use crate::data::Outlook;
use crate::date;
use crate::model::Model;
use crate::pay::cite::Citation;
use crate::render::markdown::render_inline as markdown_inline;

/// One entry of a page's list of sources.
#[derive(Serialize)]
pub struct SourceItem<'a> {
    pub id: &'a str,
    /// The source itself, as a citation without `via`.
    pub cite: Citation<'a>,
    pub kind: String,
    pub read: String,
    pub note: &'a str,
}

/// The sources of a page, each once, in the order first cited; unknown ids left out.
pub fn source_items<'a>(m: &'a Model, ids: impl IntoIterator<Item = &'a str>) -> Vec<SourceItem<'a>> {
    let mut seen = std::collections::BTreeSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(*id))
        .filter_map(|id| m.sources.get(id).map(|s| (id, s)))
        .map(|(id, s)| SourceItem {
            id,
            cite: Citation::new(m, id, None),
            kind: s.kind.map(|k| format!("{k:?}").to_lowercase()).unwrap_or_default(),
            read: match (&s.accessed, read_by_us(s)) {
                (Some(a), _) => format!("read {}", date::human(&a.value)),
                (None, true) => String::new(),
                (None, false) => "not read by us: quoted by another source".to_string(),
            },
            note: s.note.as_deref().unwrap_or(""),
        })
        .collect()
}

/// What a source says about demand, with its citation.
#[derive(Serialize)]
pub struct OutlookView<'a> {
    pub summary_html: String,
    pub cite: Citation<'a>,
    pub applies_to: &'a str,
}

pub fn outlook_view<'a>(m: &'a Model, o: &'a Outlook) -> OutlookView<'a> {
    OutlookView {
        summary_html: markdown_inline(m, &o.summary.value),
        cite: Citation::new(m, &o.source.value, o.via.as_ref().map(|v| v.value.as_str())),
        applies_to: o.applies_to.as_deref().unwrap_or(""),
    }
}

/// An outlook's source and the one that reported it: the ids a page lists.
pub fn outlook_sources(o: &Outlook) -> impl Iterator<Item = &str> {
    std::iter::once(o.source.value.as_str()).chain(o.via.iter().map(|v| v.value.as_str()))
}
