//! Japanese kana to modified Hepburn, with the usual handling of long vowels: dropped first
//! (`サトウ` -> sato), then written out (satou) or with h (satoh). Katakana foreign names
//! (`ウラジーミル` -> urajimiru) follow the same table.

use super::greek::ascii;
use super::variants::{Opt, Variants, expand_into};

pub fn variants(word: &str) -> Variants {
    // Katakana to hiragana so one table serves both.
    let kana: Vec<char> = word
        .chars()
        .map(|c| match c as u32 {
            0x30A1..=0x30F6 => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect();
    let mut pieces: Vec<Vec<Opt>> = Vec::with_capacity(kana.len());
    let mut last_vowel: Option<char> = None;
    let mut geminate = false;
    let mut i = 0;
    while i < kana.len() {
        let c = kana[i];
        let next = kana.get(i + 1).copied();
        if matches!(c, 'っ') {
            geminate = true;
            i += 1;
            continue;
        }
        if c == 'ー' {
            if let Some(v) = last_vowel {
                pieces.push(vec![("", 0), (vowel_str(v), 1), ("h", 2)]);
            }
            i += 1;
            continue;
        }
        // Long o and u written with う (or お): dropped, written, or oh.
        if (c == 'う' && matches!(last_vowel, Some('o' | 'u')))
            || (c == 'お' && last_vowel == Some('o'))
        {
            let written = if c == 'う' { "u" } else { "o" };
            pieces.push(vec![("", 0), (written, 1), ("h", 2)]);
            last_vowel = None;
            i += 1;
            continue;
        }
        let (romaji, used) = match next.and_then(|n| combo(c, n)) {
            Some(r) => (r, 2),
            None => match single(c) {
                Some(r) => (r, 1),
                None => {
                    if c.is_ascii_alphanumeric() {
                        pieces.push(vec![(ascii(c), 0)]);
                    }
                    i += 1;
                    continue;
                }
            },
        };
        if geminate {
            geminate = false;
            let doubled = if romaji.starts_with("ch") {
                "t"
            } else {
                romaji.get(..1).unwrap_or("")
            };
            pieces.push(vec![(doubled, 0)]);
        }
        // ん before b, m, p is written m by some.
        if c == 'ん' {
            let before_labial = kana
                .get(i + 1)
                .and_then(|&n| single(n))
                .is_some_and(|r| r.starts_with('b') || r.starts_with('m') || r.starts_with('p'));
            if before_labial {
                pieces.push(vec![("n", 0), ("m", 1)]);
                i += used;
                continue;
            }
        }
        pieces.push(vec![(romaji, 0)]);
        last_vowel = romaji.chars().last().filter(|v| "aiueo".contains(*v));
        i += used;
    }
    let mut out = Variants::new();
    expand_into(&pieces, &mut out, 64);
    out
}

fn vowel_str(v: char) -> &'static str {
    match v {
        'a' => "a",
        'i' => "i",
        'u' => "u",
        'e' => "e",
        _ => "o",
    }
}

/// Kana followed by a small kana: kya, sho, fa, ti, ...
fn combo(c: char, small: char) -> Option<&'static str> {
    let row = match small {
        'ゃ' => 0,
        'ゅ' => 1,
        'ょ' => 2,
        'ぁ' => 3,
        'ぃ' => 4,
        'ぇ' => 5,
        'ぉ' => 6,
        'ぅ' => 7,
        _ => return None,
    };
    let table: [&'static str; 8] = match c {
        'き' => ["kya", "kyu", "kyo", "", "", "kye", "", ""],
        'ぎ' => ["gya", "gyu", "gyo", "", "", "gye", "", ""],
        'し' => ["sha", "shu", "sho", "", "", "she", "", ""],
        'じ' => ["ja", "ju", "jo", "", "", "je", "", ""],
        'ち' => ["cha", "chu", "cho", "", "", "che", "", ""],
        'ぢ' => ["ja", "ju", "jo", "", "", "", "", ""],
        'に' => ["nya", "nyu", "nyo", "", "", "nye", "", ""],
        'ひ' => ["hya", "hyu", "hyo", "", "", "hye", "", ""],
        'び' => ["bya", "byu", "byo", "", "", "bye", "", ""],
        'ぴ' => ["pya", "pyu", "pyo", "", "", "pye", "", ""],
        'み' => ["mya", "myu", "myo", "", "", "mye", "", ""],
        'り' => ["rya", "ryu", "ryo", "", "", "rye", "", ""],
        'ふ' => ["fya", "fyu", "fyo", "fa", "fi", "fe", "fo", ""],
        'て' => ["", "tyu", "", "", "ti", "", "", ""],
        'で' => ["", "dyu", "", "", "di", "", "", ""],
        'と' => ["", "", "", "", "", "", "", "tu"],
        'ど' => ["", "", "", "", "", "", "", "du"],
        'う' => ["", "", "", "", "wi", "we", "wo", ""],
        'ゔ' => ["vya", "vyu", "vyo", "va", "vi", "ve", "vo", ""],
        'つ' => ["", "", "", "tsa", "tsi", "tse", "tso", ""],
        'く' => ["", "", "", "kwa", "kwi", "kwe", "kwo", ""],
        'ぐ' => ["", "", "", "gwa", "", "", "", ""],
        _ => return None,
    };
    table.get(row).copied().filter(|s| !s.is_empty())
}

fn single(c: char) -> Option<&'static str> {
    Some(match c {
        'あ' | 'ぁ' => "a",
        'い' | 'ぃ' => "i",
        'う' | 'ぅ' => "u",
        'え' | 'ぇ' => "e",
        'お' | 'ぉ' => "o",
        'か' => "ka",
        'き' => "ki",
        'く' => "ku",
        'け' => "ke",
        'こ' => "ko",
        'が' => "ga",
        'ぎ' => "gi",
        'ぐ' => "gu",
        'げ' => "ge",
        'ご' => "go",
        'さ' => "sa",
        'し' => "shi",
        'す' => "su",
        'せ' => "se",
        'そ' => "so",
        'ざ' => "za",
        'じ' => "ji",
        'ず' => "zu",
        'ぜ' => "ze",
        'ぞ' => "zo",
        'た' => "ta",
        'ち' => "chi",
        'つ' => "tsu",
        'て' => "te",
        'と' => "to",
        'だ' => "da",
        'ぢ' => "ji",
        'づ' => "zu",
        'で' => "de",
        'ど' => "do",
        'な' => "na",
        'に' => "ni",
        'ぬ' => "nu",
        'ね' => "ne",
        'の' => "no",
        'は' => "ha",
        'ひ' => "hi",
        'ふ' => "fu",
        'へ' => "he",
        'ほ' => "ho",
        'ば' => "ba",
        'び' => "bi",
        'ぶ' => "bu",
        'べ' => "be",
        'ぼ' => "bo",
        'ぱ' => "pa",
        'ぴ' => "pi",
        'ぷ' => "pu",
        'ぺ' => "pe",
        'ぽ' => "po",
        'ま' => "ma",
        'み' => "mi",
        'む' => "mu",
        'め' => "me",
        'も' => "mo",
        'や' | 'ゃ' => "ya",
        'ゆ' | 'ゅ' => "yu",
        'よ' | 'ょ' => "yo",
        'ら' => "ra",
        'り' => "ri",
        'る' => "ru",
        'れ' => "re",
        'ろ' => "ro",
        'わ' | 'ゎ' => "wa",
        'ゐ' => "i",
        'ゑ' => "e",
        'を' => "o",
        'ん' => "n",
        'ゔ' => "vu",
        _ => return None,
    })
}
