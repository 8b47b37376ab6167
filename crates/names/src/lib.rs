//! Name analysis for zeef: normalise, detect script, transliterate to Latin, tokenise into
//! name parts with roles, and derive the keys the candidate index uses.

pub mod translit;
