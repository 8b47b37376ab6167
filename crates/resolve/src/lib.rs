//! Entity resolution: every record of every loaded list clustered into resolved entities,
//! one per listed party.
//!
//! Evidence, strongest first: human [`judgement`]s; official cross-references
//! ([`references`]: the UK list's UN reference numbers, the US CSL's OFAC entry numbers);
//! then matching, each record screened against the index of all records (the index's
//! candidates are the blocking, so the cost stays near-linear). [`cluster::resolve`] joins two
//! clusters only where every pair of their members agrees (each scores at least a floor, the
//! mean reaches the threshold, no conflicting birth date, nationality, IMO number or schema,
//! never two records of one list), so a common name cannot chain parties together.
//! [`ids::Resolved`] gives the clusters stable canonical ids (`zeef-…`) kept in the data
//! directory.
//!
//! No HTTP, no terminal output: the `zeef` binary prints.

pub mod cluster;
pub mod error;
pub mod evaluate;
pub mod facts;
mod files;
pub mod grouping;
pub mod ids;
pub mod judgement;
pub mod merged;
pub mod pairs;
pub mod records;
pub mod references;
pub mod summary;
pub mod values;

pub use cluster::{
    Clustering, Contradiction, ResolveOptions, resolve, resolve_from, resolve_index,
};
pub use error::{ResolveError, Result};
pub use grouping::{EntityHit, Listing, Resolution, entity_hits, groups};
pub use ids::{Resolved, StoredCluster};
pub use judgement::{Judgement, JudgementStore, Verdict};
pub use pairs::ScoredPairs;
pub use records::Records;
pub use summary::Summary;

use std::path::{Path, PathBuf};
use zeef_matching::Index;
use zeef_model::Entity;

/// The resolver's files in a data directory.
#[derive(Debug, Clone)]
pub struct ResolveDir {
    root: PathBuf,
    /// A PostgreSQL URL where judgements are kept instead of the folder's SQLite file.
    judgements_db: Option<String>,
}

impl ResolveDir {
    /// The resolver's folder inside the data directory `data_root`.
    pub fn new(data_root: &Path) -> ResolveDir {
        ResolveDir {
            root: data_root.join("resolve"),
            judgements_db: None,
        }
    }

    /// Keeps judgements in `database` when it is a PostgreSQL URL (the audit database), in
    /// the folder's SQLite file otherwise.
    pub fn with_judgements_in(mut self, database: Option<&str>) -> ResolveDir {
        self.judgements_db = database
            .filter(|d| d.starts_with("postgres://") || d.starts_with("postgresql://"))
            .map(str::to_string);
        self
    }

    pub fn clusters_path(&self) -> PathBuf {
        self.root.join("clusters.json")
    }

    pub fn judgements_path(&self) -> PathBuf {
        self.root.join("judgements.sqlite")
    }

    /// The last run's scored pairs (taken over by the next run where records are unchanged).
    pub fn pairs_path(&self) -> PathBuf {
        self.root.join("pairs.json")
    }

    /// The clusters of the last run, if any.
    pub fn load(&self) -> Result<Option<Resolved>> {
        Resolved::load(&self.clusters_path())
    }

    pub fn judgements(&self) -> Result<JudgementStore> {
        if let Some(url) = &self.judgements_db {
            return JudgementStore::open_postgres(url, None);
        }
        JudgementStore::open(&self.judgements_path())
    }

    /// Resolves `entities` (with `index` built over them in the same order), applying the
    /// stored judgements, keeping the ids of the last run's clusters and (where
    /// `opts.incremental`) taking over its scored pairs between records listed as they were,
    /// so that only records added or amended since are screened; stores the result.
    pub fn run(
        &self,
        entities: &[Entity],
        index: &Index,
        snapshot: Option<String>,
        opts: &ResolveOptions,
    ) -> Result<(Resolved, Clustering)> {
        self.run_records(&entities, index, snapshot, opts)
    }

    /// [`ResolveDir::run`] over the records of `index` alone, each decoded from its store
    /// when it is read: the caller need not keep the records as entities beside the index
    /// (millions of them take more memory than the index).
    pub fn run_index(
        &self,
        index: &Index,
        snapshot: Option<String>,
        opts: &ResolveOptions,
    ) -> Result<(Resolved, Clustering)> {
        self.run_records(index, index, snapshot, opts)
    }

    fn run_records(
        &self,
        records: &dyn Records,
        index: &Index,
        snapshot: Option<String>,
        opts: &ResolveOptions,
    ) -> Result<(Resolved, Clustering)> {
        let judgements = self.judgements()?.all()?;
        let previous = self.load()?;
        let pairs = match opts.incremental {
            true => ScoredPairs::load(&self.pairs_path()),
            false => None,
        };
        let (clustering, pairs) =
            cluster::resolve_records(records, index, &judgements, opts, pairs.as_ref());
        pairs.save(&self.pairs_path())?;
        // Millions of pairs are not held while the clusters are given their ids.
        drop(pairs);
        let resolved = Resolved::assign_records(
            previous.as_ref(),
            records,
            &clustering,
            snapshot,
            opts.use_references,
        );
        resolved.save(&self.clusters_path())?;
        Ok((resolved, clustering))
    }
}
