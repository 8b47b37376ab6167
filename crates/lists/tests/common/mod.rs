//! What the parser tests share: parsing one fixture file, finding an entity, reading notes.
#![allow(dead_code)]

use zeef_lists::{Input, ParseError, Parsed};
use zeef_model::{Entity, Prop};

/// A parser's entry point, as every module of `zeef_lists::parse` has it.
pub type Parser = fn(&str, &[Input]) -> Result<Parsed, ParseError>;

/// Parses one fixture file as `source`; a fixture that does not parse fails the test.
pub fn parse_one(parser: Parser, source: &str, name: &str, data: impl Into<Vec<u8>>) -> Parsed {
    parser(source, &[Input::new(name, data)])
        .unwrap_or_else(|e| panic!("fixture {name} does not parse: {e}"))
}

/// The entity with this id; fails the test, naming the ids there are, where it is missing.
pub fn by_id<'a>(p: &'a Parsed, id: &str) -> &'a Entity {
    p.entities.iter().find(|e| e.id == id).unwrap_or_else(|| {
        panic!(
            "{id} missing: {:?}",
            p.entities.iter().map(|e| &e.id).collect::<Vec<_>>()
        )
    })
}

/// True when the entity carries this note, word for word.
pub fn has_note(e: &Entity, note: &str) -> bool {
    e.get(Prop::Notes).iter().any(|n| n == note)
}
