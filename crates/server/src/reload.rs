//! Loading data: at start, on SIGHUP (re-read the data directory) and on `/updatez` (fetch
//! the lists into a new snapshot, then load it). The new index is built beside the one being
//! served and swapped in only when complete; a failure keeps the old one and is reported.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use zeef_graph::Network;
use zeef_lists::store::{Origin, UpdateOptions};
use zeef_lists::{DataDir, Snapshot};
use zeef_matching::Index;
use zeef_resolve::{ResolveDir, ResolveOptions, Resolved};

use crate::state::{AppState, Loaded, UpdateOutcome};

/// What a reload or update did.
enum Done {
    /// A new snapshot was loaded and swapped in.
    Swapped(String, Vec<String>),
    /// The snapshot in the data directory is the one already served.
    Unchanged(String),
}

fn outcome(kind: &str, started_at: String, result: Result<Done, String>) -> UpdateOutcome {
    let finished_at = zeef_lists::store::now_rfc3339();
    match result {
        Ok(Done::Swapped(id, failed_sources)) => UpdateOutcome {
            kind: kind.to_string(),
            ok: true,
            started_at,
            finished_at,
            snapshot: Some(id),
            error: None,
            failed_sources,
        },
        Ok(Done::Unchanged(id)) => UpdateOutcome {
            kind: kind.to_string(),
            ok: true,
            started_at,
            finished_at,
            snapshot: Some(id),
            error: None,
            failed_sources: Vec::new(),
        },
        Err(error) => UpdateOutcome {
            kind: kind.to_string(),
            ok: false,
            started_at,
            finished_at,
            snapshot: None,
            error: Some(error),
            failed_sources: Vec::new(),
        },
    }
}

/// Loads the data directory's current snapshot unless it is the one served (blocking).
fn load_current(
    data: &DataDir,
    judgements_db: Option<&str>,
    served: Option<&str>,
) -> Result<Option<Loaded>, String> {
    let id = data
        .current_id()
        .map_err(|e| e.to_string())?
        .ok_or_else(|| {
            format!(
                "no snapshot in {} yet: run `zeef update` (or POST /updatez)",
                data.root().display()
            )
        })?;
    if served == Some(id.as_str()) {
        return Ok(None);
    }
    let snapshot = data.load(&id).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let index = Index::build(snapshot.entities.iter().cloned());
    let resolved = resolution(data, judgements_db, &snapshot, &index);
    let network = network(data, &snapshot, resolved.as_ref())?;
    let loaded = Loaded::from_index(snapshot.manifest, index, started.elapsed().as_secs_f64())
        .with_network(network);
    Ok(Some(match resolved {
        Some(r) => loaded.with_resolution(r),
        None => loaded,
    }))
}

/// The network of `snapshot`: nodes per resolved entity where it is resolved, per record
/// otherwise.
fn network(
    data: &DataDir,
    snapshot: &Snapshot,
    resolved: Option<&Resolved>,
) -> Result<Network, String> {
    let stored = data
        .load_relationships(&snapshot.manifest.id)
        .map_err(|e| e.to_string())?;
    Ok(Network::build(
        &snapshot.entities,
        &stored.relationships,
        resolved,
    ))
}

/// The resolved entities of `snapshot` (with `index` built over its records): the clusters
/// stored for it (`zeef update` and `zeef resolve` store them), else resolved now (judgements
/// and ids kept, and stored). None where resolving fails (results are then by record; the
/// failure is logged).
fn resolution(
    data: &DataDir,
    judgements_db: Option<&str>,
    snapshot: &Snapshot,
    index: &Index,
) -> Option<Resolved> {
    let dir = ResolveDir::new(data.root()).with_judgements_in(judgements_db);
    let id = &snapshot.manifest.id;
    match dir.load() {
        Ok(Some(r)) if r.snapshot.as_deref() == Some(id.as_str()) => return Some(r),
        Ok(_) => {}
        Err(e) => {
            tracing::warn!(error = %e, "the stored resolved entities cannot be read; resolving again");
        }
    }
    let opts = ResolveOptions::default();
    match dir.run(&snapshot.entities, index, Some(id.clone()), &opts) {
        Ok((resolved, clustering)) => {
            for x in &clustering.contradictions {
                tracing::warn!(
                    different = ?x.different,
                    same = ?x.same_chain,
                    "contradictory judgements: the \"different\" one holds"
                );
            }
            tracing::info!(
                records = snapshot.entities.len(),
                entities = resolved.clusters.len(),
                "resolved"
            );
            Some(resolved)
        }
        Err(e) => {
            tracing::error!(error = %e, "not resolved: results are one per record");
            None
        }
    }
}

/// Re-reads the data directory and swaps in its current snapshot if it is new.
pub async fn reload(state: Arc<AppState>, kind: &str) -> UpdateOutcome {
    let _guard = state.update_lock.lock().await;
    let started_at = zeef_lists::store::now_rfc3339();
    let result = reload_locked(&state).await;
    let o = outcome(kind, started_at, result);
    report(&state, &o);
    o
}

async fn reload_locked(state: &Arc<AppState>) -> Result<Done, String> {
    let Some(data) = state.data_dir().cloned() else {
        return Err("no data directory configured".to_string());
    };
    let judgements = state.config.judgements_db.clone();
    let served = state.loaded().map(|l| l.version().to_string());
    let served2 = served.clone();
    let loaded = tokio::task::spawn_blocking(move || {
        load_current(&data, judgements.as_deref(), served2.as_deref())
    })
    .await
    .map_err(|e| e.to_string())??;
    match loaded {
        Some(l) => {
            let id = l.version().to_string();
            state.install(l);
            Ok(Done::Swapped(id, Vec::new()))
        }
        None => Ok(Done::Unchanged(served.unwrap_or_default())),
    }
}

/// Where `/updatez` fetches from.
pub fn origin(update_from: Option<&str>) -> Origin {
    match update_from {
        None => Origin::Official,
        Some(f) if f.starts_with("http://") || f.starts_with("https://") => {
            Origin::Url(f.to_string())
        }
        Some(f) => Origin::Dir(PathBuf::from(f)),
    }
}

/// Runs `zeef update` into the data directory, then loads the new snapshot.
pub async fn update(state: Arc<AppState>) -> UpdateOutcome {
    let _guard = state.update_lock.lock().await;
    let started_at = zeef_lists::store::now_rfc3339();
    let result = update_locked(&state).await;
    let o = outcome("update", started_at, result);
    report(&state, &o);
    o
}

async fn update_locked(state: &Arc<AppState>) -> Result<Done, String> {
    let Some(data) = state.data_dir().cloned() else {
        return Err("no data directory configured".to_string());
    };
    let judgements = state.config.judgements_db.clone();
    let opts = UpdateOptions {
        origin: origin(state.config.update_from.as_deref()),
        skip_failed: true,
        addresses: state.config.addresses.clone(),
        ..UpdateOptions::default()
    };
    let served = state.loaded().map(|l| l.version().to_string());
    let (loaded, failed) = tokio::task::spawn_blocking(move || {
        let report = zeef_lists::store::update(&data, &opts, &mut ()).map_err(|e| e.to_string())?;
        let failed: Vec<String> = report
            .failed
            .iter()
            .map(|(s, why)| format!("{s}: {why}"))
            .collect();
        Ok::<_, String>((
            load_current(&data, judgements.as_deref(), served.as_deref())?,
            failed,
        ))
    })
    .await
    .map_err(|e| e.to_string())??;
    match loaded {
        Some(l) => {
            let id = l.version().to_string();
            state.install(l);
            Ok(Done::Swapped(id, failed))
        }
        None => Ok(Done::Unchanged(
            state
                .loaded()
                .map(|l| l.version().to_string())
                .unwrap_or_default(),
        )),
    }
}

/// A start without data: makes a snapshot (publishers or `--update-from`, else the built-in
/// lists), then loads it.
pub async fn first_run(state: Arc<AppState>) -> UpdateOutcome {
    let _guard = state.update_lock.lock().await;
    let started_at = zeef_lists::store::now_rfc3339();
    let result = first_run_locked(&state).await;
    let o = outcome("first-run", started_at, result);
    report(&state, &o);
    o
}

async fn first_run_locked(state: &Arc<AppState>) -> Result<Done, String> {
    let Some(data) = state.data_dir().cloned() else {
        return Err("no data directory configured".to_string());
    };
    let judgements = state.config.judgements_db.clone();
    let first = zeef_builtin::FirstRun {
        origin: origin(state.config.update_from.as_deref()),
        offline: state.config.offline,
        addresses: state.config.addresses.clone(),
        ..zeef_builtin::FirstRun::default()
    };
    tracing::info!(
        "no snapshot yet: fetching the lists (the built-in copy stands in for any publisher out of reach)"
    );
    let loaded = tokio::task::spawn_blocking(move || {
        let outcome =
            zeef_builtin::ensure_current(&data, &first, &mut ()).map_err(|e| e.to_string())?;
        Ok::<_, String>((outcome, load_current(&data, judgements.as_deref(), None)?))
    })
    .await
    .map_err(|e| e.to_string())??;
    let (outcome, loaded) = loaded;
    if let zeef_builtin::Outcome::Builtin { unreachable } = &outcome {
        for (source, why) in unreachable {
            tracing::warn!(source = %source, reason = %why, "not fetched: the built-in copy stands in");
        }
    }
    match loaded {
        Some(l) => {
            let id = l.version().to_string();
            state.install(l);
            Ok(Done::Swapped(id, Vec::new()))
        }
        None => Err("the first run published no snapshot".to_string()),
    }
}

fn report(state: &AppState, o: &UpdateOutcome) {
    if o.ok {
        tracing::info!(kind = %o.kind, snapshot = ?o.snapshot, failed_sources = ?o.failed_sources, "data load finished");
    } else {
        let error = o.error.clone().unwrap_or_default();
        tracing::error!(kind = %o.kind, error = %error, "data load failed; still serving the previous data");
        if state.loaded().is_none() {
            state.set_load_error(error);
        }
    }
    state.record_outcome(o.clone());
}
