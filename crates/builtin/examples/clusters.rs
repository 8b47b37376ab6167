//! Writes `lists/clusters.json.gz`: the resolver's clusters of the built-in lists, which a
//! first run installs beside them. Run after changing a built-in list or the resolver:
//! `cargo run --release -p zeef-builtin --example clusters`.

use anyhow::Context;
use flate2::Compression;
use flate2::write::GzEncoder;
use std::io::Write;
use zeef_lists::DataDir;

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let data = DataDir::new(dir.path());
    zeef_builtin::install(&data, None, &mut ())?;
    let built = zeef_builtin::clusters::make(&data)?;
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lists/clusters.json.gz");
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    serde_json::to_writer(&mut gz, &built)?;
    let bytes = gz.finish()?;
    std::fs::File::create(&out)
        .and_then(|mut f| f.write_all(&bytes))
        .with_context(|| format!("cannot write {}", out.display()))?;
    println!(
        "{}: {} clusters of {} lists, {} bytes",
        out.display(),
        built.resolved.clusters.len(),
        built.lists.len(),
        bytes.len()
    );
    Ok(())
}
