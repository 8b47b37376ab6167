//! Name analysis for zeef: normalise, detect script, transliterate to Latin, tokenise into
//! name parts with roles, and derive the keys the candidate index uses.
//!
//! ```
//! use zeef_names::{analyse, NameKind};
//! let a = analyse("Abd al-Rahman", NameKind::Person);
//! let b = analyse("ABDURRAHMAN", NameKind::Person);
//! assert_eq!(a.parts[0].text, b.parts[0].text);
//! ```

pub mod distance;
pub mod given_names;
pub mod keys;
pub mod lexicon;
pub mod normalize;
mod org_words;
pub mod parts;
pub mod similarity;
pub mod translit;

pub use parts::{AnalysedName, NameKind, NamePart, PartKind, analyse};
pub use similarity::{How, part_similarity};
pub use translit::Script;
