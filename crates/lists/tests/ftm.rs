//! The FtM JSON-lines reader and writer: schemata kept and skipped, folding of Sanction and
//! identity-document records, id prefixing, errors by line, round trip, robustness.

mod common;

use common::by_id;
use proptest::prelude::*;
use zeef_lists::parse::ftm;
use zeef_lists::{Input, Parsed};
use zeef_model::{Prop, Schema};

const FIXTURE: &str = include_str!("fixtures/ftm/entities.ftm.json");

fn parse_fixture() -> Parsed {
    common::parse_one(ftm::parse, "mine", "entities.ftm.json", FIXTURE)
}

#[test]
fn keeps_modelled_schemata_and_counts_the_rest() {
    let (p, skipped) =
        ftm::parse_with_skipped("mine", &[Input::new("entities.ftm.json", FIXTURE)]).unwrap();
    let ids: Vec<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["mine-NK-abc123", "mine-co-1", "mine-ship-1"]);
    let counts: Vec<(&str, usize)> = skipped
        .by_schema
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        counts,
        [
            ("Address", 1),
            ("Identification", 2),
            ("Ownership", 1),
            ("Passport", 1),
            ("Sanction", 2)
        ]
    );
    assert_eq!(p.list_date, None);
}

#[test]
fn person_fields_and_folds() {
    let p = parse_fixture();
    let e = by_id(&p, "mine-NK-abc123");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.provenance.source, "mine");
    assert_eq!(e.provenance.record_ids, ["NK-abc123"]);
    assert_eq!(e.get(Prop::Name), ["Karel Voorbeeld"]);
    assert_eq!(e.get(Prop::Alias), ["Abu Karel"]);
    assert_eq!(e.get(Prop::BirthDate), ["1971"]);
    assert_eq!(e.get(Prop::Nationality), ["iq"]);
    assert_eq!(e.extra["religion"], ["fictional"]);
    assert_eq!(e.get(Prop::Program), ["Fictional Regime"]);
    assert_eq!(
        e.get(Prop::ListingDate),
        ["2020-01-02"],
        "startDate when no listingDate"
    );
    assert_eq!(e.get(Prop::Topics), ["sanction"]);
    assert_eq!(e.get(Prop::PassportNumber), ["X1234567"]);
    assert_eq!(e.get(Prop::IdNumber), ["ID-987"]);
    // The passport's issuing country comes with it; the id gives none.
    assert_eq!(
        e.issuers(Prop::PassportNumber, "X1234567")
            .collect::<Vec<_>>(),
        ["iq"]
    );
    assert_eq!(e.identifications.len(), 1);
    // A tax id of two countries: its number, but no issuer.
    let co = by_id(&p, "mine-co-1");
    assert_eq!(co.get(Prop::TaxNumber), ["NL-555"]);
    assert!(co.identifications.is_empty());
}

#[test]
fn kept_prefix_bare_string_values_and_nested_entity_refs() {
    let p = parse_fixture();
    let e = by_id(&p, "mine-co-1");
    assert_eq!(e.schema, Schema::Company);
    assert_eq!(e.provenance.record_ids, ["mine-co-1"]);
    assert_eq!(e.get(Prop::Name), ["Example Trading LLC"]);
    assert_eq!(e.get(Prop::RegistrationNumber), ["12345"]);
    assert_eq!(e.get(Prop::Program), ["Other Regime"]);
    assert_eq!(e.get(Prop::ListingDate), ["2021-05-06"]);
    assert_eq!(
        by_id(&p, "mine-ship-1").get(Prop::ImoNumber),
        ["IMO9999991"]
    );
}

#[test]
fn malformed_line_names_its_number() {
    let data = format!(
        "{}\n{{\"id\": \"x\", \"schema\": \n",
        FIXTURE.lines().next().unwrap()
    );
    let err = ftm::parse("mine", &[Input::new("entities.ftm.json", data)]).unwrap_err();
    assert_eq!(err.file, "entities.ftm.json");
    assert_eq!(err.position.as_deref(), Some("line 2"));
    let err = ftm::parse("mine", &[Input::new("entities.ftm.json", "[1,2]\n")]).unwrap_err();
    assert_eq!(err.position.as_deref(), Some("line 1"));
}

#[test]
fn round_trip_through_write() {
    let p = parse_fixture();
    let mut buf = Vec::new();
    ftm::write(&p.entities, &mut buf).unwrap();
    let text = String::from_utf8(buf.clone()).unwrap();
    // Three entities, and the passport with its issuing country as FtM tools read it.
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    let passport = &lines[1];
    assert_eq!(passport["schema"], "Passport");
    assert_eq!(passport["properties"]["holder"][0], "mine-NK-abc123");
    assert_eq!(passport["properties"]["country"][0], "iq");
    let back = ftm::parse("mine", &[Input::new("entities.ftm.json", buf)]).unwrap();
    assert_eq!(back.entities, p.entities);
    // FtM records alone (as OpenSanctions publishes them) carry the country back too.
    let plain: String = lines
        .iter()
        .map(|l| {
            let mut l = l.clone();
            if let Some(o) = l.as_object_mut() {
                o.remove("identifications");
            }
            format!("{l}\n")
        })
        .collect();
    let back = ftm::parse("mine", &[Input::new("entities.ftm.json", plain)]).unwrap();
    assert_eq!(back.entities, p.entities);
}

#[test]
fn round_trip_of_another_parsers_output() {
    let un = include_str!("fixtures/un/consolidated.xml");
    let p = zeef_lists::parse::un::parse("un", &[Input::new("consolidated.xml", un)]).unwrap();
    let mut buf = Vec::new();
    ftm::write(&p.entities, &mut buf).unwrap();
    let back = ftm::parse("un", &[Input::new("entities.ftm.json", buf)]).unwrap();
    assert_eq!(back.entities.len(), p.entities.len());
    for (a, b) in p.entities.iter().zip(&back.entities) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.props, b.props);
        assert_eq!(a.identifications, b.identifications);
        assert_eq!(a.provenance.references, b.provenance.references);
    }
}

proptest! {
    #[test]
    fn never_panics_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = ftm::parse("mine", &[Input::new("entities.ftm.json", data)]);
    }

    #[test]
    fn never_panics_on_truncated_fixture(cut in 0..FIXTURE.len()) {
        match ftm::parse("mine", &[Input::new("entities.ftm.json", &FIXTURE.as_bytes()[..cut])]) {
            Ok(_) => {}
            Err(e) => {
                prop_assert_eq!(e.file, "entities.ftm.json");
                prop_assert!(e.position.is_some_and(|p| p.starts_with("line ")));
            }
        }
    }
}
