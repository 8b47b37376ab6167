//! The UN consolidated XML parser: a fictional fixture for every piece of real-world mess it
//! handles, the real list (counts from PROVENANCE.md and spot checks), and robustness.

mod common;

use common::by_id;
use proptest::prelude::*;
use zeef_lists::parse::un;
use zeef_lists::{Input, Parsed};
use zeef_model::{Prop, Schema};

const FIXTURE: &str = include_str!("fixtures/un/consolidated.xml");

fn parse_fixture() -> Parsed {
    common::parse_one(un::parse, "un", "consolidated.xml", FIXTURE)
}

#[test]
fn fixture_person_fields() {
    let p = parse_fixture();
    assert_eq!(p.list_date.as_deref(), Some("2030-01-15"));
    assert_eq!(p.entities.len(), 4);
    let e = by_id(&p, "un-QDi.901");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.provenance.record_ids, ["9000001"]);
    assert_eq!(e.provenance.references, ["QDi.901"]);
    assert_eq!(e.get(Prop::Name), ["KAREL VOORBEELD"]);
    assert_eq!(e.get(Prop::FirstName), ["KAREL"]);
    assert_eq!(e.get(Prop::LastName), ["VOORBEELD"]);
    assert_eq!(
        e.get(Prop::Alias),
        [
            "كارل فوربيلد",
            "أبو كارل",
            "Abu Karel",
            "Abou Karel",
            "Karel Voorbelt",
            "Karel Forbeld",
            "K. Voorbeeld"
        ]
    );
    assert_eq!(
        e.get(Prop::WeakAlias),
        ["Karel the Example", "Karel Primer", "Carel Primer"]
    );
    assert_eq!(e.get(Prop::Title), ["Dr."]);
    assert_eq!(e.get(Prop::Position), ["Fictional treasurer"]);
    assert_eq!(e.get(Prop::Gender), ["male"]);
    assert_eq!(e.get(Prop::Nationality), ["iq"]);
    assert!(
        e.get(Prop::Notes)
            .contains(&"Nationality: Atlantis".to_string())
    );
    assert_eq!(
        e.get(Prop::BirthDate),
        ["1970-04-03", "1971~", "1965/1969", "1958-09", "1973-11"]
    );
    assert!(
        e.get(Prop::Notes)
            .contains(&"Date of birth: 24/06/1402 (Hijri Calendar)".to_string())
    );
    assert_eq!(e.get(Prop::BirthPlace), ["Samarra, Iraq"]);
    assert_eq!(e.get(Prop::PassportNumber), ["X1234567", "P-22"]);
    assert_eq!(e.get(Prop::IdNumber), ["ID-987"]);
    // The issuing country, else the country of issue; one zeef cannot read stays a note.
    let issuers = |p, n| e.issuers(p, n).collect::<Vec<_>>();
    assert_eq!(issuers(Prop::PassportNumber, "P-22"), ["iq"]);
    assert_eq!(issuers(Prop::IdNumber, "ID-987"), ["iq"]);
    assert!(issuers(Prop::PassportNumber, "X1234567").is_empty());
    assert!(
        e.get(Prop::Notes)
            .contains(&"Document X1234567: issued by Atlantis".to_string())
    );
    assert_eq!(
        e.get(Prop::Address),
        [
            "Nowhere Street 1, Samarra, Iraq (previous)",
            "Believed location - somewhere"
        ]
    );
    assert_eq!(e.get(Prop::Country), ["iq"]);
    assert_eq!(e.get(Prop::ListingDate), ["2015-03-02"]);
    assert_eq!(e.get(Prop::ModifiedAt), ["2019-05-05"]);
    assert_eq!(e.get(Prop::Program), ["Al-Qaida"]);
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);
    assert!(
        e.get(Prop::Notes)
            .contains(&"Fictional test record & nothing else.".to_string())
    );
}

#[test]
fn fixture_second_person_trimmed_reference_and_no_terror_topic() {
    let p = parse_fixture();
    let e = by_id(&p, "un-CDi.901");
    assert_eq!(e.get(Prop::Name), ["ANNA MARIA PROEF"]);
    assert_eq!(e.get(Prop::FirstName), ["ANNA"]);
    assert!(
        !e.has(Prop::LastName),
        "no guess at a last name among three parts"
    );
    assert_eq!(e.get(Prop::Gender), ["female"]);
    assert_eq!(e.get(Prop::BirthDate), ["1980-07-30"]);
    assert_eq!(e.get(Prop::Topics), ["sanction"]);
}

#[test]
fn fixture_entity_packed_names() {
    let p = parse_fixture();
    let e = by_id(&p, "un-IRe.901");
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(e.get(Prop::Name), ["EXAMPLE TRADING COMPANY"]);
    assert_eq!(
        e.get(Prop::Alias),
        [
            "SAMPLE SHIPPING LINE",
            "جبهة المثال",
            "Jabhat al-Mithal",
            "Example Front",
            "Front for the Example",
            "Example (Hong Kong) International Limited",
            "Example Academy",
        ]
    );
    assert_eq!(e.get(Prop::WeakAlias), ["ETC", "SSL"]);
    assert_eq!(e.get(Prop::PreviousName), ["Old Example Bureau", "OEB"]);
    assert_eq!(e.get(Prop::Address), ["1 Quay Road, Bandar, Atlantis"]);
    assert!(!e.has(Prop::Country), "unknown country is no code");
    let branch = by_id(&p, "un-QDe.901");
    assert_eq!(
        branch.get(Prop::Name),
        ["EXAMPLE FOUNDATION (ATLANTIS BRANCH)"]
    );
}

#[test]
fn truncated_fixture_fails_naming_file_and_line() {
    let cut = &FIXTURE.as_bytes()[..FIXTURE.len() / 2];
    let err = un::parse("un", &[Input::new("consolidated.xml", cut)]).unwrap_err();
    assert_eq!(err.file, "consolidated.xml");
    assert!(
        err.position
            .as_deref()
            .is_some_and(|p| p.starts_with("line ")),
        "{err}"
    );
}

#[test]
fn missing_file_and_wrong_root_are_errors() {
    assert!(un::parse("un", &[]).is_err());
    let err = un::parse("un", &[Input::new("consolidated.xml", "<sdnList/>")]).unwrap_err();
    assert!(err.message.contains("CONSOLIDATED_LIST"), "{err}");
}

proptest! {
    #[test]
    fn never_panics_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = un::parse("un", &[Input::new("consolidated.xml", data)]);
    }

    #[test]
    fn never_panics_on_truncated_fixture(cut in 0..FIXTURE.len()) {
        let data = &FIXTURE.as_bytes()[..cut];
        match un::parse("un", &[Input::new("consolidated.xml", data)]) {
            Ok(_) => {}
            Err(e) => prop_assert_eq!(e.file, "consolidated.xml"),
        }
    }
}

fn real() -> Option<(Vec<u8>, Parsed)> {
    let dir = zeef_lists::shared::list_dir("un")?;
    let data = std::fs::read(dir.join("consolidated.xml")).ok()?;
    let parsed = zeef_lists::parse_dir("un", &dir).expect("real UN list parses");
    Some((data, parsed))
}

#[test]
fn real_list_counts_and_spot_checks() {
    let Some((_, p)) = real() else { return };
    assert_eq!(p.list_date.as_deref(), Some("2026-02-27"));
    assert_eq!(p.entities.len(), 1003);
    let persons = p
        .entities
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .count();
    assert_eq!((persons, p.entities.len() - persons), (730, 273));
    let ids: std::collections::HashSet<_> = p.entities.iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), 1003);
    assert!(
        p.entities
            .iter()
            .all(|e| e.provenance.list_date.as_deref() == Some("2026-02-27"))
    );

    // Abu Bakr al-Baghdadi.
    let e = by_id(&p, "un-QDi.299");
    assert_eq!(e.provenance.record_ids, ["2975516"]);
    assert_eq!(
        e.get(Prop::Name),
        ["IBRAHIM AWWAD IBRAHIM ALI AL-BADRI AL-SAMARRAI"]
    );
    let aliases = e.get(Prop::Alias);
    assert!(aliases.contains(&"إبراهيم عواد إبراهيم علي البدري السامرائي".to_string()));
    assert!(
        aliases.contains(&"Ibrahim ‘Awad Ibrahim al-Samarra’i".to_string()),
        "{aliases:?}"
    );
    let weak = e.get(Prop::WeakAlias);
    for w in [
        "أبو بكر البغدادي الحسيني القريشي",
        "Abu Bakr al-Baghdadi al-Husayni al-Quraishi",
        "Abu Bakr al-Baghdadi",
        "أبو دعاء",
        "Abu Du’a",
        "Dr. Ibrahim",
    ] {
        assert!(weak.contains(&w.to_string()), "{w} not in {weak:?}");
    }
    assert!(
        e.names().all(|(_, n)| !n.contains(';') && !n.contains('(')),
        "{:?}",
        e.names().collect::<Vec<_>>()
    );
    assert_eq!(e.get(Prop::BirthDate), ["1971"]);
    assert_eq!(e.get(Prop::Nationality), ["iq"]);
    assert_eq!(e.get(Prop::Title), ["Dr."]);
    assert_eq!(e.get(Prop::IdNumber), ["0134852"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Iraq"]);
    assert_eq!(e.get(Prop::ListingDate), ["2011-10-05"]);
    assert_eq!(e.get(Prop::ModifiedAt), ["2025-03-11"]);
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);

    // Al-Nusrah Front: packed entity aliases.
    let e = by_id(&p, "un-QDe.137");
    assert_eq!(
        e.get(Prop::Name),
        ["AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT"]
    );
    for a in [
        "جبهة النصرة لأهل الشام",
        "جبهة فتح الشام",
        "Jabhat Fath al Sham",
        "Fateh al-Sham Front",
        "Hay’at Tahrir al-Sham",
        "هيئة تحرير الشام",
    ] {
        assert!(
            e.get(Prop::Alias).contains(&a.to_string()),
            "{a} not in {:?}",
            e.get(Prop::Alias)
        );
    }
    assert!(e.get(Prop::WeakAlias).contains(&"HTS".to_string()));

    // Safia Farkash: approximate year, passport, alias with birth remark cut off.
    let e = by_id(&p, "un-LYi.019");
    assert_eq!(e.get(Prop::Name), ["SAFIA FARKASH AL-BARASSI"]);
    assert_eq!(e.get(Prop::Alias), ["Safia Farkash Mohammed Al-Hadad"]);
    assert_eq!(e.get(Prop::BirthDate), ["1952~"]);
    assert_eq!(e.get(Prop::PassportNumber), ["03825239"]);
    assert_eq!(e.get(Prop::IdNumber), ["98606491"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Al Bayda, Libya"]);
    assert_eq!(e.get(Prop::Address), ["Oman", "Believed location - Egypt"]);
    assert_eq!(e.get(Prop::Program), ["Libya"]);
    assert_eq!(e.get(Prop::Topics), ["sanction"]);

    // Bosco Ntaganda: a BETWEEN range.
    let e = by_id(&p, "un-CDi.030");
    assert_eq!(e.get(Prop::Name), ["BOSCO TAGANDA"]);
    assert_eq!(e.get(Prop::BirthDate), ["1973/1974"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Bigogwe, Rwanda"]);
    assert!(e.get(Prop::WeakAlias).contains(&"Tango Romeo".to_string()));
    assert_eq!(e.get(Prop::ListingDate), ["2005-11-01"]);
}

#[test]
fn real_list_parse_time() {
    let Some((data, _)) = real() else { return };
    let inputs = [Input::new("consolidated.xml", data)];
    // Best of three runs: the first also pays for page faults of a cold allocator.
    let mut took = std::time::Duration::MAX;
    let mut p = None;
    for _ in 0..3 {
        let start = std::time::Instant::now();
        p = Some(un::parse("un", &inputs).unwrap());
        took = took.min(start.elapsed());
    }
    let p = p.unwrap();
    eprintln!("UN list: {} entities in {took:?}", p.entities.len());
    // Generous bound for debug builds; release parses in a few milliseconds.
    assert!(took < std::time::Duration::from_secs(5), "{took:?}");
}

#[test]
fn real_truncated_file_fails_with_position() {
    let Some((data, _)) = real() else { return };
    let cut = &data[..data.len() * 2 / 3];
    let err = un::parse("un", &[Input::new("consolidated.xml", cut)]).unwrap_err();
    assert_eq!(err.file, "consolidated.xml");
    assert!(
        err.position
            .as_deref()
            .is_some_and(|p| p.starts_with("line ")),
        "{err}"
    );
}
