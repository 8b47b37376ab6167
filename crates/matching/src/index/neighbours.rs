//! Screening for entity resolution: listed records against their own index (scores only, the
//! record itself left out), and queries one result per resolved entity.

use super::{Index, MEMO, ScoredMatch, ScreenOptions, add_identified};
use crate::compare::{compare_by, compare_prepared, score_reaching_by};
use crate::record::{Prepared, PreparedName};
use std::collections::HashMap;
use std::sync::Arc;
use zeef_model::{Entity, Prop};

/// A neighbour found by a record's primary names at or above this score is taken without
/// screening its aliases.
const CONFIDENT: f64 = 0.95;

impl Index {
    /// The listed records most like record `i` (never `i` itself), best first, as (entity
    /// number, score): at most `opts.limit`, down to `opts.cutoff` where
    /// `opts.include_below_threshold` is set, else down to `opts.threshold`. Record `i` is
    /// the query as prepared at build, so no name is analysed again. Its primary names are
    /// screened first and, unless they find a confident neighbour, all its names: a party
    /// listed twice nearly always shares a primary name with one side's names, and screening
    /// every alias is most of the cost.
    pub fn neighbours(&self, i: usize, opts: &ScreenOptions) -> Vec<(usize, f64)> {
        self.neighbours_where(i, opts, &|_| true)
    }

    /// [`Index::neighbours`] among the records `wanted` accepts (entity numbers): the others
    /// are neither scored nor counted against `opts.limit` (entity resolution leaves out
    /// records of the record's own list, which it never joins).
    pub fn neighbours_where(
        &self,
        i: usize,
        opts: &ScreenOptions,
        wanted: &dyn Fn(usize) -> bool,
    ) -> Vec<(usize, f64)> {
        let Some(q) = self.prepared.get(i) else {
            return Vec::new();
        };
        let primary = |n: &&Arc<PreparedName>| n.prop == Prop::Name;
        if q.names.iter().any(|n| n.prop != Prop::Name) && q.names.iter().any(|n| primary(&n)) {
            let mut p = q.clone();
            p.names.retain(|n| primary(&n));
            p.person_names.retain(|n| primary(&n));
            let hits = self.neighbours_of(&p, i, opts, wanted);
            if hits.first().is_some_and(|h| h.1 >= CONFIDENT) {
                return hits;
            }
        }
        self.neighbours_of(q, i, opts, wanted)
    }

    fn neighbours_of(
        &self,
        q: &Prepared,
        i: usize,
        opts: &ScreenOptions,
        wanted: &dyn Fn(usize) -> bool,
    ) -> Vec<(usize, f64)> {
        let candidates = self.candidates(q, opts);
        let floor = opts.floor();
        MEMO.with(|cell| {
            let mut memo = cell.borrow_mut();
            memo.clear();
            let mut scored: Vec<(usize, f64)> = candidates
                .into_iter()
                .filter(|&ei| ei as usize != i && wanted(ei as usize))
                .filter_map(|ei| {
                    let c = self.prepared.get(ei as usize)?;
                    let mut names = self.memo_scorer(q, c, ei, &mut memo, &[]);
                    Some((ei as usize, score_reaching_by(q, c, &mut names, floor)?))
                })
                .collect();
            scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            scored.truncate(opts.limit);
            scored
        })
    }

    /// The score of listed record `a` screened against listed record `b` (both entity
    /// numbers), without explanation; `None` where either is out of range.
    pub fn pair_score(&self, a: usize, b: usize) -> Option<f64> {
        Some(compare_prepared(self.prepared.get(a)?, self.prepared.get(b)?).score)
    }
}

type Others = Vec<(usize, f64)>;

/// One group's result from [`Index::screen_grouped`].
#[derive(Debug, Clone, PartialEq)]
pub struct GroupHit {
    /// The group's best-scoring record, explained.
    pub best: ScoredMatch,
    /// The group's other records that scored, as (entity number, score), best first.
    pub others: Vec<(usize, f64)>,
}

impl Index {
    /// Screens `query` one result per group of records (`group[i]` is entity number `i`'s
    /// group, e.g. its resolved entity): up to `opts.limit` groups, best first, each with its
    /// best record explained and the other records' scores. Only the best records are
    /// explained, so this costs what [`Index::screen`] costs.
    pub fn screen_grouped(
        &self,
        query: &Entity,
        opts: &ScreenOptions,
        group: &[u32],
    ) -> Vec<GroupHit> {
        self.screen_grouped_until(query, opts, group, &|| false)
            .unwrap_or_default()
    }

    /// [`Index::screen_grouped`], asking `stop` as it goes whether to give up (as
    /// [`Index::screen_until`] does): None when it did.
    pub fn screen_grouped_until(
        &self,
        query: &Entity,
        opts: &ScreenOptions,
        group: &[u32],
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<GroupHit>> {
        let q = self.prepare(query);
        let candidates = self.candidates_until(&q, opts, stop)?;
        let floor = opts.floor();
        let identified = self.identified(&q, query, &self.id_hits(&q, opts));
        let grouped = MEMO.with(|cell| {
            let mut memo = cell.borrow_mut();
            memo.clear();
            let mut scored: Vec<(f64, u32)> = candidates
                .into_iter()
                .filter_map(|ei| {
                    let c = self.prepared.get(ei as usize)?;
                    let mut names = self.memo_scorer(&q, c, ei, &mut memo, &[]);
                    Some((score_reaching_by(&q, c, &mut names, floor)?, ei))
                })
                .collect();
            add_identified(&mut scored, &identified, floor);
            // The same order as `screen`: best first, ties by id, then by entity.
            scored.sort_by(|a, b| {
                b.0.total_cmp(&a.0)
                    .then_with(|| self.store.id(a.1 as usize).cmp(self.store.id(b.1 as usize)))
                    .then(a.1.cmp(&b.1))
            });
            let group_of = |ei: u32| group.get(ei as usize).copied().unwrap_or(u32::MAX - ei);
            // (group, its best (score, entity), its other records' (entity, score)).
            let mut groups: Vec<(u32, (f64, u32), Others)> = Vec::new();
            let mut at_of: HashMap<u32, usize> = HashMap::new();
            for (s, ei) in scored {
                let g = group_of(ei);
                match at_of.get(&g) {
                    Some(&at) => groups[at].2.push((ei as usize, s)),
                    None if groups.len() < opts.limit => {
                        at_of.insert(g, groups.len());
                        groups.push((g, (s, ei), Vec::new()));
                    }
                    None => {}
                }
            }
            groups
                .into_iter()
                .filter_map(|(_, (_, ei), others)| {
                    if let Some(hit) = identified.iter().find(|h| h.party == ei) {
                        let id = self.store.id(ei as usize);
                        let best = hit.scored(id, opts.threshold);
                        return Some(GroupHit { best, others });
                    }
                    let c = self.prepared.get(ei as usize)?;
                    let cmp = compare_by(&q, c, &mut self.memo_scorer(&q, c, ei, &mut memo, &[]));
                    Some(GroupHit {
                        best: ScoredMatch {
                            index: ei as usize,
                            id: self.store.id(ei as usize).to_string(),
                            score: cmp.score,
                            is_match: cmp.score >= opts.threshold,
                            explanation: cmp.explanation,
                        },
                        others,
                    })
                })
                .collect()
        });
        Some(grouped)
    }
}
