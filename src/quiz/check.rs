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

/// The roles that can be in some top three, as unit vectors in groups of similar direction, with
/// each group's per-trait highest and lowest component: `bound` is at least the screening key of
/// every role in the group, so one comparison can pass over the whole group.
struct Groups {
    /// Role indices, group after group.
    roles: Vec<usize>,
    /// Each role's fit divided by its length, one row of `k` per entry of `roles`.
    units: Vec<f64>,
    /// Each group's range in `roles`.
    ranges: Vec<(usize, usize)>,
    /// Per group, `k` highest then `k` lowest components.
    hilo: Vec<f64>,
    k: usize,
}

impl Groups {
    fn new(q: &Quiz) -> Groups {
        let k = q.traits.len();
        let roles = contenders(q);
        let unit = |r: usize| -> Vec<f64> {
            let len = (q.roles[r].nf as f64).sqrt();
            q.roles[r].fit.iter().map(|&f| f as f64 / len).collect()
        };
        // A group: the trait with the largest component and its sign, then (when there are roles
        // enough for the groups to stay full) the second largest and its sign.
        let two = 4 * k * k.saturating_sub(1) <= roles.len() / 16;
        let mut keyed: Vec<(Vec<usize>, usize, Vec<f64>)> = roles
            .into_iter()
            .map(|r| {
                let u = unit(r);
                let mut by: Vec<usize> = (0..k).collect();
                by.sort_by(|&a, &b| u[b].abs().total_cmp(&u[a].abs()).then(a.cmp(&b)));
                let key = by.iter().take(if two { 2 } else { 1 }).map(|&i| 2 * i + usize::from(u[i] < 0.0)).collect();
                (key, r, u)
            })
            .collect();
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut g = Groups { roles: Vec::new(), units: Vec::new(), ranges: Vec::new(), hilo: Vec::new(), k };
        for (i, (key, r, u)) in keyed.iter().enumerate() {
            if i == 0 || keyed[i - 1].0 != *key {
                g.ranges.push((i, i));
                g.hilo.extend(std::iter::repeat_n(f64::NEG_INFINITY, k).chain(std::iter::repeat_n(f64::INFINITY, k)));
            }
            let at = g.hilo.len() - 2 * k;
            for (j, &x) in u.iter().enumerate() {
                g.hilo[at + j] = g.hilo[at + j].max(x);
                g.hilo[at + k + j] = g.hilo[at + k + j].min(x);
            }
            if let Some(last) = g.ranges.last_mut() {
                last.1 = i + 1;
            }
            g.roles.push(*r);
            g.units.extend(u);
        }
        g
    }

    /// The screening key of the role at position `i`.
    fn key(&self, i: usize, t: &[f64]) -> f64 {
        self.units[i * self.k..(i + 1) * self.k].iter().zip(t).map(|(u, x)| u * x).sum()
    }

    /// Whether totals `t` can put none of the `open` positions in a top three: every open role
    /// has `d <= 0`, or three roles' keys are above every open role's by more than `slack` (the
    /// bound on a key's rounding) and above 0, so they have `d > 0` and rank above each open role.
    /// `bounds` are the groups' bounds for `t`, `first` the group with the highest.
    fn settled(&self, open: &[usize], bounds: &[f64], first: usize, t: &[f64], slack: f64) -> bool {
        let top = open.iter().map(|&i| self.key(i, t)).fold(f64::NEG_INFINITY, f64::max);
        if top < -slack {
            return true;
        }
        let above = top.max(0.0) + slack;
        let mut beaten = 0;
        for g in std::iter::once(first).chain((0..self.ranges.len()).filter(|&g| g != first)) {
            if bounds[g] <= above {
                continue;
            }
            let (from, to) = self.ranges[g];
            for i in from..to {
                if self.key(i, t) > above {
                    beaten += 1;
                    if beaten == 3 {
                        return true;
                    }
                }
            }
        }
        false
    }

    /// At least the screening key `t·u` of every role in group `g` (each component at its best).
    fn bound(&self, g: usize, t: &[f64]) -> f64 {
        let hl = &self.hilo[2 * self.k * g..2 * self.k * (g + 1)];
        t.iter().enumerate().map(|(j, &x)| if x >= 0.0 { hl[j] * x } else { hl[self.k + j] * x }).sum()
    }
}

/// The roles that can be in some top three, in index order. Roles whose fits point the same way
/// (each a positive multiple of one vector) have equal keys for every sheet, so the tie order (the
/// index) ranks them, and only the first three of each direction can be in a top three; a zero fit
/// never has `d > 0`.
fn contenders(q: &Quiz) -> Vec<usize> {
    fn gcd(a: u64, b: u64) -> u64 {
        if b == 0 {
            a
        } else {
            gcd(b, a % b)
        }
    }
    let mut seen: rustc_hash::FxHashMap<Vec<i64>, u8> = Default::default();
    let mut out = Vec::with_capacity(q.roles.len());
    for (i, r) in q.roles.iter().enumerate() {
        let g = r.fit.iter().fold(0, |g, x| gcd(g, x.unsigned_abs()));
        if g == 0 {
            continue;
        }
        let ahead = seen.entry(r.fit.iter().map(|x| x / g as i64).collect()).or_insert(0);
        if *ahead < 3 {
            *ahead += 1;
            out.push(i);
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
    let groups = Groups::new(q);
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
        // The contenders no sheet has put in a top three yet (as positions in `groups`): a sheet
        // matters only if it might put one of them there. Another thread may mark one meanwhile;
        // judging it as open is only more work.
        let open: Vec<usize> =
            (0..groups.roles.len()).filter(|&i| !hits[groups.roles[i]].load(AtomicOrdering::Relaxed)).collect();
        if open.is_empty() {
            return;
        }
        let mut t = vec![0i64; k];
        let mut tf = vec![0f64; k];
        let mut bounds = vec![0f64; groups.ranges.len()];
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
            // The best three (d, role, screening key), best first; the third's key is the floor.
            let mut top: [(i64, usize, f64); 3] = [(0, usize::MAX, 0.0); 3];
            let mut len = 0;
            let mut floor = 0.0f64;
            for (x, &v) in tf.iter_mut().zip(&t) {
                *x = v as f64;
            }
            // The screening key t·u is off by less than this (rounding, cancellation included):
            // a role whose key is further below the third's cannot beat it. A group's bound is
            // off by as little, so a group whose bound is below that cannot hold such a role.
            let slack = 1e-9 * tf.iter().map(|x| x.abs()).sum::<f64>();
            let (mut first, mut best) = (0, f64::NEG_INFINITY);
            for (g, b) in bounds.iter_mut().enumerate() {
                *b = groups.bound(g, &tf);
                if *b > best {
                    (first, best) = (g, *b);
                }
            }
            if groups.settled(&open, &bounds, first, &tf, slack) {
                continue;
            }
            // The group with the highest bound first, so the floor rises early.
            for g in std::iter::once(first).chain((0..groups.ranges.len()).filter(|&g| g != first)) {
                if bounds[g] < floor - slack {
                    continue;
                }
                let (from, to) = groups.ranges[g];
                for (&r, unit) in groups.roles[from..to].iter().zip(groups.units[from * k..to * k].chunks_exact(k)) {
                    let key: f64 = unit.iter().zip(&tf).map(|(u, x)| u * x).sum();
                    if key < floor - slack {
                        continue;
                    }
                    let fit = &q.roles[r].fit;
                    let d: i64 = fit.iter().zip(&t).map(|(f, x)| f * x).sum();
                    if d <= 0 {
                        continue;
                    }
                    let beats = |&(bd, br, _): &(i64, usize, f64)| order(d, nf[r], r, bd, nf[br], br).is_lt();
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
                    top[at] = (d, r, key);
                    len = (len + 1).min(3);
                    if len == 3 {
                        floor = top[2].2;
                    }
                }
            }
            for &(_, r, _) in &top[..len] {
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
    use crate::quiz::RoleFit;

    /// A quiz over two traits with these fits (no questions: the tests give totals directly).
    fn quiz_of(fits: &[[i64; 2]]) -> Quiz {
        Quiz {
            traits: vec![("a".into(), "A".into()), ("b".into(), "B".into())],
            active: vec![0, 1],
            questions: Vec::new(),
            roles: fits
                .iter()
                .enumerate()
                .map(|(i, f)| RoleFit {
                    id: format!("r{i}"),
                    fit: f.to_vec(),
                    nf: f[0] * f[0] + f[1] * f[1],
                    need: Vec::new(),
                })
                .collect(),
            labels: Vec::new(),
        }
    }

    /// The roles `recommended` marks for `totals` when `already` are marked.
    fn marked(q: &Quiz, totals: &[i64], already: &[usize]) -> Vec<usize> {
        let hits: Vec<AtomicBool> = (0..q.roles.len()).map(|i| AtomicBool::new(already.contains(&i))).collect();
        let found = AtomicUsize::new(already.len());
        recommended(q, &Totals::Flat(totals), &hits, &found);
        (0..q.roles.len()).filter(|&i| hits[i].load(AtomicOrdering::Relaxed) && !already.contains(&i)).collect()
    }

    #[test]
    fn a_third_place_is_found_when_the_two_above_are_already_marked() {
        // For totals (3, 1): r0 (3, 1) first, r1 (2, 1) second, r2 (1, 1) third, r3 (0, 1) fourth.
        let q = quiz_of(&[[3, 1], [2, 1], [1, 1], [0, 1]]);
        assert_eq!(marked(&q, &[3, 1], &[]), vec![0, 1, 2]);
        assert_eq!(marked(&q, &[3, 1], &[0, 1]), vec![2], "the third is still judged");
        assert_eq!(marked(&q, &[3, 1], &[0, 1, 2]), Vec::<usize>::new());
        // Totals that put r3 first: (0, 1) ranks r3, r2, r1.
        assert_eq!(marked(&q, &[3, 1, 0, 1], &[0, 1, 2]), vec![3]);
    }

    #[test]
    fn only_the_first_three_of_a_direction_contend() {
        // r0..r3 point the same way; ties go to the lower index, so r3 is never in a top three.
        let q = quiz_of(&[[1, 2], [2, 4], [3, 6], [4, 8], [5, 0]]);
        assert_eq!(contenders(&q), vec![0, 1, 2, 4]);
        assert_eq!(marked(&q, &[1, 2, 2, 1, 3, 0], &[]), vec![0, 1, 2, 4]);
    }

    #[test]
    fn sampling_is_the_same_every_run() {
        let mut a = SplitMix(SEED);
        let mut b = SplitMix(SEED);
        let xs: Vec<u64> = (0..5).map(|_| a.next()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next()).collect();
        assert_eq!(xs, ys);
    }
}
