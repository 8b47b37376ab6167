//! `zeef screen NAME`: screen one name (and what else is known) against the loaded lists.

use crate::cli::ScreenArgs;
use crate::cmd::graph::network_of;
use crate::data::load_index;
use crate::output::table;
use crate::recording::{self, Mark, RecordContext, ScreenAudit};
use crate::resolved;
use anyhow::Result;
use serde_json::json;
use std::process::ExitCode;
use zeef_lists::DataDir;
use zeef_matching::ScreenOptions;
use zeef_screening::QueryFields;
use zeef_screening::linked::{LinkedParties, note_links};
use zeef_screening::record::query_fields;
use zeef_screening::result::name_by_entities;
use zeef_screening::{ScreenResult, decode_hits, screen_results};

pub fn run(data: &DataDir, a: ScreenArgs) -> Result<ExitCode> {
    let fields = QueryFields {
        names: a.name.clone().into_iter().collect(),
        birth_dates: a.birth_date.clone().into_iter().collect(),
        countries: a.country.clone(),
        nationalities: a.nationality.clone(),
        gender: a.gender.clone(),
        id_numbers: a.id.clone(),
        id_country: a.id_country.clone(),
        wallets: a.wallet.clone(),
        currency: a.currency.clone(),
        schema: a.schema.clone(),
        ..QueryFields::default()
    };
    let query = fields.to_entity()?;
    for warning in zeef_screening::query::identifier_warnings(&query) {
        eprintln!("warning: {warning}");
    }
    let (snapshot, index) = load_index(data, None)?;
    let opts = ScreenOptions {
        threshold: a.threshold,
        limit: a.limit,
        sources: a.source.clone(),
        ..ScreenOptions::default()
    };
    crate::data::check_sources(&snapshot.manifest, opts.sources.as_deref())?;
    let resolution = resolved::for_screening(data, &snapshot.manifest.id, &index, a.by_record)?;
    let (hits, entities) = resolved::screen(&index, resolution.as_ref(), &query, &opts);
    let found = decode_hits(&index, &hits);
    let mut results = screen_results(&found);
    name_by_entities(&mut results, &entities);
    // The network only when there is something to say of it: building it costs more than a
    // screening.
    let net = if results.is_empty() && !a.linked {
        None
    } else {
        let records: Vec<zeef_model::Entity> = index.entities().collect();
        let resolved = resolution.as_ref().map(|r| &r.resolved);
        Some(network_of(data, &snapshot.manifest.id, &records, resolved)?)
    };
    if let Some(net) = &net {
        note_links(&mut results, net);
    }
    let linked = match &net {
        Some(net) if a.linked => LinkedParties::new(net).screen(net, &query, &opts),
        _ => Vec::new(),
    };
    let audit = audit(
        data,
        &a,
        &snapshot.manifest,
        &opts,
        &query,
        &found,
        &entities,
    )?;
    let marks = |i: usize| audit.as_ref().and_then(|s| s.marks.get(i));
    if a.json {
        let mut listed = serde_json::to_value(&results)?;
        if let Some(items) = listed.as_array_mut() {
            for (i, item) in items.iter_mut().enumerate() {
                marks(i).inspect(|m| m.annotate(item));
            }
        }
        let mut out = json!({"query": query_fields(&query), "snapshot": snapshot.manifest.id, "threshold": opts.threshold, "results": listed});
        if let Some(s) = &audit {
            out["subject_id"] = json!(s.subject_id);
            out["alerts"] = json!(s.alerts());
            out["recorded"] = json!(s.recorded);
        }
        if a.linked {
            out["linked_parties"] = serde_json::to_value(&linked)?;
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(ExitCode::SUCCESS);
    }
    if results.is_empty() {
        let asked: Vec<&String> = a.name.iter().chain(&a.id).chain(&a.wallet).collect();
        println!(
            "No listed entity scored {:.2} or more for {:?} ({} entities in snapshot {}).",
            opts.threshold,
            asked,
            index.len(),
            snapshot.manifest.id
        );
        print_linked(&linked);
        return Ok(ExitCode::SUCCESS);
    }
    let table_rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            let why = r
                .explanation
                .features
                .iter()
                .map(|f| f.detail.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            (
                format!("{:.2}", r.score),
                r.datasets.join(","),
                r.id.to_string(),
                r.caption.to_string(),
                truncate(&why, 90),
            )
        })
        .enumerate()
        .map(|(i, (score, lists, id, caption, why))| {
            // A cleared or returned alert says so first, in full.
            let why = match marks(i).and_then(Mark::note) {
                Some(note) => format!("{note} {why}"),
                None => why,
            };
            vec![score, lists, id, caption, why]
        })
        .collect();
    print!(
        "{}",
        table(
            &["SCORE", "LIST", "ENTITY", "LISTED NAME", "WHY"],
            &table_rows
        )
    );
    // Each resolved entity's listings, so that the records the lists name it by are shown.
    let renamed = |e: &&zeef_resolve::EntityHit| e.listings.iter().any(|l| l.id != e.id);
    for e in entities.iter().filter(renamed) {
        let listed: Vec<String> = e
            .listings
            .iter()
            .map(|l| match l.score {
                Some(s) => format!("{} ({s:.2})", l.id),
                None => l.id.clone(),
            })
            .collect();
        println!("{}  listed as {}", e.id, listed.join(", "));
    }
    for r in &results {
        print_links(r);
    }
    print_linked(&linked);
    if a.explain {
        for r in &results {
            println!("\n{} ({})\n{}", r.id, r.caption, r.explanation.summary());
            for p in &r.explanation.parts {
                println!(
                    "    {:<20} ~ {:<20} {:.2} {} (weight {:.2})",
                    p.query.as_deref().unwrap_or("-"),
                    p.listed.as_deref().unwrap_or("-"),
                    p.similarity,
                    p.how,
                    p.weight
                );
            }
        }
    }
    println!(
        "\n{} result(s) at or above {:.2}; snapshot {}. Use --explain for the name alignment, --json for machines.",
        results.len(),
        opts.threshold,
        snapshot.manifest.id
    );
    if let Some(s) = &audit {
        println!(
            "Subject {}: {} alert(s), {} suppressed as false positive(s) by earlier decisions.",
            s.subject_id,
            s.alerts(),
            s.suppressed()
        );
    }
    if let Some(head) = audit.as_ref().and_then(|s| s.recorded.as_ref()) {
        println!("Recorded in the audit store as entry #{}.", head.seq);
    }
    Ok(ExitCode::SUCCESS)
}

/// Checks alerts against earlier decisions and records the screening, when asked to.
fn audit(
    data: &DataDir,
    a: &ScreenArgs,
    manifest: &zeef_lists::store::Manifest,
    opts: &ScreenOptions,
    query: &zeef_model::Entity,
    found: &[(&zeef_matching::ScoredMatch, zeef_model::Entity)],
    entities: &[zeef_resolve::EntityHit],
) -> Result<Option<ScreenAudit>> {
    if !a.record && a.subject_id.is_none() {
        return Ok(None);
    }
    let database = a.store.database.as_deref();
    let store = if a.record {
        recording::open_for_writing(data, database)?
    } else {
        recording::open_existing(data, database)?
    };
    let subject_id = a
        .subject_id
        .clone()
        .or_else(|| {
            // The name as given, else the first identifier.
            let given = a.name.iter().chain(&a.id).chain(&a.wallet);
            given
                .map(|v| v.trim())
                .find(|v| !v.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_default();
    let ctx = RecordContext::new(manifest, opts.sources.as_deref(), opts.threshold);
    recording::screen_audit(
        &store,
        a.record,
        subject_id,
        query_fields(query),
        &ctx,
        found,
        entities,
    )
    .map(Some)
}

/// One line on the parties a result's party is linked to (each once, however many lists
/// state the link).
fn print_links(r: &ScreenResult) {
    let mut seen = std::collections::HashSet::new();
    let parties: Vec<&zeef_graph::LinkNote> = r
        .links
        .iter()
        .filter(|l| seen.insert((&l.id, l.phrase())))
        .collect();
    if parties.is_empty() {
        return;
    }
    let listed = parties.iter().filter(|l| !l.datasets.is_empty()).count();
    let first: Vec<String> = parties
        .iter()
        .take(3)
        .map(|l| format!("{} {}", l.phrase(), l.caption))
        .collect();
    let more = match parties.len() - first.len() {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    println!(
        "{} {}: {}{more} ({listed} of {} listed); `zeef graph {}` shows how.",
        r.id,
        r.caption,
        first.join("; "),
        parties.len(),
        r.id
    );
}

/// The parties named in the lists' links, not listed themselves, that the subject matches.
fn print_linked(linked: &[ScreenResult]) {
    if linked.is_empty() {
        return;
    }
    println!("\nNot listed, but named by the lists in a link to a listed party:");
    let rows: Vec<Vec<String>> = linked
        .iter()
        .map(|r| {
            let how: Vec<String> = r
                .links
                .iter()
                .map(|l| format!("{} {} [{}]", l.phrase(), l.caption, l.id))
                .collect();
            vec![
                format!("{:.2}", r.score),
                r.caption.clone(),
                truncate(&how.join("; "), 90),
            ]
        })
        .collect();
    print!("{}", table(&["SCORE", "NAMED PARTY", "LINKS"], &rows));
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}
