//! HTML rendering of a report: one self-contained, printable document (inline CSS with print
//! styles, tables, no JavaScript, every text escaped).

use std::fmt::Write;

use super::{Report, human_time, open_state};

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { --ink:#1a1f2b; --muted:#5b6475; --line:#d5dae3; --head:#f1f4f8; --accent:#1d3f72;
  --red:#a4161a; --amber:#8a5a00; --green:#1e6b34; }
* { box-sizing: border-box; }
body { font-family: "Helvetica Neue", Arial, "Liberation Sans", sans-serif; color: var(--ink);
  font-size: 10.5pt; line-height: 1.4; margin: 0 auto; padding: 24px 32px; max-width: 1100px; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 10px; margin-bottom: 18px; }
h1 { font-size: 19pt; margin: 0 0 6px; color: var(--accent); }
h2 { font-size: 14pt; margin: 26px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 11pt; margin: 16px 0 6px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: baseline; }
td.time { white-space: nowrap; }
th { background: var(--head); font-weight: 600; font-size: 9.5pt; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 8.5pt; word-break: break-all; }
.muted { color: var(--muted); }
.badge { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 9pt; font-weight: 600;
  border: 1px solid currentColor; white-space: nowrap; }
.match { color: var(--red); } .false-positive { color: var(--green); } .escalate, .open { color: var(--amber); }
table.summary td { font-size: 15pt; font-weight: 600; text-align: center; }
table.summary th { text-align: center; }
section.subject { break-inside: auto; }
ul.changes { margin: 2px 0 0 16px; padding: 0; }
footer { margin-top: 28px; border-top: 1px solid var(--line); padding-top: 6px; font-size: 8.5pt; color: var(--muted); }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 9.5pt; }
  h2 { break-after: avoid; } h3 { break-after: avoid; }
  tr, .badge { break-inside: avoid; }
  thead { display: table-header-group; }
  section.subject + section.subject { break-before: page; }
}
"#;

pub(super) fn render(r: &Report) -> String {
    let mut o = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(r, &mut o);
    o
}

fn badge(class: &str, text: &str) -> String {
    format!("<span class=\"badge {}\">{}</span>", esc(class), esc(text))
}

fn write_report(r: &Report, o: &mut String) -> std::fmt::Result {
    writeln!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        o,
        "<title>Sanctions screening audit report {} to {}</title>",
        esc(&human_time(r.from)),
        esc(&human_time(r.to))
    )?;
    writeln!(o, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(
        o,
        "<header><h1>Sanctions screening audit report</h1><dl class=\"meta\">"
    )?;
    writeln!(
        o,
        "<dt>Period</dt><dd>{} &ndash; {} (end exclusive)</dd>",
        esc(&human_time(r.from)),
        esc(&human_time(r.to))
    )?;
    writeln!(
        o,
        "<dt>Generated</dt><dd>{}</dd>",
        esc(&human_time(r.generated_at))
    )?;
    match &r.chain_head {
        Some(h) => writeln!(
            o,
            "<dt>Audit chain head</dt><dd>entry #{} <span class=\"hash\">{}</span></dd>",
            h.seq,
            esc(&h.hash)
        )?,
        None => writeln!(
            o,
            "<dt>Audit chain</dt><dd>none: no screening here is in the audit store</dd>"
        )?,
    }
    writeln!(o, "</dl></header>")?;

    let s = &r.summary;
    writeln!(
        o,
        "<h2>Summary</h2>\n<table class=\"summary\"><thead><tr><th>Subjects screened</th><th>Screenings</th><th>Alerts</th><th>Decided</th><th>Open</th></tr></thead>"
    )?;
    writeln!(
        o,
        "<tbody><tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></tbody></table>",
        s.subjects_screened, s.screenings, s.alerts, s.decided, s.open
    )?;

    for subject in &r.subjects {
        writeln!(
            o,
            "<section class=\"subject\">\n<h2>Subject {}</h2>",
            esc(&subject.subject_id)
        )?;
        if subject.screenings.is_empty() {
            writeln!(o, "<p class=\"muted\">Not screened in this period.</p>")?;
        }
        for sc in &subject.screenings {
            writeln!(
                o,
                "<h3>Screening of {} <span class=\"muted\">(entry #{})</span></h3>",
                esc(&human_time(sc.screened_at)),
                sc.seq
            )?;
            writeln!(
                o,
                "<p>List snapshot <span class=\"hash\">{}</span>; algorithm {} {} (threshold {}){}</p>",
                esc(&sc.snapshot_id),
                esc(&sc.algorithm.name),
                esc(&sc.algorithm.version),
                sc.algorithm.threshold,
                if sc.purged {
                    "; <em>personal data purged under the retention policy</em>"
                } else {
                    ""
                }
            )?;
            writeln!(
                o,
                "<table><thead><tr><th>List</th><th>List date</th><th>SHA-256 of the list</th></tr></thead><tbody>"
            )?;
            for src in &sc.sources {
                writeln!(
                    o,
                    "<tr><td>{}</td><td>{}</td><td class=\"hash\">{}</td></tr>",
                    esc(&src.source),
                    esc(src.list_date.as_deref().unwrap_or("not given")),
                    esc(&src.sha256)
                )?;
            }
            writeln!(o, "</tbody></table>")?;
            if sc.found.is_empty() {
                writeln!(o, "<p class=\"muted\">No candidates found.</p>")?;
            } else {
                writeln!(
                    o,
                    "<table><thead><tr><th>Listed entity</th><th>Name</th><th class=\"num\">Score</th><th>Result</th></tr></thead><tbody>"
                )?;
                for f in &sc.found {
                    let result = if f.is_match {
                        badge("match", "match")
                    } else {
                        "<span class=\"muted\">below threshold</span>".into()
                    };
                    writeln!(
                        o,
                        "<tr><td class=\"hash\">{}</td><td>{}</td><td class=\"num\">{:.3}</td><td>{}</td></tr>",
                        esc(&f.entity_id),
                        esc(&f.caption),
                        f.score,
                        result
                    )?;
                }
                writeln!(o, "</tbody></table>")?;
            }
        }
        if !subject.decisions.is_empty() {
            writeln!(
                o,
                "<h3>Decisions</h3>\n<table><thead><tr><th class=\"num\">Entry</th><th>Time</th><th>Listed entity</th><th>Decision</th><th>Reviewer</th><th>Note</th></tr></thead><tbody>"
            )?;
            for d in &subject.decisions {
                let note = if d.purged {
                    "<em class=\"muted\">purged</em>".to_owned()
                } else {
                    esc(&d.note)
                };
                writeln!(
                    o,
                    "<tr><td class=\"num\">#{}</td><td class=\"time\">{}</td><td class=\"hash\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    d.seq,
                    esc(&human_time(d.decided_at)),
                    esc(&d.entity_id),
                    badge(d.verdict.as_str(), d.verdict.as_str()),
                    esc(&d.reviewer),
                    note
                )?;
            }
            writeln!(o, "</tbody></table>")?;
        }
        if subject.open.is_empty() {
            writeln!(o, "<p>No open alerts.</p>")?;
        } else {
            writeln!(
                o,
                "<h3>Open alerts</h3>\n<table><thead><tr><th>Listed entity</th><th>Name</th><th class=\"num\">Score</th><th>State</th></tr></thead><tbody>"
            )?;
            for a in &subject.open {
                let (state, changes) = open_state(a);
                let mut cell = format!("{} {}", badge("open", "open"), esc(&state));
                if !changes.is_empty() {
                    cell.push_str("<ul class=\"changes\">");
                    for c in changes {
                        cell.push_str(&format!("<li>{}</li>", esc(&c)));
                    }
                    cell.push_str("</ul>");
                }
                writeln!(
                    o,
                    "<tr><td class=\"hash\">{}</td><td>{}</td><td class=\"num\">{:.3}</td><td>{}</td></tr>",
                    esc(&a.entity_id),
                    esc(&a.caption),
                    a.score,
                    cell
                )?;
            }
            writeln!(o, "</tbody></table>")?;
        }
        writeln!(o, "</section>")?;
    }
    // A report of screenings never recorded (a web batch) must not claim the store's proof.
    match r.chain_head {
        Some(_) => writeln!(
            o,
            "<footer>Produced by zeef from its tamper-evident audit store. Each entry is chained by SHA-256; \
             the chain head above lets anyone check later that no entry was changed, removed or inserted.</footer>"
        )?,
        None => writeln!(
            o,
            "<footer>Produced by zeef from screenings that are not in its audit store: nothing here can be \
             checked later against the store's chain.</footer>"
        )?,
    }
    writeln!(o, "</body>\n</html>")
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<b a=\"x\">'&'</b>"),
            "&lt;b a=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;"
        );
    }
}
