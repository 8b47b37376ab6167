//! Comparison keys for property values: what counts as the same value when lists (or versions
//! of a list) write it differently. Keys between lists are the resolver's.

use unicode_normalization::UnicodeNormalization;

/// The same value in another format: Unicode composition, case and white space folded.
/// Used between versions of one list, where a publisher re-casing a name is no amendment.
pub fn version_key(value: &str) -> String {
    let composed: String = value.nfc().collect();
    composed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub use zeef_resolve::values::{dates_compatible, identifier_key, name_key};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_keys_fold_case_space_and_composition() {
        assert_eq!(
            version_key("  Müller\u{0301}  HANS "),
            version_key("müller\u{0301} hans")
        );
        assert_eq!(version_key("Jose\u{0301}"), version_key("Jos\u{e9}"));
    }
}
