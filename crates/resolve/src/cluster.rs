//! Clustering records into parties: judgements, then cross-references, then matching, where
//! a record (or a cluster) joins another only when it agrees with every member of it.

use crate::facts::Facts;
use crate::judgement::{Judgement, Verdict};
use crate::pairs::{ScoredPairs, fingerprint};
use crate::records::Records;
use crate::references::{RefKey, pairs_of_keys};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use zeef_matching::{Index, ScreenOptions};
use zeef_model::Entity;

/// How to resolve.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolveOptions {
    /// A pair scoring at least this may join two clusters, and the mean over every pair of
    /// their members must reach it too.
    pub threshold: f64,
    /// No pair of members of a joined cluster may score below this.
    pub floor: f64,
    /// Nearest records scored per record (the blocking: candidates come from the index).
    pub candidates: usize,
    /// Join through official cross-references (off: matching alone, to measure it).
    pub use_references: bool,
    /// Take over the last run's scored pairs between records listed as they were, screening
    /// only records added or amended since (off: every record screened afresh).
    pub incremental: bool,
}

/// Pairs scoring under this are too uncertain to call the same party.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

impl Default for ResolveOptions {
    fn default() -> Self {
        ResolveOptions {
            threshold: DEFAULT_THRESHOLD,
            floor: 0.7,
            candidates: 8,
            use_references: true,
            incremental: true,
        }
    }
}

/// Why two records ended up together (the strongest evidence that joined their clusters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    Judgement,
    Reference,
    Match,
}

/// Records grouped into parties: positions into the entities resolved.
#[derive(Debug, Clone, Default)]
pub struct Clustering {
    /// Each cluster's members, ascending; clusters ordered by their first member.
    pub clusters: Vec<Vec<usize>>,
    /// Record position -> cluster number.
    pub cluster_of: Vec<usize>,
    /// Joins made, by evidence (a join joins two clusters).
    pub joins: HashMap<&'static str, usize>,
    /// Candidate joins refused, by reason ("same source", "birth date", "linkage" …).
    pub refused: HashMap<&'static str, usize>,
    /// Judgements that could not all hold: a "different" pair joined by "same" ones.
    pub contradictions: Vec<Contradiction>,
    /// Pairs scored by matching (both directions merged).
    pub scored_pairs: usize,
    /// Records screened for their pairs (every record, or those added or amended since the
    /// pairs taken over).
    pub screened: usize,
}

/// A "different" judgement the "same" judgements contradict.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Contradiction {
    /// The pair judged different.
    pub different: (String, String),
    /// The "same" judgements that join them, as record-id pairs.
    pub same_chain: Vec<(String, String)>,
}

/// Clusters as they are joined. A cluster's members are a chain from its root (the root's
/// first, then each joined cluster's, in the order joined): four numbers per record, not a
/// vector each.
struct UnionFind {
    parent: Vec<u32>,
    /// The next member of the record's cluster (`NONE` after the last).
    next: Vec<u32>,
    /// A root's last member.
    last: Vec<u32>,
    /// A root's member count.
    size: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
            next: vec![NONE; n],
            last: (0..n as u32).collect(),
            size: vec![1; n],
        }
    }
    fn find(&mut self, x: usize) -> usize {
        let mut x = x as u32;
        while self.parent[x as usize] != x {
            self.parent[x as usize] = self.parent[self.parent[x as usize] as usize];
            x = self.parent[x as usize];
        }
        x as usize
    }
    /// The members of the cluster of root `root`.
    fn members(&self, root: usize) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.size[root] as usize);
        let mut x = root as u32;
        while x != NONE {
            out.push(x as usize);
            x = self.next[x as usize];
        }
        out
    }
    fn union(&mut self, a: usize, b: usize) -> usize {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return a;
        }
        let (big, small) = if self.size[a] >= self.size[b] {
            (a, b)
        } else {
            (b, a)
        };
        // The smaller cluster's members follow the bigger one's.
        self.next[self.last[big] as usize] = small as u32;
        self.last[big] = self.last[small];
        self.size[big] += self.size[small];
        self.parent[small] = big as u32;
        big
    }
}

/// Resolves `entities` with `index` built over exactly them, in the same order (as
/// `Index::build(entities.to_vec())` does). Judgements name record ids; those naming a record
/// not among `entities` are skipped.
pub fn resolve(
    entities: &[Entity],
    index: &Index,
    judgements: &[Judgement],
    opts: &ResolveOptions,
) -> Clustering {
    resolve_from(entities, index, judgements, opts, None).0
}

/// [`resolve`], taking over the pairs of `previous` (the last run's) between records listed
/// as they were, so that only records added or amended since are screened; also gives this
/// run's pairs, for the next.
pub fn resolve_from(
    entities: &[Entity],
    index: &Index,
    judgements: &[Judgement],
    opts: &ResolveOptions,
    previous: Option<&ScoredPairs>,
) -> (Clustering, ScoredPairs) {
    resolve_records(&entities, index, judgements, opts, previous)
}

/// [`resolve_from`] over the records of `index` alone, each decoded from its store when it
/// is read: the caller need not keep the records as entities beside the index.
pub fn resolve_index(
    index: &Index,
    judgements: &[Judgement],
    opts: &ResolveOptions,
    previous: Option<&ScoredPairs>,
) -> (Clustering, ScoredPairs) {
    resolve_records(index, index, judgements, opts, previous)
}

/// What a run reads of every record, read in one pass (a record of the index is decoded
/// once).
struct Read {
    facts: Vec<Facts>,
    fingerprints: Vec<u64>,
    /// (record, the entries it points at, its own references) of records with pointers or
    /// references.
    keys: Vec<(usize, Vec<RefKey>, Vec<RefKey>)>,
}

/// [`resolve_from`] over `records`, with `index` built over exactly them, in the same order.
pub(crate) fn resolve_records(
    records: &dyn Records,
    index: &Index,
    judgements: &[Judgement],
    opts: &ResolveOptions,
    previous: Option<&ScoredPairs>,
) -> (Clustering, ScoredPairs) {
    let n = records.count();
    let Read {
        facts,
        fingerprints,
        keys,
    } = read(records, opts.use_references);
    // Record ids are looked up only for judgements and the pairs taken over.
    let position: HashMap<&str, usize> = match judgements.is_empty() && previous.is_none() {
        true => HashMap::new(),
        false => (0..n).map(|i| (records.id(i), i)).collect(),
    };
    let mut uf = UnionFind::new(n);
    let mut out = Clustering::default();

    // Human judgements first: the latest per pair counts.
    let mut latest: HashMap<(usize, usize), Verdict> = HashMap::new();
    for j in judgements {
        if let (Some(&a), Some(&b)) = (
            position.get(j.left.as_str()),
            position.get(j.right.as_str()),
        ) && a != b
        {
            latest.insert((a.min(b), a.max(b)), j.verdict);
        }
    }
    let different: HashSet<(usize, usize)> = latest
        .iter()
        .filter(|(_, v)| **v == Verdict::Different)
        .map(|(p, _)| *p)
        .collect();
    let mut same: Vec<(usize, usize)> = latest
        .iter()
        .filter(|(_, v)| **v == Verdict::Same)
        .map(|(p, _)| *p)
        .collect();
    same.sort_unstable();
    let apart = |uf: &mut UnionFind, a: usize, b: usize| {
        let (ra, rb) = (uf.find(a), uf.find(b));
        let others = uf.members(rb);
        uf.members(ra).iter().any(|&x| {
            others
                .iter()
                .any(|&y| different.contains(&(x.min(y), x.max(y))))
        })
    };
    out.contradictions = contradictions(records, &same, &different);
    for &(a, b) in &same {
        if uf.find(a) != uf.find(b) && !apart(&mut uf, a, b) {
            uf.union(a, b);
            *out.joins.entry("judgement").or_default() += 1;
        }
    }

    if opts.use_references {
        for (a, b) in pairs_of_keys(keys) {
            if uf.find(a) == uf.find(b) {
                continue;
            }
            if apart(&mut uf, a, b) {
                *out.refused.entry("judged different").or_default() += 1;
                continue;
            }
            uf.union(a, b);
            *out.joins.entry("reference").or_default() += 1;
        }
    }

    let (scores, screened) = scored_pairs(
        records,
        index,
        &facts,
        &fingerprints,
        opts,
        previous,
        &position,
    );
    drop(position);
    out.scored_pairs = scores.0.len();
    out.screened = screened;
    let mut edges: Vec<(f64, u32, u32)> = scores
        .0
        .iter()
        .filter(|p| p.2 >= opts.threshold)
        .map(|&(a, b, s)| (s, a, b))
        .collect();
    edges.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    for (_, a, b) in edges {
        let (ra, rb) = (uf.find(a as usize), uf.find(b as usize));
        if ra == rb {
            continue;
        }
        match may_join(
            &uf.members(ra),
            &uf.members(rb),
            &facts,
            &scores,
            index,
            &different,
            opts,
        ) {
            Ok(()) => {
                uf.union(ra, rb);
                *out.joins.entry("match").or_default() += 1;
            }
            Err(reason) => *out.refused.entry(reason).or_default() += 1,
        }
    }

    let mut clusters: Vec<Vec<usize>> = (0..n)
        .filter(|&i| uf.parent[i] as usize == i)
        .map(|i| {
            let mut m = uf.members(i);
            m.sort_unstable();
            m
        })
        .collect();
    clusters.sort_unstable_by_key(|m| m[0]);
    let mut cluster_of = vec![0; n];
    for (c, members) in clusters.iter().enumerate() {
        for &m in members {
            cluster_of[m] = c;
        }
    }
    out.clusters = clusters;
    out.cluster_of = cluster_of;
    drop(uf);
    drop(facts);
    let pairs = ScoredPairs {
        options: options_key(opts),
        ids: (0..n).map(|i| records.id(i).to_string()).collect(),
        fingerprints,
        pairs: scores.0,
    };
    (out, pairs)
}

/// Each record's facts (its list numbered in the order lists first appear), fingerprint and,
/// where `references`, cross-reference keys.
fn read(records: &dyn Records, references: bool) -> Read {
    let n = records.count();
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let sources: Vec<u32> = (0..n)
        .map(|i| {
            let next = numbers.len() as u32;
            *numbers.entry(records.source(i)).or_insert(next)
        })
        .collect();
    let mut facts = Vec::with_capacity(n);
    let mut fingerprints = Vec::with_capacity(n);
    let mut keys = Vec::new();
    // Read in parallel a block at a time, so that only one block's results wait in order.
    const BLOCK: usize = 1 << 16;
    for start in (0..n).step_by(BLOCK) {
        let block = start..(start + BLOCK).min(n);
        let read: Vec<_> = block
            .clone()
            .into_par_iter()
            .map(|i| {
                let e = records.record(i);
                let refs = match references {
                    true => (
                        crate::references::pointer_keys(&e).collect::<Vec<_>>(),
                        crate::references::own_keys(&e).collect::<Vec<_>>(),
                    ),
                    false => (Vec::new(), Vec::new()),
                };
                (Facts::of(&e, sources[i]), fingerprint(&e), refs)
            })
            .collect();
        for (i, (f, fp, (pointers, own))) in block.zip(read) {
            facts.push(f);
            fingerprints.push(fp);
            if !pointers.is_empty() || !own.is_empty() {
                keys.push((i, pointers, own));
            }
        }
    }
    Read {
        facts,
        fingerprints,
        keys,
    }
}

/// Scored pairs (smaller position, larger, the better score of the two directions), sorted
/// by position: millions of them take 16 bytes each.
struct Pairs(Vec<(u32, u32, f64)>);

impl Pairs {
    /// Sorts `found` and keeps each pair once, with its best score.
    fn new(mut found: Vec<(u32, u32, f64)>) -> Pairs {
        found.par_sort_unstable_by(|x, y| {
            x.0.cmp(&y.0).then(x.1.cmp(&y.1)).then(y.2.total_cmp(&x.2))
        });
        found.dedup_by(|later, first| later.0 == first.0 && later.1 == first.1);
        found.shrink_to_fit();
        Pairs(found)
    }

    fn get(&self, a: usize, b: usize) -> Option<f64> {
        let key = (a.min(b) as u32, a.max(b) as u32);
        self.0
            .binary_search_by(|p| (p.0, p.1).cmp(&key))
            .ok()
            .map(|at| self.0[at].2)
    }
}

/// The options pairs are scored with.
fn options_key(opts: &ResolveOptions) -> (f64, f64, usize) {
    (opts.threshold, opts.floor, opts.candidates)
}

/// Whether clusters `a` and `b` may join by matching: no member conflicts with, shares a
/// source with, or was judged different from one of the other; every pair scores at least
/// the floor, and their mean the threshold.
fn may_join(
    a: &[usize],
    b: &[usize],
    facts: &[Facts],
    scores: &Pairs,
    index: &Index,
    different: &HashSet<(usize, usize)>,
    opts: &ResolveOptions,
) -> Result<(), &'static str> {
    let mut sum = 0.0;
    for &x in a {
        for &y in b {
            if different.contains(&(x.min(y), x.max(y))) {
                return Err("judged different");
            }
            if facts[x].source == facts[y].source {
                return Err("same source");
            }
            if let Some(reason) = facts[x].conflict(&facts[y]) {
                return Err(reason);
            }
            let score = match scores.get(x, y) {
                Some(s) => s,
                None => pair_score(index, x, y),
            };
            if score < opts.floor {
                return Err("linkage");
            }
            sum += score;
        }
    }
    if sum / ((a.len() * b.len()) as f64) < opts.threshold {
        return Err("linkage");
    }
    Ok(())
}

/// The better of the two directions' scores (a screen is not quite symmetric).
fn pair_score(index: &Index, x: usize, y: usize) -> f64 {
    let s1 = index.pair_score(x, y).unwrap_or(0.0);
    let s2 = index.pair_score(y, x).unwrap_or(0.0);
    s1.max(s2)
}

/// Every record screened against the index, blocked by its candidates: the pairs of records
/// of different sources and compatible schemata scoring at least the floor, with the better
/// score of the pair. With `previous` (scored with the same options), only records added or
/// amended since are screened, and its pairs of records listed as they were are taken over.
/// Also gives how many records were screened.
fn scored_pairs(
    records: &dyn Records,
    index: &Index,
    facts: &[Facts],
    fingerprints: &[u64],
    opts: &ResolveOptions,
    previous: Option<&ScoredPairs>,
    position: &HashMap<&str, usize>,
) -> (Pairs, usize) {
    let screen = ScreenOptions {
        threshold: opts.threshold,
        limit: opts.candidates.max(1),
        include_below_threshold: true,
        cutoff: opts.floor,
        ..ScreenOptions::default()
    };
    let n = records.count().min(index.len());
    let previous = previous.filter(|p| p.options == options_key(opts));
    // Where each record of `previous` is now, if it is listed as it was then.
    let taken_over: Vec<Option<u32>> = match previous {
        None => Vec::new(),
        Some(p) => p
            .ids
            .par_iter()
            .zip(&p.fingerprints)
            .map(|(id, fp)| {
                let &now = position.get(id.as_str())?;
                (now < n && fingerprints[now] == *fp).then_some(now as u32)
            })
            .collect(),
    };
    let mut unchanged = vec![false; n];
    for &now in taken_over.iter().flatten() {
        unchanged[now as usize] = true;
    }
    let to_screen: Vec<usize> = (0..n).filter(|&i| !unchanged[i]).collect();
    // Found a block of records at a time, then copied into one vector as each block is
    // dropped: collected at once, the pairs of millions of records would be held twice.
    let blocks: Vec<Vec<(u32, u32, f64)>> = to_screen
        .par_chunks(1 << 12)
        .map(|block| {
            let mut found = Vec::new();
            for &i in block {
                // Records of its own list, or of a schema it cannot be, take no candidate's
                // place.
                let joinable = |j: usize| {
                    facts.get(j).is_some_and(|f| {
                        f.source != facts[i].source && facts[i].schema.can_match(f.schema)
                    })
                };
                found.extend(
                    index
                        .neighbours_where(i, &screen, &joinable)
                        .into_iter()
                        .map(|(j, s)| (i.min(j) as u32, i.max(j) as u32, s)),
                );
            }
            found.shrink_to_fit();
            found
        })
        .collect();
    let mut found = Vec::with_capacity(blocks.iter().map(Vec::len).sum());
    for block in blocks {
        found.extend_from_slice(&block);
    }
    if let Some(p) = previous {
        found.extend(p.pairs.iter().filter_map(|&(a, b, s)| {
            let i = (*taken_over.get(a as usize)?)?;
            let j = (*taken_over.get(b as usize)?)?;
            Some((i.min(j), i.max(j), s))
        }));
    }
    let screened = to_screen.len();
    drop(to_screen);
    drop(unchanged);
    (Pairs::new(found), screened)
}

/// "Different" judgements that "same" judgements join anyway (A = B, B = C, A ≠ C).
fn contradictions(
    records: &dyn Records,
    same: &[(usize, usize)],
    different: &HashSet<(usize, usize)>,
) -> Vec<Contradiction> {
    let mut adjacency: HashMap<usize, Vec<usize>> = HashMap::new();
    for &(a, b) in same {
        adjacency.entry(a).or_default().push(b);
        adjacency.entry(b).or_default().push(a);
    }
    let id = |i: usize| match i < records.count() {
        true => records.id(i).to_string(),
        false => String::new(),
    };
    let mut out = Vec::new();
    let mut pairs: Vec<&(usize, usize)> = different.iter().collect();
    pairs.sort_unstable();
    for &(a, b) in pairs {
        // Breadth-first from a over "same" judgements, remembering the way back.
        let mut came_from: HashMap<usize, usize> = HashMap::from([(a, a)]);
        let mut queue = std::collections::VecDeque::from([a]);
        while let Some(x) = queue.pop_front() {
            if x == b {
                break;
            }
            for &y in adjacency.get(&x).into_iter().flatten() {
                if let std::collections::hash_map::Entry::Vacant(v) = came_from.entry(y) {
                    v.insert(x);
                    queue.push_back(y);
                }
            }
        }
        if came_from.contains_key(&b) {
            let mut chain = Vec::new();
            let mut x = b;
            while x != a {
                let prev = came_from[&x];
                chain.push((id(prev), id(x)));
                x = prev;
            }
            chain.reverse();
            out.push(Contradiction {
                different: (id(a), id(b)),
                same_chain: chain,
            });
        }
    }
    out
}
