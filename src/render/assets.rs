//! Shared assets: the stylesheet, the scripts pages share and the icon, each written once per build
//! as a file named by its content (`assets/style.0123456789abcdef.css`), so a browser keeps it
//! across pages and across builds that did not change it. Pages reference them instead of
//! carrying them inline.
//!
//! The policy (`output::finish_html`) allows styles from `'self'` (the browser offers no hash for an
//! external stylesheet) and each script by its hash: every `<script src>` a template declares
//! carries an `integrity` attribute, and the browser runs the file only when its bytes match (CSP3
//! external hashes: Chromium 59, Firefox 116, Safari 15.6). Same input, same names and bytes.

use std::collections::BTreeMap;

use serde::Serialize;

use super::templates::{minify_asset, Sources};
use crate::model::Model;
use crate::output::sha256_b64;

/// The stylesheets, in the order they are joined into one file.
const STYLESHEETS: [&str; 5] = ["style.css", "chart.css", "search.css", "wages.css", "glance.css"];

/// The scripts that become files, by template name and the key templates know them by.
const SCRIPTS: [(&str, &str); 4] = [
    ("search.js", "search"),
    ("roles-filter.js", "roles_filter"),
    ("wages-sort.js", "wages_sort"),
    ("wages-filter.js", "wages_filter"),
];

/// The site's icon (the ladder on a blue tile).
const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#174ea6\"/><path d=\"M10 6v20M22 6v20M10 11h12M10 16h12M10 21h12\" stroke=\"#fff\" stroke-width=\"2.5\"/></svg>\n";

/// One file a page references: its address and, for a script, the `integrity` value.
#[derive(Serialize, Debug, Clone, Default)]
pub struct AssetRef {
    pub url: String,
    pub integrity: String,
}

/// The assets of one build: what templates get (`refs`: `assets.style.url`,
/// `assets.search.integrity`, ...), the files to write, and the minified text of each stylesheet
/// and script by template name (for a site's own template that still wants one inline).
#[derive(Default)]
pub struct Assets {
    pub refs: BTreeMap<&'static str, AssetRef>,
    pub files: Vec<(String, Vec<u8>)>,
    pub text: BTreeMap<String, String>,
    /// Every stylesheet minified and joined: the `style` file's text.
    pub css: String,
}

impl Assets {
    /// Minify the site's stylesheets and scripts (a site's own replace ladder's by name) and name
    /// each file by its content.
    pub fn build(m: &Model) -> Assets {
        let sources = super::templates::sources(m);
        Self::from_sources(m, &sources)
    }

    fn from_sources(m: &Model, sources: &Sources) -> Assets {
        let mut a = Assets::default();
        for (&name, &(_, text, from_site)) in sources {
            if name.ends_with(".css") || name.ends_with(".js") {
                a.text.insert(name.to_string(), minified(name, text, from_site));
            }
        }
        a.css = STYLESHEETS.iter().filter_map(|n| a.text.get(*n)).map(String::as_str).collect();
        a.add(m, "style", "style", "css", a.css.clone().into_bytes());
        for (name, key) in SCRIPTS {
            let code = a.text.get(name).cloned().unwrap_or_default();
            a.add(m, key, name.trim_end_matches(".js"), "js", code.into_bytes());
        }
        a.add(m, "icon", "icon", "svg", ICON.as_bytes().to_vec());
        a
    }

    fn add(&mut self, m: &Model, key: &'static str, stem: &str, ext: &str, bytes: Vec<u8>) {
        let b64 = sha256_b64(&bytes);
        let file = format!("assets/{stem}.{}.{ext}", file_hash(&bytes));
        let integrity = if ext == "js" { format!("sha256-{b64}") } else { String::new() };
        self.refs.insert(key, AssetRef { url: m.url(&file), integrity });
        self.files.push((file, bytes));
    }

    /// The minified text of a stylesheet or script by template name ("" when there is none).
    pub fn text_of(&self, name: &str) -> &str {
        self.text.get(name).map_or("", String::as_str)
    }

    /// What templates get: `assets` (each file's `url` and `integrity`), and the minified text as
    /// `css`, `search_js`, `roles_filter_js`, `wages_sort_js` and `wages_filter_js`, for a site's
    /// own template that puts one inline.
    pub fn put_into(&self, g: &mut tera::Context) {
        g.insert("assets", &self.refs);
        g.insert("css", &self.css);
        for (name, key) in SCRIPTS {
            g.insert(format!("{key}_js"), self.text_of(name));
        }
    }
}

/// 16 hex digits of the content's SHA-256: the part of an asset's name that changes with it.
fn file_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// A stylesheet or script minified: ladder's own once per process, a site's own each build.
fn minified(name: &str, text: &str, from_site: bool) -> String {
    let tag = if name.ends_with(".css") { "style" } else { "script" };
    match (from_site, super::templates::default_asset(name)) {
        (false, Some(cached)) => cached.to_string(),
        _ => remembered(tag, text),
    }
}

/// A site's own stylesheet or script, minified once per text in this process: `serve` rebuilds
/// after every save, and minifying the scripts took most of a rebuild after a one-line edit.
fn remembered(tag: &'static str, text: &str) -> String {
    use std::sync::{Mutex, OnceLock};
    type Memo = Mutex<BTreeMap<(&'static str, String), String>>;
    static MEMO: OnceLock<Memo> = OnceLock::new();
    let memo = MEMO.get_or_init(Default::default);
    let key = (tag, text.to_string());
    if let Some(done) = memo.lock().ok().and_then(|m| m.get(&key).cloned()) {
        return done;
    }
    let done = minify_asset(tag, text);
    if let Ok(mut m) = memo.lock() {
        // Texts an editor has since changed are not needed again; a bound keeps them few.
        if m.len() >= 64 {
            m.clear();
        }
        m.insert(key, done.clone());
    }
    done
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_follow_content() {
        assert_eq!(super::file_hash(b"a"), super::file_hash(b"a"));
        assert_ne!(super::file_hash(b"a"), super::file_hash(b"b"));
        assert_eq!(super::file_hash(b"a").len(), 16);
    }
}
