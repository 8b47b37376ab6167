//! Finding the shared test data (`../shared/` beside the project, or `$ZEEF_SHARED`).
//! Tests on real lists call [`dir`] and skip, with a printed notice, where it is absent.

use std::path::PathBuf;

/// The shared data folder, if present: `$ZEEF_SHARED`, else `../shared` relative to the
/// workspace root. Prints a notice and returns `None` where it is absent.
pub fn dir() -> Option<PathBuf> {
    let candidate = match std::env::var_os("ZEEF_SHARED") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
    };
    if candidate.join("data/lists").is_dir() {
        Some(candidate)
    } else {
        eprintln!(
            "notice: shared data not found at {} (set ZEEF_SHARED); skipping this real-data test",
            candidate.display()
        );
        None
    }
}

/// `<shared>/data/lists/<source>`, if the shared data is present.
pub fn list_dir(source: &str) -> Option<PathBuf> {
    dir().map(|d| d.join("data/lists").join(source))
}
