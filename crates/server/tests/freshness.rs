//! `/readyz` and `/metrics` say how current each served list is: built in, retired, out of
//! date; and a first start without data serves the built-in lists (offline).

mod common;

use reqwest::{Client, StatusCode};
use serde_json::Value;
use zeef_lists::store::SourceManifest;
use zeef_model::{Entity, Prop, Schema};
use zeef_server::{Loaded, ServeConfig};

fn today() -> String {
    time::OffsetDateTime::now_utc().date().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_and_metrics_flag_builtin_retired_and_stale_lists() {
    let (url, state) = common::serve(ServeConfig::default()).await;
    let mut e = Entity::new("un-1", Schema::Person, "un");
    e.add(Prop::Name, "Fictional Person");
    let builtin = |s| SourceManifest { builtin: true, ..s };
    let manifest = common::manifest(
        "s1",
        vec![
            builtin(common::source("un", "2020-01-01", 1)),
            common::source("uk_ofsi", "2026-01-28", 1),
            common::source("ofac_sdn", &today(), 1),
        ],
    );
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
    let (url, state) = common::serve(config).await;
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
    // The first start resolves the lists: the UN record is among its entity's referents.
    let referents: Vec<&str> = screened["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["referents"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    assert!(referents.contains(&"un-QDi.299"), "{screened}");
}
