//! Measures cross-list linking by matching alone: UN ↔ UK with references ignored, scored
//! against the UK list's own UN references (`(UN Ref):QDi.299`) as the truth.
//!
//! `ZEEF_SHARED=/work/shared cargo run --release -p zeef-diff --example un_uk_linking`
//! (`LINK_THRESHOLD=0.75` to try another threshold, `LINK_VERBOSE=1` to print every error).

use std::time::Instant;
use zeef_diff::{LinkOptions, link};

fn main() {
    let (Some(un_dir), Some(uk_dir)) = (
        zeef_lists::shared::list_dir("un"),
        zeef_lists::shared::list_dir("uk"),
    ) else {
        return;
    };
    let parse = |name: &str, dir: &std::path::Path| match zeef_lists::parse_dir(name, dir) {
        Ok(p) => p.entities,
        Err(e) => {
            eprintln!("{name}: {e}");
            std::process::exit(1);
        }
    };
    let (un, uk) = (parse("un", &un_dir), parse("uk", &uk_dir));
    let mut opts = LinkOptions {
        use_references: false,
        ..LinkOptions::default()
    };
    if let Some(t) = std::env::var("LINK_THRESHOLD")
        .ok()
        .and_then(|t| t.parse().ok())
    {
        opts.threshold = t;
    }
    let verbose = std::env::var_os("LINK_VERBOSE").is_some();
    let started = Instant::now();
    let linkage = link(&un, &uk, &opts);
    let secs = started.elapsed().as_secs_f64();
    let score = zeef_diff::evaluate::against_references(&un, &uk, &linkage);
    println!(
        "UN {} entities, UK {} entities; truth: {} UK groups carry an own UN ref, {} resolve ({} UN entries)",
        un.len(),
        uk.len(),
        score.uk_with_ref,
        score.truth,
        score.truth_left
    );
    println!(
        "threshold {:.2}: {} links by matching; correct {}, wrong {} (of which {} to a UK group with no UN ref)",
        opts.threshold,
        score.predicted,
        score.correct,
        score.predicted - score.correct,
        score.wrong_unreferenced
    );
    println!(
        "precision {:.4}, recall {:.4} (best possible one-to-one recall {:.4}); {secs:.2} s",
        score.precision(),
        score.recall(),
        score.max_recall()
    );
    println!(
        "judged precision {:.4}: {} wrong links where the truth speaks; {} links between entries neither list cross-references, by UN reference prefix: {:?}",
        score.judged_precision(),
        score.wrong_judged,
        score.predicted - score.correct - score.wrong_judged,
        score.unjudged_by_prefix
    );
    if verbose {
        for line in &score.errors {
            println!("  {line}");
        }
    }
}
