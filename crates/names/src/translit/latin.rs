//! Latin with diacritics folded to ASCII, plus the second spellings some letters have
//! (German `ü` -> `ue`, Slavic `č` -> `ch`), and the `deunicode` fallback for scripts zeef has
//! no module for.

use super::variants::{Opt, Variants, expand_into};
use unicode_normalization::UnicodeNormalization;

/// Spellings of one Latin-script word: the plain fold first, then the expanded forms.
pub fn variants(word: &str) -> Variants {
    // The word as runs of plain ASCII and letters with several spellings.
    let mut segments: Vec<Segment> = Vec::new();
    for c in word.chars() {
        if let Some(opts) = special(c) {
            segments.push(Segment::Choice(opts));
            continue;
        }
        let plain = match segments.last_mut() {
            Some(Segment::Plain(p)) => p,
            _ => {
                segments.push(Segment::Plain(String::new()));
                match segments.last_mut() {
                    Some(Segment::Plain(p)) => p,
                    _ => continue,
                }
            }
        };
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                plain.push(c.to_ascii_lowercase());
            }
            continue;
        }
        // Letters with accents: strip the marks (é -> e, ő -> o); others via deunicode.
        for d in c.to_lowercase().nfd() {
            if d.is_ascii_alphanumeric() {
                plain.push(d);
            } else if !d.is_ascii() && !unicode_normalization::char::is_combining_mark(d) {
                plain.push_str(&fold_other(d));
            }
        }
    }
    let pieces: Vec<Vec<(&str, u8)>> = segments
        .iter()
        .map(|s| match s {
            Segment::Plain(p) => vec![(p.as_str(), 0)],
            Segment::Choice(opts) => opts.to_vec(),
        })
        .collect();
    let mut out = Variants::new();
    expand_into(&pieces, &mut out, 32);
    out
}

enum Segment {
    Plain(String),
    Choice(&'static [Opt]),
}

/// Letters with more than one usual ASCII spelling, or none by stripping marks.
fn special(c: char) -> Option<&'static [Opt]> {
    Some(match c {
        'ä' | 'Ä' => &[("a", 0), ("ae", 1)],
        'ö' | 'Ö' => &[("o", 0), ("oe", 1)],
        'ü' | 'Ü' => &[("u", 0), ("ue", 1)],
        'ß' | 'ẞ' => &[("ss", 0)],
        'ø' | 'Ø' => &[("o", 0), ("oe", 1)],
        'å' | 'Å' => &[("a", 0), ("aa", 1)],
        'æ' | 'Æ' => &[("ae", 0)],
        'œ' | 'Œ' => &[("oe", 0)],
        'þ' | 'Þ' => &[("th", 0)],
        'ð' | 'Ð' => &[("d", 0), ("dh", 1)],
        'đ' | 'Đ' => &[("d", 0), ("dj", 1)],
        'ł' | 'Ł' => &[("l", 0)],
        'ı' => &[("i", 0)],
        'ŋ' => &[("ng", 0)],
        'č' | 'Č' | 'ć' | 'Ć' => &[("c", 0), ("ch", 1)],
        'š' | 'Š' | 'ś' | 'Ś' | 'ş' | 'Ş' | 'ș' | 'Ș' => &[("s", 0), ("sh", 1)],
        'ž' | 'Ž' => &[("z", 0), ("zh", 1)],
        'ğ' | 'Ğ' => &[("g", 0), ("", 1)],
        'ñ' | 'Ñ' => &[("n", 0), ("ny", 1)],
        // Transliteration marks for ayn and hamza, and typographic apostrophes: written as nothing.
        'ʿ' | 'ʾ' | 'ʻ' | 'ʼ' | '’' | '‘' | '`' | '´' => &[("", 0)],
        _ => return None,
    })
}

/// ASCII for a non-ASCII character without a special rule (deunicode's table).
fn fold_other(c: char) -> String {
    deunicode::deunicode_char(c)
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Spellings of a word in a script without its own module: deunicode's ASCII, lower case.
pub fn fallback(word: &str) -> Variants {
    let mut out = Variants::new();
    out.push(&deunicode::deunicode(word).to_lowercase());
    out
}
