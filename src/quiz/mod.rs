//! The role-fit quiz (PRODUCT.md sections 2 and 3), in three parts over one numeric form:
//!
//! - `Quiz::from_model` turns `data/quiz.yaml` and every role's `fit` into integer vectors over the
//!   quiz's traits (roles sorted by id, labels by `min`, highest first);
//! - `score` is the scoring reference: trait totals, flat sheets, the exact ranking, labels and the
//!   skills to learn next. The quiz page's script (`templates/quiz.js`) does the same with BigInt,
//!   and `tests/quiz.rs` diffs the two on thousands of sheets;
//! - `page` compiles the data that script runs on; `check` finds roles no answer sheet can
//!   recommend (a warning of `ladder check`, cached in memory).

pub mod check;
pub mod page;
pub mod score;

use crate::data::{Choose, Level};
use crate::model::Model;
use std::collections::BTreeMap;

/// The highest trait total any answer sheet may reach (PRODUCT.md section 2, scoring).
pub const TRAIT_TOTAL_LIMIT: i64 = 1 << 20;

/// The largest positive and negative total any answer sheet can give each trait (keys: trait ids
/// or indexes). A `choose: one` question adds one option's value, a `choose: many` question any of
/// its options' values. Fed option by option, question by question.
pub struct Reach<K> {
    total: BTreeMap<K, (i64, i64)>,
    question: BTreeMap<K, (i64, i64)>,
}

impl<K: Ord + Copy> Reach<K> {
    pub fn new() -> Self {
        Reach { total: BTreeMap::new(), question: BTreeMap::new() }
    }

    /// An option of the current question adds `value` to trait `key`.
    pub fn adds(&mut self, key: K, value: i64, many: bool) {
        let e = self.question.entry(key).or_insert((0, 0));
        if many {
            e.0 = e.0.saturating_add(value.max(0));
            e.1 = e.1.saturating_add(value.min(0));
        } else {
            e.0 = e.0.max(value);
            e.1 = e.1.min(value);
        }
    }

    pub fn end_question(&mut self) {
        for (key, (hi, lo)) in std::mem::take(&mut self.question) {
            let e = self.total.entry(key).or_insert((0, 0));
            e.0 = e.0.saturating_add(hi);
            e.1 = e.1.saturating_add(lo);
        }
    }

    /// Traits some answer sheet can push beyond ±`TRAIT_TOTAL_LIMIT`, in key order.
    pub fn beyond_limit(&self) -> impl Iterator<Item = K> + '_ {
        self.total.iter().filter(|(_, &(hi, lo))| hi > TRAIT_TOTAL_LIMIT || lo < -TRAIT_TOTAL_LIMIT).map(|(k, _)| *k)
    }
}

impl<K: Ord + Copy> Default for Reach<K> {
    fn default() -> Self {
        Self::new()
    }
}

/// The labels used when `data/quiz.yaml` gives none.
pub const DEFAULT_LABELS: &[(f64, &str)] = &[(0.80, "Strong fit"), (0.60, "Good fit"), (0.0, "Worth a look")];

pub struct Quiz {
    /// Trait ids and names, in file order: the dimensions of every vector below.
    pub traits: Vec<(String, String)>,
    /// Traits that some option adds a non-zero amount to: flatness is judged over these.
    pub active: Vec<usize>,
    pub questions: Vec<Question>,
    /// Sorted by id, bytewise: an index order is the tie order.
    pub roles: Vec<RoleFit>,
    /// Highest `min` first; equal `min`s keep file order.
    pub labels: Vec<(f64, String)>,
}

pub struct Question {
    pub id: String,
    pub many: bool,
    pub options: Vec<Opt>,
}

pub struct Opt {
    pub id: String,
    /// One entry per trait.
    pub adds: Vec<i64>,
    pub has: Vec<String>,
}

pub struct RoleFit {
    pub id: String,
    /// One entry per trait.
    pub fit: Vec<i64>,
    /// `fit·fit`.
    pub nf: i64,
    /// Required (not optional) skills, most important first: expert, working, basic, each in file order.
    pub need: Vec<String>,
}

impl Quiz {
    /// The quiz in numeric form, or `None` when there is no quiz or its data has an error that
    /// `validate` reports (an unknown trait, a value out of range, a role without a usable `fit`,
    /// a question without options): nothing is scored on broken data.
    pub fn from_model(m: &Model) -> Option<Quiz> {
        let q = m.loaded.quiz.as_ref()?;
        let traits: Vec<(String, String)> =
            q.traits.value.iter().map(|t| (t.id.value.clone(), t.name.clone())).collect();
        let k = traits.len();
        let index = |id: &str| traits.iter().position(|(t, _)| t == id);
        if k == 0 || q.questions.value.is_empty() || m.traits.len() != k {
            return None;
        }
        let mut questions = Vec::new();
        let mut reach = Reach::new();
        for qu in &q.questions.value {
            if qu.options.value.is_empty() {
                return None;
            }
            let mut options = Vec::new();
            for o in &qu.options.value {
                let mut adds = vec![0i64; k];
                for (t, v) in &o.adds.0 {
                    let i = index(&t.value)?;
                    if adds[i] != 0 || !(-5..=5).contains(&v.value) {
                        return None;
                    }
                    adds[i] = v.value;
                }
                for (i, &v) in adds.iter().enumerate() {
                    reach.adds(i, v, qu.choose == Choose::Many);
                }
                options.push(Opt {
                    id: o.id.value.clone(),
                    adds,
                    has: o.has.iter().map(|h| h.value.clone()).collect(),
                });
            }
            reach.end_question();
            questions.push(Question { id: qu.id.value.clone(), many: qu.choose == Choose::Many, options });
        }
        if reach.beyond_limit().next().is_some() {
            return None;
        }
        let active = (0..k).filter(|&i| questions.iter().flat_map(|q| &q.options).any(|o| o.adds[i] != 0)).collect();
        let mut roles = Vec::new();
        for r in &m.loaded.roles {
            let fit_data = r.data.fit.as_ref()?;
            let mut fit = vec![0i64; k];
            for (t, v) in &fit_data.value.0 {
                let i = index(&t.value)?;
                if fit[i] != 0 || !(0..=5).contains(&v.value) {
                    return None;
                }
                fit[i] = v.value;
            }
            let nf = fit.iter().map(|v| v * v).sum();
            if nf == 0 {
                return None;
            }
            let mut need: Vec<(std::cmp::Reverse<Level>, &str)> = r
                .data
                .skills
                .value
                .iter()
                .filter(|s| !s.optional)
                .map(|s| (std::cmp::Reverse(s.level), s.skill.value.as_str()))
                .collect();
            need.sort_by_key(|(level, _)| *level);
            let mut seen = std::collections::BTreeSet::new();
            let need = need.into_iter().filter(|(_, s)| seen.insert(*s)).map(|(_, s)| s.to_string()).collect();
            roles.push(RoleFit { id: r.id.clone(), fit, nf, need });
        }
        roles.sort_by(|a, b| a.id.cmp(&b.id));
        if roles.windows(2).any(|w| w[0].id == w[1].id) {
            return None;
        }
        let mut labels: Vec<(f64, String)> = if q.labels.is_empty() {
            DEFAULT_LABELS.iter().map(|(min, l)| (*min, l.to_string())).collect()
        } else {
            q.labels.iter().map(|l| (l.min.value, l.label.clone())).collect()
        };
        if labels.iter().any(|(min, _)| !min.is_finite()) {
            return None;
        }
        labels.sort_by(|a, b| b.0.total_cmp(&a.0));
        Some(Quiz { traits, active, questions, roles, labels })
    }

    pub fn role_index(&self, id: &str) -> Option<usize> {
        self.roles.binary_search_by(|r| r.id.as_str().cmp(id)).ok()
    }
}
