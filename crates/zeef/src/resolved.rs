//! Screening one result per resolved entity (the default; `--by-record` screens records as
//! they are listed): the best listing's result stands for the entity, with every listing.

use anyhow::Result;
use zeef_lists::DataDir;
use zeef_matching::{Index, ScoredMatch, ScreenOptions};
use zeef_model::Entity;
use zeef_resolve::{EntityHit, Resolution};

/// The resolution to screen with, unless `by_record`: the stored clusters of `snapshot`,
/// resolving it first where it has none.
/// The resolver's folder of `data`, with judgements in the audit database where that is
/// PostgreSQL: `database` (`--database`), else ZEEF_DATABASE_URL.
pub fn resolve_dir(data: &DataDir, database: Option<&str>) -> zeef_resolve::ResolveDir {
    let env = std::env::var("ZEEF_DATABASE_URL").ok();
    zeef_resolve::ResolveDir::new(data.root()).with_judgements_in(database.or(env.as_deref()))
}

pub fn for_screening(
    data: &DataDir,
    snapshot: &str,
    index: &Index,
    by_record: bool,
) -> Result<Option<Resolution>> {
    if by_record {
        return Ok(None);
    }
    let resolved = crate::cmd::resolve::current(data, snapshot)?;
    Ok(Some(Resolution::new(resolved, index)))
}

/// Screens `query`: one hit per resolved entity with `res`, one per record without. The
/// hits are the best listing of each entity (what recording and explanations use).
pub fn screen(
    index: &Index,
    res: Option<&Resolution>,
    query: &Entity,
    opts: &ScreenOptions,
) -> (Vec<ScoredMatch>, Vec<EntityHit>) {
    zeef_resolve::grouping::screen_until(index, res, query, opts, &|| false).unwrap_or_default()
}
