//! Comparing two prepared records: best name pair, then birth date, country, gender,
//! identifier and schema evidence, each explained.

use serde::{Deserialize, Serialize};

use zeef_names::How;

use crate::align::{NameScore, explain_parts, score_names};
use crate::explain::{Explanation, Feature};
use crate::features;
use crate::record::{Prepared, PreparedName};
use crate::weights::INFORMATIVE_NAME;

/// The outcome of comparing two records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub score: f64,
    pub explanation: Explanation,
}

/// Compares a query with a listed record, explained.
pub fn compare_prepared(q: &Prepared, c: &Prepared) -> Comparison {
    compare_by(q, c, &mut |_, _, qn, cn| score_names(qn, cn))
}

/// [`compare_prepared`] with the name pairs scored by `names` (see [`NameScorer`]); a best
/// pair that comes back without its alignment is aligned again for the explanation.
pub fn compare_by(q: &Prepared, c: &Prepared, names: &mut NameScorer) -> Comparison {
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
    let mut explanation = Explanation::default();
    let (name_score, commonness) = match best_name_pair_by(q, c, names) {
        Some((qi, ci, s)) => {
            let (qn, cn) = (
                &q.names_against(c.schema)[qi],
                &c.names_against(q.schema)[ci],
            );
            let s = if s.pairs.is_empty() {
                score_names(qn, cn)
            } else {
                s
            };
            explanation.query_name = qn.name.original.clone();
            explanation.matched_name = cn.name.original.clone();
            explanation.matched_property = cn.prop.as_str().to_string();
            explanation.parts = explain_parts(qn, cn, &s);
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
            (s.score, commonness_of(&s))
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
    explanation.name_score = name_score;
    let mut score = name_score;
    for e in features::evidence(q, c, commonness).into_iter().flatten() {
        score += e.contribution;
        explanation.features.push(e.explain(q, c));
    }
    let score = score.clamp(0.0, 1.0);
    explanation.score = score;
    Comparison { score, explanation }
}

/// The score [`compare_by`] gives, where it reaches `floor`, else `None`; no explanation is
/// built (the screening hot path). Where the name score plus the most the query's other
/// evidence could add falls short of `floor`, that evidence is not read.
pub fn score_reaching_by(
    q: &Prepared,
    c: &Prepared,
    names: &mut NameScorer,
    floor: f64,
) -> Option<f64> {
    rank_reaching_by(q, c, names, floor).map(|sum| sum.clamp(0.0, 1.0))
}

/// [`score_reaching_by`] before the score is held to [0, 1]: the name score plus all the
/// evidence. It orders results of equal score: a namesake that shares the query's birth date
/// ranks above one of the same name that gives no birth date, though both score 1.00.
pub fn rank_reaching_by(
    q: &Prepared,
    c: &Prepared,
    names: &mut NameScorer,
    floor: f64,
) -> Option<f64> {
    if !q.schema.can_match(c.schema) {
        return (0.0 >= floor).then_some(0.0);
    }
    let (name_score, commonness) = match best_name_pair_by(q, c, names) {
        Some((_, _, s)) => (s.score, commonness_of(&s)),
        None => (0.0, 1.0),
    };
    // The margin keeps rounding (the deltas are added one by one) from deciding.
    if name_score + features::most_added(q) + 1e-9 < floor {
        return None;
    }
    let sum = features::add_evidence(name_score, q, c, commonness);
    (sum.clamp(0.0, 1.0) >= floor).then_some(sum)
}

/// How common the best name pair is, in [0, 1]: 1 when its matched parts say little (very
/// common parts), 0 from [`INFORMATIVE_NAME`] of matched weight on.
fn commonness_of(s: &NameScore) -> f64 {
    (1.0 - s.info / INFORMATIVE_NAME).clamp(0.0, 1.0)
}

/// Scores one (query name, listed name) pair: `names(query name number, listed name number,
/// query name, listed name)` must equal [`score_names`] in `score` and `info` (the index's
/// screens answer it from a memo of names already scored, possibly without the alignment).
pub type NameScorer<'a> = dyn FnMut(usize, usize, &PreparedName, &PreparedName) -> NameScore + 'a;

/// The (query name, listed name) pair with the highest name score; first wins ties.
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
    use crate::part_stats::PartStats;
    use zeef_model::{Entity, Prop, Schema};

    #[test]
    fn the_fast_score_equals_the_explained_score() {
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
            let fast = score_reaching_by(
                &p,
                &r,
                &mut |_, _, a, b| score_names(a, b),
                f64::NEG_INFINITY,
            );
            assert_eq!(fast, Some(score), "{} {}", x.id, y.id);
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
