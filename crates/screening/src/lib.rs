//! The screening layer every front door builds on (the CLI, the HTTP service, and whatever
//! comes next): one query normaliser ([`query`]), one result shape ([`result`]), one way to
//! turn a screening into an audit record ([`record`]), one place for where the audit store
//! is ([`audit_store`]), and the scoring algorithm's name and version ([`ALGORITHM`]).
//!
//! It knows nothing of HTTP or of command lines: those stay in `zeef-server` and `zeef`.
//!
//! ```
//! use zeef_matching::{Index, ScreenOptions};
//! use zeef_model::{Entity, Prop, Schema};
//! use zeef_screening::{QueryFields, screen_response};
//!
//! let mut listed = Entity::new("x-1", Schema::Person, "x");
//! listed.add(Prop::Name, "Fictional Wendelin Brandt");
//! let index = Index::build(vec![listed]);
//! let query = QueryFields {
//!     names: vec!["Wendelin Brandt".into()],
//!     birth_dates: vec!["3 Feb 1966".into()],
//!     ..QueryFields::default()
//! }
//! .to_entity()
//! .unwrap();
//! let hits = index.screen(&query, &ScreenOptions::default());
//! let response = screen_response(&index, &query, &hits);
//! assert_eq!(response.query.properties["birthDate"], ["1966-02-03"]);
//! ```

mod algorithm;
pub mod audit_store;
pub mod linked;
pub mod query;
pub mod record;
pub mod result;

pub use algorithm::{ALGORITHM, ALGORITHM_FAMILY, SOFTWARE_VERSION};
pub use query::{QueryError, QueryFields};
pub use record::RecordContext;
pub use result::{
    BATCH_CSV_HEADER, ScreenResponse, ScreenResult, ScreenedQuery, decode_hits, screen_response,
    screen_result, screen_results, screened_query,
};
