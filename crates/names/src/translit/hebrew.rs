//! Hebrew to Latin. Hebrew writes few vowels, so common names come from a hand-written table
//! (`משה` -> moshe, `יוסף` -> yosef, yossef, josef, joseph) and other words from letter rules
//! with a short-vowel slot between consonants, cheapest combinations first. Vowel points and
//! cantillation marks are dropped; geresh marks foreign sounds (`ג׳` j, `ז׳` zh, `צ׳` ch).

use super::greek::ascii;
use super::variants::{Opt, Variants, expand_into};
use std::collections::HashMap;
use std::sync::LazyLock;

const NAME_WORDS: &[(&str, &[&str])] = &[
    ("משה", &["moshe", "moses", "moishe", "mosheh"]),
    ("יוסף", &["yosef", "yossef", "josef", "joseph", "yoseph"]),
    ("אברהם", &["avraham", "abraham", "avrohom", "avram"]),
    (
        "יצחק",
        &[
            "yitzhak", "itzhak", "yitzchak", "isaac", "itzchak", "yitshak",
        ],
    ),
    (
        "יעקב",
        &["yaakov", "yaacov", "yakov", "jacob", "yaakob", "yankev"],
    ),
    ("דוד", &["david", "dovid", "daoud"]),
    ("שלמה", &["shlomo", "solomon", "shelomo", "schlomo"]),
    ("שמואל", &["shmuel", "samuel", "schmuel", "shmul"]),
    ("אהרן", &["aharon", "aaron", "aron", "aharoni"]),
    ("אהרון", &["aharon", "aaron", "aron"]),
    ("בנימין", &["binyamin", "benjamin", "binyomin", "benyamin"]),
    ("מרדכי", &["mordechai", "mordecai", "mordehai", "mordechay"]),
    ("יהודה", &["yehuda", "yehudah", "judah", "jehuda"]),
    ("אליהו", &["eliyahu", "elijah", "eliahu"]),
    ("ישראל", &["yisrael", "israel", "yisroel", "isroel"]),
    (
        "חיים",
        &["chaim", "haim", "hayim", "chayim", "khaim", "hayyim"],
    ),
    ("מנחם", &["menachem", "menahem", "menakhem"]),
    ("אריה", &["arie", "aryeh", "arieh", "arye"]),
    ("נתן", &["natan", "nathan"]),
    ("יונתן", &["yonatan", "jonathan", "yonathan"]),
    ("דניאל", &["daniel"]),
    ("מיכאל", &["michael", "mikhael", "michail"]),
    ("גבריאל", &["gabriel", "gavriel"]),
    ("רפאל", &["refael", "raphael", "rafael"]),
    ("עמוס", &["amos"]),
    ("אבי", &["avi"]),
    ("רון", &["ron"]),
    ("אורי", &["uri", "ori"]),
    ("עוזי", &["uzi", "uzzi"]),
    ("גיל", &["gil"]),
    ("אהוד", &["ehud"]),
    ("יאיר", &["yair", "jair"]),
    ("אביגדור", &["avigdor"]),
    ("שמעון", &["shimon", "simon", "simeon"]),
    ("יוסי", &["yossi", "yosi", "josi"]),
    ("שרה", &["sarah", "sara"]),
    ("רחל", &["rachel", "rahel", "rochel"]),
    ("לאה", &["leah", "lea"]),
    ("רבקה", &["rivka", "rebecca", "rivkah", "rebekah"]),
    ("מרים", &["miriam", "miryam"]),
    ("אסתר", &["esther", "ester"]),
    ("חנה", &["hannah", "chana", "hana", "channah", "chanah"]),
    ("נתניהו", &["netanyahu", "netaniyahu"]),
    ("כהן", &["cohen", "kohen", "cohn", "kahn", "kohn"]),
    ("לוי", &["levi", "levy", "halevi"]),
    ("פרץ", &["peretz", "perez", "peres"]),
    ("ביטון", &["biton", "bitton"]),
    ("מזרחי", &["mizrahi", "mizrachi"]),
    ("אשכנזי", &["ashkenazi"]),
    ("פרידמן", &["friedman", "fridman"]),
    ("גולדברג", &["goldberg"]),
    ("שפירא", &["shapira", "shapiro"]),
    ("רבינוביץ", &["rabinovich", "rabinowitz", "rabinovitz"]),
    ("ברק", &["barak"]),
    ("שרון", &["sharon"]),
    ("גנץ", &["gantz", "ganz"]),
    ("ליברמן", &["lieberman", "liberman"]),
    ("אברמוביץ", &["abramovich", "abramovitz", "abramowitz"]),
    ("בן", &["ben"]),
    ("בת", &["bat"]),
];

static NAMES: LazyLock<HashMap<String, &'static [&'static str]>> = LazyLock::new(|| {
    NAME_WORDS
        .iter()
        .map(|&(hebrew, latin)| (final_forms_folded(hebrew), latin))
        .collect()
});

/// Final letter forms folded to their medial forms, points and marks dropped.
fn final_forms_folded(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(*c as u32, 0x0591..=0x05C7))
        .map(|c| match c {
            'ך' => 'כ',
            'ם' => 'מ',
            'ן' => 'נ',
            'ף' => 'פ',
            'ץ' => 'צ',
            _ => c,
        })
        .collect()
}

pub fn variants(word: &str) -> Variants {
    let mut out = Variants::new();
    let key = final_forms_folded(word).replace(['\'', '׳', '״', '"'], "");
    if let Some(latin) = NAMES.get(&key) {
        latin.iter().for_each(|s| out.push(s));
        return out;
    }
    let pieces = rule_pieces(&key.chars().collect::<Vec<_>>());
    expand_into(&pieces, &mut out, 200);
    out
}

enum Unit {
    Cons(&'static [Opt]),
    /// A Latin letter or digit inside the word, kept as it is.
    Lit(&'static str),
    Vowel(&'static [Opt]),
}

fn rule_pieces(w: &[char]) -> Vec<Vec<Opt>> {
    let original = w;
    let n = original.len();
    let mut units = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        let c = original[i];
        let next = original.get(i + 1).copied();
        let first = i == 0;
        let last = i + 1 == n;
        let prev_is_cons = i > 0 && !matches!(original.get(i - 1), Some('ו' | 'י' | 'א' | 'ע'));
        if matches!(next, Some('\'' | '׳')) {
            let opts: Option<&'static [Opt]> = match c {
                'ג' => Some(&[("j", 0), ("g", 2)]),
                'ז' => Some(&[("zh", 0), ("j", 1)]),
                'צ' => Some(&[("ch", 0), ("tsh", 2)]),
                _ => None,
            };
            if let Some(opts) = opts {
                units.push(Unit::Cons(opts));
                i += 2;
                continue;
            }
        }
        if c == 'ו' && next == Some('ו') {
            units.push(Unit::Cons(&[("v", 0), ("w", 1)]));
            i += 2;
            continue;
        }
        if c == 'י' && next == Some('י') {
            units.push(Unit::Cons(&[("y", 0), ("ai", 1), ("ei", 2)]));
            i += 2;
            continue;
        }
        let unit = match c {
            'א' if first => Unit::Vowel(&[("a", 0), ("e", 1), ("i", 2), ("o", 2)]),
            'א' => Unit::Vowel(&[("", 0), ("a", 1), ("e", 2)]),
            'ע' if first => Unit::Vowel(&[("a", 0), ("e", 1), ("o", 2), ("i", 2)]),
            'ע' => Unit::Vowel(&[("", 0), ("a", 1)]),
            'ב' if first => Unit::Cons(&[("b", 0), ("v", 1)]),
            'ב' => Unit::Cons(&[("v", 0), ("b", 1)]),
            'ג' => Unit::Cons(&[("g", 0)]),
            'ד' => Unit::Cons(&[("d", 0)]),
            'ה' if last && !first => Unit::Vowel(&[("a", 0), ("ah", 1), ("e", 2), ("eh", 2)]),
            'ה' => Unit::Cons(&[("h", 0)]),
            'ו' if first => Unit::Cons(&[("v", 0), ("w", 1)]),
            'ו' if prev_is_cons || i > 0 => Unit::Vowel(&[("o", 0), ("u", 1), ("v", 2)]),
            'ו' => Unit::Cons(&[("v", 0)]),
            'ז' => Unit::Cons(&[("z", 0)]),
            'ח' => Unit::Cons(&[("ch", 0), ("h", 1), ("kh", 1)]),
            'ט' => Unit::Cons(&[("t", 0)]),
            'י' if first => Unit::Cons(&[("y", 0), ("i", 1), ("j", 2)]),
            'י' if last => Unit::Vowel(&[("i", 0), ("y", 1), ("ie", 3)]),
            'י' => Unit::Vowel(&[("i", 0), ("e", 1), ("y", 2), ("ei", 3)]),
            'כ' if first => Unit::Cons(&[("k", 0), ("ch", 1)]),
            'כ' if last => Unit::Cons(&[("ch", 0), ("kh", 1), ("k", 2)]),
            'כ' => Unit::Cons(&[("ch", 0), ("k", 1), ("kh", 1)]),
            'ל' => Unit::Cons(&[("l", 0)]),
            'מ' => Unit::Cons(&[("m", 0)]),
            'נ' => Unit::Cons(&[("n", 0)]),
            'ס' => Unit::Cons(&[("s", 0)]),
            'פ' if first => Unit::Cons(&[("p", 0), ("f", 1)]),
            'פ' if last => Unit::Cons(&[("f", 0), ("p", 2)]),
            'פ' => Unit::Cons(&[("f", 0), ("p", 1)]),
            'צ' => Unit::Cons(&[("tz", 0), ("ts", 1), ("z", 2)]),
            'ק' => Unit::Cons(&[("k", 0), ("q", 2)]),
            'ר' => Unit::Cons(&[("r", 0)]),
            'ש' => Unit::Cons(&[("sh", 0), ("s", 1)]),
            'ת' => Unit::Cons(&[("t", 0), ("s", 3)]),
            _ if c.is_ascii_alphanumeric() => Unit::Lit(ascii(c)),
            _ => {
                i += 1;
                continue;
            }
        };
        units.push(unit);
        i += 1;
    }
    // Words that spell most vowels out (two or more inner vowel letters) are foreign names in
    // full spelling: no vowel is likely between consonants there.
    let plene = w
        .iter()
        .skip(1)
        .filter(|c| matches!(c, 'ו' | 'י' | 'א'))
        .count()
        >= 2;
    let slot: &[Opt] = if plene {
        &[("", 0), ("a", 1), ("e", 1), ("i", 2), ("o", 2)]
    } else {
        &[("a", 0), ("e", 0), ("", 1), ("i", 2), ("o", 2)]
    };
    let mut pieces = Vec::with_capacity(units.len() * 2);
    for (k, unit) in units.iter().enumerate() {
        match unit {
            Unit::Vowel(opts) => pieces.push(opts.to_vec()),
            Unit::Lit(s) => pieces.push(vec![(*s, 0)]),
            Unit::Cons(opts) => {
                pieces.push(opts.to_vec());
                if matches!(units.get(k + 1), Some(Unit::Cons(_))) {
                    pieces.push(slot.to_vec());
                }
            }
        }
    }
    pieces
}
