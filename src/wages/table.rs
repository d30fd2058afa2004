//! A parsed wage table: areas, occupations and rows of cells, as `parse` reads them from the CSV.
//! A leaf: it needs nothing else of the crate, so loading can use it without the model.

use std::collections::BTreeMap;

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
