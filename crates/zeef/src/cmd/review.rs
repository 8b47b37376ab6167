//! `zeef review`: the alerts waiting for a reviewer, and `zeef review decide` to record a
//! decision on one (match, false positive or escalate) as a new entry of the hash chain.

use crate::cli::{DecideArgs, ReviewAction, ReviewArgs};
use crate::output::table;
use crate::recording::{open_existing, open_for_writing};
use anyhow::{Result, bail};
use serde_json::json;
use std::process::ExitCode;
use zeef_audit::{AuditError, DecisionInput, OpenAlert, OpenReason, Verdict};
use zeef_lists::DataDir;

pub fn run(data: &DataDir, a: ReviewArgs) -> Result<ExitCode> {
    let database = a.store.database.as_deref();
    match a.action {
        Some(ReviewAction::Decide(d)) => decide(&open_for_writing(data, database)?, d),
        None => list(&open_existing(data, database)?, a.json),
    }
}

fn list(store: &zeef_audit::AuditStore, as_json: bool) -> Result<ExitCode> {
    let open = store.open_alerts()?;
    if as_json {
        println!("{}", serde_json::to_string_pretty(&open)?);
        return Ok(ExitCode::SUCCESS);
    }
    if open.is_empty() {
        println!("No open alerts.");
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = open
        .iter()
        .map(|o| {
            vec![
                o.subject_id.clone(),
                o.entity_id.clone(),
                o.caption.clone(),
                format!("{:.2}", o.score),
                day(&zeef_audit::format_time(o.screened_at)).to_string(),
                state(o),
            ]
        })
        .collect();
    print!(
        "{}",
        table(
            &[
                "SUBJECT",
                "ENTITY",
                "LISTED NAME",
                "SCORE",
                "SCREENED",
                "STATE"
            ],
            &rows
        )
    );
    println!(
        "\n{} open alert(s). Decide one with: zeef review decide --subject ID --entity ENTITY_ID --decision match|false-positive|escalate --reviewer NAME [--note TEXT]",
        open.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The state column: undecided, escalated, or returned with what changed.
fn state(o: &OpenAlert) -> String {
    match &o.reason {
        OpenReason::Undecided => "undecided".into(),
        OpenReason::Escalated { decision } => format!(
            "escalated by {} on {}",
            decision.reviewer,
            day(&zeef_audit::format_time(decision.decided_at))
        ),
        OpenReason::Returned { decision, changes } => format!(
            "returned (false positive by {} on {}; since then {})",
            decision.reviewer,
            day(&zeef_audit::format_time(decision.decided_at)),
            changes
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

fn day(stamp: &str) -> &str {
    stamp.split('T').next().unwrap_or(stamp)
}

fn decide(store: &zeef_audit::AuditStore, d: DecideArgs) -> Result<ExitCode> {
    let verdict: Verdict = d.decision.parse()?;
    if d.reviewer.trim().is_empty() {
        bail!("--reviewer: a reviewer must be named");
    }
    let input = DecisionInput::new(&d.subject, &d.entity, verdict, d.reviewer.trim(), &d.note);
    let stored = match store.decide(input) {
        Ok(s) => s,
        Err(AuditError::UnknownAlert { .. }) => bail!(
            "subject {:?} has no recorded screening listing {:?} as a candidate (see zeef review for the open alerts)",
            d.subject,
            d.entity
        ),
        Err(e) => return Err(e.into()),
    };
    if d.json {
        let out = json!({"seq": stored.seq, "hash": stored.hash, "decision": stored.decision});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "Recorded: {} on {} / {} by {} (entry #{} {}).",
            verdict, d.subject, d.entity, stored.decision.reviewer, stored.seq, stored.hash
        );
    }
    Ok(ExitCode::SUCCESS)
}
