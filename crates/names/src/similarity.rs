//! Similarity of two name parts, with the way they were found alike (for explanations).

use crate::parts::{NamePart, PartKind};

/// How two name parts were found alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum How {
    /// Same canonical spelling.
    Exact,
    /// One of the transliteration (or article-less) spellings of one equals one of the other.
    Transliteration,
    /// Same phonetic code.
    Phonetic,
    /// Same consonant skeleton (vowel spelling differs).
    Skeleton,
    /// Close by edit distance / Jaro-Winkler (typos, small spelling changes).
    EditDistance,
    /// An initial matching the first letter of a name.
    Initial,
    /// Not alike.
    Different,
}

impl How {
    pub fn as_str(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Transliteration => "transliteration",
            How::Phonetic => "phonetic",
            How::Skeleton => "skeleton",
            How::EditDistance => "edit distance",
            How::Initial => "initial",
            How::Different => "different",
        }
    }
}

/// Similarity given when only a transliteration variant agrees.
pub const TRANSLIT_SIM: f64 = 0.95;
/// Similarity given for an agreeing phonetic code or consonant skeleton.
pub const SOUND_SIM: f64 = 0.88;
/// Similarity of an initial to a name with that first letter.
pub const INITIAL_SIM: f64 = 0.8;

/// Similarity of two parts in [0, 1] and how it was found.
pub fn part_similarity(a: &NamePart, b: &NamePart) -> (f64, How) {
    use PartKind::*;
    match (a.kind, b.kind) {
        (Number, Number) => {
            return if a.text == b.text {
                (1.0, How::Exact)
            } else {
                (0.0, How::Different)
            };
        }
        (Number, _) | (_, Number) => return (0.0, How::Different),
        (Initial, Initial) => {
            return if a.text == b.text {
                (1.0, How::Exact)
            } else {
                (0.0, How::Different)
            };
        }
        (Initial, _) | (_, Initial) => {
            let (i, w) = if a.kind == Initial { (a, b) } else { (b, a) };
            return if w.text.as_bytes().first() == i.text.as_bytes().first() {
                (INITIAL_SIM, How::Initial)
            } else {
                (0.0, How::Different)
            };
        }
        _ => {}
    }
    if a.text == b.text {
        return (1.0, How::Exact);
    }
    if (!a.alts.is_empty() || !b.alts.is_empty())
        && a.spellings().any(|x| b.spellings().any(|y| x == y))
    {
        return (TRANSLIT_SIM, How::Transliteration);
    }
    let mut best = (0.0, How::Different);
    for x in a.spellings() {
        for y in b.spellings() {
            let s = fuzzy(x, y);
            if s > best.0 {
                best = (s, How::EditDistance);
            }
        }
    }
    // Same sound or skeleton lifts a spelling that is already half alike (Mohamed/Muhammad),
    // never two different names that happen to share a short code (Kayla/Cecelia).
    let long_enough = a.text.len() >= 3 && b.text.len() >= 3;
    let lifted = (0.5 + 0.5 * best.0).min(SOUND_SIM);
    if long_enough && best.0 >= 0.5 && lifted > best.0 {
        if a.skeleton.len() >= 2 && a.skeleton == b.skeleton {
            best = (lifted, How::Skeleton);
        } else if !a.phonetic.is_empty() && a.phonetic == b.phonetic {
            best = (lifted, How::Phonetic);
        }
    }
    best
}

/// String similarity for spelling variants: a length-normalised optimal-string-alignment
/// ratio (a transposition counts as one edit), or for parts of five letters and more the
/// higher of that and a damped Jaro-Winkler (alone too lenient on short, shared-prefix names).
pub fn fuzzy(a: &str, b: &str) -> f64 {
    let max_len = a.len().max(b.len());
    if max_len == 0 {
        return 0.0;
    }
    let edit = 1.0 - strsim::osa_distance(a, b) as f64 / max_len as f64;
    // Jaro-Winkler rewards a shared prefix even when one string is much longer ("Sergei" in
    // "SergeiLavrov"); for short or very unequal strings only the edit ratio counts.
    let min_len = a.len().min(b.len());
    if max_len <= 4 || min_len * 4 < max_len * 3 {
        return edit.clamp(0.0, 1.0);
    }
    let jw = strsim::jaro_winkler(a, b);
    edit.max(jw - 0.08).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NameKind, analyse};

    fn part(s: &str) -> NamePart {
        analyse(s, NameKind::Person).parts.remove(0)
    }

    #[test]
    fn ways_of_being_alike() {
        let cases = [
            ("Baghdadi", "baghdadi", How::Exact),
            ("Mohamed", "Muhammad", How::Skeleton),
            ("Abdulrahman", "Abdelrahman", How::Exact),
            ("Albaghdadi", "Baghdadi", How::Transliteration),
            ("Baghdadi", "Bagdadi", How::EditDistance),
            ("J", "John", How::Initial),
            ("Smith", "Jones", How::Different),
        ];
        for (a, b, how) in cases {
            assert_eq!(part_similarity(&part(a), &part(b)).1, how, "{a} ~ {b}");
        }
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let names = [
            "Ali", "Aly", "Alimov", "A", "Hassan", "Hasan", "12", "Abu Bakr",
        ];
        for a in names {
            for b in names {
                let (x, _) = part_similarity(&part(a), &part(b));
                let (y, _) = part_similarity(&part(b), &part(a));
                assert!((0.0..=1.0).contains(&x));
                assert!((x - y).abs() < 1e-9, "{a} {b}");
            }
        }
    }
}
