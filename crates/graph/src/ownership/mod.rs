//! `zeef ownership`: companies owned by listed parties, under OFAC's, the EU's or the UK's
//! rule. `input` reads the user's ownership data, `chains` follows it up to listed owners and
//! applies the rule; which owners are listed is the caller's to say (the CLI screens them).

mod chains;
mod input;

pub use chains::{Chain, Finding, MAX_CHAINS, MAX_DEPTH, Rule, evaluate};
pub use input::{Control, RowError, Stake, Stakes, parse_control, parse_share, read_csv};
