//! Screening memo. Lists repeat names a lot: one person on five lists, a name written the
//! same in an entity's aliases. The index numbers each distinct listed name once at build
//! ([`NameIds`]); a screen then aligns each (query name, distinct listed name) pair once and
//! answers repeats from [`ScreenMemo`]. A listed name is the same when its analysis kind,
//! property and text are: its parts and part weights follow from those, so the memo returns
//! exactly what [`crate::align::score_names`] would.

use std::hash::{Hash, Hasher};

use crate::fxhash::{FxHashMap, FxHasher};
use crate::record::{Prepared, PreparedName};

/// Distinct-name numbers of every listed name, per record: `names` first, then
/// `person_names`.
#[derive(Default)]
pub(crate) struct NameIds {
    /// Record number -> start in `ids` (one more entry than records).
    start: Vec<u32>,
    ids: Vec<u32>,
    /// Number of distinct names.
    distinct: u32,
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
                let id = if id == fresh {
                    out.distinct += 1;
                    id
                } else if same_name(n, name_at(records, fr, fp)) {
                    id
                } else {
                    out.distinct += 1;
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

fn name_at(records: &[Prepared], ri: u32, pos: u32) -> &PreparedName {
    let r = &records[ri as usize];
    let pos = pos as usize;
    r.names
        .get(pos)
        .unwrap_or_else(|| &r.person_names[pos - r.names.len()])
}

/// Where in a record's names followed by person names the list `names_against` chose starts.
pub(crate) fn list_offset(r: &Prepared, chosen: &[PreparedName]) -> usize {
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
}

impl ScreenMemo {
    pub(crate) fn clear(&mut self) {
        self.names.clear();
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
