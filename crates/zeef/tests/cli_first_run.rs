//! A fresh machine: the first command with an empty data directory and no network screens
//! against the built-in lists and says so; `zeef sources` shows where lists come from;
//! `zeef update` with every publisher out of reach fails at once and keeps the snapshot.

mod common;

use common::{ok, zeef};
use serde_json::Value;
use std::process::Command;
use zeef_lists::source::SOURCES;

#[test]
fn first_screen_offline_uses_the_builtin_lists_and_warns() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let out = zeef(&data, &["screen", "Abu Bakr al-Baghdadi", "--json"]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let body: Value = serde_json::from_str(&ok(out)).unwrap();
    // A result is a resolved entity: the UN record is among its referents.
    let ids: Vec<&str> = body["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["referents"].as_array().into_iter().flatten())
        .filter_map(|id| id.as_str())
        .collect();
    assert!(ids.contains(&"un-QDi.299"), "{ids:?}");
    // The resolved entities come built in with the lists: nothing is resolved first.
    assert!(!stderr.contains("Resolving snapshot"), "{stderr}");
    assert!(stderr.contains("BUILT-IN"), "{stderr}");
    assert!(stderr.contains("list date 2026-02-27"), "{stderr}");
    assert!(stderr.contains("days old"), "{stderr}");
    assert!(stderr.contains("zeef update --from DIR"), "{stderr}");
    assert!(
        stderr.contains("RETIRED") || stderr.contains("retired"),
        "{stderr}"
    );

    // Every later run warns again, without installing anything.
    let again = zeef(&data, &["screen", "Abu Bakr al-Baghdadi"]);
    let stderr = String::from_utf8_lossy(&again.stderr).to_string();
    ok(again);
    assert!(stderr.contains("BUILT-IN"), "{stderr}");
    assert!(!stderr.contains("No lists in"), "{stderr}");

    let rows: Vec<Value> = serde_json::from_str(&ok(zeef(&data, &["lists", "--json"]))).unwrap();
    assert!(rows.iter().all(|r| r["builtin"] == true));
    let un = rows.iter().find(|r| r["source"] == "un").unwrap();
    assert_eq!(un["list_date"], "2026-02-27");
    assert!(un["status"].as_str().unwrap().starts_with("BUILT-IN"));
}

#[test]
fn sources_shows_the_uk_sanctions_list_and_the_retired_ofsi_list() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let rows: Vec<Value> = serde_json::from_str(&ok(zeef(&data, &["sources", "--json"]))).unwrap();
    let get = |s: &str| rows.iter().find(|r| r["source"] == s).unwrap().clone();
    let uk = get("uk");
    assert_eq!(uk["title"], "UK Sanctions List");
    assert_eq!(uk["status"], "active");
    assert_eq!(
        uk["url"],
        "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml"
    );
    assert_eq!(uk["formats"], serde_json::json!(["XML", "CSV"]));
    assert_eq!(uk["env_var"], "ZEEF_SOURCE_UK_URL");
    let ofsi = get("uk_ofsi");
    assert_eq!(ofsi["status"], "retired");
    assert_eq!(ofsi["retired_since"], "2026-01-28");
    assert_eq!(ofsi["replaced_by"], "uk");
    let sdn = get("ofac_sdn");
    assert!(
        sdn["url"]
            .as_str()
            .unwrap()
            .starts_with("https://sanctionslistservice.ofac.treas.gov/"),
        "{sdn}"
    );
    assert_eq!(sdn["builtin"], true);
    // Nothing was installed by looking at the sources.
    assert!(!data.join("CURRENT").exists());

    let table = ok(zeef(&data, &["sources"]));
    assert!(
        table.contains("retired 2026-01-28 (replaced by uk)"),
        "{table}"
    );

    // An override through the environment shows, with where it was set.
    let out = Command::new(env!("CARGO_BIN_EXE_zeef"))
        .env("ZEEF_SOURCE_UK_URL", "https://mirror.example/uk/")
        .env("ZEEF_SOURCES_CONFIG", tmp.path().join("none.toml"))
        .args(["--data", data.to_str().unwrap(), "sources", "--json"])
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_str(&ok(out)).unwrap();
    let uk = rows.iter().find(|r| r["source"] == "uk").unwrap();
    assert_eq!(uk["url"], "https://mirror.example/uk/UK-Sanctions-List.xml");
    assert_eq!(uk["override"]["set_in"], "ZEEF_SOURCE_UK_URL");

    // And from a config file.
    let config = tmp.path().join("sources.toml");
    std::fs::write(&config, "[un]\nurl = \"https://mirror.example/un/\"\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_zeef"))
        .env("ZEEF_SOURCES_CONFIG", &config)
        .args(["--data", data.to_str().unwrap(), "sources", "--json"])
        .output()
        .unwrap();
    let rows: Vec<Value> = serde_json::from_str(&ok(out)).unwrap();
    let un = rows.iter().find(|r| r["source"] == "un").unwrap();
    assert_eq!(un["url"], "https://mirror.example/un/consolidated.xml");
}

#[test]
fn update_with_every_publisher_unreachable_fails_at_once_and_keeps_the_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(zeef(&data, &["lists"]));
    let before = std::fs::read_to_string(data.join("CURRENT")).unwrap();
    // Every source's address points at a loopback port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zeef"));
    cmd.env("ZEEF_SOURCES_CONFIG", tmp.path().join("none.toml"));
    for s in SOURCES {
        cmd.env(
            zeef_lists::addresses::env_var(s.name),
            format!("http://127.0.0.1:{port}/{}/", s.name),
        );
    }
    let out = cmd
        .args(["--data", data.to_str().unwrap(), "update"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success(), "{stderr}");
    for s in SOURCES.iter().filter(|s| s.retired.is_none()) {
        assert!(
            stderr.contains(&format!("{}: publisher unreachable", s.name)),
            "{}: {stderr}",
            s.name
        );
    }
    assert!(stderr.contains("connection refused"), "{stderr}");
    assert!(stderr.contains("after 1 try"), "{stderr}");
    assert!(stderr.contains("current snapshot is kept"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(data.join("CURRENT")).unwrap(),
        before
    );
}
