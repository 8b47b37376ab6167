//! Writing the resolver's files: whole or not at all (a temporary file, then one rename).

use crate::error::{ResolveError, Result};
use serde::Serialize;
use std::path::Path;

/// Writes `value` as JSON to `path`, replacing it in one rename.
pub(crate) fn write_json<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let io = |source| ResolveError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let tmp = path.with_extension("json.tmp");
    let tmp_io = |source| ResolveError::Io {
        path: tmp.clone(),
        source,
    };
    // Written as it is serialised: a file of millions of pairs is never held whole.
    let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp).map_err(tmp_io)?);
    serde_json::to_writer(&mut w, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => tmp_io(std::io::Error::new(kind, e)),
        None => ResolveError::Invalid(e.to_string()),
    })?;
    w.into_inner().map_err(|e| tmp_io(e.into_error()))?;
    std::fs::rename(&tmp, path).map_err(io)
}
