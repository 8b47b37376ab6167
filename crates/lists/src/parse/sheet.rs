//! Spreadsheet-shaped list files (xlsx and csv) read into rows of typed cells, with columns
//! found by header name. Used by the UK OFSI and Australian DFAT parsers.

use crate::ParseError;
use calamine::{DataRef, Reader, Xlsx, open_workbook_from_rs};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::sync::Arc;
use zeef_model::date;

/// One cell as the file gave it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Cell {
    #[default]
    Empty,
    /// Text; shared by the cells of an xlsx that repeat one shared string.
    Text(Arc<str>),
    Number(f64),
    /// A date-typed spreadsheet cell, as its Excel serial number.
    Date(f64),
}

impl Cell {
    /// The cell as text: numbers without a needless `.0` (`13651`, not `13651.0`).
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty => Cow::Borrowed(""),
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            Cell::Number(n) | Cell::Date(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Cow::Owned(format!("{}", *n as i64))
            }
            Cell::Number(n) | Cell::Date(n) => Cow::Owned(n.to_string()),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text().is_empty()
    }

    /// The cell as a date: serials (numbers or date cells) via Excel's calendar, text via
    /// [`date::parse`].
    pub fn date(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => date::parse(s),
            Cell::Number(n) | Cell::Date(n) => date::from_excel_serial(*n),
        }
    }
}

/// One row: its position in the file (`row 7` of a sheet, `line 7` of a csv) and its cells.
#[derive(Debug, Clone)]
pub struct Row {
    pub position: String,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }

    pub fn cell(&self, column: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.cells.get(column).unwrap_or(&EMPTY)
    }
}

/// Reads the first worksheet of an xlsx file. Cells are streamed (shared strings borrowed,
/// copied once) rather than built into a calamine `Range` first: half the time on big lists.
/// The workbook is refused if its entries inflate past `max_inflated` bytes together
/// (calamine inflates whole entries, the shared strings into memory, so that is checked
/// before calamine opens it).
pub fn read_xlsx(file: &str, data: &[u8], max_inflated: u64) -> Result<Vec<Row>, ParseError> {
    super::inflate::check_zip(file, data, max_inflated)?;
    // A zip archive is read from its end (the central directory), so a damaged or truncated
    // file fails there.
    let at_end = || format!("byte {} (end of the zip archive)", data.len());
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(data)).map_err(|e| {
        ParseError::new(file, format!("not a readable xlsx workbook: {e}")).at(at_end())
    })?;
    let sheet = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| ParseError::new(file, "the workbook has no worksheet").at("sheet 1"))?;
    let cannot_read = |e: calamine::XlsxError| {
        ParseError::new(file, format!("cannot read worksheet {sheet:?}: {e}"))
    };
    let mut reader = book
        .worksheet_cells_reader(&sheet)
        .map_err(|e| cannot_read(e).at("sheet 1"))?;
    let mut rows: BTreeMap<u32, Vec<Cell>> = BTreeMap::new();
    let mut last_row = 0;
    // Shared strings by address: a text repeated on many rows is copied once.
    let mut interned: HashMap<usize, Arc<str>> = HashMap::new();
    loop {
        let next = reader
            .next_cell()
            .map_err(|e| cannot_read(e).at(format!("after row {}", last_row + 1)))?;
        let Some(cell) = next else { break };
        let (row, col) = cell.get_position();
        if row > MAX_ROWS || col > MAX_COLUMNS {
            return Err(
                ParseError::new(file, "cell outside the sheet's limits").at(format!(
                    "row {}, column {}",
                    row as u64 + 1,
                    col as u64 + 1
                )),
            );
        }
        last_row = row;
        let value = match cell.get_value() {
            DataRef::SharedString(text) => Cell::Text(
                interned
                    .entry(text.as_ptr() as usize)
                    .or_insert_with(|| Arc::from(*text))
                    .clone(),
            ),
            other => cell_of(other),
        };
        if value == Cell::Empty {
            continue;
        }
        let cells = rows.entry(row).or_default();
        if cells.len() <= col as usize {
            cells.resize(col as usize + 1, Cell::Empty);
        }
        cells[col as usize] = value;
    }
    Ok(rows
        .into_iter()
        .map(|(row, cells)| Row {
            position: format!("row {}", row as u64 + 1),
            cells,
        })
        .collect())
}

/// Excel's own limits: 1,048,576 rows and 16,384 columns.
const MAX_ROWS: u32 = 1_048_575;
const MAX_COLUMNS: u32 = 16_383;

fn cell_of(d: &DataRef<'_>) -> Cell {
    match d {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::SharedString(s) => Cell::Text(Arc::from(*s)),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            Cell::Text(Arc::from(s.as_str()))
        }
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(Arc::from(b.to_string())),
        DataRef::DateTime(dt) => Cell::Date(dt.as_f64()),
    }
}

/// Reads a csv file: UTF-8 (with or without BOM), else Windows-1252, as publishers' exports
/// come in either.
pub fn read_csv(file: &str, data: &[u8]) -> Result<Vec<Row>, ParseError> {
    let text = decode_text(data);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Lines are counted from byte offsets: a quoted field may span lines.
    let (mut line, mut counted_to) = (1, 0);
    for record in reader.records() {
        let record = record.map_err(|e| {
            let at = e
                .position()
                .map(|p| format!("line {}", line_at(&text, p.byte() as usize)))
                .unwrap_or_else(|| "end of file".into());
            ParseError::new(file, format!("malformed csv: {e}")).at(at)
        })?;
        let mut start = record.position().map_or(counted_to, |p| p.byte() as usize);
        // After a CRLF the csv reader starts the next record at the '\n'.
        if text.as_bytes().get(start) == Some(&b'\n') {
            start += 1;
        }
        line += newlines(&text, counted_to, start);
        counted_to = counted_to.max(start);
        rows.push(Row {
            position: format!("line {line}"),
            cells: record
                .iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(Arc::from(s))
                    }
                })
                .collect(),
        });
    }
    Ok(rows)
}

fn newlines(text: &str, from: usize, to: usize) -> usize {
    text.as_bytes()
        .get(from..to)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count())
}

fn line_at(text: &str, byte: usize) -> usize {
    1 + newlines(text, 0, byte.min(text.len()))
}

/// UTF-8 (a BOM dropped) where the bytes are valid UTF-8, else Windows-1252 (a superset of
/// Latin-1 for printable text).
pub fn decode_text(data: &[u8]) -> Cow<'_, str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match std::str::from_utf8(data) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(data)
                .0
        }
    }
}

/// Column positions by header name (trimmed, case-insensitive, inner spaces folded).
#[derive(Debug, Clone)]
pub struct Columns {
    /// (folded header name, column index), first occurrence of each name.
    by_name: Vec<(String, usize)>,
}

impl Columns {
    /// Reads a header row; fails naming the row and the first required column it lacks.
    pub fn from_header(file: &str, header: &Row, required: &[&str]) -> Result<Columns, ParseError> {
        let mut by_name: Vec<(String, usize)> = Vec::new();
        for (i, cell) in header.cells.iter().enumerate() {
            let key = header_key(&cell.text());
            if !key.is_empty() && !by_name.iter().any(|(k, _)| *k == key) {
                by_name.push((key, i));
            }
        }
        let columns = Columns { by_name };
        if let Some(missing) = required.iter().find(|r| !columns.has(r)) {
            return Err(
                ParseError::new(file, format!("header lacks the column {missing:?}"))
                    .at(header.position.clone()),
            );
        }
        Ok(columns)
    }

    pub fn has(&self, name: &str) -> bool {
        self.index(name).is_some()
    }

    /// A linear scan without allocation: a sheet has a few dozen columns, and this runs for
    /// every cell read.
    fn index(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        let found = self
            .by_name
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name));
        match found {
            Some((_, i)) => Some(*i),
            // Names with doubled inner spaces: fold them too.
            None if name.contains("  ") => {
                let key = header_key(name);
                self.by_name
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, i)| *i)
            }
            None => None,
        }
    }

    /// The cell of `row` under header `name` (empty where the column or cell is absent).
    pub fn get<'r>(&self, row: &'r Row, name: &str) -> &'r Cell {
        static EMPTY: Cell = Cell::Empty;
        match self.index(name) {
            Some(i) => row.cell(i),
            None => &EMPTY,
        }
    }

    /// The trimmed text of `row` under header `name`.
    pub fn text<'r>(&self, row: &'r Row, name: &str) -> Cow<'r, str> {
        self.get(row, name).text()
    }
}

fn header_key(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Splits the numbered lists both lists use, `(1) Iraq (2) Syria`, `a) X b) Y`, into their
/// items; text without numbering is one item. Items are trimmed of separators.
pub fn numbered_items(s: &str) -> Vec<String> {
    let s = s.trim();
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (marker start, text start)
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if let Some(len) = marker_len(&s[i..]) {
            let at_boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
            if at_boundary {
                starts.push((i, i + len));
                i += len;
                continue;
            }
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    if starts.is_empty() {
        return vec![s.to_string()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect();
    }
    let mut items = Vec::new();
    let head = s[..starts[0].0].trim();
    if !head.is_empty() {
        items.push(head.to_string());
    }
    for (k, &(_, text_start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(s.len(), |n| n.0);
        let item = s[text_start..end]
            .trim()
            .trim_end_matches([';', ',', '.'])
            .trim();
        // "(1) to (6) Algeria" and "(1) - (2) X" leave connectives as items of their own.
        if !item.is_empty() && !matches!(item, "to" | "-" | "and") {
            items.push(item.to_string());
        }
    }
    items
}

/// Length of a list marker at the start of `s`: `(1)`, `(12)`, `(1-3)`, `a)`, `b)`.
fn marker_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.first() == Some(&b'(') {
        let close = s.find(')')?;
        let inner = &s[1..close];
        let letter = matches!(inner.as_bytes(), [c] if (b'a'..=b'h').contains(c));
        // Numbers of one or two digits and ranges: "(1)", "(12)", "(1-3)"; not "(2011)".
        let numeric = inner.bytes().any(|c| c.is_ascii_digit())
            && inner
                .bytes()
                .all(|c| c.is_ascii_digit() || matches!(c, b'-' | b' '))
            && inner.split(['-', ' ']).all(|n| n.len() <= 2);
        return (letter || numeric).then_some(close + 1);
    }
    // "a)" .. "h)": a single letter followed by ')'.
    match b {
        [c, b')', ..] if (b'a'..=b'h').contains(c) => Some(2),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_lists() {
        assert_eq!(numbered_items("(1) Iraq (2) Syria"), ["Iraq", "Syria"]);
        assert_eq!(
            numbered_items("(1) Uganda (2) Uganda (3)Uganda"),
            ["Uganda", "Uganda", "Uganda"]
        );
        assert_eq!(numbered_items("(1) Russia. (2) Syria"), ["Russia", "Syria"]);
        assert_eq!(
            numbered_items("(1-3) Libya (4) Morocco"),
            ["Libya", "Morocco"]
        );
        assert_eq!(
            numbered_items("(1) to (6) Algeria (7) Morocco"),
            ["Algeria", "Morocco"]
        );
        assert_eq!(
            numbered_items("a) 1 Jan. 1964 b) 1 Feb. 1964"),
            ["1 Jan. 1964", "1 Feb. 1964"]
        );
        assert_eq!(numbered_items("a)1994 b)1993"), ["1994", "1993"]);
        assert_eq!(numbered_items("Iraq"), ["Iraq"]);
        assert_eq!(numbered_items("Sudan (2011)"), ["Sudan (2011)"]);
        assert_eq!(numbered_items("(a) X (b) Y"), ["X", "Y"]);
        assert_eq!(
            numbered_items("(1) - (2) Occupied Palestinian Territories"),
            ["Occupied Palestinian Territories"]
        );
        assert!(numbered_items("  ").is_empty());
    }

    #[test]
    fn decodes_utf8_bom_and_windows_1252() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFCaf\xC3\xA9"), "Café");
        assert_eq!(decode_text(b"Caf\xE9 \x93x\x94"), "Café “x”");
    }

    #[test]
    fn cells_as_text_and_dates() {
        assert_eq!(Cell::Number(13651.0).text(), "13651");
        assert_eq!(Cell::Number(1.5).text(), "1.5");
        assert_eq!(Cell::Number(45607.0).date().as_deref(), Some("2024-11-11"));
        assert_eq!(
            Cell::Text(Arc::from("00/00/1994")).date().as_deref(),
            Some("1994")
        );
    }
}
