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

/// A fictional FtM list: a passport issued by Iran, as OpenSanctions writes one.
const ISSUED_LIST: &str = r#"{"id": "p-1", "schema": "Person", "properties": {"name": ["Reza Tehrani Moghaddam"], "passportNumber": ["K-55001"]}}
{"id": "pp-1", "schema": "Passport", "properties": {"holder": ["p-1"], "number": ["K-55001"], "country": ["ir"]}}
"#;

#[test]
fn identifiers_with_their_issuing_country() {
    let tmp = tempfile::tempdir().unwrap();
    let mirror = tmp.path().join("mirror");
    std::fs::create_dir_all(mirror.join("fict")).unwrap();
    std::fs::write(mirror.join("fict/entities.ftm.json"), ISSUED_LIST).unwrap();
    let data = tmp.path().join("data");
    ok(zeef(&data, &["update", "--from", mirror.to_str().unwrap()]));
    let screen = |country: &str| -> Value {
        let args = [
            "screen",
            "--id",
            "K55001",
            "--id-country",
            country,
            "--json",
            "--by-record",
        ];
        serde_json::from_str(&ok(zeef(&data, &args))).unwrap()
    };

    // The same number issued by the same country: found, and said so.
    let v = screen("IR");
    assert_eq!(v["results"][0]["id"], "fict-p-1", "{v:#}");
    assert_eq!(v["results"][0]["match"], true);
    let why = v["results"][0]["explanation"]["features"][0]["detail"]
        .as_str()
        .unwrap_or_default();
    assert!(why.contains("issued by Iran on both"), "{why}");
    assert_eq!(v["query"]["identifications"][0]["country"], "ir", "{v:#}");
    // Issued by another country: another document, no result.
    let v = screen("Iraq");
    assert_eq!(v["results"].as_array().map(Vec::len), Some(0), "{v:#}");
    // A country that cannot be read is refused, naming the option's field.
    let out = zeef(
        &data,
        &["screen", "--id", "K55001", "--id-country", "Atlantis"],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("id_country"), "{stderr}");

    // A batch file with an id_country column.
    let input = tmp.path().join("people.csv");
    std::fs::write(
        &input,
        "id,name,id_number,id_country\nr1,,K55001,IR\nr2,,K55001,IQ\nr3,,K55001,\n",
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
    let found = |row: &Value| row["results"].as_array().map_or(0, Vec::len);
    assert_eq!(
        rows.iter().map(found).collect::<Vec<_>>(),
        [1, 0, 1],
        "{out}"
    );

    // The export carries the country as FtM's Passport record; read back, it is kept.
    let exported = ok(zeef(&data, &["export", "--format", "ftm"]));
    let lines: Vec<Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "{exported}");
    assert_eq!(lines[1]["schema"], "Passport");
    assert_eq!(lines[1]["properties"]["holder"][0], "fict-p-1");
    assert_eq!(lines[1]["properties"]["country"][0], "ir");
    let again = tmp.path().join("again");
    std::fs::create_dir_all(again.join("fict")).unwrap();
    std::fs::write(again.join("fict/entities.ftm.json"), &exported).unwrap();
    let data2 = tmp.path().join("data2");
    ok(zeef(&data2, &["update", "--from", again.to_str().unwrap()]));
    let shown: Value =
        serde_json::from_str(&ok(zeef(&data2, &["show", "fict-p-1", "--json"]))).unwrap();
    let text = shown.to_string();
    assert!(
        text.contains(
            r#""identifications":[{"property":"passportNumber","number":"K-55001","country":"ir"}]"#
        ),
        "{shown:#}"
    );
}
