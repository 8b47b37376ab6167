//! Name similarity from aligned name parts: every query part is paired with at most one
//! listed part (order-free, best pairs first); unmatched informative parts on either side cost
//! in proportion to their weight.

use smallvec::SmallVec;
use zeef_names::{How, NameKind, PartKind, part_similarity};

use crate::explain::PartMatch;
use crate::record::PreparedName;

/// Below this, two parts are not the same name.
pub const MIN_PART_SIM: f64 = 0.75;
/// Share of its weight an unmatched query part costs (the query says a name the listed entity
/// does not carry).
pub const QUERY_MISS_COST: f64 = 1.0;
/// Share of its weight an unmatched listed part costs (lists often give full names with
/// father's and grandfather's names, which a query may leave out).
pub const LISTED_MISS_COST: f64 = 0.45;
/// Name score factor for weak aliases ("low quality" aliases, per the lists).
pub const WEAK_ALIAS_FACTOR: f64 = 0.9;

/// (query part, listed part, similarity, how): one row of an alignment; a side is None
/// where the other part was left unmatched.
pub type AlignedPair = (Option<usize>, Option<usize>, f64, How);

/// The similarity of two names and the alignment behind it.
#[derive(Debug, Clone)]
pub struct NameScore {
    pub score: f64,
    /// Sum of matched pair weight × similarity: how much the agreeing parts identify.
    pub info: f64,
    pub pairs: SmallVec<[AlignedPair; 8]>,
}

/// Aligns `q` with `c` and scores the alignment in [0, 1].
pub fn score_names(q: &PreparedName, c: &PreparedName) -> NameScore {
    score_names_by(q, c, &mut |i, j| {
        part_similarity(&q.name.parts[i], &c.name.parts[j])
    })
}

/// [`score_names`] with the similarity of query part `i` and listed part `j` from `sim`, which
/// must equal [`part_similarity`] (screens answer it from a memo of part pairs).
pub fn score_names_by(
    q: &PreparedName,
    c: &PreparedName,
    sim: &mut dyn FnMut(usize, usize) -> (f64, How),
) -> NameScore {
    let qp = &q.name.parts;
    let cp = &c.name.parts;
    // Candidate pairs above the floor, best first; ties by position (deterministic).
    let mut cands: SmallVec<[(f64, usize, usize, How); 16]> = SmallVec::new();
    for (i, a) in qp.iter().enumerate() {
        if a.kind == PartKind::Title {
            continue;
        }
        for (j, b) in cp.iter().enumerate() {
            if b.kind == PartKind::Title {
                continue;
            }
            let (s, how) = sim(i, j);
            if s >= MIN_PART_SIM {
                cands.push((s, i, j, how));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut q_used: SmallVec<[bool; 12]> = SmallVec::from_elem(false, qp.len());
    let mut c_used: SmallVec<[bool; 12]> = SmallVec::from_elem(false, cp.len());
    let mut pairs = SmallVec::new();
    let (mut gained, mut total) = (0.0, 0.0);
    let mut deferred: SmallVec<[(f64, usize, usize, How); 4]> = SmallVec::new();
    for (s, i, j, how) in cands {
        if q_used[i] || c_used[j] {
            continue;
        }
        if how == How::Abbreviation {
            // Short forms are a habit of personal names (Bai is not Baikal Ltd).
            if q.kind == NameKind::Person && c.kind == NameKind::Person {
                deferred.push((s, i, j, how));
            }
            continue;
        }
        q_used[i] = true;
        c_used[j] = true;
        let w = pair_weight(q.weights[i], c.weights[j]);
        gained += w * s;
        total += w;
        pairs.push((Some(i), Some(j), s, how));
    }
    // A part written as two on the other side: "PolPot" / "Pol Pot", "Jong-un" / "Jong Un".
    for ([q1, q2], [c1, c2], sim, w) in joined_pairs(q, c, &q_used, &c_used, false)
        .into_iter()
        .chain(joined_pairs(c, q, &c_used, &q_used, true))
    {
        if q_used[q1] || q_used[q2] || c_used[c1] || c_used[c2] {
            continue;
        }
        for (i, j) in [(q1, c1), (q2, c2)] {
            q_used[i] = true;
            c_used[j] = true;
            pairs.push((Some(i), Some(j), sim, How::EditDistance));
        }
        gained += w * sim;
        total += w;
    }
    // Short forms (Ben/Benjamin) last: a part written together is the likelier reading.
    for &(s, i, j, how) in &deferred {
        if q_used[i] || c_used[j] {
            continue;
        }
        q_used[i] = true;
        c_used[j] = true;
        let w = pair_weight(q.weights[i], c.weights[j]);
        gained += w * s;
        total += w;
        pairs.push((Some(i), Some(j), s, how));
    }
    for (i, used) in q_used.iter().enumerate() {
        if !used && qp[i].kind != PartKind::Title {
            total += q.weights[i] * QUERY_MISS_COST;
            pairs.push((Some(i), None, 0.0, How::Different));
        }
    }
    for (j, used) in c_used.iter().enumerate() {
        if !used && cp[j].kind != PartKind::Title {
            total += c.weights[j] * LISTED_MISS_COST;
            pairs.push((None, Some(j), 0.0, How::Different));
        }
    }
    let mut score = if total > 0.0 { gained / total } else { 0.0 };
    if c.prop == zeef_model::Prop::WeakAlias {
        score *= WEAK_ALIAS_FACTOR;
    }
    NameScore {
        score: score.clamp(0.0, 1.0),
        info: gained,
        pairs,
    }
}

/// The weight of a matched pair: the mean of both sides' informativeness, or the lower of the
/// two where one is an initial or particle (agreeing with "J." says little about "John").
fn pair_weight(a: f64, b: f64) -> f64 {
    if a.min(b) < 0.5 {
        a.min(b)
    } else {
        (a + b) / 2.0
    }
}

/// Unmatched parts of `one` equal (or within a typo of) two adjacent unmatched word parts of
/// `two` written together. Yields ([query parts], [listed parts], similarity, weight), the
/// roles swapped back when `swapped`; the single part is repeated.
fn joined_pairs(
    one: &PreparedName,
    two: &PreparedName,
    one_used: &[bool],
    two_used: &[bool],
    swapped: bool,
) -> Vec<([usize; 2], [usize; 2], f64, f64)> {
    let mut out = Vec::new();
    let (a, b) = (&one.name.parts, &two.name.parts);
    if b.len() < 2 {
        return out;
    }
    for (i, p) in a.iter().enumerate() {
        if one_used[i] || p.kind != PartKind::Word || p.text.len() < 4 {
            continue;
        }
        for j in 0..b.len() - 1 {
            let (x, y) = (&b[j], &b[j + 1]);
            if two_used[j]
                || two_used[j + 1]
                || x.kind != PartKind::Word
                || y.kind != PartKind::Word
            {
                continue;
            }
            if x.text.len() + y.text.len() + 2 < p.text.len()
                || p.text.len() + 2 < x.text.len() + y.text.len()
            {
                continue;
            }
            // The two parts written together, in a stack buffer (parts are ASCII).
            let mut buf = [0u8; 64];
            let (xb, yb) = (x.text.as_bytes(), y.text.as_bytes());
            let Some(joined) = buf.get_mut(..xb.len() + yb.len()).and_then(|out| {
                out[..xb.len()].copy_from_slice(xb);
                out[xb.len()..].copy_from_slice(yb);
                std::str::from_utf8(out).ok()
            }) else {
                continue;
            };
            let sim = p
                .spellings()
                .map(|sp| zeef_names::similarity::fuzzy(sp, joined))
                .fold(0.0, f64::max);
            if sim >= 0.85 {
                let w = pair_weight(one.weights[i], two.weights[j].max(two.weights[j + 1]));
                out.push(if swapped {
                    ([j, j + 1], [i, i], sim, w)
                } else {
                    ([i, i], [j, j + 1], sim, w)
                });
                break;
            }
        }
    }
    out
}

/// The alignment as explanation rows.
pub fn explain_parts(q: &PreparedName, c: &PreparedName, s: &NameScore) -> Vec<PartMatch> {
    s.pairs
        .iter()
        .map(|&(i, j, sim, how)| {
            let qpart = i.and_then(|i| q.name.parts.get(i));
            let cpart = j.and_then(|j| c.name.parts.get(j));
            let weight = match (i, j) {
                (Some(i), Some(j)) => pair_weight(q.weights[i], c.weights[j]),
                (Some(i), None) => q.weights[i],
                (None, Some(j)) => c.weights[j],
                (None, None) => 0.0,
            };
            PartMatch {
                query: qpart.map(|p| p.original.clone()),
                listed: cpart.map(|p| p.original.clone()),
                similarity: sim,
                how: if i.is_some() && j.is_some() {
                    how.as_str().to_string()
                } else {
                    "unmatched".to_string()
                },
                weight,
                kind: qpart
                    .or(cpart)
                    .map(|p| p.kind.as_str().to_string())
                    .unwrap_or_default(),
            }
        })
        .collect()
}
