//! Transliteration of non-Latin scripts to the Latin spellings people actually write.
//!
//! The API: [`script_of`] says which script a text is written in; [`latin_words`] gives, word
//! by word, the Latin spellings of a text (several per word where usage varies, most common
//! first). Latin input passes through, folded to ASCII lower case.

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
pub fn latin_words(text: &str) -> Vec<Vec<String>> {
    let latin = deunicode::deunicode(text).to_lowercase();
    latin
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| vec![w.to_string()])
        .collect()
}
