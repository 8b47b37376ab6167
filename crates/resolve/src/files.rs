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
    let bytes = serde_json::to_vec(value).map_err(|e| ResolveError::Invalid(e.to_string()))?;
    std::fs::write(&tmp, bytes).map_err(|source| ResolveError::Io {
        path: tmp.clone(),
        source,
    })?;
    std::fs::rename(&tmp, path).map_err(io)
}
