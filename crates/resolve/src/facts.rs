//! What keeps two records apart whatever their names say: a different schema, birth dates
//! too far apart, no nationality in common, different IMO numbers.

use crate::values::{dates_conflict, identifier_key};
use zeef_model::{Entity, Prop, Schema};

/// The facts of one record that can contradict another's (kept for every record of a run:
/// compact, one allocation for all its values).
#[derive(Debug, Clone)]
pub struct Facts {
    /// The record's list, as a number the caller gives (records of one list share it).
    pub source: u32,
    pub schema: Schema,
    /// Birth dates, then nationalities (lower case, each once), then IMO numbers.
    values: Box<[Box<str>]>,
    /// How many of `values` are birth dates, and how many nationalities.
    counts: [u16; 2],
}

impl Facts {
    /// The facts of `e`, a record of list number `source`.
    pub fn of(e: &Entity, source: u32) -> Facts {
        let mut nationalities: Vec<String> = [Prop::Nationality, Prop::Citizenship]
            .iter()
            .flat_map(|&p| e.get(p).iter().map(|v| v.to_lowercase()))
            .collect();
        nationalities.sort_unstable();
        nationalities.dedup();
        let dates = e.get(Prop::BirthDate);
        let count = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let (dates_kept, nationalities_kept) = (count(dates.len()), count(nationalities.len()));
        let values: Vec<Box<str>> = dates
            .iter()
            .take(dates_kept.into())
            .map(|d| d.as_str().into())
            .chain(
                nationalities
                    .into_iter()
                    .take(nationalities_kept.into())
                    .map(String::into_boxed_str),
            )
            .chain(e.get(Prop::ImoNumber).iter().map(|v| {
                identifier_key(v)
                    .trim_start_matches("IMO")
                    .to_string()
                    .into_boxed_str()
            }))
            .collect();
        Facts {
            source,
            schema: e.schema,
            values: values.into_boxed_slice(),
            counts: [dates_kept, nationalities_kept],
        }
    }

    fn birth_dates(&self) -> &[Box<str>] {
        &self.values[..usize::from(self.counts[0])]
    }

    fn nationalities(&self) -> &[Box<str>] {
        let from = usize::from(self.counts[0]);
        &self.values[from..from + usize::from(self.counts[1])]
    }

    fn imo(&self) -> &[Box<str>] {
        &self.values[usize::from(self.counts[0]) + usize::from(self.counts[1])..]
    }

    /// Why `self` and `other` cannot be one party, if they cannot.
    pub fn conflict(&self, other: &Facts) -> Option<&'static str> {
        if !self.schema.can_match(other.schema) {
            return Some("schema");
        }
        let disjoint = |a: &[Box<str>], b: &[Box<str>]| {
            !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x))
        };
        let (dates, others) = (self.birth_dates(), other.birth_dates());
        if !dates.is_empty()
            && !others.is_empty()
            && dates
                .iter()
                .all(|a| others.iter().all(|b| dates_conflict(a, b)))
        {
            return Some("birth date");
        }
        if disjoint(self.nationalities(), other.nationalities()) {
            return Some("nationality");
        }
        if disjoint(self.imo(), other.imo()) {
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
        Facts::of(&e, 0)
    }

    #[test]
    fn conflicts() {
        let a = person(&["1961-02-02"], &["eg"]);
        assert_eq!(a.conflict(&person(&["1961"], &["eg", "sy"])), None);
        assert_eq!(a.conflict(&person(&[], &[])), None);
        assert_eq!(a.conflict(&person(&["1970"], &["eg"])), Some("birth date"));
        assert_eq!(a.conflict(&person(&["1961"], &["iq"])), Some("nationality"));
        let org = Facts::of(&Entity::new("y", Schema::Organization, "s"), 0);
        assert_eq!(a.conflict(&org), Some("schema"));
    }
}
