//! `zeef simulate network`: the table and JSON on fictional data, and the plot written.

mod common;

use common::{ok, zeef};
use serde_json::Value;

#[test]
fn simulate_network_prints_json_and_writes_the_plot() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let plot = tmp.path().join("p.svg");
    let out = ok(zeef(
        &data,
        &[
            "simulate",
            "network",
            "--json",
            "--plot",
            plot.to_str().unwrap(),
        ],
    ));
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["fictional"], true);
    assert!(v["note"].as_str().unwrap().contains("fictional"));
    assert_eq!(v["settings"]["seed"], 2017);
    assert_eq!(v["alone"].as_array().unwrap().len(), 4);
    let shared = v["shared"]["members_found"].as_u64().unwrap();
    let best = v["alone"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["members_found"].as_u64().unwrap())
        .max()
        .unwrap();
    assert!(shared > best, "{out}");
    let svg = std::fs::read_to_string(&plot).unwrap();
    assert!(svg.starts_with("<svg"));
    assert_eq!(svg.matches(r#"class="bar""#).count(), 2 * 5);

    let text = ok(zeef(
        &data,
        &["simulate", "network", "--plot", plot.to_str().unwrap()],
    ));
    assert!(text.lines().next().unwrap().contains("fictional"));
    assert!(text.contains("shared"));
}
