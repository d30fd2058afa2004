//! Inline SVG made at build time: pay bands on one shared scale (path diagrams: `diagram`).
//!
//! Everything here is pure and deterministic (same input, same bytes): no hash maps, coordinates
//! printed with at most one decimal. Styling is by class (see `templates/chart.css`) plus a few
//! presentation attributes as a fallback; never a `style` attribute or element, so a strict CSP holds.
//!
//! Accessibility: each SVG carries a `<title>` and a `<desc>` that is a full text alternative. An SVG
//! without links is `role="img"` named by both. One that holds links (a row label or a path step with
//! `href`) is `role="group"` instead, named by the title and described by the desc: `img` has
//! presentational children, so a focusable link inside it is an axe `nested-interactive` violation.

use std::fmt::Write as _;

use super::measure::{esc, num, svg_open, text_width, wrap};
use crate::pay::{describe, extent, format_money_compact, short_label, Extent};
pub use crate::pay::{format_money, Basis, Figures};

/// The kinds of mark a band chart draws, as bits: each has a swatch and a line in [`legend`].
pub mod mark {
    pub const BAR: u16 = 1;
    pub const APPROX: u16 = 2;
    pub const OPEN: u16 = 4;
    pub const UPTO: u16 = 8;
    pub const DOT: u16 = 16;
    pub const BOX: u16 = 32;
    pub const WHISKER: u16 = 64;
    pub const MEDIAN: u16 = 128;
    pub const MEAN: u16 = 256;
}

/// One line of a chart's key: a small drawing of the mark (inline SVG, hidden from assistive
/// technology, which gets the words) and what it means.
#[derive(serde::Serialize, Debug, Clone, PartialEq)]
pub struct LegendItem {
    pub kind: &'static str,
    pub swatch: String,
    pub text: &'static str,
}

/// The key of a chart: one line for each kind of mark in `marks`, nothing for the others.
pub fn legend(marks: u16) -> Vec<LegendItem> {
    const KINDS: &[(u16, &str, &str, &str)] = &[
        (
            mark::BAR,
            "range",
            r#"<rect class="ch-bar" x="2" y="4" width="32" height="10"/>"#,
            "range: from the lowest to the highest figure given",
        ),
        (
            mark::APPROX,
            "around",
            r#"<rect class="ch-bar approx" x="2" y="4" width="32" height="10"/>"#,
            "faded, dashed outline: \"around\", an approximate range or figure",
        ),
        (
            mark::OPEN,
            "or-more",
            r#"<path class="ch-open" d="M2 9H25" stroke="currentColor" stroke-dasharray="4 3"/><path class="ch-arrow" d="M25 3L34 9L25 15Z"/>"#,
            "dashed line and arrow: \"or more\", no top figure given",
        ),
        (
            mark::UPTO,
            "up-to",
            r#"<rect class="ch-upto" x="2" y="4" width="32" height="10" fill="none" stroke="currentColor" stroke-dasharray="2 2"/>"#,
            "hollow dotted bar: \"up to\", only a top figure given",
        ),
        (mark::DOT, "single", r#"<circle class="ch-dot" cx="18" cy="9" r="5.5"/>"#, "dot: a single figure"),
        (
            mark::BOX,
            "middle-half",
            r#"<rect class="ch-box" x="6" y="2" width="24" height="14"/>"#,
            "box: the middle half of pay (25th to 75th percentile)",
        ),
        (
            mark::WHISKER,
            "whiskers",
            r#"<path class="ch-whisker" d="M3 9H33M3 4V14M33 4V14" stroke="currentColor"/>"#,
            "thin line: 10th to 90th percentile",
        ),
        (
            mark::MEDIAN,
            "median",
            r#"<path class="ch-median" d="M18 1V17" stroke="currentColor"/>"#,
            "upright stroke: the median (half earn more, half less)",
        ),
        (mark::MEAN, "mean", r#"<circle class="ch-dot ch-mean" cx="18" cy="9" r="5"/>"#, "ring: the average (mean)"),
    ];
    KINDS
        .iter()
        .filter(|(bit, ..)| marks & bit != 0)
        .map(|&(_, kind, shape, text)| LegendItem {
            kind,
            swatch: format!(
                r#"<svg class="ch ch-key" viewBox="0 0 36 18" width="36" height="18" aria-hidden="true" focusable="false">{shape}</svg>"#
            ),
            text,
        })
        .collect()
}

/// The largest value a row needs on its scale (0 when it has no figure to draw).
pub fn row_max(f: &Figures) -> f64 {
    band_max(f)
}

/// The top of the scale a chart whose largest row needs `dmax` gets.
pub fn scale_top(dmax: f64) -> f64 {
    let (step, n) = nice_axis(dmax);
    step * f64::from(n)
}

/// One row of a band chart.
pub struct ChartRow<'a> {
    /// Plain text; escaped here.
    pub label: &'a str,
    pub figures: &'a Figures,
    /// Optional link target for the label (a safe URL path; escaped here as an attribute).
    pub href: Option<&'a str>,
}

// ---------------------------------------------------------------------------------------------
// Band chart

pub const CW: f64 = 360.0; // viewBox width: at 320 CSS px text is still about 12 px
const X0: f64 = 12.0; // scale origin
const X1: f64 = 336.0; // scale end (open tops run to here)
/// The viewBox width of the chart for screens wider than a phone's (see `templates/chart.css`).
pub const WIDE: f64 = 720.0;
const BAR_H: f64 = 16.0;
const LABEL_SIZE: f64 = 14.0;
const LABEL_LINE: f64 = 17.0;
pub(crate) const SMALL: f64 = 13.0;

/// A "nice" axis: (step, number of intervals), 2..=4 intervals from 0 covering `dmax`.
fn nice_axis(dmax: f64) -> (f64, u32) {
    if !(dmax > 0.0 && dmax.is_finite()) {
        return (1.0, 4);
    }
    let mag = 10f64.powf((dmax / 4.0).log10().floor());
    for k in [1.0, 2.0, 2.5, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0] {
        let step = k * mag;
        let n = (dmax / step - 1e-9).ceil().max(1.0);
        if n <= 4.0 {
            return (step, n.max(2.0) as u32);
        }
    }
    (100.0 * mag, 4)
}

/// Figures that can be drawn: finite and not negative.
fn drawable(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite() && *x >= 0.0)
}

/// The largest value a band needs on the scale; open tops ask for room to show the arrow.
fn band_max(f: &Figures) -> f64 {
    let vals = [f.low, f.p10, f.p25, f.median, f.p75, f.p90, f.high, f.mean];
    let top = vals.into_iter().filter_map(drawable).fold(0.0, f64::max);
    let open = matches!(extent(f), Extent::Range(_, _, true) | Extent::OrMore(_));
    if open {
        top * 1.2
    } else {
        top
    }
}

/// Marks of one row, drawn into `out`; returns the pixel span they cover (left, right).
fn draw_marks(
    out: &mut String,
    f: &Figures,
    sx: &dyn Fn(f64) -> f64,
    (bar_y, x1): (f64, f64),
    marks: &mut u16,
) -> Option<(f64, f64)> {
    if f.approx {
        *marks |= mark::APPROX;
    }
    let cy = bar_y + BAR_H / 2.0;
    let ap = if f.approx { " approx" } else { "" };
    let mut span: Option<(f64, f64)> = None;
    let mut touch = |a: f64, b: f64| {
        span = Some(match span {
            Some((l, r)) => (l.min(a), r.max(b)),
            None => (a, b),
        });
    };
    let p10 = drawable(f.p10);
    let p25 = drawable(f.p25);
    let med = drawable(f.median);
    let p75 = drawable(f.p75);
    let p90 = drawable(f.p90);
    let mean = drawable(f.mean);
    // Box p25..p75 (one side may be the median when only one quartile is given).
    let box_lo = p25.or(if p75.is_some() { med } else { None });
    let box_hi = p75.or(if p25.is_some() { med } else { None });
    let bx = match (box_lo, box_hi) {
        (Some(a), Some(b)) if b > a => Some((a, b)),
        _ => None,
    };
    let whisk_lo = p10.or(box_lo).or(med);
    let whisk_hi = p90.or(box_hi).or(med);
    let has_dist = bx.is_some() || p10.is_some() || p90.is_some();
    let dot = |out: &mut String, x: f64, class: &str, r: f64, marks: &mut u16| {
        *marks |= if class.contains("ch-mean") { mark::MEAN } else { mark::DOT };
        let _ = write!(out, r#"<circle class="{class}" cx="{}" cy="{}" r="{}"/>"#, num(x), num(cy), num(r));
    };
    let arrow = |out: &mut String, from: f64, marks: &mut u16| {
        *marks |= mark::OPEN;
        let _ = write!(
            out,
            r#"<path class="ch-open" d="M{} {}H{}" stroke="currentColor" stroke-dasharray="4 3"/><path class="ch-arrow" d="M{} {}L{} {}L{} {}Z"/>"#,
            num(from),
            num(cy),
            num(x1 - 8.0),
            num(x1 - 9.0),
            num(cy - 6.0),
            num(x1),
            num(cy),
            num(x1 - 9.0),
            num(cy + 6.0)
        );
    };

    // 1. The extent: a bar, an open-ended bar, an "or more" marker, an "up to" bar, or a dot.
    let mut extent_drawn = false;
    match extent(f) {
        Extent::Range(l, h, open) if l >= 0.0 && h >= 0.0 => {
            let (xl, xh) = (sx(l.min(h)), sx(h.max(l)));
            let (y, hgt, thin) = if has_dist { (cy - 3.0, 6.0, " ch-thin") } else { (bar_y, BAR_H, "") };
            let _ = write!(
                out,
                r#"<rect class="ch-bar{thin}{ap}" x="{}" y="{}" width="{}" height="{}"/>"#,
                num(xl),
                num(y),
                num((xh - xl).max(2.0)),
                num(hgt)
            );
            if !f.approx {
                *marks |= mark::BAR;
            }
            touch(xl, xh.max(xl + 2.0));
            if open {
                arrow(out, xh, marks);
                touch(xh, x1);
            }
            extent_drawn = true;
        }
        Extent::OrMore(l) if l >= 0.0 => {
            let x = sx(l);
            arrow(out, x, marks);
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x - 5.5, x1);
            extent_drawn = true;
        }
        Extent::UpTo(h) if h >= 0.0 => {
            let x = sx(h);
            let _ = write!(
                out,
                r#"<rect class="ch-upto{ap}" x="{}" y="{}" width="{}" height="{}" fill="none" stroke="currentColor" stroke-dasharray="2 2"/>"#,
                num(X0),
                num(bar_y + 1.0),
                num((x - X0).max(2.0)),
                num(BAR_H - 2.0)
            );
            *marks |= mark::UPTO;
            touch(X0, x.max(X0 + 2.0));
            extent_drawn = true;
        }
        Extent::Exact(v) | Extent::From(v) | Extent::High(v) if v >= 0.0 => {
            let x = sx(v);
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x - 5.5, x + 5.5);
            extent_drawn = true;
        }
        _ => {}
    }

    // 2. The distribution: whiskers p10..p90, box p25..p75, median tick.
    if let (Some(a), Some(b)) = (whisk_lo, whisk_hi) {
        if (p10.is_some() || p90.is_some()) && b > a {
            let _ = write!(
                out,
                r#"<path class="ch-whisker" d="M{} {}H{}" stroke="currentColor"/>"#,
                num(sx(a)),
                num(cy),
                num(sx(b))
            );
            *marks |= mark::WHISKER;
            touch(sx(a), sx(b));
        }
    }
    for v in [p10, p90].into_iter().flatten() {
        *marks |= mark::WHISKER;
        let x = sx(v);
        let _ = write!(
            out,
            r#"<path class="ch-whisker" d="M{} {}V{}" stroke="currentColor"/>"#,
            num(x),
            num(cy - 5.0),
            num(cy + 5.0)
        );
        touch(x, x);
    }
    if let Some((a, b)) = bx {
        *marks |= mark::BOX;
        let _ = write!(
            out,
            r#"<rect class="ch-box{ap}" x="{}" y="{}" width="{}" height="{}"/>"#,
            num(sx(a)),
            num(bar_y),
            num((sx(b) - sx(a)).max(2.0)),
            num(BAR_H)
        );
        touch(sx(a), sx(b));
    }
    let mut anything = extent_drawn || has_dist;
    if let Some(v) = med {
        let x = sx(v);
        if anything {
            let _ = write!(
                out,
                r#"<path class="ch-median" d="M{} {}V{}" stroke="currentColor"/>"#,
                num(x),
                num(bar_y - 3.0),
                num(bar_y + BAR_H + 3.0)
            );
            *marks |= mark::MEDIAN;
            touch(x, x);
        } else {
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x - 5.5, x + 5.5);
            anything = true;
        }
    }
    // 3. The mean: a hollow dot (smaller when other marks are there).
    if let Some(v) = mean {
        let x = sx(v);
        if anything {
            dot(out, x, "ch-dot ch-mean", 4.0, marks);
            touch(x - 4.0, x + 4.0);
        } else {
            dot(out, x, &format!("ch-dot ch-mean{ap}"), 5.5, marks);
            touch(x - 5.5, x + 5.5);
            anything = true;
        }
    }
    // Lone percentiles (no median, extent or pair): a dot each.
    if !anything {
        for v in [p10, p25, p75, p90].into_iter().flatten() {
            let x = sx(v);
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x - 5.5, x + 5.5);
        }
    }
    span
}

/// One chart for several bands on ONE shared linear scale (all rows share basis and currency).
/// Returns an inline `<svg>` with a `<title>` (id `{id}-t`) and a `<desc>` (id `{id}-d`) that lists
/// every row's label and [`describe`] text. See the module docs for the roles used.
pub fn band_chart(rows: &[ChartRow], basis: Basis, currency: &str, id: &str) -> String {
    let title = format!("Pay {}, {}", basis.per_unit(), currency.trim());
    band_chart_titled(rows, basis, currency, id, &title)
}

/// [`band_chart`] with a caller-chosen title (plain text, escaped here).
pub fn band_chart_titled(rows: &[ChartRow], basis: Basis, currency: &str, id: &str, title: &str) -> String {
    band_chart_sized(rows, basis, currency, (id, title), CW).0
}

/// The chart drawn `cw` units wide (the viewBox; [`CW`] for phones, [`WIDE`] for wider screens), and
/// the kinds of mark it drew ([`mark`] bits, for [`legend`]).
pub fn band_chart_sized(
    rows: &[ChartRow],
    basis: Basis,
    currency: &str,
    (id, title): (&str, &str),
    cw: f64,
) -> (String, u16) {
    let x1 = cw - (CW - X1);
    let mut marks = 0u16;
    let dmax = rows.iter().map(|r| band_max(r.figures)).fold(0.0, f64::max);
    let (step, n) = nice_axis(dmax);
    let scale_max = step * f64::from(n);
    let sx = move |v: f64| X0 + (v / scale_max).clamp(0.0, 1.0) * (x1 - X0);

    let mut desc = String::new();
    for r in rows {
        if !desc.is_empty() {
            desc.push(' ');
        }
        let _ = write!(desc, "{}: {}.", r.label.trim(), describe(r.figures, basis, currency));
    }
    if rows.is_empty() {
        desc.push_str("No pay figures.");
    }

    let mut body = String::new();
    let mut grid = String::new();
    let mut y = 4.0;
    for r in rows {
        let (lines, cut) = wrap(r.label, cw - X0 - 4.0, LABEL_SIZE, 2);
        // One <text> with a <tspan> per line and a space between them, so that the words of
        // separate lines do not run together in the text that assistive technology gets.
        let mut label = String::from(r#"<text class="ch-label">"#);
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                label,
                r#"{}<tspan x="{}" y="{}">{}</tspan>"#,
                if i > 0 { " " } else { "" },
                num(X0),
                num(y + 13.0 + LABEL_LINE * i as f64),
                esc(line)
            );
        }
        label.push_str("</text>");
        // A link needs a name: an empty label gets none.
        match r.href.filter(|_| !r.label.trim().is_empty()) {
            Some(href) => {
                let aria = if cut { format!(r#" aria-label="{}""#, esc(r.label.trim())) } else { String::new() };
                let _ = write!(body, r#"<a class="ch-link" href="{}"{aria}>{label}</a>"#, esc(href));
            }
            None => body.push_str(&label),
        }
        let bar_y = y + LABEL_LINE * lines.len() as f64 + 5.0;
        for i in 0..=n {
            let _ = write!(grid, "M{} {}v{}", num(sx(step * f64::from(i))), num(bar_y - 4.0), num(BAR_H + 8.0));
        }
        let span = draw_marks(&mut body, r.figures, &sx, (bar_y, x1), &mut marks);
        let val = short_label(r.figures, currency);
        let w = text_width(&val, SMALL);
        let (lo, hi) = span.unwrap_or((X0, X0));
        let base = bar_y + BAR_H / 2.0 + 4.5;
        let mut below = false;
        let (x, anchor, ty) = if hi + 6.0 + w <= cw - 2.0 {
            (hi + 6.0, "", base)
        } else if lo - 6.0 - w >= 2.0 {
            (lo - 6.0, r#" text-anchor="end""#, base)
        } else {
            below = true;
            (lo.min(cw - 2.0 - w).max(2.0), "", bar_y + BAR_H + 15.0)
        };
        let _ = write!(
            body,
            r#"<text class="ch-val" x="{}" y="{}" font-size="13"{anchor}>{}</text>"#,
            num(x),
            num(ty),
            esc(&val)
        );
        y = bar_y + BAR_H + if below { 18.0 } else { 0.0 } + 16.0;
    }

    // Axis: baseline, ticks, tick labels, unit caption.
    let y_axis = y - 6.0;
    let mut axis = String::new();
    let mut ticks = format!("M{} {}H{}", num(X0), num(y_axis), num(x1));
    for i in 0..=n {
        let v = step * f64::from(i);
        let x = sx(v);
        let _ = write!(ticks, "M{} {}v4", num(x), num(y_axis));
        let t = match basis {
            Basis::Annual => format_money_compact(v, currency),
            Basis::Hourly => format_money(v, currency),
        };
        let w = text_width(&t, SMALL);
        let (tx, anchor) = if x - w / 2.0 < 1.0 {
            (1.0, "start")
        } else if x + w / 2.0 > cw - 1.0 {
            (cw - 1.0, "end")
        } else {
            (x, "middle")
        };
        let _ = write!(
            axis,
            r#"<text class="ch-tick" x="{}" y="{}" font-size="13" text-anchor="{anchor}">{}</text>"#,
            num(tx),
            num(y_axis + 17.0),
            esc(&t)
        );
    }
    let unit = format!("{} {}", currency.trim(), basis.per_unit());
    let _ = write!(
        axis,
        r#"<text class="ch-unit" x="{}" y="{}" font-size="13" text-anchor="middle">{}</text>"#,
        num((X0 + x1) / 2.0),
        num(y_axis + 35.0),
        esc(unit.trim())
    );
    let height = y_axis + 42.0;

    let linked = rows.iter().any(|r| r.href.is_some() && !r.label.trim().is_empty());
    let mut out = String::with_capacity(body.len() + axis.len() + grid.len() + 600);
    svg_open(&mut out, "ch", (cw, height), id, title, &desc, linked);
    if !grid.is_empty() {
        let _ = write!(out, r#"<path class="ch-grid" d="{grid}" stroke="currentColor" stroke-opacity=".2"/>"#);
    }
    out.push_str(&body);
    let _ = write!(
        out,
        r#"<g aria-hidden="true"><path class="ch-axis" d="{ticks}" stroke="currentColor"/>{axis}</g></svg>"#
    );
    (out, marks)
}

#[cfg(test)]
mod tests {
    use super::super::measure::testing::*;
    use super::*;

    fn fig() -> Figures {
        Figures::default()
    }

    // --- band_chart

    fn sample_rows<'a>(a: &'a Figures, b: &'a Figures) -> Vec<ChartRow<'a>> {
        vec![
            ChartRow { label: "Evaluation & <feedback> \"work\" 'x'", figures: a, href: Some("/roles/a?b=1&c=2") },
            ChartRow { label: "Annotation", figures: b, href: None },
        ]
    }

    #[test]
    fn chart_is_csp_safe_and_accessible() {
        let a = Figures { low: Some(12.0), high: Some(25.0), approx: true, ..fig() };
        let b = Figures { high: Some(350.0), up_to: true, ..fig() };
        let svg = band_chart(&sample_rows(&a, &b), Basis::Hourly, "USD", "pay-1");
        assert!(svg.starts_with("<svg "));
        assert!(svg.ends_with("</svg>"));
        assert!(!svg.contains("style"), "{svg}");
        assert!(!svg.to_lowercase().contains("<script"));
        assert!(!svg.contains("url("));
        assert!(!svg.contains("xlink"));
        assert!(svg.contains(r#"viewBox="0 0 360 "#));
        assert!(svg.contains(r#"width="100%""#));
        assert!(!svg[..svg.find('>').unwrap()].contains(" height="));
        assert!(svg.contains(r#"<title id="pay-1-t">"#));
        assert!(svg.contains(r#"<desc id="pay-1-d">"#));
        assert!(svg.contains(r#"aria-labelledby="pay-1-t""#));
        assert!(svg.contains(r#"aria-describedby="pay-1-d""#));
        assert!(svg.contains(r#"role="group""#)); // it holds a link
                                                  // The desc is the full text alternative.
        assert!(svg.contains("Evaluation &amp; &lt;feedback&gt; &quot;work&quot; &#39;x&#39;: around $12–$25 an hour."));
        assert!(svg.contains("Annotation: up to $350 an hour."));
        // Escaped label and href, no raw specials.
        assert!(svg.contains(r#"href="/roles/a?b=1&amp;c=2""#));
        assert!(!svg.contains("<feedback>"));
        assert!(!svg.contains("\"work\""));
        // Approximate marks and labels.
        assert!(svg.contains(r#"class="ch-bar approx""#));
        assert!(text_of(&svg, "ch-val").contains(&"~$12–$25".to_string()));
        assert!(text_of(&svg, "ch-val").contains(&"up to $350".to_string()));
        assert!(svg.contains(r#"class="ch-upto""#));
        // Axis: 0..400 by 100 and a unit caption.
        assert_eq!(text_of(&svg, "ch-tick"), vec!["$0", "$100", "$200", "$300", "$400"]);
        assert_eq!(text_of(&svg, "ch-unit"), vec!["USD per hour"]);
    }

    #[test]
    fn chart_without_links_is_img() {
        let a = Figures { low: Some(80000.0), open_high: true, ..fig() };
        let rows = [ChartRow { label: "Full-time", figures: &a, href: None }];
        let svg = band_chart(&rows, Basis::Annual, "USD", "c");
        assert!(svg.contains(r#"role="img" aria-labelledby="c-t c-d""#));
        assert!(!svg.contains("<a "));
        assert!(svg.contains(r#"class="ch-arrow""#));
        assert!(svg.contains(r#"class="ch-open""#));
        assert_eq!(text_of(&svg, "ch-val"), vec!["$80,000+"]);
        assert_eq!(text_of(&svg, "ch-tick"), vec!["$0", "$25k", "$50k", "$75k", "$100k"]);
        assert_eq!(text_of(&svg, "ch-unit"), vec!["USD per year"]);
        assert!(svg.contains("Full-time: $80,000 or more a year."));
    }

    #[test]
    fn chart_is_deterministic() {
        let a = Figures { low: Some(60.0), high: Some(100.0), open_high: true, ..fig() };
        let b =
            Figures { median: Some(70.0), p10: Some(40.0), p25: Some(55.0), p75: Some(85.0), p90: Some(95.0), ..fig() };
        let one = band_chart(&sample_rows(&a, &b), Basis::Hourly, "USD", "d");
        let two = band_chart(&sample_rows(&a.clone(), &b.clone()), Basis::Hourly, "USD", "d");
        assert_eq!(one, two);
    }

    #[test]
    fn bars_are_proportional() {
        let a = Figures { low: Some(20.0), high: Some(40.0), ..fig() };
        let b = Figures { low: Some(50.0), high: Some(100.0), ..fig() };
        let rows = [ChartRow { label: "A", figures: &a, href: None }, ChartRow { label: "B", figures: &b, href: None }];
        let svg = band_chart(&rows, Basis::Hourly, "USD", "p");
        let bars = elements(&svg, "rect", "ch-bar");
        assert_eq!(bars.len(), 2);
        let (xa, wa) = (attr(&bars[0], "x"), attr(&bars[0], "width"));
        let (xb, wb) = (attr(&bars[1], "x"), attr(&bars[1], "width"));
        // Scale 0..100: the origin is X0, the full scale X1 - X0.
        let unit = (X1 - X0) / 100.0;
        assert!(((xa - X0) / unit - 20.0).abs() < 0.1, "{xa}");
        assert!((wa / unit - 20.0).abs() < 0.1, "{wa}");
        assert!(((xb - X0) / unit - 50.0).abs() < 0.1, "{xb}");
        assert!((wb / unit - 50.0).abs() < 0.1, "{wb}");
        assert!((wb / wa - 2.5).abs() < 0.01);
        assert!(((xa - X0) / (xb - X0) - 0.4).abs() < 0.01);
        // Row B sits below row A.
        assert!(attr(&bars[1], "y") > attr(&bars[0], "y"));
        assert_eq!(text_of(&svg, "ch-tick"), vec!["$0", "$25", "$50", "$75", "$100"]);
    }

    #[test]
    fn chart_shapes() {
        let pct = Figures {
            median: Some(95000.0),
            p10: Some(70000.0),
            p25: Some(80000.0),
            p75: Some(110000.0),
            p90: Some(130000.0),
            ..fig()
        };
        let mean = Figures { mean: Some(105000.0), approx: true, ..fig() };
        let rows = [
            ChartRow { label: "Percentiles", figures: &pct, href: None },
            ChartRow { label: "Mean", figures: &mean, href: None },
        ];
        let svg = band_chart(&rows, Basis::Annual, "USD", "s");
        let boxes = elements(&svg, "rect", "ch-box");
        assert_eq!(boxes.len(), 1);
        assert!(svg.contains(r#"class="ch-median""#));
        assert_eq!(svg.matches(r#"class="ch-whisker""#).count(), 3);
        assert!(svg.contains(r#"class="ch-dot ch-mean approx""#));
        assert_eq!(text_of(&svg, "ch-val"), vec!["median $95,000", "average ~$105,000"]);
        // Box spans p25..p75 on a 0..150k scale.
        let unit = (X1 - X0) / 150000.0;
        assert!(((attr(&boxes[0], "x") - X0) / unit - 80000.0).abs() < 100.0);
        assert!((attr(&boxes[0], "width") / unit - 30000.0).abs() < 100.0);
        // Every number printed with at most one decimal.
        for part in svg.split('"') {
            if let Some((_, frac)) = part.split_once('.') {
                if part.chars().all(|c| c.is_ascii_digit() || c == '.' || c == '-') {
                    assert!(frac.len() <= 1, "{part}");
                }
            }
        }
    }

    #[test]
    fn long_label_wraps_and_is_kept_in_desc() {
        let a = Figures { low: Some(1.0), high: Some(2.0), ..fig() };
        let long = "Evaluation and feedback work for large language models in regulated industries such as \
                    healthcare, finance and law, reviewed by domain experts";
        let rows = [ChartRow { label: long, figures: &a, href: Some("/pay/") }];
        let svg = band_chart(&rows, Basis::Hourly, "USD", "w");
        let labels = text_of(&svg, "ch-label");
        assert_eq!(labels.len(), 2);
        assert!(labels[1].ends_with('…'));
        assert!(svg.contains(&format!("{}: $1–$2 an hour.", esc(long))));
        assert!(svg.contains(&format!(r#"aria-label="{}""#, esc(long))));
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        let odd = [f64::NAN, f64::INFINITY, -f64::INFINITY, -5.0, 0.0, 1e300, 1e-300, 0.004];
        for (i, &a) in odd.iter().enumerate() {
            let b = odd[(i * 3 + 1) % odd.len()];
            let f = Figures {
                low: Some(a),
                high: Some(b),
                median: Some(b),
                p25: Some(a),
                mean: Some(a),
                open_high: i % 2 == 0,
                up_to: i % 3 == 0,
                approx: i % 4 == 0,
                ..fig()
            };
            let rows = [ChartRow { label: "", figures: &f, href: Some("") }];
            let svg = band_chart(&rows, Basis::Annual, "XXX", "o");
            assert!(svg.ends_with("</svg>"));
            assert!(!svg.contains("NaN") && !svg.contains("inf"), "{svg}");
            let _ = describe(&f, Basis::Hourly, "");
            let _ = format_money(a, "");
        }
    }

    #[test]
    fn empty_chart() {
        let svg = band_chart(&[], Basis::Hourly, "USD", "e");
        assert!(svg.contains("No pay figures."));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn nice_axes() {
        assert_eq!(nice_axis(350.0), (100.0, 4));
        assert_eq!(nice_axis(100000.0), (25000.0, 4));
        assert_eq!(nice_axis(25.0), (10.0, 3));
        assert_eq!(nice_axis(105.0), (50.0, 3));
        for d in [0.3, 1.0, 7.0, 12.5, 99.0, 101.0, 999.0, 123456.0, 9e6] {
            let (step, n) = nice_axis(d);
            assert!((2..=4).contains(&n), "{d}");
            assert!(step * f64::from(n) >= d, "{d}");
        }
    }
}

/// A chart as a page shows it: its heading and its SVG (the wage sections' charts).
#[derive(serde::Serialize)]
pub struct ChartView {
    pub heading: String,
    pub svg: String,
}
