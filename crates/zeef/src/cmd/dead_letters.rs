//! `zeef dead-letters`: what zeef could not process on NATS, with the reason.

use crate::cli::DeadLettersArgs;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(a: DeadLettersArgs) -> Result<ExitCode> {
    let (runtime, nats) = zeef_nats::connect_blocking(&a.nats)?;
    let letters = runtime.block_on(nats.dead_letters())?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&letters)?);
        return Ok(ExitCode::SUCCESS);
    }
    if letters.is_empty() {
        eprintln!("no dead letters at {}", nats.url());
    }
    for d in &letters {
        println!(
            "#{} {} (from {}{}{}): {}",
            d.sequence,
            d.subject,
            d.origin_subject,
            d.job
                .as_deref()
                .map(|j| format!(", job {j}"))
                .unwrap_or_default(),
            d.deliveries
                .map(|n| format!(", delivered {n}×"))
                .unwrap_or_default(),
            d.reason
        );
    }
    Ok(ExitCode::SUCCESS)
}
