//! Pairing the entities of two groups of lists: the same person or company as listed by the
//! UN and by the UK, say. Explicit cross-references the lists carry come first; the rest are
//! linked by screening each left entity against an index of the right, one-to-one.

use crate::values::{dates_compatible, identifier_key, name_key};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use zeef_matching::{Index, ScoredMatch, ScreenOptions};
use zeef_model::{Entity, Prop};
use zeef_resolve::references::{RefKey, own_keys, pointer_keys};

/// How a link was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Method {
    /// A list names the other's entry (UK "UN Ref QDi.299"), or both name the same third entry.
    Reference,
    /// Screening found it (names, birth dates, identifiers, nationality).
    Match,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Reference => "reference",
            Method::Match => "match",
        }
    }
}

/// How to link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkOptions {
    /// Score at or above which a screening result links two entities.
    pub threshold: f64,
    /// Link through cross-references first (off: screening alone, to measure the matcher).
    pub use_references: bool,
    /// Candidates kept per left entity for the one-to-one assignment.
    pub candidates: usize,
}

/// Links below this score are too uncertain to call the same entity.
pub const DEFAULT_LINK_THRESHOLD: f64 = 0.8;

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            threshold: DEFAULT_LINK_THRESHOLD,
            use_references: true,
            candidates: 5,
        }
    }
}

/// A left entity and its right counterpart (positions in the slices given to [`link`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub left: usize,
    pub right: usize,
    /// 1 for a reference link; the screening score for a match.
    pub score: f64,
    pub method: Method,
}

/// The best right candidate of an unlinked left entity, below the threshold or taken.
#[derive(Debug, Clone, PartialEq)]
pub struct Nearest {
    pub right: usize,
    pub score: f64,
}

/// Every link, and who is on one side only.
#[derive(Debug, Clone, Default)]
pub struct Linkage {
    pub links: Vec<Link>,
    /// Left entities without a counterpart, with their nearest right candidate if any.
    pub left_only: Vec<(usize, Option<Nearest>)>,
    pub right_only: Vec<usize>,
}

/// Links `left` to `right`: by references (unless switched off), then by matching what is
/// left on both sides, greedily by score so that each entity is linked at most once.
pub fn link(left: &[Entity], right: &[Entity], opts: &LinkOptions) -> Linkage {
    let mut links = if opts.use_references {
        reference_links(left, right)
    } else {
        Vec::new()
    };
    let linked_left: HashSet<usize> = links.iter().map(|l| l.left).collect();
    let linked_right: HashSet<usize> = links.iter().map(|l| l.right).collect();
    let free_right: Vec<usize> = (0..right.len())
        .filter(|r| !linked_right.contains(r))
        .collect();
    let free_left: Vec<usize> = (0..left.len())
        .filter(|l| !linked_left.contains(l))
        .collect();
    let (matched, nearest) = match_links(left, right, &free_left, &free_right, opts);
    links.extend(matched);
    links.sort_by_key(|l| (l.left, l.right));
    let has_left: HashSet<usize> = links.iter().map(|l| l.left).collect();
    let has_right: HashSet<usize> = links.iter().map(|l| l.right).collect();
    let left_only = (0..left.len())
        .filter(|l| !has_left.contains(l))
        .map(|l| (l, nearest.get(&l).cloned()))
        .collect();
    let right_only = (0..right.len())
        .filter(|r| !has_right.contains(r))
        .collect();
    Linkage {
        links,
        left_only,
        right_only,
    }
}

/// Links `left` to `right` through the resolver's clusters: `entity_of` gives a record id's
/// resolved entity, and records of one entity on both sides are linked (one-to-one, by
/// record order; a reference pair's method is `reference`, any other `match` with its
/// screening score). Unlinked left entities still get their nearest right candidate.
pub fn link_clustered(
    left: &[Entity],
    right: &[Entity],
    entity_of: &dyn Fn(&str) -> Option<String>,
    opts: &LinkOptions,
) -> Linkage {
    let referenced: HashSet<(usize, usize)> = reference_links(left, right)
        .into_iter()
        .map(|l| (l.left, l.right))
        .collect();
    let mut right_by_entity: HashMap<String, Vec<usize>> = HashMap::new();
    for (r, e) in right.iter().enumerate() {
        if let Some(k) = entity_of(&e.id) {
            right_by_entity.entry(k).or_default().push(r);
        }
    }
    let mut used_right = HashSet::new();
    let mut links = Vec::new();
    for (l, e) in left.iter().enumerate() {
        let Some(k) = entity_of(&e.id) else { continue };
        let candidates = right_by_entity.get(&k).into_iter().flatten();
        // A referenced partner first, then the first free one.
        let pick = candidates
            .clone()
            .find(|r| referenced.contains(&(l, **r)) && !used_right.contains(*r))
            .or_else(|| candidates.clone().find(|r| !used_right.contains(*r)));
        let Some(&r) = pick else { continue };
        used_right.insert(r);
        let (method, score) = if referenced.contains(&(l, r)) {
            (Method::Reference, 1.0)
        } else {
            (Method::Match, zeef_matching::compare(e, &right[r]).score)
        };
        links.push(Link {
            left: l,
            right: r,
            score,
            method,
        });
    }
    let linked_left: HashSet<usize> = links.iter().map(|l| l.left).collect();
    let free_left: Vec<usize> = (0..left.len())
        .filter(|l| !linked_left.contains(l))
        .collect();
    let free_right: Vec<usize> = (0..right.len())
        .filter(|r| !used_right.contains(r))
        .collect();
    // Matching here only finds how near an unlinked entry came: the clusters decided.
    let (_, nearest) = match_links(left, right, &free_left, &free_right, opts);
    let left_only = free_left
        .into_iter()
        .map(|l| (l, nearest.get(&l).cloned()))
        .collect();
    Linkage {
        links,
        left_only,
        right_only: free_right,
    }
}

/// Links through cross-references, either way, or through a third entry both point at (EU and
/// UK entries carrying the same UN reference). A reference may link one entry to several.
pub(crate) fn reference_links(left: &[Entity], right: &[Entity]) -> Vec<Link> {
    let index = |side: &[Entity], keys: fn(&Entity) -> Vec<RefKey>| {
        let mut map: HashMap<RefKey, Vec<usize>> = HashMap::new();
        for (i, e) in side.iter().enumerate() {
            for k in keys(e) {
                map.entry(k).or_default().push(i);
            }
        }
        map
    };
    let own = |e: &Entity| own_keys(e).collect::<Vec<_>>();
    let pointers = |e: &Entity| pointer_keys(e).collect::<Vec<_>>();
    let right_own = index(right, own);
    let right_pointers = index(right, pointers);
    let mut pairs: HashSet<(usize, usize)> = HashSet::new();
    for (l, e) in left.iter().enumerate() {
        for k in pointer_keys(e) {
            let hits = right_own.get(&k).into_iter().chain(right_pointers.get(&k));
            pairs.extend(hits.flatten().map(|&r| (l, r)));
        }
        for k in own_keys(e) {
            pairs.extend(
                right_pointers
                    .get(&k)
                    .into_iter()
                    .flatten()
                    .map(|&r| (l, r)),
            );
        }
    }
    let mut out: Vec<Link> = pairs
        .into_iter()
        .map(|(left, right)| Link {
            left,
            right,
            score: 1.0,
            method: Method::Reference,
        })
        .collect();
    out.sort_by_key(|l| (l.left, l.right));
    out
}

/// Links the free entities by matching: scores candidate pairs, then assigns them greedily,
/// best score first. Returns the links and, for every left entity that had a candidate, its
/// best one (to show how near an unlinked entry came).
fn match_links(
    left: &[Entity],
    right: &[Entity],
    free_left: &[usize],
    free_right: &[usize],
    opts: &LinkOptions,
) -> (Vec<Link>, HashMap<usize, Nearest>) {
    // The smaller side is screened against an index of the larger: fewer screens, and a
    // screen's cost hardly grows with the index.
    let pairs: Vec<(usize, usize, f64)> = if free_right.len() < free_left.len() {
        scored_pairs(right, left, free_right, free_left, opts)
            .into_iter()
            .map(|(r, l, s)| (l, r, s))
            .collect()
    } else {
        scored_pairs(left, right, free_left, free_right, opts)
    };
    let mut nearest: HashMap<usize, Nearest> = HashMap::new();
    for &(l, r, score) in &pairs {
        let better = nearest
            .get(&l)
            .is_none_or(|n| score > n.score || (score == n.score && r < n.right));
        if better {
            nearest.insert(l, Nearest { right: r, score });
        }
    }
    let mut edges: Vec<(f64, usize, usize, usize)> = pairs
        .iter()
        .filter(|(_, _, s)| *s >= opts.threshold)
        .filter_map(|&(l, r, s)| Some((s, corroboration(left.get(l)?, right.get(r)?), l, r)))
        .collect();
    // Best score first; among equal scores (many cap at 1), the pair sharing more names and
    // facts; then by position, so the result does not depend on thread timing.
    edges.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
            .then(a.3.cmp(&b.3))
    });
    let (mut used_left, mut used_right) = (HashSet::new(), HashSet::new());
    let mut links = Vec::new();
    for (score, _, l, r) in edges {
        if used_left.contains(&l) || used_right.contains(&r) {
            continue;
        }
        used_left.insert(l);
        used_right.insert(r);
        links.push(Link {
            left: l,
            right: r,
            score,
            method: Method::Match,
        });
    }
    (links, nearest)
}

/// Screens each free query entity against an index of the free targets: (query, target,
/// score) for every candidate of a compatible schema down to a cutoff below the threshold.
fn scored_pairs(
    queries: &[Entity],
    targets: &[Entity],
    free_queries: &[usize],
    free_targets: &[usize],
    opts: &LinkOptions,
) -> Vec<(usize, usize, f64)> {
    if free_queries.is_empty() || free_targets.is_empty() {
        return Vec::new();
    }
    let index = Index::build(free_targets.iter().filter_map(|&t| targets.get(t).cloned()));
    let screen = ScreenOptions {
        threshold: opts.threshold,
        limit: opts.candidates.max(1),
        include_below_threshold: true,
        // Near misses are kept only to report the nearest candidate of unlinked entries.
        cutoff: (opts.threshold - 0.2).max(0.3),
        ..ScreenOptions::default()
    };
    free_queries
        .par_iter()
        .flat_map_iter(|&q| {
            let hits = match queries.get(q) {
                Some(e) => screen_entity(&index, e, &screen)
                    .into_iter()
                    .filter_map(|h| {
                        let t = *free_targets.get(h.index)?;
                        let schema_ok = targets.get(t)?.schema.can_match(e.schema);
                        schema_ok.then_some((q, t, h.score))
                    })
                    .collect(),
                None => Vec::new(),
            };
            hits.into_iter()
        })
        .collect()
}

/// Screening results at or above this score from the primary names alone are taken without
/// screening every alias (the costly part: every query name against every listed name).
const CONFIDENT: f64 = 0.95;

/// Screens a listed entity: by its primary names first and, unless that finds a confident
/// candidate, by all its names.
fn screen_entity(index: &Index, e: &Entity, opts: &ScreenOptions) -> Vec<ScoredMatch> {
    let mut primary = e.clone();
    let dropped = [Prop::Alias, Prop::WeakAlias, Prop::PreviousName]
        .iter()
        .filter(|p| primary.props.remove(p).is_some())
        .count();
    if dropped > 0 && primary.has(Prop::Name) {
        let hits = index.screen(&primary, opts);
        if hits.first().is_some_and(|h| h.score >= CONFIDENT) {
            return hits;
        }
    }
    index.screen(e, opts)
}

/// How many names, identifiers and birth dates two records share: breaks ties between
/// candidates of equal score.
fn corroboration(a: &Entity, b: &Entity) -> usize {
    let names = |e: &Entity| e.names().map(|(_, n)| name_key(n)).collect::<HashSet<_>>();
    let ids = |e: &Entity| {
        Prop::IDENTIFIERS
            .iter()
            .flat_map(|&p| e.get(p).iter().map(|v| identifier_key(v)))
            .collect::<HashSet<_>>()
    };
    let dates = a
        .get(Prop::BirthDate)
        .iter()
        .filter(|x| {
            b.get(Prop::BirthDate)
                .iter()
                .any(|y| dates_compatible(x, y))
        })
        .count();
    names(a).intersection(&names(b)).count() + ids(a).intersection(&ids(b)).count() + dates
}
