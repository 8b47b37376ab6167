//! zeef's audit store: what was screened, against which list versions, what was found, and
//! who decided what and why — kept tamper-evident and turned into reports.
//!
//! # Use
//! ```no_run
//! use zeef_audit::{AuditStore, DecisionInput, Verdict};
//! # fn main() -> zeef_audit::Result<()> {
//! let store = AuditStore::open("/var/lib/zeef/audit.sqlite")?; // or "postgres://user@host/db"
//! # let records: Vec<zeef_audit::ScreeningRecord> = Vec::new();
//! store.append_batch(&records)?;                 // one transaction; acknowledged after commit
//! for alert in store.open_alerts()? {
//!     store.decide(DecisionInput::new(&alert.subject_id, &alert.entity_id,
//!         Verdict::FalsePositive, "a.reviewer", "different birth date"))?;
//! }
//! let verified = store.verify()?;               // Err(ChainBroken) names the first bad entry
//! println!("{} entries, head {:?}", verified.entries, store.head()?);
//! # Ok(()) }
//! ```
//!
//! # Model
//! - [`ScreeningRecord`]: subject (caller's id + fields JSON), time, list snapshot and each
//!   source's version, algorithm + threshold, every candidate with score, explanation and the
//!   listed entity's fingerprint and JSON.
//! - [`Decision`]: a reviewer's [`Verdict`] on a (subject, entity) pair, with both sides'
//!   fingerprints and JSON as seen then.
//! - Both are entries of one SHA-256 hash chain (see [`entry`] for the exact hashing);
//!   [`AuditStore::verify`] names the first entry changed, removed or inserted.
//! - What a run's records share (list snapshot, each source's sha256 and list date,
//!   algorithm, threshold) is stored once as a *snapshot block*, which each record names by
//!   its SHA-256; the record's hash covers that name, and `verify` checks every block against
//!   it (an edited or removed block is named in the [`ChainBreak`]).
//! - [`AuditStore::purge`] removes personal data past retention; hashes stay, so the chain
//!   still verifies and counts the purged entries.
//! - [`AuditStore::suppression`] says whether a false positive still holds or which side
//!   changed ([`Change`]); [`AuditStore::open_alerts`] lists what needs a reviewer.
//! - [`AuditStore::report`] gives a [`Report`], rendered to JSON, Markdown or HTML.
//!
//! Backends: SQLite (file, WAL, `synchronous=FULL`) and PostgreSQL, same schema and SQL
//! (tables `zeef_audit_entries`, `zeef_audit_contexts` (snapshot blocks) and
//! `zeef_audit_lock`, created on open; PostgreSQL takes records by binary `COPY`). Every write
//! is acknowledged only after its transaction committed; several processes may write at once.
//! Stores written before snapshot blocks existed (each record holding its list versions
//! inline) still open, read and verify, and take new records.
//!
//! # Wiring (for the CLI and the server)
//! - `--record` / batch screening: [`AuditStore::prepare`] each record on the thread that
//!   screened it (canonical JSON and hashes), collect them in chunks (e.g. 512) and call
//!   [`AuditStore::append_prepared`] per chunk from a writer thread fed by a channel, so the
//!   commit overlaps screening. One commit per chunk keeps recording cheap; one
//!   [`AuditStore::append`] per record costs an fsync each.
//! - Many writers recording one record at a time (server threads, scale-out workers in one
//!   process): share one [`GroupCommit`]. Each writer submits its record and waits on the
//!   [`Ticket`]; a committer thread writes whatever is queued in one transaction, so the
//!   commits (and the server's work per commit) are shared, and each record is still
//!   acknowledged only after its commit.
//! - Before alerting on a candidate, ask [`AuditStore::suppression`]: `Suppressed` means a
//!   reviewer already cleared this pair and nothing changed since.
//! - `zeef review`: [`AuditStore::open_alerts`] then [`AuditStore::decide`].
//! - Four-eyes review: [`AuditStore::propose`] records a proposal (an entry of kind
//!   `proposal`, not in effect); [`AuditStore::approve`] by another reviewer appends the
//!   decision naming both (`reviewer` and `approved_by`); the proposer approving is refused
//!   ([`AuditError::SameReviewer`]). [`AuditStore::pending_proposals`] lists what waits.
//! - `zeef audit`: [`AuditStore::verify`] (and [`AuditStore::verify_against`] with a head
//!   written down earlier); print [`AuditStore::head`] for the record.
//! - `zeef report`: [`AuditStore::report`], then [`Report::to_html`], [`Report::to_markdown`]
//!   or [`Report::to_json`].
//! - Retention: [`AuditStore::purge`].
//! - Subject fingerprints: [`fingerprint`] of the subject's fields JSON (what
//!   [`Subject::fingerprint`] computes when a record is appended).

mod alerts;
mod backend;
mod canonical;
mod decision;
mod diff;
pub mod entry;
mod entry_kind;
mod error;
/// Fictional records for tests, examples and the crash-test writer (the `test-support`
/// feature).
#[cfg(any(test, feature = "test-support"))]
pub mod fixtures;
mod group;
mod record;
mod report;
mod stamp;
mod store;
mod verify;

pub use alerts::{OpenAlert, OpenReason, SuppressionQuery, SuppressionState};
pub use canonical::{canonical_json, fingerprint, sha256_hex};
pub use decision::{Decision, DecisionInput, Verdict, same_person};
pub use diff::{Change, Side};
pub use entry::{ChainHead, EntryKind, PreparedRecord, StoredDecision, StoredRecord};
pub use error::{AuditError, BreakKind, ChainBreak, Result};
pub use group::{GroupCommit, Ticket};
pub use record::{Algorithm, Candidate, ListSnapshot, ScreeningRecord, SourceVersion, Subject};
pub use report::{DecisionLine, Found, Report, Screening, SubjectReport, Summary};
pub use stamp::{format as format_time, now, parse as parse_time};
pub use store::AuditStore;
pub use verify::Verified;
