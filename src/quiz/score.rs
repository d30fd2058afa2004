//! The scoring reference, exactly as PRODUCT.md section 2 defines it. The quiz page's script
//! must agree with these functions bit for bit (rankings and labels); `tests/quiz.rs` proves it.
//!
//! - a sheet's trait totals `t` and a role's `fit` `f` are integer vectors; `d = t·f`, `nt = t·t`,
//!   `nf = f·f`, all exact;
//! - role A ranks above role B when `sign(d_A)·d_A²·nf_B > sign(d_B)·d_B²·nf_A` (i128); exact ties
//!   go to the smaller role id (roles are sorted by id, so to the smaller index);
//! - the displayed score `d / sqrt(nt·nf)` (f64, one square root of the exact product) only picks
//!   the label; a role with `d <= 0` is never a match and has no label;
//! - a sheet is flat when its totals are equal over the quiz's active traits.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use super::Quiz;

/// The options chosen for each question, by index, in question order. An empty list is an
/// unanswered question.
pub type Sheet = Vec<Vec<usize>>;

/// One role's place in a ranking.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    pub role: usize,
    pub d: i64,
    /// Index into `Quiz::labels`; `None` when `d <= 0` or no label's `min` is reached.
    pub label: Option<usize>,
}

/// The score of one answer sheet: trait totals, whether it is flat, the ranking.
pub struct SheetScore {
    pub totals: Vec<i64>,
    pub flat: bool,
    /// Every role, best first.
    pub ranking: Vec<Entry>,
}

pub fn totals(q: &Quiz, sheet: &[Vec<usize>]) -> Vec<i64> {
    let mut t = vec![0i64; q.traits.len()];
    for (question, chosen) in q.questions.iter().zip(sheet) {
        for &o in chosen {
            for (ti, a) in t.iter_mut().zip(&question.options[o].adds) {
                *ti += a;
            }
        }
    }
    t
}

pub fn dot(a: &[i64], b: &[i64]) -> i64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Totals all equal over the active traits (all zero included; no active trait: flat).
pub fn is_flat(q: &Quiz, t: &[i64]) -> bool {
    let mut vals = q.active.iter().map(|&i| t[i]);
    match vals.next() {
        None => true,
        Some(first) => vals.all(|v| v == first),
    }
}

/// `Less` when role A (with `d_a`, `nf_a`, index `a`) ranks above role B.
pub fn order(d_a: i64, nf_a: i64, a: usize, d_b: i64, nf_b: i64, b: usize) -> Ordering {
    let key = |d: i64, nf_other: i64| i128::from(d.signum()) * i128::from(d) * i128::from(d) * i128::from(nf_other);
    key(d_b, nf_a).cmp(&key(d_a, nf_b)).then(a.cmp(&b))
}

/// The displayed score: `d / sqrt(nt·nf)`, the product exact, then one rounding to f64.
pub fn score(d: i64, nt: i64, nf: i64) -> f64 {
    let product = i128::from(nt) * i128::from(nf);
    d as f64 / (product as f64).sqrt()
}

/// The label with the highest `min` at or below the score; none for `d <= 0`.
pub fn label(q: &Quiz, d: i64, nt: i64, nf: i64) -> Option<usize> {
    if d <= 0 {
        return None;
    }
    let s = score(d, nt, nf);
    q.labels.iter().position(|(min, _)| *min <= s)
}

/// Every role, best first, for trait totals `t`.
pub fn rank(q: &Quiz, t: &[i64]) -> Vec<Entry> {
    let nt = dot(t, t);
    let mut v: Vec<Entry> =
        q.roles.iter().enumerate().map(|(i, r)| Entry { role: i, d: dot(t, &r.fit), label: None }).collect();
    v.sort_by(|a, b| order(a.d, q.roles[a.role].nf, a.role, b.d, q.roles[b.role].nf, b.role));
    for e in &mut v {
        e.label = label(q, e.d, nt, q.roles[e.role].nf);
    }
    v
}

pub fn score_sheet(q: &Quiz, sheet: &[Vec<usize>]) -> SheetScore {
    let t = totals(q, sheet);
    let flat = is_flat(q, &t);
    let ranking = rank(q, &t);
    SheetScore { totals: t, flat, ranking }
}

/// The role's required skills that no chosen option `has`, most important first.
pub fn skills_to_learn<'q>(q: &'q Quiz, role: usize, sheet: &[Vec<usize>]) -> Vec<&'q str> {
    let has: BTreeSet<&str> = q
        .questions
        .iter()
        .zip(sheet)
        .flat_map(|(question, chosen)| chosen.iter().flat_map(move |&o| question.options[o].has.iter()))
        .map(String::as_str)
        .collect();
    q.roles[role].need.iter().map(String::as_str).filter(|s| !has.contains(s)).collect()
}

/// A sheet from `question:option` pairs (the shareable form); unknown ids are skipped, a `one`
/// question keeps its last answer, a `many` question each option once, in file order.
pub fn sheet_from_ids(q: &Quiz, pairs: &[(&str, &str)]) -> Sheet {
    let mut sheet: Sheet = vec![Vec::new(); q.questions.len()];
    for (qid, oid) in pairs {
        let Some(qi) = q.questions.iter().position(|x| x.id == *qid) else { continue };
        let question = &q.questions[qi];
        let Some(oi) = question.options.iter().position(|o| o.id == *oid) else { continue };
        if question.many {
            if !sheet[qi].contains(&oi) {
                sheet[qi].push(oi);
                sheet[qi].sort_unstable();
            }
        } else {
            sheet[qi] = vec![oi];
        }
    }
    sheet
}

/// Whether every question is answered as a complete sheet needs: one option for a `one` question,
/// one or more for a `many` question.
pub fn is_complete(q: &Quiz, sheet: &[Vec<usize>]) -> bool {
    q.questions.iter().zip(sheet).all(|(question, c)| if question.many { !c.is_empty() } else { c.len() == 1 })
        && sheet.len() == q.questions.len()
}
