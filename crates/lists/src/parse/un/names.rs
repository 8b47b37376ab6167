//! Splitting the UN list's packed name strings into one name each: `X (Y; Z)`, `A; B; C`,
//! `عربي (Latin)`, `NAME (ACRONYM)`, `X (original script: Y)`, `Name, born 1 Jan. 1953 ...`,
//! while leaving legitimate parentheses alone (`LEADER (HONG KONG) INTERNATIONAL`,
//! `AL-HARAMAIN FOUNDATION (PAKISTAN)`).

/// One name cut out of a packed string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    /// A short form (`AQAP`, `ISIL-K`) given in parentheses after the full name.
    pub acronym: bool,
}

impl Piece {
    fn name(text: &str) -> Piece {
        Piece {
            text: text.to_string(),
            acronym: false,
        }
    }
}

/// Splits one packed name string into its names, in order, without duplicates.
pub fn split_packed(raw: &str) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    split_into(raw, &mut out, 0);
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| !p.text.is_empty() && seen.insert(p.text.clone()));
    out
}

/// Names given in an alias's NOTE: `original script: X`, `In Arabic: X`, a parenthesised
/// `(A; B)` list, or a bare `A; B; C` list of names. Empty when the note is only a remark.
pub fn names_in_note(note: &str) -> Vec<Piece> {
    let lower = note.to_ascii_lowercase();
    for marker in ["original script:", "in arabic script:", "in arabic:"] {
        if let Some(at) = lower.find(marker) {
            return split_packed(note.get(at + marker.len()..).unwrap_or(""));
        }
    }
    if let Some((open, close)) = find_group_with_semicolon(note) {
        return split_packed(note.get(open + 1..close).unwrap_or(""));
    }
    let pieces = split_top(note, ';');
    if pieces.len() > 1 && pieces.iter().all(|p| looks_like_name(p)) {
        return split_packed(note);
    }
    Vec::new()
}

const MAX_DEPTH: usize = 8;

fn split_into(raw: &str, out: &mut Vec<Piece>, depth: usize) {
    let s = clean(raw);
    if s.is_empty() {
        return;
    }
    if depth > MAX_DEPTH {
        out.push(Piece::name(&s));
        return;
    }
    // `A; B; C` and enumerations `a) A b) B` at the top level.
    let parts = split_list(&s);
    if parts.len() > 1 {
        for p in parts {
            split_into(&p, out, depth + 1);
        }
        return;
    }
    if let Some((head, inner)) = trailing_group(&s) {
        let head = head.trim();
        let inner_trim = inner.trim();
        let inner_lower = inner_trim.to_ascii_lowercase();
        if head.is_empty() {
            split_into(inner_trim, out, depth + 1);
            return;
        }
        if split_list(inner_trim).len() == 1
            && (is_un_reference(inner_trim) || is_remark(inner_trim))
        {
            split_into(head, out, depth + 1);
            return;
        }
        if split_list(inner_trim).len() > 1 || script_of(head) != script_of(inner_trim) {
            split_into(head, out, depth + 1);
            split_into(inner_trim, out, depth + 1);
            return;
        }
        if let Some(rest) = inner_lower.strip_prefix("original script:") {
            split_into(head, out, depth + 1);
            split_into(
                inner_trim
                    .get(inner_trim.len() - rest.len()..)
                    .unwrap_or(""),
                out,
                depth + 1,
            );
            return;
        }
        let commas: Vec<&str> = inner_trim.split(", ").collect();
        if commas.first().is_some_and(|c| is_acronym_of(c, head)) {
            split_into(head, out, depth + 1);
            for c in commas {
                if is_acronym_of(c, head) {
                    out.push(Piece {
                        text: c.trim().to_string(),
                        acronym: true,
                    });
                } else {
                    split_into(c, out, depth + 1);
                }
            }
            return;
        }
        out.push(Piece::name(&s));
        return;
    }
    // `AL-ITIHAAD AL-ISLAMIYA / AIAI`
    if let Some((head, tail)) = s.rsplit_once(" / ")
        && is_acronym_of(tail, head)
    {
        split_into(head, out, depth + 1);
        out.push(Piece {
            text: tail.trim().to_string(),
            acronym: true,
        });
        return;
    }
    out.push(Piece::name(&s));
}

/// Trims quotes and separators, and cuts off trailing `, born ...` / ` - sub-unit name` remarks.
fn clean(raw: &str) -> String {
    let mut s = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for cut in [", born ", " born in ", " born on "] {
        if let Some(at) = s.find(cut) {
            s.truncate(at);
        }
    }
    let lower = s.to_ascii_lowercase();
    if let Some(stripped) = lower.strip_suffix(" - sub-unit name") {
        s.truncate(stripped.len());
    }
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '"' | '“' | '”'))
        .to_string()
}

/// Splits at top-level `;` and at enumerators ` b) `, ` c) ` (the first `a) ` is dropped).
fn split_list(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in split_top(s, ';') {
        let mut rest = part.trim();
        if let Some(r) = strip_enumerator(rest) {
            rest = r;
        }
        let mut current = String::new();
        let words: Vec<&str> = rest.split(' ').collect();
        for w in words {
            if is_enumerator(w) && !current.is_empty() {
                out.push(std::mem::take(&mut current));
                continue;
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(w);
        }
        if !current.trim().is_empty() {
            out.push(current);
        }
    }
    out
}

fn is_enumerator(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 2 && b[0].is_ascii_lowercase() && b[1] == b')'
}

fn strip_enumerator(s: &str) -> Option<&str> {
    let (first, rest) = s.split_once(' ')?;
    is_enumerator(first).then_some(rest)
}

/// Splits at `sep` outside parentheses.
fn split_top(s: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if c == sep && depth <= 0 => {
                out.push(&s[start..i]);
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter().filter(|p| !p.trim().is_empty()).collect()
}

/// For `head (inner)` ending in a balanced group: `(head, inner)`.
fn trailing_group(s: &str) -> Option<(&str, &str)> {
    if !s.ends_with(')') {
        return None;
    }
    let mut depth = 0i32;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[..i], &s[i + 1..s.len() - 1]));
                }
            }
            _ => {}
        }
    }
    None
}

/// The first `( ... )` group (top level) of a note whose content holds a `;`.
fn find_group_with_semicolon(note: &str) -> Option<(usize, usize)> {
    let mut depth = 0i32;
    let mut open = None;
    for (i, c) in note.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            ')' => {
                depth -= 1;
                if depth == 0 {
                    let o = open.take()?;
                    if note.get(o + 1..i).is_some_and(|g| g.contains(';')) {
                        return Some((o, i));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

fn looks_like_name(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty()
        && !s.contains(':')
        && !s.chars().any(|c| c.is_ascii_digit())
        && s.split_whitespace().count() <= 8
}

#[derive(Debug, PartialEq, Eq)]
enum Script {
    Latin,
    Other,
    None,
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{c0}'..='\u{24f}').contains(&c)
        || ('\u{1e00}'..='\u{1eff}').contains(&c)
}

/// The dominant script of the letters of `s`: Latin or not.
fn script_of(s: &str) -> Script {
    let (mut latin, mut other) = (0, 0);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        if is_latin(c) {
            latin += 1;
        } else {
            other += 1;
        }
    }
    match (latin, other) {
        (0, 0) => Script::None,
        (l, o) if l >= o => Script::Latin,
        _ => Script::Other,
    }
}

/// `AQAP` after `Al-Qaida in the Arabian Peninsula`: one short upper-case token starting with
/// the head's first letter, and not a country (`(PAKISTAN)` qualifies a branch, it is no alias).
fn is_acronym_of(token: &str, head: &str) -> bool {
    let t = token.trim();
    let n = t.chars().count();
    if !(2..=12).contains(&n) || t.contains(' ') {
        return false;
    }
    let upper = t.chars().filter(|c| c.is_uppercase()).count();
    let lower = t.chars().filter(|c| c.is_lowercase()).count();
    let chars_ok = t
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '/' | '.' | '&'));
    let first = t
        .chars()
        .next()
        .map(|c| c.to_lowercase().collect::<String>());
    let head_first = head
        .chars()
        .find(|c| c.is_alphabetic())
        .map(|c| c.to_lowercase().collect::<String>());
    upper >= 2
        && upper >= lower * 2
        && chars_ok
        && first.is_some()
        && first == head_first
        && zeef_model::country::code(t).is_none()
}

/// `QDe.115`, `KPE.018`: a UN reference number cited after a name.
fn is_un_reference(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[..3].iter().all(u8::is_ascii_alphabetic)
        && b[3] == b'.'
        && b[4..].iter().all(u8::is_ascii_digit)
}

/// A remark about the name rather than a name: `(birth name)`, `(third)`, `(COMBAT NAME)`,
/// `(false identity related to ... 6910275240086 ...)`.
fn is_remark(s: &str) -> bool {
    let lowercase_latin = script_of(s) == Script::Latin && !s.chars().any(|c| c.is_uppercase());
    lowercase_latin
        || s.chars().any(|c| c.is_ascii_digit())
        || s.eq_ignore_ascii_case("combat name")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(raw: &str) -> Vec<String> {
        split_packed(raw).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn original_script_with_latin_list() {
        assert_eq!(
            texts(
                "جبهة فتح الشام (Jabhat Fath al Sham; Jabhat Fatah al-Sham; Fateh al-Sham Front)"
            ),
            [
                "جبهة فتح الشام",
                "Jabhat Fath al Sham",
                "Jabhat Fatah al-Sham",
                "Fateh al-Sham Front"
            ]
        );
    }

    #[test]
    fn semicolon_list_and_enumerators() {
        assert_eq!(
            texts("Azim Adhajani; Azim Agha-Jani"),
            ["Azim Adhajani", "Azim Agha-Jani"]
        );
        assert_eq!(
            texts("Mohammed Sabet; Mohammad Sabet b) M. Javad Sabet"),
            ["Mohammed Sabet", "Mohammad Sabet", "M. Javad Sabet"]
        );
    }

    #[test]
    fn acronyms_split_and_marked() {
        let p = split_packed("Lord’s Resistance Movement (LRM)");
        assert_eq!(p[0], Piece::name("Lord’s Resistance Movement"));
        assert_eq!(
            p[1],
            Piece {
                text: "LRM".into(),
                acronym: true
            }
        );
        assert_eq!(
            texts("AL-ITIHAAD AL-ISLAMIYA / AIAI"),
            ["AL-ITIHAAD AL-ISLAMIYA", "AIAI"]
        );
        assert_eq!(
            texts(
                "Islamic State In Iraq And the Levant In South-East Asia (ISIL-SEA, ISIL-South East Asia)"
            ),
            [
                "Islamic State In Iraq And the Levant In South-East Asia",
                "ISIL-SEA",
                "ISIL-South East Asia"
            ]
        );
    }

    #[test]
    fn nested_groups() {
        assert_eq!(
            texts(
                "Hay’at Tahrir al-Sham (HTS) (هيئة تحرير الشام (original script); Hayat Tahrir al-Sham)"
            ),
            [
                "Hay’at Tahrir al-Sham",
                "HTS",
                "هيئة تحرير الشام",
                "Hayat Tahrir al-Sham"
            ]
        );
        assert_eq!(
            texts("أنصار الشريعة بليبيا (Ansar al Charia in Libya (ASL))"),
            ["أنصار الشريعة بليبيا", "Ansar al Charia in Libya", "ASL"]
        );
    }

    #[test]
    fn legitimate_parentheses_stay() {
        assert_eq!(
            texts("Leader (Hong Kong) International Trading Limited"),
            ["Leader (Hong Kong) International Trading Limited"]
        );
        assert_eq!(
            texts("AL-HARAMAIN FOUNDATION (PAKISTAN)"),
            ["AL-HARAMAIN FOUNDATION (PAKISTAN)"]
        );
        assert_eq!(
            texts("TOUS POUR LA PAIX ET LE DEVELOPPEMENT (NGO)"),
            ["TOUS POUR LA PAIX ET LE DEVELOPPEMENT (NGO)"]
        );
        assert_eq!(
            texts("Lom-ali Butayev (Butaev)"),
            ["Lom-ali Butayev (Butaev)"]
        );
    }

    #[test]
    fn remarks_dropped() {
        assert_eq!(texts("Encep Nurjaman (birth name)"), ["Encep Nurjaman"]);
        assert_eq!(texts("EL PARA (COMBAT NAME)"), ["EL PARA"]);
        assert_eq!(
            texts("SECOND ACADEMY OF NATURAL SCIENCES (KPE.018)"),
            ["SECOND ACADEMY OF NATURAL SCIENCES"]
        );
        assert_eq!(
            texts("Safia Farkash Al-Hadad, born 1 Jan. 1953 (Oman passport no.0382)"),
            ["Safia Farkash Al-Hadad"]
        );
        assert_eq!(
            texts("Amir Khazmat (original script: Амир Хазмат)"),
            ["Amir Khazmat", "Амир Хазмат"]
        );
        assert_eq!(
            texts("شبكة أنصار المجاهدين (Ansar al-Mujahideen Network - sub-unit name)"),
            ["شبكة أنصار المجاهدين", "Ansar al-Mujahideen Network"]
        );
        assert_eq!(texts("\"HASSAN, Sheikh\""), ["HASSAN, Sheikh"]);
    }

    #[test]
    fn notes_with_names() {
        let n = |s| {
            names_in_note(s)
                .into_iter()
                .map(|p| p.text)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            n("(Abu Du’a; Abu Duaa’) prominently known by this nom de guerre"),
            ["Abu Du’a", "Abu Duaa’"]
        );
        assert_eq!(
            n("born in 1971 in Samarra, Iraq (Ibrahim al-Badri; Dr. Ibrahim al-Samarra’i)"),
            ["Ibrahim al-Badri", "Dr. Ibrahim al-Samarra’i"]
        );
        assert_eq!(n("original script: Абу Банат"), ["Абу Банат"]);
        assert_eq!(
            n("Previously listed as. In Arabic: سيف العدل "),
            ["سيف العدل"]
        );
        assert_eq!(
            n("Yunis al-Mauritani; Shaykh Yunis the Mauritanian"),
            ["Yunis al-Mauritani", "Shaykh Yunis the Mauritanian"]
        );
        assert!(n("Passport number: B0515260; DOB: 1948; POB: Anefif (Kidal), Mali").is_empty());
        assert!(n("previously listed as").is_empty());
    }
}
