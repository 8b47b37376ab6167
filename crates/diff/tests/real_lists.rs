//! The three modes on the real shared lists (skipped with a notice where they are absent):
//! UN ↔ UK linking measured against the UK's own UN references, the OFAC SDN versions of
//! 2021-07-07 and 2024-05-03 compared, and re-screening across them.

use std::fs;
use std::path::Path;
use zeef_diff::evaluate::against_references;
use zeef_diff::{
    AlertChange, ChangeKind, LinkOptions, Method, Rescreener, diff_regimes, ignoring, link,
    version_changes,
};
use zeef_lists::DataDir;
use zeef_lists::store::{Origin, UpdateOptions, update};
use zeef_matching::ScreenOptions;
use zeef_model::{Entity, Prop, Schema};

fn parse(source: &str) -> Option<Vec<Entity>> {
    let dir = zeef_lists::shared::list_dir(source)?;
    Some(
        zeef_lists::parse_dir(source, &dir)
            .expect("shared list parses")
            .entities,
    )
}

#[test]
fn un_uk_linking_by_matching_alone_meets_the_target() {
    let (Some(un), Some(uk)) = (parse("un"), parse("uk")) else {
        return;
    };
    let opts = LinkOptions {
        use_references: false,
        ..LinkOptions::default()
    };
    let linkage = link(&un, &uk, &opts);
    let s = against_references(&un, &uk, &linkage);
    println!(
        "UN↔UK by matching: truth {} pairs ({} UK groups with an own UN ref); {} links, {} correct; \
         precision strict {:.4}, judged {:.4}; recall {:.4}; unjudged by UN prefix {:?}",
        s.truth,
        s.uk_with_ref,
        s.predicted,
        s.correct,
        s.precision(),
        s.judged_precision(),
        s.recall(),
        s.unjudged_by_prefix
    );
    // PROVENANCE.md: 879 UK groups carry a UN ref by its regex; the UK parser keeps the own
    // refs only (866), of which all but the delisted few resolve.
    assert!((855..=872).contains(&s.truth), "truth pairs {}", s.truth);
    assert!(s.recall() >= 0.98, "recall {:.4}", s.recall());
    assert!(
        s.judged_precision() >= 0.98,
        "precision {:.4}",
        s.judged_precision()
    );
    // Links the truth cannot judge are UN entries the UK lists without a UN reference: the
    // Iran entries (UK autonomous Iran regime) and the few with the UN ref in the UK field.
    let unjudged: usize = s.unjudged_by_prefix.values().sum();
    let iran = s.unjudged_by_prefix.get("IRi").copied().unwrap_or(0)
        + s.unjudged_by_prefix.get("IRe").copied().unwrap_or(0);
    assert!(iran * 10 >= unjudged * 9, "{:?}", s.unjudged_by_prefix);
}

#[test]
fn un_uk_regime_diff_links_by_reference_and_reports_differences() {
    let (Some(un), Some(uk)) = (parse("un"), parse("uk")) else {
        return;
    };
    let report = diff_regimes(&un, &uk, &LinkOptions::default());
    let sum = &report.summary;
    println!("UN vs UK: {sum:?}");
    assert_eq!((sum.left, sum.right), (1003, 4686));
    assert!(
        (855..=872).contains(&sum.linked_by_reference),
        "{}",
        sum.linked_by_reference
    );
    // Every UN entry is linked or left-only (a reference may link one entry to two groups).
    assert_eq!(sum.left_only + distinct_left_linked(&report), 1003);
    let row = |left: &str| {
        report
            .rows
            .iter()
            .find(|r| r.left_id.as_deref() == Some(left))
            .unwrap_or_else(|| panic!("{left} reported"))
    };
    // al-Baghdadi: linked through the UK's "(UN Ref):QDi.299"; the UK lists him on 2011-10-17,
    // the UN on 2011-10-05; both give 1971 as birth year.
    let baghdadi = row("un-QDi.299");
    assert_eq!(baghdadi.right_id.as_deref(), Some("uk-12157"));
    assert_eq!(baghdadi.method, Some(Method::Reference));
    let listing = baghdadi
        .differences
        .iter()
        .find(|d| d.property == "listingDate")
        .expect("listing dates differ");
    assert_eq!(
        (listing.left.as_slice(), listing.right.as_slice()),
        (
            &["2011-10-05".to_string()][..],
            &["2011-10-17".to_string()][..]
        )
    );
    assert!(
        !baghdadi
            .differences
            .iter()
            .any(|d| d.property == "birthDate")
    );
    // An Iran nuclear scientist the UK lists autonomously, without a UN reference: linked by
    // matching, with the UK's more precise birth dates reported.
    let abbasi = row("un-IRi.001");
    assert_eq!(abbasi.right_id.as_deref(), Some("uk-16166"));
    assert_eq!(abbasi.method, Some(Method::Match));
    assert!(abbasi.score.is_some_and(|s| s >= 0.8));
    // Guinea-Bissau: on the UN list, on no UK list here (the 2017 case).
    let gb = row("un-GBi.001");
    assert_eq!(gb.right_id, None);
}

fn distinct_left_linked(report: &zeef_diff::RegimeDiff) -> usize {
    let mut ids: Vec<&str> = report
        .rows
        .iter()
        .filter(|r| r.right_id.is_some())
        .filter_map(|r| r.left_id.as_deref())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// Two snapshots of OFAC SDN in a fresh data directory, built as `zeef update` builds them:
/// the 2021-07-07 set (sdn, add, alt, comments) then the 2024-05-03 sdn.csv alone.
fn ofac_snapshots(tmp: &Path) -> Option<(DataDir, String, String)> {
    let shared = zeef_lists::shared::dir()?;
    let data = DataDir::new(tmp.join("data"));
    let mut ids = Vec::new();
    for (mirror, from) in [
        ("old", shared.join("data/archive/ofac_sdn_2021-07-07")),
        ("new", shared.join("data/lists/ofac_sdn")),
    ] {
        let dir = tmp.join(mirror).join("ofac_sdn");
        fs::create_dir_all(&dir).unwrap();
        for f in fs::read_dir(&from).unwrap() {
            let f = f.unwrap();
            fs::copy(f.path(), dir.join(f.file_name())).unwrap();
        }
        let opts = UpdateOptions {
            origin: Origin::Dir(tmp.join(mirror)),
            ..UpdateOptions::default()
        };
        ids.push(update(&data, &opts, &mut ()).expect("update").manifest.id);
    }
    Some((data, ids[0].clone(), ids[1].clone()))
}

#[test]
fn ofac_sdn_versions_changes_and_rescreen() {
    let tmp = tempfile::tempdir().unwrap();
    let Some((data, old_id, new_id)) = ofac_snapshots(tmp.path()) else {
        return;
    };
    let old = data.load(&old_id).unwrap().entities;
    let new = data.load(&new_id).unwrap().entities;
    // Entries and the digital currency addresses they hold (97 and 294).
    assert_eq!((old.len(), new.len()), (8976 + 97, 14965 + 294));
    let changes = version_changes(&old, &new);
    let wallets: std::collections::HashSet<&str> = old
        .iter()
        .chain(&new)
        .filter(|e| e.schema == Schema::CryptoWallet)
        .map(|e| e.id.as_str())
        .collect();
    let count_of = |k: ChangeKind, wallet: bool| {
        changes
            .iter()
            .filter(|c| c.change == k && wallets.contains(c.id.as_str()) == wallet)
            .count()
    };
    let count = |k: ChangeKind| count_of(k, false);
    let amended = count(ChangeKind::Amended);
    // PROVENANCE.md: 881 ent_nums delisted, 6,870 added between the two dates.
    assert_eq!(count(ChangeKind::Removed), 881);
    assert_eq!(count(ChangeKind::Added), 6870);
    // The 2021 set carries addresses and aliases in add.csv / alt.csv, the 2024 one only
    // sdn.csv: most amendments are that layout, not the publisher's changes.
    let layout = ["address", "alias", "country"].map(String::from);
    let substantive = ignoring(changes.clone(), &layout)
        .into_iter()
        .filter(|c| c.change == ChangeKind::Amended)
        .count();
    println!(
        "OFAC SDN 2021-07-07 -> 2024-05-03: {amended} amended, {substantive} beyond address/alias/country"
    );
    assert!(amended > substantive && substantive > 100);
    let change = |id: &str| {
        changes
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id} changed"))
    };
    let diff = |id: &str, prop: &str| {
        change(id)
            .differences
            .iter()
            .find(|d| d.property == prop)
            .cloned()
            .unwrap_or_else(|| panic!("{id}: {prop} changed"))
    };
    // Iran's defence ministry gained the Russia program.
    assert!(
        diff("ofac_sdn-10392", "program")
            .added
            .contains(&"RUSSIA-EO14024".to_string())
    );
    // Miguel Santanilla Botache: birth date corrected, Colombian id dropped, SDNTK -> SDGT.
    let born = diff("ofac_sdn-10405", "birthDate");
    assert_eq!(born.removed, ["1963-12-10"]);
    assert!(born.added.contains(&"1964-10-15".to_string()));
    assert_eq!(diff("ofac_sdn-10405", "program").removed, ["SDNTK"]);
    // A layout artefact: the alias from the 2021 alt.csv is gone.
    assert!(
        diff("ofac_sdn-10000", "alias")
            .removed
            .contains(&"Jhonny CANO".to_string())
    );
    assert_eq!(change("ofac_sdn-10021").change, ChangeKind::Removed);
    assert_eq!(change("ofac_sdn-17013").change, ChangeKind::Added);

    // Re-screening: a subject named like a delisted entity loses its alert; one named like
    // an added bank gains one.
    let rescreener = Rescreener::new(&changes, &old, &new);
    let wallets_now = count_of(ChangeKind::Added, true) + count_of(ChangeKind::Amended, true);
    let wallets_before = count_of(ChangeKind::Removed, true) + count_of(ChangeKind::Amended, true);
    assert_eq!(rescreener.changed_now(), 6870 + amended + wallets_now);
    assert_eq!(rescreener.changed_before(), 881 + amended + wallets_before);
    let subject = |name: &str| {
        let mut e = Entity::new("s", Schema::Organization, "query");
        e.add(Prop::Name, name);
        e
    };
    let opts = ScreenOptions::default();
    let events = rescreener.rescreen(&subject("Kutry Management Inc"), &opts);
    assert!(
        events.iter().any(|e| e.change == AlertChange::AlertGone
            && e.entity_id == "ofac_sdn-10022"
            && e.entity_change == ChangeKind::Removed),
        "{events:?}"
    );
    let events = rescreener.rescreen(&subject("BM Bank JSC"), &opts);
    assert!(
        events
            .iter()
            .any(|e| e.change == AlertChange::NewAlert && e.entity_id == "ofac_sdn-17017"),
        "{events:?}"
    );
}
