//! Tokenising a name into parts that keep their role: words, particles and connectors,
//! titles, legal forms, initials and numbers; Arabic compounds (`abd` + name, `abu` + name)
//! kept as one unit; glued and hyphenated articles (al-, el-, ash-…) removed.
//!
//! `words.rs` splits a name into raw words (the tokeniser); `arabic.rs`, `wade_giles.rs` and
//! `variants.rs` hold the rules of one language or writing habit each; this file gives each
//! word its role.

use std::sync::Arc;

use crate::keys::{phonetic, skeleton};
use crate::lexicon::{
    self, ABD_HEADS, ARTICLES, CONNECTORS, KUNYA_HEADS, LEGAL_FORMS, PARTICLES, TITLES,
};
use crate::normalize::fold;
use crate::org_words::{self, OrgWord};
use crate::translit::{self, Script};

/// What kind of thing a name belongs to; it decides which word lists apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameKind {
    Person,
    Organization,
    /// Vessels, aircraft and records of unknown kind: no titles, no legal forms.
    Other,
}

/// The role of one name part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PartKind {
    /// A given name, family name or organisation word: what identifies.
    Word,
    /// A connector or particle (bin, ibn, van, de…): structure, not identity.
    Particle,
    /// An honorific, title or rank (Dr, Sheikh, Haji…): ignored in matching.
    Title,
    /// An organisation legal form or generic company word (LLC, GmbH, Trading…).
    LegalForm,
    /// A single letter standing for a name.
    Initial,
    /// A number (vessel names, numbered companies).
    Number,
}

impl PartKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PartKind::Word => "word",
            PartKind::Particle => "particle",
            PartKind::Title => "title",
            PartKind::LegalForm => "legal form",
            PartKind::Initial => "initial",
            PartKind::Number => "number",
        }
    }
}

/// One analysed name part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NamePart {
    /// The words as written, e.g. `al-Baghdadi`, `Abd al Rahman`.
    pub original: String,
    /// The canonical Latin form: ASCII lower case, articles removed, `abd` units joined
    /// (`baghdadi`, `abdrahman`).
    pub text: String,
    /// Other Latin spellings of the same part (transliteration variants, the part without a
    /// glued article).
    pub alts: Vec<String>,
    pub kind: PartKind,
    /// Consonant skeleton of `text` (see [`crate::keys::skeleton`]).
    pub skeleton: String,
    /// Phonetic code of `text` (see [`crate::keys::phonetic`]).
    pub phonetic: String,
    /// Written in Chinese characters or Korean syllables (see
    /// [`crate::similarity::is_syllabic`]), found once here for the comparisons.
    pub syllabic: bool,
}

impl NamePart {
    fn new(original: String, text: String, alts: Vec<String>, kind: PartKind) -> NamePart {
        let keyed = matches!(kind, PartKind::Word | PartKind::LegalForm);
        NamePart {
            skeleton: if keyed {
                skeleton(&text)
            } else {
                String::new()
            },
            phonetic: if keyed {
                phonetic(&text)
            } else {
                String::new()
            },
            syllabic: crate::similarity::written_in_syllables(&original),
            original,
            text,
            alts,
            kind,
        }
    }

    /// Every Latin spelling of the part: `text` first, then `alts`.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.text.as_str()).chain(self.alts.iter().map(String::as_str))
    }
}

/// A name analysed into parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysedName {
    pub original: String,
    pub script: Script,
    /// Shared: an index over millions of names keeps each distinct part once (a few tens of
    /// thousands of distinct parts make up millions of names).
    pub parts: Vec<Arc<NamePart>>,
}

impl AnalysedName {
    /// The parts that take part in matching (everything but titles).
    pub fn matchable(&self) -> impl Iterator<Item = &NamePart> {
        self.parts
            .iter()
            .map(|p| &**p)
            .filter(|p| p.kind != PartKind::Title)
    }
}

mod arabic;
mod compounds;
#[cfg(test)]
mod tests;
mod variants;
mod wade_giles;
mod words;

use arabic::*;
use variants::*;
use wade_giles::*;
use words::*;

/// Analyses `name` into parts. Never fails: text without letters or digits gives no parts.
///
/// ```
/// use zeef_names::{analyse, NameKind, PartKind};
/// let n = analyse("Sheikh Abd al-Rahman al-Baghdadi", NameKind::Person);
/// let texts: Vec<&str> = n.parts.iter().map(|p| p.text.as_str()).collect();
/// assert_eq!(texts, ["sheikh", "abdrahman", "baghdadi"]);
/// assert_eq!(n.parts[0].kind, PartKind::Title);
/// ```
pub fn analyse(name: &str, kind: NameKind) -> AnalysedName {
    let script = translit::script_of(name);
    let ordered = natural_order(name, kind);
    let name_in_order = ordered.as_deref().unwrap_or(name);
    let words = if script == Script::Latin && kind == NameKind::Organization {
        let name = org_words::join_dotted_acronyms(name_in_order);
        canonical_org_words(join_hyphenated(latin_raw_words(&name)))
    } else if script == Script::Latin {
        let mut words = join_hyphenated(latin_raw_words(name_in_order));
        if kind == NameKind::Person {
            add_pinyin(&mut words);
        }
        words
    } else {
        translit_raw_words(name_in_order)
    };
    let roles = assign_roles(&words, kind);
    // Not `collect`ed from `roles.into_iter()`: that would keep the parts' allocation (16
    // times the room the pointers need).
    let mut parts = Vec::with_capacity(roles.len());
    parts.extend(roles.into_iter().map(Arc::new));
    AnalysedName {
        original: name.to_string(),
        script,
        parts,
    }
}

fn assign_roles(words: &[RawWord], kind: NameKind) -> Vec<NamePart> {
    let mut parts = Vec::with_capacity(words.len());
    let mut i = 0;
    let person = kind == NameKind::Person;
    while let Some(w) = words.get(i) {
        let s = w.spellings[0].as_str();
        let has_next_word = words.get(i + 1).is_some();
        // Articles attach to the next word; a trailing one stays as a particle.
        if is_article(w) && has_next_word {
            i += 1;
            if let Some(next) = words.get(i) {
                let merged = RawWord {
                    original: format!("{}-{}", w.original, next.original),
                    spellings: next.spellings.clone(),
                    hyphen_next: next.hyphen_next,
                };
                parts.push(word_part(&merged, kind, false));
            }
            i += 1;
            continue;
        }
        let abd_head = ABD_HEADS.contains(s) || abd_head_typo(s).is_some();
        if person && abd_head && s != "abdou" && s != "abdu" && has_next_word {
            // "Abd al Rahman", "Abdul Rahman", "Abd-ur-Rahman": skip the article, join.
            let mut j = i + 1;
            let mut original = w.original.clone();
            while let Some(a) = words.get(j) {
                let t = a.spellings[0].as_str();
                if ARTICLES.contains(t) && words.get(j + 1).is_some() {
                    original.push(' ');
                    original.push_str(&a.original);
                    j += 1;
                } else {
                    break;
                }
            }
            if let Some(name) = words.get(j) {
                original.push(' ');
                original.push_str(&name.original);
                let text = abd_unit(&name.spellings[0]);
                // The head and name as written together ("abdulbari") stays a spelling, so
                // that a typo in the head ("Adbul Bari") still finds the compound.
                let surface = format!("{s}{}", name.spellings[0]);
                let alts = if surface != text {
                    vec![surface]
                } else {
                    Vec::new()
                };
                parts.push(NamePart::new(original, text, alts, PartKind::Word));
                i = j + 1;
                continue;
            }
        }
        if person
            && has_next_word
            && let Some(head) = kunya_head(s)
        {
            {
                // "Abu Bakr" = "Abubakr"; an article between is dropped ("Abu al-Hasan").
                let mut j = i + 1;
                let mut original = w.original.clone();
                while let Some(a) = words.get(j) {
                    if is_article(a) && words.get(j + 1).is_some()
                        || matches!(a.spellings[0].as_str(), "al" | "el")
                    {
                        original.push(' ');
                        original.push_str(&a.original);
                        j += 1;
                    } else {
                        break;
                    }
                }
                if let Some(name) = words.get(j) {
                    original.push(' ');
                    original.push_str(&name.original);
                    let rest = strip_glued_article(&name.spellings[0], 4)
                        .unwrap_or(&name.spellings[0])
                        .to_string();
                    let text = format!("{head}{rest}");
                    parts.push(NamePart::new(original, text, Vec::new(), PartKind::Word));
                    i = j + 1;
                    continue;
                }
            }
        }
        parts.push(word_part(w, kind, i == 0));
        i += 1;
    }
    // A name made only of titles or particles keeps them as words ("Sheikh" alone is a name).
    if !parts.is_empty()
        && parts.iter().all(|p| {
            p.kind != PartKind::Word && p.kind != PartKind::Number && p.kind != PartKind::Initial
        })
    {
        for p in &mut parts {
            *p = NamePart::new(
                p.original.clone(),
                p.text.clone(),
                p.alts.clone(),
                PartKind::Word,
            );
        }
    }
    compounds::join(&mut parts);
    parts
}

/// One word given its role by the word lists; `first` when nothing comes before it.
fn word_part(w: &RawWord, kind: NameKind, first: bool) -> NamePart {
    let s = w.spellings[0].as_str();
    // An initial is one letter as written: a transliterated letter cut from a longer word
    // (an article split off) is not one.
    let one_letter = w.original.chars().filter(|c| c.is_alphanumeric()).count() == 1;
    let role = if s.bytes().all(|b| b.is_ascii_digit()) {
        PartKind::Number
    } else if s.len() == 1 && one_letter {
        PartKind::Initial
    } else if s.len() == 1 {
        PartKind::Word
    } else if kind == NameKind::Person && TITLES.contains(s) {
        PartKind::Title
    } else if (kind != NameKind::Person && LEGAL_FORMS.contains(s))
        || (kind == NameKind::Person && lexicon::PERSON_LEGAL_FORMS.contains(s))
        || (kind == NameKind::Other && lexicon::VESSEL_PREFIXES.contains(s))
    {
        PartKind::LegalForm
    } else if kind == NameKind::Person
        && ((!first && CONNECTORS.contains(s)) || PARTICLES.contains(s))
    {
        // A connector says "son of" someone named before it: first, it is a name (Bin Wu).

        PartKind::Particle
    } else {
        PartKind::Word
    };
    let mut text = s.to_string();
    let mut alts: Vec<String> = w.spellings.iter().skip(1).cloned().collect();
    if role == PartKind::Word && kind == NameKind::Person {
        if let Some(letters) = digits_as_letters(&text) {
            // "Sech1n", "I9or": digits typed for the letters they look like.
            alts.push(std::mem::replace(&mut text, letters));
        }
        if let Some(stem) = baltic_stem(&text) {
            // Latvian and Lithuanian add -s to foreign names: "Lavrovs", "Sergejs".
            alts.push(stem.to_string());
        }
        if let Some(abd) = glued_abd(s) {
            alts.push(std::mem::replace(&mut text, abd));
        } else if let Some(rest) = ["al", "el"]
            .iter()
            .find_map(|a| s.strip_prefix(a))
            .filter(|r| r.len() >= 5)
        {
            // "Albaghdadi" may be "al-Baghdadi" written together.
            alts.push(rest.to_string());
        }
        if KUNYA_HEADS.words().iter().any(|h| s.starts_with(h)) && s.len() >= 6 {
            // "Abubakar" = "Abu Bakar": canonical head spelling.
            if let Some(rest) = ["abou", "aboo", "abu"]
                .iter()
                .find_map(|h| s.strip_prefix(h))
            {
                let canon = format!("abu{rest}");
                if canon != text {
                    alts.push(std::mem::replace(&mut text, canon));
                }
            }
        }
    }
    alts.retain(|a| a != &text);
    alts.dedup();
    NamePart::new(w.original.clone(), text, alts, role)
}
