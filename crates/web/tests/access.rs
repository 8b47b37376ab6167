//! Signing in: a user file's users get a session cookie (HttpOnly, SameSite=Strict) that
//! expires; wrong passwords, forged CSRF tokens and expired sessions are refused; the API
//! token still opens the pages to machines.

mod common;

use std::time::Duration;

use reqwest::Client;
use reqwest::redirect::Policy;
use zeef_server::ServeConfig;
use zeef_web::{Users, WebConfig};

struct Site {
    url: String,
    c: Client,
    _dir: tempfile::TempDir,
}

async fn site(session: Duration, token: Option<&str>) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("users");
    zeef_web::users::add(&path, "alice", "correct horse").unwrap();
    zeef_web::users::add(&path, "bob", "battery staple").unwrap();
    let web = WebConfig {
        users: Some(Users::load(&path).unwrap()),
        session,
        ..WebConfig::default()
    };
    let config = ServeConfig {
        token: token.map(str::to_string),
        ..ServeConfig::default()
    };
    let (url, _, _) = common::fictional(config, web).await;
    let c = Client::builder().redirect(Policy::none()).build().unwrap();
    Site { url, c, _dir: dir }
}

/// A cookie's `name=value` from an answer's Set-Cookie headers, with its attributes.
fn set_cookie(r: &reqwest::Response, name: &str) -> Option<(String, String)> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| {
            let pair = v.split(';').next().unwrap().to_string();
            (pair, v.to_string())
        })
}

/// The hidden CSRF field's value in a page.
fn csrf_field(html: &str) -> String {
    let at = html.find(r#"name="csrf" value=""#).expect("a CSRF field") + 19;
    html[at..at + 64].to_string()
}

impl Site {
    /// Signs in: the answer to the sign-in form.
    async fn sign_in(&self, user: &str, password: &str) -> reqwest::Response {
        let r = self
            .c
            .get(format!("{}/ui/signin", self.url))
            .send()
            .await
            .unwrap();
        let (cookie, _) = set_cookie(&r, "zeef_csrf").expect("a CSRF cookie");
        let csrf = csrf_field(&r.text().await.unwrap());
        self.c
            .post(format!("{}/ui/signin", self.url))
            .header("cookie", cookie)
            .form(&[
                ("csrf", csrf.as_str()),
                ("next", "/ui/lists"),
                ("user", user),
                ("password", password),
            ])
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut req = self.c.get(format!("{}{path}", self.url));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn users_sign_in_and_wrong_passwords_are_refused() {
    let s = site(Duration::from_secs(600), None).await;
    let r = s.get("/ui/screen?name=Kasimir", None).await;
    assert_eq!(r.status(), 303);
    let to = r.headers()["location"].to_str().unwrap();
    assert!(
        to.starts_with("/ui/signin?next=%2Fui%2Fscreen%3Fname%3DKasimir"),
        "{to}"
    );

    let r = s.sign_in("alice", "battery staple").await;
    assert_eq!(r.status(), 401);
    assert!(set_cookie(&r, "zeef_session").is_none());
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Wrong user name or password.")
    );
    let r = s.sign_in("nobody", "correct horse").await;
    assert_eq!(r.status(), 401);

    let r = s.sign_in("alice", "correct horse").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/ui/lists");
    let (session, attrs) = set_cookie(&r, "zeef_session").expect("a session cookie");
    assert!(
        attrs.contains("HttpOnly") && attrs.contains("SameSite=Strict"),
        "{attrs}"
    );
    assert!(attrs.contains("Max-Age=600"), "{attrs}");
    let r = s.get("/ui/screen?name=Kasimir", Some(&session)).await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Signed in as <strong>alice</strong>"),
        "{html}"
    );

    // A forged session token is no session.
    let r = s.get("/ui/screen", Some("zeef_session=forged")).await;
    assert_eq!(r.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_forged_sign_in_form_is_refused() {
    let s = site(Duration::from_secs(600), None).await;
    let r =
        s.c.post(format!("{}/ui/signin", s.url))
            .header("cookie", format!("zeef_csrf={}", "a".repeat(64)))
            .form(&[
                ("csrf", "b".repeat(64).as_str()),
                ("user", "alice"),
                ("password", "correct horse"),
            ])
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 403);
    assert!(set_cookie(&r, "zeef_session").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_expire_and_sign_out_needs_the_sessions_token() {
    let s = site(Duration::from_secs(1), None).await;
    let r = s.sign_in("bob", "battery staple").await;
    let (session, _) = set_cookie(&r, "zeef_session").unwrap();
    assert_eq!(s.get("/ui/lists", Some(&session)).await.status(), 200);
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let r = s.get("/ui/lists", Some(&session)).await;
    assert_eq!(r.status(), 303, "an expired session is refused");
    assert!(
        r.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("expired=1")
    );

    let s = site(Duration::from_secs(600), None).await;
    let r = s.sign_in("bob", "battery staple").await;
    let (session, _) = set_cookie(&r, "zeef_session").unwrap();
    let html = s
        .get("/ui/lists", Some(&session))
        .await
        .text()
        .await
        .unwrap();
    let csrf = csrf_field(&html);
    let out = |token: String| {
        s.c.post(format!("{}/ui/signout", s.url))
            .header("cookie", session.clone())
            .form(&[("csrf", token)])
            .send()
    };
    assert_eq!(out("f".repeat(64)).await.unwrap().status(), 403);
    assert_eq!(s.get("/ui/lists", Some(&session)).await.status(), 200);
    assert_eq!(out(csrf).await.unwrap().status(), 303);
    assert_eq!(s.get("/ui/lists", Some(&session)).await.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_token_still_opens_the_pages_to_machines() {
    let s = site(Duration::from_secs(600), Some("m4chine")).await;
    let r =
        s.c.get(format!("{}/ui/screen?name=Kasimir", s.url))
            .bearer_auth("m4chine")
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 200);
    let r =
        s.c.get(format!("{}/ui/screen", s.url))
            .bearer_auth("wrong")
            .send()
            .await
            .unwrap();
    assert_eq!(r.status(), 401);
    // The API itself still needs the token too.
    assert_eq!(s.get("/screen?name=Kasimir", None).await.status(), 401);
}
