//! `/ui/lists`: the lists served, with their dates, fetch times, counts and a warning where
//! one is older than its publisher's cadence, retired, or the built-in copy.

use std::sync::Arc;

use axum::extract::{Extension, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use zeef_lists::freshness;
use zeef_server::Loaded;

use crate::Web;
use crate::access::Who;
use crate::page::{self, Section};

/// `GET /ui/lists`.
pub async fn page(State(web): State<Arc<Web>>, Extension(who): Extension<Who>) -> Response {
    match web.app.loaded() {
        Some(loaded) => page::ok(render(&loaded, &who)),
        None => page::error(
            StatusCode::SERVICE_UNAVAILABLE,
            "Lists loading",
            "The lists are still loading; try again in a moment.",
        ),
    }
}

fn render(loaded: &Loaded, who: &Who) -> Markup {
    let m = &loaded.manifest;
    let fresh = freshness::of_snapshot(m);
    let body = html! {
        h1 { "Lists" }
        p.meta {
            "Snapshot " code { (m.id) } " made " (m.created_at) "; "
            (loaded.index.len()) " listed records served since " (loaded.loaded_at) "."
        }
        @if let Some(w) = freshness::warning(m) {
            div.problem role="alert" { @for line in w.lines() { p { (line) } } }
        }
        div.scroll {
            table.lists {
                caption { "Sources" }
                thead {
                    tr {
                        th scope="col" { "Source" }
                        th scope="col" { "Publisher" }
                        th scope="col" { "List date" }
                        th scope="col" { "Fetched" }
                        th scope="col" { "Age (days)" }
                        th scope="col" { "Entities" }
                        th scope="col" { "State" }
                        th scope="col" { "SHA-256" }
                    }
                }
                tbody {
                    @for (s, f) in m.sources.iter().zip(&fresh) {
                        tr.stale[f.needs_warning()] {
                            th scope="row" { (s.source) br; span.source { (s.title) } }
                            td { (s.publisher) }
                            td { (s.list_date.as_deref().unwrap_or("not stated")) }
                            td { (s.fetched_at) }
                            td.num { (f.age_days) }
                            td.num { (s.entities) }
                            td {
                                @if f.needs_warning() { strong.warn { (f.problem()) } }
                                @else { "current" @if let Some(d) = f.stale_after_days { " (updated at least every " (d) " days)" } }
                            }
                            td { code.hash title=(s.sha256) { (s.sha256.get(..12).unwrap_or(&s.sha256)) "…" } }
                        }
                    }
                }
            }
        }
    };
    page::shell("Lists", Section::Lists, Some(who), body)
}
