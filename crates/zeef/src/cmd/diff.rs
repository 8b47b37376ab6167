//! `zeef diff`: compare two regimes (sources or groups of sources) in one snapshot: who is
//! listed on one side only, and what differs between the records of those on both.

use crate::cli::DiffArgs;
use crate::data::{check_sources, load};
use crate::output::table;
use anyhow::{Result, bail};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_diff::{DiffRow, LinkOptions, describe, diff_regimes, link_clustered};
use zeef_lists::DataDir;
use zeef_model::Entity;

pub fn run(data: &DataDir, a: DiffArgs) -> Result<ExitCode> {
    if let Some(s) = a.left.iter().find(|s| a.right.contains(s)) {
        bail!("source {s:?} is on both sides; compare disjoint groups");
    }
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold must be between 0 and 1 (got {})", a.threshold);
    }
    let started = Instant::now();
    let snapshot = load(data, a.snapshot.as_deref())?;
    check_sources(&snapshot.manifest, Some(&a.left))?;
    check_sources(&snapshot.manifest, Some(&a.right))?;
    let side = |sources: &[String]| -> Vec<Entity> {
        snapshot
            .entities
            .iter()
            .filter(|e| sources.contains(&e.provenance.source))
            .cloned()
            .collect()
    };
    let (left, right) = (side(&a.left), side(&a.right));
    let opts = LinkOptions {
        threshold: a.threshold,
        use_references: !a.ignore_references,
        ..LinkOptions::default()
    };
    // The resolver's clusters link the two sides where they were made over this snapshot;
    // `--ignore-references` (matching alone) and an unresolved snapshot link here instead.
    let resolved = match a.ignore_references {
        true => None,
        false => zeef_resolve::ResolveDir::new(data.root())
            .load()?
            .filter(|r| r.snapshot.as_deref() == Some(snapshot.manifest.id.as_str())),
    };
    let report = match &resolved {
        Some(r) => {
            let entity_of = |id: &str| r.find(id).map(|c| c.id.clone());
            describe(
                &left,
                &right,
                &link_clustered(&left, &right, &entity_of, &opts),
            )
        }
        None => {
            if !a.ignore_references {
                eprintln!(
                    "notice: snapshot {} is not resolved (run `zeef resolve`); linking by references and matching here",
                    snapshot.manifest.id
                );
            }
            diff_regimes(&left, &right, &opts)
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if a.json {
        for row in &report.rows {
            serde_json::to_writer(&mut out, row)?;
            out.write_all(b"\n")?;
        }
    } else {
        write_readable(&mut out, &a, &snapshot.manifest.id, &report, a.limit)?;
    }
    out.flush()?;
    eprintln!(
        "compared in {:.2} s (snapshot {})",
        started.elapsed().as_secs_f64(),
        snapshot.manifest.id
    );
    Ok(ExitCode::SUCCESS)
}

fn write_readable(
    out: &mut impl Write,
    a: &DiffArgs,
    snapshot: &str,
    report: &zeef_diff::RegimeDiff,
    limit: usize,
) -> Result<()> {
    let s = &report.summary;
    let (l, r) = (a.left.join(","), a.right.join(","));
    writeln!(
        out,
        "{l} ({} entities) vs {r} ({} entities), snapshot {snapshot}",
        s.left, s.right
    )?;
    writeln!(
        out,
        "  linked: {} by reference, {} by matching (threshold {:.2}); {} of them differ in names, birth dates, identifiers or nationality",
        s.linked_by_reference, s.linked_by_match, a.threshold, s.linked_with_differences
    )?;
    writeln!(out, "  only on {l}: {}", s.left_only)?;
    writeln!(out, "  only on {r}: {}", s.right_only)?;
    let shown = |n: usize| if limit == 0 { n } else { n.min(limit) };
    let more = |out: &mut dyn Write, n: usize| -> io::Result<()> {
        if shown(n) < n {
            writeln!(
                out,
                "  ... and {} more (--limit 0 shows all, --json gives all)",
                n - shown(n)
            )?;
        }
        Ok(())
    };

    let left_only: Vec<&DiffRow> = report
        .rows
        .iter()
        .filter(|x| x.right_id.is_none())
        .collect();
    writeln!(out, "\nOn {l}, on no {r} list ({}):", left_only.len())?;
    let cells: Vec<Vec<String>> = left_only
        .iter()
        .take(shown(left_only.len()))
        .map(|x| {
            vec![
                x.left_id.clone().unwrap_or_default(),
                x.schema.clone(),
                x.left_caption.clone().unwrap_or_default(),
                match (&x.nearest_id, x.nearest_score) {
                    (Some(id), Some(sc)) => format!("{id} ({sc:.2})"),
                    _ => "-".into(),
                },
            ]
        })
        .collect();
    write!(
        out,
        "{}",
        table(&["id", "schema", "name", "nearest on the right"], &cells)
    )?;
    more(out, left_only.len())?;

    let right_only: Vec<&DiffRow> = report.rows.iter().filter(|x| x.left_id.is_none()).collect();
    writeln!(out, "\nOn {r}, on no {l} list ({}):", right_only.len())?;
    let cells: Vec<Vec<String>> = right_only
        .iter()
        .take(shown(right_only.len()))
        .map(|x| {
            vec![
                x.right_id.clone().unwrap_or_default(),
                x.schema.clone(),
                x.right_caption.clone().unwrap_or_default(),
            ]
        })
        .collect();
    write!(out, "{}", table(&["id", "schema", "name"], &cells))?;
    more(out, right_only.len())?;

    let differing: Vec<&DiffRow> = report
        .rows
        .iter()
        .filter(|x| x.left_id.is_some() && x.right_id.is_some())
        .filter(|x| x.differences.iter().any(|d| d.is_identity()))
        .collect();
    writeln!(
        out,
        "\nLinked, differing in names, birth dates, identifiers or nationality ({}):",
        differing.len()
    )?;
    for x in differing.iter().take(shown(differing.len())) {
        let method = x.method.map(|m| m.as_str()).unwrap_or_default();
        writeln!(
            out,
            "{} <-> {}  {} {:.2}  {}",
            x.left_id.as_deref().unwrap_or_default(),
            x.right_id.as_deref().unwrap_or_default(),
            method,
            x.score.unwrap_or_default(),
            x.left_caption.as_deref().unwrap_or_default()
        )?;
        for d in &x.differences {
            writeln!(
                out,
                "    {:<12} left only: {}  | right only: {}",
                d.property,
                list(&d.left),
                list(&d.right)
            )?;
        }
    }
    more(out, differing.len())?;
    Ok(())
}

/// Values joined for a table cell, `-` when there are none.
fn list(values: &[String]) -> String {
    if values.is_empty() {
        "-".into()
    } else {
        values.join("; ")
    }
}
