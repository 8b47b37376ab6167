//! The network of listed parties and what follows from it.
//!
//! [`Network::build`] turns the relationships the lists state (`zeef_lists::relations`) into a
//! graph whose nodes are resolved entities (a record's id where there is no resolution) and
//! unlisted parties the lists name; [`Network::neighbourhood`] answers `zeef graph` and
//! `GET /graph/{id}`; [`export`] writes a part of it as JSON, Graphviz DOT or GraphML.
//!
//! ```
//! use zeef_graph::Network;
//! use zeef_model::{Entity, LinkEnd, Prop, Provenance, RelationKind, Relationship, Schema};
//! let mut group = Entity::new("x-1", Schema::Organization, "x");
//! group.add(Prop::Name, "Example Group");
//! let mut member = Entity::new("x-2", Schema::Person, "x");
//! member.add(Prop::Name, "Jan Example");
//! let link = Relationship {
//!     id: "x-2-UnknownLink-0".into(),
//!     kind: RelationKind::UnknownLink,
//!     from: LinkEnd::listed("x-2", "Jan Example"),
//!     to: LinkEnd::named("EXAMPLE GROUP"),
//!     role: "Linked To".into(),
//!     percentage: None,
//!     text: "Linked To: EXAMPLE GROUP.".into(),
//!     record: "x-2".into(),
//!     provenance: Provenance::new("x"),
//! };
//! let net = Network::build(&[group, member], &[link], None);
//! let around = net.neighbourhood("x-1", 1).unwrap();
//! assert_eq!(around.nodes[1].id, "x-2");
//! ```

mod ends;
pub mod export;
mod network;
pub mod ownership;

pub use network::{Edge, EdgeProvenance, LinkNote, Network, Node, Subgraph, TieCounts};
