//! Wage tables (PRODUCT.md section 2, "Wage tables"): official wage statistics in the layout of
//! BLS's OEWS downloads, `data/wages/ID.csv` beside `data/wages/ID.yaml`.
//!
//! The CSV is read with the `csv` crate (BurntSushi's, the standard Rust CSV reader: quoting,
//! embedded commas and line ends done right, and fast enough for a 60 MB table in well under a
//! second). Columns are found by header name, in any order and case; other columns are ignored.
//! Areas and occupations are interned, so a 400,000-row table holds a few small records per row
//! and loading stays linear. Problems in the file are reported at their line and column; a broken
//! file stops after `MAX_PROBLEMS` of them.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::data::{Relation, WageTableMeta, S};
use crate::date;
use crate::diagnostic::{did_you_mean, suggest, Diagnostic};
use crate::load::{FileRecord, Loaded};
use crate::model::Model;

/// After this many problems in one table, one more diagnostic says how many were left out.
const MAX_PROBLEMS: usize = 50;

/// A cell as BLS writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// An empty cell, or a column the table does not have.
    Blank,
    /// `*` or `**`: not published.
    NotPublished,
    /// `#`: at or above the release's top code; never a figure of its own.
    Top,
    Value(f64),
}

impl Cell {
    pub fn value(self) -> Option<f64> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// BLS area types.
pub const NATIONAL: u8 = 1;
pub const STATE: u8 = 2;
pub const TERRITORY: u8 = 3;
pub const METRO: u8 = 4;
pub const NONMETRO: u8 = 6;

#[derive(Debug)]
pub struct Area {
    pub code: String,
    pub title: String,
    pub kind: u8,
    pub state: String,
}

#[derive(Debug)]
pub struct Occupation {
    pub code: String,
    pub title: String,
    /// Rows of this occupation, in file order.
    pub rows: Vec<u32>,
}

#[derive(Debug)]
pub struct Row {
    pub area: u32,
    pub occ: u32,
    pub line: u32,
    pub employment: Cell,
    pub hourly_mean: Cell,
    pub annual_mean: Cell,
    /// 10th, 25th, 50th, 75th, 90th percentiles.
    pub hourly: [Cell; 5],
    pub annual: [Cell; 5],
    /// `HOURLY` TRUE: only hourly wages are published.
    pub hourly_only: bool,
    /// `ANNUAL` TRUE: only annual wages are published.
    pub annual_only: bool,
}

/// A parsed `data/wages/ID.csv`.
#[derive(Debug, Default)]
pub struct Table {
    pub id: String,
    pub path: String,
    pub areas: Vec<Area>,
    pub occupations: Vec<Occupation>,
    pub rows: Vec<Row>,
    pub by_code: BTreeMap<String, u32>,
}

impl Table {
    pub fn occupation(&self, code: &str) -> Option<&Occupation> {
        self.by_code.get(code).map(|&i| &self.occupations[i as usize])
    }
}

/// The wage tables of a site: each CSV with its YAML.
pub struct Wages<'a> {
    pub tables: BTreeMap<&'a str, (&'a Table, Option<&'a FileRecord<WageTableMeta>>)>,
}

pub fn tables(l: &Loaded) -> Wages<'_> {
    let mut tables = BTreeMap::new();
    for t in &l.wage_tables {
        let meta = l.wage_meta.iter().find(|m| m.id == t.id);
        tables.entry(t.id.as_str()).or_insert((t, meta));
    }
    Wages { tables }
}

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

/// Tables without their YAML and YAML without its table.
pub fn pair_files(l: &Loaded) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for t in &l.wage_tables {
        if !l.wage_meta.iter().any(|m| m.id == t.id) {
            out.push(
                Diagnostic::error(
                    &t.path,
                    0,
                    0,
                    format!("the wage table `{}` has no `data/wages/{}.yaml`", t.id, t.id),
                )
                .help("add it beside the table, with `title`, `source` and `release` (e.g. `release: May 2025`)"),
            );
        }
    }
    for m in &l.wage_meta {
        if !l.wage_tables.iter().any(|t| t.id == m.id) && !l.diagnostics.iter().any(|d| d.path.ends_with(".csv")) {
            out.push(
                Diagnostic::error(&m.path, 0, 0, format!("no wage table `data/wages/{}.csv` beside this file", m.id))
                    .help("add the table in the layout of BLS's OEWS downloads, or remove this file"),
            );
        }
    }
    out
}

fn pos<T>(s: &S<T>) -> (usize, usize) {
    (s.referenced.line() as usize, s.referenced.column() as usize)
}

/// The rules that need the whole site: references from roles, sources, unused and stale tables.
pub fn validate(m: &Model, today: i64) -> Vec<Diagnostic> {
    let l = m.l;
    let w = tables(l);
    let mut out = Vec::new();
    let mut used = HashSet::new();
    let broken_tables = l.diagnostics.iter().any(|d| d.path.starts_with("data/wages/"));
    for r in &l.roles {
        for o in &r.data.occupations {
            let o = &o.value;
            let (line, col) = pos(&o.wages);
            let Some((table, _)) = w.tables.get(o.wages.value.as_str()) else {
                if !broken_tables {
                    let help = did_you_mean(&o.wages.value, w.tables.keys().copied()).unwrap_or_else(|| {
                        "a wage table is `data/wages/ID.csv` with `data/wages/ID.yaml` beside it; name its ID here"
                            .to_string()
                    });
                    out.push(
                        Diagnostic::error(&r.path, line, col, format!("unknown wage table `{}`", o.wages.value))
                            .help(help)
                            .width(o.wages.value.chars().count()),
                    );
                }
                continue;
            };
            used.insert(table.id.as_str());
            let code = o.code.value.trim();
            if table.occupation(code).is_none() {
                let (line, col) = pos(&o.code);
                let by_code = suggest(code, table.by_code.keys().map(String::as_str));
                let by_title = table
                    .occupations
                    .iter()
                    .find(|x| x.title.eq_ignore_ascii_case(code))
                    .or_else(|| {
                        let title = suggest(code, table.occupations.iter().map(|x| x.title.as_str()))?;
                        table.occupations.iter().find(|x| x.title == title)
                    })
                    .map(|x| x.code.as_str());
                let mut hints: Vec<String> = Vec::new();
                for c in [by_title, by_code].into_iter().flatten() {
                    if let Some(x) = table.occupation(c) {
                        let s = format!("`{}` ({})", x.code, x.title);
                        if !hints.contains(&s) {
                            hints.push(s);
                        }
                    }
                }
                let help = if hints.is_empty() {
                    format!("`code` is an occupation code of `data/wages/{}.csv`, such as `15-1252`", table.id)
                } else {
                    format!("did you mean {}?", hints.join(" or "))
                };
                out.push(
                    Diagnostic::error(
                        &r.path,
                        line,
                        col,
                        format!("the wage table `{}` has no occupation `{code}`", table.id),
                    )
                    .help(help)
                    .width(code.chars().count()),
                );
            }
        }
    }
    for (id, (table, meta)) in &w.tables {
        let Some(meta) = meta else { continue };
        let s = &meta.data.source;
        if !m.sources.contains_key(s.value.as_str()) && !l.diagnostics.iter().any(|d| d.path == crate::load::SOURCES) {
            let (line, col) = pos(s);
            out.push(
                Diagnostic::error(&meta.path, line, col, format!("unknown source `{}`", s.value))
                    .help(did_you_mean(&s.value, m.sources.keys().copied()).unwrap_or_else(|| {
                        "add the source to `data/sources.yaml` (for BLS: `kind: government`)".into()
                    }))
                    .width(s.value.chars().count()),
            );
        }
        if let Some(d) = &meta.data.date {
            let (line, col) = pos(d);
            match date::parse(&d.value) {
                None => out.push(
                    Diagnostic::error(&meta.path, line, col, format!("`{}` is not a date", d.value))
                        .help("write dates as YYYY-MM-DD")
                        .width(d.value.chars().count()),
                ),
                Some(n) => {
                    if let Some(days) = m.config.stale_after_days {
                        if n < today - i64::from(days) {
                            out.push(
                                Diagnostic::warning(
                                    &meta.path,
                                    line,
                                    col,
                                    format!("the wage table `{id}` is {} days old (limit {days})", today - n),
                                )
                                .help("run the script that made it against the newest release, or replace the table")
                                .width(d.value.chars().count()),
                            );
                        }
                    }
                }
            }
        }
        if !used.contains(id) && !l.diagnostics.iter().any(|d| d.path.starts_with("data/roles/")) {
            out.push(Diagnostic::warning(&table.path, 0, 0, format!("no role uses the wage table `{id}`")).help(
                "name it in a role's `occupations` (`{ wages: ID, code: 15-1252, relation: closest }`), or remove it",
            ));
        }
    }
    out
}

/// What a relation means, in words shown next to every figure drawn from a table.
pub fn relation_words(r: Relation) -> &'static str {
    match r {
        Relation::Same => "the standard occupation of this role",
        Relation::Within => "this role is a specialism within it: a guide, not a quote for the role",
        Relation::Closest => "the closest standard occupation, not the same work",
    }
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

// ---------------------------------------------------------------------------------------------
// The role page's wage sections

/// One standard occupation's national wages on a role page.
#[derive(serde::Serialize)]
pub struct WageView {
    pub code: String,
    pub title: String,
    pub relation: &'static str,
    /// "U.S. Bureau of Labor Statistics, Software Developers (15-1252), May 2025, all US: the
    /// closest standard occupation, not the same work": shown next to every figure.
    pub words: String,
    pub note: String,
    pub employment: String,
    pub charts: Vec<crate::render::views::ChartView>,
    /// Percentiles and mean, hourly and annual, as published.
    pub rows: Vec<WageRowView>,
    /// `words`, for the table of states.
    pub state_words: String,
    pub basis_note: String,
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
fn shown(c: Cell, top: Option<f64>, money: bool) -> String {
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

fn relation_name(r: Relation) -> &'static str {
    match r {
        Relation::Same => "same",
        Relation::Within => "within",
        Relation::Closest => "closest",
    }
}

/// The publisher (or title) of a table's source: "U.S. Bureau of Labor Statistics".
fn publisher(m: &Model, meta: &WageTableMeta) -> String {
    m.sources
        .get(meta.source.value.as_str())
        .map(|s| s.publisher.clone().unwrap_or_else(|| s.title.clone()))
        .unwrap_or_else(|| meta.title.clone())
}

/// Each of a role's `occupations` found in its table, with the table's description.
fn entries<'m>(
    m: &'m Model,
    role: &'m crate::data::Role,
) -> Vec<(&'m crate::data::RoleOccupation, &'m Table, &'m WageTableMeta, &'m Occupation)> {
    let w = tables(m.l);
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

fn national<'t>(t: &'t Table, occ: &Occupation) -> Option<&'t Row> {
    occ.rows.iter().map(|&i| &t.rows[i as usize]).find(|r| t.areas[r.area as usize].kind == NATIONAL)
}

/// The wage sections of a role page.
pub fn role_views(m: &Model, role: &crate::data::Role, id: &str) -> Vec<WageView> {
    use crate::render::chart::{self, ChartRow, Figures};
    entries(m, role)
        .into_iter()
        .enumerate()
        .map(|(n, (o, t, meta, occ))| {
            let top_h = meta.top_hourly.as_ref().map(|x| x.value);
            let top_a = meta.top_annual.as_ref().map(|x| x.value);
            let words = format!(
                "{}, {} ({}), {}, all US: {}",
                publisher(m, meta),
                occ.title,
                occ.code,
                meta.release,
                relation_words(o.relation)
            );
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
                    let f = Figures {
                        p10: cells[0].value(),
                        p25: cells[1].value(),
                        median: cells[2].value(),
                        p75: cells[3].value(),
                        p90: cells[4].value(),
                        mean: mean.value(),
                        ..Figures::default()
                    };
                    if f.median.is_none() && f.p10.is_none() && f.mean.is_none() {
                        continue;
                    }
                    let tops: Vec<&str> = ["10th", "25th", "median", "75th", "90th"]
                        .iter()
                        .zip(cells.iter())
                        .filter(|(_, c)| **c == Cell::Top)
                        .map(|(n, _)| *n)
                        .collect();
                    let mut label = format!("{}, all US", occ.title);
                    if !tops.is_empty() {
                        let _ = std::fmt::Write::write_fmt(
                            &mut label,
                            format_args!(" ({}: {})", tops.join(", "), shown(Cell::Top, top, true)),
                        );
                    }
                    let rows = [ChartRow { label: &label, figures: &f, href: None }];
                    let unit = if basis == chart::Basis::Hourly { "Hourly wages" } else { "Annual wages" };
                    charts.push(crate::render::views::ChartView {
                        heading: format!("{unit}: {words}"),
                        svg: chart::band_chart(&rows, basis, "USD", &format!("wages-{id}-{n}-{}", charts.len())),
                    });
                }
            }
            let states = occ
                .rows
                .iter()
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
                words: words.clone(),
                note: o.note.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
                employment,
                charts,
                rows,
                state_words: words.replacen(", all US:", ", by state:", 1),
                basis_note,
                cite_html: crate::render::views::cite_html(m, &meta.source.value, None),
                states,
                areas_url: m.url(&format!("roles/{id}/pay/")),
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
    pub words: String,
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
                words: format!(
                    "{}, {} ({}), {}, by area: {}",
                    publisher(m, meta),
                    occ.title,
                    occ.code,
                    meta.release,
                    relation_words(o.relation)
                ),
                cite_html: crate::render::views::cite_html(m, &meta.source.value, None),
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
