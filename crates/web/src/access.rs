//! Who may see the pages, and who is deciding.
//!
//! With a user file (`zeef serve --users FILE`), people sign in (`/ui/signin`) and get a
//! session; a machine may still send the API token (`--token`) as a bearer token. With only
//! an API token, every page needs it. With neither, the pages are open, as the API is, but
//! nobody can sign a review decision. Every form carries a CSRF token: the session's, or,
//! without a session, the one in the `zeef_csrf` cookie; a form without the right one is
//! refused (403) and nothing is stored.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{RawQuery, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::html;
use zeef_server::middleware::{bearer, same_secret};

use crate::Web;
use crate::page::{self, Section};
use crate::sessions::{CSRF_COOKIE, SESSION_COOKIE, cookie, random_token, set_cookie};

/// Who is asking: what the pages show and what a form may do.
#[derive(Debug, Clone)]
pub enum Who {
    /// A signed-in user.
    User { name: String, csrf: String },
    /// A machine with the API token (no cookie, so no CSRF to fear).
    Machine,
    /// Anyone, on a server with no sign-in; `csrf` is the `zeef_csrf` cookie's, `fresh`
    /// when this answer must set it.
    Open { csrf: String, fresh: bool },
}

impl Who {
    /// The token forms carry back ("" for a machine, which sends none).
    pub fn csrf(&self) -> &str {
        match self {
            Who::User { csrf, .. } | Who::Open { csrf, .. } => csrf,
            Who::Machine => "",
        }
    }

    /// True when a form carries this visitor's CSRF token (a machine needs none).
    pub fn csrf_ok(&self, given: Option<&str>) -> bool {
        match self {
            Who::Machine => true,
            Who::User { csrf, .. } | Who::Open { csrf, .. } => {
                given.is_some_and(|g| same_secret(g.as_bytes(), csrf.as_bytes()))
            }
        }
    }
}

/// The answer to a form without the right CSRF token: 403, nothing done.
pub fn csrf_refused() -> Response {
    page::error(
        StatusCode::FORBIDDEN,
        "Form refused",
        "This form's security token is missing or not this sign-in's (a form sent from \
         another site, or from a page opened before signing in again). Nothing was stored: \
         reload the page and send the form again.",
    )
}

/// Finds out who is asking and lets the request through with a [`Who`] extension, sends a
/// person who must sign in to the sign-in page (or answers 401 to a form sent after the
/// session ended), and refuses a wrong API token.
pub async fn require(State(web): State<Arc<Web>>, mut req: Request, next: Next) -> Response {
    let token = web.app.config.token.as_deref();
    if let (Some(expected), Some(given)) = (token, bearer(&req)) {
        if !same_secret(given.as_bytes(), expected.as_bytes()) {
            return page::error(StatusCode::UNAUTHORIZED, "Refused", "Invalid API token.");
        }
        req.extensions_mut().insert(Who::Machine);
        return next.run(req).await;
    }
    let who = if web.users.is_some() {
        let session = cookie(req.headers(), SESSION_COOKIE).and_then(|t| web.sessions.get(t));
        match session {
            Some(s) => Who::User {
                name: s.user,
                csrf: s.csrf,
            },
            None => return sign_in_needed(&req),
        }
    } else if token.is_some() {
        return page::error(
            StatusCode::UNAUTHORIZED,
            "Sign-in needed",
            "This server needs its API token: send `Authorization: Bearer <token>`.",
        );
    } else {
        match cookie(req.headers(), CSRF_COOKIE).filter(|c| c.len() == 64) {
            Some(c) => Who::Open {
                csrf: c.to_string(),
                fresh: false,
            },
            None => Who::Open {
                csrf: random_token(),
                fresh: true,
            },
        }
    };
    req.extensions_mut().insert(who.clone());
    let mut resp = next.run(req).await;
    if let Who::Open { csrf, fresh: true } = &who {
        set(&mut resp, &set_cookie(CSRF_COOKIE, csrf, Some(COOKIE_YEAR)));
    }
    resp
}

const COOKIE_YEAR: std::time::Duration = std::time::Duration::from_secs(365 * 86_400);

fn set(resp: &mut Response, cookie: &str) {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// A page asked for without a session: to the sign-in page, coming back here after; a form
/// sent without one: 401, as nothing may be done unsigned.
fn sign_in_needed(req: &Request) -> Response {
    let expired = cookie(req.headers(), SESSION_COOKIE).is_some();
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return page::error(
            StatusCode::UNAUTHORIZED,
            "Sign-in needed",
            if expired {
                "Your session has expired. Nothing was stored: sign in again and send the form again."
            } else {
                "Sign in first. Nothing was stored."
            },
        );
    }
    let back = req
        .uri()
        .path_and_query()
        .map_or("/ui/screen", |p| p.as_str());
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("next", back)
        .append_pair("expired", if expired { "1" } else { "0" })
        .finish();
    Redirect::to(&format!("/ui/signin?{query}")).into_response()
}

/// `GET /ui/signin`.
pub async fn sign_in_page(RawQuery(raw): RawQuery) -> Response {
    let mut next = "/ui/screen".to_string();
    let mut expired = false;
    for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "next" => next = v.into_owned(),
            "expired" => expired = v == "1",
            _ => {}
        }
    }
    let message = expired.then_some("Your session has expired: sign in again.");
    sign_in_form(StatusCode::OK, &safe_next(&next), message)
}

/// The sign-in form, with a fresh CSRF cookie and `message` above it.
fn sign_in_form(status: StatusCode, next: &str, message: Option<&str>) -> Response {
    let csrf = random_token();
    let body = html! {
        h1 { "Sign in" }
        @if let Some(m) = message { p.problem role="alert" { (m) } }
        form.stack method="post" action="/ui/signin" {
            input type="hidden" name="csrf" value=(csrf);
            input type="hidden" name="next" value=(next);
            div.field {
                label for="user" { "User name" }
                input #user name="user" autocomplete="username" required autofocus;
            }
            div.field {
                label for="password" { "Password" }
                input #password name="password" type="password" autocomplete="current-password" required;
            }
            div.actions { button type="submit" { "Sign in" } }
        }
    };
    let mut resp = (
        status,
        Html(page::shell("Sign in", Section::None, None, body).into_string()),
    )
        .into_response();
    set(
        &mut resp,
        &set_cookie(CSRF_COOKIE, &csrf, Some(COOKIE_YEAR)),
    );
    resp
}

/// Only a path of this application to return to after signing in (never another site).
fn safe_next(next: &str) -> String {
    let ok = next.starts_with("/ui/") && !next.starts_with("/ui//") && !next.contains('\\');
    if ok {
        next.to_string()
    } else {
        "/ui/screen".to_string()
    }
}

/// `POST /ui/signin`: a session for the right name and password; the form again, 401,
/// for a wrong one (which of the two is not said).
pub async fn sign_in(
    State(web): State<Arc<Web>>,
    headers: axum::http::HeaderMap,
    body: Bytes,
) -> Response {
    let Some(users) = web.users.as_ref() else {
        return page::error(
            StatusCode::NOT_FOUND,
            "No sign-in",
            "This server has no users: start `zeef serve --users FILE` to sign in.",
        );
    };
    let form = crate::form::Fields::parse(&body);
    let next = safe_next(form.get("next").unwrap_or("/ui/screen"));
    let expected = cookie(&headers, CSRF_COOKIE);
    let csrf_ok = match (expected, form.get("csrf")) {
        (Some(e), Some(g)) => same_secret(e.as_bytes(), g.as_bytes()),
        _ => false,
    };
    if !csrf_ok {
        return sign_in_form(
            StatusCode::FORBIDDEN,
            &next,
            Some("This form's security token did not match: sign in again."),
        );
    }
    let name = form.get("user").unwrap_or("").trim().to_string();
    let password = form.get("password").unwrap_or("").to_string();
    let verified = tokio::task::spawn_blocking({
        let users = users.clone();
        move || users.verify(&name, &password).map(|u| u.name.clone())
    })
    .await
    .ok()
    .flatten();
    let Some(user) = verified else {
        return sign_in_form(
            StatusCode::UNAUTHORIZED,
            &next,
            Some("Wrong user name or password."),
        );
    };
    let (token, _) = web.sessions.start(&user);
    let mut resp = Redirect::to(&next).into_response();
    set(
        &mut resp,
        &set_cookie(SESSION_COOKIE, &token, Some(web.sessions.ttl())),
    );
    resp
}

/// `POST /ui/signout`: ends the session (its CSRF token checked, so no other site can sign
/// the user out).
pub async fn sign_out(
    State(web): State<Arc<Web>>,
    headers: axum::http::HeaderMap,
    axum::Extension(who): axum::Extension<Who>,
    body: Bytes,
) -> Response {
    let form = crate::form::Fields::parse(&body);
    if !who.csrf_ok(form.get("csrf")) {
        return csrf_refused();
    }
    if let Some(t) = cookie(&headers, SESSION_COOKIE) {
        web.sessions.end(t);
    }
    let mut resp = Redirect::to("/ui/signin").into_response();
    set(&mut resp, &set_cookie(SESSION_COOKIE, "", None));
    resp
}
