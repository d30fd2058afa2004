//! Model: the loaded records, indexed by id and linked both ways (skill -> roles, role -> paths,
//! source -> citers), so that validation and rendering look things up instead of searching.
//!
//! Lookups use ordered maps; iteration for output follows the loaded (file-sorted) order.

use std::collections::{BTreeMap, BTreeSet};

use crate::data::*;
use crate::diagnostic::did_you_mean;
use crate::load::{FileRecord, Loaded, PageFile};
use crate::urls::{self, split_base_url, LinkKind, LinkTarget};

pub struct Config {
    pub title: String,
    /// The header's short name (`name`, else the title) and monogram (`mark`, may be empty).
    pub name: String,
    pub mark: String,
    pub description: String,
    /// Absolute, ending in `/`: `https://example.org/sub/`.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending with `/`: `/sub/`.
    pub base_path: String,
    pub language: String,
    pub currency: String,
    pub stale_after_days: Option<u32>,
}

pub struct Model<'a> {
    pub loaded: &'a Loaded,
    pub config: Config,
    pub sources: BTreeMap<&'a str, &'a Source>,
    pub categories: BTreeMap<&'a str, &'a Category>,
    pub industries: BTreeMap<&'a str, &'a Industry>,
    pub skills: BTreeMap<&'a str, &'a Skill>,
    pub bands: BTreeMap<&'a str, &'a PayBand>,
    pub roles: BTreeMap<&'a str, &'a FileRecord<Role>>,
    pub paths: BTreeMap<&'a str, &'a FileRecord<CareerPath>>,
    pub pages: BTreeMap<&'a str, &'a PageFile>,
    pub traits: BTreeMap<&'a str, usize>,
    pub roles_by_skill: BTreeMap<&'a str, Vec<(&'a str, Level, bool)>>,
    pub roles_by_category: BTreeMap<&'a str, Vec<&'a str>>,
    pub roles_by_industry: BTreeMap<&'a str, Vec<&'a str>>,
    /// Paths that hold a role, in path-id order.
    pub paths_by_role: BTreeMap<&'a str, Vec<&'a str>>,
    /// Roles that name a role in `related`.
    pub related_by: BTreeMap<&'a str, Vec<&'a str>>,
    pub cited_sources: BTreeSet<&'a str>,
}

impl<'a> Model<'a> {
    pub fn new(l: &'a Loaded, base_url_override: Option<&str>, drafts: bool) -> Model<'a> {
        let site = l.site.as_ref();
        let raw_base = base_url_override
            .map(str::to_string)
            .or_else(|| site.map(|s| s.base_url.value.clone()))
            .unwrap_or_else(|| "http://localhost/".to_string());
        let (base_url, base_path) = split_base_url(&raw_base).unwrap_or(("http://localhost/".into(), "/".into()));
        let config = Config {
            title: site.map(|s| s.title.clone()).unwrap_or_default(),
            name: site.map(|s| s.name.clone().unwrap_or_else(|| s.title.clone())).unwrap_or_default(),
            mark: site.and_then(|s| s.mark.as_ref().map(|m| m.0.clone())).unwrap_or_default(),
            description: site.and_then(|s| s.description.clone()).unwrap_or_default(),
            base_url,
            base_path,
            language: site.and_then(|s| s.language.as_ref().map(|x| x.value.clone())).unwrap_or_else(|| "en".into()),
            currency: site.and_then(|s| s.currency.as_ref().map(|x| x.value.clone())).unwrap_or_else(|| "USD".into()),
            stale_after_days: site.and_then(|s| s.stale_after_days.as_ref().map(|x| x.value)),
        };
        let mut m = Model {
            loaded: l,
            config,
            sources: first_by_id(l.sources.iter().map(|s| (s.id.value.as_str(), s))),
            categories: first_by_id(l.categories.iter().map(|s| (s.id.value.as_str(), s))),
            industries: first_by_id(l.industries.iter().map(|s| (s.id.value.as_str(), s))),
            skills: first_by_id(l.skills.iter().map(|s| (s.id.value.as_str(), s))),
            bands: first_by_id(
                l.pay_bands.iter().filter_map(|b| b.value.id.as_ref().map(|id| (id.value.as_str(), &b.value))),
            ),
            roles: first_by_id(l.roles.iter().map(|r| (r.id.as_str(), r))),
            paths: first_by_id(l.paths.iter().map(|r| (r.id.as_str(), r))),
            pages: first_by_id(l.pages.iter().filter(|p| drafts || !p.front.draft).map(|p| (p.slug.as_str(), p))),
            traits: BTreeMap::new(),
            roles_by_skill: BTreeMap::new(),
            roles_by_category: BTreeMap::new(),
            roles_by_industry: BTreeMap::new(),
            paths_by_role: BTreeMap::new(),
            related_by: BTreeMap::new(),
            cited_sources: BTreeSet::new(),
        };
        if let Some(q) = &l.quiz {
            for (i, t) in q.traits.value.iter().enumerate() {
                m.traits.entry(t.id.value.as_str()).or_insert(i);
            }
        }
        for r in &l.roles {
            let id = r.id.as_str();
            m.roles_by_category.entry(r.data.category.value.as_str()).or_default().push(id);
            for s in &r.data.skills.value {
                m.roles_by_skill.entry(s.skill.value.as_str()).or_default().push((id, s.level, s.optional));
            }
            for i in &r.data.industries {
                m.roles_by_industry.entry(i.value.as_str()).or_default().push(id);
            }
            for rel in &r.data.related {
                m.related_by.entry(rel.value.as_str()).or_default().push(id);
            }
        }
        for p in &l.paths {
            for s in &p.data.steps.value {
                if let Some(role) = &s.value.role {
                    let list = m.paths_by_role.entry(role.value.as_str()).or_default();
                    if !list.contains(&p.id.as_str()) {
                        list.push(p.id.as_str());
                    }
                }
            }
        }
        m.cited_sources = cited_sources(l);
        m
    }

    /// Root-relative address of a page: `/sub/roles/x/`.
    pub fn url(&self, rel: &str) -> String {
        format!("{}{}", self.config.base_path, rel.trim_start_matches('/'))
    }

    /// Absolute address: `https://example.org/sub/roles/x/`.
    pub fn abs_url(&self, rel: &str) -> String {
        format!("{}{}", self.config.base_url, rel.trim_start_matches('/'))
    }

    /// Resolve `@/`-relative `rest` (`roles/x/#pay`) to a site address, or say why it is wrong.
    pub fn internal_link(&self, rest: &str) -> Result<String, String> {
        // Look the id up; list the candidates for a suggestion only when it is missing.
        fn check<V>(map: &BTreeMap<&str, V>, kind: &str, id: &str) -> Result<(), String> {
            if map.contains_key(id) {
                return Ok(());
            }
            Err(did_you_mean(id, map.keys().copied()).unwrap_or_else(|| format!("no {kind} has the id `{id}`")))
        }
        let (target, page, frag) = urls::parse_link(rest)?;
        match target {
            LinkTarget::Index => {}
            LinkTarget::Quiz if self.loaded.quiz.is_some() => {}
            LinkTarget::Quiz => return Err("this site has no quiz (`data/quiz.yaml`)".to_string()),
            LinkTarget::Record(kind, id) => {
                let folder = kind.folder();
                match kind {
                    LinkKind::Role => check(&self.roles, folder, id),
                    LinkKind::Skill => check(&self.skills, folder, id),
                    LinkKind::Path => check(&self.paths, folder, id),
                    LinkKind::Industry => check(&self.industries, folder, id),
                    LinkKind::Category => check(&self.categories, folder, id),
                }?
            }
            LinkTarget::Guide(slug) => {
                if !self.pages.contains_key(slug.as_str()) {
                    return Err(did_you_mean(&slug, self.pages.keys().copied())
                        .unwrap_or_else(|| format!("no page `content/{slug}.md`")));
                }
            }
        }
        if !(page.is_empty() || page.ends_with('/')) {
            return Err(format!("end the address with `/`: `@/{page}/`"));
        }
        let mut url = self.url(page);
        if let Some(f) = frag {
            url.push('#');
            url.push_str(f);
        }
        Ok(url)
    }

    /// A band as written in a role's `pay`, with `{ band: id }` resolved.
    pub fn resolve_band<'b>(&'b self, b: &'b PayBand) -> &'b PayBand {
        match &b.band {
            Some(id) => self.bands.get(id.value.as_str()).copied().unwrap_or(b),
            None => b,
        }
    }

    pub fn band_currency<'b>(&'b self, b: &'b PayBand) -> &'b str {
        b.currency.as_ref().map(|c| c.value.as_str()).unwrap_or(&self.config.currency)
    }
}

fn first_by_id<'a, T: ?Sized>(it: impl Iterator<Item = (&'a str, &'a T)>) -> BTreeMap<&'a str, &'a T> {
    let mut m = BTreeMap::new();
    for (k, v) in it {
        m.entry(k).or_insert(v);
    }
    m
}

/// Every source id cited anywhere: `source`, `sources`, `via`, in data or guides.
fn cited_sources(l: &Loaded) -> BTreeSet<&str> {
    let mut set = BTreeSet::new();
    fn band<'a>(b: &'a PayBand, set: &mut BTreeSet<&'a str>) {
        if let Some(s) = &b.source {
            set.insert(s.value.as_str());
        }
        if let Some(s) = &b.via {
            set.insert(s.value.as_str());
        }
    }
    fn out<'a>(o: &'a Option<Outlook>, set: &mut BTreeSet<&'a str>) {
        if let Some(o) = o {
            set.insert(o.source.value.as_str());
            if let Some(v) = &o.via {
                set.insert(v.value.as_str());
            }
        }
    }
    for b in &l.pay_bands {
        band(&b.value, &mut set);
    }
    for c in &l.categories {
        out(&c.outlook, &mut set);
    }
    for i in &l.industries {
        out(&i.outlook, &mut set);
    }
    for r in &l.roles {
        for b in &r.data.pay {
            band(&b.value, &mut set);
        }
        out(&r.data.outlook, &mut set);
        set.extend(r.data.sources.iter().map(|s| s.value.as_str()));
    }
    set.extend(l.wage_meta.iter().map(|w| w.data.source.value.as_str()));
    for p in &l.paths {
        set.extend(p.data.sources.iter().map(|s| s.value.as_str()));
    }
    for p in l.pages.iter().chain(l.home.iter()) {
        set.extend(p.front.sources.iter().map(|s| s.value.as_str()));
    }
    set
}
