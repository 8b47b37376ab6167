//! Markdown rendering of a report.

use std::fmt::Write;

use super::{Report, human_time, open_state};

/// Escapes text for a Markdown table cell or paragraph.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

pub(super) fn render(r: &Report) -> String {
    let mut o = String::new();
    // Writing to a String cannot fail.
    let _ = write_report(r, &mut o);
    o
}

fn write_report(r: &Report, o: &mut String) -> std::fmt::Result {
    writeln!(o, "# Sanctions screening audit report\n")?;
    writeln!(
        o,
        "- Period: {} to {}",
        human_time(r.from),
        human_time(r.to)
    )?;
    writeln!(o, "- Generated: {}", human_time(r.generated_at))?;
    match &r.chain_head {
        Some(h) => writeln!(o, "- Audit chain head: entry #{} `{}`", h.seq, h.hash)?,
        None => writeln!(
            o,
            "- Audit chain: none: no screening here is in the audit store"
        )?,
    }
    let s = &r.summary;
    writeln!(o, "\n## Summary\n")?;
    writeln!(
        o,
        "| Subjects screened | Screenings | Alerts | Decided | Open |"
    )?;
    writeln!(o, "|---:|---:|---:|---:|---:|")?;
    writeln!(
        o,
        "| {} | {} | {} | {} | {} |",
        s.subjects_screened, s.screenings, s.alerts, s.decided, s.open
    )?;
    for subject in &r.subjects {
        writeln!(o, "\n## Subject {}\n", esc(&subject.subject_id))?;
        if subject.screenings.is_empty() {
            writeln!(o, "Not screened in this period.")?;
        }
        for sc in &subject.screenings {
            writeln!(
                o,
                "### Screening of {} (entry #{})\n\nSnapshot `{}`, algorithm {} {} (threshold {}){}\n",
                human_time(sc.screened_at),
                sc.seq,
                esc(&sc.snapshot_id),
                esc(&sc.algorithm.name),
                esc(&sc.algorithm.version),
                sc.algorithm.threshold,
                if sc.purged {
                    "; personal data purged"
                } else {
                    ""
                }
            )?;
            writeln!(o, "| List | List date | SHA-256 |\n|---|---|---|")?;
            for src in &sc.sources {
                writeln!(
                    o,
                    "| {} | {} | `{}` |",
                    esc(&src.source),
                    esc(src.list_date.as_deref().unwrap_or("not given")),
                    esc(&src.sha256)
                )?;
            }
            if sc.found.is_empty() {
                writeln!(o, "\nNo candidates found.")?;
            } else {
                writeln!(
                    o,
                    "\n| Listed entity | Name | Score | Match |\n|---|---|---:|---|"
                )?;
                for f in &sc.found {
                    writeln!(
                        o,
                        "| {} | {} | {:.3} | {} |",
                        esc(&f.entity_id),
                        esc(&f.caption),
                        f.score,
                        if f.is_match { "**match**" } else { "no" }
                    )?;
                }
            }
            writeln!(o)?;
        }
        if !subject.decisions.is_empty() {
            writeln!(
                o,
                "### Decisions\n\n| Entry | Time | Listed entity | Decision | Reviewer | Note |\n|---:|---|---|---|---|---|"
            )?;
            for d in &subject.decisions {
                let note = if d.purged {
                    "(purged)".to_owned()
                } else {
                    esc(&d.note)
                };
                writeln!(
                    o,
                    "| #{} | {} | {} | {} | {} | {} |",
                    d.seq,
                    human_time(d.decided_at),
                    esc(&d.entity_id),
                    d.verdict,
                    esc(&d.reviewer),
                    note
                )?;
            }
            writeln!(o)?;
        }
        if subject.open.is_empty() {
            writeln!(o, "No open alerts.")?;
        } else {
            writeln!(
                o,
                "### Open alerts\n\n| Listed entity | Name | Score | State |\n|---|---|---:|---|"
            )?;
            for a in &subject.open {
                let (state, changes) = open_state(a);
                let mut cell = esc(&state);
                for c in changes {
                    cell.push_str("; ");
                    cell.push_str(&esc(&c));
                }
                writeln!(
                    o,
                    "| {} | {} | {:.3} | {} |",
                    esc(&a.entity_id),
                    esc(&a.caption),
                    a.score,
                    cell
                )?;
            }
        }
    }
    Ok(())
}
