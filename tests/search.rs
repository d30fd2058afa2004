//! Search: the word spec (shared vectors, also run by the browser on the page's script), typo
//! matching, ranking, and the index files a build writes.

mod common;
use common::{repo, Site};

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use ladder::search::codec::{gunzip, name_of};
use ladder::search::query::Index;
use ladder::search::tokenise::tokens;
use ladder::search::typo::{allowed_typos, distance, key_file, query_keys, word_keys};

fn vectors() -> serde_json::Value {
    let text = std::fs::read_to_string(repo().join("tests/search-vectors.json")).expect("vectors");
    serde_json::from_str(&text).expect("vectors are JSON")
}

/// The index of a site folder, built in memory.
fn index_of(root: &Path) -> Index {
    let l = ladder::load::load(root);
    let m = ladder::model::Model::new(&l, None, false);
    Index::from_built(&ladder::search::build_index(&m)).expect("index decodes")
}

fn urls(ix: &Index, q: &str) -> Vec<String> {
    ix.search(q).hits.iter().map(|h| ix.record(h.doc).expect("record").url).collect()
}

#[test]
fn tokeniser_gives_the_shared_vectors() {
    let v = vectors();
    let cases = v["tokens"].as_array().expect("tokens");
    assert!(cases.len() >= 20);
    for c in cases {
        let text = c["text"].as_str().unwrap();
        let want: Vec<&str> = c["tokens"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert_eq!(tokens(text), want, "tokens of {text:?}");
    }
}

/// Runs every query case of the shared vectors whose site this is.
fn check_query_vectors(set: &str, root: &Path) {
    let v = vectors();
    let cases = v["queries"][set]["cases"].as_array().expect("cases");
    let ix = index_of(root);
    for c in cases {
        let q = c["q"].as_str().unwrap();
        let got = urls(&ix, q);
        if let Some(top) = c["top"].as_str() {
            assert_eq!(got.first().map(String::as_str), Some(top), "top result of {q:?}: {got:?}");
        }
        if let Some(first) = c["first"].as_array() {
            let want: Vec<&str> = first.iter().map(|x| x.as_str().unwrap()).collect();
            assert_eq!(&got[..want.len().min(got.len())], &want[..], "first results of {q:?}");
        }
        if let Some(absent) = c["absent"].as_str() {
            assert!(!got.iter().any(|u| u == absent), "{q:?} found {absent}");
        }
        if let Some(count) = c["count"].as_u64() {
            assert_eq!(got.len() as u64, count, "results of {q:?}: {got:?}");
        }
    }
}

#[test]
fn fixture_queries_rank_as_the_shared_vectors_say() {
    check_query_vectors("fixture", &repo().join("tests/fixture"));
}

#[test]
fn default_site_queries_rank_as_the_shared_vectors_say() {
    check_query_vectors("default", &repo());
}

/// A tiny deterministic generator, so the property tests below see the same words every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn typo(w: &[char], rng: &mut Lcg) -> Vec<char> {
    let mut w = w.to_vec();
    let abc: Vec<char> = "abcdefghijklmnopqrstuvwxyz".chars().collect();
    let i = rng.next(w.len());
    match rng.next(4) {
        0 => w[i] = abc[rng.next(26)],
        1 => w.insert(i, abc[rng.next(26)]),
        2 if w.len() > 1 => {
            w.remove(i);
        }
        _ if i + 1 < w.len() => w.swap(i, i + 1),
        _ => w[i] = abc[rng.next(26)],
    }
    w
}

/// The claim `typo.rs` rests on: a word within the allowed edits of a typed word, or (for the
/// word being typed) whose start is, always shares a key with it, wherever the edits are.
#[test]
fn two_letter_keys_never_miss_a_word_within_its_edits() {
    let vocab: BTreeSet<String> = {
        let ix_words = ["python", "governance", "evaluator", "evaluation", "rlhf", "annotation", "statistics"];
        let site = std::fs::read_to_string(repo().join("data/skills.yaml")).unwrap();
        tokens(&site).into_iter().chain(ix_words.iter().map(|s| s.to_string())).collect()
    };
    let vocab: Vec<Vec<char>> = vocab.iter().map(|w| w.chars().collect()).collect();
    let mut rng = Lcg(7);
    let mut checked = 0;
    for _ in 0..3000 {
        let base = &vocab[rng.next(vocab.len())];
        let mut q = typo(base, &mut rng);
        if rng.next(2) == 0 {
            q = typo(&q, &mut rng);
        }
        if q.len() > 2 && rng.next(3) == 0 {
            q.truncate(q.len() - 1 - rng.next(q.len() / 2));
        }
        let k = allowed_typos(q.len());
        let qkeys: BTreeSet<Vec<char>> = query_keys(&q).into_iter().collect();
        for t in &vocab {
            let near = distance(&q, t, k, false).is_some() || (q.len() >= 5 && distance(&q, t, k, true).is_some());
            let prefix = q.len() >= 2 && t.starts_with(&q);
            if near || prefix || *t == q {
                checked += 1;
                assert!(
                    word_keys(t).iter().any(|key| qkeys.contains(key)),
                    "{} is within reach of {} but shares no key",
                    t.iter().collect::<String>(),
                    q.iter().collect::<String>()
                );
            }
        }
    }
    assert!(checked > 3000, "only {checked} pairs checked");
}

#[test]
fn edits_allowed_grow_with_the_word_and_count_swaps_once() {
    let c = |s: &str| s.chars().collect::<Vec<_>>();
    assert_eq!((allowed_typos(3), allowed_typos(4), allowed_typos(7), allowed_typos(8)), (0, 1, 1, 2));
    // First letters: a swap, a substitution, an insertion.
    assert_eq!(distance(&c("ptyhon"), &c("python"), 1, false), Some(1));
    assert_eq!(distance(&c("yptohn"), &c("python"), 2, false), Some(2));
    assert_eq!(distance(&c("bython"), &c("python"), 1, false), Some(1));
    assert_eq!(distance(&c("gouvernance"), &c("governance"), 2, false), Some(1));
    // Three edits are never allowed.
    assert_eq!(distance(&c("govxrnxncx"), &c("governance"), 2, false), None);
    assert_eq!(key_file(&c("py"), 1), 0);
}

#[test]
fn typos_are_matched_by_the_length_of_the_typed_word() {
    let s = Site::new(&[(
        "data/skills.yaml",
        "- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n- id: governance\n  name: Governance\n- id: sql\n  name: SQL\n",
    )]);
    let ix = index_of(s.root());
    // One edit from 4 letters, in the first letters too; none under 4.
    assert_eq!(urls(&ix, "ptyhon").first().map(String::as_str), Some("skills/python/"));
    assert_eq!(urls(&ix, "ypthon").first().map(String::as_str), Some("skills/python/"));
    assert!(urls(&ix, "sqk").is_empty(), "no typos under 4 letters");
    assert_eq!(urls(&ix, "sq"), ["skills/sql/"], "a prefix from 2 letters");
    // Two edits from 8 letters.
    assert_eq!(urls(&ix, "goverannce"), ["skills/governance/"]);
    assert_eq!(urls(&ix, "govxrnxncx"), Vec::<String>::new(), "three edits");
    // The word being typed: edits against the start of a longer word.
    assert_eq!(urls(&ix, "statsi").first().map(String::as_str), Some("skills/statistics/"));
}

#[test]
fn ranking_puts_titles_over_aliases_over_bodies_and_exact_over_typos() {
    let s = Site::new(&[
        (
            "data/skills.yaml",
            "- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n  summary: Numbers, often with python.\n- id: scripting\n  name: Scripting\n  aliases: [python scripting]\n- id: modal\n  name: Modal analysis\n- id: models\n  name: Model cards\n",
        ),
        (
            "data/roles/analyst.yaml",
            "title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - { skill: python, level: working }\n  - { skill: statistics, level: basic }\n  - { skill: scripting, level: basic }\n  - { skill: modal, level: basic }\n  - { skill: models, level: basic }\npay_note: No source gives pay.\nsources: [survey]\n",
        ),
    ]);
    let ix = index_of(s.root());
    // Title, then alias, then body (the role lists the skill; the statistics skill mentions it).
    assert_eq!(urls(&ix, "python"), ["skills/python/", "skills/scripting/", "roles/analyst/", "skills/statistics/"]);
    // An exact word above a typo ("modal" is one edit from "model").
    assert_eq!(urls(&ix, "model")[0], "skills/models/");
    assert_eq!(urls(&ix, "modal")[0], "skills/modal/");
    // Several words narrow: only documents that hold every word.
    let both = urls(&ix, "python numbers");
    assert_eq!(both, ["roles/analyst/", "skills/statistics/"]);
    let f = ix.search("python numbers");
    assert!(f.hits.windows(2).all(|w| w[0].score >= w[1].score), "scores descend");
}

#[test]
fn a_first_query_reads_a_few_small_files() {
    // The default site: the repository's own data and guides.
    let s = Site::empty();
    for dir in ["data", "content"] {
        common::copy_dir(&repo().join(dir), &s.root().join(dir));
    }
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = s.out().join("search");
    let sizes: BTreeMap<String, usize> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().to_string(), e.metadata().unwrap().len() as usize))
        .filter(|(n, _)| n != "index.html")
        .collect();
    let total: usize = sizes.values().sum();
    let ix = Index::from_dir(&s.out()).expect("index");
    let manifest = sizes.iter().find(|(n, _)| n.ends_with(".json.gz")).map(|(_, s)| *s).unwrap();
    for q in ["gouvernance", "evaluater", "ptyhon", "rlhf", "python", "governance lead"] {
        let f = ix.search(q);
        let read: usize =
            manifest + f.read.iter().map(|&i| sizes[&format!("{}.bin", ix.manifest.name(i))]).sum::<usize>();
        // 20 KB: the index grew with topics, guide sections and occupation medians (16.6 KB for
        // "governance lead", 6 KB for "rlhf"); a page of ten results is still a few small files.
        assert!(read < 20 * 1024, "{q:?} reads {read} bytes");
        if !q.contains(' ') {
            assert!(total >= 20 * read, "{q:?} reads {read} of {total} bytes: the index is not split finely enough");
        }
    }
}

#[test]
fn index_files_are_named_by_their_bytes_and_every_page_points_at_the_manifest() {
    // The manifest has a fixed address (an edit to indexed text must not change every page);
    // every other file is named by its bytes.
    let s = Site::copy_of("tests/fixture");
    assert_eq!(s.ladder(&["build", "--base-url", "https://example.org/sub/"]).code, 0);
    let dir = s.out().join("search");
    let mut manifests = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if name == "index.html" {
            continue;
        }
        let bytes = std::fs::read(e.path()).unwrap();
        assert!(gunzip(&bytes).is_some(), "{name} is gzipped");
        if name.ends_with(".json.gz") {
            manifests.push(name);
            continue;
        }
        let stem = name.split('.').next().unwrap();
        assert_eq!(stem, name_of(&bytes), "{name} is not named by its bytes");
    }
    assert_eq!(manifests, ["manifest.json.gz"]);
    let attr = format!("data-index=\"/sub/search/{}\"", manifests[0]);
    for page in ["index.html", "roles/model-evaluator/index.html", "search/index.html", "404.html"] {
        let html = s.page(page);
        assert!(html.contains(&attr), "{page} does not name the manifest");
        assert!(html.contains("data-base=\"/sub/\""), "{page}");
    }
    // The search page has its own box instead of the header's, and says what to do without JS.
    let search = s.page("search/index.html");
    assert!(!search.contains("id=\"site-search\""));
    assert!(search.contains("<noscript>") && search.contains("/sub/roles/") && search.contains("/sub/skills/"));
}

#[test]
fn the_same_site_gives_the_same_index() {
    let a = index_files(&repo().join("tests/fixture"));
    let b = index_files(&repo().join("tests/fixture"));
    assert_eq!(a, b);
}

fn index_files(root: &Path) -> Vec<(String, Vec<u8>)> {
    let l = ladder::load::load(root);
    let m = ladder::model::Model::new(&l, None, false);
    ladder::search::build_index(&m).files
}

/// At scale the file count stays capped and a first query still reads little: a generated site
/// of 3,000 skills (the benchmark runs the full 18,000-page site).
#[test]
fn a_large_site_adds_a_capped_number_of_files() {
    let topics =
        ["python", "rubric", "governance", "privacy", "audit", "ranking", "speech", "vision", "policy", "risk"];
    let acts = ["design", "review", "testing", "operations", "writing", "analysis", "research", "tuning"];
    let syll = ["ka", "lo", "mi", "ren", "to", "va", "qui", "zar", "nel", "dor", "fi", "sa", "tem"];
    let mut skills = String::new();
    let mut rng = Lcg(3);
    for i in 0..3000 {
        let name = format!(
            "{}{}{} {} {}",
            syll[rng.next(13)],
            syll[rng.next(13)],
            syll[rng.next(13)],
            topics[rng.next(10)],
            acts[rng.next(8)]
        );
        let mut summary: Vec<&str> = (0..12).map(|_| topics[rng.next(10)]).collect();
        summary.extend((0..4).map(|_| acts[rng.next(8)]));
        skills.push_str(&format!("- id: s{i}\n  name: {name}\n  summary: {}.\n", summary.join(" ")));
    }
    skills.push_str("- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n");
    let s = Site::new(&[("data/skills.yaml", &skills)]);
    let l = ladder::load::load(s.root());
    let m = ladder::model::Model::new(&l, None, false);
    let built = ladder::search::build_index(&m);
    assert!(built.files.len() <= 3 * 128 + 1, "{} files", built.files.len());
    let sizes: BTreeMap<&str, usize> = built.files.iter().map(|(p, b)| (p.as_str(), b.len())).collect();
    let total: usize = sizes.values().sum();
    let ix = Index::from_built(&built).unwrap();
    for q in ["gouvernance", "ptyhon", "rubric"] {
        let f = ix.search(q);
        assert!(!f.hits.is_empty(), "{q}");
        let read: usize = f.read.iter().map(|&i| sizes[format!("search/{}.bin", ix.manifest.name(i)).as_str()]).sum();
        assert!(total >= 20 * read, "{q:?} reads {read} of {total} bytes");
    }
}

/// The first `n` results of `q`.
fn first(ix: &Index, q: &str, n: usize) -> Vec<String> {
    urls(ix, q).into_iter().take(n).collect()
}

/// A small site with a page of every kind, the words people type for it, and a guide with sections.
fn every_kind_site() -> Site {
    Site::new(&[
        (
            "data/site.yaml",
            "title: Test site\nbase_url: https://example.org/\nsearch:\n  synonyms:\n    vet: [veterinarian]\n",
        ),
        ("data/industries.yaml", "- id: healthcare\n  name: Healthcare and life sciences\n  summary: Hospitals and clinics.\n"),
        (
            "data/roles/clinical-reviewer.yaml",
            "title: Clinical Reviewer\ncategory: technical\nsummary: Checks answers about medicine.\nbackgrounds: [Physicians, Veterinarians]\nskills:\n  - { skill: statistics, level: basic }\nindustries: [healthcare]\npay:\n  - { label: Contract, basis: hourly, low: 50, high: 90, source: survey }\nsources: [survey]\n",
        ),
        (
            "data/roles/healthcare-data-lead.yaml",
            "title: Healthcare Data Lead\ncategory: technical\nsummary: Leads data work.\nskills:\n  - { skill: python, level: working }\nindustries: [healthcare]\npay_note: No source gives pay.\nsources: [survey]\n",
        ),
        ("data/paths/doctor-to-reviewer.yaml", "title: Into clinical review\nsteps:\n  - { job: Doctor or nurse }\n  - { role: clinical-reviewer }\n"),
        (
            "content/working.md",
            "---\ntitle: Working hours\nsummary: How the days go.\n---\nIntro.\n\n## Pay tiers\n\nThree tiers of rates.\n\n### Pay tiers\n\nAgain.\n\n## Breaks\n\nRest often.\n",
        ),
    ])
}

#[test]
fn pay_words_find_the_pay_overview_first() {
    let s = every_kind_site();
    let ix = index_of(s.root());
    for q in ["salary", "salaries", "wage", "wages", "earnings", "income", "pay"] {
        assert_eq!(first(&ix, q, 1), ["pay/"], "{q}");
    }
    // A role whose page shows pay is found by its name and a pay word; one without pay is not.
    assert_eq!(urls(&ix, "reviewer salary"), ["roles/clinical-reviewer/"]);
    assert!(urls(&ix, "healthcare salary").is_empty());
    // The default site: the pay overview, then the roles' pay by area.
    let ix = index_of(&repo());
    for q in ["salary", "wages", "earnings", "income"] {
        let got = first(&ix, q, 5);
        assert_eq!(got[0], "pay/", "{q}: {got:?}");
        assert!(got[1..].iter().all(|u| u.starts_with("roles/") && u.ends_with("/pay/")), "{q}: {got:?}");
    }
    assert_eq!(first(&ix, "data analyst salary", 1), ["roles/data-analyst/pay/"]);
}

#[test]
fn every_kind_of_page_is_found_and_sections_rank_under_their_guide() {
    let s = every_kind_site();
    let ix = index_of(s.root());
    // An industry, above a role that holds the word in its title too.
    assert_eq!(first(&ix, "healthcare", 2), ["industries/healthcare/", "roles/healthcare-data-lead/"]);
    assert_eq!(first(&ix, "technical roles", 1), ["categories/technical/"]);
    assert_eq!(first(&ix, "industry", 1), ["industries/healthcare/"]);
    // A guide's h2 and h3, with the ids the page gives them, under the guide.
    assert_eq!(urls(&ix, "tiers"), ["guides/working/", "guides/working/#pay-tiers", "guides/working/#pay-tiers-2"]);
    assert_eq!(urls(&ix, "breaks"), ["guides/working/", "guides/working/#breaks"]);
    let rec = ix.record(ix.search("breaks").hits[1].doc).unwrap();
    assert_eq!((rec.title.as_str(), rec.summary.as_str()), ("Breaks", "In Working hours: Rest often."));
    let built = s.ladder(&["build", "--base-url", "https://example.org/sub/"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = s.page("guides/working/index.html");
    for id in ["pay-tiers", "pay-tiers-2", "breaks"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "guide page has no #{id}");
    }
    // The default site: the healthcare industry first, the quiz, About's sections.
    let ix = index_of(&repo());
    assert_eq!(first(&ix, "healthcare", 1), ["industries/healthcare/"]);
    assert_eq!(first(&ix, "quiz", 1), ["quiz/"]);
    assert_eq!(first(&ix, "corrections", 2), ["guides/about/", "guides/about/#corrections"]);
    let ix_fixture = index_of(&repo().join("tests/fixture"));
    assert_eq!(
        first(&ix_fixture, "first steps", 3),
        ["guides/getting-started/", "guides/getting-started/#first-steps", "guides/getting-started/#first-steps-2"]
    );
}

#[test]
fn backgrounds_find_the_roles_and_paths_that_start_there() {
    let s = every_kind_site();
    let ix = index_of(s.root());
    // "doctor": a path that starts at doctors; a role whose backgrounds name physicians.
    assert_eq!(first(&ix, "doctor", 2), ["roles/clinical-reviewer/", "paths/doctor-to-reviewer/"]);
    assert_eq!(first(&ix, "physician", 2), ["roles/clinical-reviewer/", "paths/doctor-to-reviewer/"]);
    assert_eq!(first(&ix, "nurse", 1), ["paths/doctor-to-reviewer/"]);
    // A site's own synonyms: "vet" finds the role whose backgrounds name veterinarians.
    assert_eq!(first(&ix, "vet", 1), ["roles/clinical-reviewer/"]);
    // The default site: roles whose backgrounds name medicine, the path that starts at doctors.
    let ix = index_of(&repo());
    let got = first(&ix, "doctor", 5);
    assert_eq!(got[0], "paths/professional-to-domain-ai-trainer/", "{got:?}");
    assert!(got.contains(&"roles/clinical-ai-validator/".to_string()), "{got:?}");
    for (q, want) in [
        ("teacher", "paths/teacher-to-domain-ai-trainer/"),
        ("lawyer", "roles/ai-auditor/"),
        ("physician", "roles/clinical-ai-validator/"),
    ] {
        assert!(first(&ix, q, 5).iter().any(|u| u == want), "{q}: {:?}", first(&ix, q, 5));
    }
}

#[test]
fn typos_count_only_where_no_word_matches_as_typed() {
    let s = Site::new(&[(
        "data/skills.yaml",
        "- id: python\n  name: Python\n- id: statistics\n  name: Statistics\n- id: modal\n  name: Modal analysis\n- id: models\n  name: Model cards\n",
    )]);
    let ix = index_of(s.root());
    // "model" is typed right: "modal", one edit away, is not a result.
    assert_eq!(urls(&ix, "model"), ["skills/models/"]);
    assert_eq!(urls(&ix, "modal"), ["skills/modal/"]);
    // A typo still finds its word.
    assert_eq!(urls(&ix, "pyhton"), urls(&ix, "python"));
    // The default site: a typo finds what the word finds, no more.
    let ix = index_of(&repo());
    for (typo, word) in [("pyhton", "python"), ("gouvernance", "governance"), ("rubrik", "rubric"), ("nurse", "nurse")]
    {
        let (t, w) = (ix.search(typo).hits.len(), ix.search(word).hits.len());
        assert!(t <= w, "{typo:?}: {t} results, {word:?}: {w}");
        assert_eq!(first(&ix, typo, 1), first(&ix, word, 1), "{typo:?}");
    }
    let f = ix.search("evaluater");
    assert!(f.candidates[0].iter().all(|c| c.edits == 1), "{:?}", f.candidates);
    assert!(f.hits.len() <= 30, "\"evaluater\": {} results", f.hits.len());
}

#[test]
fn a_synonym_that_is_not_one_word_is_reported_where_it_is() {
    let s = Site::new(&[(
        "data/site.yaml",
        "title: Test site\nbase_url: https://example.org/\nsearch:\n  synonyms:\n    vet: [animal doctor]\n",
    )]);
    let run = s.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("data/site.yaml:5:11"), "{}", run.stderr);
    assert!(run.stderr.contains("search synonym `animal doctor` is not one word"), "{}", run.stderr);
}
