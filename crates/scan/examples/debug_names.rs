//! Prints how the index classifies the names of the given entity ids (a debugging aid).
//!
//! ```text
//! cargo run --release -p zeef-scan --example debug_names -- DATA_DIR ID...
//! ```

use zeef_lists::DataDir;
use zeef_scan::ScanIndex;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(data) = args.get(1) else { return };
    let Ok(Some(snapshot)) = DataDir::new(data).load_current() else {
        return;
    };
    let index = ScanIndex::build(snapshot.entities);
    for i in 0..index.name_count() as u32 {
        let Some(n) = index.name(i) else { continue };
        let Some(e) = index.entity(n.entity) else {
            continue;
        };
        if args[2..].contains(&e.id) {
            println!(
                "{} {:?} {:?} {:?} acronym={} single={} terror={} countries={:?}",
                e.id, n.text, n.source, n.class, n.acronym, n.single_word, e.terror, e.countries
            );
        }
    }
}
