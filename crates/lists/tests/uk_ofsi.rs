//! The UK OFSI ConList parser: fictional csv/xlsx fixtures for each piece of real-world mess,
//! the real xlsx (counts from PROVENANCE.md and spot checks), and robustness.

mod common;

use common::{by_id, has_note};
use proptest::prelude::*;
use std::collections::HashSet;
use zeef_lists::parse::uk_ofsi as uk;
use zeef_lists::{Input, Parsed};
use zeef_model::{CrossRef, Entity, Prop, Schema};

const CSV_UTF8_BOM: &[u8] = include_bytes!("fixtures/uk_ofsi/ConList.csv");
const CSV_CP1252: &[u8] = include_bytes!("fixtures/uk_ofsi/ConList-cp1252.csv");
const XLSX: &[u8] = include_bytes!("fixtures/uk_ofsi/ConList.xlsx");

fn parse(name: &str, data: &[u8]) -> Parsed {
    common::parse_one(uk::parse, "uk", name, data)
}

#[test]
fn csv_groups_rows_and_reads_every_column() {
    let p = parse("ConList.csv", CSV_UTF8_BOM);
    assert_eq!(p.list_date.as_deref(), Some("2031-02-01"));
    let ids: Vec<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["uk-90001", "uk-90002", "uk-90003"]);

    let e = by_id(&p, "uk-90001");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.provenance.record_ids, ["90001"]);
    assert_eq!(e.provenance.references, ["90001", "FIC0001"]);
    // Only the entry's own "(UN Ref)", not the associate's "(QDi.902)".
    assert_eq!(
        e.provenance.cross_refs,
        [CrossRef {
            source: "un".into(),
            reference: "QDi.901".into()
        }]
    );
    assert_eq!(e.get(Prop::Name), ["Karel Jan VOORBEELD"]);
    assert_eq!(e.get(Prop::FirstName), ["Karel"]);
    assert_eq!(e.get(Prop::MiddleName), ["Jan"]);
    assert_eq!(e.get(Prop::LastName), ["VOORBEELD"]);
    assert_eq!(
        e.get(Prop::Alias),
        ["Карел Ворбелд", "Abu CAFÉ", "Karel VOORBELT"]
    );
    assert_eq!(e.get(Prop::WeakAlias), ["K VOORBEELD"]);
    assert_eq!(e.get(Prop::Title), ["Dr", "Sheikh"]);
    assert_eq!(e.get(Prop::BirthDate), ["1971-05", "1969"]);
    assert!(has_note(e, "Date of birth: about then"));
    assert_eq!(e.get(Prop::BirthPlace), ["Fictown, Iraq", "Nowhere, Syria"]);
    assert_eq!(e.get(Prop::Nationality), ["iq"]);
    assert!(has_note(e, "Nationality: Atlantis"));
    assert_eq!(e.get(Prop::PassportNumber), ["X123", "Y-456"]);
    assert!(has_note(
        e,
        "Passport details: (1) Iraqi number (2) Issued in Jordan"
    ));
    assert_eq!(e.get(Prop::IdNumber), ["ID-9"]);
    // Details that start by naming a country name the issuer, paired by number.
    let issued: Vec<(&str, &str)> = e
        .identifications
        .iter()
        .map(|i| (i.number.as_str(), i.country.as_str()))
        .collect();
    assert_eq!(issued, [("X123", "iq"), ("ID-9", "sy")]);
    assert_eq!(e.get(Prop::Position), ["Treasurer of Nothing"]);
    assert_eq!(e.get(Prop::Address), ["1 Example Street, 12345, Iraq"]);
    assert_eq!(e.get(Prop::Country), ["iq"]);
    assert_eq!(e.get(Prop::Program), ["Counter-Terrorism (International)"]);
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);
    assert_eq!(e.get(Prop::ListingDate), ["2015-06-05"]);
    assert_eq!(e.get(Prop::ModifiedAt), ["2020-08-07"]);

    let org = by_id(&p, "uk-90002");
    assert_eq!(org.schema, Schema::Organization);
    assert_eq!(org.get(Prop::Name), ["EXAMPLE TRADING CO"]);
    assert_eq!(org.get(Prop::PreviousName), ["OLD EXAMPLE TRADING"]);
    assert!(org.get(Prop::FirstName).is_empty());
    assert_eq!(org.get(Prop::Address), ["PO Box 1, Dubai, UAE"]);
    assert_eq!(org.get(Prop::Country), ["ae"]);
    assert_eq!(org.get(Prop::Topics), ["sanction"]);
    assert!(has_note(
        org,
        "(UK Sanctions List Ref):FIC0002. “Fictional” company’s note."
    ));
}

#[test]
fn ship_owner_un_ref_is_not_a_cross_reference() {
    let p = parse("ConList.csv", CSV_UTF8_BOM);
    let ship = by_id(&p, "uk-90003");
    assert_eq!(ship.schema, Schema::Vessel);
    assert!(
        ship.provenance.cross_refs.is_empty(),
        "{:?}",
        ship.provenance.cross_refs
    );
    assert_eq!(ship.get(Prop::ImoNumber), ["9999991"]);
    assert_eq!(ship.get(Prop::Flag), ["kp"]);
    assert_eq!(ship.get(Prop::Type), ["Oil tanker"]);
    assert_eq!(ship.get(Prop::BuildDate), ["1975"]);
}

#[test]
fn windows_1252_csv_reads_like_utf8() {
    let utf8 = parse("ConList.csv", CSV_UTF8_BOM);
    let cp1252 = parse("ConList.csv", CSV_CP1252);
    let e = by_id(&cp1252, "uk-90001");
    assert_eq!(e.get(Prop::Alias), ["Abu CAFÉ", "Karel VOORBELT"]);
    assert_eq!(e.identifications, by_id(&utf8, "uk-90001").identifications);
    let org = by_id(&cp1252, "uk-90002");
    assert_eq!(
        org.get(Prop::Notes),
        by_id(&utf8, "uk-90002").get(Prop::Notes)
    );
}

#[test]
fn xlsx_with_date_cells_numeric_ids_and_odd_header() {
    // Fictional workbook: dates as date-typed cells (Excel serials), Group ID as a number,
    // the header in row 3 after a blank row, columns in another order.
    let p = parse("ConList.xlsx", XLSX);
    assert_eq!(p.list_date.as_deref(), Some("2031-02-01"));
    assert_eq!(p.entities.len(), 2);
    let e = by_id(&p, "uk-91001");
    assert_eq!(e.provenance.record_ids, ["91001"]);
    assert_eq!(e.get(Prop::Name), ["Zeta EXAMPLAR"]);
    assert_eq!(e.get(Prop::BirthDate), ["1963-07-15", "1970"]);
    assert_eq!(e.get(Prop::ListingDate), ["2024-11-11"]);
    assert_eq!(e.get(Prop::WeakAlias), ["Z EX"]);
    assert_eq!(by_id(&p, "uk-91002").schema, Schema::Organization);
}

#[test]
fn missing_column_or_file_is_an_error_naming_file_and_row() {
    let text = "Last Updated,01/02/2031\r\nName 6,Name 1,Group Type\r\nX,Y,Individual\r\n";
    let err = uk::parse("uk", &[Input::new("ConList.csv", text)]).unwrap_err();
    assert_eq!(err.file, "ConList.csv");
    assert_eq!(err.position.as_deref(), Some("line 2"), "{err}");
    assert!(err.message.contains("Group ID"), "{err}");

    let text = "Name 6,Group Type,Group ID\r\nX,Individual,\r\n";
    let err = uk::parse("uk", &[Input::new("ConList.csv", text)]).unwrap_err();
    assert_eq!(err.position.as_deref(), Some("line 2"), "{err}");

    let err = uk::parse("uk", &[Input::new("other.txt", "x")]).unwrap_err();
    assert_eq!(err.file, "ConList.xlsx");
}

#[test]
fn truncated_real_file_fails_naming_file_and_position() {
    let Some(dir) = zeef_lists::shared::list_dir("uk") else {
        return;
    };
    let data = std::fs::read(dir.join("ConList.xlsx")).expect("read ConList.xlsx");
    let cut = &data[..data.len() / 2];
    let err = uk::parse("uk", &[Input::new("ConList.xlsx", cut)]).unwrap_err();
    assert_eq!(err.file, "ConList.xlsx");
    let position = err.position.clone().expect("a position");
    assert!(position.contains(&cut.len().to_string()), "{err}");
}

#[test]
fn real_list_counts_and_spot_checks() {
    let Some(dir) = zeef_lists::shared::list_dir("uk") else {
        return;
    };
    let data = std::fs::read(dir.join("ConList.xlsx")).expect("read ConList.xlsx");
    let start = std::time::Instant::now();
    let p = uk::parse("uk", &[Input::new("ConList.xlsx", data)]).expect("real list parses");
    eprintln!("uk xlsx parsed in {:?}", start.elapsed());
    assert_eq!(p.list_date.as_deref(), Some("2025-04-10"));
    assert_eq!(p.entities.len(), 4_686);
    let count = |s: Schema| p.entities.iter().filter(|e| e.schema == s).count();
    assert_eq!(count(Schema::Person), 3_662);
    assert_eq!(count(Schema::Organization), 1_009);
    assert_eq!(count(Schema::Vessel), 15);
    assert!(
        p.entities.iter().all(|e| e.has(Prop::Name)),
        "every group has a primary name"
    );

    // Own UN refs: 866 groups write "(UN Ref):". PROVENANCE.md's 879 also counts 13 ships
    // whose "UN Ref" is their owner's (an associate), which must not become a cross-ref.
    let with_ref: Vec<&Entity> = p
        .entities
        .iter()
        .filter(|e| !e.provenance.cross_refs.is_empty())
        .collect();
    assert_eq!(with_ref.len(), 866);
    assert!(with_ref.iter().all(|e| e.provenance.cross_refs.len() == 1));
    assert!(
        p.entities
            .iter()
            .filter(|e| e.schema == Schema::Vessel)
            .all(|e| e.provenance.cross_refs.is_empty())
    );
    if let Some(un_dir) = zeef_lists::shared::list_dir("un") {
        let un = std::fs::read_to_string(un_dir.join("consolidated.xml")).expect("read UN list");
        let un_refs: HashSet<&str> = un
            .split("<REFERENCE_NUMBER>")
            .skip(1)
            .filter_map(|s| s.split("</REFERENCE_NUMBER>").next())
            .map(str::trim)
            .collect();
        let resolved = with_ref
            .iter()
            .filter(|e| un_refs.contains(e.provenance.cross_refs[0].reference.as_str()))
            .count();
        // The 7 that do not resolve are those PROVENANCE.md lists (delisted or typo'd case).
        assert_eq!(resolved, 859);
    }

    // Group 6925: UN-derived, with its own UN ref, several DOBs and weak aliases.
    let e = by_id(&p, "uk-6925");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.get(Prop::Name), ["AHMED KHALFAN GHAILANI"]);
    assert_eq!(
        e.provenance.cross_refs,
        [CrossRef {
            source: "un".into(),
            reference: "QDi.028".into()
        }]
    );
    assert_eq!(e.provenance.references, ["6925", "AQD0125"]);
    assert!(e.get(Prop::WeakAlias).contains(&"Ahmed A".to_string()));
    assert!(e.get(Prop::WeakAlias).contains(&"Abu KHABAR".to_string()));
    assert!(e.get(Prop::Alias).contains(&"Abu Bakr AHMAD".to_string()));
    let mut dobs = e.get(Prop::BirthDate).to_vec();
    dobs.sort();
    assert_eq!(
        dobs,
        ["1970-08-01", "1974-03-14", "1974-04-13", "1974-04-14"]
    );
    assert_eq!(e.get(Prop::BirthPlace), ["Zanzibar, Tanzania"]);
    assert_eq!(e.get(Prop::Nationality), ["tz"]);
    assert_eq!(e.get(Prop::Country), ["us"]);
    assert_eq!(e.get(Prop::Program), ["ISIL (Da'esh) and Al-Qaida"]);
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);
    assert_eq!(e.get(Prop::ListingDate), ["2001-10-12"]);

    // Group 14241: a Russian person with a Cyrillic name.
    let e = by_id(&p, "uk-14241");
    assert_eq!(e.get(Prop::Name), ["Khizri Magomedovich ABAKAROV"]);
    assert_eq!(e.get(Prop::FirstName), ["Khizri"]);
    assert_eq!(e.get(Prop::LastName), ["ABAKAROV"]);
    assert!(
        e.get(Prop::Alias)
            .contains(&"Хизри Магомедович Абакаров".to_string())
    );
    assert_eq!(e.get(Prop::BirthDate), ["1960-06-28"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Yuzhno Sakhalinsk, Russia"]);
    assert_eq!(e.get(Prop::Nationality), ["ru"]);
    assert_eq!(
        e.get(Prop::Position),
        ["Member of the State Duma of the Russian Federation"]
    );
    assert_eq!(e.get(Prop::Address), ["1 Okhotny Ryad str, 103265, Russia"]);
    assert!(e.provenance.cross_refs.is_empty());

    // Group 13651: a ship listed as asset of a UN-listed company: no cross-ref.
    let ship = by_id(&p, "uk-13651");
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.get(Prop::ImoNumber), ["7408873"]);
    assert_eq!(ship.get(Prop::Flag), ["kp"]);
    assert_eq!(ship.get(Prop::BuildDate), ["1975"]);
    assert!(ship.provenance.cross_refs.is_empty());
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = uk::parse("uk", &[Input::new("ConList.xlsx", data.clone())]);
        let _ = uk::parse("uk", &[Input::new("ConList.csv", data)]);
    }

    #[test]
    fn never_panics_on_mangled_csv_fixture(cut in 0usize..2300, byte in any::<u8>()) {
        let mut data = CSV_UTF8_BOM.to_vec();
        let at = cut.min(data.len().saturating_sub(1));
        if let Some(b) = data.get_mut(at) { *b = byte; }
        data.truncate(cut.max(at));
        let _ = uk::parse("uk", &[Input::new("ConList.csv", data)]);
    }
}
