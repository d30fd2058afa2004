//! Escaping text for the places ladder writes it by hand (outside tera's autoescape): HTML text and
//! attributes, SVG inside HTML, XML files, and JSON inside a `<script>` element. A leaf: it uses
//! nothing else of the crate.

/// How a few characters are written; everything else is copied.
struct Rules {
    /// The apostrophe: `&#39;` in HTML (HTML 4 has no `&apos;`), `&apos;` in XML files.
    apos: &'static str,
    /// Control characters (tab and newlines included) become spaces: XML 1.0 cannot hold most of
    /// them, and in SVG text a line break is only a space anyway.
    controls_to_space: bool,
}

fn escape(s: &str, rules: &Rules) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(rules.apos),
            c if rules.controls_to_space && c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text or a quoted attribute value in HTML: `& < > " '` escaped.
pub fn html(s: &str) -> String {
    escape(s, &Rules { apos: "&#39;", controls_to_space: false })
}

/// Text or an attribute value in inline SVG: as [`html`], and control characters become spaces.
pub fn svg(s: &str) -> String {
    escape(s, &Rules { apos: "&#39;", controls_to_space: true })
}

/// Text or an attribute value in an XML file (sitemap, feed): `& < > " '`, the last as `&apos;`.
pub fn xml(s: &str) -> String {
    escape(s, &Rules { apos: "&apos;", controls_to_space: false })
}

/// JSON that is safe inside a `<script>` element: `<`, `>` and `&` as `\u` escapes, so no `</script>`
/// or `<!--` can end or change the element.
pub fn script_json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    serde_json::to_string(v).unwrap_or_default().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_the_five() {
        assert_eq!(html(r#"a&b<c>"d'e"#), "a&amp;b&lt;c&gt;&quot;d&#39;e");
        assert_eq!(html("tab\there"), "tab\there");
    }

    #[test]
    fn svg_turns_controls_into_spaces() {
        assert_eq!(svg("a\tb\nc\r\u{1}d<"), "a b c  d&lt;");
        assert_eq!(svg("it's"), "it&#39;s");
    }

    #[test]
    fn xml_uses_apos() {
        assert_eq!(xml("it's <a&b>\"q\""), "it&apos;s &lt;a&amp;b&gt;&quot;q&quot;");
    }

    #[test]
    fn script_json_cannot_close_the_element() {
        let s = script_json(&serde_json::json!({"x": "</script><!-- & >"}));
        assert_eq!(s, r#"{"x":"\u003c/script\u003e\u003c!-- \u0026 \u003e"}"#);
    }
}
