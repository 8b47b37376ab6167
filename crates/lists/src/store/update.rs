//! `zeef update`: builds a new snapshot beside the current one and makes it current only when
//! every source was fetched, parsed and passed its sanity checks. A failure or a killed
//! process leaves the current snapshot as it was.

use super::{
    DataDir, ENTITIES_FILE, FileManifest, Manifest, RELATIONSHIPS_FILE, SourceManifest, StoreError,
    io_err,
};
use crate::addresses::Addresses;
use crate::fetch::{FetchOptions, Fetched, Fetcher, Validators};
use crate::source::{self, SOURCES, SourceSpec};
use crate::{Input, Parsed, parse_inputs};
use rayon::prelude::*;
use ring::digest::{SHA256, digest};
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Where an update takes the lists from.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Each publisher's official address.
    Official,
    /// A local mirror: one folder per source, as `../shared/data/lists/`.
    Dir(PathBuf),
    /// An HTTP mirror laid out like a local one: `<base>/<source>/<file>`.
    Url(String),
    /// List files at hand (zeef's built-in snapshot): each source's files, and when they
    /// were taken from the publisher (RFC 3339).
    Files(Vec<SourceFiles>),
}

/// The files of one source, already read.
#[derive(Debug, Clone)]
pub struct SourceFiles {
    pub source: String,
    pub files: Vec<Input>,
    /// When the files were fetched from the publisher (RFC 3339).
    pub fetched_at: String,
    /// The files are zeef's built-in copy, not a download.
    pub builtin: bool,
}

/// How an update runs.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    pub origin: Origin,
    /// Only these sources (others are carried over from the current snapshot).
    pub sources: Option<Vec<String>>,
    /// Accept a source that fails a sanity check (shrank by more than half, no entities).
    pub force: bool,
    /// Publish the snapshot even if some sources failed, carrying over their previous version.
    pub skip_failed: bool,
    /// How many snapshots to keep (at least 1).
    pub keep: usize,
    pub fetch: FetchOptions,
    /// Where each source is downloaded from (official, or overridden for a mirror or proxy).
    pub addresses: Addresses,
    /// The most bytes one compressed list file (gzip, xlsx) may inflate to.
    pub max_inflated: u64,
}

impl Default for UpdateOptions {
    fn default() -> Self {
        UpdateOptions {
            origin: Origin::Official,
            sources: None,
            force: false,
            skip_failed: false,
            keep: 5,
            fetch: FetchOptions::default(),
            addresses: Addresses::official(),
            max_inflated: crate::parse::inflate::DEFAULT_MAX_INFLATED,
        }
    }
}

/// Hears how an update goes, e.g. to draw progress bars.
pub trait UpdateProgress {
    fn started(&mut self, _source: &str, _origin: &str) {}
    fn bytes(&mut self, _source: &str, _file: &str, _done: u64, _total: Option<u64>) {}
    fn finished(&mut self, _source: &str, _outcome: Result<&SourceManifest, &str>) {}
    /// Something the user should know that is not an error (a fallback taken).
    fn note(&mut self, _message: &str) {}
}

impl UpdateProgress for () {}

/// Why an update published nothing.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    #[error("update refused, the current snapshot is unchanged:\n{}", .0.iter().map(|(s, m)| format!("  {s}: {m}")).collect::<Vec<_>>().join("\n"))]
    Sources(Vec<(String, String)>),
    #[error("another update is running in this data directory ({0})")]
    Busy(String),
    #[error("nothing to update: {0}")]
    Nothing(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What an update published.
#[derive(Debug, Clone)]
pub struct UpdateReport {
    pub manifest: Manifest,
    /// Sources that failed but were carried over (with `skip_failed`).
    pub failed: Vec<(String, String)>,
}

/// One source to fetch: from a folder, or by download (from `base`, an HTTP mirror, or
/// else from the official addresses).
enum Job {
    Dir(PathBuf),
    Download { base: Option<String> },
    Files(SourceFiles),
}

/// (source, what went wrong)
type Failures = Vec<(String, String)>;

/// The address of one file of a source: on the HTTP mirror, or the official one (or its
/// configured override).
fn file_url(addresses: &Addresses, base: Option<&str>, source: &str, file: &str) -> Option<String> {
    match base {
        Some(b) => Some(format!("{}/{source}/{file}", b.trim_end_matches('/'))),
        None => addresses.file_url(source, file),
    }
}

/// Runs an update. See the module docs.
pub fn update(
    data: &DataDir,
    opts: &UpdateOptions,
    progress: &mut dyn UpdateProgress,
) -> Result<UpdateReport, UpdateError> {
    let root = data.root();
    let snaps = data.snapshots_dir();
    fs::create_dir_all(&snaps).map_err(io_err(&snaps))?;
    let lock_path = root.join("update.lock");
    let lock = fs::File::create(&lock_path).map_err(io_err(&lock_path))?;
    if lock.try_lock().is_err() {
        return Err(UpdateError::Busy(lock_path.display().to_string()));
    }
    let current = data.current_id()?;
    remove_leftovers(data, current.as_deref())?;

    let previous = match &current {
        Some(id) => Some(data.manifest(id)?),
        None => None,
    };
    let id = new_snapshot_id(&snaps);
    let staging = snaps.join(format!(".staging-{id}"));
    fs::create_dir_all(&staging).map_err(io_err(&staging))?;

    let result = build(data, opts, progress, previous.as_ref(), &id, &staging);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    let final_dir = data.snapshot_dir(&id);
    fs::rename(&staging, &final_dir).map_err(io_err(&final_dir))?;
    sync_dir(&snaps)?;
    let tmp = root.join("CURRENT.tmp");
    write_synced(&tmp, format!("{id}\n").as_bytes())?;
    let cur = root.join("CURRENT");
    fs::rename(&tmp, &cur).map_err(io_err(&cur))?;
    sync_dir(root)?;
    prune(data, opts.keep.max(1), &id)?;
    drop(lock);
    Ok(report)
}

fn build(
    data: &DataDir,
    opts: &UpdateOptions,
    progress: &mut dyn UpdateProgress,
    previous: Option<&Manifest>,
    id: &str,
    staging: &Path,
) -> Result<UpdateReport, UpdateError> {
    let (jobs, mut failures) = plan(opts)?;
    if jobs.is_empty() && failures.is_empty() {
        return Err(UpdateError::Nothing(match &opts.origin {
            Origin::Dir(p) => format!("no list folders found in {}", p.display()),
            _ => "no sources selected".to_string(),
        }));
    }
    let fetcher = Fetcher::new(opts.fetch.clone());
    let prev_of = |name: &str| previous.and_then(|m| m.source(name).map(|s| (m.id.as_str(), s)));
    let origin_of = |name: &str, job: &Job| match job {
        Job::Dir(p) => p.display().to_string(),
        Job::Files(f) if f.builtin => "zeef's built-in copy".to_string(),
        Job::Files(_) => "files given".to_string(),
        Job::Download { base } => {
            let first = source::spec(name)
                .and_then(|s| s.variants.first())
                .and_then(|v| v.files.first());
            let file = first.map(|f| f.name).unwrap_or_default();
            file_url(&opts.addresses, base.as_deref(), name, file)
                .unwrap_or_else(|| "download".to_string())
        }
    };
    let run = |name: &str, job: &Job, progress: &mut dyn UpdateProgress| {
        run_job(
            data,
            name,
            job,
            prev_of(name),
            opts,
            &fetcher,
            staging,
            progress,
        )
    };
    // Lists read from files are parsed in parallel (they report no progress of their own);
    // downloads go one at a time, each with its progress.
    for (name, job) in jobs
        .iter()
        .filter(|(_, j)| !matches!(j, Job::Download { .. }))
    {
        progress.started(name, &origin_of(name, job));
    }
    let mut local: Vec<Option<Result<SourceManifest, String>>> = jobs
        .par_iter()
        .map(|(name, job)| match job {
            Job::Download { .. } => None,
            _ => Some(run(name, job, &mut ())),
        })
        .collect();
    let mut sources = Vec::new();
    for ((name, job), done) in jobs.iter().zip(local.iter_mut()) {
        let outcome = match done.take() {
            Some(outcome) => outcome,
            None => {
                progress.started(name, &origin_of(name, job));
                run(name, job, progress)
            }
        };
        match outcome {
            Ok(m) => {
                progress.finished(name, Ok(&m));
                sources.push(m);
            }
            Err(msg) => {
                progress.finished(name, Err(&msg));
                failures.push((name.clone(), msg));
            }
        }
    }
    // With `skip_failed`, a run where nothing at all could be refreshed is still a failure.
    if !failures.is_empty() && (!opts.skip_failed || sources.is_empty()) {
        return Err(UpdateError::Sources(failures));
    }
    // Carry over every source of the previous snapshot that this update did not refresh.
    if let Some(prev) = previous {
        for s in &prev.sources {
            if sources.iter().any(|n| n.source == s.source) {
                continue;
            }
            let from = data.snapshot_dir(&prev.id).join(&s.source);
            link_tree(&from, &staging.join(&s.source))?;
            add_missing_relationships(&s.source, &staging.join(&s.source))?;
            let mut carried = s.clone();
            carried.carried_from.get_or_insert_with(|| prev.id.clone());
            sources.push(carried);
        }
    }
    if sources.is_empty() {
        return Err(UpdateError::Nothing(match &opts.origin {
            Origin::Dir(p) => format!("no list folders found in {}", p.display()),
            _ => "no sources selected".to_string(),
        }));
    }
    let order = |s: &SourceManifest| {
        SOURCES
            .iter()
            .position(|k| k.name == s.source)
            .unwrap_or(SOURCES.len())
    };
    sources.sort_by(|a, b| order(a).cmp(&order(b)).then(a.source.cmp(&b.source)));
    let manifest = Manifest {
        id: id.to_string(),
        created_at: now_rfc3339(),
        sources,
    };
    let text =
        serde_json::to_vec_pretty(&manifest).map_err(|e| UpdateError::Nothing(e.to_string()))?;
    write_synced(&staging.join("manifest.json"), &text)?;
    sync_dir(staging)?;
    Ok(UpdateReport {
        manifest,
        failed: failures,
    })
}

/// Decides which sources to fetch and how.
fn plan(opts: &UpdateOptions) -> Result<(Vec<(String, Job)>, Failures), UpdateError> {
    let wanted = |name: &str| {
        opts.sources
            .as_ref()
            .is_none_or(|w| w.iter().any(|s| s == name))
    };
    let mut jobs: Vec<(String, Job)> = Vec::new();
    let mut failures = Vec::new();
    match &opts.origin {
        Origin::Dir(dir) => {
            let entries = fs::read_dir(dir).map_err(io_err(dir))?;
            let mut dirs: Vec<(String, PathBuf)> = entries
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_dir())
                .filter_map(|e| Some((e.file_name().into_string().ok()?, e.path())))
                .collect();
            dirs.sort();
            for (folder, path) in dirs {
                if folder.starts_with('.') {
                    continue;
                }
                let files: Vec<String> = fs::read_dir(&path)
                    .map_err(io_err(&path))?
                    .filter_map(|e| e.ok()?.file_name().into_string().ok())
                    .collect();
                // A `uk` folder in the retired OFSI layout holds `uk_ofsi`.
                let name = source::folder_source(&folder, &files).to_string();
                if !wanted(&name) {
                    continue;
                }
                if source::variant_for(&name, &files).is_some() {
                    jobs.push((name, Job::Dir(path)));
                } else if source::spec(&name).is_some() {
                    failures.push((
                        name,
                        format!(
                            "{}: no known layout (files: {})",
                            path.display(),
                            files.join(", ")
                        ),
                    ));
                }
            }
        }
        Origin::Files(sources) => {
            for f in sources.iter().filter(|f| wanted(&f.source)) {
                jobs.push((f.source.clone(), Job::Files(f.clone())));
            }
        }
        Origin::Official | Origin::Url(_) => {
            let base = match &opts.origin {
                Origin::Url(b) => Some(b.clone()),
                _ => None,
            };
            // Retired sources are fetched only when asked for by name.
            let asked = |n: &str| {
                opts.sources
                    .as_ref()
                    .is_some_and(|w| w.iter().any(|s| s == n))
            };
            let fetch = |s: &&SourceSpec| wanted(s.name) && (s.retired.is_none() || asked(s.name));
            for spec in SOURCES.iter().filter(fetch) {
                jobs.push((spec.name.to_string(), Job::Download { base: base.clone() }));
            }
        }
    }
    if let Some(w) = &opts.sources {
        for s in w {
            if !jobs.iter().any(|(n, _)| n == s) && !failures.iter().any(|(n, _)| n == s) {
                failures.push((
                    s.clone(),
                    "unknown source, or not found where the update reads from".to_string(),
                ));
            }
        }
    }
    Ok((jobs, failures))
}

/// Fetches, checks, parses and writes one source into the staging folder.
#[allow(clippy::too_many_arguments)]
fn run_job(
    data: &DataDir,
    name: &str,
    job: &Job,
    prev: Option<(&str, &SourceManifest)>,
    opts: &UpdateOptions,
    fetcher: &Fetcher,
    staging: &Path,
    progress: &mut dyn UpdateProgress,
) -> Result<SourceManifest, String> {
    let (inputs, files, origin, parsed) = match job {
        Job::Dir(dir) => {
            let inputs = source::read_dir_inputs(name, dir).map_err(|e| e.to_string())?;
            let files = inputs
                .iter()
                .map(|i| file_manifest(i, None, Validators::default()))
                .collect();
            let (inputs, parsed) = read_inputs(name, inputs, opts.max_inflated)?;
            (inputs, files, dir.display().to_string(), parsed)
        }
        Job::Files(f) => {
            let files = f
                .files
                .iter()
                .map(|i| file_manifest(i, None, Validators::default()))
                .collect();
            let origin = if f.builtin {
                format!("built into zeef {}", env!("CARGO_PKG_VERSION"))
            } else {
                "files given".to_string()
            };
            let (inputs, parsed) = read_inputs(name, f.files.clone(), opts.max_inflated)?;
            (inputs, files, origin, parsed)
        }
        Job::Download { base } => download(
            data,
            name,
            (&opts.addresses, base.as_deref()),
            prev,
            (fetcher, opts.max_inflated),
            progress,
        )?,
    };
    let count = parsed.entities.len();
    if !opts.force {
        if count == 0 {
            return Err("no entities in the list (use --force to accept)".to_string());
        }
        if let Some((_, p)) = prev.filter(|(_, p)| count * 2 < p.entities) {
            return Err(format!(
                "the list shrank from {} to {count} entities, by more than half (use --force to accept)",
                p.entities
            ));
        }
    }
    let dir = staging.join(name);
    let raw = dir.join("raw");
    fs::create_dir_all(&raw).map_err(|e| format!("{}: {e}", raw.display()))?;
    for i in &inputs {
        write_synced(&raw.join(&i.name), &i.data).map_err(|e| e.to_string())?;
    }
    let mut schemata = BTreeMap::new();
    for e in &parsed.entities {
        *schemata.entry(e.schema.as_str().to_string()).or_insert(0) += 1;
    }
    write_json_lines(&dir.join(ENTITIES_FILE), &parsed.entities).map_err(|e| e.to_string())?;
    write_json_lines(&dir.join(RELATIONSHIPS_FILE), &parsed.relationships)
        .map_err(|e| e.to_string())?;
    let spec = source::spec(name);
    Ok(SourceManifest {
        source: name.to_string(),
        title: spec
            .map(|s| s.title.to_string())
            .unwrap_or_else(|| name.to_string()),
        publisher: spec
            .map(|s| s.publisher.to_string())
            .unwrap_or_else(|| "(FollowTheMoney data)".to_string()),
        list_date: parsed.list_date,
        fetched_at: match job {
            Job::Files(f) => f.fetched_at.clone(),
            _ => now_rfc3339(),
        },
        origin,
        sha256: source::sha256_of(&inputs),
        files,
        entities: count,
        schemata,
        carried_from: None,
        builtin: matches!(job, Job::Files(f) if f.builtin),
    })
}

/// Checks a source's files (inflated size limit, not an HTML error page) and parses them.
fn read_inputs(
    name: &str,
    inputs: Vec<Input>,
    max_inflated: u64,
) -> Result<(Vec<Input>, Parsed), String> {
    let inputs: Vec<Input> = inputs
        .into_iter()
        .map(|i| i.max_inflated(max_inflated))
        .collect();
    for i in &inputs {
        if looks_like_html(&i.data) && !i.name.ends_with(".html") {
            return Err(format!(
                "{}: looks like an HTML page, not a list file (an error page?)",
                i.name
            ));
        }
    }
    let parsed = parse_inputs(name, &inputs).map_err(|e| e.to_string())?;
    Ok((inputs, parsed))
}

type Downloaded = (Vec<Input>, Vec<FileManifest>, String, Parsed);

/// Downloads the files of the first variant whose required files the server has and that
/// can be read: a format that cannot be read (a changed layout, a damaged file) gives way to
/// the publisher's next one, and the user is told.
fn download(
    data: &DataDir,
    name: &str,
    (addresses, base): (&Addresses, Option<&str>),
    prev: Option<(&str, &SourceManifest)>,
    (fetcher, max_inflated): (&Fetcher, u64),
    progress: &mut dyn UpdateProgress,
) -> Result<Downloaded, String> {
    let mut missing = Vec::new();
    let mut unreadable: Option<String> = None;
    let variants = source::spec(name).map(|s| s.variants).unwrap_or_default();
    'variants: for variant in variants {
        let mut inputs = Vec::new();
        let mut files = Vec::new();
        for f in variant.files {
            let Some(u) = file_url(addresses, base, name, f.name) else {
                continue;
            };
            let prev_file = prev.and_then(|(id, s)| {
                s.files
                    .iter()
                    .find(|pf| pf.name == f.name)
                    .map(|pf| (id, s, pf))
            });
            let cached = prev_file
                .map(|(_, _, pf)| &pf.validators)
                .filter(|v| v.etag.is_some() || v.last_modified.is_some());
            let mut on_bytes = |done, total| progress.bytes(name, f.name, done, total);
            let fetched = fetcher.get(&u, cached, &mut on_bytes).map_err(|e| {
                if e.unreachable {
                    format!("publisher unreachable: {e}")
                } else {
                    e.to_string()
                }
            })?;
            match fetched {
                Fetched::Body {
                    data: bytes,
                    validators,
                } => {
                    let input = Input::new(f.name, bytes);
                    files.push(file_manifest(&input, Some(u), validators));
                    inputs.push(input);
                }
                Fetched::NotModified => {
                    let Some((id, _, pf)) = prev_file else {
                        return Err(format!(
                            "{u}: server said 304 Not Modified to an unconditional request"
                        ));
                    };
                    let path = data.snapshot_dir(id).join(name).join("raw").join(f.name);
                    let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                    let input = Input::new(f.name, bytes);
                    files.push(file_manifest(&input, Some(u), pf.validators.clone()));
                    inputs.push(input);
                }
                Fetched::NotFound if f.required => {
                    missing.push(u);
                    continue 'variants;
                }
                Fetched::NotFound => {}
            }
        }
        if !inputs.is_empty() {
            let origin = files
                .first()
                .and_then(|f: &FileManifest| f.url.clone())
                .unwrap_or_default();
            match read_inputs(name, inputs, max_inflated) {
                Ok((inputs, parsed)) => return Ok((inputs, files, origin, parsed)),
                Err(why) => {
                    let why = format!("{origin}: cannot be read: {why}");
                    progress.note(&format!("{name}: {why}; trying the next format"));
                    unreadable = Some(why);
                }
            }
        }
    }
    if let Some(why) = unreadable {
        return Err(why);
    }
    Err(format!(
        "not found on the server (HTTP 404): {}",
        missing.join(", ")
    ))
}

fn file_manifest(i: &Input, url: Option<String>, validators: Validators) -> FileManifest {
    FileManifest {
        name: i.name.clone(),
        sha256: hex::encode(digest(&SHA256, &i.data)),
        bytes: i.data.len() as u64,
        url,
        validators,
    }
}

/// True when a file starts like an HTML page (what servers send instead of a missing file).
fn looks_like_html(data: &[u8]) -> bool {
    let start: Vec<u8> = data
        .iter()
        .skip_while(|b| b.is_ascii_whitespace() || **b == 0xEF || **b == 0xBB || **b == 0xBF)
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

/// Writes JSON lines (entities, relationships) and syncs the file.
fn write_json_lines<T: serde::Serialize>(path: &Path, items: &[T]) -> Result<(), StoreError> {
    let file = fs::File::create(path).map_err(io_err(path))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    for e in items {
        serde_json::to_writer(&mut w, e).map_err(|e| io_err(path)(io::Error::other(e)))?;
        w.write_all(b"\n").map_err(io_err(path))?;
    }
    let file = w.into_inner().map_err(|e| io_err(path)(e.into_error()))?;
    file.sync_all().map_err(io_err(path))
}

fn write_synced(path: &Path, data: &[u8]) -> Result<(), StoreError> {
    let mut f = fs::File::create(path).map_err(io_err(path))?;
    f.write_all(data).map_err(io_err(path))?;
    f.sync_all().map_err(io_err(path))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(io_err(dir))
}

/// Reads the relationships of a source carried over from a snapshot made before zeef read
/// them, from its raw files, so that every source of a new snapshot has its relationships.
fn add_missing_relationships(name: &str, dir: &Path) -> Result<(), StoreError> {
    let path = dir.join(RELATIONSHIPS_FILE);
    if path.is_file() {
        return Ok(());
    }
    let raw = dir.join("raw");
    let mut inputs = Vec::new();
    for entry in fs::read_dir(&raw).into_iter().flatten().flatten() {
        let data = fs::read(entry.path()).map_err(io_err(&entry.path()))?;
        inputs.push(Input::new(entry.file_name().to_string_lossy(), data));
    }
    // A carried source parsed when it was fetched; should it no longer, it simply has none.
    let relationships = parse_inputs(name, &inputs)
        .map(|p| p.relationships)
        .unwrap_or_default();
    write_json_lines(&path, &relationships)
}

/// Hard-links (or copies, where links fail) a folder tree: snapshots are immutable, so sharing
/// unchanged files between them is safe.
fn link_tree(from: &Path, to: &Path) -> Result<(), StoreError> {
    fs::create_dir_all(to).map_err(io_err(to))?;
    for entry in fs::read_dir(from).map_err(io_err(from))? {
        let entry = entry.map_err(io_err(from))?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            link_tree(&src, &dst)?;
        } else if fs::hard_link(&src, &dst).is_err() {
            fs::copy(&src, &dst).map_err(io_err(&dst))?;
        }
    }
    Ok(())
}

/// Prefix of a snapshot folder being removed (renamed first, so that a removal cut short
/// leaves a folder no reader takes for a snapshot).
const REMOVING: &str = ".removing-";

/// Removes what a killed update or pruning left behind: staging folders, folders being
/// removed, and snapshot folders that are not complete (no readable manifest, or a source's
/// entities missing). Never the current snapshot. Runs under the update lock.
fn remove_leftovers(data: &DataDir, current: Option<&str>) -> Result<Vec<String>, StoreError> {
    let snaps = data.snapshots_dir();
    let mut removed = Vec::new();
    for entry in fs::read_dir(&snaps).map_err(io_err(&snaps))? {
        let entry = entry.map_err(io_err(&snaps))?;
        let name = entry.file_name().to_string_lossy().to_string();
        let path = entry.path();
        if !path.is_dir() || Some(name.as_str()) == current {
            continue;
        }
        let leftover = if name.starts_with('.') {
            name.starts_with(".staging-") || name.starts_with(REMOVING)
        } else {
            !is_complete(data, &name)
        };
        if leftover {
            fs::remove_dir_all(&path).map_err(io_err(&path))?;
            removed.push(name);
        }
    }
    if !removed.is_empty() {
        sync_dir(&snaps)?;
    }
    Ok(removed)
}

/// Whether snapshot folder `id` is whole: its manifest reads, and every source it names has
/// its entities file.
fn is_complete(data: &DataDir, id: &str) -> bool {
    let dir = data.snapshot_dir(id);
    data.manifest(id).is_ok_and(|m| {
        m.sources
            .iter()
            .all(|s| dir.join(&s.source).join(ENTITIES_FILE).is_file())
    })
}

/// Keeps the `keep` newest snapshots, and always the current one. A snapshot is renamed out
/// of the way before its files are deleted; leftovers of an earlier pruning are removed.
fn prune(data: &DataDir, keep: usize, current: &str) -> Result<(), StoreError> {
    remove_leftovers(data, Some(current))?;
    let all = data.snapshots()?;
    let excess = all.len().saturating_sub(keep);
    let snaps = data.snapshots_dir();
    for m in all.iter().take(excess) {
        if m.id != current {
            let dir = data.snapshot_dir(&m.id);
            let doomed = snaps.join(format!("{REMOVING}{}", m.id));
            fs::rename(&dir, &doomed).map_err(io_err(&dir))?;
            sync_dir(&snaps)?;
            fs::remove_dir_all(&doomed).map_err(io_err(&doomed))?;
        }
    }
    Ok(())
}

/// A new snapshot id, sortable and greater than every id already there: the UTC time,
/// with `-NNN` added when that second (or a later one, if the clock went back) is taken.
fn new_snapshot_id(snaps: &Path) -> String {
    let now = time::OffsetDateTime::now_utc();
    let fmt = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let base = now
        .format(&fmt)
        .unwrap_or_else(|_| "00000000T000000Z".to_string());
    let latest = fs::read_dir(snaps)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .map(|n| {
            n.trim_start_matches(".staging-")
                .trim_start_matches(REMOVING)
                .to_string()
        })
        .max();
    match latest {
        Some(l) if l.as_str() >= base.as_str() => {
            let (stem, n) = match l.split_once('-') {
                Some((stem, n)) => (stem.to_string(), n.parse::<u32>().unwrap_or(0)),
                None => (l.clone(), 0),
            };
            format!("{stem}-{:03}", n + 1)
        }
        _ => base,
    }
}

/// The current time, RFC 3339, UTC, whole seconds: how manifests and the HTTP service write
/// times.
pub fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}
