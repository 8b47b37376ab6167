//! Measuring resolution against the cross-references the lists state themselves: resolve
//! with references ignored, then check the pairs (and clusters) against the referenced ones.

use crate::cluster::Clustering;
use crate::references::{pairs_between, reference_pairs};
use std::collections::{HashMap, HashSet};
use zeef_model::Entity;

/// Pairwise precision and recall between a left and a right group of sources.
#[derive(Debug, Clone, Default)]
pub struct PairScore {
    /// Referenced pairs (the truth).
    pub truth: usize,
    /// Left-right pairs in one cluster, and how many of them are referenced.
    pub predicted: usize,
    pub correct: usize,
    /// Wrong pairs where the truth speaks (either record is in a referenced pair).
    pub wrong_judged: usize,
    /// One line per wrong or missed pair, for review.
    pub errors: Vec<String>,
}

impl PairScore {
    /// Correct over all predicted pairs (pairs between records neither list references count
    /// as wrong, though many are the same party).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Correct over predicted pairs the truth can judge.
    pub fn judged_precision(&self) -> f64 {
        ratio(self.correct, self.correct + self.wrong_judged)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.truth)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores the pairs `clustering` (made with references ignored) puts together between
/// `left` and `right` sources against the pairs their references state.
pub fn pairwise(
    entities: &[Entity],
    clustering: &Clustering,
    left: &[&str],
    right: &[&str],
) -> PairScore {
    let truth = pairs_between(entities, left, right);
    let in_truth: HashSet<usize> = truth.iter().flat_map(|&(a, b)| [a, b]).collect();
    let source = |i: usize| entities[i].provenance.source.as_str();
    let id = |i: usize| entities[i].id.as_str();
    let mut score = PairScore {
        truth: truth.len(),
        ..PairScore::default()
    };
    let mut found = HashSet::new();
    for members in &clustering.clusters {
        for &a in members.iter().filter(|&&a| left.contains(&source(a))) {
            for &b in members.iter().filter(|&&b| right.contains(&source(b))) {
                score.predicted += 1;
                if truth.contains(&(a, b)) {
                    score.correct += 1;
                    found.insert((a, b));
                } else {
                    if in_truth.contains(&a) || in_truth.contains(&b) {
                        score.wrong_judged += 1;
                    }
                    score.errors.push(format!("wrong  {} -> {}", id(a), id(b)));
                }
            }
        }
    }
    let mut missed: Vec<&(usize, usize)> = truth.iter().filter(|p| !found.contains(*p)).collect();
    missed.sort_unstable();
    for &(a, b) in missed {
        score.errors.push(format!("missed {} -> {}", id(a), id(b)));
    }
    score
}

/// The clusters the references alone make (record position -> cluster number).
pub fn reference_clusters(entities: &[Entity]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..entities.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for (a, b) in reference_pairs(entities) {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent[ra.max(rb)] = ra.min(rb);
    }
    (0..entities.len()).map(|i| find(&mut parent, i)).collect()
}

/// B-cubed precision and recall of `clustering` against `gold` (record -> gold cluster),
/// over the records `subset` keeps.
pub fn bcubed(
    clustering: &Clustering,
    gold: &[usize],
    subset: &dyn Fn(usize) -> bool,
) -> (f64, f64) {
    let mut gold_members: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &g) in gold.iter().enumerate().filter(|(i, _)| subset(*i)) {
        gold_members.entry(g).or_default().push(i);
    }
    let (mut p, mut r, mut n) = (0.0, 0.0, 0usize);
    for members in &clustering.clusters {
        let kept: Vec<usize> = members.iter().copied().filter(|&i| subset(i)).collect();
        for &i in &kept {
            let both = kept.iter().filter(|&&j| gold[j] == gold[i]).count() as f64;
            let gold_size = gold_members.get(&gold[i]).map_or(1, Vec::len) as f64;
            p += both / kept.len() as f64;
            r += both / gold_size;
            n += 1;
        }
    }
    if n == 0 {
        return (0.0, 0.0);
    }
    (p / n as f64, r / n as f64)
}
