//! Screening memo. Lists repeat names a lot: one person on five lists, a name written the
//! same in an entity's aliases. The index numbers each distinct listed name once at build
//! ([`NameIds`]); a screen then aligns each (query name, distinct listed name) pair once and
//! answers repeats from [`ScreenMemo`]. A listed name is the same when its analysis kind,
//! property and text are: its parts and part weights follow from those, so the memo returns
//! exactly what [`crate::align::score_names`] would. Parts likewise ([`PartIds`]).

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use smallvec::SmallVec;

use crate::fxhash::{FxHashMap, FxHasher};
use crate::record::{Prepared, PreparedName};
use zeef_names::{How, NamePart};

/// Distinct-name numbers of every listed name, per record: `names` first, then
/// `person_names`. The index analyses each distinct (kind, property, text) name once and
/// numbers it; these are those numbers.
#[derive(Default)]
pub(crate) struct NameIds {
    /// Record number -> start in `ids` (one more entry than records).
    start: Vec<u32>,
    ids: Vec<u32>,
}

impl NameIds {
    /// From each record's distinct-name numbers, in record order.
    pub(crate) fn new<'a, I>(records: impl IntoIterator<Item = I>) -> NameIds
    where
        I: IntoIterator<Item = &'a u32>,
    {
        let mut out = NameIds::default();
        for ids in records {
            out.start.push(out.ids.len() as u32);
            out.ids.extend(ids);
        }
        out.start.push(out.ids.len() as u32);
        out.start.shrink_to_fit();
        out.ids.shrink_to_fit();
        out
    }

    /// Distinct-name numbers of record `ri`'s `names`, then `person_names`.
    pub(crate) fn of(&self, ri: usize) -> &[u32] {
        let (a, b) = (self.start[ri] as usize, self.start[ri + 1] as usize);
        &self.ids[a..b]
    }
}

/// Distinct-part numbers of the parts of every distinct listed name. A part is the same when
/// its kind, canonical text and other spellings are: everything [`part_similarity`] reads
/// (skeleton and phonetic code follow from the text).
///
/// [`part_similarity`]: zeef_names::part_similarity
#[derive(Default)]
pub(crate) struct PartIds {
    /// Distinct name -> start in `ids` (one more entry than distinct names).
    start: Vec<u32>,
    ids: Vec<u32>,
}

fn same_part(a: &NamePart, b: &NamePart) -> bool {
    a.kind == b.kind && a.text == b.text && a.alts == b.alts
}

fn part_hash(p: &NamePart) -> u64 {
    let mut h = FxHasher::default();
    p.kind.hash(&mut h);
    p.text.hash(&mut h);
    p.alts.hash(&mut h);
    h.finish()
}

impl PartIds {
    /// Numbers the parts of `names`, the distinct names in number order.
    pub(crate) fn build(names: &[Arc<PreparedName>]) -> PartIds {
        // Hash -> (number, part) of the first part with that hash; a part with the same hash
        // but other content (a collision) gets a number of its own.
        let mut first: FxHashMap<u64, (u32, &NamePart)> = FxHashMap::default();
        let mut distinct = 0u32;
        let mut out = PartIds {
            start: Vec::with_capacity(names.len() + 1),
            ids: Vec::new(),
        };
        for n in names {
            out.start.push(out.ids.len() as u32);
            for part in &n.name.parts {
                let (id, rep) = *first.entry(part_hash(part)).or_insert((distinct, part));
                let id = if id != distinct && same_part(part, rep) {
                    id
                } else {
                    distinct += 1;
                    distinct - 1
                };
                out.ids.push(id);
            }
        }
        out.start.push(out.ids.len() as u32);
        out.ids.shrink_to_fit();
        out
    }

    /// Distinct-part numbers of distinct name `name`'s parts, in order.
    pub(crate) fn of(&self, name: u32) -> &[u32] {
        let n = name as usize;
        &self.ids[self.start[n] as usize..self.start[n + 1] as usize]
    }
}

/// Names longer than this (in parts) have their repeated parts found ([`first_equal_parts`]).
pub(crate) const LONG_NAME_PARTS: usize = 16;

/// For each part of a long name, the position of the first part equal to it (itself if none
/// before): a screen compares each distinct query part with a listed part once, so that a
/// name of many repeated words (a pathological query) costs about as much as its distinct
/// words. Empty for names of at most [`LONG_NAME_PARTS`] parts.
pub(crate) fn first_equal_parts(parts: &[Arc<NamePart>]) -> Vec<usize> {
    if parts.len() <= LONG_NAME_PARTS {
        return Vec::new();
    }
    let mut first: FxHashMap<u64, SmallVec<[usize; 2]>> = FxHashMap::default();
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let seen = first.entry(part_hash(p)).or_default();
            match seen.iter().find(|&&k| same_part(&parts[k], p)) {
                Some(&k) => k,
                None => {
                    seen.push(i);
                    i
                }
            }
        })
        .collect()
}

/// Where in a record's names followed by person names the list `names_against` chose starts.
pub(crate) fn list_offset(r: &Prepared, chosen: &[Arc<PreparedName>]) -> usize {
    if !r.person_names.is_empty() && std::ptr::eq(chosen.as_ptr(), r.person_names.as_ptr()) {
        r.names.len()
    } else {
        0
    }
}

/// (score, info) of the name pairs a screen has aligned, by (query name, distinct listed
/// name).
#[derive(Default)]
pub(crate) struct ScreenMemo {
    names: FxHashMap<u64, (f64, f64)>,
    parts: FxHashMap<u64, (f64, How)>,
}

impl ScreenMemo {
    pub(crate) fn clear(&mut self) {
        self.names.clear();
        self.parts.clear();
    }

    /// The similarity of part `part` of query name `query_name` and distinct listed part
    /// `listed`, from the memo or from `compute`.
    pub(crate) fn part(
        &mut self,
        query_name: usize,
        part: usize,
        listed: u32,
        compute: impl FnOnce() -> (f64, How),
    ) -> (f64, How) {
        if query_name >= 1 << 16 || part >= 1 << 16 {
            return compute();
        }
        let k = ((query_name as u64) << 48) | ((part as u64) << 32) | listed as u64;
        *self.parts.entry(k).or_insert_with(compute)
    }

    pub(crate) fn get(&self, query_name: usize, listed: u32) -> Option<(f64, f64)> {
        self.names.get(&key(query_name, listed)).copied()
    }

    pub(crate) fn put(&mut self, query_name: usize, listed: u32, value: (f64, f64)) {
        self.names.insert(key(query_name, listed), value);
    }
}

fn key(query_name: usize, listed: u32) -> u64 {
    ((query_name as u64) << 32) | listed as u64
}
