//! What a snapshot holds, written as `manifest.json` beside its data.

use crate::fetch::Validators;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One snapshot: every source it holds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    /// Snapshot id: creation time, `20261128T040512Z`, sortable.
    pub id: String,
    /// When it was made (RFC 3339, UTC).
    pub created_at: String,
    pub sources: Vec<SourceManifest>,
}

/// One source in a snapshot.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceManifest {
    pub source: String,
    pub title: String,
    pub publisher: String,
    /// The date the list states about itself, if any.
    pub list_date: Option<String>,
    /// When zeef fetched it (RFC 3339, UTC).
    pub fetched_at: String,
    /// Where it came from: a URL or a folder.
    pub origin: String,
    /// sha256 of the file, or of the files' hashes for multi-file lists (see `parse_inputs`).
    pub sha256: String,
    pub files: Vec<FileManifest>,
    /// Number of entities, and by schema.
    pub entities: usize,
    pub schemata: BTreeMap<String, usize>,
    /// Set when this source was not fetched in this update but carried over unchanged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carried_from: Option<String>,
    /// The list came from the copy built into zeef, not from its publisher or a mirror.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub builtin: bool,
}

/// One file of a source.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileManifest {
    pub name: String,
    pub sha256: String,
    pub bytes: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default)]
    pub validators: Validators,
}

impl Manifest {
    pub fn source(&self, name: &str) -> Option<&SourceManifest> {
        self.sources.iter().find(|s| s.source == name)
    }

    /// The sources that came from zeef's built-in copy.
    pub fn builtin_sources(&self) -> impl Iterator<Item = &SourceManifest> {
        self.sources.iter().filter(|s| s.builtin)
    }

    pub fn entity_count(&self) -> usize {
        self.sources.iter().map(|s| s.entities).sum()
    }
}
