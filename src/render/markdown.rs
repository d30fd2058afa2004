//! Markdown to HTML with pulldown-cmark. Editors' raw HTML is escaped (shown as text, never
//! run); `@/` links become site addresses under the base path; script URLs and images are
//! dropped (validation has already reported them); headings get ids for anchors.

use std::collections::{BTreeSet, HashMap};

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::model::Model;
use crate::urls::bad_url;

pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION
}

/// Render `text`. `shift` demotes headings (a field shown under an `h2` starts at `h3`).
pub fn render(m: &Model, text: &str, shift: u8) -> String {
    render_collecting(m, text, shift, None)
}

/// The ids `render` gives the headings of `text`, in order (for links to a guide's sections).
pub fn heading_ids(m: &Model, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    render_collecting(m, text, 0, Some(&mut out));
    out
}

fn render_collecting(m: &Model, text: &str, shift: u8, mut heading_ids: Option<&mut Vec<String>>) -> String {
    let mut ids = (BTreeSet::new(), HashMap::new());
    let mut out = String::with_capacity(text.len() * 3 / 2);
    let mut events: Vec<Event> = Vec::new();
    let mut skip_image = 0usize;
    let mut in_heading: Option<usize> = None;
    for ev in Parser::new_ext(text, options()) {
        if skip_image > 0 {
            match ev {
                Event::Start(Tag::Image { .. }) => skip_image += 1,
                Event::End(TagEnd::Image) => skip_image -= 1,
                Event::Text(t) | Event::Code(t) => events.push(Event::Text(t)),
                _ => {}
            }
            continue;
        }
        let ev = match ev {
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            Event::Start(Tag::Image { .. }) => {
                skip_image = 1;
                continue;
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest = link_dest(m, &dest_url);
                Event::Start(Tag::Link { link_type, dest_url: CowStr::from(dest), title, id })
            }
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                in_heading = Some(events.len());
                let lvl = (level as usize + shift as usize).min(6);
                Event::Start(Tag::Heading { level: heading(lvl), id, classes, attrs })
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = in_heading.take() {
                    let text: String = events[start + 1..]
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let id = unique_id(&slugify(&text), &mut ids);
                    if let Some(out) = heading_ids.as_mut() {
                        out.push(id.clone());
                    }
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id));
                    }
                }
                let lvl = (level as usize + shift as usize).min(6);
                Event::End(TagEnd::Heading(heading(lvl)))
            }
            other => other,
        };
        events.push(ev);
    }
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

fn heading(l: usize) -> HeadingLevel {
    match l {
        1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn link_dest(m: &Model, dest: &str) -> String {
    if let Some(rest) = dest.strip_prefix("@/") {
        return m.internal_link(rest).unwrap_or_else(|_| "#".to_string());
    }
    match bad_url(dest, false) {
        None => dest.to_string(),
        Some(_) => "#".to_string(),
    }
}

/// `What the work looks like` -> `what-the-work-looks-like`.
pub fn slugify(text: &str) -> String {
    let mut s = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            s.push(ch);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s = s.trim_end_matches('-').to_string();
    if s.is_empty() {
        "section".to_string()
    } else {
        s
    }
}

/// `base`, or `base-2`, `base-3` ... the first not taken. `ids.1` remembers, per base, the
/// number last given (every smaller one is taken), so many headings of one text cost one try each.
fn unique_id(base: &str, ids: &mut (BTreeSet<String>, HashMap<String, usize>)) -> String {
    let (taken, last) = ids;
    let n = last.entry(base.to_string()).or_insert(1);
    let mut id = if *n == 1 { base.to_string() } else { format!("{base}-{n}") };
    while !taken.insert(id.clone()) {
        *n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Render a short Markdown field meant to sit inline (one paragraph): the `<p>` wrapper dropped.
pub fn render_inline(m: &Model, text: &str) -> String {
    let html = render(m, text, 0);
    let trimmed = html.trim();
    if let Some(inner) = trimmed.strip_prefix("<p>").and_then(|t| t.strip_suffix("</p>")) {
        if !inner.contains("<p>") {
            return inner.to_string();
        }
    }
    trimmed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_headings_get_numbered_ids_past_those_taken() {
        let mut ids = Default::default();
        let got: Vec<String> =
            ["notes", "notes", "notes-2", "notes", "notes-4", "notes"].iter().map(|b| unique_id(b, &mut ids)).collect();
        assert_eq!(got, ["notes", "notes-2", "notes-2-2", "notes-3", "notes-4", "notes-5"]);
    }
}
