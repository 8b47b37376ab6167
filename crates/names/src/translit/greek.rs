//! Greek to Latin: ELOT 743 / UN spellings with the usual alternatives (η i/e, υ y/i, β v/b,
//! χ ch/kh/h, μπ b/mb, ντ d/nd/nt, αι e/ai, ου ou/u).

use super::variants::{Opt, Variants, expand_into};
use unicode_normalization::UnicodeNormalization;

pub fn variants(word: &str) -> Variants {
    let letters: Vec<char> = word
        .nfd()
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .flat_map(char::to_lowercase)
        .collect();
    let mut pieces: Vec<Vec<Opt>> = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        let next = letters.get(i + 1).copied();
        let first = i == 0;
        if let Some(next) = next
            && let Some(opts) = digraph(c, next, first)
        {
            pieces.push(opts.to_vec());
            i += 2;
            continue;
        }
        if let Some(opts) = single(c) {
            pieces.push(opts.to_vec());
        } else if c.is_ascii_alphanumeric() {
            pieces.push(vec![(ascii(c), 0)]);
        }
        i += 1;
    }
    let mut out = Variants::new();
    expand_into(&pieces, &mut out, 64);
    out
}

/// ASCII letters and digits as static pieces.
pub fn ascii(c: char) -> &'static str {
    const TABLE: &str = "0123456789abcdefghijklmnopqrstuvwxyz";
    let c = c.to_ascii_lowercase();
    TABLE
        .find(c)
        .and_then(|i| TABLE.get(i..i + 1))
        .unwrap_or("")
}

fn digraph(c: char, next: char, first: bool) -> Option<&'static [Opt]> {
    Some(match (c, next) {
        ('α', 'ι') => &[("ai", 0), ("e", 1)],
        ('ε', 'ι') => &[("ei", 0), ("i", 1)],
        ('ο', 'ι') => &[("oi", 0), ("i", 1)],
        ('υ', 'ι') => &[("yi", 0), ("i", 1)],
        ('ο', 'υ') => &[("ou", 0), ("u", 1)],
        ('α', 'υ') => &[("av", 0), ("af", 1), ("au", 2)],
        ('ε', 'υ') => &[("ev", 0), ("ef", 1), ("eu", 2)],
        ('η', 'υ') => &[("iv", 0), ("if", 1)],
        ('μ', 'π') if first => &[("b", 0), ("mp", 1)],
        ('μ', 'π') => &[("mp", 0), ("mb", 1), ("b", 1)],
        ('ν', 'τ') if first => &[("d", 0), ("nt", 1)],
        ('ν', 'τ') => &[("nt", 0), ("nd", 1), ("d", 1)],
        ('γ', 'γ') => &[("ng", 0), ("gg", 2)],
        ('γ', 'κ') if first => &[("g", 0), ("gk", 1)],
        ('γ', 'κ') => &[("gk", 0), ("ng", 1), ("g", 2)],
        ('γ', 'χ') => &[("nch", 0), ("nkh", 1)],
        ('γ', 'ξ') => &[("nx", 0), ("nks", 1)],
        ('τ', 'σ') => &[("ts", 0)],
        ('τ', 'ζ') => &[("tz", 0), ("dz", 1)],
        _ => return None,
    })
}

fn single(c: char) -> Option<&'static [Opt]> {
    Some(match c {
        'α' => &[("a", 0)],
        'β' => &[("v", 0), ("b", 2)],
        'γ' => &[("g", 0), ("gh", 2), ("y", 3)],
        'δ' => &[("d", 0), ("dh", 1)],
        'ε' => &[("e", 0)],
        'ζ' => &[("z", 0)],
        'η' => &[("i", 0), ("e", 1)],
        'θ' => &[("th", 0)],
        'ι' => &[("i", 0)],
        'κ' => &[("k", 0), ("c", 3)],
        'λ' => &[("l", 0)],
        'μ' => &[("m", 0)],
        'ν' => &[("n", 0)],
        'ξ' => &[("x", 0), ("ks", 1)],
        'ο' => &[("o", 0)],
        'π' => &[("p", 0)],
        'ρ' => &[("r", 0)],
        'σ' | 'ς' | 'ϲ' => &[("s", 0)],
        'τ' => &[("t", 0)],
        'υ' => &[("y", 0), ("i", 1)],
        'φ' => &[("f", 0), ("ph", 1)],
        'χ' => &[("ch", 0), ("kh", 1), ("h", 1)],
        'ψ' => &[("ps", 0)],
        'ω' => &[("o", 0)],
        _ => return None,
    })
}
