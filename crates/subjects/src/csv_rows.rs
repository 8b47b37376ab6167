//! Splitting a CSV file of subjects into rows without ever losing one: a quoted field that is
//! not closed by the end of the file, or that runs across more lines than any real subject
//! file has, makes its row malformed (reported with the line it starts on), and reading goes
//! on from the next line. A plain CSV reader would take the rest of the file into that field.
//!
//! Rows are found with the quoting rules of the `csv` crate (a quote opens a field only at
//! its start, `""` inside quotes is a quote, `\r` and `\n` outside quotes end a row), then
//! each row's fields are read by `csv_core`. A line ends at `\n`, `\r\n` or a lone `\r`.

use std::io::{self, BufRead};

/// Most lines one row may span (line breaks inside quoted fields, as in an address).
pub const MAX_ROW_LINES: u64 = 20;
/// Most bytes one row may have.
pub const MAX_ROW_BYTES: usize = 256 << 10;

/// One row of the file.
#[derive(Debug)]
pub struct CsvRow {
    /// The line the row starts on (1-based).
    pub line: u64,
    /// How many lines of the file it takes (a malformed row: only its first).
    pub lines: u64,
    /// Its fields, or why it is malformed.
    pub fields: Result<csv::StringRecord, String>,
}

/// Where the scan is inside a row.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Between rows: line ends here are blank lines.
    BetweenRows,
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: closes it, or starts `""`.
    QuoteInQuoted,
}

/// Reads rows from CSV bytes; see the module comment.
pub struct CsvRows<R> {
    source: Replaying<R>,
    at: Position,
    /// The current row's bytes, without its line end.
    row: Vec<u8>,
    parser: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

/// Where the reading is, in lines.
struct Position {
    /// The line of the next byte to read.
    line: u64,
    /// Whether the last byte read ended a line (or nothing was read yet).
    at_line_start: bool,
    /// Whether the last byte read was `\r`: a `\n` now ends no other line.
    after_cr: bool,
}

impl Position {
    /// Counts byte `b` read.
    fn advance(&mut self, b: u8) {
        let ends_line = b == b'\r' || (b == b'\n' && !self.after_cr);
        self.line += u64::from(ends_line);
        self.after_cr = b == b'\r';
        self.at_line_start = b == b'\r' || b == b'\n';
    }
}

/// The input, with bytes to read again first: what followed the first line of a row found
/// malformed after it had read further lines.
struct Replaying<R> {
    input: R,
    replay: Vec<u8>,
    at: usize,
}

impl<R: BufRead> Replaying<R> {
    fn fill(&mut self) -> io::Result<&[u8]> {
        if self.at < self.replay.len() {
            return Ok(&self.replay[self.at..]);
        }
        self.input.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.at < self.replay.len() {
            self.at += n;
        } else {
            self.input.consume(n);
        }
    }

    /// Reads `bytes`, then what was still to be replayed, then the input.
    fn replay(&mut self, bytes: &[u8]) {
        let mut replay = bytes.to_vec();
        replay.extend_from_slice(&self.replay[self.at.min(self.replay.len())..]);
        self.replay = replay;
        self.at = 0;
    }
}

/// Why a row stopped being read before its end.
enum Stop {
    /// An unquoted line end: the row is complete.
    Ended,
    TooManyLines,
    TooLong,
}

/// The scan state after byte `b`; `None` where `b` ends the row.
fn step(state: State, b: u8) -> Option<State> {
    let line_end = b == b'\r' || b == b'\n';
    Some(match (state, b) {
        (State::BetweenRows, _) if line_end => State::BetweenRows,
        (State::BetweenRows | State::FieldStart, b'"') => State::Quoted,
        (State::Quoted, b'"') => State::QuoteInQuoted,
        (State::Quoted, _) => State::Quoted,
        (State::QuoteInQuoted, b'"') => State::Quoted,
        (_, b',') => State::FieldStart,
        _ if line_end => return None,
        _ => State::Unquoted,
    })
}

impl<R: BufRead> CsvRows<R> {
    pub fn new(input: R) -> Self {
        CsvRows {
            source: Replaying {
                input,
                replay: Vec::new(),
                at: 0,
            },
            at: Position {
                line: 1,
                at_line_start: true,
                after_cr: false,
            },
            row: Vec::new(),
            parser: csv_core::Reader::new(),
            out: vec![0; 1024],
            ends: vec![0; 32],
        }
    }

    /// Lines of the input read so far (all of them once `next_row` has returned `None`).
    pub fn lines_read(&self) -> u64 {
        self.at.line - u64::from(self.at.at_line_start)
    }

    /// The next row, `None` at the end of the input; an error only when the input cannot be
    /// read.
    pub fn next_row(&mut self) -> io::Result<Option<CsvRow>> {
        self.row.clear();
        let mut state = State::BetweenRows;
        let mut start = self.at.line;
        loop {
            let chunk = self.source.fill()?;
            if chunk.is_empty() {
                return Ok(match state {
                    State::BetweenRows => None,
                    State::Quoted => Some(self.reread_after_first_line(
                        start,
                        format!(
                            "a quoted field of the row starting on line {start} is not closed by the end of the file (an unclosed quote?)"
                        ),
                    )),
                    _ => Some(self.parse(start, self.at.line - start + 1)),
                });
            }
            let (mut used, mut stop) = (0, None);
            for &b in chunk {
                used += 1;
                let next = step(state, b);
                let end_line = self.at.line;
                self.at.advance(b);
                match next {
                    None => {
                        stop = Some((Stop::Ended, end_line));
                        break;
                    }
                    Some(State::BetweenRows) => start = self.at.line,
                    Some(s) => {
                        state = s;
                        self.row.push(b);
                        if self.row.len() > MAX_ROW_BYTES {
                            stop = Some((Stop::TooLong, end_line));
                            break;
                        }
                        if self.at.line - start >= MAX_ROW_LINES {
                            stop = Some((Stop::TooManyLines, end_line));
                            break;
                        }
                    }
                }
            }
            self.source.consume(used);
            match stop {
                None => {}
                Some((Stop::Ended, end_line)) => {
                    return Ok(Some(self.parse(start, end_line - start + 1)));
                }
                Some((Stop::TooManyLines, _)) => {
                    return Ok(Some(self.reread_after_first_line(
                        start,
                        format!(
                            "a quoted field of the row starting on line {start} is still open after {MAX_ROW_LINES} lines (an unclosed quote?)"
                        ),
                    )));
                }
                Some((Stop::TooLong, _)) => {
                    let why = format!(
                        "the row starting on line {start} is longer than {} KiB",
                        MAX_ROW_BYTES >> 10
                    );
                    return Ok(Some(if self.at.line == start {
                        self.skip_rest_of_line(start, why)?
                    } else {
                        self.reread_after_first_line(start, why)
                    }));
                }
            }
        }
    }

    /// A malformed row that read past its first line: it is reported alone (one line), and
    /// the lines after its first are read again.
    fn reread_after_first_line(&mut self, start: u64, why: String) -> CsvRow {
        if let Some(i) = self.row.iter().position(|&b| b == b'\r' || b == b'\n') {
            let crlf = self.row[i] == b'\r' && self.row.get(i + 1) == Some(&b'\n');
            let rest = i + 1 + usize::from(crlf);
            self.source.replay(&self.row[rest..]);
            self.at.line = start + 1;
            self.at.at_line_start = true;
            // A `\r` that ended the row's bytes may be followed by its `\n` in the input.
            self.at.after_cr = self.row[i] == b'\r' && rest == self.row.len();
        }
        CsvRow {
            line: start,
            lines: 1,
            fields: Err(why),
        }
    }

    /// A malformed row too long on its first line: the rest of that line is skipped unread.
    fn skip_rest_of_line(&mut self, start: u64, why: String) -> io::Result<CsvRow> {
        loop {
            let chunk = self.source.fill()?;
            if chunk.is_empty() {
                break;
            }
            match chunk.iter().position(|&b| b == b'\r' || b == b'\n') {
                Some(i) => {
                    let b = chunk[i];
                    self.source.consume(i + 1);
                    self.at.after_cr = false;
                    self.at.advance(b);
                    break;
                }
                None => {
                    let n = chunk.len();
                    self.source.consume(n);
                    self.at.at_line_start = false;
                    self.at.after_cr = false;
                }
            }
        }
        Ok(CsvRow {
            line: start,
            lines: 1,
            fields: Err(why),
        })
    }

    /// The fields of the row just found.
    fn parse(&mut self, line: u64, lines: u64) -> CsvRow {
        let fields = parse_fields(&mut self.parser, &self.row, &mut self.out, &mut self.ends);
        CsvRow {
            line,
            lines,
            fields,
        }
    }
}

/// The fields of one row (no line end outside quotes), as text.
fn parse_fields(
    parser: &mut csv_core::Reader,
    row: &[u8],
    out: &mut Vec<u8>,
    ends: &mut Vec<usize>,
) -> Result<csv::StringRecord, String> {
    use csv_core::ReadRecordResult as R;
    parser.reset();
    let (mut input, mut nout, mut nend) = (row, 0, 0);
    loop {
        let (result, nin, o, e) = parser.read_record(input, &mut out[nout..], &mut ends[nend..]);
        input = &input[nin..];
        nout += o;
        nend += e;
        match result {
            R::InputEmpty => {}
            R::OutputFull => out.resize(out.len() * 2, 0),
            R::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            R::Record | R::End => break,
        }
    }
    let mut record = csv::ByteRecord::with_capacity(nout, nend);
    let mut from = 0;
    for &end in &ends[..nend] {
        record.push_field(&out[from..end]);
        from = end;
    }
    csv::StringRecord::from_byte_record(record).map_err(|e| {
        let field = e.utf8_error().field() + 1;
        format!("field {field} is not UTF-8 text")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A row as the tests see it: (line, lines, fields or why not).
    type Seen = (u64, u64, Result<Vec<String>, String>);

    /// Every row of `input`, and the lines read.
    fn rows(input: &[u8]) -> (Vec<Seen>, u64) {
        let mut reader = CsvRows::new(input);
        let mut out = Vec::new();
        while let Some(r) = reader.next_row().unwrap_or_else(|e| panic!("{e}")) {
            let fields = r.fields.map(|f| f.iter().map(str::to_string).collect());
            out.push((r.line, r.lines, fields));
        }
        (out, reader.lines_read())
    }

    fn ok(fields: &[&str]) -> Result<Vec<String>, String> {
        Ok(fields.iter().map(|f| f.to_string()).collect())
    }

    /// The lines of `input`, as a text editor counts them (`\n`, `\r\n`, `\r`).
    fn line_count(input: &[u8]) -> u64 {
        let breaks = input
            .iter()
            .enumerate()
            .filter(|&(i, &b)| b == b'\r' || (b == b'\n' && (i == 0 || input[i - 1] != b'\r')))
            .count() as u64;
        breaks + u64::from(input.last().is_some_and(|&b| b != b'\n' && b != b'\r'))
    }

    /// 100 rows whose 5th opens a quote it never closes: row 5 is malformed, the 99 others
    /// are read as written.
    #[test]
    fn an_unclosed_quote_costs_its_own_row_only() {
        let mut input = String::from("full_name,country\n");
        for i in 1..=100 {
            if i == 5 {
                input.push_str("\"Acme Trading Ltd,\n");
            } else {
                input.push_str(&format!("Fictive Person {i},nl\n"));
            }
        }
        let (rows, lines) = rows(input.as_bytes());
        assert_eq!(lines, 101);
        assert_eq!(rows.len(), 101, "the header and 100 rows");
        for (i, (line, span, fields)) in rows.iter().enumerate().skip(1) {
            assert_eq!((*line, *span), (i as u64 + 1, 1));
            if i == 5 {
                let why = fields
                    .as_ref()
                    .err()
                    .map(String::as_str)
                    .unwrap_or_default();
                assert!(
                    why.contains("row starting on line 6") && why.contains("unclosed quote"),
                    "{why}"
                );
            } else {
                assert_eq!(fields, &ok(&[&format!("Fictive Person {i}"), "nl"]));
            }
        }
    }

    /// Line breaks inside quotes (an address) keep a row whole; blank lines and `\r\n` are
    /// no rows; a row's line is where it starts.
    #[test]
    fn quoted_line_breaks_blank_lines_and_crlf() {
        let input = b"name,address\r\n\r\nAnn Fictive,\"1 Main St\r\nFictown\r\nNL\"\r\nBo \"Q\" Fictive,\"say \"\"hi\"\"\"\r\n";
        let (rows, lines) = rows(input);
        assert_eq!(
            rows,
            vec![
                (1, 1, ok(&["name", "address"])),
                (3, 3, ok(&["Ann Fictive", "1 Main St\r\nFictown\r\nNL"])),
                (6, 1, ok(&["Bo \"Q\" Fictive", "say \"hi\""])),
            ]
        );
        assert_eq!(lines, 6);
    }

    /// A quote left open on a row in the middle is given up on after `MAX_ROW_LINES` lines,
    /// and the lines after the row's first are read as rows again.
    #[test]
    fn a_quote_open_for_too_many_lines_is_given_up_on() {
        let mut input = String::from("\"Acme, \"\"Trading\n");
        for i in 0..(MAX_ROW_LINES + 5) {
            input.push_str(&format!("Row {i},x\n"));
        }
        input.push_str("\"closing quote\" at last\n");
        let (rows, lines) = rows(input.as_bytes());
        assert_eq!(lines, MAX_ROW_LINES + 7);
        assert!(
            rows[0]
                .2
                .as_ref()
                .is_err_and(|e| e.contains("still open after 20 lines")),
            "{:?}",
            rows[0]
        );
        assert_eq!(rows[0].0, 1);
        assert_eq!(rows.len() as u64, MAX_ROW_LINES + 7);
        assert_eq!(rows[1], (2, 1, ok(&["Row 0", "x"])));
        assert_eq!(
            rows.last().map(|r| &r.2),
            Some(&ok(&["closing quote at last"]))
        );
    }

    /// The last line opens a quote and the file ends (no line end): that row alone.
    #[test]
    fn a_quote_open_at_the_end_of_the_file() {
        let (rows, lines) = rows(b"name\nAnn\n\"Bo");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1], (2, 1, ok(&["Ann"])));
        assert_eq!((rows[2].0, rows[2].1), (3, 1));
        assert!(rows[2].2.is_err());
        assert_eq!(lines, 3);
    }

    /// A row longer than `MAX_ROW_BYTES` is malformed (read past, not kept), on one line or
    /// several; the rows after it are read.
    #[test]
    fn an_overlong_row_is_malformed_and_skipped() {
        let long = "x".repeat(MAX_ROW_BYTES + 10);
        let input = format!("name\n{long},a\nAnn\n\"{long}\nBo\n\"\nCor\n");
        let (rows, lines) = rows(input.as_bytes());
        let seen: Vec<_> = rows
            .iter()
            .map(|(line, span, f)| {
                (
                    *line,
                    *span,
                    f.clone().map_err(|e| e.contains("longer than")),
                )
            })
            .collect();
        let ok = |f: &str| Ok(vec![f.to_string()]);
        assert_eq!(
            seen,
            vec![
                (1, 1, ok("name")),
                (2, 1, Err(true)),
                (3, 1, ok("Ann")),
                (4, 1, Err(true)),
                (5, 1, ok("Bo")),
                // A quote opened on line 6 that the file never closes.
                (6, 1, Err(false)),
                (7, 1, ok("Cor")),
            ]
        );
        assert_eq!(lines, 7);
    }

    /// A field that is not UTF-8 makes its row malformed, naming the field.
    #[test]
    fn a_field_that_is_not_utf8() {
        let (rows, _) = rows(b"a,b\nAnn,\xff\n");
        assert_eq!(rows[1].2, Err("field 2 is not UTF-8 text".to_string()));
    }

    proptest! {
        /// Any bytes: never a panic; every line is a row's or between rows (the rows' spans
        /// never overlap and never pass the end); rows come in order.
        #[test]
        fn every_line_is_accounted_for(input in proptest::collection::vec(
            prop_oneof![Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b'a'), any::<u8>()],
            0..400,
        )) {
            let (rows, lines) = rows(&input);
            prop_assert_eq!(lines, line_count(&input));
            let mut next_free = 1;
            for (line, span, _) in &rows {
                prop_assert!(*line >= next_free, "row on line {} overlaps the one before", line);
                prop_assert!(*span >= 1 && line + span - 1 <= lines.max(1));
                next_free = line + span;
            }
        }

        /// Where no row is malformed, the rows are exactly the records the `csv` crate reads.
        #[test]
        fn well_formed_input_reads_as_the_csv_crate_reads_it(input in proptest::collection::vec(
            prop_oneof![Just(b'"'), Just(b','), Just(b'\n'), Just(b'\r'), Just(b'a'), Just(b' ')],
            0..200,
        )) {
            let (rows, _) = rows(&input);
            prop_assume!(rows.iter().all(|r| r.2.is_ok()));
            let expected: Vec<Vec<String>> = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(&input[..])
                .records()
                .map(|r| r.map(|r| r.iter().map(str::to_string).collect()))
                .collect::<Result<_, _>>()
                .unwrap_or_else(|e| panic!("{e}"));
            let got: Vec<Vec<String>> = rows.into_iter().filter_map(|r| r.2.ok()).collect();
            prop_assert_eq!(got, expected);
        }
    }
}
