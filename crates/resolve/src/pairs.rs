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
use std::path::Path;
use zeef_model::Entity;

/// Scored pairs by record, with each record's fingerprint when scored. Records are numbered
/// by their place in `ids`: a pair is two numbers and a score, not two ids (millions of
/// pairs are kept).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoredPairs {
    /// The threshold, floor and candidates per record the pairs were scored with: pairs of
    /// other options are not taken over.
    pub options: (f64, f64, usize),
    /// The record ids scored, each once.
    pub ids: Vec<String>,
    /// The fingerprint of what matching read of each record of `ids`.
    pub fingerprints: Vec<u64>,
    /// (record, record, score) of every pair scored at least the floor: numbers into `ids`,
    /// the smaller first, pairs ascending.
    pub pairs: Vec<(u32, u32, f64)>,
}

impl ScoredPairs {
    /// Reads the pairs file; None where there is none, or where it cannot be read (a full
    /// run then scores every pair again; so does a file of an earlier layout).
    pub fn load(path: &Path) -> Option<ScoredPairs> {
        let file = std::fs::File::open(path).ok()?;
        let pairs: ScoredPairs = serde_json::from_reader(std::io::BufReader::new(file)).ok()?;
        let n = pairs.ids.len();
        let consistent = pairs.fingerprints.len() == n
            && pairs
                .pairs
                .iter()
                .all(|&(a, b, _)| (a as usize) < n && (b as usize) < n);
        consistent.then_some(pairs)
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
    fn pairs_are_read_back_as_written_and_other_files_are_not_taken() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pairs.json");
        let pairs = ScoredPairs {
            options: (0.8, 0.7, 8),
            ids: vec!["a-1".into(), "b-2".into(), "c-3".into()],
            fingerprints: vec![1, u64::MAX, 3],
            pairs: vec![(0, 1, 0.8123456789), (1, 2, 0.7)],
        };
        pairs.save(&path).unwrap();
        assert_eq!(ScoredPairs::load(&path), Some(pairs.clone()));
        // A pair naming a record the file does not list, or the layout of ids in pairs.
        let broken = ScoredPairs {
            pairs: vec![(0, 3, 0.9)],
            ..pairs
        };
        broken.save(&path).unwrap();
        assert_eq!(ScoredPairs::load(&path), None);
        std::fs::write(
            &path,
            r#"{"options":[0.8,0.7,8],"fingerprints":{"a-1":1},"pairs":[["a-1","b-2",0.9]]}"#,
        )
        .unwrap();
        assert_eq!(ScoredPairs::load(&path), None);
    }

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
