//! Unicode normalisation of names: NFKD, combining marks stripped, case folded, and the few
//! Latin letters NFKD does not decompose (ß, ø, ł, đ, æ, œ, ı, þ) spelled out.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `text` for comparison: NFKD, marks removed, lower case. Non-Latin letters are kept
/// (transliteration is a separate step), so `"Müller"` gives `"muller"` and `"Пётр"` `"петр"`.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // NFKD leaves ASCII as it is and it has no marks: lower case is all there is to do.
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'ß' => out.push_str("ss"),
            'ø' | 'Ø' => out.push('o'),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
            'æ' | 'Æ' => out.push_str("ae"),
            'œ' | 'Œ' => out.push_str("oe"),
            'ı' => out.push('i'),
            'þ' | 'Þ' => out.push_str("th"),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_marks_case_and_special_letters() {
        let cases = [
            ("Müller", "muller"),
            ("ÉLODIE", "elodie"),
            ("Straße", "strasse"),
            ("Łódź", "lodz"),
            ("Søren", "soren"),
            ("ﬁfi", "fifi"),
            ("Пётр", "петр"),
        ];
        for (raw, want) in cases {
            assert_eq!(fold(raw), want, "{raw}");
        }
    }
}
