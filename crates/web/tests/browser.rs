//! The web application in a real Chromium, driven through chromedriver (WebDriver): screening
//! a name, an entity page, a 1,000-row upload and its alerts downloaded, a decision under
//! four-eyes review approved by a second user, and sign-in refusals (a wrong password, an
//! expired session). Each page's screenshot is kept under `target/ui-screenshots/`.
//!
//! Where `chromedriver` or `chromium` is missing the test says so and passes without running;
//! CI installs both (`.ci/run`).

mod common;

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use zeef_audit::AuditStore;
use zeef_server::ServeConfig;
use zeef_web::{Users, WebConfig};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver() -> Driver {
    let port = StdListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port }
}

/// A headless Chromium with a fresh profile, downloading into `downloads`.
async fn browser(driver: &Driver, profile: &Path, downloads: &Path) -> Client {
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
            },
        }
    });
    let serde_json::Value::Object(caps) = caps else {
        unreachable!()
    };
    // chromedriver listens on loopback over plain HTTP: no TLS needed.
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/ui-screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("a screenshot");
    std::fs::write(shots().join(format!("{name}.png")), png).unwrap();
}

/// The page's text. A page that reloads itself (a batch job's progress) can replace its body
/// between finding it and reading it: then the new body is read.
async fn text(c: &Client) -> String {
    let mut last = None;
    for _ in 0..50 {
        match c.find(Locator::Css("body")).await {
            Ok(body) => match body.text().await {
                Ok(t) => return t,
                Err(e) => last = Some(e),
            },
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the page's text could not be read: {last:?}")
}

/// Waits until the page's text contains `what`.
async fn wait_for(c: &Client, what: &str, secs: u64) -> String {
    let deadline = Instant::now() + Duration::from_secs(secs);
    loop {
        let t = text(c).await;
        if t.contains(what) {
            return t;
        }
        assert!(Instant::now() < deadline, "waited for {what:?} in: {t}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(c: &Client, url: &str, user: &str, password: &str) {
    c.goto(&format!("{url}/ui/signin")).await.unwrap();
    c.find(Locator::Id("user"))
        .await
        .unwrap()
        .send_keys(user)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    c.find(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

fn users(dir: &Path) -> Users {
    let path = dir.join("users");
    zeef_web::users::add(&path, "alice", "correct horse").unwrap();
    zeef_web::users::add(&path, "bob", "battery staple").unwrap();
    Users::load(&path).unwrap()
}

fn available() -> bool {
    let ok = Path::new(CHROMEDRIVER).exists() && Path::new(CHROMIUM).exists();
    if !ok {
        eprintln!(
            "notice: {CHROMEDRIVER} or {CHROMIUM} is missing; the browser tests are skipped \
             (apt-get install chromium chromium-driver)"
        );
    }
    ok
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_analyst_screens_uploads_and_two_reviewers_decide() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(AuditStore::open_sqlite(&dir.path().join("audit.sqlite")).unwrap());
    let web = WebConfig {
        users: Some(users(dir.path())),
        audit: Some(store.clone()),
        four_eyes: true,
        ..WebConfig::default()
    };
    let config = ServeConfig {
        record: Some(store.clone()),
        ..ServeConfig::default()
    };
    let (url, _, _) = common::fictional(config, web).await;
    let driver = start_driver();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let c = browser(&driver, &dir.path().join("profile"), &downloads).await;

    // A wrong password is refused.
    sign_in(&c, &url, "alice", "battery staple").await;
    wait_for(&c, "Wrong user name or password.", 10).await;
    shot(&c, "signin-refused").await;

    // Screen a name and see its listings.
    sign_in(&c, &url, "alice", "correct horse").await;
    wait_for(&c, "Signed in as alice", 10).await;
    c.goto(&format!("{url}/ui/screen")).await.unwrap();
    c.find(Locator::Css("input[name=name]"))
        .await
        .unwrap()
        .send_keys("Kasimir Orbeldanov")
        .await
        .unwrap();
    c.find(Locator::Css("form.screen button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for(&c, "ORBELDANOV, Kasimir", 20).await;
    assert!(
        page.contains("alpha-1") || page.contains("beta-7"),
        "{page}"
    );
    shot(&c, "screen").await;

    // Open the entity.
    c.find(Locator::Css("article.result a[href^='/ui/entities/']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&c, "Kasko", 10).await;
    shot(&c, "entity").await;

    // Upload 1,000 rows; download the alerts.
    let file = dir.path().join("customers.csv");
    let mut csv = String::from("id,full_name,birth_date\n");
    for i in 1..=1000 {
        if i % 100 == 0 {
            csv.push_str(&format!("c{i},Kasimir Orbeldanov,1961-02-03\n"));
        } else {
            csv.push_str(&format!("c{i},Person Number{i} Quillfeather,1990-01-01\n"));
        }
    }
    std::fs::write(&file, csv).unwrap();
    c.goto(&format!("{url}/ui/batch")).await.unwrap();
    c.find(Locator::Id("file"))
        .await
        .unwrap()
        .send_keys(&file.display().to_string())
        .await
        .unwrap();
    c.find(Locator::Css("form.stack button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&c, "1000 rows screened: 10 alert(s)", 60).await;
    shot(&c, "batch").await;
    c.find(Locator::LinkText("Download alerts (CSV)"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let saved = downloads.join("alerts.csv");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !saved.exists() {
        assert!(Instant::now() < deadline, "the CSV was not downloaded");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let lines = std::fs::read_to_string(&saved).unwrap().lines().count();
    assert_eq!(lines, 11, "the header and 10 alerts");

    // The screening was recorded: propose a decision on its alert.
    c.goto(&format!("{url}/ui/review")).await.unwrap();
    wait_for(&c, "Propose decision", 10).await;
    let form = c.find(Locator::Css("form.decide")).await.unwrap();
    form.find(Locator::Css("input[value=match]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    form.find(Locator::Css("textarea"))
        .await
        .unwrap()
        .send_keys("same birth date, both lists")
        .await
        .unwrap();
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let page = wait_for(&c, "Decision proposed", 10).await;
    assert!(page.contains("Waiting for a second reviewer"), "{page}");
    shot(&c, "review-proposed").await;
    let open_before = store.open_alerts().unwrap().len();
    assert!(open_before >= 1);

    // A second reviewer approves it; the alert leaves the queue.
    c.find(Locator::Css("form.user button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&c, "User name", 10).await;
    sign_in(&c, &url, "bob", "battery staple").await;
    wait_for(&c, "Signed in as bob", 10).await;
    c.goto(&format!("{url}/ui/review")).await.unwrap();
    wait_for(&c, "alice proposes match", 10).await;
    c.find(Locator::Css("div.pending button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(&c, "Decision approved", 10).await;
    shot(&c, "review-approved").await;
    assert_eq!(store.open_alerts().unwrap().len(), open_before - 1);
    assert!(
        store.pending_proposals().unwrap().is_empty(),
        "nothing waits"
    );

    c.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_is_refused() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let web = WebConfig {
        users: Some(users(dir.path())),
        session: Duration::from_secs(2),
        ..WebConfig::default()
    };
    let (url, _, _) = common::fictional(ServeConfig::default(), web).await;
    let driver = start_driver();
    let c = browser(&driver, &dir.path().join("profile"), dir.path()).await;
    sign_in(&c, &url, "alice", "correct horse").await;
    wait_for(&c, "Signed in as alice", 10).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    c.goto(&format!("{url}/ui/lists")).await.unwrap();
    let page = text(&c).await;
    assert!(
        page.contains("Sign in") && !page.contains("Signed in as alice"),
        "{page}"
    );
    shot(&c, "session-expired").await;
    c.close().await.unwrap();
}
