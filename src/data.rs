//! The data-file contract (PRODUCT.md section 2) as serde types.
//!
//! These are the shapes editors write. Every value that a later check can find wrong (an id, a
//! reference, a figure, a date) is kept `Spanned`, so its diagnostic can name line and column.
//! Unknown fields are refused (`deny_unknown_fields`); the loader turns serde's message into a
//! diagnostic with a "did you mean" hint.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

/// A value with its place in the file (`value`, `referenced`, `defined` through `Deref`). A
/// newtype, not an alias, so that `ladder schema` can describe it as the plain value it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed<T>(pub Spanned<T>);

impl<T> std::ops::Deref for Placed<T> {
    type Target = Spanned<T>;
    fn deref(&self) -> &Spanned<T> {
        &self.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Placed<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Spanned::<T>::deserialize(d).map(Placed)
    }
}

impl<T: JsonSchema> JsonSchema for Placed<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        T::json_schema(g)
    }
}

/// A free map that site templates may read; ladder never interprets it.
pub type Extra = Option<serde_json::Value>;

/// `null`, a missing key and `[]` all mean "none".
fn nullable<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A YAML mapping kept as an ordered list of pairs, so keys keep their positions and file order.
#[derive(Debug)]
pub struct Pairs<K, V>(pub Vec<(K, V)>);

impl<K, V> Default for Pairs<K, V> {
    fn default() -> Self {
        Pairs(Vec::new())
    }
}

/// A mapping of names to `V`.
impl<K, V: JsonSchema> JsonSchema for Pairs<K, V> {
    fn schema_name() -> Cow<'static, str> {
        format!("Map_of_{}", V::schema_name()).into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        schemars::json_schema!({ "type": "object", "additionalProperties": g.subschema_for::<V>() })
    }
}

impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> Deserialize<'de> for Pairs<K, V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<K, V>(std::marker::PhantomData<(K, V)>);
        impl<'de, K: Deserialize<'de>, V: Deserialize<'de>> serde::de::Visitor<'de> for Visit<K, V> {
            type Value = Pairs<K, V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Pairs(Vec::new()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry()? {
                    out.push((k, v));
                }
                Ok(Pairs(out))
            }
        }
        d.deserialize_any(Visit(std::marker::PhantomData))
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub title: String,
    /// A short name for the header (the title when absent): `ladder`.
    #[serde(default)]
    pub name: Option<String>,
    /// A monogram of one to three characters shown before the name in the header: `L`.
    #[serde(default)]
    pub mark: Option<Mark>,
    pub base_url: Placed<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub language: Option<Placed<String>>,
    #[serde(default)]
    pub currency: Option<Placed<String>>,
    #[serde(default)]
    pub stale_after_days: Option<Placed<u32>>,
    /// Roles the home page shows first, with their pay (role ids). Without it: the first role with
    /// a pay figure in each category.
    #[serde(default, deserialize_with = "nullable")]
    pub featured: Vec<Placed<String>>,
    /// Groups for the home page's ways in ("start from where you are"): each gathers the
    /// backgrounds (of roles) and `job` steps (of paths) in which a word starts with one of its
    /// `words`. Without it, each background and job is listed on its own.
    #[serde(default, deserialize_with = "nullable")]
    pub ways_in: Vec<WayInGroup>,
    #[serde(default)]
    pub search: Option<SearchConfig>,
    #[serde(default)]
    pub extra: Extra,
}

/// `search:` in `site.yaml`: how the site's search reads words.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SearchConfig {
    /// A word and the words that mean the same to a reader (`pay: [salary, wage]`): a page holding
    /// any of them is found by each. Extends the built-in list (pay, common professions).
    #[serde(default)]
    pub synonyms: Pairs<Placed<String>, Vec<Placed<String>>>,
}

/// The site's mark: one to three characters, no spaces (a monogram, styled in the header).
#[derive(Debug, Clone, PartialEq, JsonSchema)]
#[schemars(transparent)]
pub struct Mark(#[schemars(length(min = 1, max = 3), pattern(r"^\S+$"))] pub String);

impl<'de> Deserialize<'de> for Mark {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        let n = text.chars().count();
        if n == 0 || n > 3 || text.chars().any(char::is_whitespace) {
            return Err(serde::de::Error::custom(format!(
                "`mark` is one to three characters without spaces (a monogram such as `L`), not `{text}`"
            )));
        }
        Ok(Mark(text))
    }
}

/// A group of the home page's ways in: `{ name: Healthcare, words: [medicine, clinical, doctor] }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WayInGroup {
    pub name: Placed<String>,
    /// Lower-case word beginnings: `clinic` matches "Clinical validation" and "clinician".
    pub words: Vec<Placed<String>>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Vendor,
    News,
    Report,
    Government,
    Dataset,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: Placed<String>,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub kind: Option<SourceKind>,
    #[serde(default)]
    pub url: Option<Placed<String>>,
    #[serde(default)]
    pub date: Option<Placed<String>>,
    #[serde(default)]
    pub accessed: Option<Placed<String>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub extra: Extra,
}

/// What a source says about demand (on a role, category or industry).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outlook {
    pub summary: Placed<String>,
    pub source: Placed<String>,
    #[serde(default)]
    pub via: Option<Placed<String>>,
    #[serde(default)]
    pub applies_to: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: Placed<String>,
    pub name: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub outlook: Option<Outlook>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Industry {
    pub id: Placed<String>,
    pub name: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub description: Option<Placed<String>>,
    #[serde(default)]
    pub outlook: Option<Outlook>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skill {
    pub id: Placed<String>,
    pub name: String,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub learn: Option<Placed<String>>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    Annual,
    Hourly,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BandLevel {
    Entry,
    Mid,
    Senior,
    Lead,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Arrangement {
    Employed,
    Contract,
    Freelance,
    Gig,
}

/// A pay band: in a role's `pay` (or `{ band: id }` pointing into `data/pay.yaml`), or in
/// `data/pay.yaml` with an `id`. One struct for both, because serde cannot keep positions
/// through untagged enums; the validator checks which fields go together.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PayBand {
    #[serde(default)]
    pub id: Option<Placed<String>>,
    #[serde(default)]
    pub band: Option<Placed<String>>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub basis: Option<Basis>,
    #[serde(default)]
    pub currency: Option<Placed<String>>,
    #[serde(default)]
    pub low: Option<Placed<f64>>,
    #[serde(default)]
    pub p10: Option<Placed<f64>>,
    #[serde(default)]
    pub p25: Option<Placed<f64>>,
    #[serde(default)]
    pub median: Option<Placed<f64>>,
    #[serde(default)]
    pub p75: Option<Placed<f64>>,
    #[serde(default)]
    pub p90: Option<Placed<f64>>,
    #[serde(default)]
    pub high: Option<Placed<f64>>,
    #[serde(default)]
    pub mean: Option<Placed<f64>>,
    #[serde(default)]
    pub open_high: bool,
    #[serde(default)]
    pub up_to: Option<Placed<bool>>,
    #[serde(default)]
    pub approx: bool,
    #[serde(default)]
    pub level: Option<BandLevel>,
    #[serde(default)]
    pub arrangement: Option<Arrangement>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub applies_to: Option<String>,
    #[serde(default)]
    pub source: Option<Placed<String>>,
    #[serde(default)]
    pub via: Option<Placed<String>>,
    #[serde(default)]
    pub note: Option<Placed<String>>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Basic,
    Working,
    Expert,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleSkill {
    pub skill: Placed<String>,
    pub level: Level,
    #[serde(default)]
    pub optional: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub title: String,
    #[serde(default, deserialize_with = "nullable")]
    pub aliases: Vec<String>,
    pub category: Placed<String>,
    pub summary: String,
    #[serde(default)]
    pub description: Option<Placed<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub tasks: Vec<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub backgrounds: Vec<String>,
    #[serde(default)]
    pub education: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub credentials: Vec<String>,
    pub skills: Placed<Vec<RoleSkill>>,
    #[serde(default, deserialize_with = "nullable")]
    pub pay: Vec<Placed<PayBand>>,
    #[serde(default)]
    pub pay_note: Option<Placed<String>>,
    /// Standard occupations whose published wages (a table of `data/wages/`) this role may borrow.
    #[serde(default, deserialize_with = "nullable")]
    pub occupations: Vec<Placed<RoleOccupation>>,
    #[serde(default, deserialize_with = "nullable")]
    pub industries: Vec<Placed<String>>,
    #[serde(default)]
    pub fit: Option<Placed<Pairs<Placed<String>, Placed<i64>>>>,
    #[serde(default, deserialize_with = "nullable")]
    pub related: Vec<Placed<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub breaking_in: Vec<Placed<String>>,
    #[serde(default)]
    pub outlook: Option<Outlook>,
    #[serde(default, deserialize_with = "nullable")]
    pub sources: Vec<Placed<String>>,
    #[serde(default)]
    pub updated: Option<Placed<String>>,
    #[serde(default, deserialize_with = "nullable")]
    pub redirect_from: Vec<Placed<String>>,
    #[serde(default)]
    pub extra: Extra,
}

/// How a role stands to a standard occupation.
#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The role is this occupation.
    Same,
    /// A specialism inside it: its pay is a guide, not a quote for the role.
    Within,
    /// The nearest standard occupation, not the same work.
    Closest,
}

/// An entry of a role's `occupations`: `{ wages: oews-2025, code: 15-1252, relation: closest, note: ... }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleOccupation {
    /// The wage table: `data/wages/ID.csv` (with `data/wages/ID.yaml`).
    pub wages: Placed<String>,
    /// A standard occupation code of that table (`OCC_CODE`), e.g. `15-1252`.
    pub code: Placed<String>,
    /// `same` (the role is this occupation), `within` (a specialism inside it), `closest` (the
    /// nearest standard occupation, not the same work).
    pub relation: Relation,
    /// One line on why this occupation.
    #[serde(default)]
    pub note: Option<Placed<String>>,
}

/// `data/wages/ID.yaml`: what the wage table beside it is.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WageTableMeta {
    /// e.g. `Occupational Employment and Wage Statistics, May 2025`.
    pub title: String,
    /// A source id of `data/sources.yaml`.
    pub source: Placed<String>,
    /// The release, as the publisher names it: `May 2025`.
    pub release: String,
    /// The date the release was published (YYYY-MM-DD), for staleness.
    #[serde(default)]
    pub date: Option<Placed<String>>,
    /// The release's top code for hourly wages (`#` in the table means this or more).
    #[serde(default)]
    pub top_hourly: Option<Placed<f64>>,
    /// The release's top code for annual wages.
    #[serde(default)]
    pub top_annual: Option<Placed<f64>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    #[serde(default)]
    pub role: Option<Placed<String>>,
    #[serde(default)]
    pub job: Option<String>,
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub focus: Option<String>,
    #[serde(default)]
    pub years: Option<String>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CareerPath {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    pub sources: Vec<Placed<String>>,
    pub steps: Placed<Vec<Placed<Step>>>,
    #[serde(default)]
    pub extra: Extra,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Trait {
    pub id: Placed<String>,
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Deserialize, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Choose {
    #[default]
    One,
    Many,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuizOption {
    pub id: Placed<String>,
    pub label: String,
    #[serde(default)]
    pub adds: Pairs<Placed<String>, Placed<i64>>,
    #[serde(default, deserialize_with = "nullable")]
    pub has: Vec<Placed<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: Placed<String>,
    pub prompt: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    pub choose: Choose,
    pub options: Placed<Vec<QuizOption>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FitLabel {
    pub min: Placed<f64>,
    pub label: String,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub intro: Option<Placed<String>>,
    pub traits: Placed<Vec<Trait>>,
    pub questions: Placed<Vec<Question>>,
    #[serde(default, deserialize_with = "nullable")]
    pub labels: Vec<FitLabel>,
    #[serde(default)]
    pub extra: Extra,
}

/// The YAML front matter of a page under `content/`.
#[derive(Debug, Deserialize, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub weight: Option<i64>,
    #[serde(default, deserialize_with = "nullable")]
    pub sources: Vec<Placed<String>>,
    #[serde(default)]
    pub updated: Option<Placed<String>>,
    #[serde(default)]
    pub draft: bool,
    #[serde(default)]
    pub extra: Extra,
}

/// The data files and folders of a site, relative to its root: the one list that load, validate,
/// schema and the page registry read.
pub mod files {
    pub const SITE: &str = "data/site.yaml";
    pub const SOURCES: &str = "data/sources.yaml";
    pub const CATEGORIES: &str = "data/categories.yaml";
    pub const INDUSTRIES: &str = "data/industries.yaml";
    pub const SKILLS: &str = "data/skills.yaml";
    pub const PAY: &str = "data/pay.yaml";
    pub const QUIZ: &str = "data/quiz.yaml";
    /// The files of `data/` that are one file each, in the order they are described.
    pub const SINGLE: [&str; 7] = [SITE, SOURCES, CATEGORIES, INDUSTRIES, SKILLS, PAY, QUIZ];
    /// A file per role, path and wage table: `data/roles/ID.yaml`.
    pub const ROLES: &str = "data/roles/";
    pub const PATHS: &str = "data/paths/";
    pub const WAGES: &str = "data/wages/";

    pub fn role(id: &str) -> String {
        format!("{ROLES}{id}.yaml")
    }

    pub fn path(id: &str) -> String {
        format!("{PATHS}{id}.yaml")
    }

    /// `site.yaml` for `data/site.yaml`.
    pub fn name(file: &str) -> &str {
        file.strip_prefix("data/").unwrap_or(file)
    }
}

/// A source someone read for the site (it has an address or a date it was read), as opposed to
/// one only named.
pub fn read_by_us(s: &Source) -> bool {
    s.url.is_some() || s.accessed.is_some()
}
