//! `zeef scan`: finds mentions of listed persons and organisations in documents.
//!
//! The index ([`ScanIndex::build`]) holds every name and alias of every listed entity as a
//! sequence of normalised Latin tokens in a token trie. A document ([`input::extract`] gives
//! its text) is split into words that are normalised the same way, keeping their byte spans;
//! the trie is walked from every word, across line breaks and end-of-line hyphenation, and
//! each hit is judged: distinctive names count alone, while acronyms, weak aliases and names
//! made of ordinary words count only with supporting context (see [`scan`]).
//!
//! ```
//! use zeef_model::{Entity, Prop, Schema};
//! let mut e = Entity::new("x-1", Schema::Organization, "x");
//! e.add(Prop::Name, "Brotherhood of the Grey Lantern");
//! let index = zeef_scan::ScanIndex::build(vec![e]);
//! let found = index.scan("Funds went to the Brotherhood of the Grey\nLantern in 2016.");
//! assert_eq!(found.len(), 1);
//! assert_eq!((found[0].line, found[0].end_line), (1, 2));
//! ```

pub mod index;
pub mod input;
pub mod lexicon;
pub mod scan;
pub mod summary;
pub mod tokens;

pub use index::{ListedEntity, ListedName, NameClass, NameSource, ScanIndex};
pub use input::{Extracted, Format, InputError};
pub use scan::Mention;
pub use summary::{EntitySummary, summarise};
