//! US Consolidated Screening List parser: the real gzip file, fictional fixtures (plain and
//! gzip), duplicate `_id`s, truncation and arbitrary bytes.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use zeef_lists::parse::us_csl;
use zeef_lists::{Input, Parsed, parse_dir};
use zeef_model::{CrossRef, Entity, Prop, Schema};

fn by_id(parsed: &Parsed) -> HashMap<&str, &Entity> {
    parsed.entities.iter().map(|e| (e.id.as_str(), e)).collect()
}

fn fixture(name: &str) -> Input {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/us_csl")
        .join(name);
    Input::new(name, std::fs::read(path).unwrap())
}

fn real_gz() -> Option<Vec<u8>> {
    let dir = zeef_lists::shared::list_dir("us_csl")?;
    Some(std::fs::read(dir.join("consolidated.csv.gz")).unwrap())
}

#[test]
fn real_csl_counts_and_records() {
    let Some(dir) = zeef_lists::shared::list_dir("us_csl") else {
        return;
    };
    let parsed = parse_dir("us_csl", &dir).unwrap();
    // 14,160 entries and the 344 digital currency addresses their ids column lists.
    assert_eq!(parsed.entities.len(), 14_160 + 344);
    assert_eq!(parsed.list_date, None);
    // 14,048 distinct _id values: the 112 repeats (one OFAC entry on SDN and SSI/CAP...)
    // get list-code suffixes, so every id is unique.
    let unique: HashSet<&str> = parsed.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(unique.len(), 14_160 + 344);
    let count = |s: Schema| parsed.entities.iter().filter(|e| e.schema == s).count();
    assert_eq!(count(Schema::Person), 5_286);
    assert_eq!(count(Schema::Organization), 4_533);
    assert_eq!(count(Schema::Vessel), 433);
    assert_eq!(count(Schema::Airplane), 283);
    assert_eq!(count(Schema::CryptoWallet), 344);
    assert_eq!(count(Schema::Company) + count(Schema::LegalEntity), 3_625);
    let by_list = |code: &str| {
        parsed
            .entities
            .iter()
            .filter(|e| {
                e.schema != Schema::CryptoWallet
                    && e.get(Prop::Program)
                        .iter()
                        .any(|p| p.contains(&format!("({code})")))
            })
            .count()
    };
    assert_eq!(by_list("SDN"), 10_026);
    assert_eq!(by_list("EL"), 2_001);
    assert_eq!(by_list("DTC"), 727);
    assert_eq!(by_list("DPL"), 462);
    let topic = |t: &str| {
        parsed
            .entities
            .iter()
            .filter(|e| e.schema != Schema::CryptoWallet)
            .filter(|e| e.get(Prop::Topics).iter().any(|x| x == t))
            .count()
    };
    assert_eq!(topic("debarment"), 727);
    assert_eq!(topic("export.control"), 2_001 + 462 + 201 + 71);
    assert_eq!(topic("sanction"), 14_160 - 727 - 2_001 - 462 - 201 - 71);
    let ids = by_id(&parsed);

    let said = ids["us_csl-12562"];
    assert_eq!(said.schema, Schema::Person);
    assert_eq!(said.get(Prop::Name), ["Said Jan 'ABD AL-SALAM"]);
    assert_eq!(said.get(Prop::LastName), ["'ABD AL-SALAM"]);
    assert_eq!(said.get(Prop::BirthDate), ["1981-02-05", "1972-01-01"]);
    assert_eq!(said.get(Prop::PassportNumber), ["4117921", "OR801168"]);
    // A Pakistani and an Afghan passport.
    assert_eq!(
        said.issuers(Prop::PassportNumber, "4117921")
            .chain(said.issuers(Prop::PassportNumber, "OR801168"))
            .collect::<Vec<_>>(),
        ["pk", "af"]
    );
    assert_eq!(said.get(Prop::IdNumber), ["281020505755"]);
    assert_eq!(said.get(Prop::Alias).len(), 10);
    assert_eq!(said.get(Prop::Alias)[0], "Sa'id Jan 'ABD-AL-SALAM");
    assert_eq!(said.get(Prop::Alias)[9], "NANGIALI");
    assert_eq!(said.get(Prop::Topics), ["sanction"]);
    assert!(said.get(Prop::Program).contains(&"SDGT".to_string()));
    assert_eq!(
        said.provenance.cross_refs,
        [CrossRef {
            source: "ofac_sdn".into(),
            reference: "12562".into()
        }]
    );

    let rim = ids["us_csl-21944"];
    assert_eq!(rim.get(Prop::Name), ["Rim 'ABBAS"]);
    assert_eq!(
        rim.get(Prop::Position),
        ["Scientific Studies and Research Center Employee"]
    );
    assert_eq!(rim.get(Prop::BirthDate), ["1973-03-25"]);
    assert_eq!(rim.get(Prop::Address), ["SY"]);

    let artavil = ids["us_csl-15036"];
    assert_eq!(artavil.schema, Schema::Vessel);
    assert_eq!(artavil.get(Prop::ImoNumber), ["IMO9187629"]);
    assert_eq!(artavil.get(Prop::Mmsi), ["572469210"]);
    assert_eq!(artavil.get(Prop::CallSign), ["T2EU4"]);
    assert_eq!(artavil.get(Prop::Alias), ["ABADAN", "ALPHA", "SHONA"]);

    // One OFAC entry on SDN and SSI: the SDN row keeps the plain id.
    assert_eq!(
        ids["us_csl-18741"].get(Prop::Program)[0],
        "Specially Designated Nationals (SDN) - Treasury Department"
    );
    let ssi = ids["us_csl-18741-ssi"];
    assert_eq!(ssi.get(Prop::Name), ["AUCTION LIMITED LIABILITY COMPANY"]);
    assert_eq!(ssi.get(Prop::RegistrationNumber), ["1027700256297"]);
    assert_eq!(ssi.get(Prop::Website), ["www.aukcion-sbrf.ru"]);
    assert_eq!(
        ssi.provenance.cross_refs,
        [CrossRef {
            source: "ofac_cons".into(),
            reference: "18741".into()
        }]
    );

    let dtc = parsed
        .entities
        .iter()
        .find(|e| e.caption() == "Aaron De Leon")
        .unwrap();
    assert_eq!(dtc.id, "us_csl-dc05874053b004556ee517f8efe7a62f49d1a7db");
    assert_eq!(dtc.schema, Schema::LegalEntity);
    assert_eq!(dtc.get(Prop::Topics), ["debarment"]);
    assert_eq!(dtc.get(Prop::Notes), ["FR notice: 75 FR 54692"]);
}

#[test]
fn fixture_plain_and_gzip_agree_and_map() {
    let plain = us_csl::parse("us_csl", &[fixture("consolidated.csv")]).unwrap();
    let gz = us_csl::parse("us_csl", &[fixture("consolidated.csv.gz")]).unwrap();
    assert_eq!(plain.entities, gz.entities);
    assert_eq!(plain.entities.len(), 6);
    let ids = by_id(&plain);
    let p = ids["us_csl-90001"];
    assert_eq!(p.get(Prop::Name), ["Zayd Ali QASIMI"]);
    assert_eq!(p.get(Prop::Alias), ["Zaid QASSIMI", "ABU ZAYD"]);
    assert_eq!(p.get(Prop::BirthDate), ["1963-07-15", "1971", "1950~"]);
    assert_eq!(p.get(Prop::PassportNumber), ["Y998877"]);
    assert_eq!(p.get(Prop::IdNumber), ["42-42"]);
    // The issuing country leads an entry of the ids column.
    assert_eq!(
        p.issuers(Prop::PassportNumber, "Y998877")
            .collect::<Vec<_>>(),
        ["ye"]
    );
    assert_eq!(
        p.issuers(Prop::IdNumber, "42-42").collect::<Vec<_>>(),
        ["iq"]
    );
    assert_eq!(p.get(Prop::Gender), ["female"]);
    assert_eq!(p.get(Prop::Nationality), ["iq"]);
    assert_eq!(p.get(Prop::Citizenship), ["iq"]);
    assert_eq!(p.get(Prop::Country), ["iq"]);
    assert_eq!(p.get(Prop::BirthPlace), ["Ta'izz, Yemen"]);
    assert_eq!(
        p.get(Prop::Program),
        [
            "Specially Designated Nationals (SDN) - Treasury Department",
            "SDGT",
            "IRGC"
        ]
    );
    let ship = ids["us_csl-90002"];
    assert_eq!(ship.get(Prop::ImoNumber), ["IMO1234567"]);
    assert_eq!(ship.get(Prop::Mmsi), ["123456789"]);
    assert_eq!(ship.get(Prop::Flag), ["iq"]);
    assert_eq!(ids["us_csl-90002-ssi"].get(Prop::Name), ["SEA PHANTOM"]);
    let el = ids["us_csl-abc123"];
    assert_eq!(el.schema, Schema::Company);
    assert_eq!(el.get(Prop::Topics), ["export.control"]);
    assert_eq!(el.get(Prop::ListingDate), ["2020-05-05"]);
    assert_eq!(
        el.get(Prop::Notes),
        [
            "license requirement: For all items subject to the EAR.; license policy: Presumption of denial.; FR notice: 85 FR 1"
        ]
    );
    assert_eq!(ids["us_csl-def456"].schema, Schema::LegalEntity);
    let uvl = ids["us_csl-ghi789"];
    assert_eq!(uvl.get(Prop::Name), ["Nowhere Traders, \"The Best\"; Ltd"]);
    assert_eq!(uvl.get(Prop::Address), ["Unit 1, Nowhere City, NL"]);
    assert_eq!(uvl.get(Prop::Country), ["nl"]);
}

#[test]
fn bad_header_and_broken_gzip_are_errors() {
    let err = us_csl::parse(
        "us_csl",
        &[Input::new("consolidated.csv", "id,name\n1,x\n")],
    )
    .unwrap_err();
    assert_eq!(err.position.as_deref(), Some("line 1"));
    let gz = fixture("consolidated.csv.gz").data;
    let err = us_csl::parse(
        "us_csl",
        &[Input::new("consolidated.csv.gz", &gz[..gz.len() / 2])],
    )
    .unwrap_err();
    assert_eq!(err.file, "consolidated.csv.gz");
    assert!(err.message.contains("gzip"), "{err}");
}

#[test]
fn truncated_real_file() {
    let Some(gz) = real_gz() else { return };
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut text).unwrap();
    // Cut inside the quoted name of "'ABBAS, Rim" on line 3.
    let at = text.find("'ABBAS, Rim").unwrap() + 3;
    let err = us_csl::parse("us_csl", &[Input::new("consolidated.csv", &text[..at])]).unwrap_err();
    assert_eq!(err.file, "consolidated.csv");
    assert_eq!(err.position.as_deref(), Some("line 3"));
    // A cut gzip stream is an error too.
    let err = us_csl::parse(
        "us_csl",
        &[Input::new("consolidated.csv.gz", &gz[..gz.len() - 1000])],
    )
    .unwrap_err();
    assert_eq!(err.file, "consolidated.csv.gz");
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = us_csl::parse("us_csl", &[Input::new("consolidated.csv", data.clone())]);
        let mut gz = vec![0x1f, 0x8b];
        gz.extend(data);
        let _ = us_csl::parse("us_csl", &[Input::new("consolidated.csv.gz", gz)]);
    }

    #[test]
    fn never_panics_on_rows_after_a_good_header(cells in proptest::collection::vec("[ -~]{0,12}", 0..60)) {
        let header = fixture("consolidated.csv").data;
        let header = String::from_utf8(header).unwrap();
        let header = header.lines().next().unwrap();
        let body: String = cells.chunks(29).map(|c| c.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect::<Vec<_>>().join(",") + "\n").collect();
        let _ = us_csl::parse("us_csl", &[Input::new("consolidated.csv", format!("{header}\n{body}"))]);
    }
}
