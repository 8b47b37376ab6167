//! Arabic names: articles glued or hyphenated (al-, ash-…), `abd` compounds and kunya heads
//! (`abu`, `umm`).

use super::*;

/// Articles that always attach (al-, el-), and those that only do when hyphenated (ash-, ad-…)
/// since alone they are also ordinary names (An, As, Er).
pub(super) fn is_article(w: &RawWord) -> bool {
    let s = w.spellings[0].as_str();
    matches!(s, "al" | "el") || (w.hyphen_next && ARTICLES.contains(s))
}

/// Removes an article glued to the front of a word ("alrahman" -> "rahman") when enough is left.
pub(super) fn strip_glued_article(w: &str, min_rest: usize) -> Option<&str> {
    ARTICLES
        .words()
        .iter()
        .filter(|a| a.len() <= 3)
        .filter_map(|a| w.strip_prefix(a))
        .find(|rest| rest.len() >= min_rest)
}

/// Drops one letter of a doubled first consonant left by assimilation ("abdu-rrahman").
pub(super) fn fold_leading_double(w: &str) -> String {
    let b = w.as_bytes();
    if b.len() > 2 && b[0] == b[1] && !matches!(b[0], b'a' | b'e' | b'i' | b'o' | b'u') {
        w[1..].to_string()
    } else {
        w.to_string()
    }
}

/// The canonical `abd` unit for the name after "abd": article and assimilated double removed.
pub(super) fn abd_unit(rest: &str) -> String {
    let rest = strip_glued_article(rest, 3).unwrap_or(rest);
    format!("abd{}", fold_leading_double(rest))
}

/// A single word that is itself an abd compound ("abdulrahman", "abdurrahman"), canonicalised.
pub(super) fn glued_abd(w: &str) -> Option<String> {
    ABD_HEADS
        .words()
        .iter()
        .filter_map(|h| w.strip_prefix(h))
        .find(|rest| rest.len() >= 3)
        .map(abd_unit)
}

/// A five-letter `abd` head with two neighbouring letters swapped ("adbul", "abudl",
/// "badur"): a typo no real name makes, so the word still starts a compound.
pub(super) fn abd_head_typo(w: &str) -> Option<&'static str> {
    if w.len() != 5 {
        return None;
    }
    ABD_HEADS
        .words()
        .iter()
        .filter(|h| h.len() == 5)
        .find(|h| is_one_transposition(w.as_bytes(), h.as_bytes()))
        .copied()
}

/// True when `a` is `b` with exactly one pair of neighbouring (different) letters swapped.
pub(super) fn is_one_transposition(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

pub(super) fn kunya_head(w: &str) -> Option<&'static str> {
    match w {
        "abu" | "abou" | "abo" | "aboo" => Some("abu"),
        "umm" | "um" | "oum" | "umme" => Some("umm"),
        _ => None,
    }
}
