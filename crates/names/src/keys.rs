//! Keys derived from one normalised (ASCII, lower-case) name part, for the candidate index
//! and for approximate comparison: a phonetic code, a consonant skeleton and the
//! one-deletion neighbourhood that finds single-letter typos.

use rphonetic::DoubleMetaphone;

/// Double Metaphone primary code (up to 6 letters), empty for parts without letters.
/// Double Metaphone handles the Anglo/European spellings lists use for Arabic, Slavic and
/// Chinese names better than Soundex, and stays cheap.
pub fn phonetic(part: &str) -> String {
    if !part.bytes().any(|b| b.is_ascii_alphabetic()) {
        return String::new();
    }
    DoubleMetaphone::new(Some(6))
        .double_metaphone(part)
        .primary()
}

/// The consonant skeleton: vowels (and y) dropped, doubled letters folded, a few spellings of
/// one sound merged (`ph`→f, `q`→k, `ck`→k, `kh`→h…). Arabic and Hebrew write few vowels, so
/// Latin spellings of one name mostly differ in vowels: Muhammad, Mohamed, Mouhamad → `mhmd`.
pub fn skeleton(part: &str) -> String {
    let b = part.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        let mapped = match (c, next) {
            (b'p', Some(b'h')) => {
                i += 1;
                b'f'
            }
            (b'c', Some(b'k')) | (b'k', Some(b'h')) | (b'g', Some(b'h')) => {
                i += 1;
                if c == b'c' { b'k' } else { c }
            }
            (b'q', _) | (b'c', _) => b'k',
            (b'z', _) => b's',
            (b'v', _) => b'w',
            _ => c,
        };
        i += 1;
        if !mapped.is_ascii_alphanumeric() || is_vowel(mapped) {
            continue;
        }
        // An h after a consonant only colours it (sh, th, dh, kh): Rashid ~ Rasid, Dhahir ~ Dahir.
        let prev = i.checked_sub(2).and_then(|j| b.get(j)).copied();
        if mapped == b'h' && prev.is_some_and(|p| p.is_ascii_alphabetic() && !is_vowel(p)) {
            continue;
        }
        if out.last() != Some(&mapped) {
            out.push(mapped);
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Every string made by deleting one character of `part` (the part itself excluded).
/// Two parts within one edit (insert, delete, substitute) share a key here, so typos are
/// found without scanning the vocabulary. Only for parts of 4 to 16 letters: shorter parts
/// would match too much, longer ones cost too many keys.
pub fn deletions(part: &str) -> Vec<String> {
    let n = part.len();
    if !(4..=16).contains(&n) || !part.is_ascii() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::with_capacity(n);
    for i in 0..n {
        let mut s = String::with_capacity(n - 1);
        s.push_str(&part[..i]);
        s.push_str(&part[i + 1..]);
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeletons_merge_vowel_spellings() {
        for name in ["muhammad", "mohamed", "mouhamad", "mohammed", "muhammed"] {
            assert_eq!(skeleton(name), "mhmd", "{name}");
        }
        assert_eq!(skeleton("husayn"), skeleton("hussein"));
        assert_eq!(skeleton("qadhafi"), skeleton("kadafi"));
        assert_ne!(skeleton("smith"), skeleton("schmidt"));
    }

    #[test]
    fn phonetic_codes_merge_sound_alikes() {
        assert_eq!(phonetic("smith"), phonetic("smyth"));
        assert_eq!(phonetic("catherine"), phonetic("kathryn"));
        assert_ne!(phonetic("smith"), phonetic("jones"));
        assert_eq!(phonetic("123"), "");
    }

    #[test]
    fn deletion_keys_cover_one_edit() {
        let a = deletions("baghdadi");
        let b = deletions("bagdadi");
        assert!(a.contains(&"bagdadi".to_string()) || b.iter().any(|k| a.contains(k)));
        assert!(deletions("abc").is_empty());
        assert_eq!(deletions("aaaa"), vec!["aaa".to_string()]);
    }
}
