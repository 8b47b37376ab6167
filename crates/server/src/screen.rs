//! zeef's own screening API: `GET /screen?name=...` for one query and `POST /screen` for a
//! batch. Fields are read as the CLI reads them and the answer has the shape `zeef screen
//! --json` prints, both from `zeef-screening`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Extension, RawQuery, State};
use axum::response::Response;
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;
use zeef_audit::ScreeningRecord;
use zeef_matching::{DEFAULT_LIMIT, DEFAULT_THRESHOLD, ScoredMatch, ScreenOptions};
use zeef_model::Entity;
use zeef_resolve::EntityHit;
use zeef_screening::query::MAX_NAME_CHARS;
use zeef_screening::record::name_entities;
use zeef_screening::result::name_by_entities;
use zeef_screening::{QueryFields, RecordContext, ScreenResponse, screen_response};

use crate::error::ApiError;
use crate::params::Params;
use crate::recording;
use crate::state::{AppState, Loaded};
use crate::work::{Stopped, Ticket};

/// Most results per query.
pub const MAX_LIMIT: usize = 500;

/// One screening query. Unknown fields are refused (422): a misspelt field must not pass
/// silently as a screening with less information.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreenQuery {
    /// Names (one or several; none blank).
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = names_schema, example = json!(["Abu Bakr al-Baghdadi"]))]
    pub name: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub birth_date: Vec<String>,
    /// Countries linked to the party (names or ISO codes).
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub country: Vec<String>,
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub nationality: Vec<String>,
    /// `male` or `female`.
    pub gender: Option<String>,
    /// Identifiers of any kind (passport, national id, tax or registration number, IMO
    /// number, LEI, BIC, wallet address); an identifier alone is a query.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub id: Vec<String>,
    /// The country that issued the `id` numbers (a name or ISO code): the same number issued
    /// by another country is another document. A nationality is never read as an issuer.
    pub id_country: Option<String>,
    /// IMO ship numbers (`IMO 7406784` or `7406784`).
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub imo: Vec<String>,
    /// Digital currency (crypto wallet) addresses: a hit names the listed holder.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub wallet: Vec<String>,
    /// The wallets' currency (`XBT`, `ETH`, `USDT`...).
    pub currency: Option<String>,
    /// SWIFT/BIC codes.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub bic: Vec<String>,
    /// Legal Entity Identifiers.
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub lei: Vec<String>,
    /// Person, Organization, Company, LegalEntity, Vessel, Airplane (default LegalEntity:
    /// a person or an organisation).
    pub schema: Option<String>,
    /// Only these sources (`un`, `ofac_sdn`, ...).
    #[serde(default, deserialize_with = "one_or_many")]
    #[schema(schema_with = strings_schema)]
    pub source: Vec<String>,
    /// Score at or above which a result is a match (default 0.7).
    #[schema(minimum = 0, maximum = 1)]
    pub threshold: Option<f64>,
    /// Most results (default 10, at most 500).
    #[serde(default, deserialize_with = "whole_number")]
    #[schema(minimum = 1, maximum = 500)]
    pub limit: Option<usize>,
    /// The caller's id for the party, under which a recording server (`zeef serve
    /// --record`) files the screening (default `http:<first name>`).
    pub subject_id: Option<String>,
    /// One result per listed record, as the lists have them, instead of one per resolved
    /// entity (default false).
    #[serde(default)]
    pub by_record: bool,
}

/// A name as a query gives it, in the OpenAPI document: not blank, at most
/// [`MAX_NAME_CHARS`] characters (and at most [`zeef_screening::query::MAX_NAME_WORDS`]
/// words, which a schema cannot say: more is a 400).
pub struct QueryName;

impl utoipa::PartialSchema for QueryName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .min_length(Some(1))
            .max_length(Some(MAX_NAME_CHARS))
            .pattern(Some(r"\S"))
            .into()
    }
}

impl utoipa::ToSchema for QueryName {}

/// `name` in a body: one name, or a list of at least one (what [`one_or_many`] reads).
fn names_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::PartialSchema;
    utoipa::openapi::schema::OneOfBuilder::new()
        .item(QueryName::schema())
        .item(
            utoipa::openapi::schema::ArrayBuilder::new()
                .items(QueryName::schema())
                .min_items(Some(1)),
        )
        .build()
        .into()
}

/// A list field in a body: one string, a list of strings, or `null` for none.
fn strings_schema() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, OneOfBuilder, Type};
    let string = || ObjectBuilder::new().schema_type(Type::String);
    OneOfBuilder::new()
        .item(string())
        .item(ArrayBuilder::new().items(string()))
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .build()
        .into()
}

/// A whole number, also written with a zero fraction (`165.0`), as JSON Schema's
/// `integer` allows.
fn whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<usize>, D::Error> {
    use serde::de::Error;
    match Option::<f64>::deserialize(d)? {
        None => Ok(None),
        Some(x) if x.fract() == 0.0 && x >= 0.0 => Ok(Some(x.min(usize::MAX as f64) as usize)),
        Some(x) => Err(D::Error::custom(format!("{x} is not a whole number"))),
    }
}

/// A string or a list of strings.
fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}

impl ScreenQuery {
    /// From a query string (`name=...&birth_date=...`); unknown keys are a 422.
    pub fn from_params(p: &Params, raw: Option<&str>) -> Result<ScreenQuery, ApiError> {
        const KNOWN: &[&str] = &[
            "name",
            "birth_date",
            "country",
            "nationality",
            "gender",
            "id",
            "imo",
            "wallet",
            "currency",
            "bic",
            "lei",
            "id_country",
            "schema",
            "source",
            "threshold",
            "limit",
            "subject_id",
            "by_record",
        ];
        for (k, _) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            if !KNOWN.contains(&k.as_ref()) {
                return Err(ApiError::invalid(
                    "extra_forbidden",
                    &["query", &k],
                    format!("Unknown parameter (expected one of {})", KNOWN.join(", ")),
                ));
            }
        }
        let all = |k: &str| -> Vec<String> {
            // Names may hold commas: only `source` is comma-separated.
            if k == "source" { p.list(k) } else { p.all(k) }
        };
        Ok(ScreenQuery {
            // Every name as given: a blank one is refused, not skipped.
            name: p.every("name"),
            birth_date: all("birth_date"),
            country: all("country"),
            nationality: all("nationality"),
            gender: p.get("gender").map(str::to_string),
            id: all("id"),
            id_country: p.get("id_country").map(str::to_string),
            imo: all("imo"),
            wallet: all("wallet"),
            currency: p.get("currency").map(str::to_string),
            bic: all("bic"),
            lei: all("lei"),
            schema: p.get("schema").map(str::to_string),
            source: all("source"),
            threshold: Some(p.f64_in("threshold", DEFAULT_THRESHOLD, 0.0, 1.0)?),
            limit: Some(p.usize_in("limit", DEFAULT_LIMIT, 1, MAX_LIMIT)?),
            subject_id: p.get("subject_id").map(str::to_string),
            by_record: p.bool_or("by_record", false)?,
        })
    }

    /// The query as an entity to screen, read as every front door reads fields: 400 for no
    /// name and no identifier, an unknown schema or a value that cannot be read (a date, a country, a gender).
    pub fn to_entity(&self) -> Result<Entity, ApiError> {
        if self.name.iter().any(|n| n.trim().is_empty()) {
            return Err(ApiError::bad_request("name: a name is blank"));
        }
        let fields = QueryFields {
            names: self.name.clone(),
            birth_dates: self.birth_date.clone(),
            countries: self.country.clone(),
            nationalities: self.nationality.clone(),
            gender: self.gender.clone(),
            id_numbers: self.id.clone(),
            id_country: self.id_country.clone(),
            imo_numbers: self.imo.clone(),
            wallets: self.wallet.clone(),
            currency: self.currency.clone(),
            bics: self.bic.clone(),
            leis: self.lei.clone(),
            schema: self.schema.clone(),
            ..QueryFields::default()
        };
        fields
            .to_entity()
            .map_err(|e| ApiError::bad_request(e.to_string()))
    }

    pub fn options(&self) -> Result<ScreenOptions, ApiError> {
        let threshold = self.threshold.unwrap_or(DEFAULT_THRESHOLD);
        if !(0.0..=1.0).contains(&threshold) {
            return Err(ApiError::bad_request("threshold must be between 0 and 1"));
        }
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(ApiError::bad_request(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        Ok(ScreenOptions {
            threshold,
            limit,
            sources: (!self.source.is_empty()).then(|| self.source.clone()),
            ..ScreenOptions::default()
        })
    }

    /// The subject id a recording server files this query under.
    pub fn subject_id(&self) -> String {
        // A query by identifier alone is filed under its first identifier.
        let first_name = self
            .name
            .iter()
            .chain(&self.id)
            .chain(&self.imo)
            .chain(&self.wallet)
            .chain(&self.bic)
            .chain(&self.lei)
            .map(|n| n.trim())
            .find(|n| !n.is_empty());
        crate::recording::http_subject_id(self.subject_id.as_deref(), first_name.unwrap_or(""))
    }
}

/// The body of `POST /screen`: a list of queries, bare or under `queries`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(untagged)]
pub enum ScreenBatch {
    List(Vec<ScreenQuery>),
    Wrapped(WrappedBatch),
}

/// `{"queries": [...]}` and nothing else.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WrappedBatch {
    pub queries: Vec<ScreenQuery>,
}

/// Reads a batch: a JSON list of queries, or `{"queries": [...]}`; 422 names what is wrong.
fn parse_batch(body: &[u8]) -> Result<Vec<ScreenQuery>, ApiError> {
    let v: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        ApiError::invalid("json_invalid", &["body"], format!("JSON decode error: {e}"))
    })?;
    let list = match v {
        serde_json::Value::Array(items) => items,
        serde_json::Value::Object(mut m) => match m.remove("queries") {
            Some(serde_json::Value::Array(items)) if m.is_empty() => items,
            _ => {
                return Err(ApiError::invalid(
                    "model_type",
                    &["body"],
                    "expected a list of queries, or {\"queries\": [...]} and nothing else",
                ));
            }
        },
        _ => {
            return Err(ApiError::invalid(
                "list_type",
                &["body"],
                "expected a list of queries",
            ));
        }
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.into_iter().enumerate() {
        let q: ScreenQuery = serde_json::from_value(item).map_err(|e| {
            ApiError::invalid("value_error", &["body", &i.to_string()], e.to_string())
        })?;
        out.push(q);
    }
    Ok(out)
}

/// `POST /screen` answer: one response per query, in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct ScreenBatchResponse {
    pub responses: Vec<ScreenResponse>,
    pub snapshot: String,
}

/// Screens one name (with optional birth date, countries, gender, identifiers).
#[utoipa::path(get, path = "/screen", tag = "zeef",
    params(
        ("name" = Vec<QueryName>, Query, description = "Name(s) to screen: at least one, none blank"),
        ("birth_date" = Option<String>, Query),
        ("country" = Option<String>, Query),
        ("nationality" = Option<String>, Query),
        ("gender" = Option<String>, Query),
        ("id" = Option<Vec<String>>, Query, description = "Identifier of any kind (passport, national id, tax or registration number, IMO, LEI, BIC, wallet address); an identifier alone is a query"),
        ("id_country" = Option<String>, Query, description = "The country that issued the `id` numbers (name or ISO code): the same number from another country is another document"),
        ("imo" = Option<Vec<String>>, Query, description = "IMO ship number"),
        ("wallet" = Option<Vec<String>>, Query, description = "Digital currency (crypto wallet) address: a hit names the listed holder"),
        ("currency" = Option<String>, Query, description = "The wallets' currency (XBT, ETH, USDT...)"),
        ("bic" = Option<Vec<String>>, Query, description = "SWIFT/BIC code"),
        ("lei" = Option<Vec<String>>, Query, description = "Legal Entity Identifier"),
        ("schema" = Option<String>, Query),
        ("source" = Option<Vec<String>>, Query, description = "Only these sources"),
        ("threshold" = Option<f64>, Query, minimum = 0, maximum = 1, description = "Score at or above which a result is a match (default 0.7)"),
        ("limit" = Option<usize>, Query, minimum = 1, maximum = 500, description = "Most results (default 10, at most 500)"),
        ("subject_id" = Option<String>, Query, description = "Id the screening is recorded under when the server records (default `http:<name>`)"),
        ("by_record" = Option<bool>, Query, description = "One result per listed record instead of one per resolved entity (default false)"),
    ),
    responses(
        (status = 200, body = ScreenResponse),
        (status = 400, description = "No name and no identifier, unknown schema, a value that cannot be read, or more than one query may ask for (a name of over 500 characters or 40 words, over 50 names, over 50 values of a field)", body = crate::error::ErrorResponse),
        (status = 404, description = "No such source", body = crate::error::ErrorResponse),
        (status = 422, description = "Unknown parameter or bad value", body = crate::error::ErrorResponse),
        (status = 503, description = "Not loaded yet, overloaded or timed out", body = crate::error::ErrorResponse),
    ))]
pub async fn screen_get(
    State(state): State<Arc<AppState>>,
    Extension(ticket): Extension<Arc<Ticket>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let p = Params::parse(raw.as_deref());
    let q = ScreenQuery::from_params(&p, raw.as_deref())?;
    let loaded = crate::yente::loaded(&state)?;
    let entity = q.to_entity()?;
    let opts = q.options()?;
    crate::yente::known_sources(&loaded, "source", &q.source)?;
    let record = state.config.record.is_some();
    let job = move |ticket: &Ticket| {
        let (resp, record) = screen_one(&loaded, &q, &entity, &opts, record, ticket)?;
        let resp = ScreenResponse {
            snapshot: Some(loaded.version().to_string()),
            ..resp
        };
        Ok((crate::work::to_json(&resp), record))
    };
    let (body, record) = state.pool.run(ticket, job).await?;
    if let Some(record) = record {
        recording::commit(&state, vec![record]).await?;
    }
    Ok(crate::work::json_response(body))
}

/// Screens one query (one result per resolved entity unless `by_record`), with its audit
/// record when `record`.
pub fn screen_one(
    loaded: &Loaded,
    q: &ScreenQuery,
    entity: &Entity,
    opts: &ScreenOptions,
    record: bool,
    ticket: &Ticket,
) -> Result<(ScreenResponse, Option<ScreeningRecord>), Stopped> {
    let (hits, entities) = zeef_resolve::grouping::screen_until(
        &loaded.index,
        loaded.resolution(q.by_record),
        entity,
        opts,
        &|| ticket.should_stop(),
    )
    .ok_or(Stopped)?;
    let record = record.then(|| screening_record(loaded, q, opts, entity, (&hits, &entities)));
    let mut resp = screen_response(&loaded.index, entity, &hits);
    name_by_entities(&mut resp.results, &entities);
    zeef_screening::linked::note_links(&mut resp.results, &loaded.network);
    Ok((resp, record))
}

/// The audit record of one `/screen` query: each result's listing, named by its resolved
/// entity where results are one per entity.
fn screening_record(
    loaded: &Loaded,
    q: &ScreenQuery,
    opts: &ScreenOptions,
    entity: &Entity,
    (hits, entities): (&[ScoredMatch], &[EntityHit]),
) -> ScreeningRecord {
    let ctx = RecordContext::new(&loaded.manifest, opts.sources.as_deref(), opts.threshold);
    let mut record = ctx.record(
        &q.subject_id(),
        zeef_screening::record::query_fields(entity),
        &loaded.index,
        hits,
    );
    name_entities(&mut record, entities);
    record
}

/// Screens a batch of queries (at most `max_batch`, 100 by default).
#[utoipa::path(post, path = "/screen", tag = "zeef",
    request_body = ScreenBatch,
    responses(
        (status = 200, body = ScreenBatchResponse),
        (status = 400, description = "Too many queries, no name and no identifier, unknown schema, a value that cannot be read, or more than one query may ask for (a name of over 500 characters or 40 words, over 50 names, over 50 values of a field)", body = crate::error::ErrorResponse),
        (status = 404, description = "No such source", body = crate::error::ErrorResponse),
        (status = 413, description = "Body too large", body = crate::error::ErrorResponse),
        (status = 422, description = "Malformed JSON or unknown field", body = crate::error::ErrorResponse),
        (status = 503, description = "Not loaded yet, overloaded or timed out", body = crate::error::ErrorResponse),
    ))]
pub async fn screen_post(
    State(state): State<Arc<AppState>>,
    Extension(ticket): Extension<Arc<Ticket>>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let body = body?;
    let queries = parse_batch(&body)?;
    if queries.len() > state.config.max_batch {
        return Err(ApiError::bad_request(format!(
            "Too many queries in one batch (limit: {})",
            state.config.max_batch
        )));
    }
    if queries.is_empty() {
        return Err(ApiError::bad_request("No queries provided."));
    }
    let loaded = crate::yente::loaded(&state)?;
    let mut prepared = Vec::with_capacity(queries.len());
    for q in queries {
        let entity = q.to_entity()?;
        let opts = q.options()?;
        crate::yente::known_sources(&loaded, "source", &q.source)?;
        prepared.push((q, entity, opts));
    }
    let snapshot = loaded.version().to_string();
    let record = state.config.record.is_some();
    let job = move |ticket: &Ticket| {
        let mut records = Vec::new();
        let mut responses = Vec::with_capacity(prepared.len());
        for (q, e, o) in &prepared {
            let (resp, rec) = screen_one(&loaded, q, e, o, record, ticket)?;
            records.extend(rec);
            responses.push(resp);
        }
        let body = ScreenBatchResponse {
            responses,
            snapshot,
        };
        Ok((crate::work::to_json(&body), records))
    };
    let (body, records) = state.pool.run(ticket, job).await?;
    if state.config.record.is_some() {
        recording::commit(&state, records).await?;
    }
    Ok(crate::work::json_response(body))
}
