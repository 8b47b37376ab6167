//! Files to and from a JetStream object store: the one way zeef copies them.

use async_nats::jetstream::object_store::ObjectStore;
use std::path::Path;
use tokio::io::AsyncWriteExt;

use crate::Nats;
use crate::error::{NatsError, Result};

impl Nats {
    /// The object store `config.bucket`, created with `config` if missing.
    pub(crate) async fn object_store(
        &self,
        config: async_nats::jetstream::object_store::Config,
    ) -> Result<ObjectStore> {
        if let Ok(s) = self.js.get_object_store(&config.bucket).await {
            return Ok(s);
        }
        let bucket = config.bucket.clone();
        self.js
            .create_object_store(config)
            .await
            .map_err(|e| NatsError::objects(&bucket, e))
    }
}

/// Puts the file at `path` into `store` (bucket `bucket`, for messages) as `name`; its size.
pub(crate) async fn put_file(
    store: &ObjectStore,
    bucket: &str,
    name: &str,
    path: &Path,
) -> Result<u64> {
    let mut file = tokio::fs::File::open(path)
        .await
        .map_err(NatsError::io(path))?;
    let info = store
        .put(name, &mut file)
        .await
        .map_err(|e| NatsError::objects(bucket, format!("{name}: {e}")))?;
    Ok(info.size as u64)
}

/// Writes object `name` of `store` to `dest` (its folder made if missing).
pub(crate) async fn get_file(
    store: &ObjectStore,
    bucket: &str,
    name: &str,
    dest: &Path,
) -> Result<()> {
    if let Some(dir) = dest.parent() {
        tokio::fs::create_dir_all(dir)
            .await
            .map_err(NatsError::io(dir))?;
    }
    let mut object = store
        .get(name)
        .await
        .map_err(|e| NatsError::objects(bucket, format!("{name}: {e}")))?;
    let mut file = tokio::fs::File::create(dest)
        .await
        .map_err(NatsError::io(dest))?;
    // The object store checks each object's SHA-256 digest as it is read.
    tokio::io::copy(&mut object, &mut file)
        .await
        .map_err(|e| NatsError::objects(bucket, format!("{name}: {e}")))?;
    file.flush().await.map_err(NatsError::io(dest))?;
    Ok(())
}
