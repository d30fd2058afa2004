//! Pay wording: the figures of a band, and the one plain-English `describe` of them that pages,
//! the quiz and search all use; money formatting (`money`) and citations (`cite`). A leaf: it reads
//! the data and the model, and nothing of rendering.

pub mod cite;
pub mod money;

pub use money::{format_money, format_money_compact, group_thousands};

use crate::data::{PayBand, Placed, Role};
use crate::model::Model;

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

impl From<crate::data::Basis> for Basis {
    fn from(b: crate::data::Basis) -> Self {
        match b {
            crate::data::Basis::Hourly => Basis::Hourly,
            crate::data::Basis::Annual => Basis::Annual,
        }
    }
}

/// The figures of a band as written.
pub fn figures_of(b: &PayBand) -> Figures {
    let v = |f: &Option<Placed<f64>>| f.as_ref().map(|x| x.value);
    Figures {
        low: v(&b.low),
        p10: v(&b.p10),
        p25: v(&b.p25),
        median: v(&b.median),
        p75: v(&b.p75),
        p90: v(&b.p90),
        high: v(&b.high),
        mean: v(&b.mean),
        open_high: b.open_high,
        up_to: b.up_to.as_ref().is_some_and(|u| u.value),
        approx: b.approx,
    }
}

/// A band (resolved) in words, with its currency: `None` when it has no basis.
pub fn describe_band(m: &Model, b: &PayBand) -> Option<String> {
    Some(describe(&figures_of(b), b.basis?.into(), m.band_currency(b)))
}

/// A role's pay in words, one entry per band with a basis ("... (this kind of work)" for a band
/// shared by a type of work), in the order written, at most `max`.
pub fn role_pay(m: &Model, role: &Role, max: usize) -> Vec<String> {
    role.pay
        .iter()
        .filter_map(|w| {
            let text = describe_band(m, m.resolve_band(&w.value))?;
            Some(if w.value.band.is_some() { format!("{text} (this kind of work)") } else { text })
        })
        .take(max)
        .collect()
}

/// A one-line pay summary for lists from the role's own bands: "$25–$50 an hour (this kind of
/// work)", or "No published figure". Lists use `wages::list_pay`, which adds wage tables.
pub fn short(m: &Model, role: &Role) -> String {
    let parts = role_pay(m, role, 2);
    if parts.is_empty() {
        "No published figure".to_string()
    } else {
        parts.join("; ")
    }
}

/// What the band says about its extent (low/high), the one thing drawn as a bar or end marker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Extent {
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

pub(crate) fn finite(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite())
}

pub(crate) fn extent(f: &Figures) -> Extent {
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
pub fn short_label(f: &Figures, currency: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn fig() -> Figures {
        Figures::default()
    }

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
}

/// A site loaded from files, for unit tests that need a model.
#[cfg(test)]
pub(crate) mod testing {
    /// The smallest valid site with `files` added or replaced; keep the folder while using `Loaded`.
    pub fn load(files: &[(&str, &str)]) -> (tempfile::TempDir, crate::load::Loaded) {
        let base: &[(&str, &str)] = &[
            ("data/site.yaml", "title: T\nbase_url: https://example.org/\n"),
            ("data/sources.yaml", "- id: survey\n  title: Salary survey\n  accessed: 2026-10-01\n"),
            ("data/categories.yaml", "- id: tech\n  name: Technical\n"),
            ("data/skills.yaml", "- id: python\n  name: Python\n"),
            (
                "data/roles/analyst.yaml",
                "title: Analyst\ncategory: tech\nsummary: S.\nskills: [{ skill: python, level: working }]\n",
            ),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (p, c) in base.iter().chain(files) {
            let path = dir.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, c).unwrap();
        }
        let l = crate::load::load(dir.path());
        (dir, l)
    }
}
