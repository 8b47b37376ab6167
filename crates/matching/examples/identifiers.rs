//! Screening by identifier over the official lists: every identifier of every listed entity
//! (wallet addresses included) is screened alone, as a query of its own property, and should
//! return its entity (a wallet: its holder) first. Prints hits and misses by kind; then each
//! number with an issuing country queried with that country (it should come first, said to
//! be issued by it on both) and with another (it should not be found); then the speed of
//! identifier lookups and of whole screens by identifier, per CPU-second.
//!
//! `ZEEF_SHARED=../shared cargo run --release -p zeef-matching --example identifiers`

use std::collections::BTreeMap;
use std::time::Instant;

mod common;

use common::{load_lists, thread_cpu_ns};
use zeef_matching::{Index, ScreenOptions};
use zeef_model::identifier::{Check, IdKind, normalise};
use zeef_model::{Entity, Prop, Schema};

#[derive(Default)]
struct Tally {
    queried: usize,
    first: usize,
    /// Found, but tied on score with another entity listing the same number and sorted
    /// after it.
    tied: usize,
    missed: usize,
    bad_check: usize,
    examples: Vec<String>,
}

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let lists = load_lists(&shared.join("data/lists"), false);
    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let t = Instant::now();
    let index = Index::build(all.clone());
    println!(
        "build {:.3} s; {} entities, {} identifier keys",
        t.elapsed().as_secs_f64(),
        index.len(),
        index.identifier_count()
    );
    // (kind, property, value, expected entity id)
    let mut queries: Vec<(IdKind, Prop, String, String)> = Vec::new();
    for e in &all {
        for &prop in Prop::IDENTIFIERS {
            for v in e.get(prop) {
                let Some(id) = normalise(prop, v) else {
                    continue;
                };
                let expected = match e.schema {
                    Schema::CryptoWallet => match e.first(Prop::Holder) {
                        Some(h) => h.to_string(),
                        None => continue,
                    },
                    _ => e.id.clone(),
                };
                queries.push((id.kind, prop, v.clone(), expected));
            }
        }
    }
    let opts = ScreenOptions::default();
    let mut by_kind: BTreeMap<IdKind, Tally> = BTreeMap::new();
    for (kind, prop, value, expected) in &queries {
        let tally = by_kind.entry(*kind).or_default();
        tally.queried += 1;
        if normalise(*prop, value).is_some_and(|i| i.check == Check::Invalid) {
            tally.bad_check += 1;
        }
        let mut q = Entity::new("q", Schema::LegalEntity, "query");
        q.add(*prop, value);
        let hits = index.screen(&q, &opts);
        let top = hits.first().map(|h| h.score);
        match hits.iter().position(|h| &h.id == expected) {
            Some(0) => tally.first += 1,
            Some(i) if Some(hits[i].score) == top => tally.tied += 1,
            _ => {
                tally.missed += 1;
                if tally.examples.len() < 3 {
                    tally
                        .examples
                        .push(format!("{prop} {value:?} of {expected}"));
                }
            }
        }
    }
    println!("\nkind                 queried    first  tied-first  missed  failing-check");
    let mut total = Tally::default();
    for (kind, t) in &by_kind {
        println!(
            "{:<20} {:>7} {:>8} {:>11} {:>7} {:>14}",
            kind.label(),
            t.queried,
            t.first,
            t.tied,
            t.missed,
            t.bad_check
        );
        total.queried += t.queried;
        total.first += t.first;
        total.tied += t.tied;
        total.missed += t.missed;
        for ex in &t.examples {
            println!("    missed: {ex}");
        }
    }
    println!(
        "{:<20} {:>7} {:>8} {:>11} {:>7}",
        "all", total.queried, total.first, total.tied, total.missed
    );

    // Numbers with an issuing country: with it, and with another.
    let mut issued: BTreeMap<IdKind, (Tally, usize)> = BTreeMap::new();
    for e in &all {
        for doc in &e.identifications {
            let Some(id) = normalise(doc.prop, &doc.number) else {
                continue;
            };
            let (tally, elsewhere) = issued.entry(id.kind).or_default();
            tally.queried += 1;
            let screen = |country: &str| {
                let mut q = Entity::new("q", Schema::LegalEntity, "query");
                q.add_issued(doc.prop, &doc.number, country);
                index.screen(&q, &opts)
            };
            let hits = screen(&doc.country);
            let top = hits.first().map(|h| h.score);
            let said = |i: usize| hits[i].explanation.features[0].detail.contains("on both");
            match hits.iter().position(|h| h.id == e.id) {
                Some(0) if said(0) => tally.first += 1,
                Some(i) if Some(hits[i].score) == top && said(i) => tally.tied += 1,
                _ => {
                    tally.missed += 1;
                    if tally.examples.len() < 3 {
                        tally.examples.push(format!("{doc:?} of {}", e.id));
                    }
                }
            }
            let other = if doc.country == "aq" { "bv" } else { "aq" };
            *elsewhere += usize::from(screen(other).iter().any(|h| h.id == e.id));
        }
    }
    println!(
        "
issued by             queried    first  tied-first  missed  found-issued-elsewhere"
    );
    for (kind, (t, elsewhere)) in &issued {
        println!(
            "{:<20} {:>7} {:>8} {:>11} {:>7} {:>23}",
            kind.label(),
            t.queried,
            t.first,
            t.tied,
            t.missed,
            elsewhere
        );
        for ex in &t.examples {
            println!("    missed: {ex}");
        }
    }

    let rounds = 5;
    let cpu = thread_cpu_ns();
    let t = Instant::now();
    let mut sink = 0usize;
    for _ in 0..rounds {
        for (_, prop, value, _) in &queries {
            sink += index.lookup_identifier(*prop, value).len();
        }
    }
    let n = (rounds * queries.len()) as f64;
    println!(
        "\nlookup: {:.0}/s wall, {:.0} per CPU-second ({sink})",
        n / t.elapsed().as_secs_f64(),
        n / cpu_since(cpu)
    );
    let entities: Vec<Entity> = queries
        .iter()
        .map(|(_, prop, value, _)| {
            let mut q = Entity::new("q", Schema::LegalEntity, "query");
            q.add(*prop, value);
            q
        })
        .collect();
    let cpu = thread_cpu_ns();
    let t = Instant::now();
    let mut sink = 0usize;
    for q in &entities {
        sink += index.screen(q, &opts).len();
    }
    let n = entities.len() as f64;
    println!(
        "screen by identifier (explained results): {:.0}/s wall, {:.0} per CPU-second ({sink})",
        n / t.elapsed().as_secs_f64(),
        n / cpu_since(cpu)
    );
}

fn cpu_since(start: Option<u64>) -> f64 {
    thread_cpu_ns()
        .zip(start)
        .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e9)
}
