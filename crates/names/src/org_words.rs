//! Organisation names written several ways: legal forms spelt out or abbreviated
//! ("Limited Liability Company" / "LLC", "OAO" / "OJSC"), dotted acronyms ("A.B.C.",
//! "G.m.b.H."), numbers in words ("Forty-Four", "First"). Each is rewritten to one canonical
//! form before name parts are made, so that both spellings meet.

/// Legal forms spelt out in several words, by their abbreviation (words folded to ASCII).
const LEGAL_FORM_PHRASES: &[(&[&str], &str)] = &[
    (&["limited", "liability", "company"], "llc"),
    (&["limited", "liability", "partnership"], "llp"),
    (&["limited", "partnership"], "lp"),
    (&["public", "limited", "company"], "plc"),
    (&["open", "joint", "stock", "company"], "ojsc"),
    (&["closed", "joint", "stock", "company"], "cjsc"),
    (&["public", "joint", "stock", "company"], "pjsc"),
    (&["joint", "stock", "company"], "jsc"),
    (&["gesellschaft", "mit", "beschrankter", "haftung"], "gmbh"),
    (
        &["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"],
        "llc",
    ),
    (
        &["obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"],
        "llc",
    ),
    (&["otkrytoe", "aktsionernoe", "obshchestvo"], "ojsc"),
    (&["zakrytoe", "aktsionernoe", "obshchestvo"], "cjsc"),
    (&["publichnoe", "aktsionernoe", "obshchestvo"], "pjsc"),
    (&["aktsionernoe", "obshchestvo"], "jsc"),
    (&["societe", "anonyme"], "sa"),
    (&["sociedad", "anonima"], "sa"),
    (&["societatea", "cu", "raspundere", "limitata"], "srl"),
    (&["sp", "zoo"], "spzoo"),
    (&["sp", "z", "oo"], "spzoo"),
];

/// One-word legal forms with the same meaning as another, by the canonical one.
const LEGAL_FORM_SYNONYMS: &[(&str, &str)] = &[
    ("limited", "ltd"),
    ("company", "co"),
    ("corporation", "corp"),
    ("incorporated", "inc"),
    ("aktiengesellschaft", "ag"),
    ("oao", "ojsc"),
    ("zao", "cjsc"),
    ("pao", "pjsc"),
    ("ao", "jsc"),
    ("ooo", "llc"),
    ("tov", "llc"),
];

const UNITS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[(&str, u32)] = &[
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fourty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];
const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("second", 2),
    ("third", 3),
    ("fourth", 4),
    ("fifth", 5),
    ("sixth", 6),
    ("seventh", 7),
    ("eighth", 8),
    ("ninth", 9),
    ("tenth", 10),
];

/// A word of an organisation name: its folded spelling and the text it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OrgWord {
    pub original: String,
    pub text: String,
}

/// Rewrites an organisation's words to canonical forms: numbers in words as digits, legal
/// forms abbreviated.
pub(crate) fn canonical_org_words(words: Vec<OrgWord>) -> Vec<OrgWord> {
    let words = numbers_as_digits(words);
    legal_forms_abbreviated(words)
}

/// Dotted acronyms written as one word: "A.B.C." as "ABC", "G.m.b.H." as "GmbH", "p. l. c."
/// as "plc" (letters each followed by a dot, two or more; a lone "X" stays a numeral).
pub(crate) fn join_dotted_acronyms(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < chars.len() {
        let at_word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        let mut letters = String::new();
        let mut j = i;
        // Letter, dot; then spaces only where another letter-and-dot follows.
        while at_word_start
            && chars.get(j).is_some_and(|c| c.is_alphabetic())
            && chars.get(j + 1) == Some(&'.')
        {
            letters.push(chars[j]);
            j += 2;
            let mut k = j;
            while chars.get(k) == Some(&' ') {
                k += 1;
            }
            let next_is_letter_dot =
                chars.get(k).is_some_and(|c| c.is_alphabetic()) && chars.get(k + 1) == Some(&'.');
            if !next_is_letter_dot {
                break;
            }
            j = k;
        }
        if letters.chars().count() >= 2 {
            out.push_str(&letters);
            i = j;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn unit_value(word: &str) -> Option<u32> {
    UNITS.iter().position(|u| *u == word).map(|v| v as u32)
}

fn tens_value(word: &str) -> Option<u32> {
    TENS.iter().find(|(t, _)| *t == word).map(|&(_, v)| v)
}

/// A Roman numeral of two to six letters up to 39 ("ii", "iv", "xv", "xxiii"), as numbered
/// funds and trusts write them; a single letter stays an initial.
fn roman_value(word: &str) -> Option<u32> {
    if !(2..=6).contains(&word.len()) {
        return None;
    }
    let tens = word.len() - word.trim_start_matches('x').len();
    let rest = &word[tens..];
    const UNITS_ROMAN: [&str; 10] = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"];
    let unit = UNITS_ROMAN.iter().position(|u| *u == rest)?;
    (tens <= 3).then_some(tens as u32 * 10 + unit as u32)
}

/// The number a single word stands for: "44", "1st", "first", "fortyfour" (a hyphenated
/// "forty-four" arrives joined), "forty".
fn word_value(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
    {
        return digits.parse().ok();
    }
    if let Some(&(_, v)) = ORDINALS.iter().find(|(o, _)| *o == word) {
        return Some(v);
    }
    if let Some(v) = unit_value(word)
        .or_else(|| tens_value(word))
        .or_else(|| roman_value(word))
    {
        return Some(v);
    }
    TENS.iter().find_map(|&(t, v)| {
        let rest = word.strip_prefix(t)?;
        let unit = unit_value(rest)
            .or_else(|| ORDINALS.iter().find(|(o, _)| *o == rest).map(|&(_, v)| v))?;
        (1..=9).contains(&unit).then_some(v + unit)
    })
}

/// Numbers in words as digits: "Forty Four" and "Forty 4" as "44", "First" as "1".
fn numbers_as_digits(words: Vec<OrgWord>) -> Vec<OrgWord> {
    let mut out: Vec<OrgWord> = Vec::with_capacity(words.len());
    let mut iter = words.into_iter().peekable();
    while let Some(mut w) = iter.next() {
        if let Some(mut v) = word_value(&w.text) {
            // A tens word followed by a unit: "forty four", "forty 4".
            if v % 10 == 0 && (20..=90).contains(&v) {
                let unit = iter
                    .peek()
                    .and_then(|n| unit_value(&n.text).or_else(|| n.text.parse::<u32>().ok()));
                if let Some(u) = unit.filter(|u| (1..=9).contains(u)) {
                    let next = iter.next().expect("peeked");
                    w.original = format!("{} {}", w.original, next.original);
                    v += u;
                }
            }
            w.text = v.to_string();
        }
        out.push(w);
    }
    out
}

/// True when `word` is `form`, or one letter off it in a long word ("Aktiengeselschaft", a
/// truncated "Compan").
fn is_form(word: &str, form: &str) -> bool {
    // One edit changes the length by at most one: other lengths need no distance computed.
    word == form
        || (form.len() >= 7
            && word.chars().count().abs_diff(form.chars().count()) <= 1
            && crate::distance::osa_distance(word, form) == 1)
}

/// Legal forms as their canonical abbreviation.
fn legal_forms_abbreviated(words: Vec<OrgWord>) -> Vec<OrgWord> {
    let mut out: Vec<OrgWord> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let phrase = LEGAL_FORM_PHRASES.iter().find(|(phrase, _)| {
            words.len() - i >= phrase.len()
                && phrase
                    .iter()
                    .zip(&words[i..])
                    .all(|(p, w)| is_form(&w.text, p))
        });
        if let Some((phrase, form)) = phrase {
            let original: Vec<&str> = words[i..i + phrase.len()]
                .iter()
                .map(|w| w.original.as_str())
                .collect();
            out.push(OrgWord {
                original: original.join(" "),
                text: (*form).to_string(),
            });
            i += phrase.len();
            continue;
        }
        let mut w = words[i].clone();
        if let Some((_, form)) = LEGAL_FORM_SYNONYMS
            .iter()
            .find(|(s, _)| is_form(&w.text, s))
        {
            w.text = (*form).to_string();
        }
        out.push(w);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(text: &str) -> Vec<String> {
        let words = text
            .split_whitespace()
            .map(|w| OrgWord {
                original: w.to_string(),
                text: w.to_string(),
            })
            .collect();
        canonical_org_words(words)
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn spellings_of_one_organisation_meet() {
        let cases = [
            ("stripe limited liability company", "stripe llc"),
            ("stripe llc", "stripe llc"),
            (
                "volkswagen gesellschaft mit beschrankter haftung",
                "volkswagen gmbh",
            ),
            ("siemens aktiengeselschaft", "siemens ag"),
            ("oao gazprom", "ojsc gazprom"),
            ("open joint stock company gasprom", "ojsc gasprom"),
            ("abc co", "abc co"),
            ("brigade fortyfour", "brigade 44"),
            ("brigade forty 4", "brigade 44"),
            ("brigade fourty four", "brigade 44"),
            ("1st international bank", "1 international bank"),
            ("first international bank", "1 international bank"),
            ("three percenters", "3 percenters"),
            ("faberlic europe sp zoo", "faberlic europe spzoo"),
            (
                "tactical missiles joint stock compan",
                "tactical missiles jsc",
            ),
        ];
        for (a, want) in cases {
            assert_eq!(canon(a).join(" "), want, "{a}");
        }
    }

    #[test]
    fn every_canonical_form_is_a_legal_form() {
        let forms = LEGAL_FORM_PHRASES
            .iter()
            .map(|(_, f)| *f)
            .chain(LEGAL_FORM_SYNONYMS.iter().map(|(_, f)| *f));
        for form in forms {
            assert!(crate::lexicon::LEGAL_FORMS.contains(form), "{form}");
        }
    }

    #[test]
    fn roman_numerals_of_numbered_funds_are_numbers() {
        assert_eq!(
            canon("kkr asian fund iii lp"),
            ["kkr", "asian", "fund", "3", "lp"]
        );
        assert_eq!(roman_value("xv"), Some(15));
        assert_eq!(roman_value("xxiv"), Some(24));
        for word in ["v", "x", "mix", "vivid", "iiii", "xxxx"] {
            assert_eq!(roman_value(word), None, "{word}");
        }
    }

    #[test]
    fn dotted_acronyms_are_one_word() {
        let cases = [
            ("A.B.C. Company", "ABC Company"),
            ("Volkswagen Bank G.m.b.H.", "Volkswagen Bank GmbH"),
            ("HSBC Holdings p.l.c.", "HSBC Holdings plc"),
            ("Faberlic Sp. z o.o.", "Faberlic Sp. z oo"),
            ("Bain Capital Fund X L.P.", "Bain Capital Fund X LP"),
            ("U.S. Department", "US Department"),
            ("Vitamin A. Smith", "Vitamin A. Smith"),
            ("", ""),
        ];
        for (a, want) in cases {
            assert_eq!(join_dotted_acronyms(a), want, "{a}");
        }
    }

    #[test]
    fn words_that_only_look_alike_stay() {
        // "forty" alone is 40; a unit after a non-tens number is not absorbed.
        assert_eq!(canon("forty thieves").join(" "), "40 thieves");
        assert_eq!(canon("seven four").join(" "), "7 4");
        assert_eq!(canon("ltd").join(" "), "ltd");
        assert_eq!(canon("x").join(" "), "x");
        assert_eq!(canon("stock company").join(" "), "stock co");
    }

    proptest::proptest! {
        #[test]
        fn acronyms_never_panic(s in "\\PC{0,30}") {
            let _ = join_dotted_acronyms(&s);
        }

        #[test]
        fn never_panics_and_keeps_some_text(words in proptest::collection::vec("[a-z0-9]{1,12}", 0..8)) {
            let out = canon(&words.join(" "));
            proptest::prop_assert!(out.len() <= words.len());
            proptest::prop_assert!(out.iter().all(|w| !w.is_empty()));
        }
    }
}
