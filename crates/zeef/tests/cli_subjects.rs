//! Files of subjects as users hand them in, careless ones included: `zeef batch`,
//! `zeef rescreen` and `zeef report --subjects` never lose a row to an unclosed quote, report
//! it with its line, read the rest, account for every line and exit non-zero.

mod common;

use common::zeef;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// A fictional watchlist (source `watch`); `changed` adds one more person.
fn watchlist(changed: bool) -> String {
    let mut text = String::from(
        r#"{"id":"w-1","schema":"Person","properties":{"name":["Ivor Quentin Blackwater"],"birthDate":["1961-04-03"]},"datasets":["watch"]}
{"id":"w-2","schema":"Organization","properties":{"name":["Larkspur Maritime Holdings"]},"datasets":["watch"]}
"#,
    );
    if changed {
        text.push_str(r#"{"id":"w-3","schema":"Organization","properties":{"name":["Acme Trading Ltd"]},"datasets":["watch"]}"#);
        text.push('\n');
    }
    text
}

/// A data directory with the watchlist loaded (twice with `changed`: before and after).
fn data_dir(tmp: &Path, changed: bool) -> PathBuf {
    let data = tmp.join("data");
    let mirror = tmp.join("mirror");
    std::fs::create_dir_all(mirror.join("watch")).expect("mirror");
    let file = mirror.join("watch/entities.ftm.json");
    std::fs::write(&file, watchlist(false)).expect("watchlist");
    let update = |data: &Path| {
        let out = zeef(
            data,
            &["update", "--from", mirror.to_str().expect("utf-8 path")],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    update(&data);
    if changed {
        std::fs::write(&file, watchlist(true)).expect("watchlist");
        update(&data);
    }
    data
}

/// 100 rows whose 5th opens a quote it never closes (`"Acme Trading Ltd,`); row 20 is
/// Larkspur.
fn hundred_rows(path: &Path) {
    let mut text = String::from("id,full_name,country\n");
    for i in 1..=100 {
        match i {
            5 => text.push_str("c-5,\"Acme Trading Ltd,gb\n"),
            20 => text.push_str("c-20,Larkspur Maritime Holdings,nl\n"),
            _ => text.push_str(&format!("c-{i},Fictive Person {i},nl\n")),
        }
    }
    std::fs::write(path, text).expect("write subjects");
}

#[test]
fn batch_reports_the_unclosed_quote_and_screens_the_other_99() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path(), false);
    let input = tmp.path().join("subjects.csv");
    hundred_rows(&input);
    let out = zeef(
        &data,
        &["batch", "--input", input.to_str().expect("utf-8 path")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "a skipped row fails the run: {stderr}"
    );
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 100, "one output line per row");
    let errors: Vec<&Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0]["row"].as_u64(), errors[0]["line"].as_u64()),
        (Some(5), Some(6))
    );
    assert!(
        stderr.contains(
            "line 6: row 5 skipped: a quoted field of the row starting on line 6 is still open after 20 lines (an unclosed quote?)"
        ),
        "{stderr}"
    );
    // Every other row was screened as written, in order, Larkspur found.
    for (i, l) in lines.iter().enumerate().filter(|(i, _)| *i != 4) {
        assert_eq!(l["row"].as_u64(), Some(i as u64 + 1));
        assert_eq!(l["id"].as_str(), Some(format!("c-{}", i + 1).as_str()));
    }
    assert!(
        lines[19]["results"]
            .as_array()
            .is_some_and(|r| r.iter().any(|m| m["record_id"] == "watch-w-2"))
    );
    assert!(
        stderr.contains("99 rows screened against 2 entities"),
        "{stderr}"
    );
    assert!(stderr.contains("1 skipped as malformed"), "{stderr}");
    assert!(
        stderr.contains("101 lines: 1 header line, 100 rows (99 screened, 1 skipped as malformed), 0 blank lines"),
        "{stderr}"
    );
}

/// A row whose name is longer than one query may ask for (60 words) is a malformed row,
/// reported with its line; the rows around it are screened, and the run fails.
#[test]
fn batch_reports_an_overlong_name_and_screens_the_other_rows() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path(), false);
    let input = tmp.path().join("subjects.csv");
    let long = vec!["Abu Bakr"; 30].join(" ");
    std::fs::write(
        &input,
        format!("id,full_name\nc-1,Fictive Person\nc-2,{long}\nc-3,Larkspur Maritime Holdings\n"),
    )
    .expect("write subjects");
    let out = zeef(
        &data,
        &["batch", "--input", input.to_str().expect("utf-8 path")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "one output line per row");
    assert!(lines[1].get("error").is_some(), "{}", lines[1]);
    assert_eq!(
        (lines[1]["row"].as_u64(), lines[1]["line"].as_u64()),
        (Some(2), Some(3))
    );
    assert!(stderr.contains("line 3: row 2 skipped"), "{stderr}");
    assert!(stderr.contains("60 words (at most 40)"), "{stderr}");
    assert!(
        lines[2]["results"]
            .as_array()
            .is_some_and(|r| r.iter().any(|m| m["record_id"] == "watch-w-2"))
    );
    assert!(
        stderr.contains(
            "4 lines: 1 header line, 3 rows (2 screened, 1 skipped as malformed), 0 blank lines"
        ),
        "{stderr}"
    );
}

#[test]
fn rescreen_reports_the_unclosed_quote_and_rescreens_the_other_99() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path(), true);
    let input = tmp.path().join("subjects.csv");
    hundred_rows(&input);
    let out = zeef(
        &data,
        &[
            "rescreen",
            "--input",
            input.to_str().expect("utf-8 path"),
            "--since",
            "previous",
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("line 6: row 5 skipped"), "{stderr}");
    assert!(stderr.contains("99 rows re-screened"), "{stderr}");
    assert!(
        stderr.contains("101 lines: 1 header line, 100 rows (99 screened, 1 skipped as malformed), 0 blank lines"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let errors = stdout.lines().filter(|l| l.contains("\"error\"")).count();
    assert_eq!(errors, 1, "{stdout}");
}

/// Rows spread over blank lines and a quoted address over three lines: all accounted for.
#[test]
fn batch_accounts_for_blank_lines_and_multi_line_rows() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = data_dir(tmp.path(), false);
    let input = tmp.path().join("subjects.csv");
    std::fs::write(
        &input,
        "full_name,address\n\nIvor Blackwater,\"1 Fictive Lane\nFictown\nNL\"\n\nAnna Fictive,x",
    )
    .expect("write");
    let out = zeef(
        &data,
        &["batch", "--input", input.to_str().expect("utf-8 path")],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("7 lines: 1 header line, 2 rows on 4 lines (2 screened, 0 skipped as malformed), 2 blank lines"),
        "{stderr}"
    );
}
