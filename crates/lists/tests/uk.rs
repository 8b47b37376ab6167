//! The UK Sanctions List (FCDO) parser: fictional XML and CSV fixtures written from the
//! published format, the mapping of each field, errors that name file and line, and
//! robustness. No real UK Sanctions List file is at hand, so no real-data test here.

mod common;

use common::{by_id, has_note};
use proptest::prelude::*;
use zeef_lists::parse::uk;
use zeef_lists::{Input, Parsed};
use zeef_model::{CrossRef, Prop, Schema};

const XML: &[u8] = include_bytes!("fixtures/uk/UK-Sanctions-List.xml");
const CSV: &[u8] = include_bytes!("fixtures/uk/UK-Sanctions-List.csv");

fn parse(name: &str, data: &[u8]) -> Parsed {
    common::parse_one(uk::parse, "uk", name, data)
}

#[test]
fn xml_reads_every_field_of_a_person() {
    let p = parse("UK-Sanctions-List.xml", XML);
    assert_eq!(p.list_date.as_deref(), Some("2031-11-03"));
    let ids: Vec<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        ["uk-FIC0001", "uk-FIC0002", "uk-FIC0003", "uk-FIC0004"]
    );

    let e = by_id(&p, "uk-FIC0001");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.provenance.source, "uk");
    assert_eq!(e.provenance.record_ids, ["FIC0001"]);
    assert_eq!(e.provenance.references, ["FIC0001", "90001"]);
    assert_eq!(
        e.provenance.cross_refs,
        [CrossRef {
            source: "un".into(),
            reference: "FIi.901".into()
        }]
    );
    assert_eq!(e.get(Prop::Name), ["Karel Jan VOORBEELD"]);
    assert_eq!(e.get(Prop::FirstName), ["Karel"]);
    assert_eq!(e.get(Prop::MiddleName), ["Jan"]);
    assert_eq!(e.get(Prop::LastName), ["VOORBEELD"]);
    assert_eq!(e.get(Prop::Alias), ["Abu CAFÉ", "Карел Ворбелд"]);
    assert_eq!(e.get(Prop::WeakAlias), ["K VOORBEELD"]);
    assert_eq!(e.get(Prop::BirthDate), ["1971-05", "1969"]);
    assert_eq!(e.get(Prop::Nationality), ["iq"]);
    assert!(has_note(e, "Nationality: Atlantis"));
    assert_eq!(e.get(Prop::Gender), ["male"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Fictown, Iraq"]);
    assert_eq!(e.get(Prop::PassportNumber), ["X123", "Y-456"]);
    assert_eq!(e.get(Prop::IdNumber), ["ID-9"]);
    // "Iraqi passport, issued in Amman, Jordan": issued by Iraq; "Issued in Jordan" says
    // where, not who.
    let issued: Vec<(&str, &str)> = e
        .identifications
        .iter()
        .map(|i| (i.number.as_str(), i.country.as_str()))
        .collect();
    assert_eq!(issued, [("X123", "iq")]);
    assert_eq!(e.get(Prop::Position), ["Treasurer of Nothing"]);
    assert_eq!(
        e.get(Prop::Address),
        ["1 Example Street, Fictown, 12345, Iraq"]
    );
    assert_eq!(e.get(Prop::Country), ["iq"]);
    assert_eq!(e.get(Prop::Email), ["karel@example.invalid"]);
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);
    assert_eq!(e.get(Prop::ListingDate), ["2025-06-05"]);
    assert_eq!(e.get(Prop::ModifiedAt), ["2030-08-07"]);
    assert!(has_note(e, "Sanctions imposed: Asset freeze, Travel Ban"));
    assert!(has_note(e, "Designation source: UN"));
    assert!(has_note(e, "UK statement of reasons: Fictional reasons."));
}

/// (schema, first end, second end, the list's word) of every relationship.
fn links(p: &Parsed) -> Vec<(&str, &str, &str, &str)> {
    p.relationships
        .iter()
        .map(|r| {
            (
                r.kind.as_str(),
                r.from.name.as_str(),
                r.to.name.as_str(),
                r.role.as_str(),
            )
        })
        .collect()
}

#[test]
fn xml_reads_entities_with_their_ownership_and_ships() {
    // Through parse_inputs, which turns ownership fields into relationships.
    let p = zeef_lists::parse_inputs("uk", &[Input::new("UK-Sanctions-List.xml", XML)])
        .expect("fixture parses");
    let org = by_id(&p, "uk-FIC0002");
    assert_eq!(org.schema, Schema::Organization);
    assert_eq!(org.get(Prop::Name), ["EXAMPLE TRADING CO"]);
    assert_eq!(org.get(Prop::PreviousName), ["OLD EXAMPLE TRADING"]);
    assert_eq!(org.get(Prop::Alias), ["EXAMPLE TRADING COMPANY LLC"]);
    assert!(org.get(Prop::FirstName).is_empty());
    assert_eq!(org.get(Prop::RegistrationNumber), ["REG-777"]);
    assert!(has_note(org, "Type of entity: Limited liability company"));
    assert!(
        !org.get(Prop::Notes)
            .iter()
            .any(|n| n.contains("EXAMPLE HOLDINGS"))
    );
    assert_eq!(org.get(Prop::Country), ["ae"]);
    assert_eq!(org.get(Prop::Topics), ["sanction"]);

    let ship = by_id(&p, "uk-FIC0003");
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.get(Prop::Name), ["SEA EXAMPLE"]);
    assert_eq!(ship.get(Prop::ImoNumber), ["9876543"]);
    assert_eq!(ship.get(Prop::Flag), ["pa"]);
    assert_eq!(ship.get(Prop::Type), ["Crude Oil Tanker"]);
    assert_eq!(ship.get(Prop::BuildDate), ["2004"]);
    assert!(has_note(ship, "Previous flag: Liberia"));
    assert_eq!(
        links(&p),
        [
            (
                "Ownership",
                "EXAMPLE HOLDINGS",
                "EXAMPLE TRADING CO",
                "Parent company"
            ),
            (
                "Ownership",
                "EXAMPLE TRADING CO",
                "EXAMPLE SHIPPING",
                "Subsidiary"
            ),
            (
                "Ownership",
                "EXAMPLE TRADING CO",
                "EXAMPLE FREIGHT",
                "Subsidiary"
            ),
            (
                "Ownership",
                "EXAMPLE SHIPPING",
                "SEA EXAMPLE",
                "Current owner/operator"
            ),
            (
                "Ownership",
                "SAMPLE MARINE",
                "SEA EXAMPLE",
                "Previous owner/operator"
            ),
        ]
    );
    assert!(p.relationships.iter().all(|r| r.percentage.is_none()));
    assert!(has_note(ship, "Tonnage: 81000"));

    // A designation with an alias only is named by it.
    let alias_only = by_id(&p, "uk-FIC0004");
    assert_eq!(alias_only.get(Prop::Name), ["ONLY AN ALIAS"]);
    assert!(alias_only.get(Prop::Alias).is_empty());
}

#[test]
fn csv_export_gives_the_same_designations() {
    let p = parse("UK-Sanctions-List.csv", CSV);
    assert_eq!(p.list_date.as_deref(), Some("2031-11-03"));
    let ids: Vec<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["uk-FIC0001", "uk-FIC0002", "uk-FIC0003"]);
    let xml = parse("UK-Sanctions-List.xml", XML);
    let (c, x) = (by_id(&p, "uk-FIC0001"), by_id(&xml, "uk-FIC0001"));
    for prop in [
        Prop::Name,
        Prop::FirstName,
        Prop::LastName,
        Prop::WeakAlias,
        Prop::BirthDate,
        Prop::Nationality,
        Prop::Gender,
        Prop::PassportNumber,
        Prop::Program,
        Prop::ListingDate,
        Prop::Topics,
    ] {
        assert_eq!(c.get(prop), x.get(prop), "{prop}");
    }
    assert_eq!(c.identifications, x.identifications);
    assert_eq!(c.provenance.cross_refs, x.provenance.cross_refs);
    assert_eq!(c.get(Prop::Alias), ["Карел Ворбелд"]);
    let org = by_id(&p, "uk-FIC0002");
    assert_eq!(org.schema, Schema::Organization);
    assert!(has_note(org, "Subsidiary: EXAMPLE FREIGHT"));
    assert_eq!(org.get(Prop::RegistrationNumber), ["REG-777"]);
    let ship = by_id(&p, "uk-FIC0003");
    assert_eq!(ship.get(Prop::Alias), ["OCEAN SAMPLE"]);
    assert_eq!(ship.get(Prop::ImoNumber), ["9876543"]);
    assert_eq!(ship.get(Prop::Flag), ["pa"]);
}

#[test]
fn the_xml_is_preferred_when_both_are_there() {
    let both = [
        Input::new("UK-Sanctions-List.csv", CSV),
        Input::new("UK-Sanctions-List.xml", XML),
    ];
    let p = uk::parse("uk", &both).unwrap();
    assert_eq!(p.entities.len(), 4, "the XML has one designation more");
}

#[test]
fn errors_name_the_file_and_where() {
    let cut = &XML[..XML.len() / 2];
    let err = uk::parse("uk", &[Input::new("UK-Sanctions-List.xml", cut)]).unwrap_err();
    assert_eq!(err.file, "UK-Sanctions-List.xml");
    assert!(err.position.is_some(), "{err}");

    let text = String::from_utf8_lossy(XML).replace(
        "<IndividualEntityShip>Ship</IndividualEntityShip>",
        "<IndividualEntityShip>Submarine</IndividualEntityShip>",
    );
    let err = uk::parse("uk", &[Input::new("UK-Sanctions-List.xml", text)]).unwrap_err();
    assert!(err.to_string().contains("FIC0003"), "{err}");
    assert!(err.to_string().contains("Submarine"), "{err}");
    assert!(
        err.position.as_deref().unwrap().starts_with("line "),
        "{err}"
    );

    let text = String::from_utf8_lossy(XML).replace("<UniqueID>FIC0002</UniqueID>", "");
    let err = uk::parse("uk", &[Input::new("UK-Sanctions-List.xml", text)]).unwrap_err();
    assert!(err.to_string().contains("without a <UniqueID>"), "{err}");

    let err = uk::parse("uk", &[Input::new("UK-Sanctions-List.csv", "a,b\n1,2\n")]).unwrap_err();
    assert!(err.to_string().contains("no header row"), "{err}");

    let err = uk::parse("uk", &[Input::new("other.txt", "x")]).unwrap_err();
    assert!(err.to_string().contains("UK-Sanctions-List.xml"), "{err}");
}

#[test]
fn the_mirror_folder_in_the_retired_layout_reads_as_uk_ofsi() {
    let Some(dir) = zeef_lists::shared::list_dir("uk") else {
        return;
    };
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    assert_eq!(zeef_lists::source::folder_source("uk", &files), "uk_ofsi");
    let new_layout = vec!["UK-Sanctions-List.xml".to_string()];
    assert_eq!(zeef_lists::source::folder_source("uk", &new_layout), "uk");
    let p = zeef_lists::parse_dir("uk_ofsi", &dir).expect("the OFSI mirror parses");
    assert_eq!(p.entities.len(), 4686);
    assert!(p.entities.iter().all(|e| e.id.starts_with("uk_ofsi-")));
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = uk::parse("uk", &[Input::new("UK-Sanctions-List.xml", data.clone())]);
        let _ = uk::parse("uk", &[Input::new("UK-Sanctions-List.csv", data)]);
    }

    #[test]
    fn never_panics_on_mangled_fixtures(cut in 0usize..9000, byte in any::<u8>()) {
        for (name, fixture) in [("UK-Sanctions-List.xml", XML), ("UK-Sanctions-List.csv", CSV)] {
            let mut data = fixture.to_vec();
            let at = cut.min(data.len().saturating_sub(1));
            if let Some(b) = data.get_mut(at) { *b = byte; }
            data.truncate(cut.max(at));
            let _ = uk::parse("uk", &[Input::new(name, data)]);
        }
    }
}
