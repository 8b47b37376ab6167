//! Further spellings of one word: digits read as the letters they look like, and the
//! nominative -s Latvian adds to Slavic names.

/// A word of letters with digits among them (not a number), the digits read as the letters
/// they look like (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b, 9 g).
pub(super) fn digits_as_letters(word: &str) -> Option<String> {
    let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    if digits == 0 || letters < 2 || digits > letters {
        return None;
    }
    let read = |c: char| match c {
        '0' => Some('o'),
        '1' => Some('i'),
        '3' => Some('e'),
        '4' => Some('a'),
        '5' => Some('s'),
        '7' => Some('t'),
        '8' => Some('b'),
        '9' => Some('g'),
        c if c.is_ascii_digit() => None,
        c => Some(c),
    };
    word.chars().map(read).collect()
}

/// The name without the nominative -s Latvian adds to Slavic names ("Lavrovs" -> "lavrov",
/// "Sergejs" -> "sergej"): only after Slavic endings, so English names ending in s (Williams,
/// Edwards) keep theirs.
pub(super) fn baltic_stem(word: &str) -> Option<&str> {
    const SLAVIC_ENDINGS: &[&str] = &["ov", "ev", "in", "ej", "ij", "yj", "ik", "uk"];
    let stem = word.strip_suffix('s')?;
    (stem.len() >= 5 && SLAVIC_ENDINGS.iter().any(|e| stem.ends_with(e))).then_some(stem)
}
