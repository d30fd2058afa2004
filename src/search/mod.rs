//! Search: the site's own compact, typo-tolerant index, built from the data and guides, and read
//! by a small inline script on every page (PRODUCT.md section 3, "Search").
//!
//! `docs` gathers one document per role, skill, path, guide and guide section, and per topic page
//! (industries, categories, pay, the quiz); `synonyms` files them under the words people type for
//! them too ("salary" for pay); `tokenise` is the word spec the script shares; `typo` holds edit distance and the two-letter keys that find early typos;
//! `index` lays the index out in small gzipped files named by their hash; `query` reads them the
//! way the script does, for tests. the pipeline (`build`) calls `build_index` once per site and writes its files.

pub mod codec;
pub mod docs;
pub mod index;
pub mod query;
pub mod script;
pub mod synonyms;
pub mod tokenise;
pub mod typo;

use crate::model::Model;

pub use index::{Built, MANIFEST};

/// Build the index of the site.
pub fn build_index(m: &Model) -> Built {
    let docs = docs::collect(m);
    let cats: Vec<(String, String)> =
        m.loaded.categories.iter().map(|c| (c.id.value.clone(), c.name.clone())).collect();
    index::layout(&docs, &cats)
}
