//! Pay by state as an SVG tile map: the 50 states and DC on the usual grid of equal squares (so
//! that small states are as visible as large ones), the territories in the table on a row of their
//! own, each square shaded by the state's median, and a legend naming every shade with its range
//! and the mark for "not published". Classes and presentation attributes only (no `style`), so a
//! strict CSP holds; each square is an `img` named by its `<title>` ("California: $166,400 a
//! year"), and the table of states beside the map is the full text alternative.

use std::fmt::Write as _;

use super::table::{Cell, Occupation, Row, Table, STATE, TERRITORY};
use crate::render::chart::format_money;

/// (postal code, name, column, row) of the usual 12 x 8 tile grid.
pub const GRID: [(&str, &str, u8, u8); 51] = [
    ("AK", "Alaska", 0, 0),
    ("ME", "Maine", 11, 0),
    ("VT", "Vermont", 10, 1),
    ("NH", "New Hampshire", 11, 1),
    ("WA", "Washington", 1, 2),
    ("ID", "Idaho", 2, 2),
    ("MT", "Montana", 3, 2),
    ("ND", "North Dakota", 4, 2),
    ("MN", "Minnesota", 5, 2),
    ("IL", "Illinois", 6, 2),
    ("WI", "Wisconsin", 7, 2),
    ("MI", "Michigan", 8, 2),
    ("NY", "New York", 9, 2),
    ("RI", "Rhode Island", 10, 2),
    ("MA", "Massachusetts", 11, 2),
    ("OR", "Oregon", 1, 3),
    ("NV", "Nevada", 2, 3),
    ("WY", "Wyoming", 3, 3),
    ("SD", "South Dakota", 4, 3),
    ("IA", "Iowa", 5, 3),
    ("IN", "Indiana", 6, 3),
    ("OH", "Ohio", 7, 3),
    ("PA", "Pennsylvania", 8, 3),
    ("NJ", "New Jersey", 9, 3),
    ("CT", "Connecticut", 10, 3),
    ("CA", "California", 1, 4),
    ("UT", "Utah", 2, 4),
    ("CO", "Colorado", 3, 4),
    ("NE", "Nebraska", 4, 4),
    ("MO", "Missouri", 5, 4),
    ("KY", "Kentucky", 6, 4),
    ("WV", "West Virginia", 7, 4),
    ("VA", "Virginia", 8, 4),
    ("MD", "Maryland", 9, 4),
    ("DE", "Delaware", 10, 4),
    ("AZ", "Arizona", 2, 5),
    ("NM", "New Mexico", 3, 5),
    ("KS", "Kansas", 4, 5),
    ("AR", "Arkansas", 5, 5),
    ("TN", "Tennessee", 6, 5),
    ("NC", "North Carolina", 7, 5),
    ("SC", "South Carolina", 8, 5),
    ("DC", "District of Columbia", 9, 5),
    ("OK", "Oklahoma", 4, 6),
    ("LA", "Louisiana", 5, 6),
    ("MS", "Mississippi", 6, 6),
    ("AL", "Alabama", 7, 6),
    ("GA", "Georgia", 8, 6),
    ("HI", "Hawaii", 0, 7),
    ("TX", "Texas", 4, 7),
    ("FL", "Florida", 9, 7),
];

/// Shades: at most this many, each a range of medians.
const STEPS: usize = 5;
const TILE: f64 = 24.0;
const PITCH: f64 = 26.0;
const LEFT: f64 = 4.0;
const WIDTH: f64 = 320.0;

/// A square's figure: a median, the top code ("or more"), or none.
#[derive(Clone, Copy, PartialEq)]
enum Fig {
    Value(f64),
    Top,
    None(&'static str),
}

struct Tile {
    abbr: String,
    name: String,
    x: f64,
    y: f64,
    fig: Fig,
}

/// What the map shades by: the annual median, or the hourly one when the occupation has no annual
/// medians (BLS publishes only hourly wages for a few).
#[derive(Clone, Copy, PartialEq)]
pub enum MapBasis {
    Annual,
    Hourly,
}

/// The tile map of one occupation's state and territory medians; `None` when the table has no
/// state or territory row for it.
pub fn tile_map(t: &Table, occ: &Occupation, top: (Option<f64>, Option<f64>), id: &str, what: &str) -> Option<String> {
    let rows: Vec<_> = occ
        .rows
        .iter()
        .map(|&i| &t.rows[i as usize])
        .filter(|r| matches!(t.areas[r.area as usize].kind, STATE | TERRITORY))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let any_annual = rows.iter().any(|r| matches!(r.annual[2], Cell::Value(_) | Cell::Top));
    let basis = if any_annual { MapBasis::Annual } else { MapBasis::Hourly };
    let (top_code, unit) = match basis {
        MapBasis::Annual => (top.1, "a year"),
        MapBasis::Hourly => (top.0, "an hour"),
    };
    let fig_of = |c: Cell| match c {
        Cell::Value(v) => Fig::Value(v),
        Cell::Top => Fig::Top,
        Cell::NotPublished => Fig::None("not published"),
        Cell::Blank => Fig::None("not given"),
    };
    let median = |r: &Row| fig_of(if basis == MapBasis::Annual { r.annual[2] } else { r.hourly[2] });
    let mut tiles: Vec<Tile> = GRID
        .iter()
        .map(|&(abbr, name, c, r)| {
            let row = rows.iter().find(|x| {
                let a = &t.areas[x.area as usize];
                a.kind == STATE && (a.state.eq_ignore_ascii_case(abbr) || a.title.eq_ignore_ascii_case(name))
            });
            Tile {
                abbr: abbr.to_string(),
                name: row.map_or(name.to_string(), |x| t.areas[x.area as usize].title.clone()),
                x: LEFT + f64::from(c) * PITCH,
                y: f64::from(r) * PITCH,
                fig: row.map_or(Fig::None("not in the table"), |x| median(x)),
            }
        })
        .collect();
    let territories: Vec<_> = rows.iter().filter(|r| t.areas[r.area as usize].kind == TERRITORY).collect();
    let ty = 8.0 * PITCH + 22.0;
    for (i, r) in territories.iter().enumerate() {
        let a = &t.areas[r.area as usize];
        let abbr = if a.state.is_empty() {
            a.title.chars().take(2).collect::<String>().to_uppercase()
        } else {
            a.state.clone()
        };
        tiles.push(Tile { abbr, name: a.title.clone(), x: LEFT + i as f64 * PITCH, y: ty, fig: median(r) });
    }

    // Shades: equal-count classes of the distinct medians; a top-coded median is in the top one.
    let mut values: Vec<f64> =
        tiles.iter().filter_map(|t| if let Fig::Value(v) = t.fig { Some(v) } else { None }).collect();
    values.sort_by(f64::total_cmp);
    values.dedup();
    let has_top = tiles.iter().any(|t| t.fig == Fig::Top);
    let n = values.len().min(STEPS).max(usize::from(has_top));
    let bounds: Vec<f64> = (1..n).filter_map(|i| values.get(i * values.len() / n).copied()).collect();
    let class = |f: Fig| match f {
        Fig::Value(v) => Some(bounds.iter().filter(|b| v >= **b).count()),
        Fig::Top => Some(n - 1),
        Fig::None(_) => None,
    };
    let money = |v: f64| format_money(v, "USD");
    let top_words = match top_code {
        Some(c) => format!("{} or more", money(c)),
        None => "at or above the top code".to_string(),
    };

    let mut body = String::new();
    for (i, tile) in tiles.iter().enumerate() {
        if i == GRID.len() {
            let _ = write!(
                body,
                r#"<text class="wm-cap" x="{LEFT}" y="{}" text-anchor="start">Territories</text>"#,
                ty - 6.0
            );
        }
        let (cls, words) = match (class(tile.fig), tile.fig) {
            (Some(k), Fig::Value(v)) => (format!("wm-s{k}"), money(v)),
            (Some(k), _) => (format!("wm-s{k}"), top_words.clone()),
            (None, Fig::None(w)) => ("wm-np".to_string(), w.to_string()),
            (None, _) => ("wm-np".to_string(), String::new()),
        };
        let _ = write!(
            body,
            r#"<g class="{cls}" role="img"><title>{}: {}</title><rect x="{}" y="{}" width="24" height="24" rx="2"/><text x="{}" y="{}">{}</text></g>"#,
            crate::escape::svg(&tile.name),
            crate::escape::svg(&words),
            tile.x,
            tile.y,
            tile.x + TILE / 2.0,
            tile.y + 16.0,
            crate::escape::svg(&tile.abbr)
        );
    }
    let mut y = 8.0 * PITCH;
    if !territories.is_empty() {
        y = ty + PITCH;
    }

    // Legend: one entry per shade with its range, then the mark for no figure.
    let mut entries: Vec<(String, String)> = Vec::new();
    for k in 0..n {
        let members: Vec<f64> = tiles
            .iter()
            .filter(|t| class(t.fig) == Some(k))
            .filter_map(|t| if let Fig::Value(v) = t.fig { Some(v) } else { None })
            .collect();
        let lo = members.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = members.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let tops = k == n - 1 && has_top;
        let label = match (members.is_empty(), tops) {
            (true, _) => top_words.clone(),
            (false, true) => format!("{} or more", money(lo)),
            (false, false) if lo == hi => money(lo),
            (false, false) => format!("{} to {}", money(lo), money(hi)),
        };
        entries.push((format!("wm-s{k}"), label));
    }
    let missing = tiles.iter().any(|t| t.fig == Fig::None("not in the table"));
    let none = if missing { "not published or not in the table" } else { "not published" };
    entries.push(("wm-np".to_string(), none.to_string()));
    y += 10.0;
    let _ =
        write!(body, r#"<text class="wm-cap" x="{LEFT}" y="{}" text-anchor="start">Median pay {unit}</text>"#, y + 4.0);
    y += 12.0;
    let mut legend = String::new();
    for (i, (cls, label)) in entries.iter().enumerate() {
        let x = LEFT;
        let ey = y + i as f64 * 22.0;
        let _ = write!(
            legend,
            r#"<g class="{cls}"><rect x="{x}" y="{ey}" width="16" height="16" rx="2"/></g><text class="wm-cap" x="{}" y="{}">{}</text>"#,
            x + 22.0,
            ey + 12.5,
            crate::escape::svg(label)
        );
    }
    let height = y + entries.len() as f64 * 22.0;
    let mut out = String::with_capacity(body.len() + legend.len() + 400);
    let _ = write!(
        out,
        r#"<svg class="wm" viewBox="0 0 {WIDTH} {height}" role="group" aria-labelledby="{id}-t" font-size="10" text-anchor="middle"><title id="{id}-t">{}</title>{body}<g class="wm-legend" text-anchor="start" font-size="12">{legend}</g></svg>"#,
        crate::escape::svg(&format!("Map of median pay {unit} by state: {what}. Lighter squares pay less, darker more; a dashed square has no published figure. The table of states gives every figure.")),
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::GRID;

    #[test]
    fn grid_has_every_state_once_on_its_own_square() {
        let mut codes: Vec<&str> = GRID.iter().map(|g| g.0).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 51);
        let mut squares: Vec<(u8, u8)> = GRID.iter().map(|g| (g.2, g.3)).collect();
        squares.sort_unstable();
        squares.dedup();
        assert_eq!(squares.len(), 51);
        assert!(GRID.iter().all(|g| g.2 < 12 && g.3 < 8));
    }
}
