//! `zeef update`'s safety: a snapshot becomes current only when every source parsed and
//! passed its checks; failures and interrupted runs leave the current snapshot as it was.

mod support;

use std::fs;
use std::path::Path;
use std::time::Duration;
use zeef_lists::DataDir;
use zeef_lists::fetch::FetchOptions;
use zeef_lists::store::{Origin, UpdateError, UpdateOptions, update};

const HEADER: &str = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n";

/// A fictional Denied Persons List with `n` parties.
fn dpl(n: usize) -> String {
    let mut s = HEADER.to_string();
    for i in 0..n {
        s.push_str(&format!(
            "\"JOHN Q. EXAMPLE{i}\"\t\"{i} FICTION STREET\"\t\"SPRINGFIELD\"\t\"ZZ\"\t\"US\"\t\"00000\"\t\"01/02/2020\"\t\"01/02/2030\"\t\"Y\"\t\"2020-01-05\"\t\"F.R. NOTICE ADDED\"\t\"85 F.R. 1 1/5/2020\"\n"
        ));
    }
    s
}

fn mirror(root: &Path, content: &str) -> std::path::PathBuf {
    let dir = root.join("mirror");
    fs::create_dir_all(dir.join("us_dpl")).unwrap();
    fs::write(dir.join("us_dpl/dpl.txt"), content).unwrap();
    dir
}

fn from_dir(dir: &Path) -> UpdateOptions {
    UpdateOptions {
        origin: Origin::Dir(dir.to_path_buf()),
        ..UpdateOptions::default()
    }
}

#[test]
fn first_update_becomes_current_with_provenance() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(tmp.path(), &dpl(10));
    let report = update(&data, &from_dir(&m), &mut ()).unwrap();
    assert_eq!(
        data.current_id().unwrap().as_deref(),
        Some(report.manifest.id.as_str())
    );
    let snap = data.load_current().unwrap().unwrap();
    assert_eq!(snap.entities.len(), 10);
    let s = snap.manifest.source("us_dpl").unwrap();
    assert_eq!(s.entities, 10);
    assert_eq!(s.sha256.len(), 64);
    let e = &snap.entities[0];
    assert!(e.id.starts_with("us_dpl-"), "{}", e.id);
    assert_eq!(e.provenance.sha256.as_deref(), Some(s.sha256.as_str()));
    assert_eq!(
        e.provenance.snapshot.as_deref(),
        Some(report.manifest.id.as_str())
    );
    // One record read back without the rest: only the ids asked for, stamped with the snapshot.
    let ids = [
        snap.entities[3].id.as_str(),
        "us_dpl-no-such-record",
        "un-QDi.299",
    ];
    let found = data.load_records(&report.manifest.id, &ids).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0], snap.entities[3]);
    // The raw file is kept byte for byte.
    let raw = data
        .root()
        .join("snapshots")
        .join(&report.manifest.id)
        .join("us_dpl/raw/dpl.txt");
    assert_eq!(fs::read_to_string(raw).unwrap(), dpl(10));
}

#[test]
fn shrinking_list_is_refused_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(tmp.path(), &dpl(10));
    let first = update(&data, &from_dir(&m), &mut ()).unwrap().manifest.id;
    mirror(tmp.path(), &dpl(4));
    let err = update(&data, &from_dir(&m), &mut ()).unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, UpdateError::Sources(_)), "{msg}");
    assert!(
        msg.contains("us_dpl") && msg.contains("shrank from 10 to 4"),
        "{msg}"
    );
    assert_eq!(data.current_id().unwrap().as_deref(), Some(first.as_str()));
    let forced = UpdateOptions {
        force: true,
        ..from_dir(&m)
    };
    let second = update(&data, &forced, &mut ()).unwrap().manifest;
    assert_eq!(second.source("us_dpl").unwrap().entities, 4);
    assert_eq!(
        data.current_id().unwrap().as_deref(),
        Some(second.id.as_str())
    );
}

#[test]
fn html_error_page_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(
        tmp.path(),
        "<!DOCTYPE html><html><body>503 Service Unavailable</body></html>",
    );
    let err = update(&data, &from_dir(&m), &mut ())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("dpl.txt") && err.contains("HTML page"),
        "{err}"
    );
    assert_eq!(data.current_id().unwrap(), None);
}

#[test]
fn truncated_real_file_is_refused_naming_file_and_position() {
    let Some(un) = zeef_lists::shared::list_dir("un") else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = tmp.path().join("mirror");
    fs::create_dir_all(m.join("un")).unwrap();
    let bytes = fs::read(un.join("consolidated.xml")).unwrap();
    fs::write(m.join("un/consolidated.xml"), &bytes).unwrap();
    let good = update(&data, &from_dir(&m), &mut ()).unwrap().manifest.id;
    fs::write(m.join("un/consolidated.xml"), &bytes[..bytes.len() / 2]).unwrap();
    let err = update(&data, &from_dir(&m), &mut ())
        .unwrap_err()
        .to_string();
    assert!(err.contains("un: consolidated.xml"), "{err}");
    assert!(
        err.chars().any(|c| c.is_ascii_digit()),
        "names a position: {err}"
    );
    assert_eq!(data.current_id().unwrap().as_deref(), Some(good.as_str()));
    assert_eq!(data.load_current().unwrap().unwrap().entities.len(), 1003);
}

#[test]
fn interrupted_update_leaves_current_and_is_cleaned_up() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(tmp.path(), &dpl(3));
    let first = update(&data, &from_dir(&m), &mut ()).unwrap().manifest.id;
    // What a process killed mid-update leaves behind: a half-written staging folder.
    let stale = data.root().join("snapshots/.staging-19990101T000000Z");
    fs::create_dir_all(stale.join("us_dpl/raw")).unwrap();
    fs::write(stale.join("us_dpl/entities.ftm.json"), "{\"id\":").unwrap();
    assert_eq!(data.current_id().unwrap().as_deref(), Some(first.as_str()));
    assert_eq!(
        data.snapshots().unwrap().len(),
        1,
        "staging is not a snapshot"
    );
    assert_eq!(data.load_current().unwrap().unwrap().entities.len(), 3);
    update(&data, &from_dir(&m), &mut ()).unwrap();
    assert!(!stale.exists(), "the next update removes it");
}

/// The folders of `data`'s snapshots directory, sorted.
fn snapshot_folders(data: &DataDir) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(data.root().join("snapshots"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// What kills during updates and prunings leave behind (a staging folder, a snapshot renamed
/// for removal, a snapshot whose manifest was deleted first, one whose entities were) is
/// removed by the next update, and only that.
#[test]
fn leftovers_of_killed_updates_and_prunings_are_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(tmp.path(), &dpl(4));
    let opts = from_dir(&m);
    let first = update(&data, &opts, &mut ()).unwrap().manifest.id;
    let second = update(&data, &opts, &mut ()).unwrap().manifest.id;
    let snaps = data.root().join("snapshots");
    // Pruning killed after the manifest was deleted: files and no manifest.
    let orphan = snaps.join("20000101T000000Z");
    fs::create_dir_all(orphan.join("us_dpl/raw")).unwrap();
    fs::write(orphan.join("us_dpl/raw/dpl.txt"), dpl(1)).unwrap();
    // Pruning killed after an entities file was deleted: a manifest naming what is gone.
    fs::remove_file(snaps.join(&first).join("us_dpl/entities.ftm.json")).unwrap();
    // Pruning killed after renaming, and an update killed while building.
    fs::create_dir_all(snaps.join(".removing-20000102T000000Z/us_dpl")).unwrap();
    fs::create_dir_all(snaps.join(".staging-20000103T000000Z/us_dpl/raw")).unwrap();
    let third = update(&data, &opts, &mut ()).unwrap().manifest.id;
    assert_eq!(snapshot_folders(&data), vec![second, third.clone()]);
    assert_eq!(data.current_id().unwrap(), Some(third));
    assert_eq!(data.load_current().unwrap().unwrap().entities.len(), 4);
}

/// A current snapshot that is not whole is left for an operator to look at: the update that
/// finds it fails, naming it, and removes nothing of it.
#[test]
fn an_incomplete_current_snapshot_is_never_removed() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(tmp.path(), &dpl(4));
    let current = update(&data, &from_dir(&m), &mut ()).unwrap().manifest.id;
    fs::remove_file(
        data.root()
            .join("snapshots")
            .join(&current)
            .join("manifest.json"),
    )
    .unwrap();
    let err = update(&data, &from_dir(&m), &mut ()).unwrap_err();
    assert!(err.to_string().contains(&current), "{err}");
    assert_eq!(snapshot_folders(&data), vec![current.clone()]);
    assert!(
        data.root()
            .join("snapshots")
            .join(&current)
            .join("us_dpl/entities.ftm.json")
            .is_file()
    );
}

#[test]
fn concurrent_update_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    fs::create_dir_all(data.root()).unwrap();
    let lock = fs::File::create(data.root().join("update.lock")).unwrap();
    lock.lock().unwrap();
    let m = mirror(tmp.path(), &dpl(3));
    let err = update(&data, &from_dir(&m), &mut ()).unwrap_err();
    assert!(matches!(err, UpdateError::Busy(_)), "{err}");
}

#[test]
fn old_snapshots_are_pruned_and_sources_carried_over() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(tmp.path(), &dpl(5));
    let opts = UpdateOptions {
        keep: 2,
        ..from_dir(&m)
    };
    let mut ids = Vec::new();
    for _ in 0..4 {
        ids.push(update(&data, &opts, &mut ()).unwrap().manifest.id);
    }
    let kept: Vec<String> = data
        .snapshots()
        .unwrap()
        .into_iter()
        .map(|m| m.id)
        .collect();
    assert_eq!(kept, ids[2..].to_vec());
    // A source missing from the mirror is carried over unchanged.
    fs::remove_dir_all(m.join("us_dpl")).unwrap();
    fs::create_dir_all(m.join("other")).unwrap();
    let err = update(&data, &opts, &mut ()).unwrap_err();
    assert!(
        matches!(err, UpdateError::Nothing(_)) || matches!(err, UpdateError::Sources(_)),
        "{err}"
    );
    let only = UpdateOptions {
        sources: Some(vec!["un".into()]),
        ..opts.clone()
    };
    assert!(
        update(&data, &only, &mut ()).is_err(),
        "unknown in the mirror: refused"
    );
    assert_eq!(
        data.current_id().unwrap().as_deref(),
        ids.last().map(String::as_str)
    );
}

#[test]
fn http_mirror_with_conditional_requests() {
    let body = dpl(6);
    let srv = support::serve(move |req| {
        if req.path != "/us_dpl/dpl.txt" {
            return Some((404, vec![], vec![]));
        }
        if req.header("If-None-Match") == Some("\"v1\"") {
            return Some((304, vec![], vec![]));
        }
        Some((
            200,
            vec![("ETag".into(), "\"v1\"".into())],
            body.clone().into_bytes(),
        ))
    });
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let opts = UpdateOptions {
        origin: Origin::Url(srv.base.clone()),
        sources: Some(vec!["us_dpl".into()]),
        fetch: FetchOptions {
            backoff: Duration::from_millis(10),
            ..FetchOptions::default()
        },
        ..UpdateOptions::default()
    };
    let first = update(&data, &opts, &mut ()).unwrap().manifest;
    let s1 = first.source("us_dpl").unwrap().clone();
    assert_eq!(s1.entities, 6);
    assert_eq!(s1.files[0].validators.etag.as_deref(), Some("\"v1\""));
    assert_eq!(s1.origin, format!("{}/us_dpl/dpl.txt", srv.base));
    let second = update(&data, &opts, &mut ()).unwrap().manifest;
    let s2 = second.source("us_dpl").unwrap();
    assert_eq!(s2.sha256, s1.sha256, "304: the previous file is reused");
    let log = srv.log.lock().unwrap();
    assert_eq!(log.len(), 2);
    assert_eq!(log[1].header("If-None-Match"), Some("\"v1\""));
}

#[test]
fn http_mirror_missing_file_fails_cleanly() {
    let srv = support::serve(|_| Some((404, vec![], vec![])));
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let opts = UpdateOptions {
        origin: Origin::Url(srv.base.clone()),
        sources: Some(vec!["un".into()]),
        ..UpdateOptions::default()
    };
    let err = update(&data, &opts, &mut ()).unwrap_err().to_string();
    assert!(err.contains("un:") && err.contains("404"), "{err}");
    assert_eq!(data.current_id().unwrap(), None);
}

#[test]
fn snapshot_references_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let m = mirror(tmp.path(), &dpl(3));
    let a = update(&data, &from_dir(&m), &mut ()).unwrap().manifest.id;
    let b = update(&data, &from_dir(&m), &mut ()).unwrap().manifest.id;
    assert_eq!(data.resolve("current").unwrap(), b);
    assert_eq!(data.resolve("previous").unwrap(), a);
    // An exact id resolves even when a later id in the same second extends it.
    assert_eq!(data.resolve(&a).unwrap(), a);
    assert_eq!(data.resolve(&b).unwrap(), b);
    assert!(data.resolve("nope").is_err());
}

#[test]
fn a_format_that_cannot_be_read_gives_way_to_the_next() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/uk");
    let xml = fs::read(fixtures.join("UK-Sanctions-List.xml")).unwrap();
    let csv = fs::read(fixtures.join("UK-Sanctions-List.csv")).unwrap();
    // The XML cut off half way, as a changed or damaged file would be; the CSV whole.
    let broken = xml[..xml.len() / 2].to_vec();
    let srv = support::serve(move |req| match req.path.as_str() {
        "/uk/UK-Sanctions-List.xml" => Some((200, vec![], broken.clone())),
        "/uk/UK-Sanctions-List.csv" => Some((200, vec![], csv.clone())),
        _ => Some((404, vec![], vec![])),
    });
    let tmp = tempfile::tempdir().unwrap();
    let data = DataDir::new(tmp.path().join("data"));
    let opts = UpdateOptions {
        origin: Origin::Url(srv.base.clone()),
        sources: Some(vec!["uk".into()]),
        ..UpdateOptions::default()
    };
    struct Notes(Vec<String>);
    impl zeef_lists::store::UpdateProgress for Notes {
        fn note(&mut self, message: &str) {
            self.0.push(message.to_string());
        }
    }
    let mut notes = Notes(Vec::new());
    let m = update(&data, &opts, &mut notes).unwrap().manifest;
    let uk = m.source("uk").unwrap();
    assert_eq!(uk.origin, format!("{}/uk/UK-Sanctions-List.csv", srv.base));
    assert!(uk.entities > 0);
    assert_eq!(notes.0.len(), 1, "{:?}", notes.0);
    assert!(
        notes.0[0].contains("UK-Sanctions-List.xml") && notes.0[0].contains("next format"),
        "{:?}",
        notes.0
    );

    // Where no format can be read, the error names the file that could not.
    let srv = support::serve(move |req| match req.path.as_str() {
        "/uk/UK-Sanctions-List.csv" => Some((200, vec![], b"not,a\nuk,list\n".to_vec())),
        _ => Some((404, vec![], vec![])),
    });
    let data = DataDir::new(tmp.path().join("data2"));
    let opts = UpdateOptions {
        origin: Origin::Url(srv.base.clone()),
        sources: Some(vec!["uk".into()]),
        ..UpdateOptions::default()
    };
    let err = update(&data, &opts, &mut ()).unwrap_err().to_string();
    assert!(
        err.contains("UK-Sanctions-List.csv: cannot be read"),
        "{err}"
    );
    assert_eq!(data.current_id().unwrap(), None);
}
