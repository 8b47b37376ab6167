//! Chinese names written in Wade-Giles, given their pinyin as further spellings.

use super::*;

/// A name with a word unmistakably in Wade-Giles (`Tse-tung`, `Hsi`) gets the pinyin of each
/// of its words that reads as Wade-Giles as further spellings (`Mao Tse-tung` -> `mao`,
/// `zedong`; see [`translit::wade_giles`]).
pub(super) fn add_pinyin(words: &mut [RawWord]) {
    use translit::wade_giles::{is_marked, may_be_marked};
    let marked =
        |w: &RawWord| may_be_marked(&w.spellings[0], &w.original) && is_marked(&wade_giles_form(w));
    if !words.iter().any(marked) {
        return;
    }
    for w in words.iter_mut() {
        if let Some(pinyin) = translit::wade_giles::pinyin(&wade_giles_form(w)) {
            w.spellings.extend(pinyin);
        }
    }
}

/// A word as [`translit::wade_giles`] reads it: folded lower case, hyphens and apostrophes
/// kept (they tell syllables and aspiration).
pub(super) fn wade_giles_form(w: &RawWord) -> String {
    fold(&w.original)
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .filter(|c| c.is_ascii_lowercase() || matches!(c, '-' | '\''))
        .collect()
}
