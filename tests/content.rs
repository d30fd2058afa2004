//! The default content: facts carry over from the source articles in `../shared/seeds/`, every
//! sentence is ours, and every figure in prose is traceable to a source the record cites.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

/// Which article each source is read from (sources we did not read map to the article that
/// reported them).
const SEEDS: &[(&str, &str)] = &[
    ("mercor-new-ai-jobs", "000"),
    ("imerit-ai-training-career", "001"),
    ("goka-ai-trainer-hiring", "002"),
    ("ai-next-job-recruiting", "003"),
    ("mercor-what-is-ai-trainer", "004"),
    ("mercor-pay-averages", "002"),
    ("wef-future-of-jobs-2025", "000"),
    ("bls-projections", "000"),
    ("mercor-recruiting-figures", "003"),
];

fn seeds_dir() -> std::path::PathBuf {
    common::repo().join("../shared/seeds")
}

fn seed_text(prefix: &str) -> String {
    let dir = seeds_dir();
    let entry = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the seeds sit beside the repo in ../shared/seeds)", dir.display()))
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    std::fs::read_to_string(entry.path()).unwrap()
}

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(common::repo().join(path)).unwrap();
    serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['’', '‘'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn grams(text: &str, n: usize) -> BTreeSet<String> {
    words(text).windows(n).map(|w| w.join(" ")).collect()
}

/// Every string in a YAML value, with a label of where it sits.
fn strings(v: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::String(s) => out.push((at.to_string(), s.clone())),
        Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| strings(x, &format!("{at}[{i}]"), out)),
        Value::Object(o) => o.iter().for_each(|(k, x)| strings(x, &format!("{at}.{k}"), out)),
        _ => {}
    }
}

/// All the prose of the default site: (where, text).
fn all_prose() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(common::repo().join("data")).sort_by_file_name().into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "yaml") {
            let rel = e.path().strip_prefix(common::repo()).unwrap().to_string_lossy().into_owned();
            let mut v = yaml(&rel);
            if rel.ends_with("sources.yaml") {
                // Source titles are the articles' own words.
                if let Value::Array(list) = &mut v {
                    for s in list {
                        s.as_object_mut().unwrap().remove("title");
                    }
                }
            }
            strings(&v, &rel, &mut out);
        }
    }
    for e in walkdir::WalkDir::new(common::repo().join("content")).sort_by_file_name().into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            let rel = e.path().strip_prefix(common::repo()).unwrap().to_string_lossy().into_owned();
            out.push((rel, std::fs::read_to_string(e.path()).unwrap()));
        }
    }
    out
}

#[test]
fn no_run_of_eight_words_is_copied_from_the_articles() {
    let mut seed_grams = BTreeSet::new();
    for (_, prefix) in SEEDS {
        seed_grams.extend(grams(&seed_text(prefix), 8));
    }
    // Article titles may be quoted as titles.
    let titles: Vec<String> =
        ["AI's Next Job? Recruiting People To Train More AI"].iter().map(|t| words(t).join(" ")).collect();
    let mut copied = Vec::new();
    for (at, text) in all_prose() {
        for g in grams(&text, 8) {
            if seed_grams.contains(&g) && !titles.iter().any(|t| t.contains(&g)) {
                copied.push(format!("{at}: \"{g}\""));
            }
        }
    }
    assert!(copied.is_empty(), "runs of eight words copied from the articles:\n{}", copied.join("\n"));
}

/// Dollar figures, percentages and large counts written in `text`, as numbers.
fn figures(text: &str) -> Vec<(String, f64)> {
    static RE: std::sync::OnceLock<(regex::Regex, regex::Regex)> = std::sync::OnceLock::new();
    let (re, num) = RE.get_or_init(|| {
        (
            regex::Regex::new(r"(\$\s?[0-9][0-9,]*(?:\.[0-9]+)?\s?[kK]?)|([0-9]+(?:\.[0-9]+)?\s?(?:[-–]|to)\s?[0-9]+(?:\.[0-9]+)?\s?%)|([0-9]+(?:\.[0-9]+)?\s?%)|([0-9]{1,3}(?:,[0-9]{3})+)").unwrap(),
            regex::Regex::new(r"[0-9][0-9,]*(?:\.[0-9]+)?").unwrap(),
        )
    });
    let mut out = Vec::new();
    for m in re.find_iter(text) {
        let s = m.as_str();
        let k = s.trim_end().ends_with(['k', 'K']);
        for n in num.find_iter(s) {
            let v: f64 = n.as_str().replace(',', "").parse().unwrap();
            out.push((s.to_string(), if k { v * 1000.0 } else { v }));
        }
    }
    out
}

fn seed_numbers(prefix: &str) -> BTreeSet<u64> {
    let text = seed_text(prefix);
    let re = regex::Regex::new(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s?([kK])?").unwrap();
    re.captures_iter(&text)
        .filter_map(|c| {
            let v: f64 = c[1].replace(',', "").parse().ok()?;
            Some(((if c.get(2).is_some() { v * 1000.0 } else { v }) * 100.0).round() as u64)
        })
        .collect()
}

/// Source ids a record cites, anywhere in it (`source`, `sources`, `via`).
fn cited(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                match (k.as_str(), x) {
                    ("source" | "via", Value::String(s)) => {
                        out.insert(s.clone());
                    }
                    ("sources", Value::Array(a)) => out.extend(a.iter().filter_map(|s| s.as_str().map(str::to_string))),
                    _ => cited(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| cited(x, out)),
        _ => {}
    }
}

#[test]
fn every_figure_in_prose_comes_from_a_source_the_record_cites() {
    let seed_of: BTreeMap<&str, &str> = SEEDS.iter().copied().collect();
    let mut records: Vec<(String, Value)> = Vec::new();
    for e in walkdir::WalkDir::new(common::repo().join("data")).sort_by_file_name().into_iter().flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "yaml") || p.ends_with("sources.yaml") {
            continue;
        }
        let rel = p.strip_prefix(common::repo()).unwrap().to_string_lossy().into_owned();
        if rel.starts_with("data/wages/") {
            continue; // a wage table's description: its figures are the government table's, written by scripts/oews.py
        }
        match yaml(&rel) {
            Value::Array(list) => {
                for (i, item) in list.into_iter().enumerate() {
                    records.push((format!("{rel}[{i}]"), item));
                }
            }
            v => records.push((rel, v)),
        }
    }
    for e in walkdir::WalkDir::new(common::repo().join("content")).sort_by_file_name().into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "md") {
            let rel = e.path().strip_prefix(common::repo()).unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).unwrap();
            let (front, body, _) = ladder::load::split_front_matter(&text).unwrap();
            let mut v: Value = serde_saphyr::from_str(front).unwrap();
            v.as_object_mut().unwrap().insert("body".into(), Value::String(body.to_string()));
            records.push((rel, v));
        }
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut seed_cache: BTreeMap<&str, BTreeSet<u64>> = BTreeMap::new();
    for (at, rec) in &records {
        let mut text = Vec::new();
        strings(rec, at, &mut text);
        let mut ids = BTreeSet::new();
        cited(rec, &mut ids);
        let mut numbers = BTreeSet::new();
        for id in &ids {
            match seed_of.get(id.as_str()) {
                Some(prefix) => {
                    numbers.extend(seed_cache.entry(prefix).or_insert_with(|| seed_numbers(prefix)).iter().copied())
                }
                None => problems.push(format!("{at}: cites `{id}`, which this test cannot trace to an article")),
            }
        }
        for (field, t) in text {
            for (shown, value) in figures(&t) {
                checked += 1;
                if ids.is_empty() {
                    problems.push(format!("{field}: figure `{shown}` in a record that cites no source"));
                } else if !numbers.contains(&((value * 100.0).round() as u64)) {
                    problems.push(format!("{field}: figure `{shown}` is not in any article it cites ({ids:?})"));
                }
            }
        }
    }
    assert!(checked > 20, "found only {checked} figures: the extraction is broken");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn figure_extraction_finds_money_ranges_and_counts() {
    let f: Vec<f64> = figures("around $12–$25 an hour, $80K a year, 25-35% a year, 300,000 candidates")
        .into_iter()
        .map(|x| x.1)
        .collect();
    assert_eq!(f, vec![12.0, 25.0, 80000.0, 25.0, 35.0, 300000.0]);
}
