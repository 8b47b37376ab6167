use std::fmt;

/// The longest message kept whole: enough for any explanation and a quoted value of
/// [`zeef_model::QUOTED_BYTES`]; a longer one quotes too much of the file and is cut.
pub const MESSAGE_BYTES: usize = 600;

fn clipped(text: String, max: usize) -> String {
    match zeef_model::clip(&text, max) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(cut) => cut,
    }
}

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
    /// An error about `file`; a message that quotes a long piece of the file is cut (past
    /// 600 bytes).
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        ParseError {
            file: file.into(),
            position: None,
            message: clipped(message.into(), MESSAGE_BYTES),
        }
    }

    pub fn at(mut self, position: impl Into<String>) -> Self {
        self.position = Some(clipped(position.into(), zeef_model::QUOTED_BYTES));
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
