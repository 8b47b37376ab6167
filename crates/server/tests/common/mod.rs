//! What the HTTP tests share: fictional list manifests and a server on a free loopback port.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;

use tokio::net::TcpListener;
use zeef_lists::store::{Manifest, SourceManifest};
use zeef_server::{AppState, ServeConfig};

/// A fictional, downloaded (not built-in) list of `entities` entities dated `list_date`.
pub fn source(name: &str, list_date: &str, entities: usize) -> SourceManifest {
    SourceManifest {
        source: name.to_string(),
        title: format!("The {name} list"),
        publisher: "Fictional Sanctions Office".to_string(),
        list_date: Some(list_date.to_string()),
        fetched_at: "2026-01-02T03:00:00Z".to_string(),
        origin: "test".to_string(),
        sha256: "ab".repeat(32),
        files: Vec::new(),
        entities,
        schemata: BTreeMap::new(),
        carried_from: None,
        builtin: false,
    }
}

/// A snapshot manifest with these lists.
pub fn manifest(id: &str, sources: Vec<SourceManifest>) -> Manifest {
    Manifest {
        id: id.to_string(),
        created_at: "2026-01-02T03:04:05Z".to_string(),
        sources,
    }
}

/// A server (nothing loaded yet) on a free loopback port, serving until `shutdown` resolves;
/// its base URL, its state, and the task that ends when it has stopped.
pub async fn serve_until(
    config: ServeConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> (
    String,
    Arc<AppState>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(config);
    let served = tokio::spawn(zeef_server::serve(listener, state.clone(), shutdown));
    (format!("http://{addr}"), state, served)
}

/// A server (nothing loaded yet) serving until the test ends.
pub async fn serve(config: ServeConfig) -> (String, Arc<AppState>) {
    let (url, state, _) = serve_until(config, std::future::pending()).await;
    (url, state)
}
