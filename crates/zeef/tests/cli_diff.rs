//! `zeef diff`, `zeef changes` and `zeef rescreen` as a user runs them: on fictional FtM
//! mirrors in a temporary data directory, and on the real shared lists (skipped with a notice
//! where they are absent).

mod common;

use common::{ok, zeef};
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn json_lines(text: &str) -> Vec<Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Snapshot ids in the data directory, oldest first.
fn snapshot_ids(data: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(data.join("snapshots"))
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    ids.sort();
    ids
}

/// Writes one fictional FtM source: `<mirror>/<source>/entities.ftm.json`.
fn write_source(mirror: &Path, source: &str, lines: &[&str]) {
    let dir = mirror.join(source);
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join("entities.ftm.json"), lines.join("\n") + "\n").unwrap();
}

const QUILLFEATHER: &str = r#"{"id":"a1","schema":"Person","properties":{"name":["Bartholomew Quillfeather"],"birthDate":["1955"]},"provenance":{"source":"alpha","references":["A.1"]}}"#;
const MOONSTRIKE: &str = r#"{"id":"a2","schema":"Person","properties":{"name":["Evander Moonstrike"],"birthDate":["1970-01-09"]}}"#;
const MOONSTRIKE_AMENDED: &str = r#"{"id":"a2","schema":"Person","properties":{"birthDate":["1970-01-09"],"name":["EVANDER MOONSTRIKE"],"passportNumber":["ZX-55501"]}}"#;
const UNDERHAY: &str = r#"{"id":"a3","schema":"Person","properties":{"name":["Philippa Underhay"],"birthDate":["1948"]}}"#;
const WRENFIELD: &str = r#"{"id":"a4","schema":"Person","properties":{"name":["Cassius Wrenfield"],"birthDate":["1981"]}}"#;
const ASHDOWN: &str = r#"{"id":"a5","schema":"Person","properties":{"name":["Perpetua Ashdown-Vale"],"birthDate":["1975"]}}"#;
const BETA: [&str; 2] = [
    r#"{"id":"b1","schema":"Person","properties":{"name":["QUILLFEATHER, Bartholomew"],"birthDate":["1955-03-04"],"listingDate":["2019-05-01"]},"provenance":{"source":"beta","cross_refs":[{"source":"alpha","reference":"A.1"}]}}"#,
    r#"{"id":"b2","schema":"Person","properties":{"name":["Evander Moonstryke"],"alias":["Evander Moonstrike"],"birthDate":["1970-01-09"],"nationality":["zz"]}}"#,
];

/// A data directory with two snapshots of fictional lists `alpha` and `beta`; between them
/// alpha drops Wrenfield, adds Ashdown-Vale and amends Moonstrike (a passport, re-cased name,
/// properties reordered).
fn fictional(tmp: &Path) -> (PathBuf, String, String) {
    let data = tmp.join("data");
    let (m1, m2) = (tmp.join("m1"), tmp.join("m2"));
    write_source(
        &m1,
        "alpha",
        &[QUILLFEATHER, MOONSTRIKE, UNDERHAY, WRENFIELD],
    );
    write_source(&m1, "beta", &BETA);
    write_source(
        &m2,
        "alpha",
        &[ASHDOWN, UNDERHAY, MOONSTRIKE_AMENDED, QUILLFEATHER],
    );
    write_source(&m2, "beta", &BETA);
    ok(zeef(&data, &["update", "--from", m1.to_str().unwrap()]));
    ok(zeef(&data, &["update", "--from", m2.to_str().unwrap()]));
    let ids = snapshot_ids(&data);
    assert_eq!(ids.len(), 2, "{ids:?}");
    (data, ids[0].clone(), ids[1].clone())
}

#[test]
fn diff_on_fictional_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, _, _) = fictional(tmp.path());
    let rows = json_lines(&ok(zeef(
        &data,
        &["diff", "--left", "alpha", "--right", "beta", "--json"],
    )));
    let row = |left: &str| {
        rows.iter()
            .find(|r| r["left_id"] == left)
            .unwrap_or_else(|| panic!("{left}"))
    };
    assert_eq!(row("alpha-a1")["right_id"], "beta-b1");
    assert_eq!(row("alpha-a1")["method"], "reference");
    assert_eq!(row("alpha-a2")["right_id"], "beta-b2");
    assert_eq!(row("alpha-a2")["method"], "match");
    assert!(row("alpha-a2")["score"].as_f64().unwrap() >= 0.8);
    let diffs = row("alpha-a2")["differences"].as_array().unwrap();
    assert!(
        diffs
            .iter()
            .any(|d| d["property"] == "nationality" && d["right"][0] == "zz")
    );
    assert!(
        diffs
            .iter()
            .any(|d| d["property"] == "identifiers" && d["left"][0] == "ZX-55501")
    );
    for gap in ["alpha-a3", "alpha-a5"] {
        assert!(row(gap)["right_id"].is_null());
        assert!(row(gap)["score"].is_null());
    }
    assert_eq!(
        rows.len(),
        4,
        "every alpha entity once, no beta-only entity"
    );

    let text = ok(zeef(&data, &["diff", "--left", "alpha", "--right", "beta"]));
    assert!(
        text.contains("linked: 1 by reference, 1 by matching"),
        "{text}"
    );
    assert!(text.contains("only on alpha: 2"), "{text}");
    assert!(text.contains("Philippa Underhay"), "{text}");

    // Matching alone still finds Quillfeather, whose names are written in another order.
    let alone = json_lines(&ok(zeef(
        &data,
        &[
            "diff",
            "--left",
            "alpha",
            "--right",
            "beta",
            "--json",
            "--ignore-references",
        ],
    )));
    let a1 = alone.iter().find(|r| r["left_id"] == "alpha-a1").unwrap();
    assert_eq!(
        (a1["right_id"].as_str(), a1["method"].as_str()),
        (Some("beta-b1"), Some("match"))
    );

    let bad = zeef(&data, &["diff", "--left", "alpha", "--right", "gamma"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no source \"gamma\""));
}

#[test]
fn changes_on_fictional_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, first, second) = fictional(tmp.path());
    let lines = json_lines(&ok(zeef(&data, &["changes", "--json"])));
    let kinds: Vec<(String, String)> = lines
        .iter()
        .map(|l| {
            (
                l["change"].as_str().unwrap().into(),
                l["id"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("amended".to_string(), "alpha-a2".to_string()),
            ("removed".into(), "alpha-a4".into()),
            ("added".into(), "alpha-a5".into()),
        ]
    );
    // Only the passport: re-casing the name and reordering properties are no change.
    let amended = &lines[0];
    assert_eq!(amended["source"], "alpha");
    assert_eq!(
        amended["differences"].as_array().unwrap().len(),
        1,
        "{amended}"
    );
    assert_eq!(amended["differences"][0]["property"], "passportNumber");
    assert_eq!(amended["differences"][0]["added"][0], "ZX-55501");

    // Explicit snapshots, and the other way round.
    let back = json_lines(&ok(zeef(
        &data,
        &["changes", "--json", "--from", &second, "--to", &first],
    )));
    assert!(
        back.iter()
            .any(|l| l["change"] == "added" && l["id"] == "alpha-a4")
    );
    assert!(json_lines(&ok(zeef(&data, &["changes", "--json", "--source", "beta"]))).is_empty());

    let text = ok(zeef(&data, &["changes"]));
    assert!(text.contains("alpha   1      1        1"), "{text}");
    assert!(text.contains("passportNumber: +\"ZX-55501\""), "{text}");
}

#[test]
fn rescreen_on_fictional_lists() {
    let tmp = tempfile::tempdir().unwrap();
    let (data, first, _) = fictional(tmp.path());
    let input = tmp.path().join("customers.csv");
    fs::write(
        &input,
        "id,full_name,date_of_birth,segment\n\
         C-1,Cassius Wrenfield,1981,retail\n\
         C-2,Perpetua Ashdown-Vale,,private\n\
         C-3,Philippa Underhay,1948,retail\n\
         C-4,Ottoline Fairweather,,retail\n",
    )
    .unwrap();
    let args = [
        "rescreen",
        "--input",
        input.to_str().unwrap(),
        "--since",
        &first,
    ];
    let events = json_lines(&ok(zeef(&data, &args)));
    let found: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["id"].as_str().unwrap(),
                e["change"].as_str().unwrap(),
                e["entity_id"].as_str().unwrap(),
            )
        })
        .collect();
    // Underhay did not change: her standing alert is not repeated.
    assert_eq!(
        found,
        [
            ("C-1", "alert_gone", "alpha-a4"),
            ("C-2", "new_alert", "alpha-a5"),
        ]
    );
    assert_eq!(events[0]["row"], 1);
    assert_eq!(events[0]["entity_change"], "removed");
    assert!(events[0]["score"].is_null());
    assert!(events[0]["previous_score"].as_f64().unwrap() >= 0.7);
    assert_eq!(events[1]["columns"]["segment"], "private");

    let mut csv_args = args.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = ok(zeef(&data, &csv_args));
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].starts_with("row,id,query_name,change,entity_id"));
    assert!(rows[0].ends_with(",explanation,resolved_id,referents"));
    assert!(
        rows[2].starts_with("2,C-2,Perpetua Ashdown-Vale,new_alert,alpha-a5"),
        "{csv}"
    );
    // The resolved entity as the JSON lines name it.
    let resolved = events[1]["resolved_id"]
        .as_str()
        .expect("a resolved entity");
    let referents: Vec<&str> = events[1]["referents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(
        rows[2].ends_with(&format!(",{resolved},{}", referents.join(";"))),
        "{csv}"
    );

    // A row without a name is reported, not fatal; the exit code says so.
    fs::write(&input, "id,full_name\nC-9,\n").unwrap();
    let out = zeef(&data, &args);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"error\""));
}

#[test]
fn changes_and_rescreen_on_ofac_sdn_versions() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    for (mirror, from) in [
        ("m1", shared.join("data/archive/ofac_sdn_2021-07-07")),
        ("m2", shared.join("data/lists/ofac_sdn")),
    ] {
        let dir = tmp.path().join(mirror).join("ofac_sdn");
        fs::create_dir_all(&dir).unwrap();
        for f in fs::read_dir(&from).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), dir.join(f.file_name())).unwrap();
        }
        let m = tmp.path().join(mirror);
        ok(zeef(&data, &["update", "--from", m.to_str().unwrap()]));
    }
    let lines = json_lines(&ok(zeef(
        &data,
        &["changes", "--json", "--source", "ofac_sdn"],
    )));
    let count = |k: &str| lines.iter().filter(|l| l["change"] == k).count();
    assert_eq!((count("removed"), count("added")), (899, 7085));
    let text = ok(zeef(
        &data,
        &[
            "changes",
            "--ignore",
            "address,alias,country",
            "--limit",
            "0",
        ],
    ));
    assert!(
        text.contains("ofac_sdn-10392"),
        "Iran's defence ministry: new Russia program"
    );
    assert!(text.contains("program: +\"RUSSIA-EO14024\""));

    let first = snapshot_ids(&data)[0].clone();
    let input = tmp.path().join("customers.csv");
    fs::write(
        &input,
        "id,full_name\nK-1,Kutry Management Inc\nK-2,BM Bank JSC\nK-3,Ottoline Fairweather\n",
    )
    .unwrap();
    let events = json_lines(&ok(zeef(
        &data,
        &[
            "rescreen",
            "--input",
            input.to_str().unwrap(),
            "--since",
            &first,
        ],
    )));
    assert!(events.iter().any(|e| e["id"] == "K-1"
        && e["change"] == "alert_gone"
        && e["entity_id"] == "ofac_sdn-10022"));
    assert!(events.iter().any(|e| e["id"] == "K-2"
        && e["change"] == "new_alert"
        && e["entity_id"] == "ofac_sdn-17017"));
    assert!(events.iter().all(|e| e["id"] != "K-3"));
}

#[test]
fn diff_un_uk_on_real_lists() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let lists = shared.join("data/lists");
    ok(zeef(
        &data,
        &[
            "update",
            "--from",
            lists.to_str().unwrap(),
            "--source",
            "un,uk_ofsi",
        ],
    ));
    let rows = json_lines(&ok(zeef(
        &data,
        &["diff", "--left", "un", "--right", "uk_ofsi", "--json"],
    )));
    let by_reference = rows.iter().filter(|r| r["method"] == "reference").count();
    assert!((855..=872).contains(&by_reference), "{by_reference}");
    let baghdadi = rows.iter().find(|r| r["left_id"] == "un-QDi.299").unwrap();
    assert_eq!(baghdadi["right_id"], "uk_ofsi-12157");
    let right_only = rows.iter().filter(|r| r["left_id"].is_null()).count();
    let linked_right: std::collections::HashSet<&str> = rows
        .iter()
        .filter(|r| !r["left_id"].is_null())
        .filter_map(|r| r["right_id"].as_str())
        .collect();
    assert_eq!(right_only + linked_right.len(), 4686);
}
