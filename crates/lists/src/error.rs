use std::fmt;

/// A list file that could not be read: names the file, where in it, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ParseError {
    /// The file name (as in the mirror, e.g. `consolidated.xml`).
    pub file: String,
    /// Where in the file: `line 12`, `row 7`, `byte 3456`, `record 12 (DATAID 6908555)`, ...
    pub position: Option<String>,
    pub message: String,
}

impl ParseError {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        ParseError {
            file: file.into(),
            position: None,
            message: message.into(),
        }
    }

    pub fn at(mut self, position: impl Into<String>) -> Self {
        self.position = Some(position.into());
        self
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.position {
            Some(p) => write!(f, "{}: {}: {}", self.file, p, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}
