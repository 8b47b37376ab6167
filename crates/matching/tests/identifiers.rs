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
