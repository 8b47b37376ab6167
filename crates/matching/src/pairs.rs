//! Pair keys for large lists: names keyed by the phonetic codes of two of their parts, where
//! one of the two is *common* (carried by more than [`COMMON_CODE_NAMES`] names).
//!
//! In a list of millions, the names resembling a common given name ("Mohamad": every Mohammed,
//! Muhammad, Mohamed) number tens of thousands, and walking them all is most of a screen's
//! work although only the few that also carry another of the query's parts can rank among the
//! best. A query part whose code is common is therefore looked up together with each other
//! query part: the list under the pair key holds just the names carrying both. On lists where
//! no code is that common (every official list loaded together) nothing is keyed and screening
//! is exactly as without pairs.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;
use smallvec::SmallVec;
use zeef_names::{NamePart, PartKind};

use crate::fxhash::{FxHashMap, FxHasher};
use crate::record::Prepared;

/// A phonetic code carried by more names than this is *common*: its pairs are keyed. (No code
/// of all official lists together is carried by that many names; in a synthetic list of a
/// million people, the codes of common given and family names are.)
pub const COMMON_CODE_NAMES: u32 = 8_192;
/// Parts of one name keyed in pairs, at most (long organisation names would make dozens).
const PAIR_PARTS: usize = 8;

/// The phonetic code of an indexed part, hashed; a part whose code is a single letter (short
/// syllables: "li", "hua") is keyed by its spelling instead. `None` for parts with neither.
pub fn code(part: &NamePart) -> Option<u32> {
    let mut h = FxHasher::default();
    if part.phonetic.len() >= 2 {
        h.write(part.phonetic.as_bytes());
    } else if !part.text.is_empty() {
        // Marked, so that a spelling never passes for a phonetic code.
        h.write_u8(0);
        h.write(part.text.as_bytes());
    } else {
        return None;
    }
    // The upper bits: FxHash mixes them best.
    Some((h.finish() >> 32) as u32)
}

/// The key of an unordered pair of codes.
fn pair_key(a: u32, b: u32) -> u32 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h = FxHasher::default();
    h.write_u32(lo);
    h.write_u32(hi);
    (h.finish() >> 32) as u32
}

/// Name ids under pair keys, as sorted key, start and flat name arrays (a few bytes per
/// keyed name rather than a vector each). No `Default`: a threshold of 0 would make every
/// posting list common.
pub struct PairIndex {
    /// Codes carried by more than `common_above` names (see [`PairIndex::build`]).
    common: HashSet<u32, BuildHasherDefault<FxHasher>>,
    common_above: u32,
    keys: Vec<u32>,
    /// `keys[i]`'s names are `names[starts[i]..starts[i + 1]]`, ascending.
    starts: Vec<u32>,
    names: Vec<u32>,
}

impl PairIndex {
    /// Keys every name of `prepared` by the pairs of its part codes that include a common one:
    /// one carried by more than `common_above` names. Each record's `names` in turn are the
    /// index's names in listing order; `number[i]` is the number the index gives the `i`th.
    pub fn build(
        prepared: &[Prepared],
        indexed: fn(PartKind) -> bool,
        common_above: u32,
        number: &[u32],
    ) -> PairIndex {
        let codes_of = |n: &crate::record::PreparedName| -> SmallVec<[u32; PAIR_PARTS]> {
            n.name
                .parts
                .iter()
                .filter(|p| indexed(p.kind))
                .filter_map(|p| code(p))
                .take(PAIR_PARTS)
                .collect()
        };
        // Both passes run on every core, over a few large runs of records each.
        let run = prepared
            .len()
            .div_ceil(4 * rayon::current_num_threads())
            .max(1);
        let mut carried: FxHashMap<u32, u32> = prepared
            .par_iter()
            .with_min_len(run)
            .fold(FxHashMap::default, |mut carried, p| {
                for n in &p.names {
                    let mut codes = codes_of(n);
                    codes.sort_unstable();
                    codes.dedup();
                    for c in codes {
                        *carried.entry(c).or_insert(0) += 1;
                    }
                }
                carried
            })
            .reduce(FxHashMap::default, |mut a, b| {
                for (c, n) in b {
                    *a.entry(c).or_insert(0) += n;
                }
                a
            });
        carried.retain(|_, n| *n > common_above);
        let mut index = PairIndex {
            common: carried.into_keys().collect(),
            common_above,
            keys: Vec::new(),
            starts: Vec::new(),
            names: Vec::new(),
        };
        if index.common.is_empty() {
            return index;
        }
        let common = &index.common;
        // Names in listing order: each record's after those of the records before it.
        let mut first_name = Vec::with_capacity(prepared.len());
        let mut names = 0u32;
        for p in prepared {
            first_name.push(names);
            names += p.names.len() as u32;
        }
        // (key << 32 | name id), sorted: one word per keyed name while building.
        let mut keyed: Vec<u64> = prepared
            .par_iter()
            .zip(first_name)
            .with_min_len(run)
            .flat_map_iter(|(p, first)| {
                let mut out: SmallVec<[u64; 8]> = SmallVec::new();
                for (listed, n) in (first as usize..).zip(&p.names) {
                    let name_id = number[listed];
                    let codes = codes_of(n);
                    for (i, &a) in codes.iter().enumerate() {
                        for &b in &codes[i + 1..] {
                            if common.contains(&a) || common.contains(&b) {
                                out.push((u64::from(pair_key(a, b)) << 32) | u64::from(name_id));
                            }
                        }
                    }
                }
                out
            })
            .collect();
        keyed.par_sort_unstable();
        keyed.dedup();
        index.names.reserve_exact(keyed.len());
        for k in keyed {
            let key = (k >> 32) as u32;
            if index.keys.last() != Some(&key) {
                index.keys.push(key);
                index.starts.push(index.names.len() as u32);
            }
            index.names.push(k as u32);
        }
        index.starts.push(index.names.len() as u32);
        index.keys.shrink_to_fit();
        index.starts.shrink_to_fit();
        index
    }

    /// Whether `code` is common: such parts are looked up in pairs.
    pub fn is_common(&self, code: u32) -> bool {
        self.common.contains(&code)
    }

    /// How many names make a code common: a posting list longer than this is as common.
    pub fn common_above(&self) -> u32 {
        self.common_above
    }

    /// The names carrying parts with both codes (ascending; empty when the pair is not keyed).
    /// Keys are 32-bit hashes: where two pairs' keys collide (rarely), each list also holds
    /// the other's names, which costs a few candidates more, never one less.
    pub fn list(&self, a: u32, b: u32) -> &[u32] {
        let Ok(i) = self.keys.binary_search(&pair_key(a, b)) else {
            return &[];
        };
        let (start, end) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        self.names.get(start..end).unwrap_or_default()
    }

    /// Pairs keyed, in all.
    pub fn len(&self) -> usize {
        self.names.len()
    }
}
