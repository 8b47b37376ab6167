//! `/ui/screen`: the screening form and its results. The form submits with GET, so every
//! search is a URL (`/ui/screen?name=…&birth_date=…`) that can be shared; the fields are the
//! HTTP API's `/screen` parameters, read by the same code.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Extension, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use zeef_matching::{DEFAULT_LIMIT, DEFAULT_THRESHOLD};
use zeef_model::Schema;
use zeef_screening::{ALGORITHM, ScreenResponse, ScreenResult};
use zeef_server::Loaded;
use zeef_server::error::ApiError;
use zeef_server::screen::{MAX_LIMIT, ScreenQuery, screen_one};
use zeef_server::work::Ticket;

use crate::Web;
use crate::access::Who;
use crate::explain;
use crate::page::{self, Section, entity_href};

/// The form as the URL fills it in. Blank fields ask for nothing.
#[derive(Debug, Clone, Default)]
pub struct Form {
    pub name: String,
    pub birth_date: String,
    pub country: String,
    pub nationality: String,
    pub gender: String,
    pub id: String,
    /// The country that issued the identifier.
    pub id_country: String,
    pub schema: String,
    pub source: Vec<String>,
    pub threshold: String,
    pub limit: String,
    pub by_record: bool,
    /// What could not be read (an unknown field), shown above the form.
    pub problems: Vec<String>,
}

/// The URL's fields, in the form's order.
const FIELDS: &[&str] = &[
    "name",
    "birth_date",
    "country",
    "nationality",
    "gender",
    "id",
    "id_country",
    "schema",
    "source",
    "threshold",
    "limit",
    "by_record",
];

impl Form {
    /// Reads a query string; an unknown field is a problem to show, not a silent omission.
    pub fn parse(raw: Option<&str>) -> Form {
        let mut f = Form::default();
        for (k, v) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let v = v.trim().to_string();
            match k.as_ref() {
                "name" => f.name = v,
                "birth_date" => f.birth_date = v,
                "country" => f.country = v,
                "nationality" => f.nationality = v,
                "gender" => f.gender = v,
                "id" => f.id = v,
                "id_country" => f.id_country = v,
                "schema" => f.schema = v,
                "source" if !v.is_empty() => f.source.push(v),
                "source" => {}
                "threshold" => f.threshold = v,
                "limit" => f.limit = v,
                "by_record" => f.by_record = matches!(v.as_str(), "1" | "true" | "on"),
                other => f.problems.push(format!(
                    "Unknown field {:?} (this page reads {}).",
                    zeef_model::clip(other, zeef_model::QUOTED_BYTES),
                    FIELDS.join(", ")
                )),
            }
        }
        f
    }

    /// True when nothing is asked: the empty form.
    pub fn is_blank(&self) -> bool {
        self.name.is_empty() && self.id.is_empty()
    }

    /// The API's query for these fields, or what is wrong with them.
    pub fn query(&self) -> Result<ScreenQuery, String> {
        let one = |v: &str| -> Vec<String> {
            if v.is_empty() {
                Vec::new()
            } else {
                vec![v.to_string()]
            }
        };
        let some = |v: &str| (!v.is_empty()).then(|| v.to_string());
        let threshold = match self.threshold.as_str() {
            "" => DEFAULT_THRESHOLD,
            t => t
                .parse::<f64>()
                .ok()
                .filter(|t| (0.0..=1.0).contains(t))
                .ok_or_else(|| {
                    format!(
                        "Threshold: expected a number from 0 to 1, got {:?}.",
                        zeef_model::clip(t, zeef_model::QUOTED_BYTES)
                    )
                })?,
        };
        let limit = match self.limit.as_str() {
            "" => DEFAULT_LIMIT,
            l => l
                .parse::<usize>()
                .ok()
                .filter(|l| (1..=MAX_LIMIT).contains(l))
                .ok_or_else(|| {
                    format!(
                        "Results: expected a whole number from 1 to {MAX_LIMIT}, got {:?}.",
                        zeef_model::clip(l, zeef_model::QUOTED_BYTES)
                    )
                })?,
        };
        Ok(ScreenQuery {
            name: one(&self.name),
            birth_date: one(&self.birth_date),
            country: one(&self.country),
            nationality: one(&self.nationality),
            gender: some(&self.gender),
            id: one(&self.id),
            id_country: some(&self.id_country),
            schema: some(&self.schema),
            source: self.source.clone(),
            threshold: Some(threshold),
            limit: Some(limit),
            by_record: self.by_record,
            ..ScreenQuery::default()
        })
    }
}

/// `GET /ui/screen`: the form, and the results when a name or identifier is given.
pub async fn page(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    RawQuery(raw): RawQuery,
) -> Response {
    let form = Form::parse(raw.as_deref());
    let loaded = web.app.loaded();
    let sources: Vec<String> = loaded
        .iter()
        .flat_map(|l| l.manifest.sources.iter().map(|s| s.source.clone()))
        .collect();
    let problem = |status: StatusCode, form: &Form, msg: String| {
        let mut form = form.clone();
        form.problems.push(msg);
        (
            status,
            Html(render(&form, &who, &sources, None).into_string()),
        )
            .into_response()
    };
    if !form.problems.is_empty() {
        return (
            StatusCode::BAD_REQUEST,
            Html(render(&form, &who, &sources, None).into_string()),
        )
            .into_response();
    }
    if form.is_blank() {
        return page::ok(render(&form, &who, &sources, None));
    }
    let Some(loaded) = loaded else {
        let msg = "The lists are still loading; try again in a moment.".to_string();
        return problem(StatusCode::SERVICE_UNAVAILABLE, &form, msg);
    };
    let prepared = form.query().and_then(|q| {
        let entity = q.to_entity().map_err(detail)?;
        let opts = q.options().map_err(detail)?;
        zeef_server::yente::known_sources(&loaded, "lists", &q.source).map_err(detail)?;
        Ok((q, entity, opts))
    });
    let (q, entity, opts) = match prepared {
        Ok(p) => p,
        Err(msg) => return problem(StatusCode::BAD_REQUEST, &form, msg),
    };
    let Ok(permit) = web.app.permits.clone().try_acquire_owned() else {
        let msg = "The server is busy; try again in a moment.".to_string();
        return problem(StatusCode::SERVICE_UNAVAILABLE, &form, msg);
    };
    let ticket = Arc::new(Ticket::new(
        Instant::now() + web.app.config.request_timeout,
        Some(permit),
    ));
    let recording = web.app.config.record.is_some();
    let (form_job, sources_job, who_job) = (form.clone(), sources.clone(), who.clone());
    let job = move |ticket: &Ticket| {
        let (mut resp, record) = screen_one(&loaded, &q, &entity, &opts, recording, ticket)?;
        resp.snapshot = Some(loaded.version().to_string());
        let html = render(&form_job, &who_job, &sources_job, Some((&resp, &loaded))).into_string();
        Ok((html, record))
    };
    let (html, record) = match web.app.pool.run(ticket, job).await {
        Ok(done) => done,
        Err(e) => return problem(e.status, &form, detail(e)),
    };
    if let Some(record) = record
        && let Err(e) = zeef_server::recording::commit(&web.app, vec![record]).await
    {
        return problem(e.status, &form, detail(e));
    }
    Html(html).into_response()
}

fn detail(e: ApiError) -> String {
    e.detail.to_string()
}

/// The whole page: form, problems, and the results of a screening.
fn render(
    form: &Form,
    who: &Who,
    sources: &[String],
    screened: Option<(&ScreenResponse, &Loaded)>,
) -> Markup {
    let title = if form.name.is_empty() {
        "Screen".to_string()
    } else {
        format!(
            "Screen {}",
            zeef_model::clip(&form.name, zeef_model::QUOTED_BYTES)
        )
    };
    let body = html! {
        h1 { "Screen a name" }
        @if !form.problems.is_empty() {
            div.problem role="alert" {
                @for p in &form.problems { p { (p) } }
            }
        }
        (form_markup(form, sources))
        @if let Some((resp, loaded)) = screened {
            (results(form, resp, loaded))
        }
    };
    page::shell(&title, Section::Screen, Some(who), body)
}

fn form_markup(f: &Form, sources: &[String]) -> Markup {
    let threshold = if f.threshold.is_empty() {
        DEFAULT_THRESHOLD.to_string()
    } else {
        f.threshold.clone()
    };
    let limit = if f.limit.is_empty() {
        DEFAULT_LIMIT.to_string()
    } else {
        f.limit.clone()
    };
    html! {
        form.screen method="get" action="/ui/screen" role="search" {
            div.field.wide {
                label for="name" { "Name" }
                input #name type="search" name="name" value=(f.name) autocomplete="off"
                    autofocus[f.is_blank()] placeholder="e.g. Abu Bakr al-Baghdadi";
            }
            div.field {
                label for="birth_date" { "Birth date" }
                input #birth_date name="birth_date" value=(f.birth_date) placeholder="1971, 1971-07-28" aria-describedby="birth_date_hint";
                small #birth_date_hint { "A year, a month or a day" }
            }
            div.field {
                label for="country" { "Country" }
                input #country name="country" value=(f.country) placeholder="Iraq or IQ";
            }
            div.field {
                label for="nationality" { "Nationality" }
                input #nationality name="nationality" value=(f.nationality);
            }
            div.field {
                label for="gender" { "Gender" }
                select #gender name="gender" {
                    @for (value, label) in [("", "Any"), ("male", "Male"), ("female", "Female"), ("other", "Other")] {
                        option value=(value) selected[f.gender == value] { (label) }
                    }
                }
            }
            div.field {
                label for="id" { "Identifier" }
                input #id name="id" value=(f.id) placeholder="passport, IMO, LEI, BIC, wallet";
            }
            div.field {
                label for="id_country" { "Issued by" }
                input #id_country name="id_country" value=(f.id_country) placeholder="country of a passport or id number";
            }
            div.field {
                label for="schema" { "Kind" }
                select #schema name="schema" {
                    option value="" selected[f.schema.is_empty()] { "Person or organisation" }
                    @for s in Schema::ALL {
                        option value=(s.as_str()) selected[f.schema == s.as_str()] { (s.as_str()) }
                    }
                }
            }
            div.field {
                label for="threshold" { "Threshold" }
                input #threshold name="threshold" type="number" min="0" max="1" step="0.01" value=(threshold);
            }
            div.field {
                label for="limit" { "Results" }
                input #limit name="limit" type="number" min="1" max=(MAX_LIMIT) value=(limit);
            }
            @if !sources.is_empty() {
                fieldset.lists {
                    legend { "Lists (none ticked: all)" }
                    @for s in sources {
                        label.check {
                            input type="checkbox" name="source" value=(s) checked[f.source.contains(s)];
                            " " (s)
                        }
                    }
                }
            }
            label.check {
                input type="checkbox" name="by_record" value="1" checked[f.by_record];
                " One result per listed record"
            }
            div.actions { button type="submit" { "Screen" } }
        }
    }
}

fn results(form: &Form, resp: &ScreenResponse, loaded: &Loaded) -> Markup {
    let threshold = form.query().ok().and_then(|q| q.threshold);
    html! {
        section.results aria-labelledby="results-heading" {
            h2 #results-heading {
                @match resp.results.len() {
                    0 => "No listed party resembles this query",
                    1 => "1 result",
                    n => { (n) " results" },
                }
            }
            p.meta {
                "Screened against snapshot " code { (loaded.version()) }
                " (" (loaded.index.len()) " listed records) with " code { (ALGORITHM) }
                @if let Some(t) = threshold { ", threshold " (t) }
                ". "
                "Query as read: "
                @for (k, vs) in &resp.query.properties {
                    span.prop { (k) ": " (vs.join(", ")) } " "
                }
            }
            @for (i, r) in resp.results.iter().enumerate() {
                (result(r, i == 0))
            }
        }
    }
}

fn result(r: &ScreenResult, first: bool) -> Markup {
    html! {
        article.result.is-match[r.is_match] {
            header {
                h3 { a href=(entity_href(&r.id)) { (r.caption) } }
                p.score {
                    @if r.is_match { span.badge.match { "Match" } } @else { span.badge { "Below threshold" } }
                    " score " strong { (format!("{:.2}", r.score)) } " "
                    meter min="0" max="1" value=(r.score) { (format!("{:.2}", r.score)) }
                }
            }
            dl.facts {
                dt { "Entity" } dd { code { (r.id) } }
                dt { "Kind" } dd { (r.schema) }
                dt { "Lists" } dd { (r.datasets.join(", ")) }
            }
            @if r.listings.is_empty() {
                p { "Listed record " a href=(entity_href(&r.id)) { code { (r.id) } } }
            } @else {
                table.listings {
                    caption { "Listings" }
                    thead { tr { th scope="col" { "List" } th scope="col" { "Record" } th scope="col" { "Listed name" } th scope="col" { "List date" } th scope="col" { "Programme" } th scope="col" { "Score" } } }
                    tbody {
                        @for l in &r.listings {
                            tr {
                                td { (l.source) }
                                td { a href=(entity_href(&l.id)) { code { (l.id) } } }
                                td { (l.caption) }
                                td { (l.list_date.as_deref().unwrap_or("")) }
                                td { (l.programme.join("; ")) }
                                td.num { @if let Some(s) = l.score { (format!("{s:.2}")) } }
                            }
                        }
                    }
                }
            }
            @if !r.links.is_empty() {
                details.links {
                    summary { (format!("Linked to {} {} by the lists", r.links.len(), if r.links.len() == 1 { "party" } else { "parties" })) }
                    ul {
                        @for l in &r.links {
                            li {
                                (l.phrase()) " "
                                @if l.datasets.is_empty() { (l.caption) " (not listed)" } @else { a href=(entity_href(&l.id)) { (l.caption) } }
                                " — " (l.provenance.dataset) " " code { (l.provenance.record) } ": " q { (l.provenance.text) }
                            }
                        }
                    }
                }
            }
            details open[first] {
                summary { "Why this score" }
                (explain::render(&r.explanation))
            }
        }
    }
}
