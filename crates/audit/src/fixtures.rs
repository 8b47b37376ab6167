//! Fictional screening records for tests, the crash-test writer and benchmarks.
//! The names, ids and hashes are made up; no list data is used.

use std::sync::Arc;

use serde_json::json;
use time::OffsetDateTime;

use crate::canonical::fingerprint;
use crate::record::{Algorithm, Candidate, ListSnapshot, ScreeningRecord, SourceVersion, Subject};

/// A fictional listed entity's JSON (FollowTheMoney-like).
pub fn listed_entity(entity_id: &str, name: &str, aliases: &[&str]) -> serde_json::Value {
    json!({
        "id": entity_id,
        "schema": "Person",
        "properties": {"name": [name], "alias": aliases, "birthDate": ["1961-03-04"], "nationality": ["zz"]}
    })
}

/// A candidate built from a listed entity's JSON (fingerprint computed from it).
pub fn candidate(entity: serde_json::Value, score: f64, threshold: f64) -> Candidate {
    let entity_id = entity
        .get("id")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_owned();
    let caption = entity
        .pointer("/properties/name/0")
        .and_then(|v| v.as_str())
        .unwrap_or("")
        .to_owned();
    Candidate {
        entity_fingerprint: fingerprint(&entity),
        explanation: json!({"name": {"score": score, "method": "token-jaro"}, "birth_date": "partial"}),
        entity_id,
        caption,
        score,
        is_match: score >= threshold,
        entity,
        resolved_id: None,
        referents: Vec::new(),
    }
}

/// A screening record of a fictional customer against two fictional lists.
pub fn record(subject_id: &str, at: OffsetDateTime, candidates: Vec<Candidate>) -> ScreeningRecord {
    ScreeningRecord {
        subject: Subject::new(
            subject_id,
            json!({"name": "Jon Averley", "birthDate": "1961-03-04", "country": "zz"}),
        ),
        screened_at: at,
        snapshot: Arc::new(ListSnapshot {
            id: "snap-2026-05-01".into(),
            sources: vec![
                SourceVersion {
                    source: "fictional_un".into(),
                    sha256: "1f".repeat(32),
                    list_date: Some("2026-04-30".into()),
                },
                SourceVersion {
                    source: "fictional_eu".into(),
                    sha256: "2e".repeat(32),
                    list_date: None,
                },
            ],
        }),
        algorithm: Arc::new(Algorithm {
            name: "zeef-match".into(),
            version: "0.1.0".into(),
            threshold: 0.8,
        }),
        candidates,
    }
}

/// A typical record: one match and two candidates below the threshold.
pub fn typical_record(subject_id: &str, at: OffsetDateTime) -> ScreeningRecord {
    record(
        subject_id,
        at,
        vec![
            candidate(
                listed_entity("fx-101", "Jon Averly", &["J. Averly"]),
                0.91,
                0.8,
            ),
            candidate(listed_entity("fx-202", "Joan Everly", &[]), 0.62, 0.8),
            candidate(
                listed_entity("fx-303", "John Avery", &["Johnny Avery"]),
                0.55,
                0.8,
            ),
        ],
    )
}

/// Fills a store with a small fictional story for sample reports: three customers, a false
/// positive, an alert that returned because the listed entity gained an alias, an escalation,
/// a confirmed match and a note full of characters that need escaping.
pub fn populate_sample(store: &crate::AuditStore) -> crate::Result<()> {
    use crate::{DecisionInput, Verdict};
    use time::macros::datetime;

    store.append(&typical_record(
        "CUST-000117",
        datetime!(2026-04-02 08:15:00 UTC),
    ))?;
    store.decide(
        DecisionInput::new(
            "CUST-000117",
            "fx-101",
            Verdict::FalsePositive,
            "a.martens",
            "Different person: customer born 1961-03-04 in <Lisbon>, listed person \"J. Averly\" & family differ.",
        )
        .at(datetime!(2026-04-02 10:02:00 UTC)),
    )?;
    let mut again = typical_record("CUST-000117", datetime!(2026-04-20 08:15:00 UTC));
    again.candidates[0] = candidate(
        listed_entity("fx-101", "Jon Averly", &["J. Averly", "Jonas Averli"]),
        0.92,
        0.8,
    );
    store.append(&again)?;

    let mut hit = record(
        "CUST-000342",
        datetime!(2026-04-03 08:15:00 UTC),
        vec![
            candidate(
                listed_entity("fx-404", "Mira Tolkova", &["Mira Tolkowa"]),
                0.97,
                0.8,
            ),
            candidate(listed_entity("fx-405", "Mirra Tolkov", &[]), 0.83, 0.8),
        ],
    );
    hit.subject.fields =
        serde_json::json!({"name": "Mira Tolkova", "birthDate": "1975-11-30", "country": "zz"});
    store.append(&hit)?;
    store.decide(
        DecisionInput::new(
            "CUST-000342",
            "fx-404",
            Verdict::Match,
            "k.osei",
            "Name, birth date and passport match. Account frozen, reported.",
        )
        .at(datetime!(2026-04-03 11:40:00 UTC)),
    )?;
    store.decide(
        DecisionInput::new(
            "CUST-000342",
            "fx-405",
            Verdict::Escalate,
            "k.osei",
            "Possible relative; needs second-line review.",
        )
        .at(datetime!(2026-04-03 11:45:00 UTC)),
    )?;

    store.append(&record(
        "CUST-000500",
        datetime!(2026-04-05 08:15:00 UTC),
        vec![],
    ))?;
    Ok(())
}
