//! Text cut short for places that repeat it (a page's head, cards, structured data), where the
//! page the text belongs to shows it whole. A leaf: meta, cards and jsonld all use it.

/// The longest description a page's head carries, in characters: about what a search engine
/// shows. Every page repeats it twice (`description`, `og:description`) beside the page's own
/// text, which has it whole.
pub(super) const DESCRIPTION_MAX: usize = 160;

/// The longest summary a role card shows, in characters: about two lines of a card. A card is a
/// pointer to the role's page, which has the summary whole; on a real-shaped site of 3,000 roles
/// with summaries of up to 600 characters, related-role cards and the lists repeated them in full.
pub(super) const CARD_SUMMARY_MAX: usize = 160;

/// `text` cut to `max` characters at the end of a word, with "…" when cut.
pub(super) fn clip_to(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    let head: String = text.chars().take(max - 1).collect();
    let end = head.rfind(char::is_whitespace).unwrap_or(head.len());
    format!("{}…", head[..end].trim_end_matches(|c: char| c.is_whitespace() || ",;:.-–—(".contains(c)))
}
