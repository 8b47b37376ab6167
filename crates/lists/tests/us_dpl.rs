//! US BIS Denied Persons List parser: the real `dpl.txt`, a fictional fixture, truncation
//! and arbitrary bytes.

use std::collections::HashMap;
use std::path::PathBuf;
use zeef_lists::parse::us_dpl;
use zeef_lists::{Input, Parsed, parse_dir};
use zeef_model::{Entity, Prop, Schema};

fn by_id(parsed: &Parsed) -> HashMap<&str, &Entity> {
    parsed.entities.iter().map(|e| (e.id.as_str(), e)).collect()
}

fn fixture() -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/us_dpl/dpl.txt"))
        .unwrap()
}

#[test]
fn real_dpl_groups_rows_into_parties() {
    let Some(dir) = zeef_lists::shared::list_dir("us_dpl") else {
        return;
    };
    let parsed = parse_dir("us_dpl", &dir).unwrap();
    assert_eq!(parsed.list_date, None);
    // 546 distinct raw names; normalising merges " I. ASH"/"I. ASH" and
    // "AL-NASER  AIRLINES"/"AL NASER AIRLINES".
    assert_eq!(parsed.entities.len(), 544);
    let rows: usize = parsed
        .entities
        .iter()
        .map(|e| e.provenance.record_ids.len())
        .sum();
    assert_eq!(rows, 665);
    let unique: std::collections::HashSet<&str> =
        parsed.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(unique.len(), 544);
    assert!(
        parsed
            .entities
            .iter()
            .all(|e| e.provenance.list_date.is_none())
    );
    let ids = by_id(&parsed);

    let air = ids["us_dpl-air-freight-ltd"];
    assert_eq!(air.schema, Schema::Company);
    assert_eq!(air.get(Prop::Name), ["AIR FREIGHT LTD"]);
    assert_eq!(air.get(Prop::Address).len(), 4);
    assert_eq!(air.get(Prop::Address)[2], "P.O. BOX 28360, DUBAI, AE");
    assert_eq!(air.get(Prop::ListingDate), ["2023-10-31"]);
    assert_eq!(air.get(Prop::ModifiedAt), ["2023-11-02"]);
    assert_eq!(air.get(Prop::Topics), ["export.control", "debarment"]);
    assert_eq!(air.provenance.record_ids.len(), 4);
    assert!(
        air.get(Prop::Notes)[0]
            .starts_with("Order effective 2023-10-31, expires 2024-10-30; standard order: Y")
    );

    let naser = ids["us_dpl-al-naser-airlines"];
    assert_eq!(naser.get(Prop::Name), ["AL NASER AIRLINES"]);
    assert_eq!(naser.get(Prop::Alias), ["AL-NASER AIRLINES"]);
    assert_eq!(naser.provenance.record_ids.len(), 7);

    let ash = ids["us_dpl-i-ash"];
    assert_eq!(ash.schema, Schema::LegalEntity);
    // Two orders (" I. ASH" and "I. ASH" rows), both kept.
    assert_eq!(ash.get(Prop::ListingDate), ["2003-06-19", "2002-03-04"]);
    assert!(
        ash.get(Prop::Address)[0].ends_with("SEAGOVILLE, TX, 75159, US"),
        "{:?}",
        ash.get(Prop::Address)
    );

    let villa = ids["us_dpl-aaron-abraham-villa"];
    assert_eq!(villa.schema, Schema::LegalEntity);
    assert_eq!(
        villa.get(Prop::Address),
        ["3415 RIVERA AVENUE, EL PASO, TX, 79905"]
    );
    assert_eq!(villa.get(Prop::ListingDate), ["2022-08-24"]);
    assert_eq!(villa.provenance.references, ["87 F.R. 52741 8/29/2022"]);

    // The typo'd Last_Update `3033-09-30` is dropped, nothing else breaks.
    let garcia = ids["us_dpl-jose-ernesto-garcia"];
    assert!(garcia.get(Prop::ModifiedAt).is_empty());
    assert_eq!(garcia.get(Prop::ListingDate), ["2022-09-26"]);
}

#[test]
fn fixture_groups_and_maps() {
    let parsed = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", fixture())]).unwrap();
    assert_eq!(parsed.entities.len(), 3);
    let ids = by_id(&parsed);
    let z = ids["us_dpl-zebulon-fictive"];
    assert_eq!(z.schema, Schema::LegalEntity);
    assert_eq!(z.get(Prop::Address), ["1 MAIN ST, SPRINGFIELD, ZZ, 00001"]);
    assert_eq!(z.get(Prop::ListingDate), ["2020-01-15"]);
    assert_eq!(z.get(Prop::ModifiedAt), ["2020-01-20"]);
    assert_eq!(z.provenance.record_ids, ["row 1"]);
    let acme = ids["us_dpl-acme-fictional-trading-co-ltd"];
    assert_eq!(acme.schema, Schema::Company);
    assert_eq!(acme.get(Prop::Alias), ["ACME FICTIONAL TRADING CO LTD"]);
    assert_eq!(
        acme.get(Prop::Address),
        ["P.O. BOX 1, BAGHDAD, IQ", "2 \"QUOTED\" ROAD, BAGHDAD, IQ"]
    );
    assert_eq!(acme.get(Prop::Country), ["iq"]);
    assert_eq!(acme.get(Prop::ModifiedAt), ["2023-11-02"]);
    assert_eq!(acme.provenance.record_ids, ["row 2", "row 3"]);
    assert_eq!(
        acme.provenance.references,
        ["88 F.R. 2 11/2/2023", "88 F.R. 3 11/2/2023"]
    );
    // An impossible effective date (30 Feb) is not invented into a date: kept as text.
    let olga = ids["us_dpl-olga-example"];
    assert!(olga.get(Prop::ListingDate).is_empty());
    assert!(olga.get(Prop::Notes)[0].starts_with("Order effective 02/30/2021"));
    assert_eq!(olga.get(Prop::Country), ["nl"]);
}

#[test]
fn wrong_header_and_cut_files_are_errors() {
    let err = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", "\"Nom\"\t\"x\"\n")]).unwrap_err();
    assert_eq!(err.file, "dpl.txt");
    assert_eq!(err.position.as_deref(), Some("line 1"));
    let data = fixture();
    let text = String::from_utf8(data).unwrap();
    let at = text.find("QUOTED").unwrap();
    let err = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", &text[..at])]).unwrap_err();
    assert_eq!(err.position.as_deref(), Some("line 4"));
    assert!(us_dpl::parse("us_dpl", &[Input::new("dpl.txt", "")]).is_err());
}

#[test]
fn truncated_real_file() {
    let Some(dir) = zeef_lists::shared::list_dir("us_dpl") else {
        return;
    };
    let text = String::from_utf8(std::fs::read(dir.join("dpl.txt")).unwrap()).unwrap();
    // Cut inside the quoted street address of row 2 (file line 3).
    let at = text.find("3415 RIVERA").unwrap() + 4;
    let err = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", &text[..at])]).unwrap_err();
    assert_eq!(err.file, "dpl.txt");
    assert_eq!(err.position.as_deref(), Some("line 3"));
    // Cut at a row boundary: a consistent, shorter list.
    let at = text.find("\"AARON ABRAHAM VILLA\"").unwrap();
    let parsed = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", &text[..at])]).unwrap();
    assert_eq!(parsed.entities.len(), 1);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", data)]);
    }

    #[test]
    fn never_panics_on_rows_after_a_good_header(cells in proptest::collection::vec("[ -~]{0,10}", 0..40)) {
        let header = "Name\tStreet_Address\tCity\tState\tCountry\tPostal_Code\tEffective_Date\tExpiration_Date\tStandard_Order\tLast_Update\tAction\tFR_Citation\n";
        let body: String = cells.chunks(12).map(|c| c.join("\t") + "\n").collect();
        let _ = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", format!("{header}{body}"))]);
    }
}

#[test]
fn header_only_file_is_an_error() {
    let text = String::from_utf8(fixture()).unwrap();
    let header = text.lines().next().unwrap();
    let err = us_dpl::parse("us_dpl", &[Input::new("dpl.txt", header)]).unwrap_err();
    assert!(err.message.contains("no entries"), "{err}");
}
