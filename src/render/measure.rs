//! Text in inline SVG: how wide a string will be drawn (an estimate, on the wide side), cutting and
//! wrapping it to fit, coordinates as printed, and the opening `<svg>` both diagrams share.

use std::fmt::Write as _;

pub(crate) use crate::escape::svg as esc;

/// A coordinate with at most one decimal, "-0" printed as "0".
pub(crate) fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == 0.0 || !r.is_finite() {
        "0".to_string()
    } else if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// Rough advance width of a character in em, on the wide side of common sans-serif faces
/// (DejaVu Sans and Verdana are wider than Helvetica or Segoe UI), so that wrapped text fits.
pub(crate) fn char_em(c: char) -> f64 {
    1.08 * char_em_base(c)
}

pub(crate) fn char_em_base(c: char) -> f64 {
    match c {
        'i' | 'j' | 'l' | 'I' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.28,
        'f' | 't' | 'r' | ' ' | '(' | ')' | '[' | ']' | '-' | '/' => 0.36,
        'm' | 'w' | 'M' | 'W' | '@' | '%' => 0.88,
        'A'..='Z' => 0.68,
        '0'..='9' | '$' | '~' | '+' | '€' | '£' | '¥' | '₹' | '–' | '…' => 0.58,
        c if c.is_ascii() => 0.54,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}' => 1.0,
        _ => 0.62,
    }
}

/// Estimated width of `s` at font size `size` (user units).
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

/// Cut `s` so that it fits in `max_w` with a trailing "…": at a word boundary when one is left
/// (so the visible words stay a prefix of the full text, as link names must), else between characters.
pub(crate) fn ellipsize(s: &str, max_w: f64, size: f64) -> String {
    let ell = char_em('…') * size;
    let trim = |t: &str| {
        t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '-' | '–')).to_string()
    };
    let mut cut = trim(s);
    while text_width(&cut, size) + ell > max_w {
        match cut.rfind(' ') {
            Some(i) => cut = trim(&cut[..i]),
            None => break,
        }
    }
    let mut chars: Vec<char> = cut.chars().collect();
    while !chars.is_empty() && chars.iter().map(|c| char_em(*c)).sum::<f64>() * size + ell > max_w {
        chars.pop();
    }
    let mut out = trim(&chars.into_iter().collect::<String>());
    out.push('…');
    out
}

/// Greedy word wrap into at most `max_lines` lines of width `max_w`; the last line ends in "…"
/// when the text does not fit. Returns the lines and whether anything was cut.
pub(crate) fn wrap(text: &str, max_w: f64, size: f64, max_lines: usize) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() { word.to_string() } else { format!("{cur} {word}") };
        if text_width(&candidate, size) <= max_w {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        cur = word.to_string();
        // A single word wider than the line is broken between characters.
        while text_width(&cur, size) > max_w && cur.chars().count() > 1 {
            let mut w = 0.0;
            let mut cut = 0;
            for (i, c) in cur.char_indices() {
                w += char_em(c) * size;
                if w > max_w && i > 0 {
                    break;
                }
                cut = i + c.len_utf8();
            }
            let rest = cur.split_off(cut);
            lines.push(std::mem::replace(&mut cur, rest));
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    if lines.len() <= max_lines {
        return (lines, false);
    }
    let tail = lines[max_lines - 1..].join(" ");
    lines.truncate(max_lines - 1);
    lines.push(ellipsize(&tail, max_w, size));
    (lines, true)
}

/// The opening `<svg>` tag with title and desc. `linked` switches to `role="group"` (see module docs).
pub(crate) fn svg_open(
    out: &mut String,
    class: &str,
    (w, h): (f64, f64),
    id: &str,
    title: &str,
    desc: &str,
    linked: bool,
) {
    let aria = if linked {
        format!(r#"role="group" aria-labelledby="{id}-t" aria-describedby="{id}-d""#)
    } else {
        format!(r#"role="img" aria-labelledby="{id}-t {id}-d""#)
    };
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="{class}" viewBox="0 0 {} {}" width="100%" {aria} font-size="14"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        num(w),
        num(h),
        esc(title),
        esc(desc)
    );
}

/// Test helpers: reading the SVG both diagrams write.
#[cfg(test)]
pub(crate) mod testing {
    /// Every `<tag ...>` start tag of the given name carrying `class="{class}"` exactly, as attribute maps.
    pub(crate) fn elements(svg: &str, tag: &str, class: &str) -> Vec<Vec<(String, String)>> {
        let mut found = Vec::new();
        let open = format!("<{tag} ");
        let mut rest = svg;
        while let Some(i) = rest.find(&open) {
            let after = &rest[i + open.len()..];
            let end = after.find('>').unwrap();
            let attrs = parse_attrs(&after[..end]);
            if attrs.iter().any(|(k, v)| k == "class" && v == class) {
                found.push(attrs);
            }
            rest = &after[end..];
        }
        found
    }

    pub(crate) fn parse_attrs(s: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut rest = s.trim_end_matches('/');
        while let Some(eq) = rest.find("=\"") {
            let key = rest[..eq].trim().to_string();
            let after = &rest[eq + 2..];
            let close = after.find('"').unwrap();
            out.push((key, after[..close].to_string()));
            rest = &after[close + 1..];
        }
        out
    }

    pub(crate) fn attr(a: &[(String, String)], k: &str) -> f64 {
        a.iter().find(|(key, _)| key == k).unwrap().1.parse().unwrap()
    }

    /// The contents of each `<text class="{class}">`, or of each of its `<tspan>` lines when it
    /// has some (sublabel tspans left out).
    pub(crate) fn text_of(svg: &str, class: &str) -> Vec<String> {
        let mut out = Vec::new();
        let open = format!(r#"<text class="{class}""#);
        let mut rest = svg;
        while let Some(i) = rest.find(&open) {
            let after = &rest[i..];
            let s = after.find('>').unwrap() + 1;
            let e = after.find("</text>").unwrap();
            let inner = &after[s..e];
            if inner.contains("<tspan") {
                for part in inner.split("<tspan").skip(1) {
                    if part.starts_with(r#" class="dg-sub""#) {
                        continue;
                    }
                    let a = part.find('>').unwrap() + 1;
                    let b = part.find("</tspan>").unwrap();
                    out.push(part[a..b].to_string());
                }
            } else {
                out.push(inner.to_string());
            }
            rest = &after[e..];
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping() {
        let (l, cut) = wrap("short", 100.0, 14.0, 3);
        assert_eq!((l, cut), (vec!["short".to_string()], false));
        let (l, cut) = wrap("", 100.0, 14.0, 3);
        assert_eq!((l, cut), (vec![String::new()], false));
        let (l, cut) = wrap("Supercalifragilisticexpialidocious", 80.0, 14.0, 2);
        assert!(cut);
        assert_eq!(l.len(), 2);
        assert!(l.iter().all(|s| text_width(s, 14.0) <= 80.0));
    }
}
