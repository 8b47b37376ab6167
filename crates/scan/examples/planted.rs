//! Recall of the scanner on listed names written as news text writes them, planted in
//! generated sentences; and the mentions it reports in texts that name nobody listed.
//!
//! Listed persons and organisations are picked with a fixed seed and each is written the way
//! news writes it, one kind at a time:
//!
//! - person full: the listed name in natural order ("Ayman Muhammad Rabi al-Zawahiri");
//! - person short: first given name and surname, without the middle names or patronymic
//!   ("Ayman al-Zawahiri"), from the listing's name parts where it gives them;
//! - Korean/Chinese: surname first, then the given name ("Kim Jong Un"), for persons of
//!   North or South Korean or Chinese nationality or with a name in Han or Hangul script;
//! - organisation full: the listed name;
//! - organisation short: an acronym or shorter form the listing gives among its aliases, or
//!   the name without its legal-form words ("Avtomatika" for "Joint Stock Company Avtomatika").
//!
//! The acronyms are planted once more, in a sentence that also names the organisation's
//! country (the support an acronym needs); that row is not counted in "all".
//!
//! Each is planted in one generated English sentence (name at sentence start, after "said",
//! in parentheses, with a possessive, hyphenated, at a line end or broken across lines) and
//! the sentence is scanned alone. A plant is found when a mention of its entity overlaps it.
//! Mentions of other entities are counted apart: on exactly the planted words (another
//! listing of the same name), on part of them, and outside them (in the template's words).
//!
//! Then the texts that must stay clean: the parliamentary letter of the shared data, and
//! sentences naming the people of the screening negatives (common names on no list).
//!
//! ```text
//! cargo run --release -p zeef-scan --example planted -- [LISTS_OR_DATA_DIR] [--per-kind N] [--seed S]
//! EVAL_VERBOSE=1 ... lists every miss
//! ```
//!
//! Without a folder, the shared lists (`../shared/data/lists`) are parsed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zeef_lists::DataDir;
use zeef_model::{Entity, Prop, Schema};
use zeef_scan::{Mention, ScanIndex};

const SOURCES: &[&str] = &[
    "un",
    "ofac_sdn",
    "ofac_cons",
    "uk",
    "ca",
    "au",
    "us_dpl",
    "us_csl",
];

/// Sentences with `{}` where the name goes.
const TEMPLATES: &[&str] = &[
    "{} was seen in the capital on Tuesday, officials said.",
    "Officials said {} had moved funds through a front company.",
    "\"We have nothing to add,\" said {}, speaking to reporters.",
    "The payments were approved by a senior figure ({}) last year.",
    "{}'s assets were frozen in March.",
    "Investigators examined {}'s accounts in two countries.",
    "A {}-linked firm shipped the goods in 2021.",
    "The report names several parties, among them\n{}\nand two shipping agents.",
    "Prosecutors in the case against\n{} presented new evidence.",
    "Sources close to {} denied the claims on Friday.",
    "In a statement, {} rejected the accusations as politically motivated.",
    "The deal, brokered by {}, was worth about $40 million.",
    "Among those named in the filing was {}.",
    "Documents seen by reporters show that {} controlled the network.",
    "The court heard that money was sent to {} through intermediaries.",
    "According to the indictment, the shipments were arranged by {} and others.",
];

/// The template that breaks the name across a line: its last space becomes a line break.
const BROKEN_TEMPLATE: &str = "According to the filing,\n{} signed the contract.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    PersonFull,
    PersonShort,
    KoreanChinese,
    OrgFull,
    OrgShortAcronym,
    OrgShortAlias,
    OrgShortNoLegalForm,
    /// The acronyms again, in a sentence that also names the organisation's country: the
    /// support an acronym needs (not counted in "all").
    OrgShortAcronymWithCountry,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::PersonFull => "person full",
            Kind::PersonShort => "person short form",
            Kind::KoreanChinese => "Korean/Chinese, surname first",
            Kind::OrgFull => "organisation full",
            Kind::OrgShortAcronym => "organisation short: acronym alias",
            Kind::OrgShortAlias => "organisation short: shorter alias",
            Kind::OrgShortNoLegalForm => "organisation short: no legal form",
            Kind::OrgShortAcronymWithCountry => "(acronym alias, its country in the sentence)",
        }
    }
}

/// splitmix64: a fixed seed gives the same picks and sentences on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// `k` distinct indices below `n`, in the order drawn.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            idx.swap(i, j);
        }
        idx.truncate(k);
        idx
    }
}

#[derive(Clone)]
struct Plant {
    kind: Kind,
    entity: String,
    written: String,
    listed: String,
    /// The English name of the country the listing ties it to, if any.
    country: Option<&'static str>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut per_kind = 1000usize;
    let mut seed = 20_261_208u64;
    let mut folder: Option<PathBuf> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--per-kind" => per_kind = it.next().and_then(|v| v.parse().ok()).unwrap_or(per_kind),
            "--seed" => seed = it.next().and_then(|v| v.parse().ok()).unwrap_or(seed),
            other => folder = Some(PathBuf::from(other)),
        }
    }
    let verbose = std::env::var("EVAL_VERBOSE").is_ok_and(|v| v == "1");
    let shared = zeef_lists::shared::dir();
    let folder = folder
        .or_else(|| shared.as_ref().map(|s| s.join("data/lists")))
        .unwrap_or_else(|| {
            eprintln!("usage: planted [LISTS_OR_DATA_DIR] [--per-kind N] [--seed S]");
            std::process::exit(2);
        });
    let entities = load(&folder);
    eprintln!("{} entities from {}", entities.len(), folder.display());

    let mut plants = pick(&entities, per_kind, seed);
    let with_country: Vec<Plant> = plants
        .iter()
        .filter(|p| p.kind == Kind::OrgShortAcronym && p.country.is_some())
        .map(|p| Plant {
            kind: Kind::OrgShortAcronymWithCountry,
            ..p.clone()
        })
        .collect();
    plants.extend(with_country);
    let index = ScanIndex::build(entities);
    // Per entity id, its indexed names: why a miss was missed, and (verbose) listed with it.
    let mut name_ids: std::collections::HashMap<&str, Vec<u32>> = Default::default();
    for i in 0..index.name_count() as u32 {
        if let Some(e) = index.name(i).and_then(|n| index.entity(n.entity)) {
            name_ids.entry(e.id.as_str()).or_default().push(i);
        }
    }
    let mut names_of: std::collections::HashMap<&str, Vec<String>> = Default::default();
    if verbose {
        for i in 0..index.name_count() as u32 {
            let (Some(n), Some(e)) = (
                index.name(i),
                index.name(i).and_then(|n| index.entity(n.entity)),
            ) else {
                continue;
            };
            names_of
                .entry(e.id.as_str())
                .or_default()
                .push(format!("{:?} {:?} {:?}", n.text, n.source, n.class));
        }
    }

    // Planted sentences, one scanned at a time.
    let mut rng = Rng(seed ^ 0x5EED);
    let mut stats: BTreeMap<Kind, Stats> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for p in &plants {
        let (text, span, template) = match (p.kind, p.country) {
            (Kind::OrgShortAcronymWithCountry, Some(country)) => {
                let before = format!("Officials in {country} said ");
                let text = format!(
                    "{before}{} had moved funds through a front company.",
                    p.written
                );
                (
                    text,
                    (before.len(), before.len() + p.written.len()),
                    TEMPLATES.len() + 1,
                )
            }
            _ => sentence(&p.written, &mut rng),
        };
        let found = index.scan(&text);
        let s = stats.entry(p.kind).or_default();
        s.planted += 1;
        let overlaps = |m: &Mention| m.start < span.1 && m.end > span.0;
        let id_of = |m: &Mention| index.entity(m.entity).map_or("", |e| e.id.as_str());
        let hit = found.iter().any(|m| overlaps(m) && id_of(m) == p.entity);
        if hit {
            s.found += 1;
        } else {
            *s.misses_by_template.entry(template).or_default() += 1;
            let why = miss_reason(&index, name_ids.get(p.entity.as_str()), &p.written);
            *s.misses_by_reason.entry(why).or_default() += 1;
            if verbose {
                let got: Vec<String> = found
                    .iter()
                    .map(|m| format!("{:?}={} ({})", m.text, id_of(m), m.reason))
                    .collect();
                misses.push(format!(
                    "MISS [{}] {} listed {:?} written {:?} in {:?}; found: {}; indexed: {}",
                    p.kind.label(),
                    p.entity,
                    p.listed,
                    p.written,
                    text,
                    if got.is_empty() {
                        "nothing".to_string()
                    } else {
                        got.join("; ")
                    },
                    names_of
                        .get(p.entity.as_str())
                        .map(|v| v.join(", "))
                        .unwrap_or_default()
                ));
            }
        }
        for m in found.iter().filter(|m| id_of(m) != p.entity) {
            if (m.start, m.end) == span {
                s.other_same += 1;
            } else if overlaps(m) {
                s.other_partial += 1;
            } else {
                s.outside += 1;
                if verbose {
                    misses.push(format!(
                        "OUTSIDE [{}] {:?} = {} ({}) in {:?}",
                        p.kind.label(),
                        m.text,
                        id_of(m),
                        m.reason,
                        text
                    ));
                }
            }
        }
    }
    for line in &misses {
        println!("{line}");
    }

    println!("planted names (seed {seed}, up to {per_kind} per kind; one sentence per plant)");
    println!(
        "{:<44} {:>7} {:>6} {:>7} {:>11} {:>13} {:>8}",
        "kind", "planted", "found", "recall", "other same", "other partial", "outside"
    );
    let mut total = Stats::default();
    for (kind, s) in &stats {
        print_row(kind.label(), s);
        if *kind != Kind::OrgShortAcronymWithCountry {
            total.add(s);
        }
    }
    for (label, kinds) in [
        (
            "organisation short (all)",
            &[
                Kind::OrgShortAcronym,
                Kind::OrgShortAlias,
                Kind::OrgShortNoLegalForm,
            ][..],
        ),
        (
            "organisation short without acronyms",
            &[Kind::OrgShortAlias, Kind::OrgShortNoLegalForm][..],
        ),
    ] {
        let mut sum = Stats::default();
        for k in kinds {
            if let Some(s) = stats.get(k) {
                sum.add(s);
            }
        }
        print_row(label, &sum);
    }
    print_row("all", &total);
    println!("misses by why (how the index judges the entity's name written as planted):");
    for (kind, s) in &stats {
        let mut by: Vec<(&String, &usize)> = s.misses_by_reason.iter().collect();
        by.sort_by(|a, b| b.1.cmp(a.1));
        let by: Vec<String> = by.iter().map(|(r, n)| format!("{r}: {n}")).collect();
        println!("  {}: {}", kind.label(), by.join("; "));
    }
    if verbose {
        for (kind, s) in &stats {
            let by: Vec<String> = s
                .misses_by_template
                .iter()
                .map(|(t, n)| format!("t{t}:{n}"))
                .collect();
            println!("misses by template, {}: {}", kind.label(), by.join(" "));
        }
    }

    // Texts that must stay clean.
    if let Some(shared) = &shared {
        let letter = shared.join("data/texts/kamerstuk_27925_607.txt");
        if let Ok(text) = std::fs::read_to_string(&letter) {
            let found = index.scan(&text);
            let persons = found.iter().filter(|m| is_person(&index, m)).count();
            let mut texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
            texts.sort_unstable();
            texts.dedup();
            println!(
                "letter: {} mentions, {} of persons; names: {}",
                found.len(),
                persons,
                texts.join(" | ")
            );
            if verbose {
                for m in found.iter().filter(|m| is_person(&index, m)) {
                    println!("LETTER PERSON {:?} line {} ({})", m.text, m.line, m.reason);
                }
            }
        }
        for file in ["negatives_us.csv", "negatives_global_dev.csv"] {
            let path = shared.join("eval-dev/screening").join(file);
            let Ok(csv) = std::fs::read_to_string(&path) else {
                continue;
            };
            let (names, mentions, persons, shown) = common_names(&index, &csv, verbose);
            println!(
                "common names, {file}: {names} names in sentences, {mentions} mentions, {persons} of persons"
            );
            for line in shown {
                println!("{line}");
            }
        }
    }
}

#[derive(Default)]
struct Stats {
    planted: usize,
    found: usize,
    other_same: usize,
    other_partial: usize,
    outside: usize,
    misses_by_template: BTreeMap<usize, usize>,
    misses_by_reason: BTreeMap<String, usize>,
}

impl Stats {
    fn add(&mut self, o: &Stats) {
        self.planted += o.planted;
        self.found += o.found;
        self.other_same += o.other_same;
        self.other_partial += o.other_partial;
        self.outside += o.outside;
    }
}

fn print_row(label: &str, s: &Stats) {
    let recall = if s.planted == 0 {
        0.0
    } else {
        s.found as f64 / s.planted as f64
    };
    println!(
        "{:<44} {:>7} {:>6} {:>7.3} {:>11} {:>13} {:>8}",
        label, s.planted, s.found, recall, s.other_same, s.other_partial, s.outside
    );
}

/// How the index judges the entity's name that reads as the planted form: its class ("one
/// distinctive name part", "acronym"...), "counts alone" when it should have been found, or
/// "not indexed as written".
fn miss_reason(index: &ScanIndex, names: Option<&Vec<u32>>, written: &str) -> String {
    let key = |s: &str| -> Vec<String> {
        zeef_scan::tokens::words(s)
            .iter()
            .flat_map(|w| zeef_scan::tokens::primary_forms(&s[w.start..w.end]))
            .collect()
    };
    let want = key(written);
    for &i in names.map(Vec::as_slice).unwrap_or(&[]) {
        let Some(n) = index.name(i) else { continue };
        if key(&n.text) == want {
            return match n.class {
                zeef_scan::NameClass::Strong => "counts alone, missed in the sentence".into(),
                zeef_scan::NameClass::NeedsContext(why) => format!("needs context: {why}"),
            };
        }
    }
    "not indexed as written".into()
}

fn is_person(index: &ScanIndex, m: &Mention) -> bool {
    index
        .entity(m.entity)
        .is_some_and(|e| e.schema.is_a(Schema::Person))
}

fn load(folder: &Path) -> Vec<Entity> {
    if SOURCES.iter().any(|s| folder.join(s).is_dir()) {
        let mut out = Vec::new();
        for source in SOURCES {
            let dir = folder.join(source);
            if !dir.is_dir() {
                continue;
            }
            match zeef_lists::parse_dir(source, &dir) {
                Ok(parsed) => out.extend(parsed.entities),
                Err(e) => eprintln!("{source}: {e}"),
            }
        }
        return out;
    }
    match DataDir::new(folder).load_current() {
        Ok(Some(s)) => s.entities,
        other => {
            eprintln!("no lists or snapshot in {}: {other:?}", folder.display());
            std::process::exit(2);
        }
    }
}

/// The sentence for a name, the byte span of the name in it, and the template number.
fn sentence(name: &str, rng: &mut Rng) -> (String, (usize, usize), usize) {
    let t = rng.below(TEMPLATES.len() + 1);
    let (template, written) = match TEMPLATES.get(t) {
        Some(tpl) => (*tpl, name.to_string()),
        None => match name.rfind(' ') {
            Some(i) => (
                BROKEN_TEMPLATE,
                format!("{}\n{}", &name[..i], &name[i + 1..]),
            ),
            None => (BROKEN_TEMPLATE, name.to_string()),
        },
    };
    let (before, after) = template.split_once("{}").unwrap_or((template, ""));
    let after = if after.starts_with("'s") && written.ends_with(['s', 'S']) {
        // "Abbas'" rather than "Abbas's".
        after.replacen("'s", "'", 1)
    } else {
        after.to_string()
    };
    let text = format!("{before}{written}{after}");
    (text, (before.len(), before.len() + written.len()), t)
}

/// Listed persons and organisations written as news writes them, `per_kind` of each kind.
fn pick(entities: &[Entity], per_kind: usize, seed: u64) -> Vec<Plant> {
    let mut pools: BTreeMap<Kind, Vec<Plant>> = BTreeMap::new();
    for e in entities {
        let Some(listed) = e.first(Prop::Name).filter(|n| is_latin(n)) else {
            continue;
        };
        let country = [Prop::Country, Prop::Jurisdiction, Prop::Nationality]
            .iter()
            .flat_map(|p| e.get(*p))
            .filter_map(|c| zeef_model::country::code(c))
            .find_map(zeef_model::country::name);
        let mut add = |kind: Kind, written: String| {
            let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
            if written.is_empty() {
                return;
            }
            pools.entry(kind).or_default().push(Plant {
                kind,
                entity: e.id.clone(),
                written,
                listed: listed.to_string(),
                country,
            });
        };
        if e.schema.is_a(Schema::Person) {
            let Some((given, surname)) = given_and_surname(e, listed) else {
                add(Kind::PersonFull, news_case(listed));
                continue;
            };
            if korean_or_chinese(e) {
                // The UN list gives Korean names in native order, surname first ("YUN" +
                // "HO-JIN"); the given name is all of the given names ("Chol" + "Young").
                let mut given = given;
                for m in e.get(Prop::MiddleName) {
                    given = format!("{given} {m}");
                }
                let (surname, given) = if e.id.starts_with("un-") {
                    (given, surname)
                } else {
                    (surname, given)
                };
                add(
                    Kind::KoreanChinese,
                    news_case(&format!(
                        "{surname} {}",
                        syllable_style(&given, e.id.bytes().map(usize::from).sum(), chinese(e))
                    )),
                );
                continue;
            }
            add(Kind::PersonFull, news_case(listed));
            // A given name of syllables ("Tin Aung") is written whole: the full name; so are
            // Burmese names, which have no surname.
            let burmese = [Prop::Nationality, Prop::Citizenship]
                .iter()
                .flat_map(|p| e.get(*p))
                .any(|c| zeef_model::country::code(c) == Some("mm"));
            let parts: Vec<&str> = given.split_whitespace().collect();
            let syllables = burmese
                || parts.len() >= 2
                    && parts.iter().all(|p| {
                        let n = p.chars().filter(|c| c.is_alphabetic()).count();
                        (2..=4).contains(&n)
                    });
            // A first name that is only a compound's head goes on into the middle name.
            let mut given = given;
            if let Some(m) = e.first(Prop::MiddleName)
                && !given.contains(' ')
                && first_given_name(&format!("{given} x")) != given
            {
                given = format!("{given} {m}");
            }
            let short = format!("{} {surname}", first_given_name(&given));
            if !syllables && fold(&short) != fold(listed) {
                add(Kind::PersonShort, news_case(&short));
            }
        } else if e.schema.is_a(Schema::LegalEntity) {
            add(Kind::OrgFull, news_case(listed));
            let name_words = words_of(listed);
            for (_, alias) in e.names().filter(|(p, _)| *p != Prop::Name) {
                if !is_latin(alias) {
                    continue;
                }
                if is_acronym(alias) {
                    add(Kind::OrgShortAcronym, alias.trim().to_string());
                } else {
                    let aw = words_of(alias);
                    if !aw.is_empty() && aw.len() < name_words.len() && in_order(&aw, &name_words) {
                        add(Kind::OrgShortAlias, news_case(alias));
                    }
                }
            }
            if let Some(bare) = without_legal_form(listed)
                && fold(&bare) != fold(listed)
            {
                add(Kind::OrgShortNoLegalForm, news_case(&bare));
            }
        }
    }
    let mut rng = Rng(seed);
    let mut out = Vec::new();
    for (_, pool) in pools {
        // One plant per entity and kind: an organisation with three acronyms counts once.
        let mut seen = std::collections::HashSet::new();
        let pool: Vec<Plant> = pool
            .into_iter()
            .filter(|p| seen.insert(p.entity.clone()))
            .collect();
        let mut pool: Vec<Option<Plant>> = pool.into_iter().map(Some).collect();
        for i in rng.sample(pool.len(), per_kind) {
            if let Some(p) = pool.get_mut(i).and_then(Option::take) {
                out.push(p);
            }
        }
    }
    out
}

/// Given names and surname of a listed person: from its name parts where the list gives
/// them, else from "SURNAME, Given" or the last word of the name (with its article:
/// "al-Zawahiri", "al Zawahiri").
fn given_and_surname(e: &Entity, listed: &str) -> Option<(String, String)> {
    let first = e
        .first(Prop::FirstName)
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let last = e
        .first(Prop::LastName)
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if let (Some(f), Some(l)) = (first, last) {
        return Some((f.to_string(), l.to_string()));
    }
    if let Some((l, f)) = listed.split_once(',') {
        let (f, l) = (f.trim(), l.trim());
        return (!f.is_empty() && !l.is_empty()).then(|| (f.to_string(), l.to_string()));
    }
    let words: Vec<&str> = listed.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut cut = words.len() - 1;
    if cut >= 2 && is_article_or_connector(words[cut - 1]) {
        cut -= 1;
    }
    let given = match first {
        Some(f) => f.to_string(),
        None => words[..cut].join(" "),
    };
    Some((given, words[cut..].join(" ")))
}

fn is_article_or_connector(w: &str) -> bool {
    let w = w.to_lowercase();
    zeef_names::lexicon::ARTICLES.contains(&w)
        || zeef_names::lexicon::CONNECTORS.contains(&w)
        || zeef_names::lexicon::PARTICLES.contains(&w)
}

/// The first given name: one word, or the two or three of a compound ("Abd al-Rahman",
/// "Abdul Rahman", "Abu Bakr"); a title before it ("Mullah", "Seyed") is no given name.
fn first_given_name(given: &str) -> String {
    let mut words: Vec<&str> = given.split_whitespace().collect();
    while words.len() >= 2 {
        let key: String = words[0]
            .chars()
            .filter(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect();
        if !zeef_names::lexicon::TITLES.contains(&key) {
            break;
        }
        words.remove(0);
    }
    let Some(head) = words.first() else {
        return String::new();
    };
    let lower = head.to_lowercase();
    let compound = zeef_names::lexicon::ABD_HEADS.contains(&lower)
        || zeef_names::lexicon::KUNYA_HEADS.contains(&lower);
    if compound && words.len() >= 2 {
        let mut n = 2;
        if words.len() >= 3 && is_article_or_connector(words[1]) {
            n = 3;
        }
        return words[..n].join(" ");
    }
    (*head).to_string()
}

/// A given name of syllables as news writes it: "Jong Un" or "Jong-un", and for Chinese
/// names also "Fangwei" (chosen by `pick`, to vary the plants without a random source here).
fn syllable_style(given: &str, pick: usize, chinese: bool) -> String {
    let parts: Vec<&str> = given.split(['-', ' ']).filter(|p| !p.is_empty()).collect();
    if parts.len() < 2 {
        return given.to_string();
    }
    let lower_tail = |sep: &str| {
        let mut s = parts[0].to_string();
        for p in &parts[1..] {
            s.push_str(sep);
            s.push_str(&p.to_lowercase());
        }
        s
    };
    match pick % 3 {
        0 => parts.join(" "),
        2 if chinese => lower_tail(""),
        _ => lower_tail("-"),
    }
}

/// Of Chinese nationality and of no Korean one.
fn chinese(e: &Entity) -> bool {
    let codes: Vec<&str> = [Prop::Nationality, Prop::Citizenship]
        .iter()
        .flat_map(|p| e.get(*p))
        .filter_map(|c| zeef_model::country::code(c))
        .collect();
    codes.contains(&"cn") && !codes.iter().any(|c| matches!(*c, "kp" | "kr"))
}

fn korean_or_chinese(e: &Entity) -> bool {
    let nationals = [Prop::Nationality, Prop::Citizenship]
        .iter()
        .flat_map(|p| e.get(*p))
        .filter_map(|c| zeef_model::country::code(c))
        .any(|c| matches!(c, "kp" | "kr" | "cn"));
    let han_or_hangul = e.names().any(|(_, n)| {
        n.chars().any(|c| {
            matches!(c as u32, 0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0xAC00..=0xD7AF | 0x1100..=0x11FF)
        })
    });
    if han_or_hangul {
        return true;
    }
    // Chinese nationals with names of other traditions (Uyghur, Arabic) are written given
    // name first: only a one-word surname of at most six letters is taken as Chinese/Korean.
    nationals
        && e.first(Prop::LastName).is_some_and(|l| {
            let l = l.trim();
            !l.contains(' ') && !l.contains('-') && l.chars().count() <= 6
        })
}

/// Title case for words the list writes in capitals ("BANK MELLI" -> "Bank Melli"); short
/// capitals without vowels and legal-form abbreviations stay ("JSC", "LLC").
fn news_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        let lower = word.to_lowercase();
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let all_caps = !word.chars().any(char::is_lowercase);
        let keep = !all_caps
            || letters <= 1
            || (letters <= 4 && !lower.chars().any(|c| "aeiouy".contains(c)))
            || (letters <= 5 && LEGAL_FORMS.contains(&lower.as_str()));
        if keep {
            out.push_str(word);
        } else {
            let mut chars = lower.chars();
            if let Some(c) = chars.next() {
                out.extend(c.to_uppercase());
                out.push_str(chars.as_str());
            }
        }
        word.clear();
    };
    for c in name.chars() {
        if c.is_alphanumeric() || c == '\'' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Legal-form words: stripped from the start or end of an organisation's name.
const LEGAL_FORMS: &[&str] = &[
    "llc",
    "ltd",
    "limited",
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "plc",
    "llp",
    "lp",
    "jsc",
    "pjsc",
    "ojsc",
    "cjsc",
    "ooo",
    "oao",
    "zao",
    "pao",
    "ao",
    "tov",
    "gmbh",
    "ag",
    "sa",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "fze",
    "fzco",
    "fzc",
    "fzllc",
    "dmcc",
    "pte",
    "pvt",
    "pty",
    "sdn",
    "bhd",
    "ltda",
    "sac",
    "cv",
    "doo",
    "sro",
    "kft",
    "as",
];

/// Multi-word legal forms, matched as word sequences (lower case).
const LEGAL_PHRASES: &[&[&str]] = &[
    &["limited", "liability", "company"],
    &["limited", "liability", "partnership"],
    &["joint", "stock", "company"],
    &["open", "joint", "stock", "company"],
    &["closed", "joint", "stock", "company"],
    &["public", "joint", "stock", "company"],
    &["private", "joint", "stock", "company"],
    &["joint", "stock", "commercial", "bank"],
    &["obshchestvo", "s", "ogranichennoi", "otvetstvennostyu"],
    &["obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"],
    &["aktsionernoe", "obshchestvo"],
    &["publichnoe", "aktsionernoe", "obshchestvo"],
    &["private", "limited", "company"],
    &["public", "limited", "company"],
    &["sdn", "bhd"],
    &["co", "ltd"],
    &["company", "limited"],
    &["pvt", "ltd"],
    &["pte", "ltd"],
    &["pty", "ltd"],
    &["fz", "llc"],
    &["s", "a"],
    &["s", "a", "de", "c", "v"],
    &["s", "de", "r", "l", "de", "c", "v"],
    &["sa", "de", "cv"],
    &["s", "r", "l"],
    &["l", "l", "c"],
];

/// The name without the legal-form words at its start or end ("OOO Romashka" -> "Romashka",
/// "Avtomatika Joint Stock Company" -> "Avtomatika"); quotes dropped. None when nothing
/// would be left.
fn without_legal_form(name: &str) -> Option<String> {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if matches!(c, '"' | '«' | '»' | '“' | '”' | '„') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let mut words: Vec<&str> = cleaned.split_whitespace().collect();
    let key = |w: &str| -> String {
        w.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    loop {
        let before = words.len();
        let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
        // Longest phrase first, at the end then at the start.
        let mut phrases: Vec<&&[&str]> = LEGAL_PHRASES.iter().collect();
        phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
        for p in phrases {
            let n = p.len();
            if keys.len() > n
                && keys[keys.len() - n..]
                    .iter()
                    .zip(p.iter())
                    .all(|(a, b)| a == b)
            {
                words.truncate(words.len() - n);
                break;
            }
            if keys.len() > n && keys[..n].iter().zip(p.iter()).all(|(a, b)| a == b) {
                words.drain(..n);
                break;
            }
        }
        if words.len() == before {
            let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
            if keys.len() > 1
                && keys
                    .last()
                    .is_some_and(|k| LEGAL_FORMS.contains(&k.as_str()))
            {
                words.pop();
            } else if keys.len() > 1 && LEGAL_FORMS.contains(&keys[0].as_str()) {
                words.remove(0);
            }
        }
        if words.len() == before {
            break;
        }
    }
    let out = words
        .join(" ")
        .trim_matches(|c: char| c == ',' || c == '.' || c == '-' || c.is_whitespace())
        .to_string();
    (out.chars().filter(|c| c.is_alphabetic()).count() >= 3).then_some(out)
}

/// Written in capitals, one word of 2 to 6 letters: "IRGC", "KCNA".
fn is_acronym(alias: &str) -> bool {
    let a = alias.trim();
    let letters = a.chars().filter(|c| c.is_alphabetic()).count();
    !a.contains(' ')
        && (2..=6).contains(&letters)
        && a.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-' || c == '.')
}

fn words_of(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Every word of `short` appears in `long`, in order.
fn in_order(short: &[String], long: &[String]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|l| l == w))
}

fn fold(s: &str) -> String {
    words_of(s).join(" ")
}

fn is_latin(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0
        && name
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c))
}

/// Sentences naming the people of a screening negatives file (given name and surname, as
/// news writes them), ten to a document: how many names, mentions, mentions of persons, and
/// the mentions (when verbose).
fn common_names(index: &ScanIndex, csv: &str, verbose: bool) -> (usize, usize, usize, Vec<String>) {
    let mut lines = csv.lines();
    let header = fields(lines.next().unwrap_or(""));
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(first), Some(last)) = (col("first_name"), col("last_name")) else {
        return (0, 0, 0, Vec::new());
    };
    let mut names = Vec::new();
    for line in lines {
        let f = fields(line);
        let (Some(given), Some(surname)) = (f.get(first), f.get(last)) else {
            continue;
        };
        let given = given.split_whitespace().next().unwrap_or("");
        if given.is_empty() || surname.trim().is_empty() {
            continue;
        }
        names.push(format!("{given} {}", surname.trim()));
    }
    let mut rng = Rng(1);
    let (mut mentions, mut persons) = (0, 0);
    let mut shown = Vec::new();
    for chunk in names.chunks(10) {
        let doc: Vec<String> = chunk.iter().map(|n| sentence(n, &mut rng).0).collect();
        let doc = doc.join("\n");
        for m in index.scan(&doc) {
            mentions += 1;
            if is_person(index, &m) {
                persons += 1;
            }
            if verbose {
                let e = index.entity(m.entity).map_or("", |e| e.id.as_str());
                shown.push(format!("COMMON {:?} = {} ({})", m.text, e, m.reason));
            }
        }
    }
    (names.len(), mentions, persons, shown)
}

/// The fields of one CSV line (double quotes, doubled inside).
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}
