//! The scoring algorithm's identity, as audit records and the HTTP `/algorithms` endpoint
//! report it.

/// The name and version of zeef's scoring, in one word (as OpenSanctions names its own,
/// `logic-v2`). **Bump the version whenever any score changes** (a weight, a name rule, a
/// feature): an audit record then says which scoring produced it, and two records with the
/// same algorithm are comparable.
pub const ALGORITHM: &str = "zeef-v3";

/// The algorithm's name without its version: a caller naming it asks for the current one.
pub const ALGORITHM_FAMILY: &str = "zeef";

/// The version of the software that ran the algorithm (recorded beside [`ALGORITHM`]).
pub const SOFTWARE_VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_carries_its_family_and_a_version() {
        let version = ALGORITHM
            .strip_prefix(ALGORITHM_FAMILY)
            .and_then(|v| v.strip_prefix("-v"));
        assert!(
            version.is_some_and(|v| v.parse::<u32>().is_ok()),
            "{ALGORITHM}"
        );
    }
}
