//! Criterion benchmarks of screening and `compare()`: on generated fictional names (runs
//! anywhere), and on the real shared lists when they are present.
//!
//! `cargo bench -p zeef-matching --bench screen`

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use zeef_matching::{Index, ScreenOptions, compare};
use zeef_model::{Entity, Prop, Schema};

const GIVEN: &[&str] = &[
    "Zoltan",
    "Mirela",
    "Oskari",
    "Bettina",
    "Radomir",
    "Ilse",
    "Tavita",
    "Quinlan",
    "Aurelio",
    "Hedda",
    "Kasimir",
    "Yolanda",
    "Abd al-Karim",
    "Abu Talib",
    "Nuriya",
    "Sefton",
];
const FAMILY: &[&str] = &[
    "Vargadimitrov",
    "Olsbergen",
    "Quarterhaus",
    "al-Fictioni",
    "Pemberwick",
    "Zanzibarova",
    "Krummholz",
    "Estravagan",
    "Marlowe-Finch",
    "Tolliver",
    "Ibn Qasimar",
    "Drummondo",
];

/// Deterministic fictional people: every given × family pair, with an alias and a date.
fn fictional(n: usize) -> Vec<Entity> {
    (0..n)
        .map(|i| {
            let given = GIVEN[i % GIVEN.len()];
            let family = FAMILY[(i / GIVEN.len()) % FAMILY.len()];
            let mut e = Entity::new(format!("fx-{i}"), Schema::Person, "fiction");
            e.add(Prop::Name, format!("{given} {family} {}", i / 192));
            e.add(Prop::Alias, format!("{family}, {given}"));
            e.add(Prop::BirthDate, format!("{}", 1940 + i % 60));
            e
        })
        .collect()
}

fn query(name: &str, schema: Schema) -> Entity {
    let mut q = Entity::new("q", schema, "query");
    q.add(Prop::Name, name);
    q
}

fn bench_fictional(c: &mut Criterion) {
    let index = Index::build(fictional(20_000));
    let opts = ScreenOptions::default();
    let hit = query("Zoltan Vargadimitrov", Schema::Person);
    let typo = query("Zoltan Vargadimitorv", Schema::Person);
    let miss = query("Peregrine Nightingale", Schema::LegalEntity);
    c.bench_function("screen/fictional/hit", |b| {
        b.iter(|| index.screen(black_box(&hit), &opts))
    });
    c.bench_function("screen/fictional/typo", |b| {
        b.iter(|| index.screen(black_box(&typo), &opts))
    });
    c.bench_function("screen/fictional/miss", |b| {
        b.iter(|| index.screen(black_box(&miss), &opts))
    });
    let a = query("Abd al-Karim Vargadimitrov", Schema::Person);
    let z = query("Abdulkarim Varga Dimitrov", Schema::Person);
    c.bench_function("compare/name-only", |b| {
        b.iter(|| compare(black_box(&a), black_box(&z)))
    });
}

fn bench_real(c: &mut Criterion) {
    let Some(dir) = zeef_lists::shared::list_dir("un") else {
        return;
    };
    let Ok(parsed) = zeef_lists::parse_dir("un", &dir) else {
        return;
    };
    let index = Index::build(parsed.entities);
    let opts = ScreenOptions::default();
    let q = query("Abu Bakr al-Baghdadi", Schema::LegalEntity);
    let arabic = query(
        "إبراهيم عواد إبراهيم علي البدري السامرائي",
        Schema::LegalEntity,
    );
    let common = query("Mohammed Ali", Schema::Person);
    c.bench_function("screen/un/weak-alias", |b| {
        b.iter(|| index.screen(black_box(&q), &opts))
    });
    c.bench_function("screen/un/arabic", |b| {
        b.iter(|| index.screen(black_box(&arabic), &opts))
    });
    c.bench_function("screen/un/common-name", |b| {
        b.iter(|| index.screen(black_box(&common), &opts))
    });
}

criterion_group!(benches, bench_fictional, bench_real);
criterion_main!(benches);
