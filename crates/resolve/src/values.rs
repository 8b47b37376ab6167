//! Comparison keys and conflicts between property values as different lists write them.

/// A name between lists: marks, case and punctuation folded, word order ignored, so that
/// "AL-SAMARRA'I, Ibrahim" and "Ibrahim al-Samarra’i" agree.
pub fn name_key(name: &str) -> String {
    let folded = zeef_names::normalize::fold(name);
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_unstable();
    words.join(" ")
}

/// An identifier between lists: letters and digits only, upper case ("A-123 456" = "a123456").
pub fn identifier_key(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Whether two dates (as `zeef_model::date` writes them: `1971`, `1971-05`, `1971-05-12`,
/// `1971~`, `1965/1969`) may be the same day: one is a prefix of the other, or a year falls in
/// the other's range. A bare year agrees with any day of it; lists differ in precision.
pub fn dates_compatible(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim_end_matches('~'), b.trim_end_matches('~'));
    if a.starts_with(b) || b.starts_with(a) {
        return true;
    }
    match (year_range(a), year_range(b)) {
        (Some((a0, a1)), Some((b0, b1))) if a.contains('/') || b.contains('/') => {
            a0 <= b1 && b0 <= a1
        }
        _ => false,
    }
}

/// Whether two birth dates are too far apart to be one person's: unlike
/// [`dates_compatible`], an approximate date (`1965~`) agrees with any date within two years,
/// as lists write "circa" years differently.
pub fn dates_conflict(a: &str, b: &str) -> bool {
    if dates_compatible(a, b) {
        return false;
    }
    let approximate = a.ends_with('~') || b.ends_with('~');
    match (
        year_range(a.trim_end_matches('~')),
        year_range(b.trim_end_matches('~')),
    ) {
        (Some((a0, a1)), Some((b0, b1))) if approximate => a0 > b1 + 2 || b0 > a1 + 2,
        (Some(_), Some(_)) => true,
        // A date that does not read as one cannot speak against anything.
        _ => false,
    }
}

/// The years a date covers: `1971-05-12` is (1971, 1971), `1965/1969` is (1965, 1969).
fn year_range(d: &str) -> Option<(u32, u32)> {
    let year = |s: &str| s.get(..4).and_then(|y| y.parse::<u32>().ok());
    match d.split_once('/') {
        Some((from, to)) => Some((year(from)?, year(to)?)),
        None => year(d).map(|y| (y, y)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(dates_compatible("1971", "1971-05-12"));
        assert!(dates_compatible("1965/1969", "1967-01-01"));
        assert!(dates_compatible("1971-05-12", "1971~"));
        assert!(!dates_compatible("1971-05-12", "1971-05-13"));
        assert!(!dates_compatible("1970", "1971"));
        assert!(!dates_compatible("1965/1969", "1970"));
        assert!(!dates_compatible("garbage", "1970"));
        assert!(!dates_conflict("1965~", "1967"));
        assert!(dates_conflict("1965~", "1968"));
        assert!(dates_conflict("1971-05-12", "1980"));
        assert!(!dates_conflict("unknown", "1980"));
    }

    #[test]
    fn keys() {
        assert_eq!(
            name_key("AL-SAMARRA'I, Ibrahim"),
            name_key("Ibrahim al-Samarra’i")
        );
        assert_ne!(name_key("Ibrahim Samarrai"), name_key("Ibrahim Samara"));
        assert_eq!(identifier_key("A-123 456"), "A123456");
    }
}
