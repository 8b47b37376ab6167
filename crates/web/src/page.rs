//! The page frame every page shares (navigation, the snapshot served, the stylesheet), the
//! error page, and the security headers every answer carries.

use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use maud::{DOCTYPE, Markup, html};

use crate::access::Who;

/// No inline script or style, nothing from elsewhere: only this server's stylesheet and
/// script, forms posting back to it, and no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; \
     script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
     frame-ancestors 'none'; base-uri 'none'";

/// The sections of the application, in the navigation's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Screen,
    Batch,
    Review,
    Lists,
    None,
}

const NAV: &[(Section, &str, &str)] = &[
    (Section::Screen, "/ui/screen", "Screen"),
    (Section::Batch, "/ui/batch", "Batch"),
    (Section::Review, "/ui/review", "Review"),
    (Section::Lists, "/ui/lists", "Lists"),
];

/// A whole page: `title` in the tab, `body` in `<main>`, and who is signed in (with the
/// sign-out button) in the header.
pub fn shell(title: &str, section: Section, who: Option<&Who>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · zeef" }
                link rel="stylesheet" href="/ui/static/app.css";
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/ui/screen" { "zeef" }
                    nav aria-label="Sections" {
                        ul {
                            @for (s, href, label) in NAV {
                                li {
                                    @if *s == section {
                                        a href=(href) aria-current="page" { (label) }
                                    } @else {
                                        a href=(href) { (label) }
                                    }
                                }
                            }
                        }
                    }
                    @if let Some(who @ Who::User { name, .. }) = who {
                        form.inline.user method="post" action="/ui/signout" {
                            span { "Signed in as " strong { (name) } }
                            input type="hidden" name="csrf" value=(who.csrf());
                            button.secondary type="submit" { "Sign out" }
                        }
                    }
                }
                main #main { (body) }
            }
        }
    }
}

/// A page as a 200 answer.
pub fn ok(markup: Markup) -> Response {
    Html(markup.into_string()).into_response()
}

/// An error page: `status`, a heading and what went wrong.
pub fn error(status: StatusCode, heading: &str, message: &str) -> Response {
    let body = html! {
        h1 { (heading) }
        p.problem role="alert" { (message) }
        p { a href="/ui/screen" { "Back to screening" } }
    };
    (
        status,
        Html(shell(heading, Section::None, None, body).into_string()),
    )
        .into_response()
}

/// `/`: what this server offers, for a person who opens it in a browser.
pub async fn home() -> Response {
    let body = html! {
        h1 { "zeef" }
        p { "Screening and entity resolution for sanctions lists." }
        ul {
            li { a href="/ui/screen" { "Screen a name" } " in the web application" }
            li { a href="/ui/batch" { "Screen a file" } " of subjects (CSV or JSON lines)" }
            li { a href="/ui/review" { "Review" } " the open alerts" }
            li { a href="/ui/lists" { "The lists" } " served, their dates and freshness" }
            li { a href="/docs" { "The HTTP API" } " (OpenAPI document and Swagger UI)" }
        }
    };
    ok(shell("zeef", Section::None, None, body))
}

/// `/ui`: the screening page.
pub async fn to_screen() -> Redirect {
    Redirect::to("/ui/screen")
}

/// Any other `/ui/...` path.
pub async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is no such page here.",
    )
}

/// Adds the Content-Security-Policy and its companions to every answer.
pub async fn security_headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // Searched names are personal data: never sent on to another site.
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    resp
}

/// The page of an entity or record id, the id written as one path segment.
pub fn entity_href(id: &str) -> String {
    let mut out = String::from("/ui/entities/");
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entity_links_are_one_path_segment() {
        assert_eq!(entity_href("un-QDi.299"), "/ui/entities/un-QDi.299");
        assert_eq!(entity_href("a/b c"), "/ui/entities/a%2Fb%20c");
        assert_eq!(entity_href("zeef-é"), "/ui/entities/zeef-%C3%A9");
    }
}
