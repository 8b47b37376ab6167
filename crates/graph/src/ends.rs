//! Tying a link's named end to the listed party it names: a party of the same list first,
//! then of another list, and only where exactly one party carries the name (any of its names,
//! compared as the resolver compares names across lists: marks, case, punctuation and word
//! order folded). Where several parties carry the name, the one whose main name it is wins,
//! if only one is.

use std::collections::HashMap;
use zeef_model::{Entity, Prop};
use zeef_resolve::values::name_key;

/// What a named end became.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tie {
    /// The one party of the stating list carrying the name.
    SameList(usize),
    /// The one party of any other list carrying the name.
    OtherList(usize),
    /// Left a named node, and why.
    Unresolved(String),
}

/// A party carrying a name: its node, its list, and whether the name is its main one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Carrier {
    node: usize,
    source: String,
    main: bool,
}

/// Every listed name, folded, with the parties that carry it.
pub struct EndIndex {
    by_name: HashMap<String, Vec<Carrier>>,
}

impl EndIndex {
    /// Indexes the names of `entities`, each under the node `node_of` gives its id.
    pub fn new(entities: &[Entity], node_of: impl Fn(&str) -> Option<usize>) -> EndIndex {
        let mut by_name: HashMap<String, Vec<Carrier>> = HashMap::new();
        for e in entities {
            let Some(node) = node_of(&e.id) else { continue };
            for (prop, name) in e.names() {
                let carriers = by_name.entry(name_key(name)).or_default();
                let carrier = Carrier {
                    node,
                    source: e.provenance.source.clone(),
                    main: prop == Prop::Name,
                };
                if !carriers.contains(&carrier) {
                    carriers.push(carrier);
                }
            }
        }
        EndIndex { by_name }
    }

    /// Ties `name`, stated by a record of list `source`.
    pub fn tie(&self, name: &str, source: &str) -> Tie {
        let carriers = self
            .by_name
            .get(&name_key(name))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let nodes = |same: bool| {
            let of = |main_only: bool| {
                let mut n: Vec<usize> = carriers
                    .iter()
                    .filter(|c| (c.source == source) == same && (c.main || !main_only))
                    .map(|c| c.node)
                    .collect();
                n.sort_unstable();
                n.dedup();
                n
            };
            match of(true) {
                one if one.len() == 1 => one,
                _ => of(false),
            }
        };
        match nodes(true).as_slice() {
            [one] => return Tie::SameList(*one),
            [] => {}
            many => {
                return Tie::Unresolved(format!(
                    "several parties of the list carry the name ({})",
                    many.len()
                ));
            }
        }
        match nodes(false).as_slice() {
            [one] => Tie::OtherList(*one),
            [] => Tie::Unresolved("no list carries the name".to_string()),
            many => Tie::Unresolved(format!(
                "several parties of other lists carry the name ({})",
                many.len()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::Schema;

    fn entity(id: &str, source: &str, name: &str) -> Entity {
        let mut e = Entity::new(id, Schema::Person, source);
        e.add(Prop::Name, name);
        e
    }

    #[test]
    fn same_list_first_then_others_and_ambiguity_is_said() {
        let entities = [
            entity("a-1", "a", "Mohammad Nadeem GHANI"),
            entity("b-1", "b", "Mohammad Nadeem Ghani"),
            entity("b-2", "b", "Other Party"),
            entity("a-2", "a", "Twin Name"),
            entity("a-3", "a", "Twin Name"),
            entity("a-4", "a", "Main Name"),
            entity("a-5", "a", "Someone Else"),
        ];
        let mut entities = entities.to_vec();
        entities[6].add(Prop::Alias, "Main Name");
        let ix = EndIndex::new(&entities, |id| entities.iter().position(|e| e.id == id));
        assert_eq!(ix.tie("GHANI, Mohammad Nadeem", "a"), Tie::SameList(0));
        assert_eq!(ix.tie("main name", "a"), Tie::SameList(5));
        assert_eq!(ix.tie("OTHER PARTY", "a"), Tie::OtherList(2));
        assert_eq!(
            ix.tie("Twin Name", "a"),
            Tie::Unresolved("several parties of the list carry the name (2)".into())
        );
        assert_eq!(
            ix.tie("Nobody", "a"),
            Tie::Unresolved("no list carries the name".into())
        );
    }
}
