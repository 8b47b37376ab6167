//! Ownership data in the Beneficial Ownership Data Standard (BODS), the open standard that
//! beneficial-ownership registers publish: a JSON array of statements, or one statement per
//! line. Versions 0.4 (`recordType` entity, person, relationship; `recordDetails`) and 0.2–0.3
//! (`statementType` entityStatement, personStatement, ownershipOrControlStatement) are read.
//!
//! Each relationship becomes a [`Stake`] of the interested party in the subject, both named
//! by their names in the file (as a CSV names them). A shareholding's `share.exact` (or a
//! range whose ends agree) is the share; a range or no share is unknown, never guessed.
//! Interests of control (board appointment, other influence or control, senior managing
//! official, control through the articles or by law) make the stake one of control. Ended
//! interests are skipped, and so is an indirect relationship that names its component
//! statements: the file states its chain itself, and counting both would count it twice.

use super::input::{Control, RowError, Stake, Stakes, refuse_over_100, row_error};
use serde_json::Value;
use std::collections::HashMap;

/// Interest types that give control of the subject.
const CONTROL: [&str; 7] = [
    "appointmentOfBoard",
    "otherInfluenceOrControl",
    "seniorManagingOfficial",
    "controlViaCompanyRulesOrArticles",
    "controlByLegalFramework",
    "boardMember",
    "boardChair",
];

/// Reads BODS statements (see the module documentation). A statement that cannot be read is
/// an error naming its line, and the others are kept; a file that is not JSON at all is
/// refused whole.
pub fn read_bods(data: &[u8]) -> Result<Stakes, RowError> {
    let mut out = Stakes::default();
    let statements = statements(data, &mut out.errors)?;
    // Parties first: relationships may come before the statements they refer to.
    let mut names: HashMap<&str, String> = HashMap::new();
    for (line, s) in &statements {
        if let Some((ids, name)) = party(s, *line) {
            for id in ids {
                names.insert(id, name.clone());
            }
        }
    }
    for (line, s) in &statements {
        let Some(rel) = relationship(s) else {
            continue;
        };
        match stake(&rel, &names, *line) {
            Ok(Some(stake)) => out.stakes.push(stake),
            Ok(None) => {}
            Err(message) => out.errors.push(row_error(*line, &message)),
        }
    }
    refuse_over_100(&mut out);
    out.errors.sort_by_key(|e| e.line);
    Ok(out)
}

/// The statements with the line each starts on.
fn statements(data: &[u8], errors: &mut Vec<RowError>) -> Result<Vec<(usize, Value)>, RowError> {
    let text = std::str::from_utf8(data).map_err(|e| {
        let line = line_at(data, e.valid_up_to());
        row_error(line, "not UTF-8 text (BODS is JSON)")
    })?;
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if let Some(items) = trimmed.strip_prefix('[') {
        return array(data, items, errors);
    }
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(l.trim_start_matches('\u{feff}')) {
            Ok(v) if v.is_object() => out.push((i + 1, v)),
            Ok(_) => errors.push(row_error(i + 1, "expected a JSON object (a statement)")),
            Err(e) => errors.push(row_error(
                i + 1,
                &format!("not JSON ({e}): expected one BODS statement per line or a JSON array"),
            )),
        }
    }
    if out.is_empty() && !errors.is_empty() {
        return Err(errors.remove(0));
    }
    Ok(out)
}

/// The statements of a JSON array (`items` is the text after its `[`), each with its line.
/// A statement that is not an object is an error; JSON that cannot be read ends the file.
fn array(
    data: &[u8],
    items: &str,
    errors: &mut Vec<RowError>,
) -> Result<Vec<(usize, Value)>, RowError> {
    let at = |rest: &str| line_at(data, data.len() - rest.len());
    let mut out = Vec::new();
    let mut rest = items.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix(']') {
            if !after.trim().is_empty() {
                return Err(row_error(at(after), "text after the array of statements"));
            }
            return Ok(out);
        }
        let line = at(rest);
        let mut one = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
        match one.next() {
            Some(Ok(v)) if v.is_object() => out.push((line, v)),
            Some(Ok(_)) => errors.push(row_error(line, "expected a JSON object (a statement)")),
            Some(Err(e)) => {
                return Err(row_error(
                    line + e.line() - 1,
                    &format!("not a JSON array of statements: {e}"),
                ));
            }
            None => return Err(row_error(line, "the array of statements is not closed")),
        }
        rest = rest[one.byte_offset()..].trim_start();
        if let Some(after) = rest.strip_prefix(',') {
            rest = after.trim_start();
        } else if !rest.starts_with(']') {
            return Err(row_error(at(rest), "expected , or ] between statements"));
        }
    }
}

fn line_at(data: &[u8], offset: usize) -> usize {
    data[..offset.min(data.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter()
        .try_fold(v, |v, k| v.get(k))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A person's or entity's ids (record id and statement id) and name.
fn party(s: &Value, line: usize) -> Option<(Vec<&str>, String)> {
    let (details, kind) = match (str_at(s, &["recordType"]), str_at(s, &["statementType"])) {
        (Some(t @ ("entity" | "person")), _) => (s.get("recordDetails")?, t),
        (_, Some("entityStatement")) => (s, "entity"),
        (_, Some("personStatement")) => (s, "person"),
        _ => return None,
    };
    let ids: Vec<&str> = [
        str_at(s, &["recordId"]),
        str_at(s, &["statementId"]),
        str_at(s, &["statementID"]),
    ]
    .into_iter()
    .flatten()
    .collect();
    let name = match kind {
        "entity" => str_at(details, &["name"]).map(str::to_string),
        _ => person_name(details),
    };
    let name = name.unwrap_or_else(|| format!("(unnamed {kind}, line {line})"));
    Some((ids, name))
}

/// A person's name: the legal or individual one where marked, else the first; its full
/// name, else its parts.
fn person_name(details: &Value) -> Option<String> {
    let names = details.get("names")?.as_array()?;
    let preferred = names
        .iter()
        .find(|n| matches!(str_at(n, &["type"]), Some("legal" | "individual")))
        .or_else(|| names.first())?;
    str_at(preferred, &["fullName"])
        .map(str::to_string)
        .or_else(|| {
            let parts: Vec<&str> = ["givenName", "patronymicName", "familyName"]
                .iter()
                .filter_map(|k| str_at(preferred, &[k]))
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        })
}

/// A relationship statement's ends and interests, whatever the version.
struct Relationship<'a> {
    subject: Option<&'a str>,
    party: Option<&'a str>,
    interests: &'a [Value],
    has_components: bool,
}

fn relationship(s: &Value) -> Option<Relationship<'_>> {
    let nonempty = |v: Option<&Value>| v.and_then(Value::as_array).is_some_and(|a| !a.is_empty());
    if str_at(s, &["recordType"]) == Some("relationship") {
        let d = s.get("recordDetails")?;
        return Some(Relationship {
            subject: str_at(d, &["subject"]),
            party: str_at(d, &["interestedParty"]),
            interests: d
                .get("interests")
                .and_then(Value::as_array)
                .map_or(&[], |a| a),
            has_components: nonempty(d.get("componentRecords")),
        });
    }
    if str_at(s, &["statementType"]) == Some("ownershipOrControlStatement") {
        return Some(Relationship {
            subject: str_at(s, &["subject", "describedByEntityStatement"]),
            party: str_at(s, &["interestedParty", "describedByPersonStatement"])
                .or_else(|| str_at(s, &["interestedParty", "describedByEntityStatement"])),
            interests: s
                .get("interests")
                .and_then(Value::as_array)
                .map_or(&[], |a| a),
            has_components: nonempty(s.get("componentStatementIDs")),
        });
    }
    None
}

/// The stake a relationship states; None where it states none to count (ended, an indirect
/// summary of a chain given in the file, an interested party the publisher does not know).
fn stake(
    rel: &Relationship,
    names: &HashMap<&str, String>,
    line: usize,
) -> Result<Option<Stake>, String> {
    let current: Vec<&Value> = rel
        .interests
        .iter()
        .filter(|i| str_at(i, &["endDate"]).is_none())
        .collect();
    if !rel.interests.is_empty() && current.is_empty() {
        return Ok(None);
    }
    let indirect = !current.is_empty()
        && current
            .iter()
            .all(|i| str_at(i, &["directOrIndirect"]) == Some("indirect"));
    if indirect && rel.has_components {
        return Ok(None);
    }
    let Some(party) = rel.party else {
        // An interested party the publisher could not name (unknown, not disclosed).
        return Ok(None);
    };
    let subject = rel
        .subject
        .ok_or("a relationship without a subject (expected the id of an entity statement)")?;
    let name = |id: &str, role: &str| {
        names.get(id).cloned().ok_or_else(|| {
            format!(
                "the {role} {:?} is not a person or entity statement in the file",
                zeef_model::clip(id, zeef_model::QUOTED_BYTES)
            )
        })
    };
    let (owner, owned) = (name(party, "interested party")?, name(subject, "subject")?);
    let mut share: Option<f64> = None;
    let mut control = Control::None;
    for i in &current {
        let kind = str_at(i, &["type"]).unwrap_or_default();
        if CONTROL.contains(&kind) {
            control = Control::Control;
        }
        if kind == "shareholding" && share.is_none() {
            share = share_of(i.get("share"))?;
        }
    }
    Ok(Some(Stake {
        owner,
        owned,
        share,
        control,
        line,
    }))
}

/// `share.exact`, or a range whose ends agree; a range is unknown. Checked as a CSV share is.
fn share_of(share: Option<&Value>) -> Result<Option<f64>, String> {
    let Some(share) = share else {
        return Ok(None);
    };
    let number = |k: &str| share.get(k).and_then(Value::as_f64);
    let value = match (number("exact"), number("minimum"), number("maximum")) {
        (Some(v), _, _) => v,
        (None, Some(lo), Some(hi)) if lo == hi => lo,
        _ => return Ok(None),
    };
    super::parse_share(&value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// BODS 0.4, fictional: two people hold 30 % and 25 % of Cedar Trading, one of them
    /// also half of Cedar Holding through a direct and a summarised indirect statement.
    const V04: &str = r#"[
  {"statementId": "s1", "recordId": "e-cedar", "recordType": "entity",
   "recordDetails": {"entityType": {"type": "registeredEntity"}, "name": "Cedar Trading"}},
  {"statementId": "s2", "recordId": "p-jan", "recordType": "person",
   "recordDetails": {"personType": "knownPerson",
     "names": [{"type": "alternative", "fullName": "J. Fictive"}, {"type": "legal", "fullName": "Jan Fictive"}]}},
  {"statementId": "s3", "recordId": "p-mia", "recordType": "person",
   "recordDetails": {"names": [{"givenName": "Mia", "familyName": "Example"}]}},
  {"statementId": "s4", "recordId": "r1", "recordType": "relationship",
   "recordDetails": {"subject": "e-cedar", "interestedParty": "p-jan",
     "interests": [{"type": "shareholding", "directOrIndirect": "direct", "share": {"exact": 30}}]}},
  {"statementId": "s5", "recordId": "r2", "recordType": "relationship",
   "recordDetails": {"subject": "e-cedar", "interestedParty": "p-mia",
     "interests": [{"type": "shareholding", "share": {"minimum": 25, "maximum": 25}},
                   {"type": "appointmentOfBoard"}]}},
  {"statementId": "s6", "recordId": "r3", "recordType": "relationship",
   "recordDetails": {"subject": "e-cedar", "interestedParty": "p-mia",
     "interests": [{"type": "shareholding", "share": {"exact": 10}, "endDate": "2020-01-01"}]}},
  {"statementId": "s7", "recordId": "r4", "recordType": "relationship",
   "recordDetails": {"subject": "e-cedar", "interestedParty": "p-jan",
     "interests": [{"type": "shareholding", "directOrIndirect": "indirect", "share": {"exact": 12}}],
     "componentRecords": ["s4"]}},
  {"statementId": "s8", "recordId": "r5", "recordType": "relationship",
   "recordDetails": {"subject": "e-cedar", "interestedParty": "p-nobody",
     "interests": [{"type": "shareholding", "share": {"exact": 5}}]}},
  {"statementId": "s9", "recordId": "r6", "recordType": "relationship",
   "recordDetails": {"subject": "e-cedar", "interestedParty": "p-jan",
     "interests": [{"type": "shareholding", "share": {"minimum": 10, "maximum": 20}}]}}
]"#;

    #[test]
    fn reads_bods_0_4_stakes() {
        let s = read_bods(V04.as_bytes()).unwrap();
        let got: Vec<(&str, &str, Option<f64>, Control)> = s
            .stakes
            .iter()
            .map(|s| (s.owner.as_str(), s.owned.as_str(), s.share, s.control))
            .collect();
        assert_eq!(
            got,
            [
                ("Jan Fictive", "Cedar Trading", Some(30.0), Control::None),
                ("Mia Example", "Cedar Trading", Some(25.0), Control::Control),
                ("Jan Fictive", "Cedar Trading", None, Control::None),
            ]
        );
        // Lines are where each statement starts.
        assert_eq!(s.stakes[0].line, 9);
        assert_eq!(s.errors.len(), 1, "{:?}", s.errors);
        assert_eq!(s.errors[0].line, 23);
        assert!(s.errors[0].message.contains("p-nobody"), "{:?}", s.errors);
    }

    #[test]
    fn reads_bods_0_2_json_lines() {
        let lines = [
            r#"{"statementID": "a", "statementType": "entityStatement", "name": "Olive Shipping"}"#,
            r#"{"statementID": "b", "statementType": "personStatement", "names": [{"fullName": "Ana Fictive"}]}"#,
            r#"{"statementID": "c", "statementType": "entityStatement", "name": "Olive Holding"}"#,
            r#"{"statementID": "d", "statementType": "ownershipOrControlStatement", "subject": {"describedByEntityStatement": "a"}, "interestedParty": {"describedByEntityStatement": "c"}, "interests": [{"type": "shareholding", "share": {"exact": 60}}]}"#,
            "",
            r#"{"statementID": "e", "statementType": "ownershipOrControlStatement", "subject": {"describedByEntityStatement": "c"}, "interestedParty": {"describedByPersonStatement": "b"}, "interests": [{"type": "shareholding", "share": {"exact": 150}}]}"#,
            "not json",
        ]
        .join("\n");
        let s = read_bods(lines.as_bytes()).unwrap();
        assert_eq!(s.stakes.len(), 1);
        assert_eq!(s.stakes[0].owner, "Olive Holding");
        assert_eq!(s.stakes[0].owned, "Olive Shipping");
        assert_eq!(s.stakes[0].share, Some(60.0));
        let lines: Vec<usize> = s.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [6, 7]);
        assert!(s.errors[0].message.contains("over 100"));
    }

    #[test]
    fn what_is_not_bods_is_refused_with_its_line() {
        let e = read_bods(b"[\n{\"a\": 1},\n{oops}\n]").unwrap_err();
        assert_eq!(e.line, 3);
        let e = read_bods(b"owner,owned,share\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(read_bods(b"[]").unwrap().stakes.is_empty());
        assert!(read_bods(&[0xff, 0xfe]).is_err());
    }
}
