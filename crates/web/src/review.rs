//! The review queue (`/ui/review`): the open alerts of the audit store, per subject, each with
//! the explanation recorded when it was screened, and a form to decide it (match, false
//! positive, unsure) with a note. The reviewer is the signed-in user, never a typed name.
//!
//! With four-eyes review (`zeef serve --four-eyes`) a decision is a proposal
//! (`AuditStore::propose`) until a second, different user approves it
//! (`AuditStore::approve`), which records the decision naming both. Which alerts are open, and
//! how a false positive stays suppressed until the subject or the listing changes, is the
//! audit store's (`AuditStore::open_alerts`), as for `zeef review`.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Extension;
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use maud::{Markup, html};
use serde_json::Value;
use zeef_audit::{
    AuditError, AuditStore, DecisionInput, OpenAlert, OpenReason, StoredDecision, Verdict,
};
use zeef_matching::Explanation;

use crate::Web;
use crate::access::{Who, csrf_refused};
use crate::form::Fields;
use crate::page::{self, Section, entity_href};

/// The longest note kept with a decision, in characters.
pub const MAX_NOTE_CHARS: usize = 4000;

/// One open alert as the page shows it.
struct Row {
    alert: OpenAlert,
    explanation: Option<Explanation>,
    pending: Option<StoredDecision>,
}

/// A subject with open alerts: its fields as screened and its alerts.
struct SubjectAlerts {
    id: String,
    fields: Value,
    rows: Vec<Row>,
}

/// What the queue page needs from the store, read in one blocking job.
fn read_queue(store: &AuditStore) -> zeef_audit::Result<Vec<SubjectAlerts>> {
    let open = store.open_alerts()?;
    let pending: HashMap<(String, String), StoredDecision> = store
        .pending_proposals()?
        .into_iter()
        .map(|p| {
            let key = (p.decision.subject_id.clone(), p.decision.entity_id.clone());
            (key, p)
        })
        .collect();
    let mut subjects: Vec<SubjectAlerts> = Vec::new();
    // The latest record of the subject being filled: the alerts were read from it, and so
    // are their explanations.
    let mut record: Option<zeef_audit::StoredRecord> = None;
    for alert in open {
        if subjects.last().is_none_or(|s| s.id != alert.subject_id) {
            record = store.latest_record(&alert.subject_id)?;
            subjects.push(SubjectAlerts {
                id: alert.subject_id.clone(),
                fields: record
                    .as_ref()
                    .map_or(Value::Null, |r| r.record.subject.fields.clone()),
                rows: Vec::new(),
            });
        }
        let explanation = record
            .as_ref()
            .and_then(|r| r.record.candidate(&alert.entity_id))
            .and_then(|c| serde_json::from_value(c.explanation.clone()).ok());
        let key = (alert.subject_id.clone(), alert.entity_id.clone());
        let pending = pending.get(&key).cloned();
        if let Some(s) = subjects.last_mut() {
            s.rows.push(Row {
                alert,
                explanation,
                pending,
            });
        }
    }
    Ok(subjects)
}

/// `GET /ui/review`: the queue.
pub async fn page(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    RawQuery(raw): RawQuery,
) -> Response {
    let done = form_urlencoded::parse(raw.unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "done")
        .map(|(_, v)| v.into_owned());
    let notice = match done.as_deref() {
        Some("decided") => Some("Decision recorded."),
        Some("proposed") => {
            Some("Decision proposed: it takes effect when another reviewer approves it.")
        }
        Some("approved") => Some("Decision approved and recorded with both reviewers' names."),
        _ => None,
    };
    render(&web, &who, StatusCode::OK, notice, None).await
}

/// The queue page with a notice or a problem above it.
async fn render(
    web: &Arc<Web>,
    who: &Who,
    status: StatusCode,
    notice: Option<&str>,
    problem: Option<&str>,
) -> Response {
    let Some(store) = web.audit.clone() else {
        let body = html! {
            h1 { "Review" }
            p.problem role="alert" {
                "This server has no audit store to review: start it with "
                code { "zeef serve --record" } ", or record screenings first with "
                code { "zeef batch --record" } "."
            }
        };
        return page::ok(page::shell("Review", Section::Review, Some(who), body));
    };
    let read = tokio::task::spawn_blocking(move || read_queue(&store)).await;
    let subjects = match read {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => {
            return page::error(
                StatusCode::SERVICE_UNAVAILABLE,
                "Review unavailable",
                &format!("The audit store could not be read: {e}"),
            );
        }
        Err(_) => {
            return page::error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Review unavailable",
                "Reading the audit store failed.",
            );
        }
    };
    let signed = match who {
        Who::User { name, .. } => Some(name.as_str()),
        _ => None,
    };
    let count: usize = subjects.iter().map(|s| s.rows.len()).sum();
    let body = html! {
        h1 { "Review" }
        @if let Some(n) = notice { p.notice role="status" { (n) } }
        @if let Some(p) = problem { p.problem role="alert" { (p) } }
        p.meta {
            (count) " open alert(s) of " (subjects.len()) " subject(s). "
            @if web.four_eyes {
                "Four-eyes review: a decision takes effect only when a second, different reviewer approves it."
            }
        }
        @if signed.is_none() {
            p.problem {
                "Decisions are signed with the reviewer's user name: this server has no sign-in "
                "(start it with " code { "--users FILE" } "), so alerts can be read here but not decided."
            }
        }
        @if subjects.is_empty() { p { "No open alerts." } }
        @for s in &subjects {
            section.subject aria-labelledby=(format!("s-{}", slug(&s.id))) {
                h2 #(format!("s-{}", slug(&s.id))) { "Subject " code { (s.id) } }
                (fields(&s.fields))
                @for row in &s.rows {
                    (alert(row, who, signed, web.four_eyes))
                }
            }
        }
    };
    let mut resp = page::ok(page::shell("Review", Section::Review, Some(who), body));
    *resp.status_mut() = status;
    resp
}

/// A subject's screened fields as a definition list.
fn fields(v: &Value) -> Markup {
    html! {
        @if let Value::Object(map) = v {
            dl.facts {
                @for (k, v) in map {
                    dt { (k) }
                    dd { (scalar(v)) }
                }
            }
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// An HTML id made of a subject id's safe characters.
fn slug(id: &str) -> String {
    id.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::Match => "match",
        Verdict::FalsePositive => "false positive",
        Verdict::Escalate => "unsure",
    }
}

fn state(reason: &OpenReason) -> Markup {
    let day = |d: &zeef_audit::Decision| {
        let t = zeef_audit::format_time(d.decided_at);
        t.split('T').next().unwrap_or_default().to_string()
    };
    html! {
        @match reason {
            OpenReason::Undecided => span.badge { "undecided" },
            OpenReason::Escalated { decision } => {
                span.badge { "unsure" }
                " marked by " (decision.reviewer) " on " (day(decision))
                @if !decision.note.is_empty() { ": " q { (decision.note) } }
            }
            OpenReason::Returned { decision, changes } => {
                span.badge.match { "returned" }
                " false positive by " (decision.reviewer) " on " (day(decision)) "; since then: "
                (changes.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))
            }
        }
    }
}

fn alert(row: &Row, who: &Who, signed: Option<&str>, four_eyes: bool) -> Markup {
    let a = &row.alert;
    let id = format!("a-{}-{}", slug(&a.subject_id), slug(&a.entity_id));
    html! {
        article.result.is-match #(id) {
            header {
                h3 { a href=(entity_href(&a.entity_id)) { (a.caption) } " " small { code { (a.entity_id) } } }
                p.score { "Score " strong { (format!("{:.2}", a.score)) } " · " (state(&a.reason)) }
            }
            @if let Some(x) = &row.explanation {
                details {
                    summary { "Why it scored " (format!("{:.2}", a.score)) }
                    (crate::explain::render(x))
                }
            }
            @if let Some(p) = &row.pending {
                @let d = &p.decision;
                div.notice.pending {
                    p {
                        strong { (d.reviewer) } " proposes " strong { (verdict_words(d.verdict)) }
                        @if !d.note.is_empty() { ": " q { (d.note) } }
                        " (entry #" (p.seq) ")."
                    }
                    @match signed {
                        Some(me) if zeef_audit::same_person(me, &d.reviewer) => {
                            p.meta { "Waiting for a second reviewer to approve it." }
                        }
                        Some(_) => {
                            form.inline method="post" action="/ui/review/approve" {
                                input type="hidden" name="csrf" value=(who.csrf());
                                input type="hidden" name="subject" value=(a.subject_id);
                                input type="hidden" name="entity" value=(a.entity_id);
                                input type="hidden" name="seq" value=(p.seq);
                                button type="submit" { "Approve " (verdict_words(d.verdict)) }
                            }
                        }
                        None => {}
                    }
                }
            }
            @if signed.is_some() {
                form.stack.decide method="post" action="/ui/review/decide" {
                    input type="hidden" name="csrf" value=(who.csrf());
                    input type="hidden" name="subject" value=(a.subject_id);
                    input type="hidden" name="entity" value=(a.entity_id);
                    fieldset {
                        legend { "Decision" }
                        label.check { input type="radio" name="verdict" value="match" required; "Match" }
                        label.check { input type="radio" name="verdict" value="false-positive"; "False positive" }
                        label.check { input type="radio" name="verdict" value="unsure"; "Unsure" }
                    }
                    div.field {
                        label for=(format!("{id}-note")) { "Note" }
                        textarea #(format!("{id}-note")) name="note" maxlength=(MAX_NOTE_CHARS) {}
                    }
                    div.actions {
                        button type="submit" {
                            @if four_eyes { "Propose decision" } @else { "Record decision" }
                        }
                    }
                }
            }
        }
    }
}

/// The signed-in reviewer, or the answer refusing a form from anyone else.
fn reviewer(who: &Who) -> Result<String, Box<Response>> {
    match who {
        Who::User { name, .. } => Ok(name.clone()),
        _ => Err(Box::new(page::error(
            StatusCode::FORBIDDEN,
            "Sign-in needed",
            "Decisions are signed with the reviewer's user name: start the server with \
             --users FILE and sign in. Nothing was stored.",
        ))),
    }
}

/// What an audit store error tells the reviewer: status and message.
fn refusal(e: &AuditError) -> (StatusCode, String) {
    match e {
        AuditError::SameReviewer { .. } => (
            StatusCode::FORBIDDEN,
            "You proposed this decision, so you cannot approve it: a second, different reviewer \
             must. Nothing was stored."
                .to_string(),
        ),
        AuditError::NoProposal { .. } => (
            StatusCode::CONFLICT,
            "This proposal is no longer waiting: it was approved or replaced by a newer one \
             meanwhile. Nothing was stored; see the queue as it is now."
                .to_string(),
        ),
        AuditError::UnknownAlert { .. } => {
            (StatusCode::NOT_FOUND, format!("{e}. Nothing was stored."))
        }
        AuditError::Invalid(why) => (
            StatusCode::BAD_REQUEST,
            format!("{why}. Nothing was stored."),
        ),
        other => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!("The audit store could not record it: {other}. Nothing was stored."),
        ),
    }
}

/// The form's subject and entity ids, or the field that is missing.
fn pair(form: &Fields) -> Result<(String, String), String> {
    let get = |name: &str| {
        form.get(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .ok_or_else(|| format!("The form has no {name} field. Nothing was stored."))
    };
    Ok((get("subject")?, get("entity")?))
}

/// The decide form's subject, entity, verdict and note, or what is wrong with them.
fn decision_fields(form: &Fields) -> Result<(String, String, Verdict, String), String> {
    let (subject, entity) = pair(form)?;
    let verdict = match form.get("verdict").map(str::trim) {
        Some("match") => Verdict::Match,
        Some("false-positive") => Verdict::FalsePositive,
        Some("unsure") => Verdict::Escalate,
        Some(other) => {
            return Err(format!(
                "Decision {other:?} is not one of match, false-positive or unsure. Nothing was stored."
            ));
        }
        None => {
            return Err(
                "Choose a decision: match, false positive or unsure. Nothing was stored.".into(),
            );
        }
    };
    let note = form.get("note").unwrap_or("").trim().to_string();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(format!(
            "The note is longer than {MAX_NOTE_CHARS} characters. Nothing was stored."
        ));
    }
    Ok((subject, entity, verdict, note))
}

/// A review form checked: its fields, the signed-in reviewer and the audit store; or the
/// answer that refuses it (forged, no reviewer, no store).
async fn signed_form(
    web: &Arc<Web>,
    who: &Who,
    body: &Bytes,
) -> Result<(Fields, String, Arc<AuditStore>), Box<Response>> {
    let form = Fields::parse(body);
    if !who.csrf_ok(form.get("csrf")) {
        return Err(Box::new(csrf_refused()));
    }
    let name = reviewer(who)?;
    let Some(store) = web.audit.clone() else {
        return Err(Box::new(
            render(web, who, StatusCode::NOT_FOUND, None, None).await,
        ));
    };
    Ok((form, name, store))
}

/// Runs `record` off the async runtime, then sends the reviewer to `done` or shows why
/// nothing was stored; `what` names the record in the message of a failure.
async fn record<T: Send + 'static>(
    web: &Arc<Web>,
    who: &Who,
    record: impl FnOnce() -> Result<T, AuditError> + Send + 'static,
    done: &str,
    what: &str,
) -> Response {
    match tokio::task::spawn_blocking(record).await {
        Ok(Ok(_)) => Redirect::to(&format!("/ui/review?done={done}")).into_response(),
        Ok(Err(e)) => {
            let (status, msg) = refusal(&e);
            render(web, who, status, None, Some(&msg)).await
        }
        Err(_) => page::error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Not recorded",
            &format!("Recording the {what} failed."),
        ),
    }
}

/// `POST /ui/review/decide`: records the decision, or with four-eyes review proposes it.
pub async fn decide(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    body: Bytes,
) -> Response {
    let (form, name, store) = match signed_form(&web, &who, &body).await {
        Ok(f) => f,
        Err(resp) => return *resp,
    };
    let (subject, entity, verdict, note) = match decision_fields(&form) {
        Ok(f) => f,
        Err(msg) => return render(&web, &who, StatusCode::BAD_REQUEST, None, Some(&msg)).await,
    };
    let four_eyes = web.four_eyes;
    let input = DecisionInput::new(subject, entity, verdict, name, note);
    let done = if four_eyes { "proposed" } else { "decided" };
    let write = move || match four_eyes {
        true => store.propose(input).map(drop),
        false => store.decide(input).map(drop),
    };
    record(&web, &who, write, done, "decision").await
}

/// `POST /ui/review/approve`: a second reviewer approves a proposed decision.
pub async fn approve(
    State(web): State<Arc<Web>>,
    Extension(who): Extension<Who>,
    body: Bytes,
) -> Response {
    let (form, name, store) = match signed_form(&web, &who, &body).await {
        Ok(f) => f,
        Err(resp) => return *resp,
    };
    let (subject, entity) = match pair(&form) {
        Ok(p) => p,
        Err(msg) => return render(&web, &who, StatusCode::BAD_REQUEST, None, Some(&msg)).await,
    };
    let seq = match form.get("seq").map(|s| s.trim().parse::<i64>()) {
        Some(Ok(s)) => Some(s),
        Some(Err(_)) => {
            let msg = "The form's seq field is not an entry number. Nothing was stored.";
            return render(&web, &who, StatusCode::BAD_REQUEST, None, Some(msg)).await;
        }
        None => None,
    };
    let write = move || store.approve(&subject, &entity, seq, &name);
    record(&web, &who, write, "approved", "approval").await
}
