//! What the lists page says across lists and versions: the regime gaps (parties listed on
//! one list and not on another, counted over resolved entities) and the changes of the last
//! update (`zeef changes previous current`), worked out once per snapshot off the request's
//! thread.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use zeef_diff::{Change, ChangeKind, version_changes};
use zeef_lists::DataDir;
use zeef_server::Loaded;

/// Parties per list, and per pair of lists how many are on the first and not the second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gaps {
    pub sources: Vec<String>,
    /// `parties[i]`: parties list `i` lists.
    pub parties: Vec<usize>,
    /// `only[i][j]`: parties list `i` lists and list `j` does not.
    pub only: Vec<Vec<usize>>,
    /// Whether parties are resolved entities (else each record is one).
    pub resolved: bool,
}

/// The gaps between the lists of `loaded`, one party per resolved entity where the snapshot
/// is resolved.
pub fn gaps(loaded: &Loaded) -> Gaps {
    let sources: Vec<String> = loaded
        .manifest
        .sources
        .iter()
        .map(|s| s.source.clone())
        .collect();
    let column: HashMap<&str, usize> = sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let resolved = loaded.resolution.as_ref().map(|r| &r.resolved);
    let mut lists_of: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for i in 0..loaded.index.len() {
        let (Some(id), Some(source)) = (loaded.index.id(i), loaded.index.source(i)) else {
            continue;
        };
        let Some(&col) = column.get(source) else {
            continue;
        };
        let party = resolved
            .and_then(|r| r.find(id))
            .map_or(id, |c| c.id.as_str());
        lists_of.entry(party).or_default().insert(col);
    }
    let n = sources.len();
    let (mut parties, mut only) = (vec![0; n], vec![vec![0; n]; n]);
    for lists in lists_of.values() {
        for &a in lists {
            parties[a] += 1;
            for (b, cell) in only[a].iter_mut().enumerate() {
                if !lists.contains(&b) {
                    *cell += 1;
                }
            }
        }
    }
    Gaps {
        sources,
        parties,
        only,
        resolved: resolved.is_some(),
    }
}

/// The changes from the snapshot before the served one to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LastUpdate {
    /// Being worked out.
    Pending,
    /// No earlier snapshot is kept (or there is no data directory).
    NoPrevious,
    Failed(String),
    Changes {
        previous: String,
        /// Per list: added, amended, removed.
        counts: BTreeMap<String, [usize; 3]>,
        /// The first changes, sorted by list then id.
        first: Vec<Change>,
    },
}

/// Most changes the page lists one by one.
const LISTED_CHANGES: usize = 50;

/// The last update's changes, per served snapshot.
#[derive(Default)]
pub struct LastUpdates {
    by_snapshot: Mutex<Option<(String, Arc<Mutex<LastUpdate>>)>>,
}

impl LastUpdates {
    /// The changes into `snapshot` as far as known; the first ask starts working them out.
    pub fn get(&self, data: Option<&DataDir>, snapshot: &str) -> LastUpdate {
        let Some(data) = data else {
            return LastUpdate::NoPrevious;
        };
        let Ok(mut slot) = self.by_snapshot.lock() else {
            return LastUpdate::Failed("the page's cache is unusable".into());
        };
        if let Some((id, state)) = slot.as_ref()
            && id == snapshot
        {
            return state
                .lock()
                .map(|s| s.clone())
                .unwrap_or(LastUpdate::Pending);
        }
        let state = Arc::new(Mutex::new(LastUpdate::Pending));
        *slot = Some((snapshot.to_string(), state.clone()));
        let (data, snapshot) = (data.clone(), snapshot.to_string());
        tokio::task::spawn_blocking(move || {
            let done = changes_into(&data, &snapshot);
            if let Ok(mut s) = state.lock() {
                *s = done;
            }
        });
        LastUpdate::Pending
    }
}

fn changes_into(data: &DataDir, snapshot: &str) -> LastUpdate {
    let Ok(mut kept) = data.snapshots() else {
        return LastUpdate::NoPrevious;
    };
    kept.sort_by(|a, b| a.id.cmp(&b.id));
    let Some(previous) = kept
        .iter()
        .rev()
        .map(|m| m.id.clone())
        .find(|id| id.as_str() < snapshot)
    else {
        return LastUpdate::NoPrevious;
    };
    let (old, new) = match (data.load(&previous), data.load(snapshot)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(e), _) | (_, Err(e)) => return LastUpdate::Failed(e.to_string()),
    };
    let all = version_changes(&old.entities, &new.entities);
    let mut counts: BTreeMap<String, [usize; 3]> = BTreeMap::new();
    for c in &all {
        let slot = match c.change {
            ChangeKind::Added => 0,
            ChangeKind::Amended => 1,
            ChangeKind::Removed => 2,
        };
        counts.entry(c.source.clone()).or_default()[slot] += 1;
    }
    LastUpdate::Changes {
        previous,
        counts,
        first: all.into_iter().take(LISTED_CHANGES).collect(),
    }
}
