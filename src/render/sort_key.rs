//! The key the roles index sorts by pay with (`data-pay-key` on a role card): `BASIS CURRENCY
//! FIGURE`, e.g. `annual USD 150000` or `hourly USD 45`, or empty for a role with no figure.
//!
//! Hourly rates are never turned into yearly income, so the two never compare: the script puts
//! annual figures first, then hourly ones, then roles with none. A role is placed by its first
//! band of the kind (annual if it has one): the median where the source gives one, else the mean,
//! else the middle of the lowest and highest figure given ("up to" and "or more" bands give one).

use crate::data::{Basis, PayBand, Role};
use crate::model::Model;

/// The sort key of a role's pay (see the module comment).
pub fn pay_key(m: &Model, role: &Role) -> String {
    let bands: Vec<&PayBand> = role.pay.iter().map(|w| m.resolve_band(&w.value)).collect();
    let first = |basis: Basis| bands.iter().find(|b| b.basis == Some(basis)).copied();
    let Some(band) = first(Basis::Annual).or_else(|| first(Basis::Hourly)) else {
        return String::new();
    };
    let Some(figure) = figure(band) else {
        return String::new();
    };
    let basis = if band.basis == Some(Basis::Hourly) { "hourly" } else { "annual" };
    format!("{basis} {} {figure}", m.band_currency(band))
}

/// The band's one comparable figure.
fn figure(b: &PayBand) -> Option<f64> {
    let f = crate::pay::figures_of(b);
    if let Some(x) = f.median.or(f.mean) {
        return Some(x);
    }
    let low = f.low.or(f.p10).or(f.p25);
    let high = f.high.or(f.p90).or(f.p75);
    match (low, high) {
        (Some(l), Some(h)) => Some((l + h) / 2.0),
        (l, h) => l.or(h),
    }
}
