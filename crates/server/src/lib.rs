//! The HTTP service, `zeef serve`: OpenSanctions yente's matching API (so existing yente
//! clients work unchanged, without Elasticsearch) and zeef's own screening API, over an
//! in-memory index that updates swap atomically.
//!
//! The only crate that knows HTTP and yente's JSON. [`run`] serves a data directory;
//! [`router`] and [`AppState`] let tests and embedders serve data they build themselves.

mod admin;
pub mod config;
pub mod error;
pub mod ftm;
pub mod graph;
mod metrics;
pub mod middleware;
pub mod nats;
mod openapi;
mod params;
pub mod recording;
pub mod reload;
pub mod screen;
pub mod state;
pub mod work;
pub mod yente;

pub use config::{LogFormat, ServeConfig};
pub use state::{AppState, Loaded};

use std::future::Future;
use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

/// Every route, with the limits of [`ServeConfig`].
pub fn router(state: Arc<AppState>) -> Router {
    let heavy = Router::new()
        .route("/match/{dataset}", post(yente::matching::match_entities))
        .route("/search/{dataset}", get(yente::search::search))
        .route("/entities/{entity_id}", get(yente::search::entity))
        .route("/graph/{entity_id}", get(graph::graph))
        .route("/screen", get(screen::screen_get).post(screen::screen_post))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::guard,
        ));
    let light = Router::new()
        .route("/catalog", get(yente::catalog::catalog))
        .route("/algorithms", get(yente::algorithms::algorithms))
        .route("/healthz", get(admin::healthz))
        .route("/readyz", get(admin::readyz))
        .route("/metrics", get(admin::metrics))
        .route("/updatez", post(admin::updatez));
    Router::new()
        .merge(heavy)
        .merge(light)
        .merge(SwaggerUi::new("/docs").url("/openapi.json", openapi::ApiDoc::openapi()))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::auth,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::observe,
        ))
        .with_state(state)
}

/// Serves on `listener` until `shutdown` resolves, then stops accepting and finishes the
/// requests in flight for at most [`ServeConfig::drain_timeout`]; requests still running
/// then are dropped (their work stops) and this returns.
pub async fn serve(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, Router::new(), shutdown).await
}

/// [`serve`], with `pages` (routes of their own, such as the web application's) served
/// beside the API's. They get none of the API's layers: they check access themselves.
pub async fn serve_with(
    listener: TcpListener,
    state: Arc<AppState>,
    pages: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let signalled = Arc::new(tokio::sync::Notify::new());
    let notify = signalled.clone();
    let app = router(state.clone()).merge(pages);
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        // Stored if nobody waits yet: the deadline below starts either way.
        notify.notify_one();
    });
    let drain = state.config.drain_timeout;
    let deadline = async move {
        signalled.notified().await;
        tokio::time::sleep(drain).await;
    };
    tokio::select! {
        served = server => served,
        _ = deadline => {
            let running = state.config.max_concurrency.max(1) - state.permits.available_permits();
            tracing::warn!(running, drain_ms = drain.as_millis() as u64, "drain deadline passed: stopping the requests still running");
            Ok(())
        }
    }
}

/// Sets up logging: text or JSON lines on stderr, level from `RUST_LOG` (default `info`).
pub fn init_logging(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // try_init: a second call (tests, embedding) keeps the first subscriber.
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// `zeef serve`: binds, answers `/healthz` at once, loads the current snapshot and builds the
/// index in the background (`/readyz` is 503 until then), reloads on SIGHUP, and shuts down
/// gracefully on SIGTERM or ctrl-c.
pub fn run(config: ServeConfig) -> anyhow::Result<()> {
    run_with(config, |_| Router::new())
}

/// [`run`], also serving the routes `pages` makes from the server's state (the web
/// application, which the binary mounts).
pub fn run_with(
    config: ServeConfig,
    pages: impl FnOnce(Arc<AppState>) -> Router,
) -> anyhow::Result<()> {
    init_logging(config.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let served = runtime.block_on(run_async(config, pages));
    // An update's index build still running must not hold up the exit.
    runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    served
}

async fn run_async(
    config: ServeConfig,
    pages: impl FnOnce(Arc<AppState>) -> Router,
) -> anyhow::Result<()> {
    let listener = TcpListener::bind(config.listen)
        .await
        .with_context(|| format!("cannot listen on {}", config.listen))?;
    let addr = listener.local_addr()?;
    let state = AppState::new(config);
    tracing::info!(%addr, data = ?state.data_dir().map(|d| d.root().display().to_string()), "zeef serve listening");
    match state.config.nats.clone() {
        Some(url) => tokio::spawn(nats::follow(state.clone(), url)),
        None => tokio::spawn(initial_load(state.clone())),
    };
    tokio::spawn(reload_on_sighup(state.clone()));
    let pages = pages(state.clone());
    serve_with(listener, state, pages, shutdown_signal()).await?;
    tracing::info!("shut down");
    Ok(())
}

/// Loads the current snapshot. Where there is none: with `first_run`, fetches the lists (or
/// falls back on the built-in copy); else, where `--update-from` is set, fetches from there.
async fn initial_load(state: Arc<AppState>) {
    let o = reload::reload(state.clone(), "load").await;
    if !o.ok && state.loaded().is_none() && state.config.first_run {
        reload::first_run(state).await;
    } else if !o.ok && state.loaded().is_none() && state.config.update_from.is_some() {
        tracing::info!("no snapshot yet: updating from --update-from");
        reload::update(state).await;
    }
}

#[cfg(unix)]
async fn reload_on_sighup(state: Arc<AppState>) {
    use tokio::signal::unix::{SignalKind, signal};
    let Ok(mut hup) = signal(SignalKind::hangup()) else {
        tracing::warn!("cannot listen for SIGHUP; reload with POST /updatez instead");
        return;
    };
    while hup.recv().await.is_some() {
        tracing::info!("SIGHUP: reloading the data directory");
        reload::reload(state.clone(), "reload").await;
    }
}

#[cfg(not(unix))]
async fn reload_on_sighup(_state: Arc<AppState>) {}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: no new connections; finishing the requests in flight");
}
