//! A career path as inline SVG: boxes joined by arrows, readable at 320 px (see `chart` for the
//! accessibility and CSP rules both diagrams follow).

use std::fmt::Write as _;

use super::chart::SMALL;
use super::measure::{esc, num, svg_open, wrap};

/// One step of a path diagram.
pub struct DiagramStep<'a> {
    /// Step title, e.g. a role title or a job outside the site.
    pub label: &'a str,
    /// e.g. the stage, "Starting out".
    pub sublabel: Option<&'a str>,
    /// Link for role steps (root-relative URL); `None` for job steps.
    pub href: Option<&'a str>,
}

// ---------------------------------------------------------------------------------------------
// Path diagram

const DW: f64 = 320.0;
const BOX_X: f64 = 8.0;
const BOX_W: f64 = 304.0;
const STEP_SIZE: f64 = 15.0;
const STEP_LINE: f64 = 19.0;
const BOLD: f64 = 1.1; // labels are semibold: a little wider than the estimate
const GAP: f64 = 30.0;

fn step_text(s: &DiagramStep) -> String {
    match s.sublabel.map(str::trim).filter(|t| !t.is_empty()) {
        Some(sub) => format!("{} ({sub})", s.label.trim()),
        None => s.label.trim().to_string(),
    }
}

/// The name of a step's link when its title is cut: every visible word in the order shown (stage,
/// then title), without parentheses, which axe's label-content-name-mismatch check drops.
fn step_name(s: &DiagramStep) -> String {
    match s.sublabel.map(str::trim).filter(|t| !t.is_empty()) {
        Some(sub) => format!("{sub}: {}", s.label.trim()),
        None => s.label.trim().to_string(),
    }
}

/// A vertical diagram of boxes connected by arrows (reads at 320 px wide), with a title and a desc
/// ("Step 1: X (stage). Step 2: ..."). Steps with `href` are wrapped in an SVG `<a href>`. Long labels
/// wrap onto up to 3 lines and end in "…" beyond that; the desc always keeps the full text.
pub fn path_diagram(steps: &[DiagramStep], id: &str) -> String {
    let title = match (steps.first(), steps.last()) {
        (Some(a), Some(b)) if steps.len() > 1 => {
            format!("Career path from {} to {}", a.label.trim(), b.label.trim())
        }
        (Some(a), _) => format!("Career path: {}", a.label.trim()),
        _ => "Career path".to_string(),
    };
    path_diagram_titled(steps, id, &title)
}

/// [`path_diagram`] with a caller-chosen title (plain text, escaped here).
pub fn path_diagram_titled(steps: &[DiagramStep], id: &str, title: &str) -> String {
    let mut desc = String::new();
    for (i, s) in steps.iter().enumerate() {
        if i > 0 {
            desc.push(' ');
        }
        let _ = write!(desc, "Step {}: {}.", i + 1, step_text(s));
    }
    if steps.is_empty() {
        desc.push_str("No steps.");
    }
    let cx = DW / 2.0;
    let inner = BOX_W - 24.0;
    let mut body = String::new();
    let mut top = 2.0;
    for (i, s) in steps.iter().enumerate() {
        if i > 0 {
            let _ = write!(
                body,
                r#"<path class="dg-arrow" d="M{} {}V{}" stroke="currentColor"/><path class="dg-head" d="M{} {}L{} {}L{} {}Z"/>"#,
                num(cx),
                num(top - GAP + 2.0),
                num(top - 8.0),
                num(cx - 6.0),
                num(top - 10.0),
                num(cx + 6.0),
                num(top - 10.0),
                num(cx),
                num(top - 2.0)
            );
        }
        let (lines, cut_l) = wrap(s.label, inner, STEP_SIZE * BOLD, 3);
        let sub = s.sublabel.map(str::trim).filter(|t| !t.is_empty());
        let (sub_line, cut_s) = match sub {
            Some(t) => {
                let (l, c) = wrap(t, inner, SMALL, 1);
                (l.into_iter().next(), c)
            }
            None => (None, false),
        };
        // One <text> per box, a <tspan> per line, spaces between (see the band chart labels).
        // The stage comes first, as a small line above the title: a link's visible words must be
        // a contiguous run of its name, and a cut title followed by the stage would not be.
        let mut text = String::from(r#"<text class="dg-label" font-size="15" text-anchor="middle">"#);
        let mut baseline = top;
        if let Some(t) = &sub_line {
            baseline += 20.0;
            let _ = write!(
                text,
                r#"<tspan class="dg-sub" x="{}" y="{}" font-size="13">{}</tspan> "#,
                num(cx),
                num(baseline),
                esc(t)
            );
            baseline += STEP_LINE;
        } else {
            baseline += 23.0;
        }
        for (k, line) in lines.iter().enumerate() {
            if k > 0 {
                baseline += STEP_LINE;
                text.push(' ');
            }
            let _ = write!(text, r#"<tspan x="{}" y="{}">{}</tspan>"#, num(cx), num(baseline), esc(line));
        }
        text.push_str("</text>");
        let h = baseline + 11.0 - top;
        let kind = if s.href.is_some() { "dg-role" } else { "dg-job" };
        let rect = format!(
            r#"<rect class="dg-box {kind}" x="{}" y="{}" width="{}" height="{}" rx="6"/>"#,
            num(BOX_X),
            num(top),
            num(BOX_W),
            num(h)
        );
        match s.href.filter(|_| !s.label.trim().is_empty()) {
            Some(href) => {
                // A cut title gets its full text as the link's name; a cut stage does not (the
                // visible words would no longer be a run of the name), the desc has it all.
                let aria =
                    if cut_l && !cut_s { format!(r#" aria-label="{}""#, esc(&step_name(s))) } else { String::new() };
                let _ = write!(body, r#"<a href="{}"{aria}>{rect}{text}</a>"#, esc(href));
            }
            None => {
                body.push_str(&rect);
                body.push_str(&text);
            }
        }
        top += h + GAP;
    }
    let height = if steps.is_empty() { 4.0 } else { top - GAP + 2.0 };
    let linked = steps.iter().any(|s| s.href.is_some() && !s.label.trim().is_empty());
    let mut out = String::with_capacity(body.len() + desc.len() + 400);
    svg_open(&mut out, "dg", (DW, height), id, title, &desc, linked);
    out.push_str(&body);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::super::measure::testing::*;
    use super::*;

    // --- path_diagram

    #[test]
    fn diagram_links_escaping_and_desc() {
        let steps = [
            DiagramStep { label: "Any professional background", sublabel: None, href: None },
            DiagramStep { label: "AI Trainer", sublabel: Some("Starting out"), href: Some("/roles/ai-trainer/") },
            DiagramStep {
                label: "Quality <Reviewer> & \"lead\"",
                sublabel: Some("Moving up"),
                href: Some("/roles/qr/"),
            },
            DiagramStep { label: "Project Lead", sublabel: Some("Leading"), href: Some("/roles/project-lead/") },
        ];
        let svg = path_diagram(&steps, "path-1");
        assert!(!svg.contains("style"));
        assert!(!svg.contains("<script"));
        assert!(svg
            .contains(r#"<title id="path-1-t">Career path from Any professional background to Project Lead</title>"#));
        assert!(svg.contains(r#"<desc id="path-1-d">"#));
        assert!(svg.contains(r#"role="group" aria-labelledby="path-1-t" aria-describedby="path-1-d""#));
        assert_eq!(svg.matches("<a ").count(), 3);
        assert!(svg.contains(r#"<a href="/roles/ai-trainer/">"#));
        assert!(svg.contains(r#"<a href="/roles/project-lead/">"#));
        assert!(svg.contains("Quality &lt;Reviewer&gt; &amp; &quot;lead&quot;"));
        assert!(!svg.contains("<Reviewer>"));
        // The job step is a plain box, not a link.
        let first = svg.find("Any professional background</tspan>").unwrap();
        let first_link = svg.find("<a ").unwrap();
        assert!(first < first_link);
        assert_eq!(svg.matches(r#"class="dg-box dg-job""#).count(), 1);
        assert_eq!(svg.matches(r#"class="dg-box dg-role""#).count(), 3);
        // Desc lists every step in order.
        let d0 = svg.find("<desc").unwrap();
        let d1 = svg.find("</desc>").unwrap();
        let desc = &svg[d0..d1];
        let expect = [
            "Step 1: Any professional background.",
            "Step 2: AI Trainer (Starting out).",
            "Step 3: Quality &lt;Reviewer&gt; &amp; &quot;lead&quot; (Moving up).",
            "Step 4: Project Lead (Leading).",
        ];
        let mut at = 0;
        for e in expect {
            let i = desc[at..].find(e).unwrap_or_else(|| panic!("{e} in {desc}"));
            at += i + e.len();
        }
        // The stage line comes before the title in the same <text>, words of separate lines
        // apart by a space, so that a link's name reads "Starting out AI Trainer".
        assert!(svg.contains(r#">Starting out</tspan> <tspan x="160" y=""#));
        let drawn = &svg[svg.find("</desc>").unwrap()..];
        let stage = drawn.find(">Moving up</tspan>").unwrap();
        let title = drawn.find("Quality &lt;Reviewer&gt;").unwrap();
        assert!(stage < title);
        // Three arrows between four boxes.
        assert_eq!(svg.matches(r#"class="dg-arrow""#).count(), 3);
        assert_eq!(svg, path_diagram(&steps, "path-1"));
    }

    #[test]
    fn diagram_without_links_is_img_and_truncates() {
        let long = "A very long job title that goes on and on about the many different things a person \
                    might have done before, in several industries, over many years of work";
        let steps = [
            DiagramStep { label: long, sublabel: None, href: None },
            DiagramStep { label: "Somewhere else", sublabel: None, href: None },
        ];
        let svg = path_diagram(&steps, "p2");
        assert!(svg.contains(r#"role="img" aria-labelledby="p2-t p2-d""#));
        assert!(!svg.contains("<a "));
        let labels = text_of(&svg, "dg-label");
        assert_eq!(labels.len(), 4); // three lines for the long one, one for the other
        assert!(labels[2].ends_with('…'));
        assert!(svg.contains(&format!("Step 1: {long}.")));
    }

    #[test]
    fn diagram_truncated_link_keeps_full_name() {
        let long = "An extraordinarily long role title that will never fit on three lines of a narrow \
                    diagram box no matter how the words are arranged by the wrapper";
        let steps = [DiagramStep { label: long, sublabel: Some("Stage"), href: Some("/roles/x/") }];
        let svg = path_diagram(&steps, "p3");
        assert!(svg.contains(&format!(r#"aria-label="Stage: {long}""#)));
        // The visible words are a prefix of the name, cut at a word boundary.
        let labels = text_of(&svg, "dg-label");
        assert_eq!(labels.len(), 3);
        let shown = labels.join(" ");
        let shown = shown.trim_end_matches('…');
        assert!(long.starts_with(shown), "{shown}");
        assert!(long[shown.len()..].starts_with(' '), "{shown}");
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let steps = [DiagramStep { label: "", sublabel: Some(""), href: None }];
        assert!(path_diagram(&steps, "o").ends_with("</svg>"));
        let word = "x".repeat(500);
        let steps = [DiagramStep { label: &word, sublabel: Some(&word), href: Some("/") }];
        assert!(path_diagram(&steps, "o").ends_with("</svg>"));
    }
}
