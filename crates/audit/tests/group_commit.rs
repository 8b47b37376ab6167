//! `GroupCommit` against SQLite and PostgreSQL: many writers, one chain, one transaction per
//! group, acknowledgements only after the commit.

mod common;

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use common::TestStore;
use time::OffsetDateTime;
use time::macros::datetime;
use zeef_audit::fixtures::typical_record;
use zeef_audit::{AuditError, AuditStore, ChainHead, GroupCommit};

const T0: OffsetDateTime = datetime!(2026-05-01 09:30:00 UTC);

fn group_commit(t: &TestStore) -> GroupCommit {
    GroupCommit::new(Arc::new(t.reopen()))
}

/// Each record's stored place, read back through the test's own connection.
fn stored_seq(t: &TestStore, subject_id: &str) -> Option<i64> {
    t.store
        .latest_record(subject_id)
        .expect("read")
        .map(|r| r.seq)
}

/// Eight threads, each submitting a record and waiting for it before the next.
fn concurrent_writers_share_transactions(t: &TestStore) {
    const THREADS: usize = 8;
    const EACH: usize = 60;
    let group = group_commit(t);
    let heads: Vec<Vec<ChainHead>> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..THREADS)
            .map(|w| {
                let group = &group;
                scope.spawn(move || {
                    (0..EACH)
                        .map(|i| {
                            group
                                .submit_record(&typical_record(&format!("w{w}-{i}"), T0))
                                .wait()
                                .expect("acknowledged after commit")
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        writers
            .into_iter()
            .map(|w| w.join().expect("writer thread"))
            .collect()
    });
    let total = (THREADS * EACH) as u64;
    assert_eq!(group.records(), total);
    assert_eq!(group.failed_groups(), 0);
    assert!(
        group.groups() < total,
        "{} transactions for {total} records: nothing was grouped",
        group.groups()
    );
    drop(group);

    let v = t.store.verify().expect("the chain is intact");
    assert_eq!((v.entries, v.records), (total, total));
    let mut seqs = HashSet::new();
    for (w, heads) in heads.iter().enumerate() {
        for (i, head) in heads.iter().enumerate() {
            assert!(seqs.insert(head.seq), "seq {} acknowledged twice", head.seq);
            assert_eq!(stored_seq(t, &format!("w{w}-{i}")), Some(head.seq));
        }
        assert!(
            heads.windows(2).all(|p| p[0].seq < p[1].seq),
            "writer {w}'s records are out of its order"
        );
    }
}

/// Writers that submit many records before waiting: groups respect the cap, each writer's
/// records keep its order.
fn queued_records_keep_submission_order(t: &TestStore) {
    const THREADS: usize = 4;
    const EACH: usize = 150;
    const CAP: usize = 40;
    let group = GroupCommit::with_max_group(Arc::new(t.reopen()), CAP);
    std::thread::scope(|scope| {
        for w in 0..THREADS {
            let group = &group;
            scope.spawn(move || {
                let tickets: Vec<_> = (0..EACH)
                    .map(|i| group.submit_record(&typical_record(&format!("q{w}-{i}"), T0)))
                    .collect();
                let seqs: Vec<i64> = tickets
                    .into_iter()
                    .map(|t| t.wait().expect("committed").seq)
                    .collect();
                assert!(seqs.windows(2).all(|p| p[0] < p[1]), "writer {w}: {seqs:?}");
            });
        }
    });
    let total = THREADS * EACH;
    assert_eq!(group.records(), total as u64);
    assert!(
        group.groups() >= total.div_ceil(CAP) as u64,
        "{} groups for {total} records: the cap of {CAP} was exceeded",
        group.groups()
    );
    drop(group);
    assert_eq!(t.store.verify().expect("verify").entries, total as u64);
    for w in 0..THREADS {
        let seqs: Vec<_> = (0..EACH)
            .map(|i| stored_seq(t, &format!("q{w}-{i}")).expect("stored"))
            .collect();
        assert!(seqs.windows(2).all(|p| p[0] < p[1]), "writer {w} as stored");
    }
}

/// Holds the store's write lock from a raw connection until dropped (PostgreSQL: the lock
/// row; SQLite: `BEGIN IMMEDIATE`), so the committer waits and records pile up in its queue.
enum WriteLock {
    Sqlite(rusqlite::Connection),
    Postgres(::postgres::Client),
}

impl WriteLock {
    fn take(t: &TestStore) -> Self {
        match t.location() {
            (path, None) => {
                let conn = rusqlite::Connection::open(path).expect("raw SQLite");
                conn.execute_batch("BEGIN IMMEDIATE").expect("lock");
                WriteLock::Sqlite(conn)
            }
            (url, Some(schema)) => {
                let mut client = ::postgres::Client::connect(&url, ::postgres::NoTls).expect("raw");
                client
                    .batch_execute(&format!(
                        "SET search_path TO \"{schema}\"; BEGIN; \
                         UPDATE zeef_audit_lock SET n = n + 1 WHERE id = 1"
                    ))
                    .expect("lock");
                WriteLock::Postgres(client)
            }
        }
    }

    fn release(self) {
        match self {
            WriteLock::Sqlite(conn) => conn.execute_batch("ROLLBACK").expect("unlock"),
            WriteLock::Postgres(mut client) => client.batch_execute("ROLLBACK").expect("unlock"),
        }
    }
}

/// A record the database refuses fails its whole group: every record of that group gets the
/// error and none is written; the groups before and after commit.
fn failed_group_reaches_every_waiter(t: &TestStore) {
    let refuse = match t.location() {
        (_, None) => {
            "CREATE TRIGGER refuse_bad BEFORE INSERT ON zeef_audit_entries \
             WHEN NEW.subject_id = 'bad' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        }
        (_, Some(_)) => {
            "ALTER TABLE zeef_audit_entries ADD CONSTRAINT refuse_bad CHECK (subject_id <> 'bad')"
        }
    };
    t.exec(refuse);
    let group = group_commit(t);
    let first = group
        .submit_record(&typical_record("before", T0))
        .wait()
        .expect("commit");
    assert_eq!(first.seq, 1);

    let ids: Vec<String> = (0..20)
        .map(|i| match i {
            10 => "bad".to_owned(),
            i => format!("g-{i}"),
        })
        .collect();
    let lock = WriteLock::take(t);
    let tickets: Vec<_> = ids
        .iter()
        .map(|id| group.submit_record(&typical_record(id, T0)))
        .collect();
    // The committer waits for the lock with the first group; the rest queue behind it.
    std::thread::sleep(Duration::from_millis(300));
    lock.release();
    let outcomes: Vec<_> = tickets.into_iter().map(|t| t.wait()).collect();

    let failed: Vec<usize> = (0..ids.len()).filter(|&i| outcomes[i].is_err()).collect();
    assert!(failed.contains(&10), "the refused record failed");
    assert!(
        failed.len() >= 10,
        "the refused record shared its group with the records queued with it: {failed:?}"
    );
    assert!(
        failed.windows(2).all(|p| p[1] == p[0] + 1),
        "one group failed, a contiguous run: {failed:?}"
    );
    for &i in &failed {
        match &outcomes[i] {
            Err(AuditError::GroupFailed { records, source }) => {
                assert_eq!(*records, failed.len(), "{}", ids[i]);
                assert!(source.to_string().contains("refuse"), "{source}");
            }
            other => panic!("{}: expected GroupFailed, got {other:?}", ids[i]),
        }
        assert_eq!(stored_seq(t, &ids[i]), None, "{} was not written", ids[i]);
    }
    for (i, outcome) in outcomes.iter().enumerate() {
        if let Ok(head) = outcome {
            assert_eq!(stored_seq(t, &ids[i]), Some(head.seq), "{}", ids[i]);
        }
    }
    assert_eq!(group.failed_groups(), 1);
    let after = group
        .submit_record(&typical_record("after", T0))
        .wait()
        .expect("the committer goes on after a failed group");
    let written = 1 + ids.len() - failed.len() + 1;
    assert_eq!(after.seq, written as i64);
    drop(group);
    let v = t.store.verify().expect("the chain is intact");
    assert_eq!(v.entries, written as u64);
}

/// Dropping the `GroupCommit` commits everything queued before the thread stops.
fn drop_commits_the_queue(t: &TestStore) {
    let group = group_commit(t);
    let lock = WriteLock::take(t);
    let tickets: Vec<_> = (0..100)
        .map(|i| group.submit_record(&typical_record(&format!("d-{i}"), T0)))
        .collect();
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        lock.release();
    });
    drop(group);
    releaser.join().expect("releaser");
    let seqs: Vec<i64> = tickets
        .into_iter()
        .map(|t| t.wait().expect("committed before the drop returned").seq)
        .collect();
    assert_eq!(seqs, (1..=100).collect::<Vec<_>>());
    assert_eq!(t.store.verify().expect("verify").entries, 100);
}

/// A record that cannot be prepared is refused on its own ticket; the others commit.
fn invalid_record_is_refused_alone(t: &TestStore) {
    let group = group_commit(t);
    let mut bad = typical_record("nan", T0);
    bad.candidates[1].score = f64::NAN;
    let bad = group.submit_record(&bad);
    let good = group.submit_record(&typical_record("ok", T0));
    assert!(matches!(bad.wait(), Err(AuditError::Invalid(_))));
    assert_eq!(good.wait().expect("commit").seq, 1);
    assert_eq!(group.records(), 1);
}

#[test]
fn prepared_records_are_accepted() {
    let t = TestStore::sqlite();
    let group = group_commit(&t);
    let prepared = AuditStore::prepare(&typical_record("p", T0)).expect("prepare");
    assert_eq!(group.submit(prepared).wait().expect("commit").seq, 1);
    assert_eq!((group.groups(), group.records()), (1, 1));
}

backend_tests!(
    concurrent_writers_share_transactions,
    queued_records_keep_submission_order,
    failed_group_reaches_every_waiter,
    drop_commits_the_queue,
    invalid_record_is_refused_alone,
);
