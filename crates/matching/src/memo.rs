//! Screening memo. Lists repeat names a lot: one person on five lists, a name written the
//! same in an entity's aliases. The index numbers each distinct listed name once at build
//! ([`NameIds`]); a screen then aligns each (query name, distinct listed name) pair once and
//! answers repeats from [`ScreenMemo`]. A listed name is the same when its analysis kind,
//! property and text are: its parts and part weights follow from those, so the memo returns
//! exactly what [`crate::align::score_names`] would.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use crate::fxhash::{FxHashMap, FxHasher};
use crate::record::{Prepared, PreparedName};
use zeef_names::{How, NamePart};

/// Distinct-name numbers of every listed name, per record: `names` first, then
/// `person_names`.
#[derive(Default)]
pub(crate) struct NameIds {
    /// Record number -> start in `ids` (one more entry than records).
    start: Vec<u32>,
    ids: Vec<u32>,
    /// Number of distinct names.
    distinct: u32,
    /// Distinct name -> (record, position) of its first occurrence.
    reps: Vec<(u32, u32)>,
}

fn same_name(a: &PreparedName, b: &PreparedName) -> bool {
    a.kind == b.kind && a.prop == b.prop && a.name.original == b.name.original
}

fn name_hash(n: &PreparedName) -> u64 {
    let mut h = FxHasher::default();
    n.kind.hash(&mut h);
    n.prop.hash(&mut h);
    n.name.original.hash(&mut h);
    h.finish()
}

impl NameIds {
    pub(crate) fn build(records: &[Prepared]) -> NameIds {
        // Hash -> (id, record, position) of the first name with that hash; a second name with
        // the same hash but other text (a collision) gets an id of its own.
        let mut first: FxHashMap<u64, (u32, u32, u32)> = FxHashMap::default();
        let mut out = NameIds {
            start: Vec::with_capacity(records.len() + 1),
            ..NameIds::default()
        };
        for (ri, r) in records.iter().enumerate() {
            out.start.push(out.ids.len() as u32);
            for (pos, n) in r.names.iter().chain(&r.person_names).enumerate() {
                let h = name_hash(n);
                let fresh = out.distinct;
                let (id, fr, fp) = *first.entry(h).or_insert((fresh, ri as u32, pos as u32));
                let id = if id != fresh && same_name(n, name_at(records, fr, fp)) {
                    id
                } else {
                    out.distinct += 1;
                    out.reps.push((ri as u32, pos as u32));
                    fresh
                };
                out.ids.push(id);
            }
        }
        out.start.push(out.ids.len() as u32);
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
    pub(crate) fn build(records: &[Prepared], names: &NameIds) -> PartIds {
        let mut first: FxHashMap<u64, (u32, &NamePart)> = FxHashMap::default();
        let mut distinct = 0u32;
        let mut out = PartIds {
            start: Vec::with_capacity(names.reps.len() + 1),
            ids: Vec::new(),
        };
        for &(ri, pos) in &names.reps {
            out.start.push(out.ids.len() as u32);
            for part in &name_at(records, ri, pos).name.parts {
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

fn name_at(records: &[Prepared], ri: u32, pos: u32) -> &PreparedName {
    let r = &records[ri as usize];
    let pos = pos as usize;
    r.names
        .get(pos)
        .unwrap_or_else(|| &r.person_names[pos - r.names.len()])
        .as_ref()
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
