//! The role page's wage sections, `/roles/ID/pay/` and the JSON-LD drawn from wage tables.

use super::table::*;
use super::tables::tables;
use crate::data::{Relation, WageTableMeta};
use crate::model::Model;

/// One standard occupation's national wages on a role page.
#[derive(serde::Serialize)]
pub struct WageView {
    pub code: String,
    pub title: String,
    pub relation: &'static str,
    /// "Software Developers (15-1252): the closest standard occupation, not the same work": said
    /// once, in the source line of the section.
    pub relation_line: String,
    /// "May 2025".
    pub release: String,
    /// "Software Developers, all US, May 2025 (the closest standard occupation)": the caption of
    /// every national figure (charts, table); the source line says the rest once.
    pub caption: String,
    /// The same for the map and the table of states ("..., by state: ...").
    pub state_caption: String,
    pub note: String,
    pub employment: String,
    pub charts: Vec<crate::render::chart::ChartView>,
    /// Percentiles and mean, hourly and annual, as published.
    pub rows: Vec<WageRowView>,
    pub basis_note: String,
    /// Pay by state as an SVG tile map (empty without state rows).
    pub map: String,
    pub cite_html: String,
    pub states: Vec<StateView>,
    /// `/roles/ID/pay/`: every area.
    pub areas_url: String,
}

#[derive(serde::Serialize)]
pub struct WageRowView {
    pub name: &'static str,
    pub hourly: String,
    pub annual: String,
}

#[derive(serde::Serialize)]
pub struct StateView {
    pub name: String,
    pub kind: &'static str,
    pub employment: String,
    pub hourly_median: String,
    pub annual_median: String,
}

/// A cell as a page shows it: the figure, "$115 or more" for `#`, "not published".
pub(super) fn shown(c: Cell, top: Option<f64>, money: bool) -> String {
    match c {
        Cell::Value(v) if money => crate::render::chart::format_money(v, "USD"),
        Cell::Value(v) => group(v),
        Cell::Top => match top {
            Some(t) => format!("{} or more", crate::render::chart::format_money(t, "USD")),
            None => "at or above the release's top code".to_string(),
        },
        Cell::NotPublished => "not published".to_string(),
        Cell::Blank => "not given".to_string(),
    }
}

fn group(v: f64) -> String {
    let s = format!("{:.0}", v);
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub(super) fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::Same => "same",
        Relation::Within => "within",
        Relation::Closest => "closest",
    }
}

/// The publisher (or title) of a table's source: "U.S. Bureau of Labor Statistics".
pub(super) fn publisher(m: &Model, meta: &WageTableMeta) -> String {
    m.sources
        .get(meta.source.value.as_str())
        .map(|s| s.publisher.clone().unwrap_or_else(|| s.title.clone()))
        .unwrap_or_else(|| meta.title.clone())
}

/// Each of a role's `occupations` found in its table, with the table's description.
pub(super) fn entries<'m>(
    m: &'m Model,
    role: &'m crate::data::Role,
) -> Vec<(&'m crate::data::RoleOccupation, &'m Table, &'m WageTableMeta, &'m Occupation)> {
    let w = tables(m.loaded);
    role.occupations
        .iter()
        .filter_map(|o| {
            let o = &o.value;
            let (t, meta) = w.tables.get(o.wages.value.as_str())?;
            let occ = t.occupation(o.code.value.trim())?;
            Some((o, *t, &meta.as_ref()?.data, occ))
        })
        .collect()
}

/// A national row's figures of one basis for a band chart (`#` left out: an open top is never a
/// figure), and the words for the cells at the top code (" (90th: $239,200 or more)"); `None`
/// when the row has no figure of this basis.
pub(super) fn chart_figures(
    cells: &[Cell; 5],
    mean: Cell,
    top: Option<f64>,
) -> Option<(crate::render::chart::Figures, String)> {
    let f = crate::render::chart::Figures {
        p10: cells[0].value(),
        p25: cells[1].value(),
        median: cells[2].value(),
        p75: cells[3].value(),
        p90: cells[4].value(),
        mean: mean.value(),
        ..Default::default()
    };
    if f.median.is_none() && f.p10.is_none() && f.mean.is_none() {
        return None;
    }
    let tops: Vec<&str> = ["10th", "25th", "median", "75th", "90th"]
        .iter()
        .zip(cells)
        .filter(|(_, c)| **c == Cell::Top)
        .map(|(n, _)| *n)
        .collect();
    let words = if tops.is_empty() {
        String::new()
    } else {
        format!(" ({}: {})", tops.join(", "), shown(Cell::Top, top, true))
    };
    Some((f, words))
}

pub(super) fn national<'t>(t: &'t Table, occ: &Occupation) -> Option<&'t Row> {
    occ.rows.iter().map(|&i| &t.rows[i as usize]).find(|r| t.areas[r.area as usize].kind == NATIONAL)
}

/// The wage sections of a role page.
pub fn role_views(m: &Model, role: &crate::data::Role, id: &str) -> Vec<WageView> {
    views(m, role, id, true)
}

/// The role's occupations with their national figures (`rows`) and words, without the charts,
/// map and table of states: what a headline or a comparison reads (`glance::pay_headline`).
pub fn national_views(m: &Model, role: &crate::data::Role) -> Vec<WageView> {
    views(m, role, "", false)
}

/// `full`: also draw the charts and the map and list the states (a role page).
fn views(m: &Model, role: &crate::data::Role, id: &str, full: bool) -> Vec<WageView> {
    use crate::render::chart::{self, ChartRow};
    entries(m, role)
        .into_iter()
        .enumerate()
        .map(|(n, (o, t, meta, occ))| {
            let top_h = meta.top_hourly.as_ref().map(|x| x.value);
            let top_a = meta.top_annual.as_ref().map(|x| x.value);
            let caption = |area: &str| caption(&occ.title, area, &meta.release, o.relation);
            let row = national(t, occ);
            let mut charts = Vec::new();
            let mut rows = Vec::new();
            let mut employment = "not given".to_string();
            let mut basis_note = String::new();
            if let Some(r) = row {
                employment = shown(r.employment, None, false);
                let names = ["10th percentile", "25th percentile", "Median", "75th percentile", "90th percentile"];
                for (name, (h, a)) in names.into_iter().zip(r.hourly.iter().zip(&r.annual)) {
                    rows.push(WageRowView { name, hourly: shown(*h, top_h, true), annual: shown(*a, top_a, true) });
                }
                rows.push(WageRowView {
                    name: "Mean",
                    hourly: shown(r.hourly_mean, top_h, true),
                    annual: shown(r.annual_mean, top_a, true),
                });
                if r.annual_only {
                    basis_note = "BLS publishes only annual wages for this occupation.".into();
                } else if r.hourly_only {
                    basis_note = "BLS publishes only hourly wages for this occupation.".into();
                }
                for (cells, mean, basis, top) in [
                    (&r.hourly, r.hourly_mean, chart::Basis::Hourly, top_h),
                    (&r.annual, r.annual_mean, chart::Basis::Annual, top_a),
                ] {
                    if !full {
                        continue;
                    }
                    let Some((f, tops)) = chart_figures(cells, mean, top) else { continue };
                    let label = format!("{}, all US{tops}", occ.title);
                    let rows = [ChartRow { label: &label, figures: &f, href: None }];
                    let unit = if basis == chart::Basis::Hourly { "Hourly wages" } else { "Annual wages" };
                    charts.push(crate::render::chart::ChartView {
                        heading: format!("{unit}: {}", caption("all US")),
                        svg: chart::band_chart(&rows, basis, "USD", &format!("wages-{id}-{n}-{}", charts.len())),
                    });
                }
            }
            let states = occ
                .rows
                .iter()
                .filter(|_| full)
                .map(|&i| &t.rows[i as usize])
                .filter(|r| matches!(t.areas[r.area as usize].kind, STATE | TERRITORY))
                .map(|r| {
                    let a = &t.areas[r.area as usize];
                    StateView {
                        name: a.title.clone(),
                        kind: if a.kind == TERRITORY { "territory" } else { "state" },
                        employment: shown(r.employment, None, false),
                        hourly_median: shown(r.hourly[2], top_h, true),
                        annual_median: shown(r.annual[2], top_a, true),
                    }
                })
                .collect();
            WageView {
                code: occ.code.clone(),
                title: occ.title.clone(),
                relation: relation_name(o.relation),
                relation_line: format!("{} ({}): {}", occ.title, occ.code, relation_words(o.relation)),
                release: meta.release.clone(),
                caption: caption("all US"),
                state_caption: caption("by state"),
                note: o.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                employment,
                charts,
                rows,
                basis_note,
                map: if full {
                    super::map::tile_map(t, occ, (top_h, top_a), &format!("wages-{id}-{n}-map"), &caption("by state"))
                        .unwrap_or_default()
                } else {
                    String::new()
                },
                cite_html: crate::pay::cite::Citation::new(m, &meta.source.value, None).html(),
                states,
                areas_url: m.url(&crate::urls::role_pay(id)),
            }
        })
        .collect()
}

/// JSON-LD for a role's occupations: `occupationalCategory` codes and, from each national row,
/// a `MonetaryAmountDistribution` per basis with exactly the published percentiles (`#` left out:
/// an open top is never a value).
pub fn jsonld(m: &Model, role: &crate::data::Role) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    use serde_json::json;
    let mut codes = Vec::new();
    let mut salaries = Vec::new();
    for (o, t, meta, occ) in entries(m, role) {
        codes.push(json!({
            "@type": "CategoryCode",
            "codeValue": occ.code,
            "name": occ.title,
            "inCodeSet": "Standard Occupational Classification",
        }));
        let Some(r) = national(t, occ) else { continue };
        for (cells, duration, basis) in [(&r.hourly, "PT1H", "hourly"), (&r.annual, "P1Y", "annual")] {
            let mut d = serde_json::Map::new();
            for (k, c) in ["percentile10", "percentile25", "median", "percentile75", "percentile90"].iter().zip(cells) {
                if let Cell::Value(v) = c {
                    d.insert((*k).into(), json!(v));
                }
            }
            if d.is_empty() {
                continue;
            }
            d.insert("@type".into(), json!("MonetaryAmountDistribution"));
            d.insert("currency".into(), json!("USD"));
            d.insert("duration".into(), json!(duration));
            d.insert(
                "name".into(),
                json!(format!(
                    "{}, {} ({}), {}, all US, {basis} wages: {}",
                    publisher(m, meta),
                    occ.title,
                    occ.code,
                    meta.release,
                    relation_words(o.relation)
                )),
            );
            salaries.push(serde_json::Value::Object(d));
        }
    }
    (codes, salaries)
}

/// Whether a role gets `/roles/ID/pay/`: some `occupations` entry is found in its table.
pub fn has_pay_page(m: &Model, role: &crate::data::Role) -> bool {
    !role.occupations.is_empty() && !entries(m, role).is_empty()
}

/// One occupation's every area, for `/roles/ID/pay/`.
#[derive(serde::Serialize)]
pub struct AreaTableView {
    pub code: String,
    pub title: String,
    /// "Software Developers (15-1252): the closest standard occupation, not the same work".
    pub relation_line: String,
    pub release: String,
    /// "Software Developers, every area, May 2025 (the closest standard occupation)".
    pub caption: String,
    pub cite_html: String,
    pub areas: Vec<AreaView>,
}

#[derive(serde::Serialize)]
pub struct AreaView {
    pub name: String,
    pub kind: &'static str,
    pub state: String,
    pub employment: String,
    pub hourly_median: String,
    pub annual_p10: String,
    pub annual_median: String,
    pub annual_p90: String,
}

fn kind_name(k: u8) -> &'static str {
    match k {
        NATIONAL => "national",
        STATE => "state",
        TERRITORY => "territory",
        METRO => "metropolitan",
        _ => "nonmetropolitan",
    }
}

pub fn area_views(m: &Model, role: &crate::data::Role) -> Vec<AreaTableView> {
    entries(m, role)
        .into_iter()
        .map(|(o, t, meta, occ)| {
            let top_h = meta.top_hourly.as_ref().map(|x| x.value);
            let top_a = meta.top_annual.as_ref().map(|x| x.value);
            AreaTableView {
                code: occ.code.clone(),
                title: occ.title.clone(),
                relation_line: format!("{} ({}): {}", occ.title, occ.code, relation_words(o.relation)),
                release: meta.release.clone(),
                caption: caption(&occ.title, "every area", &meta.release, o.relation),
                cite_html: crate::pay::cite::Citation::new(m, &meta.source.value, None).html(),
                areas: occ
                    .rows
                    .iter()
                    .map(|&i| {
                        let r = &t.rows[i as usize];
                        let a = &t.areas[r.area as usize];
                        AreaView {
                            name: a.title.clone(),
                            kind: kind_name(a.kind),
                            state: a.state.clone(),
                            employment: shown(r.employment, None, false),
                            hourly_median: shown(r.hourly[2], top_h, true),
                            annual_p10: shown(r.annual[0], top_a, true),
                            annual_median: shown(r.annual[2], top_a, true),
                            annual_p90: shown(r.annual[4], top_a, true),
                        }
                    })
                    .collect(),
            }
        })
        .collect()
}
/// The caption of a figure drawn from a table: occupation, area, release and relation, short.
fn caption(title: &str, area: &str, release: &str, r: Relation) -> String {
    let relation = match r {
        Relation::Same => "this role's standard occupation",
        Relation::Within => "the occupation this role is a specialism within",
        Relation::Closest => "the closest standard occupation",
    };
    format!("{title}, {area}, {release} ({relation})")
}

/// What a relation means, in words shown next to every figure drawn from a table.
pub fn relation_words(r: Relation) -> &'static str {
    match r {
        Relation::Same => "the standard occupation of this role",
        Relation::Within => "this role is a specialism within it: a guide, not a quote for the role",
        Relation::Closest => "the closest standard occupation, not the same work",
    }
}

/// A list's one-line pay for a role with no figure of its own: the national median of its first
/// occupation whose table publishes one, said as what it is: "$133,080 a year: national median of
/// Software Developers (closest occupation)", or with `short` (search records, which a first query
/// reads) "$133,080 a year (closest occupation's median)". `None` without one.
pub fn median_line(m: &Model, role: &crate::data::Role, short: bool) -> Option<String> {
    entries(m, role).into_iter().find_map(|(o, t, meta, occ)| {
        let row = national(t, occ)?;
        let (cell, top, unit) = match row.annual[2] {
            Cell::Value(_) | Cell::Top => (row.annual[2], meta.top_annual.as_ref().map(|x| x.value), "a year"),
            _ => (row.hourly[2], meta.top_hourly.as_ref().map(|x| x.value), "an hour"),
        };
        if !matches!(cell, Cell::Value(_) | Cell::Top) {
            return None;
        }
        let figure = shown(cell, top, true);
        let relation = relation_name(o.relation);
        Some(if short {
            format!("{figure} {unit} ({relation} occupation's median)")
        } else {
            format!("{figure} {unit}: national median of {} ({relation} occupation)", occ.title)
        })
    })
}

/// A list's one-line pay (role cards, search records): the role's own figures, else its
/// occupation's national median said as such (`brief` for search records), else "No published
/// figure".
pub fn list_pay(m: &Model, role: &crate::data::Role, brief: bool) -> String {
    let parts = crate::pay::role_pay(m, role, 2);
    if !parts.is_empty() {
        return parts.join("; ");
    }
    median_line(m, role, brief).unwrap_or_else(|| "No published figure".to_string())
}
