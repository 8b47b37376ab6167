//! The EU FSF XML 1.1 parser. No real file is available (see PROVENANCE.md), so every field
//! is checked against a fictional fixture written from the published format.

mod common;

use common::by_id;
use proptest::prelude::*;
use zeef_lists::parse::eu;
use zeef_lists::{Input, Parsed};
use zeef_model::{CrossRef, Prop, Schema};

const FIXTURE: &str = include_str!("fixtures/eu/eu_fsf.xml");

fn parse_fixture() -> Parsed {
    common::parse_one(eu::parse, "eu", "eu_fsf.xml", FIXTURE)
}

#[test]
fn list_date_and_ids() {
    let p = parse_fixture();
    assert_eq!(p.list_date.as_deref(), Some("2030-02-03"));
    let ids: Vec<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "eu-EU.9001.11",
            "eu-EU.9002.22",
            "eu-90003",
            "eu-EU.9004.44"
        ]
    );
}

#[test]
fn person_field_by_field() {
    let p = parse_fixture();
    let e = by_id(&p, "eu-EU.9001.11");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.provenance.record_ids, ["90001"]);
    assert_eq!(e.provenance.references, ["EU.9001.11"]);
    assert_eq!(
        e.provenance.cross_refs,
        [CrossRef {
            source: "un".into(),
            reference: "QDi.901".into()
        }]
    );
    assert_eq!(e.get(Prop::Name), ["Karel Jan Voorbeeld"]);
    assert_eq!(e.get(Prop::Alias), ["Карел Ян Ворбелд", "كارل فوربيلد"]);
    assert_eq!(e.get(Prop::WeakAlias), ["Abu Karel"]);
    assert_eq!(e.get(Prop::FirstName), ["Karel"]);
    assert_eq!(e.get(Prop::MiddleName), ["Jan"]);
    assert_eq!(e.get(Prop::LastName), ["Voorbeeld"]);
    assert_eq!(e.get(Prop::Title), ["Dr."]);
    assert_eq!(e.get(Prop::Position), ["Fictional treasurer"]);
    assert_eq!(e.get(Prop::Gender), ["male"]);
    assert_eq!(e.get(Prop::Nationality), ["iq"], "00/UNKNOWN is no country");
    assert_eq!(e.get(Prop::BirthDate), ["1971~", "1972-05", "1970-04-03"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Samarra, IRAQ"]);
    assert_eq!(e.get(Prop::PassportNumber), ["X1234567"]);
    assert_eq!(e.get(Prop::IdNumber), ["ID-987"]);
    let issued: Vec<(&str, &str)> = e
        .identifications
        .iter()
        .map(|i| (i.number.as_str(), i.country.as_str()))
        .collect();
    assert_eq!(issued, [("X1234567", "iq"), ("ID-987", "iq")]);
    assert_eq!(e.get(Prop::Address), ["Nowhere Street 1, Samarra, IRAQ"]);
    assert_eq!(e.get(Prop::Country), ["iq"]);
    assert_eq!(e.get(Prop::Program), ["TAQA"]);
    assert_eq!(e.get(Prop::ListingDate), ["2015-03-05"]);
    assert_eq!(e.get(Prop::Notes), ["Fictional record & nothing else."]);
    assert_eq!(e.get(Prop::Topics), ["sanction"]);
}

#[test]
fn enterprise_field_by_field() {
    let p = parse_fixture();
    let e = by_id(&p, "eu-EU.9002.22");
    assert_eq!(e.schema, Schema::Organization);
    assert!(e.provenance.cross_refs.is_empty());
    assert_eq!(e.get(Prop::Name), ["Example Bank JSC"]);
    assert_eq!(e.get(Prop::Alias), ["Акционерное общество «Пример Банк»"]);
    assert_eq!(e.get(Prop::WeakAlias), ["EXBANK"]);
    assert_eq!(e.get(Prop::RegistrationNumber), ["1027700000000"]);
    // `00` is the EU's unknown code: the description names the register's country.
    assert_eq!(
        e.issuers(Prop::RegistrationNumber, "1027700000000")
            .collect::<Vec<_>>(),
        ["ru"]
    );
    assert_eq!(e.get(Prop::SwiftBic), ["EXAMRUMM"]);
    assert_eq!(e.get(Prop::Country), ["ru"]);
    assert_eq!(e.get(Prop::Program), ["RUS"]);
    assert_eq!(
        e.get(Prop::ListingDate),
        ["2022-02-24"],
        "earliest regulation when no designationDate"
    );
    assert_eq!(e.get(Prop::Notes), ["Fictional bank."]);
}

#[test]
fn fallback_id_range_and_name_from_parts() {
    let p = parse_fixture();
    let e = by_id(&p, "eu-90003");
    assert!(e.provenance.references.is_empty());
    assert_eq!(e.get(Prop::BirthDate), ["1960/1965"]);
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);
    let e = by_id(&p, "eu-EU.9004.44");
    assert_eq!(e.get(Prop::Name), ["Anna Proef"]);
    assert_eq!(e.get(Prop::Gender), ["female"]);
    assert!(!e.has(Prop::ListingDate));
}

#[test]
fn truncated_fixture_fails_naming_file_and_line() {
    let err = eu::parse(
        "eu",
        &[Input::new(
            "eu_fsf.xml",
            &FIXTURE.as_bytes()[..FIXTURE.len() / 2],
        )],
    )
    .unwrap_err();
    assert_eq!(err.file, "eu_fsf.xml");
    assert!(
        err.position
            .as_deref()
            .is_some_and(|p| p.starts_with("line ")),
        "{err}"
    );
    assert!(eu::parse("eu", &[Input::new("eu_fsf.xml", "<CONSOLIDATED_LIST/>")]).is_err());
}

proptest! {
    #[test]
    fn never_panics_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = eu::parse("eu", &[Input::new("eu_fsf.xml", data)]);
    }

    #[test]
    fn never_panics_on_truncated_fixture(cut in 0..FIXTURE.len()) {
        if let Err(e) = eu::parse("eu", &[Input::new("eu_fsf.xml", &FIXTURE.as_bytes()[..cut])]) {
            prop_assert_eq!(e.file, "eu_fsf.xml");
        }
    }
}
