//! The pay overview's official figures (`/pay/`): for each wage table the roles use, every role's
//! standard occupation compared by its national median, one chart per basis (annual, and hourly
//! for occupations BLS publishes only hourly), and a table. Kept apart from the seed bands: these
//! are figures for an occupation, not for the role, and each row says how the two relate.

use serde::Serialize;

use super::table::{Cell, Row};
use super::view::{chart_figures, entries, national, publisher, relation_name, shown};
use crate::model::Model;
use crate::render::chart::ChartView;
use crate::render::chart::{self, ChartRow, Figures};

#[derive(Serialize, Default)]
pub struct OverviewView {
    pub tables: Vec<OverviewTable>,
}

/// One wage table's figures on the pay overview.
#[derive(Serialize)]
pub struct OverviewTable {
    pub id: String,
    /// "U.S. Bureau of Labor Statistics, May 2025".
    pub heading: String,
    pub release: String,
    pub cite_html: String,
    pub charts: Vec<ChartView>,
    pub rows: Vec<OverviewRow>,
}

#[derive(Serialize)]
pub struct OverviewRow {
    pub role: String,
    pub role_url: String,
    pub occupation: String,
    pub code: String,
    /// `same`, `within` or `closest`.
    pub relation: &'static str,
    pub hourly_median: String,
    pub annual_median: String,
}

/// A figure to sort by: a value, the top code above every value, nothing last.
fn rank(c: Cell) -> f64 {
    match c {
        Cell::Value(v) => v,
        Cell::Top => f64::INFINITY,
        _ => f64::NEG_INFINITY,
    }
}

/// One (role, occupation) before sorting: its table row and its chart figures per basis.
struct Entry {
    rank: (f64, f64),
    label: String,
    /// Figures and the words for cells at the top code, annual then hourly.
    annual: Option<(Figures, String)>,
    hourly: Option<(Figures, String)>,
    row: OverviewRow,
}

pub fn overview(m: &Model) -> OverviewView {
    let mut tables: Vec<(OverviewTable, Vec<Entry>)> = Vec::new();
    for r in &m.loaded.roles {
        for (o, t, meta, occ) in entries(m, &r.data) {
            let i = match tables.iter().position(|x| x.0.id == t.id) {
                Some(i) => i,
                None => {
                    let table = OverviewTable {
                        id: t.id.clone(),
                        heading: format!("{}, {}", publisher(m, meta), meta.release),
                        release: meta.release.clone(),
                        cite_html: crate::pay::cite::Citation::new(m, &meta.source.value, None).html(),
                        charts: Vec::new(),
                        rows: Vec::new(),
                    };
                    tables.push((table, Vec::new()));
                    tables.len() - 1
                }
            };
            let top_h = meta.top_hourly.as_ref().map(|x| x.value);
            let top_a = meta.top_annual.as_ref().map(|x| x.value);
            let row = national(t, occ);
            let cell = |f: fn(&Row) -> Cell| row.map_or(Cell::Blank, f);
            tables[i].1.push(Entry {
                rank: (rank(cell(|r| r.annual[2])), rank(cell(|r| r.hourly[2]))),
                label: format!("{}: {}, {}", r.data.title, occ.title, relation_name(o.relation)),
                annual: row.and_then(|x| chart_figures(&x.annual, x.annual_mean, top_a)),
                hourly: row.and_then(|x| chart_figures(&x.hourly, x.hourly_mean, top_h)),
                row: OverviewRow {
                    role: r.data.title.clone(),
                    role_url: m.url(&crate::urls::role(&r.id)),
                    occupation: occ.title.clone(),
                    code: occ.code.clone(),
                    relation: relation_name(o.relation),
                    hourly_median: shown(cell(|r| r.hourly[2]), top_h, true),
                    annual_median: shown(cell(|r| r.annual[2]), top_a, true),
                },
            });
        }
    }
    let mut out = Vec::new();
    for (mut t, mut list) in tables {
        // Highest median first; ties by label, so the order never depends on file order.
        list.sort_by(|a, b| {
            b.rank.0.total_cmp(&a.rank.0).then(b.rank.1.total_cmp(&a.rank.1)).then(a.label.cmp(&b.label))
        });
        // Annual for every occupation with annual figures (BLS gives both for most, so one scale
        // compares them all); hourly only for the occupations with no annual figure.
        let labels: Vec<(String, String)> = list
            .iter()
            .map(|e| {
                let words = |f: &Option<(Figures, String)>| format!("{}{}", e.label, f.as_ref().map_or("", |x| &x.1));
                (words(&e.annual), words(&e.hourly))
            })
            .collect();
        let annual: Vec<ChartRow> = list
            .iter()
            .zip(&labels)
            .filter_map(|(e, l)| {
                Some(ChartRow { label: &l.0, figures: &e.annual.as_ref()?.0, href: Some(&e.row.role_url) })
            })
            .collect();
        let hourly: Vec<ChartRow> = list
            .iter()
            .zip(&labels)
            .filter(|(e, _)| e.annual.is_none())
            .filter_map(|(e, l)| {
                Some(ChartRow { label: &l.1, figures: &e.hourly.as_ref()?.0, href: Some(&e.row.role_url) })
            })
            .collect();
        for (rows, basis, name) in [(annual, chart::Basis::Annual, "Annual"), (hourly, chart::Basis::Hourly, "Hourly")]
        {
            if rows.is_empty() {
                continue;
            }
            let title = format!("{name} wages of each role's standard occupation, all US, {}", t.release);
            let id = format!("pay-wages-{}-{}", t.id, t.charts.len());
            t.charts.push(ChartView {
                heading: format!(
                    "{name} wages, all US, {}: each role's standard occupation, highest median first",
                    t.release
                ),
                svg: chart::band_chart_titled(&rows, basis, "USD", &id, &title),
            });
        }
        t.rows = list.into_iter().map(|e| e.row).collect();
        out.push(t);
    }
    OverviewView { tables: out }
}
