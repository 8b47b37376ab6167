//! What keeps two records apart whatever their names say: a different schema, birth dates
//! too far apart, no nationality in common, different IMO numbers.

use crate::values::{dates_conflict, identifier_key};
use zeef_model::{Entity, Prop, Schema};

/// The facts of one record that can contradict another's (kept for every record of a run:
/// compact, one allocation for all its values, none for a record without any).
#[derive(Debug, Clone)]
pub struct Facts {
    /// The record's list, as a number the caller gives (records of one list share it).
    pub source: u32,
    pub schema: Schema,
    /// Birth dates, then nationalities (lower case, each once), then IMO numbers, each
    /// value its length (LEB128) then its bytes.
    values: Box<[u8]>,
    /// How many of the values are birth dates, and how many nationalities.
    counts: [u16; 2],
}

/// Appends `value` to `out` as its length, then its bytes.
fn put(out: &mut Vec<u8>, value: &str) {
    let mut len = value.len();
    while len >= 0x80 {
        out.push((len & 0x7f) as u8 | 0x80);
        len >>= 7;
    }
    out.push(len as u8);
    out.extend_from_slice(value.as_bytes());
}

/// The values [`put`] wrote, in order.
fn values(mut bytes: &[u8]) -> impl Iterator<Item = &str> + Clone {
    std::iter::from_fn(move || {
        let (mut len, mut shift) = (0usize, 0);
        loop {
            let (&b, rest) = bytes.split_first()?;
            bytes = rest;
            len |= usize::from(b & 0x7f) << shift;
            shift += 7;
            if b < 0x80 {
                break;
            }
        }
        let (value, rest) = bytes.split_at(len.min(bytes.len()));
        bytes = rest;
        // Written from `&str` values whole: always UTF-8.
        Some(std::str::from_utf8(value).unwrap_or_default())
    })
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
        let mut values = Vec::new();
        for d in dates.iter().take(dates_kept.into()) {
            put(&mut values, d);
        }
        for n in nationalities.iter().take(nationalities_kept.into()) {
            put(&mut values, n);
        }
        for v in e.get(Prop::ImoNumber) {
            put(&mut values, identifier_key(v).trim_start_matches("IMO"));
        }
        Facts {
            source,
            schema: e.schema,
            values: values.into_boxed_slice(),
            counts: [dates_kept, nationalities_kept],
        }
    }

    fn birth_dates(&self) -> impl Iterator<Item = &str> + Clone {
        values(&self.values).take(usize::from(self.counts[0]))
    }

    fn nationalities(&self) -> impl Iterator<Item = &str> + Clone {
        values(&self.values)
            .skip(usize::from(self.counts[0]))
            .take(usize::from(self.counts[1]))
    }

    fn imo(&self) -> impl Iterator<Item = &str> + Clone {
        values(&self.values).skip(usize::from(self.counts[0]) + usize::from(self.counts[1]))
    }

    /// Why `self` and `other` cannot be one party, if they cannot.
    pub fn conflict(&self, other: &Facts) -> Option<&'static str> {
        if !self.schema.can_match(other.schema) {
            return Some("schema");
        }
        fn disjoint<'a>(
            mut a: impl Iterator<Item = &'a str> + Clone,
            b: impl Iterator<Item = &'a str> + Clone,
        ) -> bool {
            a.clone().next().is_some()
                && b.clone().next().is_some()
                && !a.any(|x| b.clone().any(|y| y == x))
        }
        let (dates, others) = (self.birth_dates(), other.birth_dates());
        if dates.clone().next().is_some()
            && others.clone().next().is_some()
            && dates
                .clone()
                .all(|a| others.clone().all(|b| dates_conflict(a, b)))
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

    #[test]
    fn values_are_read_back_as_written() {
        let long = "ä".repeat(200);
        let written = ["", "1961", long.as_str(), "x"];
        let mut bytes = Vec::new();
        for v in written {
            put(&mut bytes, v);
        }
        assert_eq!(values(&bytes).collect::<Vec<_>>(), written);
        let f = person(&["1961", "1962-03"], &["SY", "eg", "sy"]);
        assert_eq!(f.birth_dates().collect::<Vec<_>>(), ["1961", "1962-03"]);
        assert_eq!(f.nationalities().collect::<Vec<_>>(), ["eg", "sy"]);
        assert_eq!(f.imo().count(), 0);
    }
}
