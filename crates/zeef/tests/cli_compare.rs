//! `zeef compare` as a user runs it: pairs in, one result line per pair, in input order.

use serde_json::Value;
use std::process::Command;

#[test]
fn compares_pairs_in_order_and_reports_bad_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("pairs.jsonl");
    std::fs::write(
        &input,
        [
            r#"{"left": {"schema": "Person", "properties": {"name": ["Zayd Qasimi"], "birthDate": ["1963"]}}, "right": {"schema": "Person", "properties": {"name": ["Zayd Qasimi"], "birthDate": ["1963"]}}, "note": "ignored"}"#,
            r#"{"left": {"schema": "Person", "properties": {"name": ["Zayd Qasimi"]}}, "right": {"schema": "Vessel", "properties": {"name": ["Zayd Qasimi"]}}}"#,
            "not json",
            r#"{"left": {"schema": "Person", "properties": {"name": ["Zayd Qasimi"], "birthDate": ["1963"]}}, "right": {"schema": "Person", "properties": {"name": ["Zayd Qasimi"], "birthDate": ["1990"]}}}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zeef"))
        .args(["compare", "--input"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "some pairs were skipped");
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one line per pair, the bad one included");
    assert_eq!(lines[0]["score"], 1.0);
    assert_eq!(lines[0]["match"], true);
    assert_eq!(lines[1]["score"], 0.0, "a vessel is never a person");
    assert_eq!(lines[2]["pair"], 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("not JSON"));
    let conflicting = lines[3]["score"].as_f64().unwrap();
    assert!(
        conflicting < 1.0,
        "a birth-date conflict lowers the score: {conflicting}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("pair 3: skipped"));

    // The same pairs as a JSON array give the same scores.
    let array = tmp.path().join("pairs.json");
    let text = std::fs::read_to_string(&input).unwrap();
    let good: Vec<&str> = text.lines().filter(|l| l.starts_with('{')).collect();
    std::fs::write(&array, format!("[{}]", good.join(","))).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zeef"))
        .args(["compare", "--input"])
        .arg(&array)
        .output()
        .unwrap();
    assert!(out.status.success());
    let scores: Vec<f64> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["score"]
                .as_f64()
                .unwrap()
        })
        .collect();
    assert_eq!(scores, vec![1.0, 0.0, conflicting]);
}
