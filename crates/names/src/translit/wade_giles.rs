//! Chinese names in Wade-Giles romanisation (Mao Tse-tung, Hsi Chin-ping, Chiang Ch'ing-kuo)
//! read as pinyin (Mao Zedong, Xi Jinping, Jiang Jingguo), so that the two spellings of one
//! name meet. Older lists, Taiwanese names and English-language sources still write
//! Wade-Giles; Chinese script is transliterated to pinyin ([`super::han`]).
//!
//! Wade-Giles marks aspiration with an apostrophe (ch'in = qin, chin = jin) that is mostly
//! dropped in practice: without it both readings are given, the unaspirated first.
//!
//! Many short English and other words also read as Wade-Giles syllables (Pan, Lin, Sun), so a
//! name is read this way only where one of its words is unmistakably Wade-Giles: two syllables
//! joined by a hyphen (the usual way to write a Chinese given name), or a syllable with a
//! spelling pinyin does not have (hs-, ts-, tz-, -ih, -ieh, an aspiration apostrophe).

/// Most spellings given for one word, its own spelling included (as in [`super::latin_words`]).
const MOST_SPELLINGS: usize = 8;

/// Wade-Giles finals after a consonant, with their pinyin and whether they begin with i or ü
/// (palatal: after `ch` they make pinyin j/q, and `hs` takes only these). `o` and `u` depend on
/// the initial and are read in [`final_readings`].
const FINALS: &[(&str, &str, bool)] = &[
    ("a", "a", false),
    ("ai", "ai", false),
    ("an", "an", false),
    ("ang", "ang", false),
    ("ao", "ao", false),
    ("e", "e", false),
    ("ei", "ei", false),
    ("en", "en", false),
    ("eng", "eng", false),
    ("ou", "ou", false),
    ("ua", "ua", false),
    ("uai", "uai", false),
    ("uang", "uang", false),
    ("ui", "ui", false),
    ("uei", "ui", false),
    ("ung", "ong", false),
    ("uo", "uo", false),
    ("ih", "i", false),
    ("i", "i", true),
    ("ia", "ia", true),
    ("iang", "iang", true),
    ("iao", "iao", true),
    ("ieh", "ie", true),
    ("ien", "ian", true),
    ("in", "in", true),
    ("ing", "ing", true),
    ("iu", "iu", true),
    ("iung", "iong", true),
    ("ueh", "ue", true),
];

/// Syllables without a consonant initial, with their pinyin (`yu` is both yu and yü).
const BARE: &[(&str, &[&str])] = &[
    ("a", &["a"]),
    ("ai", &["ai"]),
    ("an", &["an"]),
    ("ang", &["ang"]),
    ("ao", &["ao"]),
    ("e", &["e"]),
    ("ei", &["ei"]),
    ("en", &["en"]),
    ("eng", &["eng"]),
    ("erh", &["er"]),
    ("o", &["e", "o"]),
    ("ou", &["ou"]),
    ("ya", &["ya"]),
    ("yai", &["yai"]),
    ("yang", &["yang"]),
    ("yao", &["yao"]),
    ("yeh", &["ye"]),
    ("yen", &["yan"]),
    ("yin", &["yin"]),
    ("ying", &["ying"]),
    ("yu", &["you", "yu"]),
    ("yuan", &["yuan"]),
    ("yueh", &["yue"]),
    ("yun", &["yun"]),
    ("yung", &["yong"]),
    ("wa", &["wa"]),
    ("wai", &["wai"]),
    ("wan", &["wan"]),
    ("wang", &["wang"]),
    ("wei", &["wei"]),
    ("wen", &["wen"]),
    ("weng", &["weng"]),
    ("wo", &["wo"]),
    ("wu", &["wu"]),
];

/// Consonant initials, longest first (`hs` before `h`, `ts` before `t`).
const INITIALS: &[&str] = &[
    "hs", "sh", "ss", "sz", "tz", "ts", "ch", "p", "m", "f", "t", "n", "l", "k", "h", "j", "s",
];

/// Pinyin spellings of a Wade-Giles word (lower case ASCII; syllables joined by one hyphen,
/// an apostrophe after an aspirated initial), most likely first, without the word's own
/// spelling; `None` when it does not read as one or two Wade-Giles syllables.
pub fn pinyin(word: &str) -> Option<Vec<String>> {
    let syllables: Vec<&str> = word.split('-').collect();
    if syllables.len() > 2 {
        return None;
    }
    let readings: Vec<Vec<String>> = syllables
        .iter()
        .map(|s| syllable_readings(s))
        .collect::<Option<_>>()?;
    // Every combination, ranked by how far down each syllable's readings it reaches.
    let mut combos: Vec<(usize, String)> = vec![(0, String::new())];
    for options in &readings {
        combos = combos
            .iter()
            .flat_map(|(rank, head)| {
                options
                    .iter()
                    .enumerate()
                    .map(move |(i, o)| (rank + i, format!("{head}{o}")))
            })
            .collect();
    }
    combos.sort_by_key(|(rank, _)| *rank);
    let own: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut out: Vec<String> = Vec::new();
    for (_, spelling) in combos {
        if spelling != own && !out.contains(&spelling) && out.len() + 1 < MOST_SPELLINGS {
            out.push(spelling);
        }
    }
    Some(out)
}

/// Whether `word` (as for [`pinyin`]) is unmistakably Wade-Giles: two syllables joined by a
/// hyphen, or one with a spelling pinyin lacks.
pub fn is_marked(word: &str) -> bool {
    let looks = word.contains(['-', '\'']) || has_marked_spelling(word);
    let mut syllables = word.split('-');
    looks && syllables.clone().count() <= 2 && syllables.all(is_syllable)
}

/// Whether a word spelt `spelling` (folded, without apostrophes) and written `original` could
/// be [`is_marked`]: a byte check on what analysis has already, so that most names build no
/// form to read (’ ‘ ʼ ʻ ´ are known by their lead bytes).
pub fn may_be_marked(spelling: &str, original: &str) -> bool {
    has_marked_spelling(spelling)
        || original
            .bytes()
            .any(|b| matches!(b, b'-' | b'\'' | b'`' | 0xE2 | 0xCA | 0xC2))
}

/// A syllable's length (at most seven letters) with a spelling pinyin lacks: hs-, ts-, tz-,
/// -ih, -ieh, -ueh.
fn has_marked_spelling(word: &str) -> bool {
    word.len() <= 7
        && matches!(
            word.as_bytes(),
            [b'h', b's', ..]
                | [b't', b's' | b'z', ..]
                | [.., b'i', b'h']
                | [.., b'i' | b'u', b'e', b'h']
        )
}

/// Whether `word` reads as one Wade-Giles syllable (nothing is built: this is asked of
/// every hyphenated pair of words a name has).
pub fn is_syllable(word: &str) -> bool {
    // The longest syllables have seven letters (ch'uang, hsiung).
    word.len() <= 7
        && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'')
        && (BARE.iter().any(|(s, _)| *s == word) || parse(word).is_some())
}

/// A pinyin final, and whether it begins with i or ü.
type Final = (&'static str, bool);

/// A syllable with a consonant initial: the initial, whether an apostrophe marks it
/// aspirated, and the one or two pinyin finals the rest reads as.
struct Parsed {
    initial: &'static str,
    aspirated: bool,
    finals: [Option<Final>; 2],
}

fn parse(syllable: &str) -> Option<Parsed> {
    for &initial in INITIALS {
        let Some(rest) = syllable.strip_prefix(initial) else {
            continue;
        };
        let (aspirated, rest) = match rest.strip_prefix('\'') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        if aspirated && !matches!(initial, "p" | "t" | "k" | "ts" | "tz" | "ch") {
            return None;
        }
        let finals = final_readings(initial, rest);
        if finals.iter().any(Option::is_some) {
            return Some(Parsed {
                initial,
                aspirated,
                finals,
            });
        }
    }
    None
}

/// Pinyin readings of one Wade-Giles syllable, most likely first.
fn syllable_readings(syllable: &str) -> Option<Vec<String>> {
    if let Some((_, pinyin)) = BARE.iter().find(|(s, _)| *s == syllable) {
        return Some(pinyin.iter().map(|p| p.to_string()).collect());
    }
    let Parsed {
        initial,
        aspirated,
        finals,
    } = parse(syllable)?;
    let mut out = Vec::new();
    for (fin, palatal) in finals.into_iter().flatten() {
        for head in initial_readings(initial, aspirated, palatal) {
            let spelling = format!("{head}{fin}");
            if !out.contains(&spelling) {
                out.push(spelling);
            }
        }
    }
    Some(out)
}

/// The pinyin finals `rest` reads as after `initial` (none where the two do not go together).
fn final_readings(initial: &str, rest: &str) -> [Option<Final>; 2] {
    let one = |f: Final| [Some(f), None];
    let fin: [Option<Final>; 2] = match rest {
        // o: bo, mo, fo; ge, he; duo, luo, zhuo ...
        "o" => match initial {
            "p" | "m" | "f" => one(("o", false)),
            "k" | "h" => one(("e", false)),
            _ => one(("uo", false)),
        },
        // u: zi, si after tz, ss, sz; after ch and hs also ü (ju, xu); so uan and un.
        "u" | "uan" | "un" => {
            let written = match rest {
                "uan" => "uan",
                "un" => "un",
                _ => "u",
            };
            match initial {
                "tz" | "ss" | "sz" if rest == "u" => one(("i", false)),
                "hs" => one((written, true)),
                "ch" => [Some((written, false)), Some((written, true))],
                _ => one((written, false)),
            }
        }
        _ => match FINALS.iter().find(|(wg, _, _)| *wg == rest) {
            Some(&(_, pinyin, palatal)) => one((pinyin, palatal)),
            None => [None, None],
        },
    };
    let allowed = |&(fin, palatal): &Final| match initial {
        // Only ch, sh and j take -ih (chih = zhi, shih = shi, jih = ri).
        _ if rest == "ih" => matches!(initial, "ch" | "sh" | "j"),
        "hs" => palatal,
        "p" | "m" | "t" | "n" | "l" | "ch" => true,
        _ => !palatal || fin == "u",
    };
    fin.map(|f| f.filter(allowed))
}

/// The pinyin initials of a Wade-Giles one; without its apostrophe an initial that has an
/// aspirated twin is read both ways, unaspirated first.
fn initial_readings(initial: &str, aspirated: bool, palatal: bool) -> &'static [&'static str] {
    let both = |plain: &'static [&'static str], asp: &'static [&'static str]| match aspirated {
        true => asp,
        false => plain,
    };
    match initial {
        "p" => both(&["b", "p"], &["p"]),
        "t" => both(&["d", "t"], &["t"]),
        "k" => both(&["g", "k"], &["k"]),
        "ts" | "tz" => both(&["z", "c"], &["c"]),
        "ch" if palatal => both(&["j", "q"], &["q"]),
        "ch" => both(&["zh", "ch"], &["ch"]),
        "hs" => &["x"],
        "j" => &["r"],
        "ss" | "sz" | "s" => &["s"],
        "sh" => &["sh"],
        "m" => &["m"],
        "f" => &["f"],
        "n" => &["n"],
        "l" => &["l"],
        "h" => &["h"],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Well-known names in Wade-Giles and the pinyin they must reach.
    #[test]
    fn wade_giles_names_reach_their_pinyin() {
        let cases = [
            ("tse-tung", "zedong"),
            ("hsi", "xi"),
            ("chin-ping", "jinping"),
            ("hsiao-ping", "xiaoping"),
            ("teng", "deng"),
            ("chiang", "jiang"),
            ("ching-kuo", "jingguo"),
            ("chieh-shih", "jieshi"),
            ("mao", "mao"),
            ("chou", "zhou"),
            ("ch'ing", "qing"),
            ("k'ung", "kong"),
            ("tzu", "zi"),
            ("ssu", "si"),
            ("hsueh", "xue"),
            ("hsiung", "xiong"),
            ("shih", "shi"),
            ("jih", "ri"),
            ("kuei", "gui"),
            ("yen", "yan"),
            ("yu", "you"),
            ("chu", "ju"),
            ("chu", "zhu"),
            ("lo", "luo"),
            ("ko", "ge"),
            ("po", "bo"),
            ("tsai", "cai"),
            ("shui-pien", "shuibian"),
        ];
        for (wg, want) in cases {
            let got = pinyin(wg).unwrap_or_else(|| panic!("{wg} should read as Wade-Giles"));
            // A syllable spelt as in pinyin already gives only its other readings.
            let own = wg.replace(['-', '\''], "");
            assert!(
                own == want || got.iter().any(|g| g == want),
                "{wg}: {want} not in {got:?}"
            );
        }
    }

    #[test]
    fn the_apostrophe_decides_aspiration() {
        assert_eq!(pinyin("ch'in").unwrap(), ["qin"]);
        assert_eq!(pinyin("chin").unwrap(), ["jin", "qin"]);
        assert_eq!(pinyin("t'ang").unwrap(), Vec::<String>::new());
        // The word's own spelling is not repeated.
        assert_eq!(pinyin("tang").unwrap(), ["dang"]);
    }

    #[test]
    fn words_that_are_not_wade_giles_are_left_alone() {
        for word in [
            "jean-claude",
            "mary-ann",
            "jong-un",
            "hassan",
            "tsvangirai",
            "smith",
            "a-b-c",
            "his",
            "hsa",
            "kih",
            "m'a",
        ] {
            assert_eq!(pinyin(word), None, "{word}");
        }
    }

    #[test]
    fn only_unmistakable_words_are_marked() {
        for word in [
            "tse-tung",
            "hsi",
            "tsai",
            "shih",
            "hsieh",
            "ch'en",
            "chin-ping",
        ] {
            assert!(is_marked(word), "{word}");
        }
        for word in [
            "mao",
            "pan",
            "lin",
            "sun",
            "chen",
            "tung",
            "jean-claude",
            "tsvetkov",
        ] {
            assert!(!is_marked(word), "{word}");
        }
    }

    proptest::proptest! {
        /// Any word of the letters the reader sees gives at most seven plain pinyin spellings,
        /// none of them the word's own, and is marked only where it reads.
        #[test]
        fn any_word_reads_to_plain_spellings(word in "[a-z'-]{0,12}|(hs|ts|ch|k)'?[a-z]{0,5}(-[a-z']{1,6})?") {
            let own: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
            if let Some(spellings) = pinyin(&word) {
                proptest::prop_assert!(spellings.len() < MOST_SPELLINGS);
                for s in &spellings {
                    proptest::prop_assert!(!s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()));
                    proptest::prop_assert!(s != &own);
                }
            } else {
                proptest::prop_assert!(!is_marked(&word));
            }
            // The cheap check passes every word that is marked.
            if is_marked(&word) {
                proptest::prop_assert!(may_be_marked(&word.replace('\'', ""), &word));
            }
        }
    }

    #[test]
    fn no_more_than_the_spellings_a_word_may_have() {
        let got = pinyin("chun-chun").unwrap();
        assert_eq!(got.len(), MOST_SPELLINGS - 1);
        assert_eq!(got[0], "zhunzhun");
    }
}
