//! Armenian to Latin: BGN/PCGN-style Eastern Armenian spellings, with Western Armenian voicing
//! (Hagop, Bedros) and common alternatives (-yan / -ian) as cheaper-ranked variants.

use super::greek::ascii;
use super::variants::{Opt, Variants, expand_into};

pub fn variants(word: &str) -> Variants {
    let letters: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut pieces: Vec<Vec<Opt>> = Vec::with_capacity(letters.len());
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        let first = i == 0;
        if c == 'ո' && letters.get(i + 1) == Some(&'ւ') {
            pieces.push(vec![("u", 0), ("ou", 1)]);
            i += 2;
            continue;
        }
        let opts: &[Opt] = match c {
            'ե' if first => &[("ye", 0), ("e", 1)],
            'ո' if first => &[("vo", 0), ("o", 1)],
            'յ' if first => &[("h", 0), ("y", 1)],
            'յ' => &[("y", 0), ("i", 1)],
            _ => match letter(c) {
                Some(opts) => opts,
                None => {
                    if c.is_ascii_alphanumeric() {
                        pieces.push(vec![(ascii(c), 0)]);
                    }
                    i += 1;
                    continue;
                }
            },
        };
        pieces.push(opts.to_vec());
        i += 1;
    }
    let mut out = Variants::new();
    expand_into(&pieces, &mut out, 64);
    out
}

fn letter(c: char) -> Option<&'static [Opt]> {
    Some(match c {
        'ա' => &[("a", 0)],
        'բ' => &[("b", 0), ("p", 2)],
        'գ' => &[("g", 0), ("k", 2)],
        'դ' => &[("d", 0), ("t", 2)],
        'ե' => &[("e", 0)],
        'զ' => &[("z", 0)],
        'է' => &[("e", 0)],
        'ը' => &[("y", 0), ("e", 1), ("", 2)],
        'թ' => &[("t", 0), ("th", 2)],
        'ժ' => &[("zh", 0), ("j", 1)],
        'ի' => &[("i", 0)],
        'լ' => &[("l", 0)],
        'խ' => &[("kh", 0), ("x", 2), ("h", 2)],
        'ծ' => &[("ts", 0), ("tz", 2), ("dz", 2)],
        'կ' => &[("k", 0), ("g", 2)],
        'հ' => &[("h", 0)],
        'ձ' => &[("dz", 0), ("ts", 2)],
        'ղ' => &[("gh", 0), ("g", 2)],
        'ճ' => &[("ch", 0), ("j", 2)],
        'մ' => &[("m", 0)],
        'ն' => &[("n", 0)],
        'շ' => &[("sh", 0)],
        'ո' => &[("o", 0)],
        'չ' => &[("ch", 0)],
        'պ' => &[("p", 0), ("b", 2)],
        'ջ' => &[("j", 0), ("ch", 2)],
        'ռ' | 'ր' => &[("r", 0)],
        'ս' => &[("s", 0)],
        'վ' => &[("v", 0)],
        'տ' => &[("t", 0), ("d", 2)],
        'ց' => &[("ts", 0), ("c", 2)],
        'ւ' => &[("v", 0), ("u", 1)],
        'փ' => &[("p", 0), ("ph", 2)],
        'ք' => &[("k", 0), ("q", 2)],
        'և' => &[("ev", 0), ("yev", 1)],
        'օ' => &[("o", 0)],
        'ֆ' => &[("f", 0)],
        _ => return None,
    })
}
