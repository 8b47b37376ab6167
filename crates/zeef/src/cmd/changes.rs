//! `zeef changes`: what changed between two snapshots: entities added, removed and amended,
//! with the values that came and went.

use crate::cli::ChangesArgs;
use crate::data::check_sources;
use crate::output::table;
use anyhow::{Result, bail};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_diff::{Change, ChangeKind, ignoring, version_changes};
use zeef_lists::{DataDir, Snapshot};

pub fn run(data: &DataDir, a: ChangesArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let (from, to) = snapshot_pair(data, a.from.as_deref(), a.to.as_deref())?;
    let (old, new) = (data.load(&from)?, data.load(&to)?);
    if let Some(sources) = &a.source {
        // A source may be in one snapshot only (new or dropped); it must be in one of them.
        for s in sources {
            if old.manifest.source(s).is_none() {
                check_sources(&new.manifest, Some(std::slice::from_ref(s)))?;
            }
        }
    }
    let pick = |snap: &Snapshot| -> Vec<zeef_model::Entity> {
        snap.entities
            .iter()
            .filter(|e| {
                a.source
                    .as_ref()
                    .is_none_or(|s| s.contains(&e.provenance.source))
            })
            .cloned()
            .collect()
    };
    let changes = ignoring(version_changes(&pick(&old), &pick(&new)), &a.ignore);
    let mut out = BufWriter::new(io::stdout().lock());
    if a.json {
        for c in &changes {
            serde_json::to_writer(&mut out, c)?;
            out.write_all(b"\n")?;
        }
    } else {
        write_readable(&mut out, &from, &to, &changes, a.limit)?;
    }
    out.flush()?;
    eprintln!(
        "{} changes from {from} to {to} in {:.2} s",
        changes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// The snapshots to compare: as given, else the two latest (`--from` alone: to the current).
pub fn snapshot_pair(
    data: &DataDir,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<(String, String)> {
    let to = resolve(data, to.unwrap_or("current"))?;
    let from = match from {
        Some(r) => resolve(data, r)?,
        None => {
            let ids: Vec<String> = data.snapshots()?.into_iter().map(|m| m.id).collect();
            match ids.iter().rev().find(|id| **id < to) {
                Some(id) => id.clone(),
                None => bail!(
                    "no snapshot older than {to} in {} to compare with (zeef snapshots lists them)",
                    data.root().display()
                ),
            }
        }
    };
    if from == to {
        bail!("--from and --to are the same snapshot ({from})");
    }
    Ok((from, to))
}

/// A snapshot reference as `DataDir::resolve` reads it, except that an exact id wins over a
/// prefix (`20261128T040652Z` is also a prefix of `20261128T040652Z-001`).
fn resolve(data: &DataDir, reference: &str) -> Result<String> {
    if !reference.is_empty()
        && !reference.contains(['/', '\\', '.'])
        && data.manifest(reference).is_ok()
    {
        return Ok(reference.to_string());
    }
    Ok(data.resolve(reference)?)
}

fn write_readable(
    out: &mut impl Write,
    from: &str,
    to: &str,
    changes: &[Change],
    limit: usize,
) -> Result<()> {
    writeln!(out, "Changes from snapshot {from} to {to}")?;
    let mut counts: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for c in changes {
        let slot = match c.change {
            ChangeKind::Added => 0,
            ChangeKind::Removed => 1,
            ChangeKind::Amended => 2,
        };
        counts.entry(c.source.as_str()).or_default()[slot] += 1;
    }
    let rows: Vec<Vec<String>> = counts
        .iter()
        .map(|(s, [a, r, m])| vec![s.to_string(), a.to_string(), r.to_string(), m.to_string()])
        .collect();
    if rows.is_empty() {
        writeln!(out, "no changes")?;
        return Ok(());
    }
    write!(
        out,
        "{}",
        table(&["source", "added", "removed", "amended"], &rows)
    )?;
    let shown = |n: usize| if limit == 0 { n } else { n.min(limit) };
    for kind in [ChangeKind::Added, ChangeKind::Removed, ChangeKind::Amended] {
        let of_kind: Vec<&Change> = changes.iter().filter(|c| c.change == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        writeln!(out, "\n{} ({}):", kind.as_str(), of_kind.len())?;
        if kind == ChangeKind::Amended {
            for c in of_kind.iter().take(shown(of_kind.len())) {
                writeln!(out, "{}  {}  {}", c.id, c.schema, c.caption)?;
                for d in &c.differences {
                    let mut line = format!("    {}:", d.property);
                    for v in &d.added {
                        line.push_str(&format!(" +{v:?}"));
                    }
                    for v in &d.removed {
                        line.push_str(&format!(" -{v:?}"));
                    }
                    writeln!(out, "{line}")?;
                }
            }
        } else {
            let rows: Vec<Vec<String>> = of_kind
                .iter()
                .take(shown(of_kind.len()))
                .map(|c| vec![c.id.clone(), c.schema.clone(), c.caption.clone()])
                .collect();
            write!(out, "{}", table(&["id", "schema", "name"], &rows))?;
        }
        if shown(of_kind.len()) < of_kind.len() {
            writeln!(
                out,
                "  ... and {} more (--limit 0 shows all, --json gives all)",
                of_kind.len() - shown(of_kind.len())
            )?;
        }
    }
    Ok(())
}
