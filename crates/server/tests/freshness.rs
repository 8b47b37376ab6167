//! `/readyz` and `/metrics` say how current each served list is: built in, retired, out of
//! date; and a first start without data serves the built-in lists (offline).

use std::collections::BTreeMap;
use std::sync::Arc;

use reqwest::{Client, StatusCode};
use serde_json::Value;
use tokio::net::TcpListener;
use zeef_lists::store::{Manifest, SourceManifest};
use zeef_model::{Entity, Prop, Schema};
use zeef_server::{AppState, Loaded, ServeConfig};

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

fn source(name: &str, list_date: &str, builtin: bool) -> SourceManifest {
    SourceManifest {
        source: name.to_string(),
        title: name.to_string(),
        publisher: "p".to_string(),
        list_date: Some(list_date.to_string()),
        fetched_at: "2026-03-01T00:00:00Z".to_string(),
        origin: "test".to_string(),
        sha256: "ab".repeat(32),
        files: Vec::new(),
        entities: 1,
        schemata: BTreeMap::new(),
        carried_from: None,
        builtin,
    }
}

async fn start(config: ServeConfig) -> (String, Arc<AppState>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(config);
    tokio::spawn(zeef_server::serve(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    (format!("http://{addr}"), state)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_and_metrics_flag_builtin_retired_and_stale_lists() {
    let (url, state) = start(ServeConfig::default()).await;
    let mut e = Entity::new("un-1", Schema::Person, "un");
    e.add(Prop::Name, "Fictional Person");
    let manifest = Manifest {
        id: "s1".to_string(),
        created_at: "2026-03-01T00:00:00Z".to_string(),
        sources: vec![
            source("un", "2020-01-01", true),
            source("uk_ofsi", "2026-01-28", false),
            source("ofac_sdn", &today(), false),
        ],
    };
    state.install(Loaded::build(manifest, vec![e]));
    let c = Client::new();
    let r = c.get(format!("{url}/readyz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["data_status"], "degraded");
    assert!(
        body["warning"].as_str().unwrap().contains("BUILT-IN"),
        "{body}"
    );
    let lists = body["lists"].as_array().unwrap();
    let get = |s: &str| lists.iter().find(|l| l["source"] == s).unwrap();
    assert_eq!(get("un")["builtin"], true);
    assert_eq!(get("un")["stale"], true);
    assert!(get("un")["age_days"].as_i64().unwrap() > 2000);
    assert_eq!(get("uk_ofsi")["retired_since"], "2026-01-28");
    assert_eq!(get("ofac_sdn")["stale"], false);
    assert_eq!(get("ofac_sdn")["age_days"], 0);

    let metrics = c
        .get(format!("{url}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("zeef_list_age_days{source=\"ofac_sdn\"} 0"),
        "{metrics}"
    );
    assert!(
        metrics.contains("zeef_list_builtin{source=\"un\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("zeef_list_builtin{source=\"ofac_sdn\"} 0"),
        "{metrics}"
    );
    assert!(
        metrics.contains("zeef_list_stale{source=\"un\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("zeef_list_retired{source=\"uk_ofsi\"} 1"),
        "{metrics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_first_start_offline_serves_the_builtin_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let config = ServeConfig {
        data: Some(zeef_lists::DataDir::new(tmp.path())),
        first_run: true,
        offline: true,
        ..ServeConfig::default()
    };
    let (url, state) = start(config).await;
    let o = zeef_server::reload::first_run(state.clone()).await;
    assert!(o.ok, "{o:?}");
    let c = Client::new();
    let body: Value = c
        .get(format!("{url}/readyz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(body["data_status"], "degraded");
    let lists = body["lists"].as_array().unwrap();
    assert!(lists.iter().all(|l| l["builtin"] == true), "{body}");
    let screened: Value = c
        .get(format!("{url}/screen?name=Abu+Bakr+al-Baghdadi"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids: Vec<&str> = screened["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&"un-QDi.299"), "{screened}");
}
