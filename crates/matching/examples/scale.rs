//! Scale test: a synthetic list of millions of entities with realistic multi-cultural names
//! (given and family names of several regions, aliases, weak aliases, birth dates and
//! nationalities; fixed seed, so every run builds the same list), indexed and screened.
//! Reports build time (entities are made and added to an `IndexBuilder` one by one, as a
//! loader streaming a large list would), peak resident memory (VmHWM), single-thread screens
//! per second and self-recall: how many listed-name queries find the entity they were made
//! from.
//!
//! `cargo run --release -p zeef-matching --example scale` (SCALE_N=1000000 for fewer entities;
//! SCALE_SLOWEST=1 also lists the slowest queries; SCALE_DUMP=FILE writes every query's results,
//! entity and score, so that a speed change can be checked to change none of them)

mod common;

use std::time::Instant;

use common::thread_cpu_ns;
use zeef_matching::{IndexBuilder, ScreenOptions};
use zeef_model::{Entity, Prop, Schema};

/// Given names, family names and the nationalities of one naming tradition.
struct Culture {
    given: &'static [&'static str],
    family: &'static [&'static str],
    countries: &'static [&'static str],
    /// Family name placed first in the listed spelling (Chinese, Korean, Vietnamese).
    family_first: bool,
    /// Syllables and endings that make further family names (stem + stem + ending), so the
    /// list has hundreds of thousands of distinct names, not a few hundred repeated.
    stems: &'static [&'static str],
    endings: &'static [&'static str],
}

const CULTURES: &[Culture] = &[
    Culture {
        given: &[
            "Mohammed",
            "Ahmed",
            "Ali",
            "Omar",
            "Khalid",
            "Youssef",
            "Hassan",
            "Hussein",
            "Ibrahim",
            "Abdullah",
            "Abdul Rahman",
            "Abu Bakr",
            "Mustafa",
            "Tariq",
            "Faisal",
            "Saad",
            "Hamza",
            "Bilal",
            "Karim",
            "Nasser",
            "Walid",
            "Jamal",
            "Samir",
            "Rashid",
            "Fatima",
            "Aisha",
            "Maryam",
            "Khadija",
            "Layla",
            "Noor",
            "Zainab",
            "Huda",
            "Salma",
        ],
        family: &[
            "al-Baghdadi",
            "al-Masri",
            "al-Rawi",
            "al-Tikriti",
            "Haddad",
            "Khoury",
            "Nasser",
            "al-Hashimi",
            "al-Qasimi",
            "Mansour",
            "Saleh",
            "al-Zahrani",
            "al-Otaibi",
            "Qureshi",
            "al-Shami",
            "Darwish",
            "Hamdan",
            "Yassin",
            "al-Amin",
            "Barakat",
            "al-Sudani",
            "al-Jubouri",
            "Awad",
            "al-Dulaimi",
            "Farouk",
            "Suleiman",
            "al-Harbi",
            "Aziz",
        ],
        countries: &["iq", "sy", "sa", "eg", "jo", "lb", "ye", "ae", "ly"],
        stems: &[
            "bar", "kat", "sul", "ham", "dan", "naj", "far", "jaz", "mal", "sab", "tah", "rad",
            "zub", "hil", "mur", "qad", "shar", "wah", "kaf", "lab",
        ],
        endings: &["i", "awi", "ani", "ari", "uri", "ati", "ali"],
        family_first: false,
    },
    Culture {
        given: &[
            "Sergey",
            "Vladimir",
            "Alexander",
            "Dmitry",
            "Andrey",
            "Alexey",
            "Mikhail",
            "Igor",
            "Nikolai",
            "Oleg",
            "Yuri",
            "Viktor",
            "Pavel",
            "Roman",
            "Artem",
            "Maxim",
            "Ivan",
            "Olga",
            "Elena",
            "Tatiana",
            "Natalia",
            "Irina",
            "Svetlana",
            "Anna",
            "Yulia",
        ],
        family: &[
            "Ivanov",
            "Smirnov",
            "Kuznetsov",
            "Popov",
            "Sokolov",
            "Lebedev",
            "Kozlov",
            "Novikov",
            "Morozov",
            "Petrov",
            "Volkov",
            "Solovyov",
            "Vasiliev",
            "Zaitsev",
            "Pavlov",
            "Semyonov",
            "Golubev",
            "Vinogradov",
            "Bogdanov",
            "Vorobyov",
            "Fyodorov",
            "Mikhailov",
            "Belyaev",
            "Tarasov",
            "Belov",
            "Komarov",
            "Orlov",
            "Kiselyov",
            "Makarov",
            "Andreev",
        ],
        countries: &["ru", "by", "ua", "kz"],
        stems: &[
            "bel", "kras", "dob", "zhur", "mel", "pol", "gor", "sem", "tar", "vol", "lis", "kol",
            "bor", "ryb", "shum", "ches", "dud", "kar", "lop", "zem",
        ],
        endings: &["ov", "ev", "in", "sky", "enko", "uk", "ovich"],
        family_first: false,
    },
    Culture {
        given: &[
            "Wei",
            "Fang",
            "Min",
            "Jing",
            "Li Na",
            "Xiu Ying",
            "Jun",
            "Yong",
            "Jie",
            "Tao",
            "Ming",
            "Chao",
            "Hui",
            "Lei",
            "Qiang",
            "Gang",
            "Ping",
            "Hua",
            "Xin",
            "Yan",
            "Jian Guo",
            "Zhi Qiang",
            "Hai Yan",
            "Guo Hua",
            "Xiao Ming",
            "Wen Jie",
        ],
        family: &[
            "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
            "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie",
        ],
        countries: &["cn", "hk", "tw", "sg"],
        stems: &[
            "an", "bao", "chun", "de", "fu", "gui", "hong", "jia", "kai", "lan", "mei", "ning",
            "qing", "rui", "shu", "ting", "wen", "xiang", "yu", "zhen",
        ],
        endings: &[""],
        family_first: true,
    },
    Culture {
        given: &[
            "José",
            "Juan",
            "Carlos",
            "Luis",
            "Miguel",
            "Jorge",
            "Pedro",
            "Alejandro",
            "Fernando",
            "Ricardo",
            "Eduardo",
            "Javier",
            "Rafael",
            "Diego",
            "Andrés",
            "Sergio",
            "María",
            "Ana",
            "Carmen",
            "Lucía",
            "Sofía",
            "Isabel",
            "Gabriela",
            "Valentina",
        ],
        family: &[
            "García",
            "Rodríguez",
            "Martínez",
            "Hernández",
            "López",
            "González",
            "Pérez",
            "Sánchez",
            "Ramírez",
            "Torres",
            "Flores",
            "Rivera",
            "Gómez",
            "Díaz",
            "Cruz",
            "Morales",
            "Reyes",
            "Gutiérrez",
            "Ortiz",
            "Chávez",
            "Ramos",
            "Castillo",
            "Vargas",
            "Mendoza",
            "Herrera",
            "Medina",
            "Aguilar",
            "Guzmán",
            "Salazar",
            "Cabello",
        ],
        countries: &["mx", "co", "ve", "es", "ar", "pe", "cu", "ni"],
        stems: &[
            "al", "bel", "cas", "dor", "es", "fer", "gal", "har", "lom", "mar", "nav", "or", "pal",
            "quin", "ros", "san", "tor", "val", "zam", "bar",
        ],
        endings: &["ez", "ero", "ado", "illo", "ano", "eda", "ona"],
        family_first: false,
    },
    Culture {
        given: &[
            "James",
            "John",
            "Robert",
            "Michael",
            "William",
            "David",
            "Richard",
            "Joseph",
            "Thomas",
            "Charles",
            "Christopher",
            "Daniel",
            "Matthew",
            "Anthony",
            "Mark",
            "Mary",
            "Patricia",
            "Jennifer",
            "Linda",
            "Elizabeth",
            "Barbara",
            "Susan",
            "Jessica",
        ],
        family: &[
            "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson",
            "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson",
            "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
            "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell",
        ],
        countries: &["us", "gb", "ca", "au", "ie", "nz"],
        stems: &[
            "ash", "black", "brad", "car", "dun", "ell", "fair", "good", "hart", "kings", "lang",
            "mor", "new", "part", "ray", "stan", "thorn", "wel", "whit", "york",
        ],
        endings: &["ley", "ton", "field", "wood", "man", "son", "ford"],
        family_first: false,
    },
    Culture {
        given: &[
            "Oluwaseun",
            "Chukwuemeka",
            "Adebayo",
            "Ngozi",
            "Chinedu",
            "Babajide",
            "Kwame",
            "Kofi",
            "Ama",
            "Abena",
            "Yaw",
            "Kwabena",
            "Aminata",
            "Mamadou",
            "Ousmane",
            "Ibrahima",
            "Fatoumata",
            "Moussa",
            "Amadou",
            "Seydou",
            "Aliyu",
            "Usman",
            "Musa",
            "Abubakar",
            "Emeka",
            "Folake",
            "Yetunde",
            "Chiamaka",
        ],
        family: &[
            "Adeyemi",
            "Okafor",
            "Okonkwo",
            "Balogun",
            "Adewale",
            "Eze",
            "Nwosu",
            "Mensah",
            "Owusu",
            "Boateng",
            "Asante",
            "Diallo",
            "Traoré",
            "Keita",
            "Coulibaly",
            "Konaté",
            "Camara",
            "Sow",
            "Bello",
            "Abdullahi",
            "Danjuma",
            "Ogunleye",
            "Oyelaran",
            "Acheampong",
        ],
        countries: &["ng", "gh", "ml", "sn", "gn", "ci", "bf", "ne"],
        stems: &[
            "ade", "ba", "chi", "dan", "ebu", "fa", "gbe", "ike", "ko", "lu", "nna", "olu", "ra",
            "sa", "tun", "wu", "yo", "zi", "mbe", "kwa",
        ],
        endings: &["mi", "yemi", "nda", "ola", "ke", "chukwu", "ah"],
        family_first: false,
    },
];

const COMPANY_WORDS: &[&str] = &[
    "Global",
    "Trading",
    "Petro",
    "Star",
    "Ocean",
    "United",
    "Eastern",
    "Pacific",
    "Atlas",
    "Nova",
    "Delta",
    "Crescent",
    "Golden",
    "Silk",
    "Road",
    "Energy",
    "Shipping",
    "Metals",
    "Industrial",
    "Logistics",
    "Capital",
    "Holding",
    "Technologies",
    "Maritime",
    "Alliance",
];
const LEGAL_FORMS: &[&str] = &[
    "LLC",
    "Ltd",
    "GmbH",
    "SA",
    "FZE",
    "JSC",
    "Co., Ltd.",
    "Inc.",
];

/// splitmix64: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// A spelling variant of a name: one of a few common transliteration changes, else a typo.
fn variant(name: &str, rng: &mut Rng) -> String {
    const SWAPS: &[(&str, &str)] = &[
        ("ou", "u"),
        ("u", "o"),
        ("y", "i"),
        ("ee", "i"),
        ("kh", "h"),
        ("v", "w"),
        ("ph", "f"),
        ("ss", "s"),
        ("ie", "y"),
        ("a", "e"),
    ];
    let lower = name.to_string();
    for _ in 0..3 {
        let (from, to) = SWAPS[rng.below(SWAPS.len())];
        if lower.contains(from) {
            return lower.replacen(from, to, 1);
        }
    }
    let mut chars: Vec<char> = lower.chars().collect();
    if chars.len() > 3 {
        let i = 1 + rng.below(chars.len() - 2);
        chars.swap(i, i - 1);
    }
    chars.into_iter().collect()
}

fn person(i: usize, rng: &mut Rng) -> Entity {
    let culture = &CULTURES[rng.below(CULTURES.len())];
    let given = rng.pick(culture.given);
    let made;
    let family = if rng.chance(75) {
        // stem + stem + ending, capitalised: "Belkolov", "Sulhamawi", "Baoning".
        let raw = format!(
            "{}{}{}",
            rng.pick(culture.stems),
            rng.pick(culture.stems),
            rng.pick(culture.endings)
        );
        let mut chars = raw.chars();
        made = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect::<String>())
            .unwrap_or_default();
        made.as_str()
    } else {
        rng.pick(culture.family)
    };
    let middle = rng.chance(30).then(|| rng.pick(culture.given));
    let mut e = Entity::new(format!("syn-{i}"), Schema::Person, "synthetic");
    let full = match (culture.family_first, middle) {
        (true, _) => format!("{family} {given}"),
        (false, Some(m)) if m != given => format!("{given} {m} {family}"),
        _ => format!("{given} {family}"),
    };
    e.add(Prop::Name, &full);
    for _ in 0..rng.below(3) {
        let alias = match rng.below(3) {
            0 => format!("{family}, {given}"),
            1 => format!("{} {}", variant(given, rng), variant(family, rng)),
            _ => format!("{given} {}", rng.pick(culture.family)),
        };
        e.add(Prop::Alias, alias);
    }
    if rng.chance(15) {
        e.add(
            Prop::WeakAlias,
            format!("Abu {}", rng.pick(CULTURES[0].given)),
        );
    }
    if rng.chance(70) {
        let year = 1940 + rng.below(66);
        let date = if rng.chance(60) {
            format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28))
        } else {
            year.to_string()
        };
        e.add(Prop::BirthDate, date);
    }
    if rng.chance(80) {
        e.add(Prop::Nationality, rng.pick(culture.countries));
    }
    e
}

fn company(i: usize, rng: &mut Rng) -> Entity {
    let mut e = Entity::new(format!("syn-{i}"), Schema::Company, "synthetic");
    let culture = &CULTURES[rng.below(CULTURES.len())];
    let name = format!(
        "{} {} {} {}",
        rng.pick(COMPANY_WORDS),
        rng.pick(COMPANY_WORDS),
        rng.pick(culture.family),
        rng.pick(LEGAL_FORMS)
    );
    e.add(Prop::Name, name);
    if rng.chance(40) {
        e.add(
            Prop::Alias,
            format!("{} {}", rng.pick(COMPANY_WORDS), rng.pick(LEGAL_FORMS)),
        );
    }
    e.add(Prop::Country, rng.pick(culture.countries));
    e
}

/// Peak and current resident memory in MiB, from /proc/self/status (Linux).
fn memory_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Seconds of CPU time this process has used, all threads (Linux): the build time, told
/// apart from time the process spent paused or waiting for a CPU.
fn process_cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime and stime are the
    // 12th and 13th, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        f.get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn main() {
    let n: usize = std::env::var("SCALE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4_000_000);
    let mut rng = Rng(0x5eed_2026);
    // Entities go into the index as they are made: the list is never held as `Entity` values.
    let t = Instant::now();
    let cpu_start = process_cpu_s();
    let mut builder = IndexBuilder::new();
    // SCALE_COMMON=N: part codes of more than N names are looked up in pairs (default
    // zeef_matching::COMMON_CODE_NAMES; 4294967295 turns pairs off).
    if let Some(common) = std::env::var("SCALE_COMMON")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        builder = builder.common_code_names(common);
    }
    let mut names = 0usize;
    // Time spent making entities, told apart from the index build.
    let mut making = std::time::Duration::ZERO;
    for i in 0..n {
        let m = Instant::now();
        let e = if rng.chance(90) {
            person(i, &mut rng)
        } else {
            company(i, &mut rng)
        };
        names += e.names().count();
        making += m.elapsed();
        builder.add(e);
    }
    let index = builder.finish();
    let total = t.elapsed().as_secs_f64();
    let making = making.as_secs_f64();
    let cpu = process_cpu_s() - cpu_start;
    let (peak, rss) = memory_mib();
    println!(
        "generated {n} entities, {names} names in {making:.1} s; index built in {:.1} s ({} threads; {cpu:.1} CPU-seconds with generation; {} pair keys); resident {rss:.0} MiB, peak {peak:.0} MiB",
        total - making,
        rayon::current_num_threads(),
        index.keyed_pairs()
    );
    // Queries: listed names (some with a typo, some reordered) and fresh random people.
    // Each listed-name query remembers the entity it was made from.
    let mut qrng = Rng(0xfeed_beef);
    let queries: Vec<(Entity, Option<usize>)> = (0..20_000)
        .map(|i| {
            if i % 2 == 0 {
                let at = qrng.below(index.len());
                let listed = index.entity(at).expect("in range");
                let mut q = Entity::new(format!("q-{i}"), listed.schema, "query");
                let name = listed.caption();
                q.add(
                    Prop::Name,
                    if qrng.chance(50) {
                        variant(name, &mut qrng)
                    } else {
                        name.to_string()
                    },
                );
                (q, Some(at))
            } else {
                let mut q = person(n + i, &mut qrng);
                q.schema = Schema::LegalEntity;
                (q, None)
            }
        })
        .collect();

    let opts = ScreenOptions::default();
    let mut lat: Vec<f64> = Vec::with_capacity(queries.len());
    let (mut alerts, mut found_any, mut found_self) = (0usize, 0usize, 0usize);
    // Listed-name queries that missed their entity with a full page of results.
    let mut missed: Vec<(&Entity, usize, Vec<usize>)> = Vec::new();
    let dump_to = std::env::var_os("SCALE_DUMP");
    let mut dump = String::new();
    let t = Instant::now();
    let cpu0 = thread_cpu_ns();
    for (q, source) in &queries {
        let s = Instant::now();
        let res = index.screen(q, &opts);
        lat.push(s.elapsed().as_secs_f64() * 1e6);
        if dump_to.is_some() {
            use std::fmt::Write as _;
            let _ = write!(dump, "{}", q.id);
            for m in &res {
                let _ = write!(dump, " {}:{:016x}", m.index, m.score.to_bits());
            }
            dump.push('\n');
        }
        alerts += usize::from(res.iter().any(|m| m.is_match));
        if let Some(at) = source {
            found_any += usize::from(!res.is_empty());
            let found = res.iter().any(|m| m.index == *at);
            found_self += usize::from(found);
            if !found && res.len() >= opts.limit {
                missed.push((q, *at, res.iter().map(|m| m.index).collect()));
            }
        }
    }
    let wall = t.elapsed().as_secs_f64();
    let cpu = thread_cpu_ns()
        .zip(cpu0)
        .map_or(f64::NAN, |(b, a)| (b - a) as f64 / 1e9);
    if let Some(path) = dump_to {
        std::fs::write(&path, dump).expect("SCALE_DUMP: cannot write the file");
    }
    if std::env::var_os("SCALE_SLOWEST").is_some() {
        let mut slow: Vec<(f64, &Entity)> = lat
            .iter()
            .copied()
            .zip(queries.iter().map(|(q, _)| q))
            .collect();
        slow.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (us, q) in slow.iter().take(25) {
            let t = Instant::now();
            let found = index.candidates(&index.prepare(q), &opts).len();
            let gather = t.elapsed().as_secs_f64() * 1e6;
            println!(
                "SLOW {us:.0} µs ({gather:.0} µs gathering {found} candidates) {:?} {:?}",
                q.schema,
                q.names().map(|(_, n)| n).collect::<Vec<_>>()
            );
        }
    }
    lat.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    println!(
        "{} screens: {:.0}/s wall clock, {:.0} per CPU-second; p50 {:.0} µs, p99 {:.0} µs, max {:.0} µs; {alerts} with an alert; of {} listed-name queries, {found_any} with results, {found_self} finding the entity they were made from",
        queries.len(),
        queries.len() as f64 / wall,
        queries.len() as f64 / cpu,
        pct(0.5),
        pct(0.99),
        lat.last().copied().unwrap_or(0.0),
        queries.len() / 2
    );
    // Outside the timed loop: those misses looked at again. Namesakes: every result has
    // the entity's caption (the query's name before any typo).
    let (mut namesakes, mut not_candidates) = (0usize, 0usize);
    for (q, at, results) in &missed {
        let caption = |i: usize| index.entity(i).map(|e| e.caption().to_string());
        namesakes += usize::from(results.iter().all(|&i| caption(i) == caption(*at)));
        let candidates = index.candidates(&index.prepare(q), &opts);
        not_candidates += usize::from(!candidates.contains(&(*at as u32)));
    }
    println!(
        "listed-name queries missing their entity with {} results: {}, of which {namesakes} with only namesakes (same caption) as results and {not_candidates} where it was not among the candidates",
        opts.limit,
        missed.len()
    );
}
