//! Re-screening after a list update: subjects are screened only against what changed (added
//! and amended entities in their new form, removed and amended ones in their old form), which
//! is enough to tell which alerts are new and which went away (delistings).
//!
//! The two indexes hold only the changed entities, so their name-part weights are learned from
//! those few (with the prior of common names); scores can differ slightly from a full screen.
//! Both versions of an amended entity are scored with the same weights (the new index's), so
//! that an alert counts as changed only when the entity's data moved the score.

use crate::changes::{Change, ChangeKind};
use serde::Serialize;
use std::collections::HashMap;
use zeef_matching::{Explanation, Index, ScoredMatch, ScreenOptions};
use zeef_model::Entity;

/// How a subject's alerts moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertChange {
    /// An alert the subject did not have before: an added entity, or an amended one that now
    /// matches.
    NewAlert,
    /// An alert the subject had and no longer has: a removed entity, or an amendment that
    /// took away what matched.
    AlertGone,
    /// Still an alert on an amended entity, with another score or matched name.
    AlertChanged,
}

impl AlertChange {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertChange::NewAlert => "new_alert",
            AlertChange::AlertGone => "alert_gone",
            AlertChange::AlertChanged => "alert_changed",
        }
    }
}

/// One alert that appeared, went or changed for one subject.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertEvent {
    pub change: AlertChange,
    pub entity_id: String,
    pub caption: String,
    pub source: String,
    /// What happened to the listed entity: added, removed or amended.
    pub entity_change: ChangeKind,
    /// The score now (None when the entity is gone or no longer alerts).
    pub score: Option<f64>,
    /// The score in the earlier version (None when it did not alert then).
    pub previous_score: Option<f64>,
    /// Why it scored what it scored: now, or, for a gone alert, before.
    pub explanation: Explanation,
}

/// Indexes over what changed between two versions, ready to re-screen subjects.
pub struct Rescreener {
    /// Added and amended entities as they are now.
    now: Index,
    /// Removed and amended entities as they were.
    before: Index,
    /// Amended entities as they were, scored with the weights of `now` so that the two
    /// versions of an entity are measured alike.
    amended_before: HashMap<String, Entity>,
    /// Entity id -> position in `now`.
    now_positions: HashMap<String, usize>,
    kinds: HashMap<String, ChangeKind>,
}

impl Rescreener {
    /// Builds the indexes from the changes between `old` and `new` (from
    /// [`crate::version_changes`] over the same entities).
    pub fn new(changes: &[Change], old: &[Entity], new: &[Entity]) -> Rescreener {
        let kinds: HashMap<String, ChangeKind> =
            changes.iter().map(|c| (c.id.clone(), c.change)).collect();
        let pick = |side: &[Entity], wanted: &[ChangeKind]| -> Vec<Entity> {
            let mut taken = std::collections::HashSet::new();
            side.iter()
                .filter(|e| kinds.get(&e.id).is_some_and(|k| wanted.contains(k)))
                .filter(|e| taken.insert(e.id.clone()))
                .cloned()
                .collect()
        };
        let before = pick(old, &[ChangeKind::Removed, ChangeKind::Amended]);
        let amended_before = before
            .iter()
            .filter(|e| kinds.get(&e.id) == Some(&ChangeKind::Amended))
            .map(|e| (e.id.clone(), e.clone()))
            .collect();
        let now = Index::build(pick(new, &[ChangeKind::Added, ChangeKind::Amended]));
        let now_positions = (0..now.len())
            .filter_map(|i| Some((now.id(i)?.to_string(), i)))
            .collect();
        Rescreener {
            now,
            before: Index::build(before),
            amended_before,
            now_positions,
            kinds,
        }
    }

    /// Entities that now alert differently (added and amended).
    pub fn changed_now(&self) -> usize {
        self.now.len()
    }

    /// Entities that may have alerted before (removed and amended).
    pub fn changed_before(&self) -> usize {
        self.before.len()
    }

    /// The alerts of `subject` that are new, gone or changed. `opts.threshold` decides what
    /// is an alert, in both versions.
    pub fn rescreen(&self, subject: &Entity, opts: &ScreenOptions) -> Vec<AlertEvent> {
        let alerts = |index: &Index| -> Vec<ScoredMatch> {
            index
                .screen(subject, opts)
                .into_iter()
                .filter(|h| h.is_match)
                .collect()
        };
        let (now, before) = (alerts(&self.now), alerts(&self.before));
        let mut out = Vec::new();
        let mut amended: Vec<&str> = Vec::new();
        for hit in &now {
            match self.kind(&hit.id) {
                ChangeKind::Amended => amended.push(&hit.id),
                kind => out.push(self.event(AlertChange::NewAlert, hit, kind, Some(hit), None)),
            }
        }
        for hit in &before {
            match self.kind(&hit.id) {
                ChangeKind::Amended => amended.push(&hit.id),
                kind => out.push(self.event(AlertChange::AlertGone, hit, kind, None, Some(hit))),
            }
        }
        amended.sort_unstable();
        amended.dedup();
        for id in amended {
            out.extend(self.amended_event(subject, id, opts.threshold));
        }
        out
    }

    /// Scores both versions of an amended entity with the same weights and says how the alert
    /// moved, if it did.
    fn amended_event(&self, subject: &Entity, id: &str, threshold: f64) -> Option<AlertEvent> {
        let (old, new) = (self.amended_before.get(id)?, self.now.get(id)?);
        let index = *self.now_positions.get(id)?;
        let scored = |e: &Entity| {
            let c = self.now.compare(subject, e);
            ScoredMatch {
                index,
                id: id.to_string(),
                score: c.score,
                is_match: c.score >= threshold,
                explanation: c.explanation,
            }
        };
        let (was, is) = (scored(old), scored(&new));
        let change = match (was.is_match, is.is_match) {
            (false, true) => AlertChange::NewAlert,
            (true, false) => AlertChange::AlertGone,
            (true, true) if changed(&was, &is) => AlertChange::AlertChanged,
            _ => return None,
        };
        let (now, before) = (is.is_match.then_some(&is), was.is_match.then_some(&was));
        let shown = if is.is_match { &is } else { &was };
        Some(self.event(change, shown, ChangeKind::Amended, now, before))
    }

    fn kind(&self, id: &str) -> ChangeKind {
        self.kinds.get(id).copied().unwrap_or(ChangeKind::Amended)
    }

    fn event(
        &self,
        change: AlertChange,
        hit: &ScoredMatch,
        entity_change: ChangeKind,
        now: Option<&ScoredMatch>,
        before: Option<&ScoredMatch>,
    ) -> AlertEvent {
        let round = |s: f64| (s * 1000.0).round() / 1000.0;
        let entity = match entity_change {
            ChangeKind::Removed => self.before.get(&hit.id),
            _ => self.now.get(&hit.id),
        };
        AlertEvent {
            change,
            entity_id: hit.id.clone(),
            caption: entity
                .as_ref()
                .map(|e| e.caption().to_string())
                .unwrap_or_default(),
            source: entity.map(|e| e.provenance.source).unwrap_or_default(),
            entity_change,
            score: now.map(|h| round(h.score)),
            previous_score: before.map(|h| round(h.score)),
            explanation: hit.explanation.clone(),
        }
    }
}

/// Whether a standing alert moved enough to show: another score (to 3 decimals) or another
/// matched name.
fn changed(before: &ScoredMatch, now: &ScoredMatch) -> bool {
    (before.score * 1000.0).round() != (now.score * 1000.0).round()
        || before.explanation.matched_name != now.explanation.matched_name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::version_changes;
    use zeef_model::{Prop, Schema};

    fn person(id: &str, names: &[&str], birth: &str) -> Entity {
        let mut e = Entity::new(id, Schema::Person, "fict");
        for n in names {
            e.add(Prop::Name, n);
        }
        e.add(Prop::BirthDate, birth);
        e
    }

    #[test]
    fn new_gone_and_changed_alerts() {
        let old = vec![
            person("fict-1", &["Torvald Bramblecote"], "1950"),
            person("fict-2", &["Ysolde Quenneville"], "1961-02-03"),
            person("fict-3", &["Cassius Wrenfield"], "1970"),
            person("fict-4", &["Oswin Hartlepoole"], "1980"),
        ];
        let new = vec![
            person("fict-1", &["Torvald Bramblecote"], "1950"),
            // amended: the alias that matched is gone
            person("fict-2", &["Ysolde Marchetti"], "1961-02-03"),
            // fict-3 removed; fict-5 added
            person("fict-4", &["Oswin Hartlepool"], "1980-04-04"),
            person("fict-5", &["Perpetua Ashdown-Vale"], "1975"),
        ];
        let changes = version_changes(&old, &new);
        let r = Rescreener::new(&changes, &old, &new);
        assert_eq!((r.changed_now(), r.changed_before()), (3, 3));
        let opts = ScreenOptions::default();
        let subject = |name: &str| {
            let mut e = Entity::new("s", Schema::Person, "query");
            e.add(Prop::Name, name);
            e
        };
        let events = |name: &str| -> Vec<(AlertChange, String)> {
            r.rescreen(&subject(name), &opts)
                .into_iter()
                .map(|e| (e.change, e.entity_id))
                .collect()
        };
        assert_eq!(events("Torvald Bramblecote"), []);
        assert_eq!(
            events("Perpetua Ashdown-Vale"),
            [(AlertChange::NewAlert, "fict-5".to_string())]
        );
        assert_eq!(
            events("Cassius Wrenfield"),
            [(AlertChange::AlertGone, "fict-3".to_string())]
        );
        assert_eq!(
            events("Ysolde Quenneville"),
            [(AlertChange::AlertGone, "fict-2".to_string())]
        );
        let gone = r.rescreen(&subject("Cassius Wrenfield"), &opts);
        assert_eq!(gone[0].entity_change, ChangeKind::Removed);
        assert_eq!(gone[0].score, None);
        assert!(gone[0].previous_score.is_some_and(|s| s >= 0.7));
        // The subject alerts on fict-4 before and after; the corrected spelling moves the score.
        let moved = r.rescreen(&subject("Oswin Hartlepool"), &opts);
        assert_eq!(moved.len(), 1, "{moved:?}");
        assert_eq!(moved[0].change, AlertChange::AlertChanged);
        assert_eq!(moved[0].entity_change, ChangeKind::Amended);
    }
}
