//! zeef's one entity model, shaped after FollowTheMoney (FtM) so that OpenSanctions data and
//! yente clients understand it.
//!
//! Every list parser produces [`Entity`] values; everything downstream (name analysis, the
//! index, scoring, the server) reads them. This crate does no I/O.
//!
//! ```
//! use zeef_model::{Entity, Prop, Schema};
//! let mut e = Entity::new("un-QDi.299", Schema::Person, "un");
//! e.add(Prop::Name, "Ibrahim Awwad Ibrahim Ali al-Badri al-Samarrai");
//! e.add(Prop::BirthDate, "1971");
//! assert_eq!(e.first(Prop::BirthDate), Some("1971"));
//! ```

mod clip;
pub mod country;
pub mod date;
mod entity;
pub mod gender;
mod identification;
pub mod identifier;
mod provenance;
mod relationship;
mod schema;

pub use clip::{QUOTED_BYTES, clip};
pub use entity::{Entity, FtmEntity, Prop};
pub use identification::Identification;
pub use provenance::{CrossRef, Provenance};
pub use relationship::{LinkEnd, RelationKind, Relationship, named_node_id};
pub use schema::Schema;
