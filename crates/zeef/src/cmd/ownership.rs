//! `zeef ownership --input OWNERS`: which companies listed parties own, by the chosen rule.

use crate::cli::{OwnershipArgs, OwnershipRule};
use crate::data::load_index;
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::process::ExitCode;
use zeef_graph::ownership::{Finding, Rule, evaluate, read_ownership};
use zeef_lists::DataDir;
use zeef_matching::{Index, ScreenOptions};
use zeef_model::{Entity, Prop, Schema};

pub fn run(data: &DataDir, a: OwnershipArgs) -> Result<ExitCode> {
    let bytes = std::fs::read(&a.input).with_context(|| format!("{}", a.input.display()))?;
    let file = a.input.display().to_string();
    let stakes = read_ownership(&bytes).map_err(|e| anyhow::anyhow!("{file}: {e}"))?;
    for e in &stakes.errors {
        eprintln!("{file}: {e}");
    }
    let (_, index) = load_index(data, a.snapshot.as_deref())?;
    let owners: HashSet<&str> = stakes.stakes.iter().map(|s| s.owner.as_str()).collect();
    let owners: Vec<&str> = owners.into_iter().collect();
    let opts = ScreenOptions {
        threshold: a.threshold,
        limit: 1,
        ..Default::default()
    };
    let matched: HashMap<&str, String> = owners
        .par_iter()
        .filter_map(|&o| listed_party(&index, o, &opts).map(|m| (o, m)))
        .collect();
    let rule = match a.rule {
        OwnershipRule::Ofac => Rule::Ofac,
        OwnershipRule::Eu => Rule::Eu,
        OwnershipRule::Uk => Rule::Uk,
    };
    let findings = evaluate(&stakes.stakes, rule, |o| matched.contains_key(o));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if a.json {
        for f in &findings {
            serde_json::to_writer(&mut out, f)?;
            out.write_all(b"\n")?;
        }
    } else {
        print_text(&mut out, &findings, &matched, rule)?;
    }
    out.flush()?;
    eprintln!(
        "{} rows read, {} refused; {} owners, {} of them listed; {} companies, {} blocked, {} unknown",
        stakes.stakes.len() + stakes.errors.len(),
        stakes.errors.len(),
        owners.len(),
        matched.len(),
        findings.len(),
        findings.iter().filter(|f| f.blocked).count(),
        findings.iter().filter(|f| f.unknown).count()
    );
    Ok(if stakes.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}

/// The listed party an owner is: a listed id as given, or the best match of the name at the
/// threshold ("id: caption (score)").
fn listed_party(index: &Index, owner: &str, opts: &ScreenOptions) -> Option<String> {
    if let Some(e) = index.get(owner) {
        return Some(format!("{}: {}", e.id, e.caption()));
    }
    let mut query = Entity::new("", Schema::LegalEntity, "query");
    query.add(Prop::Name, owner);
    let best = index
        .screen(&query, opts)
        .into_iter()
        .find(|m| m.is_match)?;
    let caption = index
        .get(&best.id)
        .map(|e| e.caption().to_string())
        .unwrap_or_default();
    Some(format!("{}: {caption} ({:.2})", best.id, best.score))
}

fn print_text(
    out: &mut impl Write,
    findings: &[Finding],
    matched: &HashMap<&str, String>,
    rule: Rule,
) -> Result<()> {
    for f in findings.iter().filter(|f| f.blocked || f.unknown) {
        let verdict = if f.blocked { "BLOCKED" } else { "UNKNOWN" };
        writeln!(
            out,
            "{verdict:<8} {}  listed share {}% under the {} rule",
            f.entity,
            f.listed_share,
            rule.as_str()
        )?;
        for p in &f.paths {
            let share = p
                .share
                .map_or("share unknown".to_string(), |s| format!("{s}%"));
            writeln!(out, "    {}  {share}", p.owners.join(" → "))?;
            if let Some(m) = matched.get(p.owners[0].as_str()) {
                writeln!(out, "      {} is listed: {m}", p.owners[0])?;
            }
        }
    }
    Ok(())
}
