//! Following ownership chains up to listed owners, and the regulators' rules on what they add
//! up to. Indirect stakes multiply along a chain; several chains add up. A chain stops at the
//! first listed owner and never passes a company twice, so cycles end.

use super::input::{Control, Stake};
use serde::Serialize;
use std::collections::HashMap;

/// The rule a company is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// OFAC's 50 % rule: listed persons' stakes add up; 50 % or more blocks.
    Ofac,
    /// The EU's: stakes of several listed persons add up; 50 % or more.
    Eu,
    /// The UK's: more than 50 % held by one listed person, or control; stakes add up only
    /// under a joint arrangement.
    Uk,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Ofac => "ofac",
            Rule::Eu => "eu",
            Rule::Uk => "uk",
        }
    }
}

/// One chain from a listed owner down to the company: the owners in order (the listed one
/// first, the company's direct owner last) and the share it gives (unknown where a stake on
/// it is).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chain {
    pub owners: Vec<String>,
    pub share: Option<f64>,
    #[serde(skip)]
    controls: bool,
    #[serde(skip)]
    joint: bool,
}

/// What the rule says of one owned company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub entity: String,
    pub rule: &'static str,
    /// The listed share the rule counts, in percent (aggregate for OFAC and the EU; the
    /// largest single or joint holding for the UK).
    pub listed_share: f64,
    pub blocked: bool,
    /// Not blocked on the known shares, but a chain to a listed owner has a share missing.
    pub unknown: bool,
    pub paths: Vec<Chain>,
}

/// Most chains followed per company (dense data can have exponentially many).
pub const MAX_CHAINS: usize = 10_000;
/// Longest chain followed.
pub const MAX_DEPTH: usize = 16;

/// Judges every owned company of `stakes` by `rule`; `listed` says which owner names or ids
/// are listed parties. Companies come in the order the file first names them as owned.
pub fn evaluate(stakes: &[Stake], rule: Rule, listed: impl Fn(&str) -> bool) -> Vec<Finding> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut names: Vec<&str> = Vec::new();
    for s in stakes {
        for name in [s.owner.as_str(), s.owned.as_str()] {
            if !ids.contains_key(name) {
                ids.insert(name, names.len());
                names.push(name);
            }
        }
    }
    let mut owners_of: Vec<Vec<&Stake>> = vec![Vec::new(); names.len()];
    let mut owned_order: Vec<usize> = Vec::new();
    let mut seen_owned = vec![false; names.len()];
    for s in stakes {
        let owned = ids[s.owned.as_str()];
        owners_of[owned].push(s);
        if !seen_owned[owned] {
            seen_owned[owned] = true;
            owned_order.push(owned);
        }
    }
    let is_listed: Vec<bool> = names.iter().map(|n| listed(n)).collect();
    let reaches = reaches_listed(&ids, &owners_of, &is_listed, stakes);
    owned_order
        .into_iter()
        .map(|company| {
            let mut chains = Vec::new();
            let mut path = vec![company];
            walk(
                company,
                Some(100.0),
                (true, false),
                &mut path,
                &Graph {
                    ids: &ids,
                    names: &names,
                    owners_of: &owners_of,
                    is_listed: &is_listed,
                    reaches: &reaches,
                },
                &mut chains,
            );
            judge(names[company], rule, chains)
        })
        .collect()
}

struct Graph<'a> {
    ids: &'a HashMap<&'a str, usize>,
    names: &'a [&'a str],
    owners_of: &'a [Vec<&'a Stake>],
    is_listed: &'a [bool],
    /// Whether a listed party is among a node's owners, however far up: only those chains
    /// are followed.
    reaches: &'a [bool],
}

/// Which nodes a listed party owns, directly or down a chain: every node below a listed one.
fn reaches_listed(
    ids: &HashMap<&str, usize>,
    owners_of: &[Vec<&Stake>],
    is_listed: &[bool],
    stakes: &[Stake],
) -> Vec<bool> {
    let mut owned_by: Vec<Vec<usize>> = vec![Vec::new(); owners_of.len()];
    for s in stakes {
        owned_by[ids[s.owner.as_str()]].push(ids[s.owned.as_str()]);
    }
    let mut reaches = vec![false; owners_of.len()];
    let mut stack: Vec<usize> = (0..is_listed.len()).filter(|&n| is_listed[n]).collect();
    for &n in &stack {
        reaches[n] = true;
    }
    while let Some(n) = stack.pop() {
        for &below in &owned_by[n] {
            if !reaches[below] {
                reaches[below] = true;
                stack.push(below);
            }
        }
    }
    reaches
}

/// Follows the owners of `node` up, `share` being what the chain so far passes on (percent of
/// the company), and `(controls, joint)` what every hop so far gives.
fn walk(
    node: usize,
    share: Option<f64>,
    (controls, joint): (bool, bool),
    path: &mut Vec<usize>,
    g: &Graph,
    chains: &mut Vec<Chain>,
) {
    if path.len() > MAX_DEPTH {
        return;
    }
    for stake in &g.owners_of[node] {
        if chains.len() >= MAX_CHAINS {
            return;
        }
        let owner = g.ids[stake.owner.as_str()];
        if !g.reaches[owner] || path.contains(&owner) {
            continue;
        }
        let passed = match (share, stake.share) {
            (Some(a), Some(b)) => Some(a * b / 100.0),
            _ => None,
        };
        let hop_controls =
            stake.control == Control::Control || stake.share.is_some_and(|s| s > 50.0);
        let hop = (
            controls && hop_controls,
            joint || stake.control == Control::Joint,
        );
        if g.is_listed[owner] {
            let mut owners = vec![stake.owner.clone()];
            // Down the chain: the path holds the company first, then each owner upwards.
            for &n in path.iter().skip(1).rev() {
                owners.push(g.names[n].to_string());
            }
            chains.push(Chain {
                owners,
                share: passed,
                controls: hop.0,
                joint: hop.1,
            });
            continue;
        }
        path.push(owner);
        walk(owner, passed, hop, path, g, chains);
        path.pop();
    }
}

fn judge(entity: &str, rule: Rule, paths: Vec<Chain>) -> Finding {
    let known = |c: &&Chain| c.share.unwrap_or(0.0);
    let missing = paths.iter().any(|c| c.share.is_none());
    let (listed_share, blocked) = match rule {
        Rule::Ofac | Rule::Eu => {
            // `+ 0.0`: an empty float sum is -0.0.
            let total = paths.iter().map(|c| known(&c)).sum::<f64>() + 0.0;
            (total, total >= 50.0 - 1e-9)
        }
        Rule::Uk => {
            let mut by_owner: HashMap<&str, f64> = HashMap::new();
            let mut joint = 0.0;
            for c in &paths {
                if c.joint {
                    joint += known(&c);
                } else {
                    *by_owner.entry(c.owners[0].as_str()).or_default() += known(&c);
                }
            }
            let largest = by_owner.values().copied().fold(joint, f64::max);
            let controls = paths.iter().any(|c| c.controls);
            (largest, largest > 50.0 + 1e-9 || controls)
        }
    };
    Finding {
        entity: entity.to_string(),
        rule: rule.as_str(),
        listed_share: (listed_share * 1e4).round() / 1e4,
        blocked,
        unknown: !blocked && missing,
        paths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ownership::read_csv;

    fn run(csv: &str, rule: Rule) -> Vec<Finding> {
        let stakes = read_csv(csv.as_bytes()).unwrap();
        assert!(stakes.errors.is_empty(), "{:?}", stakes.errors);
        evaluate(&stakes.stakes, rule, |n| n.starts_with("SDN"))
    }

    #[test]
    fn two_listed_minorities_block_under_ofac_and_eu_not_uk() {
        let csv = "owner,owned,share\nSDN Ali,Target Co,30\nSDN Bob,Target Co,25\nClean Ltd,Target Co,45\n";
        for rule in [Rule::Ofac, Rule::Eu] {
            let f = &run(csv, rule)[0];
            assert!(f.blocked && !f.unknown);
            assert_eq!(f.listed_share, 55.0);
            assert_eq!(f.paths.len(), 2);
        }
        let uk = &run(csv, Rule::Uk)[0];
        assert!(!uk.blocked);
        assert_eq!(uk.listed_share, 30.0);
    }

    #[test]
    fn chains_multiply_and_cycles_end() {
        let csv = "owner,owned,share\nSDN Ali,Hold A,80\nHold A,Op B,75\nOp B,Hold A,10\n";
        let f = run(csv, Rule::Ofac);
        let op = f.iter().find(|f| f.entity == "Op B").unwrap();
        assert_eq!(op.listed_share, 60.0);
        assert_eq!(op.paths[0].owners, ["SDN Ali", "Hold A"]);
        assert!(op.blocked);
    }

    #[test]
    fn a_missing_share_makes_the_answer_unknown() {
        let csv = "owner,owned,share\nSDN Ali,Co,\nOther,Co,10\n";
        let f = &run(csv, Rule::Ofac)[0];
        assert!(!f.blocked && f.unknown);
        assert_eq!(f.paths[0].share, None);
    }

    #[test]
    fn uk_counts_control_and_joint_stakes() {
        let csv = "owner,owned,share,control\nSDN Ali,Co,10,yes\nSDN Bob,Joint Co,30,joint\nSDN Cy,Joint Co,25,joint\n";
        let f = run(csv, Rule::Uk);
        assert!(f[0].blocked);
        assert!(f[1].blocked);
        assert_eq!(f[1].listed_share, 55.0);
    }
}
