//! Comparing regimes: after [`crate::link()`], what differs between linked records (names,
//! birth dates, identifiers, nationalities, listing dates, programs), and who is listed on
//! one side only (the gap the Netherlands found in 2017: on the UN list, not yet the EU's).

use crate::LinkOptions;
use crate::link::{Linkage, Method, link};
use crate::values::{dates_compatible, identifier_key, name_key};
use serde::Serialize;
use std::collections::HashSet;
use zeef_model::{Entity, Prop};

/// One property on which two linked records disagree: the values only the left carries and
/// those only the right carries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// `names`, `birthDate`, `identifiers`, `nationality`, `listingDate`, `program`, `schema`.
    pub property: String,
    pub left: Vec<String>,
    pub right: Vec<String>,
}

impl Difference {
    /// Whether the difference is about who the entity is (names, birth dates, identifiers,
    /// nationality, schema) rather than how each regime lists it (listing date, program),
    /// which nearly always differ between regimes.
    pub fn is_identity(&self) -> bool {
        !matches!(self.property.as_str(), "listingDate" | "program")
    }
}

/// What differs between two records of the same entity on two lists. Names, identifiers and
/// nationalities are pooled over their properties, since lists file them differently (an
/// Arabic name is an alias on one list and a weak alias on the other).
pub fn differences(left: &Entity, right: &Entity) -> Vec<Difference> {
    let mut out = Vec::new();
    if left.schema != right.schema {
        out.push(Difference {
            property: "schema".into(),
            left: vec![left.schema.to_string()],
            right: vec![right.schema.to_string()],
        });
    }
    let names = |e: &Entity| e.names().map(|(_, n)| n.to_string()).collect::<Vec<_>>();
    push(
        &mut out,
        "names",
        one_sided(&names(left), &names(right), |a, b| {
            name_key(a) == name_key(b)
        }),
    );
    push(
        &mut out,
        "birthDate",
        one_sided(
            left.get(Prop::BirthDate),
            right.get(Prop::BirthDate),
            dates_compatible,
        ),
    );
    let ids = |e: &Entity| {
        Prop::IDENTIFIERS
            .iter()
            .flat_map(|&p| e.get(p).iter().cloned())
            .collect::<Vec<_>>()
    };
    push(
        &mut out,
        "identifiers",
        one_sided(&ids(left), &ids(right), |a, b| {
            identifier_key(a) == identifier_key(b)
        }),
    );
    let nationality = |e: &Entity| {
        [Prop::Nationality, Prop::Citizenship]
            .iter()
            .flat_map(|&p| e.get(p).iter().cloned())
            .collect::<Vec<_>>()
    };
    push(
        &mut out,
        "nationality",
        one_sided(&nationality(left), &nationality(right), |a, b| a == b),
    );
    for prop in [Prop::ListingDate, Prop::Program] {
        push(
            &mut out,
            prop.as_str(),
            one_sided(left.get(prop), right.get(prop), |a, b| {
                a.eq_ignore_ascii_case(b)
            }),
        );
    }
    out
}

fn push(out: &mut Vec<Difference>, property: &str, (left, right): (Vec<String>, Vec<String>)) {
    if !left.is_empty() || !right.is_empty() {
        out.push(Difference {
            property: property.into(),
            left,
            right,
        });
    }
}

/// Values of each side that agree with no value of the other, each once, in list order.
fn one_sided(
    left: &[String],
    right: &[String],
    same: impl Fn(&str, &str) -> bool,
) -> (Vec<String>, Vec<String>) {
    let only = |a: &[String], b: &[String]| {
        let mut seen = HashSet::new();
        a.iter()
            .filter(|x| !b.iter().any(|y| same(x, y)))
            .filter(|x| seen.insert(x.as_str()))
            .cloned()
            .collect::<Vec<_>>()
    };
    (only(left, right), only(right, left))
}

/// One line of a regime comparison: a linked pair, or an entity on one side only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffRow {
    pub left_id: Option<String>,
    pub right_id: Option<String>,
    pub left_caption: Option<String>,
    pub right_caption: Option<String>,
    pub schema: String,
    /// Link confidence (1 for references); None on one side only.
    pub score: Option<f64>,
    pub method: Option<Method>,
    pub differences: Vec<Difference>,
    /// For a left entity without counterpart: its best right candidate, and score.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nearest_score: Option<f64>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DiffSummary {
    pub left: usize,
    pub right: usize,
    pub linked_by_reference: usize,
    pub linked_by_match: usize,
    /// Linked pairs whose records differ on who the entity is (see [`Difference::is_identity`]).
    pub linked_with_differences: usize,
    pub left_only: usize,
    pub right_only: usize,
}

/// A regime comparison: linked pairs first (in left order), then left-only, then right-only.
#[derive(Debug, Clone, Default)]
pub struct RegimeDiff {
    pub summary: DiffSummary,
    pub rows: Vec<DiffRow>,
}

/// Links `left` to `right` and describes every pair and every one-sided entity.
pub fn diff_regimes(left: &[Entity], right: &[Entity], opts: &LinkOptions) -> RegimeDiff {
    describe(left, right, &link(left, right, opts))
}

/// Describes every linked pair and every one-sided entity of a linkage made over `left` and
/// `right` (by [`link`] or [`crate::link::link_clustered`]).
pub fn describe(left: &[Entity], right: &[Entity], linkage: &Linkage) -> RegimeDiff {
    let round = |s: f64| (s * 1000.0).round() / 1000.0;
    let mut summary = DiffSummary {
        left: left.len(),
        right: right.len(),
        left_only: linkage.left_only.len(),
        right_only: linkage.right_only.len(),
        ..DiffSummary::default()
    };
    let mut rows = Vec::with_capacity(linkage.links.len() + summary.left_only + summary.right_only);
    for l in &linkage.links {
        let (Some(a), Some(b)) = (left.get(l.left), right.get(l.right)) else {
            continue;
        };
        let differences = differences(a, b);
        match l.method {
            Method::Reference => summary.linked_by_reference += 1,
            Method::Match => summary.linked_by_match += 1,
        }
        if differences.iter().any(Difference::is_identity) {
            summary.linked_with_differences += 1;
        }
        rows.push(DiffRow {
            left_id: Some(a.id.clone()),
            right_id: Some(b.id.clone()),
            left_caption: Some(a.caption().to_string()),
            right_caption: Some(b.caption().to_string()),
            schema: a.schema.to_string(),
            score: Some(round(l.score)),
            method: Some(l.method),
            differences,
            nearest_id: None,
            nearest_score: None,
        });
    }
    for (i, nearest) in &linkage.left_only {
        let Some(a) = left.get(*i) else { continue };
        let near = nearest
            .as_ref()
            .and_then(|n| Some((right.get(n.right)?, n.score)));
        rows.push(DiffRow {
            left_id: Some(a.id.clone()),
            right_id: None,
            left_caption: Some(a.caption().to_string()),
            right_caption: None,
            schema: a.schema.to_string(),
            score: None,
            method: None,
            differences: Vec::new(),
            nearest_id: near.map(|(e, _)| e.id.clone()),
            nearest_score: near.map(|(_, s)| round(s)),
        });
    }
    for i in &linkage.right_only {
        let Some(b) = right.get(*i) else { continue };
        rows.push(DiffRow {
            left_id: None,
            right_id: Some(b.id.clone()),
            left_caption: None,
            right_caption: Some(b.caption().to_string()),
            schema: b.schema.to_string(),
            score: None,
            method: None,
            differences: Vec::new(),
            nearest_id: None,
            nearest_score: None,
        });
    }
    RegimeDiff { summary, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::Schema;

    fn person(id: &str, source: &str, name: &str) -> Entity {
        let mut e = Entity::new(id, Schema::Person, source);
        e.add(Prop::Name, name);
        e
    }

    #[test]
    fn differences_tolerate_format_and_report_substance() {
        let mut a = person("x-1", "x", "Ivan Petrovich SIDOROV");
        a.add(Prop::Alias, "Ivan Sidorov");
        a.add(Prop::BirthDate, "1961");
        a.add(Prop::PassportNumber, "AB 123-456");
        a.add(Prop::Nationality, "ru");
        a.add(Prop::Program, "Russia");
        let mut b = person("y-9", "y", "SIDOROV, Ivan Petrovich");
        b.add(Prop::BirthDate, "1961-03-02");
        b.add(Prop::IdNumber, "ab123456");
        b.add(Prop::Nationality, "ru");
        b.add(Prop::Nationality, "by");
        b.add(Prop::Program, "RUSSIA");
        b.add(Prop::ListingDate, "2022-03-15");
        let d = differences(&a, &b);
        let by = |p: &str| d.iter().find(|x| x.property == p).cloned();
        assert_eq!(
            by("names").map(|x| (x.left, x.right)),
            Some((vec!["Ivan Sidorov".to_string()], vec![]))
        );
        assert_eq!(by("birthDate"), None, "1961 agrees with 1961-03-02");
        assert_eq!(by("identifiers"), None, "same number, other format");
        assert_eq!(
            by("nationality").map(|x| x.right),
            Some(vec!["by".to_string()])
        );
        assert_eq!(by("program"), None);
        assert_eq!(
            by("listingDate").map(|x| (x.left, x.right)),
            Some((vec![], vec!["2022-03-15".to_string()]))
        );
        assert!(differences(&a, &a).is_empty());
    }
}
