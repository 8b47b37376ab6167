//! Ranking the names gathered: which few are worth scoring in full.

use super::gather::Scratch;
use super::*;

impl Index {
    /// The best-ranking names found for a query name (at most `MAX_CANDIDATE_NAMES`, best
    /// first, ties in listing order). A rank is at most the name's overlap, so the names with
    /// the best overlaps set a bar that the others' overlaps must reach before their rank is
    /// worth reading (at scale most names found fall short, and each rank read is a cache miss).
    pub(super) fn best_ranked(&self, s: &Scratch, opts: &ScreenOptions) -> Vec<(f32, u32)> {
        let mut by_overlap: Vec<(f32, u32)> = s
            .above
            .iter()
            .enumerate()
            .map(|(i, &name)| {
                prefetch::ahead(&s.slots, &s.above, i);
                (s.slots[name as usize].0, name)
            })
            .collect();
        let first = by_overlap.len().min(4 * MAX_CANDIDATE_NAMES);
        if first > 0 && by_overlap.len() > first {
            by_overlap.select_nth_unstable_by(first - 1, |a, b| b.0.total_cmp(&a.0));
        }
        // Ranks each name of `list` that `opts` lets through, asking for the name a few
        // places on while ranking this one.
        let rank_each = |list: &[(f32, u32)]| -> Vec<(f32, u32)> {
            (0..list.len())
                .filter_map(|i| {
                    if let Some(&(_, next)) = list.get(i + prefetch::AHEAD) {
                        prefetch::prefetch(&self.names, next as usize);
                    }
                    let name = list[i].1;
                    Some((self.rank(s, name, opts)?, name))
                })
                .collect()
        };
        let mut ranked = rank_each(&by_overlap[..first]);
        // Ties in listing order: by entity, then name number (an entity's names keep their
        // order within a group of `locality_numbers`, and either of two tied names of one
        // entity makes it a candidate).
        let listed = |name: u32| (self.names[name as usize].0, name);
        let order = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| listed(a.1).cmp(&listed(b.1)))
        };
        let keep = |ranked: &mut Vec<(f32, u32)>| {
            if ranked.len() > MAX_CANDIDATE_NAMES {
                ranked.select_nth_unstable_by(MAX_CANDIDATE_NAMES, order);
                ranked.truncate(MAX_CANDIDATE_NAMES);
            }
        };
        keep(&mut ranked);
        let bar = if ranked.len() == MAX_CANDIDATE_NAMES {
            ranked.iter().map(|r| r.0).fold(f32::INFINITY, f32::min)
        } else {
            f32::NEG_INFINITY
        };
        let rest: Vec<(f32, u32)> = by_overlap[first..]
            .iter()
            .filter(|(overlap, _)| *overlap >= bar)
            .copied()
            .collect();
        ranked.extend(rank_each(&rest));
        keep(&mut ranked);
        ranked.sort_by(order);
        ranked
    }

    /// A found name's rank among candidates, as the scorer will see it: its overlap, less a
    /// share of its weight left over; `None` where `opts` leaves its entity out.
    pub(super) fn rank(&self, s: &Scratch, name: u32, opts: &ScreenOptions) -> Option<f32> {
        // Entity and weight side by side: one cache line per name at scale.
        let (entity, weight) = self.names[name as usize];
        if !self.allowed(entity, opts) {
            return None;
        }
        let o = s.slots[name as usize].0;
        let rest = (weight - o).max(0.0);
        Some(o - LISTED_MISS_COST as f32 * rest)
    }

    pub(super) fn allowed(&self, entity: u32, opts: &ScreenOptions) -> bool {
        let e = entity as usize;
        if e >= self.store.len() {
            return false;
        }
        if let Some(sources) = &opts.sources
            && !sources.iter().any(|s| s == self.store.source(e))
        {
            return false;
        }
        if let Some(schema) = opts.schema
            && !self.store.schema(e).is_a(schema)
        {
            return false;
        }
        opts.exclude_ids.is_empty() || !opts.exclude_ids.iter().any(|x| x == self.store.id(e))
    }
}
