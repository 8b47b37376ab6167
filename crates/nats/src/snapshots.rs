//! Snapshots through JetStream: `zeef update --publish` puts a snapshot's files (its
//! manifest, each source's entities and relationships, and the resolver's clusters for it)
//! into the object store, then names it in the key-value bucket. Replicas, workers and
//! watchers download the named snapshot into a data directory of their own and load it
//! from there with the code that loads any snapshot. The name is written only after every
//! file is in, so nobody ever downloads half a snapshot.

use std::path::{Path, PathBuf};

use async_nats::jetstream::{kv, object_store};
use futures_util::StreamExt;
use zeef_lists::DataDir;

use crate::Nats;
use crate::error::{NatsError, Result};
use crate::objects::{get_file, put_file};

/// The object store holding snapshots' files, as `<id>/<path in the snapshot folder>`.
pub const BUCKET: &str = "zeef-snapshots";
/// The key-value bucket naming the current snapshot.
pub const CURRENT_BUCKET: &str = "zeef-current";
/// Its one key.
pub const CURRENT_KEY: &str = "snapshot";
/// Snapshots kept in the object store (the newest; older ones are deleted on publishing).
pub const KEEP: usize = 3;
/// The resolver's clusters, stored beside a snapshot's files under this name.
const CLUSTERS: &str = "resolve/clusters.json";

/// What publishing did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Published {
    pub snapshot: String,
    /// Files put (0 when the snapshot was already the published one).
    pub files: usize,
    pub bytes: u64,
    /// Whether the resolver's clusters went with it.
    pub resolved: bool,
    /// Older snapshots deleted from the store.
    pub pruned: Vec<String>,
}

impl Nats {
    async fn snapshot_store(&self) -> Result<object_store::ObjectStore> {
        self.object_store(object_store::Config {
            bucket: BUCKET.to_string(),
            description: Some("zeef snapshots: the lists as parsed, by snapshot id".into()),
            ..Default::default()
        })
        .await
    }

    async fn current_bucket(&self) -> Result<kv::Store> {
        if let Ok(s) = self.js.get_key_value(CURRENT_BUCKET).await {
            return Ok(s);
        }
        // The bucket's stream is made here as the client would make it: the client's own
        // `create_key_value` first asks for the account's details, which it cannot read
        // from NATS servers before 2.10.
        self.js
            .create_stream(async_nats::jetstream::stream::Config {
                name: format!("KV_{CURRENT_BUCKET}"),
                description: Some("the zeef snapshot to serve".into()),
                subjects: vec![format!("$KV.{CURRENT_BUCKET}.>")],
                max_messages_per_subject: 10,
                allow_rollup: true,
                deny_delete: true,
                allow_direct: true,
                discard: async_nats::jetstream::stream::DiscardPolicy::New,
                ..Default::default()
            })
            .await
            .map_err(|e| NatsError::objects(CURRENT_BUCKET, e))?;
        self.js
            .get_key_value(CURRENT_BUCKET)
            .await
            .map_err(|e| NatsError::objects(CURRENT_BUCKET, e))
    }

    /// The id of the published snapshot, if any.
    pub async fn current_snapshot(&self) -> Result<Option<String>> {
        let kv = self.current_bucket().await?;
        let value = kv
            .get(CURRENT_KEY)
            .await
            .map_err(|e| NatsError::objects(CURRENT_BUCKET, e))?;
        Ok(value
            .map(|v| String::from_utf8_lossy(&v).trim().to_string())
            .filter(|s| !s.is_empty()))
    }

    /// The published snapshot's id, or an error saying how to publish one.
    pub async fn require_snapshot(&self) -> Result<String> {
        self.current_snapshot()
            .await?
            .ok_or_else(|| NatsError::NothingPublished {
                url: self.url.clone(),
            })
    }

    /// Publishes `data`'s snapshot `id` and names it current.
    pub async fn publish_snapshot(&self, data: &DataDir, id: &str) -> Result<Published> {
        let store = self.snapshot_store().await?;
        if self.current_snapshot().await?.as_deref() == Some(id) {
            return Ok(Published {
                snapshot: id.to_string(),
                files: 0,
                bytes: 0,
                resolved: false,
                pruned: Vec::new(),
            });
        }
        data.manifest(id)?;
        let folder = data.root().join("snapshots").join(id);
        let mut files = Vec::new();
        list_files(&folder, &folder, &mut files)?;
        let mut bytes = 0;
        for (rel, path) in &files {
            bytes += put_file(&store, BUCKET, &format!("{id}/{rel}"), path).await?;
        }
        let clusters = resolved_clusters(data.root(), id);
        if let Some(path) = &clusters {
            bytes += put_file(&store, BUCKET, &format!("{id}/{CLUSTERS}"), path).await?;
        }
        // Named only once every file is in.
        self.current_bucket()
            .await?
            .put(CURRENT_KEY, id.to_string().into())
            .await
            .map_err(|e| NatsError::objects(CURRENT_BUCKET, e))?;
        let pruned = prune(&store, KEEP).await?;
        Ok(Published {
            snapshot: id.to_string(),
            files: files.len() + usize::from(clusters.is_some()),
            bytes,
            resolved: clusters.is_some(),
            pruned,
        })
    }

    /// Downloads snapshot `id` into `data` (unless it is there already) and makes it the
    /// current one there. Older downloaded snapshots but the one before are removed.
    pub async fn download_snapshot(&self, id: &str, data: &DataDir) -> Result<()> {
        let root = data.root().to_path_buf();
        let snapshots = root.join("snapshots");
        let target = snapshots.join(id);
        if !target.join("manifest.json").is_file() {
            let store = self.snapshot_store().await?;
            let names = object_names(&store, &format!("{id}/")).await?;
            if !names.iter().any(|n| n == "manifest.json") {
                return Err(NatsError::objects(
                    BUCKET,
                    format!("snapshot {id} is named current but its manifest.json is missing"),
                ));
            }
            // Per process: several workers may share a data directory.
            let staging = snapshots.join(format!(".staging-{id}-{}", std::process::id()));
            let _ = tokio::fs::remove_dir_all(&staging).await;
            for name in &names {
                let dest = if name == CLUSTERS {
                    root.join("resolve")
                        .join(format!("clusters.json.{}", std::process::id()))
                } else {
                    staging.join(name)
                };
                get_file(&store, BUCKET, &format!("{id}/{name}"), &dest).await?;
            }
            if let Err(e) = tokio::fs::rename(&staging, &target).await {
                // Another process sharing the folder put the same snapshot there first.
                let _ = tokio::fs::remove_dir_all(&staging).await;
                if !target.join("manifest.json").is_file() {
                    return Err(NatsError::io(&target)(e));
                }
            }
            if names.iter().any(|n| n == CLUSTERS) {
                let to = root.join("resolve").join("clusters.json");
                let from = root
                    .join("resolve")
                    .join(format!("clusters.json.{}", std::process::id()));
                tokio::fs::rename(&from, &to)
                    .await
                    .map_err(NatsError::io(&to))?;
            }
        }
        let previous = data.current_id()?;
        let tmp = root.join("CURRENT.tmp");
        tokio::fs::write(&tmp, id)
            .await
            .map_err(NatsError::io(&tmp))?;
        let cur = root.join("CURRENT");
        tokio::fs::rename(&tmp, &cur)
            .await
            .map_err(NatsError::io(&cur))?;
        remove_others(&snapshots, id, previous.as_deref()).await;
        Ok(())
    }

    /// Watches the name of the current snapshot: yields it now (if any) and at each change.
    pub async fn watch_snapshots(
        &self,
    ) -> Result<futures_util::stream::BoxStream<'static, String>> {
        let kv = self.current_bucket().await?;
        let watch = kv
            .watch_with_history(CURRENT_KEY)
            .await
            .map_err(|e| NatsError::objects(CURRENT_BUCKET, e))?;
        Ok(watch
            .filter_map(|entry| async move {
                let entry = entry.ok()?;
                (entry.operation == kv::Operation::Put)
                    .then(|| String::from_utf8_lossy(&entry.value).trim().to_string())
                    .filter(|s| !s.is_empty())
            })
            .boxed())
    }
}

/// Files of a snapshot folder, by path relative to it: all but the raw list files, which
/// nothing that loads a snapshot reads.
fn list_files(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(NatsError::io(dir))?;
    for entry in entries {
        let entry = entry.map_err(NatsError::io(dir))?;
        let path = entry.path();
        if path.is_dir() {
            if entry.file_name() != "raw" {
                list_files(base, &path, out)?;
            }
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push((rel.to_string_lossy().replace('\\', "/"), path));
        }
    }
    out.sort();
    Ok(())
}

/// The resolver's clusters file, where it was made for snapshot `id`.
fn resolved_clusters(root: &Path, id: &str) -> Option<PathBuf> {
    #[derive(serde::Deserialize)]
    struct Head {
        snapshot: Option<String>,
    }
    let path = root.join("resolve").join("clusters.json");
    let file = std::fs::File::open(&path).ok()?;
    let head: Head = serde_json::from_reader(std::io::BufReader::new(file)).ok()?;
    (head.snapshot.as_deref() == Some(id)).then_some(path)
}

/// Names of the objects under `prefix`, without it.
async fn object_names(store: &object_store::ObjectStore, prefix: &str) -> Result<Vec<String>> {
    let mut list = store
        .list()
        .await
        .map_err(|e| NatsError::objects(BUCKET, e))?;
    let mut out = Vec::new();
    while let Some(info) = list.next().await {
        let info = info.map_err(|e| NatsError::objects(BUCKET, e))?;
        if !info.deleted
            && let Some(rest) = info.name.strip_prefix(prefix)
        {
            out.push(rest.to_string());
        }
    }
    Ok(out)
}

/// Deletes all but the `keep` newest snapshots (ids sort by time); returns those deleted.
async fn prune(store: &object_store::ObjectStore, keep: usize) -> Result<Vec<String>> {
    let names = object_names(store, "").await?;
    let mut ids: Vec<&str> = names.iter().filter_map(|n| n.split('/').next()).collect();
    ids.sort_unstable();
    ids.dedup();
    let doomed: Vec<String> = ids
        .iter()
        .take(ids.len().saturating_sub(keep))
        .map(|s| s.to_string())
        .collect();
    for name in &names {
        if doomed.iter().any(|d| name.starts_with(&format!("{d}/"))) {
            store
                .delete(name)
                .await
                .map_err(|e| NatsError::objects(BUCKET, format!("{name}: {e}")))?;
        }
    }
    Ok(doomed)
}

/// Removes downloaded snapshots other than `keep` and `previous` (a reader may still be
/// loading the one before).
async fn remove_others(snapshots: &Path, keep: &str, previous: Option<&str>) {
    let Ok(mut entries) = tokio::fs::read_dir(snapshots).await else {
        return;
    };
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().to_string();
        if name != keep && Some(name.as_str()) != previous && !name.starts_with(".staging-") {
            let _ = tokio::fs::remove_dir_all(entry.path()).await;
        }
    }
}
