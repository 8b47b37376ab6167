//! yente's API (OpenSanctions' matching service, version 5): the same paths, parameters,
//! request and response shapes and error codes, so yente clients work against zeef unchanged.

pub mod algorithms;
pub mod catalog;
pub mod matching;
pub mod search;

use std::sync::Arc;

use crate::error::ApiError;
use crate::state::{AppState, Loaded};

/// The data to answer with, or 503 while nothing is loaded.
pub fn loaded(state: &AppState) -> Result<Arc<Loaded>, ApiError> {
    state
        .loaded()
        .ok_or_else(|| ApiError::unavailable("The index is not loaded yet; try again shortly.", 5))
}

/// The sources `dataset` covers, or yente's 404.
pub fn dataset_sources(loaded: &Loaded, dataset: &str) -> Result<Vec<String>, ApiError> {
    loaded
        .dataset_sources(dataset)
        .ok_or_else(|| ApiError::not_found("No such dataset."))
}

/// 404 naming the first of `given` (sources or dataset names a caller filters by) that the
/// loaded snapshot does not hold: a misspelt source must not pass as "no results".
pub fn known_sources(loaded: &Loaded, field: &str, given: &[String]) -> Result<(), ApiError> {
    let Some(unknown) = given.iter().find(|s| loaded.dataset_sources(s).is_none()) else {
        return Ok(());
    };
    let held: Vec<&str> = loaded
        .manifest
        .sources
        .iter()
        .map(|s| s.source.as_str())
        .collect();
    Err(ApiError::not_found(format!(
        "No such dataset in {field}: {unknown:?} (this server holds: {})",
        held.join(", ")
    )))
}
