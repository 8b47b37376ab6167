//! The network: one node per resolved entity (or per record, without a resolution), one per
//! unlisted party the lists name, and one edge per stated relationship.

use crate::ends::{EndIndex, Tie};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use zeef_model::{Entity, LinkEnd, Relationship, named_node_id};
use zeef_resolve::Resolved;

/// A party in the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Node {
    /// The resolved entity's canonical id, the record id without a resolution, or `name:…`
    /// for a party no list lists.
    pub id: String,
    pub caption: String,
    /// The FtM schema; `LegalEntity` for an unlisted party.
    pub schema: String,
    /// The lists that list the party (none for an unlisted one).
    pub datasets: Vec<String>,
    /// The record ids behind the node.
    pub referents: Vec<String>,
}

/// Where an edge was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EdgeProvenance {
    /// The list.
    pub dataset: String,
    /// The id of the listed record that states the link.
    pub record: String,
    /// The list's own word for it (`Linked To`, `Parent company`).
    pub role: String,
    /// The text the link was read from.
    pub text: String,
    /// The share the list states, where it states one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percentage: Option<String>,
}

/// A stated link between two nodes (FtM's direction: owner to asset, subject to object).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// The FtM schema of the relationship.
    #[serde(rename = "type")]
    pub kind: String,
    pub provenance: EdgeProvenance,
}

/// A link of a screened party to another, as a screening result states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkNote {
    /// The other party's node id (as in [`Node::id`]).
    pub id: String,
    pub caption: String,
    pub schema: String,
    /// The lists that list the other party; empty when none does.
    pub datasets: Vec<String>,
    /// The FtM schema of the relationship.
    #[serde(rename = "type")]
    pub kind: String,
    /// `outgoing` when the screened party is the link's source (the owner, the one linked),
    /// `incoming` when it is the target.
    pub direction: &'static str,
    pub provenance: EdgeProvenance,
}

impl LinkNote {
    /// How the screened party stands to the other, in words: `owns`, `owned by`, `linked to`.
    pub fn phrase(&self) -> &'static str {
        let outgoing = self.direction == "outgoing";
        match (self.kind.as_str(), outgoing) {
            ("Ownership", true) => "owns",
            ("Ownership", false) => "owned by",
            ("Directorship", true) => "director of",
            ("Directorship", false) => "directed by",
            ("Membership", true) => "member of",
            ("Membership", false) => "has as member",
            ("Family", _) => "family of",
            ("Associate", _) => "associate of",
            _ => "linked to",
        }
    }
}

/// A part of the network: `{"nodes": [...], "edges": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Subgraph {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// How the named ends of the lists' relationships were tied, for reporting.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TieCounts {
    /// (list, relationship schema, role) -> links read.
    pub links: BTreeMap<(String, String, String), usize>,
    /// Named ends tied to a listed party of the same list.
    pub same_list: usize,
    /// Named ends tied to a listed party of another list.
    pub other_list: usize,
    /// Ends left a named node, by list and reason.
    pub unresolved: BTreeMap<(String, String), usize>,
}

/// The whole network, ready for neighbourhood queries.
#[derive(Debug, Clone, Default)]
pub struct Network {
    nodes: Vec<Node>,
    edges: Vec<(usize, usize, Relationship)>,
    /// Node ids, record ids and redirected ids -> node.
    by_id: HashMap<String, usize>,
    /// Node -> (other node, edge) in both directions.
    adjacent: Vec<Vec<(usize, usize)>>,
    ties: TieCounts,
}

impl Network {
    /// Builds the network of `entities` and the `relationships` their lists state, nodes
    /// grouped by `resolved` (one per resolved entity) where given.
    pub fn build(
        entities: &[Entity],
        relationships: &[Relationship],
        resolved: Option<&Resolved>,
    ) -> Network {
        let mut net = Network::default();
        for e in entities {
            let cluster = resolved.and_then(|r| r.find(&e.id));
            let node_id = cluster.map_or(e.id.as_str(), |c| c.id.as_str());
            let n = net.node_for(node_id, || Node {
                id: node_id.to_string(),
                caption: e.caption().to_string(),
                schema: e.schema.as_str().to_string(),
                datasets: Vec::new(),
                referents: Vec::new(),
            });
            let node = &mut net.nodes[n];
            node.referents.push(e.id.clone());
            let source = &e.provenance.source;
            if !node.datasets.contains(source) {
                node.datasets.push(source.clone());
            }
            net.by_id.insert(e.id.clone(), n);
        }
        if let Some(r) = resolved {
            for (from, to) in &r.redirects {
                if let Some(&n) = net.by_id.get(to) {
                    net.by_id.insert(from.clone(), n);
                }
            }
        }
        for node in &mut net.nodes {
            node.referents.sort_unstable();
            node.datasets.sort_unstable();
        }
        let ends = EndIndex::new(entities, |id| net.by_id.get(id).copied());
        for r in relationships {
            let role = (
                r.provenance.source.clone(),
                r.kind.as_str().to_string(),
                r.role.clone(),
            );
            *net.ties.links.entry(role).or_default() += 1;
            let from = net.tie(&ends, &r.from, &r.provenance.source);
            let to = net.tie(&ends, &r.to, &r.provenance.source);
            if from == to {
                continue;
            }
            let e = net.edges.len();
            net.edges.push((from, to, r.clone()));
            net.adjacent[from].push((to, e));
            net.adjacent[to].push((from, e));
        }
        net
    }

    fn node_for(&mut self, id: &str, make: impl FnOnce() -> Node) -> usize {
        if let Some(&n) = self.by_id.get(id) {
            return n;
        }
        let n = self.nodes.len();
        self.nodes.push(make());
        self.adjacent.push(Vec::new());
        self.by_id.insert(id.to_string(), n);
        n
    }

    /// The node of one end: the listed party it names, or a named node.
    fn tie(&mut self, ends: &EndIndex, end: &LinkEnd, source: &str) -> usize {
        let tie = match &end.id {
            Some(id) => match self.by_id.get(id) {
                Some(&n) => return n,
                None => Tie::Unresolved(format!("no listed entry {id}")),
            },
            None => ends.tie(&end.name, source),
        };
        match tie {
            Tie::SameList(n) => {
                self.ties.same_list += 1;
                n
            }
            Tie::OtherList(n) => {
                self.ties.other_list += 1;
                n
            }
            Tie::Unresolved(reason) => {
                *self
                    .ties
                    .unresolved
                    .entry((source.to_string(), reason))
                    .or_default() += 1;
                let id = named_node_id(&end.name);
                self.node_for(&id.clone(), || Node {
                    id,
                    caption: end.name.clone(),
                    schema: "LegalEntity".to_string(),
                    datasets: Vec::new(),
                    referents: Vec::new(),
                })
            }
        }
    }

    /// The node a record id, a resolved entity's id (or a redirected one) or a `name:` id names.
    pub fn find(&self, id: &str) -> Option<&Node> {
        self.by_id.get(id).map(|&n| &self.nodes[n])
    }

    pub fn node_count(&self) -> usize {
        self.nodes.len()
    }

    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// How the lists' named ends were tied.
    pub fn ties(&self) -> &TieCounts {
        &self.ties
    }

    /// The parties within `depth` links of `id` (the node itself first, then by distance) and
    /// every link followed to reach them; `None` when no node has that id.
    pub fn neighbourhood(&self, id: &str, depth: usize) -> Option<Subgraph> {
        let start = *self.by_id.get(id)?;
        let mut distance: HashMap<usize, usize> = HashMap::from([(start, 0)]);
        let mut order = vec![start];
        let mut edges: Vec<usize> = Vec::new();
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = distance[&n];
            if d == depth {
                continue;
            }
            for &(other, e) in &self.adjacent[n] {
                // Each edge once: from the end nearer the start (or the lower node at a tie).
                let other_d = distance.get(&other).copied();
                if other_d.is_none_or(|od| od > d || (od == d && other > n)) {
                    edges.push(e);
                }
                if other_d.is_none() {
                    distance.insert(other, d + 1);
                    order.push(other);
                    queue.push_back(other);
                }
            }
        }
        edges.sort_unstable();
        edges.dedup();
        Some(Subgraph {
            nodes: order.iter().map(|&n| self.nodes[n].clone()).collect(),
            edges: edges.iter().map(|&e| self.edge(e)).collect(),
        })
    }

    /// The links of `id` as screening results state them: listed parties first, then by
    /// caption; empty for a party with no link (or not in the network).
    pub fn link_notes(&self, id: &str) -> Vec<LinkNote> {
        let Some(&start) = self.by_id.get(id) else {
            return Vec::new();
        };
        let mut notes: Vec<LinkNote> = self.adjacent[start]
            .iter()
            .map(|&(other, e)| {
                let node = &self.nodes[other];
                let edge = self.edge(e);
                LinkNote {
                    id: node.id.clone(),
                    caption: node.caption.clone(),
                    schema: node.schema.clone(),
                    datasets: node.datasets.clone(),
                    kind: edge.kind,
                    direction: if self.edges[e].0 == start {
                        "outgoing"
                    } else {
                        "incoming"
                    },
                    provenance: edge.provenance,
                }
            })
            .collect();
        notes.sort_by(|a, b| {
            (a.datasets.is_empty(), &a.caption, &a.id).cmp(&(
                b.datasets.is_empty(),
                &b.caption,
                &b.id,
            ))
        });
        notes
    }

    /// The parties the lists name in a link but do not list (`name:…` nodes).
    pub fn unlisted(&self) -> impl Iterator<Item = &Node> {
        self.nodes.iter().filter(|n| n.referents.is_empty())
    }

    fn edge(&self, e: usize) -> Edge {
        let (from, to, r) = &self.edges[e];
        Edge {
            source: self.nodes[*from].id.clone(),
            target: self.nodes[*to].id.clone(),
            kind: r.kind.as_str().to_string(),
            provenance: EdgeProvenance {
                dataset: r.provenance.source.clone(),
                record: r.record.clone(),
                role: r.role.clone(),
                text: r.text.clone(),
                percentage: r.percentage.clone(),
            },
        }
    }
}
