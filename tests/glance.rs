//! Issue 15, items 1-3: the role at a glance at the top of every role page, the home page's ways
//! in (from the backgrounds and path `job` steps in the data) and featured roles, and `/compare/`.
//! Pages out of the `ladder` binary; the browser side is tests/browser/glance.test.mjs.

mod common;
use common::Site;

/// The text of a page between two markers (the first after `from`), tags removed, spaces joined.
fn text_between(page: &str, from: &str, to: &str) -> String {
    let at = page.find(from).unwrap_or_else(|| panic!("`{from}` on the page:\n{page}"));
    // From the end of the tag the marker is in.
    let start = at + page[at..].find('>').unwrap_or(0) + 1;
    let end = start + page[start..].find(to).unwrap_or_else(|| panic!("`{to}` after `{from}`"));
    let mut out = String::new();
    let mut in_tag = false;
    for ch in page[start..end].chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ").replace("&#39;", "'")
}

fn glance(page: &str) -> String {
    text_between(page, "class=\"glance\"", "</section>")
}

fn fixture() -> Site {
    let s = Site::copy_of("tests/fixture");
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

#[test]
fn fixture_role_opens_with_its_facts_at_a_glance_then_pay_before_detail() {
    let s = fixture();
    let page = s.page("roles/model-evaluator/index.html");
    let g = glance(&page);
    // Pay headline: the figure, its unit, what it is and its source.
    assert!(g.contains("Pay around $70,000 or more a year"), "headline figure and unit: {g}");
    assert!(g.contains("Full-time evaluator, US, annual pay, employed"), "what the figure is: {g}");
    assert!(g.contains("Source:"), "{g}");
    assert!(g.contains("All 3 pay figures"), "{g}");
    // What it takes, how the work is arranged, where people come from, outlook, a first step.
    assert!(g.contains("To start A bachelor's degree is common; no computer-science degree needed."), "{g}");
    assert!(g.contains("How the work is arranged Employed, contract"), "arrangements of the bands: {g}");
    assert!(g.contains("People come from QA engineering, Data analysis"), "{g}");
    assert!(g.contains("Outlook Example News says demand grows 25-35% a year."), "{g}");
    assert!(g.contains("A first step Practise writing rubrics on public model outputs. How to break in"), "{g}");
    // The glance comes first in the page's content, then pay, then what they do.
    let at = |needle: &str| page.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("class=\"glance\"") < at("id=\"pay\""));
    assert!(at("id=\"pay\"") < at("id=\"what\""), "pay before detail");
    // "Compare with" the related role, at a shareable address that the site's link check accepts.
    assert!(page.contains("href=\"/compare/?roles=model-evaluator,ai-trainer\">Compare with AI Trainer</a>"), "{page}");
}

#[test]
fn without_a_band_the_glance_shows_the_occupation_median_in_words_or_says_there_is_no_figure() {
    let role = "title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - { skill: python, level: working }\npay_note: No source gives pay for analysts.\nsources: [survey]\noccupations:\n  - { wages: oews-test, code: 15-1252, relation: closest }\n";
    let s = Site::new(&[
        ("data/sources.yaml", "- id: survey\n  title: Salary survey\n  accessed: 2026-10-01\n- id: bls-oews\n  title: Occupational Employment and Wage Statistics\n  publisher: U.S. Bureau of Labor Statistics\n  kind: government\n  date: 2026-05-15\n  accessed: 2026-11-01\n"),
        ("data/roles/analyst.yaml", role),
        ("data/wages/oews-test.csv", include_str!("wages/oews-test.csv")),
        ("data/wages/oews-test.yaml", include_str!("wages/oews-test.yaml")),
    ]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let g = glance(&s.page("roles/analyst/index.html"));
    assert!(
        g.contains("Pay $135,980 a year National median of Software Developers (15-1252), May 2025: the closest standard occupation, not the same work."),
        "{g}"
    );

    // The base site's analyst: no band, no occupation.
    let s = Site::new(&[]);
    assert_eq!(s.build().code, 0);
    let g = glance(&s.page("roles/analyst/index.html"));
    assert!(g.contains("Pay No published figure No source gives pay."), "{g}");
    assert!(!g.contains("How the work is arranged"), "nothing to say about the arrangement: {g}");
}

#[test]
fn the_headline_is_a_figure_of_where_pay_sits_not_an_examples_ceiling() {
    let role = "title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - { skill: python, level: working }\nsources: [survey]\npay:\n  - { label: One famous example, basis: hourly, high: 350, up_to: true, source: survey }\n  - { label: Most projects, basis: hourly, low: 20, high: 40, source: survey }\n";
    let s = Site::new(&[("data/roles/analyst.yaml", role)]);
    assert_eq!(s.build().code, 0);
    let g = glance(&s.page("roles/analyst/index.html"));
    assert!(g.contains("Pay $20–$40 an hour Most projects, hourly rate."), "{g}");
    assert!(g.contains("How the work is arranged Paid by the hour"), "{g}");
}

const NURSE: &str = "title: Clinical Reviewer\ncategory: technical\nsummary: Checks medical answers.\nbackgrounds: [Nursing, Teaching]\nskills:\n  - { skill: statistics, level: working }\npay:\n  - { basis: hourly, low: 30, high: 60, source: survey }\nsources: [survey]\n";
const PATH: &str = "title: Nurse to reviewer\nsteps:\n  - { job: Registered nurse }\n  - { role: clinical-reviewer }\n  - { role: analyst }\n";
const SITE: &str = "title: Small site\nbase_url: https://example.org/\n";

#[test]
fn home_offers_ways_in_from_the_sites_own_backgrounds_and_jobs() {
    // Without a mapping: each background and job is a way in, leading to its roles and paths.
    let s = Site::new(&[("data/roles/clinical-reviewer.yaml", NURSE), ("data/paths/nurse-to-reviewer.yaml", PATH)]);
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let home = s.page("index.html");
    let ways = text_between(&home, "id=\"ways-h\"", "</section>");
    assert!(
        ways.contains("Registered nurse 2 roles, 1 path Roles: Clinical Reviewer Analyst Paths: Nurse to reviewer"),
        "{ways}"
    );
    assert!(ways.contains("Nursing 1 role Roles: Clinical Reviewer"), "{ways}");
    assert!(ways.contains("Teaching 1 role Roles: Clinical Reviewer"), "{ways}");
    assert!(home.contains("<a href=\"/paths/nurse-to-reviewer/\">Nurse to reviewer</a>"));

    // With `ways_in` in site.yaml: groups gather backgrounds and jobs by word.
    s.write("data/site.yaml", &format!("{SITE}ways_in:\n  - {{ name: Healthcare, words: [nurs, clinic] }}\n"));
    let run = s.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ways = text_between(&s.page("index.html"), "id=\"ways-h\"", "</section>");
    assert!(
        ways.starts_with("Start from where you are The jobs people move from, as the roles and paths on this site name them. Open yours to see where it leads. Healthcare 2 roles, 1 path Nursing; Registered nurse Roles: Clinical Reviewer Analyst Paths: Nurse to reviewer"),
        "{ways}"
    );
    assert!(ways.contains("Teaching 1 role Roles: Clinical Reviewer"), "a background no group gathers stays: {ways}");
}

#[test]
fn home_features_roles_with_their_pay_and_puts_search_and_the_quiz_up_front() {
    let s = Site::new(&[("data/roles/clinical-reviewer.yaml", NURSE)]);
    assert_eq!(s.build().code, 0);
    let home = s.page("index.html");
    // Fallback: a role with a pay figure from each category.
    let featured = text_between(&home, "id=\"featured-h\"", "</section>");
    assert!(featured.contains("Clinical Reviewer Checks medical answers. $30–$60 an hour"), "{featured}");
    assert!(!featured.contains("Analyst"), "the analyst has no figure: {featured}");
    // Search is in the first part of the page, before the ways in.
    let at = |needle: &str| home.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("id=\"home-q\"") < at("id=\"ways-h\""));
    // `featured` in site.yaml chooses, in its order.
    s.write("data/site.yaml", &format!("{SITE}featured: [analyst, clinical-reviewer]\n"));
    assert_eq!(s.build().code, 0);
    let featured = text_between(&s.page("index.html"), "id=\"featured-h\"", "</section>");
    assert!(
        featured.starts_with("Featured roles Analyst Reads numbers. No published figure Clinical Reviewer"),
        "{featured}"
    );
}

#[test]
fn featured_and_ways_in_are_checked_with_positions_and_hints() {
    let s = Site::new(&[(
        "data/site.yaml",
        &format!("{SITE}featured: [analyts]\nways_in:\n  - {{ name: Law, words: [lawyer] }}\n  - {{ name: Care, words: [Nurse] }}\n"),
    )]);
    let run = s.check();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("data/site.yaml:3:12: error: unknown role `analyts`"), "{}", run.stderr);
    assert!(run.stderr.contains("did you mean `analyst`"), "{}", run.stderr);
    assert!(run.stderr.contains("data/site.yaml:6:27: error: `Nurse` is not a lower-case word"), "{}", run.stderr);
    assert!(run.stderr.contains("data/site.yaml:5:13: warning: the way in `Law` gathers nothing"), "{}", run.stderr);
}

#[test]
fn compare_page_lists_every_role_with_its_pay_and_each_roles_facts_are_a_file_the_script_reads() {
    let s = fixture();
    let page = s.page("compare/index.html");
    for (id, title) in
        [("ai-trainer", "AI Trainer"), ("mlops-engineer", "MLOps Engineer"), ("model-evaluator", "Model Evaluator")]
    {
        assert!(
            page.contains(&format!("<tr><th scope=\"row\"><a href=\"/roles/{id}/\">{title}</a></th><td>")),
            "a row for {id} with a row header:\n{page}"
        );
    }
    assert!(page.contains("<th scope=\"col\">Role</th><th scope=\"col\">Pay</th>"));
    assert!(page.contains("data-facts=\"/compare/\""), "the script finds the facts' folder");
    assert!(page.contains("URLSearchParams(location.search)"), "the script reads ?roles=");
    // Each role's facts: pay on a scale the script can share, skills with ids (skills in common
    // and to learn), education, paths, outlook.
    let facts: serde_json::Value = serde_json::from_str(&s.page("compare/model-evaluator.json")).unwrap();
    assert_eq!(facts["title"], "Model Evaluator");
    assert_eq!(facts["url"], "/roles/model-evaluator/");
    let scale = &facts["scale"];
    assert_eq!((scale["basis"].as_str(), scale["currency"].as_str()), (Some("annual"), Some("USD")), "{facts}");
    assert_eq!(
        (scale["low"].as_f64(), scale["high"].as_f64(), &scale["open"]),
        (Some(70000.0), Some(70000.0), &true.into())
    );
    assert!(facts["pay"]["figure"].as_str().is_some_and(|f| f.contains('$')), "{facts}");
    assert!(facts["skills"].as_array().unwrap().iter().any(|k| k["id"] == "rubric-discipline"), "{facts}");
    for key in ["education", "credentials", "work", "paths", "outlook_html"] {
        assert!(facts.get(key).is_some(), "{key}: {facts}");
    }
    let trainer: serde_json::Value = serde_json::from_str(&s.page("compare/ai-trainer.json")).unwrap();
    assert_eq!(trainer["scale"]["basis"], "hourly", "{trainer}");
    // Linked from the navigation's reach: the home page.
    assert!(s.page("index.html").contains("href=\"/compare/\""));
}
