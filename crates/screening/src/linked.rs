//! Screening with the network the lists state: each result names the parties its listed
//! party is linked to ([`note_links`]), and [`LinkedParties`] screens a query against the
//! parties the lists name as owner, subsidiary or associate of a listed one without listing
//! them (`zeef screen --linked`).

use zeef_graph::Network;
use zeef_matching::{Index, ScreenOptions};
use zeef_model::{Entity, Prop, Schema};

use crate::result::{ScreenResult, decode_hits, screen_results};

/// The source the unlisted parties are indexed under (never a list's name).
const LINKED_SOURCE: &str = "linked";

/// Adds to each row the links of its party in `net` (by its id, a resolved entity's or a
/// record's).
pub fn note_links(rows: &mut [ScreenResult], net: &Network) {
    for row in rows {
        row.links = net.link_notes(&row.id);
    }
}

/// The parties the lists name in their links without listing them, indexed for screening.
pub struct LinkedParties {
    index: Index,
}

impl LinkedParties {
    /// Indexes every unlisted party of `net` under its name.
    pub fn new(net: &Network) -> LinkedParties {
        let entities: Vec<Entity> = net
            .unlisted()
            .map(|n| {
                let mut e = Entity::new(&n.id, Schema::LegalEntity, LINKED_SOURCE);
                e.add(Prop::Name, &n.caption);
                e
            })
            .collect();
        LinkedParties {
            index: Index::build(entities),
        }
    }

    /// How many unlisted parties there are.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.len() == 0
    }

    /// The unlisted parties `query` matches under `opts` (its source filter does not apply:
    /// these parties are on no list), each with its links to the listed parties that name it.
    /// Rows carry no datasets: that is what marks them as linked, not listed.
    pub fn screen(&self, net: &Network, query: &Entity, opts: &ScreenOptions) -> Vec<ScreenResult> {
        let opts = ScreenOptions {
            sources: None,
            ..opts.clone()
        };
        let hits = self.index.screen(query, &opts);
        let mut rows = screen_results(&decode_hits(&self.index, &hits));
        for row in &mut rows {
            row.datasets.clear();
        }
        note_links(&mut rows, net);
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::{LinkEnd, Provenance, RelationKind, Relationship};

    fn network() -> Network {
        let mut vessel = Entity::new("x-1", Schema::Vessel, "x");
        vessel.add(Prop::Name, "FICTIONAL STAR");
        let mut person = Entity::new("x-2", Schema::Person, "x");
        person.add(Prop::Name, "Wendelin Brandt");
        let owner = Relationship {
            id: "x-1-Ownership-0".into(),
            kind: RelationKind::Ownership,
            from: LinkEnd::named("Brandt Maritime Holdings Ltd"),
            to: LinkEnd::listed("x-1", "FICTIONAL STAR"),
            role: "Vessel Owner".into(),
            percentage: None,
            text: "Vessel Owner Brandt Maritime Holdings Ltd.".into(),
            record: "x-1".into(),
            provenance: Provenance::new("x"),
        };
        let associate = Relationship {
            id: "x-2-UnknownLink-0".into(),
            kind: RelationKind::UnknownLink,
            from: LinkEnd::listed("x-2", "Wendelin Brandt"),
            to: LinkEnd::named("FICTIONAL STAR"),
            role: "Linked To".into(),
            percentage: None,
            text: "Linked To: FICTIONAL STAR.".into(),
            record: "x-2".into(),
            provenance: Provenance::new("x"),
        };
        Network::build(&[vessel, person], &[owner, associate], None)
    }

    #[test]
    fn a_result_names_its_links_listed_parties_first() {
        let net = network();
        let mut listed = Entity::new("x-1", Schema::Vessel, "x");
        listed.add(Prop::Name, "FICTIONAL STAR");
        let index = Index::build(vec![listed.clone()]);
        let hits = index.screen(&listed, &ScreenOptions::default());
        let mut rows = screen_results(&decode_hits(&index, &hits));
        note_links(&mut rows, &net);
        let links = &rows[0].links;
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].id, "x-2");
        assert_eq!(links[0].direction, "incoming");
        assert_eq!(links[0].provenance.role, "Linked To");
        assert!(links[1].datasets.is_empty());
        assert_eq!(links[1].kind, "Ownership");
        assert_eq!(links[1].phrase(), "owned by");
        assert_eq!(links[1].provenance.record, "x-1");
    }

    #[test]
    fn an_unlisted_owner_is_found_and_marked_by_its_links() {
        let net = network();
        let parties = LinkedParties::new(&net);
        assert_eq!(parties.len(), 1);
        let mut q = Entity::new("q", Schema::Company, "query");
        q.add(Prop::Name, "Brandt Maritime Holdings Limited");
        let opts = ScreenOptions {
            sources: Some(vec!["x".into()]),
            ..ScreenOptions::default()
        };
        let rows = parties.screen(&net, &q, &opts);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert!(rows[0].id.starts_with("name:"));
        assert!(rows[0].datasets.is_empty());
        assert_eq!(rows[0].links[0].id, "x-1");
        assert_eq!(rows[0].links[0].direction, "outgoing");
        assert_eq!(rows[0].links[0].phrase(), "owns");
        let mut nobody = Entity::new("q", Schema::Person, "query");
        nobody.add(Prop::Name, "Jan Jansen");
        assert!(parties.screen(&net, &nobody, &opts).is_empty());
    }
}
