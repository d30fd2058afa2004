//! The wage tables of a loaded site with their `.yaml` descriptions, by id.

use std::collections::BTreeMap;

use super::table::Table;
use crate::data::WageTableMeta;
use crate::load::{FileRecord, Loaded};

/// A cell as BLS writes it.
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
