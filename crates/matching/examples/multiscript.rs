//! False alerts by script and cross-script recall, on the shared development sets (see
//! `../shared/eval-dev/README.md`):
//!
//! - `screening/negatives_global_dev.csv` (people on no list, written in their own scripts)
//!   screened against every shared list: the share of rows raising an alert, by script of the
//!   query (Arabic script split into Persian and Arabic by the row's nationality);
//! - `arabic_names/full_names_dev.tsv.gz`: each Arabic-script name listed once under one Latin
//!   spelling among all the others, then screened with the Arabic-script name and with another
//!   attested Latin spelling; found in the top 1 and top 5 alerts.
//!
//! `cargo run --release -p zeef-matching --example multiscript`
//! (`EVAL_VERBOSE=1` prints every false alert and every cross-script miss; `EVAL_ROWS=N`
//! screens the first N negatives only.)

mod common;

use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;

use common::{load_lists, read_people};
use zeef_matching::{Index, ScreenOptions};
use zeef_model::{Entity, Prop, Schema};
use zeef_names::Script;
use zeef_names::translit::script_of;

fn main() {
    let Some(shared) = zeef_lists::shared::dir() else {
        return;
    };
    let eval = shared.join("eval-dev");
    let verbose = std::env::var_os("EVAL_VERBOSE").is_some();
    let rows: usize = std::env::var("EVAL_ROWS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(usize::MAX);

    let lists = load_lists(&shared.join("data/lists"), false);
    let all: Vec<Entity> = lists.values().flatten().cloned().collect();
    let index = Index::build(all);
    let path = eval.join("screening/negatives_global_dev.csv");
    let negatives: Vec<Entity> = read_people(&path).into_iter().take(rows).collect();
    negatives_by_script(&index, &negatives, verbose);
    drop(index);

    cross_script(&eval.join("arabic_names/full_names_dev.tsv.gz"), verbose);
}

/// The script a reader would name for a query: Arabic script from Iran or Afghanistan is
/// counted as Persian, from Pakistan as Urdu.
fn script_label(e: &Entity) -> &'static str {
    match script_of(e.caption()) {
        Script::Latin => "Latin",
        Script::Arabic => match e.first(Prop::Nationality) {
            Some("ir") | Some("af") => "Persian",
            Some("pk") => "Urdu",
            _ => "Arabic",
        },
        Script::Cyrillic => "Cyrillic",
        Script::Greek => "Greek",
        Script::Hebrew => "Hebrew",
        Script::Armenian => "Armenian",
        Script::Georgian => "Georgian",
        Script::Han => "Chinese",
        Script::Hangul => "Korean",
        Script::Kana => "Japanese",
        Script::Other => "other",
    }
}

fn negatives_by_script(index: &Index, negatives: &[Entity], verbose: bool) {
    let opts = ScreenOptions::default();
    // script -> (rows, rows alerting)
    let mut by: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut alerts = 0;
    for q in negatives {
        let label = script_label(q);
        let slot = by.entry(label).or_default();
        slot.0 += 1;
        let res = index.screen(q, &opts);
        let Some(m) = res.iter().find(|m| m.is_match) else {
            continue;
        };
        slot.1 += 1;
        alerts += 1;
        if verbose {
            println!(
                "  false alert [{label}] {:?} ({}) -> {} {:?} {:.3}",
                q.caption(),
                q.first(Prop::Nationality).unwrap_or("-"),
                m.id,
                m.explanation.matched_name,
                m.score
            );
        }
    }
    println!(
        "## Multi-script negatives against all lists\n{alerts} of {} rows alert: {:.3} %",
        negatives.len(),
        100.0 * alerts as f64 / negatives.len().max(1) as f64
    );
    for (label, (n, a)) in by {
        println!(
            "  {label:9} {a:4} of {n:5} = {:.2} %",
            100.0 * a as f64 / n.max(1) as f64
        );
    }
}

/// One Arabic-script name and the Latin spellings people wrote for it, most attested first.
struct Attested {
    arabic: String,
    latin: Vec<String>,
}

fn read_attested(path: &Path) -> Vec<Attested> {
    let Ok(file) = std::fs::File::open(path) else {
        println!("cannot read {}", path.display());
        return Vec::new();
    };
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    // key -> (spelling, count, is an English-style spelling)
    let mut by_key: HashMap<String, Vec<(String, u32, bool)>> = HashMap::new();
    let mut order = Vec::new();
    for line in reader.lines().skip(1).map_while(Result::ok) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [key, latin, lang, _country, count, ..] = cols[..] else {
            continue;
        };
        let count = count.parse().unwrap_or(1);
        let entry = by_key.entry(key.to_string()).or_insert_with(|| {
            order.push(key.to_string());
            Vec::new()
        });
        if !entry.iter().any(|(l, _, _)| l == latin) {
            entry.push((latin.to_string(), count, lang == "en"));
        }
    }
    order
        .into_iter()
        .map(|key| {
            let mut spellings = by_key.remove(&key).unwrap_or_default();
            // Stable: most attested English spelling first, file order among equals.
            spellings.sort_by_key(|(_, count, en)| (!en, std::cmp::Reverse(*count)));
            Attested {
                arabic: key,
                latin: spellings.into_iter().map(|(l, _, _)| l).collect(),
            }
        })
        .collect()
}

fn cross_script(path: &Path, verbose: bool) {
    let people = read_attested(path);
    if people.is_empty() {
        return;
    }
    let listed: Vec<Entity> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut e = Entity::new(format!("p{i}"), Schema::Person, "attested");
            e.add(Prop::Name, &p.latin[0]);
            e
        })
        .collect();
    let index = Index::build(listed);
    let opts = ScreenOptions::default();
    let fold = |s: &str| s.to_lowercase();
    // A result counts as found when it is the person or carries exactly their listed name.
    // Where the person is among the top 5 alerts, and the best result (for misses).
    let found_at = |i: usize, query: &str| -> (Option<usize>, String) {
        let mut q = Entity::new("q", Schema::Person, "query");
        q.add(Prop::Name, query);
        let want = fold(&people[i].latin[0]);
        let results = index.screen(&q, &opts);
        let at = results
            .iter()
            .filter(|m| m.is_match)
            .take(5)
            .position(|m| m.id == format!("p{i}") || fold(&m.explanation.matched_name) == want);
        let best = results.first().map_or(String::from("nothing"), |m| {
            format!("{:?} {:.2}", m.explanation.matched_name, m.score)
        });
        (at, best)
    };
    for (label, from_arabic) in [("Arabic script", true), ("another Latin spelling", false)] {
        let (mut n, mut top1, mut top5) = (0usize, 0usize, 0usize);
        for (i, p) in people.iter().enumerate() {
            let query = if from_arabic {
                &p.arabic
            } else {
                match p.latin.get(1) {
                    Some(q) => q,
                    None => continue,
                }
            };
            n += 1;
            match found_at(i, query) {
                (Some(0), _) => {
                    top1 += 1;
                    top5 += 1;
                }
                (Some(_), _) => top5 += 1,
                (None, best) if verbose => println!(
                    "  cross-script miss: {query:?} listed as {:?}, best {best}",
                    p.latin[0]
                ),
                (None, _) => {}
            }
        }
        println!(
            "## Cross-script, from {label}: {n} queries among {} listed; top-1 {:.3}, top-5 {:.3}",
            people.len(),
            top1 as f64 / n.max(1) as f64,
            top5 as f64 / n.max(1) as f64
        );
    }
}
