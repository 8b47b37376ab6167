//! What the server serves: one [`Loaded`] value (a snapshot's manifest and its index) behind
//! an `ArcSwap`. A request takes one `Arc` to it at its start and uses only that, so a reload
//! swapping in a new value never shows a request a mix of old and new data; the old value is
//! freed when its last request ends.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use arc_swap::ArcSwapOption;
use serde::Serialize;
use tokio::sync::Semaphore;
use zeef_graph::Network;
use zeef_lists::store::Manifest;
use zeef_lists::{DataDir, Snapshot};
use zeef_matching::Index;
use zeef_model::Entity;
use zeef_resolve::{Resolution, Resolved};

use crate::config::ServeConfig;
use crate::metrics::Metrics;

/// The dataset names that cover every source (yente's collections).
pub const COLLECTIONS: [&str; 2] = ["default", "sanctions"];

/// Dates of one source, as yente writes them (`2024-05-03T18:43:00`).
#[derive(Debug, Clone, Default)]
pub struct SourceDates {
    /// When zeef fetched this version of the list.
    pub first_seen: Option<String>,
    /// When the snapshot holding it was made.
    pub last_seen: Option<String>,
    /// The list's own date if it states one, else the fetch time.
    pub last_change: Option<String>,
}

/// One loaded snapshot and its index: immutable once built.
pub struct Loaded {
    pub manifest: Manifest,
    pub index: Index,
    /// The links the lists state between parties (`/graph`); empty unless given.
    pub network: Network,
    /// When this server built the index (RFC 3339).
    pub loaded_at: String,
    /// Seconds the load and index build took.
    pub build_seconds: f64,
    pub dates: HashMap<String, SourceDates>,
    /// The snapshot's resolved entities: results are one per resolved entity where present
    /// (unless asked for by record), one per record otherwise.
    pub resolution: Option<Resolution>,
}

impl Loaded {
    /// Builds the index over `entities` (CPU-heavy: call off the async threads).
    pub fn build(manifest: Manifest, entities: Vec<Entity>) -> Loaded {
        let started = Instant::now();
        let index = Index::build(entities);
        Loaded::from_index(manifest, index, started.elapsed().as_secs_f64())
    }

    pub fn from_snapshot(s: Snapshot) -> Loaded {
        Loaded::build(s.manifest, s.entities)
    }

    pub fn from_index(manifest: Manifest, index: Index, build_seconds: f64) -> Loaded {
        let last_seen = iso_seconds(&manifest.created_at);
        let dates = manifest
            .sources
            .iter()
            .map(|s| {
                let fetched = iso_seconds(&s.fetched_at);
                let listed = s.list_date.as_deref().and_then(list_date_time);
                let d = SourceDates {
                    first_seen: fetched.clone(),
                    last_seen: last_seen.clone(),
                    last_change: listed.or(fetched),
                };
                (s.source.clone(), d)
            })
            .collect();
        Loaded {
            manifest,
            index,
            network: Network::default(),
            loaded_at: zeef_lists::store::now_rfc3339(),
            build_seconds,
            dates,
            resolution: None,
        }
    }

    /// The same, with the network `/graph` answers from.
    pub fn with_network(self, network: Network) -> Loaded {
        Loaded { network, ..self }
    }

    /// Serves the resolved entities `resolved` (clusters of this snapshot's records).
    pub fn with_resolution(mut self, resolved: Resolved) -> Loaded {
        self.resolution = Some(Resolution::new(resolved, &self.index));
        self
    }

    /// The resolution to answer with: None when asked for results `by_record` or where the
    /// snapshot is not resolved.
    pub fn resolution(&self, by_record: bool) -> Option<&Resolution> {
        self.resolution.as_ref().filter(|_| !by_record)
    }

    /// The snapshot id: the data version every answer is computed from.
    pub fn version(&self) -> &str {
        &self.manifest.id
    }

    /// The sources a dataset name covers, or None for an unknown dataset.
    pub fn dataset_sources(&self, dataset: &str) -> Option<Vec<String>> {
        if COLLECTIONS.contains(&dataset) {
            return Some(
                self.manifest
                    .sources
                    .iter()
                    .map(|s| s.source.clone())
                    .collect(),
            );
        }
        self.manifest
            .source(dataset)
            .map(|s| vec![s.source.clone()])
    }

    pub fn dates(&self, source: &str) -> SourceDates {
        self.dates.get(source).cloned().unwrap_or_default()
    }
}

/// `2024-05-03T18:43:00Z` -> `2024-05-03T18:43:00` (yente's format: seconds, no zone).
pub fn iso_seconds(rfc3339: &str) -> Option<String> {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .ok()?
        .to_offset(time::UtcOffset::UTC);
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]");
    t.format(&fmt).ok()
}

/// A list's own date as a time: only a full day (`2025-04-10`) counts; partial dates do not.
fn list_date_time(d: &str) -> Option<String> {
    let day = d.get(..10)?;
    let b = day.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    ok.then(|| format!("{day}T00:00:00"))
}

/// How the last update or reload went, for `/catalog`, `/readyz` and `/metrics`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UpdateOutcome {
    /// `update` (lists fetched) or `reload` (data directory re-read).
    pub kind: String,
    pub ok: bool,
    pub started_at: String,
    pub finished_at: String,
    /// The snapshot served after it.
    pub snapshot: Option<String>,
    /// What went wrong (the old data is still served).
    pub error: Option<String>,
    /// Sources that failed but kept their previous version.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub failed_sources: Vec<String>,
}

/// Everything the handlers share.
pub struct AppState {
    current: ArcSwapOption<Loaded>,
    pub config: ServeConfig,
    pub metrics: Metrics,
    pub last_update: Mutex<Option<UpdateOutcome>>,
    /// Held while an update or reload runs: one at a time.
    pub update_lock: tokio::sync::Mutex<()>,
    /// Permits for heavy requests; none left means shed load with 503.
    pub permits: Arc<Semaphore>,
    /// Why nothing is loaded yet (shown by `/readyz`).
    pub load_error: Mutex<Option<String>>,
    /// Where screening runs (never on the async threads).
    pub pool: crate::work::Pool,
    /// The link to NATS, where snapshots come from there.
    pub nats: crate::nats::Link,
    /// Writes `config.record`'s records: concurrent requests' records share transactions.
    pub recorder: Option<Arc<zeef_audit::GroupCommit>>,
}

impl AppState {
    pub fn new(config: ServeConfig) -> Arc<AppState> {
        let permits = Arc::new(Semaphore::new(config.max_concurrency.max(1)));
        Arc::new(AppState {
            current: ArcSwapOption::empty(),
            metrics: Metrics::default(),
            last_update: Mutex::new(None),
            update_lock: tokio::sync::Mutex::new(()),
            permits,
            load_error: Mutex::new(None),
            pool: crate::work::Pool::new(),
            nats: crate::nats::Link::default(),
            recorder: config
                .record
                .clone()
                .map(|store| Arc::new(zeef_audit::GroupCommit::new(store))),
            config,
        })
    }

    /// The data to answer one request with (None until the first load).
    pub fn loaded(&self) -> Option<Arc<Loaded>> {
        self.current.load_full()
    }

    /// Makes `loaded` current atomically; requests already running keep their old value.
    pub fn install(&self, loaded: Loaded) {
        self.metrics.set_loaded(
            loaded.version(),
            loaded.index.len(),
            loaded.index.name_count(),
            loaded.build_seconds,
        );
        self.metrics.set_lists(&loaded.manifest);
        tracing::info!(
            snapshot = loaded.version(),
            entities = loaded.index.len(),
            names = loaded.index.name_count(),
            build_seconds = loaded.build_seconds,
            "serving snapshot"
        );
        if let Some(w) = zeef_lists::freshness::warning(&loaded.manifest) {
            tracing::warn!(snapshot = loaded.version(), "{w}");
        }
        self.current.store(Some(Arc::new(loaded)));
        if let Ok(mut e) = self.load_error.lock() {
            *e = None;
        }
    }

    pub fn record_outcome(&self, outcome: UpdateOutcome) {
        self.metrics
            .set_update(&outcome.kind, outcome.ok, &outcome.finished_at);
        if let Ok(mut last) = self.last_update.lock() {
            *last = Some(outcome);
        }
    }

    pub fn last_outcome(&self) -> Option<UpdateOutcome> {
        self.last_update.lock().ok().and_then(|l| l.clone())
    }

    pub fn set_load_error(&self, msg: String) {
        if let Ok(mut e) = self.load_error.lock() {
            *e = Some(msg);
        }
    }

    pub fn data_dir(&self) -> Option<&DataDir> {
        self.config.data.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_yente_format() {
        assert_eq!(
            iso_seconds("2024-05-03T18:43:00Z").as_deref(),
            Some("2024-05-03T18:43:00")
        );
        assert_eq!(iso_seconds("nonsense"), None);
        assert_eq!(
            list_date_time("2025-04-10").as_deref(),
            Some("2025-04-10T00:00:00")
        );
        assert_eq!(list_date_time("2025-04"), None);
        assert_eq!(list_date_time("2025"), None);
    }
}
