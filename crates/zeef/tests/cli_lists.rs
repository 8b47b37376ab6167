//! The list commands as a user runs them: `zeef update`, `lists`, `snapshots`, `show`,
//! `export`, on the real shared lists (skipped with a notice where they are absent).

mod common;

use common::{ok, zeef};
use serde_json::Value;
use std::process::Command;

#[test]
fn update_from_mirror_then_lists_show_export() {
    let Some(lists) = zeef_lists::shared::dir().map(|d| d.join("data/lists")) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(zeef(&data, &["update", "--from", lists.to_str().unwrap()]));

    // `zeef lists --json`: every source with the counts PROVENANCE.md gives.
    let rows: Vec<Value> = serde_json::from_str(&ok(zeef(&data, &["lists", "--json"]))).unwrap();
    let count = |s: &str| {
        rows.iter()
            .find(|r| r["source"] == s)
            .unwrap_or_else(|| panic!("{s} listed"))["entities"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(count("un"), 1003);
    // The mirror's `uk` folder holds the retired OFSI list: it loads as `uk_ofsi`, flagged.
    assert_eq!(count("uk_ofsi"), 4686);
    let ofsi = rows.iter().find(|r| r["source"] == "uk_ofsi").unwrap();
    assert_eq!(ofsi["retired_since"], "2026-01-28");
    assert_eq!(ofsi["status"], "RETIRED 2026-01-28");
    assert!(rows.iter().all(|r| r["source"] != "uk"));
    assert_eq!(count("ca"), 4759);
    assert_eq!(count("au"), 3062);
    // 14,965 entries and 294 digital currency addresses held by them.
    assert_eq!(count("ofac_sdn"), 14965 + 294);
    assert_eq!(count("ofac_cons"), 442);
    assert_eq!(count("us_csl"), 14160 + 344);
    assert!(count("us_dpl") > 500);
    let un = rows.iter().find(|r| r["source"] == "un").unwrap();
    assert_eq!(un["schemata"]["Person"], 730);
    assert_eq!(un["schemata"]["Organization"], 273);
    assert_eq!(un["list_date"], "2026-02-27");
    assert_eq!(
        un["sha256"],
        "66b392a4090868d2d39161e8d748efd39138377b0e6e60b7921aa67a4f99c8bf"
    );
    let table = ok(zeef(&data, &["lists"]));
    assert!(
        table.contains("UN Security Council") || table.contains("United Nations"),
        "{table}"
    );

    // `zeef show un-QDi.299`: original-script name, aliases one by one, 1971, iq, provenance.
    let shown = ok(zeef(&data, &["show", "un-QDi.299"]));
    assert!(
        shown.contains("إبراهيم عواد إبراهيم علي البدري السامرائي"),
        "{shown}"
    );
    assert!(shown.contains("birthDate            1971"), "{shown}");
    assert!(shown.contains("nationality          iq"), "{shown}");
    assert!(
        shown.contains("QDi.299") && shown.contains("66b392a4"),
        "{shown}"
    );
    let e: Value =
        serde_json::from_str(&ok(zeef(&data, &["show", "un-QDi.299", "--json"]))).unwrap();
    let names: Vec<&str> = ["alias", "weakAlias"]
        .iter()
        .flat_map(|p| e["properties"][p].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .collect();
    assert!(names.contains(&"Abu Bakr al-Baghdadi"), "{names:?}");
    assert!(
        names.iter().all(|n| !n.contains(';')),
        "one alias each: {names:?}"
    );
    assert_eq!(e["provenance"]["references"][0], "QDi.299");

    // `zeef export --format ftm --source un`: 1,003 FtM entities that read back, and the
    // 291 passports and national ids that carry their issuing country as FtM records.
    let exported = ok(zeef(
        &data,
        &["export", "--format", "ftm", "--source", "un"],
    ));
    let lines: Vec<Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let documents = |v: &&Value| v["schema"] == "Passport" || v["schema"] == "Identification";
    assert_eq!(lines.iter().filter(|v| !documents(v)).count(), 1003);
    assert_eq!(lines.iter().filter(documents).count(), 291);
    for v in &lines {
        assert!(v["id"].as_str().unwrap().starts_with("un-"));
        assert!(v["properties"].is_object() && v["schema"].is_string());
        if documents(&v) {
            assert!(v["properties"]["country"][0].is_string(), "{v}");
        }
    }

    // Unknown ids and sources fail with a clear message.
    let out = zeef(&data, &["show", "un-NOPE"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no entity \"un-NOPE\""));
    let out = zeef(&data, &["export", "--source", "eu"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("no source \"eu\""));
}

#[test]
fn killed_update_never_leaves_a_broken_current_snapshot() {
    let Some(lists) = zeef_lists::shared::dir().map(|d| d.join("data/lists")) else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let mirror = tmp.path().join("mirror");
    std::fs::create_dir_all(mirror.join("un")).unwrap();
    std::fs::copy(
        lists.join("un/consolidated.xml"),
        mirror.join("un/consolidated.xml"),
    )
    .unwrap();
    std::fs::create_dir_all(mirror.join("ofac_sdn")).unwrap();
    std::fs::copy(
        lists.join("ofac_sdn/sdn.csv"),
        mirror.join("ofac_sdn/sdn.csv"),
    )
    .unwrap();
    ok(zeef(&data, &["update", "--from", mirror.to_str().unwrap()]));
    let before = ok(zeef(&data, &["lists", "--json"]));
    // Kill updates at different points; the current snapshot must always load whole.
    for delay_ms in [5u64, 20, 50, 80, 120, 200] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_zeef"))
            .arg("--data")
            .arg(&data)
            .args(["update", "--from", mirror.to_str().unwrap()])
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let rows: Vec<Value> =
            serde_json::from_str(&ok(zeef(&data, &["lists", "--json"]))).unwrap();
        let total: u64 = rows.iter().map(|r| r["entities"].as_u64().unwrap()).sum();
        assert_eq!(total, 1003 + 14965 + 294, "after a kill at {delay_ms} ms");
        let shown = ok(zeef(&data, &["show", "ofac_sdn-306"]));
        assert!(shown.contains("ofac_sdn-306"));
    }
    let _ = before;
}
