//! The official lists built into zeef (`lists/`, compressed, with their terms in
//! `lists/LICENCES.md`), and the first run: where a data directory has no snapshot yet,
//! [`ensure_current`] fetches the lists from their publishers and falls back on the built-in
//! copy for every publisher that cannot be reached, so that a fresh machine can screen at once,
//! with or without network. Snapshots made from the built-in copy mark each such source
//! `builtin`, and every front door warns about them (see `zeef_lists::freshness`).

pub mod clusters;
mod first_run;

pub use clusters::{ClustersError, install_clusters};
pub use first_run::{FirstRun, Outcome, ensure_current, install};

use flate2::read::GzDecoder;
use std::io::Read;
use zeef_lists::Input;
use zeef_lists::store::SourceFiles;

/// The terms of the built-in lists.
pub const LICENCES: &str = include_str!("../lists/LICENCES.md");

/// One built-in file: the source, the file's name as a mirror names it, the bytes, whether
/// they are gzip-compressed here (and not as published).
struct File {
    source: &'static str,
    name: &'static str,
    data: &'static [u8],
    gzipped: bool,
}

macro_rules! builtin_file {
    ($source:literal, $name:literal, gz) => {
        File {
            source: $source,
            name: $name,
            data: include_bytes!(concat!("../lists/", $source, "/", $name, ".gz")),
            gzipped: true,
        }
    };
    ($source:literal, $name:literal) => {
        File {
            source: $source,
            name: $name,
            data: include_bytes!(concat!("../lists/", $source, "/", $name)),
            gzipped: false,
        }
    };
}

static FILES: &[File] = &[
    builtin_file!("un", "consolidated.xml", gz),
    builtin_file!("ofac_sdn", "sdn.csv", gz),
    builtin_file!("ofac_cons", "cons_prim.csv", gz),
    builtin_file!("ofac_cons", "cons_add.csv", gz),
    builtin_file!("ofac_cons", "cons_alt.csv", gz),
    builtin_file!("ofac_cons", "cons_comments.csv", gz),
    builtin_file!("uk_ofsi", "ConList.xlsx"),
    builtin_file!("ca", "sema-lmes.xml", gz),
    builtin_file!("au", "regulation8_consolidated.xlsx"),
    builtin_file!("us_dpl", "dpl.txt", gz),
    builtin_file!("us_csl", "consolidated.csv.gz"),
];

/// When each built-in list was taken from its publisher (RFC 3339): the list's own date
/// where it states one, else the day the copy was made. Ages count from here where a list
/// states no date.
static TAKEN: &[(&str, &str)] = &[
    ("un", "2026-02-27T00:00:00Z"),
    ("ofac_sdn", "2024-05-03T18:43:00Z"),
    ("ofac_cons", "2025-12-19T00:00:00Z"),
    ("uk_ofsi", "2025-04-10T00:00:00Z"),
    ("ca", "2025-05-25T00:00:00Z"),
    ("au", "2024-12-17T00:00:00Z"),
    ("us_dpl", "2023-11-30T00:00:00Z"),
    ("us_csl", "2025-02-27T00:00:00Z"),
];

/// The names of the built-in sources, in order.
pub fn sources() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for f in FILES {
        if !out.contains(&f.source) {
            out.push(f.source);
        }
    }
    out
}

/// A built-in file that cannot be read back (a damaged build).
#[derive(Debug, thiserror::Error)]
#[error("built-in list file {source_name}/{file}: {message}")]
pub struct BuiltinError {
    pub source_name: String,
    pub file: String,
    pub message: String,
}

/// The built-in files of `wanted` sources (all where `None`), decompressed.
pub fn files(wanted: Option<&[String]>) -> Result<Vec<SourceFiles>, BuiltinError> {
    let mut out: Vec<SourceFiles> = Vec::new();
    for f in FILES {
        if wanted.is_some_and(|w| !w.iter().any(|s| s == f.source)) {
            continue;
        }
        let data = if f.gzipped {
            let mut v = Vec::with_capacity(f.data.len() * 6);
            GzDecoder::new(f.data)
                .read_to_end(&mut v)
                .map_err(|e| BuiltinError {
                    source_name: f.source.to_string(),
                    file: f.name.to_string(),
                    message: e.to_string(),
                })?;
            v
        } else {
            f.data.to_vec()
        };
        let input = Input::new(f.name, data);
        match out.iter_mut().find(|s| s.source == f.source) {
            Some(s) => s.files.push(input),
            None => out.push(SourceFiles {
                source: f.source.to_string(),
                files: vec![input],
                fetched_at: TAKEN
                    .iter()
                    .find(|(s, _)| *s == f.source)
                    .map(|(_, t)| t.to_string())
                    .unwrap_or_default(),
                builtin: true,
            }),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_file_reads_back_and_parses() {
        let all = files(None).unwrap();
        assert_eq!(
            all.iter().map(|s| s.source.as_str()).collect::<Vec<_>>(),
            sources()
        );
        for s in &all {
            assert!(s.builtin && !s.fetched_at.is_empty(), "{}", s.source);
            let parsed = zeef_lists::parse_inputs(&s.source, &s.files)
                .unwrap_or_else(|e| panic!("{}: {e}", s.source));
            assert!(!parsed.entities.is_empty(), "{}", s.source);
            assert!(
                zeef_lists::source::spec(&s.source).is_some(),
                "{}",
                s.source
            );
        }
        let un = all.iter().find(|s| s.source == "un").unwrap();
        let parsed = zeef_lists::parse_inputs("un", &un.files).unwrap();
        assert!(parsed.entities.iter().any(|e| e.id == "un-QDi.299"));
    }

    #[test]
    fn every_builtin_source_has_a_taken_date_and_licence_row() {
        for s in sources() {
            assert!(TAKEN.iter().any(|(t, _)| *t == s), "{s} has no taken date");
            assert!(
                LICENCES.contains(&format!("| `{s}/` |")),
                "{s} not in LICENCES.md"
            );
        }
    }

    #[test]
    fn a_subset_is_only_what_was_asked() {
        let some = files(Some(&["un".to_string(), "nope".to_string()])).unwrap();
        assert_eq!(some.len(), 1);
        assert_eq!(some[0].files[0].name, "consolidated.xml");
    }
}
