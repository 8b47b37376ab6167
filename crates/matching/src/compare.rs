//! Comparing two prepared records: best name pair, then birth date, country, gender,
//! identifier and schema evidence, each explained.

use serde::{Deserialize, Serialize};

use zeef_names::How;

use crate::align::{NameScore, explain_parts, score_names};
use crate::explain::{Explanation, Feature};
use crate::features;
use crate::record::{Prepared, PreparedName};

/// The outcome of comparing two records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub score: f64,
    pub explanation: Explanation,
}

/// Matched-part weight above which a name counts as fully informative (about two rare parts).
const INFORMATIVE_NAME: f64 = 1.5;

/// Compares a query with a listed record, explained.
pub fn compare_prepared(q: &Prepared, c: &Prepared) -> Comparison {
    compare_with(q, c, true)
}

/// Compares; without `explain` only the numbers are filled in (the screening hot path).
pub fn compare_with(q: &Prepared, c: &Prepared, explain: bool) -> Comparison {
    compare_with_by(q, c, explain, &mut |_, _, qn, cn| score_names(qn, cn))
}

/// [`compare_with`] with the name pairs scored by `names` (see [`score_only_by`]); a best pair
/// that comes back without its alignment is aligned again for the explanation.
pub fn compare_with_by(
    q: &Prepared,
    c: &Prepared,
    explain: bool,
    names: &mut NameScorer,
) -> Comparison {
    if !q.schema.can_match(c.schema) {
        let detail = format!("a {} cannot be a {} (score 0)", q.schema, c.schema);
        return Comparison {
            score: 0.0,
            explanation: Explanation {
                features: vec![Feature {
                    feature: "schema".into(),
                    contribution: 0.0,
                    detail,
                }],
                ..Default::default()
            },
        };
    }
    let best = best_name_pair_by(q, c, names).map(|(qi, ci, s)| {
        if explain && s.pairs.is_empty() {
            let (qn, cn) = (
                &q.names_against(c.schema)[qi],
                &c.names_against(q.schema)[ci],
            );
            (qi, ci, score_names(qn, cn))
        } else {
            (qi, ci, s)
        }
    });
    let mut explanation = Explanation::default();
    let (name_score, commonness) = match &best {
        Some((qi, ci, s)) => {
            let (qn, cn) = (
                &q.names_against(c.schema)[*qi],
                &c.names_against(q.schema)[*ci],
            );
            let info = s.info;
            if !explain {
                explanation.features.push(Feature {
                    feature: "name".into(),
                    contribution: s.score,
                    detail: String::new(),
                });
                return finish(
                    q,
                    c,
                    explanation,
                    s.score,
                    (1.0 - info / INFORMATIVE_NAME).clamp(0.0, 1.0),
                    false,
                );
            }
            explanation.query_name = qn.name.original.clone();
            explanation.matched_name = cn.name.original.clone();
            explanation.matched_property = cn.prop.as_str().to_string();
            explanation.parts = explain_parts(qn, cn, s);
            let matched = explanation
                .parts
                .iter()
                .filter(|p| p.similarity > 0.0)
                .count();
            let shown = explanation
                .parts
                .iter()
                .filter(|p| p.kind != "title" && p.how != How::OwnAcronym.as_str())
                .count();
            explanation.features.push(Feature {
                feature: "name".into(),
                contribution: s.score,
                detail: format!(
                    "name \"{}\" matches listed {} \"{}\": {} of {} parts aligned ({:.2})",
                    qn.name.original, cn.prop, cn.name.original, matched, shown, s.score
                ),
            });
            (s.score, (1.0 - info / INFORMATIVE_NAME).clamp(0.0, 1.0))
        }
        None => {
            explanation.features.push(Feature {
                feature: "name".into(),
                contribution: 0.0,
                detail: "no names to compare (0.00)".into(),
            });
            (0.0, 1.0)
        }
    };
    finish(q, c, explanation, name_score, commonness, explain)
}

/// The score alone, as [`compare_prepared`] computes it, without building an explanation
/// (the screening hot path).
#[allow(dead_code)] // the plain form of `score_only_by`; the tests check it against the explained score
pub fn score_only(q: &Prepared, c: &Prepared) -> f64 {
    score_only_by(q, c, &mut |_, _, qn, cn| score_names(qn, cn))
}

/// [`score_only`] with the name pairs scored by `names(query name number, listed name
/// number, query name, listed name)`, which must equal [`score_names`] in `score` and `info`
/// (the index's screens answer it from a memo of names already scored).
pub fn score_only_by(q: &Prepared, c: &Prepared, names: &mut NameScorer) -> f64 {
    score_reaching_by(q, c, names, f64::NEG_INFINITY).unwrap_or(0.0)
}

/// [`score_only_by`] where it reaches `floor`, else `None`. Where the name score plus the most
/// the query's other evidence could add falls short of `floor`, that evidence is not read.
pub fn score_reaching_by(
    q: &Prepared,
    c: &Prepared,
    names: &mut NameScorer,
    floor: f64,
) -> Option<f64> {
    if !q.schema.can_match(c.schema) {
        return (0.0 >= floor).then_some(0.0);
    }
    let (name_score, commonness) = match best_name_pair_by(q, c, names) {
        Some((_, _, s)) => (s.score, (1.0 - s.info / INFORMATIVE_NAME).clamp(0.0, 1.0)),
        None => (0.0, 1.0),
    };
    // The margin keeps rounding (the deltas are added one by one) from deciding.
    if name_score + features::most_added(q) + 1e-9 < floor {
        return None;
    }
    let score = features::add_deltas(name_score, q, c, commonness).clamp(0.0, 1.0);
    (score >= floor).then_some(score)
}

/// Adds the non-name features to the name score.
fn finish(
    q: &Prepared,
    c: &Prepared,
    mut explanation: Explanation,
    name_score: f64,
    commonness: f64,
    explain: bool,
) -> Comparison {
    explanation.name_score = name_score;
    let extra = [
        features::birth_date(q, c, commonness, explain),
        features::country(q, c, commonness, explain),
        features::gender(q, c, explain),
        features::identifiers(q, c, explain),
    ];
    let mut score = name_score;
    for f in extra.into_iter().flatten() {
        score += f.contribution;
        explanation.features.push(f);
    }
    let score = score.clamp(0.0, 1.0);
    explanation.score = score;
    Comparison { score, explanation }
}

/// The (query name, listed name) pair with the highest name score; first wins ties.
/// Scores one (query name, listed name) pair: see [`score_only_by`].
pub type NameScorer<'a> = dyn FnMut(usize, usize, &PreparedName, &PreparedName) -> NameScore + 'a;

fn best_name_pair_by(
    q: &Prepared,
    c: &Prepared,
    names: &mut NameScorer,
) -> Option<(usize, usize, NameScore)> {
    let mut best: Option<(usize, usize, NameScore)> = None;
    let (qs, cs) = (q.names_against(c.schema), c.names_against(q.schema));
    for (qi, qn) in qs.iter().enumerate() {
        for (ci, cn) in cs.iter().enumerate() {
            let s = names(qi, ci, qn, cn);
            if best.as_ref().is_none_or(|(_, _, b)| s.score > b.score) {
                let top = s.score >= 1.0;
                best = Some((qi, ci, s));
                // Nothing scores above 1 and the first best pair wins ties: the rest can
                // only lose.
                if top {
                    return best;
                }
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::weights::PartStats;
    use zeef_model::{Entity, Prop, Schema};

    #[test]
    fn score_only_equals_the_explained_score() {
        let stats = PartStats::default();
        let mut a = Entity::new("a", Schema::Person, "t");
        a.add(Prop::Name, "Abdul Rahman Qasimi");
        a.add(Prop::BirthDate, "1971-05-12");
        a.add(Prop::Nationality, "iq");
        a.add(Prop::Gender, "male");
        a.add(Prop::PassportNumber, "X1234567");
        let mut b = Entity::new("b", Schema::Person, "t");
        b.add(Prop::Name, "Abd al-Rahman al-Qasimi");
        b.add(Prop::Alias, "Qasimi Abdurrahman");
        b.add(Prop::BirthDate, "1972");
        b.add(Prop::Nationality, "sy");
        b.add(Prop::Gender, "female");
        b.add(Prop::PassportNumber, "Y7654321");
        let mut c = Entity::new("c", Schema::LegalEntity, "t");
        c.add(Prop::Name, "Mohammed Ali");
        // Another spelling, the same date, country and passport: the evidence lifts the score.
        let mut d = a.clone();
        d.id = "d".into();
        d.props.remove(&Prop::Name);
        d.add(Prop::Name, "Abdelrahman Kasimi");
        for (x, y) in [(&a, &b), (&b, &a), (&a, &c), (&c, &b), (&a, &a), (&a, &d)] {
            let (p, r) = (Prepared::new(x, &stats), Prepared::new(y, &stats));
            let explained = compare_prepared(&p, &r);
            let (score, name) = (explained.score, explained.explanation.name_score);
            assert_eq!(score_only(&p, &r), score, "{} {}", x.id, y.id);
            // Every floor a little above, at and below the score (and around the name score,
            // where the shortcut decides).
            for floor in [
                score - 0.01,
                score,
                score + 1e-12,
                name,
                name + 0.05,
                0.7,
                0.0,
            ] {
                let reached = score_reaching_by(&p, &r, &mut |_, _, a, b| score_names(a, b), floor);
                assert_eq!(
                    reached,
                    (score >= floor).then_some(score),
                    "{} {} {floor}",
                    x.id,
                    y.id
                );
            }
        }
    }
}
