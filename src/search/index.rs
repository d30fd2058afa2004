//! The index files: a manifest, vocabulary files, word files and record files, each gzipped, so a
//! first query reads a few small files and never the whole index.
//!
//! - The manifest (`search/manifest.json.gz`, its address in every page) names every other file
//!   and gives the document ranges of kinds and role categories. Its address is fixed, so that an
//!   edit to indexed text changes the index files, not every page that names the index (the
//!   search script revalidates it: `cache: "no-cache"`).
//! - Every other file is named by a hash of its bytes, so a browser may keep it for good.
//! - Vocabulary files: every word of the site, filed under its two-letter keys (`typo`); a line
//!   `F:word word ...` lists words whose postings sit in word file `F`.
//! - Word files: runs of the sorted vocabulary. For each word, the documents that hold it in the
//!   title, in an alias (both lists ordered by the document's brevity, then document) and in the
//!   body (summary, skills, tasks, path steps, guide text), and the records of the word's first
//!   `PAGE` documents, so a one-word query shows its first page without reading more.
//! - Record files: every document's record by number, read for results past the first page,
//!   filtered results and several-word queries.
//!
//! File counts are capped (`MAX_FILES` of each kind), so a site of 18,000 pages adds under 400.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::codec::{gzip, name_of, Writer, NAME_LEN};
use super::docs::{Doc, Kind};
use super::tokenise::ascii_slug;
use super::typo::{key_file, word_keys};

/// The manifest's file, relative to the output folder: the same in every build.
pub const MANIFEST: &str = "search/manifest.json.gz";
/// Records kept with each word: the first page of a one-word query.
pub const PAGE: usize = 10;
const VOCAB_TARGET: usize = 768;
const WORD_TARGET: usize = 3 * 1024;
const RECORD_TARGET: usize = 6 * 1024;
const MAX_FILES: usize = 128;

/// Where a document holds a word, best first.
#[derive(Debug, Default)]
pub struct Postings {
    /// (brevity: title words but small ones, document), sorted.
    pub title: Vec<(u32, u32)>,
    pub alias: Vec<(u32, u32)>,
    pub body: Vec<u32>,
}

impl Postings {
    /// Documents in the order a one-word query ranks them.
    pub fn ranked(&self) -> impl Iterator<Item = u32> + '_ {
        self.title.iter().chain(&self.alias).map(|p| p.1).chain(self.body.iter().copied())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Format version.
    pub v: u32,
    /// Documents of each kind: roles, skills, paths, guides (then their sections), topics,
    /// numbered in that order.
    pub kinds: [u32; 5],
    /// Role categories in order: (id, name, roles); role numbers run category by category.
    pub cats: Vec<(String, String, u32)>,
    /// Records kept with each word.
    pub page: u32,
    /// Vocabulary, word and record files.
    pub nv: u32,
    pub nw: u32,
    pub nr: u32,
    /// Documents per record file.
    pub chunk: u32,
    /// Every file's name (`NAME_LEN` characters each), vocabulary files first, then word, then
    /// record files.
    pub files: String,
}

impl Manifest {
    pub fn kind(&self, doc: u32) -> Kind {
        let mut end = 0;
        for (k, n) in Kind::ALL.iter().zip(self.kinds) {
            end += n;
            if doc < end {
                return *k;
            }
        }
        Kind::Topic
    }

    pub fn name(&self, file: usize) -> &str {
        self.files.get(file * NAME_LEN..(file + 1) * NAME_LEN).unwrap_or("")
    }
}

/// The built index: every file to write, relative to the output folder (the manifest at
/// `MANIFEST`).
pub struct Built {
    pub manifest: Manifest,
    pub files: Vec<(String, Vec<u8>)>,
}

/// Every word's postings, in word order. Gathered in a hash map (a site of 17,000 documents
/// files several million words; a sorted map compared strings for each), then sorted once.
pub fn postings(docs: &[Doc]) -> Vec<(&str, Postings)> {
    let mut map: rustc_hash::FxHashMap<&str, Postings> = rustc_hash::FxHashMap::default();
    for (i, d) in docs.iter().enumerate() {
        let i = i as u32;
        let wc = d.brevity;
        let mut title: Vec<&str> = d.title_words.iter().map(String::as_str).collect();
        title.sort_unstable();
        title.dedup();
        for w in &title {
            map.entry(w).or_default().title.push((wc, i));
        }
        let alias: Vec<&str> = d.alias_words.iter().collect();
        for &w in &alias {
            if title.binary_search(&w).is_err() {
                map.entry(w).or_default().alias.push((wc, i));
            }
        }
        for w in d.body_words.iter() {
            if title.binary_search(&w).is_err() && alias.binary_search(&w).is_err() {
                map.entry(w).or_default().body.push(i);
            }
        }
    }
    let mut words: Vec<(&str, Postings)> = map.into_iter().collect();
    words.par_iter_mut().for_each(|(_, p)| {
        p.title.sort_unstable();
        p.alias.sort_unstable();
    });
    words.par_sort_unstable_by(|a, b| a.0.cmp(b.0));
    words
}

/// A result as shown: title, address (empty when the kind's folder and the title's ASCII slug give
/// it; starting with `/` a path of its own), summary, then a role's pay line or a topic's tag.
fn record(d: &Doc) -> Vec<u8> {
    let mut w = Writer::default();
    w.str(&d.title);
    w.str(if ascii_slug(&d.title) == d.id { "" } else { &d.id });
    w.str(&d.summary);
    match d.kind {
        Kind::Role => w.str(&d.pay),
        Kind::Topic => w.str(&d.tag),
        _ => {}
    }
    w.bytes
}

fn grouped(w: &mut Writer, list: &[(u32, u32)]) {
    let mut groups: Vec<(u32, Vec<u32>)> = Vec::new();
    for &(wc, d) in list {
        match groups.last_mut() {
            Some((g, v)) if *g == wc => v.push(d),
            _ => groups.push((wc, vec![d])),
        }
    }
    w.num(groups.len() as u64);
    for (wc, docs) in groups {
        w.num(u64::from(wc));
        w.ascending(&docs);
    }
}

fn word_entry(word: &str, p: &Postings) -> Vec<u8> {
    let mut w = Writer::default();
    w.str(word);
    grouped(&mut w, &p.title);
    grouped(&mut w, &p.alias);
    w.ascending(&p.body);
    w.bytes
}

/// Lay the index out in files. `cats`: every category's (id, name), in order.
pub fn layout(docs: &[Doc], cats: &[(String, String)]) -> Built {
    let post = postings(docs);
    let words: Vec<(&str, &Postings)> = post.iter().map(|(k, v)| (*k, v)).collect();
    let records: Vec<Vec<u8>> = docs.par_iter().map(record).collect();
    let entries: Vec<(Vec<u8>, Vec<u32>)> =
        words.par_iter().map(|(t, p)| (word_entry(t, p), p.ranked().take(PAGE).collect())).collect();

    // Word files: runs of the sorted vocabulary, cut at a target size.
    let cost = |e: &(Vec<u8>, Vec<u32>), have: &BTreeSet<u32>| -> usize {
        e.0.len() + e.1.iter().filter(|d| !have.contains(d)).map(|&d| records[d as usize].len() + 2).sum::<usize>()
    };
    let total: usize = entries.iter().map(|e| cost(e, &BTreeSet::new())).sum();
    let target = WORD_TARGET.max(total.div_ceil(MAX_FILES));
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let (mut start, mut size, mut have) = (0, 0, BTreeSet::new());
    for (i, e) in entries.iter().enumerate() {
        if i > start && size + cost(e, &have) > target {
            runs.push((start, i));
            (start, size) = (i, 0);
            have.clear();
        }
        size += cost(e, &have);
        have.extend(e.1.iter().copied());
    }
    if start < entries.len() || runs.is_empty() {
        runs.push((start, entries.len()));
    }
    let mut word_file = vec![0u32; words.len()];
    for (f, &(a, b)) in runs.iter().enumerate() {
        word_file[a..b].fill(f as u32);
    }
    let word_files: Vec<Vec<u8>> = runs
        .par_iter()
        .map(|&(a, b)| {
            let docs: BTreeSet<u32> = entries[a..b].iter().flat_map(|e| e.1.iter().copied()).collect();
            let mut w = Writer::default();
            w.num(docs.len() as u64);
            let mut prev = 0;
            for d in docs {
                w.num(u64::from(d - prev));
                prev = d;
                w.bytes.extend_from_slice(&records[d as usize]);
            }
            w.num((b - a) as u64);
            for e in &entries[a..b] {
                w.bytes.extend_from_slice(&e.0);
            }
            w.bytes
        })
        .collect();

    // Vocabulary files: each word under each of its keys, `F:word word` by word file.
    let keyed: Vec<Vec<Vec<char>>> = words.par_iter().map(|(t, _)| word_keys(&t.chars().collect::<Vec<_>>())).collect();
    let vocab_bytes: usize = words.iter().zip(&keyed).map(|((t, _), k)| k.len() * (t.len() + 1)).sum();
    let nv = vocab_bytes.div_ceil(VOCAB_TARGET).clamp(1, MAX_FILES);
    let mut vocab: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); nv];
    for (i, keys) in keyed.iter().enumerate() {
        for k in keys {
            vocab[key_file(k, nv)].insert(i);
        }
    }
    let vocab_files: Vec<Vec<u8>> = vocab
        .par_iter()
        .map(|set| {
            let mut by_file: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
            for &i in set {
                by_file.entry(word_file[i]).or_default().push(words[i].0);
            }
            let mut s = String::new();
            for (f, ws) in by_file {
                s.push_str(&format!("{f}:{}\n", ws.join(" ")));
            }
            s.into_bytes()
        })
        .collect();

    // Record files: every record, by document number.
    let avg = records.iter().map(Vec::len).sum::<usize>() / records.len().max(1);
    let chunk = docs.len().div_ceil(MAX_FILES).max(RECORD_TARGET / avg.max(1)).max(1);
    let record_files: Vec<Vec<u8>> = records.chunks(chunk).map(|c| c.concat()).collect();

    let logical: Vec<&Vec<u8>> = vocab_files.iter().chain(&word_files).chain(&record_files).collect();
    let zipped: Vec<(String, Vec<u8>)> = logical
        .par_iter()
        .map(|raw| {
            let gz = gzip(raw);
            (name_of(&gz), gz)
        })
        .collect();
    let mut names = String::new();
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for (name, gz) in zipped {
        names.push_str(&name);
        files.entry(format!("search/{name}.bin")).or_insert(gz);
    }
    let mut kinds = [0u32; 5];
    for d in docs {
        kinds[d.kind as usize] += 1;
    }
    let mut per_cat = vec![0u32; cats.len()];
    for d in docs.iter().filter(|d| d.kind == Kind::Role) {
        if let Some(n) = per_cat.get_mut(d.category) {
            *n += 1;
        }
    }
    let manifest = Manifest {
        v: 2,
        kinds,
        cats: cats.iter().zip(per_cat).map(|((id, name), n)| (id.clone(), name.clone(), n)).collect(),
        page: PAGE as u32,
        nv: nv as u32,
        nw: word_files.len() as u32,
        nr: record_files.len() as u32,
        chunk: chunk as u32,
        files: names,
    };
    let json = gzip(&serde_json::to_vec(&manifest).unwrap_or_default());
    let mut files: Vec<(String, Vec<u8>)> = files.into_iter().collect();
    files.push((MANIFEST.to_string(), json));
    Built { manifest, files }
}
