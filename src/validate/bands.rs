//! Pay bands, in `data/pay.yaml` and in roles: figures in range and in order, currency, source.

use super::context::*;
use super::site::{cited, known_currency, CURRENCIES};
use crate::data::*;
use crate::diagnostic::did_you_mean;

pub fn check_band(c: &mut Validator, at: At, b: &Placed<PayBand>, in_pay_file: bool) {
    let band = &b.value;
    if let Some(r) = &band.band {
        if in_pay_file {
            c.err(
                at,
                r,
                4,
                "a band in `data/pay.yaml` cannot point to another band",
                Some("give its figures here instead".into()),
            );
        } else {
            c.reference(at, r, RefKind::PayBand, "define it in `data/pay.yaml` with this `id`");
            let others = band.label.is_some()
                || band.basis.is_some()
                || band.source.is_some()
                || figures(band).iter().any(|f| f.1.is_some());
            if others {
                c.err(
                    at,
                    r,
                    4,
                    "`band:` stands alone: it points to a band of `data/pay.yaml`",
                    Some("remove the other fields, or remove `band:` and give this band's own figures".into()),
                );
            }
        }
        return;
    }
    if let (Some(id), false) = (&band.id, in_pay_file) {
        c.err(
            at,
            id,
            2,
            "`id` is only for bands in `data/pay.yaml`",
            Some("remove it, or move the band to `data/pay.yaml` and write `- { band: ID }` here".into()),
        );
    }
    if band.basis.is_none() {
        c.err(at, b, 1, "missing required field `basis`", Some("add `basis: annual` or `basis: hourly`".into()));
    }
    match &band.source {
        None => c.err(
            at,
            b,
            1,
            "missing required field `source`",
            Some("every figure cites where it comes from: add `source: <id from data/sources.yaml>`".into()),
        ),
        Some(s) => cited(c, at, s, band.via.as_ref()),
    }
    if band.source.is_none() {
        if let Some(v) = &band.via {
            c.source_ref(at, v);
        }
    }
    if let Some(cur) = &band.currency {
        if !known_currency(&cur.value) {
            let help = did_you_mean(&cur.value.to_uppercase(), CURRENCIES.iter().copied())
                .unwrap_or_else(|| "use an ISO 4217 code such as `USD`, `EUR` or `GBP`".into());
            c.err(at, cur, cur.value.chars().count(), format!("unknown currency `{}`", cur.value), Some(help));
        }
    }
    let figs = figures(band);
    if figs.iter().all(|f| f.1.is_none()) {
        c.err(at, b, 1, "a pay band needs at least one figure", Some("add `low`, `high`, `median` or `mean`".into()));
    }
    let (lo, hi, per) = figure_range(band.basis);
    let mut in_range = true;
    for (name, f) in &figs {
        if let Some(f) = f {
            if !(lo..=hi).contains(&f.value) {
                in_range = false;
                let shown = show_figure(f.value);
                let msg = if f.value.is_nan() || f.value <= 0.0 {
                    format!("`{name}` must be a positive amount, not {shown}")
                } else if f.value < lo {
                    format!("`{name}` ({shown}) is below the smallest {per} figure, {}", money(lo))
                } else {
                    format!("`{name}` ({shown}) is above the largest {per} figure, {}", money(hi))
                };
                c.err(
                    at,
                    f,
                    1,
                    msg,
                    Some(format!(
                        "{per} figures run from {} to {} (in the band's currency); check for a mistyped number",
                        money(lo),
                        money(hi)
                    )),
                );
            }
        }
    }
    if !in_range {
        // The order of figures that cannot be shown is not worth a second message.
        return;
    }
    // Ordered: low <= p10 <= p25 <= median <= p75 <= p90 <= high.
    let ordered: Vec<(&str, &Placed<f64>)> =
        figs.iter().filter(|(n, _)| *n != "mean").filter_map(|(n, f)| f.map(|f| (*n, f))).collect();
    for w in ordered.windows(2) {
        let ((na, a), (nb, bb)) = (w[0], w[1]);
        if a.value > bb.value {
            c.err(at, bb, fmt_num(bb.value).len(), format!("`{nb}` ({}) is below `{na}` ({})", fmt_num(bb.value), fmt_num(a.value)), Some("figures must be in order: low <= p10 <= p25 <= median <= p75 <= p90 <= high; check for a swapped or mistyped number".into()));
        }
    }
    if let Some(mean) = &band.mean {
        let lo = band.low.as_ref().map(|x| x.value);
        let hi = band.high.as_ref().map(|x| x.value);
        if lo.is_some_and(|lo| mean.value < lo) || hi.is_some_and(|hi| mean.value > hi) {
            c.err(
                at,
                mean,
                1,
                "`mean` lies outside `low`..`high`",
                Some("check the figures against the source".into()),
            );
        }
    }
    if let Some(up) = &band.up_to {
        if up.value && (band.high.is_none() || band.low.is_some()) {
            c.err(
                at,
                up,
                4,
                "`up_to` needs `high` and no `low`",
                Some("\"up to Y\" is written `high: Y` with `up_to: true`; for a range use `low` and `high`".into()),
            );
        }
    }
    if band.open_high && band.low.is_none() && band.high.is_none() {
        c.err(
            at,
            b,
            1,
            "`open_high` needs `low` or `high`",
            Some("\"X or more\" is `low: X` with `open_high: true`".into()),
        );
    }
    if let Some(n) = &band.note {
        c.md_field(at, n);
    }
}

/// The figures a pay band can honestly hold, per basis: (lowest, highest, "annual"/"hourly").
/// Lowest: one cent an hour, one unit a year (anything smaller shows as "$0"). Highest: far
/// above any salary in a currency with small units (100,000,000,000 dong a year is about
/// 4 million dollars), and far below where pay shows rounding noise (cents stay exact
/// below 2^53 / 100, about 90,000,000,000,000). A band without `basis` (an error of its
/// own) is held to the widest range.
pub fn figure_range(basis: Option<Basis>) -> (f64, f64, &'static str) {
    match basis {
        Some(Basis::Hourly) => (0.01, 100_000_000.0, "hourly"),
        Some(Basis::Annual) => (1.0, 100_000_000_000.0, "annual"),
        None => (0.01, 100_000_000_000.0, "pay"),
    }
}

/// A bound of `figure_range` as a page shows an amount: `100,000,000`, `0.01`.
pub fn money(v: f64) -> String {
    crate::render::chart::format_money(v, "")
}

/// A figure as an editor wrote it: `80000`, `12.5`, `1e30`, `1e-300`, `.inf`.
pub fn show_figure(v: f64) -> String {
    if v.is_infinite() {
        return if v > 0.0 { ".inf".into() } else { "-.inf".into() };
    }
    if v.is_finite() && v != 0.0 && !(1e-4..1e15).contains(&v.abs()) {
        format!("{v:e}")
    } else {
        fmt_num(v)
    }
}

pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

pub fn figures(b: &PayBand) -> [(&'static str, Option<&Placed<f64>>); 8] {
    [
        ("low", b.low.as_ref()),
        ("p10", b.p10.as_ref()),
        ("p25", b.p25.as_ref()),
        ("median", b.median.as_ref()),
        ("p75", b.p75.as_ref()),
        ("p90", b.p90.as_ref()),
        ("high", b.high.as_ref()),
        ("mean", b.mean.as_ref()),
    ]
}
