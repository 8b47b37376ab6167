//! `GET /algorithms` and the algorithm names `/match` accepts.

use axum::Json;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::error::ApiError;

use zeef_screening::{ALGORITHM, ALGORITHM_FAMILY};

/// yente's algorithm names, accepted so that clients that name one keep working: all of them
/// run zeef's scorer (listed as such by `/algorithms`).
pub const YENTE_ALIASES: &[&str] = &[
    "best",
    "default",
    "logic-v1",
    "logic-v2",
    "name-based",
    "name-qualified",
    "regression-v1",
    "regression-v2",
    "regression-v3",
];

/// Checks an `algorithm` parameter: 400 for a name zeef does not know, like yente.
pub fn resolve(name: Option<&str>) -> Result<&'static str, ApiError> {
    match name {
        None => Ok(ALGORITHM),
        Some(n) if n == ALGORITHM || n == ALGORITHM_FAMILY || YENTE_ALIASES.contains(&n) => {
            Ok(ALGORITHM)
        }
        Some(n) => Err(ApiError::bad_request(format!("Invalid algorithm: {n}"))),
    }
}

/// Configuration keys zeef's scorer takes in a match body's `config` (none yet: any key is a
/// 400, as yente answers a key its algorithm does not have).
pub const CONFIG_KEYS: &[&str] = &[];

/// The features zeef's scorer adds up, with what each means.
pub fn feature_docs() -> Value {
    let doc = |d: &str| json!({ "description": d, "coefficient": 1.0, "url": "" });
    json!({
        "name": doc("Similarity of the best pair of names, part by part (spelling, transliteration, phonetics, typos), weighted by how informative each part is."),
        "birthDate": doc("Birth dates agree (day, month, year) or conflict; conflicts cost more for common names."),
        "country": doc("Nationality, citizenship or country overlap, or all differ."),
        "gender": doc("Genders differ."),
        "identifier": doc("The same identifier number (strong evidence), or a different number of the same kind."),
        "schema": doc("The entity types cannot be the same thing."),
    })
}

/// One algorithm as yente lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Algorithm {
    pub name: String,
    pub description: Option<String>,
    #[schema(value_type = Object)]
    pub features: Value,
    #[schema(value_type = Object)]
    pub docs: Value,
}

/// `GET /algorithms` body.
#[derive(Debug, Serialize, ToSchema)]
pub struct AlgorithmResponse {
    pub algorithms: Vec<Algorithm>,
    pub default: String,
    pub best: String,
}

fn algorithm(name: &str, description: String) -> Algorithm {
    Algorithm {
        name: name.to_string(),
        description: Some(description.clone()),
        features: feature_docs(),
        docs: json!({
            "name": name,
            "description": description,
            "config": {},
            "features": feature_docs(),
        }),
    }
}

/// The scoring algorithms: zeef's, and the yente names accepted as aliases of it.
#[utoipa::path(get, path = "/algorithms", tag = "System information",
    responses((status = 200, body = AlgorithmResponse)))]
pub async fn algorithms() -> Json<AlgorithmResponse> {
    let mut list = vec![algorithm(
        ALGORITHM,
        "zeef's explainable scorer: name similarity aligned part by part, then birth date, country, gender, identifier and schema evidence added or taken away.".to_string(),
    )];
    list.push(algorithm(
        ALGORITHM_FAMILY,
        format!("zeef's scorer in its current version, `{ALGORITHM}`."),
    ));
    for alias in YENTE_ALIASES {
        list.push(algorithm(
            alias,
            format!("yente's name, accepted for compatibility: runs the `{ALGORITHM}` scorer."),
        ));
    }
    Json(AlgorithmResponse {
        algorithms: list,
        default: ALGORITHM.to_string(),
        best: ALGORITHM.to_string(),
    })
}
