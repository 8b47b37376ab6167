//! `zeef batch`: screen a file of subjects (CSV or FtM JSON lines) on all cores, writing one
//! JSON line per input row in input order (or one CSV row per alert).

use crate::cli::BatchArgs;
use crate::data::{check_sources, load_index};
use crate::results::{query_json, rows};
use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde_json::{Map, Value, json};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::process::ExitCode;
use std::time::Instant;
use zeef_lists::DataDir;
use zeef_matching::{Index, ScreenOptions};
use zeef_model::{Entity, QueryFields};

/// Rows screened together; output is written and flushed after each chunk.
const CHUNK: usize = 4096;

/// One input row, read but not yet screened.
struct Row {
    /// 1-based data row number.
    row: usize,
    /// Line in the input file, for error messages.
    line: u64,
    /// The caller's id for the row, if any.
    id: Option<String>,
    query: Result<(Entity, Vec<String>), String>,
    /// Input columns zeef does not read, passed through.
    passthrough: Map<String, Value>,
}

pub fn run(data: &DataDir, a: BatchArgs) -> Result<ExitCode> {
    if !matches!(a.format.as_str(), "jsonl" | "csv") {
        bail!(
            "unknown output format {:?} (expected jsonl or csv)",
            a.format
        );
    }
    let input_format = match a.input_format.as_deref() {
        Some(f) => f.to_string(),
        None if a.input.ends_with(".jsonl")
            || a.input.ends_with(".ndjson")
            || a.input.ends_with(".json") =>
        {
            "jsonl".into()
        }
        None => "csv".into(),
    };
    let (reader, size): (Box<dyn Read>, Option<u64>) = if a.input == "-" {
        (Box::new(io::stdin()), None)
    } else {
        let f = File::open(&a.input).with_context(|| format!("cannot open {}", a.input))?;
        let size = f.metadata().ok().map(|m| m.len());
        (Box::new(f), size)
    };
    let (snapshot, index) = load_index(data, None)?;
    let opts = ScreenOptions {
        threshold: a.threshold,
        limit: a.limit,
        sources: a.source.clone(),
        schema: match &a.schema {
            Some(s) => Some(s.parse()?),
            None => None,
        },
        ..ScreenOptions::default()
    };
    check_sources(&snapshot.manifest, opts.sources.as_deref())?;
    let out: Box<dyn Write> = match a.output.as_deref() {
        None | Some("-") => Box::new(io::stdout()),
        Some(p) => Box::new(File::create(p).with_context(|| format!("cannot create {p}"))?),
    };
    let mut out = BufWriter::with_capacity(1 << 20, out);
    let bar = match size {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{bar:40} {percent}% {msg} ETA {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    };
    let counting = CountingReader {
        inner: reader,
        bar: bar.clone(),
    };
    let mut rows_in = match input_format.as_str() {
        "csv" => RowSource::csv(counting, &a.input)?,
        "jsonl" => RowSource::jsonl(counting),
        f => bail!("unknown input format {f:?} (expected csv or jsonl)"),
    };
    if a.format == "csv" {
        writeln!(
            out,
            "row,id,query_name,score,entity_id,caption,schema,datasets,matched_name,matched_property,explanation"
        )?;
    }
    let started = Instant::now();
    let (mut total, mut alerts, mut errors) = (0usize, 0usize, 0usize);
    loop {
        let chunk = rows_in.next_chunk(CHUNK)?;
        if chunk.is_empty() {
            break;
        }
        let screened: Vec<String> = chunk
            .par_iter()
            .map(|r| render(r, &index, &opts, &a.format))
            .collect();
        for (r, line) in chunk.iter().zip(&screened) {
            total += 1;
            match &r.query {
                Err(e) => {
                    errors += 1;
                    eprintln!("{}: line {}: row {} skipped: {e}", a.input, r.line, r.row);
                }
                Ok(_)
                    if line.contains("\"match\":true")
                        || (a.format == "csv" && !line.is_empty()) =>
                {
                    alerts += 1
                }
                Ok(_) => {}
            }
            out.write_all(line.as_bytes())?;
        }
        out.flush()?;
        bar.set_message(format!("{total} rows, {alerts} with alerts"));
    }
    out.flush()?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "{total} rows screened against {} entities (snapshot {}): {alerts} with alerts ({:.2} %), {errors} skipped as malformed; {:.1} s, {:.0} rows/s",
        index.len(),
        snapshot.manifest.id,
        if total > 0 {
            alerts as f64 * 100.0 / total as f64
        } else {
            0.0
        },
        secs,
        total as f64 / secs.max(1e-9)
    );
    Ok(if errors > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// Screens one row and renders its output: one JSON line, or CSV rows (one per alert).
fn render(r: &Row, index: &Index, opts: &ScreenOptions, format: &str) -> String {
    let (entity, warnings) = match &r.query {
        Ok(q) => q,
        Err(e) => {
            if format == "csv" {
                return String::new();
            }
            let v = json!({"row": r.row, "id": r.id, "error": e, "line": r.line});
            return format!("{v}\n");
        }
    };
    let hits = index.screen(entity, opts);
    let results = rows(index, &hits);
    if format == "csv" {
        let mut w = csv::WriterBuilder::new()
            .has_headers(false)
            .from_writer(Vec::new());
        for res in results.iter().filter(|x| x.is_match) {
            let _ = w.write_record([
                r.row.to_string(),
                r.id.clone().unwrap_or_default(),
                entity.caption().to_string(),
                format!("{:.3}", res.score),
                res.id.to_string(),
                res.caption.to_string(),
                res.schema.to_string(),
                res.datasets.join(";"),
                res.explanation.matched_name.clone(),
                res.explanation.matched_property.clone(),
                res.explanation.summary().replace('\n', " | "),
            ]);
        }
        return String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    }
    let mut v = json!({"row": r.row, "id": r.id, "query": query_json(entity), "results": results});
    if !warnings.is_empty() {
        v["warnings"] = json!(warnings);
    }
    if !r.passthrough.is_empty() {
        v["columns"] = Value::Object(r.passthrough.clone());
    }
    format!("{v}\n")
}

/// Counts bytes read, for the progress bar.
struct CountingReader<R> {
    inner: R,
    bar: ProgressBar,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

/// Reads rows from CSV or JSON lines.
enum RowSource<R: Read> {
    Csv {
        reader: csv::Reader<R>,
        headers: Vec<String>,
        row: usize,
    },
    Jsonl {
        lines: io::Lines<BufReader<R>>,
        line: u64,
        row: usize,
    },
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
    "schema",
];

impl<R: Read> RowSource<R> {
    fn csv(r: R, path: &str) -> Result<Self> {
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(r);
        let headers: Vec<String> = reader
            .headers()
            .with_context(|| format!("{path}: line 1: cannot read the CSV header"))?
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
                "{path}: line 1: the header needs a name column: full_name, or first_name/middle_name/last_name (found: {})",
                headers.join(", ")
            );
        }
        Ok(RowSource::Csv {
            reader,
            headers,
            row: 0,
        })
    }

    fn jsonl(r: R) -> Self {
        RowSource::Jsonl {
            lines: BufReader::with_capacity(1 << 20, r).lines(),
            line: 0,
            row: 0,
        }
    }

    fn next_chunk(&mut self, n: usize) -> Result<Vec<Row>> {
        let mut out = Vec::with_capacity(n);
        match self {
            RowSource::Csv {
                reader,
                headers,
                row,
            } => {
                let mut rec = csv::StringRecord::new();
                while out.len() < n {
                    let line = reader.position().line();
                    match reader.read_record(&mut rec) {
                        Ok(false) => break,
                        Ok(true) => {
                            *row += 1;
                            out.push(csv_row(*row, line, headers, &rec));
                        }
                        Err(e) => {
                            *row += 1;
                            out.push(Row {
                                row: *row,
                                line,
                                id: None,
                                query: Err(format!("unreadable CSV: {e}")),
                                passthrough: Map::new(),
                            });
                            if e.is_io_error() {
                                break;
                            }
                        }
                    }
                }
            }
            RowSource::Jsonl { lines, line, row } => {
                while out.len() < n {
                    let Some(text) = lines.next() else { break };
                    *line += 1;
                    let text = text.with_context(|| format!("line {line}: cannot read"))?;
                    if text.trim().is_empty() {
                        continue;
                    }
                    *row += 1;
                    out.push(jsonl_row(*row, *line, &text));
                }
            }
        }
        Ok(out)
    }
}

fn csv_row(row: usize, line: u64, headers: &[String], rec: &csv::StringRecord) -> Row {
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
        if !e.names().any(|_| true) {
            return Err("the entity has no name".to_string());
        }
        let problems = zeef_model::normalize_query(&mut e);
        Ok((e, problems.iter().map(|p| p.to_string()).collect()))
    });
    Row {
        row,
        line,
        id,
        query,
        passthrough: Map::new(),
    }
}
