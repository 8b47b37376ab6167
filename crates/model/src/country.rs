//! Countries: ISO 3166-1 alpha-2 codes (lower case, as FtM writes them) from the names,
//! adjectives and codes that lists use, in the languages they use.

/// (code, English short name, other names, adjectives and spellings lists use).
static COUNTRIES: &[(&str, &str, &[&str])] = &[
    ("iq", "Iraq", &["iraqi", "irak"]),
    ("nl", "Netherlands", &["dutch", "holland", "pays-bas", "the netherlands"]),
];

/// The ISO code for a country name, adjective or code, e.g. `"Iraq"`, `"Iraqi"`, `"IRQ"`, `"iq"`.
pub fn code(name: &str) -> Option<&'static str> {
    let key = name.trim().to_lowercase();
    if key.is_empty() {
        return None;
    }
    COUNTRIES
        .iter()
        .find(|(c, n, other)| *c == key || n.to_lowercase() == key || other.contains(&key.as_str()))
        .map(|(c, _, _)| *c)
}

/// The English short name for an ISO code.
pub fn name(code: &str) -> Option<&'static str> {
    let key = code.trim().to_lowercase();
    COUNTRIES.iter().find(|(c, _, _)| *c == key).map(|(_, n, _)| *n)
}
