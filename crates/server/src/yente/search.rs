//! `GET /search/{dataset}` (a name search through the index) and `GET /entities/{id}`.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::response::Response;
use serde::Serialize;
use utoipa::ToSchema;
use zeef_matching::ScreenOptions;
use zeef_model::{Entity, Prop, Schema};
use zeef_resolve::{Listing, Resolution};

use super::matching::TotalSpec;
use crate::error::ApiError;
use crate::ftm::EntityResponse;
use crate::params::Params;
use crate::state::{AppState, Loaded};
use crate::work::{Stopped, Ticket};

/// Most results one search page returns (yente's `MAX_PAGE`).
pub const MAX_PAGE: usize = 500;
/// Deepest offset (yente's `MAX_OFFSET`).
pub const MAX_OFFSET: usize = 9_499;
/// Lowest name score a search result may have.
const SEARCH_CUTOFF: f64 = 0.3;

/// One facet value and its count among the results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchFacetItem {
    pub name: String,
    pub label: String,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchFacet {
    pub label: String,
    pub values: Vec<SearchFacetItem>,
}

/// `GET /search/{dataset}` body.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchResponse {
    pub limit: usize,
    pub offset: usize,
    pub total: TotalSpec,
    pub results: Vec<EntityResponse>,
    pub facets: BTreeMap<String, SearchFacet>,
}

/// The schema filter of a search: yente's default `Thing` (and `LegalEntity`'s parents)
/// filter nothing.
fn schema_filter(s: Option<&str>) -> Result<Option<Schema>, ApiError> {
    match s {
        None | Some("Thing") => Ok(None),
        Some(name) => name
            .parse::<Schema>()
            .map(Some)
            .map_err(|_| ApiError::bad_request("Invalid schema")),
    }
}

fn countries(e: &Entity) -> impl Iterator<Item = &String> {
    Prop::COUNTRIES.iter().flat_map(move |p| e.get(*p).iter())
}

/// Simple name search: the index screens `q` as a name; filters by schema, countries,
/// topics and datasets. One result per resolved entity (the merged entity, with `referents`
/// and `listings`, found through its best-scoring record that passes the filters) unless
/// `by_record`; `total`, `limit`, `offset` and the facets count those results.
#[utoipa::path(get, path = "/search/{dataset}", tag = "Matching",
    params(
        ("dataset" = String, Path, description = "A source or `default`"),
        ("q" = Option<String>, Query, description = "A name"),
        ("schema" = Option<String>, Query, description = "Only this schema (default Thing: all)"),
        ("countries" = Option<Vec<String>>, Query, description = "Only entities linked to these countries (ISO codes)"),
        ("topics" = Option<Vec<String>>, Query, description = "Only entities with these topics"),
        ("datasets" = Option<Vec<String>>, Query, description = "Only these datasets"),
        ("limit" = Option<usize>, Query, minimum = 0, maximum = 500, description = "Page size (default 10, at most 500)"),
        ("offset" = Option<usize>, Query, minimum = 0, maximum = 9499, description = "Start at result (at most 9,499)"),
        ("by_record" = Option<bool>, Query, description = "One result per listed record instead of one per resolved entity (the merged entity, with `referents` and `listings`; default false)"),
    ),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, description = "Invalid schema, or a name longer than one query may ask for", body = crate::error::ErrorResponse),
        (status = 404, description = "No such dataset", body = crate::error::ErrorResponse),
        (status = 422, description = "A parameter of the wrong type or out of bounds", body = crate::error::ErrorResponse),
        (status = 503, description = "Not loaded yet, overloaded or timed out", body = crate::error::ErrorResponse),
    ))]
pub async fn search(
    State(state): State<Arc<AppState>>,
    Extension(ticket): Extension<Arc<Ticket>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    let limit = p.usize_in("limit", 10, 0, MAX_PAGE)?;
    let offset = p.usize_in("offset", 0, 0, MAX_OFFSET)?;
    let by_record = p.bool_or("by_record", false)?;
    let loaded = super::loaded(&state)?;
    let mut sources = super::dataset_sources(&loaded, &dataset)?;
    let schema = schema_filter(p.get("schema"))?;
    let wanted_countries: Vec<String> = p
        .list("countries")
        .iter()
        .map(|c| {
            zeef_model::country::code(c)
                .map(str::to_string)
                .unwrap_or(c.to_ascii_lowercase())
        })
        .collect();
    let topics = p.list("topics");
    let datasets = p.list("datasets");
    super::known_sources(&loaded, "datasets", &datasets)?;
    if !datasets.is_empty() {
        sources.retain(|s| datasets.contains(s));
    }
    let q = p.get("q").map(str::trim).unwrap_or("");
    let name_query = match q.is_empty() {
        true => None,
        false => {
            let mut props = BTreeMap::new();
            props.insert("name".to_string(), vec![q.to_string()]);
            let qe = zeef_screening::query::from_properties(
                "search",
                schema.unwrap_or(Schema::LegalEntity),
                &props,
            )
            .map_err(|e| ApiError::bad_request(e.to_string()))?;
            Some(qe)
        }
    };
    let job = move |ticket: &Ticket| {
        let keep = |e: &Entity| {
            sources.contains(&e.provenance.source)
                && schema.is_none_or(|s| e.schema.is_a(s))
                && (wanted_countries.is_empty()
                    || countries(e).any(|c| wanted_countries.contains(c)))
                && (topics.is_empty() || e.get(Prop::Topics).iter().any(|t| topics.contains(t)))
        };
        let found: Vec<Entity> = if let Some(qe) = &name_query {
            let opts = ScreenOptions {
                limit: usize::MAX,
                sources: Some(sources.clone()),
                schema,
                include_below_threshold: true,
                cutoff: SEARCH_CUTOFF,
                ..ScreenOptions::default()
            };
            loaded
                .index
                .screen_until(qe, &opts, &|| ticket.should_stop())
                .ok_or(Stopped)?
                .iter()
                .filter_map(|h| loaded.index.entity(h.index))
                .filter(|e| keep(e))
                .collect()
        } else {
            // Source and schema are read without decoding: only entities that pass them are.
            let index = &loaded.index;
            let mut found = Vec::new();
            for i in 0..index.len() {
                if i % 4096 == 0 && ticket.should_stop() {
                    return Err(Stopped);
                }
                let wanted = index
                    .source(i)
                    .is_some_and(|s| sources.iter().any(|x| x == s))
                    && index
                        .schema(i)
                        .is_some_and(|t| schema.is_none_or(|s| t.is_a(s)));
                if let Some(e) = wanted.then(|| index.entity(i)).flatten()
                    && keep(&e)
                {
                    found.push(e);
                }
            }
            found
        };
        let results = match loaded.resolution(by_record) {
            Some(res) => by_entity(&loaded, res, found),
            None => found
                .into_iter()
                .map(|e| Found::Record(Box::new(e)))
                .collect(),
        };
        Ok(crate::work::to_json(&page(
            &loaded, &results, limit, offset,
        )))
    };
    let body = state.pool.run(ticket, job).await?;
    Ok(crate::work::json_response(body))
}

/// One search result: a listed record, or a resolved entity.
enum Found {
    Record(Box<Entity>),
    Resolved {
        /// The canonical id (the record id where the clusters do not know the record).
        id: String,
        /// Its records: the one found first, then the others in record id order.
        members: Vec<Entity>,
    },
}

impl Found {
    fn members(&self) -> &[Entity] {
        match self {
            Found::Record(e) => std::slice::from_ref(&**e),
            Found::Resolved { members, .. } => members,
        }
    }

    fn response(&self, loaded: &Loaded) -> Option<EntityResponse> {
        match self {
            Found::Record(e) => Some(EntityResponse::new(e, loaded)),
            Found::Resolved { id, members } => {
                let listings = members.iter().map(|m| Listing::of(m, None)).collect();
                EntityResponse::merged(id, members, listings, loaded)
            }
        }
    }
}

/// The records found (best first), one result per resolved entity: each entity where its
/// first record found stands, with every record of it.
fn by_entity(loaded: &Loaded, res: &Resolution, found: Vec<Entity>) -> Vec<Found> {
    let mut seen: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    for e in found {
        let Some(c) = res.resolved.cluster_of_record(&e.id) else {
            let id = e.id.clone();
            out.push(Found::Resolved {
                id,
                members: vec![e],
            });
            continue;
        };
        if !seen.insert(c) {
            continue;
        }
        let Some(cluster) = res.resolved.clusters.get(c) else {
            continue;
        };
        let others: Vec<Entity> = cluster
            .referents
            .iter()
            .filter(|r| **r != e.id)
            .filter_map(|r| loaded.index.get(r))
            .collect();
        out.push(Found::Resolved {
            id: cluster.id.clone(),
            members: std::iter::once(e).chain(others).collect(),
        });
    }
    out
}

/// A page of results, with facets over all of them (a value counted once per result).
fn page(loaded: &Loaded, found: &[Found], limit: usize, offset: usize) -> SearchResponse {
    let mut facets = BTreeMap::new();
    let mut count = |name: &str, label: &str, values: &mut dyn Iterator<Item = String>| {
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for v in values {
            *counts.entry(v).or_insert(0) += 1;
        }
        let mut items: Vec<SearchFacetItem> = counts
            .into_iter()
            .map(|(name, count)| SearchFacetItem {
                label: zeef_model::country::name(&name)
                    .filter(|_| label == "Countries")
                    .map(str::to_string)
                    .unwrap_or_else(|| name.clone()),
                name,
                count,
            })
            .collect();
        items.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
        facets.insert(
            name.to_string(),
            SearchFacet {
                label: label.to_string(),
                values: items,
            },
        );
    };
    // Each result's values, each once.
    let values = |f: &Found, of: &dyn Fn(&Entity) -> Vec<String>| {
        let mut v: Vec<String> = f.members().iter().flat_map(of).collect();
        v.sort();
        v.dedup();
        v
    };
    count(
        "countries",
        "Countries",
        &mut found
            .iter()
            .flat_map(|f| values(f, &|e| countries(e).cloned().collect())),
    );
    count(
        "topics",
        "Topics",
        &mut found
            .iter()
            .flat_map(|f| values(f, &|e| e.get(Prop::Topics).to_vec())),
    );
    count(
        "datasets",
        "Data sources",
        &mut found
            .iter()
            .flat_map(|f| values(f, &|e| vec![e.provenance.source.clone()])),
    );
    SearchResponse {
        limit,
        offset,
        total: TotalSpec {
            value: found.len(),
            relation: "eq".to_string(),
        },
        results: found
            .iter()
            .skip(offset)
            .take(limit)
            .filter_map(|f| f.response(loaded))
            .collect(),
        facets,
    }
}

/// One entity by id, as FtM JSON with zeef's provenance: a listed record (naming its resolved
/// entity in `resolved_id`), or a resolved entity by its canonical id or an id merged into it
/// (the merged entity, with `referents` and `listings`).
#[utoipa::path(get, path = "/entities/{entity_id}", tag = "Data access",
    params(("entity_id" = String, Path, description = "A record id (e.g. un-QDi.299) or a resolved entity's canonical id (zeef-…), current or merged away")),
    responses(
        (status = 200, body = EntityResponse),
        (status = 404, description = "No such entity", body = crate::error::ErrorResponse),
        (status = 503, description = "Not loaded yet, overloaded or timed out", body = crate::error::ErrorResponse),
    ))]
pub async fn entity(
    State(state): State<Arc<AppState>>,
    Path(entity_id): Path<String>,
) -> Result<Json<EntityResponse>, ApiError> {
    let loaded = super::loaded(&state)?;
    if let Some(e) = loaded.index.get(&entity_id) {
        return Ok(Json(EntityResponse::record(&e, &loaded)));
    }
    EntityResponse::resolved(&entity_id, &loaded)
        .map(Json)
        .ok_or_else(|| ApiError::not_found("No such entity!"))
}
