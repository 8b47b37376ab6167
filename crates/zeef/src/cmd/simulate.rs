//! `zeef simulate network`: the fictional network found by agencies alone and sharing.

use crate::cli::{SimulateAction, SimulateArgs};
use crate::output::table;
use anyhow::{Context, Result};
use std::process::ExitCode;
use zeef_simulate::{FICTIONAL, Settings, report, run as simulate};

pub fn run(a: &SimulateArgs) -> Result<ExitCode> {
    let SimulateAction::Network(n) = &a.action;
    let settings = Settings {
        seed: n.seed,
        agencies: n.agencies,
        members: n.members,
        population: n.population,
        known: n.known,
        depth: n.depth,
    };
    let outcome = simulate(&settings);
    std::fs::write(&n.plot, report::svg(&outcome))
        .with_context(|| format!("writing the plot to {}", n.plot.display()))?;
    if n.json {
        let mut value = serde_json::to_value(&outcome)?;
        if let Some(obj) = value.as_object_mut() {
            obj.insert(
                "plot".to_string(),
                serde_json::Value::String(n.plot.display().to_string()),
            );
        }
        println!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{FICTIONAL}");
    println!(
        "seed {}, {} agencies, {} members ({} known), {} innocents, links followed to depth {}",
        settings.seed,
        settings.agencies,
        settings.members,
        settings.known.min(settings.members),
        settings.population,
        settings.depth
    );
    println!();
    print!("{}", table(&report::HEADER, &report::rows(&outcome)));
    let r = &outcome.resolution;
    println!();
    println!(
        "shared: {} records resolved into {} entities ({} joining records of different people); {} of the {} people several agencies hold ended in one entity",
        r.records,
        r.entities,
        r.mixed_entities,
        r.people_fully_joined,
        r.people_in_several_agencies
    );
    if let Some(best) = outcome.best_alone() {
        println!(
            "best agency alone: {} with {} members found, {} false leads per member found; shared: {} members found, {} false leads per member found",
            best.searched,
            best.members_found,
            report::per_member(best),
            outcome.shared.members_found,
            report::per_member(&outcome.shared)
        );
    }
    println!("plot: {}", n.plot.display());
    Ok(ExitCode::SUCCESS)
}
