//! Batch screening (`/ui/batch`): a CSV or JSON-lines file of subjects uploaded, read with the
//! reader `zeef batch` uses (`zeef_subjects::RowSource`: same columns, same row numbers, same
//! messages), screened against the loaded snapshot as `zeef batch` screens (one result per
//! resolved entity, `zeef_resolve::grouping`), on all cores. A job page shows the progress
//! (it reloads itself with `<meta http-equiv=refresh>`, no script), then the alerts as a
//! table sorted by links, and downloads (CSV with `zeef batch --format csv`'s columns, JSON
//! lines, and the due-diligence HTML report `zeef report` writes, built from the batch's own
//! results: `zeef_audit::Report`, rendered by the audit crate).
//!
//! A file with a malformed row is refused as a whole, naming the rows: nothing is screened or
//! kept. Jobs live in memory, the newest [`KEEP_JOBS`], each visible only to who uploaded it.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Extension;
use axum::extract::{Multipart, Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use rayon::prelude::*;
use serde::Serialize;
use zeef_audit::{Found, OpenAlert, OpenReason, Report, Screening, SubjectReport, Summary};
use zeef_matching::ScreenOptions;
use zeef_screening::{RecordContext, decode_hits, screen_results};
use zeef_server::Loaded;
use zeef_subjects::{Row, RowSource};

use crate::Web;
use crate::access::{Who, csrf_refused};
use crate::page::{self, Section, entity_href};
use crate::sessions::random_token;

/// The largest file accepted unless set otherwise, in bytes.
pub const MAX_UPLOAD: usize = 64 << 20;
/// Jobs kept (the oldest forgotten first).
pub const KEEP_JOBS: usize = 16;
/// Malformed rows named in a refusal (the rest are counted).
const NAMED_ROWS: usize = 10;
/// Rows screened between two progress updates.
const CHUNK: usize = 512;

/// One alert: a screened row's result at or above the threshold.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub row: usize,
    pub id: String,
    pub query_name: String,
    pub score: f64,
    pub entity_id: String,
    pub caption: String,
    pub schema: String,
    pub datasets: Vec<String>,
    pub matched_name: String,
    pub matched_property: String,
    pub explanation: String,
}

/// How far a job is.
enum Progress {
    Running,
    Done(Screened),
}

/// A screened file: its alerts and what its report states besides them.
struct Screened {
    alerts: Vec<Alert>,
    /// The list snapshot (each list's version) and the algorithm screened with.
    context: RecordContext,
    started_at: time::OffsetDateTime,
    finished_at: time::OffsetDateTime,
}

/// An uploaded file being screened, or screened.
pub struct Job {
    file: String,
    /// Who uploaded it (a user's name; "" on a server without sign-in).
    owner: String,
    rows: usize,
    /// Each row's number and how the report names its subject.
    subjects: Vec<(usize, String)>,
    done: AtomicUsize,
    state: Mutex<Progress>,
    started: std::time::Instant,
    seconds: Mutex<Option<f64>>,
}

/// The jobs of this server, newest last.
#[derive(Default)]
pub struct Jobs(Mutex<Vec<(String, Arc<Job>)>>);

impl Jobs {
    fn add(&self, job: Arc<Job>) -> String {
        let id = random_token()[..24].to_string();
        if let Ok(mut jobs) = self.0.lock() {
            jobs.push((id.clone(), job));
            let over = jobs.len().saturating_sub(KEEP_JOBS);
            jobs.drain(..over);
        }
        id
    }

    fn get(&self, id: &str, owner: &str) -> Option<Arc<Job>> {
        let jobs = self.0.lock().ok()?;
        jobs.iter()
            .find(|(i, j)| i == id && j.owner == owner)
            .map(|(_, j)| j.clone())
    }

    fn of(&self, owner: &str) -> Vec<(String, Arc<Job>)> {
        self.0.lock().map_or_else(
            |_| Vec::new(),
            |jobs| {
                jobs.iter()
                    .rev()
                    .filter(|(_, j)| j.owner == owner)
                    .cloned()
                    .collect()
            },
        )
    }
}

fn owner(who: &Who) -> String {
    match who {
        Who::User { name, .. } => name.clone(),
        _ => String::new(),
    }
}

/// `GET /ui/batch`: the upload form and this user's jobs.
pub async fn page(State(web): State<Arc<Web>>, Extension(who): Extension<Who>) -> Response {
    page::ok(upload_page(&web, &who, None))
}

fn upload_page(web: &Web, who: &Who, problem: Option<&str>) -> Markup {
    let jobs = web.jobs.of(&owner(who));
    let body = html! {
        h1 { "Batch screening" }
        @if let Some(p) = problem {
            div.problem role="alert" { @for line in p.lines() { p { (line) } } }
        }
        p {
            "A CSV file with a header (" code { "full_name" } " or " code { "first_name" } "/"
            code { "last_name" } ", and optionally " code { "id" } ", " code { "birth_date" } ", "
            code { "country" } ", " code { "nationality" } ", …) or JSON lines, as "
            code { "zeef batch" } " reads them; at most " (size_words(web.max_upload)) ". A file with a "
            "malformed row is refused as a whole."
        }
        form.stack method="post" action="/ui/batch" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(who.csrf());
            div.field {
                label for="file" { "File of subjects" }
                input #file type="file" name="file" accept=".csv,.jsonl,.json,.ndjson,text/csv" required;
            }
            div.actions { button type="submit" { "Screen" } }
        }
        @if !jobs.is_empty() {
            h2 { "Recent files" }
            ul {
                @for (id, j) in &jobs {
                    li { a href=(format!("/ui/batch/{id}")) { (j.file) } " · " (j.rows) " rows · " (status_words(j)) }
                }
            }
        }
    };
    page::shell("Batch", Section::Batch, Some(who), body)
}

fn status_words(j: &Job) -> String {
    match &*j.state.lock().unwrap_or_else(|e| e.into_inner()) {
        Progress::Running => format!("screening, {} done", j.done.load(Ordering::Relaxed)),
        Progress::Done(screened) => format!("{} alert(s)", screened.alerts.len()),
    }
}

fn too_large(max: usize) -> String {
    format!(
        "The file is larger than {}: split it, or screen it with zeef batch. Nothing was screened or kept.",
        size_words(max)
    )
}

fn size_words(bytes: usize) -> String {
    if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

fn refused(web: &Web, who: &Who, status: StatusCode, msg: &str) -> Response {
    let mut resp = page::ok(upload_page(web, who, Some(msg)));
    *resp.status_mut() = status;
    resp
}

/// `POST /ui/batch`: reads the upload, refuses it whole if any row is malformed, else starts
/// screening it and sends the browser to its job page.
pub async fn upload(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    mut multipart: Multipart,
) -> Response {
    let mut csrf: Option<String> = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                let msg = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    too_large(web.max_upload)
                } else {
                    format!("The upload could not be read: {e}. Nothing was screened or kept.")
                };
                return refused(&web, &who, e.status(), &msg);
            }
        };
        match field.name() {
            Some("csrf") => csrf = field.text().await.ok(),
            Some("file") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                match field.bytes().await {
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(e) => {
                        let msg = if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                            too_large(web.max_upload)
                        } else {
                            format!(
                                "The upload could not be read: {e}. Nothing was screened or kept."
                            )
                        };
                        return refused(&web, &who, e.status(), &msg);
                    }
                }
            }
            _ => {}
        }
    }
    if !who.csrf_ok(csrf.as_deref()) {
        return csrf_refused();
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return refused(
            &web,
            &who,
            StatusCode::BAD_REQUEST,
            "Choose a file of subjects: the upload was empty.",
        );
    };
    let Some(loaded) = web.app.loaded() else {
        return refused(
            &web,
            &who,
            StatusCode::SERVICE_UNAVAILABLE,
            "The lists are still loading; try again in a moment.",
        );
    };
    let label = zeef_model::clip(&name, zeef_model::QUOTED_BYTES).to_string();
    let read = {
        let label = label.clone();
        tokio::task::spawn_blocking(move || read_rows(&label, bytes)).await
    };
    let rows = match read {
        Ok(Ok(rows)) => rows,
        Ok(Err(msg)) => return refused(&web, &who, StatusCode::UNPROCESSABLE_ENTITY, &msg),
        Err(_) => {
            return refused(
                &web,
                &who,
                StatusCode::INTERNAL_SERVER_ERROR,
                "Reading the file failed.",
            );
        }
    };
    let subjects = rows
        .iter()
        .map(|r| (r.row, subject_label(&label, r)))
        .collect();
    let job = Arc::new(Job {
        file: label,
        owner: owner(&who),
        rows: rows.len(),
        subjects,
        done: AtomicUsize::new(0),
        state: Mutex::new(Progress::Running),
        started: std::time::Instant::now(),
        seconds: Mutex::new(None),
    });
    let id = web.jobs.add(job.clone());
    tokio::task::spawn_blocking(move || run(&loaded, &rows, &job));
    Redirect::to(&format!("/ui/batch/{id}")).into_response()
}

/// Every row of the file, or a message naming the malformed ones.
fn read_rows(label: &str, bytes: Vec<u8>) -> Result<Vec<Row>, String> {
    let jsonl = label.ends_with(".jsonl")
        || label.ends_with(".ndjson")
        || label.ends_with(".json")
        || bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let nothing = "Nothing was screened or kept.";
    let mut source = if jsonl {
        RowSource::jsonl(std::io::Cursor::new(bytes))
    } else {
        RowSource::csv(std::io::Cursor::new(bytes), label)
            .map_err(|e| format!("{e:#}. {nothing}"))?
    };
    let mut rows = Vec::new();
    loop {
        let chunk = source
            .next_chunk(4096)
            .map_err(|e| format!("{e:#}. {nothing}"))?;
        if chunk.is_empty() {
            break;
        }
        rows.extend(chunk);
    }
    let bad: Vec<&Row> = rows.iter().filter(|r| r.query.is_err()).collect();
    if !bad.is_empty() {
        let mut msg = format!(
            "{label}: {} malformed row(s); the file is refused. {nothing}",
            bad.len()
        );
        for r in bad.iter().take(NAMED_ROWS) {
            if let Err(why) = &r.query {
                msg.push_str(&format!("\nrow {} (line {}): {why}", r.row, r.line));
            }
        }
        if bad.len() > NAMED_ROWS {
            msg.push_str(&format!("\nand {} more", bad.len() - NAMED_ROWS));
        }
        return Err(msg);
    }
    if rows.is_empty() {
        return Err(format!("{label}: no rows to screen. {nothing}"));
    }
    Ok(rows)
}

/// How the report names a row's subject: its id (or `file:row-N`, as `zeef batch --record`
/// names a row without one) and the name screened.
fn subject_label(file: &str, r: &Row) -> String {
    let id = match r.id.as_deref().map(str::trim) {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => format!("{file}:row-{}", r.row),
    };
    match &r.query {
        Ok((entity, _)) => format!("{id} · {}", entity.caption()),
        Err(_) => id,
    }
}

/// Screens every row as `zeef batch` does, counting progress.
fn run(loaded: &Loaded, rows: &[Row], job: &Job) {
    let opts = ScreenOptions::default();
    let context = RecordContext::new(&loaded.manifest, None, opts.threshold);
    let started_at = zeef_audit::now();
    let resolution = loaded.resolution(false);
    let mut alerts = Vec::new();
    for chunk in rows.chunks(CHUNK) {
        let found: Vec<Vec<Alert>> = chunk
            .par_iter()
            .map(|r| screen_row(loaded, resolution, &opts, r))
            .collect();
        alerts.extend(found.into_iter().flatten());
        job.done.fetch_add(chunk.len(), Ordering::Relaxed);
    }
    if let Ok(mut s) = job.seconds.lock() {
        *s = Some(job.started.elapsed().as_secs_f64());
    }
    let screened = Screened {
        alerts,
        context,
        started_at,
        finished_at: zeef_audit::now(),
    };
    if let Ok(mut state) = job.state.lock() {
        *state = Progress::Done(screened);
    }
}

fn screen_row(
    loaded: &Loaded,
    resolution: Option<&zeef_resolve::Resolution>,
    opts: &ScreenOptions,
    r: &Row,
) -> Vec<Alert> {
    let Ok((entity, _)) = &r.query else {
        return Vec::new();
    };
    let Some((hits, entities)) =
        zeef_resolve::grouping::screen_until(&loaded.index, resolution, entity, opts, &|| false)
    else {
        return Vec::new();
    };
    let found = decode_hits(&loaded.index, &hits);
    let mut results = screen_results(&found);
    zeef_screening::result::name_by_entities(&mut results, &entities);
    results
        .into_iter()
        .filter(|x| x.is_match)
        .map(|res| Alert {
            row: r.row,
            id: r.id.clone().unwrap_or_default(),
            query_name: entity.caption().to_string(),
            score: res.score,
            entity_id: res.id.to_string(),
            caption: res.caption.to_string(),
            schema: res.schema.to_string(),
            datasets: res.datasets.clone(),
            matched_name: res.explanation.matched_name.clone(),
            matched_property: res.explanation.matched_property.clone(),
            explanation: res.explanation.summary().replace('\n', " | "),
        })
        .collect()
}

/// The sort a job page's table is in.
#[derive(Clone, Copy, PartialEq)]
enum Sort {
    Row,
    Score,
    Name,
    Listed,
}

impl Sort {
    fn parse(s: &str) -> Sort {
        match s {
            "score" => Sort::Score,
            "name" => Sort::Name,
            "listed" => Sort::Listed,
            _ => Sort::Row,
        }
    }
    fn key(self) -> &'static str {
        match self {
            Sort::Row => "row",
            Sort::Score => "score",
            Sort::Name => "name",
            Sort::Listed => "listed",
        }
    }
}

/// The answer for a batch that is not (or no longer) kept, or not the asker's.
fn no_such_job() -> Response {
    page::error(
        StatusCode::NOT_FOUND,
        "No such file",
        "This batch is not (or no longer) here: upload the file again.",
    )
}

/// `GET /ui/batch/{id}`: progress while screening (the page reloads itself), then the alerts.
pub async fn job(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let Some(job) = web.jobs.get(&id, &owner(&who)) else {
        return no_such_job();
    };
    let (mut sort, mut desc) = (Sort::Row, false);
    for (k, v) in form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match k.as_ref() {
            "sort" => sort = Sort::parse(&v),
            "dir" => desc = v == "desc",
            _ => {}
        }
    }
    let state = job.state.lock().unwrap_or_else(|e| e.into_inner());
    let done = job.done.load(Ordering::Relaxed);
    let running = matches!(*state, Progress::Running);
    let body = html! {
        h1 { "Batch: " (job.file) }
        @match &*state {
            Progress::Running => {
                p role="status" {
                    "Screening " (job.rows) " rows: " (done) " done. "
                    progress max=(job.rows) value=(done) { (done) " of " (job.rows) }
                }
                p.meta { "This page reloads itself until the file is screened." }
            }
            Progress::Done(Screened { alerts, .. }) => {
                p.notice role="status" {
                    (job.rows) " rows screened: " (alerts.len()) " alert(s)"
                    @if let Some(s) = *job.seconds.lock().unwrap_or_else(|e| e.into_inner()) {
                        " in " (format!("{s:.1}")) " s"
                    }
                    "."
                }
                p.actions {
                    a href=(format!("/ui/batch/{id}/alerts.csv")) download { "Download alerts (CSV)" }
                    a href=(format!("/ui/batch/{id}/alerts.jsonl")) download { "Download alerts (JSON lines)" }
                    a href=(format!("/ui/batch/{id}/report.html")) download { "Download the report (HTML)" }
                }
                (table(&id, alerts, sort, desc))
            }
        }
        p { a href="/ui/batch" { "Screen another file" } }
    };
    drop(state);
    let markup = page::shell(
        &format!("Batch {}", job.file),
        Section::Batch,
        Some(&who),
        body,
    );
    let mut html = markup.into_string();
    if running {
        // A refresh in the head: no script, allowed by the Content-Security-Policy.
        html = html.replacen(
            "<head>",
            r#"<head><meta http-equiv="refresh" content="1">"#,
            1,
        );
    }
    (
        [(header::CACHE_CONTROL, "no-store")],
        axum::response::Html(html),
    )
        .into_response()
}

fn table(id: &str, alerts: &[Alert], sort: Sort, desc: bool) -> Markup {
    let mut order: Vec<&Alert> = alerts.iter().collect();
    match sort {
        Sort::Row => order.sort_by_key(|a| a.row),
        Sort::Score => order.sort_by(|a, b| a.score.total_cmp(&b.score).then(a.row.cmp(&b.row))),
        Sort::Name => order.sort_by(|a, b| a.query_name.cmp(&b.query_name).then(a.row.cmp(&b.row))),
        Sort::Listed => order.sort_by(|a, b| a.caption.cmp(&b.caption).then(a.row.cmp(&b.row))),
    }
    if desc {
        order.reverse();
    }
    let head = |s: Sort, label: &str| {
        let next_desc = !(s == sort && desc);
        let dir = if next_desc { "desc" } else { "asc" };
        let aria = match (s == sort, desc) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        };
        html! {
            th scope="col" aria-sort=(aria) {
                a href=(format!("/ui/batch/{id}?sort={}&dir={dir}", s.key())) { (label) }
            }
        }
    };
    html! {
        @if alerts.is_empty() { p { "No alerts." } } @else {
            div.scroll {
                table.alerts {
                    caption { "Alerts (sort by a column's heading)" }
                    thead {
                        tr {
                            (head(Sort::Row, "Row"))
                            th scope="col" { "Id" }
                            (head(Sort::Name, "Subject"))
                            (head(Sort::Score, "Score"))
                            (head(Sort::Listed, "Listed"))
                            th scope="col" { "Lists" }
                            th scope="col" { "Why" }
                        }
                    }
                    tbody {
                        @for a in order {
                            tr {
                                td.num { (a.row) }
                                td { (a.id) }
                                td { (a.query_name) }
                                td.num { (format!("{:.2}", a.score)) }
                                td { a href=(entity_href(&a.entity_id)) { (a.caption) } }
                                td { (a.datasets.join(", ")) }
                                td { small { (a.explanation) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /ui/batch/{id}/alerts.csv`, `.jsonl` and `report.html`: the alerts, in row order, or
/// the due-diligence report of the file.
pub async fn download(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let Some(job) = web.jobs.get(&id, &owner(&who)) else {
        return no_such_job();
    };
    let state = job.state.lock().unwrap_or_else(|e| e.into_inner());
    let Progress::Done(screened) = &*state else {
        return page::error(
            StatusCode::CONFLICT,
            "Not screened yet",
            "The file is still being screened: download the alerts when it is done.",
        );
    };
    let (body, kind) = match file.as_str() {
        "alerts.csv" => (to_csv(&screened.alerts), "text/csv; charset=utf-8"),
        "alerts.jsonl" => (
            to_jsonl(&screened.alerts),
            "application/jsonl; charset=utf-8",
        ),
        "report.html" => (
            report(&job.subjects, screened).to_html(),
            "text/html; charset=utf-8",
        ),
        _ => {
            return page::error(
                StatusCode::NOT_FOUND,
                "Page not found",
                "The downloads are alerts.csv, alerts.jsonl and report.html.",
            );
        }
    };
    let disposition = format!("attachment; filename=\"{file}\"");
    (
        [
            (header::CONTENT_TYPE, kind.to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// The report `zeef report` writes, of this file's screening: one screening per row (its
/// entry number is the row's), its alerts found and open, no decisions, no audit chain.
fn report(subjects: &[(usize, String)], screened: &Screened) -> Report {
    let mut by_row: std::collections::BTreeMap<usize, Vec<&Alert>> = Default::default();
    for a in &screened.alerts {
        by_row.entry(a.row).or_default().push(a);
    }
    let mut pairs = std::collections::BTreeSet::new();
    let subjects: Vec<SubjectReport> = subjects
        .iter()
        .map(|(row, label)| {
            let alerts = by_row.get(row).map_or(&[][..], Vec::as_slice);
            pairs.extend(
                alerts
                    .iter()
                    .map(|a| (label.as_str(), a.entity_id.as_str())),
            );
            let seq = i64::try_from(*row).unwrap_or(i64::MAX);
            SubjectReport {
                subject_id: label.clone(),
                screenings: vec![Screening {
                    seq,
                    screened_at: screened.started_at,
                    snapshot_id: screened.context.snapshot.id.clone(),
                    sources: screened.context.snapshot.sources.clone(),
                    algorithm: (*screened.context.algorithm).clone(),
                    purged: false,
                    found: alerts
                        .iter()
                        .map(|a| Found {
                            entity_id: a.entity_id.clone(),
                            caption: a.caption.clone(),
                            score: a.score,
                            is_match: true,
                        })
                        .collect(),
                }],
                decisions: Vec::new(),
                open: alerts
                    .iter()
                    .map(|a| OpenAlert {
                        subject_id: label.clone(),
                        entity_id: a.entity_id.clone(),
                        caption: a.caption.clone(),
                        score: a.score,
                        record_seq: seq,
                        screened_at: screened.started_at,
                        reason: OpenReason::Undecided,
                    })
                    .collect(),
            }
        })
        .collect();
    let alerts = pairs.len() as u64;
    Report {
        generated_at: zeef_audit::now(),
        from: screened.started_at,
        // The period's end is exclusive: a moment after the last row was screened.
        to: screened.finished_at + std::time::Duration::from_millis(1),
        chain_head: None,
        summary: Summary {
            subjects_screened: subjects.len() as u64,
            screenings: subjects.len() as u64,
            alerts,
            decided: 0,
            open: alerts,
        },
        subjects,
    }
}

fn to_csv(alerts: &[Alert]) -> String {
    let mut out = format!("{}\n", zeef_screening::BATCH_CSV_HEADER);
    for a in alerts {
        let cells = [
            a.row.to_string(),
            a.id.clone(),
            a.query_name.clone(),
            format!("{:.3}", a.score),
            a.entity_id.clone(),
            a.caption.clone(),
            a.schema.clone(),
            a.datasets.join(";"),
            a.matched_name.clone(),
            a.matched_property.clone(),
            a.explanation.clone(),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push('\n');
    }
    out
}

/// A CSV cell, quoted when needed; a cell a spreadsheet would run as a formula starts with `'`.
fn csv_cell(c: &str) -> String {
    let c = if c.starts_with(['=', '+', '-', '@']) && c.parse::<f64>().is_err() {
        format!("'{c}")
    } else {
        c.to_string()
    };
    if c.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", c.replace('"', "\"\""))
    } else {
        c
    }
}

fn to_jsonl(alerts: &[Alert]) -> String {
    let mut out = String::new();
    for a in alerts {
        out.push_str(&serde_json::to_string(a).unwrap_or_default());
        out.push('\n');
    }
    out
}
