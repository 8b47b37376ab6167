//! Batch screening in the browser: an uploaded file is screened with a job page showing the
//! progress, then the alerts as a table sorted by links and as downloads; a malformed file,
//! an oversized one and a forged form are refused with a clear message and nothing kept.

mod common;

use std::time::Duration;

use reqwest::Client;
use reqwest::redirect::Policy;
use zeef_server::ServeConfig;
use zeef_web::WebConfig;

struct Site {
    url: String,
    c: Client,
    cookie: String,
    csrf: String,
}

async fn site(max_upload: usize) -> Site {
    let web = WebConfig {
        max_upload,
        ..WebConfig::default()
    };
    let (url, _, _) = common::fictional(ServeConfig::default(), web).await;
    let c = Client::builder().redirect(Policy::none()).build().unwrap();
    // An open server: the CSRF token is the cookie's.
    let r = c.get(format!("{url}/ui/batch")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("zeef_csrf="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .expect("a CSRF cookie");
    let csrf = cookie["zeef_csrf=".len()..].to_string();
    Site {
        url,
        c,
        cookie,
        csrf,
    }
}

/// A multipart body with the CSRF field and one file.
fn multipart(csrf: &str, file_name: &str, content: &[u8]) -> (String, Vec<u8>) {
    let boundary = "zeefboundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl Site {
    async fn upload(&self, csrf: &str, name: &str, content: &[u8]) -> reqwest::Response {
        let (kind, body) = multipart(csrf, name, content);
        self.c
            .post(format!("{}/ui/batch", self.url))
            .header("cookie", &self.cookie)
            .header("content-type", kind)
            .body(body)
            .send()
            .await
            .unwrap()
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.c
            .get(format!("{}{path}", self.url))
            .header("cookie", &self.cookie)
            .send()
            .await
            .unwrap()
    }
}

/// 1,000 rows; every 100th is the listed Kasimir Orbeldanov, the rest nobody listed.
fn thousand_rows() -> String {
    let mut csv = String::from("id,full_name,birth_date\n");
    for i in 1..=1000 {
        if i % 100 == 0 {
            csv.push_str(&format!("c{i},Kasimir Orbeldanov,1961-02-03\n"));
        } else {
            csv.push_str(&format!("c{i},Person Number{i} Quillfeather,1990-01-01\n"));
        }
    }
    csv
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_is_screened_and_its_alerts_downloaded() {
    let s = site(zeef_web::WebConfig::default().max_upload).await;
    let r = s
        .upload(&s.csrf, "customers.csv", thousand_rows().as_bytes())
        .await;
    assert_eq!(r.status(), 303);
    let job = r.headers()["location"].to_str().unwrap().to_string();
    assert!(job.starts_with("/ui/batch/"), "{job}");

    let mut html = String::new();
    for _ in 0..600 {
        let r = s.get(&job).await;
        assert_eq!(r.status(), 200);
        html = r.text().await.unwrap();
        if !html.contains(r#"http-equiv="refresh""#) {
            break;
        }
        assert!(html.contains("<progress max=\"1000\""), "{html}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(html.contains("1000 rows screened: 10 alert(s)"), "{html}");
    assert!(html.contains("Kasimir Orbeldanov"));
    assert!(
        html.contains("sort=score&amp;dir=desc"),
        "sort links: {html}"
    );
    let sorted = s
        .get(&format!("{job}?sort=row&dir=desc"))
        .await
        .text()
        .await
        .unwrap();
    let first = sorted.find(">1000<").expect("row 1000");
    let last = sorted.find(">100<").expect("row 100");
    assert!(first < last, "row 1000 first when sorted by row descending");

    let r = s.get(&format!("{job}/alerts.csv")).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("alerts.csv")
    );
    let csv = r.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], zeef_web::BATCH_CSV_HEADER);
    assert_eq!(lines.len(), 11, "header and 10 alerts");
    assert!(
        lines[1].starts_with("100,c100,Kasimir Orbeldanov,"),
        "{}",
        lines[1]
    );

    let jsonl = s
        .get(&format!("{job}/alerts.jsonl"))
        .await
        .text()
        .await
        .unwrap();
    let rows: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[9]["row"], 1000);
    assert_eq!(rows[9]["id"], "c1000");

    let list = s.get("/ui/batch").await.text().await.unwrap();
    assert!(list.contains("customers.csv") && list.contains("10 alert(s)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_oversized_and_forged_uploads_are_refused() {
    let s = site(4096).await;
    let bad = b"{\"schema\":\"Person\",\"properties\":{\"name\":[\"Anna Lind\"]}}\n\
                {\"schema\":\"Person\",\"properties\":{\"name\":[\"Bo Berg\"]}}\n\
                {not json\n";
    let r = s.upload(&s.csrf, "people.jsonl", bad).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("1 malformed row(s); the file is refused"),
        "{html}"
    );
    assert!(html.contains("row 3 (line 3)"), "{html}");
    assert!(html.contains("Nothing was screened or kept"));

    let r = s
        .upload(&s.csrf, "nameless.csv", b"id,birth_date\n1,1990-01-01\n")
        .await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("the header needs a name column"), "{html}");

    let big = "id,full_name\n".to_string() + &"1,Anna Lind\n".repeat(1000);
    let r = s.upload(&s.csrf, "big.csv", big.as_bytes()).await;
    assert_eq!(r.status(), 413);
    let html = r.text().await.unwrap();
    assert!(html.contains("The file is larger than 4 KiB"), "{html}");

    let r = s
        .upload(&"0".repeat(64), "ok.csv", b"full_name\nAnna Lind\n")
        .await;
    assert_eq!(r.status(), 403);

    let list = s.get("/ui/batch").await.text().await.unwrap();
    assert!(!list.contains("Recent files"), "nothing kept: {list}");
}

/// The due-diligence report of a screened file: HTML naming each subject (markup in a name
/// escaped), the lists and versions screened against, and the alerts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_screened_file_has_its_report() {
    let s = site(zeef_web::WebConfig::default().max_upload).await;
    let file = "id,full_name,birth_date\n\
                c1,Kasimir Orbeldanov,1961-02-03\n\
                c2,<script>alert(1)</script> Quillfeather,1990-01-01\n\
                ,Velimira Tostrakova,1970-01-01\n";
    let r = s.upload(&s.csrf, "partners.csv", file.as_bytes()).await;
    assert_eq!(r.status(), 303);
    let job = r.headers()["location"].to_str().unwrap().to_string();
    let mut html = String::new();
    for _ in 0..600 {
        html = s.get(&job).await.text().await.unwrap();
        if !html.contains(r#"http-equiv="refresh""#) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(html.contains(&format!("{job}/report.html")), "{html}");

    let r = s.get(&format!("{job}/report.html")).await;
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("report.html")
    );
    let report = r.text().await.unwrap();
    assert!(report.starts_with("<!DOCTYPE html>"), "{report}");
    // Screenings that were never recorded claim nothing of the audit store's chain.
    assert!(
        report.contains("not in its audit store") && !report.contains("tamper-evident"),
        "{report}"
    );
    assert!(
        report.contains("Subject c1 · Kasimir Orbeldanov"),
        "{report}"
    );
    assert!(
        report.contains("Subject c2 · &lt;script&gt;alert(1)&lt;/script&gt; Quillfeather"),
        "{report}"
    );
    assert!(!report.contains("<script"), "markup escaped: {report}");
    assert!(
        report.contains("Subject partners.csv:row-3 · Velimira Tostrakova"),
        "{report}"
    );
    // The lists screened against, with their versions.
    let version = format!(
        "<td>2025-12-01</td><td class=\"hash\">{}</td>",
        "ab".repeat(32)
    );
    assert!(
        report.contains(&format!("<tr><td>alpha</td>{version}</tr>")),
        "{report}"
    );
    assert!(
        report.contains(&format!("<tr><td>beta</td>{version}</tr>")),
        "{report}"
    );
    // The alerts: Kasimir Orbeldanov (row 1) and Velimira Tostrakova (row 3), both open.
    assert!(report.contains("<span class=\"badge match\">match</span>"));
    assert_eq!(
        report.matches("<h3>Open alerts</h3>").count(),
        2,
        "{report}"
    );
    assert_eq!(
        report.matches("No candidates found.").count(),
        1,
        "{report}"
    );
    assert!(
        report
            .contains("<tbody><tr><td>3</td><td>3</td><td>2</td><td>0</td><td>2</td></tr></tbody>"),
        "summary: {report}"
    );
}
