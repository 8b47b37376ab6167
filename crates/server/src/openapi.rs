//! The OpenAPI description (`/openapi.json`) behind the Swagger UI at `/docs`.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::ErrorResponse;

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
    components(schemas(ErrorResponse)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
pub struct ApiDoc;
