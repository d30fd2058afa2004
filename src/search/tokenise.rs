//! The one tokeniser spec, shared by the index (here) and the query script
//! (`templates/search.js`, function `tokens`). `tests/search-vectors.json` runs on both.
//!
//! 1. Unicode compatibility decomposition (NFKD): `ﬁ` -> `fi`, `é` -> `e` + accent, `²` -> `2`.
//! 2. Lower case (Unicode default case mapping).
//! 3. Drop combining marks (U+0300-036F, U+1AB0-1AFF, U+1DC0-1DFF, U+20D0-20FF, U+FE20-FE2F)
//!    and in-word joiners: apostrophes `'` `’` `ʼ`, soft hyphen, zero-width (joiner) spaces, BOM;
//!    `don't` is one word, `dont`.
//! 4. Fold the letters NFKD keeps whole: `ß` -> `ss`, `æ` -> `ae`, `œ` -> `oe`, `ø` -> `o`,
//!    `đ` `ð` -> `d`, `ł` -> `l`, `ı` -> `i`, `þ` -> `th`, `ħ` -> `h`, `ς` -> `σ`.
//! 5. Split at separators: every ASCII character but `a-z0-9`, and the non-ASCII punctuation and
//!    symbol blocks listed in `separator`. Everything else (letters and digits of any script) is
//!    part of a word. Words longer than 32 characters are cut to 32.

use unicode_normalization::UnicodeNormalization;

/// Words are cut to this many characters.
pub const MAX_WORD: usize = 32;

fn mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

fn joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn separator(c: char) -> bool {
    if c.is_ascii() {
        return !(c.is_ascii_lowercase() || c.is_ascii_digit());
    }
    matches!(c,
        '\u{0080}'..='\u{00BF}' | '\u{00D7}' | '\u{00F7}' | '\u{1680}' | '\u{2000}'..='\u{2BFF}'
        | '\u{2E00}'..='\u{2E7F}' | '\u{3000}'..='\u{303F}' | '\u{FE10}'..='\u{FE1F}' | '\u{FE30}'..='\u{FE6F}'
        | '\u{FF00}'..='\u{FF0F}' | '\u{FFF0}'..='\u{FFFF}' | '\u{1F000}'..='\u{1FAFF}')
}

fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'ı' => "i",
        'þ' => "th",
        'ħ' => "h",
        'ς' => "σ",
        _ => return None,
    })
}

/// The words of `text`, in order, repeats kept.
pub fn tokens(text: &str) -> Vec<String> {
    if text.is_ascii() {
        return ascii_tokens(text);
    }
    let lower = text.nfkd().collect::<String>().to_lowercase();
    let mut out = Vec::new();
    let mut word: Vec<char> = Vec::new();
    for c in lower.chars() {
        if mark(c) || joiner(c) {
            continue;
        }
        if separator(c) {
            if !word.is_empty() {
                out.push(word.drain(..).collect());
            }
            continue;
        }
        match fold(c) {
            Some(s) => word.extend(s.chars()),
            None => word.push(c),
        }
        word.truncate(MAX_WORD);
    }
    if !word.is_empty() {
        out.push(word.into_iter().collect());
    }
    out
}

/// `tokens` of ASCII text, the same words without the Unicode steps (NFKD and Unicode case
/// mapping leave ASCII as it is, and the only ASCII joiner is `'`): most of a site's text is
/// ASCII, and this is several times faster.
fn ascii_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for b in text.bytes() {
        let c = b.to_ascii_lowercase();
        if c == b'\'' {
            continue;
        }
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            if word.len() < MAX_WORD {
                word.push(char::from(c));
            }
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The address segment a title gives by the simple ASCII rule (`AI Trainer` -> `ai-trainer`).
/// The index stores a record's id only when it differs, the script rebuilds it the same way.
pub fn ascii_slug(title: &str) -> String {
    let mut s = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.is_empty() && !s.ends_with('-') {
            s.push('-');
        }
    }
    while s.ends_with('-') {
        s.pop();
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(tokens("Gouvernance: l'IA, Ærø & straße"), ["gouvernance", "lia", "aero", "strasse"]);
        assert_eq!(tokens("  "), Vec::<String>::new());
        assert_eq!(tokens("ﬁne-tuning A/B"), ["fine", "tuning", "a", "b"]);
    }

    #[test]
    fn the_ascii_shortcut_gives_the_words_of_the_general_steps() {
        // Every printable ASCII character and a few controls, in words of every length to 40.
        let chars: Vec<char> = (0u8..128).map(char::from).collect();
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for len in 0..400 {
            let text: String = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    chars[(seed % 128) as usize]
                })
                .collect();
            // An `é` at the end sends the text down the general path; it adds one word's ending.
            let general = tokens(&format!("{text} \u{00E9}"));
            assert_eq!(general.last().map(String::as_str), Some("e"), "{text:?}");
            assert_eq!(ascii_tokens(&text), general[..general.len() - 1], "{text:?}");
        }
    }

    #[test]
    fn cuts_long_words() {
        let t = tokens(&"x".repeat(40));
        assert_eq!(t[0].chars().count(), MAX_WORD);
    }

    #[test]
    fn ascii_slug_is_the_id_rule() {
        assert_eq!(ascii_slug("AI Trainer / RLHF"), "ai-trainer-rlhf");
        assert_eq!(ascii_slug("Café"), "caf");
    }
}
