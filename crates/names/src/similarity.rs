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
    /// A short form that begins the other name (Ben/Benjamin, Alex/Alexander).
    Abbreviation,
    /// Forms of one given name (Bill/William, Juan/John).
    Nickname,
    /// An organisation's initials against its words (PLA / People's Liberation Army).
    Acronym,
    /// A part that only repeats the initials of its own name's words ("Ministry of
    /// Intelligence and Security (MOIS)"), or one of those words where the other side
    /// matched the initials: aligned with nothing, costing nothing.
    OwnAcronym,
    /// One part written as two or three on the other side (PricewaterhouseCoopers /
    /// Pricewaterhouse Coopers, Platonovich / Plat Ono Vich).
    Joined,
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
            How::Abbreviation => "abbreviation",
            How::Acronym => "acronym",
            How::OwnAcronym => "written out by its own acronym",
            How::Joined => "written together",
            How::Nickname => "same given name",
            How::Different => "different",
        }
    }
}

/// Similarity given when only a transliteration variant agrees.
pub const TRANSLIT_SIM: f64 = 0.95;
/// Similarity given for an agreeing phonetic code or consonant skeleton.
pub const SOUND_SIM: f64 = 0.88;
/// Least similarity of two parts that differ by one swap of neighbouring letters.
pub const TRANSPOSITION_SIM: f64 = 0.8;
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
    if is_compound_initials(a, b) || is_compound_initials(b, a) {
        return (INITIAL_SIM, How::Initial);
    }
    // Each side's spellings against the other's canonical form (not every spelling against
    // every spelling: transliterated parts carry up to eight, and this runs per part pair).
    // Below half alike nothing uses the number: skip the distance when it cannot get there.
    let mut best = (fuzzy_at_least(&a.text, &b.text, 0.5), How::EditDistance);
    for (x, y) in a
        .alts
        .iter()
        .map(|x| (x.as_str(), b.text.as_str()))
        .chain(b.alts.iter().map(|y| (a.text.as_str(), y.as_str())))
    {
        let s = fuzzy_at_least(x, y, 0.5);
        if s > best.0 {
            best = (s, How::EditDistance);
        }
    }
    if let Some(s) = as_written_similarity(a, b)
        && s > best.0
    {
        best = (s, How::EditDistance);
    }
    if best.0 == 0.0 {
        best.1 = How::Different;
    }
    // In a name written in syllables (Chinese, Korean) a changed syllable is another name
    // (Zheng / Zhen, Sang-chol / Sung-chol, Ri / Ra), not a typo: against a romanisation
    // only a spelling of the same syllables (a transliteration, above) makes them alike.
    if best.0 > 0.0 && is_syllabic(a) != is_syllabic(b) {
        return (best.0.min(SYLLABLE_CHANGED_SIM), How::Different);
    }
    // A patronymic is the father's name, not the person's own (Oleksandr / Oleksandrovych,
    // Ivan / Ivanovich): neither sound nor a shared beginning makes them alike.
    if is_patronymic(&a.text) != is_patronymic(&b.text) {
        return best;
    }
    // Same sound or skeleton lifts a spelling that is already half alike (Mohamed/Muhammad),
    // never two different names that happen to share a short code (Kayla/Cecelia).
    let long_enough = a.text.len() >= 3 && b.text.len() >= 3;
    let lifted = (0.5 + 0.5 * best.0).min(SOUND_SIM);
    // Two-letter codes (Maria/Omar `mr`, Jean/John `jn`) are shared by too many names to lift.
    if long_enough && best.0 >= 0.5 && lifted > best.0 {
        if a.skeleton.len() >= 3 && a.skeleton == b.skeleton {
            best = (lifted, How::Skeleton);
        } else if a.phonetic.len() >= 3 && a.phonetic == b.phonetic {
            best = (lifted, How::Phonetic);
        }
    }
    if best.0 < NICKNAME_SIM
        && a.kind == Word
        && b.kind == Word
        && crate::given_names::same_given_name(&a.text, &b.text)
    {
        best = (NICKNAME_SIM, How::Nickname);
    }
    if best.0 < ABBREVIATION_SIM && is_abbreviation(&a.text, &b.text) {
        best = (ABBREVIATION_SIM, How::Abbreviation);
    }
    best
}

/// `short`, written in capitals ("JC", "J.-C."), is the initials of the hyphenated name
/// `long` ("Jean-Claude").
fn is_compound_initials(short: &NamePart, long: &NamePart) -> bool {
    // Cheapest tests first: this runs for every pair of parts compared.
    if !(2..=4).contains(&short.text.len())
        || !long.original.contains('-')
        || short.original.chars().any(char::is_lowercase)
    {
        return false;
    }
    let initials = long
        .original
        .split('-')
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase);
    initials.eq(short.text.chars())
}

/// Most similarity of a part written in Chinese or Korean syllables to a romanisation that
/// spells other syllables: below any part match.
pub const SYLLABLE_CHANGED_SIM: f64 = 0.5;

/// True for a part written in Chinese characters or Korean syllables.
pub fn is_syllabic(p: &NamePart) -> bool {
    p.syllabic
}

/// True for text whose first letter is a Chinese character or a Korean syllable.
pub(crate) fn written_in_syllables(text: &str) -> bool {
    text.chars().find(|c| c.is_alphabetic()).is_some_and(|c| {
        matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
    })
}

/// Edit similarity of two parts written in the same consonantal script (Arabic, Hebrew),
/// compared as written: romanisation turns one changed letter into several (نتنياهو /
/// نتنياحو), or merges letters that differ (ح and ه both "h").
fn as_written_similarity(a: &NamePart, b: &NamePart) -> Option<f64> {
    let script = |s: &str| {
        let c = s.chars().find(|c| c.is_alphabetic())?;
        match c {
            '\u{0590}'..='\u{05FF}' => Some(1),
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' => Some(2),
            _ => None,
        }
    };
    let sa = script(&a.original)?;
    if script(&b.original) != Some(sa) {
        return None;
    }
    let (x, y): (Vec<char>, Vec<char>) =
        (a.original.chars().collect(), b.original.chars().collect());
    let longest = x.len().max(y.len());
    // One letter of three is too much of a short word to be a spelling.
    if longest < 4 {
        return None;
    }
    Some(1.0 - strsim::generic_levenshtein(&x, &y) as f64 / longest as f64)
}

/// East Slavic patronymic endings (-ovich, -evna, -ovych, ...), as romanised.
const PATRONYMIC_ENDINGS: &[&str] = &[
    "ovich", "evich", "ovych", "evych", "ovitch", "evitch", "ovna", "evna", "ivna", "ichna",
];

/// True when `word` (folded) ends like an East Slavic patronymic and has a name before it.
fn is_patronymic(word: &str) -> bool {
    PATRONYMIC_ENDINGS
        .iter()
        .any(|e| word.len() >= e.len() + 3 && word.ends_with(e))
}

/// Similarity of two forms of one given name (Bill/William).
pub const NICKNAME_SIM: f64 = 0.85;

/// Similarity of a short form to the name it begins.
pub const ABBREVIATION_SIM: f64 = 0.8;

/// One part (three to five letters, as short forms are) begins the other, which is at least
/// three letters longer.
fn is_abbreviation(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    (3..=5).contains(&short.len()) && long.len() >= short.len() + 3 && long.starts_with(short)
}

/// [`fuzzy`], or 0 when a cheap bound (shared letters) shows it is below `min`.
pub fn fuzzy_at_least(a: &str, b: &str, min: f64) -> f64 {
    let (la, lb) = (a.len(), b.len());
    if la == 0 || lb == 0 {
        return 0.0;
    }
    // Letters in common, counted in 32 buckets (a bucket shared by two letters can only
    // overcount, so the bound stays an upper bound).
    let mut counts = [0i16; 32];
    for &c in a.as_bytes() {
        counts[(c & 31) as usize] += 1;
    }
    let mut common = 0usize;
    for &c in b.as_bytes() {
        let slot = &mut counts[(c & 31) as usize];
        if *slot > 0 {
            *slot -= 1;
            common += 1;
        }
    }
    // Each letter of the longer part not in common costs an edit, so the edit ratio is at most
    // the share in common. A swap keeps every letter in common (share 1); only a short part one
    // edit away can score more than its share ([`SHORT_VOWEL_SIM`]). Counted in bytes, this
    // holds for ASCII only: one edit to a letter of several bytes changes them all.
    let max_len = la.max(lb);
    let mut bound = common as f64 / max_len as f64;
    if max_len <= 4 && common + 1 >= max_len {
        bound = bound.max(SHORT_VOWEL_SIM);
    }
    if bound < min && a.is_ascii() && b.is_ascii() {
        return 0.0;
    }
    fuzzy(a, b)
}

/// String similarity for spelling variants: a length-normalised optimal-string-alignment
/// ratio (a transposition counts as one edit). Not Jaro-Winkler: its prefix bonus makes
/// different names that share a beginning look alike (Castro/Castillo, Orbán/Orbach).
pub fn fuzzy(a: &str, b: &str) -> f64 {
    let max_len = a.len().max(b.len());
    if max_len == 0 {
        return 0.0;
    }
    let distance = crate::distance::osa_distance(a, b);
    let mut edit = 1.0 - distance as f64 / max_len as f64;
    // One swapped pair of letters is a typo even in a short name ("Sok"/"Sko", "Ali"/"Ail").
    let transposed = distance == 1
        && a.len() == b.len()
        && a.len() >= 3
        && a.bytes().zip(b.bytes()).filter(|(p, q)| p != q).count() == 2;
    if transposed {
        edit = edit.max(TRANSPOSITION_SIM);
    }
    if max_len <= 4 && distance == 1 && !transposed {
        // In a short name one changed consonant makes another name (Jung/Sung, Wang/Yang,
        // Mark/Mary); a changed vowel is often a spelling (Omar/Umar, Zaid/Zayd, Tom/Tim).
        return if only_vowels_differ(a.as_bytes(), b.as_bytes()) {
            edit.max(SHORT_VOWEL_SIM)
        } else {
            SHORT_CONSONANT_SIM.min(edit)
        };
    }
    edit.clamp(0.0, 1.0)
}

/// Least similarity of two short parts (up to four letters) one vowel apart.
pub const SHORT_VOWEL_SIM: f64 = 0.75;
/// Similarity of two short parts (up to four letters) one consonant apart.
pub const SHORT_CONSONANT_SIM: f64 = 0.6;

/// True when `a` and `b` (one edit apart) differ only in a vowel: one substituted for another,
/// or one inserted. A swap of two letters counts as a vowel change only when both are vowels.
fn only_vowels_differ(a: &[u8], b: &[u8]) -> bool {
    let vowel = |c: &u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..]
        .iter()
        .rev()
        .zip(b[prefix..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (da, db) = (&a[prefix..a.len() - suffix], &b[prefix..b.len() - suffix]);
    // A doubled letter written once ("Sson"/"Son") is a spelling too.
    let (long, added) = if da.is_empty() { (b, db) } else { (a, da) };
    if added.len() == 1 && (da.is_empty() || db.is_empty()) {
        let at = prefix;
        let doubled =
            (at > 0 && long.get(at - 1) == added.first()) || long.get(at + 1) == added.first();
        if doubled {
            return true;
        }
    }
    da.iter().chain(db).all(vowel)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NameKind, analyse};

    fn part(s: &str) -> NamePart {
        (*analyse(s, NameKind::Person).parts.remove(0)).clone()
    }

    #[test]
    fn ways_of_being_alike() {
        let cases = [
            ("Baghdadi", "baghdadi", How::Exact),
            ("Mohamed", "Muhammad", How::Skeleton),
            ("Abdulrahman", "Abdelrahman", How::Exact),
            ("Albaghdadi", "Baghdadi", How::Transliteration),
            ("Baghdadi", "Baghdari", How::EditDistance),
            ("J", "John", How::Initial),
            ("Smith", "Jones", How::Different),
        ];
        for (a, b, how) in cases {
            assert_eq!(part_similarity(&part(a), &part(b)).1, how, "{a} ~ {b}");
        }
    }

    /// `fuzzy_at_least` at three floors is `fuzzy`, or 0 where `fuzzy` is below the floor.
    fn bounded_agrees(a: &str, b: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let full = fuzzy(a, b);
        for min in [0.5, 0.75, 0.85] {
            let bounded = fuzzy_at_least(a, b, min);
            proptest::prop_assert!(
                bounded == full || (bounded == 0.0 && full < min),
                "{} {} {} {}",
                a,
                b,
                min,
                full
            );
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn bounded_fuzzy_only_drops_what_is_below_the_floor(a in "[a-hy]{1,12}", b in "[a-hy]{1,12}") {
            bounded_agrees(&a, &b)?;
        }

        // Short parts (where one vowel more or less scores above the letters' share), with
        // digits and punctuation that share a bucket with letters, and letters of two and
        // three bytes.
        #[test]
        fn bounded_fuzzy_on_short_and_mixed_parts(a in "[aeiouybcdt0-4'éèö中国-]{1,5}", b in "[aeiouybcdt0-4'éèö中国-]{1,5}") {
            bounded_agrees(&a, &b)?;
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
