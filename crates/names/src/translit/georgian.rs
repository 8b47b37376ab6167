//! Georgian (Mkhedruli) to Latin: the 2002 national system with the usual alternatives
//! (ყ q/k, ხ kh/x, ჯ j/dzh). The nominative -ი of foreign names (პუტინი) may be dropped.

use super::greek::ascii;
use super::variants::{Opt, Variants, expand_into};

pub fn variants(word: &str) -> Variants {
    let letters: Vec<char> = word.chars().collect();
    let n = letters.len();
    let mut pieces: Vec<Vec<Opt>> = Vec::with_capacity(n);
    for (i, &c) in letters.iter().enumerate() {
        if c == 'ი' && i + 1 == n && n > 3 {
            pieces.push(vec![("i", 0), ("", 2)]);
        } else if let Some(opts) = letter(c) {
            pieces.push(opts.to_vec());
        } else if c.is_ascii_alphanumeric() {
            pieces.push(vec![(ascii(c), 0)]);
        }
    }
    let mut out = Variants::new();
    expand_into(&pieces, &mut out, 64);
    out
}

fn letter(c: char) -> Option<&'static [Opt]> {
    // Asomtavruli/Mtavruli capitals share the letters' order with Mkhedruli.
    let c = match c as u32 {
        0x1C90..=0x1CBA => char::from_u32(c as u32 - 0x1C90 + 0x10D0).unwrap_or(c),
        _ => c,
    };
    Some(match c {
        'ა' => &[("a", 0)],
        'ბ' => &[("b", 0)],
        'გ' => &[("g", 0)],
        'დ' => &[("d", 0)],
        'ე' => &[("e", 0)],
        'ვ' => &[("v", 0), ("w", 3)],
        'ზ' => &[("z", 0)],
        'თ' | 'ტ' => &[("t", 0)],
        'ი' => &[("i", 0)],
        'კ' => &[("k", 0)],
        'ქ' => &[("k", 0), ("kh", 2)],
        'ლ' => &[("l", 0)],
        'მ' => &[("m", 0)],
        'ნ' => &[("n", 0)],
        'ო' => &[("o", 0)],
        'პ' => &[("p", 0)],
        'ფ' => &[("p", 0), ("ph", 2)],
        'ჟ' => &[("zh", 0), ("j", 1)],
        'რ' => &[("r", 0)],
        'ს' => &[("s", 0)],
        'უ' => &[("u", 0)],
        'ღ' => &[("gh", 0), ("g", 1)],
        'ყ' => &[("q", 0), ("k", 1)],
        'შ' => &[("sh", 0)],
        'ჩ' | 'ჭ' => &[("ch", 0)],
        'ც' | 'წ' => &[("ts", 0), ("tz", 2), ("c", 3)],
        'ძ' => &[("dz", 0)],
        'ხ' => &[("kh", 0), ("x", 2), ("h", 2)],
        'ჯ' => &[("j", 0), ("dzh", 2), ("dj", 2)],
        'ჰ' => &[("h", 0)],
        _ => return None,
    })
}
