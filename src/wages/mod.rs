//! Wage tables (PRODUCT.md section 2, "Wage tables"): official wage statistics in the layout of
//! BLS's OEWS downloads, `data/wages/ID.csv` beside `data/wages/ID.yaml`.
//!
//! - `parse`: the CSV into a [`Table`] (problems at their line and column);
//! - `check`: the rules that need the whole site;
//! - `view`: the role page's wage sections, `/roles/ID/pay/` and JSON-LD;
//! - `map`: pay by state as an SVG tile map;
//! - `overview`: the pay overview's section of official figures.

mod check;
mod map;
mod overview;
pub mod parse;
pub mod table;
mod tables;
mod view;

pub use check::validate;
pub use overview::{overview, OverviewView};
pub use parse::parse_csv;
pub use table::*;
pub use tables::{tables, Wages};
pub use view::{
    area_views, has_pay_page, jsonld, list_pay, median_line, national_views, relation_words, role_views, WageView,
};
