//! The network of the shared lists: the acceptance case (HIZBALLAH's linked parties) and the
//! shape of what a neighbourhood gives.

use zeef_graph::Network;
use zeef_lists::shared;

fn shared_network(sources: &[&str]) -> Option<Network> {
    let dir = shared::dir()?.join("data/lists");
    let mut entities = Vec::new();
    let mut relationships = Vec::new();
    for source in sources {
        let parsed = zeef_lists::parse_dir(source, &dir.join(source)).expect("parses");
        entities.extend(parsed.entities);
        relationships.extend(parsed.relationships);
    }
    Some(Network::build(&entities, &relationships, None))
}

#[test]
fn hizballah_is_linked_to_its_listed_members() {
    let Some(net) = shared_network(&["ofac_sdn", "un"]) else {
        return;
    };
    let g = net.neighbourhood("ofac_sdn-4697", 1).expect("listed");
    assert_eq!(g.nodes[0].id, "ofac_sdn-4697");
    assert!(g.nodes.len() > 80, "{} parties", g.nodes.len() - 1);
    let nasrallah = g
        .edges
        .iter()
        .find(|e| e.source == "ofac_sdn-2686")
        .expect("an edge from ofac_sdn-2686");
    assert_eq!(nasrallah.target, "ofac_sdn-4697");
    assert_eq!(nasrallah.kind, "UnknownLink");
    assert_eq!(nasrallah.provenance.dataset, "ofac_sdn");
    assert_eq!(nasrallah.provenance.record, "ofac_sdn-2686");
    assert!(nasrallah.provenance.text.contains("HIZBALLAH"));
    // Depth 2 reaches further, and every edge joins two nodes of the answer.
    let wider = net.neighbourhood("ofac_sdn-4697", 2).expect("listed");
    assert!(wider.nodes.len() > g.nodes.len());
    let ids: std::collections::HashSet<&str> = wider.nodes.iter().map(|n| n.id.as_str()).collect();
    assert!(
        wider
            .edges
            .iter()
            .all(|e| ids.contains(e.source.as_str()) && ids.contains(e.target.as_str()))
    );
    assert!(net.neighbourhood("ofac_sdn-0", 1).is_none());
}

#[test]
fn un_comments_link_entries_by_reference() {
    let Some(net) = shared_network(&["un"]) else {
        return;
    };
    assert!(net.edge_count() > 100, "{} UN links", net.edge_count());
    // Every UN link names its sentence, and a listed end carries the list.
    let g = net
        .neighbourhood("un-QDe.004", 1)
        .expect("Al-Qaida is listed");
    assert!(g.edges.len() > 10);
    assert!(
        g.edges
            .iter()
            .all(|e| e.provenance.text.contains("QDe.004"))
    );
}
