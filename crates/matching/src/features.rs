//! Evidence besides the name: birth dates, countries, gender and identifiers. Each rule is
//! written once ([`evidence`]): what it finds gives the contribution to the score, and the
//! same finding is worded in plain English only when an explanation is asked for. Agreement
//! adds a little; conflicts take away more, and more so when the name is common (a common
//! name alone says little, so other evidence decides). The amounts are in [`crate::weights`].

use zeef_model::date::DateValue;
use zeef_model::identifier::Check;

use crate::explain::{Feature, signed};
use crate::record::{Identifier, Issuers, Prepared, country_name};
use crate::weights::{
    COUNTRY_CONFLICT, COUNTRY_CONFLICT_COMMON, COUNTRY_MATCH, DOB_CONFLICT, DOB_CONFLICT_COMMON,
    DOB_DAY, DOB_MONTH, DOB_NEAR, DOB_SAME_YEAR_OTHER_DAY, DOB_YEAR, GENDER_CONFLICT, ID_CONFLICT,
    ID_MATCH, STRONG_ID_CONFLICT,
};

/// How two birth dates relate, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateRelation {
    Day,
    Month,
    Year,
    Near,
    SameYearOtherDay,
    Conflict,
}

fn relate(a: &DateValue, b: &DateValue) -> DateRelation {
    if a.is_full() && b.is_full() && a.start == b.start {
        return DateRelation::Day;
    }
    let (ay0, ay1) = (a.start.0 as i32, a.end.0 as i32);
    let (by0, by1) = (b.start.0 as i32, b.end.0 as i32);
    let single = |d: &DateValue| d.start.0 == d.end.0 && !d.approximate;
    if ay0 <= by1 && by0 <= ay1 {
        if single(a) && single(b) && a.start.1 != 0 && b.start.1 != 0 {
            if a.start.1 != b.start.1
                || (a.start.2 != 0 && b.start.2 != 0 && a.start.2 != b.start.2)
            {
                return DateRelation::SameYearOtherDay;
            }
            return DateRelation::Month;
        }
        return DateRelation::Year;
    }
    // Approximate dates get two years of slack, exact ones one.
    let slack = if a.approximate || b.approximate { 2 } else { 1 };
    if ay0 - slack <= by1 && by0 - slack <= ay1 {
        return DateRelation::Near;
    }
    DateRelation::Conflict
}

/// What one rule found for a (query, listed) pair.
enum Finding<'a> {
    BirthDate {
        relation: &'static str,
        query: &'a str,
        listed: &'a str,
    },
    SharedCountry(&'a str),
    OtherCountries,
    Gender {
        query: &'a str,
        listed: &'a str,
    },
    SameIdentifier {
        query: &'a Identifier,
        listed: &'a Identifier,
        issuers: Issuers,
    },
    /// A number of a kind the listed record has, but not one of its numbers (or one of its
    /// numbers, issued by another country: another document).
    OtherIdentifier(&'a Identifier),
    /// One of the listed record's numbers, of another kind, issued by another country: not
    /// the same document, and not counted.
    OtherDocument {
        query: &'a Identifier,
        listed: &'a Identifier,
    },
}

/// One piece of evidence besides the name: its contribution to the score and what it found.
pub struct Evidence<'a> {
    pub contribution: f64,
    finding: Finding<'a>,
}

/// The evidence besides the name, in the order it is added to the name score: birth date,
/// country, gender, identifiers (`None` where either side gives none of that kind).
/// `commonness` in [0, 1]: 1 when the matched name parts are all very common.
pub fn evidence<'a>(
    q: &'a Prepared,
    c: &'a Prepared,
    commonness: f64,
) -> [Option<Evidence<'a>>; 4] {
    [
        birth_date(q, c, commonness),
        country(q, c, commonness),
        gender(q, c),
        identifiers(q, c),
    ]
}

/// `name_score` plus every contribution of [`evidence`], added one by one in its order.
pub fn add_evidence(name_score: f64, q: &Prepared, c: &Prepared, commonness: f64) -> f64 {
    let mut sum = name_score;
    for e in evidence(q, c, commonness).into_iter().flatten() {
        sum += e.contribution;
    }
    sum
}

/// The most [`add_evidence`] can add for query `q`, whatever the listed record: agreement on
/// each kind of evidence the query gives (gender only ever takes away).
pub fn most_added(q: &Prepared) -> f64 {
    let mut most = 0.0;
    if !q.birth_dates.is_empty() {
        most += DOB_DAY.max(DOB_MONTH).max(DOB_YEAR).max(DOB_NEAR);
    }
    if !q.countries.is_empty() {
        most += COUNTRY_MATCH;
    }
    if !q.ids.is_empty() {
        most += ID_MATCH;
    }
    most
}

/// The best-agreeing pair of birth dates.
fn birth_date<'a>(q: &'a Prepared, c: &'a Prepared, commonness: f64) -> Option<Evidence<'a>> {
    let mut best: Option<(DateRelation, &str, &str)> = None;
    for (qs, qd) in &q.birth_dates {
        for (cs, cd) in &c.birth_dates {
            let rel = relate(qd, cd);
            if best.is_none_or(|(b, _, _)| rel < b) {
                best = Some((rel, qs, cs));
            }
        }
    }
    let (rel, query, listed) = best?;
    let (contribution, relation) = match rel {
        DateRelation::Day => (DOB_DAY, "matches"),
        DateRelation::Month => (DOB_MONTH, "matches to the month"),
        DateRelation::Year => (DOB_YEAR, "matches the year of"),
        DateRelation::Near => (DOB_NEAR, "is within a year of"),
        DateRelation::SameYearOtherDay => {
            (DOB_SAME_YEAR_OTHER_DAY, "has the year but not the day of")
        }
        DateRelation::Conflict => (
            DOB_CONFLICT + DOB_CONFLICT_COMMON * commonness,
            "conflicts with",
        ),
    };
    Some(Evidence {
        contribution,
        finding: Finding::BirthDate {
            relation,
            query,
            listed,
        },
    })
}

/// A country both sides name, else a conflict.
fn country<'a>(q: &'a Prepared, c: &'a Prepared, commonness: f64) -> Option<Evidence<'a>> {
    if q.countries.is_empty() || c.countries.is_empty() {
        return None;
    }
    Some(match q.countries.iter().find(|x| c.countries.contains(x)) {
        Some(shared) => Evidence {
            contribution: COUNTRY_MATCH,
            finding: Finding::SharedCountry(shared),
        },
        None => Evidence {
            contribution: COUNTRY_CONFLICT + COUNTRY_CONFLICT_COMMON * commonness,
            finding: Finding::OtherCountries,
        },
    })
}

/// Genders: nothing when they agree, a cost when they differ.
fn gender<'a>(q: &'a Prepared, c: &'a Prepared) -> Option<Evidence<'a>> {
    let (Some(query), Some(listed)) = (&q.gender, &c.gender) else {
        return None;
    };
    Some(Evidence {
        contribution: if query == listed {
            0.0
        } else {
            GENDER_CONFLICT
        },
        finding: Finding::Gender { query, listed },
    })
}

/// The same number under any identifier property (lists file passports as IDs), unless both
/// sides name its issuing country and they differ; else a different number (or the same,
/// issued elsewhere) of a kind both sides give; else the same number of another kind issued
/// elsewhere, which is said but not counted.
fn identifiers<'a>(q: &'a Prepared, c: &'a Prepared) -> Option<Evidence<'a>> {
    if q.ids.is_empty() || c.ids.is_empty() {
        return None;
    }
    let mut other_document = None;
    for query in &q.ids {
        match query.same_number(&c.ids) {
            Some((listed, Issuers::Different { .. })) => {
                other_document.get_or_insert(Finding::OtherDocument { query, listed });
            }
            Some((listed, issuers)) => {
                return Some(Evidence {
                    contribution: ID_MATCH,
                    finding: Finding::SameIdentifier {
                        query,
                        listed,
                        issuers,
                    },
                });
            }
            None => {}
        }
    }
    if let Some(query) = q
        .ids
        .iter()
        .find(|qi| c.ids.iter().any(|l| l.prop == qi.prop))
    {
        let checked = |i: &Identifier| i.kind.is_strong() && i.check != Check::Invalid;
        let strong = checked(query) && c.ids.iter().any(|l| l.prop == query.prop && checked(l));
        return Some(Evidence {
            contribution: if strong {
                STRONG_ID_CONFLICT
            } else {
                ID_CONFLICT
            },
            finding: Finding::OtherIdentifier(query),
        });
    }
    other_document.map(|finding| Evidence {
        contribution: 0.0,
        finding,
    })
}

/// What two equal numbers' issuers say, for an explanation: `, issued by Iran on both`,
/// `, listed as issued by Iran`, `, issued by Iran (the list names no issuer)`, or nothing.
pub(crate) fn issued_words(query: &Identifier, listed: &Identifier, issuers: Issuers) -> String {
    match (issuers, query.issuer, listed.issuer) {
        (Issuers::Same(c), _, _) => {
            format!(", {} {} on both", listed.issued_word(), country_name(c))
        }
        (_, Some(q), Some(l)) => format!(
            ", {} {} here and {} on the list",
            query.issued_word(),
            country_name(q),
            country_name(l)
        ),
        (_, None, Some(l)) => format!(", listed as {} {}", listed.issued_word(), country_name(l)),
        (_, Some(q), None) => format!(
            ", {} {} (the list names no issuer)",
            query.issued_word(),
            country_name(q)
        ),
        (_, None, None) => String::new(),
    }
}

impl Evidence<'_> {
    /// The evidence as an explained feature; `c` is the listed record it was found against.
    pub fn explain(&self, q: &Prepared, c: &Prepared) -> Feature {
        let delta = signed(self.contribution);
        let (feature, detail) = match &self.finding {
            Finding::BirthDate {
                relation,
                query,
                listed,
            } => (
                "birthDate",
                format!("birth date {query} {relation} listed {listed} ({delta})"),
            ),
            Finding::SharedCountry(shared) => (
                "country",
                format!("country {shared} matches listed countries ({delta})"),
            ),
            Finding::OtherCountries => (
                "country",
                format!(
                    "country {} differs from listed {} ({delta})",
                    q.countries.join("/"),
                    c.countries.join("/"),
                ),
            ),
            Finding::Gender { query, listed } => {
                let what = if query == listed {
                    "matches"
                } else {
                    "differs from"
                };
                (
                    "gender",
                    format!("gender {query} {what} listed {listed} ({delta})"),
                )
            }
            Finding::SameIdentifier {
                query,
                listed,
                issuers,
            } => (
                "identifier",
                format!(
                    "{} {} matches listed {} {}{} ({delta})",
                    query.prop,
                    query.value,
                    listed.prop,
                    listed.value,
                    issued_words(query, listed, *issuers)
                ),
            ),
            Finding::OtherIdentifier(query) => {
                let listed: Vec<String> = c
                    .ids
                    .iter()
                    .filter(|l| l.prop == query.prop)
                    .map(Identifier::with_issuer)
                    .collect();
                let another = match c.ids.iter().any(|l| l.normalised == query.normalised) {
                    true => ": not the same document",
                    false => "",
                };
                (
                    "identifier",
                    format!(
                        "{} {} differs from listed {}{another} ({delta})",
                        query.prop,
                        query.with_issuer(),
                        listed.join(", ")
                    ),
                )
            }
            Finding::OtherDocument { query, listed } => (
                "identifier",
                format!(
                    "{} {} and listed {} {} are not the same document: not counted",
                    query.prop,
                    query.with_issuer(),
                    listed.prop,
                    listed.with_issuer()
                ),
            ),
        };
        Feature {
            feature: feature.into(),
            contribution: self.contribution,
            detail,
        }
    }
}
