//! Comparing two prepared records: best name pair, then birth date, country, gender,
//! identifier and schema evidence, each explained.

use serde::{Deserialize, Serialize};

use crate::align::{NameScore, explain_parts, score_names};
use crate::explain::{Explanation, Feature};
use crate::features;
use crate::record::Prepared;

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
    let best = best_name_pair(q, c);
    let mut explanation = Explanation::default();
    let (name_score, commonness) = match &best {
        Some((qi, ci, s)) => {
            let (qn, cn) = (&q.names[*qi], &c.names[*ci]);
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
                .filter(|p| p.kind != "title")
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
fn best_name_pair(q: &Prepared, c: &Prepared) -> Option<(usize, usize, NameScore)> {
    let mut best: Option<(usize, usize, NameScore)> = None;
    for (qi, qn) in q.names.iter().enumerate() {
        for (ci, cn) in c.names.iter().enumerate() {
            let s = score_names(qn, cn);
            if best.as_ref().is_none_or(|(_, _, b)| s.score > b.score) {
                best = Some((qi, ci, s));
            }
        }
    }
    best
}
