//! Wage tables on the pages a job seeker reads (issue 14): a fixture table in BLS's OEWS layout
//! (with `#` top codes, `*` not published, a territory and a metropolitan area) rendered on a
//! role page, worded with the occupation, the relation, the release and the area.

mod common;
use common::Site;

const SOURCES: &str = "- id: survey\n  title: Salary survey\n  accessed: 2026-10-01\n- id: bls-oews\n  title: Occupational Employment and Wage Statistics\n  publisher: U.S. Bureau of Labor Statistics\n  kind: government\n  date: 2026-05-15\n  accessed: 2026-11-01\n";
const ROLE: &str = "title: Analyst\ncategory: technical\nsummary: Reads numbers.\nskills:\n  - { skill: python, level: working }\n  - { skill: statistics, level: basic }\npay_note: No source gives pay for analysts.\nsources: [survey]\noccupations:\n  - { wages: oews-test, code: 15-1252, relation: closest, note: Analysts here write software. }\n";

fn site(role: &str) -> Site {
    let s = Site::new(&[
        ("data/sources.yaml", SOURCES),
        ("data/roles/analyst.yaml", role),
        ("data/wages/oews-test.csv", include_str!("wages/oews-test.csv")),
        ("data/wages/oews-test.yaml", include_str!("wages/oews-test.yaml")),
    ]);
    let run = s.ladder(&["build", "--strict", "--today", "2026-11-23"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    s
}

fn json_ld(page: &str) -> serde_json::Value {
    let start = page.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

#[test]
fn role_page_shows_national_wages_in_words() {
    let s = site(ROLE);
    let page = s.page("roles/analyst/index.html");
    let words = "U.S. Bureau of Labor Statistics, Software Developers (15-1252), May 2025, all US: the closest standard occupation, not the same work";
    assert!(page.contains(words), "the relation in words:\n{page}");
    assert!(page.contains("Analysts here write software."), "the role's note on why");
    // Percentiles as published, hourly and annual, and employment.
    for figure in ["$39.64", "$65.38", "$82.68", "$71.20", "$82,460", "$135,980", "$148,100", "1,687,890"] {
        assert!(page.contains(figure), "{figure} on the page");
    }
    // `#` is the top code "or more", never a figure of its own.
    assert!(page.contains("$115 or more") && page.contains("$239,200 or more"), "top codes as `or more`");
    assert_eq!(page.matches("$239,200").count(), page.matches("$239,200 or").count(), "never a bare top code");
    assert!(!page.contains("$239,200<") && !page.contains("239200"));
    // States and territories with their medians; `*` as not published; metros on the area page.
    assert!(page.contains("California</th><td>190,000</td><td>$80</td><td>$166,400</td>"), "{page}");
    assert!(page.contains("Alaska</th><td>530</td><td>not published</td><td>not published</td>"));
    assert!(page.contains("Puerto Rico <span class=\"muted\">(territory)</span>"));
    assert!(!page.contains("San Jose"), "metropolitan areas are not on the role page");
    assert!(page.contains("Bureau of Labor Statistics, <cite>Occupational Employment and Wage Statistics</cite>"));
    // JSON-LD: the code, and exactly the published percentiles (the open top left out).
    let ld = json_ld(&page);
    let occ = &ld["@graph"][0];
    assert_eq!(occ["occupationalCategory"][0]["codeValue"], "15-1252");
    let sal = occ["estimatedSalary"].as_array().unwrap();
    let hourly = sal.iter().find(|x| x["duration"] == "PT1H").expect("an hourly distribution");
    assert_eq!(hourly["@type"], "MonetaryAmountDistribution");
    assert_eq!(hourly["median"], 65.38);
    assert_eq!(hourly["percentile75"], 82.68);
    assert!(hourly.get("percentile90").is_none(), "an open top is never a value: {hourly}");
    let annual = sal.iter().find(|x| x["duration"] == "P1Y").expect("an annual distribution");
    assert_eq!(annual["percentile10"], 82460.0);
    assert!(annual.get("percentile90").is_none());
}

#[test]
fn area_page_lists_every_area() {
    let s = site(ROLE);
    let role = s.page("roles/analyst/index.html");
    assert!(role.contains("href=\"/roles/analyst/pay/\""), "the role page links to its area page");
    let page = s.page("roles/analyst/pay/index.html");
    assert!(page.contains("U.S. Bureau of Labor Statistics, Software Developers (15-1252), May 2025, by area: the closest standard occupation, not the same work"));
    assert!(page.contains("<th scope=\"row\">San Jose-Sunnyvale-Santa Clara, CA</th><td>metropolitan</td><td>CA</td><td>60,000</td><td>$92</td><td>$104,000</td><td>$191,360</td><td>$239,200 or more</td>"), "{page}");
    assert!(page.contains("<th scope=\"row\">Puerto Rico</th><td>territory</td><td>PR</td>"));
    assert!(page.contains("<th scope=\"row\">Alaska</th><td>state</td><td>AK</td><td>530</td><td>not published</td>"));
    assert!(page.contains("<th scope=\"row\">U.S.</th><td>national</td>"));
}

#[test]
fn open_high_band_has_no_max_value() {
    let role = ROLE.replace(
        "pay_note:",
        "pay:\n  - { basis: hourly, low: 50, high: 100, open_high: true, source: survey }\npay_note:",
    );
    let s = site(&role);
    let ld = json_ld(&s.page("roles/analyst/index.html"));
    let band = &ld["@graph"][0]["estimatedSalary"][0];
    assert_eq!(band["value"]["minValue"], 50.0, "{band}");
    assert!(
        band["value"].get("maxValue").is_none(),
        "`high: 100, open_high: true` is 100 or more, not a maximum: {band}"
    );
}
