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
    // The source, once, with the relation in words; then every figure's caption names the
    // occupation, area, release and relation, in plain type.
    let source = "Source: U.S. Bureau of Labor Statistics, <cite>Occupational Employment and Wage Statistics</cite>";
    assert_eq!(page.matches(source).count(), 1, "the source line once:\n{page}");
    assert!(page.contains("Software Developers (15-1252): the closest standard occupation, not the same work."));
    let caption = "Software Developers, all US, May 2025 (the closest standard occupation)";
    assert!(page.contains(&format!("<figcaption>Hourly wages: {caption}</figcaption>")), "{page}");
    assert!(page.contains(&format!("<figcaption>Annual wages: {caption}</figcaption>")));
    assert!(page.contains(&format!("<caption>National wages: {caption}</caption>")));
    let by_state = "Software Developers, by state, May 2025 (the closest standard occupation)";
    assert!(page.contains(&format!("<figcaption>Median pay: {by_state}</figcaption>")));
    assert!(page.contains(&format!("<caption>Median wages: {by_state}</caption>")));
    let wages = &page[page.find("<section class=\"wages\"").expect("a wage section")..];
    assert!(!wages.contains("<strong>"), "no caption in bold in the wage section");
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
    assert!(page.contains(
        "<caption>Wages: Software Developers, every area, May 2025 (the closest standard occupation)</caption>"
    ));
    assert!(page.contains("Software Developers (15-1252): the closest standard occupation, not the same work."));
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

/// The tile of `name` in the map: its class and its `<title>`.
fn tile<'p>(map: &'p str, name: &str) -> (&'p str, &'p str) {
    let at = map.find(&format!("<title>{name}: ")).unwrap_or_else(|| panic!("a tile for {name}:\n{map}"));
    let open = map[..at].rfind("<g class=\"").unwrap() + "<g class=\"".len();
    let class = &map[open..open + map[open..].find('"').unwrap()];
    let title = &map[at + "<title>".len()..at + map[at..].find("</title>").unwrap()];
    (class, title)
}

fn map_of(page: &str) -> &str {
    let start = page.find("<svg class=\"wm\"").expect("a tile map on the role page");
    &page[start..start + page[start..].find("</svg>").unwrap() + 6]
}

#[test]
fn role_page_maps_pay_by_state_with_a_legend() {
    let s = site(ROLE);
    let page = s.page("roles/analyst/index.html");
    let map = map_of(&page);
    // Every state and DC has a square; the territory in the table has one apart, under its label.
    assert_eq!(map.matches("role=\"img\"").count(), 51 + 1, "{map}");
    assert_eq!(tile(map, "California"), ("wm-s1", "California: $166,400"));
    assert_eq!(tile(map, "Puerto Rico"), ("wm-s0", "Puerto Rico: $79,380"));
    // A top-coded median is shaded with the highest and never shown as a figure of its own.
    assert_eq!(tile(map, "District of Columbia"), ("wm-s1", "District of Columbia: $239,200 or more"));
    assert_eq!(tile(map, "Alaska"), ("wm-np", "Alaska: not published"));
    assert_eq!(tile(map, "Texas"), ("wm-np", "Texas: not in the table"));
    let territories = map.find(">Territories</text>").expect("the territories are labelled");
    assert!(map.find("<title>Puerto Rico").unwrap() > territories, "Puerto Rico is under the label");
    assert!(map.find("<title>Hawaii").unwrap() < territories, "the states are above it");
    assert!(!map.contains("San Jose"), "metropolitan areas are not on the map");
    // The legend names each shade with its range, and the mark for no figure.
    let legend = &map[map.find("class=\"wm-legend\"").expect("a legend")..];
    let entries: Vec<&str> = legend
        .split("<text class=\"wm-cap\"")
        .skip(1)
        .map(|t| &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()])
        .collect();
    assert_eq!(entries, ["$79,380", "$166,400 or more", "not published or not in the table"], "{legend}");
    for class in ["wm-s0", "wm-s1", "wm-np"] {
        assert!(legend.contains(&format!("<g class=\"{class}\"><rect")), "a swatch of {class}");
    }
    assert!(map.contains(">Median pay a year</text>"));
    // Styled by classes and presentation attributes only.
    assert!(!map.contains("style="));
    // The table of states, sortable with the page's own script, is complete without it.
    assert!(page.contains("<table class=\"wage-table\" data-sortable>"));
    assert!(page.contains("District of Columbia</th><td>9,000</td><td>$115 or more</td><td>$239,200 or more</td>"));
}

#[test]
fn pay_overview_compares_occupations_on_one_scale_per_basis() {
    let role = ROLE.replace(
        "  - { wages: oews-test, code: 15-1252, relation: closest, note: Analysts here write software. }\n",
        "  - { wages: oews-test, code: 15-1252, relation: closest, note: Analysts here write software. }\n  - { wages: oews-test, code: 27-2011, relation: within }\n",
    );
    let s = site(&role);
    let page = s.page("pay/index.html");
    let at = page
        .find("Official wage statistics: U.S. Bureau of Labor Statistics, May 2025</h2>")
        .expect("a section of its own");
    let section = &page[at..];
    let section = &section[..section.find("</section>").unwrap()];
    assert!(section.contains("not pay quoted for the role itself"), "says what the figures are");
    let chart = |basis: &str| {
        let start = section
            .find(&format!(">{basis} wages of each role&#39;s standard occupation, all US, May 2025</title>"))
            .unwrap_or_else(|| panic!("a {basis} chart:\n{section}"));
        &section[start..start + section[start..].find("</svg>").unwrap()]
    };
    let annual = chart("Annual");
    assert!(annual.contains("Analyst: Software Developers, closest"), "{annual}");
    assert!(annual.contains("$135,980") && annual.contains("USD per year"));
    assert!(!annual.contains("Actors"), "an hourly-only occupation is not on the annual scale");
    let hourly = chart("Hourly");
    assert!(hourly.contains("Analyst: Actors, within") && hourly.contains("USD per hour"), "{hourly}");
    assert!(!hourly.contains("Software Developers"), "each occupation on one scale only");
    // And a table of both medians, highest first, with the relation.
    let rows: Vec<&str> = section.split("<tr><th scope=\"row\">").skip(1).collect();
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0].contains("Software Developers (15-1252)</td><td>closest</td><td>$65.38</td><td>$135,980</td>"),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("Actors (27-2011)</td><td>within</td><td>$23.92</td><td>not published</td>"),
        "{}",
        rows[1]
    );
}

/// A role with no figure of its own shows its occupation's national median in lists (the roles
/// index card), said as a median of the occupation with the relation, never as the role's pay.
#[test]
fn role_cards_show_the_occupation_median_as_what_it_is() {
    let card = |s: &Site| {
        let index = s.page("roles/index.html");
        let at = index.find("href=\"/roles/analyst/\"").expect("the analyst's card");
        let end = at + index[at..].find("</li>").expect("the card ends");
        index[at..end].to_string()
    };
    let s = site(ROLE);
    let with = card(&s);
    assert!(with.contains("$135,980 a year: national median of Software Developers (closest occupation)"), "{with}");
    assert!(!with.contains("No published figure"), "{with}");
}
