//! The server over a resolved snapshot: `/screen` and `/match` answer one result per resolved
//! entity (the merged entity with `referents` and `listings`), `by_record` keeps records
//! apart, and `/entities/{id}` takes a record id, a canonical id or one merged away.
//! Entities are fictional.

use std::collections::BTreeMap;
use std::sync::Arc;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use zeef_lists::store::{Manifest, SourceManifest};
use zeef_matching::Index;
use zeef_model::{Entity, Prop, Schema};
use zeef_resolve::{ResolveOptions, Resolved, resolve};
use zeef_server::{AppState, Loaded, ServeConfig};

fn source(name: &str) -> SourceManifest {
    SourceManifest {
        source: name.to_string(),
        title: format!("The {name} list"),
        publisher: "Fictional Sanctions Office".to_string(),
        list_date: Some(list_date(name).to_string()),
        fetched_at: "2026-01-02T03:00:00Z".to_string(),
        origin: "test".to_string(),
        sha256: "ab".repeat(32),
        files: Vec::new(),
        entities: 2,
        schemata: BTreeMap::new(),
        carried_from: None,
        builtin: false,
    }
}

fn person(id: &str, src: &str, name: &str, dob: &str, topic: &str) -> Entity {
    let mut e = Entity::new(id, Schema::Person, src);
    e.add(Prop::Name, name);
    e.add(Prop::BirthDate, dob);
    e.add(Prop::Nationality, "ru");
    e.add(Prop::Topics, topic);
    e.provenance.list_date = Some(list_date(src).to_string());
    e
}

fn list_date(source: &str) -> &'static str {
    if source == "alpha" {
        "2025-12-01"
    } else {
        "2025-12-20"
    }
}

/// Kasimir Orbeldanov on two lists (one listing also gives his alias), and another person.
fn entities() -> Vec<Entity> {
    let mut beta = person(
        "beta-7",
        "beta",
        "ORBELDANOV, Kasimir",
        "1961-02-03",
        "sanction",
    );
    beta.add(Prop::Alias, "Kasko");
    vec![
        person(
            "alpha-1",
            "alpha",
            "Kasimir Orbeldanov",
            "1961-02-03",
            "sanction",
        ),
        person(
            "alpha-2",
            "alpha",
            "Velimira Tostrakova",
            "1970-01-01",
            "sanction",
        ),
        beta,
        person("beta-8", "beta", "Dragomir Ulvenstad", "1955-09-09", "poi"),
    ]
}

/// The snapshot, resolved; a previous run's id of Kasimir's records is merged into his
/// entity as a redirect.
fn resolved_fixture() -> (Loaded, Resolved) {
    let entities = entities();
    let index = Index::build(entities.clone());
    let clustering = resolve(&entities, &index, &[], &ResolveOptions::default());
    let mut resolved = Resolved::assign(None, &entities, &clustering, Some("snap".into()), true);
    resolved.redirects.insert(
        "zeef-gone".into(),
        resolved.find("alpha-1").unwrap().id.clone(),
    );
    let manifest = Manifest {
        id: "snap".to_string(),
        created_at: "2026-01-02T03:04:05Z".to_string(),
        sources: vec![source("alpha"), source("beta")],
    };
    let loaded = Loaded::build(manifest, entities).with_resolution(resolved.clone());
    (loaded, resolved)
}

async fn server() -> (String, Resolved) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state: Arc<AppState> = AppState::new(ServeConfig::default());
    tokio::spawn(zeef_server::serve(
        listener,
        state.clone(),
        std::future::pending(),
    ));
    let (loaded, resolved) = resolved_fixture();
    state.install(loaded);
    (format!("http://{addr}"), resolved)
}

async fn get(c: &Client, url: &str) -> (StatusCode, Value) {
    let r = c.get(url).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn post(c: &Client, url: &str, body: &Value) -> (StatusCode, Value) {
    let r = c.post(url).json(body).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

fn kasimir(resolved: &Resolved) -> String {
    let c = resolved.find("alpha-1").unwrap();
    assert_eq!(c.referents, ["alpha-1", "beta-7"], "the fixture resolves");
    c.id.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn screen_answers_one_result_per_resolved_entity_unless_by_record() {
    let (url, resolved) = server().await;
    let id = kasimir(&resolved);
    let c = Client::new();
    let (s, v) = get(
        &c,
        &format!("{url}/screen?name=Kasimir+Orbeldanov&birth_date=1961-02-03"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{v}");
    let r = &results[0];
    assert_eq!(r["id"], json!(id));
    assert_eq!(r["referents"], json!(["alpha-1", "beta-7"]));
    assert_eq!(r["datasets"], json!(["alpha", "beta"]));
    assert!(["alpha-1", "beta-7"].contains(&r["record_id"].as_str().unwrap()));
    let listings = r["listings"].as_array().unwrap();
    assert_eq!(listings.len(), 2);
    assert_eq!(listings[0]["id"], r["record_id"], "best listing first");
    assert!(listings.iter().all(|l| l["score"].as_f64().is_some()));
    assert_eq!(
        listings
            .iter()
            .find(|l| l["id"] == "beta-7")
            .map(|l| l["list_date"].clone()),
        Some(json!("2025-12-20"))
    );
    assert!(r["explanation"]["features"].is_array(), "{r}");

    let (s, v) = get(
        &c,
        &format!("{url}/screen?name=Kasimir+Orbeldanov&birth_date=1961-02-03&by_record=true"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let ids: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{v}");
    assert!(ids.contains(&"alpha-1") && ids.contains(&"beta-7"));
    assert!(v["results"][0].get("referents").is_none());

    let (s, v) = get(&c, &format!("{url}/screen?name=Kasimir&by_record=maybe")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");

    // POST /screen reads `by_record` per query.
    let body =
        json!([{"name": "Kasimir Orbeldanov"}, {"name": "Kasimir Orbeldanov", "by_record": true}]);
    let (s, v) = post(&c, &format!("{url}/screen"), &body).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["responses"][0]["results"][0]["id"], json!(id));
    assert_eq!(v["responses"][1]["results"].as_array().unwrap().len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_returns_the_merged_entity_with_referents_and_listings() {
    let (url, resolved) = server().await;
    let id = kasimir(&resolved);
    let c = Client::new();
    let q = json!({"queries": {"q": {"schema": "Person", "properties": {
        "name": ["Kasimir Orbeldanov"], "birthDate": ["1961-02-03"]}}}});
    let (s, v) = post(&c, &format!("{url}/match/default"), &q).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let results = v["responses"]["q"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 1, "{v}");
    let r = &results[0];
    assert_eq!(r["id"], json!(id));
    assert_eq!(r["referents"], json!(["alpha-1", "beta-7"]));
    assert_eq!(r["datasets"], json!(["alpha", "beta"]));
    assert_eq!(r["schema"], "Person");
    // Properties of both listings, each value once.
    assert_eq!(r["properties"]["alias"], json!(["Kasko"]));
    assert_eq!(r["properties"]["birthDate"], json!(["1961-02-03"]));
    assert_eq!(r["listings"].as_array().unwrap().len(), 2);
    assert_eq!(r["match"], true);
    assert!(r["features"].is_object() && r["explanation"].is_object());
    assert_eq!(v["responses"]["q"]["total"]["value"], 1);

    let (_, v) = post(&c, &format!("{url}/match/default?by_record=true"), &q).await;
    let results = v["responses"]["q"]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2, "{v}");
    assert!(results.iter().all(|r| r.get("listings").is_none()));

    // Excluding the entity by its canonical id (or any record of it) drops every listing.
    for ex in [id.as_str(), "beta-7"] {
        let (_, v) = post(
            &c,
            &format!("{url}/match/default?exclude_entity_ids={ex}"),
            &q,
        )
        .await;
        assert_eq!(v["responses"]["q"]["results"], json!([]), "{ex}: {v}");
    }
    // A dataset filter screens that list's records; the entity still carries every listing.
    let (_, v) = post(&c, &format!("{url}/match/beta"), &q).await;
    let r = &v["responses"]["q"]["results"][0];
    assert_eq!(r["id"], json!(id), "{v}");
    assert_eq!(r["referents"], json!(["alpha-1", "beta-7"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn entities_takes_a_record_id_a_canonical_id_or_one_merged_away() {
    let (url, resolved) = server().await;
    let id = kasimir(&resolved);
    let c = Client::new();
    let (s, v) = get(&c, &format!("{url}/entities/beta-7")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["id"], "beta-7");
    assert_eq!(v["resolved_id"], json!(id));
    for asked in [id.as_str(), "zeef-gone"] {
        let (s, v) = get(&c, &format!("{url}/entities/{asked}")).await;
        assert_eq!(s, StatusCode::OK, "{asked}: {v}");
        assert_eq!(v["id"], json!(id));
        assert_eq!(v["referents"], json!(["alpha-1", "beta-7"]));
        assert_eq!(v["datasets"], json!(["alpha", "beta"]));
        assert_eq!(v["listings"].as_array().unwrap().len(), 2);
        assert_eq!(v["last_change"], "2025-12-20T00:00:00");
    }
    let (s, _) = get(&c, &format!("{url}/entities/zeef-nothing")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_answers_one_result_per_resolved_entity_unless_by_record() {
    let (url, resolved) = server().await;
    let id = kasimir(&resolved);
    let c = Client::new();
    let ids = |v: &Value| -> Vec<String> {
        v["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };

    // A name: Kasimir's two listings are one result, the merged entity.
    let (s, v) = get(&c, &format!("{url}/search/default?q=Kasimir+Orbeldanov")).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    let r = &v["results"][0];
    assert_eq!(r["id"], json!(id), "{v}");
    assert_eq!(r["referents"], json!(["alpha-1", "beta-7"]));
    assert_eq!(r["datasets"], json!(["alpha", "beta"]));
    assert_eq!(r["properties"]["alias"], json!(["Kasko"]));
    let listed: Vec<&Value> = r["listings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l["id"])
        .collect();
    assert_eq!(listed.len(), 2, "{r}");
    let found = ids(&v);
    assert!(
        !found.iter().any(|i| i == "alpha-1" || i == "beta-7"),
        "{v}"
    );
    let (_, by_record) = get(
        &c,
        &format!("{url}/search/default?q=Kasimir+Orbeldanov&by_record=true"),
    )
    .await;
    let records = ids(&by_record);
    assert!(records[..2].contains(&"alpha-1".to_string()), "{by_record}");
    assert!(records[..2].contains(&"beta-7".to_string()), "{by_record}");
    assert_eq!(records.len(), found.len() + 1, "{v}\n{by_record}");
    assert_eq!(by_record["total"]["value"], json!(records.len()));
    assert!(by_record["results"][0].get("listings").is_none());

    // Without a name: every entity once; totals, facets and pages count entities.
    let (_, v) = get(&c, &format!("{url}/search/default")).await;
    assert_eq!(v["total"]["value"], 3, "{v}");
    let all = ids(&v);
    assert_eq!(all.len(), 3);
    assert!(all.contains(&id) && !all.contains(&"alpha-1".to_string()));
    let facet = |v: &Value, name: &str| -> Vec<(String, u64)> {
        v["facets"][name]["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["name"].as_str().unwrap().into(),
                    x["count"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        facet(&v, "datasets"),
        [("alpha".to_string(), 2), ("beta".to_string(), 2)]
    );
    assert_eq!(facet(&v, "countries"), [("ru".to_string(), 3)]);
    let mut paged = Vec::new();
    for offset in 0..4 {
        let (s, p) = get(&c, &format!("{url}/search/default?limit=1&offset={offset}")).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(p["total"]["value"], 3);
        paged.extend(ids(&p));
    }
    assert_eq!(paged, all, "pages walk the entities in order, each once");
    let (_, v) = get(&c, &format!("{url}/search/default?by_record=true")).await;
    assert_eq!(v["total"]["value"], 4, "{v}");
    assert_eq!(
        facet(&v, "countries"),
        [("ru".to_string(), 4)],
        "by record, each record counts"
    );

    // One list's records found; each entity still carries every listing.
    let (_, v) = get(&c, &format!("{url}/search/beta")).await;
    assert_eq!(v["total"]["value"], 2, "{v}");
    let r = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == json!(id))
        .expect("Kasimir's entity, found through beta-7");
    assert_eq!(r["referents"], json!(["alpha-1", "beta-7"]));
    assert_eq!(r["listings"][0]["id"], "beta-7", "the record found first");
    let (_, v) = get(&c, &format!("{url}/search/default?topics=poi")).await;
    assert_eq!(
        ids(&v),
        ["beta-8".to_string()].map(|r| resolved.find(&r).unwrap().id.clone())
    );
    let (s, v) = get(&c, &format!("{url}/search/default?by_record=perhaps")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
}
