//! Evidence besides the name: birth dates, countries, gender and identifiers. Each returns
//! its contribution to the score and one line of plain English. Agreement adds a little;
//! conflicts take away more, and more so when the name is common (a common name alone says
//! little, so other evidence decides).

use crate::explain::{Feature, signed};
use crate::record::Prepared;
use zeef_model::date::DateValue;

/// Exact birth day agrees.
pub const DOB_DAY: f64 = 0.06;
/// Birth year and month agree (one side gives no day).
pub const DOB_MONTH: f64 = 0.04;
/// Birth year agrees (or the ranges overlap).
pub const DOB_YEAR: f64 = 0.03;
/// Birth years one apart (or within an approximate date's slack): no credit, no penalty.
pub const DOB_NEAR: f64 = 0.0;
/// Same year, different day: likely a typo or a day/month swap; a small cost.
pub const DOB_SAME_YEAR_OTHER_DAY: f64 = -0.04;
/// Birth dates years apart: base cost, plus up to [`DOB_CONFLICT_COMMON`] for common names.
pub const DOB_CONFLICT: f64 = -0.25;
pub const DOB_CONFLICT_COMMON: f64 = -0.25;
/// Countries overlap / all differ (plus up to [`COUNTRY_CONFLICT_COMMON`] for common names).
pub const COUNTRY_MATCH: f64 = 0.03;
pub const COUNTRY_CONFLICT: f64 = -0.04;
pub const COUNTRY_CONFLICT_COMMON: f64 = -0.06;
/// Genders differ.
pub const GENDER_CONFLICT: f64 = -0.1;
/// Same identifier number: strong evidence.
pub const ID_MATCH: f64 = 0.3;
/// A different number of the same kind: strong counter-evidence.
pub const ID_CONFLICT: f64 = -0.25;

/// How two birth dates relate, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateRel {
    Day,
    Month,
    Year,
    Near,
    SameYearOtherDay,
    Conflict,
}

fn relate(a: &DateValue, b: &DateValue) -> DateRel {
    if a.is_full() && b.is_full() && a.start == b.start {
        return DateRel::Day;
    }
    let (ay0, ay1) = (a.start.0 as i32, a.end.0 as i32);
    let (by0, by1) = (b.start.0 as i32, b.end.0 as i32);
    let single = |d: &DateValue| d.start.0 == d.end.0 && !d.approximate;
    if ay0 <= by1 && by0 <= ay1 {
        if single(a) && single(b) && a.start.1 != 0 && b.start.1 != 0 {
            if a.start.1 != b.start.1
                || (a.start.2 != 0 && b.start.2 != 0 && a.start.2 != b.start.2)
            {
                return DateRel::SameYearOtherDay;
            }
            return DateRel::Month;
        }
        return DateRel::Year;
    }
    // Approximate dates get two years of slack, exact ones one.
    let slack = if a.approximate || b.approximate { 2 } else { 1 };
    if ay0 - slack <= by1 && by0 - slack <= ay1 {
        return DateRel::Near;
    }
    DateRel::Conflict
}

/// The birth-date relation of the best-agreeing pair of dates: (delta, wording, query date,
/// listed date). `commonness` in [0, 1]: 1 when the matched name parts are all very common.
fn birth_date_eval<'a>(
    q: &'a Prepared,
    c: &'a Prepared,
    commonness: f64,
) -> Option<(f64, &'static str, &'a str, &'a str)> {
    let mut best: Option<(DateRel, &str, &str)> = None;
    for (qs, qd) in &q.birth_dates {
        for (cs, cd) in &c.birth_dates {
            let rel = relate(qd, cd);
            if best.is_none_or(|(b, _, _)| rel < b) {
                best = Some((rel, qs, cs));
            }
        }
    }
    let (rel, qs, cs) = best?;
    let (delta, what) = match rel {
        DateRel::Day => (DOB_DAY, "matches"),
        DateRel::Month => (DOB_MONTH, "matches to the month"),
        DateRel::Year => (DOB_YEAR, "matches the year of"),
        DateRel::Near => (DOB_NEAR, "is within a year of"),
        DateRel::SameYearOtherDay => (DOB_SAME_YEAR_OTHER_DAY, "has the year but not the day of"),
        DateRel::Conflict => (
            DOB_CONFLICT + DOB_CONFLICT_COMMON * commonness,
            "conflicts with",
        ),
    };
    Some((delta, what, qs, cs))
}

pub fn birth_date(q: &Prepared, c: &Prepared, commonness: f64, explain: bool) -> Option<Feature> {
    let (delta, what, qs, cs) = birth_date_eval(q, c, commonness)?;
    Some(Feature {
        feature: "birthDate".into(),
        contribution: delta,
        detail: if !explain {
            String::new()
        } else {
            format!("birth date {qs} {what} listed {cs} ({})", signed(delta))
        },
    })
}

/// The most [`add_deltas`] can add for query `q`, whatever the listed record: agreement on
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

/// `name_score` plus what birth date, country, gender and identifiers add, in the order
/// [`crate::compare`] adds them, without explanations (the screening hot path).
pub fn add_deltas(name_score: f64, q: &Prepared, c: &Prepared, commonness: f64) -> f64 {
    let mut sum = name_score;
    if let Some((d, ..)) = birth_date_eval(q, c, commonness) {
        sum += d;
    }
    if !q.countries.is_empty() && !c.countries.is_empty() {
        sum += if q.countries.iter().any(|x| c.countries.contains(x)) {
            COUNTRY_MATCH
        } else {
            COUNTRY_CONFLICT + COUNTRY_CONFLICT_COMMON * commonness
        };
    }
    if let (Some(a), Some(b)) = (&q.gender, &c.gender)
        && a != b
    {
        sum += GENDER_CONFLICT;
    }
    if !q.ids.is_empty() && !c.ids.is_empty() {
        if q.ids
            .iter()
            .any(|(_, _, qn)| c.ids.iter().any(|(_, _, cn)| cn == qn))
        {
            sum += ID_MATCH;
        } else if q
            .ids
            .iter()
            .any(|(qp, _, _)| c.ids.iter().any(|(cp, _, _)| cp == qp))
        {
            sum += ID_CONFLICT;
        }
    }
    sum
}

pub fn country(q: &Prepared, c: &Prepared, commonness: f64, explain: bool) -> Option<Feature> {
    if q.countries.is_empty() || c.countries.is_empty() {
        return None;
    }
    if let Some(shared) = q.countries.iter().find(|x| c.countries.contains(x)) {
        return Some(Feature {
            feature: "country".into(),
            contribution: COUNTRY_MATCH,
            detail: if !explain {
                String::new()
            } else {
                format!(
                    "country {shared} matches listed countries ({})",
                    signed(COUNTRY_MATCH)
                )
            },
        });
    }
    let delta = COUNTRY_CONFLICT + COUNTRY_CONFLICT_COMMON * commonness;
    Some(Feature {
        feature: "country".into(),
        contribution: delta,
        detail: if !explain {
            String::new()
        } else {
            format!(
                "country {} differs from listed {} ({})",
                q.countries.join("/"),
                c.countries.join("/"),
                signed(delta)
            )
        },
    })
}

pub fn gender(q: &Prepared, c: &Prepared, explain: bool) -> Option<Feature> {
    let (Some(a), Some(b)) = (&q.gender, &c.gender) else {
        return None;
    };
    let delta = if a == b { 0.0 } else { GENDER_CONFLICT };
    let what = if a == b { "matches" } else { "differs from" };
    Some(Feature {
        feature: "gender".into(),
        contribution: delta,
        detail: if !explain {
            String::new()
        } else {
            format!("gender {a} {what} listed {b} ({})", signed(delta))
        },
    })
}

pub fn identifiers(q: &Prepared, c: &Prepared, explain: bool) -> Option<Feature> {
    if q.ids.is_empty() || c.ids.is_empty() {
        return None;
    }
    // The same number under any identifier property counts: lists file passports as IDs.
    for (qp, qv, qn) in &q.ids {
        if let Some((cp, cv, _)) = c.ids.iter().find(|(_, _, cn)| cn == qn) {
            return Some(Feature {
                feature: "identifier".into(),
                contribution: ID_MATCH,
                detail: if !explain {
                    String::new()
                } else {
                    format!("{qp} {qv} matches listed {cp} {cv} ({})", signed(ID_MATCH))
                },
            });
        }
    }
    let (qp, qv, _) = q
        .ids
        .iter()
        .find(|(qp, _, _)| c.ids.iter().any(|(cp, _, _)| cp == qp))?;
    let listed: Vec<&str> = c
        .ids
        .iter()
        .filter(|(cp, _, _)| cp == qp)
        .map(|(_, v, _)| v.as_str())
        .collect();
    Some(Feature {
        feature: "identifier".into(),
        contribution: ID_CONFLICT,
        detail: if !explain {
            String::new()
        } else {
            format!(
                "{qp} {qv} differs from listed {} ({})",
                listed.join(", "),
                signed(ID_CONFLICT)
            )
        },
    })
}
