//! How screening cost grows with the number of parts of a query name: a name of N repeated
//! words ("Abu Bakr Abu Bakr …", the pathological input) and of N distinct words, screened as
//! a person and as an unknown legal entity against every official list. Prints the time of
//! one screen per size, so that the growth (linear or worse) shows.
//!
//! `ZEEF_SHARED=../shared cargo run --release -p zeef-matching --example long_names`
//! (`LONG_NAMES_MAX=4000` for the largest size)

mod common;

use std::time::Instant;

use common::load_lists;
use zeef_matching::{Index, ScreenOptions};
use zeef_model::{Entity, Prop, Schema};

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let max: usize = std::env::var("LONG_NAMES_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    let lists = load_lists(&shared.join("data/lists"), false);
    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let index = Index::build(all);
    let words = [
        "Abu", "Bakr", "Karimov", "Osman", "Ivanova", "Chen", "Morales", "Haddad",
    ];
    println!(
        "{:>6} {:>12} {:>12} {:>12}",
        "parts", "schema", "repeated ms", "distinct ms"
    );
    let mut n = 8;
    while n <= max {
        for schema in [Schema::Person, Schema::LegalEntity] {
            let repeated: Vec<&str> = (0..n).map(|i| words[i % 2]).collect();
            let distinct: Vec<String> = (0..n)
                .map(|i| format!("{}{}", words[i % words.len()], i / words.len()))
                .collect();
            let time = |name: String| {
                let mut q = Entity::new("q", schema, "query");
                q.add(Prop::Name, name);
                let started = Instant::now();
                let hits = index.screen(&q, &ScreenOptions::default());
                std::hint::black_box(hits);
                started.elapsed().as_secs_f64() * 1000.0
            };
            let r = time(repeated.join(" "));
            let d = time(distinct.join(" "));
            println!("{n:>6} {:>12} {r:>12.1} {d:>12.1}", schema.as_str());
        }
        n *= 2;
    }
}
