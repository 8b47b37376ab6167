//! Arabic script (Arabic, Persian, Urdu, Pashto letters) to the Latin spellings people write.
//!
//! Arabic leaves short vowels unwritten, so one word has many spellings. Order of attempts:
//! 1. a hand-written table of common name words ([`super::arabic_names`]);
//! 2. compounds: `عبد` + `ال...` (`عبدالعزيز` -> abdulaziz, abdelaziz, abd al aziz, ...), and
//!    `...الله` / `...الدين` endings (nasrallah, nuruddin);
//! 3. the definite article: `الرشيد` becomes two words, `al` (with el / ar / ash ... variants)
//!    and `rashid`, so the tokeniser sees the article as its own token like in "Al-Rashid";
//! 4. a rule-based fallback: each letter's press-style Latin spellings, a short-vowel slot
//!    between consonants, and the cheapest combinations first. Words with letters only native
//!    Arabic words use (ح ع ص ...) get native vowel habits (a between consonants, u for و);
//!    other words are taken as foreign names written in Arabic (no inserted vowel, o for و,
//!    p / v / g readings of ب / ف / ج / غ).
//!
//! Vowel marks (harakat) are dropped: lists almost never write them.

use super::arabic_names::NAME_WORDS;
use super::variants::{Opt, Variants, expand_into};
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Combinations tried per word by the rule-based fallback.
const RULE_BUDGET: usize = 200;

static NAMES: LazyLock<HashMap<String, &'static [&'static str]>> = LazyLock::new(|| {
    let mut map = HashMap::with_capacity(NAME_WORDS.len());
    for &(arabic, latin) in NAME_WORDS {
        // First row wins where the table repeats a word.
        map.entry(lookup_key(&clean(arabic))).or_insert(latin);
    }
    map
});

/// Spellings of each word of a run of Arabic-script words.
pub fn push_words(words: &[&str], out: &mut Vec<Vec<String>>) {
    let cleaned: Vec<Vec<char>> = words.iter().map(|w| clean(w)).collect();
    let mut i = 0;
    while i < cleaned.len() {
        let w = &cleaned[i];
        let key = lookup_key(w);
        // `عبد` written apart from the name it belongs to: `عبد الله`, `عبد العزيز`.
        if key == "عبد"
            && let Some(next) = cleaned.get(i + 1)
        {
            push_nonempty(abd_compound(next), out);
            i += 2;
            continue;
        }
        push_word(w, out);
        i += 1;
    }
}

fn push_nonempty(v: Variants, out: &mut Vec<Vec<String>>) {
    if !v.is_empty() {
        out.push(v.into_vec());
    }
}

/// One written word: a table word, a compound, an article + word, or a word spelled by rule.
fn push_word(w: &[char], out: &mut Vec<Vec<String>>) {
    let key = lookup_key(w);
    if NAMES.contains_key(&key) {
        push_nonempty(word_variants(w), out);
        return;
    }
    let n = w.len();
    if key.starts_with("عبد") && n >= 5 {
        push_nonempty(abd_compound(&w[3..]), out);
        return;
    }
    if key.starts_with("ال") && n >= 4 {
        let rest = &w[2..];
        push_nonempty(article(rest), out);
        push_nonempty(word_variants(rest), out);
        return;
    }
    if key.ends_with("الله") && n >= 6 {
        push_nonempty(allah_compound(&w[..n - 4]), out);
        return;
    }
    if key.ends_with("الدين") && n >= 7 {
        push_nonempty(din_compound(&w[..n - 5]), out);
        return;
    }
    push_nonempty(word_variants(w), out);
}

/// Spellings of a word without article: the table's, else the rules'.
fn word_variants(w: &[char]) -> Variants {
    let mut out = Variants::new();
    if let Some(latin) = NAMES.get(&lookup_key(w)) {
        latin.iter().for_each(|s| out.push(s));
        return out;
    }
    // Alternate the best spellings overall with the best that differ in consonants, so that a
    // few vowel guesses do not crowd out a likelier consonant reading.
    let pieces = rule_pieces(w);
    let (mut by_all, mut by_consonant) = (Variants::new(), Variants::new());
    expand_into(&pieces.full, &mut by_all, RULE_BUDGET);
    expand_into(&pieces.consonantal, &mut by_consonant, RULE_BUDGET);
    let (a, b) = (by_all.as_slice(), by_consonant.as_slice());
    for k in 0..a.len().max(b.len()) {
        if let Some(s) = a.get(k) {
            out.push(s);
        }
        if let Some(s) = b.get(k) {
            out.push(s);
        }
    }
    out
}

/// The article `ال` before `rest`: al / el, and the assimilated forms before sun letters
/// (`الرشيد` -> ar-rashid, `الشامي` -> ash-shami).
fn article(rest: &[char]) -> Variants {
    let mut out = Variants::new();
    out.push("al");
    out.push("el");
    if let Some(sun) = rest.first().and_then(|&c| sun_letter(c)) {
        out.push(&format!("a{sun}"));
        out.push(&format!("e{sun}"));
    }
    out
}

/// Latin of a sun letter (one that assimilates the article's l), else None.
fn sun_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ت' | 'ط' => "t",
        'ث' => "th",
        'د' | 'ض' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'ل' => "l",
        'ن' => "n",
        _ => return None,
    })
}

/// `عبد` + the word it governs (with or without article), as one word: abdulaziz, abdelaziz,
/// abd al aziz, abdul aziz, ...
fn abd_compound(next: &[char]) -> Variants {
    let mut out = Variants::new();
    let key = lookup_key(next);
    let (has_article, name) = if key.starts_with("ال") && next.len() >= 3 {
        (true, &next[2..])
    } else {
        (false, next)
    };
    if has_article && lookup_key(name) == "له" {
        for s in [
            "abdullah",
            "abdallah",
            "abd allah",
            "abdulla",
            "abdalla",
            "abdellah",
            "abdollah",
            "abdulah",
        ] {
            out.push(s);
        }
        return out;
    }
    let names = word_variants(name);
    let tops: Vec<&str> = names
        .as_slice()
        .iter()
        .take(3)
        .map(String::as_str)
        .collect();
    let Some(&first) = tops.first() else {
        return out;
    };
    if has_article {
        let sun = name.first().and_then(|&c| sun_letter(c));
        out.push(&format!("abdul{first}"));
        out.push(&format!("abdel{first}"));
        out.push(&format!("abd al {first}"));
        out.push(&format!("abdul {first}"));
        if let Some(s) = sun {
            out.push(&format!("abdu{s}{first}"));
            out.push(&format!("abd a{s} {first}"));
        } else {
            out.push(&format!("abdal{first}"));
            out.push(&format!("abd el {first}"));
        }
        for other in tops.iter().skip(1) {
            out.push(&format!("abdul{other}"));
            out.push(&format!("abdel{other}"));
        }
    } else {
        for r in &tops {
            out.push(&format!("abd{r}"));
            out.push(&format!("abd {r}"));
            out.push(&format!("abdu{r}"));
        }
    }
    out
}

/// A name ending in `الله`: nasrallah, nasrullah, nasr allah.
fn allah_compound(prefix: &[char]) -> Variants {
    let mut out = Variants::new();
    let heads = word_variants(prefix);
    for p in heads.as_slice().iter().take(2) {
        out.push(&format!("{p}allah"));
        out.push(&format!("{p}ullah"));
        out.push(&format!("{p} allah"));
        out.push(&format!("{p}ollah"));
    }
    out
}

/// A name ending in `الدين`: nuruddin, nur al din, noureddine, nur ad din.
fn din_compound(prefix: &[char]) -> Variants {
    let mut out = Variants::new();
    let heads = word_variants(prefix);
    for p in heads.as_slice().iter().take(2) {
        out.push(&format!("{p}uddin"));
        out.push(&format!("{p} al din"));
        out.push(&format!("{p}eddine"));
        out.push(&format!("{p} ad din"));
    }
    out
}

/// The word's letters in NFKC (presentation forms to letters) without vowel marks, tatweel,
/// joiners and apostrophes; Persian/Urdu variants of Arabic letters unified; digits to ASCII.
fn clean(word: &str) -> Vec<char> {
    word.nfkc()
        .filter_map(|c| match c {
            '\u{064B}'..='\u{065F}' | '\u{0640}' | '\u{200C}' | '\u{200D}' => None,
            '\'' | '\u{2019}' | '\u{02BC}' => None,
            // Superscript alef is a long a.
            '\u{0670}' => Some('ا'),
            'ی' | 'ې' | 'ۍ' => Some('ي'),
            'ک' | 'ڪ' => Some('ك'),
            'ہ' | 'ە' => Some('ه'),
            'ۀ' => Some('ه'),
            '٠'..='٩' => char::from_digit(c as u32 - 0x0660, 10),
            '۰'..='۹' => char::from_digit(c as u32 - 0x06F0, 10),
            _ => Some(c),
        })
        .collect()
}

/// Key of the name table: hamza seats, alef maksura and ta marbuta folded so that spelling
/// habits do not matter (`أسامة` = `اسامه`).
fn lookup_key(w: &[char]) -> String {
    w.iter()
        .filter_map(|&c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
            'ى' | 'ئ' => Some('ي'),
            'ة' => Some('ه'),
            'ؤ' => Some('و'),
            'ء' => None,
            _ => Some(c),
        })
        .collect()
}

/// Whether `w` reads as a native word: it has letters only native Arabic words tend to use
/// (foreign names use ث for th, خ for ch, ذ for dh, so those do not count), or it writes no
/// long vowel at all (foreign names written in Arabic spell their vowels out).
fn looks_native(w: &[char]) -> bool {
    w.iter()
        .any(|c| matches!(c, 'ح' | 'ع' | 'ص' | 'ض' | 'ط' | 'ظ' | 'ق' | 'ة' | 'ى'))
        || !w
            .iter()
            .skip(1)
            .any(|c| matches!(c, 'ا' | 'آ' | 'و' | 'ي' | 'ی'))
}

/// What a letter is in its word: a consonant (gets a short-vowel slot before the next
/// consonant) or a vowel (long vowel letter, ta marbuta, ...).
enum Unit {
    Cons(Vec<Opt>),
    Vowel(Vec<Opt>),
}

fn is_vowel_letter(c: Option<&char>) -> bool {
    matches!(c, Some('ا' | 'آ' | 'و' | 'ي' | 'ى' | 'ة'))
}

/// Pieces of the rule-based spelling of `w`, in two versions: all options (`full`), and
/// vowels and slots fixed to their usual spelling (`consonantal`), whose variants differ in
/// the consonants only.
struct RulePieces {
    full: Vec<Vec<Opt>>,
    consonantal: Vec<Vec<Opt>>,
}

/// Pieces of the rule-based spelling of `w`: each letter's options and a short-vowel slot
/// between two consonants.
fn rule_pieces(w: &[char]) -> RulePieces {
    let native = looks_native(w);
    let n = w.len();
    let mut units: Vec<Unit> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let c = w[i];
        let next = w.get(i + 1);
        let first = i == 0;
        let last = i + 1 == n;
        let after_vowel = matches!(units.last(), Some(Unit::Vowel(_)));
        // تش is how Arabic writes the ch of foreign names, تس their ts / z.
        if c == 'ت' && next == Some(&'ش') {
            units.push(Unit::Cons(vec![("ch", 0), ("tch", 1), ("tsh", 2)]));
            i += 2;
            continue;
        }
        if c == 'ت' && next == Some(&'س') && !native {
            units.push(Unit::Cons(vec![("ts", 0), ("tz", 1), ("z", 2)]));
            i += 2;
            continue;
        }
        let unit = match c {
            'ا' | 'ٱ' => {
                if first {
                    Unit::Vowel(vec![("a", 0), ("e", 2), ("i", 3)])
                } else if last {
                    Unit::Vowel(vec![("a", 0), ("ah", 3), ("e", 3)])
                } else {
                    Unit::Vowel(vec![("a", 0), ("e", 2), ("aa", 3)])
                }
            }
            'آ' => Unit::Vowel(vec![("a", 0), ("aa", 1)]),
            'أ' if first => Unit::Vowel(vec![("a", 0), ("e", 1), ("o", 2), ("u", 2)]),
            'أ' => Unit::Cons(vec![("", 0), ("a", 1), ("e", 2)]),
            'إ' => Unit::Vowel(vec![("i", 0), ("e", 1)]),
            'ؤ' => Unit::Vowel(vec![("u", 0), ("o", 1), ("", 2)]),
            'ئ' => Unit::Vowel(vec![("i", 0), ("e", 1), ("", 1), ("y", 2)]),
            'ء' => Unit::Cons(vec![("", 0), ("a", 2)]),
            'و' => waw(first, last, after_vowel, next, native),
            'ي' => ya(first, last, after_vowel, next, native),
            'ى' => Unit::Vowel(vec![("a", 0), ("i", 1), ("y", 2), ("e", 3)]),
            'ة' => Unit::Vowel(vec![("a", 0), ("ah", 1), ("at", 2), ("eh", 2), ("e", 3)]),
            'ه' if last && !first => {
                Unit::Cons(vec![("h", 0), ("", 1), ("e", 1), ("eh", 2), ("ah", 2)])
            }
            'ع' => {
                if first || !last {
                    Unit::Cons(vec![("", 0), ("a", 2)])
                } else {
                    Unit::Cons(vec![("", 0), ("a", 1)])
                }
            }
            '0'..='9' => Unit::Cons(vec![(digit(c), 0)]),
            // Urdu aspiration (bh, ph, th): no vowel goes before it, so it counts as a vowel.
            'ھ' => Unit::Vowel(vec![("h", 0)]),
            // Urdu bari ye, a final e / ay.
            'ے' => Unit::Vowel(vec![("e", 0), ("ay", 1), ("ai", 2)]),
            _ => match consonant(c, native) {
                Some(opts) => Unit::Cons(opts.to_vec()),
                None => {
                    i += 1;
                    continue;
                }
            },
        };
        units.push(unit);
        i += 1;
    }
    let slot: &[Opt] = if native {
        &[("a", 0), ("", 1), ("e", 1), ("i", 2), ("u", 2), ("o", 2)]
    } else {
        &[("", 0), ("a", 1), ("e", 1), ("i", 2), ("o", 2), ("u", 3)]
    };
    let mut full = Vec::with_capacity(units.len() * 2);
    let mut consonantal = Vec::with_capacity(units.len() * 2);
    for (k, unit) in units.iter().enumerate() {
        match unit {
            Unit::Vowel(opts) => {
                full.push(opts.clone());
                consonantal.push(opts.iter().take(1).copied().collect());
            }
            Unit::Cons(opts) => {
                full.push(opts.clone());
                consonantal.push(opts.clone());
                if matches!(units.get(k + 1), Some(Unit::Cons(_))) {
                    full.push(slot.to_vec());
                    consonantal.push(slot.iter().take(1).copied().collect());
                }
            }
        }
    }
    RulePieces { full, consonantal }
}

fn digit(c: char) -> &'static str {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    c.to_digit(10)
        .and_then(|d| DIGITS.get(d as usize).copied())
        .unwrap_or("")
}

/// و: a consonant w (Persian v) at the start or after a vowel; after a consonant the vowel
/// u / o, or a w before alef (native words take w there as a consonant, with a vowel before).
fn waw(first: bool, last: bool, after_vowel: bool, next: Option<&char>, native: bool) -> Unit {
    if first {
        return Unit::Cons(vec![("w", 0), ("v", 1), ("o", 3)]);
    }
    if after_vowel {
        return if last {
            Unit::Vowel(vec![("w", 0), ("u", 1), ("o", 2)])
        } else {
            Unit::Cons(vec![("w", 0), ("u", 1), ("v", 2)])
        };
    }
    let before_alef = matches!(next, Some('ا' | 'آ'));
    match (native, before_alef) {
        (true, true) => Unit::Cons(vec![("w", 0), ("u", 2), ("v", 2)]),
        (false, true) => Unit::Vowel(vec![("w", 0), ("o", 1), ("u", 1), ("aw", 2)]),
        (true, false) => Unit::Vowel(vec![("u", 0), ("o", 1), ("ou", 2), ("oo", 3), ("w", 3)]),
        (false, false) => Unit::Vowel(vec![("o", 0), ("u", 0), ("ou", 2), ("w", 2)]),
    }
}

/// ي: a consonant y at the start or between vowels, else the vowel i / e / ee; final i / y.
fn ya(first: bool, last: bool, after_vowel: bool, next: Option<&char>, native: bool) -> Unit {
    if first {
        let j = if native { 3 } else { 2 };
        return Unit::Cons(vec![("y", 0), ("i", 2), ("j", j)]);
    }
    let next_vowel = is_vowel_letter(next) && !last;
    if after_vowel && !last {
        return if next_vowel {
            Unit::Cons(vec![("y", 0), ("i", 1)])
        } else {
            Unit::Vowel(vec![("i", 0), ("y", 1), ("e", 1)])
        };
    }
    if next_vowel {
        // After a consonant before a vowel letter: ya / yo (lyubomir) or ia / io (fujio).
        return Unit::Vowel(vec![("y", 0), ("i", 1), ("e", 2)]);
    }
    match (last, native) {
        (true, true) => Unit::Vowel(vec![("i", 0), ("y", 1), ("ee", 3), ("ie", 3)]),
        (true, false) => Unit::Vowel(vec![("i", 0), ("y", 1), ("ie", 2), ("e", 2), ("ey", 3)]),
        (false, true) => Unit::Vowel(vec![("i", 0), ("ee", 1), ("e", 1), ("ei", 3), ("y", 3)]),
        (false, false) => Unit::Vowel(vec![("i", 0), ("e", 1), ("y", 2), ("ee", 3), ("ai", 3)]),
    }
}

/// Press-style Latin of a consonant letter, usual spelling first.
fn consonant(c: char, native: bool) -> Option<&'static [Opt]> {
    Some(match (c, native) {
        ('ب', true) => &[("b", 0), ("p", 3)],
        ('ب', false) => &[("b", 0), ("p", 1)],
        ('ت' | 'ط' | 'ٹ', _) => &[("t", 0)],
        ('ث', true) => &[("th", 0), ("s", 1), ("t", 2)],
        ('ث', false) => &[("th", 0), ("t", 1), ("s", 2)],
        ('ج', true) => &[("j", 0), ("g", 2), ("dj", 2)],
        ('ج', false) => &[("j", 0), ("g", 1), ("dj", 3)],
        ('ح', _) => &[("h", 0), ("hh", 3), ("kh", 4)],
        ('خ', _) => &[("kh", 0), ("h", 1), ("ch", 3), ("x", 4)],
        ('د' | 'ڈ', _) => &[("d", 0)],
        ('ذ', _) => &[("dh", 0), ("z", 1), ("th", 2), ("d", 2)],
        ('ر' | 'ڑ', _) => &[("r", 0)],
        ('ز', true) => &[("z", 0), ("s", 2)],
        ('ز', false) => &[("z", 0), ("s", 1)],
        ('س', true) => &[("s", 0), ("ss", 3)],
        ('س', false) => &[("s", 0), ("c", 2), ("ss", 2)],
        ('ش', true) => &[("sh", 0), ("ch", 2), ("sch", 3)],
        ('ش', false) => &[("sh", 0), ("ch", 1), ("sch", 2)],
        ('ص', _) => &[("s", 0), ("ss", 3)],
        ('ض', _) => &[("d", 0), ("dh", 1), ("z", 2)],
        ('ظ', _) => &[("z", 0), ("dh", 1), ("d", 2)],
        ('غ', true) => &[("gh", 0), ("g", 1)],
        ('غ', false) => &[("g", 0), ("gh", 1)],
        ('ف', true) => &[("f", 0), ("v", 3)],
        ('ف', false) => &[("f", 0), ("v", 1), ("ph", 3)],
        ('ق', true) => &[("q", 0), ("k", 1), ("g", 2)],
        ('ق', false) => &[("k", 0), ("q", 1), ("c", 2)],
        ('ك', true) => &[("k", 0), ("c", 3)],
        ('ك', false) => &[("k", 0), ("c", 1), ("ck", 3)],
        ('گ' | 'ڨ' | 'ګ', _) => &[("g", 0)],
        ('ل', _) => &[("l", 0)],
        ('م', _) => &[("m", 0)],
        ('ن' | 'ں' | 'ڼ', _) => &[("n", 0)],
        ('ه' | 'ۃ', _) => &[("h", 0)],
        ('پ', _) => &[("p", 0)],
        ('چ', _) => &[("ch", 0), ("tch", 3), ("c", 3)],
        ('ژ', _) => &[("zh", 0), ("j", 1), ("z", 2)],
        ('ڤ' | 'ڥ', _) => &[("v", 0)],
        ('ځ' | 'څ', _) => &[("dz", 0), ("z", 1), ("s", 2)],
        ('ښ' | 'ږ', _) => &[("sh", 0), ("kh", 1), ("zh", 2)],
        _ => return None,
    })
}
