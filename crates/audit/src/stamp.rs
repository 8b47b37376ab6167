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
    // The fixed description has no fallible parts for years 0..=9999.
    t.format(FIXED).unwrap_or_else(|_| t.to_string())
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
    fn parse_rejects_garbage() {
        assert!(parse("yesterday").is_err());
    }
}
