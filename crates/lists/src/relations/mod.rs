//! Relationships the lists state, read from a parsed source's records after parsing. The end
//! that is the record's own entity is given by id; the other end by the name the list writes
//! (or, for a UN reference, by the id it names). Tying named ends to listed entities, within a
//! list and across lists, is the graph's work (`zeef-graph`), which sees every list.
//!
//! What is read, per family of lists (`rules.rs`):
//! - OFAC (SDN, consolidated, CSL, which carry OFAC's remarks): `Linked To: NAME` remarks
//!   (an `UnknownLink`) and the vessel owner column (an `Ownership` of the vessel);
//! - the UK lists: parent companies and subsidiaries (`Ownership`), a ship's current and
//!   previous owners and operators (`Ownership`), from the FCDO list's fields and from the
//!   OFSI list's `Other Information` labels;
//! - the UN list: another entry's reference number quoted in an entry's comments
//!   (`UnknownLink`: the text says how, not the list).
//!
//! No share is ever estimated: a relationship carries a percentage only where the list states
//! one (none of these lists does today).

mod rules;

pub(crate) use rules::{CURRENT_OWNER, PARENT_COMPANY, PREVIOUS_OWNER, SUBSIDIARY};

use zeef_model::{Entity, LinkEnd, Provenance, RelationKind, Relationship};

/// Reads every relationship the entities of one source state, and removes the notes that only
/// carried them (the UK lists' ownership fields).
pub fn extract(source: &str, entities: &mut [Entity]) -> Vec<Relationship> {
    let mut out = Vec::new();
    for e in entities.iter_mut() {
        let found = rules::links_of(source, e);
        for (n, link) in found.into_iter().enumerate() {
            out.push(link.into_relationship(e, n));
        }
        rules::drop_carrier_notes(e);
    }
    out
}

/// A link as a rule reads it: the record's own entity is one end, a named party the other.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub kind: RelationKind,
    /// True when the record's own entity is the second end (the asset of an ownership).
    pub entity_is_second: bool,
    /// The other end: a name, or an entity id where the rule knows it (UN references).
    pub other: LinkEnd,
    pub role: &'static str,
    pub text: String,
}

impl Found {
    fn into_relationship(self, e: &Entity, n: usize) -> Relationship {
        let own = LinkEnd::listed(e.id.clone(), e.caption().to_string());
        let (from, to) = if self.entity_is_second {
            (self.other, own)
        } else {
            (own, self.other)
        };
        let mut provenance = Provenance::new(e.provenance.source.clone());
        provenance.list_date = e.provenance.list_date.clone();
        provenance.sha256 = e.provenance.sha256.clone();
        provenance.record_ids = e.provenance.record_ids.clone();
        Relationship {
            id: format!("{}-{}-{n}", e.id, self.kind.as_str()),
            kind: self.kind,
            from,
            to,
            role: self.role.to_string(),
            percentage: None,
            text: self.text,
            record: e.id.clone(),
            provenance,
        }
    }
}
