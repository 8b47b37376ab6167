//! What can go wrong talking to NATS, each naming the server, stream or object concerned.

/// An error of zeef's NATS side.
#[derive(Debug, thiserror::Error)]
pub enum NatsError {
    #[error(
        "cannot reach NATS at {url}: {why} (is `nats-server -js` running there, and is the URL right?)"
    )]
    Unreachable { url: String, why: String },
    #[error("NATS at {url} has no JetStream: {why} (start the server with -js)")]
    NoJetStream { url: String, why: String },
    #[error("stream {name}: {why}")]
    Stream { name: String, why: String },
    #[error("{name} is misconfigured: {why}; delete it or fix its settings")]
    Misconfigured { name: String, why: String },
    #[error("object store {bucket}: {why}")]
    Objects { bucket: String, why: String },
    #[error("no snapshot published in NATS at {url} yet: run `zeef update --publish {url}`")]
    NothingPublished { url: String },
    #[error("{0}")]
    Data(#[from] zeef_lists::store::StoreError),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, NatsError>;

impl NatsError {
    pub(crate) fn objects(bucket: &str, why: impl std::fmt::Display) -> NatsError {
        NatsError::Objects {
            bucket: bucket.to_string(),
            why: why.to_string(),
        }
    }

    pub(crate) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> NatsError + '_ {
        move |source| NatsError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
