//! `zeef report`: a due-diligence report for a set of subjects over a period (lists and
//! versions screened against, findings, decisions, open alerts), as HTML, Markdown or JSON.

use crate::cli::{ReportArgs, ReportFormat};
use crate::recording::{open_existing, parse_when, row_subject_id};
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;
use zeef_lists::DataDir;
use zeef_subjects::{CsvRow, CsvRows};

/// Column names that make the first line of a subjects file a CSV header of a batch file.
const NAME_COLUMNS: &[&str] = &["full_name", "name", "first_name", "last_name"];

pub fn run(data: &DataDir, a: ReportArgs) -> Result<ExitCode> {
    let subjects = match &a.subjects {
        Some(path) => {
            let ids = read_subjects(path)?;
            if ids.is_empty() {
                bail!("{}: no subject ids in the file", path.display());
            }
            ids
        }
        None => Vec::new(),
    };
    let from = match &a.from {
        Some(d) => parse_when("--from", d)?,
        None => time::OffsetDateTime::UNIX_EPOCH,
    };
    let to = match &a.to {
        // A bare date includes the whole day.
        Some(d) if d.trim().len() == 10 => parse_when("--to", d)? + Duration::from_secs(86_400),
        Some(d) => parse_when("--to", d)?,
        // "Now", plus a moment so a screening recorded this very microsecond is included.
        None => zeef_audit::now() + Duration::from_millis(1),
    };
    if to <= from {
        bail!("--to must be after --from");
    }
    let store = open_existing(data, a.store.database.as_deref())?;
    let report = store.report(&subjects, from, to)?;
    let text = match a.format {
        ReportFormat::Html => report.to_html(),
        ReportFormat::Json => report.to_json(),
        ReportFormat::Md => report.to_markdown(),
    };
    match &a.output {
        Some(path) => {
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!(
                "Report on {} subject(s), {} screening(s), {} alert(s) ({} open) written to {}",
                report.subjects.len(),
                report.summary.screenings,
                report.summary.alerts,
                report.summary.open,
                path.display()
            );
        }
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Subject ids from a file: a CSV with an `id` column, the CSV a batch screened (rows without
/// an id are `<file>:row-N`, as `zeef batch --record` names them), or one id per line.
fn read_subjects(path: &Path) -> Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    // The header is read as `zeef batch` reads it, and so are the rows below.
    let mut rows = CsvRows::new(text.as_bytes());
    let header: Vec<String> = match rows.next_row() {
        Ok(Some(CsvRow {
            fields: Ok(first), ..
        })) => first
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect(),
        _ => Vec::new(),
    };
    let id_column = header.iter().position(|h| h == "id");
    let is_batch_file = header.iter().any(|h| NAME_COLUMNS.contains(&h.as_str()));
    if id_column.is_none() && !is_batch_file {
        let ids = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string);
        return Ok(unique(ids));
    }
    let input = path.display().to_string();
    // Numbered as `zeef batch` numbers rows: every row after the header, readable or not.
    let mut ids = Vec::new();
    while let Some(row) = rows
        .next_row()
        .with_context(|| format!("cannot read {input}"))?
    {
        let id = row
            .fields
            .ok()
            .and_then(|r| id_column.and_then(|i| r.get(i).map(|v| v.trim().to_string())))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| row_subject_id(&input, ids.len() + 1));
        ids.push(id);
    }
    Ok(unique(ids.into_iter()))
}

/// In first-seen order, without repeats.
fn unique(ids: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.filter(|id| seen.insert(id.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<String> {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("partners.csv");
        std::fs::write(&p, text).unwrap_or_else(|e| panic!("{e}"));
        read_subjects(&p).unwrap_or_else(|e| panic!("{e}"))
    }

    proptest::proptest! {
        /// A CSV with an id column (any text, written by a CSV writer): each row's id, trimmed,
        /// or the row's batch name where it has none; first seen first, no repeats.
        #[test]
        fn subjects_from_any_csv_with_ids(
            rows in proptest::collection::vec(("\\PC{0,10}", "\\PC{0,10}"), 0..12)
        ) {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "full_name"]).unwrap_or_else(|e| panic!("{e}"));
            for (id, name) in &rows {
                w.write_record([id, name]).unwrap_or_else(|e| panic!("{e}"));
            }
            let text = String::from_utf8(w.into_inner().unwrap_or_else(|e| panic!("{e}")))
                .unwrap_or_else(|e| panic!("{e}"));
            let expected = unique(rows.iter().enumerate().map(|(n, (id, _))| match id.trim() {
                "" => format!("partners.csv:row-{}", n + 1),
                id => id.to_string(),
            }));
            proptest::prop_assert_eq!(ids(&text), expected);
        }
    }

    #[test]
    fn subjects_from_lists_and_csv() {
        assert_eq!(ids("C-1\n\nC-2\nC-1\n"), ["C-1", "C-2"]);
        assert_eq!(
            ids("full_name,id,country\nAnn Example,C-9,nl\n\"Bo, Example\",,se\n"),
            ["C-9", "partners.csv:row-2"]
        );
        assert_eq!(
            ids("name,country\nAnn Example,nl\n"),
            ["partners.csv:row-1"]
        );
    }

    /// An unclosed quote costs its own row only, numbered as `zeef batch` numbers it.
    #[test]
    fn an_unclosed_quote_costs_one_row() {
        assert_eq!(
            ids("id,full_name\nC-1,Ann Example\n\"C-2,Bo Example\nC-3,Cor Example\n"),
            ["C-1", "partners.csv:row-2", "C-3"]
        );
    }
}
