//! The analyst web application `zeef serve` serves under `/ui`: a screening form whose
//! results show every listing of each resolved entity and why it scored what it did
//! (`/ui/screen`), resolved entities with their provenance (`/ui/entities/{id}`), the state
//! of the lists (`/ui/lists`), batch screening of an uploaded file (`/ui/batch`) and the review queue of the audit store's open alerts, with
//! four-eyes approval when asked for (`/ui/review`).
//!
//! Pages are rendered on the server (maud) from what the HTTP API answers with: the same
//! loaded snapshot, the same screening (`zeef_server::screen::screen_one`), the same
//! resolved entities. One stylesheet is embedded in the binary and served from
//! `/ui/static/`; every answer carries a strict Content-Security-Policy (no inline script or
//! style). Every search is a GET URL that can be shared.
//!
//! ```no_run
//! # fn demo(state: std::sync::Arc<zeef_server::AppState>) {
//! let pages: axum::Router = zeef_web::router(state, zeef_web::WebConfig::default());
//! # }
//! ```

mod access;
mod assets;
mod batch;
mod entity;
mod explain;
mod form;
mod history;
mod lists;
mod page;
mod regimes;
mod review;
mod screen;
pub mod sessions;
pub mod users;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use zeef_audit::AuditStore;
use zeef_server::AppState;

pub use users::Users;
pub use zeef_screening::BATCH_CSV_HEADER;

/// How long a session lasts unless set otherwise: a working day.
pub const DEFAULT_SESSION: Duration = Duration::from_secs(8 * 3600);

/// How the web application runs (beside the server's own [`zeef_server::ServeConfig`]).
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The users who may sign in (`--users FILE`); None: no sign-in (pages open, or behind
    /// the API token where one is set).
    pub users: Option<Users>,
    /// How long a session lasts after signing in.
    pub session: Duration,
    /// The audit store the review queue reads alerts from and records decisions in; None:
    /// no review queue.
    pub audit: Option<Arc<AuditStore>>,
    /// Four-eyes review (`--four-eyes`): a decision takes effect only when a second,
    /// different user approves it.
    pub four_eyes: bool,
    /// The largest file `/ui/batch` takes, in bytes.
    pub max_upload: usize,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            users: None,
            session: DEFAULT_SESSION,
            audit: None,
            four_eyes: false,
            max_upload: batch::MAX_UPLOAD,
        }
    }
}

/// What every page handler shares: the server's state and the application's settings.
pub(crate) struct Web {
    pub app: Arc<AppState>,
    pub users: Option<Arc<Users>>,
    pub sessions: sessions::Sessions,
    pub audit: Option<Arc<AuditStore>>,
    pub four_eyes: bool,
    pub jobs: batch::Jobs,
    pub max_upload: usize,
    pub last_updates: regimes::LastUpdates,
}

/// The web application's routes: `/` (links to the application and the API), `/ui/...`.
pub fn router(app: Arc<AppState>, config: WebConfig) -> Router {
    let web = Arc::new(Web {
        app,
        users: config.users.map(Arc::new),
        sessions: sessions::Sessions::new(config.session),
        audit: config.audit,
        four_eyes: config.four_eyes,
        jobs: batch::Jobs::default(),
        max_upload: config.max_upload,
        last_updates: regimes::LastUpdates::default(),
    });
    let pages = Router::new()
        .route("/ui", get(page::to_screen))
        .route("/ui/", get(page::to_screen))
        .route("/ui/screen", get(screen::page))
        .route("/ui/entities/{id}", get(entity::page))
        .route("/ui/lists", get(lists::page))
        .route(
            "/ui/batch",
            get(batch::page)
                .post(batch::upload)
                .layer(axum::extract::DefaultBodyLimit::max(web.max_upload)),
        )
        .route("/ui/batch/{id}", get(batch::job))
        .route("/ui/batch/{id}/{file}", get(batch::download))
        .route("/ui/review", get(review::page))
        .route("/ui/review/decide", post(review::decide))
        .route("/ui/review/approve", post(review::approve))
        .route("/ui/signout", post(access::sign_out))
        .route("/ui/{*rest}", get(page::not_found))
        .route_layer(axum::middleware::from_fn_with_state(
            web.clone(),
            access::require,
        ));
    Router::new()
        .route("/", get(page::home))
        .route("/ui/static/{file}", get(assets::file))
        .route(
            "/ui/signin",
            get(access::sign_in_page).post(access::sign_in),
        )
        .merge(pages)
        .layer(axum::middleware::from_fn(page::security_headers))
        .with_state(web)
}
