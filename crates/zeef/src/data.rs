//! Opening the data directory and loading a snapshot. On a fresh machine the first command
//! that needs lists gets them here (`zeef_builtin::ensure_current`): from the publishers
//! where they can be reached, else from the copy built into zeef. Every load warns about
//! lists that are built in, retired or older than their publisher's cadence.

use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use std::sync::OnceLock;
use zeef_builtin::{FirstRun, Outcome};
use zeef_lists::addresses::Addresses;
use zeef_lists::store::Manifest;
use zeef_lists::{DataDir, Snapshot};

/// Settings every command shares: whether the network may be used on a first run, and the
/// source addresses in force.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub offline: bool,
    pub addresses: Addresses,
}

static SETTINGS: OnceLock<Settings> = OnceLock::new();

/// Reads the address overrides (`--sources-config` / `ZEEF_SOURCES_CONFIG`, else
/// `<config dir>/zeef/sources.toml`, then `ZEEF_SOURCE_<NAME>_URL`) once per process.
pub fn init(offline: bool, sources_config: Option<PathBuf>) -> Result<()> {
    let path = sources_config.or_else(default_sources_config);
    let addresses = Addresses::load(path.as_deref(), |k| std::env::var(k).ok())?;
    let _ = SETTINGS.set(Settings { offline, addresses });
    Ok(())
}

/// `<config dir>/zeef/sources.toml`.
pub fn default_sources_config() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("zeef").join("sources.toml"))
}

pub fn settings() -> Settings {
    SETTINGS.get().cloned().unwrap_or_default()
}

/// The data directory: `--data`, `$ZEEF_DATA`, or the platform data directory.
pub fn data_dir(arg: Option<PathBuf>) -> Result<DataDir> {
    let root = match arg {
        Some(p) => p,
        None => dirs::data_dir()
            .map(|d| d.join("zeef"))
            .context("no platform data directory here; pass --data DIR or set ZEEF_DATA")?,
    };
    Ok(DataDir::new(root))
}

/// Makes sure the data directory has a current snapshot, saying what it did on a first run.
pub fn ensure(data: &DataDir) -> Result<()> {
    if data.current_id()?.is_some() {
        return Ok(());
    }
    let s = settings();
    let first = FirstRun {
        offline: s.offline,
        addresses: s.addresses,
        ..FirstRun::default()
    };
    if first.offline {
        eprintln!(
            "No lists in {} yet, and offline: installing the lists built into zeef.",
            data.root().display()
        );
    } else {
        eprintln!(
            "No lists in {} yet: fetching them from their publishers (zeef update)...",
            data.root().display()
        );
    }
    let mut bars = crate::cmd::update::Bars::new();
    let outcome = zeef_builtin::ensure_current(data, &first, &mut bars);
    bars.clear();
    match outcome? {
        Outcome::Existing => {}
        Outcome::Fetched => eprintln!("Fetched the current lists from their publishers."),
        Outcome::Builtin { unreachable } => {
            if !first.offline {
                let builtin = zeef_builtin::sources();
                eprintln!("Could not fetch these lists, so zeef's built-in copy stands in:");
                for (source, why) in &unreachable {
                    let note = if builtin.contains(&source.as_str()) {
                        ""
                    } else {
                        " [not built in: screened without it]"
                    };
                    eprintln!("  {source:<10} {why}{note}");
                }
            }
        }
    }
    Ok(())
}

/// Prints the warning about built-in, retired and out-of-date lists, if any, to stderr.
pub fn warn(m: &Manifest) {
    if let Some(w) = zeef_lists::freshness::warning(m) {
        eprintln!("{w}");
    }
}

/// Loads a snapshot (`None`: the current one, made first on a fresh machine), warning about
/// lists that may be out of date.
pub fn load(data: &DataDir, snapshot: Option<&str>) -> Result<Snapshot> {
    if let Some(r) = snapshot {
        let id = data.resolve(r)?;
        let s = data.load(&id)?;
        warn(&s.manifest);
        return Ok(s);
    }
    ensure(data)?;
    match data.load_current()? {
        Some(s) => {
            warn(&s.manifest);
            Ok(s)
        }
        None => bail!("the update published no snapshot"),
    }
}

/// Loads a snapshot and builds the screening index over it.
pub fn load_index(
    data: &DataDir,
    snapshot: Option<&str>,
) -> Result<(Snapshot, zeef_matching::Index)> {
    let snap = load(data, snapshot)?;
    let index = zeef_matching::Index::build(snap.entities.iter().cloned());
    Ok((snap, index))
}

/// Fails, naming what is there, when `sources` names a source the snapshot does not hold.
pub fn check_sources(m: &zeef_lists::store::Manifest, sources: Option<&[String]>) -> Result<()> {
    for s in sources.unwrap_or_default() {
        if m.source(s).is_none() {
            let known: Vec<&str> = m.sources.iter().map(|s| s.source.as_str()).collect();
            bail!(
                "no source {s:?} in snapshot {} (it has: {})",
                m.id,
                known.join(", ")
            );
        }
    }
    Ok(())
}
