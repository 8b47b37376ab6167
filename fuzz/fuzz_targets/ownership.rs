//! The ownership reader (`zeef ownership --input`): any bytes as CSV owner,owned,share[,control]
//! or as BODS JSON statements, then the chains followed under every rule. Beyond not panicking, no row is lost: every row
//! after the header is read or refused, and every share kept is a percentage from 0 to 100.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zeef_graph::ownership::{Rule, evaluate, read_ownership};

fuzz_target!(|data: &[u8]| {
    let Ok(stakes) = read_ownership(data) else { return };
    assert!(
        stakes
            .stakes
            .iter()
            .all(|s| s.share.is_none_or(|x| (0.0..=100.0).contains(&x)))
    );
    for rule in [Rule::Ofac, Rule::Eu, Rule::Uk] {
        let findings = evaluate(&stakes.stakes, rule, |name| name.len() % 2 == 0);
        assert!(findings.iter().all(|f| f.listed_share.is_finite()));
    }
});
