//! Korean Hangul to Latin, syllables decomposed algorithmically into jamo.
//!
//! Three consistent spellings of each word: the North Korean / McCune-Reischauer style without
//! diacritics (Jong Un, Choe Ryong Hae), Revised Romanisation (Jeong Eun) and the popular South
//! Korean style (Jung Eun, Soo, Hee). Personal names of 2-4 syllables that start with a common
//! surname become two words: the surname with its usual spellings (`김` -> kim, gim; `이` ->
//! lee, yi, rhee, ri) and the given name, written joined and with a space between syllables
//! (`김정은` -> [kim, gim], [jongun, jong un, jeongeun, jeong eun, jungeun, jung eun]) so that it
//! meets both "Kim Jong Un" and "Kim Jong-un" whichever way the tokeniser splits.

use super::variants::Variants;

const SYLLABLE_FIRST: u32 = 0xAC00;
const SYLLABLE_LAST: u32 = 0xD7A3;

/// Common surnames and their usual spellings, most common first.
const SURNAMES: &[(char, &[&str])] = &[
    ('김', &["kim", "gim"]),
    ('이', &["lee", "yi", "rhee", "ri", "i", "rhie"]),
    ('리', &["ri", "lee", "rhee", "li"]),
    ('박', &["park", "pak", "bak", "bark"]),
    ('최', &["choi", "choe", "chey"]),
    ('정', &["jung", "jeong", "chung", "jong", "chong", "cheong"]),
    ('강', &["kang", "gang"]),
    ('조', &["cho", "jo", "joe", "chough"]),
    ('윤', &["yoon", "yun"]),
    ('장', &["jang", "chang"]),
    ('임', &["lim", "im", "rim", "yim"]),
    ('림', &["rim", "lim", "im"]),
    ('한', &["han"]),
    ('오', &["oh", "o"]),
    ('서', &["seo", "suh", "so", "sur"]),
    ('신', &["shin", "sin"]),
    ('권', &["kwon", "gwon", "kweon"]),
    ('황', &["hwang"]),
    ('안', &["ahn", "an"]),
    ('송', &["song"]),
    ('류', &["ryu", "yoo", "yu", "ryoo", "rhyu"]),
    ('유', &["yoo", "yu", "you", "ryu"]),
    ('전', &["jeon", "jun", "chun", "chon", "jon"]),
    ('홍', &["hong"]),
    ('고', &["ko", "go", "koh"]),
    ('문', &["moon", "mun"]),
    ('양', &["yang", "ryang"]),
    ('량', &["ryang", "yang"]),
    ('손', &["son", "sohn"]),
    ('배', &["bae", "pae"]),
    ('백', &["baek", "paek", "paik", "baik"]),
    ('허', &["heo", "hur", "huh", "ho"]),
    ('남', &["nam"]),
    ('노', &["noh", "no", "roh", "ro"]),
    ('로', &["ro", "roh", "no"]),
    ('하', &["ha"]),
    ('곽', &["kwak", "gwak"]),
    ('성', &["sung", "seong", "song"]),
    ('차', &["cha"]),
    ('주', &["joo", "ju", "chu", "choo"]),
    ('우', &["woo", "u"]),
    ('구', &["koo", "gu", "ku"]),
    ('민', &["min"]),
    ('진', &["jin", "chin"]),
    ('지', &["ji", "chi"]),
    ('엄', &["eom", "um", "uhm", "om"]),
    ('채', &["chae"]),
    ('원', &["won"]),
    ('천', &["cheon", "chun", "chon"]),
    ('방', &["bang", "pang"]),
    ('공', &["kong", "gong"]),
    ('현', &["hyun", "hyeon", "hyon"]),
    ('함', &["ham"]),
    ('변', &["byun", "byeon", "pyon"]),
    ('염', &["yeom", "yum", "yom"]),
    ('여', &["yeo", "yo", "yuh"]),
    ('추', &["choo", "chu"]),
    ('도', &["do", "doh", "to"]),
    ('소', &["so"]),
    ('석', &["seok", "suk", "sok"]),
    ('선', &["sun", "seon", "son"]),
    ('설', &["seol", "sul", "sol"]),
    ('마', &["ma"]),
    ('길', &["gil", "kil"]),
    ('연', &["yeon", "yun", "yon"]),
    ('위', &["wi", "wee"]),
    ('표', &["pyo"]),
    ('명', &["myung", "myeong", "myong"]),
    ('기', &["ki", "gi"]),
    ('반', &["ban", "pan"]),
    ('왕', &["wang"]),
    ('금', &["geum", "kum", "keum"]),
    ('옥', &["ok"]),
    ('육', &["yuk", "yook"]),
    ('인', &["in"]),
    ('맹', &["maeng"]),
    ('제', &["je", "jae", "che"]),
    ('모', &["mo"]),
    ('탁', &["tak"]),
    ('국', &["kook", "guk", "kuk"]),
    ('어', &["eo", "uh", "o"]),
    ('은', &["eun", "un"]),
    ('편', &["pyun", "pyeon", "pyon"]),
    ('용', &["yong", "ryong"]),
    ('룡', &["ryong", "yong"]),
];

const COMPOUND_SURNAMES: &[(&str, &[&str])] = &[
    ("남궁", &["namgung", "namkung", "namkoong"]),
    ("황보", &["hwangbo", "hwangpo"]),
    ("제갈", &["jegal", "chegal"]),
    ("선우", &["sunwoo", "seonu", "sonu"]),
    ("독고", &["dokgo", "tokko"]),
    ("사공", &["sagong", "sakong"]),
    ("서문", &["seomun", "somun"]),
];

#[derive(Clone, Copy)]
enum Style {
    /// North Korean usage / McCune-Reischauer without diacritics.
    North,
    /// Revised Romanisation (South Korea, 2000).
    Revised,
    /// Popular South Korean spellings (Jung, Soo, Hee, Young).
    Popular,
}

const STYLES: [Style; 3] = [Style::North, Style::Revised, Style::Popular];

pub fn push_words(words: &[&str], out: &mut Vec<Vec<String>>) {
    for word in words {
        let syllables: Vec<char> = word.chars().filter(|&c| is_syllable(c)).collect();
        if syllables.is_empty() {
            continue;
        }
        if let Some((surname, given)) = split_name(&syllables, words.len()) {
            push_nonempty(surname, out);
            if !given.is_empty() {
                push_nonempty(spell(given, true), out);
            }
        } else {
            push_nonempty(spell(&syllables, false), out);
        }
    }
}

fn push_nonempty(v: Variants, out: &mut Vec<Vec<String>>) {
    if !v.is_empty() {
        out.push(v.into_vec());
    }
}

fn is_syllable(c: char) -> bool {
    (SYLLABLE_FIRST..=SYLLABLE_LAST).contains(&(c as u32))
}

/// A personal name's surname spellings and its given-name syllables. A lone syllable that is
/// a surname counts when the name is written in several words (`김 정은`).
fn split_name(syllables: &[char], words_in_run: usize) -> Option<(Variants, &[char])> {
    let mut v = Variants::new();
    if syllables.len() >= 3 {
        let head: String = syllables.iter().take(2).collect();
        if let Some((_, spellings)) = COMPOUND_SURNAMES.iter().find(|(s, _)| *s == head) {
            spellings.iter().for_each(|s| v.push(s));
            return Some((v, syllables.get(2..).unwrap_or(&[])));
        }
    }
    // In a name of several words a word of two syllables is a given name (`성진 김`, `김 성진`);
    // written alone it is a surname and a one-syllable given name (`김진`).
    let fits = match words_in_run {
        1 => (2..=4).contains(&syllables.len()),
        _ => syllables.len() == 1 || (3..=4).contains(&syllables.len()),
    };
    let first = syllables.first()?;
    let (_, spellings) = SURNAMES.iter().find(|(s, _)| s == first)?;
    if !fits {
        return None;
    }
    spellings.iter().for_each(|s| v.push(s));
    Some((v, syllables.get(1..).unwrap_or(&[])))
}

/// Spellings of a run of syllables in each style; with `spaced`, each joined and with spaces.
fn spell(syllables: &[char], spaced: bool) -> Variants {
    let mut out = Variants::new();
    for style in STYLES {
        let mut after_l = false;
        let parts: Vec<String> = syllables
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let (text, ends_in_l) = syllable(c, i == 0, after_l, style);
                after_l = ends_in_l;
                text
            })
            .collect();
        out.push(&parts.concat());
        if spaced && parts.len() > 1 {
            out.push(&parts.join(" "));
        }
    }
    out
}

/// One syllable in a style, and whether it ends in ㄹ; `initial` says whether it starts the
/// word, `after_l` whether the syllable before ended in ㄹ (ㄹ + ㄹ is written ll).
fn syllable(c: char, initial: bool, after_l: bool, style: Style) -> (String, bool) {
    let index = (c as u32).saturating_sub(SYLLABLE_FIRST);
    let (lead, vowel, tail) = (index / 588, (index % 588) / 28, index % 28);
    let lead = if after_l && lead == 5 {
        "l"
    } else {
        leading(lead as usize, style, initial)
    };
    let vowel = medial(vowel as usize, style);
    let tail = trailing(tail as usize);
    let mut s = String::with_capacity(lead.len() + vowel.len() + tail.len());
    s.push_str(lead);
    s.push_str(vowel);
    s.push_str(tail);
    (s, index % 28 == 8)
}

fn leading(i: usize, style: Style, initial: bool) -> &'static str {
    const REVISED: [&str; 19] = [
        "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
        "p", "h",
    ];
    const NORTH: [&str; 19] = [
        "k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
        "p", "h",
    ];
    match style {
        Style::North => NORTH.get(i).copied().unwrap_or(""),
        // South Korean popular spellings use k for an initial ㄱ (Kim, Kang, Kwang).
        Style::Popular if initial && i == 0 => "k",
        _ => REVISED.get(i).copied().unwrap_or(""),
    }
}

fn medial(i: usize, style: Style) -> &'static str {
    const REVISED: [&str; 21] = [
        "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
        "we", "wi", "yu", "eu", "ui", "i",
    ];
    const NORTH: [&str; 21] = [
        "a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
        "we", "wi", "yu", "u", "ui", "i",
    ];
    const POPULAR: [&str; 21] = [
        "a", "ae", "ya", "yae", "u", "e", "yu", "ye", "o", "wa", "wae", "oe", "yo", "oo", "wo",
        "we", "wi", "yu", "eu", "ee", "i",
    ];
    let table = match style {
        Style::North => &NORTH,
        Style::Revised => &REVISED,
        Style::Popular => &POPULAR,
    };
    table.get(i).copied().unwrap_or("")
}

fn trailing(i: usize) -> &'static str {
    const FINALS: [&str; 28] = [
        "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
        "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t",
    ];
    FINALS.get(i).copied().unwrap_or("")
}
