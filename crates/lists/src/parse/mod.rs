//! One module per list format. Every parser has the same shape:
//! `fn parse(source: &str, inputs: &[Input]) -> Result<Parsed, ParseError>`:
//! it picks its files from `inputs` by name, makes entity ids `<source>-<official id>`, and
//! fills each entity's provenance record ids, reference numbers and cross-references. The
//! list date and sha256 are filled in by [`crate::parse_inputs`]. Parsers never panic on
//! outside input: a malformed file is a [`ParseError`] naming file and position.

use crate::ParseError;
use zeef_model::{Entity, Relationship};

pub mod au;
pub mod ca;
pub mod eu;
pub mod ftm;
pub mod inflate;
pub mod ofac_advanced;
pub mod ofac_csv;
mod ofac_remarks;
pub mod ofac_xml;
pub mod sheet;
pub mod uk;
pub mod uk_ofsi;
pub mod un;
pub mod us_csl;
pub mod us_dpl;
pub(crate) mod xml_node;

/// One file of a list, as read from a mirror or a download.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file name, e.g. `sdn.csv`.
    pub name: String,
    pub data: Vec<u8>,
    /// The most bytes this file may inflate to, where it is compressed (gzip, xlsx): past
    /// that it is refused as a decompression bomb. [`inflate::DEFAULT_MAX_INFLATED`] unless
    /// set.
    pub max_inflated: u64,
}

impl Input {
    pub fn new(name: impl Into<String>, data: impl Into<Vec<u8>>) -> Self {
        Input {
            name: name.into(),
            data: data.into(),
            max_inflated: inflate::DEFAULT_MAX_INFLATED,
        }
    }

    /// The same input with another decompression limit.
    pub fn max_inflated(mut self, bytes: u64) -> Self {
        self.max_inflated = bytes;
        self
    }
}

/// What a parser produces.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub entities: Vec<Entity>,
    /// The date the list states about itself (ISO, possibly partial), if it states one.
    pub list_date: Option<String>,
    /// The links the list states between parties (see [`crate::relations`]); filled by
    /// [`crate::parse_inputs`] after the parser ran.
    pub relationships: Vec<Relationship>,
}

/// Finds the input called `name` (case-insensitive).
pub fn find<'a>(inputs: &'a [Input], name: &str) -> Option<&'a Input> {
    inputs.iter().find(|i| i.name.eq_ignore_ascii_case(name))
}

/// Finds the input called `name`, or fails naming what was expected.
pub fn require<'a>(inputs: &'a [Input], name: &str) -> Result<&'a Input, ParseError> {
    find(inputs, name).ok_or_else(|| ParseError::new(name, "file missing from the source folder"))
}
