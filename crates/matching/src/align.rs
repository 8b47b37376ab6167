//! Name similarity from aligned name parts: every query part is paired with at most one
//! listed part (order-free, best pairs first); unmatched informative parts on either side cost
//! in proportion to their weight.

use smallvec::SmallVec;
use zeef_names::{How, NameKind, PartKind, part_similarity};

use crate::explain::PartMatch;
use crate::memo::LONG_NAME_PARTS;
use crate::record::PreparedName;
use crate::weights::{
    ACRONYM_SIM, CONFLICT_LISTED_MISS_COST, CONFLICT_MIN_WEIGHT, INCORPORATION_CONFLICT_WEIGHT,
    INITIALS_ONLY_CAP, JOIN_FIRST_SIM, JOIN_MIN_SIM, LISTED_MISS_COST, MIN_MISSPELT_SIM,
    MIN_PART_SIM, MOVED_SPACE_SIM, ORG_LISTED_MISS_COST, QUERY_MISS_COST, ROLE_SWAP_FACTOR,
    SERIES_MISS_COST, SUBSET_MIN_INFO, SUBSET_MIN_SIM, SUBSET_MISS_COST, WEAK_ALIAS_FACTOR,
};

/// One row of an alignment: a query part and a listed part (by position), how alike they are
/// and why; a side is `None` where the other part was left unmatched.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AlignedPair {
    pub query: Option<usize>,
    pub listed: Option<usize>,
    pub similarity: f64,
    pub how: How,
}

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
    // Words of two organisations' names alike but below the floor: a misspelt word among
    // agreeing ones (Hon Hai / Hon Wai Precision Industry).
    let organisations = q.kind != NameKind::Person && c.kind != NameKind::Person;
    let mut misspelt: SmallVec<[(f64, usize, usize, How); 4]> = SmallVec::new();
    for (i, a) in qp.iter().enumerate() {
        if a.kind == PartKind::Title {
            continue;
        }
        for (j, b) in cp.iter().enumerate() {
            if b.kind == PartKind::Title {
                continue;
            }
            let (mut s, how) = sim(i, j);
            // An organisation's short word or acronym with a letter changed names another
            // (ISIS / OSIS): sound and spelling lifts are for names of people.
            if organisations
                && a.text.len() <= 4
                && b.text.len() <= 4
                && !matches!(how, How::Exact | How::Transliteration)
            {
                s = s.min(MIN_MISSPELT_SIM);
            }
            if s >= MIN_PART_SIM {
                cands.push((s, i, j, how));
            } else if s >= MIN_MISSPELT_SIM && organisations && a.kind == PartKind::Word {
                misspelt.push((s, i, j, how));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut q_used: SmallVec<[bool; 12]> = SmallVec::from_elem(false, qp.len());
    let mut c_used: SmallVec<[bool; 12]> = SmallVec::from_elem(false, cp.len());
    let mut pairs = SmallVec::new();
    let (mut gained, mut total) = (0.0, 0.0);
    // A part written as two or three on the other side ("PolPot" / "Pol Pot",
    // "PricewaterhouseCoopers" / "Pricewaterhouse Coopers"): taken first where the parts
    // written together are closer than any single part is to it.
    let (g, t) = take_joins(q, c, Some(&cands), &mut q_used, &mut c_used, &mut pairs);
    gained += g;
    total += t;
    let mut deferred: SmallVec<[(f64, usize, usize, How); 4]> = SmallVec::new();
    for &(s, i, j, how) in &cands {
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
        let (g, t) = take_pair(q, c, (s, i, j, how), &mut q_used, &mut c_used, &mut pairs);
        gained += g;
        total += t;
    }
    let (g, t) = take_joins(q, c, None, &mut q_used, &mut c_used, &mut pairs);
    gained += g;
    total += t;
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
                pairs.push(AlignedPair {
                    query: Some(i),
                    listed: Some(j),
                    similarity: ACRONYM_SIM,
                    how: How::Acronym,
                });
            }
            let w = pair_weight(one_weight, words_weight);
            gained += w * ACRONYM_SIM;
            total += w;
        }
    }
    // "Ministry of Intelligence and Security (MOIS)": initials that repeat the name's own
    // words say nothing more, so they are not a part the other side lacks.
    // And where the other side matched those initials, the words they stand for are
    // written twice, so they are not missing either.
    if q.kind != NameKind::Person && c.kind != NameKind::Person {
        for (from_query, name, used) in [(true, q, &mut q_used), (false, c, &mut c_used)] {
            for (at, span) in own_acronyms(name) {
                let covered: SmallVec<[usize; 6]> = if used[at] {
                    span.filter(|&k| !used[k]).collect()
                } else {
                    std::iter::once(at).collect()
                };
                for k in covered {
                    used[k] = true;
                    let (i, j) = if from_query {
                        (Some(k), None)
                    } else {
                        (None, Some(k))
                    };
                    pairs.push(AlignedPair {
                        query: i,
                        listed: j,
                        similarity: 0.0,
                        how: How::OwnAcronym,
                    });
                }
            }
        }
    }
    // Short forms (Ben/Benjamin) last: a part written together is the likelier reading.
    for &(s, i, j, how) in &deferred {
        if q_used[i] || c_used[j] {
            continue;
        }
        let (g, t) = take_pair(q, c, (s, i, j, how), &mut q_used, &mut c_used, &mut pairs);
        gained += g;
        total += t;
    }
    // One misspelt word pair, when at least two other words agree.
    let agreeing_words = pairs
        .iter()
        .filter(|p| p.query.is_some_and(|i| qp[i].kind == PartKind::Word) && p.listed.is_some())
        .count();
    misspelt.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    if agreeing_words >= 2
        && let Some(&(s, i, j, how)) = misspelt
            .iter()
            .find(|&&(_, i, j, _)| !q_used[i] && !c_used[j] && cp[j].kind == PartKind::Word)
    {
        let (g, t) = take_pair(q, c, (s, i, j, how), &mut q_used, &mut c_used, &mut pairs);
        gained += g;
        total += t;
    }
    let (qmiss, lmiss, floor) = miss_costs(q, c, &pairs, &q_used, &c_used);
    let forms_differ = organisations_both_keep(q, c, &q_used, &c_used, is_incorporation_form);
    // Vessels and aircraft with another number are other craft, not a series to review.
    let numbered_series = q.kind == NameKind::Organization
        && c.kind == NameKind::Organization
        && organisations_both_keep(q, c, &q_used, &c_used, |p| p.kind == PartKind::Number);
    let (qmiss_number, lmiss_number) = if numbered_series {
        (SERIES_MISS_COST, SERIES_MISS_COST)
    } else {
        (qmiss, lmiss.min(LISTED_MISS_COST))
    };
    let floored = |w: f64, kind: PartKind| match kind {
        PartKind::Word | PartKind::Initial => w.max(floor),
        PartKind::LegalForm if forms_differ => w.max(INCORPORATION_CONFLICT_WEIGHT),
        _ => w,
    };
    for (i, used) in q_used.iter().enumerate() {
        if !used && qp[i].kind != PartKind::Title {
            let qmiss = if qp[i].kind == PartKind::Number {
                qmiss_number
            } else {
                qmiss
            };
            total += floored(q.weights[i], qp[i].kind) * qmiss;
            pairs.push(AlignedPair {
                query: Some(i),
                listed: None,
                similarity: 0.0,
                how: How::Different,
            });
        }
    }
    for (j, used) in c_used.iter().enumerate() {
        if !used && cp[j].kind != PartKind::Title {
            // Only an organisation's words name another company; a number more is a series.
            let lmiss = match cp[j].kind {
                PartKind::Word => lmiss,
                PartKind::Number => lmiss_number,
                PartKind::LegalForm if forms_differ => QUERY_MISS_COST,
                _ => lmiss.min(LISTED_MISS_COST),
            };
            total += floored(c.weights[j], cp[j].kind) * lmiss;
            pairs.push(AlignedPair {
                query: None,
                listed: Some(j),
                similarity: 0.0,
                how: How::Different,
            });
        }
    }
    let mut score = if total > 0.0 { gained / total } else { 0.0 };
    if roles_swapped(q, c, &pairs) {
        score *= ROLE_SWAP_FACTOR;
    }
    score = score.min(as_written_cap(q, c));
    // Initials alone ("N.N.") never identify anyone, unless they are the same initials.
    let has_word = |n: &PreparedName| n.name.parts.iter().any(|p| p.kind == PartKind::Word);
    let all_exact = pairs.iter().all(|p| p.how == How::Exact);
    if (!has_word(q) || !has_word(c)) && !all_exact {
        score = score.min(INITIALS_ONLY_CAP);
    }
    if score < MOVED_SPACE_SIM && space_moved(q, c) {
        (score, gained, pairs) = moved_space_alignment(q, c);
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

/// Two persons' names of the same number of words (two or more, none written in syllables)
/// spelling the same letters in the same order, each word's end a letter or two from the
/// other's: a space typed in the wrong place ("Ibrahi mNasser", "AishaS abhamati").
pub fn space_moved(q: &PreparedName, c: &PreparedName) -> bool {
    let (qp, cp) = (&q.name.parts, &c.name.parts);
    if q.kind != NameKind::Person || c.kind != NameKind::Person || qp.len() != cp.len() {
        return false;
    }
    if qp.len() < 2
        || qp
            .iter()
            .chain(cp)
            .any(|p| p.kind != PartKind::Word || p.syllabic)
    {
        return false;
    }
    let letters = |parts: &[std::sync::Arc<zeef_names::NamePart>]| {
        parts.iter().map(|p| p.text.len()).sum::<usize>()
    };
    if letters(qp) != letters(cp) || qp.iter().zip(cp.iter()).all(|(a, b)| a.text == b.text) {
        return false;
    }
    let ends_near = qp
        .iter()
        .zip(cp.iter())
        .all(|(a, b)| a.text.len().abs_diff(b.text.len()) <= 2);
    let joined = |parts: &[std::sync::Arc<zeef_names::NamePart>]| {
        parts
            .iter()
            .flat_map(|p| p.text.bytes())
            .collect::<Vec<u8>>()
    };
    ends_near && joined(qp) == joined(cp)
}

/// The alignment of a name with its space moved, each word paired with the one in its
/// place: (score, gained weight, pairs).
fn moved_space_alignment(
    q: &PreparedName,
    c: &PreparedName,
) -> (f64, f64, SmallVec<[AlignedPair; 8]>) {
    let (mut gained, mut total) = (0.0, 0.0);
    let mut pairs = SmallVec::new();
    for i in 0..q.name.parts.len() {
        let w = pair_weight(q.weights[i], c.weights[i]);
        gained += w * MOVED_SPACE_SIM;
        total += w;
        pairs.push(AlignedPair {
            query: Some(i),
            listed: Some(i),
            similarity: MOVED_SPACE_SIM,
            how: How::Joined,
        });
    }
    let score = if total > 0.0 { gained / total } else { 0.0 };
    (score, gained, pairs)
}

/// True when neither name is a person's and both keep an unmatched part that `is`.
fn organisations_both_keep(
    q: &PreparedName,
    c: &PreparedName,
    q_used: &[bool],
    c_used: &[bool],
    is: impl Fn(&zeef_names::NamePart) -> bool,
) -> bool {
    let left = |name: &PreparedName, used: &[bool]| {
        used.iter().zip(&name.name.parts).any(|(u, p)| !u && is(p))
    };
    q.kind != NameKind::Person && c.kind != NameKind::Person && left(q, q_used) && left(c, c_used)
}

/// A form of incorporation (AG, GmbH, Inc, ...).
fn is_incorporation_form(p: &zeef_names::NamePart) -> bool {
    p.kind == PartKind::LegalForm && zeef_names::lexicon::INCORPORATION_FORMS.contains(&p.text)
}

/// Pairs query part `i` with listed part `j` at similarity `s`, marking both used; returns
/// the (gained, total) weight the pair adds.
fn take_pair(
    q: &PreparedName,
    c: &PreparedName,
    (s, i, j, how): (f64, usize, usize, How),
    q_used: &mut [bool],
    c_used: &mut [bool],
    pairs: &mut SmallVec<[AlignedPair; 8]>,
) -> (f64, f64) {
    q_used[i] = true;
    c_used[j] = true;
    pairs.push(AlignedPair {
        query: Some(i),
        listed: Some(j),
        similarity: s,
        how,
    });
    let w = pair_weight(q.weights[i], c.weights[j]);
    (w * s, w)
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
    let matched = pairs
        .iter()
        .filter_map(|p| Some((p.query?, p.listed?, p.similarity)));
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
    // Chinese and Korean names have no patronymic or middle name that a shorter form leaves
    // out: a given name more, written in their syllables, is another name.
    let syllabic_left = |name: &PreparedName, used: &[bool]| {
        used.iter()
            .zip(&name.name.parts)
            .any(|(u, p)| !u && zeef_names::similarity::is_syllabic(p))
    };
    if person
        && closest
        && matched_words >= 2
        && info >= SUBSET_MIN_INFO
        && !syllabic_left(q, q_used)
        && !syllabic_left(c, c_used)
    {
        (SUBSET_MISS_COST, SUBSET_MISS_COST, 0.0)
    } else if q.kind == NameKind::Person || c.kind == NameKind::Person {
        (QUERY_MISS_COST, LISTED_MISS_COST, 0.0)
    } else {
        (QUERY_MISS_COST, ORG_LISTED_MISS_COST, 0.0)
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
        pairs.iter().any(|p| match (p.query, p.listed) {
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

/// Parts of `name` (two to six letters) that spell the initials of two or more of its other
/// words in order, connectors and legal forms ("of", "and") spelt or skipped: (the part,
/// the span of words it spells).
fn own_acronyms(name: &PreparedName) -> SmallVec<[(usize, std::ops::Range<usize>); 2]> {
    own_acronyms_by(name, name.name.parts.len() > LONG_NAME_PARTS)
}

/// [`own_acronyms`]; `long`: search once per distinct spelling instead of once per part (the
/// same answer, at a cost that grows about linearly with a name of many repeated words).
fn own_acronyms_by(
    name: &PreparedName,
    long: bool,
) -> SmallVec<[(usize, std::ops::Range<usize>); 2]> {
    let parts = &name.name.parts;
    let mut out = SmallVec::new();
    type Spans = Vec<std::ops::Range<usize>>;
    let mut spans_of: std::collections::HashMap<SmallVec<[char; 8]>, Spans> =
        std::collections::HashMap::new();
    for (i, p) in parts.iter().enumerate() {
        if p.kind != PartKind::Word {
            continue;
        }
        let letters: SmallVec<[char; 8]> = p.text.chars().take(7).collect();
        if !(2..=6).contains(&letters.len()) {
            continue;
        }
        let span = if long {
            let spans = spans_of.entry(letters.clone()).or_insert_with(|| {
                (0..parts.len())
                    .filter_map(|s| spelt_from(parts, s, usize::MAX, &letters))
                    .collect()
            });
            // The walk that skips part `i` is the same walk, unless it reaches `i` first.
            spans.iter().find(|span| !span.contains(&i)).cloned()
        } else {
            (0..parts.len()).find_map(|start| spelt_from(parts, start, i, &letters))
        };
        if let Some(span) = span {
            out.push((i, span));
        }
    }
    out
}

/// The span of parts from `start` whose initials spell `letters` (connectors and legal forms
/// spelt or skipped; at least two words; never part `at`), if they do.
fn spelt_from(
    parts: &[std::sync::Arc<zeef_names::NamePart>],
    start: usize,
    at: usize,
    letters: &[char],
) -> Option<std::ops::Range<usize>> {
    let (mut next, mut words, mut end) = (0, 0, start);
    for (k, p) in parts.iter().enumerate().skip(start) {
        if next == letters.len() {
            break;
        }
        let skippable = matches!(p.kind, PartKind::Particle | PartKind::LegalForm);
        if k == at || !(skippable || p.kind == PartKind::Word) {
            break;
        }
        if p.text.starts_with(letters[next]) {
            next += 1;
            words += usize::from(p.kind == PartKind::Word);
        } else if !skippable {
            break;
        }
        end = k + 1;
    }
    (next == letters.len() && words >= 2).then_some(start..end)
}

/// Pairs up parts written together on one side and apart on the other, marking them used;
/// returns the (gained, total) weight they add. With `singles` (the single-part candidates,
/// before they are paired), only joins closer than any single pair of their parts are taken.
fn take_joins(
    q: &PreparedName,
    c: &PreparedName,
    singles: Option<&[(f64, usize, usize, How)]>,
    q_used: &mut [bool],
    c_used: &mut [bool],
    pairs: &mut SmallVec<[AlignedPair; 8]>,
) -> (f64, f64) {
    // Early with only exact single pairs, nothing can beat them; late with every part of a
    // side paired, nothing is left to join.
    if singles.is_some_and(|s| s.iter().all(|c| c.0 >= 1.0))
        || !q_used.contains(&false)
        || !c_used.contains(&false)
    {
        return (0.0, 0.0);
    }
    // Each part's best single-pair similarity (early only).
    let mut q_best: SmallVec<[f64; 12]> = SmallVec::from_elem(0.0, q_used.len());
    let mut c_best: SmallVec<[f64; 12]> = SmallVec::from_elem(0.0, c_used.len());
    for &(s, i, j, _) in singles.unwrap_or_default() {
        q_best[i] = q_best[i].max(s);
        c_best[j] = c_best[j].max(s);
    }
    // Early, a part with an exact partner of its own is neither joined nor in a join's span:
    // marking it taken up front spares most names (which share exact parts) the search.
    let q_blocked = |k: usize| q_used[k] || q_best[k] >= 1.0;
    let c_blocked = |k: usize| c_used[k] || c_best[k] >= 1.0;
    // Early, only a part that some single part resembles (not exactly) is worth a search:
    // for one with no single partner at all, the late search finds the same join.
    let early = singles.is_some();
    let q_single = |k: usize| q_blocked(k) || (early && q_best[k] == 0.0);
    let c_single = |k: usize| c_blocked(k) || (early && c_best[k] == 0.0);
    // A join needs two free parts on one side (counted first: no part is read) and a long
    // free word on the other.
    fn two_free(n: usize, taken: impl Fn(usize) -> bool) -> bool {
        (0..n).filter(|&k| !taken(k)).count() >= 2
    }
    fn long_word(name: &PreparedName, taken: impl Fn(usize) -> bool) -> bool {
        name.name
            .parts
            .iter()
            .enumerate()
            .any(|(k, p)| !taken(k) && p.kind == PartKind::Word && p.text.len() >= 4)
    }
    let q_joins = two_free(c_used.len(), c_blocked) && long_word(q, q_single);
    let c_joins = two_free(q_used.len(), q_blocked) && long_word(c, c_single);
    if !q_joins && !c_joins {
        return (0.0, 0.0);
    }
    // What `joined_parts` reads, built only where a join is possible.
    fn flags(n: usize, f: impl Fn(usize) -> bool) -> SmallVec<[bool; 12]> {
        (0..n).map(f).collect()
    }
    let (q_blocked, c_blocked, q_single, c_single) = (
        flags(q_used.len(), q_blocked),
        flags(c_used.len(), c_blocked),
        flags(q_used.len(), q_single),
        flags(c_used.len(), c_single),
    );
    let mut joins: SmallVec<[Join; 4]> = SmallVec::new();
    if q_joins {
        joins.extend(joined_parts(q, c, &q_single, &c_blocked, false));
    }
    if c_joins {
        joins.extend(joined_parts(c, q, &c_single, &q_blocked, true));
    }
    let (mut gained, mut total) = (0.0, 0.0);
    for join in joins {
        let free =
            join.query.clone().all(|i| !q_used[i]) && join.listed.clone().all(|j| !c_used[j]);
        if !free {
            continue;
        }
        if singles.is_some() {
            // Early, a join must beat every single pair of its part.
            let single = if join.from_query {
                q_best[join.query.start]
            } else {
                c_best[join.listed.start]
            };
            if join.sim < JOIN_FIRST_SIM || join.sim <= single {
                continue;
            }
        }
        join.query.clone().for_each(|i| q_used[i] = true);
        join.listed.clone().for_each(|j| c_used[j] = true);
        if join.from_query {
            for j in join.listed.clone() {
                pairs.push(AlignedPair {
                    query: Some(join.query.start),
                    listed: Some(j),
                    similarity: join.sim,
                    how: How::Joined,
                });
            }
        } else {
            for i in join.query.clone() {
                pairs.push(AlignedPair {
                    query: Some(i),
                    listed: Some(join.listed.start),
                    similarity: join.sim,
                    how: How::Joined,
                });
            }
        }
        gained += join.weight * join.sim;
        total += join.weight;
    }
    (gained, total)
}

/// One part of one side written as adjacent parts of the other.
struct Join {
    /// Query parts (one part, or the span when the query wrote it apart).
    query: std::ops::Range<usize>,
    listed: std::ops::Range<usize>,
    /// True when the single part is the query's.
    from_query: bool,
    sim: f64,
    weight: f64,
}

/// Unmatched word parts of `one` equal (or within a typo of) two or three adjacent unmatched
/// parts of `two` written together; `swapped` when `one` is the listed side.
fn joined_parts(
    one: &PreparedName,
    two: &PreparedName,
    one_used: &[bool],
    two_used: &[bool],
    swapped: bool,
) -> SmallVec<[Join; 2]> {
    let mut out = SmallVec::new();
    let (a, b) = (&one.name.parts, &two.name.parts);
    if b.len() < 2 {
        return out;
    }
    let joinable =
        |k: usize| !two_used[k] && matches!(b[k].kind, PartKind::Word | PartKind::Particle);
    for (i, p) in a.iter().enumerate() {
        if one_used[i] || p.kind != PartKind::Word || p.text.len() < 4 {
            continue;
        }
        'spans: for len in 2..=b.len().min(3) {
            for start in 0..=b.len() - len {
                let span = start..start + len;
                // A span may start with a particle only to spell the part exactly
                // ("Benslimane" / "Ben Slimane").
                let from_particle = b[start].kind == PartKind::Particle;
                if !(b[start].kind == PartKind::Word || from_particle)
                    || !span.clone().all(joinable)
                {
                    continue;
                }
                let joined_len: usize = span.clone().map(|k| b[k].text.len()).sum();
                if joined_len + 2 < p.text.len() || p.text.len() + 2 < joined_len {
                    continue;
                }
                // The parts written together, in a stack buffer (parts are short).
                let mut buf = [0u8; 64];
                let Some(joined) = buf.get_mut(..joined_len).and_then(|out| {
                    let mut at = 0;
                    for k in span.clone() {
                        let t = b[k].text.as_bytes();
                        out[at..at + t.len()].copy_from_slice(t);
                        at += t.len();
                    }
                    std::str::from_utf8(out).ok()
                }) else {
                    continue;
                };
                let sim = p
                    .spellings()
                    .map(|sp| zeef_names::similarity::fuzzy_at_least(sp, joined, JOIN_MIN_SIM))
                    .fold(0.0, f64::max);
                // Syllables written apart are one of the part's spellings or another name.
                let least = match zeef_names::similarity::is_syllabic(p) || from_particle {
                    true => 1.0,
                    false => JOIN_MIN_SIM,
                };
                if sim >= least {
                    let most = span.clone().map(|k| two.weights[k]).fold(0.0, f64::max);
                    let weight = pair_weight(one.weights[i], most);
                    let single = i..i + 1;
                    out.push(if swapped {
                        Join {
                            query: span,
                            listed: single,
                            from_query: false,
                            sim,
                            weight,
                        }
                    } else {
                        Join {
                            query: single,
                            listed: span,
                            from_query: true,
                            sim,
                            weight,
                        }
                    });
                    break 'spans;
                }
            }
        }
    }
    out
}

/// The alignment as explanation rows.
pub fn explain_parts(q: &PreparedName, c: &PreparedName, s: &NameScore) -> Vec<PartMatch> {
    s.pairs
        .iter()
        .map(
            |&AlignedPair {
                 query: i,
                 listed: j,
                 similarity: sim,
                 how,
             }| {
                let qpart = i.and_then(|i| q.name.parts.get(i));
                let cpart = j.and_then(|j| c.name.parts.get(j));
                let weight = match (i, j) {
                    _ if how == How::OwnAcronym => 0.0,
                    (Some(i), Some(j)) => pair_weight(q.weights[i], c.weights[j]),
                    (Some(i), None) => q.weights[i],
                    (None, Some(j)) => c.weights[j],
                    (None, None) => 0.0,
                };
                PartMatch {
                    query: qpart.map(|p| p.original.clone()),
                    listed: cpart.map(|p| p.original.clone()),
                    similarity: sim,
                    how: if (i.is_some() && j.is_some()) || how == How::OwnAcronym {
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
            },
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Looking initials up per distinct spelling finds exactly what the search per part
        /// finds, on names of few distinct words (many repeats, connectors, legal forms).
        #[test]
        fn own_initials_are_found_alike_either_way(
            words in proptest::collection::vec(
                prop::sample::select(vec!["Bank", "of", "Trade", "BOT", "Ltd", "and", "Tehran", "TBT", "BT", "Abu", "Bakr", "AB"]),
                1..40,
            )
        ) {
            let stats = crate::part_stats::PartStats::default();
            let name = PreparedName::new(
                zeef_model::Prop::Name,
                NameKind::Organization,
                &words.join(" "),
                &stats,
            );
            prop_assert_eq!(own_acronyms_by(&name, true), own_acronyms_by(&name, false));
        }
    }
}
