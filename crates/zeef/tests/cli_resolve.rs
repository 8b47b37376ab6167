//! Entity resolution as a user meets it, on the real shared lists (skipped with a notice
//! where they are absent): `zeef update` resolves, `screen`, `show`, `scan` and `export
//! --resolved` name resolved entities, judgements override and survive updates.

mod common;

use common::{ok, zeef};
use serde_json::Value;
use std::collections::BTreeSet;

#[test]
fn resolved_entities_from_update_to_judgement() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let lists = shared.join("data/lists");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let update = || ok(zeef(&data, &["update", "--from", lists.to_str().unwrap()]));
    update();

    // One result for the man five lists name, carrying every listing.
    let v: Value = serde_json::from_str(&ok(zeef(
        &data,
        &["screen", "Tharwat Salah Shihata", "--json"],
    )))
    .unwrap();
    let results = v["results"].as_array().unwrap();
    let first = &results[0];
    assert!(
        first["id"].as_str().unwrap().starts_with("zeef-"),
        "{first:#}"
    );
    let sources: BTreeSet<&str> = first["listings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    for s in ["un", "uk_ofsi", "au", "ofac_sdn", "us_csl"] {
        assert!(sources.contains(s), "{s} missing: {first:#}");
    }
    assert!(first["referents"].as_array().unwrap().len() >= 5);
    let canonical = first["id"].as_str().unwrap().to_string();
    // No other result is a listing of the same entity.
    assert!(results[1..].iter().all(|r| {
        r["referents"]
            .as_array()
            .is_none_or(|x| !x.iter().any(|id| id == "un-QDi.017"))
    }));
    // --by-record: one result per listed record, as before.
    let v: Value = serde_json::from_str(&ok(zeef(
        &data,
        &["screen", "Tharwat Salah Shihata", "--json", "--by-record"],
    )))
    .unwrap();
    let ids: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"un-QDi.017") && ids.contains(&"uk_ofsi-6899"),
        "{ids:?}"
    );

    // `show` takes a record id or the canonical id.
    let shown = ok(zeef(&data, &["show", "un-QDe.115"]));
    assert!(
        shown.contains("us_csl-8759") && shown.contains("uk_ofsi-"),
        "{shown}"
    );
    let shown = ok(zeef(&data, &["show", &canonical]));
    assert!(
        shown.contains("un-QDi.017") && shown.contains("au-170"),
        "{shown}"
    );

    // `scan` names the resolved entity: ISIS finds the UN listing.
    let letter = shared.join("data/texts/kamerstuk_27925_607.txt");
    let report = ok(zeef(&data, &["scan", letter.to_str().unwrap()]));
    let isis = report
        .lines()
        .find(|l| l.contains("ISIS") && l.contains("zeef-"))
        .unwrap_or_else(|| panic!("{report}"));
    assert!(isis.contains("un-QDe.115"), "{isis}");

    // The summary, and one FtM line per resolved entity.
    let summary: Value = serde_json::from_str(&ok(zeef(&data, &["resolve", "--json"]))).unwrap();
    // 43,621 listed parties and the 638 digital currency addresses OFAC and the CSL list as
    // wallets of theirs.
    assert_eq!(summary["records"], 44259);
    let entities = summary["resolved_entities"].as_u64().unwrap();
    assert!((20_000..35_000).contains(&entities), "{entities}");
    let exported = ok(zeef(&data, &["export", "--format", "ftm", "--resolved"]));
    let documents = exported
        .lines()
        .filter(|l| {
            l.contains(r#""schema":"Passport""#) || l.contains(r#""schema":"Identification""#)
        })
        .count() as u64;
    assert_eq!(exported.lines().count() as u64 - documents, entities);

    // Unknown ids are refused; a judgement overrides and survives an update.
    let out = zeef(
        &data,
        &["resolve", "judge", "un-NOPE", "uk_ofsi-6899", "--same"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown id \"un-NOPE\""));
    ok(zeef(
        &data,
        &[
            "resolve",
            "judge",
            "au-170",
            &canonical,
            "--different",
            "--reviewer",
            "anna",
        ],
    ));
    update();
    let shown = ok(zeef(&data, &["show", "un-QDi.017", "--json"]));
    let v: Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(v["id"], "un-QDi.017");
    assert_eq!(
        v["resolved"]["id"],
        canonical.as_str(),
        "the entity keeps its id"
    );
    let referents: Vec<&str> = v["resolved"]["referents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(!referents.contains(&"au-170"), "{referents:?}");
    assert!(referents.contains(&"uk_ofsi-6899"), "{referents:?}");
    let exported = ok(zeef(&data, &["resolve", "export-judgements"]));
    assert_eq!(exported.lines().count(), 1);
    assert!(exported.contains("\"different\"") && exported.contains("anna"));
}

/// With a PostgreSQL audit database (`--database`, or ZEEF_DATABASE_URL for every command),
/// judgements are kept there, not in the data directory, and updates apply them.
#[test]
fn judgements_live_in_the_postgres_audit_database_when_one_is_set() {
    if std::env::var("ZEEF_SKIP_POSTGRES").is_ok_and(|v| v == "1") {
        eprintln!("ZEEF_SKIP_POSTGRES=1: PostgreSQL test skipped");
        return;
    }
    let base = std::env::var("ZEEF_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!(
        "zeef_judgements_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let mut admin = postgres::Client::connect(&base, postgres::NoTls)
        .unwrap_or_else(|e| panic!("PostgreSQL is not reachable at {base} ({e})"));
    admin
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .unwrap();
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{schema}");

    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mirror = tmp.path().join("mirror");
    for (source, line) in [
        (
            "alpha",
            r#"{"id":"a1","schema":"Person","properties":{"name":["Bartholomew Quillfeather"],"birthDate":["1955-03-04"],"nationality":["zz"]}}"#,
        ),
        (
            "beta",
            r#"{"id":"b1","schema":"Person","properties":{"name":["QUILLFEATHER, Bartholomew"],"birthDate":["1955-03-04"],"nationality":["zz"]}}"#,
        ),
    ] {
        std::fs::create_dir_all(mirror.join(source)).unwrap();
        std::fs::write(
            mirror.join(source).join("entities.ftm.json"),
            format!("{line}\n"),
        )
        .unwrap();
    }
    let m = mirror.to_str().unwrap();
    ok(zeef(&data, &["update", "--from", m]));
    let referents = |data: &std::path::Path| -> Vec<String> {
        let shown: Value =
            serde_json::from_str(&ok(zeef(data, &["show", "alpha-a1", "--json"]))).unwrap();
        shown["resolved"]["referents"]
            .as_array()
            .map(|a| a.iter().map(|r| r.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    assert!(
        referents(&data).contains(&"beta-b1".to_string()),
        "one party on two lists"
    );

    ok(zeef(
        &data,
        &[
            "resolve",
            "judge",
            "alpha-a1",
            "beta-b1",
            "--different",
            "--database",
            &url,
        ],
    ));
    assert!(
        !referents(&data).contains(&"beta-b1".to_string()),
        "the judgement applies"
    );
    // Kept in PostgreSQL, not in the data directory's file.
    let local = ok(zeef(&data, &["resolve", "export-judgements"]));
    assert_eq!(local, "");
    let stored: i64 = admin
        .query_one(
            &format!("SELECT count(*) FROM {schema}.zeef_judgements"),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(stored, 1);
    // An update with the database set applies it again.
    let updated = std::process::Command::new(env!("CARGO_BIN_EXE_zeef"))
        .env("ZEEF_OFFLINE", "1")
        .env("ZEEF_DATABASE_URL", &url)
        .arg("--data")
        .arg(&data)
        .args(["update", "--from", m, "--force"])
        .output()
        .unwrap();
    ok(updated);
    assert!(
        !referents(&data).contains(&"beta-b1".to_string()),
        "it survives the update"
    );
    let exported = ok(zeef(
        &data,
        &["resolve", "export-judgements", "--database", &url],
    ));
    assert!(exported.contains("\"different\""), "{exported}");
    admin
        .batch_execute(&format!("DROP SCHEMA {schema} CASCADE"))
        .unwrap();
}
