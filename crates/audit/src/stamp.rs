//! Timestamps: UTC, microsecond precision, stored in one fixed-width RFC 3339 form
//! (`2026-05-01T09:30:00.000000Z`) so that text order is time order in both databases.

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, UtcOffset};

const FIXED: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// Converts to UTC and drops precision below a microsecond (what both databases keep).
pub fn normalize(t: OffsetDateTime) -> OffsetDateTime {
    let utc = t.to_offset(UtcOffset::UTC);
    let micros = utc.nanosecond() / 1_000 * 1_000;
    utc.replace_nanosecond(micros).unwrap_or(utc)
}

/// The current time, normalized.
pub fn now() -> OffsetDateTime {
    normalize(OffsetDateTime::now_utc())
}

/// Formats a timestamp in the stored fixed-width form.
pub fn format(t: OffsetDateTime) -> String {
    let t = normalize(t);
    if !(0..=9999).contains(&t.year()) {
        // The fixed description has no fallible parts; other years print as they can.
        return t.format(FIXED).unwrap_or_else(|_| t.to_string());
    }
    // Written digit by digit (this runs once per record); the same text as `FIXED`.
    let mut out = String::with_capacity(27);
    let mut push = |n: u32, width: u32, then: Option<char>| {
        for d in (0..width).rev() {
            out.push(char::from(b'0' + (n / 10u32.pow(d) % 10) as u8));
        }
        if let Some(c) = then {
            out.push(c);
        }
    };
    push(t.year() as u32, 4, Some('-'));
    push(u8::from(t.month()).into(), 2, Some('-'));
    push(t.day().into(), 2, Some('T'));
    push(t.hour().into(), 2, Some(':'));
    push(t.minute().into(), 2, Some(':'));
    push(t.second().into(), 2, Some('.'));
    push(t.microsecond(), 6, Some('Z'));
    out
}

/// The stored form of midnight UTC at the start of `date`.
pub fn start_of(date: Date) -> String {
    format(date.midnight().assume_utc())
}

/// Parses any RFC 3339 timestamp (the stored form is one).
pub fn parse(text: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map(normalize)
        .map_err(|e| format!("expected an RFC 3339 timestamp, got {text:?}: {e}"))
}

/// serde helper: (de)serializes an `OffsetDateTime` as the stored fixed-width string.
pub mod serde_fixed {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::OffsetDateTime;

    pub fn serialize<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(d)?;
        super::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn fixed_width_sorts_as_time() {
        let a = format(datetime!(2026-01-01 00:00:00 UTC));
        let b = format(datetime!(2026-01-01 00:00:00.5 UTC));
        let c = format(datetime!(2026-01-01 02:00:00 +03:00));
        assert_eq!(a, "2026-01-01T00:00:00.000000Z");
        assert!(a < b);
        assert!(c < a, "{c} is 23:00 the day before");
        assert_eq!(parse(&b), Ok(datetime!(2026-01-01 00:00:00.5 UTC)));
    }

    #[test]
    fn digit_by_digit_is_the_fixed_description() {
        for t in [
            datetime!(2026-05-01 09:30:00.123456 UTC),
            datetime!(0001-01-01 00:00:00 UTC),
            datetime!(9999-12-31 23:59:59.999999 UTC),
            datetime!(2024-02-29 12:05:07.000001 +05:30),
        ] {
            let n = normalize(t);
            assert_eq!(format(t), n.format(FIXED).unwrap_or_default());
        }
    }

    proptest::proptest! {
        #[test]
        fn any_time_formats_as_the_fixed_description(secs in -62_000_000_000i64..253_000_000_000, nanos in 0u32..1_000_000_000) {
            let t = OffsetDateTime::from_unix_timestamp(secs)
                .unwrap_or(OffsetDateTime::UNIX_EPOCH)
                .replace_nanosecond(nanos)
                .unwrap_or(OffsetDateTime::UNIX_EPOCH);
            let n = normalize(t);
            proptest::prop_assert_eq!(format(t), n.format(FIXED).unwrap_or_else(|_| n.to_string()));
        }
    }

    #[test]
    fn parse_rejects_garbage() {
        assert!(parse("yesterday").is_err());
    }
}
