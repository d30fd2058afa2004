//! The words people type for what a page says: "salary" for pay, "doctor" for medicine. Applied
//! when the index is built, so the script stays as it is: a page that holds one word of a group
//! is also filed under every other word of it, in the same place (title, alias or body).
//!
//! A page's word joins a group when it is a word of the group or, ending in `s`, its singular is
//! (`physicians` joins the group of `physician`). Groups are not chained: a page is filed under the
//! words of the groups its own words belong to, nothing further. The built-in groups cover pay and
//! common professions; `site.yaml` adds words (`search: { synonyms: { pay: [remuneration] } }`):
//! an entry joins the first built-in group that holds one of its words, or starts a new group.

use rustc_hash::FxHashMap as HashMap;

use super::tokenise::tokens;

/// Built-in groups: pay, and the professions people come from as the data names them.
pub const BUILT_IN: &[&[&str]] = &[
    &["pay", "salary", "salaries", "wage", "wages", "earnings", "income", "compensation", "paid"],
    &["doctor", "doctors", "physician", "physicians", "clinician", "clinicians", "medicine", "medical", "md"],
    &["nurse", "nurses", "nursing", "clinician", "clinicians", "medicine", "medical"],
    &["lawyer", "lawyers", "attorney", "attorneys", "law", "legal", "paralegal", "paralegals", "jd"],
    &["teacher", "teachers", "teaching", "educator", "educators", "education", "instructor", "instructors", "tutor"],
    &["accountant", "accountants", "accounting", "cpa", "bookkeeper", "bookkeepers"],
    &["developer", "developers", "programmer", "programmers", "coder", "coders", "software"],
    &["writer", "writers", "writing", "copywriter", "copywriters"],
    &["recruiter", "recruiters", "recruiting", "recruitment", "hr"],
    &["scientist", "scientists", "researcher", "researchers", "research"],
];

#[derive(Debug, Default)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
    /// Word -> the groups that hold it.
    by_word: HashMap<String, Vec<usize>>,
    /// The first bytes and the greatest length of the words in `by_word`: most words of a page
    /// start with no such byte or are longer, and are passed over without hashing them.
    first: [u64; 4],
    longest: usize,
}

impl Synonyms {
    /// The built-in groups and a site's own entries (each word as the tokeniser reads it; an entry
    /// that is not one word is reported by `check` and left out here).
    pub fn new<'a>(extra: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Synonyms {
        let mut s = Synonyms::default();
        for g in BUILT_IN {
            s.add_group(g.iter().map(|w| w.to_string()).collect());
        }
        for (key, values) in extra {
            let words: Vec<String> =
                std::iter::once(key).chain(values).filter_map(one_word).filter(|w| !w.is_empty()).collect();
            let home = words.iter().find_map(|w| s.by_word.get(w).and_then(|g| g.first().copied()));
            match home {
                Some(g) => {
                    for w in words {
                        if !s.groups[g].contains(&w) {
                            s.note(&w);
                            s.groups[g].push(w.clone());
                            s.by_word.entry(w).or_default().push(g);
                        }
                    }
                }
                None => s.add_group(words),
            }
        }
        s
    }

    fn add_group(&mut self, words: Vec<String>) {
        let g = self.groups.len();
        for w in &words {
            self.note(w);
            let e = self.by_word.entry(w.clone()).or_default();
            if !e.contains(&g) {
                e.push(g);
            }
        }
        self.groups.push(words);
    }

    /// Remember the first byte and the length of a word of a group.
    fn note(&mut self, w: &str) {
        if let Some(&b) = w.as_bytes().first() {
            self.first[usize::from(b >> 6)] |= 1 << (b & 63);
        }
        self.longest = self.longest.max(w.len());
    }

    /// Whether `w` or its singular can be a word of a group (no false "no").
    fn may_hold(&self, w: &str) -> bool {
        match w.as_bytes().first() {
            Some(&b) => w.len() <= self.longest + 1 && self.first[usize::from(b >> 6)] & (1 << (b & 63)) != 0,
            None => false,
        }
    }

    /// The words `words` should also be filed under (not including `words` themselves unless a
    /// group repeats them; callers sort and dedup).
    pub fn expand<'w>(&self, words: impl IntoIterator<Item = &'w str>) -> Vec<String> {
        let mut out = Vec::new();
        for w in words.into_iter().filter(|w| self.may_hold(w)) {
            let singular = w.strip_suffix('s').filter(|s| s.len() >= 2);
            for key in std::iter::once(w).chain(singular) {
                for &g in self.by_word.get(key).map(Vec::as_slice).unwrap_or(&[]) {
                    out.extend(self.groups[g].iter().cloned());
                }
            }
        }
        out
    }
}

/// The word `text` is as search reads it, if it is one word.
pub fn one_word(text: &str) -> Option<String> {
    let mut t = tokens(text);
    (t.len() == 1).then(|| t.remove(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(s: &Synonyms, w: &str) -> Vec<String> {
        let mut v = s.expand([w]);
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn plurals_join_and_site_words_extend_a_group() {
        let s = Synonyms::new([("remuneration", vec!["pay"]), ("vet", vec!["veterinarian"])]);
        assert!(expand(&s, "physicians").contains(&"doctor".to_string()));
        assert!(expand(&s, "salary").contains(&"remuneration".to_string()));
        assert_eq!(expand(&s, "veterinarians"), ["vet", "veterinarian"]);
        assert!(expand(&s, "python").is_empty());
        // The longest word of a group, in the plural: one byte longer than any word held.
        assert!(expand(&s, "remunerations").contains(&"pay".to_string()));
        assert!(expand(&s, "").is_empty());
    }
}
