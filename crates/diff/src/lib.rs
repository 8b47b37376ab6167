//! Comparing sanctions lists: across regimes and across versions.
//!
//! - [`link()`] pairs the entities of two groups of lists (say UN and UK): first through the
//!   cross-references the lists carry, then by screening, one-to-one. [`cross_list`] then says
//!   what differs between linked records, and who is listed on one side only.
//! - [`changes`] compares two versions of the same lists by entity id: added, removed and
//!   amended entities with field-level differences, ignoring value order and reformatting.
//! - [`rescreen`] re-screens subjects against only what changed between two versions and
//!   reports new alerts and alerts that went away.
//!
//! This crate does no I/O: callers load the snapshots (`zeef-lists`) and print the results.

pub mod changes;
pub mod cross_list;
pub mod evaluate;
pub mod link;
pub mod rescreen;
mod values;

pub use changes::{Change, ChangeKind, PropertyChange, entity_changes, ignoring, version_changes};
pub use cross_list::{
    DiffRow, DiffSummary, Difference, RegimeDiff, describe, diff_regimes, differences,
};
pub use link::{Link, LinkOptions, Linkage, Method, link, link_clustered};
pub use rescreen::{AlertChange, AlertEvent, Rescreener};
