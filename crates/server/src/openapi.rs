//! The OpenAPI description (`/openapi.json`) behind the Swagger UI at `/docs`.

use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::error::{ErrorDetail, ErrorResponse, ValidationError};
use crate::middleware::is_public;
use crate::screen::QueryName;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// What the token check adds to every operation: the public paths need no token
/// (`security: []`); every other path may answer 401.
struct TokenAnswers;

impl Modify for TokenAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let public = is_public(path);
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                if public {
                    op.security = Some(Vec::new());
                } else {
                    add_unauthorized(op);
                }
            }
        }
    }
}

fn add_unauthorized(op: &mut Operation) {
    let answer = ResponseBuilder::new()
        .description(
            "The server has an API token and the request did not send it (or sent another)",
        )
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("ErrorResponse")))
                .build(),
        )
        .build();
    op.responses
        .responses
        .entry("401".to_string())
        .or_insert(answer.into());
}

/// What the HTTP layer answers before any handler runs: a URL longer than the server reads
/// (about 64 KiB) is refused with 414 and no body, on every GET.
struct UrlTooLong;

impl Modify for UrlTooLong {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            if let Some(op) = item.get.as_mut() {
                let answer = ResponseBuilder::new()
                    .description(
                        "The URL is longer than the server reads (send long queries with POST)",
                    )
                    .build();
                op.responses
                    .responses
                    .entry("414".to_string())
                    .or_insert(answer.into());
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "zeef",
        description = "Fast, explainable sanctions screening. The Matching, Data access and System information endpoints follow OpenSanctions yente 5's API; the zeef endpoints return zeef's own shape. When the server has an API token, send it as `Authorization: Bearer <token>` (all endpoints but /healthz, /readyz, /docs, /openapi.json; /updatez takes its own update token)."
    ),
    paths(
        crate::yente::matching::match_entities,
        crate::yente::search::search,
        crate::yente::search::entity,
        crate::graph::graph,
        crate::yente::catalog::catalog,
        crate::yente::algorithms::algorithms,
        crate::screen::screen_get,
        crate::screen::screen_post,
        crate::admin::healthz,
        crate::admin::readyz,
        crate::admin::metrics,
        crate::admin::updatez,
    ),
    components(schemas(ErrorResponse, ErrorDetail, ValidationError, QueryName)),
    modifiers(&BearerAuth, &TokenAnswers, &UrlTooLong),
    security(("bearer" = []))
)]
pub struct ApiDoc;
