//! Pay bands as pages show them: one chart per basis and currency, and each band in words with its
//! facts and citation. Also the `/pay/` overview.

use serde::Serialize;
use tera::Context;

use super::cards::{role_card, RoleCard};
use super::meta::{ctx_with, PageMeta};
use crate::data::{Basis, PayBand};
use crate::model::Model;
use crate::pay::cite::Citation;
use crate::pay::{self, figures_of, Figures};
use crate::render::chart::{self, ChartRow};
use crate::render::markdown;

#[derive(Serialize)]
pub struct BandItem<'a> {
    pub label: String,
    pub text: String,
    pub facts: Vec<String>,
    pub work_type: bool,
    pub cite: Option<Citation<'a>>,
    pub note_html: String,
}

pub use crate::render::chart::ChartView;

/// One row of a chart's data table: the label and the figures in words.
#[derive(Serialize)]
pub struct TableRow {
    pub label: String,
    pub pay: String,
}

/// A band chart as pages show it: one drawing for every width, its key (only the marks it draws)
/// and its figures as a table.
#[derive(Serialize)]
pub struct BandChartView {
    pub heading: String,
    pub svg: String,
    pub legend: Vec<chart::LegendItem>,
    pub rows: Vec<TableRow>,
}

#[derive(Serialize, Default)]
pub struct PayView<'a> {
    pub charts: Vec<BandChartView>,
    pub items: Vec<BandItem<'a>>,
    pub note_html: String,
}

/// The label a band goes by on a role page.
pub(super) fn band_label(m: &Model, written: &PayBand) -> String {
    let b = m.resolve_band(written);
    let work_type = written.band.is_some();
    b.label.clone().unwrap_or_else(|| if work_type { "This kind of work".into() } else { "Pay".into() })
}

fn band_facts(b: &PayBand, work_type: bool) -> Vec<String> {
    let mut f = Vec::new();
    if let Some(basis) = b.basis {
        f.push(match basis {
            Basis::Hourly => "hourly rate".to_string(),
            Basis::Annual => "annual pay".to_string(),
        });
    }
    if let Some(a) = b.arrangement {
        f.push(format!("{a:?}").to_lowercase());
    }
    if let Some(l) = b.level {
        f.push(format!("{} level", format!("{l:?}").to_lowercase()));
    }
    if let Some(r) = &b.region {
        f.push(r.clone());
    }
    if let Some(a) = &b.applies_to {
        f.push(a.clone());
    }
    if work_type {
        f.push("pay for this kind of work, not for this role alone".to_string());
    }
    f
}

/// A band as written, its label, and an optional link for the label.
pub type BandRow<'b> = (&'b PayBand, String, Option<String>);

/// Bands (as written, maybe `{ band: id }`) to charts (one per basis and currency) and items.
pub fn pay_view<'a>(m: &'a Model, bands: &[BandRow<'a>], id: &str) -> PayView<'a> {
    let mut items = Vec::new();
    let mut groups: Vec<((Basis, &str), Vec<usize>)> = Vec::new();
    let resolved: Vec<&PayBand> = bands.iter().map(|(b, _, _)| m.resolve_band(b)).collect();
    for (i, ((written, label, _), b)) in bands.iter().zip(&resolved).enumerate() {
        let Some(basis) = b.basis else { continue };
        let currency = m.band_currency(b);
        let work_type = written.band.is_some();
        items.push(BandItem {
            label: label.clone(),
            text: pay::describe(&figures_of(b), basis.into(), currency),
            facts: band_facts(b, work_type),
            work_type,
            cite: b.source.as_ref().map(|s| Citation::new(m, &s.value, b.via.as_ref().map(|v| v.value.as_str()))),
            note_html: b.note.as_ref().map(|n| markdown::render_inline(m, &n.value)).unwrap_or_default(),
        });
        let key = (basis, currency);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    let figs: Vec<Figures> = resolved.iter().map(|b| figures_of(b)).collect();
    let mut charts = Vec::new();
    for ((basis, cur), idx) in &groups {
        let kind = format!("{} ({cur})", if *basis == Basis::Hourly { "Hourly rates" } else { "Annual pay" });
        let parts = by_magnitude(idx, &figs);
        for part in &parts {
            let heading = if parts.len() > 1 {
                let top = parts_top(part, &figs);
                format!("{kind}, on a {}–{} scale", pay::format_money(0.0, cur), pay::format_money(top, cur))
            } else {
                kind.clone()
            };
            let rows: Vec<ChartRow> = part
                .iter()
                .map(|&i| ChartRow { label: &bands[i].1, figures: &figs[i], href: bands[i].2.as_deref() })
                .collect();
            let cid = format!("{id}-{}", charts.len());
            let (svg, marks) = chart::band_chart_marked(&rows, (*basis).into(), cur, (&cid, &heading));
            let table = part
                .iter()
                .map(|&i| TableRow { label: bands[i].1.clone(), pay: pay::describe(&figs[i], (*basis).into(), cur) })
                .collect();
            charts.push(BandChartView { heading, svg, legend: chart::legend(marks), rows: table });
        }
    }
    PayView { charts, items, note_html: String::new() }
}

/// Rows (indices into `figs`, in the order written) split into charts so that no row is squeezed by
/// another's scale: sorted by the largest figure each needs, a new chart starts when a row needs more
/// than four times what the smallest row of the current chart needs. Each chart keeps the order
/// written; the charts go from small figures to large.
fn by_magnitude(idx: &[usize], figs: &[Figures]) -> Vec<Vec<usize>> {
    let mut sorted: Vec<usize> = idx.to_vec();
    sorted.sort_by(|&a, &b| chart::row_max(&figs[a]).total_cmp(&chart::row_max(&figs[b])).then(a.cmp(&b)));
    let mut parts: Vec<Vec<usize>> = Vec::new();
    let mut floor = 0.0;
    for i in sorted {
        let v = chart::row_max(&figs[i]);
        match parts.last_mut() {
            Some(p) if floor <= 0.0 || v <= floor * 4.0 => {
                if floor <= 0.0 {
                    floor = v;
                }
                p.push(i);
            }
            _ => {
                floor = v;
                parts.push(vec![i]);
            }
        }
    }
    for p in &mut parts {
        p.sort_unstable();
    }
    parts
}

/// The top of the scale of a chart of these rows.
fn parts_top(part: &[usize], figs: &[Figures]) -> f64 {
    chart::scale_top(part.iter().map(|&i| chart::row_max(&figs[i])).fold(0.0, f64::max))
}

#[derive(Serialize)]
struct PaySection<'a> {
    name: String,
    pay: PayView<'a>,
}

pub(super) fn pay_page(m: &Model) -> Context {
    let l = m.loaded;
    let meta = PageMeta::new(
        m,
        "pay/",
        "Pay",
        "Every published pay figure on this site, hourly and annual on their own scales, each with its source.",
        "pay",
    )
    .crumbs(m, &[]);
    let mut ctx = ctx_with(&meta);
    // Work-type bands first, then each role's bands; charts split by basis and currency (and by
    // category when a chart would grow past a readable size).
    let mut rows: Vec<(&PayBand, String, Option<String>, String)> = Vec::new();
    for b in &l.pay_bands {
        if b.value.id.is_some() {
            rows.push((
                &b.value,
                b.value.label.clone().unwrap_or_else(|| "Work type".into()),
                None,
                "Types of work".into(),
            ));
        }
    }
    for r in &l.roles {
        let cat = m.categories.get(r.data.category.value.as_str()).map(|c| c.name.clone()).unwrap_or_default();
        for w in &r.data.pay {
            if w.value.band.is_some() {
                continue;
            }
            let label = match &w.value.label {
                Some(lab) => format!("{}: {lab}", r.data.title),
                None => r.data.title.clone(),
            };
            rows.push((&w.value, label, Some(m.url(&crate::urls::role(&r.id))), cat.clone()));
        }
    }
    let by_category = rows.len() > 40;
    let mut sections: Vec<(String, Vec<BandRow>)> = Vec::new();
    for (b, label, href, cat) in rows {
        let key = if by_category { cat } else { String::new() };
        match sections.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push((b, label, href)),
            None => sections.push((key, vec![(b, label, href)])),
        }
    }
    let views: Vec<PaySection> = sections
        .into_iter()
        .enumerate()
        .map(|(i, (name, bands))| {
            let pay = pay_view(m, &bands, &format!("pay-overview-{i}"));
            PaySection { name, pay }
        })
        .collect();
    ctx.insert("sections", &views);
    let no_pay: Vec<RoleCard> =
        l.roles.iter().filter(|r| r.data.pay.iter().all(|w| w.value.band.is_some())).map(|r| role_card(m, r)).collect();
    ctx.insert("without_figures", &no_pay);
    ctx.insert("wage_overview", &crate::wages::overview(m));
    ctx
}

#[cfg(test)]
mod tests {
    use super::super::cards::pay_kinds;
    use super::*;

    const ROLE: &str =
        "title: Analyst\ncategory: tech\nsummary: S.\nskills: [{ skill: python, level: working }]\npay:\n  \
        - { basis: hourly, low: 20, high: 40, source: survey, level: senior, region: Berlin }\n  \
        - { basis: annual, low: 50000, high: 60000, approx: true, source: survey }\n  \
        - { basis: hourly, low: 20, high: 40, currency: EUR, source: survey }\n  \
        - { label: no basis, low: 1, high: 2, source: survey }\n";

    #[test]
    fn one_chart_per_basis_and_currency_and_bands_in_the_order_written() {
        let (_dir, l) = crate::pay::testing::load(&[("data/roles/analyst.yaml", ROLE)]);
        let m = Model::new(&l, None, false);
        let role = &l.roles[0].data;
        let rows: Vec<BandRow> = role.pay.iter().map(|b| (&b.value, band_label(&m, &b.value), None)).collect();
        let v = pay_view(&m, &rows, "p");
        let headings: Vec<&str> = v.charts.iter().map(|c| c.heading.as_str()).collect();
        assert_eq!(headings, ["Annual pay (USD)", "Hourly rates (EUR)", "Hourly rates (USD)"]);
        assert!(v.charts[0].svg.contains(r#"id="p-0-t""#));
        let items: Vec<(&str, &str)> = v.items.iter().map(|i| (i.label.as_str(), i.text.as_str())).collect();
        assert_eq!(
            items,
            [("Pay", "$20–$40 an hour"), ("Pay", "around $50,000–$60,000 a year"), ("Pay", "€20–€40 an hour")]
        );
        assert_eq!(v.items[0].facts, ["hourly rate", "senior level", "Berlin"]);
        assert_eq!(v.items[0].cite.as_ref().map(|c| c.source.id), Some("survey"));
        assert_eq!(pay_kinds(&m, role), ["annual", "hourly"]);
    }
}
