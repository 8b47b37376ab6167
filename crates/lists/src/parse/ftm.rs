//! TODO: being written.
use super::{Input, Parsed};
use crate::ParseError;

pub fn parse(_source: &str, inputs: &[Input]) -> Result<Parsed, ParseError> {
    let name = inputs.first().map(|i| i.name.as_str()).unwrap_or("?");
    Err(ParseError::new(name, "parser not written yet"))
}
