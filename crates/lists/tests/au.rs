//! The Australian DFAT consolidated list parser: a fictional xlsx fixture for each piece of
//! real-world mess, the real list (counts from PROVENANCE.md and spot checks), robustness.

mod common;

use common::{by_id, has_note};
use proptest::prelude::*;
use zeef_lists::Input;
use zeef_lists::parse::au;
use zeef_model::{Prop, Schema};

const FIXTURE: &[u8] = include_bytes!("fixtures/au/regulation8_consolidated.xlsx");
const FILE: &str = "regulation8_consolidated.xlsx";

#[test]
fn fixture_groups_alias_rows_and_reads_messy_cells() {
    let p = au::parse("au", &[Input::new(FILE, FIXTURE)]).expect("fixture parses");
    assert_eq!(p.list_date, None, "the sheet states no list date");
    let ids: Vec<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["au-7001", "au-7002", "au-7003"]);

    // "Individual " / "individual", "Primary Name " / "aka" / "Original script ".
    let e = by_id(&p, "au-7001");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.provenance.record_ids, ["7001", "7001a", "7001b"]);
    assert_eq!(e.provenance.references, ["7001"]);
    assert!(e.provenance.cross_refs.is_empty());
    assert_eq!(e.get(Prop::Name), ["Fictional PERSON"]);
    assert_eq!(e.get(Prop::Alias), ["Fictive Persoon", "Фиктивный Персон"]);
    assert_eq!(
        e.get(Prop::BirthDate),
        ["1970-03-12", "1967~", "1963", "1964", "1961-03-01"]
    );
    assert!(has_note(e, "Date of birth: 24/06/1402 (Hijri Calendar)"));
    assert_eq!(e.get(Prop::BirthPlace), ["Fictown, Iraq"]);
    assert_eq!(e.get(Prop::Citizenship), ["ru", "ua"]);
    assert!(has_note(e, "Citizenship: Russian and Ukrainian"));
    assert_eq!(
        e.get(Prop::Address),
        ["1 Example Road, Kabul, Afghanistan", "Somewhere"]
    );
    assert_eq!(e.get(Prop::Country), ["af"]);
    assert!(has_note(e, "Fictional remark."));
    assert!(has_note(e, "Listing information: Listed for testing."));
    assert_eq!(
        e.get(Prop::Program),
        ["1267/1989/2253 (ISIL (Da'esh) and Al-Qaida)"]
    );
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);
    assert_eq!(e.get(Prop::ModifiedAt), ["2024-11-11"]);

    // An Excel serial DOB, "Possibly Ethiopian", "Formerly known as", "na".
    let e = by_id(&p, "au-7002");
    assert_eq!(e.get(Prop::BirthDate), ["1963-04-19"]);
    assert_eq!(e.get(Prop::Citizenship), ["et"]);
    assert!(has_note(e, "Citizenship: Possibly Ethiopian"));
    assert_eq!(e.get(Prop::PreviousName), ["Old Other"]);
    assert!(
        !e.get(Prop::Notes).iter().any(|n| n.contains("na")),
        "{:?}",
        e.get(Prop::Notes)
    );
    assert_eq!(e.get(Prop::Topics), ["sanction"]);

    // "Entity " with a bare-year DOB number and a date-typed Control Date.
    let e = by_id(&p, "au-7003");
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(e.get(Prop::Name), ["Example Entity Ltd"]);
    assert_eq!(e.get(Prop::BirthDate), ["1969"]);
    assert_eq!(e.get(Prop::Citizenship), ["iq"]);
    assert_eq!(e.get(Prop::ModifiedAt), ["2024-11-11"]);
}

#[test]
fn bad_reference_or_missing_file_is_an_error() {
    let err = au::parse("au", &[Input::new("other.xlsx", FIXTURE)]).unwrap_err();
    assert_eq!(err.file, FILE);
    let err = au::parse("au", &[Input::new(FILE, b"not a zip".to_vec())]).unwrap_err();
    assert_eq!(err.file, FILE);
    assert!(err.position.is_some(), "{err}");
}

#[test]
fn truncated_real_file_fails_naming_file_and_position() {
    let Some(dir) = zeef_lists::shared::list_dir("au") else {
        return;
    };
    let data = std::fs::read(dir.join(FILE)).expect("read AU list");
    let cut = &data[..data.len() * 2 / 3];
    let err = au::parse("au", &[Input::new(FILE, cut)]).unwrap_err();
    assert_eq!(err.file, FILE);
    assert!(
        err.position
            .as_deref()
            .unwrap_or("")
            .contains(&cut.len().to_string()),
        "{err}"
    );
}

#[test]
fn real_list_counts_and_spot_checks() {
    let Some(dir) = zeef_lists::shared::list_dir("au") else {
        return;
    };
    let p = zeef_lists::parse_dir("au", &dir).expect("real AU list parses");
    assert_eq!(p.list_date, None);
    assert_eq!(p.entities.len(), 3_062);
    let count = |s: Schema| p.entities.iter().filter(|e| e.schema == s).count();
    assert_eq!(count(Schema::Person), 2_316);
    assert_eq!(count(Schema::Organization), 746);
    let rows: usize = p
        .entities
        .iter()
        .map(|e| e.provenance.record_ids.len())
        .sum();
    assert_eq!(rows, 9_553);
    assert!(p.entities.iter().all(|e| e.get(Prop::Name).len() == 1));
    // DFAT gives no UN reference numbers and no alias quality.
    assert!(
        p.entities
            .iter()
            .all(|e| e.provenance.cross_refs.is_empty() && !e.has(Prop::WeakAlias))
    );
    assert!(p.entities.iter().all(|e| e.provenance.list_date.is_none()));

    // Entry 2: a Taliban-regime person with an Arabic original-script name.
    let e = by_id(&p, "au-2");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.get(Prop::Name), ["MOHAMMAD HASSAN AKHUND"]);
    assert!(e.get(Prop::Alias).contains(&"محمد حسن أخوند".to_string()));
    assert_eq!(
        e.get(Prop::BirthPlace),
        ["Pashmul village, Panjwai District, Kandahar Province, Afghanistan"]
    );
    assert_eq!(e.get(Prop::Citizenship), ["af"]);
    assert!(e.get(Prop::Address).is_empty(), "'NA' is no address");
    assert_eq!(e.get(Prop::Program), ["1988 (Taliban)"]);
    assert_eq!(e.get(Prop::ModifiedAt), ["2014-12-15"]);
    assert_eq!(e.provenance.record_ids, ["2", "2a"]);

    // Entry 147: DOB as an Excel serial, citizenship as an adjective with a trailing space.
    let e = by_id(&p, "au-147");
    assert_eq!(e.get(Prop::Name), ["Aiman Muhammed Rabi Al-Zawahiri"]);
    assert_eq!(e.get(Prop::BirthDate), ["1951-06-19"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Giza, Egypt"]);
    assert_eq!(e.get(Prop::Citizenship), ["eg"]);
    assert_eq!(e.get(Prop::Topics), ["sanction", "crime.terror"]);

    // Entry 155: an entity with an original-script name and many aliases.
    let e = by_id(&p, "au-155");
    assert_eq!(e.schema, Schema::Organization);
    assert_eq!(e.get(Prop::Name), ["AL-QAIDA"]);
    assert!(e.get(Prop::Alias).contains(&"القاعدة".to_string()));
    assert!(e.get(Prop::Alias).contains(&"Al Qaeda".to_string()));
    assert_eq!(e.get(Prop::ModifiedAt), ["2021-03-02"]);

    // Entry 2974: two citizenships in one cell, an address naming a country.
    let e = by_id(&p, "au-2974");
    assert_eq!(e.get(Prop::Citizenship), ["ru", "ua"]);
    assert_eq!(e.get(Prop::Address), ["Moscow, Russia"]);
    assert_eq!(e.get(Prop::Country), ["ru"]);
    assert_eq!(e.get(Prop::Program), ["Autonomous (Ukraine)"]);
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = au::parse("au", &[Input::new(FILE, data)]);
    }

    #[test]
    fn never_panics_on_a_mangled_fixture(at in 0usize..3000, byte in any::<u8>()) {
        let mut data = FIXTURE.to_vec();
        let len = data.len();
        if let Some(b) = data.get_mut(at % len) { *b = byte; }
        let _ = au::parse("au", &[Input::new(FILE, data)]);
    }
}
