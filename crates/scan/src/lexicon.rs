//! Word lists the scanner needs beyond zeef-names: words too common to identify anyone on
//! their own, country names in the languages documents are written in that the model's
//! country table does not carry, and the words that make text "about terrorism".
//! Entries are normalised as [`crate::tokens::normalise_word`] produces them.

use crate::tokens::canonical;
use std::collections::HashSet;
use std::sync::OnceLock;
use zeef_names::lexicon::{self as names_lexicon};

/// Function words of English, Dutch, German and French: structure inside names, never identity.
const STOP_WORDS: &[&str] = &[
    "the", "of", "and", "in", "for", "on", "at", "to", "by", "a", "an", "with", "from", "or", "de",
    "het", "een", "van", "voor", "en", "op", "te", "der", "die", "das", "und", "fur", "im", "le",
    "la", "les", "du", "des", "et", "pour", "au", "aux", "fi", "wa", "li", "min", "wal", "ul", "e",
    "i", "y", "o",
];

/// Ordinary words that organisation, vessel and person names are made of. A name built only of
/// these (and countries) says nothing by itself: "National Alliance", "Victory Front", "Unity".
const GENERIC_WORDS: &[&str] = &[
    // Organisation words.
    "movement",
    "front",
    "party",
    "group",
    "groups",
    "organization",
    "organisation",
    "union",
    "council",
    "committee",
    "army",
    "forces",
    "force",
    "brigade",
    "brigades",
    "battalion",
    "battalions",
    "division",
    "corps",
    "guard",
    "guards",
    "alliance",
    "coalition",
    "league",
    "association",
    "society",
    "foundation",
    "fund",
    "institute",
    "institution",
    "center",
    "centre",
    "office",
    "agency",
    "authority",
    "administration",
    "department",
    "ministry",
    "bureau",
    "board",
    "commission",
    "network",
    "federation",
    "confederation",
    "assembly",
    "congress",
    "conference",
    "bank",
    "company",
    "companies",
    "corporation",
    "trading",
    "trade",
    "industries",
    "industry",
    "industrial",
    "enterprise",
    "enterprises",
    "holding",
    "holdings",
    "services",
    "service",
    "international",
    "general",
    "global",
    "national",
    "united",
    "new",
    "people",
    "peoples",
    "popular",
    "public",
    "democratic",
    "democracy",
    "republic",
    "republican",
    "state",
    "states",
    "islamic",
    "islam",
    "muslim",
    "muslims",
    "arab",
    "arabic",
    "liberation",
    "revolutionary",
    "revolution",
    "resistance",
    "victory",
    "unity",
    "freedom",
    "free",
    "defence",
    "defense",
    "security",
    "support",
    "relief",
    "charity",
    "charitable",
    "humanitarian",
    "aid",
    "development",
    "social",
    "socialist",
    "communist",
    "workers",
    "labour",
    "labor",
    "youth",
    "women",
    "students",
    "martyrs",
    "holy",
    "sacred",
    "supreme",
    "central",
    "federal",
    "regional",
    "local",
    "special",
    "military",
    "police",
    "intelligence",
    "naval",
    "navy",
    "air",
    "airlines",
    "airline",
    "air force",
    "shipping",
    "ship",
    "ships",
    "marine",
    "maritime",
    "oil",
    "gas",
    "energy",
    "petroleum",
    "import",
    "export",
    "investment",
    "investments",
    "capital",
    "finance",
    "financial",
    "group",
    "media",
    "news",
    "radio",
    "television",
    "press",
    "production",
    "productions",
    "establishment",
    "commercial",
    "construction",
    "engineering",
    "technology",
    "technologies",
    "research",
    "science",
    "education",
    "university",
    "school",
    "academy",
    "hospital",
    "medical",
    "transport",
    "logistics",
    "import",
    "line",
    "lines",
    "star",
    "sun",
    "sea",
    "ocean",
    "gulf",
    "east",
    "west",
    "north",
    "south",
    "middle",
    "eastern",
    "western",
    "northern",
    "southern",
    "great",
    "greater",
    "grand",
    "golden",
    "gold",
    "silver",
    "light",
    "hope",
    "peace",
    "progress",
    "future",
    "world",
    "land",
    "lands",
    "country",
    "city",
    "province",
    "wilayat",
    "wilayah",
    "region",
    "base",
    "jihad",
    "mujahideen",
    "mujahidin",
    "mujahedin",
    "ansar",
    "jamaat",
    "jamaah",
    "jama",
    "harakat",
    "hizb",
    "tanzim",
    "dawla",
    "jabhat",
    "jabha",
    "liwa",
    "kataib",
    "saraya",
    "majlis",
    "shura",
    "sham",
    "levant",
    "two",
    "rivers",
    "brothers",
    "sons",
    "family",
    "house",
    "home",
    "victory",
    "conquest",
    "battle",
    "battlefield",
    "battlefields",
    "places",
    "land",
    "commander",
    "leader",
    "prophet",
    "faith",
    "believers",
    "monotheism",
    "nation",
    "kingdom",
    "emirate",
    "emirates",
    "al",
    "el",
    "ltd",
    "llc",
    "inc",
    "co",
    "sa",
    "ag",
    "gmbh",
    "bv",
    "nv",
    "plc",
    "jsc",
    "ooo",
    "oao",
    "zao",
    "pjsc",
    "fze",
    "fzco",
    "limited",
    "partners",
    "partnership",
    // Words of running text that lists also use as (parts of) names.
    "unity",
    "hope",
    "dawn",
    "phoenix",
    "horizon",
    "atlantic",
    "pacific",
    "eagle",
    "falcon",
    "falcons",
    "hawk",
    "hawks",
    "lion",
    "lions",
    "tiger",
    "tigers",
    "star",
    "stars",
    "crown",
    "royal",
    "imperial",
    "victoria",
    "liberty",
    "justice",
    "truth",
    "honor",
    "honour",
    "glory",
    "pride",
    "spirit",
    "power",
    "energy",
    "alpha",
    "alfa",
    "omega",
    "delta",
    "sigma",
    "prime",
    "premier",
    "first",
    "one",
    "best",
    "max",
    "pro",
    "plus",
    "express",
    "trust",
    "vision",
    "capital",
    "partner",
    "link",
    "net",
    "tech",
    "data",
    "systems",
    "system",
    "solutions",
    "group",
    "team",
    "point",
    "port",
    "bay",
    "river",
    "island",
    "mountain",
    "green",
    "blue",
    "red",
    "white",
    "black",
    "hunters",
    "commission",
    "organisation",
];

/// Given names common enough world-wide that one of them alone names nobody.
const GIVEN_NAMES: &[&str] = &[
    "muhammad",
    "mohammad",
    "mohammed",
    "mohamed",
    "muhammed",
    "mohamad",
    "ahmad",
    "ahmed",
    "ali",
    "hassan",
    "hasan",
    "hussein",
    "husain",
    "husayn",
    "hussain",
    "abdullah",
    "abdallah",
    "ibrahim",
    "omar",
    "umar",
    "khalid",
    "khaled",
    "mahmoud",
    "mahmud",
    "mustafa",
    "mostafa",
    "yusuf",
    "youssef",
    "yousef",
    "abu",
    "umm",
    "ismail",
    "said",
    "saeed",
    "salem",
    "salim",
    "karim",
    "jamal",
    "nasser",
    "nasir",
    "tariq",
    "walid",
    "samir",
    "sami",
    "adel",
    "adil",
    "john",
    "james",
    "david",
    "michael",
    "robert",
    "peter",
    "paul",
    "mark",
    "maria",
    "anna",
    "alexander",
    "sergei",
    "sergey",
    "vladimir",
    "andrei",
    "andrey",
    "dmitry",
    "ivan",
    "igor",
    "oleg",
    "nikolai",
    "viktor",
    "yuri",
    "li",
    "wang",
    "zhang",
    "liu",
    "chen",
    "kim",
    "lee",
    "park",
    "nguyen",
    "singh",
    "kumar",
    "khan",
    "smith",
    "jose",
    "juan",
    "carlos",
    "luis",
];

/// Country names and adjectives in Dutch, German and French that the model's country table
/// lacks (it has English names and several other languages). Normalised forms.
const COUNTRY_EXTRA: &[(&str, &str)] = &[
    ("irak", "iq"),
    ("iraakse", "iq"),
    ("iraaks", "iq"),
    ("irakische", "iq"),
    ("irakisch", "iq"),
    ("syrie", "sy"),
    ("syrische", "sy"),
    ("syrisch", "sy"),
    ("syrien", "sy"),
    ("syrienne", "sy"),
    ("turkije", "tr"),
    ("turkse", "tr"),
    ("turks", "tr"),
    ("turkei", "tr"),
    ("turkische", "tr"),
    ("libanon", "lb"),
    ("libanese", "lb"),
    ("libanesische", "lb"),
    ("libie", "ly"),
    ("libische", "ly"),
    ("libyen", "ly"),
    ("jemen", "ye"),
    ("jemenitische", "ye"),
    ("afghaanse", "af"),
    ("iraanse", "ir"),
    ("iranische", "ir"),
    ("rusland", "ru"),
    ("russische", "ru"),
    ("russland", "ru"),
    ("russisch", "ru"),
    ("somalie", "so"),
    ("somalische", "so"),
    ("pakistaanse", "pk"),
    ("egypte", "eg"),
    ("egyptische", "eg"),
    ("jordanie", "jo"),
    ("soedan", "sd"),
    ("oekraine", "ua"),
    ("noordkorea", "kp"),
    ("saoediarabie", "sa"),
    ("koeweit", "kw"),
    ("algerije", "dz"),
    ("marokko", "ma"),
    ("nigeriaanse", "ng"),
    ("malinese", "ml"),
    ("filipijnen", "ph"),
    ("indonesie", "id"),
    ("wit-rusland", "by"),
    ("belarussische", "by"),
    ("palestijnse", "ps"),
];

/// A word list folded the way tokens are ([`canonical`]: "alliance" is stored as "aliance").
fn folded_set(lists: &[&[&str]]) -> HashSet<String> {
    lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|w| canonical((*w).to_string()))
        .collect()
}

fn stop_set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        folded_set(&[
            STOP_WORDS,
            names_lexicon::ARTICLES.words(),
            names_lexicon::CONNECTORS.words(),
            names_lexicon::PARTICLES.words(),
            names_lexicon::TITLES.words(),
        ])
    })
}

fn particle_set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        folded_set(&[
            names_lexicon::ARTICLES.words(),
            names_lexicon::CONNECTORS.words(),
            names_lexicon::PARTICLES.words(),
            names_lexicon::TITLES.words(),
        ])
    })
}

/// True for the articles, connectors, particles and titles of persons' names ("al", "bin",
/// "van", "Haji"): in a person's name these, not the function words of running text, are
/// what is not a name part ("Li", "O" and "Min" are surnames).
pub fn is_name_particle(word: &str) -> bool {
    particle_set().contains(word)
}

fn generic_set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let common: Vec<&str> = names_lexicon::COMMON_PARTS
            .iter()
            .filter(|(_, c)| *c >= 0.5)
            .map(|(w, _)| *w)
            .collect();
        folded_set(&[
            GENERIC_WORDS,
            GIVEN_NAMES,
            names_lexicon::LEGAL_FORMS.words(),
            names_lexicon::KUNYA_HEADS.words(),
            &common,
        ])
    })
}

/// True for function words (skipped when counting what a name is made of).
pub fn is_stop(word: &str) -> bool {
    stop_set().contains(word)
}

/// True for words that do not identify on their own: ordinary name-building words, legal
/// forms, common given names and countries.
pub fn is_generic(word: &str) -> bool {
    is_stop(word) || generic_set().contains(word) || country_code(word).is_some()
}

/// The country a normalised word names (`"irak"`, `"syrische"`, `"iraq"`), if any.
pub fn country_code(word: &str) -> Option<&'static str> {
    if word.len() < 4 {
        // Two- and three-letter codes are ordinary words in running text.
        return None;
    }
    COUNTRY_EXTRA
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, c)| *c)
        .or_else(|| zeef_model::country::code(word))
}

/// True for (folded) words that put a text on terrorism ("terroristische", "jihadism", "terreur").
pub fn is_terror_word(word: &str) -> bool {
    // Folded stems: "terror" is written "teror" after doubled letters are single.
    ["teror", "tereur", "jihad", "djihad", "extremis"]
        .iter()
        .any(|stem| word.starts_with(stem))
}

/// True when a listing (its programs and topics) is a counter-terrorism listing.
pub fn is_terror_listing(programs: &[String], topics: &[String]) -> bool {
    topics.iter().any(|t| t == "crime.terror")
        || programs.iter().any(|p| {
            let p = p.to_ascii_lowercase();
            [
                "terror", "sdgt", "fto", "1267", "1373", "isil", "qaida", "taliban",
            ]
            .iter()
            .any(|k| p.contains(k))
        })
}

/// Legal forms of organisations, one word (normalised as [`legal_key`] makes them): dropped
/// from the start or end of a name to give the name documents use ("OOO Romashka").
const LEGAL_FORM_WORDS: &[&str] = &[
    "sas",
    "sl",
    "slu",
    "sc",
    "as",
    "sti",
    "ab",
    "oy",
    "aps",
    "kg",
    "ohg",
    "ug",
    "eireli",
    "llc",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "llp",
    "lp",
    "jsc",
    "pjsc",
    "ojsc",
    "cjsc",
    "ooo",
    "oao",
    "zao",
    "pao",
    "ao",
    "tov",
    "gmbh",
    "ag",
    "sa",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "fze",
    "fzco",
    "fzc",
    "fzllc",
    "dmcc",
    "pte",
    "pvt",
    "pty",
    "sdn",
    "bhd",
    "ltda",
    "sac",
    "cv",
    "doo",
    "sro",
    "kft",
];

/// Legal forms of several words, dropped whole (longest first).
const LEGAL_FORM_PHRASES: &[&[&str]] = &[
    &["obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"],
    &["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"],
    &["publichnoe", "aktsionernoe", "obshchestvo"],
    &["open", "joint", "stock", "company"],
    &["closed", "joint", "stock", "company"],
    &["public", "joint", "stock", "company"],
    &["private", "joint", "stock", "company"],
    &["s", "de", "rl", "de", "cv"],
    &["sa", "de", "cv"],
    &["limited", "liability", "company"],
    &["limited", "liability", "partnership"],
    &["joint", "stock", "company"],
    &["private", "limited", "company"],
    &["public", "limited", "company"],
    &["aktsionernoe", "obshchestvo"],
    &["sdn", "bhd"],
    &["co", "ltd"],
    &["company", "limited"],
    &["pvt", "ltd"],
    &["pte", "ltd"],
    &["pty", "ltd"],
    &["fz", "llc"],
];

/// A word of a name as the legal-form lists hold it: letters and digits, lower case
/// ("(PVT.)" -> "pvt", "S.A." -> "sa").
fn legal_key(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// An organisation's name without the legal form at its start or end, as documents write
/// it: "JOINT STOCK COMPANY AVTOMATIKA" -> "AVTOMATIKA", "LAKHTA PARK, OOO" -> "LAKHTA
/// PARK", "OOO \"ROMASHKA\"" -> "ROMASHKA". None where there is no legal form to drop or too
/// little would be left.
pub fn without_legal_form(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '"' | '«' | '»' | '“' | '”' | '„') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    // A key per word; a word that is only punctuation ("-", ",") has an empty key.
    let mut keys: Vec<String> = words.iter().map(|w| legal_key(w)).collect();
    let strip_ends = |words: &mut Vec<&str>, keys: &mut Vec<String>| {
        while keys.last().is_some_and(String::is_empty) {
            keys.pop();
            words.pop();
        }
        while keys.first().is_some_and(String::is_empty) {
            keys.remove(0);
            words.remove(0);
        }
    };
    let original = keys.iter().filter(|k| !k.is_empty()).count();
    loop {
        strip_ends(&mut words, &mut keys);
        let before = words.len();
        for phrase in LEGAL_FORM_PHRASES {
            let n = phrase.len();
            if keys.len() <= n {
                continue;
            }
            if keys[keys.len() - n..]
                .iter()
                .zip(phrase.iter())
                .all(|(a, b)| a == b)
            {
                keys.truncate(keys.len() - n);
                words.truncate(words.len() - n);
                break;
            }
            if keys[..n].iter().zip(phrase.iter()).all(|(a, b)| a == b) {
                keys.drain(..n);
                words.drain(..n);
                break;
            }
        }
        // A bracketed word at an end qualifies the form: "(PVT.)", "(HK)", "(PRIVATE)".
        let bracketed = |w: &&str| w.starts_with('(') && w.ends_with(')');
        if words.len() == before && keys.len() > 1 {
            if keys
                .last()
                .is_some_and(|k| LEGAL_FORM_WORDS.contains(&k.as_str()))
                || words.last().is_some_and(bracketed)
            {
                keys.pop();
                words.pop();
            } else if LEGAL_FORM_WORDS.contains(&keys[0].as_str()) {
                keys.remove(0);
                words.remove(0);
            }
        }
        if words.len() == before {
            break;
        }
    }
    if keys.iter().filter(|k| !k.is_empty()).count() == original {
        return None;
    }
    let out = words
        .join(" ")
        .trim_matches(|c: char| matches!(c, ',' | '.' | '-' | '(' | ')') || c.is_whitespace())
        .to_string();
    (out.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_and_distinctive_words() {
        for w in [
            "unity", "movement", "mohammed", "alliance", "front", "iraq", "syrie", "the",
        ] {
            assert!(is_generic(&canonical(w.to_string())), "{w}");
        }
        for w in ["hezbollah", "isis", "pkk", "nusra", "baghdadi"] {
            assert!(!is_generic(&canonical(w.to_string())), "{w}");
        }
    }

    #[test]
    fn countries_in_dutch_and_english() {
        assert_eq!(country_code("irak"), Some("iq"));
        assert_eq!(country_code("turkije"), Some("tr"));
        assert_eq!(country_code("syria"), Some("sy"));
        assert_eq!(country_code("tak"), None);
    }
}
