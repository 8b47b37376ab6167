//! Links between parties, shaped after FollowTheMoney's interval schemata (`Ownership`,
//! `Directorship`, `Family`, `Associate`, `Membership`, `UnknownLink`).
//!
//! Relationships are not [`crate::Entity`] values: an entity is a party that screening
//! compares names against, and a link has no name to screen. Keeping them a type of their own
//! keeps them out of name screening by construction.

use crate::{FtmEntity, Provenance};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The FtM schema of a relationship, and what its two ends are called there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationKind {
    /// `owner` owns (part of) `asset`.
    Ownership,
    /// `director` directs `organization`.
    Directorship,
    /// `person` and `relative` are family.
    Family,
    /// `person` and `associate` are associates.
    Associate,
    /// `member` belongs to `organization`.
    Membership,
    /// `subject` is linked to `object`, the list not saying how.
    UnknownLink,
}

impl RelationKind {
    pub const ALL: [RelationKind; 6] = [
        RelationKind::Ownership,
        RelationKind::Directorship,
        RelationKind::Family,
        RelationKind::Associate,
        RelationKind::Membership,
        RelationKind::UnknownLink,
    ];

    /// The FtM schema name.
    pub fn as_str(self) -> &'static str {
        match self {
            RelationKind::Ownership => "Ownership",
            RelationKind::Directorship => "Directorship",
            RelationKind::Family => "Family",
            RelationKind::Associate => "Associate",
            RelationKind::Membership => "Membership",
            RelationKind::UnknownLink => "UnknownLink",
        }
    }

    /// FtM's property names for the first and the second end.
    pub fn ends(self) -> (&'static str, &'static str) {
        match self {
            RelationKind::Ownership => ("owner", "asset"),
            RelationKind::Directorship => ("director", "organization"),
            RelationKind::Family => ("person", "relative"),
            RelationKind::Associate => ("person", "associate"),
            RelationKind::Membership => ("member", "organization"),
            RelationKind::UnknownLink => ("subject", "object"),
        }
    }

    /// FtM's property for the wording of the link (`relationship` or `role`).
    pub fn wording_prop(self) -> &'static str {
        match self {
            RelationKind::Family | RelationKind::Associate => "relationship",
            _ => "role",
        }
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One end of a link: a listed entity (`id`) or, where the list names a party it does not
/// list (or that could not be told apart), only a name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LinkEnd {
    /// The listed entity's id, when the end is listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name as the list writes it.
    pub name: String,
    /// Why a named end is not tied to a listed entity (absent when it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unresolved: Option<String>,
}

impl LinkEnd {
    /// A listed entity.
    pub fn listed(id: impl Into<String>, name: impl Into<String>) -> Self {
        LinkEnd {
            id: Some(id.into()),
            name: name.into(),
            unresolved: None,
        }
    }

    /// A party known only by name, until it is resolved.
    pub fn named(name: impl Into<String>) -> Self {
        LinkEnd {
            id: None,
            name: name.into(),
            unresolved: None,
        }
    }

    /// The node id of the end: the listed id, or `name:` and the name folded to lower case.
    pub fn node_id(&self) -> String {
        match &self.id {
            Some(id) => id.clone(),
            None => named_node_id(&self.name),
        }
    }
}

/// The node id of a party known only by name: `name:` and the name in lower case, white
/// space folded.
pub fn named_node_id(name: &str) -> String {
    let folded: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
    format!("name:{}", folded.join(" "))
}

/// A link between two parties, stated by one list record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    /// `<record's entity id>-<kind>-<n>`: stable for one list version.
    pub id: String,
    pub kind: RelationKind,
    /// The first end in FtM's order (owner, director, person, member, subject).
    pub from: LinkEnd,
    /// The second end (asset, organization, relative, associate, object).
    pub to: LinkEnd,
    /// The list's own word for the link: `Linked To`, `Parent company`, `Vessel owner`.
    pub role: String,
    /// The share the list states, as it states it; never estimated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percentage: Option<String>,
    /// The text of the record the link was read from.
    pub text: String,
    /// The id of the listed entity whose record states the link.
    pub record: String,
    /// The list and the record the link was read from.
    pub provenance: Provenance,
}

impl Relationship {
    /// The FtM entity of the link (ends as entity ids, or as `name:` ids where unlisted).
    pub fn to_ftm(&self) -> FtmEntity {
        let (from, to) = self.kind.ends();
        let mut properties = BTreeMap::new();
        properties.insert(from.to_string(), vec![self.from.node_id()]);
        properties.insert(to.to_string(), vec![self.to.node_id()]);
        properties.insert(
            self.kind.wording_prop().to_string(),
            vec![self.role.clone()],
        );
        properties.insert("description".to_string(), vec![self.text.clone()]);
        if let Some(p) = &self.percentage {
            properties.insert("percentage".to_string(), vec![p.clone()]);
        }
        FtmEntity {
            id: self.id.clone(),
            schema: self.kind.as_str().to_string(),
            caption: Some(format!("{} → {}", self.from.name, self.to.name)),
            properties,
            datasets: vec![self.provenance.source.clone()],
            referents: Vec::new(),
            target: Some(false),
            provenance: Some(self.provenance.clone()),
            identifications: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ftm_shape_names_the_ends_as_ftm_does() {
        let r = Relationship {
            id: "ofac_sdn-1-UnknownLink-0".into(),
            kind: RelationKind::UnknownLink,
            from: LinkEnd::listed("ofac_sdn-1", "A"),
            to: LinkEnd::named("Some  Group"),
            role: "Linked To".into(),
            percentage: None,
            text: "Linked To: SOME GROUP.".into(),
            record: "ofac_sdn-1".into(),
            provenance: Provenance::new("ofac_sdn"),
        };
        let f = r.to_ftm();
        assert_eq!(f.schema, "UnknownLink");
        assert_eq!(f.properties["subject"], ["ofac_sdn-1"]);
        assert_eq!(f.properties["object"], ["name:some group"]);
        assert!(!f.properties.contains_key("percentage"));
        let back: Relationship = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }
}
