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
/// Share of its weight an unmatched part costs when it only lengthens the name: a person's
/// name written in full (patronymic, father's and grandfather's names) against a shorter form
/// of it whose every part is matched closely.
pub const SUBSET_MISS_COST: f64 = 0.3;
/// Share of its weight an unmatched listed part costs when the query has an unmatched part
/// too: a name in place of another (al-Tikriti / al-Mosuli) says "another person".
pub const CONFLICT_LISTED_MISS_COST: f64 = 0.7;
/// Least weight of an unmatched name part or initial when both sides have one left: a common
/// name in place of another (Mohamed / Ahmed) still says "another person".
pub const CONFLICT_MIN_WEIGHT: f64 = 0.8;
/// Least summed weight of the matched pairs for [`SUBSET_MISS_COST`] to apply (a rare part
/// weighs about 1, Mohammed or Ali about 0.3).
const SUBSET_MIN_INFO: f64 = 1.0;
/// Least similarity of every matched pair for [`SUBSET_MISS_COST`] to apply.
const SUBSET_MIN_SIM: f64 = 0.9;

/// Name score factor when a person's own name is aligned with the other name's father's name
/// (Salman bin Muhammad / Muhammad bin Salman: father and son, not one person).
pub const ROLE_SWAP_FACTOR: f64 = 0.6;

/// The most a name of initials only can score.
pub const INITIALS_ONLY_CAP: f64 = 0.6;

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
    // An organisation's initials against its words written out.
    if q.kind != NameKind::Person && c.kind != NameKind::Person {
        for (acronym, words, from_query) in acronym_matches(q, c, &q_used, &c_used)
            .into_iter()
            .map(|(a, w)| (a, w, true))
            .chain(
                acronym_matches(c, q, &c_used, &q_used)
                    .into_iter()
                    .map(|(a, w)| (a, w, false)),
            )
        {
            let (one_weight, words_weight) = if from_query {
                (
                    q.weights[acronym],
                    words.clone().map(|j| c.weights[j]).fold(0.0, f64::max),
                )
            } else {
                (
                    c.weights[acronym],
                    words.clone().map(|j| q.weights[j]).fold(0.0, f64::max),
                )
            };
            for j in words {
                let (i, j) = if from_query {
                    (acronym, j)
                } else {
                    (j, acronym)
                };
                q_used[i] = true;
                c_used[j] = true;
                pairs.push((Some(i), Some(j), ACRONYM_SIM, How::Acronym));
            }
            let w = pair_weight(one_weight, words_weight);
            gained += w * ACRONYM_SIM;
            total += w;
        }
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
    let (qmiss, lmiss, floor) = miss_costs(q, c, &pairs, &q_used, &c_used);
    let floored = |w: f64, kind: PartKind| match kind {
        PartKind::Word | PartKind::Initial => w.max(floor),
        _ => w,
    };
    for (i, used) in q_used.iter().enumerate() {
        if !used && qp[i].kind != PartKind::Title {
            total += floored(q.weights[i], qp[i].kind) * qmiss;
            pairs.push((Some(i), None, 0.0, How::Different));
        }
    }
    for (j, used) in c_used.iter().enumerate() {
        if !used && cp[j].kind != PartKind::Title {
            total += floored(c.weights[j], cp[j].kind) * lmiss;
            pairs.push((None, Some(j), 0.0, How::Different));
        }
    }
    let mut score = if total > 0.0 { gained / total } else { 0.0 };
    if roles_swapped(q, c, &pairs) {
        score *= ROLE_SWAP_FACTOR;
    }
    score = score.min(as_written_cap(q, c));
    // Initials alone ("N.N.") never identify anyone, unless they are the same initials.
    let has_word = |n: &PreparedName| n.name.parts.iter().any(|p| p.kind == PartKind::Word);
    let all_exact = pairs.iter().all(|p| p.3 == How::Exact);
    if (!has_word(q) || !has_word(c)) && !all_exact {
        score = score.min(INITIALS_ONLY_CAP);
    }
    if c.prop == zeef_model::Prop::WeakAlias {
        score *= WEAK_ALIAS_FACTOR;
    }
    NameScore {
        score: score.clamp(0.0, 1.0),
        info: gained,
        pairs,
    }
}

/// What an unmatched (query part, listed part) costs, as a share of its weight, and the least
/// weight an unmatched part counts with, given the pairs matched so far.
fn miss_costs(
    q: &PreparedName,
    c: &PreparedName,
    pairs: &[AlignedPair],
    q_used: &[bool],
    c_used: &[bool],
) -> (f64, f64, f64) {
    let left = |name: &PreparedName, used: &[bool]| {
        used.iter()
            .zip(&name.name.parts)
            .any(|(u, p)| !u && matches!(p.kind, PartKind::Word | PartKind::Initial))
    };
    let (q_left, c_left) = (left(q, q_used), left(c, c_used));
    if q_left && c_left {
        return (
            QUERY_MISS_COST,
            CONFLICT_LISTED_MISS_COST,
            CONFLICT_MIN_WEIGHT,
        );
    }
    let matched = pairs.iter().filter_map(|&(i, j, s, _)| Some((i?, j?, s)));
    let matched_words = matched
        .clone()
        .filter(|&(i, _, _)| q.name.parts[i].kind == PartKind::Word)
        .count();
    let closest = matched.clone().map(|(_, _, s)| s).fold(1.0, f64::min) >= SUBSET_MIN_SIM;
    // The agreeing parts must say who it is: two common names (Mohammed Ali) do not.
    let info: f64 = matched
        .map(|(i, j, _)| pair_weight(q.weights[i], c.weights[j]))
        .sum();
    let person = q.kind == NameKind::Person && c.kind == NameKind::Person;
    if person && closest && matched_words >= 2 && info >= SUBSET_MIN_INFO {
        (SUBSET_MISS_COST, SUBSET_MISS_COST, 0.0)
    } else {
        (QUERY_MISS_COST, LISTED_MISS_COST, 0.0)
    }
}

/// The most two names written in the same syllabic script (Chinese, Korean, Japanese kana)
/// can score: romanisation merges syllables that are written apart (高市/高石 are both
/// "gaoshi", 정/종 both "jong"), so one different syllable in three is another name.
fn as_written_cap(q: &PreparedName, c: &PreparedName) -> f64 {
    use zeef_names::Script;
    let (a, b) = (&q.name, &c.name);
    if a.script != b.script || !matches!(a.script, Script::Han | Script::Hangul | Script::Kana) {
        return 1.0;
    }
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).collect::<String>();
    let (a, b) = (letters(&a.original), letters(&b.original));
    let longest = a.chars().count().max(b.chars().count());
    if a == b || longest == 0 {
        return 1.0;
    }
    let alike = 1.0 - strsim::levenshtein(&a, &b) as f64 / longest as f64;
    alike * alike
}

/// Connectors that put the father's name after them ("son of", "daughter of").
const PATRONYMIC_CONNECTORS: &[&str] = &[
    "bin", "ibn", "ben", "bint", "binti", "bte", "bt", "ould", "wuld", "walad",
];

/// True when both names say "X son of Y" and the names before and after the connector changed
/// sides.
fn roles_swapped(q: &PreparedName, c: &PreparedName, pairs: &[AlignedPair]) -> bool {
    // A connector with a name on each side (not "Salman Mohammed bin", a reordering).
    let connector = |name: &PreparedName| {
        let parts = &name.name.parts;
        parts
            .iter()
            .position(|p| {
                p.kind == PartKind::Particle && PATRONYMIC_CONNECTORS.contains(&p.text.as_str())
            })
            .filter(|&at| at > 0 && at + 1 < parts.len())
    };
    let (Some(qc), Some(cc)) = (connector(q), connector(c)) else {
        return false;
    };
    // Both ways: one's own name is the other's father's name and the other way round (a typo
    // like "Tarek Been Habib Ben ..." moves one connector, not the names around it).
    let moved = |before: bool| {
        pairs.iter().any(|&(i, j, _, _)| match (i, j) {
            (Some(i), Some(j)) => {
                q.name.parts[i].kind == PartKind::Word && (i < qc) == before && (j < cc) != before
            }
            _ => false,
        })
    };
    moved(true) && moved(false)
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

/// Similarity of an organisation's initials to its words (PLA / People's Liberation Army).
pub const ACRONYM_SIM: f64 = 0.9;

/// Unmatched parts of `one` (two to six letters) that spell the initials of two or more
/// adjacent unmatched words of `two`: (the part, the words).
fn acronym_matches(
    one: &PreparedName,
    two: &PreparedName,
    one_used: &[bool],
    two_used: &[bool],
) -> Vec<(usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let words = &two.name.parts;
    let mut taken = vec![false; words.len()];
    for (i, p) in one.name.parts.iter().enumerate() {
        let letters = p.text.as_bytes();
        if one_used[i] || !(2..=6).contains(&letters.len()) || p.kind == PartKind::Number {
            continue;
        }
        let found = (0..words.len().saturating_sub(letters.len() - 1)).find(|&start| {
            let span = start..start + letters.len();
            span.clone().zip(letters).all(|(j, &l)| {
                let w = &words[j];
                !two_used[j]
                    && !taken[j]
                    && matches!(w.kind, PartKind::Word | PartKind::LegalForm)
                    && w.text.as_bytes().first() == Some(&l)
            })
        });
        if let Some(start) = found {
            let span = start..start + letters.len();
            span.clone().for_each(|j| taken[j] = true);
            out.push((i, span));
        }
    }
    out
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
