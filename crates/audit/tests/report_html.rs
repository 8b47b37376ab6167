//! The HTML report as a person sees it: content checks on the text, and a real render with
//! headless Chromium where `/usr/bin/chromium` exists (CI installs it).

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use time::macros::datetime;
use zeef_audit::{AuditStore, fixtures};

fn sample_html() -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = AuditStore::open_sqlite(&dir.path().join("audit.sqlite")).expect("open");
    fixtures::populate_sample(&store).expect("populate");
    store
        .report(
            &[],
            datetime!(2026-04-01 00:00 UTC),
            datetime!(2026-05-01 00:00 UTC),
        )
        .expect("report")
        .to_html()
}

#[test]
fn html_report_content() {
    let html = sample_html();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(
        !html.contains("<script") && !html.contains("src=") && !html.contains("href="),
        "self-contained"
    );
    assert!(html.contains("@media print") && html.contains("@page"));
    for needed in [
        "Subject CUST-000117",
        "Subject CUST-000342",
        "Subject CUST-000500",
        "fictional_un",
        "2026-04-30",
        &"1f".repeat(32),
        "snap-2026-05-01",
        "zeef-match 0.1.0 (threshold 0.8)",
        "a.martens",
        "listed entity gained alias &quot;Jonas Averli&quot;",
        "escalated by k.osei",
        "No candidates found.",
    ] {
        assert!(html.contains(needed), "HTML lacks {needed:?}");
    }
    // The reviewer's note is escaped, not markup.
    assert!(html.contains(
        "born 1961-03-04 in &lt;Lisbon&gt;, listed person &quot;J. Averly&quot; &amp; family"
    ));
    assert!(!html.contains("<Lisbon>"));
    // Summary: 3 subjects, 4 screenings, 3 alerts, 1 decided, 2 open.
    assert!(
        html.contains("<td>3</td><td>4</td><td>3</td><td>1</td><td>2</td>"),
        "summary row"
    );
    assert_eq!(
        html.matches("<table").count(),
        html.matches("</table>").count()
    );
}

/// Renders with Chromium and checks a real, non-trivial PNG came out.
#[test]
fn html_report_renders_in_chromium() {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        eprintln!(
            "NOTICE: /usr/bin/chromium not found; HTML render check skipped (CI installs chromium)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let html_path = dir.path().join("report.html");
    let png_path = dir.path().join("report.png");
    std::fs::write(&html_path, sample_html()).expect("write HTML");
    let mut child = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--window-size=1200,1600",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", png_path.display()))
        .arg(format!("file://{}", html_path.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium did not finish within 90 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let png = std::fs::read(&png_path).expect("chromium wrote no screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    // IHDR width and height (big-endian) follow the signature and chunk header.
    let width = png
        .get(16..20)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    let height = png
        .get(20..24)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]));
    assert_eq!((width, height), (Some(1200), Some(1600)));
    // A blank page compresses to a few kB; tables and text make it far larger.
    assert!(
        png.len() > 40_000,
        "screenshot suspiciously small ({} bytes): blank page?",
        png.len()
    );
}
