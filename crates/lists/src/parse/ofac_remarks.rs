//! OFAC's labelled free text: the `Remarks` column of the legacy CSV files
//! (`DOB 15 Jul 1963; alt. DOB 1971; POB Ta'izz, Yemen; Passport 123456 (Yemen); a.k.a. 'X'`),
//! the `idType`/`idNumber` pairs of the XML layout and the `ids` column of the US CSL, which
//! all use the same labels. Turns them into model properties; unknown labels are left to
//! the entity's notes. An identifier's issuing country (`Passport 123456 (Yemen)`, or given
//! beside the number) is kept with it ([`Entity::add_issued`]). Digital currency addresses
//! become `CryptoWallet` entities held by the listed party ([`take_wallets`]).

use zeef_model::{Entity, Prop, Schema, country, date, identifier};

/// What a label's value becomes.
#[derive(Clone, Copy)]
enum Target {
    /// A date (DOB, established, built).
    Date(Prop),
    /// A country name, kept as an ISO code (dropped when not recognised: notes keep it).
    Country(Prop),
    /// An identifier: the value up to ` (Country)`, ` issued` or ` expires`; the country in
    /// brackets is its issuer.
    Ident(Prop),
    /// Text kept as given.
    Text(Prop),
    /// A quoted alternative name (`a.k.a. 'X'`).
    Name(Prop),
    Gender,
    /// An FtM property zeef has no [`Prop`] for.
    Extra(&'static str),
    /// `XBT 12QtD5…`: a digital currency address after its currency code.
    Wallet,
}

/// OFAC's label of digital currency addresses: `Digital Currency Address - XBT 12QtD5…` in
/// remarks, `Digital Currency Address - XBT` as an XML `idType`.
const WALLET_LABEL: &str = "Digital Currency Address -";

/// Labels OFAC uses, matched case-insensitively at the start of a clause (longest first).
static LABELS: &[(&str, Target)] = &[
    (WALLET_LABEL, Target::Wallet),
    ("DOB", Target::Date(Prop::BirthDate)),
    ("Date of Birth", Target::Date(Prop::BirthDate)),
    ("POB", Target::Text(Prop::BirthPlace)),
    ("Place of Birth", Target::Text(Prop::BirthPlace)),
    ("nationality", Target::Country(Prop::Nationality)),
    ("citizen", Target::Country(Prop::Citizenship)),
    (
        "Nationality of Registration",
        Target::Country(Prop::Jurisdiction),
    ),
    ("Gender", Target::Gender),
    ("a.k.a.", Target::Name(Prop::WeakAlias)),
    ("n.k.a.", Target::Name(Prop::WeakAlias)),
    ("f.k.a.", Target::Name(Prop::PreviousName)),
    ("Passport", Target::Ident(Prop::PassportNumber)),
    ("Diplomatic Passport", Target::Ident(Prop::PassportNumber)),
    ("National ID No.", Target::Ident(Prop::IdNumber)),
    ("Identification Number", Target::Ident(Prop::IdNumber)),
    ("Cedula No.", Target::Ident(Prop::IdNumber)),
    ("D.N.I.", Target::Ident(Prop::IdNumber)),
    ("C.U.R.P.", Target::Ident(Prop::IdNumber)),
    ("Personal ID Card", Target::Ident(Prop::IdNumber)),
    ("National Foreign ID Number", Target::Ident(Prop::IdNumber)),
    ("SSN", Target::Ident(Prop::IdNumber)),
    ("Citizen's Card Number", Target::Ident(Prop::IdNumber)),
    ("Residency Number", Target::Ident(Prop::IdNumber)),
    ("Driver's License No.", Target::Ident(Prop::IdNumber)),
    ("Kenyan ID No.", Target::Ident(Prop::IdNumber)),
    ("Birth Certificate Number", Target::Ident(Prop::IdNumber)),
    ("Tax ID No.", Target::Ident(Prop::TaxNumber)),
    ("R.F.C.", Target::Ident(Prop::TaxNumber)),
    ("NIT #", Target::Ident(Prop::TaxNumber)),
    ("RUC #", Target::Ident(Prop::TaxNumber)),
    ("RIF #", Target::Ident(Prop::TaxNumber)),
    ("V.A.T. Number", Target::Ident(Prop::TaxNumber)),
    (
        "Registration Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    ("Registration ID", Target::Ident(Prop::RegistrationNumber)),
    (
        "Business Registration Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Business Registration Document #",
        Target::Ident(Prop::RegistrationNumber),
    ),
    ("Business Number", Target::Ident(Prop::RegistrationNumber)),
    ("Company Number", Target::Ident(Prop::RegistrationNumber)),
    (
        "Commercial Registry Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Public Registration Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Government Gazette Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Legal Entity Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Unified Social Credit Code (USCC)",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Chamber of Commerce Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Folio Mercantil No.",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Matricula Mercantil No",
        Target::Ident(Prop::RegistrationNumber),
    ),
    ("C.R. No.", Target::Ident(Prop::RegistrationNumber)),
    (
        "Economic Register Number (CBLS)",
        Target::Ident(Prop::RegistrationNumber),
    ),
    ("D-U-N-S Number", Target::Ident(Prop::RegistrationNumber)),
    ("Trade License No.", Target::Ident(Prop::RegistrationNumber)),
    (
        "Aircraft Tail Number",
        Target::Ident(Prop::RegistrationNumber),
    ),
    (
        "Vessel Registration Identification",
        Target::Ident(Prop::ImoNumber),
    ),
    ("IMO", Target::Ident(Prop::ImoNumber)),
    ("MMSI", Target::Ident(Prop::Mmsi)),
    ("SWIFT/BIC", Target::Ident(Prop::SwiftBic)),
    ("Website", Target::Text(Prop::Website)),
    ("Email Address", Target::Text(Prop::Email)),
    ("Email", Target::Text(Prop::Email)),
    ("Phone Number", Target::Text(Prop::Phone)),
    ("Phone", Target::Text(Prop::Phone)),
    (
        "Organization Established Date",
        Target::Date(Prop::IncorporationDate),
    ),
    ("Aircraft Manufacture Date", Target::Date(Prop::BuildDate)),
    ("Vessel Year of Build", Target::Date(Prop::BuildDate)),
    ("Aircraft Model", Target::Extra("model")),
    (
        "Aircraft Manufacturer's Serial Number (MSN)",
        Target::Extra("serialNumber"),
    ),
];

/// Mines a remarks text into `e`. The caller keeps the full text in `Prop::Notes`.
pub(super) fn mine(remarks: &str, e: &mut Entity) {
    for clause in remarks.split(';') {
        let clause = clause.trim();
        // The XML layout wraps remarks in parentheses: `(Linked To: HAMAS)`.
        let clause = match clause.strip_prefix('(') {
            Some(inner) => inner.strip_suffix(')').unwrap_or(inner),
            None => clause,
        };
        let clause = clause.strip_prefix("alt. ").unwrap_or(clause).trim();
        let clause = clause.strip_suffix('.').unwrap_or(clause);
        if let Some((target, value)) = split_label(clause) {
            apply(target, value, "", e);
        }
    }
}

/// Applies one labelled value (e.g. an XML `idType`/`idNumber` pair) to `e`; false when the
/// label is not one zeef maps.
pub(super) fn apply_labelled(label: &str, value: &str, e: &mut Entity) -> bool {
    apply_issued(label, value, "", e)
}

/// [`apply_labelled`] with the country that issued the number, as the list gives it beside
/// the number (a name or code; empty when not given).
pub(super) fn apply_issued(label: &str, value: &str, issuer: &str, e: &mut Entity) -> bool {
    let label = label.trim();
    // The currency is part of the XML label: `Digital Currency Address - XBT`.
    if let Some((Target::Wallet, currency)) = split_label(label) {
        apply(Target::Wallet, &format!("{currency} {value}"), "", e);
        return true;
    }
    let label = label.trim_end_matches([':', '-']).trim();
    match LABELS.iter().find(|(l, _)| l.eq_ignore_ascii_case(label)) {
        Some((_, target)) => {
            apply(*target, value, issuer, e);
            true
        }
        None => false,
    }
}

/// The longest known label at the start of `clause`, followed by a space or colon, and the rest.
fn split_label(clause: &str) -> Option<(Target, &str)> {
    let mut best: Option<(usize, Target)> = None;
    for (label, target) in LABELS {
        let n = label.len();
        // A clause shorter than the label (or cut inside a character) cannot start with it.
        let Some(head) = clause.get(..n) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = &clause[n..];
        if !(rest.is_empty() || rest.starts_with([' ', ':'])) {
            continue;
        }
        if best.is_none_or(|(m, _)| n > m) {
            best = Some((n, *target));
        }
    }
    let (n, target) = best?;
    let value = clause[n..].trim_start_matches([' ', ':']).trim();
    Some((target, value))
}

/// Applies `value` as `target` says; `issuer` is an identifier's issuing country given beside
/// it (else the one in brackets after the number counts).
fn apply(target: Target, value: &str, issuer: &str, e: &mut Entity) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    match target {
        Target::Date(p) => {
            if let Some(d) = parse_date(value) {
                e.add(p, d);
            }
        }
        Target::Country(p) => {
            if let Some(c) = country::code(value) {
                e.add(p, c);
            }
        }
        Target::Ident(Prop::ImoNumber) => add_imo(value, e),
        // `Identification Number IMO 5342883`, `Company Number IMO 5055293`: IMO numbers too.
        Target::Ident(_) if is_imo(value) => add_imo(value, e),
        Target::Ident(p) => {
            let issuer = match issuer.trim() {
                "" => bracketed(value),
                given => given,
            };
            e.add_issued(p, identifier(value), issuer);
        }
        Target::Text(p) => e.add(p, value),
        Target::Name(p) => {
            let name = value.trim_matches(|c: char| c == '\'' || c == '"' || c.is_whitespace());
            if e.schema == Schema::Person {
                e.add(p, natural_name(name));
            } else {
                e.add(p, name);
            }
        }
        Target::Gender => match value.to_ascii_lowercase().as_str() {
            "male" => e.add(Prop::Gender, "male"),
            "female" => e.add(Prop::Gender, "female"),
            _ => {}
        },
        Target::Wallet => {
            if let Some((currency, address)) = value.split_once(' ')
                && !address.trim().is_empty()
                && !address.trim().contains(' ')
            {
                let currency = identifier::currency(currency);
                e.add(Prop::PublicKey, format!("{currency} {}", address.trim()));
            }
        }
        Target::Extra(key) => {
            let values = e.extra.entry(key.to_string()).or_default();
            if !values.iter().any(|v| v == value) {
                values.push(value.to_string());
            }
        }
    }
}

/// Takes the digital currency addresses mined into `e` (`publicKey` values `XBT 12QtD5…`)
/// off it and returns them as `CryptoWallet` entities held by `e`, with its provenance (but
/// not its references) and programmes: `<e.id>-<currency>-<address>`.
pub(super) fn take_wallets(e: &mut Entity) -> Vec<Entity> {
    let Some(mined) = e.props.remove(&Prop::PublicKey) else {
        return Vec::new();
    };
    mined
        .iter()
        .filter_map(|v| v.split_once(' '))
        .map(|(currency, address)| {
            let mut w = Entity::new(
                format!("{}-{currency}-{address}", e.id),
                Schema::CryptoWallet,
                e.provenance.source.clone(),
            );
            // The holder's record, but not its references: a cross-reference names the party.
            w.provenance = e.provenance.clone();
            w.provenance.references.clear();
            w.provenance.cross_refs.clear();
            w.add(Prop::PublicKey, address);
            w.add(Prop::Currency, currency);
            w.add(Prop::Holder, &e.id);
            w.add_all(Prop::Topics, e.get(Prop::Topics));
            w.add_all(Prop::Program, e.get(Prop::Program));
            w
        })
        .collect()
}

/// Every wallet mined into `entities`, taken off its holder and appended as an entity.
pub(super) fn append_wallets(entities: &mut Vec<Entity>) {
    let wallets: Vec<Entity> = entities.iter_mut().flat_map(take_wallets).collect();
    entities.extend(wallets);
}

/// Adds an IMO number in FtM's form `IMO1234567` (7 digits), ignoring anything else.
fn add_imo(value: &str, e: &mut Entity) {
    let digits: String = identifier(value)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if digits.len() == 7 {
        e.add(Prop::ImoNumber, format!("IMO{digits}"));
    }
}

fn is_imo(value: &str) -> bool {
    value
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("IMO "))
}

/// The number part of `123456 (Yemen) issued 01 Jan 2000 expires 01 Jan 2010`.
fn identifier(value: &str) -> &str {
    value[..number_end(value)].trim()
}

/// Where the number part of `value` ends (see [`identifier`]).
fn number_end(value: &str) -> usize {
    [" (", " issued", " expires", " Issued", " Expires"]
        .iter()
        .filter_map(|stop| value.find(stop))
        .min()
        .unwrap_or(value.len())
}

/// What the brackets right after the number hold: `Yemen` of `123456 (Yemen) issued 2000`;
/// empty when the number is not followed by brackets.
fn bracketed(value: &str) -> &str {
    value[number_end(value)..]
        .trim_start()
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .map_or("", |(inside, _)| inside.trim())
}

/// A date as OFAC writes it, including `circa 1951` and ranges `1965 to 1969` or
/// `01 Jan 1960 to 31 Dec 1962`.
pub(super) fn parse_date(raw: &str) -> Option<String> {
    if let Some(d) = date::parse(raw) {
        return Some(d);
    }
    let (a, b) = raw.split_once(" to ")?;
    let (a, b) = (date::parse(a)?, date::parse(b)?);
    // Never nest approximation inside a range: keep the plain bounds only.
    if a.contains(['~', '/']) || b.contains(['~', '/']) {
        return None;
    }
    Some(format!("{a}/{b}"))
}

/// `LAST, First` -> `First LAST`; names without one comma are returned as given.
pub(super) fn natural_name(raw: &str) -> String {
    match split_person_name(raw) {
        Some((last, first)) => format!("{first} {last}"),
        None => raw.trim().to_string(),
    }
}

/// `LAST, First` -> (`LAST`, `First`), when the name has exactly one comma with text on both sides.
pub(super) fn split_person_name(raw: &str) -> Option<(&str, &str)> {
    let (last, first) = raw.split_once(',')?;
    let (last, first) = (last.trim(), first.trim());
    if last.is_empty() || first.is_empty() || first.contains(',') {
        return None;
    }
    Some((last, first))
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeef_model::Identification;

    fn person() -> Entity {
        Entity::new("t-1", Schema::Person, "t")
    }

    #[test]
    fn mines_a_typical_individual() {
        let mut e = person();
        mine(
            "DOB 15 Jul 1963; alt. DOB 1971; POB Ta'izz, Yemen; nationality Iraq; citizen Iraq; \
             Passport 123456 (Yemen) issued 01 Jan 2000; alt. Passport A-77; National ID No. 99 88; \
             Gender Male; a.k.a. 'ABU X'; f.k.a. 'OLDNAME, Ali'; Linked To: SOME GROUP.",
            &mut e,
        );
        assert_eq!(e.get(Prop::BirthDate), ["1963-07-15", "1971"]);
        assert_eq!(e.get(Prop::BirthPlace), ["Ta'izz, Yemen"]);
        assert_eq!(e.get(Prop::Nationality), ["iq"]);
        assert_eq!(e.get(Prop::Citizenship), ["iq"]);
        assert_eq!(e.get(Prop::PassportNumber), ["123456", "A-77"]);
        assert_eq!(e.get(Prop::IdNumber), ["99 88"]);
        // The country in brackets is the passport's issuer; none is given for the others.
        assert_eq!(
            e.identifications,
            [Identification {
                prop: Prop::PassportNumber,
                number: "123456".into(),
                country: "ye".into()
            }]
        );
        assert_eq!(e.get(Prop::Gender), ["male"]);
        assert_eq!(e.get(Prop::WeakAlias), ["ABU X"]);
        assert_eq!(e.get(Prop::PreviousName), ["Ali OLDNAME"]);
    }

    #[test]
    fn circa_and_ranged_dates() {
        let mut e = person();
        mine(
            "DOB circa 1951; alt. DOB 1965 to 1969; DOB Approximately 1958; DOB 01 Jan 1960 to 31 Dec 1962",
            &mut e,
        );
        assert_eq!(
            e.get(Prop::BirthDate),
            ["1951~", "1965/1969", "1958~", "1960-01-01/1962-12-31"]
        );
    }

    #[test]
    fn organisation_identifiers() {
        let mut e = Entity::new("t-2", Schema::Organization, "t");
        mine(
            "Tax ID No. 100036386 (Serbia); Registration Number 26740 (Iran); SWIFT/BIC BNCUCUHH; \
             Website http://x.example; Email Address a@b.example; Organization Established Date 1969; \
             Vessel Registration Identification IMO 7406784; a.k.a. 'SMITH, JONES AND CO'; \
             Unified Social Credit Code (USCC) 9113100033607322XK (China); Organization Type: Trade",
            &mut e,
        );
        assert_eq!(e.get(Prop::TaxNumber), ["100036386"]);
        assert_eq!(
            e.get(Prop::RegistrationNumber),
            ["26740", "9113100033607322XK"]
        );
        let issued: Vec<(&str, &str)> = e
            .identifications
            .iter()
            .map(|i| (i.number.as_str(), i.country.as_str()))
            .collect();
        assert_eq!(
            issued,
            [
                ("100036386", "rs"),
                ("26740", "ir"),
                ("9113100033607322XK", "cn")
            ]
        );
        assert_eq!(e.get(Prop::SwiftBic), ["BNCUCUHH"]);
        assert_eq!(e.get(Prop::Website), ["http://x.example"]);
        assert_eq!(e.get(Prop::Email), ["a@b.example"]);
        assert_eq!(e.get(Prop::IncorporationDate), ["1969"]);
        assert_eq!(e.get(Prop::ImoNumber), ["IMO7406784"]);
        // Organisation names keep their commas.
        assert_eq!(e.get(Prop::WeakAlias), ["SMITH, JONES AND CO"]);
    }

    #[test]
    fn digital_currency_addresses_become_wallets() {
        let mut e = person();
        e.add(Prop::Program, "CYBER2");
        mine(
            "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; alt. Digital \
             Currency Address - ETH 0xabc123def4567890; Digital Currency Address - XBT",
            &mut e,
        );
        assert!(apply_labelled(
            "Digital Currency Address - USDT",
            "TXyz1234",
            &mut e
        ));
        let wallets = take_wallets(&mut e);
        assert!(!e.has(Prop::PublicKey));
        let keys: Vec<(&str, &str)> = wallets
            .iter()
            .map(|w| {
                (
                    w.get(Prop::Currency)[0].as_str(),
                    w.get(Prop::PublicKey)[0].as_str(),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                ("XBT", "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h"),
                ("ETH", "0xabc123def4567890"),
                ("USDT", "TXyz1234")
            ]
        );
        assert_eq!(wallets[0].schema, Schema::CryptoWallet);
        assert_eq!(wallets[0].get(Prop::Holder), ["t-1"]);
        assert_eq!(wallets[0].get(Prop::Program), ["CYBER2"]);
        assert_eq!(wallets[0].id, "t-1-XBT-12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h");
    }

    #[test]
    fn issuers_in_brackets_or_beside_the_number() {
        let mut e = person();
        mine(
            "Identification Number AO 2879097 (Italy) expires 30 Oct 2012; National ID No. \
             5551 (individual); Cedula No. 77 (Colombia).",
            &mut e,
        );
        assert!(apply_issued("Passport", "K-1", "JO", &mut e));
        // An issuer beside the number wins over brackets.
        assert!(apply_issued("Passport", "K-2 (Iraq)", "Syria", &mut e));
        assert!(apply_issued("Tax ID No.", "T-3", "Atlantis", &mut e));
        let issued: Vec<(Prop, &str, &str)> = e
            .identifications
            .iter()
            .map(|i| (i.prop, i.number.as_str(), i.country.as_str()))
            .collect();
        assert_eq!(
            issued,
            [
                (Prop::IdNumber, "AO 2879097", "it"),
                (Prop::IdNumber, "77", "co"),
                (Prop::PassportNumber, "K-1", "jo"),
                (Prop::PassportNumber, "K-2", "sy"),
            ]
        );
        assert_eq!(e.get(Prop::IdNumber), ["AO 2879097", "5551", "77"]);
        assert_eq!(e.get(Prop::TaxNumber), ["T-3"]);
        assert_eq!(bracketed("12 (Iran) issued 2001"), "Iran");
        assert_eq!(bracketed("12 (Iran"), "");
        assert_eq!(bracketed("12 issued (Iran)"), "");
    }

    #[test]
    fn labels_need_a_word_boundary() {
        let mut e = person();
        mine("DOBBS; Passports none; Gendered", &mut e);
        assert!(e.props.is_empty(), "{:?}", e.props);
    }

    #[test]
    fn person_names_in_natural_order() {
        assert_eq!(natural_name("ABBAS, Abu"), "Abu ABBAS");
        assert_eq!(natural_name("CIMEX, S.A., HAVANA"), "CIMEX, S.A., HAVANA");
        assert_eq!(natural_name("PLAIN"), "PLAIN");
        assert_eq!(
            split_person_name("AL-ZOMOR, Abboud"),
            Some(("AL-ZOMOR", "Abboud"))
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}", org in proptest::bool::ANY) {
            let mut e = if org { Entity::new("t", Schema::Organization, "t") } else { person() };
            mine(&s, &mut e);
            let _ = apply_labelled(&s, &s, &mut e);
            let _ = apply_issued(&s, &s, &s, &mut e);
            let _ = bracketed(&s);
        }

        #[test]
        fn never_panics_on_label_fragments(parts in proptest::collection::vec(
            proptest::sample::select(vec!["DOB ", "alt. ", "a.k.a. '", "'", "; ", "Passport ", " (", ")", "Iran", "(Iraq) ",
                " to ", "circa ", "1971", "15 Jul ", "é", "IMO ", ":", ".", ",", "Gender "]), 0..30)) {
            let s: String = parts.concat();
            let mut e = person();
            mine(&s, &mut e);
        }
    }
}
