//! Wage tables (PRODUCT.md section 2, "Wage tables"): official wage statistics in the layout of
//! BLS's OEWS downloads, `data/wages/ID.csv` beside `data/wages/ID.yaml`.
//!
//! The CSV is read with the `csv` crate (BurntSushi's, the standard Rust CSV reader: quoting,
//! embedded commas and line ends done right, and fast enough for a 60 MB table in well under a
//! second). Columns are found by header name, in any order and case; other columns are ignored.
//! Areas and occupations are interned, so a 400,000-row table holds a few small records per row
//! and loading stays linear. Problems in the file are reported at their line and column; a broken
//! file stops after `MAX_PROBLEMS` of them.

use std::collections::{HashMap, HashSet};

use super::table::{Area, Cell, Occupation, Row, Table, METRO, NATIONAL, NONMETRO, STATE, TERRITORY};
use crate::diagnostic::{suggest, Diagnostic};

/// After this many problems in one table, one more diagnostic says how many were left out.
const MAX_PROBLEMS: usize = 50;

const REQUIRED: [&str; 4] = ["OCC_CODE", "OCC_TITLE", "AREA_TITLE", "AREA_TYPE"];
const HOURLY: [&str; 5] = ["H_PCT10", "H_PCT25", "H_MEDIAN", "H_PCT75", "H_PCT90"];
const ANNUAL: [&str; 5] = ["A_PCT10", "A_PCT25", "A_MEDIAN", "A_PCT75", "A_PCT90"];

/// Column indexes of the columns ladder reads.
struct Columns {
    occ_code: usize,
    occ_title: usize,
    area_title: usize,
    area_type: usize,
    area: Option<usize>,
    state: Option<usize>,
    employment: Option<usize>,
    hourly_mean: Option<usize>,
    annual_mean: Option<usize>,
    hourly: [Option<usize>; 5],
    annual: [Option<usize>; 5],
    hourly_only: Option<usize>,
    annual_only: Option<usize>,
}

/// The 0-based field `index` of a CSV line: its 1-based column (characters) and width.
fn field_column(line: &str, index: usize) -> (usize, usize) {
    let mut field = 0;
    let mut quoted = false;
    let mut start = 0;
    let mut chars = 0;
    let mut start_col = 1;
    for (i, ch) in line.char_indices() {
        if field == index && i == start {
            start_col = chars + 1;
        }
        match ch {
            '"' => quoted = !quoted,
            ',' if !quoted => {
                if field == index {
                    return (start_col, line[start..i].chars().count());
                }
                field += 1;
                start = i + 1;
            }
            _ => {}
        }
        chars += 1;
    }
    if field == index {
        if start >= line.len() {
            start_col = chars + 1;
        }
        return (start_col, line[start..].chars().count());
    }
    (chars + 1, 1)
}

struct Parser<'t> {
    rel: &'t str,
    text: &'t str,
    diags: Vec<Diagnostic>,
    problems: usize,
}

impl Parser<'_> {
    fn problem(&mut self, d: Diagnostic) {
        self.problems += 1;
        if self.problems <= MAX_PROBLEMS {
            self.diags.push(d);
        }
    }

    /// An error at field `index` of the record starting at byte `byte` on line `line`.
    fn at_cell(&mut self, line: u64, byte: u64, index: usize, msg: String, help: &str) {
        let rest = &self.text[(byte as usize).min(self.text.len())..];
        let raw = rest.split('\n').next().unwrap_or("");
        let (col, width) = field_column(raw, index);
        self.problem(Diagnostic::error(self.rel, line as usize, col, msg).help(help).width(width));
    }
}

const NUMBER_HELP: &str = "write figures as BLS does: digits, with or without thousands separators (`1,687,890`); \
     `*` or `**` for not published; `#` for at or above the top code";

fn parse_cell(raw: &str) -> Option<Cell> {
    let s = raw.trim();
    Some(match s {
        "" => Cell::Blank,
        "*" | "**" => Cell::NotPublished,
        "#" => Cell::Top,
        _ => {
            // Digits, separators and a point only: never negative, never infinite.
            Cell::Value(plain_decimal(s)?)
        }
    })
}

/// `123`, `1,687,890` or `71.20` (up to 15 digits; commas only as thousands separators): the
/// exact quotient of two exactly represented numbers, so the same double `str::parse` gives,
/// without its general machinery or a copy without the commas.
fn plain_decimal(s: &str) -> Option<f64> {
    let mut m: u64 = 0;
    let mut digits = 0;
    let mut scale: Option<i32> = None;
    // Digits since the last comma, and whether a comma was seen.
    let mut group = 0;
    let mut commas = false;
    for &b in s.as_bytes() {
        match b {
            b'0'..=b'9' => {
                m = m * 10 + u64::from(b - b'0');
                digits += 1;
                match &mut scale {
                    Some(k) => *k += 1,
                    None => group += 1,
                }
            }
            b',' if scale.is_none() && group >= 1 && (if commas { group == 3 } else { group <= 3 }) => {
                commas = true;
                group = 0;
            }
            b'.' if scale.is_none() && (!commas || group == 3) => scale = Some(0),
            _ => return None,
        }
    }
    if digits == 0 || digits > 15 || (commas && scale.is_none() && group != 3) {
        return None;
    }
    Some(m as f64 / 10f64.powi(scale.unwrap_or(0)))
}

/// A small multiplicative hasher for the loader's own keys (SipHash's defence against chosen
/// keys is not needed for a file the site's editor wrote, and it dominated the load time).
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

type Fast = std::hash::BuildHasherDefault<FastHasher>;

fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7 && b[2] == b'-' && b.iter().enumerate().all(|(i, c)| i == 2 || c.is_ascii_digit())
}

/// Parse `data/wages/ID.csv`. Never fails: problems become diagnostics.
pub fn parse_csv(id: &str, rel: &str, text: &str) -> (Table, Vec<Diagnostic>) {
    let mut table = Table { id: id.to_string(), path: rel.to_string(), ..Table::default() };
    let mut p = Parser { rel, text, diags: Vec::new(), problems: 0 };
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => {}
        Ok(false) => {
            p.problem(
                Diagnostic::error(rel, 0, 0, "the wage table is empty")
                    .help("a wage table starts with a header row (`OCC_CODE,OCC_TITLE,AREA_TITLE,AREA_TYPE,...`)"),
            );
            return (table, p.diags);
        }
        Err(e) => {
            p.problem(Diagnostic::error(rel, 1, 1, format!("cannot read the header row: {e}")));
            return (table, p.diags);
        }
    }
    let header: Vec<String> = record.iter().map(|h| h.trim().to_ascii_uppercase()).collect();
    let find = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&str> = REQUIRED.iter().copied().filter(|n| find(n).is_none()).collect();
    if !missing.is_empty() {
        let names = missing.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        let hint = missing
            .iter()
            .find_map(|n| header.iter().find_map(|h| suggest(h, [*n]).map(|_| format!("`{h}` looks like `{n}`; "))))
            .unwrap_or_default();
        p.problem(
            Diagnostic::error(rel, 1, 1, format!("the header row has no {names} column"))
                .help(format!("{hint}a wage table needs the columns OCC_CODE, OCC_TITLE, AREA_TITLE and AREA_TYPE, named as in BLS's OEWS downloads (any order, any case)")),
        );
        return (table, p.diags);
    }
    let cols = Columns {
        occ_code: find("OCC_CODE").unwrap_or(0),
        occ_title: find("OCC_TITLE").unwrap_or(0),
        area_title: find("AREA_TITLE").unwrap_or(0),
        area_type: find("AREA_TYPE").unwrap_or(0),
        area: find("AREA"),
        state: find("PRIM_STATE"),
        employment: find("TOT_EMP"),
        hourly_mean: find("H_MEAN"),
        annual_mean: find("A_MEAN"),
        hourly: HOURLY.map(find),
        annual: ANNUAL.map(find),
        hourly_only: find("HOURLY"),
        annual_only: find("ANNUAL"),
    };
    let width = header.len();
    let mut areas: HashMap<(u8, String), u32, Fast> = HashMap::default();
    let mut codes: HashMap<String, u32, Fast> = HashMap::default();
    let mut seen: HashSet<u64, Fast> = HashSet::default();
    // BLS sorts its files by area: most rows have the area of the row before.
    let mut last_area: Option<(u8, String, u32)> = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |q| q.line() as usize);
                p.problem(Diagnostic::error(rel, line, 1, format!("cannot read this row: {e}")));
                if p.problems > MAX_PROBLEMS {
                    break;
                }
                continue;
            }
        }
        let (line, byte) = record.position().map_or((0, 0), |q| (q.line(), q.byte()));
        if record.len() == 1 && record[0].trim().is_empty() {
            continue; // a blank line
        }
        if record.len() != width {
            let msg = format!("this row has {} cells; the header row has {width}", record.len());
            let at = record.len().min(width);
            p.at_cell(
                line,
                byte,
                at,
                msg,
                "every row needs one cell per header column; quote a cell that holds a comma",
            );
            continue;
        }
        let code = record[cols.occ_code].trim();
        if !is_code(code) {
            p.at_cell(
                line,
                byte,
                cols.occ_code,
                format!("`{code}` is not an occupation code"),
                "OCC_CODE is a standard occupation code such as `15-1252`",
            );
            continue;
        }
        let kind = match record[cols.area_type].trim() {
            "1" => NATIONAL,
            "2" => STATE,
            "3" => TERRITORY,
            "4" => METRO,
            "6" => NONMETRO,
            other => {
                p.at_cell(
                    line,
                    byte,
                    cols.area_type,
                    format!("`{other}` is not a BLS area type"),
                    "AREA_TYPE is 1 (national), 2 (state), 3 (territory), 4 (metropolitan) or 6 (nonmetropolitan)",
                );
                continue;
            }
        };
        let area_title = record[cols.area_title].trim();
        if area_title.is_empty() {
            p.at_cell(
                line,
                byte,
                cols.area_title,
                "the row has no AREA_TITLE".into(),
                "name the area, e.g. `California`",
            );
            continue;
        }
        let cell = |p: &mut Parser, col: Option<usize>, name: &str| -> Result<Cell, ()> {
            let Some(i) = col else { return Ok(Cell::Blank) };
            match parse_cell(&record[i]) {
                Some(c) => Ok(c),
                None => {
                    p.at_cell(line, byte, i, format!("`{}` in {name} is not a figure", record[i].trim()), NUMBER_HELP);
                    Err(())
                }
            }
        };
        let mut bad = false;
        let mut get = |p: &mut Parser, col, name| {
            cell(p, col, name).unwrap_or_else(|_| {
                bad = true;
                Cell::Blank
            })
        };
        let employment = get(&mut p, cols.employment, "TOT_EMP");
        let hourly_mean = get(&mut p, cols.hourly_mean, "H_MEAN");
        let annual_mean = get(&mut p, cols.annual_mean, "A_MEAN");
        let mut hourly = [Cell::Blank; 5];
        let mut annual = [Cell::Blank; 5];
        for i in 0..5 {
            hourly[i] = get(&mut p, cols.hourly[i], HOURLY[i]);
            annual[i] = get(&mut p, cols.annual[i], ANNUAL[i]);
        }
        if bad {
            continue;
        }
        for (cells, names, columns) in [(&hourly, &HOURLY, &cols.hourly), (&annual, &ANNUAL, &cols.annual)] {
            let mut prev: Option<(usize, f64)> = None;
            for i in 0..5 {
                let v = match cells[i] {
                    Cell::Value(v) => v,
                    Cell::Top => f64::INFINITY,
                    _ => continue,
                };
                if let Some((j, pv)) = prev {
                    if v < pv {
                        let shown = |v: f64| if v.is_infinite() { "#".to_string() } else { format!("{v}") };
                        p.at_cell(
                            line,
                            byte,
                            columns[i].unwrap_or(0),
                            format!("{} ({}) is below {} ({}): percentiles out of order", names[i], shown(v), names[j], shown(pv)),
                            "each percentile is at least the one before it (10th <= 25th <= median <= 75th <= 90th); check the row against the release",
                        );
                        bad = true;
                        break;
                    }
                }
                prev = Some((i, v));
            }
        }
        if bad {
            continue;
        }
        let area_code = cols.area.map(|i| record[i].trim()).unwrap_or("");
        let key_text = if area_code.is_empty() { area_title } else { area_code };
        let area = match &last_area {
            Some((k, t, a)) if *k == kind && t == key_text => *a,
            _ => {
                let next = table.areas.len() as u32;
                let area = *areas.entry((kind, key_text.to_string())).or_insert(next);
                if area == next {
                    table.areas.push(Area {
                        code: area_code.to_string(),
                        title: area_title.to_string(),
                        kind,
                        state: cols.state.map(|i| record[i].trim().to_string()).unwrap_or_default(),
                    });
                }
                last_area = Some((kind, key_text.to_string(), area));
                area
            }
        };
        let occ = match codes.get(code) {
            Some(&o) => o,
            None => {
                let o = table.occupations.len() as u32;
                codes.insert(code.to_string(), o);
                table.by_code.insert(code.to_string(), o);
                table.occupations.push(Occupation {
                    code: code.to_string(),
                    title: record[cols.occ_title].trim().to_string(),
                    rows: Vec::new(),
                });
                o
            }
        };
        if !seen.insert(u64::from(occ) << 32 | u64::from(area)) {
            let first = table.occupations[occ as usize]
                .rows
                .iter()
                .map(|&r| &table.rows[r as usize])
                .find(|r| r.area == area)
                .map_or(0, |r| r.line);
            p.at_cell(
                line,
                byte,
                cols.occ_code,
                format!("a second row for {code} in {area_title} (the first is on line {first})"),
                "each occupation has one row per area; remove one of the two",
            );
            continue;
        }
        let flag = |col: Option<usize>| col.is_some_and(|i| record[i].trim().eq_ignore_ascii_case("true"));
        let row = Row {
            area,
            occ,
            line: line as u32,
            employment,
            hourly_mean,
            annual_mean,
            hourly,
            annual,
            hourly_only: flag(cols.hourly_only),
            annual_only: flag(cols.annual_only),
        };
        table.occupations[occ as usize].rows.push(table.rows.len() as u32);
        table.rows.push(row);
    }
    if p.problems > MAX_PROBLEMS {
        p.diags.push(Diagnostic::error(
            rel,
            0,
            0,
            format!("{} more problems in this wage table are not shown", p.problems - MAX_PROBLEMS),
        ));
    }
    (table, p.diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_bls_writes_them() {
        assert_eq!(parse_cell("1,687,890"), Some(Cell::Value(1_687_890.0)));
        assert_eq!(parse_cell("71.20"), Some(Cell::Value(71.2)));
        assert_eq!(parse_cell("*"), Some(Cell::NotPublished));
        assert_eq!(parse_cell("**"), Some(Cell::NotPublished));
        assert_eq!(parse_cell("#"), Some(Cell::Top));
        assert_eq!(parse_cell(" "), Some(Cell::Blank));
        assert_eq!(parse_cell("1,68"), None);
        assert_eq!(parse_cell("12x"), None);
        assert_eq!(parse_cell("-5"), None);
        assert_eq!(parse_cell("inf"), None);
        for t in ["0", "71.20", "103.21", "239200", "0.1", "1234567.891", "5."] {
            assert_eq!(plain_decimal(t), Some(t.parse::<f64>().unwrap()), "{t}");
        }
        assert_eq!(plain_decimal("."), None);
        assert_eq!(plain_decimal("1,687,890"), Some(1_687_890.0));
        assert_eq!(plain_decimal("148,100.50"), Some(148_100.5));
        for bad in ["1,68", "1234,567", ",123", "1,,234", "1,234,", "12.3,4", "1.2.3"] {
            assert_eq!(plain_decimal(bad), None, "{bad}");
        }
    }

    #[test]
    fn field_columns() {
        assert_eq!(field_column("a,\"b,c\",dd", 2), (9, 2));
        assert_eq!(field_column("a,\"b,c\",dd", 1), (3, 5));
        assert_eq!(field_column("a,,", 2), (4, 0));
    }
}
