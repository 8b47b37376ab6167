//! Official cross-references: the UK list's UN reference numbers, the US CSL's OFAC entry
//! numbers, EU entries' UN references. Records naming the same entry (their own reference or
//! a pointer to another list's) are one party.

use std::collections::HashMap;
use zeef_model::Entity;

/// (source, reference) with the reference upper-cased: lists differ in case ("QDE.131").
pub type RefKey = (String, String);

/// The record's own references, under its own source.
pub fn own_keys(e: &Entity) -> impl Iterator<Item = RefKey> + '_ {
    e.provenance
        .references
        .iter()
        .map(|r| (e.provenance.source.clone(), r.to_uppercase()))
}

/// The entries of other lists the record points at.
pub fn pointer_keys(e: &Entity) -> impl Iterator<Item = RefKey> + '_ {
    e.provenance
        .cross_refs
        .iter()
        .map(|c| (c.source.clone(), c.reference.to_uppercase()))
}

/// Pairs of records (positions, smaller first) that one cross-reference ties together: a
/// pointer to another record's own reference, or two pointers to the same entry. Each group
/// of records sharing a key is given as a chain of pairs from its first record.
pub fn reference_pairs(entities: &[Entity]) -> Vec<(usize, usize)> {
    pairs_of_keys(
        entities
            .iter()
            .enumerate()
            .map(|(i, e)| (i, pointer_keys(e).collect(), own_keys(e).collect()))
            .collect(),
    )
}

/// [`reference_pairs`] of the records' keys, read already: (record position, the entries
/// it points at, its own references), positions ascending.
pub(crate) fn pairs_of_keys(keys: Vec<(usize, Vec<RefKey>, Vec<RefKey>)>) -> Vec<(usize, usize)> {
    // Only keys some record points at can tie records: own references alone (every OFAC
    // entry's number) are not collected.
    let mut pointed: HashMap<RefKey, Vec<usize>> = HashMap::new();
    for (i, pointers, _) in &keys {
        for k in pointers {
            pointed.entry(k.clone()).or_default().push(*i);
        }
    }
    for (i, _, own) in &keys {
        for k in own {
            if let Some(v) = pointed.get_mut(k) {
                v.push(*i);
            }
        }
    }
    let mut pairs = Vec::new();
    for group in pointed.values_mut() {
        group.sort_unstable();
        group.dedup();
        if let Some((&first, rest)) = group.split_first() {
            pairs.extend(rest.iter().map(|&r| (first, r)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Pairs of records whose references tie them, between a `left` group of sources and a
/// `right` one (positions into `entities`, left record first): the truth that measuring
/// resolution without references checks against.
pub fn pairs_between(
    entities: &[Entity],
    left: &[&str],
    right: &[&str],
) -> std::collections::HashSet<(usize, usize)> {
    let side = |i: usize, group: &[&str]| {
        entities
            .get(i)
            .is_some_and(|e| group.contains(&e.provenance.source.as_str()))
    };
    // Records tied to the same key are all pairwise tied: expand each group.
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for (a, b) in reference_pairs(entities) {
        groups.entry(a).or_insert_with(|| vec![a]).push(b);
    }
    let mut out = std::collections::HashSet::new();
    for members in groups.values() {
        for &a in members {
            for &b in members {
                if side(a, left) && side(b, right) {
                    out.insert((a, b));
                }
            }
        }
    }
    out
}
