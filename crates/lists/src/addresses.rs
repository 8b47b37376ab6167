//! Where each source is downloaded from: its publisher's official addresses, unless a mirror
//! or proxy address is set for it in `sources.toml` or in an environment variable.
//!
//! ```toml
//! # sources.toml
//! [uk]
//! url = "https://mirror.example.org/uk/UK-Sanctions-List.xml"   # one file
//! [ofac_sdn]
//! url = "https://proxy.example.org/ofac/"                       # a folder: <url>/<file name>
//! ```
//!
//! `ZEEF_SOURCE_<NAME>_URL` (`ZEEF_SOURCE_UK_URL`, `ZEEF_SOURCE_OFAC_SDN_URL`) sets the same
//! for one source and wins over the file; several addresses are separated by spaces. An
//! address whose last path segment is one of the source's file names replaces that file's
//! address; any other address is a folder holding the files under their usual names.

use crate::source::{self, SOURCES, SourceSpec};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The environment variable that overrides `source`'s address: `ZEEF_SOURCE_UK_URL`.
pub fn env_var(source: &str) -> String {
    format!("ZEEF_SOURCE_{}_URL", source.to_ascii_uppercase())
}

/// Addresses set for a source, and where they were set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub urls: Vec<String>,
    /// `ZEEF_SOURCE_UK_URL`, or the config file's path.
    pub set_in: String,
}

/// The address overrides in force.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Addresses {
    overrides: BTreeMap<String, Override>,
}

/// A config file that could not be used.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct ConfigError {
    pub path: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    url: Urls,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Urls {
    One(String),
    Many(Vec<String>),
}

impl Addresses {
    /// No overrides: every source from its official addresses.
    pub fn official() -> Self {
        Addresses::default()
    }

    /// Reads `config` (absent is fine) and then the environment through `env`.
    pub fn load(
        config: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, ConfigError> {
        let mut a = Addresses::default();
        if let Some(path) = config {
            match std::fs::read_to_string(path) {
                Ok(text) => a.read_toml(&path.display().to_string(), &text)?,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(ConfigError {
                        path: path.display().to_string(),
                        message: e.to_string(),
                    });
                }
            }
        }
        for spec in SOURCES {
            let var = env_var(spec.name);
            if let Some(value) = env(&var).filter(|v| !v.trim().is_empty()) {
                let urls = value.split_whitespace().map(str::to_string).collect();
                a.overrides
                    .insert(spec.name.to_string(), Override { urls, set_in: var });
            }
        }
        Ok(a)
    }

    /// Reads `sources.toml` text: one table per source, each with `url` (a string or a list).
    pub fn read_toml(&mut self, path: &str, text: &str) -> Result<(), ConfigError> {
        let err = |message: String| ConfigError {
            path: path.to_string(),
            message,
        };
        let tables: BTreeMap<String, SourceEntry> =
            toml::from_str(text).map_err(|e| err(e.to_string()))?;
        for (name, entry) in tables {
            if source::spec(&name).is_none() {
                let known: Vec<&str> = SOURCES.iter().map(|s| s.name).collect();
                return Err(err(format!(
                    "[{name}]: no such source (known: {})",
                    known.join(", ")
                )));
            }
            let urls = match entry.url {
                Urls::One(u) => vec![u],
                Urls::Many(v) => v,
            };
            if let Some(bad) = urls
                .iter()
                .find(|u| !(u.starts_with("http://") || u.starts_with("https://")))
            {
                return Err(err(format!(
                    "[{name}]: url {bad:?} is not an http:// or https:// address"
                )));
            }
            self.overrides.insert(
                name,
                Override {
                    urls,
                    set_in: path.to_string(),
                },
            );
        }
        Ok(())
    }

    /// The override for `source`, if one is set.
    pub fn overridden(&self, source: &str) -> Option<&Override> {
        self.overrides.get(source)
    }

    /// Where `file` of `source` is downloaded from; `None` where it has no address (an
    /// override names other files of the source, or the publisher offers no download).
    pub fn file_url(&self, source: &str, file: &str) -> Option<String> {
        let spec = source::spec(source)?;
        match self.overrides.get(source) {
            Some(o) => override_url(spec, &o.urls, file),
            None => official_url(spec, file),
        }
    }
}

fn official_url(spec: &SourceSpec, file: &str) -> Option<String> {
    spec.variants
        .iter()
        .flat_map(|v| v.files.iter())
        .find(|f| f.name.eq_ignore_ascii_case(file))
        .map(|f| f.url.to_string())
        .filter(|u| !u.is_empty())
}

/// An address naming `file` itself, else the first folder address joined with the name.
fn override_url(spec: &SourceSpec, urls: &[String], file: &str) -> Option<String> {
    let names_file = |u: &str| {
        let path = u.split(['?', '#']).next().unwrap_or(u);
        let last = path.rsplit('/').next().unwrap_or("");
        spec.variants
            .iter()
            .flat_map(|v| v.files.iter())
            .find(|f| f.name.eq_ignore_ascii_case(last))
            .map(|f| f.name)
    };
    if let Some(u) = urls
        .iter()
        .find(|u| names_file(u).is_some_and(|n| n.eq_ignore_ascii_case(file)))
    {
        return Some(u.clone());
    }
    urls.iter()
        .find(|u| names_file(u).is_none())
        .map(|folder| format!("{}/{file}", folder.trim_end_matches('/')))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn official_addresses_without_overrides() {
        let a = Addresses::official();
        assert_eq!(
            a.file_url("uk", "UK-Sanctions-List.xml").as_deref(),
            Some("https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml")
        );
        assert_eq!(
            a.file_url("ofac_sdn", "sdn.xml").as_deref(),
            Some(
                "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML"
            )
        );
        assert_eq!(a.file_url("us_csl", "consolidated.csv.gz"), None);
        assert_eq!(a.file_url("nope", "x"), None);
    }

    #[test]
    fn a_file_address_replaces_that_file_and_a_folder_serves_the_rest() {
        let a = Addresses::load(
            None,
            env(&[(
                "ZEEF_SOURCE_OFAC_SDN_URL",
                "https://m.example/x/SDN.XML https://proxy.example/ofac/",
            )]),
        )
        .unwrap();
        assert_eq!(
            a.file_url("ofac_sdn", "sdn.xml").as_deref(),
            Some("https://m.example/x/SDN.XML")
        );
        assert_eq!(
            a.file_url("ofac_sdn", "alt.csv").as_deref(),
            Some("https://proxy.example/ofac/alt.csv")
        );
        assert_eq!(
            a.overridden("ofac_sdn").unwrap().set_in,
            "ZEEF_SOURCE_OFAC_SDN_URL"
        );
        // Other sources keep their official addresses.
        assert!(
            a.file_url("un", "consolidated.xml")
                .unwrap()
                .contains("un.org")
        );
    }

    #[test]
    fn only_named_files_when_no_folder_is_given() {
        let mut a = Addresses::default();
        a.read_toml(
            "sources.toml",
            "[uk]\nurl = \"https://m.example/uk/UK-Sanctions-List.xml\"\n",
        )
        .unwrap();
        assert!(a.file_url("uk", "UK-Sanctions-List.xml").is_some());
        assert_eq!(a.file_url("uk", "UK-Sanctions-List.csv"), None);
    }

    #[test]
    fn the_environment_wins_over_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sources.toml");
        std::fs::write(&path, "[un]\nurl = [\"https://file.example/un/\"]\n").unwrap();
        let from_file = Addresses::load(Some(&path), |_| None).unwrap();
        assert_eq!(
            from_file.file_url("un", "consolidated.xml").as_deref(),
            Some("https://file.example/un/consolidated.xml")
        );
        let both = Addresses::load(
            Some(&path),
            env(&[("ZEEF_SOURCE_UN_URL", "https://env.example/un")]),
        )
        .unwrap();
        assert_eq!(
            both.file_url("un", "consolidated.xml").as_deref(),
            Some("https://env.example/un/consolidated.xml")
        );
        // A missing file is no error: the official addresses apply.
        assert_eq!(
            Addresses::load(Some(&dir.path().join("absent.toml")), |_| None).unwrap(),
            Addresses::official()
        );
    }

    #[test]
    fn bad_config_names_the_file_and_the_problem() {
        let mut a = Addresses::default();
        let e = a
            .read_toml("s.toml", "[ukk]\nurl = \"https://x/\"\n")
            .unwrap_err();
        assert!(
            e.to_string().starts_with("s.toml: [ukk]: no such source"),
            "{e}"
        );
        let e = a
            .read_toml("s.toml", "[uk]\nurl = \"ftp://x/\"\n")
            .unwrap_err();
        assert!(e.to_string().contains("not an http"), "{e}");
        let e = a
            .read_toml("s.toml", "[uk]\nurll = \"https://x/\"\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("s.toml: "), "{e}");
    }
}
