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
    /// Where the candidate stands for a resolved entity: its record ids now (empty for a
    /// candidate that is one listed record, `entity_id`).
    pub referents: &'a [String],
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

/// A candidate as screened, to hold against the subject's decisions.
pub(crate) struct Screened<'a> {
    pub subject_fingerprint: &'a str,
    /// None where unknown (not given, or purged).
    pub subject_fields: Option<&'a Value>,
    pub entity_id: &'a str,
    pub entity_fingerprint: &'a str,
    /// None where purged.
    pub entity: Option<&'a Value>,
    /// The resolved entity's record ids (empty: the record `entity_id` alone).
    pub referents: &'a [String],
}

impl<'a> From<&SuppressionQuery<'a>> for Screened<'a> {
    fn from(q: &SuppressionQuery<'a>) -> Self {
        Screened {
            subject_fingerprint: q.subject_fingerprint,
            subject_fields: q.subject_fields,
            entity_id: q.entity_id,
            entity_fingerprint: q.entity_fingerprint,
            entity: Some(q.entity),
            referents: q.referents,
        }
    }
}

impl Screened<'_> {
    /// The listed records behind the candidate.
    fn records(&self) -> impl Iterator<Item = &str> {
        let own = self.referents.is_empty().then_some(self.entity_id);
        own.into_iter()
            .chain(self.referents.iter().map(String::as_str))
    }
}

/// The suppression state of a candidate, given the subject's decisions (the latest on each
/// entity id, oldest first). The decisions that count are those covering one of the
/// candidate's records (a decision on a resolved entity covers every record it had); the
/// newest of them sets the verdict. A false positive holds while the subject is as decided,
/// every record of the candidate is covered by a false positive given since the last match or
/// escalation (a listing that joined the entity since re-opens it), and the listing the
/// result is explained by is as the reviewer saw it.
pub(crate) fn suppression_state(
    decisions: &[StoredDecision],
    now: &Screened<'_>,
) -> SuppressionState {
    let relevant: Vec<&Decision> = decisions
        .iter()
        .map(|d| &d.decision)
        .filter(|d| {
            d.entity_id == now.entity_id || d.covered().any(|r| now.records().any(|x| x == r))
        })
        .collect();
    let Some(&newest) = relevant.last() else {
        return SuppressionState::Undecided;
    };
    if newest.verdict != Verdict::FalsePositive {
        return SuppressionState::Standing {
            decision: newest.clone(),
        };
    }
    // The false positives since the last match or escalation on any of its records.
    let standing = relevant
        .iter()
        .rposition(|d| d.verdict != Verdict::FalsePositive)
        .map_or(0, |at| at + 1);
    let cleared = &relevant[standing..];
    let mut changes = Vec::new();
    if newest.subject_fingerprint != now.subject_fingerprint {
        changes.extend(side_changes(
            Side::Subject,
            &newest.subject_fields,
            now.subject_fields,
        ));
    }
    let joined: Vec<String> = now
        .records()
        .filter(|r| !cleared.iter().any(|d| d.covered().any(|c| c == *r)))
        .map(str::to_string)
        .collect();
    // The listing the reviewer was shown, if it is the one the result is explained by now.
    let seen = cleared.iter().rev().find(|d| d.entity_id == now.entity_id);
    match seen {
        Some(d) if d.entity_fingerprint != now.entity_fingerprint => {
            changes.extend(side_changes(Side::Entity, &d.entity, now.entity));
        }
        Some(_) => {}
        // A resolved entity now explained by another of its listings than the one the
        // reviewer was shown: one of them changed.
        None if !now.referents.is_empty() && joined.is_empty() => changes.push(Change {
            side: Side::Entity,
            property: "record_id".into(),
            added: vec![now.entity_id.to_string()],
            removed: vec![newest.entity_id.clone()],
        }),
        // One listing of a resolved entity decided as a whole.
        None => {}
    }
    if !joined.is_empty() {
        changes.push(Change {
            side: Side::Entity,
            property: "listings".into(),
            added: joined,
            removed: Vec::new(),
        });
    }
    let decision = newest.clone();
    if changes.is_empty() {
        SuppressionState::Suppressed { decision }
    } else {
        SuppressionState::Returned { decision, changes }
    }
}

/// The open alerts of one screening record, given the subject's decisions (the latest on
/// each entity id, oldest first).
pub(crate) fn open_in_record(
    record: &StoredRecord,
    decisions: &[StoredDecision],
) -> Vec<OpenAlert> {
    record
        .record
        .matches()
        .filter_map(|c| {
            let reason = open_reason(record, c, decisions)?;
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
    decisions: &[StoredDecision],
) -> Option<OpenReason> {
    let now = Screened {
        subject_fingerprint: &record.subject_fingerprint,
        subject_fields: (!record.purged).then_some(&record.record.subject.fields),
        entity_id: &c.entity_id,
        entity_fingerprint: &c.entity_fingerprint,
        entity: (!record.purged).then_some(&c.entity),
        referents: &c.referents,
    };
    match suppression_state(decisions, &now) {
        SuppressionState::Undecided => Some(OpenReason::Undecided),
        SuppressionState::Standing { decision } => match decision.verdict {
            Verdict::Escalate => Some(OpenReason::Escalated { decision }),
            _ => None,
        },
        SuppressionState::Suppressed { .. } => None,
        SuppressionState::Returned { decision, changes } => {
            Some(OpenReason::Returned { decision, changes })
        }
    }
}

/// The latest decision on each entity id among `decisions` (oldest first), oldest first.
pub(crate) fn latest_per_entity(decisions: Vec<StoredDecision>) -> Vec<StoredDecision> {
    let mut latest: Vec<StoredDecision> = Vec::new();
    for d in decisions {
        latest.retain(|x| x.decision.entity_id != d.decision.entity_id);
        latest.push(d);
    }
    latest
}
