//! The evaluation's subject files (`../shared/eval-dev/`, skipped with a notice where absent)
//! read row for row as the `csv` crate reads them, and as `zeef batch` reads them: nothing
//! malformed, every line accounted for.

use zeef_subjects::{CsvRows, RowSource, RowTally};

#[test]
fn real_subject_files_read_as_the_csv_crate_reads_them() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let dir = shared.join("eval-dev/screening");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    files.sort();
    assert!(files.len() >= 4, "{files:?}");
    for path in files {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let expected: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(&data[..])
            .records()
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut rows = CsvRows::new(&data[..]);
        let mut got = Vec::new();
        while let Some(row) = rows.next_row().unwrap_or_else(|e| panic!("{e}")) {
            got.push(
                row.fields
                    .unwrap_or_else(|e| panic!("{}: line {}: {e}", path.display(), row.line)),
            );
        }
        assert_eq!(got, expected, "{}", path.display());
        assert!(
            expected.len() > 600,
            "{}: {} rows",
            path.display(),
            expected.len()
        );

        let mut source =
            RowSource::csv(&data[..], "subjects.csv").unwrap_or_else(|e| panic!("{e:#}"));
        let mut tally = RowTally::default();
        loop {
            let chunk = source.next_chunk(1000).unwrap_or_else(|e| panic!("{e:#}"));
            if chunk.is_empty() {
                break;
            }
            chunk.iter().for_each(|r| tally.count(r));
        }
        let lines = source.input_lines();
        assert_eq!(
            (tally.rows, tally.skipped),
            (expected.len() - 1, 0),
            "{}",
            path.display()
        );
        assert_eq!(
            lines.lines,
            lines.header + tally.row_lines,
            "{}: blank lines?",
            path.display()
        );
    }
}
