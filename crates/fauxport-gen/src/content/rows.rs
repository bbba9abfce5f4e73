//! Which corpus entry a row shows.
//!
//! Rows go through the corpus in cycles of `n` rows (`n` entries): within a cycle every entry is
//! shown once, in an order that is a permutation keyed by `(seed, project, cycle)`. So rows spread
//! over the whole corpus, two projects show it in different orders, and the order does not repeat
//! from one cycle to the next. The permutation is computed per row (a small Feistel network with
//! cycle walking), so nothing is stored and row `i` stays a pure function of `(seed, project, i)`.

use super::corpus::{Corpus, Entry};
use crate::rng::hash_key;

/// The stream label of entry permutations.
const ORDER: u64 = 0xC0_4B05;

impl Corpus {
    /// The entry row `row` of project `project` shows, with its position in the file.
    pub fn entry_of(&self, seed: u64, project: usize, row: u64) -> (usize, &Entry) {
        let i = entry_index(seed, project, row, self.len());
        (i, &self.entries()[i])
    }
}

/// The position, in a corpus of `len` entries, of the entry row `row` of `project` shows.
pub(crate) fn entry_index(seed: u64, project: usize, row: u64, len: usize) -> usize {
    let n = len.max(1) as u64;
    let (cycle, pos) = (row / n, row % n);
    if n == 1 {
        return 0;
    }
    let key = hash_key(&[seed, ORDER, project as u64, cycle]);
    let permutation = Feistel::new(n, key);
    // Cycle walking: the network permutes [0, 2^(2h)) with 2^(2h) < 4n, so a few steps reach a
    // value below n, and following the cycle keeps the map a bijection of [0, n).
    let mut x = pos;
    loop {
        x = permutation.apply(x);
        if x < n {
            return x as usize;
        }
    }
}

/// A 4-round balanced Feistel network on `2h`-bit numbers.
struct Feistel {
    half: u32,
    mask: u64,
    key: u64,
}

impl Feistel {
    fn new(n: u64, key: u64) -> Feistel {
        let bits = (64 - (n - 1).leading_zeros()).max(2);
        let half = bits.div_ceil(2);
        Feistel {
            half,
            mask: (1 << half) - 1,
            key,
        }
    }

    fn apply(&self, x: u64) -> u64 {
        let (mut left, mut right) = (x >> self.half, x & self.mask);
        for round in 0..4 {
            let f = hash_key(&[self.key, round, right]) & self.mask;
            (left, right) = (right, left ^ f);
        }
        (left << self.half) | right
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(seed: u64, project: usize, cycle: u64, n: usize) -> Vec<usize> {
        (0..n as u64)
            .map(|pos| entry_index(seed, project, cycle * n as u64 + pos, n))
            .collect()
    }

    #[test]
    fn every_cycle_shows_every_entry_once() {
        for n in [1, 2, 3, 5, 7, 40, 64, 65, 1000, 4099] {
            for cycle in 0..3 {
                let mut seen = order(42, 1, cycle, n);
                seen.sort_unstable();
                assert_eq!(seen, (0..n).collect::<Vec<_>>(), "n = {n}, cycle {cycle}");
            }
        }
    }

    #[test]
    fn the_order_depends_on_seed_project_and_cycle() {
        let base = order(42, 0, 0, 40);
        assert_eq!(base, order(42, 0, 0, 40));
        assert_ne!(base, order(43, 0, 0, 40), "another seed");
        assert_ne!(base, order(42, 1, 0, 40), "another project");
        assert_ne!(base, order(42, 0, 1, 40), "the next cycle");
        assert_ne!(base, (0..40).collect::<Vec<_>>(), "file order");
    }
}
