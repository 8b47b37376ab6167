//! Partial, approximate and ranged dates, as lists state them.
//!
//! Dates are kept as strings in a small subset of ISO 8601 / EDTF, never invented into more
//! precision than the source gave:
//! - `1971-05-12`, `1971-05`, `1971`: exact to the day, month or year;
//! - `1971~`, `1971-05~`: approximate ("circa 1971");
//! - `1965/1969`: a range ("between 1965 and 1969").
//!
//! [`parse`] turns what lists write into that form; [`DateValue`] reads it back for matching.

/// Parses a date as lists write it. Returns `None` when the text holds no recognisable date.
///
/// ```
/// use zeef_model::date::parse;
/// assert_eq!(parse("15 Jul 1963").as_deref(), Some("1963-07-15"));
/// assert_eq!(parse("00/00/1971").as_deref(), Some("1971"));
/// assert_eq!(parse("circa 1979").as_deref(), Some("1979~"));
/// assert_eq!(parse("1965 to 1969").as_deref(), Some("1965/1969"));
/// ```
pub fn parse(raw: &str) -> Option<String> {
    let s = raw.trim().trim_end_matches(['.', ';', ',']).trim();
    if s.is_empty() {
        return None;
    }
    let lower = s.to_lowercase();
    for prefix in [
        "approximately ",
        "approx. ",
        "approx ",
        "circa ",
        "circa. ",
        "ca. ",
        "ca ",
        "c. ",
        "about ",
        "around ",
        "vers ",
        "env. ",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let d = parse_single(rest.trim())?;
            return Some(format!("{d}~"));
        }
    }
    if let Some((a, b)) = lower
        .strip_prefix("between ")
        .and_then(|r| r.split_once(" and "))
    {
        return range(a, b);
    }
    for sep in [" to ", " - ", " – ", "/", "-", " and ", " or "] {
        if let Some((a, b)) = lower.split_once(sep) {
            // Only year-to-year ranges here: "1965-1969", "1965 to 1969".
            if is_year(a.trim()) && is_year(b.trim()) {
                return range(a, b);
            }
        }
    }
    parse_single(&lower)
}

fn range(a: &str, b: &str) -> Option<String> {
    let a = parse_single(a.trim())?;
    let b = parse_single(b.trim())?;
    if a == b {
        return Some(a);
    }
    Some(format!("{a}/{b}"))
}

fn is_year(s: &str) -> bool {
    s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
}

/// One date without range or approximation markers.
fn parse_single(s: &str) -> Option<String> {
    let s = s.trim();
    // ISO date or date-time: 1971, 1971-05, 1971-05-12, 1971-05-12T00:00:00Z.
    let iso = s.split(['T', 't']).next().unwrap_or(s);
    let parts: Vec<&str> = iso.split('-').collect();
    if parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        return match nums.as_slice() {
            [y] => ymd(*y, 0, 0),
            [y, m] => ymd(*y, *m, 0),
            [y, m, d] => ymd(*y, *m, *d),
            _ => None,
        };
    }
    // yyyymmdd
    if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        return ymd(
            s[..4].parse().ok()?,
            s[4..6].parse().ok()?,
            s[6..].parse().ok()?,
        );
    }
    // dd/mm/yyyy, dd.mm.yyyy, mm/yyyy (00 for an unknown part, as the UK list writes it)
    for sep in ['/', '.'] {
        let parts: Vec<&str> = s.split(sep).map(str::trim).collect();
        if parts.len() >= 2
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
            return match nums.as_slice() {
                [d, m, y] if parts[2].len() == 4 => ymd(*y, *m, *d),
                [y, m, d] if parts[0].len() == 4 => ymd(*y, *m, *d),
                [m, y] if parts[1].len() == 4 => ymd(*y, *m, 0),
                _ => None,
            };
        }
    }
    // Words: "15 Jul 1963", "Jul 1963", "July 15, 1963", "15-jul-1963", "15 juillet 1963".
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == '-' || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .collect();
    let (mut y, mut m, mut d) = (None, None, None);
    for w in &words {
        if let Some(mon) = month(w) {
            if m.replace(mon).is_some() {
                return None;
            }
        } else if w.bytes().all(|b| b.is_ascii_digit()) {
            let n: u32 = w.parse().ok()?;
            if w.len() == 4 {
                if y.replace(n).is_some() {
                    return None;
                }
            } else if w.len() <= 2 {
                if d.replace(n).is_some() {
                    return None;
                }
            } else {
                return None;
            }
        } else if !matches!(*w, "of" | "de" | "the" | "er" | "st" | "nd" | "rd" | "th") {
            return None;
        }
    }
    match (y, m, d) {
        (Some(y), Some(m), d) => ymd(y, m, d.unwrap_or(0)),
        (Some(y), None, None) => ymd(y, 0, 0),
        _ => None,
    }
}

fn month(w: &str) -> Option<u32> {
    const MONTHS: [&[&str]; 12] = [
        &["jan", "january", "janv", "janvier", "enero", "ene"],
        &[
            "feb", "february", "fev", "févr", "fevr", "février", "fevrier", "febrero",
        ],
        &["mar", "march", "mars", "marzo"],
        &["apr", "april", "avr", "avril", "abril", "abr"],
        &["may", "mai", "mayo"],
        &["jun", "june", "juin", "junio"],
        &["jul", "july", "juil", "juillet", "julio"],
        &["aug", "august", "août", "aout", "agosto", "ago"],
        &["sep", "sept", "september", "septembre", "septiembre"],
        &["oct", "october", "octobre", "octubre"],
        &["nov", "november", "novembre", "noviembre"],
        &[
            "dec",
            "december",
            "déc",
            "décembre",
            "decembre",
            "diciembre",
            "dic",
        ],
    ];
    MONTHS
        .iter()
        .position(|names| names.contains(&w))
        .map(|i| i as u32 + 1)
}

/// Formats year, month and day, where 0 means "not known". `None` for impossible dates.
fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1000..=2200).contains(&y) || m > 12 || d > 31 {
        return None;
    }
    if m == 0 {
        return Some(format!("{y:04}"));
    }
    if d == 0 {
        return Some(format!("{y:04}-{m:02}"));
    }
    if d > days_in_month(y, m) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Converts an Excel serial date (days since 1899-12-30, as spreadsheets store dates) to ISO.
///
/// ```
/// assert_eq!(zeef_model::date::from_excel_serial(45607.0).as_deref(), Some("2024-11-11"));
/// ```
pub fn from_excel_serial(serial: f64) -> Option<String> {
    if !serial.is_finite() || !(1.0..=150_000.0).contains(&serial) {
        return None;
    }
    // Days from 1970-01-01: Excel's day 25569 is 1970-01-01.
    let days = serial.floor() as i64 - 25_569;
    let (y, m, d) = civil_from_days(days);
    ymd(y as u32, m, d)
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// A normalised date read back for comparison: the earliest and latest day it may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    /// (year, month, day); month and day are 0 where not known.
    pub start: (u16, u8, u8),
    pub end: (u16, u8, u8),
    pub approximate: bool,
}

impl DateValue {
    /// Reads a date in the form [`parse`] produces. Raw text is passed through [`parse`] first.
    pub fn parse(s: &str) -> Option<DateValue> {
        let norm;
        let s = if looks_normalised(s) {
            s
        } else {
            norm = parse(s)?;
            &norm
        };
        let (body, approximate) = match s.strip_suffix('~') {
            Some(b) => (b, true),
            None => (s, false),
        };
        let (a, b) = body.split_once('/').unwrap_or((body, body));
        Some(DateValue {
            start: split_iso(a.trim_end_matches('~'))?,
            end: split_iso(b.trim_end_matches('~'))?,
            approximate,
        })
    }

    /// True when the date is a single exact day.
    pub fn is_full(&self) -> bool {
        self.start == self.end && self.start.2 != 0 && !self.approximate
    }
}

fn looks_normalised(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'-' || b == b'/' || b == b'~')
        && s.len() >= 4
        && s.as_bytes()[..4].iter().all(u8::is_ascii_digit)
}

fn split_iso(s: &str) -> Option<(u16, u8, u8)> {
    let mut it = s.split('-');
    let y: u16 = it.next()?.parse().ok()?;
    let m: u8 = it.next().map(str::parse).transpose().ok()?.unwrap_or(0);
    let d: u8 = it.next().map(str::parse).transpose().ok()?.unwrap_or(0);
    if it.next().is_some() || m > 12 || d > 31 {
        return None;
    }
    Some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_lists_use() {
        let cases = [
            ("1971", Some("1971")),
            ("1971-05", Some("1971-05")),
            ("1963-07-15T00:00:00", Some("1963-07-15")),
            ("15 Jul 1963", Some("1963-07-15")),
            ("15 July 1963", Some("1963-07-15")),
            ("Jul 1963", Some("1963-07")),
            ("15-JUL-1963", Some("1963-07-15")),
            ("July 15, 1963", Some("1963-07-15")),
            ("15/07/1963", Some("1963-07-15")),
            ("00/07/1963", Some("1963-07")),
            ("00/00/1963", Some("1963")),
            ("15.07.1963", Some("1963-07-15")),
            ("19630715", Some("1963-07-15")),
            ("circa 1979", Some("1979~")),
            ("Approximately 1958", Some("1958~")),
            ("ca. 1960", Some("1960~")),
            ("1965 to 1969", Some("1965/1969")),
            ("1965-1969", Some("1965/1969")),
            ("Between 1965 and 1969", Some("1965/1969")),
            ("15 juillet 1963", Some("1963-07-15")),
            ("31 Feb 1963", None),
            ("unknown", None),
            ("", None),
            ("12", None),
        ];
        for (raw, want) in cases {
            assert_eq!(parse(raw).as_deref(), want, "{raw:?}");
        }
    }

    #[test]
    fn excel_serials() {
        assert_eq!(from_excel_serial(1.0).as_deref(), Some("1899-12-31"));
        assert_eq!(from_excel_serial(25569.0).as_deref(), Some("1970-01-01"));
        assert_eq!(from_excel_serial(23207.0).as_deref(), Some("1963-07-15"));
        assert_eq!(from_excel_serial(f64::NAN), None);
    }

    #[test]
    fn date_values() {
        let v = DateValue::parse("1965/1969").unwrap();
        assert_eq!(v.start, (1965, 0, 0));
        assert_eq!(v.end, (1969, 0, 0));
        assert!(DateValue::parse("1979~").unwrap().approximate);
        assert!(DateValue::parse("1963-07-15").unwrap().is_full());
        assert_eq!(
            DateValue::parse("15 Jul 1963").unwrap().start,
            (1963, 7, 15)
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            if let Some(d) = parse(&s) {
                proptest::prop_assert!(DateValue::parse(&d).is_some(), "{d}");
            }
        }
    }
}
