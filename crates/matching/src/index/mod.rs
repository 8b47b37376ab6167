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
use crate::carried::{Carried, NOT_COMMON};
use crate::compare::{Comparison, compare_by, compare_prepared, rank_reaching_by};
use crate::explain::Explanation;
use crate::memo::{LONG_NAME_PARTS, NameIds, PartIds, ScreenMemo, first_equal_parts, list_offset};
use crate::pairs::{COMMON_CODE_NAMES, PairIndex, code};
use crate::part_stats::PartStats;
use crate::prefetch;
use crate::record::{Prepared, PreparedName, name_kind};
use crate::store::{Encoded, EntityStore, Pos, encode};
use crate::weights::LISTED_MISS_COST;

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

impl ScreenOptions {
    /// The lowest score a screen returns: `cutoff` (never above the threshold) when
    /// `include_below_threshold` is set, else the threshold.
    pub fn floor(&self) -> f64 {
        if self.include_below_threshold {
            self.cutoff.min(self.threshold)
        } else {
            self.threshold
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
    /// Birth dates of the listed names (see `born`).
    born: born::Born,
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
    /// Every listed identifier under its normalised key.
    ids: IdIndex,
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

mod born;
mod build;
mod gather;
mod ids;
mod neighbours;
mod rank;
#[cfg(test)]
mod tests;

pub use build::IndexBuilder;
use ids::{IdIndex, add_identified};
pub use neighbours::GroupHit;

thread_local! {
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

impl Index {
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

    /// Screens `query` against the index: results sorted by score (highest first), then id;
    /// results scoring 1.00 by the name score and all evidence before it was held to 1 (a
    /// namesake sharing the query's birth date above one giving none), then id.
    pub fn screen(&self, query: &Entity, opts: &ScreenOptions) -> Vec<ScoredMatch> {
        self.screen_until(query, opts, &|| false)
            .unwrap_or_default()
    }

    /// [`Index::screen`], asking `stop` as it goes (between query names, looked-up parts and
    /// scored candidates) whether to give up: None when it did. A server passes its request's
    /// deadline, so that a screen nobody waits for any more stops within milliseconds.
    pub fn screen_until(
        &self,
        query: &Entity,
        opts: &ScreenOptions,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<ScoredMatch>> {
        let q = self.prepare(query);
        let candidates = self.candidates_until(&q, opts, stop)?;
        let floor = opts.floor();
        let identified = self.identified(&q, query, &self.id_hits(&q, opts));
        // Score all candidates cheaply, keep the best `limit`, explain only those.
        // Each (query name, distinct listed name) pair, and each (query part, distinct
        // listed part) pair, is compared once per screen.
        // Repeated parts of long query names, per query name (names, then person names).
        let repeats: Vec<Vec<usize>> = match q
            .names
            .iter()
            .chain(&q.person_names)
            .any(|n| n.name.parts.len() > LONG_NAME_PARTS)
        {
            true => q
                .names
                .iter()
                .chain(&q.person_names)
                .map(|n| first_equal_parts(&n.name.parts))
                .collect(),
            false => Vec::new(),
        };
        MEMO.with(|cell| {
            let mut memo = cell.borrow_mut();
            memo.clear();
            let mut scored: Vec<(f64, u32)> = Vec::new();
            for ei in candidates {
                if stop() {
                    return None;
                }
                let Some(c) = self.prepared.get(ei as usize) else {
                    continue;
                };
                let mut names = self.memo_scorer(&q, c, ei, &mut memo, &repeats);
                // Ranked by the sum before it is held to 1: ties at 1.00 go to more evidence.
                if let Some(rank) = rank_reaching_by(&q, c, &mut names, floor) {
                    scored.push((rank, ei));
                }
            }
            add_identified(&mut scored, &identified, floor);
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
            let explained = scored
                .into_iter()
                .filter_map(|(_, ei)| {
                    let id = self.store.id(ei as usize);
                    if let Some(hit) = identified.iter().find(|h| h.party == ei) {
                        return Some(hit.scored(id, opts.threshold));
                    }
                    let c = self.prepared.get(ei as usize)?;
                    let mut names = self.memo_scorer(&q, c, ei, &mut memo, &repeats);
                    let cmp = compare_by(&q, c, &mut names);
                    Some(ScoredMatch {
                        index: ei as usize,
                        id: id.to_string(),
                        score: cmp.score,
                        is_match: cmp.score >= opts.threshold,
                        explanation: cmp.explanation,
                    })
                })
                .collect();
            Some(explained)
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
        repeats: &'a [Vec<usize>],
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
            let first = repeats.get(slot).map_or(&[][..], Vec::as_slice);
            let s = score_names_by(qn, cn, &mut |i, j| {
                let same = first.get(i).copied().unwrap_or(i);
                memo.part(slot, same, parts[j], || {
                    part_similarity(&qn.name.parts[i], &cn.name.parts[j])
                })
            });
            memo.put(slot, listed, (s.score, s.info));
            s
        }
    }
}
