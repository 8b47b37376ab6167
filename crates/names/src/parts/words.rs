//! The tokeniser: a name split into raw words with their spellings (Latin text folded,
//! other scripts transliterated), hyphenated words joined, organisation words in canonical
//! form.

use super::*;

/// One word before roles are given: its spellings and whether a hyphen tied it to the next.
pub(super) struct RawWord {
    pub(super) original: String,
    pub(super) spellings: Vec<String>,
    pub(super) hyphen_next: bool,
}

/// "Last, First" (one comma, a short given-name part after it) as "First Last", so that
/// compounds like "Rahman Yasin, Abdul" read "Abdul Rahman Yasin".
pub(super) fn natural_order(name: &str, kind: NameKind) -> Option<String> {
    if kind != NameKind::Person {
        return None;
    }
    let (last, first) = name.split_once(',')?;
    let (last, first) = (last.trim(), first.trim());
    let words = first.split_whitespace().count();
    if first.contains(',') || last.is_empty() || !(1..=3).contains(&words) {
        return None;
    }
    Some(format!("{first} {last}"))
}

/// Hyphenated words form one part ("Jong-un" = "Jongun", "Jean-Claude"), unless one of them is
/// an article, connector or Arabic compound head, which have their own handling.
pub(super) fn join_hyphenated(words: Vec<RawWord>) -> Vec<RawWord> {
    let structural = |w: &RawWord| {
        let s = w.spellings[0].as_str();
        ARTICLES.contains(s)
            || CONNECTORS.contains(s)
            || ABD_HEADS.contains(s)
            || kunya_head(s).is_some()
            || s.bytes().all(|b| b.is_ascii_digit())
    };
    // Two syllables of a Chinese name in Wade-Giles join even where the first is spelt like
    // an article ("Chou En-lai").
    let syllables = |a: &RawWord, b: &RawWord| {
        use translit::wade_giles::is_syllable;
        // The word after an article is seldom a syllable: asked first.
        is_syllable(&b.spellings[0]) && is_syllable(&a.spellings[0])
    };
    let mut out: Vec<RawWord> = Vec::with_capacity(words.len());
    for w in words {
        if let Some(prev) = out.last_mut()
            && prev.hyphen_next
            && ((!structural(prev) && !structural(&w)) || syllables(prev, &w))
        {
            prev.original = format!("{}-{}", prev.original, w.original);
            prev.spellings[0].push_str(&w.spellings[0]);
            prev.hyphen_next = w.hyphen_next;
            continue;
        }
        out.push(w);
    }
    out
}

/// An organisation's words with legal forms, acronyms and numbers in canonical form (see
/// [`crate::org_words`]).
pub(super) fn canonical_org_words(words: Vec<RawWord>) -> Vec<RawWord> {
    let words = words
        .into_iter()
        .map(|w| OrgWord {
            original: w.original,
            text: w.spellings.into_iter().next().unwrap_or_default(),
        })
        .collect();
    org_words::canonical_org_words(words)
        .into_iter()
        .map(|w| RawWord {
            original: w.original,
            spellings: vec![w.text],
            hyphen_next: false,
        })
        .collect()
}

/// Splits Latin text on anything but letters, digits and apostrophes (which are dropped:
/// O'Brien = OBrien, Ma'mun = Mamun), remembering hyphens.
pub(super) fn latin_raw_words(name: &str) -> Vec<RawWord> {
    let folded = fold(name);
    let mut out: Vec<RawWord> = Vec::new();
    let mut orig_words = name
        .split(|c: char| !c.is_alphanumeric() && !is_apostrophe(c))
        .filter(|w| !w.is_empty());
    let mut current = String::new();
    for c in folded.chars() {
        if is_apostrophe(c) {
            continue;
        }
        if c.is_alphanumeric() {
            current.push(c);
            continue;
        }
        if !current.is_empty() {
            let original = orig_words.next().unwrap_or(&current).to_string();
            out.push(latin_word(original, std::mem::take(&mut current), c == '-'));
        } else if c == '-'
            && let Some(last) = out.last_mut()
        {
            last.hyphen_next = true;
        }
    }
    if !current.is_empty() {
        let original = orig_words.next().unwrap_or(&current).to_string();
        out.push(latin_word(original, current, false));
    }
    // Letters with no Latin spelling leave nothing to match on.
    out.retain(|w| w.spellings.first().is_some_and(|s| !s.is_empty()));
    out
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | 'ʼ' | 'ʻ' | '´')
}

/// One folded Latin word; letters fold() left non-ASCII go through transliteration.
pub(super) fn latin_word(original: String, folded: String, hyphen_next: bool) -> RawWord {
    let spelling = if folded.is_ascii() {
        folded
    } else {
        translit::latin_words(&folded)
            .into_iter()
            .filter_map(|w| w.into_iter().next())
            .collect::<String>()
    };
    RawWord {
        original,
        spellings: vec![spelling],
        hyphen_next,
    }
}

/// Non-Latin text: the transliterator gives the words and their Latin spellings.
pub(super) fn translit_raw_words(name: &str) -> Vec<RawWord> {
    let originals: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let words = translit::latin_words(name);
    // Which word as written each Latin word comes from: one each, or as many as that word
    // gives alone (a Korean name written as one word gives a surname and a given name).
    let from: Vec<usize> = if originals.len() == words.len() {
        (0..words.len()).collect()
    } else {
        originals
            .iter()
            .enumerate()
            .flat_map(|(i, w)| std::iter::repeat_n(i, translit::latin_words(w).len()))
            .collect()
    };
    let aligned = from.len() == words.len();
    words
        .into_iter()
        .enumerate()
        .filter_map(|(i, spellings)| {
            let spellings: Vec<String> = spellings
                .into_iter()
                .map(|s| {
                    s.chars()
                        .filter(|c| c.is_ascii_alphanumeric())
                        .collect::<String>()
                })
                .filter(|s| !s.is_empty())
                .collect();
            let first = spellings.first()?.clone();
            let original = if aligned {
                from.get(i)
                    .and_then(|&o| originals.get(o))
                    .map(|s| s.to_string())
            } else {
                None
            };
            Some(RawWord {
                original: original.unwrap_or(first),
                spellings,
                hyphen_next: false,
            })
        })
        .collect()
}
