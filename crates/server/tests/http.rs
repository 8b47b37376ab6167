//! The server over real loopback HTTP: request and response shapes, every error code, limits,
//! auth, readiness, metrics, updates, and consistency while the index is swapped under load.
//! Entities are fictional, except in the one test on the shared real lists.

mod common;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use zeef_lists::store::Manifest;
use zeef_model::{Entity, Prop, Schema};
use zeef_server::{AppState, Loaded, ServeConfig};

fn manifest(id: &str, sources: &[(&str, usize)]) -> Manifest {
    let sources = sources
        .iter()
        .map(|(s, n)| common::source(s, "2025-12-01", *n))
        .collect();
    common::manifest(id, sources)
}

fn person(id: &str, src: &str, name: &str, dob: &str, nat: &str) -> Entity {
    let mut e = Entity::new(id, Schema::Person, src);
    e.add(Prop::Name, name);
    e.add(Prop::BirthDate, dob);
    e.add(Prop::Nationality, nat);
    e.add(Prop::Topics, "sanction");
    e
}

fn fixtures() -> Loaded {
    let mut org = Entity::new("alpha-2", Schema::Organization, "alpha");
    org.add(Prop::Name, "Blue Horizon Trading LLC");
    org.add(Prop::Country, "ae");
    let mut vessel = Entity::new("beta-2", Schema::Vessel, "beta");
    vessel.add(Prop::Name, "Sea Falcon");
    vessel.add(Prop::ImoNumber, "IMO1234567");
    let entities = vec![
        person(
            "alpha-1",
            "alpha",
            "Ivan Petrovsky Karamazov",
            "1970-01-01",
            "ru",
        ),
        org,
        person(
            "beta-1",
            "beta",
            "Maria Gonzalez Fuentes",
            "1980-05-17",
            "ve",
        ),
        vessel,
    ];
    Loaded::build(
        manifest("20260102T030405Z", &[("alpha", 2), ("beta", 2)]),
        entities,
    )
}

async fn loaded_server(config: ServeConfig) -> (String, Arc<AppState>) {
    let (url, state) = common::serve(config).await;
    state.install(fixtures());
    (url, state)
}

fn ivan_query() -> Value {
    json!({"queries": {"q1": {"schema": "Person", "properties": {
        "name": ["Ivan Petrovsky Karamazov"], "birthDate": "1970-01-01", "nationality": ["Russia"]}}}})
}

async fn post(c: &Client, url: &str, body: &Value) -> (StatusCode, Value) {
    let r = c.post(url).json(body).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

async fn get(c: &Client, url: &str) -> (StatusCode, Value) {
    let r = c.get(url).send().await.unwrap();
    let s = r.status();
    (s, r.json().await.unwrap_or(Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_is_503_until_loaded_and_healthz_answers_at_once() {
    let (url, state) = common::serve(ServeConfig::default()).await;
    let c = Client::new();
    let (s, _) = get(&c, &format!("{url}/healthz")).await;
    assert_eq!(s, StatusCode::OK);
    let r = c.get(format!("{url}/readyz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.headers().get("retry-after").is_some());
    let (s, body) = post(&c, &format!("{url}/match/default"), &ivan_query()).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body["detail"].as_str().unwrap().contains("not loaded"));
    state.install(fixtures());
    let (s, body) = get(&c, &format!("{url}/readyz")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(body["snapshot"], "20260102T030405Z");
    assert_eq!(body["entities"], 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_answers_in_yente_shape() {
    let (url, _) = loaded_server(ServeConfig::default()).await;
    let c = Client::new();
    let r = c
        .post(format!("{url}/match/default"))
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["x-batch-size"], "1");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["limit"], 5);
    assert_eq!(body["snapshot"], "20260102T030405Z");
    let q1 = &body["responses"]["q1"];
    assert_eq!(q1["status"], 200);
    assert_eq!(q1["query"]["schema"], "Person");
    // The query comes back cleaned: country name to code, bare string to list.
    assert_eq!(q1["query"]["properties"]["nationality"], json!(["ru"]));
    assert_eq!(
        q1["query"]["properties"]["birthDate"],
        json!(["1970-01-01"])
    );
    let results = q1["results"].as_array().unwrap();
    assert!(!results.is_empty());
    let top = &results[0];
    assert_eq!(top["id"], "alpha-1");
    assert_eq!(top["caption"], "Ivan Petrovsky Karamazov");
    assert_eq!(top["schema"], "Person");
    assert_eq!(top["datasets"], json!(["alpha"]));
    assert_eq!(top["referents"], json!([]));
    assert_eq!(top["target"], true);
    assert_eq!(top["match"], true);
    assert!(top["score"].as_f64().unwrap() >= 0.9);
    assert_eq!(
        top["properties"]["name"],
        json!(["Ivan Petrovsky Karamazov"])
    );
    assert_eq!(top["first_seen"], "2026-01-02T03:00:00");
    assert_eq!(top["last_seen"], "2026-01-02T03:04:05");
    assert_eq!(top["last_change"], "2025-12-01T00:00:00");
    assert_eq!(top["provenance"]["source"], "alpha");
    assert!(top["features"]["name"].as_f64().unwrap() > 0.5);
    assert!(top["explanations"]["name"]["detail"].is_string());
    assert!(top["explanations"]["birthDate"]["score"].as_f64().unwrap() > 0.0);
    assert_eq!(
        top["explanation"]["matched_name"],
        "Ivan Petrovsky Karamazov"
    );
    assert_eq!(q1["total"], json!({"value": 1, "relation": "eq"}));
    // Scores sorted, match flags agree with the threshold.
    let scores: Vec<f64> = results
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]));
    for r in results {
        assert_eq!(
            r["match"].as_bool().unwrap(),
            r["score"].as_f64().unwrap() >= 0.7
        );
    }
    // A higher threshold: still returned (above the cutoff), no longer a match.
    let (s, body) = post(
        &c,
        &format!("{url}/match/default?threshold=1.0&cutoff=0.5"),
        &ivan_query(),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    let top = &body["responses"]["q1"]["results"][0];
    assert_eq!(top["id"], "alpha-1");
    assert_eq!(top["match"], top["score"].as_f64().unwrap() >= 1.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_filters_datasets_schemata_topics_and_ids() {
    let (url, _) = loaded_server(ServeConfig::default()).await;
    let c = Client::new();
    let ids = |body: &Value| -> Vec<String> {
        body["responses"]["q1"]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, b) = post(&c, &format!("{url}/match/alpha"), &ivan_query()).await;
    assert_eq!(ids(&b), ["alpha-1"]);
    let (_, b) = post(&c, &format!("{url}/match/beta"), &ivan_query()).await;
    assert!(ids(&b).is_empty());
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?exclude_dataset=alpha"),
        &ivan_query(),
    )
    .await;
    assert!(ids(&b).is_empty());
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?include_dataset=beta"),
        &ivan_query(),
    )
    .await;
    assert!(ids(&b).is_empty());
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?exclude_entity_ids=alpha-1"),
        &ivan_query(),
    )
    .await;
    assert!(ids(&b).is_empty());
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?exclude_schema=Person"),
        &ivan_query(),
    )
    .await;
    assert!(ids(&b).is_empty());
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?topics=crime"),
        &ivan_query(),
    )
    .await;
    assert!(ids(&b).is_empty());
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?topics=sanction&topics=crime"),
        &ivan_query(),
    )
    .await;
    assert_eq!(ids(&b), ["alpha-1"]);
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?changed_since=2025-11-01"),
        &ivan_query(),
    )
    .await;
    assert_eq!(ids(&b), ["alpha-1"]);
    let (_, b) = post(
        &c,
        &format!("{url}/match/default?changed_since=2026-01-01"),
        &ivan_query(),
    )
    .await;
    assert!(ids(&b).is_empty());
    // A batch: each key answered; unknown top-level fields and properties are ignored (as yente).
    let batch = json!({"queries": {
        "a": {"schema": "Person", "properties": {"name": "Maria Gonzalez Fuentes", "hairColour": ["red"]}},
        "b": {"schema": "Vessel", "properties": {"name": ["Sea Falcon"], "imoNumber": ["IMO1234567"]}},
        "c": {"schema": "Company", "properties": {"name": ["Blue Horizon Trading"]}}},
        "weights": {"name_literal": 0.8}, "something_else": true});
    let r = c
        .post(format!("{url}/match/sanctions?algorithm=logic-v1"))
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["x-batch-size"], "3");
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["responses"]["a"]["results"][0]["id"], "beta-1");
    assert_eq!(b["responses"]["b"]["results"][0]["id"], "beta-2");
    // A Company query may match the Organization (a company is an organisation).
    assert_eq!(b["responses"]["c"]["results"][0]["id"], "alpha-2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_errors_have_yente_codes_and_detail() {
    let (url, _) = loaded_server(ServeConfig::default()).await;
    let c = Client::new();
    let m = format!("{url}/match/default");
    let detail = |b: &Value| b["detail"].to_string();

    let (s, b) = post(&c, &format!("{url}/match/nope"), &ivan_query()).await;
    assert_eq!(
        (s, b["detail"].as_str()),
        (StatusCode::NOT_FOUND, Some("No such dataset."))
    );

    let q = json!({"queries": {"q": {"schema": "Spaceship", "properties": {"name": ["X"]}}}});
    let (s, b) = post(&c, &m, &q).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&b).contains("Spaceship"));

    // Every front door reads fields alike: a birth date it cannot read is refused, named.
    let q = json!({"queries": {"q1": {"schema": "Person", "properties": {
        "name": ["Ivan Petrovsky Karamazov"], "birthDate": ["last spring"]}}}});
    let (s, b) = post(&c, &m, &q).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&b).contains("q1") && detail(&b).contains("birthDate"));

    let (s, b) = post(&c, &format!("{m}?algorithm=magic"), &ivan_query()).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&b).contains("magic"));

    let mut q = ivan_query();
    q["config"] = json!({"nm_number_mismatch": 0.4});
    let (s, b) = post(&c, &m, &q).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&b).contains("nm_number_mismatch"));

    let many: serde_json::Map<String, Value> = (0..101)
        .map(|i| {
            (
                format!("q{i}"),
                json!({"schema": "Person", "properties": {"name": ["Ivan"]}}),
            )
        })
        .collect();
    let (s, b) = post(&c, &m, &json!({"queries": many})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(detail(&b).contains("Too many queries"));

    let (s, b) = post(&c, &m, &json!({"queries": {}})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(b["detail"], "No queries provided.");

    let q = json!({"queries": {"q": {"properties": {"name": ["Ivan"]}}}});
    let (s, b) = post(&c, &m, &q).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["detail"][0]["type"], "missing");
    assert_eq!(
        b["detail"][0]["loc"],
        json!(["body", "queries", "q", "schema"])
    );

    let (s, b) = post(&c, &m, &json!({"no_queries": 1})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["detail"][0]["loc"], json!(["body", "queries"]));

    let r = c
        .post(&m)
        .header("content-type", "application/json")
        .body("{\"queries\": {")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let b: Value = r.json().await.unwrap();
    assert_eq!(b["detail"][0]["type"], "json_invalid");

    let (s, b) = post(&c, &format!("{m}?limit=many"), &ivan_query()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["detail"][0]["loc"], json!(["query", "limit"]));
    let (s, _) = post(&c, &format!("{m}?limit=501"), &ivan_query()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = post(&c, &format!("{m}?threshold=2"), &ivan_query()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    let (s, _) = post(&c, &format!("{m}?changed_since=yesterday"), &ivan_query()).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);

    // Over the body limit: 413, in the same JSON shape.
    let big = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["x".repeat(2 << 20)]}}}});
    let (s, b) = post(&c, &m, &big).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(b["detail"].is_string());

    // A new connection: the server may close the one that sent the refused body before
    // reading it all, and a pooled client would reuse it.
    let r = Client::new()
        .get(format!("{url}/no/such/path"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_entities_catalog_algorithms() {
    let (url, _) = loaded_server(ServeConfig::default()).await;
    let c = Client::new();
    let (s, b) = get(&c, &format!("{url}/search/default?q=Ivan%20Karamazov")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["results"][0]["id"], "alpha-1");
    assert_eq!(b["limit"], 10);
    assert_eq!(b["offset"], 0);
    assert_eq!(b["total"]["relation"], "eq");
    assert_eq!(b["facets"]["datasets"]["values"][0]["name"], "alpha");
    let (_, b) = get(
        &c,
        &format!("{url}/search/default?q=Ivan%20Karamazov&schema=Organization"),
    )
    .await;
    assert_eq!(b["total"]["value"], 0);
    let (_, b) = get(&c, &format!("{url}/search/default?countries=ae")).await;
    assert_eq!(b["total"]["value"], 1);
    assert_eq!(b["results"][0]["id"], "alpha-2");
    let (_, b) = get(&c, &format!("{url}/search/beta?limit=1&offset=1")).await;
    assert_eq!(b["total"]["value"], 2);
    assert_eq!(b["results"].as_array().unwrap().len(), 1);
    let (s, b) = get(&c, &format!("{url}/search/default?q=x&schema=Spaceship")).await;
    assert_eq!(
        (s, b["detail"].as_str()),
        (StatusCode::BAD_REQUEST, Some("Invalid schema"))
    );
    let (s, _) = get(&c, &format!("{url}/search/nope?q=x")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);

    let (s, b) = get(&c, &format!("{url}/entities/beta-2")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["schema"], "Vessel");
    assert_eq!(b["properties"]["imoNumber"], json!(["IMO1234567"]));
    let (s, b) = get(&c, &format!("{url}/entities/beta-99")).await;
    assert_eq!(
        (s, b["detail"].as_str()),
        (StatusCode::NOT_FOUND, Some("No such entity!"))
    );

    let (s, b) = get(&c, &format!("{url}/catalog")).await;
    assert_eq!(s, StatusCode::OK);
    let names: Vec<&str> = b["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["default", "sanctions", "alpha", "beta"]);
    assert_eq!(b["datasets"][0]["children"], json!(["alpha", "beta"]));
    assert_eq!(b["datasets"][2]["version"], "20260102T030405Z");
    assert_eq!(b["datasets"][2]["list_date"], "2025-12-01");
    assert_eq!(b["datasets"][2]["sha256"], "ab".repeat(32));
    assert_eq!(b["datasets"][2]["entity_count"], 2);
    assert_eq!(b["zeef"]["snapshot"], "20260102T030405Z");
    assert_eq!(b["zeef"]["entities"], 4);

    let (s, b) = get(&c, &format!("{url}/algorithms")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["default"], zeef_screening::ALGORITHM);
    assert_eq!(b["best"], zeef_screening::ALGORITHM);
    assert!(
        b["algorithms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == "logic-v1")
    );

    let (s, b) = get(&c, &format!("{url}/openapi.json")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(b["paths"]["/match/{dataset}"]["post"].is_object());
    assert!(b["paths"]["/screen"]["get"].is_object());
    // A URL longer than the server reads is a 414, and the document says so.
    for (path, doc) in [
        ("/screen", "/screen"),
        ("/search/default", "/search/{dataset}"),
    ] {
        assert!(
            b["paths"][doc]["get"]["responses"]["414"].is_object(),
            "{path}: {}",
            b["paths"][doc]["get"]["responses"]
        );
        // Raw HTTP: client libraries refuse such URLs before sending them.
        let target = format!("{path}?q={}", "a".repeat(70_000));
        assert_eq!(raw_status(&url, &target).await, 414, "{path}");
    }
    let r = c.get(format!("{url}/docs/")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("swagger"));
}

/// The status code the server answers a GET of `target` with, sent as raw HTTP/1.1.
async fn raw_status(url: &str, target: &str) -> u16 {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = url.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let request = format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    // The server may answer and close before it has read the whole request.
    let _ = stream.write_all(request.as_bytes()).await;
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer).await;
    let line = String::from_utf8_lossy(&answer[..answer.len().min(40)]).to_string();
    line.split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{line:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn zeef_screen_get_and_batch() {
    let (url, _) = loaded_server(ServeConfig::default()).await;
    let c = Client::new();
    let (s, b) = get(&c, &format!("{url}/screen?name=Ivan%20Petrovsky%20Karamazov&birth_date=1970-01-01&nationality=RU&schema=Person")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["query"]["schema"], "Person");
    assert_eq!(b["query"]["properties"]["nationality"], json!(["ru"]));
    let top = &b["results"][0];
    assert_eq!(top["id"], "alpha-1");
    assert_eq!(top["match"], true);
    assert_eq!(top["datasets"], json!(["alpha"]));
    assert!(top["explanation"]["features"].is_array());
    let mut keys: Vec<&String> = top.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "caption",
            "datasets",
            "explanation",
            "id",
            "match",
            "schema",
            "score"
        ]
    );
    assert_eq!(b["snapshot"], "20260102T030405Z");

    let (s, b) = get(&c, &format!("{url}/screen?name=Ivan&birthdate=1970")).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(b["detail"][0]["loc"], json!(["query", "birthdate"]));
    let (s, _) = get(&c, &format!("{url}/screen?birth_date=1970")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let (s, _) = get(&c, &format!("{url}/screen?name=Ivan&schema=Spaceship")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    // Read as the CLI reads it: a birth date that is no date is refused, named; a gender
    // word becomes FtM's, and with a birth date the query is a person's.
    let (s, b) = get(&c, &format!("{url}/screen?name=Ivan&birth_date=soon")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b["detail"].to_string().contains("birthDate"));
    let (s, b) = get(
        &c,
        &format!("{url}/screen?name=Ivan&birth_date=1970&gender=M"),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["query"]["schema"], "Person");
    assert_eq!(b["query"]["properties"]["gender"], json!(["male"]));
    // The issuing country of the id numbers: read as a country, or refused naming the field.
    let (s, b) = get(&c, &format!("{url}/screen?id=A1234567&id_country=Iran")).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert!(b["query"].to_string().contains(r#""ir""#), "{b}");
    let (s, b) = get(&c, &format!("{url}/screen?id=A1234567&id_country=Atlantis")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert!(b["detail"].to_string().contains("id_country"), "{b}");
    let (_, b) = get(
        &c,
        &format!("{url}/screen?name=Ivan%20Petrovsky%20Karamazov&source=beta"),
    )
    .await;
    assert_eq!(b["results"], json!([]));

    let batch = json!([
        {"name": "Maria Gonzalez Fuentes", "birth_date": "1980-05-17"},
        {"name": ["Sea Falcon"], "schema": "Vessel"}
    ]);
    let (s, b) = post(&c, &format!("{url}/screen"), &batch).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["responses"][0]["results"][0]["id"], "beta-1");
    assert_eq!(b["responses"][1]["results"][0]["id"], "beta-2");
    let (s, b) = post(
        &c,
        &format!("{url}/screen"),
        &json!({"queries": [{"name": "Sea Falcon", "colour": "red"}]}),
    )
    .await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(b["detail"].to_string().contains("colour"));
    let many: Vec<Value> = (0..101).map(|_| json!({"name": "Ivan"})).collect();
    let (s, _) = post(&c, &format!("{url}/screen"), &json!(many)).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_protects_all_but_probes() {
    let config = ServeConfig {
        token: Some("s3cret".to_string()),
        ..ServeConfig::default()
    };
    let (url, _) = loaded_server(config).await;
    let c = Client::new();
    let r = c
        .post(format!("{url}/match/default"))
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(r.headers()["www-authenticate"], "Bearer");
    let r = c
        .post(format!("{url}/match/default"))
        .bearer_auth("wrong")
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = c
        .post(format!("{url}/match/default"))
        .bearer_auth("s3cret")
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = c
        .get(format!("{url}/catalog"))
        .header("authorization", "ApiKey s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    for open in ["/healthz", "/readyz", "/openapi.json"] {
        assert_eq!(
            c.get(format!("{url}{open}")).send().await.unwrap().status(),
            StatusCode::OK,
            "{open}"
        );
    }
    for closed in [
        "/metrics",
        "/catalog",
        "/algorithms",
        "/entities/alpha-1",
        "/screen?name=Ivan",
    ] {
        assert_eq!(
            c.get(format!("{url}{closed}"))
                .send()
                .await
                .unwrap()
                .status(),
            StatusCode::UNAUTHORIZED,
            "{closed}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sheds_load_and_times_out_with_503() {
    let config = ServeConfig {
        max_concurrency: 2,
        ..ServeConfig::default()
    };
    let (url, state) = loaded_server(config).await;
    let c = Client::new();
    // Every permit taken: the next heavy request is refused at once, light ones still answer.
    let held = state.permits.clone().acquire_many_owned(2).await.unwrap();
    let r = c
        .post(format!("{url}/match/default"))
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers()["retry-after"], "1");
    assert_eq!(
        c.get(format!("{url}/healthz"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    drop(held);
    let r = c
        .post(format!("{url}/match/default"))
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let metrics = c
        .get(format!("{url}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("zeef_requests_shed_total 1"), "{metrics}");
    assert!(
        metrics.contains("zeef_http_requests_total{route=\"/match/{dataset}\",status=\"503\"} 1")
    );
    assert!(
        metrics.contains("zeef_http_requests_total{route=\"/match/{dataset}\",status=\"200\"} 1")
    );
    assert!(metrics.contains("zeef_index_entities 4"));
    assert!(metrics.contains("zeef_index_info{snapshot=\"20260102T030405Z\"} 1"));

    // A 1 ms time limit: a batch (which runs off the async threads) of 100 queries, each
    // scoring many similar names, takes longer and is cut off with 503.
    let config = ServeConfig {
        request_timeout: Duration::from_millis(1),
        ..ServeConfig::default()
    };
    let (url, state) = common::serve(config).await;
    let crowd: Vec<Entity> = (0..3000)
        .map(|i| {
            person(
                &format!("crowd-{i}"),
                "crowd",
                &format!("Ivan Petrov Karam{i}"),
                "1970",
                "ru",
            )
        })
        .collect();
    state.install(
        tokio::task::spawn_blocking(move || {
            Loaded::build(manifest("crowd", &[("crowd", 3000)]), crowd)
        })
        .await
        .unwrap(),
    );
    let queries: serde_json::Map<String, Value> = (0..100)
        .map(|i| (format!("q{i}"), json!({"schema": "Person", "properties": {"name": [format!("Ivan Petrov Karam{i}"), "Petrov Ivan", "Ivan Petrovich Karamov"]}})))
        .collect();
    let batch = json!({ "queries": queries });
    let r = c
        .post(format!("{url}/match/default"))
        .json(&batch)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let b: Value = r.json().await.unwrap();
    assert!(b["detail"].as_str().unwrap().contains("longer than"));
}

/// Two snapshots whose entities differ: every answer must come wholly from one of them.
fn snapshot_variant(tag: &str) -> Loaded {
    let entities = vec![
        person(
            &format!("{tag}-1"),
            tag,
            "Ivan Petrovsky Karamazov",
            "1970-01-01",
            "ru",
        ),
        person(
            &format!("{tag}-2"),
            tag,
            "Maria Gonzalez Fuentes",
            "1980-05-17",
            "ve",
        ),
    ];
    Loaded::build(manifest(&format!("snap-{tag}"), &[(tag, 2)]), entities)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_stay_consistent_while_the_index_is_swapped() {
    let (url, state) = common::serve(ServeConfig::default()).await;
    state.install(snapshot_variant("old"));
    let old = Arc::new(snapshot_variant("old"));
    let new = Arc::new(snapshot_variant("new"));
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let swapper = {
        let (state, stop) = (state.clone(), stop.clone());
        tokio::task::spawn_blocking(move || {
            let mut swaps = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // Rebuilding an index each time is slow; re-installing prebuilt ones swaps faster.
                let next = if swaps % 2 == 0 {
                    snapshot_variant("new")
                } else {
                    snapshot_variant("old")
                };
                state.install(next);
                swaps += 1;
            }
            swaps
        })
    };
    let _ = (old, new);
    let body = json!({"queries": {
        "a": {"schema": "Person", "properties": {"name": ["Ivan Petrovsky Karamazov"]}},
        "b": {"schema": "Person", "properties": {"name": ["Maria Gonzalez Fuentes"]}}}});
    let c = Client::new();
    let mut clients = Vec::new();
    for _ in 0..8 {
        let (c, url, body) = (c.clone(), url.clone(), body.clone());
        clients.push(tokio::spawn(async move {
            let mut seen = BTreeMap::new();
            for _ in 0..60 {
                let (s, b) = post(&c, &format!("{url}/match/default"), &body).await;
                assert_eq!(s, StatusCode::OK, "{b}");
                let snap = b["snapshot"].as_str().unwrap().to_string();
                let tag = snap.trim_start_matches("snap-").to_string();
                for key in ["a", "b"] {
                    let results = b["responses"][key]["results"].as_array().unwrap();
                    assert!(!results.is_empty(), "{b}");
                    for r in results {
                        assert!(
                            r["id"].as_str().unwrap().starts_with(&format!("{tag}-")),
                            "mixed answer: {b}"
                        );
                        assert_eq!(r["datasets"][0], tag.as_str());
                        assert_eq!(r["last_seen"], "2026-01-02T03:04:05");
                    }
                }
                *seen.entry(tag).or_insert(0) += 1;
            }
            seen
        }));
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for c in clients {
        for (k, v) in c.await.unwrap() {
            *seen.entry(k).or_insert(0) += v;
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let swaps = swapper.await.unwrap();
    assert_eq!(seen.values().sum::<usize>(), 480);
    assert!(swaps >= 2, "only {swaps} swaps");
    assert_eq!(seen.len(), 2, "answers came from both snapshots: {seen:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn updatez_loads_new_data_and_a_failure_keeps_the_old() {
    let mirror = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let folder = mirror.path().join("fictional");
    std::fs::create_dir_all(&folder).unwrap();
    let lines = [
        json!({"id": "fic-1", "schema": "Person", "properties": {"name": ["Olaf Grimsby Tollefsen"]}, "datasets": ["fictional"]}),
        json!({"id": "fic-2", "schema": "Company", "properties": {"name": ["Northwind Shadow Holdings"]}, "datasets": ["fictional"]}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(folder.join("entities.ftm.json"), text).unwrap();
    let config = ServeConfig {
        data: Some(zeef_lists::DataDir::new(data.path())),
        update_token: Some("up".to_string()),
        update_from: Some(mirror.path().display().to_string()),
        ..ServeConfig::default()
    };
    let (url, state) = common::serve(config).await;
    let c = Client::new();
    assert_eq!(
        c.post(format!("{url}/updatez"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        c.post(format!("{url}/updatez?token=no"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    let (s, b) = post(&c, &format!("{url}/updatez?token=up&sync=true"), &json!({})).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["ok"], true);
    let first = b["snapshot"].as_str().unwrap().to_string();
    assert_eq!(state.loaded().unwrap().index.len(), 2);
    let q =
        json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Olaf Tollefsen"]}}}});
    let (_, b) = post(&c, &format!("{url}/match/fictional"), &q).await;
    // The update resolved the new snapshot: the record is its resolved entity's one referent.
    let hit = &b["responses"]["q"]["results"][0];
    assert!(hit["id"].as_str().unwrap().starts_with("zeef-"), "{b}");
    assert_eq!(hit["referents"], json!(["fictional-fic-1"]));

    // The mirror breaks: the update fails, the old snapshot is still served and the failure shown.
    std::fs::remove_dir_all(mirror.path()).unwrap();
    let (s, b) = post(&c, &format!("{url}/updatez?token=up&sync=true"), &json!({})).await;
    assert_eq!(s, StatusCode::INTERNAL_SERVER_ERROR, "{b}");
    assert_eq!(b["ok"], false);
    let (_, b) = get(&c, &format!("{url}/catalog")).await;
    assert_eq!(b["zeef"]["snapshot"], first.as_str());
    assert_eq!(b["zeef"]["last_update"]["ok"], false);
    assert!(b["zeef"]["last_update"]["error"].is_string());
    let (s, b) = post(&c, &format!("{url}/match/default"), &q).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(
        b["responses"]["q"]["results"][0]["referents"],
        json!(["fictional-fic-1"])
    );
    let metrics = c
        .get(format!("{url}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("zeef_last_update_success{kind=\"update\""),
        "{metrics}"
    );
    assert!(metrics.contains("} 0\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_un_list_finds_al_baghdadi() {
    let Some(dir) = zeef_lists::shared::list_dir("un").filter(|d| d.is_dir()) else {
        eprintln!("notice: shared UN list absent; skipping");
        return;
    };
    let parsed = zeef_lists::parse_dir("un", &dir).unwrap();
    assert_eq!(parsed.entities.len(), 1003);
    let n = parsed.entities.len();
    let loaded = tokio::task::spawn_blocking(move || {
        Loaded::build(manifest("real", &[("un", n)]), parsed.entities)
    })
    .await
    .unwrap();
    let (url, state) = common::serve(ServeConfig::default()).await;
    state.install(loaded);
    let c = Client::new();
    let q = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Abu Bakr al-Baghdadi"]}}}});
    let (s, b) = post(&c, &format!("{url}/match/default"), &q).await;
    assert_eq!(s, StatusCode::OK);
    let results = b["responses"]["q"]["results"].as_array().unwrap();
    let hit = results
        .iter()
        .find(|r| r["id"] == "un-QDi.299")
        .unwrap_or_else(|| panic!("{b}"));
    assert_eq!(hit["match"], true);
    assert_eq!(hit["datasets"], json!(["un"]));
    // A query in name parts alone, as many KYC systems send it, is screened by name too.
    let q = json!({"queries": {"q": {"schema": "Person", "properties": {
        "firstName": ["Abu Bakr"], "lastName": ["al-Baghdadi"]}}}});
    let (s, b) = post(&c, &format!("{url}/match/default"), &q).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let results = b["responses"]["q"]["results"].as_array().unwrap();
    assert_eq!(
        results.first().map(|r| &r["id"]),
        Some(&json!("un-QDi.299")),
        "{b}"
    );
    let (s, b) = get(&c, &format!("{url}/entities/un-QDi.299")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(b["schema"], "Person");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_ofac_list_is_screened_by_wallet_and_imo_number() {
    let Some(dir) = zeef_lists::shared::list_dir("ofac_sdn").filter(|d| d.is_dir()) else {
        eprintln!("notice: shared OFAC SDN list absent; skipping");
        return;
    };
    let parsed = zeef_lists::parse_dir("ofac_sdn", &dir).unwrap();
    let n = parsed.entities.len();
    let loaded = tokio::task::spawn_blocking(move || {
        Loaded::build(manifest("real", &[("ofac_sdn", n)]), parsed.entities)
    })
    .await
    .unwrap();
    let (url, state) = common::serve(ServeConfig::default()).await;
    state.install(loaded);
    let c = Client::new();
    let q = json!({"queries": {
        "w": {"schema": "CryptoWallet", "properties": {"publicKey": ["12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"]}},
        "v": {"schema": "Vessel", "properties": {"imoNumber": ["IMO 7406784"]}},
        "none": {"schema": "Vessel", "properties": {"imoNumber": ["1234567"]}},
    }});
    let (s, b) = post(&c, &format!("{url}/match/default"), &q).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    let first = |k: &str| b["responses"][k]["results"][0].clone();
    assert_eq!(first("w")["id"], "ofac_sdn-25308", "{b}");
    assert_eq!(first("w")["match"], true);
    assert!(
        first("w")["explanation"]["features"][0]["detail"]
            .as_str()
            .is_some_and(|d| d.contains("held by this party")),
        "{b}"
    );
    assert_eq!(first("v")["id"], "ofac_sdn-4243", "{b}");
    assert_eq!(first("v")["match"], true);
    assert_eq!(b["responses"]["none"]["results"], json!([]));
    // zeef's own /screen: an identifier alone is a query.
    let (s, b) = get(
        &c,
        &format!("{url}/screen?wallet=12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"),
    )
    .await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["results"][0]["id"], "ofac_sdn-25308", "{b}");
    let (s, b) = get(&c, &format!("{url}/screen?imo=7406784")).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(b["results"][0]["id"], "ofac_sdn-4243", "{b}");
    let (s, _) = get(&c, &format!("{url}/screen?schema=Vessel")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn match_reads_the_issuing_country_of_a_number() {
    let (url, _) = loaded_server(ServeConfig::default()).await;
    let c = Client::new();
    let query = |country: &str| {
        json!({"queries": {"q": {
            "schema": "Person",
            "properties": {"name": ["Ivan Petrov"], "passportNumber": ["A1234567"]},
            "identifications": [{"property": "passportNumber", "number": "A1234567", "country": country}]
        }}})
    };
    let (s, b) = post(&c, &format!("{url}/match/default"), &query("Iran")).await;
    assert_eq!(s, StatusCode::OK, "{b}");
    assert_eq!(
        b["responses"]["q"]["query"]["identifications"],
        json!([{"property": "passportNumber", "number": "A1234567", "country": "ir"}])
    );
    // A country that cannot be read is refused, naming it; a malformed list is a 422.
    let (s, b) = post(&c, &format!("{url}/match/default"), &query("Atlantis")).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "{b}");
    assert!(b["detail"].to_string().contains("Atlantis"), "{b}");
    let bad = json!({"queries": {"q": {"schema": "Person", "properties": {"name": ["Ivan"]}, "identifications": "ir"}}});
    let (s, b) = post(&c, &format!("{url}/match/default"), &bad).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY, "{b}");
    assert_eq!(
        b["detail"][0]["loc"],
        json!(["body", "queries", "q", "identifications"])
    );
}
