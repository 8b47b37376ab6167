//! What keeps two records apart whatever their names say: a different schema, birth dates
//! too far apart, no nationality in common, different IMO numbers.

use crate::values::{dates_conflict, identifier_key};
use zeef_model::{Entity, Prop, Schema};

/// The facts of one record that can contradict another's.
#[derive(Debug, Clone)]
pub struct Facts {
    pub source: String,
    pub schema: Schema,
    birth_dates: Vec<String>,
    nationalities: Vec<String>,
    imo: Vec<String>,
}

impl Facts {
    pub fn of(e: &Entity) -> Facts {
        let mut nationalities: Vec<String> = [Prop::Nationality, Prop::Citizenship]
            .iter()
            .flat_map(|&p| e.get(p).iter().map(|v| v.to_lowercase()))
            .collect();
        nationalities.sort_unstable();
        nationalities.dedup();
        Facts {
            source: e.provenance.source.clone(),
            schema: e.schema,
            birth_dates: e.get(Prop::BirthDate).to_vec(),
            nationalities,
            imo: e
                .get(Prop::ImoNumber)
                .iter()
                .map(|v| identifier_key(v).trim_start_matches("IMO").to_string())
                .collect(),
        }
    }

    /// Why `self` and `other` cannot be one party, if they cannot.
    pub fn conflict(&self, other: &Facts) -> Option<&'static str> {
        if !self.schema.can_match(other.schema) {
            return Some("schema");
        }
        let disjoint = |a: &[String], b: &[String]| {
            !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
        };
        if !self.birth_dates.is_empty()
            && !other.birth_dates.is_empty()
            && self
                .birth_dates
                .iter()
                .all(|a| other.birth_dates.iter().all(|b| dates_conflict(a, b)))
        {
            return Some("birth date");
        }
        if disjoint(&self.nationalities, &other.nationalities) {
            return Some("nationality");
        }
        if disjoint(&self.imo, &other.imo) {
            return Some("IMO number");
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(dob: &[&str], nat: &[&str]) -> Facts {
        let mut e = Entity::new("x", Schema::Person, "s");
        e.add_all(Prop::BirthDate, dob.iter().map(|s| s.to_string()));
        e.add_all(Prop::Nationality, nat.iter().map(|s| s.to_string()));
        Facts::of(&e)
    }

    #[test]
    fn conflicts() {
        let a = person(&["1961-02-02"], &["eg"]);
        assert_eq!(a.conflict(&person(&["1961"], &["eg", "sy"])), None);
        assert_eq!(a.conflict(&person(&[], &[])), None);
        assert_eq!(a.conflict(&person(&["1970"], &["eg"])), Some("birth date"));
        assert_eq!(a.conflict(&person(&["1961"], &["iq"])), Some("nationality"));
        let org = Facts::of(&Entity::new("y", Schema::Organization, "s"));
        assert_eq!(a.conflict(&org), Some("schema"));
    }
}
