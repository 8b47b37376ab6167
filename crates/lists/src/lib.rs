//! All I/O of list files: the parsers that turn each official format into
//! [`zeef_model::Entity`] values, the registry of known sources, and (in later modules) the
//! downloads and the snapshot store that keep a data directory current.
//!
//! ```no_run
//! let parsed = zeef_lists::parse_dir("un", std::path::Path::new("../shared/data/lists/un")).unwrap();
//! println!("{} entities, list date {:?}", parsed.entities.len(), parsed.list_date);
//! ```

pub mod addresses;
mod error;
pub mod fetch;
pub mod freshness;
pub mod parse;
pub mod relations;
/// Finding the shared test data (tests and examples only: the `test-support` feature).
#[cfg(feature = "test-support")]
pub mod shared;
pub mod source;
pub mod store;

pub use error::ParseError;
pub use parse::{Input, Parsed};
pub use source::{Format, SourceSpec, parse_dir, parse_inputs};
pub use store::{DataDir, Relationships, Snapshot};
