//! How current each list of a snapshot is: its age (from the list's own date, else from when
//! it was fetched), whether that is older than its publisher's cadence allows, whether the
//! publisher has retired it, and whether it is zeef's built-in copy. Every front door (CLI
//! warnings, `zeef lists`, the server's `/readyz` and `/metrics`) reads it from here.

use crate::source;
use crate::store::{Manifest, SourceManifest};
use serde::Serialize;
use time::{Date, OffsetDateTime};

/// How current one source of a snapshot is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Freshness {
    pub source: String,
    /// The list's own date, if it states one.
    pub list_date: Option<String>,
    /// The day the age counts from: the list date, else the fetch day (ISO).
    pub as_of: String,
    /// Whole days from `as_of` to now.
    pub age_days: i64,
    /// The age past which the list is out of date (its publisher's cadence).
    pub stale_after_days: Option<u32>,
    /// Older than its publisher's cadence allows.
    pub stale: bool,
    /// The day the publisher stopped updating the list, for a retired source.
    pub retired_since: Option<String>,
    /// The source that replaces a retired one.
    pub replaced_by: Option<String>,
    /// zeef's built-in copy, not a download.
    pub builtin: bool,
}

impl Freshness {
    /// Anything a user screening against this list should be told.
    pub fn needs_warning(&self) -> bool {
        self.stale || self.builtin || self.retired_since.is_some()
    }

    /// One line saying why the list may be out of date ("" where nothing is wrong).
    pub fn problem(&self) -> String {
        let mut why = Vec::new();
        if self.builtin {
            why.push("built-in copy".to_string());
        }
        if let Some(since) = &self.retired_since {
            let by = self
                .replaced_by
                .as_deref()
                .map(|r| format!(", replaced by {r}"))
                .unwrap_or_default();
            why.push(format!("retired: not updated since {since}{by}"));
        }
        if self.stale {
            why.push(format!(
                "out of date: {} days old, its publisher changes it more often than every {} days",
                self.age_days,
                self.stale_after_days.unwrap_or_default()
            ));
        }
        why.join("; ")
    }
}

/// The day an RFC 3339 time or ISO date (possibly partial: `2025-04`, `2025`) starts on.
fn day_of(s: &str) -> Option<Date> {
    let mut parts = s.get(..10.min(s.len()))?.splitn(3, '-');
    let year: i32 = parts.next()?.get(..4)?.parse().ok()?;
    let month: u8 = parts
        .next()
        .and_then(|m| m.get(..2)?.parse().ok())
        .unwrap_or(1);
    let day: u8 = parts
        .next()
        .and_then(|d| d.get(..2)?.parse().ok())
        .unwrap_or(1);
    Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// How current `s` is at `now`.
pub fn of_source(s: &SourceManifest, now: OffsetDateTime) -> Freshness {
    let spec = source::spec(&s.source);
    let listed = s.list_date.as_deref().and_then(day_of);
    let fetched = day_of(&s.fetched_at);
    let as_of = listed.or(fetched);
    let age_days = as_of.map_or(0, |d| (now.date() - d).whole_days());
    let stale_after = spec.map(|sp| sp.stale_after_days);
    let retired = spec.and_then(|sp| sp.retired);
    Freshness {
        source: s.source.clone(),
        list_date: s.list_date.clone(),
        as_of: as_of.map(|d| d.to_string()).unwrap_or_default(),
        age_days,
        stale_after_days: stale_after,
        // A retired list is flagged as retired, not as late.
        stale: retired.is_none() && stale_after.is_some_and(|d| age_days > i64::from(d)),
        retired_since: retired.map(|r| r.since.to_string()),
        replaced_by: retired.map(|r| r.replaced_by.to_string()),
        builtin: s.builtin,
    }
}

/// How current each source of `m` is, now.
pub fn of_snapshot(m: &Manifest) -> Vec<Freshness> {
    let now = OffsetDateTime::now_utc();
    m.sources.iter().map(|s| of_source(s, now)).collect()
}

/// The warning to print before screening against `m`, or `None` where every list is current.
/// Names each list concerned, its date and age, and how to replace it.
pub fn warning(m: &Manifest) -> Option<String> {
    let all = of_snapshot(m);
    let flagged: Vec<&Freshness> = all.iter().filter(|f| f.needs_warning()).collect();
    if flagged.is_empty() {
        return None;
    }
    let builtin = all.iter().any(|f| f.builtin);
    let mut out = String::new();
    if builtin {
        out.push_str(
            "WARNING: screening against zeef's BUILT-IN copy of the lists, not a download: \
             it can miss recent designations.\n",
        );
    } else {
        out.push_str("WARNING: some lists may be out of date:\n");
    }
    for f in flagged {
        let date = match &f.list_date {
            Some(d) => format!("list date {d}"),
            None => format!("fetched {}", f.as_of),
        };
        out.push_str(&format!(
            "  {:<10} {:<20}  {:>4} days old  {}\n",
            f.source,
            date,
            f.age_days,
            f.problem()
        ));
    }
    out.push_str(
        "Run `zeef update` to fetch the current lists from their publishers \
         (or `zeef update --from DIR` to load them from a mirror).",
    );
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn source(name: &str, list_date: Option<&str>, builtin: bool) -> SourceManifest {
        SourceManifest {
            source: name.into(),
            title: name.into(),
            publisher: "p".into(),
            list_date: list_date.map(str::to_string),
            fetched_at: "2026-03-01T10:00:00Z".into(),
            origin: "x".into(),
            sha256: "0".into(),
            files: vec![],
            entities: 1,
            schemata: BTreeMap::new(),
            carried_from: None,
            builtin,
        }
    }

    fn at(day: &str) -> OffsetDateTime {
        let d = day_of(day).unwrap();
        d.midnight().assume_utc()
    }

    #[test]
    fn age_counts_from_the_list_date_else_the_fetch() {
        let f = of_source(&source("un", Some("2026-02-20"), false), at("2026-03-02"));
        assert_eq!(
            (f.as_of.as_str(), f.age_days, f.stale),
            ("2026-02-20", 10, false)
        );
        let f = of_source(&source("un", None, false), at("2026-03-02"));
        assert_eq!((f.as_of.as_str(), f.age_days), ("2026-03-01", 1));
        let f = of_source(&source("un", Some("2025-12"), false), at("2026-03-02"));
        assert_eq!(f.as_of, "2025-12-01");
    }

    #[test]
    fn stale_past_the_publishers_cadence() {
        // OFAC: 14 days.
        let fresh = of_source(
            &source("ofac_sdn", Some("2026-02-20"), false),
            at("2026-03-06"),
        );
        assert!(!fresh.stale);
        let late = of_source(
            &source("ofac_sdn", Some("2026-02-20"), false),
            at("2026-03-07"),
        );
        assert!(late.stale && late.needs_warning());
        assert!(late.problem().contains("15 days old"), "{}", late.problem());
        // Unknown (FtM) sources have no cadence and are never flagged late.
        let ftm = of_source(
            &source("mylist", Some("2020-01-01"), false),
            at("2026-03-07"),
        );
        assert!(!ftm.stale && !ftm.needs_warning());
    }

    #[test]
    fn retired_and_builtin_lists_are_flagged() {
        let f = of_source(
            &source("uk_ofsi", Some("2026-01-28"), false),
            at("2026-12-01"),
        );
        assert_eq!(f.retired_since.as_deref(), Some("2026-01-28"));
        assert!(!f.stale && f.needs_warning());
        assert!(
            f.problem()
                .contains("retired: not updated since 2026-01-28, replaced by uk")
        );
        let b = of_source(&source("un", Some("2026-11-30"), true), at("2026-12-01"));
        assert!(b.needs_warning() && b.problem().contains("built-in"));
    }

    #[test]
    fn warning_names_each_flagged_list_and_the_way_out() {
        let m = Manifest {
            id: "s".into(),
            created_at: "2026-03-01T10:00:00Z".into(),
            sources: vec![
                source("un", Some("2020-01-02"), true),
                source("mylist", None, false),
            ],
        };
        let w = warning(&m).unwrap();
        assert!(w.contains("BUILT-IN"), "{w}");
        assert!(w.contains("un         list date 2020-01-02"), "{w}");
        assert!(!w.contains("mylist"), "{w}");
        assert!(w.contains("zeef update --from DIR"), "{w}");
        let current = Manifest {
            sources: vec![source("mylist", None, false)],
            ..m
        };
        assert_eq!(warning(&current), None);
    }
}
