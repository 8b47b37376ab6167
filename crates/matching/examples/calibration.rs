//! What a score means, measured on the shared development sets (see
//! `../shared/eval-dev/README.md`):
//!
//! - the name bench's labelled pairs: for each score band, how many pairs are the same party
//!   and how many are not, the share that are (precision within the band, with a 95 % Wilson
//!   interval), and precision and recall at or above a few thresholds. The bench's own mix of
//!   same and different pairs is the population: precision on it is not the precision of
//!   screening;
//! - screening: the top result of each UN positive (untreated and treated) against the UN
//!   list, by band, and whether it is the right listing; recall (the listing among the
//!   results at or above a threshold); and the top result of every row of the US and the
//!   multi-script negatives (people on no list) against all lists, which is always a false
//!   alert: alerts per 1,000 ordinary people at each threshold. Precision of screening
//!   depends on how many of the screened are listed, which these sets do not tell.
//!
//! Prints the tables as markdown and writes an SVG plot (precision by band with its interval;
//! recall and false alerts against the threshold) to the path given as first argument or in
//! `CALIBRATION_SVG`.
//!
//! `ZEEF_SHARED=../shared cargo run --release -p zeef-matching --example calibration -- docs/calibration.svg`
//! (`EVAL_VERBOSE=1` also lists the different-party pairs scoring 0.50 or more and the wrong
//! top results of positives.)

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use common::{load_lists, read_bench_pairs, read_people, un_entities, un_truth};
use zeef_matching::{DEFAULT_THRESHOLD, Index, ScreenOptions, compare};
use zeef_model::Entity;

/// Lowest score a screen returns here: results below it are not looked at.
const CUTOFF: f64 = 0.5;
/// Score bands, `[low, high)`; the last one is a score of exactly 1.
const BANDS: [(f64, f64); 10] = [
    (0.0, 0.5),
    (0.5, 0.6),
    (0.6, 0.7),
    (0.7, 0.75),
    (0.75, 0.8),
    (0.8, 0.85),
    (0.85, 0.9),
    (0.9, 0.95),
    (0.95, 1.0),
    (1.0, f64::INFINITY),
];
/// Thresholds the tables report.
const THRESHOLDS: [f64; 8] = [0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

fn bands() -> &'static [(f64, f64)] {
    &BANDS
}

fn band_label(b: (f64, f64)) -> String {
    if b.0 == 0.0 {
        format!("< {:.2}", b.1)
    } else if b.1.is_infinite() {
        format!("{:.2}", b.0)
    } else {
        format!("{:.2}–{:.2}", b.0, b.1)
    }
}

fn band_of(score: f64) -> usize {
    bands()
        .iter()
        .position(|&(lo, hi)| score >= lo && score < hi)
        .unwrap_or(0)
}

/// 95 % Wilson score interval of `k` successes in `n` trials.
fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let (k, n, z) = (k as f64, n as f64, 1.959_964);
    let p = k / n;
    let denom = 1.0 + z * z / n;
    let centre = (p + z * z / (2.0 * n)) / denom;
    let half = z * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// `k / n` with its interval, as `0.962 (0.93–0.98)`; a dash where `n` is 0.
fn share(k: usize, n: usize) -> String {
    if n == 0 {
        return "–".into();
    }
    let (lo, hi) = wilson(k, n);
    format!("{:.3} ({lo:.3}–{hi:.3})", k as f64 / n as f64)
}

/// `k` per 1,000 of `n`, with its interval.
fn per_thousand(k: usize, n: usize) -> String {
    if n == 0 {
        return "–".into();
    }
    let (lo, hi) = wilson(k, n);
    format!(
        "{:.2} ({:.2}–{:.2})",
        1000.0 * k as f64 / n as f64,
        1000.0 * lo,
        1000.0 * hi
    )
}

/// `n` with a comma between thousands: `50,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One labelled pair's score.
struct Pair {
    score: f64,
    same: bool,
    group: String,
    text: String,
}

/// One positive query's screen: its top result (score, whether it is the listing) and the
/// best score of the listing among the results.
struct Positive {
    top: Option<(f64, bool)>,
    listing: Option<f64>,
    text: String,
}

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let eval = shared.join("eval-dev");
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let svg_path = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("CALIBRATION_SVG").ok());

    // Labelled pairs.
    let pairs: Vec<Pair> = read_bench_pairs(&eval.join("name_bench_cases.csv"))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| {
            let same = p.truth?;
            Some(Pair {
                score: compare(&p.a, &p.b).score,
                same,
                text: format!("{} {:?} / {:?}", p.a.schema, p.a.caption(), p.b.caption()),
                group: p.group,
            })
        })
        .collect();

    // Screening.
    let lists = load_lists(&shared.join("data/lists"), false);
    let untreated = read_people(&eval.join("screening/positives_un_untreated.csv"));
    let treated = read_people(&eval.join("screening/positives_un_treated.csv"));
    let opts = ScreenOptions {
        limit: 10,
        include_below_threshold: true,
        cutoff: CUTOFF,
        ..Default::default()
    };
    let un_index = Index::build(un_entities(&lists, &untreated));
    let truth = un_truth(&un_index, &untreated);
    let unmapped = truth.iter().filter(|t| t.is_empty()).count();
    let positives = |queries: &[Entity]| -> Vec<Positive> {
        queries
            .iter()
            .zip(&truth)
            .filter(|(_, t)| !t.is_empty())
            .map(|(q, t)| {
                let res = un_index.screen(q, &opts);
                Positive {
                    top: res.first().map(|m| (m.score, t.contains(&m.index))),
                    listing: res
                        .iter()
                        .filter(|m| t.contains(&m.index))
                        .map(|m| m.score)
                        .reduce(f64::max),
                    text: format!(
                        "{:?} -> {}",
                        q.caption(),
                        res.first().map_or(String::new(), |m| format!(
                            "{} {:?} {:.3}",
                            m.id, m.explanation.matched_name, m.score
                        ))
                    ),
                }
            })
            .collect()
    };
    let pos_untreated = positives(&untreated);
    let pos_treated = positives(&treated);
    drop(un_index);

    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let all_index = Index::build(all);
    let entities = all_index.len();
    let negatives = |file: &str| -> Vec<Option<f64>> {
        read_people(&eval.join("screening").join(file))
            .iter()
            .map(|q| all_index.screen(q, &opts).first().map(|m| m.score))
            .collect()
    };
    let neg_us = negatives("negatives_us.csv");
    let neg_global = negatives("negatives_global_dev.csv");
    drop(all_index);

    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Calibration of the match score\n\nDefault threshold {DEFAULT_THRESHOLD:.2}. Intervals are 95 % Wilson score intervals.\n"
    );
    pairs_tables(&mut out, &pairs);
    screening_tables(
        &mut out,
        &pos_untreated,
        &pos_treated,
        &neg_us,
        &neg_global,
        unmapped,
        entities,
    );
    print!("{out}");

    if verbose {
        println!("\n## Different-party pairs scoring {CUTOFF:.2} or more");
        let mut wrong: Vec<&Pair> = pairs
            .iter()
            .filter(|p| !p.same && p.score >= CUTOFF)
            .collect();
        wrong.sort_by(|a, b| b.score.total_cmp(&a.score));
        for p in wrong {
            println!("  {:.3} [{}] {}", p.score, p.group, p.text);
        }
        println!("\n## Same-party pairs scoring below {DEFAULT_THRESHOLD:.2}");
        for p in pairs
            .iter()
            .filter(|p| p.same && p.score < DEFAULT_THRESHOLD)
        {
            println!("  {:.3} [{}] {}", p.score, p.group, p.text);
        }
        for (label, pos) in [("untreated", &pos_untreated), ("treated", &pos_treated)] {
            println!("\n## UN positives ({label}) whose top result is not the listing");
            for p in pos.iter().filter(|p| p.top.is_some_and(|(_, ok)| !ok)) {
                println!("  {} (listing {:?})", p.text, p.listing);
            }
        }
    }

    if let Some(path) = svg_path {
        let svg = plot(&pairs, &pos_untreated, &pos_treated, &neg_us, &neg_global);
        match std::fs::write(&path, svg) {
            Ok(()) => println!("\nwrote {path}"),
            Err(e) => eprintln!("cannot write {path}: {e}"),
        }
    }
}

fn pairs_tables(out: &mut String, pairs: &[Pair]) {
    let same_total = pairs.iter().filter(|p| p.same).count();
    let _ = writeln!(
        out,
        "## Labelled name pairs ({} pairs: {same_total} same party, {} different)\n\n\
         Precision within a band: the share of the band's pairs that are the same party.\n\n\
         | score band | pairs | same party | different | precision (95 % interval) |\n\
         |---|---:|---:|---:|---|",
        pairs.len(),
        pairs.len() - same_total
    );
    for &b in bands() {
        let in_band: Vec<&Pair> = pairs
            .iter()
            .filter(|p| band_of(p.score) == band_of(b.0))
            .collect();
        let same = in_band.iter().filter(|p| p.same).count();
        let _ = writeln!(
            out,
            "| {} | {} | {same} | {} | {} |",
            band_label(b),
            in_band.len(),
            in_band.len() - same,
            share(same, in_band.len())
        );
    }
    let _ = writeln!(
        out,
        "\n| threshold | pairs at or above | precision (95 % interval) | recall (95 % interval) | F1 |\n|---|---:|---|---|---:|"
    );
    for t in THRESHOLDS {
        let above: Vec<&Pair> = pairs.iter().filter(|p| p.score >= t).collect();
        let tp = above.iter().filter(|p| p.same).count();
        let (p, r) = (
            tp as f64 / above.len().max(1) as f64,
            tp as f64 / same_total.max(1) as f64,
        );
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        let mark = if t == DEFAULT_THRESHOLD {
            " (default)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "| {t:.2}{mark} | {} | {} | {} | {f1:.3} |",
            above.len(),
            share(tp, above.len()),
            share(tp, same_total)
        );
    }
    // Where the different-party pairs of each band come from.
    let _ = writeln!(
        out,
        "\nDifferent-party pairs at {CUTOFF:.2} or more, by band and case group:\n"
    );
    for &b in bands().iter().skip(1) {
        let mut groups: BTreeMap<&str, usize> = BTreeMap::new();
        for p in pairs
            .iter()
            .filter(|p| !p.same && band_of(p.score) == band_of(b.0))
        {
            *groups.entry(&p.group).or_default() += 1;
        }
        if groups.is_empty() {
            continue;
        }
        let list: Vec<String> = groups.iter().map(|(g, n)| format!("{g} {n}")).collect();
        let _ = writeln!(out, "- {}: {}", band_label(b), list.join(", "));
    }
    out.push('\n');
}

fn screening_tables(
    out: &mut String,
    untreated: &[Positive],
    treated: &[Positive],
    neg_us: &[Option<f64>],
    neg_global: &[Option<f64>],
    unmapped: usize,
    entities: usize,
) {
    let _ = writeln!(
        out,
        "## Screening\n\n\
         Positives: {} UN-listed people ({unmapped} rows skipped: no listed name equals the row's), \
         screened against the UN list as listed (untreated) and with 170 of them perturbed \
         (treated). Negatives: {} US people and {} multi-script people on no list, screened \
         against all shared lists ({} entities); any result of theirs is a false alert. \
         Results are looked at down to {CUTOFF:.2}, 10 per query.\n\n\
         Top result of each query, by band of its score (right = the listing the positive must find):\n\n\
         | score band | untreated: right / wrong | treated: right / wrong | US negatives: rows per 1,000 | multi-script negatives: rows per 1,000 |\n\
         |---|---:|---:|---:|---:|",
        untreated.len(),
        thousands(neg_us.len()),
        thousands(neg_global.len()),
        thousands(entities)
    );
    let in_band = |s: Option<f64>, b: (f64, f64)| match s {
        Some(s) => band_of(s) == band_of(b.0),
        None => b.0 == 0.0,
    };
    let right_wrong = |pos: &[Positive], b: (f64, f64)| {
        let right = pos
            .iter()
            .filter(|p| p.top.is_some_and(|(_, ok)| ok) && in_band(p.top.map(|t| t.0), b))
            .count();
        let all = pos
            .iter()
            .filter(|p| in_band(p.top.map(|t| t.0), b))
            .count();
        format!("{right} / {}", all - right)
    };
    let rate = |neg: &[Option<f64>], b: (f64, f64)| {
        let k = neg.iter().filter(|s| in_band(**s, b)).count();
        format!(
            "{:.2} ({})",
            1000.0 * k as f64 / neg.len().max(1) as f64,
            thousands(k)
        )
    };
    for &b in bands() {
        let label = if b.0 == 0.0 {
            format!("no result ≥ {CUTOFF:.2}")
        } else {
            band_label(b)
        };
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} |",
            right_wrong(untreated, b),
            right_wrong(treated, b),
            rate(neg_us, b),
            rate(neg_global, b)
        );
    }
    let _ = writeln!(
        out,
        "\nAt or above each threshold: recall = share of positives whose listing is among the \
         alerts; false alerts = rows of people on no list that raise any alert, per 1,000 \
         (count in brackets):\n\n\
         | threshold | recall, untreated | recall, treated | treated: top alert not the listing | US: false alerts per 1,000 | multi-script: false alerts per 1,000 |\n\
         |---|---|---|---:|---|---|"
    );
    let recall = |pos: &[Positive], t: f64| {
        share(
            pos.iter()
                .filter(|p| p.listing.is_some_and(|s| s >= t))
                .count(),
            pos.len(),
        )
    };
    let alerts = |neg: &[Option<f64>], t: f64| {
        let k = neg.iter().filter(|s| s.is_some_and(|s| s >= t)).count();
        format!("{} ({k})", per_thousand(k, neg.len()))
    };
    for t in THRESHOLDS {
        let mark = if t == DEFAULT_THRESHOLD {
            " (default)"
        } else {
            ""
        };
        let wrong_top = treated
            .iter()
            .filter(|p| p.top.is_some_and(|(s, ok)| s >= t && !ok))
            .count();
        let _ = writeln!(
            out,
            "| {t:.2}{mark} | {} | {} | {wrong_top} | {} | {} |",
            recall(untreated, t),
            recall(treated, t),
            alerts(neg_us, t),
            alerts(neg_global, t)
        );
    }
    out.push('\n');
}

/// The plot: precision of labelled pairs by band with its interval; recall against the
/// threshold; false alerts per 1,000 people on no list against the threshold.
fn plot(
    pairs: &[Pair],
    untreated: &[Positive],
    treated: &[Positive],
    neg_us: &[Option<f64>],
    neg_global: &[Option<f64>],
) -> String {
    const W: f64 = 1140.0;
    const H: f64 = 460.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="11">
<rect width="{W}" height="{H}" fill="white"/>"#
    );

    // Panel A: precision by band.
    let pa = Panel::new(60.0, 50.0, 320.0, 280.0);
    pa.frame(
        &mut s,
        "Labelled pairs: precision by score band",
        "precision (95 % interval)",
    );
    pa.y_ticks(&mut s, 0.0, 1.0, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0], |v| {
        format!("{v:.1}")
    });
    let n_bands = bands().len() as f64;
    let bx = |i: usize| pa.x0 + pa.w * (i as f64 + 0.5) / n_bands;
    for (i, &b) in bands().iter().enumerate() {
        let in_band: Vec<&Pair> = pairs
            .iter()
            .filter(|p| band_of(p.score) == band_of(b.0))
            .collect();
        let same = in_band.iter().filter(|p| p.same).count();
        let x = bx(i);
        let _ = writeln!(
            s,
            r#"<text x="{x:.1}" y="{:.1}" text-anchor="end" transform="rotate(-45 {x:.1} {:.1})">{}</text>"#,
            pa.y0 + pa.h + 12.0,
            pa.y0 + pa.h + 12.0,
            band_label(b).replace('<', "&lt;")
        );
        let _ = writeln!(
            s,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#555" font-size="9">{}</text>"##,
            pa.y0 - 7.0,
            in_band.len()
        );
        if in_band.is_empty() {
            continue;
        }
        let (lo, hi) = wilson(same, in_band.len());
        let p = same as f64 / in_band.len() as f64;
        let (ylo, yhi, yp) = (pa.y(lo, 0.0, 1.0), pa.y(hi, 0.0, 1.0), pa.y(p, 0.0, 1.0));
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{ylo:.1}" x2="{x:.1}" y2="{yhi:.1}" stroke="#1f4e9c" stroke-width="1.5"/><line x1="{:.1}" y1="{ylo:.1}" x2="{:.1}" y2="{ylo:.1}" stroke="#1f4e9c"/><line x1="{:.1}" y1="{yhi:.1}" x2="{:.1}" y2="{yhi:.1}" stroke="#1f4e9c"/><circle cx="{x:.1}" cy="{yp:.1}" r="3.5" fill="#1f4e9c"/>"##,
            x - 4.0,
            x + 4.0,
            x - 4.0,
            x + 4.0
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" text-anchor="end" fill="#555" font-size="9">pairs:</text>
<text x="{:.1}" y="{:.1}" text-anchor="middle">score band</text>"##,
        pa.x0 - 4.0,
        pa.y0 - 7.0,
        pa.x0 + pa.w / 2.0,
        pa.y0 + pa.h + 66.0
    );
    // The default threshold falls between the 0.60–0.70 and 0.70–0.75 bands.
    let xd = pa.x0 + pa.w * 3.0 / n_bands;
    pa.vline(&mut s, xd);

    // Panel B: recall against the threshold.
    let steps: Vec<f64> = (50..=100).map(|t| t as f64 / 100.0).collect();
    let pb = Panel::new(450.0, 50.0, 300.0, 280.0);
    pb.frame(
        &mut s,
        "Recall at or above a threshold",
        "share of true matches found",
    );
    pb.y_ticks(&mut s, 0.0, 1.0, &[0.0, 0.2, 0.4, 0.6, 0.8, 1.0], |v| {
        format!("{v:.1}")
    });
    pb.x_ticks(&mut s);
    let same_total = pairs.iter().filter(|p| p.same).count().max(1) as f64;
    let series_b: [(&str, &str, Vec<f64>); 3] = [
        (
            "labelled pairs (same party)",
            "#1f4e9c",
            steps
                .iter()
                .map(|&t| {
                    pairs.iter().filter(|p| p.same && p.score >= t).count() as f64 / same_total
                })
                .collect(),
        ),
        (
            "UN positives, untreated",
            "#2a9d4a",
            steps.iter().map(|&t| recall_at(untreated, t)).collect(),
        ),
        (
            "UN positives, treated",
            "#d9822b",
            steps.iter().map(|&t| recall_at(treated, t)).collect(),
        ),
    ];
    pb.vline(&mut s, pb.x(DEFAULT_THRESHOLD));
    for (k, (label, colour, ys)) in series_b.iter().enumerate() {
        pb.polyline(&mut s, &steps, ys, 0.0, 1.0, colour);
        pb.legend(&mut s, k, label, colour, false);
    }

    // Panel C: false alerts per 1,000 people on no list.
    let pc = Panel::new(820.0, 50.0, 300.0, 280.0);
    let rate = |neg: &[Option<f64>]| -> Vec<f64> {
        steps
            .iter()
            .map(|&t| {
                1000.0 * neg.iter().filter(|s| s.is_some_and(|s| s >= t)).count() as f64
                    / neg.len().max(1) as f64
            })
            .collect()
    };
    let (us, global) = (rate(neg_us), rate(neg_global));
    let top = us.iter().chain(&global).copied().fold(1.0, f64::max);
    let step = nice_step(top / 5.0);
    let ymax = (top / step).ceil() * step;
    pc.frame(
        &mut s,
        "False alerts: people on no list, per 1,000",
        "rows raising an alert per 1,000",
    );
    let ticks: Vec<f64> = (0..=((ymax / step).round() as usize))
        .map(|i| i as f64 * step)
        .collect();
    pc.y_ticks(&mut s, 0.0, ymax, &ticks, |v| format!("{v}"));
    pc.x_ticks(&mut s);
    pc.vline(&mut s, pc.x(DEFAULT_THRESHOLD));
    for (k, (label, colour, ys)) in [
        (
            format!("US people ({})", thousands(neg_us.len())),
            "#b3261e",
            &us,
        ),
        (
            format!("multi-script people ({})", thousands(neg_global.len())),
            "#7b3fa0",
            &global,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        pc.polyline(&mut s, &steps, ys, 0.0, ymax, colour);
        pc.legend(&mut s, k, &label, colour, true);
    }

    let _ = writeln!(
        s,
        r##"<text x="20" y="{:.1}" fill="#555">Dashed line: the default threshold, {DEFAULT_THRESHOLD:.2}. Labelled pairs: the name bench's own mix of same and different parties, not a screening population.</text>
<text x="20" y="{:.1}" fill="#555">Screening: UN-listed people against the UN list (recall); people on no list against all lists (false alerts). Results looked at down to {CUTOFF:.2}.</text>"##,
        H - 26.0,
        H - 10.0
    );
    s.push_str("</svg>\n");
    s
}

fn recall_at(pos: &[Positive], t: f64) -> f64 {
    pos.iter()
        .filter(|p| p.listing.is_some_and(|s| s >= t))
        .count() as f64
        / pos.len().max(1) as f64
}

/// 1, 2 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    let p = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * p)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * p)
}

/// One plot area: its top-left corner and size in pixels.
struct Panel {
    x0: f64,
    y0: f64,
    w: f64,
    h: f64,
}

impl Panel {
    fn new(x0: f64, y0: f64, w: f64, h: f64) -> Panel {
        Panel { x0, y0, w, h }
    }

    /// Pixel of a threshold (0.50 to 1.00) on the x axis.
    fn x(&self, t: f64) -> f64 {
        self.x0 + self.w * (t - 0.5) / 0.5
    }

    fn y(&self, v: f64, lo: f64, hi: f64) -> f64 {
        self.y0 + self.h * (1.0 - (v - lo) / (hi - lo))
    }

    fn frame(&self, s: &mut String, title: &str, y_label: &str) {
        let (x0, y0, w, h) = (self.x0, self.y0, self.w, self.h);
        let _ = writeln!(
            s,
            r##"<rect x="{x0}" y="{y0}" width="{w}" height="{h}" fill="none" stroke="#333"/>
<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="12" font-weight="bold">{title}</text>
<text x="{:.1}" y="{:.1}" text-anchor="middle" transform="rotate(-90 {:.1} {:.1})">{y_label}</text>"##,
            x0 + w / 2.0,
            y0 - 22.0,
            x0 - 38.0,
            y0 + h / 2.0,
            x0 - 38.0,
            y0 + h / 2.0
        );
    }

    fn y_ticks(
        &self,
        s: &mut String,
        lo: f64,
        hi: f64,
        ticks: &[f64],
        fmt: impl Fn(f64) -> String,
    ) {
        for &v in ticks {
            let y = self.y(v, lo, hi);
            let _ = writeln!(
                s,
                r##"<line x1="{:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
                self.x0,
                self.x0 + self.w,
                self.x0 - 4.0,
                y + 4.0,
                fmt(v)
            );
        }
    }

    /// Threshold ticks 0.50 to 1.00 and the axis label.
    fn x_ticks(&self, s: &mut String) {
        for i in 0..=5 {
            let t = 0.5 + i as f64 * 0.1;
            let x = self.x(t);
            let _ = writeln!(
                s,
                r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle">{t:.1}</text>"##,
                self.y0,
                self.y0 + self.h,
                self.y0 + self.h + 14.0
            );
        }
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">threshold (alert at or above)</text>"#,
            self.x0 + self.w / 2.0,
            self.y0 + self.h + 32.0
        );
    }

    fn vline(&self, s: &mut String, x: f64) {
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#333" stroke-dasharray="4 3"/>"##,
            self.y0,
            self.y0 + self.h
        );
    }

    fn polyline(&self, s: &mut String, xs: &[f64], ys: &[f64], lo: f64, hi: f64, colour: &str) {
        let points: Vec<String> = xs
            .iter()
            .zip(ys)
            .map(|(&t, &v)| format!("{:.1},{:.1}", self.x(t), self.y(v, lo, hi)))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline points="{}" fill="none" stroke="{colour}" stroke-width="2"/>"#,
            points.join(" ")
        );
    }

    /// Legend entry `k` in the panel's lower left corner, or its upper right one.
    fn legend(&self, s: &mut String, k: usize, label: &str, colour: &str, upper_right: bool) {
        let (x, y) = if upper_right {
            (self.x0 + self.w - 190.0, self.y0 + 14.0 + 15.0 * k as f64)
        } else {
            (self.x0 + 10.0, self.y0 + self.h - 12.0 - 15.0 * k as f64)
        };
        let _ = writeln!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="180" height="14" fill="white" fill-opacity="0.85"/><line x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="2"/><text x="{:.1}" y="{:.1}">{label}</text>"#,
            x - 2.0,
            y - 7.0,
            x + 18.0,
            x + 22.0,
            y + 4.0
        );
    }
}
