//! What search finds: one document per role, skill, path, guide, guide section (h2 and h3 with
//! their ids), and topic page (industries, categories, the pay overview, each role's pay by area,
//! the quiz), with the words of each field and the few things a result shows (title, kind, one-line
//! summary; for roles category and pay; for topics what kind of page it is).
//!
//! Documents are numbered kind by kind (roles, skills, paths, guides then their sections, topics),
//! roles grouped by category in `categories.yaml` order, so a kind or category filter is a range of
//! numbers, and ties in ranking fall back to this order.
//!
//! Where words go: title; alias (a role's aliases and the backgrounds people come from, the job a
//! path starts at, a guide's headings, a topic's kind: `industry`); body (summary, tasks, skills,
//! path steps, text). A guide section holds only its heading, as alias (its text finds its guide),
//! so it holds a subset of its guide's words in the same place, and counts more title words: it
//! ranks under its guide. The words people type for these (`synonyms`) are added in the place of
//! the word they stand for.

use rayon::prelude::*;

use crate::model::Model;

use super::synonyms::{one_word, Synonyms};
use super::tokenise::tokens;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Kind {
    Role,
    Skill,
    Path,
    Guide,
    /// Industries, categories, the pay overview and pay by area, the quiz.
    #[default]
    Topic,
}

impl Kind {
    pub const ALL: [Kind; 5] = [Kind::Role, Kind::Skill, Kind::Path, Kind::Guide, Kind::Topic];

    /// The folder of the kind's pages (topics carry their own address).
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Role => "roles",
            Kind::Skill => "skills",
            Kind::Path => "paths",
            Kind::Guide => "guides",
            Kind::Topic => "topics",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub kind: Kind,
    /// The address: under the kind's folder (`model-evaluator`, `topics/pay` for a guide), or,
    /// starting with `/`, the page's own path under the base path (`/industries/healthcare/`,
    /// `/guides/breaking-in/#next`).
    pub id: String,
    pub title: String,
    /// One line, cut at a word near `SUMMARY_CHARS`.
    pub summary: String,
    /// Roles: the short pay line of role lists.
    pub pay: String,
    /// Topics: what kind of page it is (`Industry`, `Pay`).
    pub tag: String,
    /// Roles: index into `categories.yaml`.
    pub category: usize,
    /// Ranks ties: fewer is better (the title's words but small words; more for a section).
    pub brevity: u32,
    pub title_words: Vec<String>,
    pub alias_words: WordList,
    /// Summary, skills, tasks, path steps, guide text.
    pub body_words: WordList,
}

pub const SUMMARY_CHARS: usize = 90;

/// A summary on one line, cut at a word boundary with an ellipsis when long.
pub fn one_line(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= SUMMARY_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(SUMMARY_CHARS).collect();
    let at = cut.rfind(' ').filter(|&i| i > SUMMARY_CHARS / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches(|c: char| c.is_ascii_punctuation() || c == ' '))
}

/// The text of a Markdown document, without markup.
fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::with_capacity(md.len());
    for ev in Parser::new_ext(md, crate::render::markdown::options()) {
        match ev {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t);
                out.push(' ');
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// The distinct words, sorted. Duplicates go first (a long guide repeats its words), so the
/// sort is of the vocabulary, not of every word written.
fn words<'s>(parts: impl IntoIterator<Item = &'s str>) -> WordList {
    let v: Vec<String> = parts.into_iter().flat_map(tokens).collect();
    WordList::new(v.iter().map(String::as_str))
}

/// Words sorted and without repeats, kept in one string (each word followed by a line end): a
/// site's documents hold millions of words, and a `String` each would take several times the
/// memory of the words themselves. Words never hold a line end (the tokeniser splits there).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WordList(String);

impl WordList {
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> WordList {
        let mut v: Vec<&str> = words.into_iter().filter(|w| !w.is_empty()).collect();
        v.sort_unstable();
        v.dedup();
        let mut s = String::with_capacity(v.iter().map(|w| w.len() + 1).sum());
        for w in v {
            s.push_str(w);
            s.push('\n');
        }
        WordList(s)
    }

    /// The list with `more` words added (kept in order, each once): merged, not sorted again.
    pub fn with(&self, mut more: Vec<&str>) -> WordList {
        more.retain(|w| !w.is_empty());
        more.sort_unstable();
        more.dedup();
        let mut s = String::with_capacity(self.0.len() + more.iter().map(|w| w.len() + 1).sum::<usize>());
        let mut push = |w: &str| {
            s.push_str(w);
            s.push('\n');
        };
        let mut more = more.into_iter().peekable();
        for w in self.iter() {
            while let Some(m) = more.next_if(|m| *m < w) {
                push(m);
            }
            more.next_if_eq(&w);
            push(w);
        }
        more.for_each(push);
        WordList(s)
    }

    /// The words, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + Clone {
        self.0.split_terminator('\n')
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Small words that do not count towards a title's length (`brevity`).
const SMALL: &[&str] =
    &["a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"];

fn brevity(title_words: &[String]) -> u32 {
    title_words.iter().filter(|w| !SMALL.contains(&w.as_str())).count().max(1) as u32
}

/// A document with its words: `title` gives the title words, `alias` and `body` texts are split.
fn doc<'s>(
    kind: Kind,
    id: String,
    title: &str,
    summary: &str,
    alias: impl IntoIterator<Item = &'s str>,
    body: impl IntoIterator<Item = &'s str>,
) -> Doc {
    let title_words = tokens(title);
    Doc {
        kind,
        id,
        title: title.to_string(),
        summary: one_line(summary),
        brevity: brevity(&title_words),
        title_words,
        alias_words: words(alias),
        body_words: words(body),
        ..Doc::default()
    }
}

/// File each document under the synonyms of its words too, place by place.
fn add_synonyms(d: &mut Doc, syn: &Synonyms) {
    let t = syn.expand(d.title_words.iter().map(String::as_str));
    d.title_words.extend(t);
    for list in [&mut d.alias_words, &mut d.body_words] {
        let more = syn.expand(list.iter());
        if !more.is_empty() {
            *list = list.with(more.iter().map(String::as_str).collect());
        }
    }
}

pub fn synonyms(m: &Model) -> Synonyms {
    let extra = m.loaded.site.iter().flat_map(|s| s.search.iter()).flat_map(|s| s.synonyms.0.iter());
    Synonyms::new(extra.map(|(k, v)| (k.value.as_str(), v.iter().map(|w| w.value.as_str()).collect())))
}

/// A guide's h2 and h3 sections: (heading id, heading text, text up to the next h2 or h3).
fn sections(m: &Model, body: &str) -> Vec<(String, String, String)> {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let ids = crate::render::markdown::heading_ids(m, body);
    let mut out: Vec<(String, String, String)> = Vec::new();
    let (mut n, mut in_heading, mut open) = (0, false, false);
    for ev in Parser::new_ext(body, crate::render::markdown::options()) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                in_heading = true;
                open = matches!(level, HeadingLevel::H2 | HeadingLevel::H3);
                if open {
                    out.push((ids.get(n).cloned().unwrap_or_default(), String::new(), String::new()));
                }
                n += 1;
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) if open => {
                let last = out.last_mut().map(|s| if in_heading { &mut s.1 } else { &mut s.2 });
                if let Some(s) = last {
                    s.push_str(&t);
                    if !in_heading {
                        s.push(' ');
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) if open && !in_heading => {
                if let Some(s) = out.last_mut() {
                    s.2.push(' ');
                }
            }
            _ => {}
        }
    }
    out.retain(|s| !s.0.is_empty());
    out
}

/// Every document of the site, in index order.
pub fn collect(m: &Model) -> Vec<Doc> {
    collect_reusing(m, &|_, _| None)
}

/// A role's, skill's or guide's finished documents (a guide's with its sections after it) from an
/// earlier `collect` of the same site, where the caller knows they have not changed.
pub type Reuse<'r> = dyn Fn(Kind, &str) -> Option<Vec<Doc>> + Sync + 'r;

/// `collect`, taking the documents `reuse` gives instead of building them again (`serve`).
pub fn collect_reusing(m: &Model, reuse: &Reuse) -> Vec<Doc> {
    let l = m.loaded;
    let syn = synonyms(m);
    let finish = |mut d: Doc| {
        add_synonyms(&mut d, &syn);
        d
    };
    let cat_index = |id: &str| l.categories.iter().position(|c| c.id.value == id).unwrap_or(usize::MAX);
    let mut roles: Vec<&crate::load::FileRecord<crate::data::Role>> = l.roles.iter().collect();
    roles.sort_by(|a, b| (cat_index(&a.data.category.value), &a.id).cmp(&(cat_index(&b.data.category.value), &b.id)));
    roles.dedup_by(|a, b| a.id == b.id);
    let mut docs: Vec<Doc> = roles
        .par_iter()
        .map(|r| {
            if let Some(mut v) = reuse(Kind::Role, &r.id) {
                if let Some(d) = v.pop() {
                    return d;
                }
            }
            let d = &r.data;
            let skill_names: Vec<&str> = d
                .skills
                .value
                .iter()
                .filter_map(|s| m.skills.get(s.skill.value.as_str()).map(|k| k.name.as_str()))
                .collect();
            // The page shows pay figures: "salary" and the other pay words find the role.
            let pay_word = (!d.pay.is_empty()).then_some("pay");
            let body = std::iter::once(d.summary.as_str())
                .chain(d.tasks.iter().map(String::as_str))
                .chain(skill_names.iter().copied())
                .chain(pay_word);
            let alias = d.aliases.iter().chain(&d.backgrounds).map(String::as_str);
            let mut doc = doc(Kind::Role, r.id.clone(), &d.title, &d.summary, alias, body);
            doc.pay = crate::wages::list_pay(m, d, true);
            doc.category = cat_index(&d.category.value);
            finish(doc)
        })
        .collect();

    let mut skills: Vec<&crate::data::Skill> = m.skills.values().copied().collect();
    skills.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    docs.par_extend(skills.par_iter().map(|s| {
        if let Some(d) = reuse(Kind::Skill, &s.id.value).and_then(|mut v| v.pop()) {
            return d;
        }
        let summary = s.summary.as_deref().unwrap_or_default();
        finish(doc(Kind::Skill, s.id.value.clone(), &s.name, summary, s.aliases.iter().map(String::as_str), [summary]))
    }));

    let paths: Vec<_> = m.paths.iter().collect();
    docs.par_extend(paths.par_iter().map(|(id, p)| {
        let d = &p.data;
        let steps: Vec<String> = d
            .steps
            .value
            .iter()
            .filter_map(|s| match (&s.value.role, &s.value.job) {
                (Some(r), _) => m.roles.get(r.value.as_str()).map(|r| r.data.title.clone()),
                (None, Some(j)) => Some(j.clone()),
                _ => None,
            })
            .collect();
        // The job a path starts at is where a reader comes from: found as an alias.
        let start = d.steps.value.first().and_then(|s| s.value.job.as_deref());
        let summary = d.summary.as_deref().unwrap_or_default();
        let body = std::iter::once(summary).chain(steps.iter().map(String::as_str));
        finish(doc(Kind::Path, id.to_string(), &d.title, summary, start, body))
    }));

    let pages: Vec<_> = m.pages.iter().collect();
    let guides: Vec<(Doc, Vec<Doc>)> = pages
        .par_iter()
        .map(|(slug, p)| {
            if let Some(mut v) = reuse(Kind::Guide, slug).filter(|v| !v.is_empty()) {
                let parts = v.split_off(1);
                return (v.remove(0), parts);
            }
            let summary = p.front.summary.as_deref().unwrap_or_default();
            let text = markdown_text(&p.body);
            let parts = sections(m, &p.body);
            let headings = parts.iter().map(|s| s.1.as_str());
            let shown = if summary.is_empty() { text.as_str() } else { summary };
            let guide = doc(Kind::Guide, slug.to_string(), &p.front.title, shown, headings, [summary, text.as_str()]);
            let parts = parts
                .iter()
                .map(|(id, heading, body)| {
                    let shown = format!("In {}: {body}", p.front.title);
                    let mut s =
                        doc(Kind::Guide, format!("/guides/{slug}/#{id}"), heading, &shown, [heading.as_str()], []);
                    s.title_words.clear();
                    s.brevity += guide.brevity;
                    finish(s)
                })
                .collect();
            (finish(guide), parts)
        })
        .collect();
    let (guides, parts): (Vec<Doc>, Vec<Vec<Doc>>) = guides.into_iter().unzip();
    docs.extend(guides);
    docs.extend(parts.into_iter().flatten());

    docs.extend(topics(m).into_iter().map(finish));
    docs
}

/// The page of a whole subject (an industry, pay) counts one title word fewer: between it and a
/// page whose title is as long and holds the same word, the broader page comes first
/// ("healthcare": "Healthcare and life sciences", then "Healthcare Data Lead").
fn overview(mut d: Doc) -> Doc {
    d.brevity = d.brevity.saturating_sub(1).max(1);
    d
}

/// Industries, categories, the pay overview, each role's pay by area, the quiz: the pages a
/// reader names by a subject ("healthcare", "salary", "quiz").
fn topics(m: &Model) -> Vec<Doc> {
    let l = m.loaded;
    let topic = |tag: &str, path: String, title: &str, summary: &str, body: Vec<&str>| {
        let mut d = doc(Kind::Topic, format!("/{path}"), title, summary, [tag], body);
        d.tag = tag.to_string();
        d
    };
    let mut out = Vec::new();
    for i in &l.industries {
        let description = i.description.as_ref().map(|d| markdown_text(&d.value)).unwrap_or_default();
        let summary = i.summary.as_deref().unwrap_or(&description);
        let outlook = i.outlook.as_ref().map(|o| o.summary.value.as_str()).unwrap_or_default();
        let body = vec![summary, &description, outlook];
        out.push(overview(topic("Industry", format!("industries/{}/", i.id.value), &i.name, summary, body)));
    }
    for c in &l.categories {
        let summary = c.summary.as_deref().unwrap_or_default();
        let outlook = c.outlook.as_ref().map(|o| o.summary.value.as_str()).unwrap_or_default();
        out.push(topic("Category", format!("categories/{}/", c.id.value), &c.name, summary, vec![summary, outlook]));
    }
    let bands: Vec<&str> = l.pay_bands.iter().filter_map(|b| b.value.label.as_deref()).collect();
    let summary =
        "Every published pay figure on this site, hourly and annual on their own scales, each with its source.";
    out.push(overview(topic("Pay", "pay/".into(), "Pay", summary, [summary].into_iter().chain(bands).collect())));
    for r in &l.roles {
        if crate::wages::has_pay_page(m, &r.data) {
            let title = format!("{}: pay by area", r.data.title);
            let summary = format!("Published wages by state and area for the occupations closest to {}.", r.data.title);
            out.push(topic("Pay", format!("roles/{}/pay/", r.id), &title, &summary, vec![summary.as_str()]));
        }
    }
    if let Some(q) = &l.quiz {
        let title = q.title.as_deref().unwrap_or("Which role fits you?");
        let intro = q.intro.as_ref().map(|i| markdown_text(&i.value)).unwrap_or_default();
        let summary = "Answer a few questions and see which roles fit how you like to work.";
        let body = [summary, intro.as_str()].into_iter().chain(q.questions.value.iter().map(|x| x.prompt.as_str()));
        out.push(topic("Quiz", "quiz/".into(), title, summary, body.collect()));
    }
    out
}

/// Synonym entries of `site.yaml` that are not one word as search reads them.
pub fn check_synonyms(l: &crate::load::Loaded) -> Vec<(&crate::data::Placed<String>, String)> {
    let entries = l.site.iter().flat_map(|s| s.search.iter()).flat_map(|s| s.synonyms.0.iter());
    entries
        .flat_map(|(k, v)| std::iter::once(k).chain(v))
        .filter(|w| one_word(&w.value).is_none())
        .map(|w| (w, tokens(&w.value).join("`, `")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adding_words_to_a_list_merges_them_as_making_it_anew_would() {
        let cases: [(&[&str], &[&str]); 6] = [
            (&[], &[]),
            (&[], &["pay", "wage", "pay"]),
            (&["pay"], &[]),
            (&["a", "pay", "pays", "zebra"], &["pa", "pay", "payroll", "", "wage", "a"]),
            (&["salary", "wages"], &["earnings", "income", "pay", "salary", "wages", "compensation"]),
            (&["é", "ß"], &["z", "éa", "ß"]),
        ];
        for (list, more) in cases {
            let a = WordList::new(list.iter().copied());
            let merged = a.with(more.to_vec());
            let anew = WordList::new(list.iter().chain(more.iter()).copied());
            assert_eq!(merged.iter().collect::<Vec<_>>(), anew.iter().collect::<Vec<_>>(), "{list:?} + {more:?}");
        }
    }

    #[test]
    fn one_line_cuts_at_a_word() {
        assert_eq!(one_line("  Reads\n numbers. "), "Reads numbers.");
        let long = "word ".repeat(40);
        let cut = one_line(&long);
        assert!(cut.ends_with("word…") && cut.chars().count() <= SUMMARY_CHARS + 1, "{cut}");
    }

    #[test]
    fn markdown_text_drops_markup() {
        assert_eq!(
            words([markdown_text("# Head\n\nSome **bold** [link](@/roles/x/) `code`").as_str()])
                .iter()
                .collect::<Vec<_>>(),
            ["bold", "code", "head", "link", "some"]
        );
    }
}
