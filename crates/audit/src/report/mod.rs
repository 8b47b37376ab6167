//! Audit reports: for a set of subjects and a period, which lists (and versions) they were
//! screened against and when, what was found, every decision with reviewer and note, and what
//! is still open. `Report` is plain serde data; `markdown` and `html` render it.

mod html;
mod markdown;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::alerts::OpenAlert;
use crate::decision::Verdict;
use crate::entry::{ChainHead, StoredDecision, StoredRecord};
use crate::record::{Algorithm, SourceVersion};
use crate::stamp;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    #[serde(with = "stamp::serde_fixed")]
    pub generated_at: OffsetDateTime,
    /// Screenings from `from` (inclusive) to `to` (exclusive).
    #[serde(with = "stamp::serde_fixed")]
    pub from: OffsetDateTime,
    #[serde(with = "stamp::serde_fixed")]
    pub to: OffsetDateTime,
    /// The chain head when the report was made: lets a reader check the store later.
    pub chain_head: Option<ChainHead>,
    pub summary: Summary,
    pub subjects: Vec<SubjectReport>,
}

/// Counts over the report's subjects and period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub subjects_screened: u64,
    pub screenings: u64,
    /// Distinct (subject, listed entity) pairs that were a match in some screening.
    pub alerts: u64,
    /// Alerts closed by a decision that still holds at the end of the period.
    pub decided: u64,
    /// Alerts still waiting for a reviewer at the end of the period.
    pub open: u64,
}

/// One subject's part of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SubjectReport {
    pub subject_id: String,
    pub screenings: Vec<Screening>,
    pub decisions: Vec<DecisionLine>,
    pub open: Vec<OpenAlert>,
}

/// One screening: when, against what, with what result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Screening {
    pub seq: i64,
    #[serde(with = "stamp::serde_fixed")]
    pub screened_at: OffsetDateTime,
    pub snapshot_id: String,
    pub sources: Vec<SourceVersion>,
    pub algorithm: Algorithm,
    /// Personal data of this screening was purged (the rest is still shown).
    pub purged: bool,
    pub found: Vec<Found>,
}

/// One candidate of a screening.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Found {
    pub entity_id: String,
    pub caption: String,
    pub score: f64,
    pub is_match: bool,
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecisionLine {
    pub seq: i64,
    #[serde(with = "stamp::serde_fixed")]
    pub decided_at: OffsetDateTime,
    pub entity_id: String,
    pub verdict: Verdict,
    pub reviewer: String,
    /// Empty once purged.
    pub note: String,
    pub purged: bool,
}

impl Report {
    /// Pretty-printed JSON.
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialization cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// A Markdown document.
    pub fn to_markdown(&self) -> String {
        markdown::render(self)
    }

    /// A self-contained, printable HTML document (inline CSS, no JavaScript).
    pub fn to_html(&self) -> String {
        html::render(self)
    }
}

pub(crate) fn build(
    subjects: &[String],
    from: OffsetDateTime,
    to: OffsetDateTime,
    records: Vec<StoredRecord>,
    decisions: Vec<StoredDecision>,
    open: Vec<OpenAlert>,
    chain_head: Option<ChainHead>,
) -> Report {
    let mut alert_pairs: BTreeSet<(String, String)> = BTreeSet::new();
    let mut screened: BTreeSet<String> = BTreeSet::new();
    for r in &records {
        screened.insert(r.record.subject.id.clone());
        for c in r.record.matches() {
            alert_pairs.insert((r.record.subject.id.clone(), c.entity_id.clone()));
        }
    }
    let subject_reports = subjects
        .iter()
        .map(|id| SubjectReport {
            subject_id: id.clone(),
            screenings: records
                .iter()
                .filter(|r| &r.record.subject.id == id)
                .map(screening)
                .collect(),
            decisions: decisions
                .iter()
                .filter(|d| &d.decision.subject_id == id)
                .map(decision_line)
                .collect(),
            open: open
                .iter()
                .filter(|a| &a.subject_id == id)
                .cloned()
                .collect(),
        })
        .collect();
    let alerts = alert_pairs.len() as u64;
    let open_count = open.len() as u64;
    Report {
        generated_at: stamp::now(),
        from: stamp::normalize(from),
        to: stamp::normalize(to),
        chain_head,
        summary: Summary {
            subjects_screened: screened.len() as u64,
            screenings: records.len() as u64,
            alerts,
            decided: alerts.saturating_sub(open_count),
            open: open_count,
        },
        subjects: subject_reports,
    }
}

fn screening(r: &StoredRecord) -> Screening {
    Screening {
        seq: r.seq,
        screened_at: r.record.screened_at,
        snapshot_id: r.record.snapshot.id.clone(),
        sources: r.record.snapshot.sources.clone(),
        algorithm: (*r.record.algorithm).clone(),
        purged: r.purged,
        found: r
            .record
            .candidates
            .iter()
            .map(|c| Found {
                entity_id: c.entity_id.clone(),
                caption: c.caption.clone(),
                score: c.score,
                is_match: c.is_match,
            })
            .collect(),
    }
}

fn decision_line(d: &StoredDecision) -> DecisionLine {
    DecisionLine {
        seq: d.seq,
        decided_at: d.decision.decided_at,
        entity_id: d.decision.entity_id.clone(),
        verdict: d.decision.verdict,
        reviewer: match &d.decision.approved_by {
            Some(approver) => format!("{} (approved by {approver})", d.decision.reviewer),
            None => d.decision.reviewer.clone(),
        },
        note: d.decision.note.clone(),
        purged: d.purged,
    }
}

/// How an open alert's state reads in a report.
pub(crate) fn open_state(a: &OpenAlert) -> (String, Vec<String>) {
    use crate::alerts::OpenReason;
    match &a.reason {
        OpenReason::Undecided => ("not yet decided".into(), Vec::new()),
        OpenReason::Escalated { decision } => (
            format!(
                "escalated by {} on {}",
                decision.reviewer,
                human_time(decision.decided_at)
            ),
            Vec::new(),
        ),
        OpenReason::Returned { decision, changes } => (
            format!(
                "returned: decided false positive by {} on {}, since changed",
                decision.reviewer,
                human_time(decision.decided_at)
            ),
            changes.iter().map(ToString::to_string).collect(),
        ),
    }
}

/// `2026-05-01 09:30:00 UTC`.
pub(crate) fn human_time(t: OffsetDateTime) -> String {
    let s = stamp::format(t);
    let (date, rest) = s.split_once('T').unwrap_or((&s, ""));
    format!("{date} {} UTC", rest.get(..8).unwrap_or(rest))
}
