//! schema.org data for the `<script type="application/ld+json">` of pages: breadcrumbs, the site
//! with its search, a role as an `Occupation`. Fields are declared in alphabetical order, the order
//! they have always been printed in.

use serde::Serialize;
use serde_json::Value;

use crate::data::{Basis, PayBand, Role};
use crate::escape::script_json;
use crate::load::FileRecord;
use crate::model::Model;
use crate::pay::figures_of;

const CONTEXT: &str = "https://schema.org";

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Node<'a>>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Node<'a> {
    Occupation(Occupation<'a>),
    Breadcrumbs(BreadcrumbList<'a>),
}

#[derive(Serialize)]
struct BreadcrumbList<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "itemListElement")]
    items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    item: String,
    name: &'a str,
    position: usize,
}

fn breadcrumb_list<'a>(m: &Model, trail: &[(&'a str, &str)], title: &'a str, url: &str) -> BreadcrumbList<'a> {
    let items = std::iter::once(("Home", m.abs_url("")))
        .chain(trail.iter().map(|(n, rel)| (*n, m.abs_url(rel))))
        .chain(std::iter::once((title, url.to_string())))
        .enumerate()
        .map(|(i, (name, item))| ListItem { kind: "ListItem", item, name, position: i + 1 })
        .collect();
    BreadcrumbList { kind: "BreadcrumbList", items }
}

/// The page's graph: its breadcrumbs (Home, the trail, the page), after `occupation` when given.
pub(super) fn breadcrumbs(
    m: &Model,
    trail: &[(&str, &str)],
    title: &str,
    url: &str,
    occupation: Option<Occupation>,
) -> String {
    let mut graph: Vec<Node> = occupation.map(Node::Occupation).into_iter().collect();
    graph.push(Node::Breadcrumbs(breadcrumb_list(m, trail, title, url)));
    script_json(&Graph { context: CONTEXT, graph })
}

#[derive(Serialize)]
struct WebSite<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(rename = "potentialAction")]
    potential_action: SearchAction,
    url: String,
}

#[derive(Serialize)]
struct SearchAction {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "query-input")]
    query_input: &'static str,
    target: String,
}

/// The home page's `WebSite`, with its search.
pub(super) fn website(m: &Model) -> String {
    script_json(&WebSite {
        context: CONTEXT,
        kind: "WebSite",
        name: &m.config.title,
        potential_action: SearchAction {
            kind: "SearchAction",
            query_input: "required name=q",
            target: format!("{}?q={{q}}", m.abs_url("search/")),
        },
        url: m.abs_url(""),
    })
}

#[derive(Serialize)]
pub(super) struct Occupation<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The role's other names that read as names (`ALTERNATE_NAME_MAX` characters at most, the
    /// first `ALTERNATE_NAMES`): the page shows every alias; a search engine reads these as names.
    #[serde(rename = "alternateName", skip_serializing_if = "Vec::is_empty")]
    alternate_name: Vec<&'a str>,
    /// The role's summary, cut as the page's meta description is.
    description: String,
    #[serde(rename = "educationRequirements", skip_serializing_if = "Option::is_none")]
    education_requirements: Option<&'a str>,
    #[serde(rename = "estimatedSalary", skip_serializing_if = "Vec::is_empty")]
    estimated_salary: Vec<Salary<'a>>,
    name: &'a str,
    #[serde(rename = "occupationalCategory", skip_serializing_if = "Option::is_none")]
    occupational_category: Option<Category<'a>>,
    skills: Vec<&'a str>,
    url: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Category<'a> {
    /// Standard occupation codes from the wage tables.
    Codes(Vec<Value>),
    /// Else the category's name.
    Name(&'a str),
}

#[derive(Serialize)]
#[serde(untagged)]
enum Salary<'a> {
    Distribution(Distribution<'a>),
    Amount(Amount<'a>),
    /// Made by the wage tables (`crate::wages::jsonld`).
    Wage(Value),
}

/// A band with percentiles.
#[derive(Serialize)]
struct Distribution<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'a str,
    duration: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    median: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile10: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile25: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile75: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    percentile90: Option<f64>,
}

/// A band without percentiles: a range, or an average alone.
#[derive(Serialize)]
struct Amount<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    currency: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    value: Quantity,
}

#[derive(Serialize)]
struct Quantity {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "maxValue", skip_serializing_if = "Option::is_none")]
    max_value: Option<f64>,
    #[serde(rename = "minValue", skip_serializing_if = "Option::is_none")]
    min_value: Option<f64>,
    #[serde(rename = "unitText")]
    unit_text: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<f64>,
}

/// A band's figures exactly as given: percentiles as a distribution, else a range or an average.
fn salary<'a>(m: &'a Model, b: &'a PayBand) -> Option<Salary<'a>> {
    let basis = b.basis?;
    let hourly = basis == Basis::Hourly;
    let currency = m.band_currency(b);
    let name = b.label.as_deref();
    let f = figures_of(b);
    let (p10, p25, median, p75, p90) = (f.p10, f.p25, f.median, f.p75, f.p90);
    if [p10, p25, median, p75, p90].iter().any(Option::is_some) {
        return Some(Salary::Distribution(Distribution {
            kind: "MonetaryAmountDistribution",
            currency,
            duration: if hourly { "PT1H" } else { "P1Y" },
            median,
            name,
            percentile10: p10,
            percentile25: p25,
            percentile75: p75,
            percentile90: p90,
        }));
    }
    let mut value = Quantity {
        kind: "QuantitativeValue",
        max_value: None,
        min_value: None,
        unit_text: if hourly { "HOUR" } else { "YEAR" },
        value: None,
    };
    match (f.low, f.high, f.mean) {
        (None, None, Some(mean)) => value.value = Some(mean),
        (low, high, _) => {
            value.min_value = low;
            // An open top ("X-Y+") is never a maxValue.
            value.max_value = high.filter(|_| !f.open_high);
        }
    }
    Some(Salary::Amount(Amount { kind: "MonetaryAmount", currency, name, value }))
}

/// schema.org `Occupation` with each band's figures exactly as given.
/// Longest alias given to search engines as another name of a role, in characters.
pub const ALTERNATE_NAME_MAX: usize = 80;
/// Most aliases given to search engines as other names of a role.
pub const ALTERNATE_NAMES: usize = 10;

pub(super) fn occupation<'a>(m: &'a Model, r: &'a FileRecord<Role>) -> Occupation<'a> {
    let role = &r.data;
    let mut estimated_salary: Vec<Salary> =
        role.pay.iter().filter_map(|w| salary(m, m.resolve_band(&w.value))).collect();
    let (codes, wage_salaries) = crate::wages::jsonld(m, role);
    estimated_salary.extend(wage_salaries.into_iter().map(Salary::Wage));
    let occupational_category = if !codes.is_empty() {
        Some(Category::Codes(codes))
    } else {
        m.categories.get(role.category.value.as_str()).map(|c| Category::Name(&c.name))
    };
    Occupation {
        kind: "Occupation",
        alternate_name: role
            .aliases
            .iter()
            .filter(|a| a.chars().count() <= ALTERNATE_NAME_MAX)
            .take(ALTERNATE_NAMES)
            .map(String::as_str)
            .collect(),
        description: super::clip::clip_to(role.summary.clone(), super::clip::DESCRIPTION_MAX),
        education_requirements: role.education.as_deref(),
        estimated_salary,
        name: &role.title,
        occupational_category,
        skills: role
            .skills
            .value
            .iter()
            .filter_map(|s| m.skills.get(s.skill.value.as_str()).map(|k| k.name.as_str()))
            .collect(),
        url: m.abs_url(&crate::urls::role(&r.id)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLE: &str =
        "title: Analyst\ncategory: tech\nsummary: S.\nskills: [{ skill: python, level: working }]\npay:\n  \
        - { basis: annual, p25: 50000, median: 60000.5, label: Senior, source: survey }\n  \
        - { basis: hourly, low: 20, high: 40, open_high: true, currency: EUR, source: survey }\n  \
        - { basis: hourly, mean: 30, source: survey }\n";

    #[test]
    fn occupation_keeps_each_band_as_given_in_alphabetical_keys() {
        let (_dir, l) = crate::pay::testing::load(&[("data/roles/analyst.yaml", ROLE)]);
        let m = Model::new(&l, None, false);
        let json = script_json(&occupation(&m, &l.roles[0]));
        assert_eq!(
            json,
            concat!(
                r#"{"@type":"Occupation","description":"S.","estimatedSalary":["#,
                r#"{"@type":"MonetaryAmountDistribution","currency":"USD","duration":"P1Y","median":60000.5,"name":"Senior","percentile25":50000.0},"#,
                r#"{"@type":"MonetaryAmount","currency":"EUR","value":{"@type":"QuantitativeValue","minValue":20.0,"unitText":"HOUR"}},"#,
                r#"{"@type":"MonetaryAmount","currency":"USD","value":{"@type":"QuantitativeValue","unitText":"HOUR","value":30.0}}],"#,
                r#""name":"Analyst","occupationalCategory":"Technical","skills":["Python"],"url":"https://example.org/roles/analyst/"}"#
            )
        );
    }

    #[test]
    fn alternate_names_are_the_aliases_that_read_as_names() {
        let long = "a ".repeat(ALTERNATE_NAME_MAX / 2 + 1);
        let many: Vec<String> = (0..ALTERNATE_NAMES + 3).map(|i| format!("Name {i}")).collect();
        let role = format!("{ROLE}aliases: [\"{long}\", {}]\n", many.join(", "));
        let (_dir, l) = crate::pay::testing::load(&[("data/roles/analyst.yaml", &role)]);
        assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
        let m = Model::new(&l, None, false);
        let o = occupation(&m, &l.roles[0]);
        assert_eq!(o.alternate_name, many[..ALTERNATE_NAMES].iter().map(String::as_str).collect::<Vec<_>>());
    }

    #[test]
    fn breadcrumbs_end_with_the_page() {
        let (_dir, l) = crate::pay::testing::load(&[]);
        let m = Model::new(&l, None, false);
        let json = breadcrumbs(&m, &[("Roles", "roles/")], "A <b>", "https://example.org/roles/a/", None);
        assert_eq!(
            json,
            concat!(
                r#"{"@context":"https://schema.org","@graph":[{"@type":"BreadcrumbList","itemListElement":["#,
                r#"{"@type":"ListItem","item":"https://example.org/","name":"Home","position":1},"#,
                r#"{"@type":"ListItem","item":"https://example.org/roles/","name":"Roles","position":2},"#,
                r#"{"@type":"ListItem","item":"https://example.org/roles/a/","name":"A \u003cb\u003e","position":3}]}]}"#
            )
        );
    }
}
