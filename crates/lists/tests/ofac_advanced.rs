//! OFAC's advanced XML (Sanctions List Service): a fictional fixture written from the
//! published layout (reference values, locations, identity documents, parties, typed
//! relationships, sanctions entries), the mapping of each field, errors, and robustness. No
//! real advanced XML file is at hand, so no real-data test here.

mod common;

use common::{by_id, has_note};
use proptest::prelude::*;
use zeef_lists::Input;
use zeef_lists::parse::ofac_advanced::{self, ProfileLink};
use zeef_model::{Prop, Schema};

const XML: &[u8] = include_bytes!("fixtures/ofac/sdn_advanced.xml");

fn parse() -> ofac_advanced::AdvancedList {
    ofac_advanced::parse_with_links("ofac_sdn", &[Input::new("sdn_advanced.xml", XML)])
        .expect("fixture parses")
}

#[test]
fn reads_a_person_with_every_feature() {
    let list = parse();
    let p = &list.parsed;
    assert_eq!(p.list_date.as_deref(), Some("2031-03-04"));
    let ids: Vec<&str> = p.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["ofac_sdn-90001", "ofac_sdn-90002", "ofac_sdn-90003"]);

    let e = by_id(p, "ofac_sdn-90001");
    assert_eq!(e.schema, Schema::Person);
    assert_eq!(e.provenance.record_ids, ["90001"]);
    assert_eq!(e.get(Prop::Name), ["Karel Jan VOORBEELD"]);
    assert_eq!(e.get(Prop::FirstName), ["Karel"]);
    assert_eq!(e.get(Prop::MiddleName), ["Jan"]);
    assert_eq!(e.get(Prop::LastName), ["VOORBEELD"]);
    // The primary alias's name in another script, a strong and a weak a.k.a., an f.k.a.
    assert_eq!(e.get(Prop::Alias), ["كارل", "Abu CAFÉ"]);
    assert_eq!(e.get(Prop::WeakAlias), ["KAJA"]);
    assert_eq!(e.get(Prop::PreviousName), ["Karel VOORBELT"]);
    assert_eq!(e.get(Prop::BirthDate), ["1971-05-12", "1965/1969"]);
    assert_eq!(e.get(Prop::BirthPlace), ["Fictown, Iraq"]);
    assert_eq!(e.get(Prop::Nationality), ["iq"]);
    assert_eq!(e.get(Prop::Gender), ["male"]);
    assert_eq!(e.get(Prop::PassportNumber), ["A1234567"]);
    assert_eq!(
        e.issuers(Prop::PassportNumber, "A1234567")
            .collect::<Vec<_>>(),
        ["iq"]
    );
    assert!(
        has_note(e, "Passport A1234567 issued by Iraq"),
        "{:?}",
        e.get(Prop::Notes)
    );
    assert_eq!(
        e.get(Prop::PublicKey),
        ["XBT 1FictiveXbtAddressForTestsOnly0000"]
    );
    assert!(has_note(e, "Fictional remark."));
    assert!(has_note(e, "List: SDN List"));
    assert_eq!(e.get(Prop::Program), ["SDGT"]);
    assert_eq!(e.get(Prop::ListingDate), ["2019-07-09"]);
    assert_eq!(e.get(Prop::Topics), ["sanction"]);
}

#[test]
fn reads_organisations_and_vessels() {
    let list = parse();
    let org = by_id(&list.parsed, "ofac_sdn-90002");
    assert_eq!(org.schema, Schema::Organization);
    assert_eq!(org.get(Prop::Name), ["FICTIVE TRADING LLC"]);
    assert_eq!(
        org.get(Prop::Address),
        ["1 Fictive Street, Rotterdam, Netherlands"]
    );
    assert_eq!(org.get(Prop::Country), ["nl"]);
    assert_eq!(org.get(Prop::Program), ["SDGT", "IRAQ3"]);

    let vessel = by_id(&list.parsed, "ofac_sdn-90003");
    assert_eq!(vessel.schema, Schema::Vessel);
    assert_eq!(vessel.get(Prop::Name), ["SEA FICTION"]);
    assert_eq!(vessel.get(Prop::CallSign), ["FIC01"]);
    assert_eq!(vessel.get(Prop::Flag), ["pa"]);
    assert_eq!(vessel.get(Prop::ImoNumber), ["IMO9876543"]);
}

#[test]
fn profile_relationships_become_typed_links_between_listed_parties() {
    let list = parse();
    // The third names a profile the file does not hold: it links nothing.
    assert_eq!(
        list.links,
        [
            ProfileLink {
                id: "ofac_sdn-rel-3001".into(),
                from: "ofac_sdn-90002".into(),
                to: "ofac_sdn-90001".into(),
                relation: "Owned or Controlled By".into(),
                former: false,
            },
            ProfileLink {
                id: "ofac_sdn-rel-3002".into(),
                from: "ofac_sdn-90003".into(),
                to: "ofac_sdn-90002".into(),
                relation: "Owned or Controlled By".into(),
                former: true,
            },
        ]
    );
}

#[test]
fn links_become_relationships_of_their_kind() {
    let p = ofac_advanced::parse("ofac_sdn", &[Input::new("sdn_advanced.xml", XML)])
        .expect("fixture parses");
    let found: Vec<(&str, &str, &str, &str)> = p
        .relationships
        .iter()
        .map(|r| {
            (
                r.kind.as_str(),
                r.from.id.as_deref().unwrap_or(""),
                r.to.id.as_deref().unwrap_or(""),
                r.role.as_str(),
            )
        })
        .collect();
    // "X Owned or Controlled By Y": Y is the owner, X the asset.
    assert_eq!(
        found,
        [
            (
                "Ownership",
                "ofac_sdn-90001",
                "ofac_sdn-90002",
                "Owned or Controlled By"
            ),
            (
                "Ownership",
                "ofac_sdn-90002",
                "ofac_sdn-90003",
                "Owned or Controlled By (former)"
            ),
        ]
    );
}

#[test]
fn the_registry_prefers_the_advanced_xml_and_falls_back() {
    let spec = zeef_lists::source::spec("ofac_sdn").expect("ofac_sdn");
    let first: Vec<&str> = spec
        .variants
        .iter()
        .filter_map(|v| v.files.first().map(|f| f.name))
        .collect();
    assert_eq!(first, ["sdn_advanced.xml", "sdn.xml", "sdn.csv"]);
    let parsed = zeef_lists::parse_inputs("ofac_sdn", &[Input::new("sdn_advanced.xml", XML)])
        .expect("parsed through the registry");
    // The three parties, and the wallet the first one holds.
    assert_eq!(parsed.entities.len(), 4);
    let wallets = parsed
        .entities
        .iter()
        .filter(|e| e.schema == Schema::CryptoWallet);
    assert_eq!(wallets.count(), 1);
}

#[test]
fn errors_name_file_and_line() {
    let no_ref = String::from_utf8_lossy(XML).replace("FixedRef=\"90002\"", "FixedRef=\"x\"");
    let err = ofac_advanced::parse("ofac_sdn", &[Input::new("sdn_advanced.xml", no_ref)])
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sdn_advanced.xml") && err.contains("line"),
        "{err}"
    );
    assert!(err.contains("FixedRef"), "{err}");
    let cut = &XML[..XML.len() / 2];
    let err = ofac_advanced::parse("ofac_sdn", &[Input::new("sdn_advanced.xml", cut)])
        .unwrap_err()
        .to_string();
    assert!(err.contains("sdn_advanced.xml: line"), "{err}");
    let empty = "<Sanctions></Sanctions>";
    assert!(ofac_advanced::parse("ofac_sdn", &[Input::new("sdn_advanced.xml", empty)]).is_err());
    assert!(
        ofac_advanced::parse("ofac_sdn", &[Input::new("sdn_advanced.xml", "<sdnList/>")]).is_err()
    );
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(data in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = ofac_advanced::parse("ofac_sdn", &[Input::new("sdn_advanced.xml", data)]);
    }

    #[test]
    fn never_panics_on_mangled_fixtures(cut in 0usize..20000, byte in any::<u8>()) {
        let mut data = XML.to_vec();
        let at = cut.min(data.len().saturating_sub(1));
        if let Some(b) = data.get_mut(at) { *b = byte; }
        data.truncate(cut.max(at));
        let _ = ofac_advanced::parse("ofac_sdn", &[Input::new("sdn_advanced.xml", data)]);
    }
}
