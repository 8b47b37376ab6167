//! A replica (`zeef serve --nats URL`): it takes its snapshots from NATS JetStream instead of
//! updating lists itself. At start it loads the published snapshot; it then watches for new
//! ones, downloads each into its data directory and swaps it in as a reload does (the new
//! index is built beside the served one; requests never see a mix). When NATS is out of
//! reach it keeps serving what it has, says so in `/readyz` and `/metrics`, and catches up
//! once NATS is back.

use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use futures_util::StreamExt;
use serde::Serialize;
use utoipa::ToSchema;
use zeef_nats::Nats;

use crate::state::AppState;

/// A replica's link to NATS, as `/readyz` and `/metrics` report it.
#[derive(Default)]
pub struct Link {
    nats: OnceLock<Nats>,
    /// The snapshot last named current in NATS.
    published: Mutex<Option<String>>,
    /// The last failure (connecting, watching, downloading), cleared by a success.
    error: Mutex<Option<String>>,
}

/// How a replica stands with NATS.
#[derive(Debug, Serialize, ToSchema)]
pub struct NatsStatus {
    pub url: String,
    pub connected: bool,
    /// The snapshot NATS names current (the replica serves it once loaded).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl Link {
    fn set_error(&self, e: Option<String>) {
        if let Ok(mut slot) = self.error.lock() {
            *slot = e;
        }
    }

    /// The status, where the server follows NATS.
    pub fn status(&self, url: Option<&str>) -> Option<NatsStatus> {
        let url = url?;
        Some(NatsStatus {
            url: url.to_string(),
            connected: self.nats.get().is_some_and(Nats::connected),
            published: self.published.lock().ok().and_then(|p| p.clone()),
            error: self.error.lock().ok().and_then(|e| e.clone()),
        })
    }

    /// Prometheus lines: whether NATS is reached, and which snapshot it names.
    pub fn metrics(&self, url: Option<&str>) -> String {
        let Some(s) = self.status(url) else {
            return String::new();
        };
        format!(
            "# HELP zeef_nats_connected 1 while the replica is connected to NATS.\n# TYPE zeef_nats_connected gauge\nzeef_nats_connected {}\n# HELP zeef_nats_published_info The snapshot NATS names current.\n# TYPE zeef_nats_published_info gauge\nzeef_nats_published_info{{snapshot=\"{}\"}} {}\n",
            u8::from(s.connected),
            crate::metrics::escape(s.published.as_deref().unwrap_or("")),
            u8::from(s.published.is_some())
        )
    }
}

/// Follows the snapshots published at `url` for as long as the server runs.
pub async fn follow(state: Arc<AppState>, url: String) {
    let link = &state.nats;
    let nats = loop {
        match Nats::connect(&url).await {
            Ok(n) => break n,
            Err(e) => {
                let e = e.to_string();
                tracing::error!(error = %e, "NATS unreachable; trying again in 2 s");
                if state.loaded().is_none() {
                    state.set_load_error(e.clone());
                }
                link.set_error(Some(e));
                tokio::time::sleep(Duration::from_secs(2)).await;
            }
        }
    };
    let nats = link.nats.get_or_init(|| nats).clone();
    tracing::info!(%url, "following the snapshots published in NATS");
    loop {
        match nats.watch_snapshots().await {
            Ok(mut ids) => {
                link.set_error(None);
                while let Some(id) = ids.next().await {
                    if let Ok(mut p) = link.published.lock() {
                        *p = Some(id.clone());
                    }
                    take(&state, &nats, &id).await;
                }
                // The watch ends when the connection is lost; it is made again below.
                link.set_error(Some("the watch on NATS ended; watching again".into()));
            }
            Err(e) => {
                let e = e.to_string();
                tracing::warn!(error = %e, "cannot watch the published snapshots; trying again in 2 s");
                link.set_error(Some(e));
            }
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Downloads snapshot `id` (unless served already) and swaps it in.
async fn take(state: &Arc<AppState>, nats: &Nats, id: &str) {
    if state.loaded().is_some_and(|l| l.version() == id) {
        return;
    }
    let Some(data) = state.data_dir() else {
        tracing::error!("no data directory to download snapshots into");
        return;
    };
    match nats.download_snapshot(id, data).await {
        Ok(()) => {
            let o = crate::reload::reload(state.clone(), "nats").await;
            if !o.ok {
                state.nats.set_error(o.error);
            }
        }
        Err(e) => {
            let e = e.to_string();
            tracing::error!(snapshot = %id, error = %e, "cannot download the published snapshot; still serving the previous one");
            state.nats.set_error(Some(e));
        }
    }
}
