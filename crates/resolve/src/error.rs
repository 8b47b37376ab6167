use std::path::PathBuf;

/// What can go wrong reading or writing the resolver's files.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("{location}: {message}")]
    Database { location: String, message: String },
    #[error("{path}: not the resolver's clusters file: {source}")]
    Clusters {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error("{location}, line {line}: {message}")]
    Import {
        location: String,
        line: usize,
        message: String,
    },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, ResolveError>;
