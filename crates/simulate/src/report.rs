//! The experiment's table and plot: per agency alone and shared, members found, false leads
//! and false leads per member found.

use crate::search::Finding;
use crate::{FICTIONAL, Outcome};
use std::fmt::Write;

/// The table's columns.
pub const HEADER: [&str; 5] = [
    "searched",
    "records",
    "members found",
    "false leads",
    "false leads per member found",
];

/// The table's rows: each agency alone, then shared.
pub fn rows(outcome: &Outcome) -> Vec<Vec<String>> {
    outcome
        .alone
        .iter()
        .chain(std::iter::once(&outcome.shared))
        .map(|f| {
            vec![
                f.searched.clone(),
                f.records.to_string(),
                format!("{} / {}", f.members_found, f.members_sought),
                f.false_leads.to_string(),
                per_member(f),
            ]
        })
        .collect()
}

/// False leads per member found, to one decimal (`-` where no member was found).
pub fn per_member(f: &Finding) -> String {
    f.false_leads_per_member_found
        .map_or_else(|| "-".to_string(), |r| format!("{r:.1}"))
}

/// The plot: two panels of bars, one bar per agency and one for shared in each: members
/// found, and false leads per member found.
pub fn svg(outcome: &Outcome) -> String {
    let findings: Vec<&Finding> = outcome
        .alone
        .iter()
        .chain(std::iter::once(&outcome.shared))
        .collect();
    let (panel_w, panel_h, top, left, gap) = (360.0, 240.0, 70.0, 50.0, 60.0);
    let width = left * 2.0 + panel_w * 2.0 + gap;
    let height = top + panel_h + 70.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="{width}" height="{height}" fill="white"/>"#
    );
    let s = &outcome.settings;
    let _ = writeln!(
        out,
        r#"<text x="{left}" y="24" font-size="15" font-weight="bold">Finding a fictional network: each agency alone, and all sharing</text>"#
    );
    let _ = writeln!(
        out,
        r##"<text x="{left}" y="44" fill="#555">seed {}, {} agencies, {} members, {} innocents, {} known, depth {}</text>"##,
        s.seed, s.agencies, s.members, s.population, s.known, s.depth,
    );
    // Its own line, at the foot: the note is too long to share the subtitle's.
    let _ = writeln!(
        out,
        r##"<text x="{left}" y="{}" fill="#555">{}</text>"##,
        height - 24.0,
        escape(FICTIONAL)
    );
    let sought = outcome.shared.members_sought.max(1) as f64;
    let found: Vec<f64> = findings.iter().map(|f| f.members_found as f64).collect();
    panel(
        &mut out,
        left,
        top,
        (panel_w, panel_h),
        &format!("Members found (of {})", outcome.shared.members_sought),
        &findings,
        &found,
        sought,
        |v| format!("{v:.0}"),
    );
    let ratios: Vec<f64> = findings
        .iter()
        .map(|f| f.false_leads_per_member_found.unwrap_or(0.0))
        .collect();
    let most = ratios.iter().copied().fold(0.0, f64::max).max(1.0);
    panel(
        &mut out,
        left + panel_w + gap,
        top,
        (panel_w, panel_h),
        "False leads per member found",
        &findings,
        &ratios,
        most,
        |v| format!("{v:.1}"),
    );
    out.push_str("</svg>\n");
    out
}

/// One panel: a title, an axis, one bar per finding scaled to `max`.
#[allow(clippy::too_many_arguments)]
fn panel(
    out: &mut String,
    x0: f64,
    y0: f64,
    (w, h): (f64, f64),
    title: &str,
    findings: &[&Finding],
    values: &[f64],
    max: f64,
    label: impl Fn(f64) -> String,
) {
    let _ = writeln!(
        out,
        r#"<text x="{x0}" y="{}" font-weight="bold">{}</text>"#,
        y0 - 8.0,
        escape(title)
    );
    let base = y0 + h;
    let _ = writeln!(
        out,
        r##"<line x1="{x0}" y1="{base}" x2="{}" y2="{base}" stroke="#333"/>"##,
        x0 + w
    );
    let slot = w / findings.len().max(1) as f64;
    for (i, (f, &v)) in findings.iter().zip(values).enumerate() {
        let bar_h = (v / max).clamp(0.0, 1.0) * (h - 20.0);
        let x = x0 + slot * i as f64 + slot * 0.15;
        let bw = slot * 0.7;
        let colour = match f.searched.as_str() {
            "shared" => "#c0392b",
            _ => "#5d7fa3",
        };
        let _ = writeln!(
            out,
            r#"<rect class="bar" data-searched="{}" x="{x:.1}" y="{:.1}" width="{bw:.1}" height="{bar_h:.1}" fill="{colour}"/>"#,
            escape(&f.searched),
            base - bar_h
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x + bw / 2.0,
            base - bar_h - 4.0,
            label(v)
        );
        let _ = writeln!(
            out,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x + bw / 2.0,
            base + 16.0,
            escape(&f.searched)
        );
    }
}

/// Text made safe inside XML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
