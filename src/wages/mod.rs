//! Wage tables (PRODUCT.md section 2, "Wage tables"): official wage statistics in the layout of
//! BLS's OEWS downloads, `data/wages/ID.csv` beside `data/wages/ID.yaml`.
//!
//! - `parse`: the CSV into a [`Table`] (problems at their line and column);
//! - `check`: the rules that need the whole site;
//! - `view`: the role page's wage sections, `/roles/ID/pay/` and JSON-LD;
//! - `map`: pay by state as an SVG tile map;
//! - `overview`: the pay overview's section of official figures.

use std::collections::BTreeMap;

use crate::data::WageTableMeta;
use crate::load::{FileRecord, Loaded};

mod check;
mod map;
mod overview;
mod parse;
mod view;

pub use check::{pair_files, validate};
pub use overview::{overview, OverviewView};
pub use parse::parse_csv;
pub use view::{area_views, has_pay_page, jsonld, median_line, relation_words, role_views, WageView};

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
