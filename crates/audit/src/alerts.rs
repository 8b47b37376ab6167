//! Open alerts and suppression: which matches still need a reviewer, and whether a
//! false-positive decision still holds for what is screened now.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::decision::{Decision, Verdict};
use crate::diff::{Change, Side, diff};
use crate::entry::{StoredDecision, StoredRecord};
use crate::record::Candidate;

/// Why an alert is open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum OpenReason {
    /// No reviewer has decided it.
    Undecided,
    /// Escalated: waiting for a final decision.
    Escalated { decision: Decision },
    /// Decided false positive, but the subject or the listed entity changed since.
    Returned {
        decision: Decision,
        changes: Vec<Change>,
    },
}

/// A match in a subject's latest screening that needs a reviewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenAlert {
    pub subject_id: String,
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    /// The screening record the alert comes from.
    pub record_seq: i64,
    #[serde(with = "crate::stamp::serde_fixed")]
    pub screened_at: time::OffsetDateTime,
    pub reason: OpenReason,
}

/// What to check for suppression: the pair as it is screened now.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SuppressionQuery<'a> {
    pub subject_id: &'a str,
    /// `zeef_audit::fingerprint(&fields)` of the subject as screened now.
    pub subject_fingerprint: &'a str,
    /// The subject's fields now, to tell what changed (optional: without it a subject change
    /// is reported without details).
    pub subject_fields: Option<&'a Value>,
    pub entity_id: &'a str,
    pub entity_fingerprint: &'a str,
    /// The listed entity's JSON now.
    pub entity: &'a Value,
}

/// Whether a candidate can be left out of the alerts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum SuppressionState {
    /// Nobody decided on this pair.
    Undecided,
    /// Decided false positive and neither side changed: do not alert again.
    Suppressed { decision: Decision },
    /// Decided false positive, but something changed: alert again and say what.
    Returned {
        decision: Decision,
        changes: Vec<Change>,
    },
    /// The latest decision is `match` or `escalate`: the alert stands.
    Standing { decision: Decision },
}

/// What changed between a decision and the pair as seen now; empty when nothing did.
pub(crate) fn changes_since(
    decision: &Decision,
    subject_fingerprint: &str,
    subject_fields: Option<&Value>,
    entity_fingerprint: &str,
    entity: Option<&Value>,
) -> Vec<Change> {
    let mut changes = Vec::new();
    if decision.subject_fingerprint != subject_fingerprint {
        changes.extend(side_changes(
            Side::Subject,
            &decision.subject_fields,
            subject_fields,
        ));
    }
    if decision.entity_fingerprint != entity_fingerprint {
        changes.extend(side_changes(Side::Entity, &decision.entity, entity));
    }
    changes
}

fn side_changes(side: Side, before: &Value, after: Option<&Value>) -> Vec<Change> {
    let found = match after {
        Some(after) if !before.is_null() && !after.is_null() => diff(side, before, after),
        _ => Vec::new(),
    };
    // The fingerprint differs even when the kept JSON shows no difference (purged, or the
    // fingerprint covers more than the JSON given): still a change.
    if found.is_empty() {
        vec![Change::unknown(side)]
    } else {
        found
    }
}

/// The suppression state of a pair, given its latest decision.
pub(crate) fn suppression_state(
    latest: Option<StoredDecision>,
    q: &SuppressionQuery<'_>,
) -> SuppressionState {
    let Some(stored) = latest else {
        return SuppressionState::Undecided;
    };
    let decision = stored.decision;
    if decision.verdict != Verdict::FalsePositive {
        return SuppressionState::Standing { decision };
    }
    let changes = changes_since(
        &decision,
        q.subject_fingerprint,
        q.subject_fields,
        q.entity_fingerprint,
        Some(q.entity),
    );
    if changes.is_empty() {
        SuppressionState::Suppressed { decision }
    } else {
        SuppressionState::Returned { decision, changes }
    }
}

/// The open alerts of one screening record, given the latest decision per entity.
pub(crate) fn open_in_record(
    record: &StoredRecord,
    latest_decision: impl Fn(&str) -> Option<Decision>,
) -> Vec<OpenAlert> {
    record
        .record
        .matches()
        .filter_map(|c| {
            let reason = open_reason(record, c, latest_decision(&c.entity_id))?;
            Some(OpenAlert {
                subject_id: record.record.subject.id.clone(),
                entity_id: c.entity_id.clone(),
                caption: c.caption.clone(),
                score: c.score,
                record_seq: record.seq,
                screened_at: record.record.screened_at,
                reason,
            })
        })
        .collect()
}

/// `None` when the alert is closed by a decision that still holds.
fn open_reason(
    record: &StoredRecord,
    c: &Candidate,
    decision: Option<Decision>,
) -> Option<OpenReason> {
    let Some(decision) = decision else {
        return Some(OpenReason::Undecided);
    };
    match decision.verdict {
        Verdict::Match => None,
        Verdict::Escalate => Some(OpenReason::Escalated { decision }),
        Verdict::FalsePositive => {
            let fields = (!record.purged).then_some(&record.record.subject.fields);
            let entity = (!record.purged).then_some(&c.entity);
            let changes = changes_since(
                &decision,
                &record.subject_fingerprint,
                fields,
                &c.entity_fingerprint,
                entity,
            );
            (!changes.is_empty()).then_some(OpenReason::Returned { decision, changes })
        }
    }
}
