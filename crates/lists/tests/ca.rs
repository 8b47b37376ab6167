//! The Canadian SEMA XML parser: fictional fixture for each piece of mess it handles, the real
//! list (counts from PROVENANCE.md, spot checks) and robustness.

mod common;

use common::by_id;
use proptest::prelude::*;
use zeef_lists::parse::ca;
use zeef_lists::{Input, Parsed};
use zeef_model::{Prop, Schema};

const FIXTURE: &str = include_str!("fixtures/ca/sema-lmes.xml");

fn parse_fixture() -> Parsed {
    common::parse_one(ca::parse, "ca", "sema-lmes.xml", FIXTURE)
}

#[test]
fn fixture_person() {
    let p = parse_fixture();
    assert_eq!(p.list_date, None, "the file states no date");
    assert_eq!(p.entities.len(), 6);
    let e = by_id(&p, "ca-freedonia-1p1-7");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.get(Prop::Name), ["Ivan Petrovich EXEMPLAROV"]);
    assert_eq!(e.get(Prop::FirstName), ["Ivan Petrovich"]);
    assert_eq!(e.get(Prop::LastName), ["EXEMPLAROV"]);
    assert_eq!(e.get(Prop::Title), ["Major General"]);
    assert_eq!(
        e.get(Prop::Alias),
        [
            "Iwan Eksemplarow",
            "Ivan EXEMPLAROU",
            "Іван Экзэмпляраў",
            "Иван Экземпляров",
            "Иван Экземпляроф"
        ]
    );
    assert_eq!(e.get(Prop::BirthDate), ["1972-08-10", "1972-08-11"]);
    assert_eq!(e.get(Prop::ListingDate), ["2022-03-01"]);
    assert_eq!(e.get(Prop::Program), ["Freedonia"]);
    assert_eq!(e.get(Prop::Topics), ["sanction"]);
    assert_eq!(
        e.provenance.references,
        ["Freedonia, Schedule 1, Part 1, Item 7"]
    );
}

#[test]
fn fixture_same_item_in_other_parts_gets_distinct_ids() {
    let p = parse_fixture();
    let e = by_id(&p, "ca-freedonia-1p1.1-7");
    assert_eq!(e.get(Prop::Name), ["Olga Probe"]);
    assert!(!e.has(Prop::BirthDate));
    assert_eq!(e.get(Prop::Notes), ["Date: born in the early 1970s"]);
    // Same regime and item, no schedule: made unique in file order.
    assert_eq!(by_id(&p, "ca-jvcfor-7").get(Prop::Name), ["Max Muster"]);
    let erika = by_id(&p, "ca-jvcfor-7-2");
    assert_eq!(erika.get(Prop::BirthDate), ["1963/1964"]);
}

#[test]
fn fixture_entity_and_ship() {
    let p = parse_fixture();
    let e = by_id(&p, "ca-freedonia-1p2-12");
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(e.get(Prop::Name), ["Sample Cartridge Works JSC"]);
    assert_eq!(
        e.get(Prop::Alias),
        [
            "Aktsionernoe Obshchestvo Obraztsovyi Zavod",
            "Образцовый Завод, АО",
            "PASK",
            "Sample Works Co."
        ]
    );
    assert_eq!(e.get(Prop::IncorporationDate), ["1999-01-05"]);
    assert!(!e.has(Prop::BirthDate));
    let ship = by_id(&p, "ca-freedonia-1.1-7");
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.get(Prop::Name), ["Sea Example"]);
    assert_eq!(ship.get(Prop::ImoNumber), ["9999991"]);
    assert_eq!(ship.get(Prop::Type), ["Oil Tanker"]);
    assert_eq!(ship.get(Prop::BuildDate), ["1980"]);
    assert!(!ship.has(Prop::BirthDate));
}

#[test]
fn truncated_fixture_fails_naming_file_and_line() {
    let err = ca::parse(
        "ca",
        &[Input::new(
            "sema-lmes.xml",
            &FIXTURE.as_bytes()[..FIXTURE.len() / 2],
        )],
    )
    .unwrap_err();
    assert_eq!(err.file, "sema-lmes.xml");
    assert!(
        err.position
            .as_deref()
            .is_some_and(|p| p.starts_with("line ")),
        "{err}"
    );
}

proptest! {
    #[test]
    fn never_panics_on_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = ca::parse("ca", &[Input::new("sema-lmes.xml", data)]);
    }

    #[test]
    fn never_panics_on_truncated_fixture(cut in 0..FIXTURE.len()) {
        if let Err(e) = ca::parse("ca", &[Input::new("sema-lmes.xml", &FIXTURE.as_bytes()[..cut])]) {
            prop_assert_eq!(e.file, "sema-lmes.xml");
        }
    }
}

fn real() -> Option<(Vec<u8>, Parsed)> {
    let dir = zeef_lists::shared::list_dir("ca")?;
    let data = std::fs::read(dir.join("sema-lmes.xml")).ok()?;
    Some((
        data,
        zeef_lists::parse_dir("ca", &dir).expect("real CA list parses"),
    ))
}

#[test]
fn real_list_counts_and_spot_checks() {
    let Some((_, p)) = real() else { return };
    assert_eq!(p.list_date, None);
    assert_eq!(p.entities.len(), 4759);
    let count = |s: Schema| p.entities.iter().filter(|e| e.schema == s).count();
    assert_eq!(count(Schema::Person), 3334);
    assert_eq!(count(Schema::Organization) + count(Schema::Vessel), 1425);
    assert_eq!(count(Schema::Vessel), 109);
    let ids: std::collections::HashSet<_> = p.entities.iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), 4759);
    // The official keys (regime, schedule, item) are unique too, so no id needed a suffix.
    let keys: std::collections::HashSet<_> = p
        .entities
        .iter()
        .map(|e| &e.provenance.record_ids)
        .collect();
    assert_eq!(keys.len(), 4759);
    assert_eq!(
        by_id(&p, "ca-belarus-1p1-2").get(Prop::Name),
        ["Dmitry Vladimirovich Balaba"]
    );

    let e = by_id(&p, "ca-belarus-1p1-120");
    assert_eq!(e.get(Prop::Name), ["Nikolai Aleksandrovich LUKASHENKO"]);
    assert_eq!(
        e.get(Prop::Alias),
        [
            "Mikalay Alyaksandravich Lukashenka",
            "Kolya Lukashenko",
            "Мікалай Аляксандравіч Лукашэнка",
            "Николай Александрович Лукашенко",
            "Коля Лукашенко"
        ]
    );
    assert_eq!(e.get(Prop::BirthDate), ["2004-08-31"]);
    assert_eq!(e.get(Prop::ListingDate), ["2024-08-08"]);
    assert_eq!(e.get(Prop::Program), ["Belarus"]);

    let e = by_id(&p, "ca-russia-1.1-1");
    assert_eq!(e.schema, Schema::Vessel);
    assert_eq!(e.get(Prop::Name), ["Balitiyskiy III"]);
    assert_eq!(e.get(Prop::ImoNumber), ["7612448"]);
    assert_eq!(e.get(Prop::BuildDate), ["1980"]);
    assert_eq!(e.get(Prop::Type), ["General Cargo / Multi Purpose"]);

    let e = by_id(&p, "ca-russia-1p2-575");
    assert_eq!(e.get(Prop::Name), ["Ulyanovsk Cartridge Works JSC"]);
    assert_eq!(
        e.get(Prop::Alias),
        [
            "Aktsionernoe Obshchestvo Ulyanovskii Patronnyi Zavod",
            "Акционерное общество «Ульяновский патронный завод»"
        ]
    );
    assert_eq!(e.get(Prop::ListingDate), ["2024-02-21"]);

    let e = by_id(&p, "ca-iran-1p2.1-70");
    assert_eq!(e.get(Prop::Name), ["Habib Shahsavari"]);
    assert_eq!(e.get(Prop::BirthDate), ["1963/1964"]);
    assert_eq!(e.get(Prop::Alias), ["حبیب شاهسواری"]);
}

#[test]
fn real_truncated_file_fails_with_position() {
    let Some((data, _)) = real() else { return };
    let err = ca::parse(
        "ca",
        &[Input::new("sema-lmes.xml", &data[..data.len() / 3])],
    )
    .unwrap_err();
    assert_eq!(err.file, "sema-lmes.xml");
    assert!(
        err.position
            .as_deref()
            .is_some_and(|p| p.starts_with("line ")),
        "{err}"
    );
}
