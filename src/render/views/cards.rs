//! The cards and links that several pages share: role cards (with the pay line and the filter
//! keys), links with a line about them, and path steps as links.

use serde::Serialize;

use super::meta::or_empty;
use crate::data::{Basis, Role, Step};
use crate::load::FileRecord;
use crate::model::Model;

#[derive(Serialize)]
pub struct RoleCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
    /// The role's summary, cut to `CARD_SUMMARY_MAX` characters at a word.
    pub summary: String,
    pub pay: String,
    pub category: &'a str,
    pub industries: String,
    pub pay_kinds: String,
    pub pay_key: String,
}

pub(super) fn role_card<'a>(m: &Model, r: &'a FileRecord<Role>) -> RoleCard<'a> {
    RoleCard {
        id: &r.id,
        title: &r.data.title,
        url: m.url(&crate::urls::role(&r.id)),
        summary: super::clip::clip_to(r.data.summary.clone(), super::clip::CARD_SUMMARY_MAX),
        pay: crate::wages::list_pay(m, &r.data, false),
        category: &r.data.category.value,
        industries: r.data.industries.iter().map(|i| i.value.as_str()).collect::<Vec<_>>().join(" "),
        pay_kinds: pay_kinds(m, &r.data).join(" "),
        pay_key: crate::render::sort_key::pay_key(m, &r.data),
    }
}

pub(super) fn role_cards<'a>(m: &'a Model, ids: impl IntoIterator<Item = &'a str>) -> Vec<RoleCard<'a>> {
    ids.into_iter().filter_map(|id| m.roles.get(id)).map(|r| role_card(m, r)).collect()
}

/// A link to a page with a line about it (and, on index pages, how many roles it has).
#[derive(Serialize)]
pub(super) struct Link<'a> {
    pub name: &'a str,
    pub url: String,
    pub summary: &'a str,
    pub count: usize,
}

/// "hourly annual", "annual" or "none": what kinds of figure a role has, for the roles filter.
pub(super) fn pay_kinds(m: &Model, role: &Role) -> Vec<&'static str> {
    let mut k: Vec<&'static str> = role
        .pay
        .iter()
        .filter_map(|w| m.resolve_band(&w.value).basis)
        .map(|b| if b == Basis::Hourly { "hourly" } else { "annual" })
        .collect();
    k.sort();
    k.dedup();
    if k.is_empty() {
        k.push("none");
    }
    k
}

/// A path step as a link: a role of the site (linked), or a job outside it (not linked).
pub(super) fn step_link<'a>(m: &'a Model, s: &'a Step) -> Link<'a> {
    match &s.role {
        Some(r) => Link {
            name: m.roles.get(r.value.as_str()).map_or("", |x| x.data.title.as_str()),
            url: m.url(&crate::urls::role(&r.value)),
            summary: or_empty(&s.stage),
            count: 0,
        },
        None => Link { name: or_empty(&s.job), url: String::new(), summary: or_empty(&s.stage), count: 0 },
    }
}
