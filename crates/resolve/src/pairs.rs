//! The pairs matching scored in the last run, kept (`<data>/resolve/pairs.json`) so that the
//! next run screens only the records added or amended since: a pair of two records that are
//! both still listed as they were is taken over; every pair touching a record removed or
//! amended is dropped, and added and amended records are screened afresh.
//!
//! Taken-over scores were made with the word weights of the earlier lists (how many records
//! carry a word), and a record left alone keeps its earlier nearest neighbours, except those
//! an added record finds from its side; a run asked for (`zeef resolve`) screens every
//! record afresh.

use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use zeef_model::Entity;

/// Scored pairs by record id, with each record's fingerprint when scored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoredPairs {
    /// The threshold, floor and candidates per record the pairs were scored with: pairs of
    /// other options are not taken over.
    pub options: (f64, f64, usize),
    /// Record id -> fingerprint of what matching reads of it.
    pub fingerprints: HashMap<String, u64>,
    /// (record id, record id, score) of every pair scored at least the floor.
    pub pairs: Vec<(String, String, f64)>,
}

impl ScoredPairs {
    /// Reads the pairs file; None where there is none, or where it cannot be read (a full
    /// run then scores every pair again).
    pub fn load(path: &Path) -> Option<ScoredPairs> {
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    pub fn save(&self, path: &Path) -> Result<()> {
        crate::files::write_json(path, self)
    }
}

/// What matching reads of a record (schema, source, properties), hashed: equal where the
/// record is listed as it was.
pub fn fingerprint(e: &Entity) -> u64 {
    let mut h = ring::digest::Context::new(&ring::digest::SHA256);
    let mut field = |s: &str| {
        h.update(s.as_bytes());
        h.update(&[0]);
    };
    field(e.schema.as_str());
    field(&e.provenance.source);
    let props = e.props.iter().map(|(p, v)| (p.as_str(), v));
    for (name, values) in props.chain(e.extra.iter().map(|(k, v)| (k.as_str(), v))) {
        field(name);
        values.iter().for_each(|v| field(v));
        field("");
    }
    let digest = h.finish();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest.as_ref()[..8]);
    u64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::{Prop, Schema};

    #[test]
    fn a_fingerprint_changes_with_what_matching_reads_only() {
        let mut a = Entity::new("x-1", Schema::Person, "x");
        a.add(Prop::Name, "Kasimir Orbeldanov");
        let mut b = a.clone();
        b.provenance.list_date = Some("2026-01-01".into());
        assert_eq!(fingerprint(&a), fingerprint(&b));
        b.add(Prop::BirthDate, "1961");
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }
}
