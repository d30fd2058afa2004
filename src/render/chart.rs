//! Inline SVG made at build time: pay bands on one shared scale (path diagrams: `diagram`).
//!
//! Everything here is pure and deterministic (same input, same bytes): no hash maps, coordinates
//! printed with at most one decimal. A band chart is one drawing for every screen width (see
//! "Band chart" below): text keeps its size, the scale stretches. Styling is by class (see `templates/chart.css`) plus a few
//! presentation attributes as a fallback; never a `style` attribute or element, so a strict CSP holds.
//!
//! Accessibility: each SVG carries a `<title>` and a `<desc>` that is a full text alternative. An SVG
//! without links is `role="img"` named by both. One that holds links (a row label or a path step with
//! `href`) is `role="group"` instead, named by the title and described by the desc: `img` has
//! presentational children, so a focusable link inside it is an axe `nested-interactive` violation.

use std::fmt::Write as _;

use super::measure::{esc, num, text_width, wrap};
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
//
// One drawing for every width. The `<svg>` has no viewBox: it is as wide as its container and
// `height` pixels tall, with [`PAD`] px of CSS padding each side (`templates/chart.css`) that text
// may reach into. Across the chart a place is a percentage of the plot's width (0% the scale's
// origin, 100% its top), plus a `dx` in pixels where text sits beside a mark; down the chart, and
// for text and the sizes of marks, pixels. So text keeps its size at any width and the marks
// stretch with the plot. Where a value's text goes is decided for the narrowest plot,
// [`PLOT_MIN`] px: every gap beside a mark only grows with the width, so what fits there fits on
// any wider screen.

/// The chart's padding on each side, px (`templates/chart.css`): room for text beyond the scale.
pub const PAD: f64 = 12.0;
/// The narrowest plot, px: a 320 px screen less the page's margins (16 px a side) and [`PAD`].
pub const PLOT_MIN: f64 = 264.0;
/// The widest line of a row's label, px: from the plot's left edge into the right padding.
const LABEL_W: f64 = PLOT_MIN + PAD - 4.0;
/// Lines a row's label may take before it is cut (with "…"; the whole label stays in the desc).
const LABEL_LINES: usize = 3;
const BAR_H: f64 = 16.0;
const LABEL_SIZE: f64 = 14.0;
const LABEL_LINE: f64 = 17.0;
pub(crate) const SMALL: f64 = 13.0;
/// The gap between a mark and its value's text, px.
const GAP: f64 = 6.0;

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

/// A place across the chart: `pct` percent of the plot's width, then `px` pixels further.
#[derive(Clone, Copy, Debug, PartialEq)]
struct At {
    pct: f64,
    px: f64,
}

impl At {
    /// Pixels from the plot's left edge on a plot `w` px wide.
    fn on(self, w: f64) -> f64 {
        self.pct / 100.0 * w + self.px
    }
}

/// A percentage as an SVG length ("0" for none).
fn pc(v: f64) -> String {
    let n = num(v);
    if n == "0" {
        n
    } else {
        format!("{n}%")
    }
}

/// ` dx="…"` for a pixel offset, nothing for none.
fn dx(px: f64) -> String {
    let n = num(px);
    if n == "0" {
        String::new()
    } else {
        format!(r#" dx="{n}""#)
    }
}

/// Marks of one row, drawn into `out` (`sx` gives a figure's place in percent); returns the
/// left and right edges of what they cover. The edges are kept apart in percent and in pixels
/// (the least of each, the greatest of each), so they hold at every width.
fn draw_marks(out: &mut String, f: &Figures, sx: &dyn Fn(f64) -> f64, bar_y: f64, marks: &mut u16) -> Option<(At, At)> {
    if f.approx {
        *marks |= mark::APPROX;
    }
    let cy = num(bar_y + BAR_H / 2.0);
    let ap = if f.approx { " approx" } else { "" };
    let mut span: Option<(At, At)> = None;
    // A mark from `a`% to `b`%, reaching `r` px beyond each.
    let mut touch = |a: f64, b: f64, r: f64| {
        span = Some(match span {
            Some((l, h)) => (At { pct: l.pct.min(a), px: l.px.min(-r) }, At { pct: h.pct.max(b), px: h.px.max(r) }),
            None => (At { pct: a, px: -r }, At { pct: b, px: r }),
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
        let _ = write!(out, r#"<circle class="{class}" cx="{}" cy="{cy}" r="{}"/>"#, pc(x), num(r));
    };
    // A dashed line to the scale's end and an arrowhead there (a path cannot take percentages: it
    // is drawn in an svg placed at the end).
    let arrow = |out: &mut String, from: f64, marks: &mut u16| {
        *marks |= mark::OPEN;
        let _ = write!(
            out,
            r#"<line class="ch-open" x1="{}" x2="100%" y1="{cy}" y2="{cy}" stroke="currentColor" stroke-dasharray="4 3"/><svg x="100%" y="{cy}" overflow="visible"><path class="ch-arrow" d="M-9-6L0 0-9 6Z"/></svg>"#,
            pc(from)
        );
    };
    // A width in percent, or 2 px where that would be thinner than a pixel on the narrowest plot.
    let width = |w: f64| if w / 100.0 * PLOT_MIN < 1.0 { ("2".to_string(), 2.0) } else { (pc(w), 0.0) };

    // 1. The extent: a bar, an open-ended bar, an "or more" marker, an "up to" bar, or a dot.
    let mut extent_drawn = false;
    match extent(f) {
        Extent::Range(l, h, open) if l >= 0.0 && h >= 0.0 => {
            let (xl, xh) = (sx(l.min(h)), sx(h.max(l)));
            let (y, hgt, thin) = if has_dist { (bar_y + 5.0, 6.0, " ch-thin") } else { (bar_y, BAR_H, "") };
            let (w, min) = width(xh - xl);
            let _ = write!(
                out,
                r#"<rect class="ch-bar{thin}{ap}" x="{}" y="{}" width="{w}" height="{}"/>"#,
                pc(xl),
                num(y),
                num(hgt)
            );
            if !f.approx {
                *marks |= mark::BAR;
            }
            touch(xl, xh, min);
            if open {
                arrow(out, xh, marks);
                touch(xh, 100.0, 0.0);
            }
            extent_drawn = true;
        }
        Extent::OrMore(l) if l >= 0.0 => {
            let x = sx(l);
            arrow(out, x, marks);
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x, 100.0, 5.5);
            extent_drawn = true;
        }
        Extent::UpTo(h) if h >= 0.0 => {
            let x = sx(h);
            let (w, min) = width(x);
            let _ = write!(
                out,
                r#"<rect class="ch-upto{ap}" y="{}" width="{w}" height="{}" fill="none" stroke="currentColor" stroke-dasharray="2 2"/>"#,
                num(bar_y + 1.0),
                num(BAR_H - 2.0)
            );
            *marks |= mark::UPTO;
            touch(0.0, x, min);
            extent_drawn = true;
        }
        Extent::Exact(v) | Extent::From(v) | Extent::High(v) if v >= 0.0 => {
            let x = sx(v);
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x, x, 5.5);
            extent_drawn = true;
        }
        _ => {}
    }

    // 2. The distribution: whiskers p10..p90, box p25..p75, median tick.
    let line = |out: &mut String, class: &str, (x1, x2): (f64, f64), (y1, y2): (f64, f64)| {
        let _ = write!(
            out,
            r#"<line class="{class}" x1="{}" x2="{}" y1="{}" y2="{}" stroke="currentColor"/>"#,
            pc(x1),
            pc(x2),
            num(y1),
            num(y2)
        );
    };
    let mid = bar_y + BAR_H / 2.0;
    if let (Some(a), Some(b)) = (whisk_lo, whisk_hi) {
        if (p10.is_some() || p90.is_some()) && b > a {
            line(out, "ch-whisker", (sx(a), sx(b)), (mid, mid));
            *marks |= mark::WHISKER;
            touch(sx(a), sx(b), 0.0);
        }
    }
    for v in [p10, p90].into_iter().flatten() {
        *marks |= mark::WHISKER;
        let x = sx(v);
        line(out, "ch-whisker", (x, x), (mid - 5.0, mid + 5.0));
        touch(x, x, 1.0);
    }
    if let Some((a, b)) = bx {
        *marks |= mark::BOX;
        let (w, min) = width(sx(b) - sx(a));
        let _ = write!(
            out,
            r#"<rect class="ch-box{ap}" x="{}" y="{}" width="{w}" height="{}"/>"#,
            pc(sx(a)),
            num(bar_y),
            num(BAR_H)
        );
        touch(sx(a), sx(b), min);
    }
    let mut anything = extent_drawn || has_dist;
    if let Some(v) = med {
        let x = sx(v);
        if anything {
            line(out, "ch-median", (x, x), (bar_y - 3.0, bar_y + BAR_H + 3.0));
            *marks |= mark::MEDIAN;
            touch(x, x, 1.5);
        } else {
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x, x, 5.5);
            anything = true;
        }
    }
    // 3. The mean: a hollow dot (smaller when other marks are there).
    if let Some(v) = mean {
        let x = sx(v);
        if anything {
            dot(out, x, "ch-dot ch-mean", 4.0, marks);
            touch(x, x, 5.0);
        } else {
            dot(out, x, &format!("ch-dot ch-mean{ap}"), 5.5, marks);
            touch(x, x, 6.5);
            anything = true;
        }
    }
    // Lone percentiles (no median, extent or pair): a dot each.
    if !anything {
        for v in [p10, p25, p75, p90].into_iter().flatten() {
            let x = sx(v);
            dot(out, x, &format!("ch-dot{ap}"), 5.5, marks);
            touch(x, x, 5.5);
        }
    }
    span
}

/// Where a value's text goes: beside the marks on the right, else on the left, else on a line of
/// its own below them (from their left edge, else ending at their right edge, else from the
/// origin). Each is tried on the narrowest plot. Returns (place, `text-anchor="end"`, below).
fn value_place((lo, hi): (At, At), w: f64) -> (At, bool, bool) {
    let (left_edge, right_edge) = (-PAD + 2.0, PLOT_MIN + PAD - 2.0);
    if hi.on(PLOT_MIN) + GAP + w <= right_edge {
        (At { pct: hi.pct, px: hi.px + GAP }, false, false)
    } else if lo.on(PLOT_MIN) - GAP - w >= left_edge {
        (At { pct: lo.pct, px: lo.px - GAP }, true, false)
    } else if lo.on(PLOT_MIN) + w <= right_edge {
        (lo, false, true)
    } else if hi.on(PLOT_MIN) - w >= left_edge {
        (hi, true, true)
    } else {
        (At { pct: 0.0, px: 0.0 }, false, true)
    }
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
    band_chart_marked(rows, basis, currency, (id, title)).0
}

/// The chart and the kinds of mark it drew ([`mark`] bits, for [`legend`]).
pub fn band_chart_marked(rows: &[ChartRow], basis: Basis, currency: &str, (id, title): (&str, &str)) -> (String, u16) {
    let mut marks = 0u16;
    let dmax = rows.iter().map(|r| band_max(r.figures)).fold(0.0, f64::max);
    let (step, n) = nice_axis(dmax);
    let scale_max = step * f64::from(n);
    let sx = move |v: f64| (v / scale_max).clamp(0.0, 1.0) * 100.0;

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
    let mut grid_top: Option<f64> = None;
    let mut y = 4.0;
    for r in rows {
        let (lines, cut) = wrap(r.label, LABEL_W, LABEL_SIZE, LABEL_LINES);
        // Several lines: a <tspan> each and a space between them, so that the words of separate
        // lines do not run together in the text that assistive technology gets.
        let mut label = String::from(r#"<text class="ch-label""#);
        if let [line] = lines.as_slice() {
            let _ = write!(label, r#" y="{}">{}"#, num(y + 13.0), esc(line));
        } else {
            label.push('>');
            for (i, line) in lines.iter().enumerate() {
                let _ = write!(
                    label,
                    r#"{}<tspan x="0" y="{}">{}</tspan>"#,
                    if i > 0 { " " } else { "" },
                    num(y + 13.0 + LABEL_LINE * i as f64),
                    esc(line)
                );
            }
        }
        label.push_str("</text>");
        // A link needs a name: an empty label gets none. Its target is a transparent box behind
        // the words, at least 24 x 24 px.
        match r.href.filter(|_| !r.label.trim().is_empty()) {
            Some(href) => {
                let aria = if cut { format!(r#" aria-label="{}""#, esc(r.label.trim())) } else { String::new() };
                let w = lines.iter().map(|l| text_width(l, LABEL_SIZE)).fold(0.0, f64::max);
                let _ = write!(
                    body,
                    r#"<a class="ch-link" href="{}"{aria}><rect class="ch-hit" y="{}" width="{}" height="{}" fill-opacity="0"/>{label}</a>"#,
                    esc(href),
                    num(y - 2.0),
                    num((w + 2.0).max(24.0)),
                    num(LABEL_LINE * lines.len() as f64 + 7.0)
                );
            }
            None => body.push_str(&label),
        }
        let bar_y = y + LABEL_LINE * lines.len() as f64 + 5.0;
        grid_top.get_or_insert(bar_y - 4.0);
        let span = draw_marks(&mut body, r.figures, &sx, bar_y, &mut marks);
        let val = short_label(r.figures, currency);
        let (at, end, below) =
            value_place(span.unwrap_or((At { pct: 0.0, px: 0.0 }, At { pct: 0.0, px: 0.0 })), text_width(&val, SMALL));
        let ty = if below { bar_y + BAR_H + 17.0 } else { bar_y + BAR_H / 2.0 + 4.5 };
        let _ = write!(
            body,
            r#"<text class="ch-val" x="{}"{} y="{}"{}>{}</text>"#,
            pc(at.pct),
            dx(at.px),
            num(ty),
            if end { r#" text-anchor="end""# } else { "" },
            esc(&val)
        );
        y = bar_y + BAR_H + if below { 20.0 } else { 0.0 } + 16.0;
    }

    // Axis: grid lines down the rows (through the baseline: its ticks), baseline, tick labels
    // and the unit caption.
    let y_axis = y - 6.0;
    let mut grid = String::new();
    if let Some(top) = grid_top {
        for i in 0..=n {
            let x = pc(sx(step * f64::from(i)));
            let xs = if x == "0" { String::new() } else { format!(r#" x1="{x}" x2="{x}""#) };
            let _ = write!(grid, r#"<line{xs} y1="{}" y2="{}"/>"#, num(top), num(y_axis + 4.0));
        }
    }
    // Tick labels centred on their ticks; the first and last kept within the padding. When two
    // would touch on the narrowest plot, every other one is left out.
    let ticks: Vec<(At, &str, String)> = (0..=n)
        .map(|i| {
            let v = step * f64::from(i);
            let t = match basis {
                Basis::Annual => format_money_compact(v, currency),
                Basis::Hourly => format_money(v, currency),
            };
            let (pct, half) = (sx(v), text_width(&t, SMALL) / 2.0);
            let room = PAD - 1.0;
            if pct == 0.0 && half > room {
                (At { pct, px: -room }, "start", t)
            } else if pct >= 100.0 && half > room {
                (At { pct, px: room }, "end", t)
            } else {
                (At { pct, px: 0.0 }, "middle", t)
            }
        })
        .collect();
    let extent_of = |(at, anchor, t): &(At, &str, String)| {
        let (x, w) = (at.on(PLOT_MIN), text_width(t, SMALL));
        match *anchor {
            "start" => (x, x + w),
            "end" => (x - w, x),
            _ => (x - w / 2.0, x + w / 2.0),
        }
    };
    let crowded = ticks.windows(2).any(|p| extent_of(&p[0]).1 + 8.0 > extent_of(&p[1]).0);
    let mut axis = String::new();
    for (i, (at, anchor, t)) in ticks.iter().enumerate() {
        if crowded && i % 2 == 1 {
            continue;
        }
        let _ = write!(
            axis,
            r#"<text class="ch-tick" x="{}"{}{} y="{}">{}</text>"#,
            pc(at.pct),
            dx(at.px),
            if *anchor == "middle" { String::new() } else { format!(r#" text-anchor="{anchor}""#) },
            num(y_axis + 17.0),
            esc(t)
        );
    }
    let unit = format!("{} {}", currency.trim(), basis.per_unit());
    let _ = write!(axis, r#"<text class="ch-unit" x="50%" y="{}">{}</text>"#, num(y_axis + 35.0), esc(unit.trim()));
    let height = y_axis + 42.0;

    let linked = rows.iter().any(|r| r.href.is_some() && !r.label.trim().is_empty());
    let aria = if linked {
        format!(r#"role="group" aria-labelledby="{id}-t" aria-describedby="{id}-d""#)
    } else {
        format!(r#"role="img" aria-labelledby="{id}-t {id}-d""#)
    };
    let mut out = String::with_capacity(body.len() + axis.len() + grid.len() + 600);
    let _ = write!(
        out,
        r#"<svg class="ch" width="100%" height="{}" {aria} font-size="13"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        num(height),
        esc(title),
        esc(&desc)
    );
    if !grid.is_empty() {
        let _ = write!(out, r#"<g class="ch-grid" stroke="currentColor" stroke-opacity=".2">{grid}</g>"#);
    }
    out.push_str(&body);
    let _ = write!(
        out,
        r#"<g aria-hidden="true" text-anchor="middle"><line class="ch-axis" x2="100%" y1="{y}" y2="{y}" stroke="currentColor"/>{axis}</g></svg>"#,
        y = num(y_axis)
    );
    (out, marks)
}

#[cfg(test)]
mod tests;

/// A chart as a page shows it: its heading and its SVG (the wage sections' charts).
#[derive(serde::Serialize)]
pub struct ChartView {
    pub heading: String,
    pub svg: String,
}
