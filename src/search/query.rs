//! Querying the built index, as the page's script does it (`templates/search.js`, `find`): the
//! reference the Rust tests pin matching and ranking on, and that the browser tests compare the
//! script against through the shared vectors.
//!
//! For each typed word: read the vocabulary files under its keys; its candidates are the word
//! itself, words it begins (from 2 letters), and words within its allowed edits (the last word
//! also counts edits against the start of longer words, as it is still being typed). Only the
//! candidates with the fewest edits are kept: a word found as typed or as a prefix keeps no typo
//! matches, a typo only its nearest words. They are ordered (exact first, length, word) and cut
//! at `MAX_CANDIDATES` words from at most `MAX_WORD_FILES` word files. A document matches when every typed word matches; a word scores
//! `100 * (3 - edits) + 10 * place (title 3, alias 2, body 1) + 1 if exact`, its best over its
//! candidates; a document's score is the sum. Order: score, then fewer title words, then
//! document number.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::codec::{gunzip, Reader};
use super::docs::Kind;
use super::index::{Built, Manifest, Postings};
use super::tokenise::{ascii_slug, tokens};
use super::typo::{allowed_typos, distance, key_file, query_keys};

pub const MAX_CANDIDATES: usize = 40;
/// The last word counts edits against the start of longer words from this length.
pub const PREFIX_TYPOS_FROM: usize = 5;
pub const MAX_WORD_FILES: usize = 4;
/// Title word count of a document no typed word found in its title or aliases.
pub const NO_TITLE: u32 = 99;

pub struct Index {
    pub manifest: Manifest,
    /// Decompressed files by name.
    files: BTreeMap<String, Vec<u8>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub kind: Kind,
    pub title: String,
    /// `roles/model-evaluator/`, under the base path.
    pub url: String,
    pub summary: String,
    pub pay: String,
    /// Topics: what kind of page (`Industry`, `Pay`).
    pub tag: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: u32,
    pub score: u32,
    pub brevity: u32,
}

/// One candidate of a typed word.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Candidate {
    pub edits: usize,
    pub inexact: bool,
    pub len: usize,
    pub word: String,
    pub file: u32,
}

#[derive(Debug, Default)]
pub struct Found {
    pub hits: Vec<Hit>,
    /// Candidates of each typed word.
    pub candidates: Vec<Vec<Candidate>>,
    /// Logical files read (vocabulary, then word files).
    pub read: BTreeSet<usize>,
}

struct WordFile {
    records: BTreeMap<u32, Record>,
    words: BTreeMap<String, Postings>,
}

impl Index {
    pub fn from_built(b: &Built) -> Option<Index> {
        let mut files = BTreeMap::new();
        for (path, bytes) in &b.files {
            if let Some(name) = path.strip_prefix("search/").and_then(|n| n.strip_suffix(".bin")) {
                files.insert(name.to_string(), gunzip(bytes)?);
            }
        }
        Some(Index { manifest: b.manifest.clone(), files })
    }

    /// The index of a built site folder.
    pub fn from_dir(out: &Path) -> Option<Index> {
        let mut files = BTreeMap::new();
        let mut manifest = None;
        for e in std::fs::read_dir(out.join("search")).ok()?.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            let bytes = std::fs::read(e.path()).ok()?;
            if let Some(n) = name.strip_suffix(".bin") {
                files.insert(n.to_string(), gunzip(&bytes)?);
            } else if name.ends_with(".json.gz") {
                manifest = serde_json::from_slice(&gunzip(&bytes)?).ok();
            }
        }
        Some(Index { manifest: manifest?, files })
    }

    fn file(&self, i: usize) -> &[u8] {
        self.files.get(self.manifest.name(i)).map(Vec::as_slice).unwrap_or(&[])
    }

    fn read_record(&self, r: &mut Reader, doc: u32) -> Option<Record> {
        let kind = self.manifest.kind(doc);
        let title = r.str()?.to_string();
        let slug = r.str()?;
        let url = match slug.strip_prefix('/') {
            Some(path) => path.to_string(),
            None if slug.is_empty() => format!("{}/{}/", kind.folder(), ascii_slug(&title)),
            None => format!("{}/{slug}/", kind.folder()),
        };
        let summary = r.str()?.to_string();
        let pay = if kind == Kind::Role { r.str()?.to_string() } else { String::new() };
        let tag = if kind == Kind::Topic { r.str()?.to_string() } else { String::new() };
        Some(Record { kind, url, title, summary, pay, tag })
    }

    fn word_file(&self, f: u32) -> Option<WordFile> {
        let m = &self.manifest;
        let mut r = Reader::new(self.file((m.nv + f) as usize));
        let mut records = BTreeMap::new();
        let mut doc = 0u32;
        for _ in 0..r.num()? {
            doc += r.num()? as u32;
            records.insert(doc, self.read_record(&mut r, doc)?);
        }
        let mut words = BTreeMap::new();
        let grouped = |r: &mut Reader| -> Option<Vec<(u32, u32)>> {
            let mut v = Vec::new();
            for _ in 0..r.num()? {
                let wc = r.num()? as u32;
                v.extend(r.ascending()?.into_iter().map(|d| (wc, d)));
            }
            Some(v)
        };
        for _ in 0..r.num()? {
            let w = r.str()?.to_string();
            let t = grouped(&mut r)?;
            let a = grouped(&mut r)?;
            let b = r.ascending()?;
            words.insert(w, Postings { title: t, alias: a, body: b });
        }
        Some(WordFile { records, words })
    }

    /// A document's record, from the record files.
    pub fn record(&self, doc: u32) -> Option<Record> {
        let m = &self.manifest;
        let chunk = doc / m.chunk;
        let mut r = Reader::new(self.file((m.nv + m.nw + chunk) as usize));
        for d in chunk * m.chunk..=doc {
            let rec = self.read_record(&mut r, d)?;
            if d == doc {
                return Some(rec);
            }
        }
        None
    }

    /// The record a word file keeps for `doc` (the first page of each word), if any.
    pub fn kept_record(&self, word_file: u32, doc: u32) -> Option<Record> {
        self.word_file(word_file)?.records.remove(&doc)
    }

    /// Candidates of one typed word, and the vocabulary files read.
    pub fn candidates(&self, word: &str, last: bool, read: &mut BTreeSet<usize>) -> Vec<Candidate> {
        let q: Vec<char> = word.chars().collect();
        let k = allowed_typos(q.len());
        let nv = self.manifest.nv as usize;
        let mut vocab: Vec<usize> = query_keys(&q).iter().map(|key| key_file(key, nv)).collect();
        vocab.sort_unstable();
        vocab.dedup();
        let mut out = Vec::new();
        for f in vocab {
            read.insert(f);
            let text = std::str::from_utf8(self.file(f)).unwrap_or("");
            for line in text.lines() {
                let Some((file, list)) = line.split_once(':') else { continue };
                let file: u32 = file.parse().unwrap_or(0);
                for t in list.split(' ') {
                    let tc: Vec<char> = t.chars().collect();
                    let m = if t == word {
                        Some((0, false))
                    } else if q.len() >= 2 && t.starts_with(word) {
                        Some((0, true))
                    } else if k > 0 {
                        distance(&q, &tc, k, last && q.len() >= PREFIX_TYPOS_FROM).map(|d| (d, true))
                    } else {
                        None
                    };
                    if let Some((edits, inexact)) = m {
                        out.push(Candidate { edits, inexact, len: tc.len(), word: t.to_string(), file });
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        // Typos only where they help: the candidates with the fewest edits (a word found as typed
        // or as the start of a longer word keeps no typo; a typo keeps its nearest words).
        let fewest = out.first().map_or(0, |c| c.edits);
        out.retain(|c| c.edits == fewest);
        let mut files = BTreeSet::new();
        let mut kept = Vec::new();
        for c in out {
            if kept.len() == MAX_CANDIDATES {
                break;
            }
            if files.contains(&c.file) || files.len() < MAX_WORD_FILES {
                files.insert(c.file);
                kept.push(c);
            }
        }
        kept
    }

    /// Every document that matches all words of `query`, best first.
    pub fn search(&self, query: &str) -> Found {
        let mut found = Found::default();
        let mut words: Vec<String> = Vec::new();
        for w in tokens(query) {
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let mut per_doc: BTreeMap<u32, (u32, u32, usize)> = BTreeMap::new();
        let mut loaded: BTreeMap<u32, WordFile> = BTreeMap::new();
        for (wi, w) in words.iter().enumerate() {
            let cands = self.candidates(w, wi + 1 == words.len(), &mut found.read);
            let mut best: BTreeMap<u32, (u32, u32)> = BTreeMap::new();
            for c in &cands {
                if let Entry::Vacant(slot) = loaded.entry(c.file) {
                    found.read.insert((self.manifest.nv + c.file) as usize);
                    if let Some(wf) = self.word_file(c.file) {
                        slot.insert(wf);
                    }
                }
                let Some(p) = loaded.get(&c.file).and_then(|f| f.words.get(&c.word)) else { continue };
                let base = 100 * (3 - c.edits as u32) + u32::from(!c.inexact);
                let mut score = |doc: u32, s: u32, wc: u32| {
                    let e = best.entry(doc).or_insert((0, NO_TITLE));
                    e.0 = e.0.max(s);
                    e.1 = e.1.min(wc);
                };
                for &(wc, d) in &p.title {
                    score(d, base + 30, wc);
                }
                for &(wc, d) in &p.alias {
                    score(d, base + 20, wc);
                }
                for &d in &p.body {
                    score(d, base + 10, NO_TITLE);
                }
            }
            for (doc, (s, wc)) in best {
                if wi == 0 {
                    per_doc.insert(doc, (s, wc, 1));
                } else if let Some(e) = per_doc.get_mut(&doc) {
                    if e.2 == wi {
                        *e = (e.0 + s, e.1.min(wc), wi + 1);
                    }
                }
            }
            found.candidates.push(cands);
        }
        let n = words.len();
        found.hits = per_doc
            .into_iter()
            .filter(|(_, e)| e.2 == n && n > 0)
            .map(|(doc, (score, brevity, _))| Hit { doc, score, brevity })
            .collect();
        found.hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.brevity.cmp(&b.brevity)).then(a.doc.cmp(&b.doc)));
        found
    }
}
