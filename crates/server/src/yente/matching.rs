//! `POST /match/{dataset}`: yente's query-by-example matcher.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, Path, RawQuery, State};
use axum::http::HeaderValue;
use axum::response::Response;
use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;
use zeef_audit::ScreeningRecord;
use zeef_matching::{DEFAULT_THRESHOLD, ScoredMatch, ScreenOptions};
use zeef_model::{Entity, Identification, Prop, Schema};
use zeef_resolve::{EntityHit, Resolution};
use zeef_screening::record::name_entities;

use crate::error::ApiError;
use crate::ftm::{EntityResponse, ScoredEntityResponse};
use crate::params::Params;
use crate::recording;
use crate::state::{AppState, Loaded};
use crate::work::{Stopped, Ticket};
use zeef_screening::{RecordContext, query};

/// Default results per query (yente's `MATCH_PAGE`).
pub const DEFAULT_LIMIT: usize = 5;
/// Most results per query (yente's `MAX_MATCHES`).
pub const MAX_LIMIT: usize = 500;
/// Default lowest score returned (results below the threshold come with `match: false`).
pub const DEFAULT_CUTOFF: f64 = 0.5;
/// Most ids in `exclude_entity_ids` (as yente).
pub const MAX_EXCLUDED_IDS: usize = 50;

/// One example entity of a match request.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityExample {
    pub id: Option<String>,
    #[schema(example = "Person")]
    pub schema: String,
    /// Property -> values (a string or a list of strings each).
    #[schema(value_type = Object, example = json!({"name": ["John Doe"], "birthDate": ["1975-04-21"], "nationality": ["us"]}))]
    pub properties: BTreeMap<String, Vec<String>>,
    /// Which country issued which number (`passportNumber`, `idNumber`, `taxNumber`,
    /// `registrationNumber`), as FtM's Passport and Identification entities say: the same
    /// number from another country is another document.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schema(value_type = Vec<IssuedNumber>, example = json!([{"property": "passportNumber", "number": "A1234567", "country": "ir"}]))]
    pub identifications: Vec<Identification>,
}

/// One number of an example and the country that issued it (documents `identifications`,
/// which reads into [`Identification`]).
#[derive(ToSchema)]
#[allow(dead_code)] // Only documents the shape.
pub struct IssuedNumber {
    property: IssuedProperty,
    /// The number, as the property gives it.
    number: String,
    /// The issuing country: a name or ISO code (one that cannot be read is a 400).
    country: String,
}

/// The properties whose numbers a country issues.
#[derive(ToSchema, Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(dead_code)] // Only documents the shape.
pub enum IssuedProperty {
    PassportNumber,
    IdNumber,
    TaxNumber,
    RegistrationNumber,
}

/// The body of `POST /match/{dataset}`.
#[derive(Debug, Clone, ToSchema)]
#[allow(dead_code)] // Only documents the body, which is parsed by hand for FastAPI-like errors.
pub struct EntityMatchQuery {
    /// Key -> example entity; keys are echoed in `responses`.
    queries: BTreeMap<String, EntityExample>,
    /// Feature weights, numbers by feature name (accepted for compatibility; zeef's scorer
    /// does not take them).
    weights: BTreeMap<String, f64>,
    /// Algorithm configuration (zeef's scorer takes no keys: any key is a 400).
    #[schema(value_type = Object)]
    config: BTreeMap<String, Value>,
}

/// `{"value": n, "relation": "eq"}`
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TotalSpec {
    pub value: usize,
    pub relation: String,
}

/// The answer to one example.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityMatches {
    pub status: u16,
    pub results: Vec<ScoredEntityResponse>,
    /// Number of results at or above the threshold.
    pub total: TotalSpec,
    /// The example as zeef read it (countries as codes, dates in ISO form).
    pub query: EntityExample,
}

/// The body of a match answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityMatchResponse {
    pub responses: BTreeMap<String, EntityMatches>,
    /// The scorer's features (yente 4's field, kept for older clients).
    #[schema(value_type = Object)]
    pub matcher: Value,
    pub limit: usize,
    /// The snapshot (data version) every response was computed from.
    pub snapshot: String,
}

/// A parsed example: the key, the original id and the query entity.
pub struct Example {
    pub key: String,
    pub id: Option<String>,
    pub entity: Entity,
}

/// Options for one match call, from the query string.
#[derive(Debug, Clone)]
pub struct MatchParams {
    pub limit: usize,
    pub threshold: f64,
    pub cutoff: f64,
    pub include_dataset: Vec<String>,
    pub exclude_dataset: Vec<String>,
    pub exclude_schema: Vec<Schema>,
    pub topics: Vec<String>,
    pub changed_since: Option<String>,
    pub exclude_entity_ids: Vec<String>,
    /// Results one per listed record instead of one per resolved entity.
    pub by_record: bool,
}

impl MatchParams {
    pub fn parse(p: &Params) -> Result<MatchParams, ApiError> {
        let limit = p.usize_in("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?;
        let threshold = p.f64_in("threshold", DEFAULT_THRESHOLD, 0.0, 1.0)?;
        let cutoff = p.f64_in("cutoff", DEFAULT_CUTOFF, 0.0, 1.0)?.min(threshold);
        let mut exclude_schema = Vec::new();
        for s in p.list("exclude_schema") {
            // An FtM schema zeef does not model excludes nothing zeef holds.
            if let Ok(schema) = s.parse::<Schema>() {
                exclude_schema.push(schema);
            }
        }
        let changed_since = p.get("changed_since").map(str::to_string);
        if changed_since.as_deref().is_some_and(|c| !is_timestamp(c)) {
            return Err(ApiError::invalid(
                "string_pattern_mismatch",
                &["query", "changed_since"],
                "String should be a date or time: YYYY-MM-DD[THH:MM[:SS]]",
            ));
        }
        let exclude_entity_ids = p.list("exclude_entity_ids");
        if exclude_entity_ids.len() > MAX_EXCLUDED_IDS {
            return Err(ApiError::invalid(
                "too_long",
                &["query", "exclude_entity_ids"],
                format!("List should have at most {MAX_EXCLUDED_IDS} items"),
            ));
        }
        Ok(MatchParams {
            limit,
            threshold,
            cutoff,
            include_dataset: p.list("include_dataset"),
            exclude_dataset: p.list("exclude_dataset"),
            exclude_schema,
            topics: p.list("topics"),
            changed_since,
            exclude_entity_ids,
            by_record: p.bool_or("by_record", false)?,
        })
    }
}

/// `2024-01-01`, `2024-01-01T10:00`, `2024-01-01T10:00:00` (the start of yente's pattern).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    let real_day = || {
        let (y, m, d) = (s.get(0..4)?, s.get(5..7)?, s.get(8..10)?);
        let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
        time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
    };
    let real_time = || {
        let (h, m) = (
            s.get(11..13)?.parse::<u8>().ok()?,
            s.get(14..16)?.parse::<u8>().ok()?,
        );
        let sec = match s.get(16..).and_then(|rest| rest.strip_prefix(':')) {
            None => 0,
            Some(rest) => rest.get(..2)?.parse::<u8>().ok()?,
        };
        time::Time::from_hms(h, m, sec).ok()
    };
    real_day().is_some()
        && (b.len() == 10 || real_time().is_some())
        && b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && (b.len() == 10
            || (b.len() >= 16
                && b[10] == b'T'
                && digits(11..13)
                && b[13] == b':'
                && digits(14..16)))
}

/// The queries (key, raw example) and the `config` of a match body.
pub type RawBody = (Vec<(String, Value)>, Map<String, Value>);
/// An example's id, schema name and properties, before the schema is checked.
/// An example as given: id, schema, properties, and the issuing countries of its numbers.
type RawExample = (
    Option<String>,
    String,
    BTreeMap<String, Vec<String>>,
    Vec<Identification>,
);

/// Reads a match body, answering malformed input as FastAPI does: 422 with the location.
pub fn parse_body(body: &[u8]) -> Result<RawBody, ApiError> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid("json_invalid", &["body"], format!("JSON decode error: {e}"))
    })?;
    let Value::Object(mut obj) = v else {
        return Err(ApiError::invalid(
            "model_attributes_type",
            &["body"],
            "Input should be a valid dictionary or object",
        ));
    };
    if let Some(w) = obj.get("weights") {
        let ok = w
            .as_object()
            .is_some_and(|m| m.values().all(Value::is_number));
        if !ok {
            return Err(ApiError::invalid(
                "dict_type",
                &["body", "weights"],
                "Input should be an object of numbers",
            ));
        }
    }
    let config = match obj.remove("config") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(m)) => m,
        Some(_) => {
            return Err(ApiError::invalid(
                "dict_type",
                &["body", "config"],
                "Input should be a valid dictionary",
            ));
        }
    };
    let queries = match obj.remove("queries") {
        Some(Value::Object(m)) => m.into_iter().collect(),
        None => {
            return Err(ApiError::invalid(
                "missing",
                &["body", "queries"],
                "Field required",
            ));
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "dict_type",
                &["body", "queries"],
                "Input should be a valid dictionary",
            ));
        }
    };
    Ok((queries, config))
}

/// Checks one example's shape (422) and reads it; the schema is checked later (400).
fn read_example(key: &str, v: &Value) -> Result<RawExample, ApiError> {
    let loc = |f: &'static str| -> Vec<&str> {
        if f.is_empty() {
            vec!["body", "queries", key]
        } else {
            vec!["body", "queries", key, f]
        }
    };
    let Some(obj) = v.as_object() else {
        return Err(ApiError::invalid(
            "model_attributes_type",
            &loc(""),
            "Input should be a valid dictionary or object",
        ));
    };
    let schema = match obj.get("schema") {
        Some(Value::String(s)) => s.clone(),
        None | Some(Value::Null) => {
            return Err(ApiError::invalid(
                "missing",
                &loc("schema"),
                "Field required",
            ));
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "string_type",
                &loc("schema"),
                "Input should be a valid string",
            ));
        }
    };
    let id = obj.get("id").and_then(Value::as_str).map(str::to_string);
    let props = match obj.get("properties") {
        Some(Value::Object(m)) => m,
        None | Some(Value::Null) => {
            return Err(ApiError::invalid(
                "missing",
                &loc("properties"),
                "Field required",
            ));
        }
        Some(_) => {
            return Err(ApiError::invalid(
                "dict_type",
                &loc("properties"),
                "Input should be a valid dictionary",
            ));
        }
    };
    let mut properties = BTreeMap::new();
    for (prop, value) in props {
        let values: Vec<String> = match value {
            Value::Array(items) => items.iter().filter_map(scalar).collect(),
            other => scalar(other).into_iter().collect(),
        };
        properties.insert(prop.clone(), values);
    }
    // Beside FtM's properties, as FtM's Identification and Passport entities give them: which
    // country issued a number (the same number from another country is another document).
    let identifications = match obj.get("identifications") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| {
            ApiError::invalid(
                "list_type",
                &loc("identifications"),
                format!("Input should be a list of {{\"property\", \"number\", \"country\"}}: {e}"),
            )
        })?,
    };
    Ok((id, schema, properties, identifications))
}

/// A property value as text: strings, numbers and booleans; nested entities by their id.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Object(m) => m.get("id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

/// Screens one example against `sources` with the call's options: one result per resolved
/// entity (the merged entity, seen through its best-scoring listing) unless `by_record`. The
/// hits behind the results come too, with their entities (what a recording server files).
/// None when `stop` said to give up.
fn match_answered(
    loaded: &Loaded,
    ex: &Example,
    sources: &[String],
    p: &MatchParams,
    stop: &dyn Fn() -> bool,
) -> Option<(EntityMatches, Answered)> {
    let res = loaded.resolution(p.by_record);
    let opts = ScreenOptions {
        threshold: p.threshold,
        // Filters below run after scoring, so keep every candidate above the cutoff.
        limit: usize::MAX,
        sources: Some(sources.to_vec()),
        schema: None,
        exclude_ids: excluded_records(res, &p.exclude_entity_ids),
        include_below_threshold: true,
        cutoff: p.cutoff,
    };
    let (hits, entities) = if query::can_screen(&ex.entity) {
        zeef_resolve::grouping::screen_until(&loaded.index, res, &ex.entity, &opts, stop)?
    } else {
        Default::default()
    };
    let mut results = Vec::new();
    let mut answered: Answered = Default::default();
    let mut matches = 0;
    for (i, hit) in hits.iter().enumerate() {
        let entity = match entities.get(i) {
            Some(e) => EntityResponse::of_hit(e, loaded),
            None => loaded
                .index
                .entity(hit.index)
                .map(|e| EntityResponse::new(&e, loaded)),
        };
        let Some(entity) = entity else { continue };
        if !keep(
            &entity,
            ex.entity.schema,
            hit.explanation.by_identifier(),
            p,
        ) {
            continue;
        }
        if hit.score >= p.threshold || hit.explanation.is_conflict() {
            matches += 1;
        }
        if results.len() < p.limit {
            results.push(ScoredEntityResponse::of(entity, hit, p.threshold));
            answered.0.push(hit.clone());
            answered.1.extend(entities.get(i).cloned());
        }
    }
    let matches = EntityMatches {
        status: 200,
        results,
        total: TotalSpec {
            value: matches,
            relation: "eq".to_string(),
        },
        query: EntityExample {
            id: ex.id.clone(),
            schema: ex.entity.schema.as_str().to_string(),
            properties: query::properties(&ex.entity),
            identifications: ex.entity.identifications.clone(),
        },
    };
    Some((matches, answered))
}

/// The hits a match answered with, and their resolved entities (none by record).
type Answered = (Vec<ScoredMatch>, Vec<EntityHit>);

/// The record ids `exclude_entity_ids` leaves out: each id as given, and where it names a
/// resolved entity (by canonical id or any of its records), every record of that entity.
fn excluded_records(res: Option<&Resolution>, ids: &[String]) -> Vec<String> {
    let mut out = ids.to_vec();
    if let Some(res) = res {
        for id in ids {
            if let Some(c) = res.resolved.find(id) {
                out.extend(c.referents.iter().cloned());
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The audit record of one example: filed under its `id` if it has one, else `http:<key>`.
fn match_record(
    loaded: &Loaded,
    ex: &Example,
    sources: &[String],
    p: &MatchParams,
    (hits, entities): &Answered,
) -> ScreeningRecord {
    let ctx = RecordContext::new(&loaded.manifest, Some(sources), p.threshold);
    let mut record = ctx.record(
        &recording::http_subject_id(ex.id.as_deref(), &ex.key),
        zeef_screening::record::query_fields(&ex.entity),
        &loaded.index,
        hits,
    );
    name_entities(&mut record, entities);
    record
}

/// yente's filters on a scored result (a record, or a merged entity): matchable schema,
/// `exclude_schema`, `topics`.
fn keep(e: &EntityResponse, query_schema: Schema, by_identifier: bool, p: &MatchParams) -> bool {
    let Ok(schema) = e.schema.parse::<Schema>() else {
        return false;
    };
    // A party found by an identifier stays whatever its schema: a wallet finds its holder.
    let matchable = by_identifier || query_schema.can_match(schema);
    if !matchable || p.exclude_schema.contains(&schema) {
        return false;
    }
    let topics = e.properties.get(Prop::Topics.as_str());
    if !p.topics.is_empty() && !topics.is_some_and(|ts| ts.iter().any(|t| p.topics.contains(t))) {
        return false;
    }
    true
}

/// Drops sources whose list has not changed since `since` (compared as ISO text).
fn changed_sources(loaded: &Loaded, sources: Vec<String>, since: Option<&str>) -> Vec<String> {
    let Some(since) = since else { return sources };
    sources
        .into_iter()
        .filter(|s| {
            loaded
                .dates(s)
                .last_change
                .is_some_and(|c| c.as_str() >= since)
        })
        .collect()
}

/// Query by example: screens each example entity against the dataset.
#[utoipa::path(post, path = "/match/{dataset}", tag = "Matching",
    params(
        ("dataset" = String, Path, description = "A source (`un`, `ofac_sdn`, ...) or a collection of all (`default`, `sanctions`)"),
        ("limit" = Option<usize>, Query, minimum = 1, maximum = 500, description = "Results per query (default 5, at most 500)"),
        ("threshold" = Option<f64>, Query, minimum = 0, maximum = 1, description = "Score at or above which a result is a match (default 0.7)"),
        ("cutoff" = Option<f64>, Query, minimum = 0, maximum = 1, description = "Lowest score returned at all (default 0.5, never above threshold)"),
        ("algorithm" = Option<String>, Query, description = "`zeef` (yente's names are accepted as aliases)"),
        ("include_dataset" = Option<Vec<String>>, Query, description = "Only these datasets"),
        ("exclude_dataset" = Option<Vec<String>>, Query, description = "Not these datasets"),
        ("exclude_schema" = Option<Vec<String>>, Query, description = "Not these schemata"),
        ("topics" = Option<Vec<String>>, Query, description = "Only entities with any of these topics"),
        ("changed_since" = Option<String>, Query, format = Date, description = "Only lists changed since this day (a date and time, `2024-01-01T10:00[:00]`, is read too); a day that does not exist is a 422"),
        ("exclude_entity_ids" = Option<Vec<String>>, Query, description = "Never return these ids (at most 50): record ids, or canonical ids of resolved entities"),
        ("by_record" = Option<bool>, Query, description = "One result per listed record instead of one per resolved entity (the merged entity, with `referents` and `listings`; default false)"),
    ),
    request_body = EntityMatchQuery,
    responses(
        (status = 200, body = EntityMatchResponse),
        (status = 400, description = "Unknown schema, algorithm or config key; too many queries; no queries", body = crate::error::ErrorResponse),
        (status = 404, description = "No such dataset (in the path or in include_dataset)", body = crate::error::ErrorResponse),
        (status = 413, description = "Body too large", body = crate::error::ErrorResponse),
        (status = 422, description = "Malformed body or parameter", body = crate::error::ErrorResponse),
        (status = 503, description = "Not loaded yet, overloaded or timed out", body = crate::error::ErrorResponse),
    ))]
pub async fn match_entities(
    State(state): State<Arc<AppState>>,
    Extension(ticket): Extension<Arc<Ticket>>,
    Path(dataset): Path<String>,
    RawQuery(raw): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body?;
    let (raw_queries, config) = parse_body(&body)?;
    let mut examples_raw = Vec::new();
    for (key, v) in &raw_queries {
        if v.is_null() {
            continue;
        }
        examples_raw.push((key.clone(), read_example(key, v)?));
    }
    let params = Params::parse(raw.as_deref());
    let p = MatchParams::parse(&params)?;
    let loaded = super::loaded(&state)?;
    let dataset_sources = super::dataset_sources(&loaded, &dataset)?;
    super::known_sources(&loaded, "include_dataset", &p.include_dataset)?;
    let algorithm = super::algorithms::resolve(params.get("algorithm"))?;
    for key in config.keys() {
        if !super::algorithms::CONFIG_KEYS.contains(&key.as_str()) {
            return Err(ApiError::bad_request(format!(
                "Invalid configuration parameter: {key} for algorithm {algorithm}"
            )));
        }
    }
    if raw_queries.len() > state.config.max_batch {
        return Err(ApiError::bad_request(format!(
            "Too many queries in one batch (limit: {})",
            state.config.max_batch
        )));
    }
    let mut examples = Vec::with_capacity(examples_raw.len());
    for (key, (id, schema, properties, identifications)) in examples_raw {
        let schema: Schema = schema.parse().map_err(|_| {
            ApiError::bad_request(format!(
                "Cannot parse example entity: Unknown schema: '{schema}'"
            ))
        })?;
        let cannot_read = |e: query::QueryError| {
            ApiError::bad_request(format!("Cannot read example entity {key}: {e}"))
        };
        let mut entity = query::from_properties(id.as_deref().unwrap_or(&key), schema, &properties)
            .map_err(cannot_read)?;
        query::add_issuers(&mut entity, &identifications).map_err(cannot_read)?;
        examples.push(Example { key, id, entity });
    }
    if examples.is_empty() {
        return Err(ApiError::bad_request("No queries provided."));
    }
    let mut sources: Vec<String> = dataset_sources
        .into_iter()
        .filter(|s| p.include_dataset.is_empty() || p.include_dataset.contains(s))
        .filter(|s| !p.exclude_dataset.contains(s))
        .collect();
    sources = changed_sources(&loaded, sources, p.changed_since.as_deref());
    let batch = examples.len();
    let limit = p.limit;
    let snapshot = loaded.version().to_string();
    let record = state.config.record.is_some();
    let job = move |ticket: &Ticket| {
        let stop = || ticket.should_stop();
        let mut records = Vec::new();
        let mut responses = BTreeMap::new();
        for ex in &examples {
            let (matches, hits) =
                match_answered(&loaded, ex, &sources, &p, &stop).ok_or(Stopped)?;
            if record {
                records.push(match_record(&loaded, ex, &sources, &p, &hits));
            }
            responses.insert(ex.key.clone(), matches);
        }
        let body = EntityMatchResponse {
            responses,
            matcher: super::algorithms::feature_docs(),
            limit,
            snapshot,
        };
        Ok((crate::work::to_json(&body), records))
    };
    let (body, records) = state.pool.run(ticket, job).await?;
    if state.config.record.is_some() {
        recording::commit(&state, records).await?;
    }
    let mut resp = crate::work::json_response(body);
    resp.headers_mut()
        .insert("x-batch-size", HeaderValue::from(batch));
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert!(is_timestamp("2024-01-01"));
        assert!(is_timestamp("2024-01-01T10:00"));
        assert!(is_timestamp("2024-01-01T10:00:00"));
        assert!(!is_timestamp("2024-1-01"));
        assert!(!is_timestamp("yesterday"));
        assert!(!is_timestamp("2024-01-01 10"));
        assert!(!is_timestamp("2024-13-99"));
        assert!(!is_timestamp("2024-02-30"));
        assert!(!is_timestamp("2024-01-01T25:00"));
    }

    #[test]
    fn body_errors_are_422_with_location() {
        let e = parse_body(b"{not json").err().map(|e| e.status.as_u16());
        assert_eq!(e, Some(422));
        let e = parse_body(b"{}").err().map(|e| e.detail.to_string());
        assert!(e.is_some_and(|d| d.contains("queries")));
        let v: Value = serde_json::json!({"x": {"properties": {}}});
        let e = read_example("x", &v["x"])
            .err()
            .map(|e| e.detail.to_string());
        assert!(e.is_some_and(|d| d.contains("schema") && d.contains("missing")));
        let v: Value = serde_json::json!({"schema": "Person", "properties": {"name": "A B", "x": [1, true, null, {"id": "e1"}]}});
        let (_, schema, props, _) = read_example("k", &v).unwrap_or_default();
        assert_eq!(schema, "Person");
        assert_eq!(props["name"], ["A B"]);
        assert_eq!(props["x"], ["1", "true", "e1"]);
    }
}
