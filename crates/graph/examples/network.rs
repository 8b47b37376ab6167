//! The network of the shared lists: relationships read per list and type, how their named ends
//! were tied (and why not), and the time of a depth-2 neighbourhood query:
//! `cargo run --release -p zeef-graph --example network [-- MIRROR_DIR]`
//! (default `../shared/data/lists`). Nodes are records here (no resolver run). Figures go to
//! BENCHMARKS.md.

use std::collections::BTreeMap;
use std::time::Instant;
use zeef_graph::Network;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(std::path::PathBuf::from)
        .or_else(|| zeef_lists::shared::dir().map(|d| d.join("data/lists")))
        .expect("pass a mirror folder, or have ../shared present");
    let mut sources: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    sources.sort();
    let mut entities = Vec::new();
    let mut relationships = Vec::new();
    for source in &sources {
        let parsed = zeef_lists::parse_dir(source, &dir.join(source)).expect("parses");
        entities.extend(parsed.entities);
        relationships.extend(parsed.relationships);
    }
    let started = Instant::now();
    let net = Network::build(&entities, &relationships, None);
    println!(
        "{} entities, {} relationships: {} nodes, {} edges, built in {:.0} ms",
        entities.len(),
        relationships.len(),
        net.node_count(),
        net.edge_count(),
        started.elapsed().as_secs_f64() * 1e3
    );
    let ties = net.ties();
    println!("\nrelationships read, per list, schema and the list's word:");
    for ((source, kind, role), n) in &ties.links {
        println!("  {source:<10} {kind:<12} {role:<24} {n:>6}");
    }
    println!(
        "\nnamed ends tied: {} to a party of the same list, {} to a party of another list",
        ties.same_list, ties.other_list
    );
    println!("named ends left unlisted nodes, by reason:");
    for ((source, reason), n) in &ties.unresolved {
        println!("  {source:<10} {n:>6}  {reason}");
    }
    linked_to_report(&relationships, &net);

    let hub = "ofac_sdn-4697";
    if let Some(g) = net.neighbourhood(hub, 1) {
        let has = g.nodes.iter().any(|n| n.id == "ofac_sdn-2686");
        println!(
            "\n{hub}: {} parties at depth 1 (ofac_sdn-2686 among them: {has})",
            g.nodes.len() - 1
        );
    }
    // Depth-2 queries: the hub, then every listed node with a link (the worst and the median).
    let mut times: Vec<(f64, String, usize)> = Vec::new();
    let ids: Vec<String> = entities
        .iter()
        .filter(|e| !net.link_notes(&e.id).is_empty())
        .map(|e| e.id.clone())
        .collect();
    for id in std::iter::once(hub.to_string()).chain(ids) {
        let t = Instant::now();
        let g = net.neighbourhood(&id, 2).expect("listed");
        times.push((t.elapsed().as_secs_f64() * 1e3, id, g.nodes.len()));
    }
    let hub_time = times[0].clone();
    times.sort_by(|a, b| a.0.total_cmp(&b.0));
    let median = &times[times.len() / 2];
    let p99 = &times[times.len() * 99 / 100];
    let worst = times.last().expect("some");
    println!(
        "depth 2: {hub} {:.3} ms ({} nodes); of {} linked parties median {:.3} ms, p99 {:.3} ms, slowest {} {:.3} ms ({} nodes)",
        hub_time.0,
        hub_time.2,
        times.len(),
        median.0,
        p99.0,
        worst.1,
        worst.0,
        worst.2
    );
}

/// OFAC's "Linked To:" remarks: how many became an edge to a listed party, and why the others
/// did not.
fn linked_to_report(relationships: &[zeef_model::Relationship], net: &Network) {
    let mut tied = 0;
    let mut untied: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for r in relationships
        .iter()
        .filter(|r| r.provenance.source == "ofac_sdn" && r.role == "Linked To")
    {
        total += 1;
        // The network keeps no link of a party to itself: the other end is never the record's.
        let target = net
            .link_notes(&r.record)
            .into_iter()
            .find(|l| l.provenance.text == r.text && !l.datasets.is_empty());
        match target {
            Some(_) => tied += 1,
            None => *untied.entry(r.to.name.clone()).or_default() += 1,
        }
    }
    println!(
        "\nofac_sdn \"Linked To:\" remarks: {total}, tied to a listed party {tied}, left unlisted {}",
        total - tied
    );
    for (name, n) in untied.iter().take(20) {
        println!("  {n:>4}  {name}");
    }
}
