//! Pay charts, quiz reasons and citations as a reader gets them (PRODUCT.md section 3): built pages
//! of the fixture site plus a role that uses every kind of mark.
//!
//! - every pay chart has a key naming exactly the kinds of mark it draws, and a data table with one
//!   row per figure, each the chart's own words;
//! - figures of very different sizes (the fixture's $15-$40 survey and "up to $350") get charts on
//!   scales of their own, on the role page and on the pay overview;
//! - the quiz's reasons never show the scoring's numbers;
//! - a cited source with a `url` is a link, in the band's citation and in the sources list.

mod common;
use common::Site;
use regex::Regex;

/// A role whose bands draw every kind of mark: range, "around", "or more", "up to", a single
/// figure, percentiles (box, whiskers, median) and a mean.
const MIXED: &str = "title: Mixed Pay Role\ncategory: evaluation\nsummary: Every mark.\n\
skills:\n  - { skill: rubric-discipline, level: working }\npay:\n\
  - { label: Range, basis: annual, low: 60000, high: 90000, source: survey-2026 }\n\
  - { label: Around, basis: annual, low: 70000, high: 100000, approx: true, source: survey-2026 }\n\
  - { label: Open, basis: annual, low: 80000, open_high: true, source: survey-2026 }\n\
  - { label: Capped, basis: annual, high: 120000, up_to: true, source: survey-2026 }\n\
  - { label: Single, basis: annual, median: 85000, source: survey-2026 }\n\
  - { label: Spread, basis: annual, p10: 50000, p25: 65000, median: 80000, p75: 95000, p90: 110000, mean: 84000, source: survey-2026 }\n\
fit: { evaluate: 2 }\nsources: [survey-2026]\nupdated: 2026-10-15\n";

fn site() -> Site {
    let s = Site::copy_of("tests/fixture");
    s.write("data/roles/mixed-pay-role.yaml", MIXED);
    let run = s.ladder(&["build", "--today", "2026-12-01", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

struct Chart {
    heading: String,
    /// The chart's one drawing (for every width).
    svg: String,
    legend: Vec<String>,
    cells: Vec<String>,
}

fn charts(page: &str) -> Vec<Chart> {
    let fig = Regex::new(r#"(?s)<figure class="chart pay-chart">(.*?)</figure>"#).unwrap();
    let cap = Regex::new(r"<figcaption>(.*?)</figcaption>").unwrap();
    // Up to the axis group that closes it (an arrowhead is an svg of its own inside).
    let drawing = Regex::new(r#"(?s)<svg class="ch" .*?</g></svg>"#).unwrap();
    let key = Regex::new(r#"<li data-mark="([a-z-]+)">"#).unwrap();
    let td = Regex::new(r"<td>(.*?)</td>").unwrap();
    fig.captures_iter(page)
        .map(|c| {
            let f = &c[1];
            assert_eq!(drawing.find_iter(f).count(), 1, "one drawing per chart, for every width");
            Chart {
                heading: cap.captures(f).map(|h| h[1].to_string()).unwrap_or_default(),
                svg: drawing.find(f).map(|n| n.as_str().to_string()).unwrap_or_default(),
                legend: key.captures_iter(f).map(|k| k[1].to_string()).collect(),
                cells: td.captures_iter(f).map(|d| d[1].to_string()).collect(),
            }
        })
        .collect()
}

/// The kinds of mark an SVG draws, named as the key names them.
fn drawn(svg: &str) -> Vec<String> {
    let class = Regex::new(r#"<(?:rect|circle|path|line) class="([^"]+)""#).unwrap();
    let mut kinds = Vec::new();
    for c in class.captures_iter(svg) {
        let cl: Vec<&str> = c[1].split(' ').collect();
        let has = |k: &str| cl.contains(&k);
        let kind = if has("ch-mean") {
            "mean"
        } else if has("ch-dot") {
            "single"
        } else if has("ch-bar") {
            if has("approx") {
                "around"
            } else {
                "range"
            }
        } else if has("ch-open") || has("ch-arrow") {
            "or-more"
        } else if has("ch-upto") {
            "up-to"
        } else if has("ch-box") {
            "middle-half"
        } else if has("ch-whisker") {
            "whiskers"
        } else if has("ch-median") {
            "median"
        } else {
            continue;
        };
        kinds.push(kind.to_string());
        if has("approx") {
            kinds.push("around".to_string());
        }
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

fn texts(svg: &str, class: &str) -> Vec<String> {
    let re = Regex::new(&format!(r#"<text class="{class}"[^>]*>([^<]*)</text>"#)).unwrap();
    re.captures_iter(svg).map(|c| c[1].to_string()).collect()
}

/// A figure in words as money: "$12,500" -> 12500.
fn money(s: &str) -> f64 {
    let d: String = s.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
    let v: f64 = d.parse().unwrap_or(0.0);
    if s.ends_with('k') {
        v * 1000.0
    } else {
        v
    }
}

#[test]
fn every_chart_has_a_key_of_its_marks_and_a_table_of_its_figures() {
    let s = site();
    let mut seen: Vec<String> = Vec::new();
    let desc_re = Regex::new(r"<desc[^>]*>(.*?)</desc>").unwrap();
    for rel in [
        "roles/mixed-pay-role/index.html",
        "roles/ai-trainer/index.html",
        "roles/model-evaluator/index.html",
        "pay/index.html",
    ] {
        let page = s.page(rel);
        let list = charts(&page);
        assert!(!list.is_empty(), "{rel}: no pay chart");
        for c in list {
            let marks = drawn(&c.svg);
            assert!(!marks.is_empty(), "{rel} {}: draws nothing", c.heading);
            let mut legend = c.legend.clone();
            legend.sort();
            assert_eq!(legend, marks, "{rel} {}: the key names exactly the marks drawn", c.heading);
            let values = texts(&c.svg, "ch-val");
            assert_eq!(c.cells.len(), values.len(), "{rel} {}: one table row per figure", c.heading);
            let desc = desc_re.captures(&c.svg).unwrap()[1].to_string();
            for cell in &c.cells {
                assert!(
                    desc.contains(&format!("{cell}.")),
                    "{rel}: table cell {cell:?} is not the chart's figure: {desc}"
                );
            }
            seen.extend(marks);
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(
        seen,
        ["around", "mean", "median", "middle-half", "or-more", "range", "single", "up-to", "whiskers"],
        "every kind of mark is drawn and explained somewhere"
    );
}

#[test]
fn figures_of_very_different_sizes_get_scales_of_their_own() {
    let s = site();
    for rel in ["roles/ai-trainer/index.html", "pay/index.html"] {
        let page = s.page(rel);
        let list = charts(&page);
        // The survey's $15-$40 and the example "up to $350" are both hourly: two charts.
        let small = list.iter().find(|c| c.cells.iter().any(|t| t.contains("$40"))).expect("the survey's chart");
        let big = list.iter().find(|c| c.cells.iter().any(|t| t.contains("up to $350"))).expect("the $350 chart");
        assert!(!std::ptr::eq(small, big), "{rel}: $15-$40 and up to $350 share one scale");
        let top = |c: &Chart| texts(&c.svg, "ch-tick").last().map(|t| money(t)).unwrap_or(0.0);
        // At most 4 times the survey's $40 (the rule: a chart's rows differ by at most 4 times).
        assert!(top(small) <= 160.0, "{rel}: the survey's scale runs to {}", top(small));
        assert!(top(big) >= 350.0);
        // No chart's scale runs past 5 times the largest figure of one of its rows.
        for c in &list {
            let t = top(c);
            for v in &c.cells {
                let biggest =
                    v.split(['–', ' ', '(', ')']).filter(|w| w.starts_with('$')).map(money).fold(0.0, f64::max);
                assert!(biggest * 5.0 >= t, "{rel} {}: {v} squeezed on a scale to {t}", c.heading);
            }
        }
    }
}

#[test]
fn quiz_reasons_never_show_the_scoring_numbers() {
    let s = site();
    let page = s.page("quiz/index.html");
    for internal in ["of 5", "rates it", "your answers add", "(rated"] {
        assert!(!page.contains(internal), "the quiz page says {internal:?}");
    }
    // The privacy promise is printed once.
    let promise = Regex::new(r"(?i)stay on this device|never leave").unwrap();
    assert_eq!(promise.find_iter(&page).count(), 1, "the privacy note once");
}

#[test]
fn a_cited_source_with_an_address_is_a_link() {
    let s = site();
    let page = s.page("roles/model-evaluator/index.html");
    let link = r#"<a href="https://example.org/survey">Example salary survey 2026</a> (1 March 2026)"#;
    let cite = Regex::new(r#"(?s)<p class="band-cite">(.*?)</p>"#).unwrap();
    assert!(cite.captures_iter(&page).any(|c| c[1].contains(link)), "the band's citation links its source");
    let item = Regex::new(r#"<li id="source-survey-2026">(.*?)</li>"#).unwrap();
    assert!(item.captures(&page).is_some_and(|c| c[1].contains(link)), "the sources list links it");
    // A source without an address is named, not linked, and says it is undated where it is.
    assert!(page.contains("<cite>Hiring for AI evaluation</cite> (undated)"));
}

#[test]
fn a_path_diagram_has_a_key_of_the_boxes_and_arrows_it_draws() {
    let s = site();
    let dir = s.out().join("paths");
    let key = Regex::new(r#"<li data-mark="([a-z]+)">"#).unwrap();
    let mut pages = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let file = e.unwrap().path().join("index.html");
        let Ok(page) = std::fs::read_to_string(&file) else { continue };
        let Some((svg, _)) = page.split_once("</svg>") else { continue };
        let mut drawn: Vec<&str> = [("dg-role", "role"), ("dg-job", "job"), ("dg-arrow", "arrow")]
            .into_iter()
            .filter(|(class, _)| svg.contains(&format!(r#"{class}""#)))
            .map(|(_, kind)| kind)
            .collect();
        drawn.sort();
        let mut named: Vec<String> = key.captures_iter(&page).map(|c| c[1].to_string()).collect();
        named.sort();
        assert!(!drawn.is_empty(), "{}: no diagram", file.display());
        assert_eq!(named, drawn, "{}: the key names exactly what the diagram draws", file.display());
        pages += 1;
    }
    assert!(pages > 0, "no path page");
}
