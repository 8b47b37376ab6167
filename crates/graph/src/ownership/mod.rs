//! `zeef ownership`: companies owned by listed parties, under OFAC's, the EU's or the UK's
//! rule. `input` reads the user's ownership data as CSV and `bods` as Beneficial Ownership
//! Data Standard statements, `chains` follows it up to listed owners and applies the rule;
//! which owners are listed is the caller's to say (the CLI screens them).

mod bods;
mod chains;
mod input;

pub use bods::read_bods;

/// Reads ownership data in either format: BODS JSON where the file starts with `[` or `{`
/// (after white space), else CSV.
pub fn read_ownership(data: &[u8]) -> Result<Stakes, RowError> {
    let start = data
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(data)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    match start {
        Some(b'[' | b'{') => read_bods(data),
        _ => read_csv(data),
    }
}

pub use chains::{Chain, Finding, MAX_CHAINS, MAX_DEPTH, Rule, evaluate};
pub use input::{Control, RowError, Stake, Stakes, parse_control, parse_share, read_csv};
