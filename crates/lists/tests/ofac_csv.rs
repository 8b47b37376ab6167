//! OFAC legacy CSV parser: real SDN and non-SDN files, fictional fixtures for each kind of
//! real-world mess, truncation and arbitrary bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use zeef_lists::parse::ofac_csv;
use zeef_lists::{Input, Parsed, parse_dir};
use zeef_model::{Entity, Prop, Schema, country};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ofac")
}

fn fixture_inputs(names: &[&str]) -> Vec<Input> {
    names
        .iter()
        .map(|n| Input::new(*n, std::fs::read(fixtures().join(n)).expect("fixture")))
        .collect()
}

fn by_id(parsed: &Parsed) -> HashMap<&str, &Entity> {
    parsed.entities.iter().map(|e| (e.id.as_str(), e)).collect()
}

fn schema_counts(parsed: &Parsed) -> HashMap<Schema, usize> {
    let mut counts = HashMap::new();
    for e in &parsed.entities {
        *counts.entry(e.schema).or_default() += 1;
    }
    counts
}

/// The code `country::code` gives, as the list of values a country property should hold.
fn codes(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .filter_map(|n| country::code(n))
        .map(str::to_string)
        .collect()
}

#[test]
fn real_sdn_csv_counts_and_records() {
    let Some(dir) = zeef_lists::shared::list_dir("ofac_sdn") else {
        return;
    };
    let parsed = parse_dir("ofac_sdn", &dir).unwrap();
    // 14,965 entries and the 294 digital currency addresses of their remarks.
    assert_eq!(parsed.entities.len(), 14_965 + 294);
    assert_eq!(parsed.list_date, None);
    let counts = schema_counts(&parsed);
    assert_eq!(counts[&Schema::CryptoWallet], 294);
    assert_eq!(counts[&Schema::Person], 6_854);
    assert_eq!(counts[&Schema::Organization], 6_884);
    assert_eq!(counts[&Schema::Vessel], 851);
    assert_eq!(counts[&Schema::Airplane], 376);
    let ids = by_id(&parsed);
    let wallets: Vec<&Entity> = parsed
        .entities
        .iter()
        .filter(|e| e.first(Prop::Holder) == Some("ofac_sdn-25308"))
        .collect();
    assert_eq!(wallets.len(), 6);
    assert!(wallets.iter().all(|w| w.get(Prop::Currency) == ["XBT"]));
    assert!(
        wallets
            .iter()
            .any(|w| w.get(Prop::PublicKey) == ["12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"])
    );
    assert!(!ids["ofac_sdn-25308"].has(Prop::PublicKey));

    let bnc = ids["ofac_sdn-306"];
    assert_eq!(bnc.get(Prop::Name), ["BANCO NACIONAL DE CUBA"]);
    assert_eq!(bnc.get(Prop::Program), ["CUBA"]);
    assert_eq!(bnc.get(Prop::WeakAlias), ["BNC"]);
    assert_eq!(bnc.get(Prop::Notes), ["a.k.a. 'BNC'."]);
    assert_eq!(bnc.provenance.record_ids, ["306"]);
    assert_eq!(bnc.provenance.references, ["306"]);
    assert_eq!(bnc.provenance.source, "ofac_sdn");
    assert_eq!(bnc.get(Prop::Topics), ["sanction"]);
    assert!(
        bnc.provenance
            .sha256
            .as_deref()
            .is_some_and(|s| s.starts_with("210ca6b4"))
    );

    let dulaymi = ids["ofac_sdn-11884"];
    assert_eq!(dulaymi.schema, Schema::Person);
    assert_eq!(dulaymi.get(Prop::Name), ["Ahmad Khalaf Shabib AL-DULAYMI"]);
    assert_eq!(dulaymi.get(Prop::LastName), ["AL-DULAYMI"]);
    assert_eq!(dulaymi.get(Prop::FirstName), ["Ahmad Khalaf Shabib"]);
    assert_eq!(dulaymi.get(Prop::BirthDate), ["1972-05-25"]);
    assert_eq!(dulaymi.get(Prop::BirthPlace), ["al-Fallujah, Iraq"]);
    assert_eq!(dulaymi.get(Prop::Nationality), ["iq"]);
    assert_eq!(dulaymi.get(Prop::Citizenship), codes(&["United Kingdom"]));
    assert_eq!(dulaymi.get(Prop::PassportNumber), ["C00168817", "G1407597"]);
    assert_eq!(dulaymi.get(Prop::WeakAlias).len(), 7);
    assert_eq!(dulaymi.get(Prop::WeakAlias)[0], "Ahmed ALDOLEMY");
    assert_eq!(dulaymi.get(Prop::WeakAlias)[4], "Hajji WA'IL");

    let naqdi = ids["ofac_sdn-12057"];
    assert_eq!(
        naqdi.get(Prop::BirthDate),
        ["1951/1953", "1960/1962", "1961-04", "1953"]
    );
    assert_eq!(naqdi.get(Prop::BirthPlace), ["Najaf, Iraq", "Tehran, Iran"]);
    assert_eq!(
        naqdi.get(Prop::Program),
        ["SDGT", "NPWMD", "IRGC", "IFSR", "IRAN-HR", "IRAN-EO13876"]
    );
    assert_eq!(naqdi.get(Prop::Gender), ["male"]);
    assert_eq!(naqdi.get(Prop::Position).len(), 3);
    assert_eq!(
        naqdi.get(Prop::Position)[0],
        "Brigadier General and Commander of the IRGC Basij Resistance Force"
    );

    let circa = ids["ofac_sdn-7782"];
    assert_eq!(circa.get(Prop::BirthDate), ["1951~"]);

    let artavil = ids["ofac_sdn-15036"];
    assert_eq!(artavil.schema, Schema::Vessel);
    assert_eq!(artavil.get(Prop::CallSign), ["T2EU4"]);
    assert_eq!(artavil.get(Prop::Type), ["Crude/Oil Products Tanker"]);
    assert_eq!(artavil.get(Prop::ImoNumber), ["IMO9187629"]);
    assert_eq!(artavil.get(Prop::Mmsi), ["572469210"]);
    assert_eq!(artavil.get(Prop::PreviousName), ["ALPHA"]);
    assert_eq!(artavil.get(Prop::Flag), codes(&["Iran"]));
    assert_eq!(artavil.extra["tonnage"], ["99,144"]);
    assert_eq!(artavil.extra["grossRegisteredTonnage"], ["56,068"]);

    let plane = ids["ofac_sdn-15431"];
    assert_eq!(plane.schema, Schema::Airplane);
    assert_eq!(plane.get(Prop::Name), ["EP-GOM"]);
    assert_eq!(plane.get(Prop::BuildDate), ["1992"]);
    assert_eq!(plane.extra["model"], ["IL76-TD"]);
}

#[test]
fn real_sdn_four_file_set_joins_aliases_addresses_and_comments() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let parsed = parse_dir("ofac_sdn", &shared.join("data/archive/ofac_sdn_2021-07-07")).unwrap();
    // 8,976 entries and the 97 digital currency addresses of their remarks.
    assert_eq!(parsed.entities.len(), 8_976 + 97);
    let counts = schema_counts(&parsed);
    assert_eq!(counts[&Schema::CryptoWallet], 97);
    assert_eq!(counts[&Schema::Person], 4_620);
    assert_eq!(counts[&Schema::Organization], 3_673);
    assert_eq!(counts[&Schema::Vessel], 406);
    assert_eq!(counts[&Schema::Airplane], 277);
    // 11,910 alt.csv rows: aka/nka to Alias, fka to PreviousName (a few collapse as duplicates).
    let strong: usize = parsed
        .entities
        .iter()
        .map(|e| e.get(Prop::Alias).len() + e.get(Prop::PreviousName).len())
        .sum();
    assert!(strong > 11_000, "{strong}");
    let ids = by_id(&parsed);

    let zawahiri = ids["ofac_sdn-2676"];
    assert_eq!(zawahiri.get(Prop::Name), ["Dr. Ayman AL ZAWAHIRI"]);
    assert!(
        zawahiri
            .get(Prop::Alias)
            .contains(&"Ayman AL-ZAWAHIRI".to_string())
    );
    assert!(
        zawahiri
            .get(Prop::Alias)
            .contains(&"Ahmad Fuad SALIM".to_string())
    );
    assert_eq!(zawahiri.get(Prop::BirthDate), ["1951-06-19"]);
    assert_eq!(zawahiri.get(Prop::PassportNumber), ["1084010", "19820215"]);
    // add.csv row with every field null adds nothing.
    assert!(zawahiri.get(Prop::Address).is_empty());

    // sdn_comments.csv continues the remarks mid-word: "PROMO RAI" + "Z S.A.S.".
    let cifuentes = ids["ofac_sdn-12300"];
    let notes = cifuentes.get(Prop::Notes).join(" ");
    assert!(
        notes.contains("PROMO RAIZ S.A.S.; Linked To: RED MUNDIAL"),
        "{notes}"
    );
    assert_eq!(
        cifuentes.get(Prop::BirthDate),
        ["1965-05-13", "1968-04-13", "1964-07-07"]
    );
    assert!(
        cifuentes
            .get(Prop::Alias)
            .contains(&"Elkin de Jesus LOPEZ SALAZAR".to_string())
    );
    assert!(
        cifuentes
            .get(Prop::Address)
            .contains(&"Calle 6 No. 33-29 Apto. 801, Medellin, Colombia".to_string())
    );
    assert_eq!(cifuentes.get(Prop::Country), codes(&["Colombia", "Mexico"]));

    // Remarks continued in the comments file are mined too (identification number, akas).
    let lazarus = ids["ofac_sdn-28264"];
    assert!(
        lazarus
            .get(Prop::IdNumber)
            .contains(&"210302198701102136".to_string())
    );
    assert!(
        lazarus
            .get(Prop::WeakAlias)
            .contains(&"khaleesi".to_string())
    );
}

#[test]
fn real_non_sdn_csv_counts_and_records() {
    let Some(dir) = zeef_lists::shared::list_dir("ofac_cons") else {
        return;
    };
    let parsed = parse_dir("ofac_cons", &dir).unwrap();
    assert_eq!(parsed.entities.len(), 442);
    let counts = schema_counts(&parsed);
    assert_eq!(counts[&Schema::Person], 79);
    assert_eq!(counts[&Schema::Organization], 363);
    let ids = by_id(&parsed);
    let zahhar = ids["ofac_cons-9647"];
    assert_eq!(zahhar.get(Prop::Name), ["Mahmoud Khaled ZAHHAR"]);
    assert_eq!(zahhar.get(Prop::Program), ["SDGT", "NS-PLC"]);
    assert_eq!(zahhar.get(Prop::BirthDate), ["1945"]);
    assert_eq!(zahhar.get(Prop::BirthPlace), ["Gaza Strip"]);
    assert_eq!(zahhar.get(Prop::Gender), ["male"]);
    // alt.csv holds the strong a.k.a.; the weak ones are only in the remarks.
    assert_eq!(zahhar.get(Prop::Alias), ["Mahmoud Khaled AL ZAHAR"]);
    assert_eq!(
        zahhar.get(Prop::WeakAlias),
        ["Mahmoud ZAHAR", "Mahmoud AL-ZAHAR"]
    );
    // cons_comments.csv: a continuation carrying the weak a.k.a. 'RUSAG'.
    let rusag = ids["ofac_cons-17014"];
    assert!(rusag.get(Prop::WeakAlias).contains(&"RUSAG".to_string()));
}

#[test]
fn fixture_mess_is_handled() {
    let parsed = ofac_csv::parse(
        "ofac_sdn",
        &fixture_inputs(&["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]),
    )
    .unwrap();
    assert_eq!(parsed.entities.len(), 4);
    let ids = by_id(&parsed);
    let p = ids["ofac_sdn-101"];
    assert_eq!(p.schema, Schema::Person);
    assert_eq!(p.get(Prop::Name), ["Zayd Ali QASIMI"]);
    assert_eq!(
        p.get(Prop::BirthDate),
        ["1963-07-15", "1971", "1965/1969", "1950~"]
    );
    assert_eq!(p.get(Prop::BirthPlace), ["Ta'izz, Yemen"]);
    assert_eq!(p.get(Prop::PassportNumber), ["Y998877"]);
    assert_eq!(p.get(Prop::Nationality), ["iq"]);
    assert_eq!(p.get(Prop::Gender), ["female"]);
    assert_eq!(p.get(Prop::WeakAlias), ["ABU ZAYD"]);
    assert_eq!(p.get(Prop::Alias), ["Zaid QASSIMI"]);
    assert_eq!(p.get(Prop::PreviousName), ["Zayd OLDNAME"]);
    assert_eq!(p.get(Prop::Program), ["SDGT", "IRGC"]);
    // The comments file continues the remarks; the continuation is mined too.
    assert_eq!(p.get(Prop::IdNumber), ["ID-42"]);
    let org = ids["ofac_sdn-102"];
    assert_eq!(org.schema, Schema::Organization);
    assert_eq!(org.get(Prop::Name), ["FICTIONAL TRADING CO., LTD."]);
    assert_eq!(org.get(Prop::Address), ["1 Fake Street, Baghdad, Iraq"]);
    assert_eq!(org.get(Prop::Country), ["iq"]);
    assert_eq!(org.get(Prop::SwiftBic), ["FAKEIQBA"]);
    assert_eq!(org.get(Prop::IncorporationDate), ["2001"]);
    let ship = ids["ofac_sdn-103"];
    assert_eq!(ship.schema, Schema::Vessel);
    assert_eq!(ship.get(Prop::Flag), ["iq"]);
    assert_eq!(ship.get(Prop::ImoNumber), ["IMO1234567"]);
    assert_eq!(ids["ofac_sdn-104"].schema, Schema::Airplane);
}

#[test]
fn sdn_csv_alone_and_crlf_or_lf_give_the_same_entities() {
    let crlf = ofac_csv::parse("ofac_sdn", &fixture_inputs(&["sdn.csv"])).unwrap();
    let data = std::fs::read(fixtures().join("sdn.csv")).unwrap();
    let lf: Vec<u8> = String::from_utf8(data)
        .unwrap()
        .replace("\r\n", "\n")
        .replace('\x1a', "")
        .into_bytes();
    let lf = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", lf)]).unwrap();
    assert_eq!(crlf.entities, lf.entities);
    assert_eq!(crlf.entities.len(), 4);
}

#[test]
fn latin1_file_is_read() {
    let data = b"7,\"P\xc9REZ, Jos\xe9\",\"individual\",\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a".to_vec();
    let parsed = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", data)]).unwrap();
    assert_eq!(parsed.entities[0].get(Prop::Name), ["José PÉREZ"]);
}

#[test]
fn dangling_alias_and_bad_rows_are_errors_naming_the_line() {
    let sdn = "1,\"A, B\",\"individual\",\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    let alt = "1,1,\"aka\",\"C, D\",-0- \r\n9,2,\"aka\",\"E\",-0- \r\n";
    let err = ofac_csv::parse(
        "ofac_sdn",
        &[Input::new("sdn.csv", sdn), Input::new("alt.csv", alt)],
    )
    .unwrap_err();
    assert_eq!(err.file, "alt.csv");
    assert_eq!(err.position.as_deref(), Some("line 2"));
    let bad_type = "1,\"A\",\"spaceship\",\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    let err = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", bad_type)]).unwrap_err();
    assert!(err.message.contains("spaceship"), "{err}");
    let short = "1,\"A\",-0- ,\"X\"\r\n";
    let err = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", short)]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "sdn.csv: line 1: expected 12 fields, found 4"
    );
    let err = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", "\x1a")]).unwrap_err();
    assert!(err.message.contains("no entries"), "{err}");
    let not_a_number = "x1,\"A\",-0- ,\"X\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n";
    assert!(ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", not_a_number)]).is_err());
}

/// Cuts the real sdn.csv in the middle of a quoted remarks field, in the middle of a row
/// outside quotes, and at a row boundary.
#[test]
fn truncated_real_file() {
    let Some(dir) = zeef_lists::shared::list_dir("ofac_sdn") else {
        return;
    };
    let data = std::fs::read(Path::new(&dir).join("sdn.csv")).unwrap();
    let text = String::from_utf8(data).unwrap();
    // Inside the quoted remarks of ent_num 2676 (line 163 or so): an error naming its line.
    let at = text.find("Passport 1084010").unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let err = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", &text[..at])]).unwrap_err();
    assert_eq!(err.file, "sdn.csv");
    assert_eq!(err.position, Some(format!("line {line}")));
    assert!(err.message.contains("quoted field"), "{err}");
    // Mid-row, outside quotes: too few fields.
    let at = text
        .find("\"AL-ZOMOR, Abboud Abdul Latif Hassan\",")
        .unwrap()
        + 10;
    let cut_before_quote = text[..at].rfind(',').unwrap() + 1;
    let err = ofac_csv::parse(
        "ofac_sdn",
        &[Input::new("sdn.csv", &text[..cut_before_quote])],
    )
    .unwrap_err();
    assert!(err.message.contains("expected 12 fields"), "{err}");
    // At a row boundary: a shorter but consistent list (nothing shows the cut).
    let at = text.find("\r\n2677,").unwrap() + 2;
    let parsed = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", &text[..at])]).unwrap();
    assert_eq!(
        parsed.entities.last().map(|e| e.id.as_str()),
        Some("ofac_sdn-2676")
    );
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", data.clone()), Input::new("alt.csv", data.clone()),
            Input::new("add.csv", data.clone()), Input::new("sdn_comments.csv", data)]);
    }

    #[test]
    fn never_panics_on_csv_like_text(rows in proptest::collection::vec(
        proptest::collection::vec("[-0 a-zA-Z,;.'\"]{0,12}", 12), 0..6)) {
        let text: String = rows.iter().enumerate()
            .map(|(i, r)| format!("{i},{}\r\n", r.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect::<Vec<_>>()[1..].join(",")))
            .collect();
        let _ = ofac_csv::parse("ofac_sdn", &[Input::new("sdn.csv", text)]);
    }
}

/// Speed of the full SDN file: run with `cargo test --release -p zeef-lists --test ofac_csv -- --ignored`.
#[test]
#[ignore = "timing; run in release"]
fn sdn_csv_parses_fast_in_release() {
    let Some(dir) = zeef_lists::shared::list_dir("ofac_sdn") else {
        return;
    };
    let data = std::fs::read(dir.join("sdn.csv")).unwrap();
    let inputs = [Input::new("sdn.csv", data)];
    let mut best = std::time::Duration::MAX;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        let parsed = ofac_csv::parse("ofac_sdn", &inputs).unwrap();
        best = best.min(t.elapsed());
        assert_eq!(parsed.entities.len(), 14_965);
    }
    eprintln!("sdn.csv: best of 5 {best:?}");
    assert!(best < std::time::Duration::from_millis(300), "{best:?}");
}
