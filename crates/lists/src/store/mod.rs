//! The data directory: snapshots of all lists, each complete and immutable once written, and
//! a `CURRENT` pointer that an update swaps atomically.
//!
//! ```text
//! DATA/
//!   CURRENT                      id of the current snapshot (replaced by rename)
//!   update.lock                  held while an update runs
//!   snapshots/<id>/manifest.json what the snapshot holds: per source its files, hashes, counts
//!   snapshots/<id>/<source>/raw/ the list files as published
//!   snapshots/<id>/<source>/entities.ftm.json   parsed entities, FtM JSON lines
//!   snapshots/<id>/<source>/relationships.json  links the list states, JSON lines
//!                                               (absent in snapshots made before zeef read them)
//!   snapshots/.staging-<id>/     a snapshot being built; never read, removed if left behind
//!   snapshots/.removing-<id>/    an old snapshot being pruned; removed if left behind
//! ```
//!
//! The next update removes whatever a killed update or pruning left: those two kinds of
//! folders, and any snapshot folder that is not whole (no readable manifest, or a source's
//! entities missing), except the current snapshot.

mod manifest;
mod update;

pub use manifest::{FileManifest, Manifest, SourceManifest};
pub use update::{
    Origin, SourceFiles, UpdateError, UpdateOptions, UpdateProgress, UpdateReport, now_rfc3339,
    update,
};

use std::fs;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};
use zeef_model::{Entity, Relationship};

/// A source's parsed entities in a snapshot.
pub(crate) const ENTITIES_FILE: &str = "entities.ftm.json";
/// A source's relationships in a snapshot.
pub(crate) const RELATIONSHIPS_FILE: &str = "relationships.json";

/// A data directory (`--data DIR`).
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

/// A snapshot loaded into memory.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub manifest: Manifest,
    pub entities: Vec<Entity>,
}

/// The relationships of a snapshot.
#[derive(Debug, Clone, Default)]
pub struct Relationships {
    pub relationships: Vec<Relationship>,
    /// Sources stored before zeef read relationships.
    pub sources_without: Vec<String>,
}

/// Errors reading a data directory.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("{path}: line {line}: {message}")]
    Corrupt {
        path: String,
        line: usize,
        message: String,
    },
    #[error("no snapshot {0:?} in the data directory")]
    NoSuchSnapshot(String),
}

pub(crate) fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub(crate) fn snapshots_dir(&self) -> PathBuf {
        self.root.join("snapshots")
    }

    pub(crate) fn snapshot_dir(&self, id: &str) -> PathBuf {
        self.snapshots_dir().join(id)
    }

    /// The id of the current snapshot, if there is one.
    pub fn current_id(&self) -> Result<Option<String>, StoreError> {
        let path = self.root.join("CURRENT");
        match fs::read_to_string(&path) {
            Ok(s) => Ok(Some(s.trim().to_string()).filter(|s| !s.is_empty())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    /// Manifests of all complete snapshots, oldest first.
    pub fn snapshots(&self) -> Result<Vec<Manifest>, StoreError> {
        let dir = self.snapshots_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err(&dir)(e)),
        };
        let mut out = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io_err(&dir))?;
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') || !entry.path().join("manifest.json").is_file() {
                continue;
            }
            out.push(self.manifest(&name)?);
        }
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    }

    /// The manifest of snapshot `id`.
    pub fn manifest(&self, id: &str) -> Result<Manifest, StoreError> {
        let path = self.snapshot_dir(id).join("manifest.json");
        let text = fs::read_to_string(&path).map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                StoreError::NoSuchSnapshot(id.to_string())
            } else {
                io_err(&path)(e)
            }
        })?;
        serde_json::from_str(&text).map_err(|e| StoreError::Corrupt {
            path: path.display().to_string(),
            line: e.line(),
            message: e.to_string(),
        })
    }

    /// Loads snapshot `id`: its manifest and every entity, sources in manifest order. Sources
    /// are read on parallel threads (JSON decoding dominates loading).
    pub fn load(&self, id: &str) -> Result<Snapshot, StoreError> {
        let manifest = self.manifest(id)?;
        let dir = self.snapshot_dir(id);
        let parts: Vec<Result<Vec<Entity>, StoreError>> = std::thread::scope(|scope| {
            let handles: Vec<_> = manifest
                .sources
                .iter()
                .map(|s| {
                    let path = dir.join(&s.source).join(ENTITIES_FILE);
                    scope.spawn(move || {
                        let mut out = Vec::with_capacity(s.entities);
                        read_entities(&path, id, &mut out).map(|_| out)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Ok(Vec::new())))
                .collect()
        });
        let mut entities = Vec::with_capacity(manifest.entity_count());
        for part in parts {
            entities.extend(part?);
        }
        Ok(Snapshot { manifest, entities })
    }

    /// The records of snapshot `id` whose ids are among `ids`, decoding only the lines that
    /// name one of them (an entity page's history reads kept snapshots this way).
    pub fn load_records(&self, id: &str, ids: &[&str]) -> Result<Vec<Entity>, StoreError> {
        let manifest = self.manifest(id)?;
        let dir = self.snapshot_dir(id);
        // An id as it stands quoted in a JSON line; a line naming it elsewhere is decoded and
        // dropped.
        let quoted: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
        let mut out = Vec::new();
        for s in &manifest.sources {
            // Record ids begin with their list's name.
            let prefix = format!("{}-", s.source);
            if !ids.iter().any(|i| i.starts_with(&prefix)) {
                continue;
            }
            let path = dir.join(&s.source).join(ENTITIES_FILE);
            read_lines(&path, |line| {
                if quoted.iter().any(|q| line.contains(q.as_str())) {
                    let mut e: Entity = serde_json::from_str(line)?;
                    if ids.contains(&e.id.as_str()) {
                        e.provenance.snapshot = Some(id.to_string());
                        out.push(e);
                    }
                }
                Ok(())
            })?;
        }
        Ok(out)
    }

    /// The relationships of every source of snapshot `id`, sources in manifest order, and the
    /// sources stored before zeef read relationships (which have none until the next update).
    pub fn load_relationships(&self, id: &str) -> Result<Relationships, StoreError> {
        let manifest = self.manifest(id)?;
        let dir = self.snapshot_dir(id);
        let mut out = Relationships::default();
        for s in &manifest.sources {
            let path = dir.join(&s.source).join(RELATIONSHIPS_FILE);
            if !path.is_file() {
                out.sources_without.push(s.source.clone());
                continue;
            }
            read_lines(&path, |line| {
                out.relationships.push(serde_json::from_str(line)?);
                Ok(())
            })?;
        }
        Ok(out)
    }

    /// Loads the current snapshot, if there is one.
    pub fn load_current(&self) -> Result<Option<Snapshot>, StoreError> {
        match self.current_id()? {
            Some(id) => self.load(&id).map(Some),
            None => Ok(None),
        }
    }

    /// Resolves a snapshot reference: an id, `current`, `previous` (the one before current),
    /// or a unique prefix of an id.
    pub fn resolve(&self, reference: &str) -> Result<String, StoreError> {
        let all = self.snapshots()?;
        let current = self.current_id()?;
        let found = match reference {
            "current" | "latest" => current.clone(),
            "previous" => {
                let cur = current.clone().unwrap_or_default();
                all.iter().rev().map(|m| m.id.clone()).find(|id| *id < cur)
            }
            r if all.iter().any(|m| m.id == r) => Some(r.to_string()),
            r => {
                let hits: Vec<&Manifest> = all.iter().filter(|m| m.id.starts_with(r)).collect();
                if hits.len() == 1 {
                    Some(hits[0].id.clone())
                } else {
                    None
                }
            }
        };
        found.ok_or_else(|| StoreError::NoSuchSnapshot(reference.to_string()))
    }
}

/// Reads FtM JSON lines written by zeef, stamping each entity with the snapshot id.
fn read_entities(path: &Path, snapshot: &str, out: &mut Vec<Entity>) -> Result<(), StoreError> {
    read_lines(path, |line| {
        let mut e: Entity = serde_json::from_str(line)?;
        e.provenance.snapshot = Some(snapshot.to_string());
        out.push(e);
        Ok(())
    })
}

/// Calls `each` with every non-empty line of a JSON lines file; a line it cannot read makes
/// the file corrupt at that line.
fn read_lines(
    path: &Path,
    mut each: impl FnMut(&str) -> Result<(), serde_json::Error>,
) -> Result<(), StoreError> {
    let file = fs::File::open(path).map_err(io_err(path))?;
    for (i, line) in BufReader::with_capacity(1 << 20, file).lines().enumerate() {
        let line = line.map_err(io_err(path))?;
        if line.is_empty() {
            continue;
        }
        each(&line).map_err(|err| StoreError::Corrupt {
            path: path.display().to_string(),
            line: i + 1,
            message: err.to_string(),
        })?;
    }
    Ok(())
}
