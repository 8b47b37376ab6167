//! Which common spellings each name carries: the posting lists turned around, for the longest
//! lists only. Screening checks the names a query found against a common part's spellings
//! ("Mohammed" in a list of millions); reading each found name's own few entries costs less
//! than searching for it in lists of tens of thousands (and needs no sorting of the names).

use crate::prefetch;

/// Spellings carried by at least this many names are *common* here (longer lists are walked
/// by searching found names in them, which is what this replaces).
pub(crate) const COMMON_SPELLING_NAMES: usize = 256;

/// Not a common spelling.
pub(crate) const NOT_COMMON: u16 = u16::MAX;

/// For every name, the numbers of the common spellings it carries.
#[derive(Default)]
pub(crate) struct Carried {
    /// Vocabulary id -> its number among common spellings, or [`NOT_COMMON`].
    number: Vec<u16>,
    /// Name -> start of its numbers in `numbers` (one more entry than names).
    start: Vec<u32>,
    numbers: Vec<u16>,
}

impl Carried {
    /// From the posting lists (vocabulary id -> names carrying it) of `names` names. At most
    /// `u16::MAX` spellings are numbered, the longest lists first.
    pub(crate) fn build(names: usize, postings: &[Vec<u32>]) -> Carried {
        let mut common: Vec<u32> = (0..postings.len() as u32)
            .filter(|&v| postings[v as usize].len() >= COMMON_SPELLING_NAMES)
            .collect();
        if common.len() > usize::from(NOT_COMMON) {
            common.sort_unstable_by_key(|&v| std::cmp::Reverse(postings[v as usize].len()));
            common.truncate(usize::from(NOT_COMMON));
            common.sort_unstable();
        }
        let mut number = vec![NOT_COMMON; postings.len()];
        let mut count = vec![0u32; names + 1];
        for (c, &v) in common.iter().enumerate() {
            number[v as usize] = c as u16;
            for &name in &postings[v as usize] {
                count[name as usize + 1] += 1;
            }
        }
        // Counts become starts; `count` then serves as each name's next free place.
        for i in 1..count.len() {
            count[i] += count[i - 1];
        }
        let start = count.clone();
        let mut numbers = vec![0u16; start[names] as usize];
        for (c, &v) in common.iter().enumerate() {
            for &name in &postings[v as usize] {
                let at = &mut count[name as usize];
                numbers[*at as usize] = c as u16;
                *at += 1;
            }
        }
        drop(count);
        Carried {
            number,
            start,
            numbers,
        }
    }

    /// The number of vocabulary id `v` among common spellings, or [`NOT_COMMON`].
    pub(crate) fn number(&self, v: u32) -> u16 {
        self.number.get(v as usize).copied().unwrap_or(NOT_COMMON)
    }

    /// Asks for what [`Carried::any`] will read of `list[i + AHEAD]` (where its numbers start)
    /// and of `list[i + AHEAD / 2]` (its numbers), while the caller works on `list[i]`.
    #[inline(always)]
    pub(crate) fn ahead(&self, list: &[u32], i: usize) {
        prefetch::ahead(&self.start, list, i);
        if let Some(&near) = list.get(i + prefetch::AHEAD / 2) {
            prefetch::prefetch(&self.numbers, self.start[near as usize] as usize);
        }
    }

    /// Whether `name` carries one of the common spellings `wanted`.
    #[inline]
    pub(crate) fn any(&self, name: u32, wanted: &[u16]) -> bool {
        let (a, b) = (
            self.start[name as usize] as usize,
            self.start[name as usize + 1] as usize,
        );
        self.numbers[a..b].iter().any(|c| wanted.contains(c))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Up to `lists` posting lists of names below `names`, each sorted and unique, of up to
    /// `longest` names.
    pub(crate) fn postings(
        names: u32,
        longest: usize,
        lists: usize,
    ) -> impl Strategy<Value = Vec<Vec<u32>>> {
        let list = proptest::collection::btree_set(0..names, 0..longest)
            .prop_map(|set| set.into_iter().collect::<Vec<u32>>());
        proptest::collection::vec(list, 0..lists)
    }

    proptest! {
        #[test]
        fn a_name_carries_exactly_the_common_lists_holding_it(postings in postings(600, 400, 12)) {
            let carried = Carried::build(600, &postings);
            for (v, list) in postings.iter().enumerate() {
                let c = carried.number(v as u32);
                proptest::prop_assert_eq!(c == NOT_COMMON, list.len() < COMMON_SPELLING_NAMES);
                if c == NOT_COMMON {
                    continue;
                }
                for name in 0..600u32 {
                    proptest::prop_assert_eq!(carried.any(name, &[c]), list.contains(&name));
                }
            }
        }
    }
}
