//! The role at a glance: the facts a job seeker looks for first (pay, what it takes to start, how
//! the work is arranged, where people come from, outlook, a first step), at the top of every role
//! page. `pay_headline` is the one place that decides a role's headline pay, so lists and cards
//! can reuse it.

use serde::Serialize;

use super::chart;
use super::markdown;
use crate::data::{Basis, PayBand, Role};
use crate::load::FileRecord;
use crate::model::Model;
use crate::pay::figures_of;
use crate::wages::WageView;

/// A figure split for display: "$25–$50" / "an hour" / "(median $30)".
#[derive(Serialize, Debug, Clone, PartialEq, Default)]
pub struct Figure {
    /// "$25–$50", "around $70,000 or more", "median $31.12".
    pub figure: String,
    /// "an hour" or "a year".
    pub unit: String,
    /// Further figures of the same band: "median $30, 90th percentile $45"; may be empty.
    pub more: String,
}

/// The national median of a standard occupation the role maps to.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct OccupationPay {
    pub figure: Figure,
    /// "National median of Software Developers (15-1252), May 2025": what the figure is.
    pub what: String,
    /// "the closest standard occupation, not the same work": the relation, in words.
    pub relation: String,
}

/// A role's headline pay: its own first band (else a band for its kind of work), and the
/// national median of its first standard occupation with a published one.
#[derive(Serialize, Debug, Clone, PartialEq, Default)]
pub struct PayHeadline {
    /// The role's own figure, if a band gives one.
    pub figure: Option<Figure>,
    /// What the figure is: "Full-time evaluator, US: annual pay, employed".
    pub what: String,
    /// The source, as text: "Mercor, What is an AI trainer (undated)".
    pub source: String,
    /// True when the figure is for a kind of work (a band of `data/pay.yaml`), not the role alone.
    pub work_type: bool,
    pub occupation: Option<OccupationPay>,
    /// How many bands the role has (the page's Pay section shows them all).
    pub bands: usize,
    /// Where the headline figure lies, for drawing roles' pay on one scale.
    pub scale: Option<Scale>,
}

/// The extent of a headline figure: from `low` to `high` (equal for a single figure).
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Scale {
    /// "hourly" or "annual": hourly and annual figures are never put on one scale.
    pub basis: &'static str,
    pub currency: String,
    pub low: f64,
    pub high: f64,
    /// The top is open ("or more").
    pub open: bool,
}

fn basis_name(b: Basis) -> &'static str {
    if b == Basis::Hourly {
        "hourly"
    } else {
        "annual"
    }
}

/// The lowest and highest figures a band gives.
fn extent(f: &chart::Figures) -> Option<(f64, f64)> {
    let all = [f.low, f.p10, f.p25, f.median, f.mean, f.p75, f.p90, f.high];
    let vals: Vec<f64> = all.iter().flatten().copied().filter(|v| v.is_finite()).collect();
    let lo = vals.iter().copied().reduce(f64::min)?;
    let hi = vals.iter().copied().reduce(f64::max)?;
    Some((lo, hi))
}

/// A figure as a page shows it ("$123,456" or "$63.20") back to a number.
fn money_value(s: &str) -> Option<f64> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    digits.parse().ok()
}

impl PayHeadline {
    /// Whether any figure is shown.
    pub fn has_figure(&self) -> bool {
        self.figure.is_some() || self.occupation.is_some()
    }
}

/// Split `chart::describe`'s sentence into figure, unit and the rest.
fn split_described(text: &str, basis: Basis) -> Figure {
    let unit = if basis == Basis::Hourly { "an hour" } else { "a year" };
    let marker = format!(" {unit}");
    match text.find(&marker) {
        Some(i) => {
            let rest = text[i + marker.len()..].trim();
            Figure {
                figure: text[..i].to_string(),
                unit: unit.to_string(),
                more: rest.trim_start_matches('(').trim_end_matches(')').to_string(),
            }
        }
        None => Figure { figure: text.to_string(), unit: unit.to_string(), more: String::new() },
    }
}

fn arrangement_word(b: &PayBand) -> Option<String> {
    b.arrangement.map(|a| format!("{a:?}").to_lowercase())
}

/// The band a headline uses: a band that says where pay sits (a low, median, mean or
/// percentile) before one that gives only a top ("up to $350": an example's ceiling); within
/// each, the role's own bands before bands for its kind of work; then the file's order.
fn headline_band<'m>(m: &'m Model, role: &'m Role) -> Option<(&'m PayBand, bool)> {
    let sits = |b: &PayBand| {
        let f = figures_of(b);
        [f.low, f.p10, f.p25, f.median, f.mean, f.p75, f.p90].iter().any(Option::is_some)
    };
    role.pay
        .iter()
        .enumerate()
        .map(|(i, w)| (i, m.resolve_band(&w.value), w.value.band.is_some()))
        .filter(|(_, b, _)| b.basis.is_some())
        .min_by_key(|(i, b, work_type)| (!sits(b), *work_type, *i))
        .map(|(_, b, work_type)| (b, work_type))
}

/// The national median of the role's first occupation whose table publishes one, from the wage
/// sections the role page shows.
fn occupation_pay(wages: &[WageView]) -> Option<OccupationPay> {
    wages.iter().find_map(|w| {
        let median = w.rows.iter().find(|r| r.name == "Median")?;
        let (value, unit) = if median.annual.starts_with('$') {
            (&median.annual, "a year")
        } else if median.hourly.starts_with('$') {
            (&median.hourly, "an hour")
        } else {
            return None;
        };
        // `relation_line`: "Title (code): relation words".
        let relation = w.relation_line.split_once(": ").map_or("", |x| x.1);
        let release = w.release.as_str();
        Some(OccupationPay {
            figure: Figure { figure: value.clone(), unit: unit.to_string(), more: String::new() },
            what: format!(
                "National median of {} ({}){}",
                w.title,
                w.code,
                if release.is_empty() { String::new() } else { format!(", {release}") }
            ),
            relation: relation.to_string(),
        })
    })
}

/// The one function that gives a role's headline pay.
pub fn pay_headline(m: &Model, role: &Role) -> PayHeadline {
    headline_with(m, role, &crate::wages::national_views(m, role))
}

/// `pay_headline`, from wage sections already made for the page.
pub fn headline_with(m: &Model, role: &Role, wages: &[WageView]) -> PayHeadline {
    let mut h = PayHeadline {
        occupation: occupation_pay(wages),
        bands: role.pay.iter().filter(|w| m.resolve_band(&w.value).basis.is_some()).count(),
        ..PayHeadline::default()
    };
    if let Some((b, work_type)) = headline_band(m, role) {
        let basis = b.basis.unwrap_or(Basis::Annual);
        let text = crate::pay::describe(&figures_of(b), basis.into(), m.band_currency(b));
        h.figure = Some(split_described(&text, basis));
        let mut what: Vec<String> = Vec::new();
        if let Some(l) = &b.label {
            what.push(l.clone());
        }
        what.push(if basis == Basis::Hourly { "hourly rate".into() } else { "annual pay".into() });
        what.extend(arrangement_word(b));
        if work_type {
            what.push("pay for this kind of work, not for this role alone".into());
        }
        h.what = what.join(", ");
        h.work_type = work_type;
        h.source = b.source.as_ref().map(|s| source_text(m, &s.value)).unwrap_or_default();
        let f = figures_of(b);
        h.scale = extent(&f).map(|(low, high)| Scale {
            basis: basis_name(basis),
            currency: m.band_currency(b).to_string(),
            low,
            high,
            open: f.open_high,
        });
    } else if let Some(o) = &h.occupation {
        h.scale = money_value(&o.figure.figure).map(|v| Scale {
            basis: if o.figure.unit == "an hour" { "hourly" } else { "annual" },
            currency: "USD".into(),
            low: v,
            high: v,
            open: o.figure.figure.ends_with("or more"),
        });
    }
    h
}

fn source_text(m: &Model, id: &str) -> String {
    match m.sources.get(id) {
        Some(s) => match &s.publisher {
            Some(p) => format!("{p}, {}", s.title),
            None => s.title.clone(),
        },
        None => id.to_string(),
    }
}

/// A first step into the role.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct FirstStep {
    /// Inline HTML (a `breaking_in` step is Markdown), or plain text escaped.
    pub html: String,
    /// A link to read more: the path, or the page's "How to break in" section.
    pub url: String,
    pub link_text: String,
}

/// The role at a glance.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Glance {
    pub pay: PayHeadline,
    /// `pay_note`, inline, when no figure is shown.
    pub pay_note_html: String,
    pub education: String,
    pub credentials: Vec<String>,
    /// How the work is arranged: "employed, freelance", from the bands' `arrangement`.
    pub arrangements: Vec<String>,
    /// `arrangements` in words, else what the bands' figures say (hourly rates, annual salaries);
    /// empty when the role has no band.
    pub work: String,
    pub backgrounds: Vec<String>,
    /// How many backgrounds are left out of `backgrounds` (shown in full further down).
    pub more_backgrounds: usize,
    pub outlook_html: String,
    pub first_step: Option<FirstStep>,
}

/// How the work is arranged, in words.
fn work_words(m: &Model, role: &Role, arrangements: &[String]) -> String {
    if !arrangements.is_empty() {
        let mut w = arrangements.join(", ");
        if let Some(first) = w.get(..1) {
            w = first.to_uppercase() + &w[1..];
        }
        return w;
    }
    let bases: std::collections::BTreeSet<Basis> =
        role.pay.iter().filter_map(|w| m.resolve_band(&w.value).basis).collect();
    match (bases.contains(&Basis::Hourly), bases.contains(&Basis::Annual)) {
        (true, true) => "Hourly-paid work and salaried posts, in our sources' figures".into(),
        (true, false) => "Paid by the hour, in our sources' figures".into(),
        (false, true) => "Salaried posts (annual pay), in our sources' figures".into(),
        (false, false) => String::new(),
    }
}

/// Backgrounds shown at a glance; the rest are in the page's backgrounds section.
const GLANCE_BACKGROUNDS: usize = 4;

/// The role at a glance, from the wage sections the page shows.
pub fn glance(m: &Model, r: &FileRecord<Role>, wages: &[WageView]) -> Glance {
    let role = &r.data;
    let pay = headline_with(m, role, wages);
    let mut arrangements: Vec<String> =
        role.pay.iter().filter_map(|w| arrangement_word(m.resolve_band(&w.value))).collect();
    arrangements.dedup();
    let mut seen = std::collections::BTreeSet::new();
    arrangements.retain(|a| seen.insert(a.clone()));
    let work = work_words(m, role, &arrangements);
    let pay_note_html = if pay.has_figure() {
        String::new()
    } else {
        role.pay_note.as_ref().map(|n| markdown::render_inline(m, &n.value)).unwrap_or_default()
    };
    Glance {
        pay,
        pay_note_html,
        education: role.education.clone().unwrap_or_default(),
        credentials: role.credentials.clone(),
        arrangements,
        work,
        backgrounds: role.backgrounds.iter().take(GLANCE_BACKGROUNDS).cloned().collect(),
        more_backgrounds: role.backgrounds.len().saturating_sub(GLANCE_BACKGROUNDS),
        outlook_html: role.outlook.as_ref().map(|o| markdown::render_inline(m, &o.summary.value)).unwrap_or_default(),
        first_step: first_step(m, r),
    }
}

/// The first step: the first of the role's `breaking_in` steps (something to do), else the start
/// of a path into it from a job outside the site ("From customer service: ...").
fn first_step(m: &Model, r: &FileRecord<Role>) -> Option<FirstStep> {
    if let Some(s) = r.data.breaking_in.first() {
        return Some(FirstStep {
            html: markdown::render_inline(m, &s.value),
            url: "#breaking-in".into(),
            link_text: "How to break in".into(),
        });
    }
    m.paths_by_role.get(r.id.as_str()).into_iter().flatten().find_map(|pid| {
        let p = m.paths.get(pid)?;
        let steps = &p.data.steps.value;
        let at = steps.iter().position(|s| s.value.role.as_ref().is_some_and(|x| x.value == r.id))?;
        let job = steps.first()?.value.job.as_ref().filter(|_| at == 1)?;
        Some(FirstStep {
            html: crate::escape::html(&format!("Start from {job}")),
            url: m.url(&crate::urls::path(pid)),
            link_text: p.data.title.clone(),
        })
    })
}
