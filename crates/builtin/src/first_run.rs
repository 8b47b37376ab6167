//! The first run: a data directory without a snapshot gets one before anything is screened.
//! The publishers are asked first (all at once, a few seconds at most, to learn which can be
//! reached); the lists of those that answer are downloaded, and every other list comes from
//! the built-in copy. Without network, or with `offline`, the built-in copy is used at once.

use std::time::Duration;
use zeef_lists::DataDir;
use zeef_lists::addresses::Addresses;
use zeef_lists::fetch::{FetchOptions, probe};
use zeef_lists::source::SOURCES;
use zeef_lists::store::{Origin, UpdateError, UpdateOptions, UpdateProgress, UpdateReport, update};

/// How a first run goes.
#[derive(Debug, Clone)]
pub struct FirstRun {
    /// Where the lists come from when reachable: the publishers, or a mirror.
    pub origin: Origin,
    /// Do not try the network: use the built-in copy at once.
    pub offline: bool,
    pub addresses: Addresses,
    /// How long the reachability check may take.
    pub probe_timeout: Duration,
    pub fetch: FetchOptions,
}

impl Default for FirstRun {
    fn default() -> Self {
        FirstRun {
            origin: Origin::Official,
            offline: false,
            addresses: Addresses::official(),
            probe_timeout: Duration::from_secs(5),
            fetch: FetchOptions::default(),
        }
    }
}

/// What a first run did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// There was a snapshot already: nothing done.
    Existing,
    /// Every list was fetched from where `origin` says.
    Fetched,
    /// Some or all lists come from the built-in copy: `(source, why it was not fetched)`.
    Builtin { unreachable: Vec<(String, String)> },
}

/// Makes sure `data` has a current snapshot; see the module docs.
pub fn ensure_current(
    data: &DataDir,
    first: &FirstRun,
    progress: &mut dyn UpdateProgress,
) -> Result<Outcome, UpdateError> {
    if data.current_id()?.is_some() {
        return Ok(Outcome::Existing);
    }
    if first.offline {
        install_all(data, progress)?;
        return Ok(Outcome::Builtin {
            unreachable: vec![(
                "all".to_string(),
                "offline (--offline or ZEEF_OFFLINE)".to_string(),
            )],
        });
    }
    let mut unreachable: Vec<(String, String)> = Vec::new();
    let mut reachable: Vec<String> = Vec::new();
    match &first.origin {
        Origin::Official => {
            let (names, urls): (Vec<&str>, Vec<String>) = SOURCES
                .iter()
                .filter(|s| s.retired.is_none())
                .filter_map(|s| {
                    let file = s.variants.first()?.files.first()?;
                    Some((s.name, first.addresses.file_url(s.name, file.name)?))
                })
                .unzip();
            for (name, answer) in names.iter().zip(probe(&urls, first.probe_timeout)) {
                match answer {
                    Ok(()) => reachable.push(name.to_string()),
                    Err(why) => unreachable.push((name.to_string(), why)),
                }
            }
        }
        Origin::Url(base) => {
            match probe(std::slice::from_ref(base), first.probe_timeout).remove(0) {
                Ok(()) => {}
                Err(why) => unreachable.push(("all".to_string(), format!("{base}: {why}"))),
            }
        }
        Origin::Dir(_) | Origin::Files(_) => {}
    }
    let nothing_reachable = matches!(first.origin, Origin::Official) && reachable.is_empty();
    if nothing_reachable || unreachable.iter().any(|(s, _)| s == "all") {
        install_all(data, progress)?;
        return Ok(Outcome::Builtin { unreachable });
    }
    let opts = UpdateOptions {
        origin: first.origin.clone(),
        sources: matches!(first.origin, Origin::Official).then(|| reachable.clone()),
        skip_failed: true,
        fetch: first.fetch.clone(),
        addresses: first.addresses.clone(),
        ..UpdateOptions::default()
    };
    let fetched = match update(data, &opts, progress) {
        Ok(report) => report,
        Err(UpdateError::Sources(failed)) => {
            // Nothing could be fetched: the built-in copy stands in for all of it.
            unreachable.extend(failed);
            install_all(data, progress)?;
            return Ok(Outcome::Builtin { unreachable });
        }
        Err(e) => return Err(e),
    };
    unreachable.extend(fetched.failed.iter().cloned());
    let have: Vec<&str> = fetched
        .manifest
        .sources
        .iter()
        .map(|s| s.source.as_str())
        .collect();
    let missing: Vec<String> = crate::sources()
        .into_iter()
        .filter(|s| !have.contains(s))
        .filter(|s| unreachable.iter().any(|(u, _)| u == s))
        .map(str::to_string)
        .collect();
    if missing.is_empty() {
        return Ok(if unreachable.is_empty() {
            Outcome::Fetched
        } else {
            Outcome::Builtin { unreachable }
        });
    }
    install(data, Some(&missing), progress)?;
    Ok(Outcome::Builtin { unreachable })
}

/// Publishes a snapshot of every built-in list with the clusters resolved from them, so the
/// first screening need not resolve ~24,000 records first.
fn install_all(
    data: &DataDir,
    progress: &mut dyn UpdateProgress,
) -> Result<UpdateReport, UpdateError> {
    let report = install(data, None, progress)?;
    if let Err(e) = crate::install_clusters(data) {
        // Not fatal: the first screening resolves the snapshot itself.
        progress.note(&format!("built-in clusters not installed: {e}"));
    }
    Ok(report)
}

/// Publishes a snapshot of the built-in lists (`sources` of them, or all), carrying over
/// whatever the current snapshot holds besides.
pub fn install(
    data: &DataDir,
    sources: Option<&[String]>,
    progress: &mut dyn UpdateProgress,
) -> Result<UpdateReport, UpdateError> {
    let files = crate::files(sources)
        .map_err(|e| UpdateError::Sources(vec![(e.source_name.clone(), e.to_string())]))?;
    let opts = UpdateOptions {
        origin: Origin::Files(files),
        // The built-in copy is older than any list a user fetched: never let it shrink one.
        force: true,
        ..UpdateOptions::default()
    };
    update(data, &opts, progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offline_installs_the_builtin_copy_and_marks_it() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let first = FirstRun {
            offline: true,
            ..FirstRun::default()
        };
        let out = ensure_current(&data, &first, &mut ()).unwrap();
        assert!(matches!(out, Outcome::Builtin { .. }), "{out:?}");
        let m = data.manifest(&data.current_id().unwrap().unwrap()).unwrap();
        assert_eq!(
            m.sources
                .iter()
                .map(|s| s.source.as_str())
                .collect::<Vec<_>>(),
            crate::sources()
        );
        assert!(m.sources.iter().all(|s| s.builtin));
        // The resolved entities come with them: nothing to resolve before the first screening.
        let resolved = zeef_resolve::ResolveDir::new(data.root())
            .load()
            .unwrap()
            .expect("built-in clusters installed");
        assert_eq!(resolved.snapshot, data.current_id().unwrap());
        assert_eq!(
            m.source("un").unwrap().list_date.as_deref(),
            Some("2026-02-27")
        );
        // A second run finds the snapshot and does nothing.
        assert_eq!(
            ensure_current(&data, &first, &mut ()).unwrap(),
            Outcome::Existing
        );
    }

    #[test]
    fn unreachable_publishers_fall_back_to_the_builtin_copy() {
        let dir = tempfile::tempdir().unwrap();
        let data = DataDir::new(dir.path());
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let first = FirstRun {
            origin: Origin::Url(format!("http://127.0.0.1:{port}/lists")),
            ..FirstRun::default()
        };
        match ensure_current(&data, &first, &mut ()).unwrap() {
            Outcome::Builtin { unreachable } => {
                assert!(unreachable[0].1.contains("refused"), "{unreachable:?}")
            }
            other => panic!("expected the built-in copy, got {other:?}"),
        }
        let m = data.manifest(&data.current_id().unwrap().unwrap()).unwrap();
        assert!(m.source("un").is_some_and(|s| s.builtin));
    }
}
