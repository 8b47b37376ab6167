//! `zeef export --format ftm`: entities as FollowTheMoney JSON lines on stdout, each followed
//! by a `Passport` or `Identification` line per number with an issuing country.

use crate::cli::ExportArgs;
use crate::data::load;
use anyhow::{Result, bail};
use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::process::ExitCode;
use zeef_lists::DataDir;
use zeef_lists::parse::ftm::write_entity;

pub fn run(data: &DataDir, a: ExportArgs) -> Result<ExitCode> {
    // FtM JSON lines is the one format (`ExportFormat::Ftm`).
    let crate::cli::ExportFormat::Ftm = a.format;
    let snap = load(data, a.snapshot.as_deref())?;
    if let Some(wanted) = &a.source {
        for w in wanted {
            if snap.manifest.source(w).is_none() {
                let known: Vec<&str> = snap
                    .manifest
                    .sources
                    .iter()
                    .map(|s| s.source.as_str())
                    .collect();
                bail!(
                    "no source {w:?} in snapshot {} (it has: {})",
                    snap.manifest.id,
                    known.join(", ")
                );
            }
        }
    }
    let selected: Vec<_> = snap
        .entities
        .into_iter()
        .filter(|e| {
            a.source
                .as_ref()
                .is_none_or(|w| w.contains(&e.provenance.source))
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if a.resolved {
        let resolved = crate::cmd::resolve::current(data, &snap.manifest.id)?;
        let by_id: HashMap<&str, &zeef_model::Entity> =
            selected.iter().map(|e| (e.id.as_str(), e)).collect();
        for c in &resolved.clusters {
            let members: Vec<&zeef_model::Entity> = c
                .referents
                .iter()
                .filter_map(|r| by_id.get(r.as_str()).copied())
                .collect();
            if members.is_empty() {
                continue;
            }
            let merged = zeef_resolve::merged::merged_ftm(&c.id, &members);
            write_entity(&mut out, &merged)?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    for e in &selected {
        write_entity(&mut out, &e.to_ftm())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
