//! `zeef watch`: keeps a customer base screened as the lists change. The subjects are indexed
//! once; after each snapshot published to NATS, only what changed is screened, in reverse:
//! each added, amended or removed listing is matched against the subjects' index, which
//! finds the few subjects it could concern, and those are re-screened against the changes
//! exactly as `zeef rescreen` does. Subjects whose names are written in another script than
//! Latin are re-screened after every change: the index finds Latin-script listings from
//! them, not them from Latin-script listings, so reverse matching would miss some. Alerts that appeared, went or changed are appended as
//! JSON lines and published to `zeef.alerts.<change>`. The last snapshot handled is kept in
//! `DATA/watch/LAST_HANDLED`, so a restarted watch resumes where it stopped.

use crate::cli::{InputFormat, WatchArgs};
use anyhow::{Context, Result, bail};
use futures_util::StreamExt;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_diff::{AlertEvent, ChangeKind, Rescreener, version_changes};
use zeef_lists::{DataDir, Snapshot};
use zeef_matching::{Index, ScreenOptions};
use zeef_model::Entity;
use zeef_nats::Nats;
use zeef_subjects::{RowSource, RowTally};

/// Subjects found by a listing's reverse screening at or above this score are re-screened;
/// well below the alert threshold, so that the forward score decides.
const CANDIDATE_CUTOFF: f64 = 0.5;
/// Most subjects one changed listing can bring to re-screening.
const CANDIDATES_PER_LISTING: usize = 2000;

/// The customer base, indexed.
struct Subjects {
    /// Subject ids, by position in `index`.
    ids: Vec<String>,
    rows: Vec<usize>,
    entities: Vec<Entity>,
    index: Index,
    /// Positions of subjects re-screened after every change (names in other scripts).
    always: Vec<usize>,
}

/// One alert change, as written and published.
#[derive(Serialize)]
struct WatchEvent<'a> {
    snapshot: &'a str,
    previous_snapshot: &'a str,
    subject_id: &'a str,
    row: usize,
    #[serde(flatten)]
    event: &'a AlertEvent,
}

pub fn run(data: &DataDir, a: WatchArgs) -> Result<ExitCode> {
    let opts = a.filters.options()?;
    let started = Instant::now();
    let subjects = read_subjects(&a.subjects, a.input_format)?;
    eprintln!(
        "{}: {} subjects indexed in {:.1} s ({} with names in other scripts than Latin, re-screened after every change)",
        a.subjects,
        subjects.ids.len(),
        started.elapsed().as_secs_f64(),
        subjects.always.len()
    );
    let own = DataDir::new(data.root().join("watch"));
    std::fs::create_dir_all(own.root()).with_context(|| own.root().display().to_string())?;
    let (runtime, nats) = zeef_nats::connect_blocking(&a.nats)?;
    nats_ready(&runtime, &nats)?;
    let mut out: Box<dyn Write> = match a.output.as_deref() {
        None | Some("-") => Box::new(io::stdout()),
        Some(p) => Box::new(BufWriter::new(
            OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .with_context(|| format!("cannot open {p}"))?,
        )),
    };
    let last_file = own.root().join("LAST_HANDLED");
    let since = match a.since.clone() {
        Some(s) => Some(s),
        None => std::fs::read_to_string(&last_file)
            .ok()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
    };
    runtime.block_on(async {
        let mut baseline: Option<Snapshot> = match &since {
            Some(id) => {
                nats.download_snapshot(id, &own).await?;
                Some(own.load(id)?)
            }
            None => None,
        };
        if a.once {
            let id = nats.require_snapshot().await?;
            let Some(old) = &baseline else {
                bail!("--once needs --since: the snapshot the subjects were last screened against");
            };
            if old.manifest.id != id {
                nats.download_snapshot(&id, &own).await?;
                let new = own.load(&id)?;
                handle(&nats, old, &new, &subjects, &opts, &mut out).await?;
                std::fs::write(&last_file, &id)?;
            } else {
                eprintln!("snapshot {id} is the one the subjects were last screened against");
            }
            return Ok(());
        }
        let mut ids = nats.watch_snapshots().await?;
        eprintln!("watching the snapshots published at {}", nats.url());
        while let Some(id) = ids.next().await {
            if baseline.as_ref().is_some_and(|b| b.manifest.id == id) {
                continue;
            }
            nats.download_snapshot(&id, &own).await?;
            let new = own.load(&id)?;
            match &baseline {
                Some(old) => handle(&nats, old, &new, &subjects, &opts, &mut out).await?,
                None => eprintln!(
                    "snapshot {id}: the baseline (alerts are reported from the next snapshot on)"
                ),
            }
            std::fs::write(&last_file, &id)?;
            baseline = Some(new);
        }
        bail!("the watch on {} ended", nats.url())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// The alerts stream exists (made now if missing), so that subscribers can bind to it.
fn nats_ready(runtime: &tokio::runtime::Runtime, nats: &Nats) -> Result<()> {
    runtime.block_on(nats.alerts_stream())?;
    Ok(())
}

fn read_subjects(path: &str, format: Option<InputFormat>) -> Result<Subjects> {
    let file = File::open(path).with_context(|| format!("cannot open {path}"))?;
    let mut rows = match InputFormat::of(path, format) {
        InputFormat::Csv => RowSource::csv(file, path)?,
        InputFormat::Jsonl => RowSource::jsonl(file),
    };
    let (mut ids, mut numbers, mut entities) = (Vec::new(), Vec::new(), Vec::new());
    let mut tally = RowTally::default();
    loop {
        let chunk = rows.next_chunk(4096)?;
        if chunk.is_empty() {
            break;
        }
        for r in chunk {
            tally.count(&r);
            match r.query {
                Ok((mut entity, _)) => {
                    let id = r.id.unwrap_or_else(|| format!("row-{}", r.row));
                    entity.id = id.clone();
                    ids.push(id);
                    numbers.push(r.row);
                    entities.push(entity);
                }
                Err(e) => eprintln!("{path}: line {}: row {} skipped: {e}", r.line, r.row),
            }
        }
    }
    if entities.is_empty() {
        bail!("{path}: no subject to watch");
    }
    eprintln!("{path}: {}", tally.lines_summary(rows.input_lines()));
    let index = Index::build(entities.iter().cloned());
    // The index keeps its own order: positions are mapped back by id.
    let by_id: std::collections::HashMap<&str, usize> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    let order: Vec<usize> = (0..index.len())
        .map(|i| {
            index
                .id(i)
                .and_then(|id| by_id.get(id).copied())
                .unwrap_or(i)
        })
        .collect();
    let entities: Vec<Entity> = order.iter().map(|&i| entities[i].clone()).collect();
    let always = (0..entities.len())
        .filter(|&i| not_latin(&entities[i]))
        .collect();
    Ok(Subjects {
        ids: order.iter().map(|&i| ids[i].clone()).collect(),
        rows: order.iter().map(|&i| numbers[i]).collect(),
        entities,
        index,
        always,
    })
}

/// Whether a name of `e` has letters of another script than Latin.
fn not_latin(e: &Entity) -> bool {
    e.names()
        .any(|(_, n)| n.chars().any(|c| c.is_alphabetic() && c > '\u{024F}'))
}

/// Screens what changed from `old` to `new` against the subjects; writes and publishes the
/// alert changes.
async fn handle(
    nats: &Nats,
    old: &Snapshot,
    new: &Snapshot,
    subjects: &Subjects,
    opts: &ScreenOptions,
    out: &mut dyn Write,
) -> Result<()> {
    let started = Instant::now();
    let pick = |s: &Snapshot| -> Vec<Entity> {
        s.entities
            .iter()
            .filter(|e| {
                opts.sources
                    .as_ref()
                    .is_none_or(|s| s.contains(&e.provenance.source))
            })
            .cloned()
            .collect()
    };
    let (old_entities, new_entities) = (pick(old), pick(new));
    let changes = version_changes(&old_entities, &new_entities);
    let rescreener = Rescreener::new(&changes, &old_entities, &new_entities);
    let changed = changed_listings(&changes, &old_entities, &new_entities);
    let candidates = candidates(&changed, subjects);
    let rescreen_opts = ScreenOptions {
        sources: None,
        ..opts.clone()
    };
    let found: Vec<(usize, Vec<AlertEvent>)> = candidates
        .par_iter()
        .map(|&i| {
            (
                i,
                rescreener.rescreen(&subjects.entities[i], &rescreen_opts),
            )
        })
        .filter(|(_, events)| !events.is_empty())
        .collect();
    let (snapshot, previous) = (new.manifest.id.as_str(), old.manifest.id.as_str());
    let mut messages = Vec::new();
    let mut text = Vec::new();
    for (i, events) in &found {
        for event in events {
            let line = serde_json::to_vec(&WatchEvent {
                snapshot,
                previous_snapshot: previous,
                subject_id: &subjects.ids[*i],
                row: subjects.rows[*i],
                event,
            })?;
            let change = event.change.as_str();
            let id = format!(
                "{snapshot}.{}.{}.{change}",
                subjects.ids[*i], event.entity_id
            );
            text.extend_from_slice(&line);
            text.push(b'\n');
            messages.push((change.to_string(), id, line));
        }
    }
    nats.publish_alerts(&messages).await?;
    out.write_all(&text)?;
    out.flush()?;
    let count = |k: ChangeKind| changes.iter().filter(|c| c.change == k).count();
    let new_alerts = messages.iter().filter(|m| m.0 == "new_alert").count();
    let gone = messages.iter().filter(|m| m.0 == "alert_gone").count();
    eprintln!(
        "snapshot {snapshot} (from {previous}): {} added, {} removed, {} amended; {} of {} subjects near a change re-screened; {} alert changes ({new_alerts} new, {gone} gone) published to zeef.alerts.*; {:.2} s",
        count(ChangeKind::Added),
        count(ChangeKind::Removed),
        count(ChangeKind::Amended),
        candidates.len(),
        subjects.ids.len(),
        messages.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The listings that changed, in the versions that matter: added and amended ones as they
/// are now, removed and amended ones as they were.
fn changed_listings(changes: &[zeef_diff::Change], old: &[Entity], new: &[Entity]) -> Vec<Entity> {
    let kind: std::collections::HashMap<&str, ChangeKind> =
        changes.iter().map(|c| (c.id.as_str(), c.change)).collect();
    let now = new.iter().filter(|e| {
        matches!(
            kind.get(e.id.as_str()),
            Some(ChangeKind::Added | ChangeKind::Amended)
        )
    });
    let before = old.iter().filter(|e| {
        matches!(
            kind.get(e.id.as_str()),
            Some(ChangeKind::Removed | ChangeKind::Amended)
        )
    });
    now.chain(before).cloned().collect()
}

/// Positions of the subjects some changed listing could concern: the listing screened
/// against the subjects' index, with a low cut-off.
fn candidates(changed: &[Entity], subjects: &Subjects) -> Vec<usize> {
    let loose = ScreenOptions {
        threshold: 1.0,
        limit: CANDIDATES_PER_LISTING,
        include_below_threshold: true,
        cutoff: CANDIDATE_CUTOFF,
        ..ScreenOptions::default()
    };
    let found: Vec<Vec<usize>> = changed
        .par_iter()
        .map(|e| {
            subjects
                .index
                .screen(e, &loose)
                .into_iter()
                .map(|h| h.index)
                .collect()
        })
        .collect();
    let mut set: BTreeSet<usize> = found.into_iter().flatten().collect();
    set.extend(subjects.always.iter().copied());
    set.into_iter().collect()
}
