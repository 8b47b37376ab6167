//! `/ui/entities/{id}`: a resolved entity (by its canonical id, an id merged into it, or one
//! of its record ids) or, where the snapshot is not resolved, a listed record: every
//! listing with its provenance, every name, the other details, and the parties the lists
//! link it to.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Extension, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use zeef_graph::Subgraph;
use zeef_model::{Entity, Prop};
use zeef_server::Loaded;

use crate::Web;
use crate::access::Who;
use crate::history;
use crate::page::{self, Section, entity_href};

/// The properties that are names, in the order shown.
const NAME_PROPS: [Prop; 4] = [Prop::Name, Prop::Alias, Prop::WeakAlias, Prop::PreviousName];

/// `GET /ui/entities/{id}`.
pub async fn page(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
) -> Response {
    let Some(loaded) = web.app.loaded() else {
        return page::error(
            StatusCode::SERVICE_UNAVAILABLE,
            "Lists loading",
            "The lists are still loading; try again in a moment.",
        );
    };
    match members(&loaded, &id) {
        Some((canonical, members)) => {
            let history = history_of(&web, &members).await;
            page::ok(render(&loaded, &who, &canonical, &members, &history))
        }
        None => page::error(
            StatusCode::NOT_FOUND,
            "No such entity",
            &format!(
                "No listed record or resolved entity has the id {:?} in snapshot {}.",
                zeef_model::clip(&id, zeef_model::QUOTED_BYTES),
                loaded.version()
            ),
        ),
    }
}

/// The canonical id and the records of the entity `id` names (a resolved entity where the
/// snapshot is resolved, else the one record).
fn members(loaded: &Loaded, id: &str) -> Option<(String, Vec<Entity>)> {
    if let Some(found) = loaded
        .resolution
        .as_ref()
        .and_then(|r| r.members(&loaded.index, id))
    {
        return Some(found);
    }
    loaded.index.get(id).map(|e| (e.id.clone(), vec![e]))
}

/// The records' history across the kept snapshots, read off the request's thread.
async fn history_of(web: &Web, members: &[Entity]) -> Vec<history::Row> {
    let Some(data) = web.app.data_dir().cloned() else {
        return Vec::new();
    };
    let ids: Vec<String> = members.iter().map(|e| e.id.clone()).collect();
    tokio::task::spawn_blocking(move || {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        history::of(&data, &ids)
    })
    .await
    .unwrap_or_default()
}

fn render(
    loaded: &Loaded,
    who: &Who,
    canonical: &str,
    members: &[Entity],
    history: &[history::Row],
) -> Markup {
    let caption = members
        .first()
        .map(|e| e.caption().to_string())
        .unwrap_or_default();
    let schema = members.first().map(|e| e.schema.as_str()).unwrap_or("");
    let network = loaded.network.neighbourhood(canonical, 1);
    let body = html! {
        h1 { (caption) }
        dl.facts {
            dt { "Entity" } dd { code { (canonical) } }
            dt { "Kind" } dd { (schema) }
            dt { "Listings" } dd { (members.len()) }
            dt { "Snapshot" } dd { code { (loaded.version()) } }
        }
        (listings(members))
        (names(members))
        (details(members))
        (relationships(canonical, network.as_ref()))
        (history_table(history))
    };
    page::shell(&caption, Section::None, Some(who), body)
}

fn listings(members: &[Entity]) -> Markup {
    html! {
        section aria-labelledby="listings" {
            h2 #listings { "Listings and provenance" }
            div.scroll {
                table {
                    thead {
                        tr {
                            th scope="col" { "List" }
                            th scope="col" { "Record" }
                            th scope="col" { "Listed as" }
                            th scope="col" { "List date" }
                            th scope="col" { "Programme" }
                            th scope="col" { "Publisher's ids" }
                            th scope="col" { "File SHA-256" }
                        }
                    }
                    tbody {
                        @for e in members {
                            @let p = &e.provenance;
                            tr {
                                td { (p.source) }
                                td { code { (e.id) } }
                                td { (e.caption()) }
                                td { (p.list_date.as_deref().unwrap_or("")) }
                                td { (e.get(Prop::Program).join("; ")) }
                                td { (p.record_ids.iter().chain(&p.references).cloned().collect::<Vec<_>>().join(", ")) }
                                td { @if let Some(h) = &p.sha256 { code.hash title=(h) { (h.get(..12).unwrap_or(h)) "…" } } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Every name of every listing, with the lists that give it.
fn names(members: &[Entity]) -> Markup {
    let mut by_name: BTreeMap<(usize, &str), Vec<&str>> = BTreeMap::new();
    for e in members {
        for (rank, prop) in NAME_PROPS.iter().enumerate() {
            for n in e.get(*prop) {
                let lists = by_name.entry((rank, n.as_str())).or_default();
                if !lists.contains(&e.provenance.source.as_str()) {
                    lists.push(&e.provenance.source);
                }
            }
        }
    }
    html! {
        section aria-labelledby="names" {
            h2 #names { "Names" }
            table {
                thead { tr { th scope="col" { "Name" } th scope="col" { "As" } th scope="col" { "Lists" } } }
                tbody {
                    @for ((rank, name), lists) in &by_name {
                        tr {
                            td lang="" { (name) }
                            td { (NAME_PROPS[*rank].as_str()) }
                            td { (lists.join(", ")) }
                        }
                    }
                }
            }
        }
    }
}

/// Every other property (birth dates, nationalities, identifiers, addresses, notes...).
fn details(members: &[Entity]) -> Markup {
    let mut rows: BTreeMap<String, Vec<(String, &str)>> = BTreeMap::new();
    for e in members {
        let props = e
            .props
            .iter()
            .filter(|(p, _)| !NAME_PROPS.contains(p) && **p != Prop::Program)
            .map(|(p, v)| (p.as_str().to_string(), v));
        let extra = e.extra.iter().map(|(k, v)| (k.clone(), v));
        for (k, values) in props.chain(extra) {
            let row = rows.entry(k).or_default();
            for v in values {
                if !row.iter().any(|(x, _)| x == v) {
                    row.push((v.clone(), &e.provenance.source));
                }
            }
        }
    }
    html! {
        section aria-labelledby="details" {
            h2 #details { "Details and identifiers" }
            table {
                thead { tr { th scope="col" { "Property" } th scope="col" { "Values (list)" } } }
                tbody {
                    @for (prop, values) in &rows {
                        tr {
                            th scope="row" { (prop) }
                            td {
                                ul.values {
                                    @for (v, source) in values { li { (v) " " span.source { "(" (source) ")" } } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Most linked parties the diagram draws (the table lists them all).
const STAR_MOST: usize = 24;

/// The party and those the lists link it to as a small star diagram: inline SVG, no script;
/// listed parties filled, unlisted ones hollow.
fn star(g: &Subgraph) -> Markup {
    let Some(centre) = g.nodes.first() else {
        return html! {};
    };
    let others: Vec<&zeef_graph::Node> = g.nodes.iter().skip(1).take(STAR_MOST).collect();
    let (width, height, radius) = (860.0_f64, 380.0_f64, 150.0_f64);
    let (cx, cy) = (width / 2.0, height / 2.0);
    let at = |i: usize| {
        let a = i as f64 / others.len().max(1) as f64 * std::f64::consts::TAU
            - std::f64::consts::FRAC_PI_2;
        (cx + radius * 1.35 * a.cos(), cy + radius * a.sin())
    };
    // Labels beside their dot, away from the centre, so that neighbours do not overlap.
    let anchor = |x: f64, y: f64| match x - cx {
        d if d > 5.0 => ("start", x + 10.0, y + 4.0),
        d if d < -5.0 => ("end", x - 10.0, y + 4.0),
        _ if y < cy => ("middle", x, y - 11.0),
        _ => ("middle", x, y + 19.0),
    };
    let label = |s: &str, most: usize| match s.char_indices().nth(most) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    };
    html! {
        svg.star xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {width} {height}")) role="img" font-family="sans-serif"
            aria-label=(format!("{} and {} of the parties the lists link it to", centre.caption, others.len())) {
            @for (i, _) in others.iter().enumerate() {
                @let (x, y) = at(i);
                line x1=(cx) y1=(cy) x2=(format!("{x:.1}")) y2=(format!("{y:.1}")) stroke="#8a94a6" {}
            }
            @for (i, n) in others.iter().enumerate() {
                @let (x, y) = at(i);
                circle cx=(format!("{x:.1}")) cy=(format!("{y:.1}")) r="6" stroke="#b23b3b"
                    fill=(if n.datasets.is_empty() { "#ffffff" } else { "#b23b3b" }) {}
                @let (side, lx, ly) = anchor(x, y);
                text x=(format!("{lx:.1}")) y=(format!("{ly:.1}")) text-anchor=(side) font-size="11" { (label(&n.caption, 26)) }
            }
            circle cx=(cx) cy=(cy) r="10" fill="#1f3a5f" {}
            text x=(cx) y=(cy + 26.0) text-anchor="middle" font-size="13" font-weight="bold" { (label(&centre.caption, 40)) }
        }
    }
}

/// What became of each record in each kept snapshot, newest first.
fn history_table(rows: &[history::Row]) -> Markup {
    use history::Event;
    html! {
        section aria-labelledby="history" {
            h2 #history { "History" }
            @if rows.is_empty() {
                p { "No kept snapshot could be read for this entity's history." }
            } @else {
                div.scroll {
                    table {
                        thead { tr { th scope="col" { "Snapshot" } th scope="col" { "Made" } th scope="col" { "Record" } th scope="col" { "What changed" } } }
                        tbody {
                            @for r in rows {
                                tr {
                                    td { code { (r.snapshot) } }
                                    td { (r.created_at) }
                                    td { code { (r.record) } }
                                    td {
                                        @match &r.event {
                                            Event::Listed => "listed (the oldest snapshot kept)",
                                            Event::Added => strong { "added" },
                                            Event::Amended(props) => { strong { "amended" } ": " (props.join(", ")) },
                                            Event::Unchanged => "unchanged",
                                            Event::Removed => strong { "removed (delisted)" },
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
}

/// The parties the lists link this one to, one link away.
fn relationships(canonical: &str, network: Option<&Subgraph>) -> Markup {
    let edges = network.map(|g| g.edges.as_slice()).unwrap_or(&[]);
    let centre = network
        .and_then(|g| g.nodes.first())
        .map_or(canonical, |n| n.id.as_str());
    let caption_of = |id: &str| {
        network
            .and_then(|g| g.nodes.iter().find(|n| n.id == id))
            .map_or_else(|| id.to_string(), |n| n.caption.clone())
    };
    html! {
        section aria-labelledby="links" {
            h2 #links { "Linked parties" }
            @if edges.is_empty() {
                p { "The lists state no link between this party and another." }
            } @else {
                @if let Some(g) = network { (star(g)) }
                table {
                    thead { tr { th scope="col" { "Link (owner or subject first)" } th scope="col" { "Party" } th scope="col" { "The list says" } th scope="col" { "Stated by" } } }
                    tbody {
                        @for e in edges {
                            @let (other, outward) = if e.source == centre { (&e.target, true) } else { (&e.source, false) };
                            tr {
                                td { @if outward { "this party → " (e.kind) } @else { (e.kind) " → this party" } }
                                td {
                                    @if other.starts_with("name:") { (caption_of(other)) " " span.source { "(not listed)" } }
                                    @else { a href=(entity_href(other)) { (caption_of(other)) } }
                                }
                                td { (e.provenance.role) @if let Some(p) = &e.provenance.percentage { " " (p) } }
                                td { (e.provenance.dataset) " " code { (e.provenance.record) } }
                            }
                        }
                    }
                }
            }
        }
    }
}
