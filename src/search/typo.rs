//! Typo tolerance: how many edits a typed word may carry, the edit distance, and the two-letter
//! keys that file every word of the vocabulary so a query finds its near words in a few files.
//!
//! Edits are counted as optimal string alignment (Damerau-Levenshtein where a swap of two
//! neighbouring letters is one edit, as PRODUCT.md asks). A word of fewer than 4 letters may
//! carry none, from 4 letters one, from 8 letters two.
//!
//! Why two-letter keys find early typos: if `q` and `t` are at most `k` edits apart, deleting at
//! most `k` letters from each leaves a common word `s` (a substitution or a swap deletes one
//! letter on each side, an insertion one on one side). The first two letters of `s` sit within the
//! first `k + 2` letters of both words. So each vocabulary word is filed under every ordered pair
//! of its first four letters (`python`: `py pt ph yt yh th`), and a query looks only under the
//! pairs of its own first `k + 2` letters (`ptyhon`, one edit allowed: `pt py ty`). One file
//! holds many keys (`key_file`), so a one-typo word reads three files, a two-typo word six, and a
//! word without typos one, wherever the typo is ("ptyhon", "gouvernance").

/// Edits allowed in a typed word of `len` characters.
pub fn allowed_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The keys a vocabulary word is filed under: ordered pairs of its first four letters (a
/// one-letter word: the letter alone).
pub fn word_keys(w: &[char]) -> Vec<Vec<char>> {
    pairs(w, 3)
}

/// The keys a typed word looks under: pairs of its first `k + 2` letters.
pub fn query_keys(q: &[char]) -> Vec<Vec<char>> {
    pairs(q, allowed_typos(q.len()) + 1)
}

fn pairs(w: &[char], last: usize) -> Vec<Vec<char>> {
    if w.len() == 1 {
        return vec![vec![w[0]]];
    }
    let mut out: Vec<Vec<char>> = Vec::new();
    for j in 1..=last.min(w.len().saturating_sub(1)) {
        for i in 0..j {
            let k = vec![w[i], w[j]];
            if !out.contains(&k) {
                out.push(k);
            }
        }
    }
    out
}

/// FNV-1a (32 bits) over the key's code points, modulo the number of vocabulary files.
pub fn key_file(key: &[char], files: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &c in key {
        h = (h ^ c as u32).wrapping_mul(0x0100_0193);
    }
    h as usize % files.max(1)
}

/// Edit distance between `a` and `b`, or `None` when it exceeds `max`. With `prefix`, the
/// distance from `a` to the closest prefix of `b` (the word being typed).
pub fn distance(a: &[char], b: &[char], max: usize, prefix: bool) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    if !prefix && n.abs_diff(m) > max {
        return None;
    }
    // Rows over `a`, columns over `b`; three rows suffice for the swap rule.
    let mut prev2: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur: Vec<usize> = vec![0; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = if prefix { prev.iter().copied().min().unwrap_or(n) } else { prev[m] };
    (d <= max).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn swaps_count_once() {
        assert_eq!(distance(&c("ptyhon"), &c("python"), 2, false), Some(1));
        assert_eq!(distance(&c("gouvernance"), &c("governance"), 2, false), Some(1));
        assert_eq!(distance(&c("evaluater"), &c("evaluator"), 2, false), Some(1));
        assert_eq!(distance(&c("abc"), &c("xyz"), 2, false), None);
        assert_eq!(distance(&c("gouv"), &c("governance"), 1, true), Some(1));
        assert_eq!(distance(&c("pyth"), &c("python"), 0, true), Some(0));
    }

    #[test]
    fn keys_follow_length() {
        assert_eq!(query_keys(&c("py")), [c("py")]);
        assert_eq!(query_keys(&c("ptyhon")).len(), 3);
        assert_eq!(query_keys(&c("gouvernance")).len(), 6);
        assert_eq!(word_keys(&c("r")), [c("r")]);
    }
}
