//! `zeef update`: fetch the lists into a new snapshot, with progress bars on a terminal.

use crate::cli::UpdateArgs;
use anyhow::Result;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;
use zeef_lists::DataDir;
use zeef_lists::fetch::FetchOptions;
use zeef_lists::store::{Origin, SourceManifest, UpdateOptions, UpdateProgress};

pub fn run(data: &DataDir, a: UpdateArgs) -> Result<ExitCode> {
    let origin = match a.from {
        None => Origin::Official,
        Some(f) if f.starts_with("http://") || f.starts_with("https://") => Origin::Url(f),
        Some(f) => Origin::Dir(PathBuf::from(f)),
    };
    let opts = UpdateOptions {
        origin,
        sources: a.source,
        force: a.force,
        skip_failed: a.skip_failed,
        keep: a.keep,
        fetch: FetchOptions {
            timeout: Duration::from_secs(a.timeout),
            ..FetchOptions::default()
        },
        addresses: crate::data::settings().addresses,
        max_inflated: a.max_inflated_mib.saturating_mul(1 << 20),
    };
    // NATS is checked first: an unreachable server fails before the download, not after.
    let nats = match &a.publish {
        Some(url) => Some(zeef_nats::connect_blocking(url)?),
        None => None,
    };
    let manifest = run_update(data, &opts, a.json)?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&manifest)?);
    }
    if let Some((runtime, nats)) = nats {
        let started = std::time::Instant::now();
        let published = runtime.block_on(nats.publish_snapshot(data, &manifest.id))?;
        if published.files == 0 {
            eprintln!(
                "snapshot {} is already the one published at {}",
                published.snapshot,
                nats.url()
            );
        } else {
            eprintln!(
                "published snapshot {} to {}: {} files, {:.1} MB{}, in {:.1} s",
                published.snapshot,
                nats.url(),
                published.files,
                published.bytes as f64 / 1e6,
                if published.resolved {
                    " with its resolved entities"
                } else {
                    ""
                },
                started.elapsed().as_secs_f64()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs an update with progress on stderr; returns the new manifest.
pub fn run_update(
    data: &DataDir,
    opts: &UpdateOptions,
    quiet: bool,
) -> Result<zeef_lists::store::Manifest> {
    let mut progress = Bars::new();
    let result = zeef_lists::store::update(data, opts, &mut progress);
    progress.clear();
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            if data.current_id().ok().flatten().is_some() {
                eprintln!("The current snapshot is kept: nothing was changed.");
            }
            return Err(e.into());
        }
    };
    let m = &report.manifest;
    if !quiet {
        eprintln!(
            "snapshot {} is current: {} sources, {} entities ({})",
            m.id,
            m.sources.len(),
            m.entity_count(),
            data.root().display()
        );
        for s in &m.sources {
            let how = match &s.carried_from {
                Some(from) => format!("unchanged, from snapshot {from}"),
                None => format!(
                    "list date {}",
                    s.list_date.as_deref().unwrap_or("not stated")
                ),
            };
            eprintln!("  {:<10} {:>6} entities  {how}", s.source, s.entities);
        }
    }
    for (source, why) in &report.failed {
        eprintln!("warning: {source} failed and kept its previous version (if any): {why}");
    }
    // The lists are published either way; a resolver failure leaves the last clusters.
    if let Err(e) = crate::cmd::resolve::after_update(data, quiet) {
        eprintln!("warning: resolving the new snapshot failed (run `zeef resolve`): {e:#}");
    }
    if !quiet {
        crate::data::warn(&report.manifest);
    }
    Ok(report.manifest)
}

/// One spinner per source on a terminal; elsewhere (logs, CI) one plain line per event.
pub(crate) struct Bars {
    multi: MultiProgress,
    bars: HashMap<String, ProgressBar>,
    plain: bool,
}

impl Bars {
    /// Removes the spinners (their outcome lines stay).
    pub(crate) fn clear(&self) {
        self.multi.clear().ok();
    }

    pub(crate) fn new() -> Self {
        Bars {
            multi: MultiProgress::new(),
            bars: HashMap::new(),
            plain: !std::io::stderr().is_terminal(),
        }
    }
}

impl UpdateProgress for Bars {
    fn started(&mut self, source: &str, origin: &str) {
        if self.plain {
            eprintln!("{source}: reading {origin}");
            return;
        }
        let bar = self.multi.add(ProgressBar::new_spinner());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix:<10} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_prefix(source.to_string());
        bar.set_message(format!("reading {origin}"));
        bar.enable_steady_tick(Duration::from_millis(120));
        self.bars.insert(source.to_string(), bar);
    }

    fn bytes(&mut self, source: &str, file: &str, done: u64, total: Option<u64>) {
        if let Some(bar) = self.bars.get(source) {
            let size = match total {
                Some(t) => format!(
                    "{} / {}",
                    indicatif::HumanBytes(done),
                    indicatif::HumanBytes(t)
                ),
                None => indicatif::HumanBytes(done).to_string(),
            };
            bar.set_message(format!("downloading {file}: {size}"));
        }
    }

    fn finished(&mut self, source: &str, outcome: Result<&SourceManifest, &str>) {
        if self.plain {
            match outcome {
                Ok(m) => eprintln!("{source}: {} entities", m.entities),
                Err(e) => eprintln!("{source}: FAILED: {e}"),
            }
            return;
        }
        if let Some(bar) = self.bars.get(source) {
            match outcome {
                Ok(m) => bar.finish_with_message(format!("{} entities", m.entities)),
                Err(e) => bar.abandon_with_message(format!("FAILED: {e}")),
            }
        }
    }

    fn note(&mut self, message: &str) {
        if self.plain {
            eprintln!("{message}");
        } else {
            self.multi.println(message).ok();
        }
    }
}
