//! `zeef serve --record` over real loopback HTTP: every `/screen` and `/match` query lands in
//! a temporary SQLite audit store before it is answered, under the caller's subject id or a
//! generated `http:` one, and a store that refuses writes answers 503 instead of results.
//! Entities are fictional.

use std::collections::BTreeMap;
use std::sync::Arc;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use zeef_audit::{AuditStore, ScreeningRecord};
use zeef_lists::store::{Manifest, SourceManifest};
use zeef_model::{Entity, Prop, Schema};
use zeef_server::{AppState, Loaded, ServeConfig};

const SNAPSHOT: &str = "20260303T101010Z";

fn source(name: &str, sha: &str) -> SourceManifest {
    SourceManifest {
        source: name.to_string(),
        title: format!("The {name} list"),
        publisher: "Fictional Sanctions Office".to_string(),
        list_date: Some("2026-02-01".to_string()),
        fetched_at: "2026-03-03T10:00:00Z".to_string(),
        origin: "test".to_string(),
        sha256: sha.repeat(32),
        files: Vec::new(),
        entities: 2,
        schemata: BTreeMap::new(),
        carried_from: None,
        builtin: false,
    }
}

fn person(id: &str, src: &str, name: &str, dob: &str) -> Entity {
    let mut e = Entity::new(id, Schema::Person, src);
    e.add(Prop::Name, name);
    e.add(Prop::BirthDate, dob);
    e
}

fn fixtures() -> Loaded {
    let mut org = Entity::new("gamma-2", Schema::Organization, "gamma");
    org.add(Prop::Name, "Copper Lantern Shipping Ltd");
    let entities = vec![
        person("gamma-1", "gamma", "Oskar Wendelin Brandt", "1966-02-03"),
        org,
        person("delta-1", "delta", "Lucia Marquez Olvera", "1984-11-09"),
        person("delta-2", "delta", "Tobias Rennick", "1990-07-07"),
    ];
    let manifest = Manifest {
        id: SNAPSHOT.to_string(),
        created_at: "2026-03-03T10:10:10Z".to_string(),
        sources: vec![source("gamma", "cd"), source("delta", "ef")],
    };
    Loaded::build(manifest, entities)
}

/// A loaded server recording into `store`.
async fn recording_server(store: Arc<AuditStore>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(ServeConfig {
        record: Some(store),
        ..ServeConfig::default()
    });
    state.install(fixtures());
    tokio::spawn(zeef_server::serve(listener, state, std::future::pending()));
    format!("http://{addr}")
}

/// The one record filed under `subject_id`.
fn only_record(store: &AuditStore, subject_id: &str) -> ScreeningRecord {
    let mut records = store.records(subject_id).unwrap();
    assert_eq!(records.len(), 1, "records of {subject_id}");
    records.remove(0).record
}

fn candidate_ids(r: &ScreeningRecord) -> Vec<&str> {
    r.candidates.iter().map(|c| c.entity_id.as_str()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_and_match_queries_are_recorded_before_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.sqlite");
    let store = Arc::new(AuditStore::open_sqlite(&path).unwrap());
    let url = recording_server(store.clone()).await;
    let c = Client::new();

    // 1. GET /screen with the caller's subject id.
    let r = c
        .get(format!(
            "{url}/screen?name=Oskar%20Wendelin%20Brandt&birth_date=1966-02-03&subject_id=cust-42"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["results"][0]["id"], "gamma-1");
    // Answered means committed: the record is there as soon as the answer is.
    let rec = only_record(&store, "cust-42");
    assert_eq!(candidate_ids(&rec)[0], "gamma-1");
    assert!(rec.candidates[0].is_match);
    assert_eq!(
        rec.candidates[0].caption, "Oskar Wendelin Brandt",
        "caption"
    );
    assert_eq!(
        rec.candidates.len(),
        body["results"].as_array().unwrap().len()
    );
    assert_eq!(rec.snapshot.id, SNAPSHOT);
    let sources: Vec<&str> = rec
        .snapshot
        .sources
        .iter()
        .map(|s| s.source.as_str())
        .collect();
    assert_eq!(sources, ["gamma", "delta"]);
    assert_eq!(rec.algorithm.name, zeef_screening::ALGORITHM);
    assert_eq!(rec.algorithm.threshold, 0.7);
    assert_eq!(
        rec.subject.fields["properties"]["name"],
        json!(["Oskar Wendelin Brandt"])
    );
    assert_eq!(
        rec.subject.fields["properties"]["birthDate"],
        json!(["1966-02-03"])
    );

    // 2. POST /screen: one query with its own id, one without (filed as http:<name>), one
    // limited to a source and a threshold (both recorded as screened).
    let batch = json!({"queries": [
        {"name": "Lucia Marquez Olvera", "subject_id": "cust-43"},
        {"name": "Tobias Rennick"},
        {"name": "Copper Lantern Shipping", "source": "gamma", "threshold": 0.8, "subject_id": "cust-44"},
    ]});
    let r = c
        .post(format!("{url}/screen"))
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["responses"].as_array().unwrap().len(), 3);
    assert_eq!(candidate_ids(&only_record(&store, "cust-43"))[0], "delta-1");
    assert_eq!(
        candidate_ids(&only_record(&store, "http:Tobias Rennick"))[0],
        "delta-2"
    );
    let limited = only_record(&store, "cust-44");
    assert_eq!(candidate_ids(&limited)[0], "gamma-2");
    assert_eq!(limited.algorithm.threshold, 0.8);
    assert_eq!(limited.snapshot.sources.len(), 1);
    assert_eq!(limited.snapshot.sources[0].source, "gamma");
    assert_eq!(limited.snapshot.sources[0].sha256, "cd".repeat(32));

    // 3. POST /match: an example with an `id` is filed under it, one without under http:<key>.
    let query = json!({"queries": {
        "q1": {"schema": "Person", "properties": {"name": ["Oskar Wendelin Brandt"]}},
        "q2": {"id": "cust-45", "schema": "Person", "properties": {"name": "Lucia Marquez Olvera"}},
    }});
    let r = c
        .post(format!("{url}/match/default"))
        .json(&query)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    let q1 = only_record(&store, "http:q1");
    let answered: Vec<&str> = body["responses"]["q1"]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    // What the client was shown is exactly what was filed.
    assert_eq!(candidate_ids(&q1), answered);
    assert_eq!(answered[0], "gamma-1");
    assert_eq!(q1.snapshot.id, SNAPSHOT);
    assert_eq!(q1.subject.fields["schema"], "Person");
    assert_eq!(candidate_ids(&only_record(&store, "cust-45"))[0], "delta-1");
    assert!(store.records("q1").unwrap().is_empty());

    // Two /screen requests (4 queries) and one /match (2 examples): 6 records, chained.
    let verified = store.verify().unwrap();
    assert_eq!(verified.records, 6);
    assert_eq!(verified.entries, 6);
    // A second connection (as `zeef audit` would open) sees the same verified chain.
    let reopened = AuditStore::open_sqlite(&path).unwrap();
    assert_eq!(reopened.verify().unwrap().records, 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_that_refuses_writes_answers_503_never_unrecorded_results() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.sqlite");
    let store = Arc::new(AuditStore::open_sqlite(&path).unwrap());
    let url = recording_server(store.clone()).await;
    let c = Client::new();
    let r = c
        .get(format!("{url}/screen?name=Tobias%20Rennick"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Behind the server's back, the database starts refusing new entries.
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON zeef_audit_entries \
         BEGIN SELECT RAISE(ABORT, 'disk says no'); END;",
    )
    .unwrap();
    let r = c
        .get(format!(
            "{url}/screen?name=Lucia%20Marquez%20Olvera&subject_id=cust-50"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.headers().get("retry-after").is_some());
    let body: Value = r.json().await.unwrap();
    assert!(body.get("results").is_none());
    assert!(body["detail"].as_str().unwrap().contains("audit store"));
    let query =
        json!({"queries": {"q1": {"schema": "Person", "properties": {"name": "Tobias Rennick"}}}});
    let r = c
        .post(format!("{url}/match/default"))
        .json(&query)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let batch = json!([{"name": "Tobias Rennick"}, {"name": "Lucia Marquez Olvera"}]);
    let r = c
        .post(format!("{url}/screen"))
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    // Nothing half-written: only the first screening is in the store, and it verifies.
    assert!(store.records("cust-50").unwrap().is_empty());
    assert_eq!(store.verify().unwrap().records, 1);
    // Once the store accepts writes again, so does the server.
    db.execute_batch("DROP TRIGGER refuse;").unwrap();
    let r = c
        .get(format!(
            "{url}/screen?name=Lucia%20Marquez%20Olvera&subject_id=cust-50"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(store.records("cust-50").unwrap().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn subject_id_is_accepted_by_a_server_that_does_not_record() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(ServeConfig::default());
    state.install(fixtures());
    tokio::spawn(zeef_server::serve(listener, state, std::future::pending()));
    let r = Client::new()
        .get(format!(
            "http://{addr}/screen?name=Tobias%20Rennick&subject_id=x"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
}
