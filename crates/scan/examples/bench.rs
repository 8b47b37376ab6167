//! Scanning throughput: builds the index over a data directory's current snapshot, then scans
//! (1) a large text made of fictional sentences (some naming listed entities, most not) and
//! (2) a real document repeated, reporting MB/s on one core.
//!
//! ```text
//! cargo run --release -p zeef-scan --example bench -- DATA_DIR [DOCUMENT] [MEGABYTES]
//! ```

use std::time::Instant;
use zeef_lists::DataDir;
use zeef_scan::ScanIndex;

/// Fictional sentences in English and Dutch; a few name listed organisations, so the scanner
/// does its judging work too.
const SENTENCES: &[&str] = &[
    "The committee met on Tuesday to discuss the budget for the coming year.",
    "De minister van Buitenlandse Zaken sprak met zijn collega over de humanitaire hulp.",
    "Shipments of grain left the port of Rotterdam for Alexandria in early March.",
    "Analysts warned that ISIS continued to recruit fighters in northern Iraq.",
    "The invoice from Blue Harbour Trading Ltd was paid in three instalments.",
    "Volgens de organi-\nsatie zijn er meer dan 2.000 mensen ontheemd geraakt.",
    "Hezbollah's media office denied the report, according to local press.",
    "Mr Jansen signed the contract on behalf of the Foundation for Rural Schools.",
    "Het Jabhat al-Nusra front werd in 2016 omgedoopt tot Jabhat Fatah al Sham.",
    "Unity and movement were the themes of the conference in Geneva.",
    "The PKK and the TAK claimed attacks in Turkey, the terrorist groups said.",
    "Payment reference 2231-A, delivery address Keizersgracht 12, Amsterdam.",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(data) = args.get(1) else {
        eprintln!("usage: bench DATA_DIR [DOCUMENT] [MEGABYTES]");
        std::process::exit(2);
    };
    let megabytes: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(50);
    let snapshot = match DataDir::new(data).load_current() {
        Ok(Some(s)) => s,
        Ok(None) => {
            eprintln!("no snapshot in {data}: run `zeef --data {data} update` first");
            std::process::exit(2);
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let entities = snapshot.entities.len();
    let t = Instant::now();
    let index = ScanIndex::build(snapshot.entities);
    println!(
        "index: {entities} entities, {} names, built in {:.2} s",
        index.name_count(),
        t.elapsed().as_secs_f64()
    );

    let mut fictional = String::with_capacity(megabytes << 20);
    let mut i = 0usize;
    while fictional.len() < megabytes << 20 {
        fictional.push_str(SENTENCES[i % SENTENCES.len()]);
        fictional.push(if i % 7 == 6 { '\n' } else { ' ' });
        if i % 41 == 40 {
            fictional.push('\n');
        }
        i += 1;
    }
    run("fictional sentences", &index, &fictional);

    if let Some(path) = args.get(2) {
        match std::fs::read_to_string(path) {
            Ok(doc) => {
                let copies = ((megabytes << 20) / doc.len().max(1)).max(1);
                let repeated = doc.repeat(copies);
                run(&format!("{path} x{copies}"), &index, &repeated);
            }
            Err(e) => eprintln!("{path}: {e}"),
        }
    }
}

fn run(label: &str, index: &ScanIndex, text: &str) {
    let t = Instant::now();
    let mentions = index.scan(text);
    let secs = t.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    println!(
        "{label}: {mb:.1} MB in {secs:.2} s = {:.1} MB/s, {} mentions",
        mb / secs,
        mentions.len()
    );
}
