//! Scanning fictional documents against fictional listed entities: line breaks, end-of-line
//! hyphenation, case and possessives, Arabic and Cyrillic script, acronyms that need
//! context, and generic aliases that must not count alone.

use zeef_model::{Entity, Prop, Schema};
use zeef_scan::{Mention, ScanIndex};

fn org(id: &str, name: &str, aliases: &[&str]) -> Entity {
    let mut e = Entity::new(id, Schema::Organization, "test");
    e.add(Prop::Name, name);
    e.add_all(Prop::Alias, aliases);
    e
}

fn index() -> ScanIndex {
    let mut lantern = org(
        "test-1",
        "Brotherhood of the Grey Lantern",
        &[
            "Jabhat al-Fanus al-Ramadi",
            "BGL",
            "Unity",
            "The Victory Front",
        ],
    );
    lantern.add(Prop::Program, "SDGT");
    lantern.add(Prop::Country, "Syria");
    let mut vostok = Entity::new("test-2", Schema::Person, "test");
    vostok.add(Prop::Name, "Miroslav Petrovich Zlatogorov");
    vostok.add(Prop::Alias, "Мирослав Петрович Златогоров");
    vostok.add(Prop::Alias, "Mohammed");
    let mut qasr = org("test-3", "Qasr al-Zujaj Trading", &["قصر الزجاج للتجارة"]);
    qasr.add(Prop::WeakAlias, "Zujaj");
    let mut workers = org("test-4", "Free Mountain Workers Front", &["FMWF"]);
    workers.add(Prop::Topics, "crime.terror");
    ScanIndex::build(vec![lantern, vostok, qasr, workers])
}

fn ids<'a>(index: &'a ScanIndex, found: &[Mention]) -> Vec<(&'a str, String)> {
    found
        .iter()
        .map(|m| {
            let id = index.entity(m.entity).map(|e| e.id.as_str()).unwrap_or("?");
            (id, m.text.clone())
        })
        .collect()
}

#[test]
fn full_name_across_line_break_with_position() {
    let index = index();
    let text = "Payments reached the Brotherhood of the\nGrey Lantern in May.";
    let found = index.scan(text);
    assert_eq!(
        ids(&index, &found),
        [("test-1", "Brotherhood of the Grey Lantern".to_string())]
    );
    let m = &found[0];
    assert_eq!((m.line, m.column, m.end_line, m.end_column), (1, 22, 2, 12));
    assert!(m.reason.starts_with("full name match"), "{}", m.reason);
    assert!(m.score >= 0.95);
}

#[test]
fn end_of_line_hyphenation_is_joined() {
    let index = index();
    let text = "Fighters of Jab-\nhat al-Fanus al-Ramadi crossed the border.";
    let found = index.scan(text);
    assert_eq!(
        ids(&index, &found),
        [("test-1", "Jab- hat al-Fanus al-Ramadi".to_string())]
    );
    assert_eq!((found[0].line, found[0].end_line), (1, 2));
}

#[test]
fn case_punctuation_and_possessive_variants() {
    let index = index();
    for text in [
        "THE BROTHERHOOD OF THE GREY LANTERN'S accounts",
        "the brotherhood of the grey lantern’s accounts",
        "Jabhat al Fanus al Ramadi",
        "Jabhat Fanus Ramadi",
        "Jabhat al-Fanus al-Ramadih",
    ] {
        let found = index.scan(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        assert_eq!(
            index.entity(found[0].entity).map(|e| e.id.as_str()),
            Some("test-1")
        );
    }
}

#[test]
fn phrase_punctuation_stops_a_name() {
    let index = index();
    assert!(
        index
            .scan("the Brotherhood of the Grey. Lantern")
            .is_empty()
    );
    assert!(index.scan("Brotherhood of the Grey\n\nLantern").is_empty());
}

#[test]
fn cyrillic_and_arabic_script_names() {
    let index = index();
    let found = index.scan("В отчёте упомянут Мирослав Петрович Златогоров, директор.");
    assert_eq!(
        ids(&index, &found),
        [("test-2", "Мирослав Петрович Златогоров".to_string())]
    );
    // The Latin name found in Cyrillic text and the Cyrillic alias in Latin transliteration.
    let found = index.scan("Contract signed by Miroslav Petrovich Zlatogorov.");
    assert_eq!(found.len(), 1);
    let found = index.scan("وقعت شركة قصر الزجاج للتجارة العقد");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        index.entity(found[0].entity).map(|e| e.id.as_str()),
        Some("test-3")
    );
    let found = index.scan("Invoice from Qasr al-Zujaj Trading, Dubai.");
    assert_eq!(found.len(), 1);
}

#[test]
fn generic_aliases_do_not_count_alone() {
    let index = index();
    for text in [
        "Unity was the theme of the meeting.",
        "The Victory Front of the campaign was on page one.",
        "Mohammed signed for the delivery.",
        "The shipment was marked zujaj.",
        "Zujaj glass bottles, 400 pieces.",
    ] {
        assert!(
            index.scan(text).is_empty(),
            "{text}: {:?}",
            index.scan(text)
        );
    }
}

#[test]
fn generic_alias_counts_with_context() {
    let index = index();
    let found = index.scan("In Syria, Unity claimed the attack.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].reason.contains("Syria"), "{}", found[0].reason);
    // A given name alone needs another part of the person's name nearby.
    let found = index.scan("Mohammed, also known as Zlatogorov, arrived.");
    let texts: Vec<&str> = found.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["Mohammed"], "{found:?}");
}

#[test]
fn acronyms_need_capitals_and_context() {
    let index = index();
    assert!(index.scan("The BGL office sent a letter.").is_empty());
    assert!(index.scan("the bgl was late").is_empty());
    let found = index.scan("The BGL, active in Syria, recruited fighters.");
    assert_eq!(found.len(), 1);
    assert!(
        found[0].reason.starts_with("acronym"),
        "{}",
        found[0].reason
    );
    let found = index.scan("A terrorist group, the FMWF, claimed it.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].reason.contains("terrorism"), "{}", found[0].reason);
}

#[test]
fn acronym_counts_where_the_entity_is_named_elsewhere() {
    let index = index();
    let text = "The BGL sent a letter.\n\nThe Brotherhood of the Grey Lantern denied it.";
    let found = index.scan(text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found[0].reason.contains("named with support at line 3"),
        "{}",
        found[0].reason
    );
}

#[test]
fn acronym_does_not_support_itself() {
    let index = index();
    assert!(index.scan("BGL and BGL and BGL").is_empty());
}
