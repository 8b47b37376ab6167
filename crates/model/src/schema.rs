use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The FtM schemata zeef models. `LegalEntity` is the parent of `Organization`, which is the
/// parent of `Company`; `Person`, `Vessel` and `Airplane` stand apart. A `CryptoWallet` is a
/// digital currency address (`publicKey`, `currency`) whose `holder` is a listed party: it has
/// no name of its own and is screened by its address only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Schema {
    Person,
    Organization,
    Company,
    LegalEntity,
    Vessel,
    Airplane,
    CryptoWallet,
}

impl Schema {
    pub const ALL: [Schema; 7] = [
        Schema::Person,
        Schema::Organization,
        Schema::Company,
        Schema::LegalEntity,
        Schema::Vessel,
        Schema::Airplane,
        Schema::CryptoWallet,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Schema::Person => "Person",
            Schema::Organization => "Organization",
            Schema::Company => "Company",
            Schema::LegalEntity => "LegalEntity",
            Schema::Vessel => "Vessel",
            Schema::Airplane => "Airplane",
            Schema::CryptoWallet => "CryptoWallet",
        }
    }

    /// True when `self` is `other` or one of its descendants in FtM's hierarchy
    /// (a Company is an Organization is a LegalEntity).
    pub fn is_a(self, other: Schema) -> bool {
        use Schema::*;
        self == other
            || matches!(
                (self, other),
                (Company, Organization) | (Company, LegalEntity) | (Organization, LegalEntity)
            )
    }

    /// Whether entities of this schema have names that screening compares (a crypto wallet
    /// has none: it is found by its address, and reported as its holder).
    pub fn has_names(self) -> bool {
        self != Schema::CryptoWallet
    }

    /// Whether an entity of schema `self` may be the same thing as one of schema `other`.
    /// A legal entity may be a person or an organisation; a vessel is never a person.
    pub fn can_match(self, other: Schema) -> bool {
        use Schema::*;
        if self.is_a(other) || other.is_a(self) {
            return true;
        }
        matches!((self, other), (LegalEntity, Person) | (Person, LegalEntity))
    }
}

impl fmt::Display for Schema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for a schema name zeef does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown schema {0:?} (expected one of Person, Organization, Company, LegalEntity, Vessel, Airplane, CryptoWallet)"
)]
pub struct UnknownSchema(pub String);

impl FromStr for Schema {
    type Err = UnknownSchema;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Schema::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(t))
            .or(match t.to_ascii_lowercase().as_str() {
                "organisation" | "entity" => Some(Schema::Organization),
                "individual" => Some(Schema::Person),
                "ship" => Some(Schema::Vessel),
                "aircraft" => Some(Schema::Airplane),
                "wallet" => Some(Schema::CryptoWallet),
                _ => None,
            })
            .ok_or_else(|| UnknownSchema(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hierarchy() {
        assert!(Schema::Company.is_a(Schema::LegalEntity));
        assert!(!Schema::LegalEntity.is_a(Schema::Company));
        assert!(Schema::Person.can_match(Schema::LegalEntity));
        assert!(!Schema::Vessel.can_match(Schema::Person));
        assert!(!Schema::Airplane.can_match(Schema::Vessel));
        assert!(!Schema::CryptoWallet.can_match(Schema::Person));
        assert!(!Schema::CryptoWallet.has_names());
        assert_eq!("wallet".parse::<Schema>(), Ok(Schema::CryptoWallet));
        assert_eq!("company".parse::<Schema>(), Ok(Schema::Company));
        assert!("Car".parse::<Schema>().is_err());
    }
}
