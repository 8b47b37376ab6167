//! Screening by identifier as a user meets it, on the shared OFAC SDN list (skipped with a
//! notice where it is absent): a wallet address names its holder, an IMO number its vessel,
//! a batch file of counterparties with an `imo` column screens vessels.

mod common;

use common::{ok, zeef};
use serde_json::Value;

#[test]
fn wallets_imo_numbers_and_batch_columns() {
    let Some(sdn) = zeef_lists::shared::list_dir("ofac_sdn").filter(|d| d.is_dir()) else {
        eprintln!("notice: shared OFAC SDN list absent; skipping");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mirror = tmp.path().join("mirror");
    std::fs::create_dir_all(mirror.join("ofac_sdn")).unwrap();
    std::fs::copy(sdn.join("sdn.csv"), mirror.join("ofac_sdn/sdn.csv")).unwrap();
    let data = tmp.path().join("data");
    ok(zeef(&data, &["update", "--from", mirror.to_str().unwrap()]));

    // A wallet address alone: the listed party holding it, said to be his.
    let out = ok(zeef(
        &data,
        &["screen", "--wallet", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"],
    ));
    assert!(out.contains("ofac_sdn-25308"), "{out}");
    assert!(out.contains("held by this party"), "{out}");
    let v: Value = serde_json::from_str(&ok(zeef(
        &data,
        &[
            "screen",
            "--wallet",
            "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
            "--currency",
            "BTC",
            "--json",
            "--by-record",
        ],
    )))
    .unwrap();
    assert_eq!(v["results"][0]["id"], "ofac_sdn-25308", "{v:#}");
    assert_eq!(v["results"][0]["match"], true);

    // An IMO number, with its prefix, and with a name that is not the ship's.
    let out = ok(zeef(&data, &["screen", "--id", "IMO 7406784"]));
    assert!(out.contains("EBANO"), "{out}");
    let v: Value = serde_json::from_str(&ok(zeef(
        &data,
        &[
            "screen",
            "some ship",
            "--schema",
            "Vessel",
            "--id",
            "7406784",
            "--json",
            "--by-record",
        ],
    )))
    .unwrap();
    assert_eq!(v["results"][0]["id"], "ofac_sdn-4243", "{v:#}");
    assert_eq!(v["results"][0]["match"], true);

    // A mistyped check digit is said to be one.
    let out = zeef(&data, &["screen", "--id", "IMO 7406785"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("likely mistyped"), "{stderr}");

    // Neither a name nor an identifier: refused, saying what is needed.
    let out = zeef(&data, &["screen"]);
    assert!(!out.status.success());

    // A batch of counterparties with an `imo` column.
    let input = tmp.path().join("vessels.csv");
    std::fs::write(
        &input,
        "id,name,imo\nv1,,IMO 7406784\nv2,Some Ship,9999999\nv3,,7406784\n",
    )
    .unwrap();
    let out = ok(zeef(
        &data,
        &["batch", "--input", input.to_str().unwrap(), "--by-record"],
    ));
    let rows: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(rows.len(), 3, "{out}");
    let first = |row: &Value| row["results"][0]["id"].as_str().map(str::to_string);
    assert_eq!(first(&rows[0]).as_deref(), Some("ofac_sdn-4243"), "{out}");
    assert_eq!(first(&rows[2]).as_deref(), Some("ofac_sdn-4243"), "{out}");
}
