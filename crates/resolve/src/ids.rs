//! Stable canonical ids for resolved entities (`zeef-…`), kept in the data directory with
//! the clusters of the last run: a cluster keeps its id when records are added, removed or
//! amended; where clusters merge, the oldest id wins and the others become redirects.

use crate::cluster::Clustering;
use crate::error::{ResolveError, Result};
use crate::records::Records;
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
    /// (hash of a record id, its cluster), ascending: millions of records are looked up
    /// without a second copy of their ids.
    #[serde(skip)]
    by_record: Vec<(u64, u32)>,
    /// (hash of a canonical id, its cluster), ascending.
    #[serde(skip)]
    by_id: Vec<(u64, u32)>,
}

/// The hash an id is looked up by.
fn id_hash(id: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

/// The last cluster of `keyed` (ascending by hash) whose hash is `id`'s and that `is` says
/// is the one (a hash two ids share is told apart by the ids themselves).
fn lookup(keyed: &[(u64, u32)], id: &str, is: impl Fn(usize) -> bool) -> Option<usize> {
    let h = id_hash(id);
    let from = keyed.partition_point(|&(x, _)| x < h);
    keyed[from..]
        .iter()
        .take_while(|&&(x, _)| x == h)
        .map(|&(_, c)| c as usize)
        .filter(|&c| is(c))
        .last()
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
        Resolved::assign_records(previous, &entities, clustering, snapshot, use_references)
    }

    /// [`Resolved::assign`] over `records`.
    pub(crate) fn assign_records(
        previous: Option<&Resolved>,
        records: &dyn Records,
        clustering: &Clustering,
        snapshot: Option<String>,
        use_references: bool,
    ) -> Resolved {
        let empty = Resolved::default();
        let prev = previous.unwrap_or(&empty);
        let id_of = |i: usize| match i < records.count() {
            true => records.id(i),
            false => "",
        };
        // (age, old id) claims of each new cluster, with how many of its records carried it.
        let mut claims: Vec<(u64, String, usize, usize)> = Vec::new();
        for (c, members) in clustering.clusters.iter().enumerate() {
            let mut counts: HashMap<usize, usize> = HashMap::new();
            for &m in members {
                if let Some(old) = prev.cluster_of_record(id_of(m)) {
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
        let mut used = Used {
            old: (prev.clusters.iter().map(|c| c.id.as_str()))
                .chain(prev.redirects.keys().map(String::as_str))
                .collect(),
            new: HashSet::new(),
        };
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
                    used.new.extend(new_id_value(&id));
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
        self.by_id = (self.clusters.iter().enumerate())
            .map(|(c, sc)| (id_hash(&sc.id), c as u32))
            .collect();
        self.by_record = (self.clusters.iter().enumerate())
            .flat_map(|(c, sc)| sc.referents.iter().map(move |r| (id_hash(r), c as u32)))
            .collect();
        // Stable: of clusters sharing a hash, the later stays later (the last one named wins).
        self.by_id.sort_by_key(|&(h, _)| h);
        self.by_record.sort_by_key(|&(h, _)| h);
    }

    /// The cluster a record id, a canonical id or a redirected id names.
    pub fn find(&self, id: &str) -> Option<&StoredCluster> {
        let c = self
            .cluster_of_record(id)
            .or_else(|| self.cluster_of_id(id))
            .or_else(|| self.redirects.get(id).and_then(|to| self.cluster_of_id(to)))?;
        self.clusters.get(c)
    }

    /// The cluster number of a record id.
    pub fn cluster_of_record(&self, record: &str) -> Option<usize> {
        lookup(&self.by_record, record, |c| {
            self.clusters[c].referents.iter().any(|r| r == record)
        })
    }

    /// The cluster number of a canonical id.
    fn cluster_of_id(&self, id: &str) -> Option<usize> {
        lookup(&self.by_id, id, |c| self.clusters[c].id == id)
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
fn new_id(referents: &[String], used: &Used) -> String {
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

/// Canonical ids taken: the last run's (and its redirects'), and those this run gave out,
/// kept as the number their hex digits write (millions of them are given out at once).
struct Used<'a> {
    old: HashSet<&'a str>,
    new: HashSet<u64>,
}

impl Used<'_> {
    fn contains(&self, id: &str) -> bool {
        self.old.contains(id) || new_id_value(id).is_some_and(|v| self.new.contains(&v))
    }
}

/// The number the hex digits of a new id (`zeef-` and 12 of them) write.
fn new_id_value(id: &str) -> Option<u64> {
    let hex = id.strip_prefix("zeef-").filter(|h| h.len() == 12)?;
    u64::from_str_radix(hex, 16).ok()
}
