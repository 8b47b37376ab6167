//! Measuring linking by matching against the links the lists state themselves: with
//! references ignored, how many of the cross-referenced pairs does matching find
//! (recall), and how many of its links are such pairs (precision)?

use crate::link::{Linkage, Method, reference_links};
use std::collections::HashSet;
use zeef_model::Entity;

/// Precision and recall of matched links against reference links.
#[derive(Debug, Clone, Default)]
pub struct LinkScore {
    /// Right entities that point at some entry of the left sources.
    pub uk_with_ref: usize,
    /// Reference pairs (the truth), and the distinct left and right entities in them.
    pub truth: usize,
    pub truth_left: usize,
    pub truth_right: usize,
    /// Pairs in the largest one-to-one subset of the truth (what one-to-one linking can reach).
    pub truth_one_to_one: usize,
    /// Links found by matching, and how many of them are reference pairs.
    pub predicted: usize,
    pub correct: usize,
    /// Wrong links whose right entity has no reference pair at all (maybe a true link the
    /// lists do not state, maybe an error).
    pub wrong_unreferenced: usize,
    /// Wrong links where the truth speaks: the left or the right entity is in a reference
    /// pair (with another entity).
    pub wrong_judged: usize,
    /// Wrong links where it does not, by left reference prefix (`IRi`, `SDi`...), for review.
    pub unjudged_by_prefix: std::collections::BTreeMap<String, usize>,
    /// One line per wrong or missed pair, for review.
    pub errors: Vec<String>,
}

impl LinkScore {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Precision over the links the truth can judge (left or right in a reference pair):
    /// a link between two entries neither of which the lists cross-reference may be right.
    pub fn judged_precision(&self) -> f64 {
        ratio(self.correct, self.correct + self.wrong_judged)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.truth)
    }
    /// The recall one-to-one linking could reach at best.
    pub fn max_recall(&self) -> f64 {
        ratio(self.truth_one_to_one, self.truth)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores the matched links of `linkage` (made over `left` and `right` with references
/// ignored) against the pairs the two sides' references state.
pub fn against_references(left: &[Entity], right: &[Entity], linkage: &Linkage) -> LinkScore {
    let left_sources: HashSet<&str> = left.iter().map(|e| e.provenance.source.as_str()).collect();
    let truth: HashSet<(usize, usize)> = reference_links(left, right)
        .into_iter()
        .map(|l| (l.left, l.right))
        .collect();
    let truth_right: HashSet<usize> = truth.iter().map(|p| p.1).collect();
    let truth_left: HashSet<usize> = truth.iter().map(|p| p.0).collect();
    let mut sorted: Vec<&(usize, usize)> = truth.iter().collect();
    sorted.sort();
    let (mut l_used, mut r_used) = (HashSet::new(), HashSet::new());
    let mut one_to_one = 0;
    for (l, r) in &sorted {
        if !l_used.contains(l) && !r_used.contains(r) {
            l_used.insert(*l);
            r_used.insert(*r);
            one_to_one += 1;
        }
    }
    let id = |side: &[Entity], i: usize| side.get(i).map(|e| e.id.clone()).unwrap_or_default();
    let mut score = LinkScore {
        uk_with_ref: right
            .iter()
            .filter(|e| {
                e.provenance
                    .cross_refs
                    .iter()
                    .any(|c| left_sources.contains(c.source.as_str()))
            })
            .count(),
        truth: truth.len(),
        truth_left: truth_left.len(),
        truth_right: truth_right.len(),
        truth_one_to_one: one_to_one,
        ..LinkScore::default()
    };
    let mut found = HashSet::new();
    for l in linkage.links.iter().filter(|l| l.method == Method::Match) {
        score.predicted += 1;
        if truth.contains(&(l.left, l.right)) {
            score.correct += 1;
            found.insert((l.left, l.right));
        } else {
            if !truth_right.contains(&l.right) {
                score.wrong_unreferenced += 1;
            }
            if truth_left.contains(&l.left) || truth_right.contains(&l.right) {
                score.wrong_judged += 1;
            } else {
                let reference = left
                    .get(l.left)
                    .and_then(|e| e.provenance.references.first())
                    .map(|r| r.split('.').next().unwrap_or_default().to_string())
                    .unwrap_or_default();
                *score.unjudged_by_prefix.entry(reference).or_default() += 1;
            }
            score.errors.push(format!(
                "wrong  {} -> {} ({:.3})",
                id(left, l.left),
                id(right, l.right),
                l.score
            ));
        }
    }
    for (l, r) in sorted.into_iter().filter(|p| !found.contains(*p)) {
        score
            .errors
            .push(format!("missed {} -> {}", id(left, *l), id(right, *r)));
    }
    score
}
