use super::build::locality_numbers;
use super::gather::{Scratch, intersect};
use super::*;
use zeef_model::Prop;

/// Fictional people, enough that some given and family names are common.
fn people() -> Vec<Entity> {
    let given = ["Luis", "Lucia", "Khadija", "Maria", "Ahmed"];
    let family = ["Morales", "Garcia", "Benali", "Hassan"];
    let mut es = Vec::new();
    for (i, g) in given.iter().enumerate() {
        for (j, f) in family.iter().enumerate() {
            for k in 0..3 {
                let mut e = Entity::new(format!("p-{i}-{j}-{k}"), Schema::Person, "test");
                e.add(Prop::Name, format!("{g} {f}"));
                es.push(e);
            }
        }
    }
    let mut rare = Entity::new("p-rare", Schema::Person, "test");
    rare.add(Prop::Name, "Khadija Radtahuri");
    es.push(rare);
    es
}

fn built(common_code_names: u32) -> Index {
    let mut b = IndexBuilder::new().common_code_names(common_code_names);
    for e in people() {
        b.add(e);
    }
    b.finish()
}

fn screen_person(index: &Index, name: &str) -> Vec<ScoredMatch> {
    let mut q = Entity::new("q", Schema::Person, "query");
    q.add(Prop::Name, name);
    let opts = ScreenOptions {
        limit: 100,
        ..ScreenOptions::default()
    };
    index.screen(&q, &opts)
}

/// The ids of the best-scoring results.
fn best(hits: &[ScoredMatch]) -> Vec<String> {
    hits.iter()
        .filter(|h| h.score >= hits[0].score)
        .map(|h| h.id.clone())
        .collect()
}

#[test]
fn common_parts_are_looked_up_in_pairs() {
    // Every code of more than 5 names is common here: all given and family names.
    let paired = built(5);
    let alone = built(u32::MAX);
    assert!(paired.keyed_pairs() >= 60, "{}", paired.keyed_pairs());
    assert_eq!(alone.keyed_pairs(), 0);
    let screen = screen_person;
    for name in [
        "Luis Morales",
        "Lucia Garcia",
        "Khadija Radthauri",
        "Ahmed Hasan",
    ] {
        let (a, b) = (screen(&paired, name), screen(&alone, name));
        // The same best matches: exact spellings rank above names only alike (Luis and
        // Lucia share a phonetic code), and a misspelt rare part still finds its name.
        assert!(!a.is_empty(), "{name}: nothing found through pairs");
        assert_eq!(best(&a), best(&b), "{name}");
    }
    let top = screen(&paired, "Luis Morales");
    assert!(
        top.iter().take(3).all(|h| h.id.starts_with("p-0-0-")),
        "{top:?}"
    );
    assert_eq!(screen(&paired, "Khadija Radthauri")[0].id, "p-rare");
}

#[test]
fn a_part_resembling_a_common_spelling_still_finds_it() {
    // "Garciak" is one letter from "Garcia", which more than 5 names carry (a common
    // spelling here), under another phonetic code: the part walks its rarer keys and
    // leaves Garcia to be checked, and as no other part found enough, Garcia is walked.
    let paired = built(5);
    let alone = built(u32::MAX);
    for name in ["Maria Garciak", "Garciak Lucia"] {
        let (a, b) = (screen_person(&paired, name), screen_person(&alone, name));
        assert!(!a.is_empty(), "{name}: nothing found");
        assert_eq!(best(&a), best(&b), "{name}");
        let caption = paired.entity(a[0].index).map(|e| e.caption().to_string());
        assert!(
            caption.as_deref().is_some_and(|c| c.contains("Garcia")),
            "{name}: {caption:?}"
        );
    }
    let maria = screen_person(&paired, "Maria Garciak");
    assert!(
        maria.iter().take(3).all(|h| h.id.starts_with("p-3-1-")),
        "{maria:?}"
    );
}

#[test]
fn a_legal_entity_name_read_alike_as_a_person_is_gathered_once() {
    let index = built(u32::MAX);
    let query = |name: &str| {
        let mut q = Entity::new("q", Schema::LegalEntity, "query");
        q.add(Prop::Name, name);
        index.prepare(&q)
    };
    // Plain words: the person reading has the same parts and weights.
    let plain = query("Luis Morales");
    let reads = |p: &Prepared| gathering_input(&p.names[0]) == gathering_input(&p.person_names[0]);
    assert!(reads(&plain));
    // A title is a part of its own kind only in a person's name: read differently.
    let titled = query("Sheikh Luis Morales");
    assert!(!reads(&titled));
    // Gathered once or twice, the candidates are those of every reading.
    let opts = ScreenOptions::default();
    let found = index.candidates(&plain, &opts);
    assert!(!found.is_empty());
    let mut person = plain.clone();
    person.names.clear();
    for e in index.candidates(&person, &opts) {
        assert!(found.contains(&e), "{e}");
    }
}

#[test]
fn get_finds_every_id_and_the_last_of_repeats() {
    let mut entities: Vec<Entity> = (0..500)
        .map(|i| {
            let mut e = Entity::new(format!("x-{i}"), Schema::Person, "test");
            e.add(Prop::Name, format!("Name{i} Family"));
            e
        })
        .collect();
    let mut again = Entity::new("x-7", Schema::Person, "again");
    again.add(Prop::Name, "Other Person");
    entities.push(again);
    let index = Index::build(entities);
    for i in 0..500 {
        let id = format!("x-{i}");
        assert_eq!(index.get(&id).map(|e| e.id), Some(id.clone()));
    }
    assert_eq!(
        index.get("x-7").map(|e| e.provenance.source),
        Some("again".to_string())
    );
    assert!(index.get("x-500").is_none());
    assert!(index.get("").is_none());
}

/// `credit_found` walks short lists and, for long ones, searches them for the names found
/// or (common spellings) reads what each name found carries; either way each name found
/// that a list holds gets the credit once, and names found after a search are seen by the
/// next one.
#[test]
fn credit_found_credits_found_names_whether_it_walks_searches_or_reads() {
    let every = |step: usize, below: u32| -> Vec<u32> { (0..below).step_by(step).collect() };
    let (short, long, longer) = (every(3, 30), every(3, 10_000), every(6, 10_000));
    let postings = vec![short.clone(), long.clone(), longer.clone()];
    for read in [false, true] {
        let carried = match read {
            true => Carried::build(10_000, &postings),
            false => Carried::default(),
        };
        let number = |v: u32| carried.number(v);
        let mut s = Scratch::default();
        s.slots.resize(10_000, (0.0, 0));
        let clock = s.next_clock();
        s.credit_all(&every(7, 10_000), clock, 1.0, 100.0);
        let touched = s.touched.len();
        // Shorter than the names found: walked.
        assert!(short.len() <= touched);
        s.credit_found(&[&short], &[number(0)], &carried, 0.5, None, 100.0);
        // Longer: searched or read; a name both lists hold is credited once.
        assert!(long.len() + longer.len() > touched);
        assert_eq!(number(1) != NOT_COMMON, read);
        let both = [number(1), number(2)];
        s.credit_found(&[&long, &longer], &both, &carried, 0.25, None, 100.0);
        for name in 0..10_000u32 {
            let found = name % 7 == 0;
            let expected = match found {
                false => 0.0,
                true => {
                    1.0 + if name < 30 && name % 3 == 0 { 0.5 } else { 0.0 }
                        + if name % 3 == 0 { 0.25 } else { 0.0 }
                }
            };
            assert_eq!(
                s.slots[name as usize].0, expected,
                "name {name}, read {read}"
            );
        }
        // Names found later are searched or read too.
        let clock = s.next_clock();
        s.credit_all(&[9_998, 9_999], clock, 1.0, 100.0);
        s.credit_found(&[&long], &[number(1)], &carried, 0.25, None, 100.0);
        assert_eq!(s.slots[9_999].0, 1.25);
        assert_eq!(s.slots[9_998].0, 1.0);
        assert_eq!(s.slots[9_996].0, 1.5);
    }
}

proptest::proptest! {
    /// Locality numbers are a permutation that keeps together the names whose rarest
    /// spelling is the same, in listing order within a group of equal second rarest.
    #[test]
    fn locality_numbers_group_names_by_their_rarest_spellings(
        postings in crate::carried::tests::postings(300, 120, 10),
    ) {
        let number = locality_numbers(300, &postings);
        let mut seen = number.clone();
        seen.sort_unstable();
        proptest::prop_assert_eq!(seen, (0..300).collect::<Vec<u32>>());
        // Each name's two rarest (length, vocabulary id), as the numbering ranks them.
        let rarest = |name: u32| {
            let mut keys: Vec<(usize, usize)> = postings
                .iter()
                .enumerate()
                .filter(|(_, l)| l.contains(&name))
                .map(|(v, l)| (l.len(), v))
                .collect();
            keys.sort_unstable();
            (keys.first().map(|k| k.1), keys.get(1).map(|k| k.1))
        };
        let mut by_number: Vec<u32> = (0..300).collect();
        by_number.sort_by_key(|&name| number[name as usize]);
        let mut groups_done: Vec<Option<usize>> = Vec::new();
        for pair in by_number.windows(2) {
            let (a, b) = (rarest(pair[0]), rarest(pair[1]));
            if a.0 != b.0 {
                // A group, once left, never comes back.
                proptest::prop_assert!(!groups_done.contains(&b.0), "{:?}", b);
                groups_done.push(a.0);
            } else if a.1 == b.1 {
                proptest::prop_assert!(pair[0] < pair[1], "listing order within a group");
            }
        }
    }

    #[test]
    fn intersect_finds_exactly_the_common_names(
        few in proptest::collection::btree_set(0u32..2_000, 0..200),
        many in proptest::collection::btree_set(0u32..2_000, 0..1_500),
    ) {
        let few: Vec<u32> = few.into_iter().collect();
        let many: Vec<u32> = many.into_iter().collect();
        let mut found = Vec::new();
        intersect(&few, &many, |n| found.push(n));
        let expected: Vec<u32> = few.iter().copied().filter(|n| many.contains(n)).collect();
        proptest::prop_assert_eq!(found, expected);
    }
}

/// More namesakes than a screen scores: `count` people named "Samira Haddad", numbered in
/// listing order, born on `born(i)` where it gives a date.
fn namesakes(count: usize, born: impl Fn(usize) -> Option<String>) -> Index {
    let mut b = IndexBuilder::new();
    for i in 0..count {
        let mut e = Entity::new(format!("n-{i:04}"), Schema::Person, "test");
        e.add(Prop::Name, "Samira Haddad");
        if let Some(date) = born(i) {
            e.add(Prop::BirthDate, date);
        }
        b.add(e);
    }
    b.finish()
}

fn screen_born(index: &Index, date: &str) -> Vec<String> {
    let mut q = Entity::new("q", Schema::Person, "query");
    q.add(Prop::Name, "Samira Haddad");
    q.add(Prop::BirthDate, date);
    index
        .screen(&q, &ScreenOptions::default())
        .into_iter()
        .map(|m| m.id)
        .collect()
}

#[test]
fn a_birth_date_finds_the_namesake_born_then_among_more_than_are_scored() {
    // The last of 300 namesakes is the only one born on 1980-05-17; the others give no date
    // (so nothing conflicts) and come first in listing order and by id.
    let count = 300;
    assert!(count > MAX_CANDIDATE_NAMES * 4);
    let index = namesakes(count, |i| {
        (i == count - 1).then(|| "1980-05-17".to_string())
    });
    let found = screen_born(&index, "1980-05-17");
    assert_eq!(
        found.first().map(String::as_str),
        Some("n-0299"),
        "{found:?}"
    );
    // A year alone picks it too.
    let found = screen_born(&index, "1980");
    assert_eq!(
        found.first().map(String::as_str),
        Some("n-0299"),
        "{found:?}"
    );
    // Another date finds only namesakes in listing order, never the one born otherwise.
    let found = screen_born(&index, "1975-01-01");
    assert!(!found.iter().any(|id| id == "n-0299"), "{found:?}");
    assert_eq!(found.len(), DEFAULT_LIMIT);
}

#[test]
fn of_two_namesakes_scoring_one_the_one_sharing_the_birth_date_ranks_first() {
    // Few names: every namesake is scored; both score 1.00, the one born that day first.
    let index = namesakes(3, |i| (i == 2).then(|| "1961-02-03".to_string()));
    let found = screen_born(&index, "1961-02-03");
    assert_eq!(
        found.first().map(String::as_str),
        Some("n-0002"),
        "{found:?}"
    );
}

#[test]
fn a_record_born_on_the_query_day_is_had_when_half_its_name_is_alike() {
    let mut b = IndexBuilder::new();
    let mut e = Entity::new("p-1", Schema::Person, "test");
    e.add(Prop::Name, "Charles Harris");
    e.add(Prop::BirthDate, "1994-07-10");
    b.add(e);
    let index = b.finish();
    let that_day = |name: &str, date: &str| {
        let mut q = Entity::new("q", Schema::Person, "query");
        q.add(Prop::Name, name);
        q.add(Prop::BirthDate, date);
        let q = index.prepare(&q);
        let mut out = Vec::new();
        index.born_that_day(&q, &born::of_query(&q), &ScreenOptions::default(), &mut out);
        out
    };
    // A transposed given name: its consonant skeleton is the listed one's.
    assert_eq!(that_day("Chrales Harris", "1994-07-10"), [0]);
    assert_eq!(
        that_day("Charles Harrison", "1994-07-10"),
        [0],
        "one part of two"
    );
    // Another day, a year alone, or a name alike in no part: not had.
    assert!(that_day("Chrales Harris", "1994-07-11").is_empty());
    assert!(that_day("Chrales Harris", "1994").is_empty());
    assert!(that_day("Peter Novak", "1994-07-10").is_empty());
}
