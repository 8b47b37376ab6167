//! `/ui/lists`: the lists served, with their dates, fetch times, counts and a warning where
//! one is older than its publisher's cadence, retired, or the built-in copy; the changes of
//! the last update; the gaps between regimes.

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
use crate::regimes::{self, Gaps, LastUpdate};
use zeef_diff::ChangeKind;

/// `GET /ui/lists`.
pub async fn page(State(web): State<Arc<Web>>, Extension(who): Extension<Who>) -> Response {
    match web.app.loaded() {
        Some(loaded) => {
            let last = web.last_updates.get(web.app.data_dir(), loaded.version());
            page::ok(render(&loaded, &who, &last))
        }
        None => page::error(
            StatusCode::SERVICE_UNAVAILABLE,
            "Lists loading",
            "The lists are still loading; try again in a moment.",
        ),
    }
}

fn render(loaded: &Loaded, who: &Who, last: &LastUpdate) -> Markup {
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
        (last_update(last))
        (gap_table(&regimes::gaps(loaded)))
    };
    page::shell("Lists", Section::Lists, Some(who), body)
}

fn last_update(last: &LastUpdate) -> Markup {
    html! {
        section aria-labelledby="changes" {
            h2 #changes { "Changes of the last update" }
            @match last {
                LastUpdate::Pending => p { "Being worked out; reload in a moment." },
                LastUpdate::NoPrevious => p { "No earlier snapshot is kept: the changes show after the next " code { "zeef update" } "." },
                LastUpdate::Failed(why) => p.problem { "The changes could not be worked out: " (why) },
                LastUpdate::Changes { previous, counts, first } => {
                    p { "Since snapshot " code { (previous) } " (" code { "zeef changes " (previous) } " gives every field)." }
                    @if counts.is_empty() {
                        p { "No listing was added, amended or removed." }
                    } @else {
                        table.changes {
                            thead { tr { th scope="col" { "Source" } th scope="col" { "Added" } th scope="col" { "Amended" } th scope="col" { "Removed" } } }
                            tbody {
                                @for (source, [added, amended, removed]) in counts {
                                    tr { th scope="row" { (source) } td.num { (added) } td.num { (amended) } td.num { (removed) } }
                                }
                            }
                        }
                        ul.values {
                            @for c in first {
                                li {
                                    strong { (c.change.as_str()) } " "
                                    @if c.change == ChangeKind::Removed { code { (c.id) } } @else { a href=(page::entity_href(&c.id)) { code { (c.id) } } }
                                    " " (c.caption)
                                    @if c.change == ChangeKind::Amended {
                                        ": " (c.differences.iter().map(|d| d.property.as_str()).collect::<Vec<_>>().join(", "))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn gap_table(g: &Gaps) -> Markup {
    html! {
        section aria-labelledby="gaps" {
            h2 #gaps { "Regime gaps" }
            p {
                "Parties listed on the row's list and not on the column's"
                @if g.resolved { " (one party per resolved entity)" } @else { " (one party per record: the snapshot is not resolved)" }
                ". " code { "zeef diff ROW COLUMN" } " names them and what differs for those on both."
            }
            div.scroll {
                table.gaps {
                    thead {
                        tr {
                            th scope="col" { "List (parties)" }
                            @for s in &g.sources { th scope="col" { "not on " (s) } }
                        }
                    }
                    tbody {
                        @for (i, s) in g.sources.iter().enumerate() {
                            tr {
                                th scope="row" { (s) " (" (g.parties[i]) ")" }
                                @for (j, n) in g.only[i].iter().enumerate() {
                                    td.num { @if i == j { "—" } @else { (n) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
