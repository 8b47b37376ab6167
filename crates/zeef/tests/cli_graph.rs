//! `zeef graph` and `zeef ownership` as a user meets them, on the real shared lists (skipped
//! with a notice where they are absent).

mod common;

use common::{ok, zeef};
use serde_json::Value;

#[test]
fn graph_and_ownership_on_the_shared_lists() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let lists = shared.join("data/lists");
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    ok(zeef(&data, &["update", "--from", lists.to_str().unwrap()]));

    // HIZBALLAH's linked parties, Hasan NASRALLAH among them.
    let g: Value =
        serde_json::from_str(&ok(zeef(&data, &["graph", "ofac_sdn-4697", "--json"]))).unwrap();
    let nodes = g["nodes"].as_array().unwrap();
    assert!(nodes.len() > 80, "{} nodes", nodes.len());
    assert!(
        nodes[0]["referents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "ofac_sdn-4697")
    );
    assert!(nodes.iter().any(|n| {
        n["referents"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "ofac_sdn-2686")
    }));
    let dot = ok(zeef(&data, &["graph", "ofac_sdn-4697", "--format", "dot"]));
    assert!(dot.starts_with("digraph"));

    // A screening result names the parties the lists link its party to.
    let screened: Value =
        serde_json::from_str(&ok(zeef(&data, &["screen", "Hasan Nasrallah", "--json"]))).unwrap();
    let links = screened["results"][0]["links"].as_array().unwrap();
    assert!(
        links.iter().any(|l| l["caption"] == "HIZBALLAH"
            && l["direction"] == "outgoing"
            && l["provenance"]["record"] == "ofac_sdn-2686"),
        "{links:?}"
    );
    assert!(screened.get("linked_parties").is_none());
    let text = ok(zeef(&data, &["screen", "Hasan Nasrallah"]));
    assert!(text.contains("linked to HIZBALLAH"), "{text}");

    // --linked: the parent company the UK list names without listing it, apart and marked.
    let screened: Value = serde_json::from_str(&ok(zeef(
        &data,
        &[
            "screen",
            "Russian Ministry of Defence",
            "--linked",
            "--json",
        ],
    )))
    .unwrap();
    let named = screened["linked_parties"].as_array().unwrap();
    let parent = named
        .iter()
        .find(|p| p["id"] == "name:russian ministry of defence")
        .unwrap_or_else(|| panic!("{named:?}"));
    assert!(parent["datasets"].as_array().unwrap().is_empty());
    assert!(
        parent["links"].as_array().unwrap().iter().any(|l| {
            l["provenance"]["record"] == "uk_ofsi-16600" && l["direction"] == "outgoing"
        })
    );
    let ids = |v: &Value| {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].clone())
            .collect::<Vec<_>>()
    };
    assert!(!ids(&screened["results"]).contains(&parent["id"]));

    // 30 % and 25 % held by two SDN-listed persons: blocked under OFAC and EU rules, not UK.
    let csv = tmp.path().join("owners.csv");
    std::fs::write(
        &csv,
        "owner,owned,share\nHasan NASRALLAH,Cedar Trading,30\nofac_sdn-306,Cedar Trading,25\nJane Fictive,Cedar Trading,45\n",
    )
    .unwrap();
    for (rule, blocked) in [("ofac", true), ("eu", true), ("uk", false)] {
        let out = ok(zeef(
            &data,
            &[
                "ownership",
                "--input",
                csv.to_str().unwrap(),
                "--rule",
                rule,
                "--json",
            ],
        ));
        let f: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
        assert_eq!(f["entity"], "Cedar Trading");
        assert_eq!(f["blocked"], blocked, "{rule}: {f}");
        assert_eq!(f["paths"].as_array().unwrap().len(), 2, "{rule}: {f}");
    }

    // The same stakes as a register publishes them: BODS 0.4 statements.
    let bods = tmp.path().join("owners.json");
    let person = |id: &str, name: &str| {
        serde_json::json!({"statementId": format!("s-{id}"), "recordId": id, "recordType": "person",
            "recordDetails": {"personType": "knownPerson", "names": [{"type": "legal", "fullName": name}]}})
    };
    let stake = |id: &str, owner: &str, share: f64| {
        serde_json::json!({"statementId": format!("s-{id}"), "recordId": id, "recordType": "relationship",
            "recordDetails": {"subject": "cedar", "interestedParty": owner,
                "interests": [{"type": "shareholding", "directOrIndirect": "direct", "share": {"exact": share}}]}})
    };
    let statements = serde_json::json!([
        {"statementId": "s-cedar", "recordId": "cedar", "recordType": "entity",
         "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Cedar Trading"}},
        person("nasrallah", "Hasan NASRALLAH"),
        person("fictive", "Jane Fictive"),
        {"statementId": "s-bnc", "recordId": "bnc", "recordType": "entity",
         "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Banco Nacional de Cuba"}},
        stake("r1", "nasrallah", 30.0),
        stake("r2", "bnc", 25.0),
        stake("r3", "fictive", 45.0),
        stake("r4", "nobody", 1.0),
    ]);
    std::fs::write(&bods, serde_json::to_string_pretty(&statements).unwrap()).unwrap();
    for (rule, blocked) in [("ofac", true), ("uk", false)] {
        let out = zeef(
            &data,
            &[
                "ownership",
                "--input",
                bods.to_str().unwrap(),
                "--rule",
                rule,
                "--json",
            ],
        );
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        // The relationship to a party the file does not describe is named, the rest read.
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("\"nobody\" is not a person or entity statement"),
            "{stderr}"
        );
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        let f: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
        assert_eq!(f["entity"], "Cedar Trading");
        assert_eq!(f["blocked"], blocked, "{rule}: {f}");
        assert_eq!(f["paths"].as_array().unwrap().len(), 2, "{rule}: {f}");
    }
}
