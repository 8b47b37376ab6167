//! Group commit: many writers, one transaction per group of records ([`GroupCommit`]).

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, SyncSender, TryRecvError};
use std::thread::JoinHandle;

use crate::entry::{ChainHead, PreparedRecord};
use crate::error::{AuditError, Result};
use crate::record::ScreeningRecord;
use crate::store::AuditStore;

/// A record waiting for the committer, and where to send its outcome.
type Job = (PreparedRecord, SyncSender<Result<ChainHead>>);

/// Counters shared with the committer thread.
#[derive(Debug, Default)]
struct Counters {
    groups: AtomicU64,
    records: AtomicU64,
    failed_groups: AtomicU64,
}

/// One committer thread writing queued records in groups, one transaction per group.
/// Share it between writer threads by reference or in an `Arc`.
///
/// Writers that each append one record and wait for it pay one commit (one WAL flush, one
/// turn at the chain's lock) per record. [`GroupCommit`] gives the store one committer
/// thread: writers [`submit`](GroupCommit::submit) records and [`wait`](Ticket::wait) on
/// their [`Ticket`]; the committer takes everything queued (up to a cap) and writes it with
/// one [`AuditStore::append_prepared`] transaction. While one group commits, the next one
/// queues, so the groups grow with the number of writers and no one waits on a timer.
///
/// - A ticket resolves only after its record's transaction committed; when that transaction
///   fails, every record of the group gets the error ([`AuditError::GroupFailed`]) and none
///   of them was written.
/// - Records from one submitter are written in the order it submitted them (one queue, taken
///   in order, and `append_prepared` keeps input order).
/// - Dropping the `GroupCommit` commits what is still queued, then joins the thread.
///
/// ```no_run
/// # use std::sync::Arc;
/// # use zeef_audit::{AuditStore, GroupCommit, ScreeningRecord};
/// # fn example(record: &ScreeningRecord) -> zeef_audit::Result<()> {
/// let store = Arc::new(AuditStore::open("postgres://zeef@db/zeef")?);
/// let group = GroupCommit::new(store);
/// // On any number of threads:
/// let head = group.submit(AuditStore::prepare(record)?).wait()?; // committed now
/// # Ok(()) }
/// # fn main() {}
/// ```
#[derive(Debug)]
pub struct GroupCommit {
    /// `None` once dropping: closing the queue tells the committer to finish.
    queue: Option<Sender<Job>>,
    committer: Option<JoinHandle<()>>,
    counters: Arc<Counters>,
    store: Arc<AuditStore>,
}

/// A submitted record's outcome, to [`wait`](Ticket::wait) for.
#[derive(Debug)]
#[must_use = "a record is acknowledged only by waiting on its ticket"]
pub struct Ticket {
    outcome: Receiver<Result<ChainHead>>,
}

impl Ticket {
    /// Blocks until the record's group committed (its place in the chain) or failed.
    pub fn wait(self) -> Result<ChainHead> {
        self.outcome
            .recv()
            .unwrap_or_else(|_| Err(AuditError::CommitterStopped))
    }

    /// A ticket that already holds its outcome.
    fn resolved(outcome: Result<ChainHead>) -> Self {
        let (tx, rx) = mpsc::sync_channel(1);
        // The receiver is right here: the send cannot fail.
        let _ = tx.send(outcome);
        Ticket { outcome: rx }
    }
}

impl GroupCommit {
    /// The most records one transaction takes by default.
    pub const DEFAULT_MAX_GROUP: usize = 1_000;

    /// Starts the committer thread for `store`, with groups of at most
    /// [`DEFAULT_MAX_GROUP`](Self::DEFAULT_MAX_GROUP) records.
    pub fn new(store: Arc<AuditStore>) -> Self {
        Self::with_max_group(store, Self::DEFAULT_MAX_GROUP)
    }

    /// Starts the committer thread for `store`, with groups of at most `max_group` records
    /// (at least one).
    pub fn with_max_group(store: Arc<AuditStore>, max_group: usize) -> Self {
        let (queue, jobs) = mpsc::channel::<Job>();
        let counters = Arc::new(Counters::default());
        let committer = {
            let (store, counters) = (store.clone(), counters.clone());
            std::thread::Builder::new()
                .name("zeef-audit-group-commit".into())
                .spawn(move || commit_groups(&store, &jobs, max_group.max(1), &counters))
                .ok()
        };
        // Without a thread, every ticket resolves to `CommitterStopped`.
        GroupCommit {
            queue: committer.is_some().then_some(queue),
            committer,
            counters,
            store,
        }
    }

    /// Queues a prepared record for the next group; wait on the ticket for its commit.
    pub fn submit(&self, record: PreparedRecord) -> Ticket {
        let (tx, rx) = mpsc::sync_channel(1);
        match &self.queue {
            Some(queue) if queue.send((record, tx)).is_ok() => Ticket { outcome: rx },
            _ => Ticket::resolved(Err(AuditError::CommitterStopped)),
        }
    }

    /// Prepares `record` on the caller's thread ([`AuditStore::prepare`]) and submits it; a
    /// record that cannot be prepared gets its error on the ticket and is not queued.
    pub fn submit_record(&self, record: &ScreeningRecord) -> Ticket {
        match AuditStore::prepare(record) {
            Ok(prepared) => self.submit(prepared),
            Err(e) => Ticket::resolved(Err(e)),
        }
    }

    /// Groups committed so far (one transaction each).
    pub fn groups(&self) -> u64 {
        self.counters.groups.load(Ordering::Relaxed)
    }

    /// Records committed so far.
    pub fn records(&self) -> u64 {
        self.counters.records.load(Ordering::Relaxed)
    }

    /// Groups whose transaction failed (each of their records got the error).
    pub fn failed_groups(&self) -> u64 {
        self.counters.failed_groups.load(Ordering::Relaxed)
    }

    /// The store written to.
    pub fn store(&self) -> &Arc<AuditStore> {
        &self.store
    }
}

impl Drop for GroupCommit {
    /// Commits what is queued, then stops the committer thread.
    fn drop(&mut self) {
        self.queue = None;
        if let Some(committer) = self.committer.take() {
            let _ = committer.join();
        }
    }
}

/// The committer: blocks for the first queued record, takes what else is queued (up to
/// `max_group`), writes it in one transaction and answers every ticket. Ends when the queue
/// is closed and empty.
fn commit_groups(store: &AuditStore, jobs: &Receiver<Job>, max_group: usize, counters: &Counters) {
    while let Ok(first) = jobs.recv() {
        let mut group = vec![first];
        while group.len() < max_group {
            match jobs.try_recv() {
                Ok(job) => group.push(job),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        let (records, waiters): (Vec<_>, Vec<_>) = group.into_iter().unzip();
        let n = records.len();
        match store.append_prepared(records) {
            Ok(heads) => {
                counters.groups.fetch_add(1, Ordering::Relaxed);
                counters.records.fetch_add(n as u64, Ordering::Relaxed);
                for (waiter, head) in waiters.into_iter().zip(heads) {
                    // A submitter that stopped waiting does not stop the others.
                    let _ = waiter.send(Ok(head));
                }
            }
            Err(e) => {
                counters.failed_groups.fetch_add(1, Ordering::Relaxed);
                let source = Arc::new(e);
                for waiter in waiters {
                    let _ = waiter.send(Err(AuditError::GroupFailed {
                        records: n,
                        source: source.clone(),
                    }));
                }
            }
        }
    }
}
