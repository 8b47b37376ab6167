//! The acceptance document: Dutch parliamentary paper 27 925 no. 607 (2017, the fight against
//! ISIS) scanned against all shared lists. It must name the listed groups it mentions (ISIS,
//! Jabhat Fatah al Sham / Jabhat al Nusra, PKK/TAK, Hezbollah) and nothing else: not the
//! ministers, envoys, aid organisations and countries it names. Skips where the shared data
//! is absent.

use std::collections::BTreeSet;
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

fn load() -> Option<(ScanIndex, String)> {
    let shared = zeef_lists::shared::dir()?;
    let letter = std::fs::read_to_string(shared.join("data/texts/kamerstuk_27925_607.txt")).ok()?;
    let mut entities = Vec::new();
    for source in SOURCES {
        let dir = shared.join("data/lists").join(source);
        match zeef_lists::parse_dir(source, &dir) {
            Ok(parsed) => entities.extend(parsed.entities),
            Err(e) => panic!("{source}: {e}"),
        }
    }
    Some((ScanIndex::build(entities), letter))
}

fn entity_id(index: &ScanIndex, m: &Mention) -> String {
    index
        .entity(m.entity)
        .map(|e| e.id.clone())
        .unwrap_or_default()
}

#[test]
fn letter_names_exactly_the_listed_groups() {
    let Some((index, letter)) = load() else {
        return;
    };
    let found = index.scan(&letter);

    // Every "ISIS" of the letter (91, in running text, compounds like "anti-ISIS" and
    // "ISIS-strijders", and at line ends) is the Islamic State listing that carries the acronym.
    let isis: Vec<&Mention> = found.iter().filter(|m| m.text == "ISIS").collect();
    assert_eq!(isis.len(), letter.matches("ISIS").count());
    assert_eq!(isis.len(), 91);
    assert!(isis.iter().all(|m| entity_id(&index, m) == "us_csl-8759"));
    assert!(isis.iter().all(|m| m.reason.starts_with("acronym")));

    // The other mentions, pinned: line, text, entity.
    let others: BTreeSet<(usize, String, String)> = found
        .iter()
        .filter(|m| m.text != "ISIS")
        .map(|m| (m.line, m.text.clone(), entity_id(&index, m)))
        .collect();
    let mut want: BTreeSet<(usize, String, String)> = BTreeSet::new();
    for id in [
        "un-QDe.137",
        "uk-12981",
        "au-2585",
        "au-2672",
        "us_csl-16937",
    ] {
        want.insert((332, "Jabhat Fatah al Sham".into(), id.into()));
        want.insert((333, "Jabhat al Nusra".into(), id.into()));
    }
    for id in ["uk-7231", "au-280", "us_csl-4702"] {
        want.insert((546, "PKK".into(), id.into()));
    }
    for id in ["ofac_sdn-10665", "uk-9025", "au-280", "us_csl-10665"] {
        want.insert((546, "TAK".into(), id.into()));
    }
    for id in ["uk-13804", "au-277"] {
        want.insert((554, "Hezbollah".into(), id.into()));
    }
    assert_eq!(others, want);

    // Spot checks of positions and explanations.
    let fatah = found
        .iter()
        .find(|m| m.text == "Jabhat Fatah al Sham" && entity_id(&index, m) == "au-2585")
        .expect("Jabhat Fatah al Sham");
    assert_eq!(
        (fatah.line, fatah.column, fatah.end_line, fatah.end_column),
        (332, 49, 332, 68)
    );
    assert_eq!(fatah.reason, "full name match: \"Jabhat Fatah al-Sham\"");
    let pkk = found
        .iter()
        .find(|m| m.text == "PKK" && entity_id(&index, m) == "au-280")
        .expect("PKK");
    assert!(
        pkk.reason.contains("\"Turkije\" (country tr)"),
        "{}",
        pkk.reason
    );

    // No person is reported, nor anything the letter names that is not listed.
    assert!(found.iter().all(|m| {
        index
            .entity(m.entity)
            .is_some_and(|e| !e.schema.is_a(zeef_model::Schema::Person))
    }));
    for not_listed in [
        "Trump",
        "McGurk",
        "Mattis",
        "Abadi",
        "Barzani",
        "Mistura",
        "Mogherini",
        "Koenders",
        "Votel",
        "Carter",
        "Assad",
        "Amnesty",
        "White Helmets",
        "HALO Trust",
        "Interpol",
        "Peshmerga",
        "SDF",
        "YPG",
        "PYD",
        "Ahrar al-Sham",
        "KDP",
        "Gorran",
        "UNAMI",
        "ICRC",
        "Irak",
        "Syrië",
        "Turkije",
        "Iran",
        "Rusland",
        "Integrale",
    ] {
        assert!(
            found.iter().all(|m| !m.text.contains(not_listed)),
            "{not_listed} reported"
        );
    }
}

/// People as documents name them: without the patronymic ("Vladimir Putin", listed as
/// "PUTIN, Vladimir Vladimirovich"), surname first ("Kim Jong Un", listed as "KIM, Jong Un"),
/// and a listed alias of a given name and a surname ("Sergei Lavrov"). The letter's own
/// people stay unreported (the test above).
#[test]
fn people_named_as_documents_write_them() {
    let Some((index, _)) = load() else {
        return;
    };
    let text = "Vladimir Putin met Kim Jong Un in Pyongyang. Later, Sergei Lavrov spoke.";
    let found = index.scan(text);
    let named: BTreeSet<(String, String)> = found
        .iter()
        .map(|m| (m.text.clone(), entity_id(&index, m)))
        .collect();
    for (text, id) in [
        ("Vladimir Putin", "ofac_sdn-"),
        ("Kim Jong Un", "ofac_sdn-"),
        ("Sergei Lavrov", ""),
    ] {
        assert!(
            named.iter().any(|(t, e)| t == text && e.starts_with(id)),
            "{text} not named: {named:?}"
        );
    }
    let putin = found.iter().find(|m| m.text == "Vladimir Putin").unwrap();
    assert!(
        putin.reason.starts_with("given name and surname"),
        "{}",
        putin.reason
    );
    // Nothing else: "Pyongyang" and "Later" name nobody.
    assert!(
        found
            .iter()
            .all(|m| ["Vladimir Putin", "Kim Jong Un", "Sergei Lavrov"].contains(&m.text.as_str())),
        "{named:?}"
    );
}
