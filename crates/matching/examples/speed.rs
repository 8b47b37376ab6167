//! Screening and compare() speed alone, for profiling (`perf record`, callgrind): builds the
//! index over all shared lists, then screens the eval queries `SPEED_ROUNDS` times (default
//! 3) and compares the name bench pairs for as long again. `SPEED_WHAT=screen|compare`
//! runs one half only.
//!
//! `ZEEF_SHARED=../shared cargo run --release -p zeef-matching --example speed`

use std::time::Instant;

mod common;

use common::{load_lists, read_bench_pairs, read_people, thread_cpu_ns};
use zeef_matching::{Index, ScreenOptions, compare};
use zeef_model::Entity;

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let rounds: usize = std::env::var("SPEED_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let what = std::env::var("SPEED_WHAT").unwrap_or_default();
    let eval = shared.join("eval-dev");
    let lists = load_lists(&shared.join("data/lists"), false);
    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let t = Instant::now();
    let index = Index::build(all);
    println!("build {:.3} s", t.elapsed().as_secs_f64());
    if what != "compare" {
        let untreated = read_people(&eval.join("screening/positives_un_untreated.csv"));
        let treated = read_people(&eval.join("screening/positives_un_treated.csv"));
        let negatives = read_people(&eval.join("screening/negatives_us.csv"));
        let queries: Vec<&Entity> = untreated
            .iter()
            .chain(&treated)
            .chain(negatives.iter().take(20_000))
            .collect();
        let opts = ScreenOptions::default();
        let t = Instant::now();
        let cpu = thread_cpu_ns();
        let mut sink = 0usize;
        for _ in 0..rounds {
            for q in &queries {
                sink += index.screen(q, &opts).len();
            }
        }
        let s = t.elapsed().as_secs_f64();
        let n = (rounds * queries.len()) as f64;
        println!(
            "screen: {:.0}/s wall, {:.0} per CPU-second ({sink})",
            n / s,
            n / cpu_since(cpu)
        );
    }
    if what != "screen" {
        let pairs = read_bench_pairs(&eval.join("name_bench_cases.csv")).unwrap_or_default();
        let t = Instant::now();
        let cpu = thread_cpu_ns();
        let mut sink = 0.0;
        for _ in 0..rounds * 60 {
            for pair in &pairs {
                sink += compare(&pair.a, &pair.b).score;
            }
        }
        let s = t.elapsed().as_secs_f64();
        let n = (rounds * 60 * pairs.len()) as f64;
        println!(
            "compare: {:.0}/s wall, {:.0} per CPU-second ({sink:.0})",
            n / s,
            n / cpu_since(cpu)
        );
    }
}

fn cpu_since(start: Option<u64>) -> f64 {
    thread_cpu_ns()
        .zip(start)
        .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e9)
}
