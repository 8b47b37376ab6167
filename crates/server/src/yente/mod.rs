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
