//! Where each list states a link, and how it is read.

use super::Found;
use zeef_model::{Entity, LinkEnd, Prop, RelationKind};

/// Labels of the UK FCDO list's ownership fields as its parser notes them; they become
/// relationships and leave the notes.
pub(crate) const PARENT_COMPANY: &str = "Parent company";
pub(crate) const SUBSIDIARY: &str = "Subsidiary";
pub(crate) const CURRENT_OWNER: &str = "Current owner/operator";
pub(crate) const PREVIOUS_OWNER: &str = "Previous owner/operator";
/// The label OFAC's and the CSL's parsers give the vessel owner column.
const VESSEL_OWNER: &str = "Vessel owner";

/// Labelled notes that state a link: label, kind, whether the entity is the second end.
const LABELLED: &[(&str, RelationKind, bool)] = &[
    (PARENT_COMPANY, RelationKind::Ownership, true),
    (SUBSIDIARY, RelationKind::Ownership, false),
    (CURRENT_OWNER, RelationKind::Ownership, true),
    (PREVIOUS_OWNER, RelationKind::Ownership, true),
    (VESSEL_OWNER, RelationKind::Ownership, true),
];

/// The OFSI list's `Other Information` labels that state a link.
const OFSI_LABELS: &[(&str, &str, RelationKind, bool)] = &[
    (
        "(Parent company):",
        "Parent company",
        RelationKind::Ownership,
        true,
    ),
    (
        "(Subsidiaries):",
        "Subsidiary",
        RelationKind::Ownership,
        false,
    ),
    (
        "(Current owners):",
        "Current owner",
        RelationKind::Ownership,
        true,
    ),
];

/// Every link the notes of `e` state.
pub(crate) fn links_of(source: &str, e: &Entity) -> Vec<Found> {
    let mut out = Vec::new();
    for note in e.get(Prop::Notes) {
        labelled_note(note, &mut out);
        linked_to(note, &mut out);
        ofsi_other_information(note, &mut out);
        if source == "un" {
            un_references(note, e, &mut out);
        }
    }
    out
}

/// Removes the notes that only carried a link (labelled ownership fields).
pub(crate) fn drop_carrier_notes(e: &mut Entity) {
    if let Some(notes) = e.props.get_mut(&Prop::Notes) {
        notes.retain(|n| {
            !LABELLED
                .iter()
                .any(|(label, ..)| label_value(n, label).is_some())
        });
        if notes.is_empty() {
            e.props.remove(&Prop::Notes);
        }
    }
}

fn label_value<'a>(note: &'a str, label: &str) -> Option<&'a str> {
    let rest = note.strip_prefix(label)?.strip_prefix(':')?.trim();
    (!rest.is_empty()).then_some(rest)
}

fn labelled_note(note: &str, out: &mut Vec<Found>) {
    for &(label, kind, entity_is_second) in LABELLED {
        if let Some(name) = label_value(note, label) {
            out.push(Found {
                kind,
                entity_is_second,
                other: LinkEnd::named(name),
                role: label,
                text: note.to_string(),
            });
        }
    }
}

/// OFAC's `Linked To: NAME` clauses (`;`-separated remarks; the XML layout wraps them in
/// parentheses).
fn linked_to(note: &str, out: &mut Vec<Found>) {
    for clause in note.split(';') {
        let clause = clause.trim().trim_start_matches('(');
        let Some(rest) = clause.strip_prefix("Linked To:") else {
            continue;
        };
        let rest = rest.trim();
        let rest = rest.strip_suffix(')').unwrap_or(rest);
        // The remark's full stop ends the clause; a name's own (`S.A.`) stays.
        let name = rest.strip_suffix('.').unwrap_or(rest).trim();
        if name.is_empty() {
            continue;
        }
        out.push(Found {
            kind: RelationKind::UnknownLink,
            entity_is_second: false,
            other: LinkEnd::named(name),
            role: "Linked To",
            text: clause.to_string(),
        });
    }
}

/// `(Parent company):X (Subsidiaries):A. B; C (Current owners):Y` in the OFSI list.
fn ofsi_other_information(note: &str, out: &mut Vec<Found>) {
    for &(label, role, kind, entity_is_second) in OFSI_LABELS {
        let Some(at) = note.find(label) else {
            continue;
        };
        let rest = &note[at + label.len()..];
        let phrase = rest[..next_label(rest)].trim();
        for name in split_names(phrase) {
            out.push(Found {
                kind,
                entity_is_second,
                other: LinkEnd::named(name),
                role,
                text: format!("{label}{phrase}"),
            });
        }
    }
}

/// Where the next ` (Label):` starts in `rest`, or its length.
fn next_label(rest: &str) -> usize {
    let mut from = 0;
    while let Some(i) = rest[from..].find(" (") {
        let at = from + i;
        if rest[at..]
            .find("):")
            .is_some_and(|j| !rest[at + 2..at + j].contains(['(', ')']))
        {
            return at;
        }
        from = at + 2;
    }
    rest.len()
}

/// Names of a list field: `;`-separated, else sentences (`A. B Ltd. C`) where a full stop and
/// a space come before a capital letter and the piece before is longer than an abbreviation.
fn split_names(phrase: &str) -> Vec<&str> {
    let trimmed = |s: &str| s.trim().trim_end_matches('.').trim().to_string();
    if phrase.contains(';') {
        return phrase
            .split(';')
            .map(str::trim)
            .filter(|s| !trimmed(s).is_empty())
            .map(|s| s.strip_suffix('.').unwrap_or(s).trim())
            .collect();
    }
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = phrase.as_bytes();
    for (i, _) in phrase.match_indices(". ") {
        let next_upper = bytes.get(i + 2).is_some_and(u8::is_ascii_uppercase);
        let piece = &phrase[start..i];
        let last_word = piece.rsplit(' ').next().unwrap_or("");
        if next_upper && last_word.len() > 3 && !last_word.contains('.') {
            out.push(piece.trim());
            start = i + 2;
        }
    }
    out.push(phrase[start..].trim());
    out.into_iter()
        .map(|s| s.strip_suffix('.').unwrap_or(s).trim())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Another UN entry's reference quoted in a UN entry's comments: `associated with Al-Qaida
/// (QDe.004)`.
fn un_references(note: &str, e: &Entity, out: &mut Vec<Found>) {
    let own: Vec<&str> = e.provenance.references.iter().map(String::as_str).collect();
    let mut seen: Vec<String> = Vec::new();
    let mut from = 0;
    while let Some(i) = note[from..].find('(') {
        let at = from + i + 1;
        from = at;
        let inner = &note[at..];
        let Some(end) = inner.find(')') else { break };
        let Some(reference) = un_reference(&inner[..end]) else {
            continue;
        };
        if own.contains(&reference.as_str()) || seen.contains(&reference) {
            continue;
        }
        seen.push(reference.clone());
        out.push(Found {
            kind: RelationKind::UnknownLink,
            entity_is_second: false,
            other: LinkEnd {
                id: Some(format!("{}-{reference}", e.provenance.source)),
                name: reference.clone(),
                unresolved: None,
            },
            role: "Named in the comments",
            text: sentence_around(note, at),
        });
    }
}

/// `QDe.004`: three letters, a dot, digits, and nothing else.
fn un_reference(s: &str) -> Option<String> {
    let s = s.trim();
    let (prefix, digits) = s.split_at_checked(4)?;
    let p = prefix.as_bytes();
    let ok = p[..3].iter().all(u8::is_ascii_alphabetic)
        && p[3] == b'.'
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.to_string())
}

/// The sentence of `text` holding byte `at`.
fn sentence_around(text: &str, at: usize) -> String {
    let start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let end = text[at..].find(". ").map_or(text.len(), |i| at + i + 1);
    text[start..end].trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::Schema;

    fn entity(notes: &[&str]) -> Entity {
        let mut e = Entity::new("t-1", Schema::Organization, "t");
        e.add(Prop::Name, "Own Name");
        e.add_all(Prop::Notes, notes);
        e
    }

    fn others(found: &[Found]) -> Vec<&str> {
        found.iter().map(|f| f.other.name.as_str()).collect()
    }

    #[test]
    fn linked_to_clauses() {
        let e = entity(&["DOB 1970; Linked To: HIZBALLAH; Linked To: GHANI, Mohammad Nadeem."]);
        let found = links_of("ofac_sdn", &e);
        assert_eq!(others(&found), ["HIZBALLAH", "GHANI, Mohammad Nadeem"]);
        assert!(found.iter().all(|f| f.kind == RelationKind::UnknownLink));
        let xml = entity(&["(Linked To: HAMAS)"]);
        assert_eq!(others(&links_of("ofac_sdn", &xml)), ["HAMAS"]);
    }

    #[test]
    fn uk_fields_become_ownerships_and_leave_the_notes() {
        let mut e = entity(&["Parent company: Big Holding", "Type of entity: Bank"]);
        let found = links_of("uk", &e);
        assert_eq!(others(&found), ["Big Holding"]);
        assert!(found[0].entity_is_second);
        drop_carrier_notes(&mut e);
        assert_eq!(e.get(Prop::Notes), ["Type of entity: Bank"]);
    }

    #[test]
    fn ofsi_labels_and_lists_of_names() {
        let e = entity(&[
            "(Subsidiaries):Electro Sanam Company. Fajr Industrial Group. Joza Industrial Co. M Babaei Industries (Parent company):Ministry of Defence (MODAFL)",
        ]);
        let found = links_of("uk_ofsi", &e);
        assert_eq!(
            others(&found),
            [
                "Ministry of Defence (MODAFL)",
                "Electro Sanam Company",
                "Fajr Industrial Group",
                "Joza Industrial Co. M Babaei Industries",
            ]
        );
    }

    #[test]
    fn un_references_in_comments() {
        let mut e = entity(&["Associated with Al-Qaida (QDe.004). Listed (QDi.1)."]);
        e.provenance.source = "un".into();
        e.provenance.references.push("QDi.1".into());
        let found = links_of("un", &e);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].other.id.as_deref(), Some("un-QDe.004"));
        assert_eq!(found[0].text, "Associated with Al-Qaida (QDe.004).");
    }
}
