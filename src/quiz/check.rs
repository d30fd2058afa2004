//! Which roles the quiz can recommend (PRODUCT.md section 2): a role is recommendable when some
//! complete sheet (one option for each `one` question, one or more for each `many` question) that
//! is not flat puts it in the top three with `d > 0`.
//!
//! Only a sheet's trait totals matter, so the check enumerates the distinct total vectors exactly,
//! question by question, up to `EXACT_LIMIT` of them; beyond that it samples `SAMPLES` sheets from
//! a fixed seed, so its verdict never changes between runs.
//!
//! Two shortcuts that leave the verdict as defined: the first `WITNESSES` sheets of that seeded
//! stream are judged first, and a role one of them recommends is recommendable (the sheet is a
//! witness; it is also among the sampled sheets when sampling applies), so the enumeration runs
//! only when some role has no witness yet, and stops once every role has one. The verdict is
//! cached in memory by the quiz's numbers, so a `serve` that rebuilds after an unrelated edit does
//! not recompute it.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering as AtomicOrdering};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use super::score::order;
use super::Quiz;
use crate::diagnostic::Diagnostic;
use crate::model::Model;

/// Distinct trait-total vectors enumerated exactly, at most.
pub const EXACT_LIMIT: usize = 1_000_000;
/// Additions the exact enumeration may spend before it gives way to sampling (only a quiz with a
/// `many` question of very many options gets near it).
pub const WORK_LIMIT: u64 = 200_000_000;
/// Sheets sampled when the exact enumeration is out of reach.
pub const SAMPLES: usize = 100_000;
/// The sampler's fixed seed ("ladder").
pub const SEED: u64 = 0x6c61_6464_6572;
/// Seeded sheets judged before any enumeration (the first of the `SAMPLES`).
pub const WITNESSES: usize = 2_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Every role was recommended by one of the first seeded sheets.
    Witnesses(usize),
    /// Every distinct trait-total vector (this many) was judged.
    Exact(usize),
    /// This many seeded sheets were judged (the distinct totals were past the limit).
    Sampled(usize),
}

pub struct Verdict {
    /// Per role, in `Quiz::roles` order: true when no sheet recommends it.
    pub unrecommendable: Vec<bool>,
    pub method: Method,
}

/// The verdict for a quiz, computed once per distinct quiz and role profiles in this process.
pub fn verdict(q: &Quiz) -> Arc<Verdict> {
    type Cache = Mutex<Vec<(Vec<i64>, Arc<Verdict>)>>;
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let key = cache_key(q);
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    if let Ok(c) = cache.lock() {
        if let Some((_, v)) = c.iter().find(|(k, _)| *k == key) {
            return v.clone();
        }
    }
    let v = Arc::new(compute(q, WITNESSES));
    if let Ok(mut c) = cache.lock() {
        if c.len() >= 4 {
            c.remove(0);
        }
        c.push((key, v.clone()));
    }
    v
}

/// Everything the verdict depends on: traits, the questions' vectors, the roles' fits in id order.
fn cache_key(q: &Quiz) -> Vec<i64> {
    let mut key = vec![q.traits.len() as i64, q.questions.len() as i64, q.roles.len() as i64];
    for question in &q.questions {
        key.push(i64::from(question.many));
        key.push(question.options.len() as i64);
        key.extend(question.options.iter().flat_map(|o| o.adds.iter().copied()));
    }
    key.extend(q.roles.iter().flat_map(|r| r.fit.iter().copied()));
    key
}

/// The warning of `ladder check`: one per role the quiz cannot recommend, at its `fit`.
pub fn warnings(m: &Model) -> Vec<Diagnostic> {
    if m.loaded.quiz.is_none()
        || m.loaded
            .diagnostics
            .iter()
            .any(|d| d.path == crate::load::QUIZ || d.path.starts_with(crate::data::files::ROLES))
    {
        return Vec::new();
    }
    let Some(q) = Quiz::from_model(m) else { return Vec::new() };
    let v = verdict(&q);
    let how = match v.method {
        Method::Exact(n) | Method::Witnesses(n) => format!("all {n} distinct answer totals were tried"),
        Method::Sampled(n) => format!("{n} answer sheets were sampled"),
    };
    let mut out = Vec::new();
    for (i, r) in q.roles.iter().enumerate() {
        if !v.unrecommendable[i] {
            continue;
        }
        let Some(rec) = m.roles.get(r.id.as_str()) else { continue };
        let (line, col) = rec
            .data
            .fit
            .as_ref()
            .map(|f| (f.referenced.line() as usize, f.referenced.column() as usize))
            .unwrap_or((1, 1));
        out.push(
            Diagnostic::warning(&rec.path, line, col, "the quiz cannot recommend this role: no answer sheet puts it in the top three")
                .help(format!(
                    "{how}; give `fit` the traits that set this role apart from similar ones, or let an answer in `data/quiz.yaml` add to them"
                )),
        );
    }
    out
}

/// The verdict without the cache; `witnesses` seeded sheets are judged first (0: none).
pub fn compute(q: &Quiz, witnesses: usize) -> Verdict {
    let n = q.roles.len();
    let hits: Vec<AtomicBool> = (0..n).map(|_| AtomicBool::new(false)).collect();
    let found = AtomicUsize::new(0);
    let verdict =
        |method| Verdict { unrecommendable: hits.iter().map(|h| !h.load(AtomicOrdering::Relaxed)).collect(), method };
    let first = witnesses.min(SAMPLES);
    if first > 0 {
        recommended(q, &Totals::Flat(&sampled_totals(q, 0, first, SEED)), &hits, &found);
        if found.load(AtomicOrdering::Relaxed) == n {
            return verdict(Method::Witnesses(first));
        }
    }
    match Layout::new(q) {
        Some(l) => {
            if let Some(keys) = distinct_packed(q, &l) {
                recommended(q, &Totals::Packed(&keys, &l), &hits, &found);
                return verdict(Method::Exact(keys.len()));
            }
        }
        None => {
            if let Some(t) = distinct_boxed(q) {
                recommended(q, &Totals::Flat(&t), &hits, &found);
                return verdict(Method::Exact(t.len() / q.traits.len().max(1)));
            }
        }
    }
    recommended(q, &Totals::Flat(&sampled_totals(q, first, SAMPLES, SEED)), &hits, &found);
    verdict(Method::Sampled(SAMPLES))
}

/// How many distinct trait-total vectors the complete sheets have; `None` past the limits.
pub fn distinct_count(q: &Quiz) -> Option<usize> {
    match Layout::new(q) {
        Some(l) => distinct_packed(q, &l).map(|k| k.len()),
        None => distinct_boxed(q).map(|t| t.len() / q.traits.len().max(1)),
    }
}

/// A fast hash for small integer vectors (the sets below hold up to a million of them).
#[derive(Default)]
struct Fx(u64);

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(b));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn write_i128(&mut self, v: i128) {
        self.write_u64(v as u64);
        self.write_u64((v >> 64) as u64);
    }
}

/// Totals packed into one integer: trait `i` takes `bits` wide enough for every partial total's
/// range `lo..=hi` (sums of what each question can add, negatives and positives apart), so adding
/// a question's vector is one integer addition and equal vectors are equal keys.
struct Layout {
    lo: Vec<i64>,
    shift: Vec<u32>,
    bits: Vec<u32>,
}

impl Layout {
    fn new(q: &Quiz) -> Option<Layout> {
        let k = q.traits.len();
        let (mut lo, mut hi) = (vec![0i64; k], vec![0i64; k]);
        for question in &q.questions {
            for i in 0..k {
                let vals = question.options.iter().map(|o| o.adds[i]);
                let (qlo, qhi) = if question.many {
                    (vals.clone().filter(|v| *v < 0).sum(), vals.filter(|v| *v > 0).sum())
                } else {
                    (vals.clone().min().unwrap_or(0).min(0), vals.max().unwrap_or(0).max(0))
                };
                lo[i] += qlo;
                hi[i] += qhi;
            }
        }
        let bits: Vec<u32> = lo.iter().zip(&hi).map(|(l, h)| 64 - ((h - l) as u64).leading_zeros()).collect();
        let mut shift = Vec::with_capacity(k);
        let mut at = 0u32;
        for b in &bits {
            shift.push(at);
            at += b;
        }
        (at <= 120).then_some(Layout { lo, shift, bits })
    }

    /// A question's vector as the amount it adds to a key.
    fn delta(&self, v: &[i64]) -> i128 {
        v.iter().zip(&self.shift).map(|(x, s)| i128::from(*x) << s).sum()
    }

    fn key(&self, v: &[i64]) -> i128 {
        v.iter().zip(&self.lo).zip(&self.shift).map(|((x, lo), s)| i128::from(x - lo) << s).sum()
    }

    fn unpack(&self, key: i128) -> impl Iterator<Item = i64> + '_ {
        (0..self.lo.len()).map(move |i| ((key >> self.shift[i]) & ((1i128 << self.bits[i]) - 1)) as i64 + self.lo[i])
    }
}

type KeySet = HashSet<i128, BuildHasherDefault<Fx>>;

fn distinct_packed(q: &Quiz, l: &Layout) -> Option<Vec<i128>> {
    let mut work: u64 = 0;
    let mut cur: Vec<i128> = vec![l.key(&vec![0; q.traits.len()])];
    for question in &q.questions {
        let deltas = question.options.iter().map(|o| l.delta(&o.adds));
        // What the question can add: one option's vector, or the sum of any non-empty subset.
        let mut choices: Vec<i128> = if question.many {
            let mut sums = KeySet::default();
            for d in deltas {
                let next: Vec<i128> = sums.iter().map(|s| s + d).chain([d]).collect();
                work += next.len() as u64;
                sums.extend(next);
                if sums.len() > EXACT_LIMIT || work > WORK_LIMIT {
                    return None;
                }
            }
            sums.into_iter().collect()
        } else {
            deltas.collect()
        };
        choices.sort_unstable();
        choices.dedup();
        // |A + B| >= |A| + |B| - 1 in Z^k, so past this the total set is past the limit too.
        if cur.len() + choices.len() - 1 > EXACT_LIMIT {
            return None;
        }
        work += (cur.len() * choices.len()) as u64;
        if work > WORK_LIMIT {
            return None;
        }
        let mut next =
            KeySet::with_capacity_and_hasher((cur.len() * choices.len()).min(EXACT_LIMIT + 1), Default::default());
        for a in &cur {
            next.extend(choices.iter().map(|c| a + c));
            if next.len() > EXACT_LIMIT {
                return None;
            }
        }
        cur = next.into_iter().collect();
    }
    Some(cur)
}

type VecSet = HashSet<Box<[i32]>, BuildHasherDefault<Fx>>;

fn add(a: &[i32], b: &[i32]) -> Box<[i32]> {
    a.iter().zip(b).map(|(x, y)| x + y).collect()
}

/// The same enumeration over plain vectors, for quizzes with too many traits to pack.
fn distinct_boxed(q: &Quiz) -> Option<Vec<i64>> {
    let k = q.traits.len();
    let mut work: u64 = 0;
    let mut cur: Vec<Box<[i32]>> = vec![vec![0i32; k].into_boxed_slice()];
    for question in &q.questions {
        let vectors: Vec<Box<[i32]>> =
            question.options.iter().map(|o| o.adds.iter().map(|&v| v as i32).collect()).collect();
        let mut choices: Vec<Box<[i32]>> = if question.many {
            let mut sums: VecSet = VecSet::default();
            for v in &vectors {
                let mut next: Vec<Box<[i32]>> = sums.iter().map(|s| add(s, v)).collect();
                work += next.len() as u64;
                next.push(v.clone());
                sums.extend(next);
                if sums.len() > EXACT_LIMIT || work > WORK_LIMIT {
                    return None;
                }
            }
            sums.into_iter().collect()
        } else {
            vectors
        };
        choices.sort();
        choices.dedup();
        if cur.len() + choices.len() - 1 > EXACT_LIMIT {
            return None;
        }
        work += (cur.len() * choices.len()) as u64;
        if work > WORK_LIMIT {
            return None;
        }
        let mut next = VecSet::default();
        for a in &cur {
            for c in &choices {
                next.insert(add(a, c));
            }
            if next.len() > EXACT_LIMIT {
                return None;
            }
        }
        cur = next.into_iter().collect();
    }
    Some(cur.iter().flat_map(|v| v.iter().map(|&x| i64::from(x))).collect())
}

/// SplitMix64: a small, well-mixed generator, so the samples (and the tests' sheets) are the same
/// on every machine.
pub struct SplitMix(pub u64);

impl SplitMix {
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The totals of sheets `from..to` of the stream drawn from `seed`: each `one` question answered
/// uniformly, each option of a `many` question taken with probability 1/2 (redrawn when none is).
pub fn sampled_totals(q: &Quiz, from: usize, to: usize, seed: u64) -> Vec<i64> {
    let k = q.traits.len();
    let mut rng = SplitMix(seed);
    let mut out = Vec::with_capacity(to.saturating_sub(from) * k);
    for i in 0..to {
        let mut t = vec![0i64; k];
        for question in &q.questions {
            let chosen: Vec<usize> = if question.many {
                loop {
                    let c: Vec<usize> = (0..question.options.len()).filter(|_| rng.next() & 1 == 1).collect();
                    if !c.is_empty() {
                        break c;
                    }
                }
            } else {
                vec![rng.below(question.options.len())]
            };
            for o in chosen {
                for (ti, a) in t.iter_mut().zip(&question.options[o].adds) {
                    *ti += a;
                }
            }
        }
        if i >= from {
            out.extend(t);
        }
    }
    out
}

/// Total vectors to judge: flattened, or packed keys unpacked as they are judged.
enum Totals<'a> {
    Flat(&'a [i64]),
    Packed(&'a [i128], &'a Layout),
}

/// Marks in `hits` every role that some non-flat total vector puts in the top three with
/// `d > 0` (every role with `d > 0` ranks above every role without, so only those compete).
/// Stops early once every role is marked: the verdict cannot change.
fn recommended(q: &Quiz, totals: &Totals, hits: &[AtomicBool], found: &AtomicUsize) {
    let k = q.traits.len();
    let n = q.roles.len();
    if k == 0 || n == 0 {
        return;
    }
    // Each fit as a unit vector (one dense row per role) to screen roles with doubles; the
    // roles that pass are judged exactly, in integers.
    let units: Vec<f64> =
        q.roles.iter().flat_map(|r| r.fit.iter().map(move |&f| f as f64 / (r.nf as f64).sqrt())).collect();
    let nf: Vec<i64> = q.roles.iter().map(|r| r.nf).collect();
    let count = match totals {
        Totals::Flat(t) => t.len() / k,
        Totals::Packed(keys, _) => keys.len(),
    };
    const CHUNK: usize = 2048;
    (0..count.div_ceil(CHUNK)).into_par_iter().for_each(|c| {
        if found.load(AtomicOrdering::Relaxed) == n {
            return;
        }
        let mut t = vec![0i64; k];
        for s in c * CHUNK..((c + 1) * CHUNK).min(count) {
            match totals {
                Totals::Flat(flat) => t.copy_from_slice(&flat[s * k..(s + 1) * k]),
                Totals::Packed(keys, l) => {
                    for (x, v) in t.iter_mut().zip(l.unpack(keys[s])) {
                        *x = v;
                    }
                }
            }
            if super::score::is_flat(q, &t) {
                continue;
            }
            // The best three (d, role), best first, and the third's screening key.
            let mut top: [(i64, usize); 3] = [(0, usize::MAX); 3];
            let mut len = 0;
            let mut floor = 0.0f64;
            let tf: Vec<f64> = t.iter().map(|&x| x as f64).collect();
            // The screening key t·u is off by less than this (rounding, cancellation included):
            // a role whose key is further below the third's cannot beat it.
            let slack = 1e-9 * tf.iter().map(|x| x.abs()).sum::<f64>();
            for (r, unit) in units.chunks_exact(k).enumerate() {
                let key: f64 = unit.iter().zip(&tf).map(|(u, x)| u * x).sum();
                if key < floor - slack {
                    continue;
                }
                let fit = &q.roles[r].fit;
                let d: i64 = fit.iter().zip(&t).map(|(f, x)| f * x).sum();
                if d <= 0 {
                    continue;
                }
                let beats = |&(bd, br): &(i64, usize)| order(d, nf[r], r, bd, nf[br], br).is_lt();
                if len == 3 && !beats(&top[2]) {
                    continue;
                }
                let mut at = len.min(2);
                while at > 0 && beats(&top[at - 1]) {
                    at -= 1;
                }
                for j in (at + 1..3).rev() {
                    top[j] = top[j - 1];
                }
                top[at] = (d, r);
                len = (len + 1).min(3);
                if len == 3 {
                    floor = units[top[2].1 * k..(top[2].1 + 1) * k].iter().zip(&tf).map(|(u, x)| u * x).sum();
                }
            }
            for &(_, r) in &top[..len] {
                if !hits[r].swap(true, AtomicOrdering::Relaxed) {
                    found.fetch_add(1, AtomicOrdering::Relaxed);
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sampling_is_the_same_every_run() {
        let mut a = SplitMix(SEED);
        let mut b = SplitMix(SEED);
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
    }
}
