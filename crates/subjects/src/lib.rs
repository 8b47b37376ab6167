//! Reading files of subjects to screen (customers, partners): CSV with a header or FtM JSON
//! lines, in chunks, each row turned into a query entity or an error naming the row. Used by
//! `zeef batch`, `zeef rescreen` and `zeef report --subjects`. No row is ever lost: a row
//! that cannot be read is a malformed row naming its line, and every line of the input is
//! accounted for as a header, a row or a blank line ([`RowTally`]).

mod csv_rows;

pub use csv_rows::{CsvRow, CsvRows, MAX_ROW_BYTES, MAX_ROW_LINES};

use anyhow::{Context, Result, bail};
use serde_json::{Map, Value};
use std::io::{BufRead, BufReader, Read};
use std::sync::mpsc::{Receiver, sync_channel};
use std::sync::{Arc, OnceLock};
use zeef_model::Entity;
use zeef_screening::QueryFields;

/// One input row, read but not yet screened.
pub struct Row {
    /// 1-based data row number.
    pub row: usize,
    /// Line in the input file, for error messages.
    pub line: u64,
    /// Lines of the input file it takes.
    pub lines: u64,
    /// The caller's id for the row, if any.
    pub id: Option<String>,
    pub query: Result<(Entity, Vec<String>), String>,
    /// Input columns zeef does not read, passed through.
    pub passthrough: Map<String, Value>,
}

impl Row {
    /// A row that could not be read: reported with its number and line, then skipped.
    fn malformed(row: usize, line: u64, why: String) -> Row {
        Row {
            row,
            line,
            lines: 1,
            id: None,
            query: Err(why),
            passthrough: Map::new(),
        }
    }
}

/// Reads rows from CSV or JSON lines.
pub enum RowSource<R: Read> {
    Csv {
        /// Boxed: its CSV parser's tables are large.
        reader: Box<CsvRows<BufReader<R>>>,
        headers: Vec<String>,
        /// Lines the header takes.
        header_lines: u64,
        row: usize,
    },
    Jsonl {
        reader: BufReader<R>,
        /// The line being read, as bytes: a line that is not UTF-8 is a malformed row, not
        /// the end of the run.
        buf: Vec<u8>,
        line: u64,
        row: usize,
    },
}

/// How many lines the input had, and how many of them the header took; known once the input
/// has been read to its end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InputLines {
    pub lines: u64,
    pub header: u64,
}

/// CSV columns zeef reads; all others are passed through.
const KNOWN: &[&str] = &[
    "id",
    "full_name",
    "name",
    "first_name",
    "middle_name",
    "last_name",
    "date_of_birth",
    "birth_date",
    "nationality",
    "country",
    "gender",
    "place_of_birth",
    "id_number",
    "id_country",
    "imo",
    "wallet",
    "currency",
    "bic",
    "lei",
    "schema",
];

impl<R: Read> RowSource<R> {
    pub fn csv(r: R, path: &str) -> Result<Self> {
        let mut reader = CsvRows::new(BufReader::with_capacity(1 << 16, r));
        let header = reader
            .next_row()
            .with_context(|| format!("{path}: cannot read"))?
            .with_context(|| format!("{path}: the file is empty: expected a CSV header"))?;
        let headers: Vec<String> = header
            .fields
            .map_err(|e| {
                anyhow::anyhow!(
                    "{path}: line {}: cannot read the CSV header: {e}",
                    header.line
                )
            })?
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect();
        if !headers.iter().any(|h| {
            matches!(
                h.as_str(),
                "full_name" | "name" | "first_name" | "last_name"
            )
        }) {
            bail!(
                "{path}: line {}: the header needs a name column: full_name, or first_name/middle_name/last_name (found: {})",
                header.line,
                zeef_model::clip(&headers.join(", "), zeef_model::QUOTED_BYTES)
            );
        }
        Ok(RowSource::Csv {
            reader: Box::new(reader),
            headers,
            header_lines: header.lines,
            row: 0,
        })
    }

    pub fn jsonl(r: R) -> Self {
        RowSource::Jsonl {
            reader: BufReader::with_capacity(1 << 16, r),
            buf: Vec::new(),
            line: 0,
            row: 0,
        }
    }

    pub fn next_chunk(&mut self, n: usize) -> Result<Vec<Row>> {
        let mut out = Vec::with_capacity(n);
        match self {
            RowSource::Csv {
                reader,
                headers,
                row,
                ..
            } => {
                while out.len() < n {
                    let Some(next) = reader.next_row().with_context(|| {
                        format!("line {}: cannot read", reader.lines_read() + 1)
                    })?
                    else {
                        break;
                    };
                    *row += 1;
                    out.push(match &next.fields {
                        Ok(rec) => csv_row(*row, next.line, next.lines, headers, rec),
                        Err(why) => Row::malformed(*row, next.line, why.clone()),
                    });
                }
            }
            RowSource::Jsonl {
                reader,
                buf,
                line,
                row,
            } => {
                while out.len() < n {
                    buf.clear();
                    let (read, whole) = read_line_within(reader, buf, MAX_ROW_BYTES)
                        .with_context(|| format!("line {}: cannot read", *line + 1))?;
                    if read == 0 {
                        break;
                    }
                    *line += 1;
                    let next = match line_text(buf) {
                        _ if !whole => Row::malformed(
                            *row + 1,
                            *line,
                            format!("the line is longer than {} KiB", MAX_ROW_BYTES >> 10),
                        ),
                        Ok(None) => continue,
                        Ok(Some(text)) => jsonl_row(*row + 1, *line, text),
                        Err(e) => Row::malformed(*row + 1, *line, format!("not UTF-8 text: {e}")),
                    };
                    *row += 1;
                    out.push(next);
                }
            }
        }
        Ok(out)
    }

    /// The input's lines so far (all of them once a chunk came back empty).
    pub fn input_lines(&self) -> InputLines {
        match self {
            RowSource::Csv {
                reader,
                header_lines,
                ..
            } => InputLines {
                lines: reader.lines_read(),
                header: *header_lines,
            },
            RowSource::Jsonl { line, .. } => InputLines {
                lines: *line,
                header: 0,
            },
        }
    }
}

/// Reads one line (up to and with its `\n`) into `buf`, keeping at most `max` bytes of it:
/// the bytes read and whether the line was kept whole. A longer line is read to its end but
/// not kept, so that one huge line cannot fill the memory.
fn read_line_within(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<(usize, bool)> {
    let (mut read, mut whole) = (0, true);
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok((read, whole));
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if whole && buf.len() + take <= max + 1 {
            buf.extend_from_slice(&chunk[..take]);
        } else {
            whole = false;
            buf.clear();
        }
        r.consume(take);
        read += take;
        if done {
            return Ok((read, whole));
        }
    }
}

impl<R: Read + Send + 'static> RowSource<R> {
    /// Reads and parses chunks of `n` rows on a thread of its own, one or two ahead of the
    /// caller, so that parsing the next chunk overlaps screening this one instead of leaving
    /// the screening threads idle.
    pub fn read_ahead(mut self, n: usize) -> ReadAhead {
        let (chunks, queue) = sync_channel(2);
        let input_lines = Arc::new(OnceLock::new());
        let lines_at_end = Arc::clone(&input_lines);
        std::thread::spawn(move || {
            loop {
                let chunk = self.next_chunk(n);
                let last = !matches!(&chunk, Ok(rows) if !rows.is_empty());
                if last {
                    let _ = lines_at_end.set(self.input_lines());
                }
                // A closed queue means the caller stopped (after an error of its own).
                if chunks.send(chunk).is_err() || last {
                    break;
                }
            }
        });
        ReadAhead {
            queue,
            ended: false,
            input_lines,
        }
    }
}

/// Chunks parsed ahead by [`RowSource::read_ahead`].
pub struct ReadAhead {
    queue: Receiver<Result<Vec<Row>>>,
    ended: bool,
    input_lines: Arc<OnceLock<InputLines>>,
}

impl ReadAhead {
    /// The next chunk, empty at the end of the input.
    pub fn next_chunk(&mut self) -> Result<Vec<Row>> {
        if self.ended {
            return Ok(Vec::new());
        }
        match self.queue.recv() {
            Ok(chunk) => {
                self.ended = !matches!(&chunk, Ok(rows) if !rows.is_empty());
                chunk
            }
            // The reading thread stopped before the end of the input: never pass that off as
            // the end, which would drop the rest of the rows unnoticed.
            Err(_) => bail!("reading the input stopped unexpectedly before its end"),
        }
    }

    /// The input's lines, once the last chunk (empty) has been handed over.
    pub fn input_lines(&self) -> Option<InputLines> {
        self.input_lines.get().copied()
    }
}

/// Rows counted as they are handled, to account at the end for every line of the input.
#[derive(Clone, Copy, Debug, Default)]
pub struct RowTally {
    /// Rows read, malformed or not.
    pub rows: usize,
    /// Rows skipped as malformed.
    pub skipped: usize,
    /// Lines the rows took.
    pub row_lines: u64,
}

impl RowTally {
    pub fn count(&mut self, r: &Row) {
        self.rows += 1;
        self.row_lines += r.lines;
        self.skipped += usize::from(r.query.is_err());
    }

    /// Rows that were screened (not skipped).
    pub fn screened(&self) -> usize {
        self.rows - self.skipped
    }

    /// How the input's lines add up: `101 lines: 1 header line, 100 rows (99 screened, 1
    /// skipped as malformed), 0 blank lines`.
    pub fn lines_summary(&self, input: InputLines) -> String {
        let blank = input.lines.saturating_sub(input.header + self.row_lines);
        let count = |n: u64, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        let on = if self.row_lines == self.rows as u64 {
            String::new()
        } else {
            format!(" on {}", count(self.row_lines, "line"))
        };
        format!(
            "{}: {}, {}{on} ({} screened, {} skipped as malformed), {}",
            count(input.lines, "line"),
            count(input.header, "header line"),
            count(self.rows as u64, "row"),
            self.screened(),
            self.skipped,
            count(blank, "blank line"),
        )
    }
}

/// The text of one line of a JSON lines file, without its line end; `None` when it is blank.
/// Not UTF-8 is an error for that line alone.
pub fn line_text(bytes: &[u8]) -> Result<Option<&str>, std::str::Utf8Error> {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)?;
    Ok(Some(text).filter(|t| !t.trim().is_empty()))
}

fn csv_row(row: usize, line: u64, lines: u64, headers: &[String], rec: &csv::StringRecord) -> Row {
    let get = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            let i = headers.iter().position(|h| h == n)?;
            rec.get(i)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        })
    };
    let fields = QueryFields {
        id: get(&["id"]),
        names: get(&["full_name", "name"]).into_iter().collect(),
        first_name: get(&["first_name"]),
        middle_name: get(&["middle_name"]),
        last_name: get(&["last_name"]),
        birth_dates: get(&["date_of_birth", "birth_date"]).into_iter().collect(),
        place_of_birth: get(&["place_of_birth"]),
        countries: get(&["country"]).into_iter().collect(),
        nationalities: get(&["nationality"]).into_iter().collect(),
        gender: get(&["gender"]),
        id_numbers: get(&["id_number"]).into_iter().collect(),
        id_country: get(&["id_country"]),
        imo_numbers: get(&["imo"]).into_iter().collect(),
        wallets: get(&["wallet"]).into_iter().collect(),
        currency: get(&["currency"]),
        bics: get(&["bic"]).into_iter().collect(),
        leis: get(&["lei"]).into_iter().collect(),
        schema: get(&["schema"]),
    };
    let mut passthrough = Map::new();
    for (h, v) in headers.iter().zip(rec.iter()) {
        if !KNOWN.contains(&h.as_str()) {
            passthrough.insert(h.clone(), Value::String(v.to_string()));
        }
    }
    let query = fields
        .to_entity_lenient()
        .map(|(e, problems)| (e, problems.iter().map(|p| p.to_string()).collect()))
        .map_err(|e| e.to_string());
    Row {
        row,
        line,
        lines,
        id: fields.id.clone(),
        query,
        passthrough,
    }
}

fn jsonl_row(row: usize, line: u64, text: &str) -> Row {
    let parsed =
        serde_json::from_str::<Entity>(text).map_err(|e| format!("not an FtM entity: {e}"));
    let id = parsed.as_ref().ok().map(|e| e.id.clone());
    let query = parsed.and_then(|mut e| {
        if !zeef_screening::query::can_screen(&e) {
            return Err("the entity has no name and no identifier".to_string());
        }
        let problems = zeef_screening::query::normalize(&mut e);
        Ok((e, problems.iter().map(|p| p.to_string()).collect()))
    });
    Row {
        row,
        line,
        lines: 1,
        id,
        query,
        passthrough: Map::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io;

    /// Every row of `source`, in chunks of 3.
    fn all_rows<R: Read>(mut source: RowSource<R>) -> Vec<Row> {
        let mut rows = Vec::new();
        loop {
            let chunk = source.next_chunk(3).unwrap_or_else(|e| panic!("{e:#}"));
            if chunk.is_empty() {
                return rows;
            }
            rows.extend(chunk);
        }
    }

    /// A JSON line that is not UTF-8 is one malformed row: the rows after it are still read.
    #[test]
    fn a_line_that_is_not_utf8_is_a_malformed_row() {
        let mut input = b"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Anna Fictive\"]}}\r\n".to_vec();
        input.extend_from_slice(b"Bram \xff Fictive\n\n");
        input.extend_from_slice(
            b"{\"id\":\"c\",\"schema\":\"Person\",\"properties\":{\"name\":[\"Cor Fictive\"]}}",
        );
        let rows = all_rows(RowSource::jsonl(&input[..]));
        let seen: Vec<_> = rows
            .iter()
            .map(|r| (r.row, r.line, r.id.as_deref(), r.query.is_ok()))
            .collect();
        assert_eq!(
            seen,
            vec![
                (1, 1, Some("a"), true),
                (2, 2, None, false),
                (3, 4, Some("c"), true)
            ]
        );
        assert!(
            rows[1]
                .query
                .as_ref()
                .is_err_and(|e| e.starts_with("not UTF-8 text"))
        );
    }

    proptest! {
        /// Any bytes as JSON lines: one row per line that is not blank, numbered in order with
        /// its line; an entity written out comes back with its id.
        #[test]
        fn json_lines_give_one_row_per_line(
            lines in proptest::collection::vec(
                prop_oneof![
                    proptest::collection::vec(any::<u8>().prop_filter("one line", |b| *b != b'\n'), 0..40),
                    ("[a-z0-9-]{1,8}", "\\PC{0,20}").prop_map(|(id, name)| {
                        serde_json::json!({"id": id, "schema": "Person", "properties": {"name": [name]}})
                            .to_string()
                            .into_bytes()
                    }),
                ],
                0..12,
            )
        ) {
            let input = lines.join(&b'\n');
            let rows = all_rows(RowSource::jsonl(&input[..]));
            let expected: Vec<u64> = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    let l = l.strip_suffix(b"\r").unwrap_or(l);
                    std::str::from_utf8(l).map_or(true, |t| !t.trim().is_empty())
                })
                .map(|(i, _)| i as u64 + 1)
                .collect();
            prop_assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), expected);
            for (i, r) in rows.iter().enumerate() {
                prop_assert_eq!(r.row, i + 1);
                let text = std::str::from_utf8(&lines[r.line as usize - 1]).ok();
                if let Some(Ok(entity)) = text.map(serde_json::from_str::<Entity>) {
                    prop_assert_eq!(r.id.as_deref(), Some(entity.id.as_str()));
                }
            }
        }

        /// CSV rows written by a CSV writer (any text: commas, quotes, line breaks) come back
        /// one for one, in order, with their id trimmed and other columns passed through as
        /// they were.
        #[test]
        fn csv_rows_come_back_one_for_one(
            records in proptest::collection::vec(("\\PC{0,12}", "\\PC{0,20}", "\\PC{0,12}"), 0..10)
        ) {
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "full_name", "note"]).unwrap_or_else(|e| panic!("{e}"));
            for (id, name, note) in &records {
                w.write_record([id, name, note]).unwrap_or_else(|e| panic!("{e}"));
            }
            let input = w.into_inner().unwrap_or_else(|e| panic!("{e}"));
            let source = RowSource::csv(&input[..], "people.csv").unwrap_or_else(|e| panic!("{e:#}"));
            let rows = all_rows(source);
            prop_assert_eq!(rows.len(), records.len());
            let mut last_line = 1;
            for (i, (r, (id, _, note))) in rows.iter().zip(&records).enumerate() {
                prop_assert_eq!(r.row, i + 1);
                prop_assert!(r.line > last_line, "line {} after {}", r.line, last_line);
                last_line = r.line;
                let id = Some(id.trim()).filter(|i| !i.is_empty());
                prop_assert_eq!(r.id.as_deref(), id);
                prop_assert_eq!(r.passthrough.get("note"), Some(&Value::String(note.clone())));
            }
        }

        /// Any bytes after a CSV header: rows numbered one after another, none lost to a panic.
        #[test]
        fn any_csv_body_gives_numbered_rows(body in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut input = b"full_name,date_of_birth,nationality\n".to_vec();
            input.extend_from_slice(&body);
            let source = RowSource::csv(&input[..], "people.csv").unwrap_or_else(|e| panic!("{e:#}"));
            for (i, r) in all_rows(source).iter().enumerate() {
                prop_assert_eq!(r.row, i + 1);
            }
        }
    }

    /// Read ahead in chunks of 2: every row arrives once, in order, then the end stays the end.
    #[test]
    fn read_ahead_keeps_every_row_in_order() {
        let csv = "full_name,nationality\nAnna Fictive,nl\n\"Bram, Fictive\",be\nCor Fictive,de\n";
        let mut chunks = RowSource::csv(csv.as_bytes(), "people.csv")
            .map(|s| s.read_ahead(2))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut seen = Vec::new();
        loop {
            let chunk = chunks.next_chunk().unwrap_or_else(|e| panic!("{e}"));
            if chunk.is_empty() {
                break;
            }
            assert!(chunk.len() <= 2);
            seen.extend(chunk.into_iter().map(|r| (r.row, r.line)));
        }
        assert_eq!(seen, vec![(1, 2), (2, 3), (3, 4)]);
        assert!(chunks.next_chunk().is_ok_and(|c| c.is_empty()));
    }

    /// A failure to read is handed over as an error, not taken for the end of the input.
    #[test]
    fn read_ahead_passes_read_errors_on() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk gone"))
            }
        }
        let mut chunks = RowSource::jsonl(Failing).read_ahead(4);
        let err = chunks.next_chunk().err().map(|e| format!("{e:#}"));
        assert!(
            err.is_some_and(|e| e.contains("disk gone")),
            "expected the read error"
        );
    }
}
