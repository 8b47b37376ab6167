//! `zeef graph ID`: the network around a listed party.

use crate::cli::{GraphArgs, GraphFormat};
use crate::data::load;
use anyhow::{Result, bail};
use std::process::ExitCode;
use zeef_graph::export::{Format, render};
use zeef_graph::{Network, Subgraph};
use zeef_lists::DataDir;
use zeef_model::Entity;
use zeef_resolve::Resolved;

pub fn run(data: &DataDir, a: GraphArgs) -> Result<ExitCode> {
    let net = network(data, a.snapshot.as_deref(), a.by_record)?;
    let Some(graph) = net.neighbourhood(&a.id, a.depth) else {
        bail!(
            "no party {:?} in the network (record ids look like ofac_sdn-4697; resolved entities like zeef-…; unlisted parties like name:…)",
            a.id
        );
    };
    let format = match (a.json, a.format) {
        (true, _) | (_, Some(GraphFormat::Json)) => Some(Format::Json),
        (_, Some(GraphFormat::Dot)) => Some(Format::Dot),
        (_, Some(GraphFormat::Graphml)) => Some(Format::Graphml),
        (false, None) => None,
    };
    match format {
        Some(f) => print!("{}", render(&graph, f)),
        None => print_text(&graph, a.depth),
    }
    Ok(ExitCode::SUCCESS)
}

/// The network of a snapshot, nodes per resolved entity unless `by_record`.
pub fn network(data: &DataDir, snapshot: Option<&str>, by_record: bool) -> Result<Network> {
    let snap = load(data, snapshot)?;
    let id = snap.manifest.id.clone();
    let resolved = if by_record {
        None
    } else {
        Some(crate::cmd::resolve::current(data, &id)?)
    };
    network_of(data, &id, &snap.entities, resolved.as_ref())
}

/// The network of `entities`, the records of snapshot `id`, with the relationships stored
/// with it, nodes per resolved entity where `resolved` is given.
pub fn network_of(
    data: &DataDir,
    id: &str,
    entities: &[Entity],
    resolved: Option<&Resolved>,
) -> Result<Network> {
    let stored = data.load_relationships(id)?;
    if !stored.sources_without.is_empty() {
        eprintln!(
            "notice: {} in snapshot {id} were stored before zeef read relationships; `zeef update` reads them",
            stored.sources_without.join(", ")
        );
    }
    Ok(Network::build(entities, &stored.relationships, resolved))
}

fn print_text(graph: &Subgraph, depth: usize) {
    let Some(start) = graph.nodes.first() else {
        return;
    };
    println!(
        "{} ({}, {}): {} parties within {depth} link{}, {} links",
        start.caption,
        start.schema,
        start.id,
        graph.nodes.len() - 1,
        if depth == 1 { "" } else { "s" },
        graph.edges.len()
    );
    let caption = |id: &str| {
        graph
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map_or(id.to_string(), |n| {
                let listed = if n.datasets.is_empty() {
                    "not listed".to_string()
                } else {
                    n.datasets.join(", ")
                };
                format!("{} [{}; {listed}]", n.caption, n.id)
            })
    };
    for e in &graph.edges {
        println!(
            "  {} —{} ({})→ {}",
            caption(&e.source),
            e.kind,
            e.provenance.role,
            caption(&e.target)
        );
        println!(
            "      {}: {} ({})",
            e.provenance.dataset, e.provenance.text, e.provenance.record
        );
    }
}
