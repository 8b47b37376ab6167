//! Stable canonical ids for resolved entities (`zeef-…`), kept in the data directory with
//! the clusters of the last run: a cluster keeps its id when records are added, removed or
//! amended; where clusters merge, the oldest id wins and the others become redirects.

use crate::cluster::Clustering;
use crate::error::{ResolveError, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use zeef_model::Entity;

/// One resolved entity as stored: its canonical id, the run that made the id, its records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredCluster {
    pub id: String,
    /// The resolver run that first gave out this id (lower is older).
    pub created: u64,
    /// The record ids, ascending.
    pub referents: Vec<String>,
}

/// The clusters of the last run, with their canonical ids and the redirects of ids merged
/// away (`resolve/clusters.json` in the data directory).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Resolved {
    /// Runs so far (this one included).
    pub run: u64,
    /// The snapshot resolved.
    #[serde(default)]
    pub snapshot: Option<String>,
    /// Whether cross-references were used (`--ignore-references` stores a run without).
    pub use_references: bool,
    pub clusters: Vec<StoredCluster>,
    /// Canonical ids merged away -> the id that took them over.
    pub redirects: BTreeMap<String, String>,
    #[serde(skip)]
    by_record: HashMap<String, usize>,
    #[serde(skip)]
    by_id: HashMap<String, usize>,
}

impl Resolved {
    /// Gives ids to the clusters of a run over `entities`: each cluster keeps the oldest
    /// previous id among its records' (one cluster per id: where a cluster split, the part
    /// with most of its records keeps it), new clusters get a new one.
    pub fn assign(
        previous: Option<&Resolved>,
        entities: &[Entity],
        clustering: &Clustering,
        snapshot: Option<String>,
        use_references: bool,
    ) -> Resolved {
        let empty = Resolved::default();
        let prev = previous.unwrap_or(&empty);
        let id_of = |i: usize| entities.get(i).map(|e| e.id.as_str()).unwrap_or_default();
        // (age, old id) claims of each new cluster, with how many of its records carried it.
        let mut claims: Vec<(u64, String, usize, usize)> = Vec::new();
        for (c, members) in clustering.clusters.iter().enumerate() {
            let mut counts: HashMap<usize, usize> = HashMap::new();
            for &m in members {
                if let Some(&old) = prev.by_record.get(id_of(m)) {
                    *counts.entry(old).or_default() += 1;
                }
            }
            for (old, count) in counts {
                let sc = &prev.clusters[old];
                claims.push((sc.created, sc.id.clone(), count, c));
            }
        }
        claims.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then(a.1.cmp(&b.1))
                .then(b.2.cmp(&a.2))
                .then(a.3.cmp(&b.3))
        });
        let run = prev.run + 1;
        let mut assigned: Vec<Option<(String, u64)>> = vec![None; clustering.clusters.len()];
        let mut taken: HashSet<String> = HashSet::new();
        // Where an old id went, if not kept: the cluster holding most of its records.
        let mut merged_into: HashMap<String, usize> = HashMap::new();
        for (created, old, _, c) in &claims {
            if taken.contains(old) {
                continue;
            }
            if assigned[*c].is_none() {
                assigned[*c] = Some((old.clone(), *created));
                taken.insert(old.clone());
            } else {
                merged_into.entry(old.clone()).or_insert(*c);
            }
        }
        let mut used: HashSet<String> = prev
            .clusters
            .iter()
            .map(|c| c.id.clone())
            .chain(prev.redirects.keys().cloned())
            .collect();
        let clusters: Vec<StoredCluster> = clustering
            .clusters
            .iter()
            .zip(assigned)
            .map(|(members, kept)| {
                let mut referents: Vec<String> =
                    members.iter().map(|&m| id_of(m).to_string()).collect();
                referents.sort_unstable();
                let (id, created) = kept.unwrap_or_else(|| {
                    let id = new_id(&referents, &used);
                    used.insert(id.clone());
                    (id, run)
                });
                StoredCluster {
                    id,
                    created,
                    referents,
                }
            })
            .collect();
        let mut redirects = BTreeMap::new();
        for (old, c) in merged_into {
            if !taken.contains(&old) {
                redirects.insert(old, clusters[c].id.clone());
            }
        }
        let live: HashSet<&str> = clusters.iter().map(|c| c.id.as_str()).collect();
        // Earlier redirects stay, pointed at where their target went.
        for (from, to) in &prev.redirects {
            let target = if live.contains(to.as_str()) {
                Some(to.clone())
            } else {
                redirects.get(to).cloned()
            };
            if let Some(t) = target
                && !live.contains(from.as_str())
            {
                redirects.insert(from.clone(), t);
            }
        }
        let mut out = Resolved {
            run,
            snapshot,
            use_references,
            clusters,
            redirects,
            ..Resolved::default()
        };
        out.reindex();
        out
    }

    fn reindex(&mut self) {
        self.by_record.clear();
        self.by_id.clear();
        for (c, sc) in self.clusters.iter().enumerate() {
            self.by_id.insert(sc.id.clone(), c);
            for r in &sc.referents {
                self.by_record.insert(r.clone(), c);
            }
        }
    }

    /// The cluster a record id, a canonical id or a redirected id names.
    pub fn find(&self, id: &str) -> Option<&StoredCluster> {
        let c = self
            .by_record
            .get(id)
            .or_else(|| self.by_id.get(id))
            .or_else(|| self.redirects.get(id).and_then(|to| self.by_id.get(to)))?;
        self.clusters.get(*c)
    }

    /// The cluster number of a record id.
    pub fn cluster_of_record(&self, record: &str) -> Option<usize> {
        self.by_record.get(record).copied()
    }

    /// Reads the clusters file; `None` where there is none yet.
    pub fn load(path: &Path) -> Result<Option<Resolved>> {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(ResolveError::Io {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let mut r: Resolved =
            serde_json::from_slice(&bytes).map_err(|source| ResolveError::Clusters {
                path: path.to_path_buf(),
                source,
            })?;
        r.reindex();
        Ok(Some(r))
    }

    /// Writes the clusters file: to a temporary file beside it, then renamed over it, so a
    /// reader never sees half a file.
    pub fn save(&self, path: &Path) -> Result<()> {
        crate::files::write_json(path, self)
    }
}

/// A new canonical id: `zeef-` and 12 hex digits of the SHA-256 of the cluster's first record
/// id (so two data directories resolving the same lists agree), salted where taken.
fn new_id(referents: &[String], used: &HashSet<String>) -> String {
    let seed = referents.first().map(String::as_str).unwrap_or_default();
    (0u32..)
        .map(|salt| {
            let mut h = ring::digest::Context::new(&ring::digest::SHA256);
            h.update(seed.as_bytes());
            if salt > 0 {
                h.update(&salt.to_le_bytes());
            }
            format!("zeef-{}", &hex::encode(h.finish())[..12])
        })
        .find(|id| !used.contains(id))
        .unwrap_or_default()
}
