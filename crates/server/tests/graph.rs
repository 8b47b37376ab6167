//! `GET /graph/{id}`: the network around a party, in the shape `zeef graph --json` prints.

use std::collections::BTreeMap;
use std::sync::Arc;

use reqwest::{Client, StatusCode};
use serde_json::Value;
use tokio::net::TcpListener;
use zeef_graph::Network;
use zeef_lists::store::{Manifest, SourceManifest};
use zeef_model::{Entity, LinkEnd, Prop, Provenance, RelationKind, Relationship, Schema};
use zeef_server::{AppState, Loaded, ServeConfig};

fn entity(id: &str, schema: Schema, name: &str) -> Entity {
    let mut e = Entity::new(id, schema, "x");
    e.add(Prop::Name, name);
    e
}

fn link(record: &str, name: &str, to: &str) -> Relationship {
    Relationship {
        id: format!("{record}-UnknownLink-0"),
        kind: RelationKind::UnknownLink,
        from: LinkEnd::listed(record, name),
        to: LinkEnd::named(to),
        role: "Linked To".into(),
        percentage: None,
        text: format!("Linked To: {to}."),
        record: record.into(),
        provenance: Provenance::new("x"),
    }
}

async fn start() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state: Arc<AppState> = AppState::new(ServeConfig::default());
    let entities = vec![
        entity("x-1", Schema::Organization, "Example Group"),
        entity("x-2", Schema::Person, "Jan Example"),
        entity("x-3", Schema::Person, "Piet Example"),
    ];
    let links = [
        link("x-2", "Jan Example", "EXAMPLE GROUP"),
        link("x-3", "Piet Example", "Jan Example"),
        link("x-3", "Piet Example", "Unlisted Front Company"),
    ];
    let network = Network::build(&entities, &links, None);
    let manifest = Manifest {
        id: "s1".into(),
        created_at: "2026-03-01T00:00:00Z".into(),
        sources: vec![SourceManifest {
            source: "x".into(),
            title: "x".into(),
            publisher: "p".into(),
            list_date: None,
            fetched_at: "2026-03-01T00:00:00Z".into(),
            origin: "test".into(),
            sha256: "ab".repeat(32),
            files: Vec::new(),
            entities: 3,
            schemata: BTreeMap::new(),
            carried_from: None,
            builtin: false,
        }],
    };
    state.install(Loaded::build(manifest, entities).with_network(network));
    tokio::spawn(zeef_server::serve(listener, state, std::future::pending()));
    format!("http://{addr}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn graph_gives_nodes_and_edges_to_the_depth_asked() {
    let url = start().await;
    let c = Client::new();
    let body: Value = c
        .get(format!("{url}/graph/x-1"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let ids = |b: &Value| -> Vec<String> {
        b["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&body), ["x-1", "x-2"]);
    assert_eq!(body["nodes"][0]["referents"], serde_json::json!(["x-1"]));
    assert_eq!(body["edges"][0]["source"], "x-2");
    assert_eq!(body["edges"][0]["target"], "x-1");
    assert_eq!(body["edges"][0]["type"], "UnknownLink");
    assert_eq!(body["edges"][0]["provenance"]["record"], "x-2");

    let deeper: Value = c
        .get(format!("{url}/graph/x-1?depth=3"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        ids(&deeper),
        ["x-1", "x-2", "x-3", "name:unlisted front company"]
    );
    assert_eq!(deeper["nodes"][3]["datasets"], serde_json::json!([]));

    let missing = c.get(format!("{url}/graph/x-9")).send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    for bad in ["0", "4", "two"] {
        let r = c
            .get(format!("{url}/graph/x-1?depth={bad}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "depth={bad}");
    }
}
