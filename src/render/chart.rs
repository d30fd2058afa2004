//! Inline SVG made at build time: pay bands on one shared scale, and path diagrams.
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

/// Whether figures are hourly rates or yearly pay. Never converted into one another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    Hourly,
    Annual,
}

impl Basis {
    /// "per hour" / "per year", the axis caption.
    pub fn per_unit(self) -> &'static str {
        match self {
            Basis::Hourly => "per hour",
            Basis::Annual => "per year",
        }
    }

    fn in_prose(self) -> &'static str {
        match self {
            Basis::Hourly => "an hour",
            Basis::Annual => "a year",
        }
    }
}

/// The figures of one pay band, exactly as the source gives them.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub low: Option<f64>,
    pub p10: Option<f64>,
    pub p25: Option<f64>,
    pub median: Option<f64>,
    pub p75: Option<f64>,
    pub p90: Option<f64>,
    pub high: Option<f64>,
    pub mean: Option<f64>,
    /// The top is open: "X or more" (low only) or "X-Y+" (with high).
    pub open_high: bool,
    /// Only with high and no low: "up to Y".
    pub up_to: bool,
    /// "around".
    pub approx: bool,
}

/// One row of a band chart.
pub struct ChartRow<'a> {
    /// Plain text; escaped here.
    pub label: &'a str,
    pub figures: &'a Figures,
    /// Optional link target for the label (a safe URL path; escaped here as an attribute).
    pub href: Option<&'a str>,
}

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
// Money

/// The prefix written before an amount: "$", "CA$", or "CHF " for a code without a symbol.
fn money_prefix(currency: &str) -> String {
    let code = currency.trim();
    let sym = match code.to_ascii_uppercase().as_str() {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "INR" => "₹",
        "CAD" => "CA$",
        "AUD" => "A$",
        "" => "",
        _ => return format!("{code} "),
    };
    sym.to_string()
}

/// Digits with a comma every three from the right.
pub(crate) fn group_thousands(digits: &str) -> String {
    let n = digits.len();
    let mut out = String::with_capacity(n + n / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The unsigned amount: whole numbers without decimals, otherwise two decimals.
fn amount(v: f64) -> String {
    if !v.is_finite() {
        return "?".to_string();
    }
    if v >= 1e15 {
        return group_thousands(&format!("{v:.0}"));
    }
    let cents = (v * 100.0).round() as u64;
    let mut s = group_thousands(&(cents / 100).to_string());
    if !cents.is_multiple_of(100) {
        let _ = write!(s, ".{:02}", cents % 100);
    }
    s
}

/// Format one money figure: "$105", "$80,000", "$12.50", "€40"; `currency` is an ISO 4217 code.
/// Known symbols: USD $, EUR €, GBP £, JPY ¥, INR ₹, CAD CA$, AUD A$; otherwise "CHF 40".
/// Whole numbers without decimals; otherwise 2 decimals. Thousands separated by commas.
pub fn format_money(value: f64, currency: &str) -> String {
    let a = amount(value.abs());
    let neg = value < 0.0 && a != "0";
    format!("{}{}{a}", if neg { "-" } else { "" }, money_prefix(currency))
}

/// Compact form for axis ticks of annual pay: "$25k", "$2.5M"; small values as `format_money`.
pub fn format_money_compact(value: f64, currency: &str) -> String {
    let a = value.abs();
    let (div, suffix) = if a >= 1e6 {
        (1e6, "M")
    } else if a >= 1e3 {
        (1e3, "k")
    } else {
        return format_money(value, currency);
    };
    let x = (a / div * 10.0).round() / 10.0;
    let num = if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.1}") };
    let sign = if value < 0.0 { "-" } else { "" };
    format!("{sign}{}{num}{suffix}", money_prefix(currency))
}

// ---------------------------------------------------------------------------------------------
// Figures

/// What the band says about its extent (low/high), the one thing drawn as a bar or end marker.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Extent {
    /// low..high; `true` when the top is open ("X-Y+").
    Range(f64, f64, bool),
    /// A single value given as both low and high.
    Exact(f64),
    /// "X or more".
    OrMore(f64),
    /// low alone, top not open: "from X".
    From(f64),
    /// "up to Y".
    UpTo(f64),
    /// high alone without `up_to`: "a high of Y".
    High(f64),
    Nothing,
}

fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

fn extent(f: &Figures) -> Extent {
    match (finite(f.low), finite(f.high)) {
        (Some(l), Some(h)) if l == h => {
            if f.open_high {
                Extent::OrMore(l)
            } else {
                Extent::Exact(l)
            }
        }
        (Some(l), Some(h)) => Extent::Range(l, h, f.open_high),
        (Some(l), None) if f.open_high => Extent::OrMore(l),
        (Some(l), None) => Extent::From(l),
        (None, Some(h)) if f.up_to => Extent::UpTo(h),
        (None, Some(h)) => Extent::High(h),
        (None, None) => Extent::Nothing,
    }
}

/// A plain-English description of exactly what the figures say, e.g.
/// "around $12–$25 an hour", "$80,000 or more a year", "up to $350 an hour",
/// "an average of around $105 an hour", "$60–$100+ an hour",
/// "median $95,000 a year (25th percentile $80,000, 75th percentile $110,000)".
/// Never invents a figure; never converts hourly into yearly. Uses an en dash for ranges.
pub fn describe(f: &Figures, basis: Basis, currency: &str) -> String {
    let m = |v: f64| format_money(v, currency);
    let ar = if f.approx { "around " } else { "" };
    let median = finite(f.median);
    let mean = finite(f.mean);
    let mut median_used = false;
    let mut mean_used = false;
    let primary = match extent(f) {
        Extent::Range(l, h, open) => Some(format!("{ar}{}–{}{}", m(l), m(h), if open { "+" } else { "" })),
        Extent::Exact(v) => Some(format!("{ar}{}", m(v))),
        Extent::OrMore(l) => Some(format!("{ar}{} or more", m(l))),
        Extent::From(l) => Some(format!("from {ar}{}", m(l))),
        Extent::UpTo(h) => Some(format!("up to {ar}{}", m(h))),
        Extent::High(h) => Some(format!("a high of {ar}{}", m(h))),
        Extent::Nothing => {
            if let Some(v) = median {
                median_used = true;
                Some(if f.approx { format!("a median of around {}", m(v)) } else { format!("median {}", m(v)) })
            } else if let Some(v) = mean {
                mean_used = true;
                Some(format!("an average of {ar}{}", m(v)))
            } else {
                None
            }
        }
    };
    let mut rest: Vec<String> = Vec::new();
    if let (Some(v), false) = (median, median_used) {
        rest.push(format!("median {}", m(v)));
    }
    for (v, name) in [(f.p10, "10th"), (f.p25, "25th"), (f.p75, "75th"), (f.p90, "90th")] {
        if let Some(v) = finite(v) {
            rest.push(format!("{name} percentile {}", m(v)));
        }
    }
    if let (Some(v), false) = (mean, mean_used) {
        rest.push(format!("average {}", m(v)));
    }
    let per = basis.in_prose();
    match primary {
        Some(p) if rest.is_empty() => format!("{p} {per}"),
        Some(p) => format!("{p} {per} ({})", rest.join(", ")),
        None if rest.is_empty() => "no figure given".to_string(),
        None => format!("{ar}{} {per}", rest.join(", ")),
    }
}

/// The short value label drawn next to a band's marks; "~" before the first figure when approximate.
fn short_label(f: &Figures, currency: &str) -> String {
    let m = |v: f64| format_money(v, currency);
    let t = if f.approx { "~" } else { "" };
    match extent(f) {
        Extent::Range(l, h, open) => format!("{t}{}–{}{}", m(l), m(h), if open { "+" } else { "" }),
        Extent::Exact(v) => format!("{t}{}", m(v)),
        Extent::OrMore(l) => format!("{t}{}+", m(l)),
        Extent::From(l) => format!("from {t}{}", m(l)),
        Extent::UpTo(h) => format!("up to {t}{}", m(h)),
        Extent::High(h) => format!("high {t}{}", m(h)),
        Extent::Nothing => {
            if let Some(v) = finite(f.median) {
                format!("median {t}{}", m(v))
            } else if let Some(v) = finite(f.mean) {
                format!("average {t}{}", m(v))
            } else {
                let ps: Vec<f64> = [f.p10, f.p25, f.p75, f.p90].into_iter().filter_map(finite).collect();
                match (ps.first(), ps.last()) {
                    (Some(a), Some(b)) if a != b => format!("{t}{}–{}", m(*a), m(*b)),
                    (Some(a), _) => format!("{t}{}", m(*a)),
                    _ => "no figure".to_string(),
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/// Escape for XML text and attribute values; control characters XML cannot hold become spaces.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A coordinate with at most one decimal, "-0" printed as "0".
fn num(v: f64) -> String {
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
fn char_em(c: char) -> f64 {
    1.08 * char_em_base(c)
}

fn char_em_base(c: char) -> f64 {
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
fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_em).sum::<f64>() * size
}

/// Cut `s` so that it fits in `max_w` with a trailing "…": at a word boundary when one is left
/// (so the visible words stay a prefix of the full text, as link names must), else between characters.
fn ellipsize(s: &str, max_w: f64, size: f64) -> String {
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
fn wrap(text: &str, max_w: f64, size: f64, max_lines: usize) -> (Vec<String>, bool) {
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
fn svg_open(out: &mut String, class: &str, (w, h): (f64, f64), id: &str, title: &str, desc: &str, linked: bool) {
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

// ---------------------------------------------------------------------------------------------
// Band chart

const CW: f64 = 360.0; // viewBox width: at 320 CSS px text is still about 12 px
const X0: f64 = 12.0; // scale origin
const X1: f64 = 336.0; // scale end (open tops run to here)
const BAR_H: f64 = 16.0;
const LABEL_SIZE: f64 = 14.0;
const LABEL_LINE: f64 = 17.0;
const SMALL: f64 = 13.0;

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
fn draw_marks(out: &mut String, f: &Figures, sx: &dyn Fn(f64) -> f64, bar_y: f64) -> Option<(f64, f64)> {
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
    let dot = |out: &mut String, x: f64, class: &str, r: f64| {
        let _ = write!(out, r#"<circle class="{class}" cx="{}" cy="{}" r="{}"/>"#, num(x), num(cy), num(r));
    };
    let arrow = |out: &mut String, from: f64| {
        let _ = write!(
            out,
            r#"<path class="ch-open" d="M{} {}H{}" stroke="currentColor" stroke-dasharray="4 3"/><path class="ch-arrow" d="M{} {}L{} {}L{} {}Z"/>"#,
            num(from),
            num(cy),
            num(X1 - 8.0),
            num(X1 - 9.0),
            num(cy - 6.0),
            num(X1),
            num(cy),
            num(X1 - 9.0),
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
            touch(xl, xh.max(xl + 2.0));
            if open {
                arrow(out, xh);
                touch(xh, X1);
            }
            extent_drawn = true;
        }
        Extent::OrMore(l) if l >= 0.0 => {
            let x = sx(l);
            arrow(out, x);
            dot(out, x, &format!("ch-dot{ap}"), 5.5);
            touch(x - 5.5, X1);
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
            touch(X0, x.max(X0 + 2.0));
            extent_drawn = true;
        }
        Extent::Exact(v) | Extent::From(v) | Extent::High(v) if v >= 0.0 => {
            let x = sx(v);
            dot(out, x, &format!("ch-dot{ap}"), 5.5);
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
            touch(sx(a), sx(b));
        }
    }
    for v in [p10, p90].into_iter().flatten() {
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
            touch(x, x);
        } else {
            dot(out, x, &format!("ch-dot{ap}"), 5.5);
            touch(x - 5.5, x + 5.5);
            anything = true;
        }
    }
    // 3. The mean: a hollow dot (smaller when other marks are there).
    if let Some(v) = mean {
        let x = sx(v);
        if anything {
            dot(out, x, "ch-dot ch-mean", 4.0);
            touch(x - 4.0, x + 4.0);
        } else {
            dot(out, x, &format!("ch-dot ch-mean{ap}"), 5.5);
            touch(x - 5.5, x + 5.5);
            anything = true;
        }
    }
    // Lone percentiles (no median, extent or pair): a dot each.
    if !anything {
        for v in [p10, p25, p75, p90].into_iter().flatten() {
            let x = sx(v);
            dot(out, x, &format!("ch-dot{ap}"), 5.5);
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
    let dmax = rows.iter().map(|r| band_max(r.figures)).fold(0.0, f64::max);
    let (step, n) = nice_axis(dmax);
    let scale_max = step * f64::from(n);
    let sx = move |v: f64| X0 + (v / scale_max).clamp(0.0, 1.0) * (X1 - X0);

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
        let (lines, cut) = wrap(r.label, CW - X0 - 4.0, LABEL_SIZE, 2);
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
        let span = draw_marks(&mut body, r.figures, &sx, bar_y);
        let val = short_label(r.figures, currency);
        let w = text_width(&val, SMALL);
        let (lo, hi) = span.unwrap_or((X0, X0));
        let base = bar_y + BAR_H / 2.0 + 4.5;
        let mut below = false;
        let (x, anchor, ty) = if hi + 6.0 + w <= CW - 2.0 {
            (hi + 6.0, "", base)
        } else if lo - 6.0 - w >= 2.0 {
            (lo - 6.0, r#" text-anchor="end""#, base)
        } else {
            below = true;
            (lo.min(CW - 2.0 - w).max(2.0), "", bar_y + BAR_H + 15.0)
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
    let mut ticks = format!("M{} {}H{}", num(X0), num(y_axis), num(X1));
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
        } else if x + w / 2.0 > CW - 1.0 {
            (CW - 1.0, "end")
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
        num((X0 + X1) / 2.0),
        num(y_axis + 35.0),
        esc(unit.trim())
    );
    let height = y_axis + 42.0;

    let linked = rows.iter().any(|r| r.href.is_some() && !r.label.trim().is_empty());
    let mut out = String::with_capacity(body.len() + axis.len() + grid.len() + 600);
    svg_open(&mut out, "ch", (CW, height), id, title, &desc, linked);
    if !grid.is_empty() {
        let _ = write!(out, r#"<path class="ch-grid" d="{grid}" stroke="currentColor" stroke-opacity=".2"/>"#);
    }
    out.push_str(&body);
    let _ = write!(
        out,
        r#"<g aria-hidden="true"><path class="ch-axis" d="{ticks}" stroke="currentColor"/>{axis}</g></svg>"#
    );
    out
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

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn fig() -> Figures {
        Figures::default()
    }

    /// Every `<tag ...>` start tag of the given name carrying `class="{class}"` exactly, as attribute maps.
    fn elements(svg: &str, tag: &str, class: &str) -> Vec<Vec<(String, String)>> {
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

    fn parse_attrs(s: &str) -> Vec<(String, String)> {
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

    fn attr(a: &[(String, String)], k: &str) -> f64 {
        a.iter().find(|(key, _)| key == k).unwrap().1.parse().unwrap()
    }

    /// The contents of each `<text class="{class}">`, or of each of its `<tspan>` lines when it
    /// has some (sublabel tspans left out).
    fn text_of(svg: &str, class: &str) -> Vec<String> {
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

    // --- format_money

    #[test]
    fn money_formats() {
        assert_eq!(format_money(105.0, "USD"), "$105");
        assert_eq!(format_money(80000.0, "USD"), "$80,000");
        assert_eq!(format_money(12.5, "USD"), "$12.50");
        assert_eq!(format_money(40.0, "EUR"), "€40");
        assert_eq!(format_money(40.0, "CHF"), "CHF 40");
        assert_eq!(format_money(1234567.891, "GBP"), "£1,234,567.89");
        assert_eq!(format_money(5000.0, "JPY"), "¥5,000");
        assert_eq!(format_money(999.0, "INR"), "₹999");
        assert_eq!(format_money(100000.0, "CAD"), "CA$100,000");
        assert_eq!(format_money(60.0, "AUD"), "A$60");
        assert_eq!(format_money(60.0, "usd"), "$60");
        assert_eq!(format_money(0.0, "USD"), "$0");
        assert_eq!(format_money(12.999, "USD"), "$13");
        assert_eq!(format_money(0.05, "USD"), "$0.05");
        assert_eq!(format_money(-1500.0, "USD"), "-$1,500");
        assert_eq!(format_money(100.0, "USD"), "$100");
        assert_eq!(format_money(1000.0, "USD"), "$1,000");
        assert_eq!(format_money(f64::NAN, "USD"), "$?");
    }

    #[test]
    fn compact_money() {
        assert_eq!(format_money_compact(100000.0, "USD"), "$100k");
        assert_eq!(format_money_compact(25000.0, "USD"), "$25k");
        assert_eq!(format_money_compact(2500.0, "USD"), "$2.5k");
        assert_eq!(format_money_compact(1500000.0, "EUR"), "€1.5M");
        assert_eq!(format_money_compact(0.0, "USD"), "$0");
        assert_eq!(format_money_compact(50000.0, "CHF"), "CHF 50k");
    }

    // --- describe

    #[test]
    fn describe_range_approx() {
        let f = Figures { low: Some(12.0), high: Some(25.0), approx: true, ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "around $12–$25 an hour");
    }

    #[test]
    fn describe_plain_range() {
        let f = Figures { low: Some(70000.0), high: Some(120000.0), ..fig() };
        assert_eq!(describe(&f, Basis::Annual, "USD"), "$70,000–$120,000 a year");
    }

    #[test]
    fn describe_or_more() {
        let f = Figures { low: Some(80000.0), open_high: true, ..fig() };
        assert_eq!(describe(&f, Basis::Annual, "USD"), "$80,000 or more a year");
        let f = Figures { approx: true, ..f };
        assert_eq!(describe(&f, Basis::Annual, "USD"), "around $80,000 or more a year");
    }

    #[test]
    fn describe_up_to() {
        let f = Figures { high: Some(350.0), up_to: true, ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "up to $350 an hour");
        let f = Figures { approx: true, ..f };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "up to around $350 an hour");
    }

    #[test]
    fn describe_mean_alone() {
        let f = Figures { mean: Some(105.0), approx: true, ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "an average of around $105 an hour");
        let f = Figures { mean: Some(105.0), ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "an average of $105 an hour");
    }

    #[test]
    fn describe_median_alone() {
        let f = Figures { median: Some(95000.0), ..fig() };
        assert_eq!(describe(&f, Basis::Annual, "USD"), "median $95,000 a year");
    }

    #[test]
    fn describe_percentiles() {
        let f = Figures { median: Some(95000.0), p25: Some(80000.0), p75: Some(110000.0), ..fig() };
        assert_eq!(
            describe(&f, Basis::Annual, "USD"),
            "median $95,000 a year (25th percentile $80,000, 75th percentile $110,000)"
        );
        let f = Figures { p10: Some(70000.0), p90: Some(130000.0), ..f };
        assert_eq!(
            describe(&f, Basis::Annual, "USD"),
            "median $95,000 a year (10th percentile $70,000, 25th percentile $80,000, \
             75th percentile $110,000, 90th percentile $130,000)"
        );
    }

    #[test]
    fn describe_range_open_high() {
        let f = Figures { low: Some(60.0), high: Some(100.0), open_high: true, ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "$60–$100+ an hour");
    }

    #[test]
    fn describe_range_with_median_and_mean() {
        let f = Figures { low: Some(50.0), high: Some(90.0), median: Some(70.0), mean: Some(72.5), ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "EUR"), "€50–€90 an hour (median €70, average €72.50)");
    }

    #[test]
    fn describe_other_shapes() {
        let f = Figures { low: Some(20.0), ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "from $20 an hour");
        let f = Figures { high: Some(40.0), ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "a high of $40 an hour");
        let f = Figures { low: Some(30.0), high: Some(30.0), ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "USD"), "$30 an hour");
        assert_eq!(describe(&fig(), Basis::Hourly, "USD"), "no figure given");
        let f = Figures { p25: Some(10.0), p75: Some(20.0), ..fig() };
        assert_eq!(describe(&f, Basis::Hourly, "CHF"), "25th percentile CHF 10, 75th percentile CHF 20 an hour");
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
        let steps = [DiagramStep { label: "", sublabel: Some(""), href: None }];
        assert!(path_diagram(&steps, "o").ends_with("</svg>"));
        let word = "x".repeat(500);
        let steps = [DiagramStep { label: &word, sublabel: Some(&word), href: Some("/") }];
        assert!(path_diagram(&steps, "o").ends_with("</svg>"));
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
}
