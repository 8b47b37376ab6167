//! What the page tests share: a fictional resolved snapshot, and a server serving the API and
//! the web application on a free loopback port.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::sync::Arc;

use tokio::net::TcpListener;
use zeef_lists::store::{Manifest, SourceManifest};
use zeef_matching::Index;
use zeef_model::{Entity, Prop, Schema};
use zeef_resolve::{ResolveOptions, Resolved, resolve};
use zeef_server::{AppState, Loaded, ServeConfig};
use zeef_web::WebConfig;

/// A fictional list of `entities` entities dated `list_date`.
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

pub fn manifest(id: &str, sources: Vec<SourceManifest>) -> Manifest {
    Manifest {
        id: id.to_string(),
        created_at: "2026-01-02T03:04:05Z".to_string(),
        sources,
    }
}

fn person(id: &str, src: &str, name: &str, dob: &str) -> Entity {
    let mut e = Entity::new(id, Schema::Person, src);
    e.add(Prop::Name, name);
    e.add(Prop::BirthDate, dob);
    e.add(Prop::Nationality, "ru");
    e.add(Prop::Program, "FICTION-1");
    e.provenance.list_date = Some("2025-12-01".to_string());
    e.provenance.sha256 = Some("cd".repeat(32));
    e
}

/// Kasimir Orbeldanov on two lists (one listing also gives an alias), and another person.
pub fn entities() -> Vec<Entity> {
    let mut beta = person("beta-7", "beta", "ORBELDANOV, Kasimir", "1961-02-03");
    beta.add(Prop::Alias, "Kasko");
    beta.add(Prop::PassportNumber, "FX-0042");
    vec![
        person("alpha-1", "alpha", "Kasimir Orbeldanov", "1961-02-03"),
        person("alpha-2", "alpha", "Velimira Tostrakova", "1970-01-01"),
        beta,
        person("beta-8", "beta", "Dragomir Ulvenstad", "1955-09-09"),
    ]
}

/// The fictional snapshot, resolved.
pub fn resolved_snapshot() -> (Loaded, Resolved) {
    let entities = entities();
    let index = Index::build(entities.clone());
    let clustering = resolve(&entities, &index, &[], &ResolveOptions::default());
    let resolved = Resolved::assign(None, &entities, &clustering, Some("snap".into()), true);
    let m = manifest(
        "snap",
        vec![
            source("alpha", "2025-12-01", 2),
            source("beta", "2025-12-01", 2),
        ],
    );
    let loaded = Loaded::build(m, entities).with_resolution(resolved.clone());
    (loaded, resolved)
}

/// The API and the web application on a free loopback port, nothing loaded yet.
pub async fn serve(config: ServeConfig, web: WebConfig) -> (String, Arc<AppState>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let state = AppState::new(config);
    let pages = zeef_web::router(state.clone(), web);
    tokio::spawn(zeef_server::serve_with(
        listener,
        state.clone(),
        pages,
        std::future::pending(),
    ));
    (format!("http://{addr}"), state)
}

/// A server over the fictional resolved snapshot.
pub async fn fictional(config: ServeConfig, web: WebConfig) -> (String, Arc<AppState>, Resolved) {
    let (url, state) = serve(config, web).await;
    let (loaded, resolved) = resolved_snapshot();
    state.install(loaded);
    (url, state, resolved)
}

/// GET: status, Content-Security-Policy header, body.
pub async fn get(c: &reqwest::Client, url: &str) -> (u16, String, String) {
    let r = c.get(url).send().await.unwrap();
    let status = r.status().as_u16();
    let csp = r
        .headers()
        .get("content-security-policy")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    (status, csp, r.text().await.unwrap())
}
