//! The resolved entities of the built-in lists, computed when the built-in copy was taken
//! (`lists/clusters.json.gz`, written by `cargo run --release -p zeef-builtin --example
//! clusters`), so that a first run screens at once instead of resolving ~24,000 records
//! first. They are installed only where the snapshot holds exactly the built-in files (the
//! same SHA-256 per source); any other snapshot is resolved as usual.

use flate2::read::GzDecoder;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use zeef_lists::DataDir;
use zeef_matching::Index;
use zeef_resolve::{ResolveDir, ResolveOptions, Resolved};

/// The built-in clusters file, gzip-compressed JSON of [`Precomputed`].
static CLUSTERS: &[u8] = include_bytes!("../lists/clusters.json.gz");

/// Clusters of one set of lists: which files they were made from and what the resolver made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Precomputed {
    /// Source name -> the SHA-256 its manifest gives the built-in files.
    pub lists: BTreeMap<String, String>,
    pub resolved: Resolved,
}

/// Why the built-in clusters could not be made or installed.
#[derive(Debug, thiserror::Error)]
pub enum ClustersError {
    #[error("built-in clusters file: {0}")]
    Damaged(String),
    #[error(transparent)]
    Store(#[from] zeef_lists::store::StoreError),
    #[error(transparent)]
    Resolve(#[from] zeef_resolve::ResolveError),
}

/// The built-in clusters, read back.
pub fn precomputed() -> Result<Precomputed, ClustersError> {
    let reader = GzDecoder::new(CLUSTERS);
    serde_json::from_reader(reader).map_err(|e| ClustersError::Damaged(e.to_string()))
}

/// Resolves the current snapshot of `data` as `zeef resolve` would on a fresh data directory
/// (no judgements, no earlier ids) and names the files it was made from.
pub fn make(data: &DataDir) -> Result<Precomputed, ClustersError> {
    let snap = data
        .load_current()?
        .ok_or_else(|| ClustersError::Damaged(format!("{}: no snapshot", data.root().display())))?;
    let index = Index::build(snap.entities.iter().cloned());
    let opts = ResolveOptions::default();
    let clustering = zeef_resolve::resolve(&snap.entities, &index, &[], &opts);
    let resolved = Resolved::assign(None, &snap.entities, &clustering, None, opts.use_references);
    Ok(Precomputed {
        lists: lists_of(&snap.manifest),
        resolved,
    })
}

fn lists_of(manifest: &zeef_lists::store::Manifest) -> BTreeMap<String, String> {
    manifest
        .sources
        .iter()
        .map(|s| (s.source.clone(), s.sha256.clone()))
        .collect()
}

/// Stores the built-in clusters as the resolver's last run over the current snapshot of
/// `data`, where that snapshot is the built-in lists and nothing was resolved there before.
/// Returns whether they were installed.
pub fn install_clusters(data: &DataDir) -> Result<bool, ClustersError> {
    let dir = ResolveDir::new(data.root());
    if dir.clusters_path().exists() || dir.judgements_path().exists() {
        return Ok(false);
    }
    let Some(id) = data.current_id()? else {
        return Ok(false);
    };
    let manifest = data.manifest(&id)?;
    let mut built = precomputed()?;
    if built.lists != lists_of(&manifest) {
        return Ok(false);
    }
    built.resolved.snapshot = Some(id);
    built.resolved.save(&dir.clusters_path())?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_clusters_are_what_the_resolver_makes_of_the_builtin_lists() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        crate::install(&data, None, &mut ()).unwrap();
        let made = make(&data).unwrap();
        let built = precomputed().unwrap();
        // Stale after a change to a built-in list or to the resolver: regenerate with
        // `cargo run --release -p zeef-builtin --example clusters`.
        assert_eq!(built.lists, made.lists, "built-in lists changed");
        assert_eq!(
            built.resolved.clusters.len(),
            made.resolved.clusters.len(),
            "the resolver makes other clusters now"
        );
        let members = |r: &Resolved| {
            r.clusters
                .iter()
                .map(|c| (c.id.clone(), c.referents.clone()))
                .collect::<Vec<_>>()
        };
        assert!(
            members(&built.resolved) == members(&made.resolved),
            "the resolver makes other clusters now"
        );
        // Installed, they are the resolver's last run over this snapshot.
        assert!(install_clusters(&data).unwrap());
        let stored = ResolveDir::new(data.root()).load().unwrap().unwrap();
        assert_eq!(stored.snapshot, data.current_id().unwrap());
        assert!(stored.clusters.len() > 20_000);
        // Never over an earlier run.
        assert!(!install_clusters(&data).unwrap());
    }

    #[test]
    fn other_lists_get_no_builtin_clusters() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        crate::install(&data, Some(&["un".to_string()]), &mut ()).unwrap();
        assert!(!install_clusters(&data).unwrap());
        assert!(!ResolveDir::new(data.root()).clusters_path().exists());
    }
}
