//! Screening by identifier: exact lookups on normalised numbers, with or without a name.

use zeef_matching::{Index, ScreenOptions};
use zeef_model::{Entity, Prop, Schema};

fn listed() -> Index {
    let mut ship = Entity::new("t-ship", Schema::Vessel, "t");
    ship.add(Prop::Name, "EBANO");
    ship.add(Prop::ImoNumber, "IMO7406784");
    let mut person = Entity::new("t-person", Schema::Person, "t");
    person.add(Prop::Name, "Ivan Petrovich Sidorov");
    person.add(Prop::PassportNumber, "AB 123456");
    let mut bank = Entity::new("t-bank", Schema::Organization, "t");
    bank.add(Prop::Name, "Banco Nacional de Cuba");
    bank.add(Prop::SwiftBic, "BNCUCUHH");
    let mut hacker = Entity::new("t-hacker", Schema::Person, "t");
    hacker.add(Prop::Name, "Ali Kaya");
    let mut wallet = Entity::new("t-hacker-XBT-1", Schema::CryptoWallet, "t");
    wallet.add(Prop::PublicKey, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
    wallet.add(Prop::Currency, "XBT");
    wallet.add(Prop::Holder, "t-hacker");
    Index::build(vec![ship, person, bank, hacker, wallet])
}

fn query(name: Option<&str>, prop: Prop, value: &str) -> Entity {
    let mut q = Entity::new("q", Schema::LegalEntity, "query");
    if let Some(n) = name {
        q.add(Prop::Name, n);
    }
    q.add(prop, value);
    q
}

#[test]
fn an_imo_number_alone_finds_the_vessel_as_an_alert() {
    let index = listed();
    for raw in ["IMO 7406784", "7406784", "imo-740 6784"] {
        let hits = index.screen(&query(None, Prop::IdNumber, raw), &ScreenOptions::default());
        assert_eq!(hits.len(), 1, "{raw}");
        assert_eq!(hits[0].id, "t-ship");
        assert!(hits[0].is_match);
        let why = &hits[0].explanation.features[0];
        assert_eq!(why.feature, "identifierMatch");
        assert!(why.detail.contains("alert on its own"), "{}", why.detail);
    }
    assert_eq!(index.lookup_identifier(Prop::ImoNumber, "IMO 7406784"), [0]);
}

#[test]
fn a_wallet_hit_reports_its_holder() {
    let index = listed();
    let q = query(None, Prop::PublicKey, " 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
    let hits = index.screen(&q, &ScreenOptions::default());
    assert_eq!(hits[0].id, "t-hacker");
    assert!(hits[0].is_match);
    let why = &hits[0].explanation.features[0].detail;
    assert!(why.contains("held by this party (XBT wallet"), "{why}");
    // Base58 addresses are case-sensitive: another case is another address.
    let q = query(None, Prop::PublicKey, "12qtd5bfwrsdnsazy76uve1xycgntojh9h");
    assert!(index.screen(&q, &ScreenOptions::default()).is_empty());
    // A number of unknown kind is tried as an address too; wallets have no names.
    let q = query(None, Prop::IdNumber, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
    assert_eq!(
        index.screen(&q, &ScreenOptions::default())[0].id,
        "t-hacker"
    );
}

#[test]
fn a_wallet_asked_for_in_another_currency_says_so() {
    let index = listed();
    let features = |currency: &str| {
        let mut q = query(None, Prop::PublicKey, "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
        q.add(Prop::Currency, currency);
        let hits = index.screen(&q, &ScreenOptions::default());
        assert_eq!(hits[0].id, "t-hacker");
        assert!(hits[0].is_match, "the address is still listed");
        hits[0].explanation.features.clone()
    };
    let other = features("ETH");
    let mismatch = other
        .iter()
        .find(|f| f.feature == "currencyMismatch")
        .expect("a currency mismatch is reported");
    assert!(
        mismatch
            .detail
            .contains("asked as a ETH address, listed as a XBT wallet"),
        "{}",
        mismatch.detail
    );
    // The same currency under another code (BTC is XBT) agrees.
    for same in ["XBT", "btc"] {
        assert!(
            !features(same)
                .iter()
                .any(|f| f.feature == "currencyMismatch"),
            "{same}"
        );
    }
}

#[test]
fn a_passport_with_another_name_is_a_conflict_to_review() {
    let index = listed();
    let q = query(Some("Maria Gonzalez"), Prop::PassportNumber, "AB123456");
    let hits = index.screen(&q, &ScreenOptions::default());
    assert_eq!(hits[0].id, "t-person");
    assert!(hits[0].is_match, "a conflict is an alert to review");
    assert!(
        hits[0].score < 0.7,
        "and is not scored up: {}",
        hits[0].score
    );
    assert_eq!(
        hits[0].explanation.features[0].feature,
        "identifierConflict"
    );
    // With the name, it is an ordinary strong match.
    let q = query(Some("Ivan Sidorov"), Prop::PassportNumber, "ab-123456");
    let hits = index.screen(&q, &ScreenOptions::default());
    assert_eq!(hits[0].id, "t-person");
    assert!(hits[0].score > 0.9);
    // Alone, it is an alert with no name to confirm it.
    let hits = index.screen(
        &query(None, Prop::PassportNumber, "AB123456"),
        &ScreenOptions::default(),
    );
    assert!(hits[0].is_match);
    assert!(
        hits[0].explanation.features[0]
            .detail
            .contains("no name given")
    );
}

#[test]
fn a_mistyped_check_digit_is_reported_and_still_looked_up() {
    let index = listed();
    let hits = index.screen(
        &query(None, Prop::SwiftBic, "BNCUCUHHXXX"),
        &ScreenOptions::default(),
    );
    assert_eq!(hits[0].id, "t-bank");
    let hits = index.screen(
        &query(None, Prop::ImoNumber, "7406785"),
        &ScreenOptions::default(),
    );
    assert!(hits.is_empty());
    let mut q = query(Some("Ebano"), Prop::ImoNumber, "7406784");
    q.add(Prop::ImoNumber, "7406785");
    let hits = index.screen(&q, &ScreenOptions::default());
    assert_eq!(hits[0].id, "t-ship");
    let q = query(None, Prop::ImoNumber, "IMO 7406784 ");
    let hits = index.screen(&q, &ScreenOptions::default());
    assert!(
        !hits[0]
            .explanation
            .features
            .iter()
            .any(|f| f.feature == "identifierCheck")
    );
}

#[test]
fn grouped_screens_find_identifiers_too() {
    let index = listed();
    let groups: Vec<u32> = (0..index.len() as u32).collect();
    let q = query(None, Prop::ImoNumber, "7406784");
    let hits = index.screen_grouped(&q, &ScreenOptions::default(), &groups);
    assert_eq!(hits[0].best.id, "t-ship");
}

/// Numbers with their issuing countries (fictional): a passport issued by Iran, a company
/// registered in Cyprus that the list also places in Russia.
fn issued() -> Index {
    let mut traveller = Entity::new("t-traveller", Schema::Person, "t");
    traveller.add(Prop::Name, "Reza Tehrani Moghaddam");
    traveller.add_issued(Prop::PassportNumber, "K-55001", "Iran");
    let mut company = Entity::new("t-company", Schema::Company, "t");
    company.add(Prop::Name, "Kestrel Marine Trading Ltd");
    company.add(Prop::Country, "cy");
    company.add(Prop::Country, "ru");
    company.add_issued(Prop::RegistrationNumber, "HE 123456", "Cyprus");
    let mut unissued = Entity::new("t-unissued", Schema::Person, "t");
    unissued.add(Prop::Name, "Pavel Ostrovsky");
    unissued.add(Prop::IdNumber, "Z-900100");
    Index::build(vec![traveller, company, unissued])
}

/// A query of `number` (as `--id` gives it) issued by `country`, with `name` if any.
fn issued_query(name: Option<&str>, number: &str, country: Option<&str>) -> Entity {
    let mut q = query(name, Prop::IdNumber, number);
    if let Some(c) = country {
        assert!(q.add_issued(Prop::IdNumber, number, c));
    }
    q
}

fn details(hit: &zeef_matching::ScoredMatch) -> String {
    hit.explanation
        .features
        .iter()
        .map(|f| format!("{}: {} ({})", f.feature, f.detail, f.contribution))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_same_number_issued_by_the_same_country_is_said_so() {
    let index = issued();
    let hits = index.screen(
        &issued_query(None, "K55001", Some("IR")),
        &ScreenOptions::default(),
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, "t-traveller");
    assert!(hits[0].is_match);
    let why = details(&hits[0]);
    assert!(
        why.contains("passportNumber K-55001, issued by Iran on both: no name given"),
        "{why}"
    );
    // With the name, the identifier evidence says it too.
    let hits = index.screen(
        &issued_query(Some("Reza Tehrani Moghaddam"), "K55001", Some("Iran")),
        &ScreenOptions::default(),
    );
    assert_eq!(hits[0].id, "t-traveller");
    assert!(
        details(&hits[0]).contains("issued by Iran on both"),
        "{}",
        details(&hits[0])
    );
}

#[test]
fn the_same_number_issued_by_another_country_is_another_document() {
    let index = issued();
    // Alone, it finds nothing: no listed party holds this document.
    let q = issued_query(None, "K55001", Some("Iraq"));
    assert!(index.screen(&q, &ScreenOptions::default()).is_empty());
    assert!(
        index
            .screen_grouped(&q, &ScreenOptions::default(), &[0, 1, 2])
            .is_empty()
    );
    // Found by the name, the explanation says why the number does not count.
    let named = |country: Option<&str>| {
        let q = issued_query(Some("Reza Tehrani Moghaddam"), "K55001", country);
        index.screen(&q, &ScreenOptions::default()).remove(0)
    };
    let other = named(Some("Iraq"));
    assert_eq!(other.id, "t-traveller");
    let why = details(&other);
    assert!(
        why.contains(
            "idNumber K55001 issued by Iraq and listed passportNumber K-55001 issued by Iran \
             are not the same document: not counted (0)"
        ),
        "{why}"
    );
    assert!(!why.contains("identifierMatch"), "{why}");
    // Not counted, where the same number without an issuer adds its weight.
    let added = |hit: &zeef_matching::ScoredMatch| {
        let f = hit.explanation.features.iter();
        f.filter(|f| f.feature == "identifier")
            .map(|f| f.contribution)
            .sum::<f64>()
    };
    assert_eq!(added(&other), 0.0);
    assert!(added(&named(None)) > 0.0);
    // As the same kind of number, it is a different passport: the conflict rule applies.
    let mut q = query(
        Some("Reza Tehrani Moghaddam"),
        Prop::PassportNumber,
        "K55001",
    );
    q.add_issued(Prop::PassportNumber, "K55001", "iq");
    let hit = index.screen(&q, &ScreenOptions::default()).remove(0);
    let why = details(&hit);
    assert!(
        why.contains(
            "passportNumber K55001 issued by Iraq differs from listed K-55001 issued by Iran: \
             not the same document (-0.25)"
        ),
        "{why}"
    );
}

#[test]
fn without_a_country_on_both_sides_the_number_decides_as_before() {
    let index = issued();
    // Issued on the list, not in the query: a hit as ever, saying the list's issuer.
    let hits = index.screen(
        &issued_query(None, "K55001", None),
        &ScreenOptions::default(),
    );
    assert_eq!(hits[0].id, "t-traveller");
    assert!(hits[0].is_match);
    let why = details(&hits[0]);
    assert!(
        why.contains("listed as issued by Iran: no name given"),
        "{why}"
    );
    // Issued in the query, not on the list.
    let hits = index.screen(
        &issued_query(None, "Z900100", Some("Iran")),
        &ScreenOptions::default(),
    );
    assert_eq!(hits[0].id, "t-unissued");
    let why = details(&hits[0]);
    assert!(
        why.contains("issued by Iran (the list names no issuer)"),
        "{why}"
    );
    // Neither: as before.
    let hits = index.screen(
        &issued_query(None, "Z900100", None),
        &ScreenOptions::default(),
    );
    assert_eq!(hits[0].id, "t-unissued");
    assert!(
        !details(&hits[0]).contains("issued"),
        "{}",
        details(&hits[0])
    );
}

#[test]
fn a_registration_number_counts_in_its_own_country() {
    let index = issued();
    let screen = |country: Option<&str>, entity_country: Option<&str>| {
        let mut q = issued_query(None, "HE123456", country);
        if let Some(c) = entity_country {
            q.add(Prop::Country, c);
        }
        index.screen(&q, &ScreenOptions::default())
    };
    // Registered in Cyprus on both: an alert on its own.
    let hits = screen(Some("CY"), None);
    assert_eq!(hits[0].id, "t-company");
    assert!(hits[0].score >= 0.95, "{}", hits[0].score);
    let why = details(&hits[0]);
    assert!(
        why.contains("registered in Cyprus on both: an exact match"),
        "{why}"
    );
    // The query's own country against the number's: the same.
    assert!(screen(None, Some("cy"))[0].score >= 0.95);
    // Russia is one of the company's countries, but not its register's.
    let hits = screen(None, Some("ru"));
    assert_eq!(hits[0].id, "t-company");
    assert!(
        hits[0].score < 0.95 && hits[0].is_match,
        "{}",
        hits[0].score
    );
    // Registered elsewhere: another company's number.
    assert!(screen(Some("Russia"), None).is_empty());
}
