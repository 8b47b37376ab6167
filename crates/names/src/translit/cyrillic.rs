//! Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian, Kazakh, Kyrgyz,
//! Tajik) to Latin. Names reach lists through several romanisation standards, each applied
//! consistently to a whole word, so a word is spelled once per standard (not letter by letter
//! mixed): `Евгений` -> yevgeniy (BGN/PCGN), yevgeny / evgeny (press), evgenii (ICAO passports),
//! evgenij (scholarly, diacritics folded), jewgeni (German), evgueni (French), ...

use super::variants::Variants;

/// Romanisation standards, in the order their spellings are offered for Russian.
#[derive(Clone, Copy, PartialEq, Eq)]
enum System {
    /// BGN/PCGN, the usual English-language one: Yevgeniy, Yuriy, Khrushchev.
    Bgn = 0,
    /// English press: Yevgeny, Yury (-ий -> y).
    Press,
    /// Plain English: Evgeny (no y- before initial e).
    Plain,
    /// ICAO 9303 (Russian passports since 2013): Evgenii, Iurii.
    Icao,
    /// Scholarly / ISO 9 / Serbian Gaj with diacritics folded: Evgenij, Jurij, Hruscev.
    Scholarly,
    /// German Duden: Jewgeni, Juri, Chruschtschow.
    German,
    /// French: Evgueni, Iouri, Poutine.
    French,
    /// Short English: Yevgeni, Yuri (-ий -> i).
    Short,
    /// Polish: Władimir Władimirowicz.
    Polish,
    /// Ukrainian national (2010) and Belarusian: Volodymyr, Hennadiy.
    Ukrainian,
    /// Dutch: Poetin, Tsjechov.
    Dutch,
}

const SYSTEMS: usize = 11;
use System::*;

const RUSSIAN_ORDER: [System; SYSTEMS] = [
    Bgn, Press, Plain, Short, Icao, Scholarly, German, French, Polish, Ukrainian, Dutch,
];
const UKRAINIAN_ORDER: [System; SYSTEMS] = [
    Ukrainian, Bgn, Press, Icao, Scholarly, Plain, German, French, Short, Polish, Dutch,
];
const SERBIAN_ORDER: [System; SYSTEMS] = [
    Scholarly, Bgn, Press, Plain, German, French, Icao, Short, Polish, Ukrainian, Dutch,
];

/// Spellings of each word of a run of Cyrillic words. Ukrainian, Belarusian or Serbian letters
/// anywhere in the run put that language's standard first for every word of it.
pub fn push_words(words: &[&str], out: &mut Vec<Vec<String>>) {
    let has = |letters: &[char]| {
        words
            .iter()
            .any(|w| w.chars().any(|c| letters.contains(&c)))
    };
    let order = if has(&['і', 'ї', 'є', 'ґ', 'ў', 'І', 'Ї', 'Є', 'Ґ', 'Ў']) {
        &UKRAINIAN_ORDER
    } else if has(&['ђ', 'ј', 'љ', 'њ', 'ћ', 'џ', 'Ђ', 'Ј', 'Љ', 'Њ', 'Ћ', 'Џ']) {
        &SERBIAN_ORDER
    } else {
        &RUSSIAN_ORDER
    };
    for w in words {
        let v = variants_in(w, order);
        if !v.is_empty() {
            out.push(v.into_vec());
        }
    }
}

fn variants_in(word: &str, order: &[System; SYSTEMS]) -> Variants {
    // Lower case, stress marks and other combining marks dropped.
    let letters: Vec<char> = word
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
        .collect();
    let mut out = Variants::new();
    let mut buf = String::with_capacity(letters.len() * 2);
    for &sys in order {
        buf.clear();
        romanise(&letters, sys, &mut buf);
        out.push(&buf);
    }
    out
}

fn romanise(letters: &[char], sys: System, buf: &mut String) {
    let n = letters.len();
    let mut i = 0;
    while i < n {
        let c = letters[i];
        let prev = if i > 0 {
            letters.get(i - 1).copied()
        } else {
            None
        };
        let next = letters.get(i + 1).copied();
        let at_end = i + 2 == n;
        // Adjective endings -ий / -ый, spelled differently by each standard.
        if at_end && matches!(c, 'и' | 'ы') && next == Some('й') && sys != Ukrainian {
            buf.push_str(ending_iy(c, sys));
            i += 2;
            continue;
        }
        // Plain English -ia for final -ия (Maria, Natalia).
        if at_end && matches!(sys, Plain | Short) && c == 'и' && next == Some('я') {
            buf.push_str("ia");
            i += 2;
            continue;
        }
        // French -ine for final -ин (Poutine), German/Polish -ow for final -ов/-ев.
        if at_end && sys == French && c == 'и' && next == Some('н') {
            buf.push_str("ine");
            i += 2;
            continue;
        }
        if at_end && matches!(sys, German | Polish) && c == 'о' && next == Some('в') {
            buf.push_str("ow");
            i += 2;
            continue;
        }
        // French writes g as gu before e and i (Evgueni).
        if sys == French && c == 'г' && matches!(next, Some('е' | 'и' | 'ы' | 'э')) {
            buf.push_str("gu");
            i += 1;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            buf.push(c);
            i += 1;
            continue;
        }
        let iotated = prev.is_none_or(|p| is_vowel(p) || matches!(p, 'ъ' | 'ь'));
        buf.push_str(letter(c, sys as usize, iotated));
        i += 1;
    }
}

fn ending_iy(c: char, sys: System) -> &'static str {
    let soft = c == 'и';
    match sys {
        Bgn => {
            if soft {
                "iy"
            } else {
                "yy"
            }
        }
        Press | Plain => "y",
        Icao => {
            if soft {
                "ii"
            } else {
                "yi"
            }
        }
        Scholarly | Polish => {
            if soft {
                "ij"
            } else {
                "yj"
            }
        }
        German | French | Short | Dutch => {
            if soft {
                "i"
            } else {
                "y"
            }
        }
        Ukrainian => "yi",
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е'
            | 'ё'
            | 'и'
            | 'о'
            | 'у'
            | 'ы'
            | 'э'
            | 'ю'
            | 'я'
            | 'і'
            | 'ї'
            | 'є'
            | 'ә'
            | 'ө'
            | 'ү'
            | 'ұ'
    )
}

/// Latin for one letter in a standard. Columns follow [`System`]'s order:
/// Bgn, Press, Plain, Icao, Scholarly, German, French, Short, Polish, Ukrainian, Dutch.
fn letter(c: char, sys: usize, iotated: bool) -> &'static str {
    let row: [&'static str; SYSTEMS] = match c {
        'а' => ["a"; SYSTEMS],
        'б' => ["b"; SYSTEMS],
        'в' => ["v", "v", "v", "v", "v", "w", "v", "v", "w", "v", "v"],
        'г' => ["g", "g", "g", "g", "g", "g", "g", "g", "g", "h", "g"],
        'ґ' => ["g"; SYSTEMS],
        'д' => ["d"; SYSTEMS],
        'е' if iotated => ["ye", "ye", "e", "e", "e", "je", "e", "ye", "je", "e", "je"],
        'е' => ["e"; SYSTEMS],
        'ё' if iotated => [
            "yo", "yo", "yo", "e", "e", "jo", "io", "yo", "jo", "yo", "jo",
        ],
        'ё' => ["yo", "e", "e", "e", "e", "jo", "io", "yo", "io", "io", "jo"],
        'є' => [
            "ye", "ye", "e", "ie", "je", "je", "ie", "ye", "je", "ye", "je",
        ],
        'ж' => [
            "zh", "zh", "zh", "zh", "z", "sch", "j", "zh", "z", "zh", "zj",
        ],
        'з' => ["z", "z", "z", "z", "z", "s", "z", "z", "z", "z", "z"],
        'и' => ["i", "i", "i", "i", "i", "i", "i", "i", "i", "y", "i"],
        'і' => ["i"; SYSTEMS],
        'ї' => ["yi", "yi", "i", "i", "ji", "ji", "i", "i", "ji", "i", "ji"],
        'й' => ["y", "y", "y", "i", "j", "j", "i", "y", "j", "i", "j"],
        'к' => ["k"; SYSTEMS],
        'л' => ["l"; SYSTEMS],
        'м' => ["m"; SYSTEMS],
        'н' => ["n"; SYSTEMS],
        'о' => ["o"; SYSTEMS],
        'п' => ["p"; SYSTEMS],
        'р' => ["r"; SYSTEMS],
        'с' => ["s"; SYSTEMS],
        'т' => ["t"; SYSTEMS],
        'у' => ["u", "u", "u", "u", "u", "u", "ou", "u", "u", "u", "oe"],
        'ў' => ["w", "w", "u", "u", "u", "w", "ou", "w", "u", "w", "w"],
        'ф' => ["f"; SYSTEMS],
        'х' => [
            "kh", "kh", "kh", "kh", "h", "ch", "kh", "kh", "ch", "kh", "ch",
        ],
        'ц' => [
            "ts", "ts", "ts", "ts", "c", "z", "ts", "ts", "c", "ts", "ts",
        ],
        'ч' => [
            "ch", "ch", "ch", "ch", "c", "tsch", "tch", "ch", "cz", "ch", "tsj",
        ],
        'ш' => [
            "sh", "sh", "sh", "sh", "s", "sch", "ch", "sh", "sz", "sh", "sj",
        ],
        'щ' => [
            "shch", "shch", "sch", "shch", "sc", "schtsch", "chtch", "sch", "szcz", "shch", "sjtsj",
        ],
        'ъ' | 'ь' => [""; SYSTEMS],
        'ы' => ["y"; SYSTEMS],
        'э' => ["e"; SYSTEMS],
        'ю' => [
            "yu", "yu", "yu", "iu", "ju", "ju", "iou", "yu", "ju", "yu", "joe",
        ],
        'я' => [
            "ya", "ya", "ya", "ia", "ja", "ja", "ia", "ya", "ja", "ya", "ja",
        ],
        // Serbian and Macedonian.
        'ђ' => [
            "dj", "dj", "dj", "dj", "dj", "dj", "dj", "dj", "dz", "dj", "dj",
        ],
        'ј' => ["j", "y", "j", "j", "j", "j", "j", "y", "j", "j", "j"],
        'љ' => ["lj"; SYSTEMS],
        'њ' => ["nj"; SYSTEMS],
        'ћ' => [
            "ch", "ch", "c", "c", "c", "tsch", "tch", "ch", "c", "ch", "tsj",
        ],
        'џ' => [
            "dzh", "dzh", "dz", "dz", "dz", "dsch", "dj", "j", "dz", "dzh", "dzj",
        ],
        'ѓ' => ["gj"; SYSTEMS],
        'ќ' => ["kj"; SYSTEMS],
        'ѕ' => ["dz"; SYSTEMS],
        // Kazakh, Kyrgyz, Tajik, Bashkir, Tatar.
        'ә' => ["a", "a", "a", "a", "a", "ae", "a", "a", "a", "a", "a"],
        'ғ' => ["gh", "g", "g", "g", "g", "g", "g", "gh", "g", "gh", "gh"],
        'қ' => ["q", "k", "k", "q", "k", "k", "k", "k", "k", "q", "k"],
        'ң' => ["ng", "n", "n", "ng", "n", "ng", "n", "ng", "n", "ng", "ng"],
        'ө' => ["o", "o", "o", "o", "o", "oe", "o", "o", "o", "o", "o"],
        'ұ' | 'ӯ' => ["u"; SYSTEMS],
        'ү' => ["u", "u", "u", "u", "u", "ue", "u", "u", "u", "u", "u"],
        'һ' | 'ҳ' => ["h"; SYSTEMS],
        'ҷ' | 'җ' => ["j", "j", "j", "j", "j", "dsch", "dj", "j", "dz", "j", "dj"],
        'ӣ' => ["i"; SYSTEMS],
        _ => return "",
    };
    row.get(sys).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_system_has_a_column() {
        assert_eq!(Dutch as usize + 1, SYSTEMS);
    }
}
