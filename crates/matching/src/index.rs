//! The immutable in-memory index: every listed entity prepared once, and an inverted index
//! from name-part keys (spelling, one-deletion neighbourhood, consonant skeleton, phonetic
//! code) to the names that carry them. A screen gathers a bounded set of candidate names
//! whose parts resemble the query's, then scores each candidate entity in full.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use crate::fxhash::{FxHashMap, FxHasher, hash_without};

use rayon::prelude::*;
use smallvec::SmallVec;
use std::sync::{Arc, Mutex};
use zeef_model::{Entity, Prop, Schema};
use zeef_names::keys::{phonetic, skeleton};
use zeef_names::{NameKind, NamePart, PartKind, part_similarity};

use crate::align::{NameScore, score_names_by};
use crate::weights::LISTED_MISS_COST;
use crate::carried::{Carried, NOT_COMMON};
use crate::compare::{Comparison, compare_by, compare_prepared, score_reaching_by};
use crate::explain::Explanation;
use crate::memo::{NameIds, PartIds, ScreenMemo, list_offset};
use crate::pairs::{COMMON_CODE_NAMES, PairIndex, code};
use crate::part_stats::PartStats;
use crate::prefetch;
use crate::record::{Prepared, PreparedName, name_kind};
use crate::store::{Encoded, EntityStore, Pos, encode};

/// The default score at or above which a result is an alert.
pub const DEFAULT_THRESHOLD: f64 = 0.7;
/// The default number of results returned.
pub const DEFAULT_LIMIT: usize = 10;
/// Candidate names scored per query name, at most (best part overlap first).
pub const MAX_CANDIDATE_NAMES: usize = 48;
/// A name must share at least this share of the query's part weight to be scored.
const MIN_OVERLAP: f32 = 0.45;
/// Share of a part's weight credited when the part is only approximately alike (typo,
/// skeleton or phonetic key), not spelled the same.
const APPROXIMATE_CREDIT: f32 = 0.8;

/// What to screen against and what to return.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenOptions {
    /// Score at or above which a result is an alert (`is_match`). Default [`DEFAULT_THRESHOLD`].
    pub threshold: f64,
    /// Most results returned. Default [`DEFAULT_LIMIT`].
    pub limit: usize,
    /// Only entities from these sources (dataset names), if given.
    pub sources: Option<Vec<String>>,
    /// Only entities of this schema (or its descendants), if given.
    pub schema: Option<Schema>,
    /// Entity ids never returned (e.g. the query itself in de-duplication).
    pub exclude_ids: Vec<String>,
    /// Also return results below the threshold, down to `cutoff`.
    pub include_below_threshold: bool,
    /// Lowest score returned when `include_below_threshold` is set.
    pub cutoff: f64,
}

impl Default for ScreenOptions {
    fn default() -> Self {
        ScreenOptions {
            threshold: DEFAULT_THRESHOLD,
            limit: DEFAULT_LIMIT,
            sources: None,
            schema: None,
            exclude_ids: Vec::new(),
            include_below_threshold: false,
            cutoff: 0.5,
        }
    }
}

/// One screening result.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ScoredMatch {
    /// Position of the entity in [`Index::entities`].
    pub index: usize,
    /// The entity id, e.g. `un-QDi.299`.
    pub id: String,
    pub score: f64,
    /// True when `score` is at or above the threshold.
    pub is_match: bool,
    pub explanation: Explanation,
}

/// An immutable index over listed entities.
pub struct Index {
    /// The listed entities, encoded.
    store: EntityStore,
    prepared: Vec<Prepared>,
    /// Distinct-name numbers of every prepared name (for the screening memo).
    name_ids: NameIds,
    /// Distinct-part numbers of the parts of each distinct name (for the screening memo).
    part_ids: PartIds,
    /// (hash of an entity id, entity number), sorted: `get` without a second copy of every id.
    by_id: Vec<(u64, u32)>,
    stats: PartStats,
    /// Name id -> (entity number, summed weight of its indexed parts). Side by side: ranking
    /// the names a query found reads both, one cache line per name at scale.
    names: Vec<(u32, f32)>,
    /// Part spelling -> vocabulary id.
    vocab: FxHashMap<String, u32>,
    /// Vocabulary id -> name ids carrying it (sorted, unique).
    postings: Vec<Vec<u32>>,
    /// Name id -> the common spellings it carries (the longest posting lists turned around).
    carried: Carried,
    /// Hash of a spelling and of each of its one-deletion variants -> vocabulary ids
    /// (hashes, not strings: no string is built per key at build or query time).
    deletion_keys: FxHashMap<u64, Vec<u32>>,
    skeleton_keys: FxHashMap<String, Vec<u32>>,
    phonetic_keys: FxHashMap<String, Vec<u32>>,
    /// Names under pairs of part codes, one of them common (large lists only).
    pairs: PairIndex,
}

/// Deletion variants are made for spellings of this many bytes (shorter would match too
/// much, longer cost too many keys).
const DELETION_LENGTHS: std::ops::RangeInclusive<usize> = 4..=16;
/// Parts weighing less than this (the most common names) are looked up by spelling only:
/// their approximate neighbourhoods are huge and add almost nothing to a candidate's rank.
const MIN_APPROXIMATE_WEIGHT: f64 = 0.45;

/// Parts whose exact spellings are carried by more names than this may only verify.
const VERIFY_ONLY_VOLUME: usize = 1024;

/// Hashes of `word` and of its one-deletion variants (for words of [`DELETION_LENGTHS`]).
fn deletion_hashes(word: &str, out: &mut Vec<u64>) {
    let b = word.as_bytes();
    out.push(hash_without(b, None));
    if DELETION_LENGTHS.contains(&b.len()) && word.is_ascii() {
        for i in 0..b.len() {
            // Deleting either letter of a double gives the same string: key it once.
            if i > 0 && b[i] == b[i - 1] {
                continue;
            }
            out.push(hash_without(b, Some(i)));
        }
    }
}

fn id_hash(id: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = FxHasher::default();
    h.write(id.as_bytes());
    h.finish()
}

/// Per-thread scratch space for candidate gathering, reused across screens.
#[derive(Default)]
struct Scratch {
    /// Per name: (overlap, stamp), side by side so that one cache line serves both.
    slots: Vec<(f32, u32)>,
    touched: Vec<u32>,
    /// The touched names whose overlap reached the floor, in the order they reached it.
    above: Vec<u32>,
    /// `touched` in ascending order, when `credit_found` last needed it.
    sorted: Vec<u32>,
    /// The names found that `credit_found`'s lists hold.
    held: Vec<u32>,
    clock: u32,
}

impl Scratch {
    /// A new stamp: names credited under it count once.
    fn next_clock(&mut self) -> u32 {
        self.clock = self.clock.wrapping_add(1);
        if self.clock == 0 {
            self.slots.iter_mut().for_each(|x| x.1 = 0);
            self.clock = 1;
        }
        self.clock
    }

    /// Adds `credit` to a touched name, noting it when it reaches `floor`.
    fn add(&mut self, name: u32, credit: f32, floor: f32) {
        let slot = &mut self.slots[name as usize];
        let before = slot.0;
        slot.0 += credit;
        // Overlaps only grow: a name crosses the floor once.
        if before < floor && slot.0 >= floor {
            self.above.push(name);
        }
    }

    /// Adds `credit` to each name found so far that one of `lists` (a part's own spellings)
    /// carries; less what it was given already where `alike` says under which stamp and how
    /// much. Where the lists are shorter than the names found, the lists are walked; otherwise
    /// (a common part at scale: its lists are long, and walking them reads a scattered slot
    /// per name they hold) each name found is looked up in `carried` for the lists of common
    /// spellings (`common` gives each list's number there), and sought, in order, in the
    /// other lists.
    fn credit_found(
        &mut self,
        lists: &[&Vec<u32>],
        common: &[u16],
        carried: &Carried,
        credit: f32,
        alike: Option<(u32, f32)>,
        floor: f32,
    ) {
        // Found names have an overlap above 0 (every indexed part weighs something); the
        // new stamp credits a name carrying two of the spellings once.
        let stamp = self.next_clock();
        let walk: usize = lists.iter().map(|l| l.len()).sum();
        if walk <= self.touched.len() {
            for list in lists {
                for (i, &name) in list.iter().enumerate() {
                    prefetch::ahead(&self.slots, list, i);
                    self.credit_once(name, stamp, credit, alike, floor);
                }
            }
            return;
        }
        // Common spellings: each found name's own few entries say whether it carries one.
        let wanted: SmallVec<[u16; 8]> = common
            .iter()
            .copied()
            .filter(|&c| c != NOT_COMMON)
            .collect();
        if !wanted.is_empty() {
            let touched = std::mem::take(&mut self.touched);
            for (i, &name) in touched.iter().enumerate() {
                prefetch::ahead(&self.slots, &touched, i);
                carried.ahead(&touched, i);
                if carried.any(name, &wanted) {
                    self.credit_once(name, stamp, credit, alike, floor);
                }
            }
            self.touched = touched;
        }
        let lists: SmallVec<[&Vec<u32>; 4]> = lists
            .iter()
            .zip(common)
            .filter(|&(_, &c)| c == NOT_COMMON)
            .map(|(list, _)| *list)
            .collect();
        if lists.is_empty() {
            return;
        }
        // `touched` only grows until the query name is done: a sorted copy of the same
        // length is still the same set.
        if self.sorted.len() != self.touched.len() {
            self.sorted.clear();
            self.sorted.extend_from_slice(&self.touched);
            // Stable sort: `touched` is runs of ascending posting lists, which it merges.
            self.sorted.sort();
        }
        // The names held are gathered first, so that their slots can be fetched ahead.
        let mut held = std::mem::take(&mut self.held);
        held.clear();
        for list in &lists {
            intersect(&self.sorted, list, |name| held.push(name));
        }
        for (i, &name) in held.iter().enumerate() {
            prefetch::ahead(&self.slots, &held, i);
            self.credit_once(name, stamp, credit, alike, floor);
        }
        self.held = held;
    }

    /// `credit_found` for one name a list holds: credits it if it was found and not yet
    /// credited under `stamp`.
    #[inline]
    fn credit_once(
        &mut self,
        name: u32,
        stamp: u32,
        credit: f32,
        alike: Option<(u32, f32)>,
        floor: f32,
    ) {
        let slot = self.slots[name as usize];
        if slot.0 > 0.0 && slot.1 != stamp {
            let given = match alike {
                Some((clock, alike)) if slot.1 == clock => alike,
                _ => 0.0,
            };
            self.slots[name as usize].1 = stamp;
            self.add(name, credit - given, floor);
        }
    }

    /// Forgets what was found for a query name, ready for the next.
    fn reset(&mut self) {
        for (i, &name) in self.touched.iter().enumerate() {
            prefetch::ahead(&self.slots, &self.touched, i);
            self.slots[name as usize].0 = 0.0;
        }
        self.touched.clear();
        self.sorted.clear();
        self.above.clear();
    }

    /// A new stamp, set on every name of `lists` (crediting none): the names a query part
    /// credited already, so that crediting it again under this stamp passes them by.
    fn restamp(&mut self, lists: &[&Vec<u32>]) -> u32 {
        let clock = self.next_clock();
        for list in lists {
            for (i, &name) in list.iter().enumerate() {
                prefetch::ahead(&self.slots, list, i);
                self.slots[name as usize].1 = clock;
            }
        }
        clock
    }

    /// Adds `credit` to each name of `list` not yet credited under `clock`, noting names
    /// touched for the first time and names reaching `floor`.
    fn credit_all(&mut self, list: &[u32], clock: u32, credit: f32, floor: f32) {
        for (i, &name) in list.iter().enumerate() {
            prefetch::ahead(&self.slots, list, i);
            let slot = &mut self.slots[name as usize];
            if slot.1 == clock {
                continue;
            }
            slot.1 = clock;
            if slot.0 == 0.0 {
                self.touched.push(name);
            }
            self.add(name, credit, floor);
        }
    }
}

/// Calls `found` with each name of `few` that `many` holds (both ascending), galloping
/// through `many`: each step doubles until it passes the name sought, so a few names cost a
/// few reads each, and as many names as `many` holds read it through about once.
fn intersect(few: &[u32], many: &[u32], mut found: impl FnMut(u32)) {
    let mut rest = many;
    for &name in few {
        let mut step = 1;
        while step < rest.len() && rest[step] < name {
            step *= 2;
        }
        let end = (step + 1).min(rest.len());
        // `rest[..step / 2]` is below `name` (the last doubling passed it), unless step is 1.
        let from = if step > 1 { step / 2 } else { 0 };
        match rest[from..end].binary_search(&name) {
            Ok(i) => {
                found(name);
                rest = &rest[from + i + 1..];
            }
            Err(i) => rest = &rest[from + i..],
        }
        if rest.is_empty() {
            return;
        }
    }
}

/// How a query part is looked up while gathering candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    /// Its posting lists are walked: by spelling, then by approximate keys.
    Walk,
    /// Only names found through other parts are checked for its spellings.
    Verify,
    /// Looked up together with each other query part (`pairs`).
    Pairs,
}

/// A query part in the gathering plan.
#[derive(Debug, Clone)]
struct Planned<'a> {
    /// Its place in the query name.
    pi: usize,
    w: f32,
    /// The posting lists of its own spellings, and how many names they hold.
    lists: SmallVec<[&'a Vec<u32>; 4]>,
    volume: usize,
    /// Each list's number among common spellings (`carried`), or `NOT_COMMON`.
    common: SmallVec<[u16; 4]>,
    code: Option<u32>,
    lookup: Lookup,
}

/// A walked query part's approximate keys that lead to spellings too common to walk.
struct CommonAlike<'a> {
    /// The lists the part was walked through (the names it credited).
    walked: SmallVec<[&'a Vec<u32>; 8]>,
    /// The common spellings' lists, and their numbers among common spellings.
    lists: SmallVec<[&'a Vec<u32>; 4]>,
    common: SmallVec<[u16; 4]>,
    /// The part's approximate credit.
    alike: f32,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
    static MEMO: RefCell<ScreenMemo> = RefCell::new(ScreenMemo::default());
}

/// What gathering candidates reads of a query name: its indexed parts, in order, with their
/// weights. Two names reading the same find the same names.
fn gathering_input(n: &PreparedName) -> SmallVec<[(&NamePart, u64); 8]> {
    n.name
        .parts
        .iter()
        .zip(&n.weights)
        .filter(|(p, _)| indexed(p.kind))
        .map(|(p, w)| (&**p, w.to_bits()))
        .collect()
}

fn indexed(kind: PartKind) -> bool {
    matches!(kind, PartKind::Word | PartKind::Number)
}

/// Entities handed to the builder are prepared in batches of this many (in parallel), then
/// dropped: only their encoded form stays.
const BATCH: usize = 4096;

/// Builds an [`Index`] from entities given one by one, so that a caller streaming a large
/// list never holds all of it as `Entity` values: each is encoded into the index's compact
/// store and its name texts analysed once per distinct name at [`IndexBuilder::finish`].
#[derive(Default)]
pub struct IndexBuilder {
    store: EntityStore,
    pending: Vec<Entity>,
    /// Hash of a distinct (analysis kind, property, text) name -> its number.
    distinct: FxHashMap<u64, u32>,
    /// Distinct names whose hash an earlier, different name has (rare).
    collided: HashMap<(NameKind, Prop, String), u32>,
    /// Distinct names: kind, property, where the text is in the store, its length.
    keys: Vec<(NameKind, Prop, Pos, u32)>,
    /// Distinct-name numbers of each entity's names as its schema's kind, then, for a
    /// LegalEntity, the same names as a person's.
    refs: Vec<u32>,
    /// Entity -> start of its `refs` (one more entry than entities).
    starts: Vec<u32>,
    /// Entity -> how many of its refs are its names as its schema's kind.
    own: Vec<u32>,
    /// Each entity's record without its names (filled in at `finish`).
    records: Vec<Prepared>,
    /// (hash of an entity id, entity number).
    by_id: Vec<(u64, u32)>,
    /// Part codes carried by more names than this are keyed in pairs (`None`: the default).
    common_code_names: Option<u32>,
}

fn name_hash(kind: NameKind, prop: Prop, text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    prop.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

impl IndexBuilder {
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// Part codes carried by more names than `names` are looked up in pairs (see `pairs`;
    /// default [`COMMON_CODE_NAMES`]): to measure what pairs change, or to try them on a
    /// small list.
    pub fn common_code_names(mut self, names: u32) -> IndexBuilder {
        self.common_code_names = Some(names);
        self
    }

    /// Adds one entity (entities are numbered in the order they are added).
    pub fn add(&mut self, entity: Entity) {
        self.pending.push(entity);
        if self.pending.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.pending);
        let done: Vec<(Encoded, Prepared, u64)> = batch
            .par_iter()
            .map(|e| {
                let mut p = Prepared::with_names(e, Vec::new(), Vec::new());
                p.shrink_to_fit();
                (encode(e), p, id_hash(&e.id))
            })
            .collect();
        drop(batch);
        for (mut enc, record, idh) in done {
            let ei = self.store.len() as u32;
            let schema = record.schema;
            let names = std::mem::take(&mut enc.names);
            let at = self.store.push(enc);
            self.starts.push(self.refs.len() as u32);
            self.own.push(names.len() as u32);
            let person = (schema == Schema::LegalEntity).then_some(NameKind::Person);
            for kind in std::iter::once(name_kind(schema)).chain(person) {
                for &(prop, off, len) in &names {
                    let pos = at.plus(off as usize);
                    let id = self.distinct_name(kind, prop, pos, len);
                    self.refs.push(id);
                }
            }
            self.records.push(record);
            self.by_id.push((idh, ei));
        }
    }

    /// The number of distinct name (kind, prop, text at `pos`), numbering it if new.
    fn distinct_name(&mut self, kind: NameKind, prop: Prop, pos: Pos, len: u32) -> u32 {
        let text = self.store.text(pos, len as usize);
        let next = self.keys.len() as u32;
        let h = name_hash(kind, prop, text);
        let first = *self.distinct.entry(h).or_insert(next);
        let id = if first == next {
            next
        } else {
            let (k, p, at, n) = self.keys[first as usize];
            if k == kind && p == prop && self.store.text(at, n as usize) == text {
                return first;
            }
            *self
                .collided
                .entry((kind, prop, text.to_string()))
                .or_insert(next)
        };
        if id == next {
            self.keys.push((kind, prop, pos, len));
        }
        id
    }

    /// The index over every entity added.
    pub fn finish(mut self) -> Index {
        self.flush();
        let IndexBuilder {
            mut store,
            refs,
            mut starts,
            own,
            records,
            mut by_id,
            keys,
            common_code_names,
            ..
        } = self;
        store.shrink_to_fit();
        starts.push(refs.len() as u32);
        let empty = PartStats::default();
        // Names are analysed in parallel; each part is then replaced by the first equal part
        // met (a few tens of thousands of distinct parts make up millions of names), in the
        // thread that made it, so that the copies are given back where they were allocated.
        let distinct_parts: Mutex<HashSet<Arc<NamePart>, BuildHasherDefault<FxHasher>>> =
            Mutex::default();
        let mut analysed: Vec<PreparedName> = keys
            .par_iter()
            .map(|&(kind, prop, at, len)| {
                let mut n = PreparedName::new(prop, kind, store.text(at, len as usize), &empty);
                // While its parts are still its own, so that the kept copies are trimmed.
                n.shrink_to_fit();
                let mut copies: SmallVec<[Arc<NamePart>; 4]> = SmallVec::new();
                let mut set = distinct_parts.lock().unwrap_or_else(|e| e.into_inner());
                for part in n.name.parts.iter_mut() {
                    if let Some(first) = set.get(&**part) {
                        copies.push(std::mem::replace(part, Arc::clone(first)));
                    } else {
                        set.insert(Arc::clone(part));
                    }
                }
                drop(set);
                drop(copies);
                n
            })
            .collect();
        drop(distinct_parts);
        drop(keys);
        let range = |ei: usize| starts[ei] as usize..starts[ei + 1] as usize;
        // An entity's names as its schema's kind: the first `own[ei]` of its refs.
        let own_refs = |ei: usize| &refs[range(ei)][..own[ei] as usize];
        // Part frequencies: each entity counts once per canonical part.
        let mut counts: HashMap<String, u32> = HashMap::new();
        for ei in 0..records.len() {
            let mut seen: Vec<&str> = own_refs(ei)
                .iter()
                .flat_map(|&id| analysed[id as usize].name.parts.iter())
                .filter(|part| part.kind == PartKind::Word)
                .map(|part| part.text.as_str())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *counts.entry(t.to_string()).or_insert(0) += 1;
            }
        }
        let stats = PartStats::from_counts(counts, records.len() as u32);
        analysed.par_iter_mut().for_each(|n| {
            n.weights = n.name.parts.iter().map(|p| stats.weight(p)).collect();
            n.shrink_to_fit();
        });
        let shared: Vec<Arc<PreparedName>> = analysed.into_iter().map(Arc::new).collect();
        // Filled in place: a second vector of records would double their memory for a while.
        let mut prepared = records;
        prepared.par_iter_mut().enumerate().for_each(|(ei, p)| {
            let (names, person) = refs[range(ei)].split_at(own[ei] as usize);
            let pick = |ids: &[u32]| -> Vec<Arc<PreparedName>> {
                ids.iter()
                    .map(|&id| &shared[id as usize])
                    .filter(|n| !n.name.parts.is_empty())
                    .cloned()
                    .collect()
            };
            p.names = pick(names);
            p.person_names = pick(person);
            p.names.shrink_to_fit();
            p.person_names.shrink_to_fit();
        });
        // Distinct-name numbers of each record's names (those with parts), for the memo.
        let has_parts = |id: &&u32| !shared[**id as usize].name.parts.is_empty();
        let name_ids =
            NameIds::new((0..prepared.len()).map(|ei| refs[range(ei)].iter().filter(has_parts)));
        let part_ids = PartIds::build(&shared);
        drop(shared);
        drop(refs);

        let mut names: Vec<(u32, f32)> = Vec::new();
        let mut vocab: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (ei, p) in prepared.iter().enumerate() {
            for n in &p.names {
                let name_id = names.len() as u32;
                names.push((
                    ei as u32,
                    n.name
                        .parts
                        .iter()
                        .zip(&n.weights)
                        .filter(|(p, _)| indexed(p.kind))
                        .map(|(_, w)| *w as f32)
                        .sum::<f32>(),
                ));
                for part in n.name.parts.iter().filter(|p| indexed(p.kind)) {
                    for s in part.spellings() {
                        let next = postings.len() as u32;
                        let v = *vocab.entry(s.to_string()).or_insert(next);
                        if v == next {
                            postings.push(Vec::new());
                        }
                        let list = &mut postings[v as usize];
                        if list.last() != Some(&name_id) {
                            list.push(name_id);
                        }
                    }
                }
            }
        }
        let number = locality_numbers(names.len(), &postings);
        let names = {
            let mut renumbered = vec![(0, 0.0); names.len()];
            for (listed, name) in names.into_iter().enumerate() {
                renumbered[number[listed] as usize] = name;
            }
            renumbered
        };
        postings.par_iter_mut().for_each(|list| {
            list.iter_mut()
                .for_each(|name| *name = number[*name as usize]);
            list.sort_unstable();
        });
        let carried = Carried::build(names.len(), &postings);
        let mut words: Vec<(&String, &u32)> = vocab.iter().collect();
        words.sort_by_key(|(_, v)| **v);
        let keyed: Vec<(u32, Vec<u64>, String, String)> = words
            .par_iter()
            .map(|(w, v)| {
                let mut dels = Vec::with_capacity(w.len() + 1);
                deletion_hashes(w, &mut dels);
                (**v, dels, skeleton(w), phonetic(w))
            })
            .collect();
        let mut deletion_keys: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut skeleton_keys: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut phonetic_keys: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (v, dels, skel, phon) in keyed {
            for d in dels {
                deletion_keys.entry(d).or_default().push(v);
            }
            if skel.len() >= 2 {
                skeleton_keys.entry(skel).or_default().push(v);
            }
            if phon.len() >= 2 {
                phonetic_keys.entry(phon).or_default().push(v);
            }
        }
        let pairs = PairIndex::build(
            &prepared,
            indexed,
            common_code_names.unwrap_or(COMMON_CODE_NAMES),
            &number,
        );
        drop(number);
        by_id.sort_unstable();
        by_id.shrink_to_fit();
        Index {
            store,
            prepared,
            name_ids,
            part_ids,
            by_id,
            stats,
            names,
            vocab,
            postings,
            carried,
            deletion_keys,
            skeleton_keys,
            phonetic_keys,
            pairs,
        }
    }
}

/// New numbers for names (indexed by their number in listing order), putting side by side
/// the names whose rarest spelling (shortest posting list) is the same, within that group
/// those whose second rarest is the same, then in listing order. A query mostly walks its
/// rarer parts' lists and the pair lists of a common part with another, crediting each name
/// in a slot of its own: grouped, the slots of one list share cache lines and pages instead
/// of being scattered over the whole list.
fn locality_numbers(names: usize, postings: &[Vec<u32>]) -> Vec<u32> {
    // The two rarest (list length, vocabulary id) per name; names without one go last.
    let none = (u32::MAX, u32::MAX);
    let mut rarest: Vec<[(u32, u32); 2]> = vec![[none, none]; names];
    for (v, list) in postings.iter().enumerate() {
        let key = (list.len() as u32, v as u32);
        for &name in list {
            let r = &mut rarest[name as usize];
            if key < r[0] {
                r[1] = r[0];
                r[0] = key;
            } else if key < r[1] {
                r[1] = key;
            }
        }
    }
    let mut order: Vec<(u32, u32, u32)> = rarest
        .iter()
        .enumerate()
        .map(|(listed, r)| (r[0].1, r[1].1, listed as u32))
        .collect();
    drop(rarest);
    order.par_sort_unstable();
    let mut number = vec![0u32; names];
    for (new, (_, _, listed)) in order.into_iter().enumerate() {
        number[listed as usize] = new as u32;
    }
    number
}

impl Index {
    /// Builds the index (name analysis runs in parallel). See [`IndexBuilder`] to add
    /// entities one by one instead.
    pub fn build(entities: Vec<Entity>) -> Index {
        let mut b = IndexBuilder::new();
        for e in entities {
            b.add(e);
        }
        b.finish()
    }

    /// Every listed entity, decoded from the compact store, in index order
    /// ([`ScoredMatch::index`] numbers them).
    pub fn entities(&self) -> impl ExactSizeIterator<Item = Entity> + '_ {
        (0..self.store.len()).map(|i| self.store.get(i).expect("entity number in range"))
    }

    /// Entity number `i` (as [`ScoredMatch::index`] gives it), decoded.
    pub fn entity(&self, i: usize) -> Option<Entity> {
        self.store.get(i)
    }

    /// The id of entity number `i`, without decoding the entity.
    pub fn id(&self, i: usize) -> Option<&str> {
        (i < self.store.len()).then(|| self.store.id(i))
    }

    /// The schema of entity number `i`, without decoding the entity.
    pub fn schema(&self, i: usize) -> Option<Schema> {
        (i < self.store.len()).then(|| self.store.schema(i))
    }

    /// The source (dataset) of entity number `i`, without decoding the entity.
    pub fn source(&self, i: usize) -> Option<&str> {
        (i < self.store.len()).then(|| self.store.source(i))
    }

    /// The number of the entity with this id (the last one, should a list repeat an id).
    pub fn position(&self, id: &str) -> Option<usize> {
        let h = id_hash(id);
        let from = self.by_id.partition_point(|&(x, _)| x < h);
        self.by_id[from..]
            .iter()
            .take_while(|&&(x, _)| x == h)
            .map(|&(_, i)| i as usize)
            .filter(|&i| self.store.id(i) == id)
            .last()
    }

    /// The entity with this id (the last one, should a list repeat an id), decoded.
    pub fn get(&self, id: &str) -> Option<Entity> {
        self.position(id).and_then(|i| self.store.get(i))
    }

    pub fn len(&self) -> usize {
        self.store.len()
    }

    pub fn is_empty(&self) -> bool {
        self.store.len() == 0
    }

    /// Number of indexed names (all name properties of all entities).
    pub fn name_count(&self) -> usize {
        self.names.len()
    }

    /// Names keyed under pairs of part codes (0 unless some code is common; see `pairs`).
    pub fn keyed_pairs(&self) -> usize {
        self.pairs.len()
    }

    /// Prepares a query with this index's part weights.
    pub fn prepare(&self, query: &Entity) -> Prepared {
        Prepared::new(query, &self.stats)
    }

    /// Compares two records with this index's part weights (see [`crate::compare`]).
    pub fn compare(&self, a: &Entity, b: &Entity) -> Comparison {
        compare_prepared(&self.prepare(a), &self.prepare(b))
    }

    /// Screens `query` against the index: results sorted by score (highest first), then id.
    pub fn screen(&self, query: &Entity, opts: &ScreenOptions) -> Vec<ScoredMatch> {
        let q = self.prepare(query);
        let candidates = self.candidates(&q, opts);
        let floor = if opts.include_below_threshold {
            opts.cutoff.min(opts.threshold)
        } else {
            opts.threshold
        };
        // Score all candidates cheaply, keep the best `limit`, explain only those.
        // Each (query name, distinct listed name) pair, and each (query part, distinct
        // listed part) pair, is compared once per screen.
        MEMO.with(|cell| {
            let mut memo = cell.borrow_mut();
            memo.clear();
            let mut scored: Vec<(f64, u32)> = candidates
                .into_iter()
                .filter_map(|ei| {
                    let c = self.prepared.get(ei as usize)?;
                    let mut names = self.memo_scorer(&q, c, ei, &mut memo);
                    Some((score_reaching_by(&q, c, &mut names, floor)?, ei))
                })
                .collect();
            // Best first, ties by id, then (a repeated id) by entity: the ids (a scattered read
            // each) only where scores tie, and only the best `limit` sorted.
            let order = |a: &(f64, u32), b: &(f64, u32)| {
                b.0.total_cmp(&a.0)
                    .then_with(|| {
                        let id = |ei: u32| self.store.id(ei as usize);
                        id(a.1).cmp(id(b.1))
                    })
                    .then(a.1.cmp(&b.1))
            };
            if scored.len() > opts.limit {
                scored.select_nth_unstable_by(opts.limit, order);
                scored.truncate(opts.limit);
            }
            scored.sort_by(order);
            scored
                .into_iter()
                .filter_map(|(_, ei)| {
                    let id = self.store.id(ei as usize);
                    let c = self.prepared.get(ei as usize)?;
                    let cmp = compare_by(&q, c, &mut self.memo_scorer(&q, c, ei, &mut memo));
                    Some(ScoredMatch {
                        index: ei as usize,
                        id: id.to_string(),
                        score: cmp.score,
                        is_match: cmp.score >= opts.threshold,
                        explanation: cmp.explanation,
                    })
                })
                .collect()
        })
    }

    /// Scores (query name, listed name) pairs of `q` and record `ei` (`c`) through `memo`: a
    /// pair met before in this screen comes back without its alignment.
    fn memo_scorer<'a>(
        &'a self,
        q: &Prepared,
        c: &Prepared,
        ei: u32,
        memo: &'a mut ScreenMemo,
    ) -> impl FnMut(usize, usize, &PreparedName, &PreparedName) -> NameScore + 'a {
        let ids = self.name_ids.of(ei as usize);
        let q_off = list_offset(q, q.names_against(c.schema));
        let c_off = list_offset(c, c.names_against(q.schema));
        move |qi, ci, qn, cn| {
            let listed = ids[c_off + ci];
            let slot = q_off + qi;
            if let Some((score, info)) = memo.get(slot, listed) {
                return NameScore {
                    score,
                    info,
                    pairs: SmallVec::new(),
                };
            }
            let parts = self.part_ids.of(listed);
            let s = score_names_by(qn, cn, &mut |i, j| {
                memo.part(slot, i, parts[j], || {
                    part_similarity(&qn.name.parts[i], &cn.name.parts[j])
                })
            });
            memo.put(slot, listed, (s.score, s.info));
            s
        }
    }

    /// Entity numbers whose names share enough of the query's name parts (approximately),
    /// allowed by the options; ascending.
    pub fn candidates(&self, q: &Prepared, opts: &ScreenOptions) -> Vec<u32> {
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            self.gather(q, opts, &mut scratch)
        })
    }

    fn gather(&self, q: &Prepared, opts: &ScreenOptions, s: &mut Scratch) -> Vec<u32> {
        let n = self.names.len();
        if s.slots.len() < n {
            s.slots.resize(n, (0.0, 0));
        }
        let mut entities: Vec<u32> = Vec::new();
        let mut vocab_hits: Vec<u32> = Vec::new();
        // A LegalEntity query also looks for persons with its person-analysed names, except
        // where one reads as a name gathered already (most names with no title or particle).
        let read: SmallVec<[_; 4]> = match q.person_names.is_empty() {
            true => SmallVec::new(),
            false => q.names.iter().map(|n| gathering_input(n)).collect(),
        };
        let person_names = q
            .person_names
            .iter()
            .filter(|n| !read.contains(&gathering_input(n)));
        for qn in q.names.iter().chain(person_names) {
            let total: f32 = qn
                .name
                .parts
                .iter()
                .zip(&qn.weights)
                .filter(|(p, _)| indexed(p.kind))
                .map(|(_, w)| *w as f32)
                .sum();
            if total <= 0.0 {
                continue;
            }
            let floor = total * MIN_OVERLAP;
            // Parts with long posting lists (common names) only verify names that rarer parts
            // found, as long as the weight so skipped could not reach the floor alone: any
            // name that can reach it carries a rarer part and is found through it.
            let mut plan: SmallVec<[Planned; 8]> = SmallVec::new();
            for (pi, (part, &w)) in qn.name.parts.iter().zip(&qn.weights).enumerate() {
                if !indexed(part.kind) {
                    continue;
                }
                let spellings = self.exact_spellings(part);
                let lists: SmallVec<[&Vec<u32>; 4]> = spellings
                    .iter()
                    .map(|&v| &self.postings[v as usize])
                    .collect();
                let volume: usize = lists.iter().map(|l| l.len()).sum();
                plan.push(Planned {
                    pi,
                    w: w as f32,
                    lists,
                    volume,
                    common: spellings.iter().map(|&v| self.carried.number(v)).collect(),
                    code: code(part),
                    lookup: Lookup::Walk,
                });
            }
            // In a large list, a part with a common code is looked up together with each
            // other part (see `pairs`), not alone.
            for k in 0..plan.len() {
                let has_partner = plan
                    .iter()
                    .enumerate()
                    .any(|(k2, o)| k2 != k && o.code.is_some());
                if has_partner && plan[k].code.is_some_and(|c| self.pairs.is_common(c)) {
                    plan[k].lookup = Lookup::Pairs;
                }
            }
            let mut by_volume: SmallVec<[usize; 8]> = (0..plan.len())
                .filter(|&k| plan[k].lookup == Lookup::Walk)
                .collect();
            by_volume.sort_by_key(|&k| std::cmp::Reverse(plan[k].volume));
            let mut skipped = 0.0f32;
            for k in by_volume {
                let (w, volume) = (plan[k].w, plan[k].volume);
                if volume > VERIFY_ONLY_VOLUME && skipped + w < floor {
                    skipped += w;
                    plan[k].lookup = Lookup::Verify;
                }
            }
            let mut common_alike: SmallVec<[CommonAlike; 2]> = SmallVec::new();
            for planned in plan.iter().filter(|p| p.lookup == Lookup::Walk) {
                common_alike.extend(self.walk(qn, planned, s, floor, &mut vocab_hits));
            }
            // Names only those common spellings lead to can gain no more than their credit
            // and that of the parts not walked (looked up in pairs, or verified). Unless
            // enough names found already rank above that, the common spellings are walked
            // after all, before the pairs as before: nothing is lost.
            if !common_alike.is_empty() {
                let most: f32 = common_alike.iter().map(|c| c.alike).sum::<f32>()
                    + plan
                        .iter()
                        .filter(|p| p.lookup != Lookup::Walk)
                        .map(|p| p.w)
                        .sum::<f32>();
                let ranking_above = s
                    .above
                    .iter()
                    // A rank is at most the overlap: most names fail here, unread.
                    .filter(|&&name| s.slots[name as usize].0 > most)
                    .filter(|&&name| self.rank(s, name, opts).is_some_and(|r| r > most))
                    .take(MAX_CANDIDATE_NAMES)
                    .count();
                if ranking_above < MAX_CANDIDATE_NAMES {
                    for c in common_alike.drain(..) {
                        let clock = s.restamp(&c.walked);
                        for list in &c.lists {
                            s.credit_all(list, clock, c.alike, floor);
                        }
                    }
                }
            }
            // A common part is credited as alike (not the same spelling) to the names that
            // carry it together with another query part, then fully to every name found so
            // far that carries one of its spellings.
            for planned in plan.iter().filter(|p| p.lookup == Lookup::Pairs) {
                let Some(a) = planned.code else {
                    continue;
                };
                let clock = s.next_clock();
                let alike = planned.w * APPROXIMATE_CREDIT;
                for other in plan.iter().filter(|o| o.pi != planned.pi) {
                    if let Some(b) = other.code {
                        s.credit_all(self.pairs.list(a, b), clock, alike, floor);
                    }
                }
                s.credit_found(
                    &planned.lists,
                    &planned.common,
                    &self.carried,
                    planned.w,
                    Some((clock, alike)),
                    floor,
                );
            }
            // Found names carrying a spelling that a walked part resembles, too common to
            // walk, get the part's approximate credit unless the part credited them already.
            for c in &common_alike {
                let clock = s.restamp(&c.walked);
                s.credit_found(
                    &c.lists,
                    &c.common,
                    &self.carried,
                    c.alike,
                    Some((clock, c.alike)),
                    floor,
                );
            }
            for planned in plan.iter().filter(|p| p.lookup == Lookup::Verify) {
                s.credit_found(
                    &planned.lists,
                    &planned.common,
                    &self.carried,
                    planned.w,
                    None,
                    floor,
                );
            }
            let ranked = self.best_ranked(s, opts);
            entities.extend(ranked.iter().map(|(_, name)| self.names[*name as usize].0));
            s.reset();
        }
        entities.sort_unstable();
        entities.dedup();
        entities
    }

    /// The best-ranking names found for a query name (at most `MAX_CANDIDATE_NAMES`, best
    /// first, ties in listing order). A rank is at most the name's overlap, so the names with
    /// the best overlaps set a bar that the others' overlaps must reach before their rank is
    /// worth reading (at scale most names found fall short, and each rank read is a cache miss).
    fn best_ranked(&self, s: &Scratch, opts: &ScreenOptions) -> Vec<(f32, u32)> {
        let mut by_overlap: Vec<(f32, u32)> = s
            .above
            .iter()
            .enumerate()
            .map(|(i, &name)| {
                prefetch::ahead(&s.slots, &s.above, i);
                (s.slots[name as usize].0, name)
            })
            .collect();
        let first = by_overlap.len().min(4 * MAX_CANDIDATE_NAMES);
        if first > 0 && by_overlap.len() > first {
            by_overlap.select_nth_unstable_by(first - 1, |a, b| b.0.total_cmp(&a.0));
        }
        // Ranks each name of `list` that `opts` lets through, asking for the name a few
        // places on while ranking this one.
        let rank_each = |list: &[(f32, u32)]| -> Vec<(f32, u32)> {
            (0..list.len())
                .filter_map(|i| {
                    if let Some(&(_, next)) = list.get(i + prefetch::AHEAD) {
                        prefetch::prefetch(&self.names, next as usize);
                    }
                    let name = list[i].1;
                    Some((self.rank(s, name, opts)?, name))
                })
                .collect()
        };
        let mut ranked = rank_each(&by_overlap[..first]);
        // Ties in listing order: by entity, then name number (an entity's names keep their
        // order within a group of `locality_numbers`, and either of two tied names of one
        // entity makes it a candidate).
        let listed = |name: u32| (self.names[name as usize].0, name);
        let order = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| listed(a.1).cmp(&listed(b.1)))
        };
        let keep = |ranked: &mut Vec<(f32, u32)>| {
            if ranked.len() > MAX_CANDIDATE_NAMES {
                ranked.select_nth_unstable_by(MAX_CANDIDATE_NAMES, order);
                ranked.truncate(MAX_CANDIDATE_NAMES);
            }
        };
        keep(&mut ranked);
        let bar = if ranked.len() == MAX_CANDIDATE_NAMES {
            ranked.iter().map(|r| r.0).fold(f32::INFINITY, f32::min)
        } else {
            f32::NEG_INFINITY
        };
        let rest: Vec<(f32, u32)> = by_overlap[first..]
            .iter()
            .filter(|(overlap, _)| *overlap >= bar)
            .copied()
            .collect();
        ranked.extend(rank_each(&rest));
        keep(&mut ranked);
        ranked.sort_by(order);
        ranked
    }

    /// A found name's rank among candidates, as the scorer will see it: its overlap, less a
    /// share of its weight left over; `None` where `opts` leaves its entity out.
    fn rank(&self, s: &Scratch, name: u32, opts: &ScreenOptions) -> Option<f32> {
        // Entity and weight side by side: one cache line per name at scale.
        let (entity, weight) = self.names[name as usize];
        if !self.allowed(entity, opts) {
            return None;
        }
        let o = s.slots[name as usize].0;
        let rest = (weight - o).max(0.0);
        Some(o - LISTED_MISS_COST as f32 * rest)
    }

    /// Credits the names carrying a query part: its own spellings in full, then approximate
    /// keys (typo, skeleton, phonetic code) in part; a stamp makes each name count once per
    /// query part. An approximate key's spelling carried by more names than a common code
    /// (at scale: a frequent family name one edit or one vowel away) is not walked but
    /// returned, to be checked against the names every part found (`CommonAlike`).
    fn walk<'a>(
        &'a self,
        qn: &PreparedName,
        planned: &Planned<'a>,
        s: &mut Scratch,
        floor: f32,
        vocab_hits: &mut Vec<u32>,
    ) -> Option<CommonAlike<'a>> {
        let (part, w) = (&qn.name.parts[planned.pi], planned.w);
        let clock = s.next_clock();
        for list in &planned.lists {
            s.credit_all(list, clock, w, floor);
        }
        if (w as f64) < MIN_APPROXIMATE_WEIGHT {
            return None;
        }
        vocab_hits.clear();
        self.lookup(part, false, vocab_hits);
        let most = self.pairs.common_above() as usize;
        let alike = w * APPROXIMATE_CREDIT;
        let (mut common, mut numbers) = (SmallVec::new(), SmallVec::new());
        for &v in vocab_hits.iter() {
            let Some(list) = self.postings.get(v as usize) else {
                continue;
            };
            if list.len() > most {
                common.push(list);
                numbers.push(self.carried.number(v));
            } else {
                s.credit_all(list, clock, alike, floor);
            }
        }
        if common.is_empty() {
            return None;
        }
        let walked = planned
            .lists
            .iter()
            .copied()
            .chain(
                vocab_hits
                    .iter()
                    .filter_map(|&v| self.postings.get(v as usize))
                    .filter(|list| list.len() <= most),
            )
            .collect();
        Some(CommonAlike {
            walked,
            lists: common,
            common: numbers,
            alike,
        })
    }

    /// The vocabulary ids of `part`'s own spellings.
    fn exact_spellings(&self, part: &zeef_names::NamePart) -> SmallVec<[u32; 4]> {
        part.spellings()
            .filter_map(|sp| self.vocab.get(sp).copied())
            .collect()
    }

    /// Vocabulary ids resembling `part`: with `exact`, the same spellings; otherwise one edit
    /// away, same skeleton or same phonetic code.
    fn lookup(&self, part: &zeef_names::NamePart, exact: bool, out: &mut Vec<u32>) {
        if exact {
            out.extend(
                part.spellings()
                    .filter_map(|sp| self.vocab.get(sp).copied()),
            );
            return;
        }
        let mut hashes: Vec<u64> = Vec::with_capacity(24);
        for sp in part.spellings() {
            hashes.clear();
            deletion_hashes(sp, &mut hashes);
            for h in &hashes {
                if let Some(vs) = self.deletion_keys.get(h) {
                    out.extend_from_slice(vs);
                }
            }
        }
        // Short codes are shared by too many unrelated parts to be worth following.
        if part.skeleton.len() >= 3
            && let Some(vs) = self.skeleton_keys.get(&part.skeleton)
        {
            out.extend_from_slice(vs);
        }
        if part.phonetic.len() >= 3
            && let Some(vs) = self.phonetic_keys.get(&part.phonetic)
        {
            out.extend_from_slice(vs);
        }
        out.sort_unstable();
        out.dedup();
    }

    fn allowed(&self, entity: u32, opts: &ScreenOptions) -> bool {
        let e = entity as usize;
        if e >= self.store.len() {
            return false;
        }
        if let Some(sources) = &opts.sources
            && !sources.iter().any(|s| s == self.store.source(e))
        {
            return false;
        }
        if let Some(schema) = opts.schema
            && !self.store.schema(e).is_a(schema)
        {
            return false;
        }
        opts.exclude_ids.is_empty() || !opts.exclude_ids.iter().any(|x| x == self.store.id(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::Prop;

    /// Fictional people, enough that some given and family names are common.
    fn people() -> Vec<Entity> {
        let given = ["Luis", "Lucia", "Khadija", "Maria", "Ahmed"];
        let family = ["Morales", "Garcia", "Benali", "Hassan"];
        let mut es = Vec::new();
        for (i, g) in given.iter().enumerate() {
            for (j, f) in family.iter().enumerate() {
                for k in 0..3 {
                    let mut e = Entity::new(format!("p-{i}-{j}-{k}"), Schema::Person, "test");
                    e.add(Prop::Name, format!("{g} {f}"));
                    es.push(e);
                }
            }
        }
        let mut rare = Entity::new("p-rare", Schema::Person, "test");
        rare.add(Prop::Name, "Khadija Radtahuri");
        es.push(rare);
        es
    }

    fn built(common_code_names: u32) -> Index {
        let mut b = IndexBuilder::new().common_code_names(common_code_names);
        for e in people() {
            b.add(e);
        }
        b.finish()
    }

    fn screen_person(index: &Index, name: &str) -> Vec<ScoredMatch> {
        let mut q = Entity::new("q", Schema::Person, "query");
        q.add(Prop::Name, name);
        let opts = ScreenOptions {
            limit: 100,
            ..ScreenOptions::default()
        };
        index.screen(&q, &opts)
    }

    /// The ids of the best-scoring results.
    fn best(hits: &[ScoredMatch]) -> Vec<String> {
        hits.iter()
            .filter(|h| h.score >= hits[0].score)
            .map(|h| h.id.clone())
            .collect()
    }

    #[test]
    fn common_parts_are_looked_up_in_pairs() {
        // Every code of more than 5 names is common here: all given and family names.
        let paired = built(5);
        let alone = built(u32::MAX);
        assert!(paired.keyed_pairs() >= 60, "{}", paired.keyed_pairs());
        assert_eq!(alone.keyed_pairs(), 0);
        let screen = screen_person;
        for name in [
            "Luis Morales",
            "Lucia Garcia",
            "Khadija Radthauri",
            "Ahmed Hasan",
        ] {
            let (a, b) = (screen(&paired, name), screen(&alone, name));
            // The same best matches: exact spellings rank above names only alike (Luis and
            // Lucia share a phonetic code), and a misspelt rare part still finds its name.
            assert!(!a.is_empty(), "{name}: nothing found through pairs");
            assert_eq!(best(&a), best(&b), "{name}");
        }
        let top = screen(&paired, "Luis Morales");
        assert!(
            top.iter().take(3).all(|h| h.id.starts_with("p-0-0-")),
            "{top:?}"
        );
        assert_eq!(screen(&paired, "Khadija Radthauri")[0].id, "p-rare");
    }

    #[test]
    fn a_part_resembling_a_common_spelling_still_finds_it() {
        // "Garciak" is one letter from "Garcia", which more than 5 names carry (a common
        // spelling here), under another phonetic code: the part walks its rarer keys and
        // leaves Garcia to be checked, and as no other part found enough, Garcia is walked.
        let paired = built(5);
        let alone = built(u32::MAX);
        for name in ["Maria Garciak", "Garciak Lucia"] {
            let (a, b) = (screen_person(&paired, name), screen_person(&alone, name));
            assert!(!a.is_empty(), "{name}: nothing found");
            assert_eq!(best(&a), best(&b), "{name}");
            let caption = paired.entity(a[0].index).map(|e| e.caption().to_string());
            assert!(
                caption.as_deref().is_some_and(|c| c.contains("Garcia")),
                "{name}: {caption:?}"
            );
        }
        let maria = screen_person(&paired, "Maria Garciak");
        assert!(
            maria.iter().take(3).all(|h| h.id.starts_with("p-3-1-")),
            "{maria:?}"
        );
    }

    #[test]
    fn a_legal_entity_name_read_alike_as_a_person_is_gathered_once() {
        let index = built(u32::MAX);
        let query = |name: &str| {
            let mut q = Entity::new("q", Schema::LegalEntity, "query");
            q.add(Prop::Name, name);
            index.prepare(&q)
        };
        // Plain words: the person reading has the same parts and weights.
        let plain = query("Luis Morales");
        let reads =
            |p: &Prepared| gathering_input(&p.names[0]) == gathering_input(&p.person_names[0]);
        assert!(reads(&plain));
        // A title is a part of its own kind only in a person's name: read differently.
        let titled = query("Sheikh Luis Morales");
        assert!(!reads(&titled));
        // Gathered once or twice, the candidates are those of every reading.
        let opts = ScreenOptions::default();
        let found = index.candidates(&plain, &opts);
        assert!(!found.is_empty());
        let mut person = plain.clone();
        person.names.clear();
        for e in index.candidates(&person, &opts) {
            assert!(found.contains(&e), "{e}");
        }
    }

    #[test]
    fn get_finds_every_id_and_the_last_of_repeats() {
        let mut entities: Vec<Entity> = (0..500)
            .map(|i| {
                let mut e = Entity::new(format!("x-{i}"), Schema::Person, "test");
                e.add(Prop::Name, format!("Name{i} Family"));
                e
            })
            .collect();
        let mut again = Entity::new("x-7", Schema::Person, "again");
        again.add(Prop::Name, "Other Person");
        entities.push(again);
        let index = Index::build(entities);
        for i in 0..500 {
            let id = format!("x-{i}");
            assert_eq!(index.get(&id).map(|e| e.id), Some(id.clone()));
        }
        assert_eq!(
            index.get("x-7").map(|e| e.provenance.source),
            Some("again".to_string())
        );
        assert!(index.get("x-500").is_none());
        assert!(index.get("").is_none());
    }

    /// `credit_found` walks short lists and, for long ones, searches them for the names found
    /// or (common spellings) reads what each name found carries; either way each name found
    /// that a list holds gets the credit once, and names found after a search are seen by the
    /// next one.
    #[test]
    fn credit_found_credits_found_names_whether_it_walks_searches_or_reads() {
        let every = |step: usize, below: u32| -> Vec<u32> { (0..below).step_by(step).collect() };
        let (short, long, longer) = (every(3, 30), every(3, 10_000), every(6, 10_000));
        let postings = vec![short.clone(), long.clone(), longer.clone()];
        for read in [false, true] {
            let carried = match read {
                true => Carried::build(10_000, &postings),
                false => Carried::default(),
            };
            let number = |v: u32| carried.number(v);
            let mut s = Scratch::default();
            s.slots.resize(10_000, (0.0, 0));
            let clock = s.next_clock();
            s.credit_all(&every(7, 10_000), clock, 1.0, 100.0);
            let touched = s.touched.len();
            // Shorter than the names found: walked.
            assert!(short.len() <= touched);
            s.credit_found(&[&short], &[number(0)], &carried, 0.5, None, 100.0);
            // Longer: searched or read; a name both lists hold is credited once.
            assert!(long.len() + longer.len() > touched);
            assert_eq!(number(1) != NOT_COMMON, read);
            let both = [number(1), number(2)];
            s.credit_found(&[&long, &longer], &both, &carried, 0.25, None, 100.0);
            for name in 0..10_000u32 {
                let found = name % 7 == 0;
                let expected = match found {
                    false => 0.0,
                    true => {
                        1.0 + if name < 30 && name % 3 == 0 { 0.5 } else { 0.0 }
                            + if name % 3 == 0 { 0.25 } else { 0.0 }
                    }
                };
                assert_eq!(
                    s.slots[name as usize].0, expected,
                    "name {name}, read {read}"
                );
            }
            // Names found later are searched or read too.
            let clock = s.next_clock();
            s.credit_all(&[9_998, 9_999], clock, 1.0, 100.0);
            s.credit_found(&[&long], &[number(1)], &carried, 0.25, None, 100.0);
            assert_eq!(s.slots[9_999].0, 1.25);
            assert_eq!(s.slots[9_998].0, 1.0);
            assert_eq!(s.slots[9_996].0, 1.5);
        }
    }

    proptest::proptest! {
        /// Locality numbers are a permutation that keeps together the names whose rarest
        /// spelling is the same, in listing order within a group of equal second rarest.
        #[test]
        fn locality_numbers_group_names_by_their_rarest_spellings(
            postings in crate::carried::tests::postings(300, 120, 10),
        ) {
            let number = super::locality_numbers(300, &postings);
            let mut seen = number.clone();
            seen.sort_unstable();
            proptest::prop_assert_eq!(seen, (0..300).collect::<Vec<u32>>());
            // Each name's two rarest (length, vocabulary id), as the numbering ranks them.
            let rarest = |name: u32| {
                let mut keys: Vec<(usize, usize)> = postings
                    .iter()
                    .enumerate()
                    .filter(|(_, l)| l.contains(&name))
                    .map(|(v, l)| (l.len(), v))
                    .collect();
                keys.sort_unstable();
                (keys.first().map(|k| k.1), keys.get(1).map(|k| k.1))
            };
            let mut by_number: Vec<u32> = (0..300).collect();
            by_number.sort_by_key(|&name| number[name as usize]);
            let mut groups_done: Vec<Option<usize>> = Vec::new();
            for pair in by_number.windows(2) {
                let (a, b) = (rarest(pair[0]), rarest(pair[1]));
                if a.0 != b.0 {
                    // A group, once left, never comes back.
                    proptest::prop_assert!(!groups_done.contains(&b.0), "{:?}", b);
                    groups_done.push(a.0);
                } else if a.1 == b.1 {
                    proptest::prop_assert!(pair[0] < pair[1], "listing order within a group");
                }
            }
        }

        #[test]
        fn intersect_finds_exactly_the_common_names(
            few in proptest::collection::btree_set(0u32..2_000, 0..200),
            many in proptest::collection::btree_set(0u32..2_000, 0..1_500),
        ) {
            let few: Vec<u32> = few.into_iter().collect();
            let many: Vec<u32> = many.into_iter().collect();
            let mut found = Vec::new();
            super::intersect(&few, &many, |n| found.push(n));
            let expected: Vec<u32> = few.iter().copied().filter(|n| many.contains(n)).collect();
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
