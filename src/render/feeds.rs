//! Files for machines: `sitemap.xml` (an index past 50,000 URLs), `robots.txt`, `feed.xml`
//! (Atom, one entry per reviewed role) and `roles.json` (from typed structs, so `ladder schema`
//! can describe it).

use serde::Serialize;

use crate::data::*;
use crate::escape::xml;
use crate::model::Model;
use crate::pages::{job_file, Page};

const SITEMAP_LIMIT: usize = 50_000;

pub fn files(m: &Model, jobs: &[Page]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut urls: Vec<String> = jobs
        .iter()
        .filter(|j| !matches!(j, Page::NotFound | Page::Redirect { .. }))
        .map(|j| m.abs_url(job_file(m, j).trim_end_matches("index.html")))
        .collect();
    urls.sort();
    let urlset = |urls: &[String]| {
        let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for u in urls {
            s.push_str(&format!("<url><loc>{}</loc></url>\n", xml(u)));
        }
        s.push_str("</urlset>\n");
        s
    };
    if urls.len() <= SITEMAP_LIMIT {
        out.push(("sitemap.xml".to_string(), urlset(&urls)));
    } else {
        let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (i, chunk) in urls.chunks(SITEMAP_LIMIT).enumerate() {
            let name = format!("sitemap-{}.xml", i + 1);
            index.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", xml(&m.abs_url(&name))));
            out.push((name, urlset(chunk)));
        }
        index.push_str("</sitemapindex>\n");
        out.push(("sitemap.xml".to_string(), index));
    }
    out.push(("robots.txt".to_string(), format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", m.abs_url("sitemap.xml"))));
    out.push(("feed.xml".to_string(), feed(m)));
    out.push(("roles.json".to_string(), serde_json::to_string(&roles_json(m)).unwrap_or_default()));
    out
}

fn feed(m: &Model) -> String {
    let mut entries: Vec<(&str, &str)> = m
        .loaded
        .roles
        .iter()
        .filter_map(|r| {
            r.data
                .updated
                .as_ref()
                .filter(|u| crate::date::parse(&u.value).is_some())
                .map(|u| (u.value.as_str(), r.id.as_str()))
        })
        .collect();
    entries.sort_by(|a, b| b.0.cmp(a.0).then(a.1.cmp(b.1)));
    let newest = entries.first().map(|e| e.0).unwrap_or("1970-01-01");
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link href=\"{}\"/>\n<updated>{newest}T00:00:00Z</updated>\n",
        xml(&m.config.language),
        xml(&m.config.title),
        xml(&m.abs_url("")),
        xml(&m.abs_url("feed.xml")),
        xml(&m.abs_url("")),
    );
    for (updated, id) in entries {
        let Some(r) = m.roles.get(id) else { continue };
        let url = m.abs_url(&crate::urls::role(id));
        s.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link href=\"{}\"/>\n<updated>{updated}T00:00:00Z</updated>\n<author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
            xml(&r.data.title),
            xml(&url),
            xml(&url),
            xml(&m.config.title),
            xml(&r.data.summary)
        ));
    }
    s.push_str("</feed>\n");
    s
}

/// `roles.json`: every role, for other tools.
#[derive(Serialize, schemars::JsonSchema)]
pub struct RolesJson {
    pub version: u32,
    pub roles: Vec<RoleJson>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct RoleJson {
    pub id: String,
    pub url: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub category: String,
    pub summary: String,
    pub skills: Vec<SkillJson>,
    pub pay: Vec<PayJson>,
    pub industries: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

#[derive(Serialize, schemars::JsonSchema)]
pub struct SkillJson {
    pub skill: String,
    pub level: Level,
    pub optional: bool,
}

/// A pay band as in the data, with a referenced work-type band's figures filled in.
#[derive(Serialize, Default, schemars::JsonSchema)]
pub struct PayJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<Basis>,
    pub currency: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub low: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p10: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p25: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub median: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p75: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub p90: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub high: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean: Option<f64>,
    pub open_high: bool,
    pub up_to: bool,
    pub approx: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<BandLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrangement: Option<Arrangement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
}

pub fn roles_json(m: &Model) -> RolesJson {
    let s = |f: &Option<Placed<String>>| f.as_ref().map(|x| x.value.clone());
    RolesJson {
        version: 1,
        roles: m
            .loaded
            .roles
            .iter()
            .map(|r| RoleJson {
                id: r.id.clone(),
                url: m.abs_url(&crate::urls::role(&r.id)),
                title: r.data.title.clone(),
                aliases: r.data.aliases.clone(),
                category: r.data.category.value.clone(),
                summary: r.data.summary.clone(),
                skills: r
                    .data
                    .skills
                    .value
                    .iter()
                    .map(|k| SkillJson { skill: k.skill.value.clone(), level: k.level, optional: k.optional })
                    .collect(),
                pay: r
                    .data
                    .pay
                    .iter()
                    .map(|w| {
                        let b = m.resolve_band(&w.value);
                        let f = crate::pay::figures_of(b);
                        PayJson {
                            band: s(&w.value.band),
                            label: b.label.clone(),
                            basis: b.basis,
                            currency: m.band_currency(b).to_string(),
                            low: f.low,
                            p10: f.p10,
                            p25: f.p25,
                            median: f.median,
                            p75: f.p75,
                            p90: f.p90,
                            high: f.high,
                            mean: f.mean,
                            open_high: f.open_high,
                            up_to: f.up_to,
                            approx: f.approx,
                            level: b.level,
                            arrangement: b.arrangement,
                            region: b.region.clone(),
                            applies_to: b.applies_to.clone(),
                            source: s(&b.source),
                            via: s(&b.via),
                        }
                    })
                    .collect(),
                industries: r.data.industries.iter().map(|i| i.value.clone()).collect(),
                updated: s(&r.data.updated),
            })
            .collect(),
    }
}
