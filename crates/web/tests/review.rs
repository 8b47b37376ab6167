//! The review queue: open alerts of the audit store with their explanations; decisions signed
//! by the signed-in user; four-eyes review, where the proposer cannot approve their own
//! decision and an approved decision takes the alert out of the queue.

mod common;

use std::sync::Arc;
use std::time::Duration;

use reqwest::Client;
use reqwest::redirect::Policy;
use time::macros::datetime;
use zeef_audit::fixtures::{candidate, listed_entity, record};
use zeef_audit::{AuditStore, Verdict};
use zeef_matching::{Explanation, PartMatch};
use zeef_server::ServeConfig;
use zeef_web::{Users, WebConfig};

struct Site {
    url: String,
    c: Client,
    store: Arc<AuditStore>,
    _dir: tempfile::TempDir,
}

/// A store holding one screening of `cust-7` with one alert (fx-101, "Jon Averly") whose
/// explanation aligns the names, and one of a subject whose name is markup.
fn store(dir: &std::path::Path) -> Arc<AuditStore> {
    let store = AuditStore::open_sqlite(&dir.join("audit.sqlite")).unwrap();
    let mut alert = candidate(listed_entity("fx-101", "Jon Averly", &[]), 0.91, 0.8);
    alert.explanation = serde_json::to_value(Explanation {
        query_name: "John Averly".into(),
        matched_name: "Jon Averly".into(),
        matched_property: "name".into(),
        name_score: 0.91,
        parts: vec![PartMatch {
            query: Some("John".into()),
            listed: Some("Jon".into()),
            similarity: 0.9,
            how: "phonetic".into(),
            weight: 0.4,
            kind: "word".into(),
        }],
        features: Vec::new(),
        score: 0.91,
    })
    .unwrap();
    let at = datetime!(2026-05-01 09:30 UTC);
    let quiet = candidate(listed_entity("fx-202", "Joan Everly", &[]), 0.5, 0.8);
    store
        .append(&record("cust-7", at, vec![alert, quiet]))
        .unwrap();
    let mut odd = record(
        "<script>alert(1)</script>",
        at,
        vec![candidate(
            listed_entity("fx-303", "<b>Bold</b> Name", &[]),
            0.95,
            0.8,
        )],
    );
    odd.subject.fields = serde_json::json!({"name": "<script>alert(1)</script>"});
    store.append(&odd).unwrap();
    Arc::new(store)
}

async fn site(users: bool, four_eyes: bool) -> Site {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("users");
    zeef_web::users::add(&path, "alice", "correct horse").unwrap();
    zeef_web::users::add(&path, "bob", "battery staple").unwrap();
    let store = store(dir.path());
    let web = WebConfig {
        users: users.then(|| Users::load(&path).unwrap()),
        session: Duration::from_secs(600),
        audit: Some(store.clone()),
        four_eyes,
        ..WebConfig::default()
    };
    let (url, _, _) = common::fictional(ServeConfig::default(), web).await;
    let c = Client::builder().redirect(Policy::none()).build().unwrap();
    Site {
        url,
        c,
        store,
        _dir: dir,
    }
}

fn cookie_pair(r: &reqwest::Response, name: &str) -> Option<String> {
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

/// The first hidden CSRF field's value in a page.
fn csrf_field(html: &str) -> String {
    let at = html.find(r#"name="csrf" value=""#).expect("a CSRF field") + 19;
    html[at..at + 64].to_string()
}

impl Site {
    /// Signs in; the session cookie.
    async fn sign_in(&self, user: &str, password: &str) -> String {
        let r = self.get("/ui/signin", None).await;
        let cookie = cookie_pair(&r, "zeef_csrf").expect("a CSRF cookie");
        let csrf = csrf_field(&r.text().await.unwrap());
        let r = self
            .c
            .post(format!("{}/ui/signin", self.url))
            .header("cookie", cookie)
            .form(&[
                ("csrf", csrf.as_str()),
                ("next", "/ui/review"),
                ("user", user),
                ("password", password),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303, "{user} signs in");
        cookie_pair(&r, "zeef_session").expect("a session")
    }

    async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        let mut req = self.c.get(format!("{}{path}", self.url));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.send().await.unwrap()
    }

    /// The queue page's status and HTML.
    async fn queue(&self, cookie: &str) -> (u16, String) {
        let r = self.get("/ui/review", Some(cookie)).await;
        (r.status().as_u16(), r.text().await.unwrap())
    }

    async fn post(&self, path: &str, cookie: &str, form: &[(&str, &str)]) -> (u16, String, String) {
        let r = self
            .c
            .post(format!("{}{path}", self.url))
            .header("cookie", cookie)
            .form(form)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        let location = r
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        (status, location, r.text().await.unwrap())
    }

    fn entries(&self) -> i64 {
        self.store.head().unwrap().map_or(0, |h| h.seq)
    }

    fn open_on(&self, subject: &str) -> usize {
        self.store
            .open_alerts()
            .unwrap()
            .iter()
            .filter(|a| a.subject_id == subject)
            .count()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_queue_shows_open_alerts_with_their_explanation_as_text() {
    let s = site(true, false).await;
    let alice = s.sign_in("alice", "correct horse").await;
    let (status, html) = s.queue(&alice).await;
    assert_eq!(status, 200);
    assert!(html.contains("2 open alert(s) of 2 subject(s)"), "{html}");
    assert!(
        html.contains("Jon Averly") && html.contains("0.91"),
        "{html}"
    );
    assert!(
        html.contains(r#"<tr class="aligned"><td>John</td><td>Jon</td>"#),
        "the explanation's aligned parts: {html}"
    );
    assert!(
        !html.contains("Joan Everly"),
        "no alert below the threshold"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !html.contains("<script>"),
        "markup in a subject shows as text"
    );
    assert!(html.contains("&lt;b&gt;Bold&lt;/b&gt;") && !html.contains("<b>Bold"));
    assert!(
        !html.contains(r#"name="reviewer""#),
        "no typed reviewer name"
    );
    assert!(html.contains("Record decision"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_decision_is_signed_by_the_user_and_leaves_the_queue() {
    let s = site(true, false).await;
    let alice = s.sign_in("alice", "correct horse").await;
    let (_, html) = s.queue(&alice).await;
    let csrf = csrf_field(&html);
    let before = s.entries();

    // A forged token, an unknown verdict, a missing verdict, an unknown alert: refused,
    // nothing stored.
    let base = |csrf: &'static str| {
        vec![
            ("csrf", csrf),
            ("subject", "cust-7"),
            ("entity", "fx-101"),
            ("note", "born in another year"),
        ]
    };
    let mut forged = base("f".repeat(64).leak());
    forged.push(("verdict", "false-positive"));
    let (status, _, body) = s.post("/ui/review/decide", &alice, &forged).await;
    assert_eq!(status, 403, "{body}");
    let csrf: &'static str = csrf.leak();
    let mut odd = base(csrf);
    odd.push(("verdict", "maybe"));
    let (status, _, body) = s.post("/ui/review/decide", &alice, &odd).await;
    assert_eq!(status, 400);
    assert!(
        body.contains("Decision &quot;maybe&quot; is not one of"),
        "{body}"
    );
    let (status, _, body) = s.post("/ui/review/decide", &alice, &base(csrf)).await;
    assert_eq!(status, 400);
    assert!(body.contains("Choose a decision"), "{body}");
    let unknown = [
        ("csrf", csrf),
        ("subject", "cust-7"),
        ("entity", "fx-999"),
        ("verdict", "match"),
    ];
    let (status, _, body) = s.post("/ui/review/decide", &alice, &unknown).await;
    assert_eq!(status, 404);
    assert!(body.contains("Nothing was stored"), "{body}");
    assert_eq!(s.entries(), before, "nothing stored");

    let mut fp = base(csrf);
    fp.push(("verdict", "false-positive"));
    fp.push(("reviewer", "mallory"));
    let (status, location, _) = s.post("/ui/review/decide", &alice, &fp).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/ui/review?done=decided")
    );
    let d = s
        .store
        .latest_decision("cust-7", "fx-101")
        .unwrap()
        .expect("recorded")
        .decision;
    assert_eq!(
        (
            d.verdict,
            d.reviewer.as_str(),
            d.note.as_str(),
            d.approved_by
        ),
        (
            Verdict::FalsePositive,
            "alice",
            "born in another year",
            None
        ),
        "signed by the session's user, whatever the form says"
    );
    assert_eq!(s.open_on("cust-7"), 0);
    let html = s.get(&location, Some(&alice)).await.text().await.unwrap();
    assert!(html.contains("Decision recorded."), "{html}");
    assert!(!html.contains("Jon Averly"), "the alert left the queue");

    // Unsure keeps the alert open, marked.
    let unsure = [
        ("csrf", csrf),
        ("subject", "<script>alert(1)</script>"),
        ("entity", "fx-303"),
        ("verdict", "unsure"),
        ("note", "ask the branch"),
    ];
    let (status, _, _) = s.post("/ui/review/decide", &alice, &unsure).await;
    assert_eq!(status, 303);
    let (_, html) = s.queue(&alice).await;
    assert!(
        html.contains("unsure</span> marked by alice"),
        "still open, marked unsure: {html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn four_eyes_needs_a_second_different_reviewer() {
    let s = site(true, true).await;
    let alice = s.sign_in("alice", "correct horse").await;
    let (_, html) = s.queue(&alice).await;
    assert!(html.contains("Four-eyes review"), "{html}");
    assert!(html.contains("Propose decision"), "{html}");
    let csrf = csrf_field(&html);
    let form = [
        ("csrf", csrf.as_str()),
        ("subject", "cust-7"),
        ("entity", "fx-101"),
        ("verdict", "match"),
        ("note", "same passport"),
    ];
    let (status, location, _) = s.post("/ui/review/decide", &alice, &form).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/ui/review?done=proposed")
    );
    assert!(
        s.store
            .latest_decision("cust-7", "fx-101")
            .unwrap()
            .is_none(),
        "not in effect yet"
    );
    assert_eq!(s.open_on("cust-7"), 1);
    let (_, html) = s.queue(&alice).await;
    assert!(html.contains("<strong>alice</strong> proposes <strong>match</strong>"));
    assert!(html.contains("Waiting for a second reviewer"), "{html}");
    assert!(
        !html.contains("Approve match"),
        "no approve button for the proposer"
    );

    // The proposer approving their own decision is refused, with a clear message.
    let seq = s.entries().to_string();
    let approve = |csrf: &str| {
        vec![
            ("csrf", csrf.to_string()),
            ("subject", "cust-7".to_string()),
            ("entity", "fx-101".to_string()),
            ("seq", seq.clone()),
        ]
    };
    let own: Vec<(&str, String)> = approve(&csrf);
    let own: Vec<(&str, &str)> = own.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, body) = s.post("/ui/review/approve", &alice, &own).await;
    assert_eq!(status, 403);
    assert!(
        body.contains("You proposed this decision, so you cannot approve it"),
        "{body}"
    );
    assert_eq!(s.open_on("cust-7"), 1);

    let bob = s.sign_in("bob", "battery staple").await;
    let (_, html) = s.queue(&bob).await;
    assert!(html.contains("Approve match"), "{html}");
    let bob_csrf = csrf_field(&html);
    // Alice's token is not Bob's.
    let (status, _, _) = s.post("/ui/review/approve", &bob, &own).await;
    assert_eq!(status, 403);
    let theirs: Vec<(&str, String)> = approve(&bob_csrf);
    let theirs: Vec<(&str, &str)> = theirs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, location, _) = s.post("/ui/review/approve", &bob, &theirs).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/ui/review?done=approved")
    );
    let d = s
        .store
        .latest_decision("cust-7", "fx-101")
        .unwrap()
        .expect("in effect")
        .decision;
    assert_eq!(
        (d.verdict, d.reviewer.as_str(), d.approved_by.as_deref()),
        (Verdict::Match, "alice", Some("bob"))
    );
    assert_eq!(s.open_on("cust-7"), 0, "the alert left the queue");
    let (_, html) = s.queue(&bob).await;
    assert!(!html.contains("Jon Averly"), "{html}");

    // Approving again: nothing waits any more.
    let (status, _, body) = s.post("/ui/review/approve", &bob, &theirs).await;
    assert_eq!(status, 409);
    assert!(body.contains("no longer waiting"), "{body}");
    s.store.verify().expect("the chain holds");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_sign_in_the_queue_is_read_only() {
    let s = site(false, false).await;
    let r = s.get("/ui/review", None).await;
    let cookie = cookie_pair(&r, "zeef_csrf").expect("a CSRF cookie");
    let html = r.text().await.unwrap();
    assert!(html.contains("Jon Averly"));
    assert!(html.contains("can be read here but not decided"), "{html}");
    assert!(!html.contains("Record decision"));
    let csrf = &cookie["zeef_csrf=".len()..];
    let form = [
        ("csrf", csrf),
        ("subject", "cust-7"),
        ("entity", "fx-101"),
        ("verdict", "match"),
    ];
    let before = s.entries();
    let (status, _, body) = s.post("/ui/review/decide", &cookie, &form).await;
    assert_eq!(status, 403);
    assert!(body.contains("signed with the reviewer"), "{body}");
    assert_eq!(s.entries(), before);
}
