//! The audit store's behaviour, run against SQLite and PostgreSQL alike.

mod common;

use common::TestStore;
use serde_json::json;
use time::OffsetDateTime;
use time::macros::{date, datetime};
use zeef_audit::fixtures::{candidate, listed_entity, record, typical_record};
use zeef_audit::{
    AuditError, BreakKind, Change, DecisionInput, EntryKind, OpenReason, SuppressionQuery,
    SuppressionState, Verdict, fingerprint, sha256_hex,
};

const T0: OffsetDateTime = datetime!(2026-05-01 09:30:00.123456 UTC);

fn broken(result: zeef_audit::Result<zeef_audit::Verified>) -> zeef_audit::ChainBreak {
    match result {
        Err(AuditError::ChainBroken(b)) => b,
        other => panic!("expected a broken chain, got {other:?}"),
    }
}

fn appends_and_reads_back(t: &TestStore) {
    let rec = typical_record("cust-1", datetime!(2026-05-01 11:30:00.5 +02:00));
    let head = t.store.append(&rec).expect("append");
    assert_eq!(head.seq, 1);
    assert_eq!(t.store.head().expect("head"), Some(head.clone()));
    let back = t
        .store
        .latest_record("cust-1")
        .expect("read")
        .expect("record present");
    assert_eq!(back.seq, 1);
    assert!(!back.purged);
    assert_eq!(back.record, rec, "read back exactly what was written");
    assert_eq!(
        back.record.screened_at,
        datetime!(2026-05-01 09:30:00.5 UTC)
    );
    assert_eq!(back.subject_fingerprint, rec.subject.fingerprint());
    let v = t.store.verify().expect("verify");
    assert_eq!((v.entries, v.records, v.decisions, v.purged), (1, 1, 0, 0));
    assert_eq!(v.head, Some(head));
    assert!(t.store.latest_record("nobody").expect("read").is_none());
}

fn batch_is_one_contiguous_run(t: &TestStore) {
    t.store
        .append(&typical_record("first", T0))
        .expect("append");
    let records: Vec<_> = (0..250)
        .map(|i| typical_record(&format!("b-{i}"), T0))
        .collect();
    let heads = t.store.append_batch(&records).expect("batch");
    let seqs: Vec<i64> = heads.iter().map(|h| h.seq).collect();
    assert_eq!(seqs, (2..=251).collect::<Vec<_>>());
    assert_eq!(
        t.store.latest_record("b-249").expect("read").map(|r| r.seq),
        Some(251)
    );
    assert_eq!(t.store.verify().expect("verify").records, 251);
    assert!(t.store.append_batch(&[]).expect("empty batch").is_empty());
}

fn rejects_invalid_input_and_writes_nothing(t: &TestStore) {
    let mut bad = typical_record("cust-nan", T0);
    bad.candidates[1].score = f64::NAN;
    let good = typical_record("cust-ok", T0);
    match t.store.append_batch(&[good, bad]) {
        Err(AuditError::Invalid(msg)) => {
            assert!(msg.contains("cust-nan") && msg.contains("fx-202"), "{msg}")
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    assert_eq!(
        t.store.head().expect("head"),
        None,
        "the whole batch was refused"
    );
    let no_reviewer = DecisionInput::new("cust-ok", "fx-101", Verdict::Match, " ", "");
    assert!(matches!(
        t.store.decide(no_reviewer),
        Err(AuditError::UnknownAlert { .. })
    ));
    t.store
        .append(&typical_record("cust-ok", T0))
        .expect("append");
    let no_reviewer = DecisionInput::new("cust-ok", "fx-101", Verdict::Match, " ", "");
    assert!(matches!(
        t.store.decide(no_reviewer),
        Err(AuditError::Invalid(_))
    ));
    let unknown = DecisionInput::new("cust-ok", "fx-999", Verdict::Match, "rev", "");
    assert!(matches!(
        t.store.decide(unknown),
        Err(AuditError::UnknownAlert { .. })
    ));
}

/// Five records and a decision at #6, for the tamper tests.
fn six_entries(t: &TestStore) {
    let records: Vec<_> = (1..=5)
        .map(|i| typical_record(&format!("c-{i}"), T0))
        .collect();
    t.store.append_batch(&records).expect("batch");
    t.store
        .decide(
            DecisionInput::new(
                "c-2",
                "fx-101",
                Verdict::FalsePositive,
                "ann",
                "other person",
            )
            .at(T0),
        )
        .expect("decide");
    assert_eq!(t.store.verify().expect("intact").entries, 6);
}

fn detects_edited_record(t: &TestStore) {
    six_entries(t);
    t.exec("UPDATE zeef_audit_entries SET public_json = REPLACE(public_json, '0.91', '0.41') WHERE seq = 3");
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind),
        (BreakKind::Changed, 3, Some(EntryKind::Record)),
        "{b}"
    );
    assert!(b.to_string().contains("#3 (record) was changed"), "{b}");
}

fn detects_edited_personal_data_and_decision(t: &TestStore) {
    six_entries(t);
    t.exec("UPDATE zeef_audit_entries SET personal_json = REPLACE(personal_json, 'other person', 'same person') WHERE seq = 6");
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind),
        (BreakKind::Changed, 6, Some(EntryKind::Decision)),
        "{b}"
    );
}

fn detects_edited_index_column(t: &TestStore) {
    six_entries(t);
    t.exec("UPDATE zeef_audit_entries SET subject_id = 'c-9' WHERE seq = 4");
    let b = broken(t.store.verify());
    assert_eq!((b.how, b.seq), (BreakKind::Changed, 4), "{b}");
}

fn detects_rewritten_entry_with_recomputed_hashes(t: &TestStore) {
    six_entries(t);
    // An editor who knows the hashing rewrites #2 completely; #3 still remembers the old hash.
    let prev = t.text("SELECT hash FROM zeef_audit_entries WHERE seq = 1");
    let public = t
        .text("SELECT public_json FROM zeef_audit_entries WHERE seq = 2")
        .replace("0.91", "0.11");
    let personal_hash = t.text("SELECT personal_hash FROM zeef_audit_entries WHERE seq = 2");
    let payload = sha256_hex(format!("{public}|{personal_hash}").as_bytes());
    let hash = sha256_hex(format!("{prev}|2|record|{payload}").as_bytes());
    t.exec(&format!(
        "UPDATE zeef_audit_entries SET public_json = '{public}', payload_hash = '{payload}', hash = '{hash}', alerts = 0 WHERE seq = 2"
    ));
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind),
        (BreakKind::Changed, 2, Some(EntryKind::Record)),
        "{b}"
    );
}

fn detects_removed_entry(t: &TestStore) {
    six_entries(t);
    t.exec("DELETE FROM zeef_audit_entries WHERE seq = 4");
    let b = broken(t.store.verify());
    assert_eq!((b.how, b.seq, b.kind), (BreakKind::Removed, 4, None), "{b}");
    assert!(b.to_string().contains("#4 was removed"), "{b}");
}

fn detects_removed_entry_with_renumbering(t: &TestStore) {
    six_entries(t);
    t.exec(
        "DELETE FROM zeef_audit_entries WHERE seq = 4; \
         UPDATE zeef_audit_entries SET seq = seq + 1000 WHERE seq > 4; \
         UPDATE zeef_audit_entries SET seq = seq - 1001 WHERE seq > 1000",
    );
    let b = broken(t.store.verify());
    assert_eq!((b.how, b.seq), (BreakKind::Removed, 4), "{b}");
}

fn detects_inserted_entry(t: &TestStore) {
    six_entries(t);
    // A forged record at #3, correctly hashed onto #2; the old #3.. are moved up by one.
    let prev = t.text("SELECT hash FROM zeef_audit_entries WHERE seq = 2");
    let public = t
        .text("SELECT public_json FROM zeef_audit_entries WHERE seq = 2")
        .replace("\"c-2\"", "\"c-forged\"");
    let personal = t.text("SELECT personal_json FROM zeef_audit_entries WHERE seq = 2");
    let personal_hash = sha256_hex(personal.as_bytes());
    let payload = sha256_hex(format!("{public}|{personal_hash}").as_bytes());
    let hash = sha256_hex(format!("{prev}|3|record|{payload}").as_bytes());
    t.exec(&format!(
        "UPDATE zeef_audit_entries SET seq = seq + 1000 WHERE seq >= 3; \
         UPDATE zeef_audit_entries SET seq = seq - 999 WHERE seq > 1000; \
         INSERT INTO zeef_audit_entries (seq, kind, subject_id, entity_id, at, alerts, public_json, personal_json, \
           personal_hash, payload_hash, prev_hash, hash) \
         VALUES (3, 'record', 'c-forged', NULL, '{at}', 1, '{public}', '{personal}', '{personal_hash}', '{payload}', '{prev}', '{hash}')",
        at = zeef_audit::format_time(T0),
    ));
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind),
        (BreakKind::Inserted, 3, Some(EntryKind::Record)),
        "{b}"
    );
}

fn detects_inserted_entry_without_renumbering(t: &TestStore) {
    six_entries(t);
    // A forged decision appended as #7 but hashed onto #5, as if it belonged before #6.
    let prev = t.text("SELECT hash FROM zeef_audit_entries WHERE seq = 5");
    let public = t
        .text("SELECT public_json FROM zeef_audit_entries WHERE seq = 6")
        .replace("\"ann\"", "\"eve\"");
    let personal_hash = t.text("SELECT personal_hash FROM zeef_audit_entries WHERE seq = 6");
    let payload = sha256_hex(format!("{public}|{personal_hash}").as_bytes());
    let hash = sha256_hex(format!("{prev}|7|decision|{payload}").as_bytes());
    t.exec(&format!(
        "INSERT INTO zeef_audit_entries (seq, kind, subject_id, entity_id, at, alerts, public_json, personal_json, \
           personal_hash, payload_hash, prev_hash, hash) \
         SELECT 7, kind, subject_id, entity_id, at, alerts, '{public}', personal_json, personal_hash, '{payload}', '{prev}', '{hash}' \
         FROM zeef_audit_entries WHERE seq = 6"
    ));
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind),
        (BreakKind::Inserted, 7, Some(EntryKind::Decision)),
        "{b}"
    );
}

fn head_written_down_catches_truncation(t: &TestStore) {
    six_entries(t);
    let head = t.store.head().expect("head").expect("non-empty");
    assert_eq!(head.seq, 6);
    t.store.append(&typical_record("c-7", T0)).expect("append");
    assert_eq!(
        t.store
            .verify_against(&head)
            .expect("grown chain still holds")
            .entries,
        7
    );
    t.exec("DELETE FROM zeef_audit_entries WHERE seq >= 6");
    assert_eq!(
        t.store
            .verify()
            .expect("cut chain is self-consistent")
            .entries,
        5
    );
    let b = broken(t.store.verify_against(&head));
    assert_eq!((b.how, b.seq), (BreakKind::Removed, 6), "{b}");
}

fn purge_keeps_chain_verifiable(t: &TestStore) {
    let old_at = datetime!(2019-03-01 10:00:00 UTC);
    t.store
        .append(&typical_record("old-1", old_at))
        .expect("append");
    t.store
        .decide(
            DecisionInput::new(
                "old-1",
                "fx-101",
                Verdict::FalsePositive,
                "ann",
                "born 1962, not 1961",
            )
            .at(old_at),
        )
        .expect("decide");
    t.store
        .append(&typical_record(
            "old-2",
            datetime!(2019-12-31 23:59:59.999999 UTC),
        ))
        .expect("append");
    let recent = typical_record("new-1", T0);
    t.store.append(&recent).expect("append");

    assert_eq!(t.store.purge(date!(2020 - 01 - 01)).expect("purge"), 3);
    assert_eq!(
        t.store.purge(date!(2020 - 01 - 01)).expect("purge again"),
        0,
        "idempotent"
    );
    let v = t.store.verify().expect("purged chain verifies");
    assert_eq!((v.entries, v.purged), (4, 3));

    let old = t
        .store
        .latest_record("old-1")
        .expect("read")
        .expect("present");
    assert!(old.purged);
    assert_eq!(old.record.subject.fields, serde_json::Value::Null);
    assert!(
        old.record
            .candidates
            .iter()
            .all(|c| c.entity.is_null() && c.explanation.is_null())
    );
    assert_eq!(
        old.record.candidates[0].caption, "Jon Averly",
        "public part kept"
    );
    assert_eq!(old.record.snapshot.sources.len(), 2, "list versions kept");
    let d = t
        .store
        .latest_decision("old-1", "fx-101")
        .expect("read")
        .expect("present");
    assert!(d.purged && d.decision.note.is_empty() && d.decision.entity.is_null());
    assert_eq!(d.decision.reviewer, "ann");
    let new = t
        .store
        .latest_record("new-1")
        .expect("read")
        .expect("present");
    assert!(!new.purged);
    assert_eq!(new.record, recent);

    // The personal data is really gone from the table.
    assert_eq!(
        t.text("SELECT CAST(COUNT(*) AS TEXT) FROM zeef_audit_entries WHERE personal_json IS NULL AND purged_at IS NOT NULL"),
        "3"
    );
    // A purged entry's public part is still protected.
    t.exec("UPDATE zeef_audit_entries SET public_json = REPLACE(public_json, '\"ann\"', '\"bob\"') WHERE seq = 2");
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind),
        (BreakKind::Changed, 2, Some(EntryKind::Decision)),
        "{b}"
    );
}

fn decisions_drive_open_alerts_and_suppression(t: &TestStore) {
    t.store
        .append(&typical_record("cust-7", T0))
        .expect("append");
    let open = t.store.open_alerts().expect("open");
    assert_eq!(open.len(), 1, "one match among three candidates");
    assert_eq!(
        (open[0].entity_id.as_str(), &open[0].reason),
        ("fx-101", &OpenReason::Undecided)
    );
    assert_eq!(open[0].record_seq, 1);

    let stored = t
        .store
        .decide(DecisionInput::new(
            "cust-7",
            "fx-101",
            Verdict::FalsePositive,
            "ann",
            "different birth year",
        ))
        .expect("decide");
    assert_eq!(stored.seq, 2);
    assert_eq!(
        stored.decision.entity_fingerprint,
        typical_record("x", T0).candidates[0].entity_fingerprint
    );
    assert!(
        t.store.open_alerts().expect("open").is_empty(),
        "false positive closes it"
    );

    let rec = typical_record("cust-7", T0);
    let entity = rec.candidates[0].entity.clone();
    let subject_fp = rec.subject.fingerprint();
    let entity_fp = fingerprint(&entity);
    let query = SuppressionQuery {
        subject_id: "cust-7",
        subject_fingerprint: &subject_fp,
        subject_fields: Some(&rec.subject.fields),
        entity_id: "fx-101",
        entity_fingerprint: &entity_fp,
        entity: &entity,
        referents: &[],
    };
    assert!(matches!(
        t.store.suppression(&query).expect("s"),
        SuppressionState::Suppressed { .. }
    ));

    // The listed entity gains an alias: the alert returns and says why.
    let changed = listed_entity("fx-101", "Jon Averly", &["J. Averly", "Jonas Averli"]);
    let changed_fp = fingerprint(&changed);
    let q2 = SuppressionQuery {
        entity_fingerprint: &changed_fp,
        entity: &changed,
        ..query
    };
    match t.store.suppression(&q2).expect("s") {
        SuppressionState::Returned { changes, decision } => {
            assert_eq!(decision.reviewer, "ann");
            let said: Vec<String> = changes.iter().map(Change::to_string).collect();
            assert_eq!(
                said,
                vec!["listed entity gained alias \"Jonas Averli\"".to_owned()]
            );
        }
        other => panic!("expected Returned, got {other:?}"),
    }
    // The subject's birth date changes.
    let fields = json!({"name": "Jon Averley", "birthDate": "1962-03-04", "country": "zz"});
    let fields_fp = fingerprint(&fields);
    let q3 = SuppressionQuery {
        subject_fingerprint: &fields_fp,
        subject_fields: Some(&fields),
        ..query
    };
    match t.store.suppression(&q3).expect("s") {
        SuppressionState::Returned { changes, .. } => assert_eq!(
            changes[0].to_string(),
            "subject's birth date changed from \"1961-03-04\" to \"1962-03-04\""
        ),
        other => panic!("expected Returned, got {other:?}"),
    }
    let q4 = SuppressionQuery {
        entity_id: "fx-202",
        ..query
    };
    assert_eq!(
        t.store.suppression(&q4).expect("s"),
        SuppressionState::Undecided
    );

    // A new screening with the changed entity re-opens the alert.
    let mut again = typical_record("cust-7", T0);
    again.candidates[0] = candidate(changed.clone(), 0.93, 0.8);
    t.store.append(&again).expect("append");
    let open = t.store.open_alerts().expect("open");
    assert_eq!(open.len(), 1);
    match &open[0].reason {
        OpenReason::Returned { changes, .. } => {
            assert_eq!(
                changes[0].to_string(),
                "listed entity gained alias \"Jonas Averli\""
            )
        }
        other => panic!("expected Returned, got {other:?}"),
    }
    // Escalated stays open; a confirmed match closes it and is standing.
    t.store
        .decide(DecisionInput::new(
            "cust-7",
            "fx-101",
            Verdict::Escalate,
            "ann",
            "ask L2",
        ))
        .expect("decide");
    assert!(matches!(
        t.store.open_alerts().expect("open")[0].reason,
        OpenReason::Escalated { .. }
    ));
    t.store
        .decide(DecisionInput::new(
            "cust-7",
            "fx-101",
            Verdict::Match,
            "lead",
            "confirmed",
        ))
        .expect("decide");
    assert!(t.store.open_alerts().expect("open").is_empty());
    assert!(matches!(
        t.store.suppression(&q2).expect("s"),
        SuppressionState::Standing { .. }
    ));
    assert_eq!(t.store.decisions("cust-7").expect("decisions").len(), 3);
    assert_eq!(t.store.records("cust-7").expect("records").len(), 2);
    assert_eq!(t.store.verify().expect("verify").decisions, 3);
}

fn only_latest_screening_counts(t: &TestStore) {
    t.store
        .append(&typical_record("cust-8", T0))
        .expect("append");
    let mut clean = typical_record("cust-8", T0);
    clean.candidates.clear();
    t.store.append(&clean).expect("append");
    assert!(
        t.store.open_alerts().expect("open").is_empty(),
        "latest screening found nothing"
    );
}

fn report_tells_the_story(t: &TestStore) {
    t.store
        .append(&typical_record(
            "cust-a",
            datetime!(2026-04-01 08:00:00 UTC),
        ))
        .expect("append");
    t.store
        .decide(
            DecisionInput::new(
                "cust-a",
                "fx-101",
                Verdict::FalsePositive,
                "ann",
                "DOB <differs> & \"name\"",
            )
            .at(datetime!(2026-04-02 08:00:00 UTC)),
        )
        .expect("decide");
    t.store
        .append(&typical_record(
            "cust-b",
            datetime!(2026-04-03 08:00:00 UTC),
        ))
        .expect("append");
    t.store
        .append(&typical_record(
            "cust-c",
            datetime!(2026-06-03 08:00:00 UTC),
        ))
        .expect("append");
    let (from, to) = (
        datetime!(2026-04-01 00:00 UTC),
        datetime!(2026-05-01 00:00 UTC),
    );

    let all = t.store.report(&[], from, to).expect("report");
    let s = all.summary;
    assert_eq!(
        (
            s.subjects_screened,
            s.screenings,
            s.alerts,
            s.decided,
            s.open
        ),
        (2, 2, 2, 1, 1)
    );
    assert_eq!(
        all.subjects
            .iter()
            .map(|s| s.subject_id.as_str())
            .collect::<Vec<_>>(),
        ["cust-a", "cust-b"]
    );
    assert_eq!(all.chain_head.as_ref().map(|h| h.seq), Some(4));

    let one = t
        .store
        .report(&["cust-a".to_owned()], from, to)
        .expect("report");
    assert_eq!(one.subjects.len(), 1);
    let a = &one.subjects[0];
    assert_eq!(a.screenings[0].sources[0].source, "fictional_un");
    assert_eq!(
        a.screenings[0].sources[0].list_date.as_deref(),
        Some("2026-04-30")
    );
    assert_eq!(a.screenings[0].found.len(), 3);
    assert_eq!(a.decisions[0].reviewer, "ann");
    assert!(a.open.is_empty());

    let json: serde_json::Value = serde_json::from_str(&one.to_json()).expect("valid JSON");
    assert_eq!(
        json["subjects"][0]["decisions"][0]["verdict"],
        "false-positive"
    );
    let back: zeef_audit::Report = serde_json::from_str(&one.to_json()).expect("round trip");
    assert_eq!(back, one);
    let md = one.to_markdown();
    assert!(
        md.contains("## Subject cust-a") && md.contains("| fictional\\_un | 2026-04-30 |"),
        "{md}"
    );
    assert!(md.contains("DOB \\<differs\\> & \"name\""), "{md}");
    let html = one.to_html();
    assert!(html.contains("DOB &lt;differs&gt; &amp; &quot;name&quot;"));
    assert!(!html.contains("<differs>") && !html.contains("<script"));

    let none = t
        .store
        .report(&["nobody".to_owned()], from, to)
        .expect("report");
    assert_eq!(none.summary.screenings, 0);
    assert!(none.to_html().contains("Not screened in this period"));
}

fn snapshot_block_is_stored_once(t: &TestStore) {
    let records: Vec<_> = (0..250)
        .map(|i| typical_record(&format!("b-{i}"), T0))
        .collect();
    t.store.append_batch(&records).expect("batch");
    t.store
        .append(&typical_record("one-more", T0))
        .expect("append");
    assert_eq!(
        t.text("SELECT CAST(COUNT(*) AS TEXT) FROM zeef_audit_contexts"),
        "1"
    );
    // The per-source hashes live in the block, not in each record.
    let sha = "1f".repeat(32);
    assert_eq!(
        t.text(&format!(
            "SELECT CAST(COUNT(*) AS TEXT) FROM zeef_audit_entries WHERE public_json LIKE '%{sha}%'"
        )),
        "0"
    );
    assert!(
        t.text("SELECT json FROM zeef_audit_contexts")
            .contains(&sha)
    );
    let block = t.text("SELECT hash FROM zeef_audit_contexts");
    assert_eq!(
        block,
        sha256_hex(t.text("SELECT json FROM zeef_audit_contexts").as_bytes())
    );
    assert!(
        t.text("SELECT public_json FROM zeef_audit_entries WHERE seq = 7")
            .contains(&format!("\"context\":\"{block}\""))
    );
    // Another threshold is another block; each record reads back with its own.
    let mut stricter = typical_record("strict", T0);
    std::sync::Arc::make_mut(&mut stricter.algorithm).threshold = 0.9;
    t.store.append(&stricter).expect("append");
    assert_eq!(
        t.text("SELECT CAST(COUNT(*) AS TEXT) FROM zeef_audit_contexts"),
        "2"
    );
    let back = t
        .store
        .latest_record("strict")
        .expect("read")
        .expect("present");
    assert_eq!(back.record, stricter);
    let back = t
        .reopen()
        .latest_record("b-3")
        .expect("read")
        .expect("present");
    assert_eq!(back.record, records[3]);
    let v = t.store.verify().expect("verify");
    assert_eq!((v.entries, v.snapshot_blocks), (252, 2));
}

fn detects_edited_snapshot_block(t: &TestStore) {
    six_entries(t);
    let block = t.text("SELECT hash FROM zeef_audit_contexts");
    // Someone rewrites a list's sha256 in the shared block.
    t.exec(&format!(
        "UPDATE zeef_audit_contexts SET json = REPLACE(json, '{}', '{}')",
        "2e".repeat(32),
        "3e".repeat(32)
    ));
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind, b.snapshot_block.as_deref()),
        (
            BreakKind::Changed,
            1,
            Some(EntryKind::Record),
            Some(block.as_str())
        ),
        "{b}"
    );
    let text = b.to_string();
    assert!(
        text.contains(&format!("snapshot block {block}")) && text.contains("snap-2026-05-01"),
        "{text}"
    );
    // A fresh reader refuses to pass the edited block off as the record's.
    match t.reopen().latest_record("c-3") {
        Err(AuditError::Corrupt { seq: 3, message }) => {
            assert!(message.contains(&block), "{message}")
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    // The edit with the hash recomputed: the records still name the old hash.
    let json = t.text("SELECT json FROM zeef_audit_contexts");
    t.exec(&format!(
        "UPDATE zeef_audit_contexts SET hash = '{}'",
        sha256_hex(json.as_bytes())
    ));
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.snapshot_block.as_deref()),
        (BreakKind::Removed, 1, Some(block.as_str())),
        "{b}"
    );
    assert!(b.to_string().contains("no longer in the store"), "{b}");
}

fn detects_record_pointed_at_another_block(t: &TestStore) {
    six_entries(t);
    let mut other = typical_record("c-7", T0);
    std::sync::Arc::make_mut(&mut other.snapshot).id = "snap-2026-06-01".into();
    t.store.append(&other).expect("append");
    let first = t.text("SELECT public_json FROM zeef_audit_entries WHERE seq = 1");
    let last = t.text("SELECT public_json FROM zeef_audit_entries WHERE seq = 7");
    let block = |public: &str| {
        let v: serde_json::Value = serde_json::from_str(public).expect("JSON");
        v["context"].as_str().expect("context").to_owned()
    };
    let (old, new) = (block(&first), block(&last));
    assert_ne!(old, new);
    // Claim that screening #4 ran against the newer lists.
    t.exec(&format!(
        "UPDATE zeef_audit_entries SET public_json = REPLACE(public_json, '{old}', '{new}') WHERE seq = 4"
    ));
    let b = broken(t.store.verify());
    assert_eq!(
        (b.how, b.seq, b.kind, b.snapshot_block.as_deref()),
        (BreakKind::Changed, 4, Some(EntryKind::Record), None),
        "{b}"
    );
}

/// A record written by the first layout (list snapshot and algorithm inline in each record)
/// still verifies and reads back, before and after records of the current layout.
fn reads_records_of_the_first_layout(t: &TestStore) {
    t.store
        .append(&typical_record("new-1", T0))
        .expect("append");
    let block = t.text("SELECT json FROM zeef_audit_contexts");
    let hash = t.text("SELECT hash FROM zeef_audit_contexts");
    let inline = block
        .strip_prefix('{')
        .and_then(|b| b.strip_suffix('}'))
        .expect("a JSON object");
    let public = t
        .text("SELECT public_json FROM zeef_audit_entries WHERE seq = 1")
        .replace("\"new-1\"", "\"old-1\"")
        .replace(&format!("\"context\":\"{hash}\""), inline);
    assert!(public.contains("\"snapshot\":{\"id\""), "{public}");
    let personal_hash = t.text("SELECT personal_hash FROM zeef_audit_entries WHERE seq = 1");
    let prev = t.text("SELECT hash FROM zeef_audit_entries WHERE seq = 1");
    let payload = sha256_hex(format!("{public}|{personal_hash}").as_bytes());
    let hash2 = sha256_hex(format!("{prev}|2|record|{payload}").as_bytes());
    t.exec(&format!(
        "INSERT INTO zeef_audit_entries (seq, kind, subject_id, entity_id, at, alerts, public_json, personal_json, \
           personal_hash, payload_hash, prev_hash, hash) \
         SELECT 2, kind, 'old-1', entity_id, at, alerts, '{public}', personal_json, personal_hash, '{payload}', '{prev}', '{hash2}' \
         FROM zeef_audit_entries WHERE seq = 1"
    ));
    t.store
        .append(&typical_record("new-2", T0))
        .expect("append");
    let v = t.store.verify().expect("mixed layouts verify");
    assert_eq!((v.entries, v.records, v.snapshot_blocks), (3, 3, 1));
    let old = t
        .store
        .latest_record("old-1")
        .expect("read")
        .expect("present");
    let mut expected = typical_record("old-1", T0);
    expected.subject.id = "old-1".into();
    assert_eq!(old.record, expected);
    // Its inline list versions are still covered by its own hash.
    t.exec(&format!(
        "UPDATE zeef_audit_entries SET public_json = REPLACE(public_json, '{}', '{}') WHERE seq = 2",
        "2e".repeat(32),
        "3e".repeat(32)
    ));
    let b = broken(t.store.verify());
    assert_eq!((b.how, b.seq), (BreakKind::Changed, 2), "{b}");
}

fn concurrent_writers_keep_one_chain(t: &TestStore) {
    let stores: Vec<_> = (0..3).map(|_| t.reopen()).collect();
    std::thread::scope(|scope| {
        for (w, store) in stores.iter().enumerate() {
            scope.spawn(move || {
                for b in 0..10 {
                    let batch: Vec<_> = (0..5)
                        .map(|i| typical_record(&format!("t{w}-{b}-{i}"), T0))
                        .collect();
                    store.append_batch(&batch).expect("append");
                    store
                        .append(&typical_record(&format!("t{w}-{b}-single"), T0))
                        .expect("append");
                }
            });
        }
    });
    let v = t.store.verify().expect("verify");
    assert_eq!(v.entries, 3 * 10 * 6);
}

fn survives_reopen(t: &TestStore) {
    six_entries(t);
    let head = t.store.head().expect("head");
    let again = t.reopen();
    assert_eq!(again.head().expect("head"), head);
    assert_eq!(again.verify().expect("verify").entries, 6);
}

fn record_without_match_is_no_alert(t: &TestStore) {
    let rec = record(
        "cust-z",
        T0,
        vec![candidate(listed_entity("fx-9", "Zed", &[]), 0.3, 0.8)],
    );
    t.store.append(&rec).expect("append");
    assert!(t.store.open_alerts().expect("open").is_empty());
}

#[test]
fn unreachable_postgres_is_a_clear_error() {
    let err = zeef_audit::AuditStore::open_postgres("postgres://postgres:secret@127.0.0.1:1/test")
        .expect_err("nothing listens on port 1");
    let msg = err.to_string();
    assert!(
        msg.starts_with("PostgreSQL audit store postgres://postgres@127.0.0.1:1/test"),
        "{msg}"
    );
    assert!(!msg.contains("secret"), "password leaked: {msg}");
}

#[test]
fn sqlite_store_is_in_wal_mode() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(zeef_audit::AuditStore::SQLITE_FILE_NAME);
    let store = zeef_audit::AuditStore::open_sqlite(&path).expect("open");
    store.append(&typical_record("c", T0)).expect("append");
    let conn = rusqlite::Connection::open(&path).expect("raw connection");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(mode, "wal");
}

#[test]
fn unopenable_sqlite_file_is_named() {
    let err = zeef_audit::AuditStore::open("/nonexistent-dir/zeef/audit.sqlite")
        .expect_err("no such directory");
    assert!(
        err.to_string()
            .contains("/nonexistent-dir/zeef/audit.sqlite"),
        "{err}"
    );
}

fn four_eyes_decision_needs_a_second_reviewer(t: &TestStore) {
    t.store
        .append(&typical_record("cust-4", T0))
        .expect("append");
    let proposed = t
        .store
        .propose(DecisionInput::new(
            "cust-4",
            "fx-101",
            Verdict::FalsePositive,
            "ann",
            "born elsewhere",
        ))
        .expect("propose");
    assert_eq!(proposed.seq, 2);
    let open = t.store.open_alerts().expect("open");
    assert_eq!(open.len(), 1, "a proposal is not in effect");
    assert!(
        t.store
            .latest_decision("cust-4", "fx-101")
            .expect("read")
            .is_none()
    );
    let waiting = t.store.pending_proposals().expect("pending");
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].decision.reviewer, "ann");

    let own = t.store.approve("cust-4", "fx-101", Some(2), " ANN ");
    assert!(
        matches!(&own, Err(AuditError::SameReviewer { reviewer }) if reviewer == "ann"),
        "{own:?}"
    );
    let stale = t.store.approve("cust-4", "fx-101", Some(1), "bob");
    assert!(
        matches!(stale, Err(AuditError::NoProposal { .. })),
        "{stale:?}"
    );
    assert_eq!(
        t.store.head().expect("head").map(|h| h.seq),
        Some(2),
        "nothing written"
    );

    let approved = t
        .store
        .approve("cust-4", "fx-101", Some(2), "bob")
        .expect("approve");
    assert_eq!(approved.seq, 3);
    assert_eq!(approved.decision.reviewer, "ann");
    assert_eq!(approved.decision.approved_by.as_deref(), Some("bob"));
    assert_eq!(approved.decision.note, "born elsewhere");
    assert!(
        t.store.open_alerts().expect("open").is_empty(),
        "in effect now"
    );
    assert!(t.store.pending_proposals().expect("pending").is_empty());
    let read = t
        .store
        .latest_decision("cust-4", "fx-101")
        .expect("read")
        .expect("decided");
    assert_eq!(read.decision, approved.decision);
    let again = t.store.approve("cust-4", "fx-101", None, "carl");
    assert!(
        matches!(again, Err(AuditError::NoProposal { .. })),
        "{again:?}"
    );

    let verified = t.store.verify().expect("intact");
    assert_eq!(
        (
            verified.entries,
            verified.records,
            verified.decisions,
            verified.proposals
        ),
        (3, 1, 1, 1)
    );
    let report = t
        .store
        .report(
            &[],
            T0 - time::Duration::days(1),
            T0 + time::Duration::days(3650),
        )
        .expect("report");
    let html = report.to_html();
    assert!(
        html.contains("ann (approved by bob)"),
        "both reviewers in the report"
    );
}

/// A candidate standing for a resolved entity of `referents`, explained by `entity`.
fn resolved(entity: serde_json::Value, referents: &[&str]) -> zeef_audit::Candidate {
    let mut c = candidate(entity, 0.93, 0.8);
    c.resolved_id = Some("zeef-0a1b2c3d4e5f".into());
    c.referents = referents.iter().map(|r| r.to_string()).collect();
    c
}

fn decisions_on_resolved_entities_cover_their_records(t: &TestStore) {
    let averly = listed_entity("fx-101", "Jon Averly", &["J. Averly"]);
    let rec = record(
        "cust-9",
        T0,
        vec![resolved(averly.clone(), &["fx-101", "gx-7"])],
    );
    t.store.append(&rec).expect("append");
    // Named by its canonical id: the decision names the listing shown and covers both.
    let stored = t
        .store
        .decide(DecisionInput::new(
            "cust-9",
            "zeef-0a1b2c3d4e5f",
            Verdict::FalsePositive,
            "ann",
            "other person",
        ))
        .expect("decide");
    assert_eq!(stored.decision.entity_id, "fx-101");
    assert_eq!(
        stored.decision.resolved_id.as_deref(),
        Some("zeef-0a1b2c3d4e5f")
    );
    assert_eq!(stored.decision.referents, ["fx-101", "gx-7"]);
    assert!(t.store.open_alerts().expect("open").is_empty());
    t.store.verify().expect("the chain holds the decision");

    let subject_fp = rec.subject.fingerprint();
    let fp = fingerprint(&averly);
    let gx = listed_entity("gx-7", "Jon Averly", &[]);
    let gx_fp = fingerprint(&gx);
    let state = |entity_id: &str, fp: &str, entity: &serde_json::Value, referents: &[String]| {
        t.store
            .suppression(&SuppressionQuery {
                subject_id: "cust-9",
                subject_fingerprint: &subject_fp,
                subject_fields: Some(&rec.subject.fields),
                entity_id,
                entity_fingerprint: fp,
                entity,
                referents,
            })
            .expect("suppression")
    };
    let ids = |ids: &[&str]| ids.iter().map(|r| r.to_string()).collect::<Vec<_>>();
    // The same entity again: suppressed; and by record, each of its listings.
    let same = ids(&["fx-101", "gx-7"]);
    assert!(matches!(
        state("fx-101", &fp, &averly, &same),
        SuppressionState::Suppressed { .. }
    ));
    assert!(matches!(
        state("fx-101", &fp, &averly, &[]),
        SuppressionState::Suppressed { .. }
    ));
    assert!(matches!(
        state("gx-7", &gx_fp, &gx, &[]),
        SuppressionState::Suppressed { .. }
    ));
    // A listing that joined the entity since: the alert returns, naming it.
    let joined = ids(&["fx-101", "gx-7", "hx-3"]);
    match state("fx-101", &fp, &averly, &joined) {
        SuppressionState::Returned { changes, .. } => assert_eq!(
            changes.iter().map(Change::to_string).collect::<Vec<_>>(),
            ["listed entity gained listings \"hx-3\""]
        ),
        other => panic!("expected Returned, got {other:?}"),
    }
    let hx = listed_entity("hx-3", "Jon Averly", &[]);
    assert_eq!(
        state("hx-3", &fingerprint(&hx), &hx, &[]),
        SuppressionState::Undecided,
        "by record, the new listing was never decided"
    );
    // A decision on one record covers that record only.
    let mut later = record("cust-10", T0, vec![candidate(gx.clone(), 0.9, 0.8)]);
    t.store.append(&later).expect("append");
    t.store
        .decide(DecisionInput::new(
            "cust-10",
            "gx-7",
            Verdict::FalsePositive,
            "bob",
            "",
        ))
        .expect("decide");
    later.candidates = vec![resolved(gx.clone(), &["fx-101", "gx-7"])];
    later.screened_at = T0 + time::Duration::hours(1);
    t.store.append(&later).expect("append");
    let open = t.store.open_alerts().expect("open");
    assert_eq!(open.len(), 1, "{open:?}");
    match &open[0].reason {
        OpenReason::Returned { changes, .. } => {
            assert_eq!(
                changes[0].to_string(),
                "listed entity gained listings \"fx-101\""
            )
        }
        other => panic!("expected Returned, got {other:?}"),
    }
}

backend_tests!(
    four_eyes_decision_needs_a_second_reviewer,
    decisions_on_resolved_entities_cover_their_records,
    appends_and_reads_back,
    batch_is_one_contiguous_run,
    rejects_invalid_input_and_writes_nothing,
    detects_edited_record,
    detects_edited_personal_data_and_decision,
    detects_edited_index_column,
    detects_rewritten_entry_with_recomputed_hashes,
    detects_removed_entry,
    detects_removed_entry_with_renumbering,
    detects_inserted_entry,
    detects_inserted_entry_without_renumbering,
    head_written_down_catches_truncation,
    purge_keeps_chain_verifiable,
    decisions_drive_open_alerts_and_suppression,
    only_latest_screening_counts,
    report_tells_the_story,
    concurrent_writers_keep_one_chain,
    survives_reopen,
    record_without_match_is_no_alert,
    snapshot_block_is_stored_once,
    detects_edited_snapshot_block,
    detects_record_pointed_at_another_block,
    reads_records_of_the_first_layout,
);
