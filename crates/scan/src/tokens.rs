//! Splitting text into word tokens with their byte spans, and normalising each word to the
//! Latin token forms both sides of the scan share: list names are tokenised by the same code
//! as documents, so a name matches wherever its words appear in the same forms.
//!
//! A word is a run of letters, digits and combining marks (apostrophes inside a word are
//! kept, then dropped by normalisation: "Da'esh" = "Daesh"). Hyphens, spaces and punctuation
//! separate words. Non-Latin words go through `zeef_names::translit::latin_words`, so Arabic
//! and Cyrillic text yields the same tokens as the usual Latin spellings.

use zeef_names::translit;

/// Normalised spellings of one word: usually one, several for transliterated words. A word
/// of Arabic script may stand for two tokens (the article and the noun): each inner vector
/// is one token, its spellings most usual first.
pub fn normalise_word(word: &str) -> Vec<Vec<String>> {
    let word = strip_possessive(word);
    if word.is_ascii() {
        let mut s = String::with_capacity(word.len());
        for b in word.bytes() {
            if b.is_ascii_alphanumeric() {
                s.push(b.to_ascii_lowercase() as char);
            }
        }
        if s.is_empty() {
            return Vec::new();
        }
        return vec![vec![canonical(s)]];
    }
    translit::latin_words(word)
        .into_iter()
        .map(|spellings| {
            let mut out: Vec<String> = Vec::with_capacity(spellings.len());
            for sp in spellings {
                let joined: String = sp.chars().filter(|c| *c != ' ').collect();
                let c = canonical(joined);
                if !c.is_empty() && !out.contains(&c) {
                    out.push(c);
                }
            }
            out
        })
        .filter(|v| !v.is_empty())
        .collect()
}

/// The first spelling of each token of `word`, for display and lexicon look-ups.
pub fn primary_forms(word: &str) -> Vec<String> {
    normalise_word(word)
        .into_iter()
        .filter_map(|v| v.into_iter().next())
        .collect()
}

/// Drops an English possessive: "ISIS's", "Hezbollah’s", "Workers'" -> the bare word.
fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Spelling differences transliterations make that both sides fold the same way, on longer
/// words only (short ones are too easily ordinary words): doubled letters single
/// ("Hizballah" = "Hizbalah", "Assad" = "Asad"), a final h after a vowel dropped
/// ("Nusrah" = "Nusra").
pub fn canonical(s: String) -> String {
    if s.len() < 5 || !s.is_ascii() {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if Some(c) == prev && c.is_ascii_alphabetic() {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    let b = out.as_bytes();
    if b.len() >= 5
        && b[b.len() - 1] == b'h'
        && matches!(b[b.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u')
    {
        out.pop();
    }
    out
}

/// What separates a word from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gap {
    /// Spaces, a single line break, hyphens, slashes: names may run across it.
    #[default]
    Soft,
    /// Punctuation that ends a phrase (`,` `;` `.` `(`...): no name runs across it.
    Phrase,
    /// A blank line: a new paragraph.
    Paragraph,
}

/// One word of a document as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub gap_before: Gap,
    /// The word ends a line with a hyphen and the next line goes on in lower case: the two
    /// halves may be one word split by hyphenation ("organi-\nsaties", "Jab-\nhat").
    pub hyphenated_next: bool,
}

/// Splits `text` into words. Never fails; offsets are char boundaries of `text`.
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6);
    let bytes = text.as_bytes();
    let mut gap_start = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        if !is_word_start(c) {
            i += len;
            continue;
        }
        let start = i;
        let mut end = i + len;
        i = end;
        while i < bytes.len() {
            let (c, len) = char_at(text, i);
            if is_word_char(c) {
                i += len;
                end = i;
            } else if is_inner_apostrophe(c) && next_is_letter(text, i + len) {
                i += len;
            } else if is_inner_apostrophe(c) && is_possessive_end(text, i + len) {
                // Keep a trailing possessive apostrophe ("Workers'") out of the gap.
                i += len;
                end = i;
                break;
            } else {
                break;
            }
        }
        let gap = classify_gap(
            &text[gap_start..start],
            out.last().map(|w| &text[w.start..w.end]),
        );
        if let Some(prev) = out.last_mut() {
            prev.hyphenated_next = is_line_hyphenation(&text[gap_start..start], &text[start..end]);
        }
        out.push(Word {
            start,
            end,
            gap_before: gap,
            hyphenated_next: false,
        });
        gap_start = end;
    }
    out
}

fn char_at(text: &str, i: usize) -> (char, usize) {
    match text.get(i..).and_then(|s| s.chars().next()) {
        Some(c) => (c, c.len_utf8()),
        None => (' ', 1),
    }
}

fn is_word_start(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || unicode_mark(c)
        || matches!(
            c,
            '\u{200C}' | '\u{200D}' | '\u{0640}' | 'ʿ' | 'ʾ' | 'ʻ' | 'ʼ'
        )
}

fn unicode_mark(c: char) -> bool {
    !c.is_ascii() && unicode_normalization::char::is_combining_mark(c)
}

fn is_inner_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn next_is_letter(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// An apostrophe ending a word: followed by a non-letter (or the end).
fn is_possessive_end(text: &str, i: usize) -> bool {
    !next_is_letter(text, i)
}

/// Phrase punctuation in a gap, or a blank line.
fn classify_gap(gap: &str, prev_word: Option<&str>) -> Gap {
    let mut newlines = 0;
    let mut kind = Gap::Soft;
    for c in gap.chars() {
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return Gap::Paragraph;
                }
            }
            ' ' | '\t' | '\r' | '\u{a0}' => {}
            // "A.G. Koenders", "St. Petersburg": a dot after a short word is an abbreviation.
            '.' if prev_word.is_some_and(|w| w.chars().count() > 2) => kind = Gap::Phrase,
            ',' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '«' | '»'
            | '“' | '”' | '|' | '•' | '·' => kind = Gap::Phrase,
            _ => {}
        }
    }
    kind
}

/// "Jab-" at the end of a line and "hat" starting the next in lower case.
fn is_line_hyphenation(gap: &str, next: &str) -> bool {
    let trimmed = gap.trim_matches([' ', '\t', '\r']);
    let hyphen_newline = trimmed
        .strip_prefix(['-', '\u{00AD}', '\u{2010}'])
        .is_some_and(|rest| rest.trim_matches([' ', '\t', '\r']) == "\n");
    hyphen_newline && next.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(text: &str) -> Vec<String> {
        words(text)
            .iter()
            .flat_map(|w| primary_forms(&text[w.start..w.end]))
            .collect()
    }

    #[test]
    fn words_and_gaps() {
        let text = "ISIS's fighters, Jabhat al-Nusra.\n\nDa'esh";
        let ws = words(text);
        let got: Vec<&str> = ws.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            got,
            ["ISIS's", "fighters", "Jabhat", "al", "Nusra", "Da'esh"]
        );
        assert_eq!(ws[2].gap_before, Gap::Phrase);
        assert_eq!(ws[3].gap_before, Gap::Soft);
        assert_eq!(ws[5].gap_before, Gap::Paragraph);
        assert_eq!(
            forms(text),
            ["isis", "fighters", "jabhat", "al", "nusra", "daesh"]
        );
    }

    #[test]
    fn line_hyphenation_is_flagged() {
        let text = "humanitaire organi-\nsaties en Noord-\nSyrië, Jab- \r\nhat";
        let ws = words(text);
        let flags: Vec<bool> = ws.iter().map(|w| w.hyphenated_next).collect();
        assert_eq!(
            flags,
            [false, true, false, false, false, false, true, false]
        );
    }

    #[test]
    fn canonical_folds_transliteration_noise() {
        assert_eq!(canonical("hizballah".into()), "hizbala");
        assert_eq!(canonical("nusrah".into()), "nusra");
        assert_eq!(canonical("isis".into()), "isis");
        assert_eq!(canonical("all".into()), "all");
    }

    #[test]
    fn arabic_and_cyrillic_words_transliterate() {
        assert!(!primary_forms("حزب").is_empty());
        assert_eq!(primary_forms("Москва"), ["moskva"]);
    }
}
