//! The server under pressure, over real loopback HTTP: probes answer while every screening
//! thread is busy, timed-out work keeps its concurrency slot until it has stopped, shutdown
//! drains requests in flight up to a deadline, and oversized or unknown query values are
//! refused with a 4xx. The screening threads are kept busy with jobs that wait on a channel,
//! so that nothing here depends on how fast the machine is. Entities are fictional.

mod common;

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use zeef_model::{Entity, Prop, Schema};
use zeef_server::work::{Stopped, Ticket};
use zeef_server::{AppState, Loaded, ServeConfig};

fn fixtures() -> Loaded {
    let mut ivan = Entity::new("alpha-1", Schema::Person, "alpha");
    ivan.add(Prop::Name, "Ivan Petrovsky Karamazov");
    ivan.add(Prop::BirthDate, "1970-01-01");
    let manifest = common::manifest(
        "20260102T030405Z",
        vec![common::source("alpha", "2025-12-01", 1)],
    );
    Loaded::build(manifest, vec![ivan])
}

/// A loaded server on a free loopback port, stopped when `stop` is sent (or never).
async fn start(
    config: ServeConfig,
    stop: Option<tokio::sync::oneshot::Receiver<()>>,
) -> (
    String,
    Arc<AppState>,
    tokio::task::JoinHandle<std::io::Result<()>>,
) {
    let shutdown = async move {
        match stop {
            Some(rx) => {
                let _ = rx.await;
            }
            None => std::future::pending::<()>().await,
        }
    };
    let (url, state, served) = common::serve_until(config, shutdown).await;
    state.install(fixtures());
    (url, state, served)
}

/// Occupies every screening thread with a job that waits until the returned sender is
/// dropped (or sent to).
async fn occupy_pool(state: &Arc<AppState>) -> Vec<mpsc::Sender<()>> {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let mut release = Vec::new();
    let (started_tx, mut started_rx) = tokio::sync::mpsc::unbounded_channel();
    for _ in 0..threads {
        let (tx, rx) = mpsc::channel::<()>();
        release.push(tx);
        let ticket = Arc::new(Ticket::new(Instant::now() + Duration::from_secs(600), None));
        let state = state.clone();
        let started = started_tx.clone();
        tokio::spawn(async move {
            state
                .pool
                .run(ticket, move |_| -> Result<(), Stopped> {
                    let _ = started.send(());
                    let _ = rx.recv();
                    Ok(())
                })
                .await
        });
    }
    for _ in 0..threads {
        started_rx.recv().await;
    }
    release
}

fn ivan_query() -> Value {
    json!({"queries": {"q1": {"schema": "Person", "properties": {"name": ["Ivan Petrovsky Karamazov"]}}}})
}

async fn status(r: reqwest::RequestBuilder) -> StatusCode {
    r.send().await.unwrap().status()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn probes_answer_while_every_screening_thread_is_busy() {
    let (url, state, _) = start(ServeConfig::default(), None).await;
    let c = Client::new();
    let release = occupy_pool(&state).await;
    // A screening waits for a thread; the probes do not.
    let waiting = tokio::spawn({
        let c = c.clone();
        let url = url.clone();
        async move {
            c.post(format!("{url}/match/default"))
                .json(&ivan_query())
                .send()
                .await
                .map(|r| r.status())
        }
    });
    for _ in 0..20 {
        assert_eq!(
            status(c.get(format!("{url}/healthz"))).await,
            StatusCode::OK
        );
        assert_eq!(status(c.get(format!("{url}/readyz"))).await, StatusCode::OK);
    }
    assert!(!waiting.is_finished());
    drop(release);
    assert_eq!(waiting.await.unwrap().unwrap(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timed_out_work_keeps_its_slot_until_it_has_stopped() {
    let config = ServeConfig {
        request_timeout: Duration::from_millis(300),
        max_concurrency: 4,
        ..ServeConfig::default()
    };
    let (url, state, _) = start(config, None).await;
    let c = Client::new();
    let release = occupy_pool(&state).await;
    let r = c
        .post(format!("{url}/match/default"))
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SERVICE_UNAVAILABLE);
    let b: Value = r.json().await.unwrap();
    assert!(b["detail"].as_str().unwrap().contains("longer than 300 ms"));
    // Answered, but its work is still queued behind the busy threads: the slot stays taken.
    assert_eq!(state.permits.available_permits(), 3);
    drop(release);
    // Once a thread is free the abandoned work ends at once and gives its slot back.
    let mut freed = false;
    for _ in 0..600 {
        if state.permits.available_permits() == 4 {
            freed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(freed, "the abandoned work never gave its slot back");
    assert_eq!(
        status(c.post(format!("{url}/match/default")).json(&ivan_query())).await,
        StatusCode::OK
    );
}

/// A client that hangs up before its answer: its work does not run, and its slot is held
/// until the work has stopped, then freed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_client_stops_its_work_and_frees_its_slot() {
    let config = ServeConfig {
        max_concurrency: 4,
        ..ServeConfig::default()
    };
    let (url, state, _) = start(config, None).await;
    let release = occupy_pool(&state).await;
    let request = tokio::spawn({
        let url = url.clone();
        async move {
            Client::new()
                .post(format!("{url}/match/default"))
                .json(&ivan_query())
                .send()
                .await
        }
    });
    let mut queued = false;
    for _ in 0..200 {
        if state.permits.available_permits() == 3 {
            queued = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(queued, "the request never took its slot");
    // The client goes away: its connection closes with the request unanswered.
    request.abort();
    let _ = request.await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        state.permits.available_permits(),
        3,
        "the work has not stopped yet"
    );
    assert_eq!(state.pool.stopped(), 0);
    drop(release);
    let mut freed = false;
    for _ in 0..600 {
        if state.permits.available_permits() == 4 {
            freed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(freed, "the abandoned work never gave its slot back");
    assert_eq!(state.pool.stopped(), 1, "the abandoned work ran");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_requests_in_flight() {
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel();
    let (url, state, served) = start(ServeConfig::default(), Some(stop_rx)).await;
    let c = Client::new();
    let release = occupy_pool(&state).await;
    let in_flight = tokio::spawn({
        let c = c.clone();
        let url = url.clone();
        async move {
            c.post(format!("{url}/match/default"))
                .json(&ivan_query())
                .send()
                .await
                .map(|r| r.status())
        }
    });
    // The request holds its slot once it is queued for a thread.
    while state.permits.available_permits() == ServeConfig::default().max_concurrency {
        tokio::task::yield_now().await;
    }
    let _ = stop_tx.send(());
    // New connections are refused once shutdown begins.
    let mut refused = false;
    for _ in 0..100 {
        if c.get(format!("{url}/healthz")).send().await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "still accepting connections after shutdown began");
    assert!(!served.is_finished());
    drop(release);
    assert_eq!(in_flight.await.unwrap().unwrap(), StatusCode::OK);
    assert!(served.await.unwrap().is_ok());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_stops_waiting_at_the_drain_deadline() {
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel();
    let config = ServeConfig {
        drain_timeout: Duration::from_millis(200),
        ..ServeConfig::default()
    };
    let (url, state, served) = start(config, Some(stop_rx)).await;
    let c = Client::new();
    // The threads stay busy past the deadline.
    let release = occupy_pool(&state).await;
    let in_flight = tokio::spawn({
        let c = c.clone();
        async move {
            c.post(format!("{url}/match/default"))
                .json(&ivan_query())
                .send()
                .await
                .map(|r| r.status())
        }
    });
    while state.permits.available_permits() == ServeConfig::default().max_concurrency {
        tokio::task::yield_now().await;
    }
    let _ = stop_tx.send(());
    // `serve` returns with the request still unanswered (`zeef serve` then shuts the runtime
    // down, which drops it and, through its ticket, its work).
    assert!(served.await.unwrap().is_ok());
    assert!(!in_flight.is_finished());
    drop(release);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn oversized_queries_unknown_sources_and_impossible_dates_are_4xx() {
    let (url, _, _) = start(ServeConfig::default(), None).await;
    let c = Client::new();
    // The pathological name: thousands of repeated words.
    let long = vec!["Abu Bakr"; 2000].join(" ");
    let r = c
        .post(format!("{url}/match/default"))
        .json(&json!({"queries": {"q": {"schema": "Person", "properties": {"name": [long]}}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let b: Value = r.json().await.unwrap();
    assert!(
        b["detail"]
            .as_str()
            .unwrap()
            .contains("characters (at most 500)"),
        "{b}"
    );
    let r = c
        .get(format!("{url}/screen"))
        .query(&[("name", long.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let names: Vec<String> = (0..60).map(|i| format!("Ivan Petrov {i}")).collect();
    let r = c
        .post(format!("{url}/screen"))
        .json(&json!([{"name": names}]))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Unknown sources and datasets say so instead of answering nothing.
    let r = c
        .get(format!("{url}/screen?name=Ivan+Karamazov&source=alpah"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let b: Value = r.json().await.unwrap();
    assert!(b["detail"].as_str().unwrap().contains("\"alpah\""), "{b}");
    let r = c
        .post(format!("{url}/match/default?include_dataset=alpah"))
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = c
        .get(format!("{url}/search/default?q=Ivan&datasets=alpah"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // A known source still answers.
    let r = c
        .get(format!("{url}/screen?name=Ivan+Karamazov&source=alpha"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // Dates that do not exist.
    let r = c
        .post(format!("{url}/match/default?changed_since=2024-13-99"))
        .json(&ivan_query())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = c
        .get(format!(
            "{url}/screen?name=Ivan+Karamazov&birth_date=1970-02-31"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}
