//! Candidate index and explainable scoring.
//!
//! [`Index::build`] prepares every listed entity once; [`Index::screen`] finds and scores the
//! listed entities that may be a query record; [`compare`] scores any two records. Every score
//! in [0, 1] comes with an [`Explanation`]: the names that matched, how their parts aligned,
//! and what each other feature (birth date, country, gender, identifiers, schema) added.
//!
//! ```
//! use zeef_model::{Entity, Prop, Schema};
//! use zeef_matching::{Index, ScreenOptions};
//! let mut listed = Entity::new("x-1", Schema::Person, "x");
//! listed.add(Prop::Name, "Abd al-Rahman al-Qasimi");
//! let index = Index::build(vec![listed]);
//! let mut q = Entity::new("q", Schema::Person, "query");
//! q.add(Prop::Name, "Abdulrahman Qasimi");
//! let hits = index.screen(&q, &ScreenOptions::default());
//! assert_eq!(hits[0].id, "x-1");
//! println!("{}", hits[0].explanation.summary());
//! ```

mod align;
mod carried;
mod compare;
mod explain;
mod features;
mod fxhash;
mod index;
#[cfg(feature = "test-support")]
pub mod measure;
mod memo;
mod pairs;
mod part_stats;
mod prefetch;
mod record;
mod store;
#[cfg(feature = "test-support")]
pub mod synthetic;
mod weights;

pub use compare::Comparison;
pub use explain::{Explanation, Feature, IDENTIFIER_CONFLICT, IDENTIFIER_MATCH, PartMatch};
pub use index::{
    DEFAULT_LIMIT, DEFAULT_THRESHOLD, GroupHit, Index, IndexBuilder, ScoredMatch, ScreenOptions,
};
pub use pairs::COMMON_CODE_NAMES;
pub use record::Prepared;

use zeef_model::Entity;

/// Compares any two records (entity resolution, `zeef compare`). Part weights come from the
/// built-in prior of common names only; [`Index::compare`] also uses the index's frequencies.
pub fn compare(a: &Entity, b: &Entity) -> Comparison {
    let stats = part_stats::PartStats::default();
    compare::compare_prepared(&Prepared::new(a, &stats), &Prepared::new(b, &stats))
}
