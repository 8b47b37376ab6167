//! Resolution over the shared official lists (skipped with a notice where they are absent).

use std::collections::BTreeSet;
use zeef_matching::Index;
use zeef_model::Entity;
use zeef_resolve::{Clustering, ResolveOptions, resolve};

fn all_lists() -> Option<Vec<Entity>> {
    let dir = zeef_lists::shared::dir()?.join("data/lists");
    let mut entities = Vec::new();
    for s in [
        "au",
        "ca",
        "ofac_cons",
        "ofac_sdn",
        "uk",
        "un",
        "us_csl",
        "us_dpl",
    ] {
        entities.extend(
            zeef_lists::parse_dir(s, &dir.join(s))
                .expect("shared list parses")
                .entities,
        );
    }
    Some(entities)
}

fn cluster_of<'a>(e: &'a [Entity], c: &Clustering, id: &str) -> Vec<&'a str> {
    let i = e.iter().position(|x| x.id == id).expect("record present");
    c.clusters[c.cluster_of[i]]
        .iter()
        .map(|&m| e[m].id.as_str())
        .collect()
}

#[test]
fn one_party_on_five_lists_is_one_entity_and_isis_joins_al_qaida_in_iraq() {
    let Some(e) = all_lists() else { return };
    let index = Index::build(e.clone());
    let c = resolve(&e, &index, &[], &ResolveOptions::default());
    let shihata = cluster_of(&e, &c, "un-QDi.017");
    let sources: BTreeSet<&str> = shihata
        .iter()
        .map(|id| id.split('-').next().unwrap())
        .collect();
    for s in ["un", "uk", "au", "ofac_sdn", "us_csl"] {
        assert!(sources.contains(s), "{s} missing from {shihata:?}");
    }
    let aqi = cluster_of(&e, &c, "un-QDe.115");
    assert!(aqi.contains(&"us_csl-8759"), "{aqi:?}");
    assert!(aqi.iter().any(|id| id.starts_with("uk-")), "{aqi:?}");
    // No chaining: no cluster holds more than one record per list by much.
    let largest = c.clusters.iter().map(Vec::len).max().unwrap();
    assert!(largest <= 16, "largest cluster has {largest} records");
}

#[test]
fn every_referenced_pair_ends_up_in_one_cluster() {
    let Some(e) = all_lists() else { return };
    let index = Index::build(e.clone());
    let c = resolve(&e, &index, &[], &ResolveOptions::default());
    let pairs = zeef_resolve::references::reference_pairs(&e);
    assert!(pairs.len() > 800);
    for (a, b) in pairs {
        assert_eq!(
            c.cluster_of[a], c.cluster_of[b],
            "{} / {}",
            e[a].id, e[b].id
        );
    }
}
