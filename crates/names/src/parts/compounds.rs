//! Arabic compound names ending in "Allah" or "ad-Din" are one name however they are
//! written: Nasrallah = Nasr Allah = Nasrullah = نصر الله, Noureldin = Nour El Din =
//! Nuruddin = نور الدين. Two parts (the second "allah" or "din", its article already dropped)
//! become one; a part written as one word gets the compound's form as a spelling. The form is
//! the head and `allah` or `din` ("nasrallah", "nourdin"), so that every writing meets.

use super::{NamePart, PartKind};
use crate::lexicon::ABD_HEADS;

/// What a compound ends in as its own word, and the compound's form of that ending.
const ENDINGS: &[(&[&str], &str)] = &[
    (&["allah", "ullah", "ollah", "lah", "llah"], "allah"),
    (
        &["din", "deen", "dine", "eddin", "eddine", "uddin", "uddeen"],
        "din",
    ),
];

/// How a compound written as one word ends (the vowel and the article's consonant
/// assimilated: -eddine, -uddin, -eldin), longest first within each.
const GLUED: &[(&[&str], &str)] = &[
    (&["allah", "ullah", "ollah"], "allah"),
    (
        &[
            "eddine", "uddeen", "eldine", "eddin", "uddin", "oddin", "addin", "iddin", "eldin",
            "aldin", "uldin", "oldin", "edine", "eddeen",
        ],
        "din",
    ),
];

/// Shortest head of a compound ("Nur", "Nasr").
const MIN_HEAD: usize = 3;

/// Joins compound parts in place and gives glued compounds their form as a spelling.
pub(super) fn join(parts: &mut Vec<NamePart>) {
    let mut i = 0;
    while i < parts.len() {
        let joined = parts.get(i + 1).and_then(|next| joined(&parts[i], next));
        if let Some(part) = joined {
            parts[i] = part;
            parts.remove(i + 1);
        } else if let Some(form) = glued_form(&parts[i].text) {
            let p = &mut parts[i];
            if !p.alts.contains(&form) {
                p.alts.push(form);
            }
        }
        i += 1;
    }
}

/// `head` and `next` as one compound part, when `next` is "allah" or "din".
fn joined(head: &NamePart, next: &NamePart) -> Option<NamePart> {
    if head.kind != PartKind::Word || !matches!(next.kind, PartKind::Word | PartKind::Particle) {
        return None;
    }
    let ending = ENDINGS
        .iter()
        .find(|(words, _)| words.contains(&next.text.as_str()))
        .map(|(_, form)| *form)?;
    if head.text.len() < MIN_HEAD || ABD_HEADS.contains(&head.text) || is_ending(&head.text) {
        return None;
    }
    let text = format!("{}{ending}", head.text);
    let mut alts: Vec<String> = Vec::new();
    let mut add = |s: String| {
        if s != text && !alts.contains(&s) {
            alts.push(s);
        }
    };
    // The head's other spellings with the ending, and the two as written together.
    for h in &head.alts {
        add(format!("{h}{ending}"));
    }
    add(format!("{}{}", head.text, next.text));
    Some(NamePart::new(
        format!("{} {}", head.original, next.original),
        text,
        alts,
        PartKind::Word,
    ))
}

fn is_ending(word: &str) -> bool {
    ENDINGS.iter().any(|(words, _)| words.contains(&word))
}

/// The compound form of a word that glues one ("nasrullah" -> "nasrallah", "noureldin" ->
/// "nourdin"), when it is not already that form.
fn glued_form(word: &str) -> Option<String> {
    for (endings, form) in GLUED {
        for e in *endings {
            if let Some(head) = word.strip_suffix(e)
                && head.len() >= MIN_HEAD
                && !ABD_HEADS.contains(head)
            {
                let compound = format!("{head}{form}");
                return (compound != word).then_some(compound);
            }
        }
    }
    None
}
