use serde::{Deserialize, Serialize};

/// Where an entity came from: enough to name the list version and the source record behind
/// every result.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// The source (dataset) name, e.g. `un`, `ofac_sdn`, `uk`.
    pub source: String,
    /// The date the publisher gives the list (ISO, possibly partial), if the file states one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_date: Option<String>,
    /// sha256 (hex) of the list file(s) the entity was parsed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The snapshot the entity was loaded from, once it is part of one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    /// The publisher's record ids behind the entity (UN DATAID, OFAC ent_num, UK Group ID, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub record_ids: Vec<String>,
    /// Official reference numbers (UN `QDi.001`, EU reference, OFAC ent_num, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<String>,
    /// Explicit cross-references the list itself carries to entries of other lists.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cross_refs: Vec<CrossRef>,
}

impl Provenance {
    pub fn new(source: impl Into<String>) -> Self {
        Provenance {
            source: source.into(),
            ..Default::default()
        }
    }
}

/// A reference a list makes to an entry of another list, e.g. the UK list's "UN Ref QDi.299"
/// is `CrossRef { source: "un", reference: "QDi.299" }`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CrossRef {
    pub source: String,
    pub reference: String,
}
