//! `GET /graph/{entity_id}`: the network around a listed party, as `zeef graph --json` prints
//! it (yente's `/entities/{id}/adjacent` gives an entity's adjacent entities by property; this
//! gives nodes and edges, several links deep).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, RawQuery, State};
use zeef_graph::Subgraph;

use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;

/// Most links a query may follow: depth 3 around the most linked parties is already thousands
/// of nodes.
pub const MAX_DEPTH: usize = 3;

/// The parties within `depth` links of a listed party, and the links between them.
#[utoipa::path(get, path = "/graph/{entity_id}", tag = "Data access",
    params(
        ("entity_id" = String, Path, description = "A record id (ofac_sdn-4697), a resolved entity's canonical id (zeef-…), or name:… for a party the lists name but do not list"),
        ("depth" = Option<usize>, Query, description = "How many links away to follow (1 to 3, default 1)", minimum = 1, maximum = 3),
    ),
    responses(
        (status = 200, description = "The party first, then the others by distance; edges run owner to asset, subject to object", body = Subgraph),
        (status = 404, description = "No such party in the network", body = crate::error::ErrorResponse),
        (status = 422, description = "A depth that is not a whole number from 1 to 3", body = crate::error::ErrorResponse),
        (status = 503, description = "No lists loaded yet", body = crate::error::ErrorResponse),
    ))]
pub async fn graph(
    State(state): State<Arc<AppState>>,
    Path(entity_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Result<Json<Subgraph>, ApiError> {
    let depth = Params::parse(raw.as_deref()).usize_in("depth", 1, 1, MAX_DEPTH)?;
    let loaded = crate::yente::loaded(&state)?;
    loaded
        .network
        .neighbourhood(&entity_id, depth)
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("No party {entity_id:?} in the network")))
}
