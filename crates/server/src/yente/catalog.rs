//! `GET /catalog`: each loaded list as a dataset (version, list date, sha256, counts), the
//! `default` and `sanctions` collections covering all, and how the last update went.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;
use zeef_lists::store::SourceManifest;

use crate::state::{AppState, COLLECTIONS, Loaded, UpdateOutcome};

/// A publisher, as FtM datasets name it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Publisher {
    pub name: String,
}

/// One dataset: a source list, or a collection of all of them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dataset {
    pub name: String,
    pub title: String,
    /// `source` or `collection`.
    #[serde(rename = "type")]
    pub kind: String,
    pub load: bool,
    /// The snapshot this version of the list was fetched in.
    pub version: String,
    /// The snapshot being served.
    pub index_version: String,
    pub index_current: bool,
    pub children: Vec<String>,
    pub entity_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher>,
    /// The date the list states about itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_date: Option<String>,
    /// sha256 of the list file(s).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// Where the list was read from: URL or folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_change: Option<String>,
}

/// What zeef is serving.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ZeefStatus {
    /// Snapshot id served (None until loaded).
    pub snapshot: Option<String>,
    pub snapshot_created_at: Option<String>,
    pub loaded_at: Option<String>,
    pub entities: usize,
    pub index_build_seconds: Option<f64>,
    pub last_update: Option<UpdateOutcome>,
}

/// `GET /catalog` body (yente's `DataCatalogModel` plus `zeef`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DataCatalog {
    pub datasets: Vec<Dataset>,
    pub current: Vec<String>,
    pub outdated: Vec<String>,
    pub index_stale: bool,
    pub zeef: ZeefStatus,
}

fn source_dataset(s: &SourceManifest, loaded: &Loaded) -> Dataset {
    Dataset {
        name: s.source.clone(),
        title: s.title.clone(),
        kind: "source".to_string(),
        load: true,
        version: s
            .carried_from
            .clone()
            .unwrap_or_else(|| loaded.version().to_string()),
        index_version: loaded.version().to_string(),
        index_current: true,
        children: Vec::new(),
        entity_count: s.entities,
        publisher: Some(Publisher {
            name: s.publisher.clone(),
        }),
        list_date: s.list_date.clone(),
        sha256: Some(s.sha256.clone()),
        fetched_at: Some(s.fetched_at.clone()),
        origin: Some(s.origin.clone()),
        last_change: loaded.dates(&s.source).last_change,
    }
}

fn collection(name: &str, loaded: &Loaded) -> Dataset {
    let title = match name {
        "sanctions" => "Sanctions lists (all sources loaded)",
        _ => "Default collection (all sources loaded)",
    };
    Dataset {
        name: name.to_string(),
        title: title.to_string(),
        kind: "collection".to_string(),
        load: false,
        version: loaded.version().to_string(),
        index_version: loaded.version().to_string(),
        index_current: true,
        children: loaded
            .manifest
            .sources
            .iter()
            .map(|s| s.source.clone())
            .collect(),
        entity_count: loaded.manifest.entity_count(),
        publisher: None,
        list_date: None,
        sha256: None,
        fetched_at: None,
        origin: None,
        last_change: None,
    }
}

/// The catalog of datasets and the state of the data.
pub fn build(state: &AppState) -> DataCatalog {
    let loaded = state.loaded();
    let mut datasets = Vec::new();
    if let Some(l) = &loaded {
        datasets.extend(COLLECTIONS.iter().map(|c| collection(c, l)));
        datasets.extend(l.manifest.sources.iter().map(|s| source_dataset(s, l)));
    }
    let current = datasets.iter().map(|d| d.name.clone()).collect();
    DataCatalog {
        datasets,
        current,
        outdated: Vec::new(),
        index_stale: false,
        zeef: ZeefStatus {
            snapshot: loaded.as_ref().map(|l| l.version().to_string()),
            snapshot_created_at: loaded.as_ref().map(|l| l.manifest.created_at.clone()),
            loaded_at: loaded.as_ref().map(|l| l.loaded_at.clone()),
            entities: loaded.as_ref().map_or(0, |l| l.index.len()),
            index_build_seconds: loaded.as_ref().map(|l| l.build_seconds),
            last_update: state.last_outcome(),
        },
    }
}

/// The datasets served, their versions, and the last update's result.
#[utoipa::path(get, path = "/catalog", tag = "System information",
    responses((status = 200, body = DataCatalog)))]
pub async fn catalog(State(state): State<Arc<AppState>>) -> Json<DataCatalog> {
    Json(build(&state))
}
