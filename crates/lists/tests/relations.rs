//! Relationships the lists state: read by `parse_inputs` and stored in the snapshot beside the
//! entities.

use zeef_lists::store::{Origin, UpdateOptions, update};
use zeef_lists::{DataDir, Input, parse_inputs, shared};
use zeef_model::RelationKind;

#[test]
fn every_linked_to_remark_of_the_sdn_file_becomes_a_link() {
    let Some(dir) = shared::list_dir("ofac_sdn") else {
        return;
    };
    let raw = std::fs::read_to_string(dir.join("sdn.csv")).expect("sdn.csv");
    let remarks = raw.matches("Linked To:").count();
    let parsed = zeef_lists::parse_dir("ofac_sdn", &dir).expect("parses");
    let linked: Vec<_> = parsed
        .relationships
        .iter()
        .filter(|r| r.role == "Linked To")
        .collect();
    assert_eq!(linked.len(), remarks);
    assert!(linked.iter().all(|r| r.kind == RelationKind::UnknownLink
        && r.from.id.as_deref() == Some(r.record.as_str())
        && r.text.starts_with("Linked To:")
        && r.percentage.is_none()));
    let to_hizballah = linked
        .iter()
        .filter(|r| r.to.name == "HIZBALLAH")
        .map(|r| r.record.as_str())
        .collect::<Vec<_>>();
    assert!(to_hizballah.contains(&"ofac_sdn-2686"), "{to_hizballah:?}");
}

#[test]
fn relationships_are_stored_in_the_snapshot() {
    let tmp = tempfile::tempdir().unwrap();
    let mirror = tmp.path().join("mirror/ofac_sdn");
    std::fs::create_dir_all(&mirror).unwrap();
    let sdn = "1,\"GROUP, Example\",-0-,\"SDGT\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\r\n\
               2,\"MEMBER, Jan\",\"individual\",\"SDGT\",-0-,-0-,-0-,-0-,-0-,-0-,-0-,\"DOB 1970; Linked To: GROUP, Example.\"\r\n";
    std::fs::write(mirror.join("sdn.csv"), sdn).unwrap();
    let parsed = parse_inputs("ofac_sdn", &[Input::new("sdn.csv", sdn)]).unwrap();
    assert_eq!(parsed.relationships.len(), 1);
    let data = DataDir::new(tmp.path().join("data"));
    let opts = UpdateOptions {
        origin: Origin::Dir(tmp.path().join("mirror")),
        ..Default::default()
    };
    update(&data, &opts, &mut ()).expect("update");
    let id = data.current_id().unwrap().unwrap();
    let stored = data.load_relationships(&id).unwrap();
    assert!(stored.sources_without.is_empty());
    assert_eq!(stored.relationships, parsed.relationships);
}
