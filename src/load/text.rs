//! Characters an editor cannot see: control characters and noncharacters in any file, and YAML
//! escapes that stand for one, each an error at its place; `printable` shows them as symbols.

use crate::diagnostic::Diagnostic;

/// `text` with each forbidden character shown as a visible symbol (`␛` for
/// escape, `�` for C1 controls and noncharacters), one character for one, so columns stay.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && forbidden_char(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '\n' | '\t' => c,
            '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\x7f' => '\u{2421}',
            c if forbidden_char(c) => '\u{fffd}',
            c => c,
        })
        .collect()
}

/// A character with no place in an editor's text: C0 controls other than tab and line feed,
/// DEL, C1 controls, and Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...). They are
/// invisible in an editor and make pages and feeds malformed (XML refuses them outright).
pub fn forbidden_char(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{fdd0}'..='\u{fdef}' => true,
        c => (c as u32) & 0xfffe == 0xfffe,
    }
}

/// `U+001B (escape)`: how a forbidden character is named in a message.
pub fn char_name(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\x07' => "bell",
        '\x08' => "backspace",
        '\x0b' => "vertical tab",
        '\x0c' => "form feed",
        '\r' => "carriage return",
        '\x1b' => "escape",
        '\x7f' => "delete",
        '\0'..='\x1f' => "control character",
        '\u{80}'..='\u{9f}' => "C1 control character",
        _ => "noncharacter",
    };
    format!("U+{:04X} ({name})", c as u32)
}

pub const FORBIDDEN_HELP: &str =
    "remove it: control characters are invisible in an editor and break pages and feeds (tabs and line breaks are fine)";

/// Whether `d` is about a control character: its file was still read whole.
pub fn is_control_character(d: &Diagnostic) -> bool {
    d.help.as_deref() == Some(FORBIDDEN_HELP)
}

/// At most this many forbidden characters are reported per file; then one summary.
pub const FORBIDDEN_LIMIT: usize = 20;

/// Every forbidden character in a file's text (one a line), and every `&#NN;` reference that
/// stands for one (Markdown turns it into the character). Comments are included: YAML allows
/// none of these characters anywhere in a file. One pass over the text.
pub fn scan_forbidden(rel: &str, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut more = 0;
    let (mut line, mut col, mut reported_line) = (1, 0, 0);
    for (i, c) in text.char_indices() {
        col += 1;
        let found = if forbidden_char(c) {
            Some((format!("the text holds the invisible character {}", char_name(c)), 1))
        } else if c == '&' && text[i..].starts_with("&#") {
            char_reference(&text[i..]).filter(|(ch, _)| forbidden_char(*ch)).map(|(ch, len)| {
                (format!("`{}` stands for the invisible character {}", &text[i..i + len], char_name(ch)), len)
            })
        } else {
            None
        };
        if let Some((msg, width)) = found {
            if reported_line != line {
                reported_line = line;
                if out.len() < FORBIDDEN_LIMIT {
                    out.push(Diagnostic::error(rel, line, col, msg).help(FORBIDDEN_HELP).width(width));
                } else {
                    more += 1;
                }
            }
        }
        if c == '\n' {
            line += 1;
            col = 0;
        }
    }
    if more > 0 {
        out.push(
            Diagnostic::error(rel, 0, 0, format!("{more} more lines hold invisible control characters"))
                .help(FORBIDDEN_HELP),
        );
    }
    out
}

/// `&#27;` or `&#x1B;` at the start of `s`: the character and the reference's length.
pub fn char_reference(s: &str) -> Option<(char, usize)> {
    let rest = &s[2..];
    let (digits, radix, skip) = match rest.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (rest, 10, 2),
    };
    let len = digits.bytes().take(8).take_while(|b| b.is_ascii_hexdigit()).count();
    if len == 0 || !digits[len..].starts_with(';') {
        return None;
    }
    let n = u32::from_str_radix(&digits[..len], radix).ok()?;
    Some((char::from_u32(n)?, skip + len + 1))
}

/// Forbidden characters written as escapes (`"\e"`, `"\x00"`, `"\u0007"`) in YAML
/// double-quoted scalars, at the escape. `line_offset` as for `parse`. Only a text with a
/// backslash is parsed for this.
pub fn scan_yaml_escapes(rel: &str, text: &str, line_offset: usize) -> Vec<Diagnostic> {
    use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};
    let mut out = Vec::new();
    if !text.contains('\\') {
        return out;
    }
    for ev in Parser::new_from_str(text) {
        let Ok((Event::Scalar(value, ScalarStyle::DoubleQuoted, ..), span)) = ev else {
            if ev.is_err() {
                break;
            }
            continue;
        };
        if !value.chars().any(forbidden_char) {
            continue;
        }
        let start = span
            .start
            .byte_offset()
            .unwrap_or_else(|| text.char_indices().nth(span.start.index()).map(|(b, _)| b).unwrap_or(text.len()));
        let (mut line, mut col) = (span.start.line(), span.start.col());
        let src = text.get(start..).unwrap_or_default();
        let mut chars = src.char_indices().peekable();
        if src.starts_with('"') {
            chars.next();
            col += 1;
        }
        while let Some((i, c)) = chars.next() {
            col += 1;
            match c {
                '"' => break,
                '\n' => {
                    line += 1;
                    col = 0;
                }
                '\\' => {
                    let len = escape_len(&src[i + 1..]);
                    let esc = &src[i..i + 1 + len];
                    if unescape(esc).is_some_and(forbidden_char) && out.len() < FORBIDDEN_LIMIT {
                        out.push(
                            Diagnostic::error(
                                rel,
                                line + line_offset,
                                col,
                                format!(
                                    "`{esc}` stands for the invisible character {}",
                                    char_name(unescape(esc).unwrap_or('\0'))
                                ),
                            )
                            .help(FORBIDDEN_HELP)
                            .width(esc.chars().count()),
                        );
                    }
                    for _ in 0..len {
                        if let Some((_, '\n')) = chars.next() {
                            line += 1;
                            col = 0;
                        } else {
                            col += 1;
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// Length in bytes of the escape after a backslash (`e`, `x1b`, `u0007`, ...).
pub fn escape_len(after: &str) -> usize {
    let hex = |n: usize| 1 + after[1..].bytes().take(n).take_while(|b| b.is_ascii_hexdigit()).count();
    match after.chars().next() {
        Some('x') => hex(2),
        Some('u') => hex(4),
        Some('U') => hex(8),
        Some(c) => c.len_utf8(),
        None => 0,
    }
}

/// The character a YAML double-quoted escape (`\e`, `\x1b`) stands for.
pub fn unescape(esc: &str) -> Option<char> {
    let body = esc.strip_prefix('\\')?;
    let hex = |h: &str| u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
    match body.chars().next()? {
        '0' => Some('\0'),
        'a' => Some('\x07'),
        'b' => Some('\x08'),
        'v' => Some('\x0b'),
        'f' => Some('\x0c'),
        'r' => Some('\r'),
        'e' => Some('\x1b'),
        'N' => Some('\u{85}'),
        'x' | 'u' | 'U' => hex(&body[1..]),
        _ => None,
    }
}
