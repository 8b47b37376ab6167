//! Transliteration of non-Latin scripts to the Latin spellings people actually write.
//!
//! The API: [`script_of`] says which script a text is written in; [`latin_words`] gives, word
//! by word, the Latin spellings of a text (several per word where usage varies, most common
//! first). Latin input passes through, folded to ASCII lower case.
//!
//! One module per script; each turns one word (or a run of words, where neighbours matter) into
//! a capped list of spellings, built with the helpers in `variants`. `wade_giles` reads
//! Latin-script Chinese names in the older romanisation as pinyin (used by `parts`).

mod arabic;
mod arabic_names;
mod armenian;
mod cyrillic;
mod georgian;
mod greek;
mod han;
mod hangul;
mod hebrew;
mod kana;
mod latin;
mod variants;
pub(crate) mod wade_giles;

#[cfg(test)]
mod eval_tests;
#[cfg(test)]
mod tests;

use variants::Variants;
pub use variants::skeleton;

/// Writing systems zeef tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Arabic,
    Cyrillic,
    Greek,
    Hebrew,
    Armenian,
    Georgian,
    Han,
    Hangul,
    Kana,
    Other,
}

/// The script most letters of `text` are written in (`Latin` for text without letters).
pub fn script_of(text: &str) -> Script {
    let mut counts = [0usize; 11];
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        counts[char_script(c) as usize] += 1;
    }
    let best = (0..counts.len()).max_by_key(|&i| counts[i]).unwrap_or(0);
    if counts[best] == 0 {
        return Script::Latin;
    }
    ALL_SCRIPTS[best]
}

const ALL_SCRIPTS: [Script; 11] = [
    Script::Latin,
    Script::Arabic,
    Script::Cyrillic,
    Script::Greek,
    Script::Hebrew,
    Script::Armenian,
    Script::Georgian,
    Script::Han,
    Script::Hangul,
    Script::Kana,
    Script::Other,
];

fn char_script(c: char) -> Script {
    match c as u32 {
        0x0000..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x10A0..=0x10FF => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        0x3040..=0x30FF => Script::Kana,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF => Script::Han,
        _ => Script::Other,
    }
}

/// Latin spellings of `text`, word by word: one entry per word, each holding the spellings
/// people write for it (lower-case ASCII, most common first, at most 8).
///
/// A spelling may hold a space where one word of the source is written as two in Latin
/// (Arabic `عبدالله` -> `abd allah`, Korean given names `jong un`). The Arabic article is emitted
/// as its own word (`الرشيد` -> `al`, `rashid`); Chinese and Korean personal names are split
/// into surname and given name.
pub fn latin_words(text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let words = split_words(text);
    let mut start = 0;
    // Consecutive words of one script go to that script's module together, because some
    // need their neighbours (Arabic `عبد` + `الله`, Ukrainian letters elsewhere in the name).
    while start < words.len() {
        let script = words[start].1;
        let end = words[start..]
            .iter()
            .position(|w| w.1 != script)
            .map_or(words.len(), |n| start + n);
        let run: Vec<&str> = words[start..end].iter().map(|w| w.0).collect();
        push_run(script, &run, &mut out);
        start = end;
    }
    out
}

fn push_run(script: Script, run: &[&str], out: &mut Vec<Vec<String>>) {
    match script {
        Script::Latin => run.iter().for_each(|w| push(latin::variants(w), out)),
        Script::Arabic => arabic::push_words(run, out),
        Script::Cyrillic => cyrillic::push_words(run, out),
        Script::Greek => run.iter().for_each(|w| push(greek::variants(w), out)),
        Script::Hebrew => run.iter().for_each(|w| push(hebrew::variants(w), out)),
        Script::Armenian => run.iter().for_each(|w| push(armenian::variants(w), out)),
        Script::Georgian => run.iter().for_each(|w| push(georgian::variants(w), out)),
        Script::Han => han::push_words(run, out),
        Script::Hangul => hangul::push_words(run, out),
        Script::Kana => run.iter().for_each(|w| push(kana::variants(w), out)),
        Script::Other => run.iter().for_each(|w| push(latin::fallback(w), out)),
    }
}

/// Appends one word's spellings unless there are none.
fn push(v: Variants, out: &mut Vec<Vec<String>>) {
    if !v.is_empty() {
        out.push(v.into_vec());
    }
}

/// Words of `text` with their script. A word is a run of letters, digits and combining marks;
/// apostrophes, zero-width joiners and the Arabic tatweel inside a word are kept for the script
/// modules to drop; everything else separates words.
fn split_words(text: &str) -> Vec<(&str, Script)> {
    let mut words = Vec::new();
    let mut begin: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            begin.get_or_insert(i);
        } else if let Some(b) = begin.take() {
            words.push(&text[b..i]);
        }
    }
    if let Some(b) = begin {
        words.push(&text[b..]);
    }
    words.into_iter().map(|w| (w, script_of(w))).collect()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
        || unicode_normalization::char::is_combining_mark(c)
        || matches!(
            c,
            '\'' | '\u{2019}' | '\u{02BC}' | '\u{200C}' | '\u{200D}' | '\u{0640}'
        )
}
