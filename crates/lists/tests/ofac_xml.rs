//! OFAC XML layout parser: the real non-SDN `consolidated.xml`, its agreement with the CSV
//! layout, a fictional fixture, truncation and arbitrary bytes.

use std::collections::HashMap;
use std::path::PathBuf;
use zeef_lists::parse::{ofac_csv, ofac_xml};
use zeef_lists::{Input, Parsed, parse_dir};
use zeef_model::{Entity, Prop, Schema, country};

fn by_id(parsed: &Parsed) -> HashMap<&str, &Entity> {
    parsed.entities.iter().map(|e| (e.id.as_str(), e)).collect()
}

fn real_xml() -> Option<Vec<u8>> {
    let shared = zeef_lists::shared::dir()?;
    Some(
        std::fs::read(shared.join("data/formats/ofac_xml/consolidated.xml"))
            .expect("consolidated.xml"),
    )
}

#[test]
fn real_consolidated_xml_counts_and_records() {
    let Some(data) = real_xml() else { return };
    let parsed = ofac_xml::parse("ofac_cons", &[Input::new("consolidated.xml", data)]).unwrap();
    assert_eq!(parsed.list_date.as_deref(), Some("2025-03-28"));
    assert_eq!(parsed.entities.len(), 443);
    let persons = parsed
        .entities
        .iter()
        .filter(|e| e.schema == Schema::Person)
        .count();
    let orgs = parsed
        .entities
        .iter()
        .filter(|e| e.schema == Schema::Organization)
        .count();
    assert_eq!((persons, orgs), (80, 363));
    let ids = by_id(&parsed);

    let haniya = ids["ofac_cons-9639"];
    assert_eq!(haniya.get(Prop::Name), ["Ismail Abdul Salah HANIYA"]);
    assert_eq!(haniya.get(Prop::FirstName), ["Ismail Abdul Salah"]);
    assert_eq!(haniya.get(Prop::LastName), ["HANIYA"]);
    assert_eq!(
        haniya.get(Prop::Alias),
        ["Ismail HANIYA", "Ismaeel HANIYYA"]
    );
    assert_eq!(haniya.get(Prop::BirthDate), ["1962"]);
    assert_eq!(haniya.get(Prop::BirthPlace), ["Shati"]);
    assert_eq!(haniya.get(Prop::Program), ["NS-PLC"]);
    assert_eq!(haniya.provenance.record_ids, ["9639"]);

    let zahhar = ids["ofac_cons-9647"];
    assert_eq!(zahhar.get(Prop::Name), ["Mahmoud Khaled ZAHHAR"]);
    assert_eq!(zahhar.get(Prop::Alias), ["Mahmoud Khaled AL ZAHAR"]);
    assert_eq!(
        zahhar.get(Prop::WeakAlias),
        ["Mahmoud ZAHAR", "Mahmoud AL-ZAHAR"]
    );
    assert_eq!(zahhar.get(Prop::Gender), ["male"]);
    assert_eq!(zahhar.get(Prop::BirthDate), ["1945"]);
    assert_eq!(zahhar.get(Prop::BirthPlace), ["Gaza Strip"]);
    assert_eq!(zahhar.get(Prop::Address), ["Region: Gaza"]);
    assert_eq!(zahhar.get(Prop::Program), ["NS-PLC", "SDGT"]);
    assert_eq!(zahhar.get(Prop::Notes)[0], "(Linked To: HAMAS)");

    let rshb = ids["ofac_cons-17014"];
    assert_eq!(rshb.schema, Schema::Organization);
    assert_eq!(
        rshb.get(Prop::Name),
        ["JOINT STOCK COMPANY RUSSIAN AGRICULTURAL BANK"]
    );
    assert_eq!(
        rshb.get(Prop::RegistrationNumber),
        ["1027700342890", "52750822"]
    );
    assert_eq!(rshb.get(Prop::SwiftBic), ["RUAGRUMM"]);
    assert_eq!(rshb.get(Prop::Website), ["http://www.rshb.ru"]);
    assert!(
        rshb.get(Prop::Alias)
            .contains(&"RUSSIAN AGRICULTURAL BANK".to_string())
    );
    assert!(rshb.get(Prop::WeakAlias).contains(&"RUSAG".to_string()));
}

/// The XML (2025-03-28) and the CSV cons list (2025-12) share most ent_nums: the same
/// entry must read the same from both layouts.
#[test]
fn xml_and_csv_layouts_agree_on_shared_entries() {
    let Some(data) = real_xml() else { return };
    let Some(dir) = zeef_lists::shared::list_dir("ofac_cons") else {
        return;
    };
    let xml = ofac_xml::parse("ofac_cons", &[Input::new("consolidated.xml", data)]).unwrap();
    let csv = parse_dir("ofac_cons", &dir).unwrap();
    let csv_ids = by_id(&csv);
    let shared: Vec<(&Entity, &Entity)> = xml
        .entities
        .iter()
        .filter_map(|x| csv_ids.get(x.id.as_str()).map(|c| (x, *c)))
        .collect();
    assert!(shared.len() > 400, "only {} shared entries", shared.len());
    let same = |p: Prop| shared.iter().filter(|(x, c)| x.get(p) == c.get(p)).count();
    // Schemata agree on every shared entry, names on all but one renamed between the two
    // dates; the few other changes in 9 months show in DOBs and aliases.
    assert_eq!(
        shared.iter().filter(|(x, c)| x.schema == c.schema).count(),
        shared.len()
    );
    let renamed: Vec<(&str, &str)> = shared
        .iter()
        .filter(|(x, c)| x.get(Prop::Name) != c.get(Prop::Name))
        .map(|(x, c)| (x.caption(), c.caption()))
        .collect();
    assert_eq!(
        renamed,
        [(
            "RN-KOMSOMOLSKY REFINERY LLC",
            "RN KOMSOMOLSKIY REFINERY LLC"
        )]
    );
    assert!(
        same(Prop::BirthDate) * 100 >= shared.len() * 98,
        "{}",
        same(Prop::BirthDate)
    );
    assert!(
        same(Prop::WeakAlias) * 100 >= shared.len() * 95,
        "{}",
        same(Prop::WeakAlias)
    );
    let by = |id: &str| shared.iter().find(|(x, _)| x.id == id).copied().unwrap();
    for id in ["ofac_cons-9639", "ofac_cons-9647"] {
        let (x, c) = by(id);
        for p in [
            Prop::Name,
            Prop::FirstName,
            Prop::LastName,
            Prop::BirthDate,
            Prop::WeakAlias,
            Prop::Gender,
        ] {
            assert_eq!(x.get(p), c.get(p), "{id} {p}");
        }
    }
}

#[test]
fn fixture_maps_every_part() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ofac/sdn.xml");
    let parsed = ofac_xml::parse(
        "ofac_sdn",
        &[Input::new("sdn.xml", std::fs::read(path).unwrap())],
    )
    .unwrap();
    assert_eq!(parsed.list_date.as_deref(), Some("2024-12-01"));
    let ids = by_id(&parsed);
    let p = ids["ofac_sdn-101"];
    assert_eq!(p.get(Prop::Name), ["Zayd Ali QASIMI"]);
    assert_eq!(p.get(Prop::Position), ["Commander"]);
    assert_eq!(p.get(Prop::PassportNumber), ["Y998877"]);
    assert_eq!(
        p.issuers(Prop::PassportNumber, "Y998877")
            .collect::<Vec<_>>(),
        ["ye"]
    );
    assert_eq!(p.get(Prop::Gender), ["female"]);
    assert_eq!(p.get(Prop::Alias), ["Zaid QASSIMI"]);
    assert_eq!(p.get(Prop::WeakAlias), ["ABU ZAYD", "Abu ZAYD"]);
    assert_eq!(p.get(Prop::PreviousName), ["Zayd OLDNAME"]);
    assert_eq!(p.get(Prop::Address), ["Baghdad, Iraq"]);
    assert_eq!(p.get(Prop::Country), ["iq"]);
    assert_eq!(p.get(Prop::Nationality), ["iq"]);
    assert_eq!(p.get(Prop::Citizenship), ["iq"]);
    assert_eq!(p.get(Prop::BirthDate), ["1963-07-15", "1950~", "1965/1969"]);
    assert_eq!(p.get(Prop::BirthPlace), ["Ta'izz, Yemen"]);
    assert_eq!(p.get(Prop::Topics), ["sanction"]);
    let org = ids["ofac_sdn-102"];
    assert_eq!(
        org.get(Prop::Name),
        ["FICTIONAL TRADING & SHIPPING CO., LTD."]
    );
    assert_eq!(org.get(Prop::SwiftBic), ["FAKEIQBA"]);
    assert_eq!(org.get(Prop::IncorporationDate), ["2001"]);
    let ship = ids["ofac_sdn-103"];
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.get(Prop::ImoNumber), ["IMO1234567"]);
    assert_eq!(ship.get(Prop::CallSign), ["YI1234"]);
    assert_eq!(
        ship.get(Prop::Flag),
        country::code("Iraq")
            .map(|c| vec![c.to_string()])
            .unwrap_or_default()
    );
    // The same fictional entries in the CSV layout read the same.
    let names = ["sdn.csv", "alt.csv"];
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ofac");
    let inputs: Vec<Input> = names
        .iter()
        .map(|n| Input::new(*n, std::fs::read(dir.join(n)).unwrap()))
        .collect();
    let csv = ofac_csv::parse("ofac_sdn", &inputs).unwrap();
    let c = by_id(&csv)["ofac_sdn-101"];
    for prop in [
        Prop::Name,
        Prop::FirstName,
        Prop::LastName,
        Prop::Alias,
        Prop::PreviousName,
        Prop::PassportNumber,
    ] {
        assert_eq!(p.get(prop), c.get(prop), "{prop}");
    }
}

#[test]
fn truncated_real_file_names_file_and_line() {
    let Some(data) = real_xml() else { return };
    let cut = &data[..data.len() / 2];
    let err = ofac_xml::parse("ofac_cons", &[Input::new("consolidated.xml", cut)]).unwrap_err();
    assert_eq!(err.file, "consolidated.xml");
    let pos = err.position.unwrap_or_default();
    assert!(pos.starts_with("line "), "{pos}");
    assert!(err.message.contains("truncated"), "{}", err.message);
}

#[test]
fn bad_entries_are_errors() {
    let no_uid = r#"<sdnList><sdnEntry><lastName>X</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>"#;
    let err = ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", no_uid)]).unwrap_err();
    assert!(err.message.contains("uid"), "{err}");
    let odd_type = r#"<sdnList><sdnEntry><uid>5</uid><lastName>X</lastName><sdnType>Robot</sdnType></sdnEntry></sdnList>"#;
    let err = ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", odd_type)]).unwrap_err();
    assert!(err.message.contains("Robot"), "{err}");
    assert!(ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", "<html/>")]).is_err());
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", data)]);
    }

    #[test]
    fn never_panics_on_xml_like_text(parts in proptest::collection::vec(proptest::sample::select(vec![
        "<sdnList>", "</sdnList>", "<sdnEntry>", "</sdnEntry>", "<uid>", "</uid>", "12", "<sdnType>", "</sdnType>",
        "Individual", "<lastName>", "</lastName>", "A, B", "<aka>", "</aka>", "<akaList>", "</akaList>", "&amp;", "&#0;",
        "<dateOfBirthList><dateOfBirthItem><dateOfBirth>", "</dateOfBirth></dateOfBirthItem></dateOfBirthList>",
        "circa 1950", "<publshInformation><Publish_Date>", "13/45/2025", "</Publish_Date></publshInformation>"]), 0..40)) {
        let _ = ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", parts.concat())]);
    }
}

#[test]
fn record_count_mismatch_and_empty_list_are_errors() {
    let xml = r#"<sdnList><publshInformation><Publish_Date>01/02/2025</Publish_Date><Record_Count>2</Record_Count></publshInformation>
<sdnEntry><uid>5</uid><lastName>X</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>"#;
    let err = ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", xml)]).unwrap_err();
    assert!(err.message.contains("Record_Count says 2"), "{err}");
    let ok = xml.replace("<Record_Count>2<", "<Record_Count>1<");
    let parsed = ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", ok)]).unwrap();
    assert_eq!(parsed.list_date.as_deref(), Some("2025-01-02"));
    assert!(ofac_xml::parse("ofac_sdn", &[Input::new("sdn.xml", "<sdnList></sdnList>")]).is_err());
}
