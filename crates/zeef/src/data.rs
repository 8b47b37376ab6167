//! Opening the data directory and loading a snapshot, fetching the lists first on a fresh
//! machine.

use anyhow::{Context, Result, bail};
use std::path::PathBuf;
use zeef_lists::store::{Origin, UpdateOptions};
use zeef_lists::{DataDir, Snapshot};

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

/// Loads a snapshot (`None`: the current one). Where there is none yet, downloads the lists
/// from their official addresses first, saying so.
pub fn load(data: &DataDir, snapshot: Option<&str>) -> Result<Snapshot> {
    if let Some(r) = snapshot {
        let id = data.resolve(r)?;
        return Ok(data.load(&id)?);
    }
    if let Some(s) = data.load_current()? {
        return Ok(s);
    }
    eprintln!(
        "No lists in {} yet: downloading them from the publishers' official addresses (zeef update).",
        data.root().display()
    );
    let opts = UpdateOptions {
        origin: Origin::Official,
        skip_failed: true,
        ..UpdateOptions::default()
    };
    crate::cmd::update::run_update(data, &opts, false)?;
    match data.load_current()? {
        Some(s) => Ok(s),
        None => bail!("the update published no snapshot"),
    }
}

/// Loads a snapshot and builds the screening index over it.
pub fn load_index(
    data: &DataDir,
    snapshot: Option<&str>,
) -> Result<(Snapshot, zeef_matching::Index)> {
    let snap = load(data, snapshot)?;
    let index = zeef_matching::Index::build(snap.entities.clone());
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
