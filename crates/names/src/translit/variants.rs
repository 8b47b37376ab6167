//! Building blocks shared by the script modules: a capped, de-duplicated list of spellings and
//! a best-first expander that turns "each piece of the word has these spellings, each with a
//! cost" into the cheapest whole-word spellings first.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashSet};

/// Most spellings kept for one word.
pub const MAX_VARIANTS: usize = 8;

/// One way to write a piece of a word, and how unusual it is (0 = the usual way).
pub type Opt = (&'static str, u8);

/// Spellings of one word: lower-case ASCII, non-empty, unique, at most [`MAX_VARIANTS`].
#[derive(Debug, Default, Clone)]
pub struct Variants(Vec<String>);

impl Variants {
    pub fn new() -> Self {
        Self(Vec::with_capacity(MAX_VARIANTS))
    }

    /// Adds `s` (cleaned to lower-case ASCII letters, digits and single inner spaces) unless it
    /// is empty, already present, or the list is full.
    pub fn push(&mut self, s: &str) {
        if self.is_full() {
            return;
        }
        let clean = clean_ascii(s);
        if !clean.is_empty() && !self.0.contains(&clean) {
            self.0.push(clean);
        }
    }

    pub fn is_full(&self) -> bool {
        self.0.len() >= MAX_VARIANTS
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn into_vec(self) -> Vec<String> {
        self.0
    }
}

/// Lower-case ASCII letters and digits; spaces and hyphens become single inner spaces; all else
/// (apostrophes, marks) is dropped.
fn clean_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c == ' ' || c == '-' {
            pending_space = true;
        }
    }
    out
}

/// Pushes onto `out` the cheapest spellings of a word made of `pieces` (each a non-empty list
/// of options, cheapest first), in order of total cost, until `out` is full or `budget`
/// combinations have been tried.
pub fn expand_into(pieces: &[Vec<(&str, u8)>], out: &mut Variants, budget: usize) {
    if pieces.is_empty() || pieces.iter().any(Vec::is_empty) {
        return;
    }
    // Options sorted by cost so that index 0 is the cheapest and the heap walk stays simple.
    let pieces: Vec<Vec<(&str, u8)>> = pieces
        .iter()
        .map(|p| {
            let mut p = p.clone();
            p.sort_by_key(|o| o.1);
            p
        })
        .collect();
    let cost = |idx: &[u8]| -> u32 {
        idx.iter()
            .zip(&pieces)
            .map(|(&i, p)| u32::from(p.get(usize::from(i)).map_or(u8::MAX, |o| o.1)))
            .sum()
    };
    let start = vec![0u8; pieces.len()];
    let mut heap = BinaryHeap::new();
    let mut seen = HashSet::new();
    heap.push(Reverse((cost(&start), start.clone())));
    seen.insert(start);
    let mut tried = 0;
    let mut word = String::new();
    while let Some(Reverse((_, idx))) = heap.pop() {
        tried += 1;
        word.clear();
        for (&i, p) in idx.iter().zip(&pieces) {
            if let Some(o) = p.get(usize::from(i)) {
                word.push_str(o.0);
            }
        }
        out.push(&word);
        if out.is_full() || tried >= budget {
            return;
        }
        for k in 0..idx.len() {
            let next_i = usize::from(idx[k]) + 1;
            if next_i < pieces[k].len() && next_i < usize::from(u8::MAX) {
                let mut next = idx.clone();
                next[k] += 1;
                if seen.insert(next.clone()) {
                    heap.push(Reverse((cost(&next), next)));
                }
            }
        }
    }
}

/// Consonant skeleton of a Latin spelling: letters other than vowels, doubled letters once.
/// Used to compare spellings that differ only in the vowels a script leaves unwritten.
pub fn skeleton(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| c.is_ascii_alphabetic()) {
        let c = c.to_ascii_lowercase();
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y') || out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expand_orders_by_cost_and_dedups() {
        let pieces = vec![
            vec![("m", 0)],
            vec![("u", 0), ("o", 1)],
            vec![("hammad", 0), ("hamed", 2)],
        ];
        let mut v = Variants::new();
        expand_into(&pieces, &mut v, 50);
        assert_eq!(v.as_slice(), ["muhammad", "mohammad", "muhamed", "mohamed"]);
    }

    #[test]
    fn push_cleans_and_caps() {
        let mut v = Variants::new();
        v.push("Abd-Al  Lah'");
        v.push("abd al lah");
        assert_eq!(v.as_slice(), ["abd al lah"]);
        for i in 0..20 {
            v.push(&format!("x{i}"));
        }
        assert_eq!(v.as_slice().len(), MAX_VARIANTS);
    }

    #[test]
    fn skeleton_drops_vowels_and_doubles() {
        assert_eq!(skeleton("Mohammed"), "mhmd");
        assert_eq!(skeleton("abd allah"), "bdlh");
    }
}
