//! The reader of subject files (`zeef batch`, `rescreen`, `report --subjects`): any bytes as
//! CSV with a header and as FtM JSON lines. Beyond not panicking, no row is lost: the rows
//! read and the lines between them add up to the lines of the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zeef_subjects::{CsvRows, RowSource, RowTally};

fuzz_target!(|data: &[u8]| {
    // The splitter alone: rows in order, never overlapping, never past the last line.
    let mut rows = CsvRows::new(data);
    let mut next_free = 1;
    while let Ok(Some(row)) = rows.next_row() {
        assert!(
            row.line >= next_free && row.lines >= 1,
            "row at line {} overlaps",
            row.line
        );
        next_free = row.line + row.lines;
    }
    // Lines end at `\n`, `\r\n` or a lone `\r`.
    let lines = rows.lines_read();
    let breaks = data
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || data[i - 1] != b'\r')))
        .count() as u64;
    assert_eq!(
        lines,
        breaks + u64::from(data.last().is_some_and(|&b| b != b'\n' && b != b'\r'))
    );
    assert!(next_free <= lines + 1);

    // Whole rows, as the commands read them.
    for csv in [true, false] {
        let source = if csv {
            match RowSource::csv(data, "fuzzed.csv") {
                Ok(s) => s,
                Err(_) => continue,
            }
        } else {
            RowSource::jsonl(data)
        };
        let mut source = source;
        let mut tally = RowTally::default();
        loop {
            let chunk = source.next_chunk(7).unwrap_or_default();
            if chunk.is_empty() {
                break;
            }
            chunk.iter().for_each(|r| tally.count(r));
        }
        let input = source.input_lines();
        assert!(
            input.header + tally.row_lines <= input.lines,
            "lines counted twice"
        );
        let _ = tally.lines_summary(input);
    }
});
