//! `zeef audit verify | head | purge`: check the audit trail's hash chain (optionally against a
//! head written down earlier), print its head, and remove personal data past retention.

use crate::cli::{AuditAction, AuditArgs, PurgeArgs, VerifyArgs};
use crate::recording::{open_existing, parse_when};
use anyhow::{Context, Result, bail};
use serde_json::{Value, json};
use std::process::ExitCode;
use zeef_audit::{AuditError, AuditStore, ChainHead};
use zeef_lists::DataDir;

/// Exit code of `verify` when the chain is broken (1 is any other failure).
const BROKEN: u8 = 2;

pub fn run(data: &DataDir, a: AuditArgs) -> Result<ExitCode> {
    let store = open_existing(data, a.store.database.as_deref())?;
    match a.action {
        AuditAction::Verify(v) => verify(&store, v),
        AuditAction::Head(j) => head(&store, j.json),
        AuditAction::Purge(p) => purge(&store, p),
    }
}

fn verify(store: &AuditStore, v: VerifyArgs) -> Result<ExitCode> {
    let expected = match (&v.head, &v.head_file) {
        (Some(text), _) => Some(parse_head(text).context("--head")?),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            Some(parse_head(&text).with_context(|| format!("{}", path.display()))?)
        }
        (None, None) => None,
    };
    let result = match &expected {
        Some(h) => store.verify_against(h),
        None => store.verify(),
    };
    match result {
        Ok(done) => {
            if v.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&json!({"ok": true, "verified": done}))?
                );
            } else {
                let head = done
                    .head
                    .as_ref()
                    .map_or("none (empty store)".to_string(), |h| h.to_string());
                println!(
                    "OK: {} entries ({} screening records, {} decisions, {} purged) form an unbroken chain; head {head}.",
                    done.entries, done.records, done.decisions, done.purged
                );
                if done.snapshot_blocks > 0 {
                    println!(
                        "The records name {} list snapshot block(s) (list versions, algorithm, threshold), each matching its hash.",
                        done.snapshot_blocks
                    );
                }
                if let Some(h) = &expected {
                    println!("The head written down (#{}) is still in place.", h.seq);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(AuditError::ChainBroken(b)) => {
            if v.json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&json!({"ok": false, "break": b}))?
                );
            }
            eprintln!("BROKEN: audit chain: {b}");
            Ok(ExitCode::from(BROKEN))
        }
        Err(e) => Err(e.into()),
    }
}

/// A head as `zeef audit head` prints it (`#12 abc…`, `12 abc…`, `12:abc…`) or its JSON.
fn parse_head(text: &str) -> Result<ChainHead> {
    let text = text.trim();
    if text.starts_with('{') {
        let v: Value = serde_json::from_str(text).context("not valid JSON")?;
        let head = v.get("head").unwrap_or(&v);
        return serde_json::from_value(head.clone())
            .context("expected {\"seq\": N, \"hash\": \"...\"}");
    }
    let mut parts = text
        .split(|c: char| c.is_whitespace() || c == ':')
        .filter(|p| !p.is_empty());
    let (Some(seq), Some(hash)) = (parts.next(), parts.next()) else {
        bail!("expected a head as `zeef audit head` prints it: SEQ HASH, got {text:?}");
    };
    let seq: i64 = seq
        .trim_start_matches('#')
        .parse()
        .with_context(|| format!("{seq:?} is not a sequence number"))?;
    if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
        bail!("{hash:?} is not a SHA-256 hash (64 hex digits)");
    }
    Ok(ChainHead {
        seq,
        hash: hash.to_ascii_lowercase(),
    })
}

fn head(store: &AuditStore, as_json: bool) -> Result<ExitCode> {
    let head = store.head()?;
    match (head, as_json) {
        (Some(h), true) => println!("{}", serde_json::to_string_pretty(&h)?),
        (None, true) => println!("null"),
        (Some(h), false) => println!("{} {}", h.seq, h.hash),
        (None, false) => println!("The audit store is empty."),
    }
    Ok(ExitCode::SUCCESS)
}

fn purge(store: &AuditStore, p: PurgeArgs) -> Result<ExitCode> {
    let before = parse_when("--before", &p.before)?;
    let purged = store.purge(before.date())?;
    if p.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"purged": purged, "before": p.before}))?
        );
    } else {
        println!(
            "Purged the personal data of {purged} entries dated before {} (hashes kept: `zeef audit verify` still checks them).",
            before.date()
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_parse_in_every_printed_form() {
        let hash = "ab".repeat(32);
        for text in [
            format!("12 {hash}"),
            format!("#12 {hash}\n"),
            format!("12:{hash}"),
            format!("{{\"seq\": 12, \"hash\": \"{hash}\"}}"),
        ] {
            let h = parse_head(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!((h.seq, h.hash.as_str()), (12, hash.as_str()));
        }
        assert!(parse_head("12").is_err());
        assert!(parse_head("x abc").is_err());
        assert!(parse_head("12 abc").is_err());
    }
}
