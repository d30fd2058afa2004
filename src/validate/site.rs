//! `data/site.yaml`, sources, categories, industries and skills.

use std::collections::BTreeMap;

use super::context::*;
use crate::data::*;
use crate::diagnostic::did_you_mean;
use crate::load::{self, Loaded};
use crate::urls::{bad_url, split_base_url};

/// ISO 4217 codes in current use.
pub const CURRENCIES: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
    "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD",
    "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL",
    "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD",
    "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD",
    "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP",
    "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS", "VES",
    "VND", "VUV", "WST", "XAF", "XCD", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWL",
];

pub fn known_currency(c: &str) -> bool {
    CURRENCIES.contains(&c)
}

pub fn check_site(c: &mut Validator, l: &Loaded) {
    let Some(site) = &l.site else { return };
    let at = At { path: load::SITE, offset: 0 };
    check_home_lists(c, site, at);
    if split_base_url(&site.base_url.value).is_none() {
        let v = &site.base_url;
        c.err(
            at,
            v,
            v.value.chars().count(),
            format!("`{}` is not a valid base URL", v.value),
            Some("write the site's full address, e.g. `https://example.org/` or `https://example.org/careers/`".into()),
        );
    }
    for (w, split) in crate::search::docs::check_synonyms(l) {
        let msg = format!("search synonym `{}` is not one word: search reads it as `{split}`", w.value);
        let help = "give one word per entry (a phrase never matches); list each word of a phrase separately";
        c.err(at, w, w.value.chars().count().max(1), msg, Some(help.into()));
    }
    if let Some(cur) = &site.currency {
        if !known_currency(&cur.value) {
            let help = did_you_mean(&cur.value.to_uppercase(), CURRENCIES.iter().copied())
                .unwrap_or_else(|| "use an ISO 4217 code such as `USD`, `EUR` or `GBP`".into());
            c.err(at, cur, cur.value.chars().count(), format!("unknown currency `{}`", cur.value), Some(help));
        }
    }
    if let Some(lang) = &site.language {
        let ok = !lang.value.is_empty()
            && lang
                .value
                .split('-')
                .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|ch| ch.is_ascii_alphanumeric()));
        if !ok {
            c.err(
                at,
                lang,
                lang.value.chars().count(),
                format!("`{}` is not a language tag", lang.value),
                Some("use a BCP 47 tag such as `en` or `en-GB`".into()),
            );
        }
    }
}

/// `featured` names roles; each `ways_in` group has words, written in lower case, that match
/// some background or path `job` step.
fn check_home_lists(c: &mut Validator, site: &SiteConfig, at: At) {
    let m = c.m;
    for f in &site.featured {
        c.reference(at, f, RefKind::Role, "write the id of a role (its file name in `data/roles/`)");
    }
    let texts = crate::render::ways_in::texts(m);
    // A diagnostic at a group's name: an error, or a warning.
    let at_name = |c: &mut Validator, g: &WayInGroup, error: bool, msg: String, help: &str| {
        let width = g.name.value.chars().count();
        if error {
            c.err(at, &g.name, width, msg, Some(help.into()));
        } else {
            c.warn(at, &g.name, width, msg, Some(help.into()));
        }
    };
    for g in &site.ways_in {
        if g.words.is_empty() {
            let help = "list the word beginnings that gather jobs under it: `words: [medicine, clinical, nurs]`";
            at_name(c, g, true, format!("the way in `{}` has no words", g.name.value), help);
            continue;
        }
        for w in &g.words {
            if w.value.is_empty() || w.value.chars().any(|ch| !ch.is_alphanumeric() || ch.is_uppercase()) {
                let help = "write one lower-case word (or its beginning) per entry, e.g. `clinic`";
                let msg = format!("`{}` is not a lower-case word", w.value);
                c.err(at, w, w.value.chars().count(), msg, Some(help.into()));
            }
        }
        if !texts.iter().any(|t| crate::render::ways_in::matches(g, t)) {
            let help = "its words match no role's `backgrounds` and no path's `job` step: check the spelling, or remove the group";
            at_name(c, g, false, format!("the way in `{}` gathers nothing", g.name.value), help);
        }
    }
}

pub fn check_sources(c: &mut Validator, l: &Loaded) {
    let at = At { path: load::SOURCES, offset: 0 };
    let mut seen = BTreeMap::new();
    for s in &l.sources {
        c.id(at, &s.id, "source", &mut seen);
        if let Some(u) = &s.url {
            if let Some((msg, help)) = bad_url(&u.value, false) {
                c.err(at, u, u.value.chars().count(), msg, Some(help));
            } else if !(u.value.starts_with("http://") || u.value.starts_with("https://")) {
                c.err(
                    at,
                    u,
                    u.value.chars().count(),
                    format!("`{}` is not a web address", u.value),
                    Some("write the full address starting with `https://`".into()),
                );
            }
        }
        if let Some(d) = &s.date {
            c.date(at, d, "date");
        }
        if let Some(d) = &s.accessed {
            c.date(at, d, "accessed");
        }
    }
}

pub fn outlook(c: &mut Validator, at: At, o: &Outlook) {
    c.md_field(at, &o.summary);
    cited(c, at, &o.source, o.via.as_ref());
}

/// A `source` (with optional `via`) cited for a figure or claim.
pub fn cited(c: &mut Validator, at: At, source: &Placed<String>, via: Option<&Placed<String>>) {
    c.source_ref(at, source);
    if let Some(v) = via {
        c.source_ref(at, v);
        if v.value == source.value {
            c.err(
                at,
                v,
                v.value.len(),
                "`via` names the same source as `source`",
                Some("`via` is the source we read that reported it; remove `via` if we read the source itself".into()),
            );
        }
        if let Some(s) = c.m.sources.get(v.value.as_str()) {
            if !read_by_us(s) {
                c.err(
                    at,
                    v,
                    v.value.len(),
                    format!("`via` source `{}` has no `url` or `accessed`: we did not read it", v.value),
                    Some("`via` names the source we read that reported the figure".into()),
                );
            }
        }
    } else if let Some(s) = c.m.sources.get(source.value.as_str()) {
        if !read_by_us(s) {
            c.err(
                at,
                source,
                source.value.len(),
                format!("source `{}` was not read by us (it has no `url` or `accessed`)", source.value),
                Some("say which source we read reported it with `via: <id>`; it is shown \"as reported by\"".into()),
            );
        }
    }
}

pub fn check_categories_industries(c: &mut Validator, l: &Loaded) {
    let at = At { path: load::CATEGORIES, offset: 0 };
    let mut seen = BTreeMap::new();
    for cat in &l.categories {
        c.id(at, &cat.id, "category", &mut seen);
        if let Some(o) = &cat.outlook {
            outlook(c, at, o);
        }
    }
    let at = At { path: load::INDUSTRIES, offset: 0 };
    let mut seen = BTreeMap::new();
    for ind in &l.industries {
        c.id(at, &ind.id, "industry", &mut seen);
        if let Some(d) = &ind.description {
            c.md_field(at, d);
        }
        if let Some(o) = &ind.outlook {
            outlook(c, at, o);
        }
    }
}

pub fn check_skills(c: &mut Validator, l: &Loaded) {
    let at = At { path: load::SKILLS, offset: 0 };
    let mut seen = BTreeMap::new();
    for s in &l.skills {
        c.id(at, &s.id, "skill", &mut seen);
        if let Some(learn) = &s.learn {
            c.md_field(at, learn);
        }
    }
    if l.skills.iter().any(|s| has_repeat(&s.aliases, true)) {
        let text = l.files.text(load::SKILLS).unwrap_or_default();
        let spanned = load::parse::<Vec<TextLists>>(load::SKILLS, text, 0, &mut Vec::new()).unwrap_or_default();
        for t in &spanned {
            report_text_repeats(c, at, t);
        }
    }
}
