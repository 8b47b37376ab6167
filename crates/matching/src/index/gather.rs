//! Gathering candidates: the names whose parts resemble a query's, credited part by part.

use super::*;

/// Per-thread scratch space for candidate gathering, reused across screens.
#[derive(Default)]
pub(super) struct Scratch {
    /// Per name: (overlap, stamp), side by side so that one cache line serves both.
    pub(super) slots: Vec<(f32, u32)>,
    pub(super) touched: Vec<u32>,
    /// The touched names whose overlap reached the floor, in the order they reached it.
    pub(super) above: Vec<u32>,
    /// `touched` in ascending order, when `credit_found` last needed it.
    pub(super) sorted: Vec<u32>,
    /// The names found that `credit_found`'s lists hold.
    pub(super) held: Vec<u32>,
    pub(super) clock: u32,
}

impl Scratch {
    /// A new stamp: names credited under it count once.
    pub(super) fn next_clock(&mut self) -> u32 {
        self.clock = self.clock.wrapping_add(1);
        if self.clock == 0 {
            self.slots.iter_mut().for_each(|x| x.1 = 0);
            self.clock = 1;
        }
        self.clock
    }

    /// Adds `credit` to a touched name, noting it when it reaches `floor`.
    fn add(&mut self, name: u32, credit: f32, floor: f32) {
        let slot = &mut self.slots[name as usize];
        let before = slot.0;
        slot.0 += credit;
        // Overlaps only grow: a name crosses the floor once.
        if before < floor && slot.0 >= floor {
            self.above.push(name);
        }
    }

    /// Adds `credit` to each name found so far that one of `lists` (a part's own spellings)
    /// carries; less what it was given already where `alike` says under which stamp and how
    /// much. Where the lists are shorter than the names found, the lists are walked; otherwise
    /// (a common part at scale: its lists are long, and walking them reads a scattered slot
    /// per name they hold) each name found is looked up in `carried` for the lists of common
    /// spellings (`common` gives each list's number there), and sought, in order, in the
    /// other lists.
    pub(super) fn credit_found(
        &mut self,
        lists: &[&Vec<u32>],
        common: &[u16],
        carried: &Carried,
        credit: f32,
        alike: Option<(u32, f32)>,
        floor: f32,
    ) {
        // Found names have an overlap above 0 (every indexed part weighs something); the
        // new stamp credits a name carrying two of the spellings once.
        let stamp = self.next_clock();
        let walk: usize = lists.iter().map(|l| l.len()).sum();
        if walk <= self.touched.len() {
            for list in lists {
                for (i, &name) in list.iter().enumerate() {
                    prefetch::ahead(&self.slots, list, i);
                    self.credit_once(name, stamp, credit, alike, floor);
                }
            }
            return;
        }
        // Common spellings: each found name's own few entries say whether it carries one.
        let wanted: SmallVec<[u16; 8]> = common
            .iter()
            .copied()
            .filter(|&c| c != NOT_COMMON)
            .collect();
        if !wanted.is_empty() {
            let touched = std::mem::take(&mut self.touched);
            for (i, &name) in touched.iter().enumerate() {
                prefetch::ahead(&self.slots, &touched, i);
                carried.ahead(&touched, i);
                if carried.any(name, &wanted) {
                    self.credit_once(name, stamp, credit, alike, floor);
                }
            }
            self.touched = touched;
        }
        let lists: SmallVec<[&Vec<u32>; 4]> = lists
            .iter()
            .zip(common)
            .filter(|&(_, &c)| c == NOT_COMMON)
            .map(|(list, _)| *list)
            .collect();
        if lists.is_empty() {
            return;
        }
        // `touched` only grows until the query name is done: a sorted copy of the same
        // length is still the same set.
        if self.sorted.len() != self.touched.len() {
            self.sorted.clear();
            self.sorted.extend_from_slice(&self.touched);
            // Stable sort: `touched` is runs of ascending posting lists, which it merges.
            self.sorted.sort();
        }
        // The names held are gathered first, so that their slots can be fetched ahead.
        let mut held = std::mem::take(&mut self.held);
        held.clear();
        for list in &lists {
            intersect(&self.sorted, list, |name| held.push(name));
        }
        for (i, &name) in held.iter().enumerate() {
            prefetch::ahead(&self.slots, &held, i);
            self.credit_once(name, stamp, credit, alike, floor);
        }
        self.held = held;
    }

    /// `credit_found` for one name a list holds: credits it if it was found and not yet
    /// credited under `stamp`.
    #[inline]
    fn credit_once(
        &mut self,
        name: u32,
        stamp: u32,
        credit: f32,
        alike: Option<(u32, f32)>,
        floor: f32,
    ) {
        let slot = self.slots[name as usize];
        if slot.0 > 0.0 && slot.1 != stamp {
            let given = match alike {
                Some((clock, alike)) if slot.1 == clock => alike,
                _ => 0.0,
            };
            self.slots[name as usize].1 = stamp;
            self.add(name, credit - given, floor);
        }
    }

    /// Forgets what was found for a query name, ready for the next.
    fn reset(&mut self) {
        for (i, &name) in self.touched.iter().enumerate() {
            prefetch::ahead(&self.slots, &self.touched, i);
            self.slots[name as usize].0 = 0.0;
        }
        self.touched.clear();
        self.sorted.clear();
        self.above.clear();
    }

    /// A new stamp, set on every name of `lists` (crediting none): the names a query part
    /// credited already, so that crediting it again under this stamp passes them by.
    fn restamp(&mut self, lists: &[&Vec<u32>]) -> u32 {
        let clock = self.next_clock();
        for list in lists {
            for (i, &name) in list.iter().enumerate() {
                prefetch::ahead(&self.slots, list, i);
                self.slots[name as usize].1 = clock;
            }
        }
        clock
    }

    /// Adds `credit` to each name of `list` not yet credited under `clock`, noting names
    /// touched for the first time and names reaching `floor`.
    pub(super) fn credit_all(&mut self, list: &[u32], clock: u32, credit: f32, floor: f32) {
        for (i, &name) in list.iter().enumerate() {
            prefetch::ahead(&self.slots, list, i);
            let slot = &mut self.slots[name as usize];
            if slot.1 == clock {
                continue;
            }
            slot.1 = clock;
            if slot.0 == 0.0 {
                self.touched.push(name);
            }
            self.add(name, credit, floor);
        }
    }
}

/// Calls `found` with each name of `few` that `many` holds (both ascending), galloping
/// through `many`: each step doubles until it passes the name sought, so a few names cost a
/// few reads each, and as many names as `many` holds read it through about once.
pub(super) fn intersect(few: &[u32], many: &[u32], mut found: impl FnMut(u32)) {
    let mut rest = many;
    for &name in few {
        let mut step = 1;
        while step < rest.len() && rest[step] < name {
            step *= 2;
        }
        let end = (step + 1).min(rest.len());
        // `rest[..step / 2]` is below `name` (the last doubling passed it), unless step is 1.
        let from = if step > 1 { step / 2 } else { 0 };
        match rest[from..end].binary_search(&name) {
            Ok(i) => {
                found(name);
                rest = &rest[from + i + 1..];
            }
            Err(i) => rest = &rest[from + i..],
        }
        if rest.is_empty() {
            return;
        }
    }
}

/// How a query part is looked up while gathering candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lookup {
    /// Its posting lists are walked: by spelling, then by approximate keys.
    Walk,
    /// Only names found through other parts are checked for its spellings.
    Verify,
    /// Looked up together with each other query part (`pairs`).
    Pairs,
}

/// A query part in the gathering plan.
#[derive(Debug, Clone)]
struct Planned<'a> {
    /// Its place in the query name.
    position: usize,
    /// Its weight.
    weight: f32,
    /// The posting lists of its own spellings, and how many names they hold.
    lists: SmallVec<[&'a Vec<u32>; 4]>,
    volume: usize,
    /// Each list's number among common spellings (`carried`), or `NOT_COMMON`.
    common: SmallVec<[u16; 4]>,
    code: Option<u32>,
    lookup: Lookup,
}

/// A walked query part's approximate keys that lead to spellings too common to walk.
struct CommonAlike<'a> {
    /// The lists the part was walked through (the names it credited).
    walked: SmallVec<[&'a Vec<u32>; 8]>,
    /// The common spellings' lists, and their numbers among common spellings.
    lists: SmallVec<[&'a Vec<u32>; 4]>,
    common: SmallVec<[u16; 4]>,
    /// The part's approximate credit.
    alike: f32,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

impl Index {
    /// Entity numbers whose names share enough of the query's name parts (approximately),
    /// allowed by the options; ascending.
    pub fn candidates(&self, q: &Prepared, opts: &ScreenOptions) -> Vec<u32> {
        self.candidates_until(q, opts, &|| false)
            .unwrap_or_default()
    }

    /// [`Index::candidates`]; None when `stop` said to give up.
    pub(super) fn candidates_until(
        &self,
        q: &Prepared,
        opts: &ScreenOptions,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<u32>> {
        SCRATCH.with(|cell| {
            let mut scratch = cell.borrow_mut();
            self.gather(q, opts, &mut scratch, stop)
        })
    }

    /// [`Index::candidates`]; None when `stop` said to give up (the scratch is left clean).
    fn gather(
        &self,
        q: &Prepared,
        opts: &ScreenOptions,
        s: &mut Scratch,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<u32>> {
        let n = self.names.len();
        if s.slots.len() < n {
            s.slots.resize(n, (0.0, 0));
        }
        let mut entities: Vec<u32> = Vec::new();
        let born_on = born::of_query(q);
        let mut vocab_hits: Vec<u32> = Vec::new();
        // A LegalEntity query also looks for persons with its person-analysed names, except
        // where one reads as a name gathered already (most names with no title or particle).
        let read: SmallVec<[_; 4]> = match q.person_names.is_empty() {
            true => SmallVec::new(),
            false => q.names.iter().map(|n| gathering_input(n)).collect(),
        };
        let person_names = q
            .person_names
            .iter()
            .filter(|n| !read.contains(&gathering_input(n)));
        for qn in q.names.iter().chain(person_names) {
            if stop() {
                return None;
            }
            let total: f32 = qn
                .name
                .parts
                .iter()
                .zip(&qn.weights)
                .filter(|(p, _)| indexed(p.kind))
                .map(|(_, w)| *w as f32)
                .sum();
            if total <= 0.0 {
                continue;
            }
            let floor = total * MIN_OVERLAP;
            // Parts with long posting lists (common names) only verify names that rarer parts
            // found, as long as the weight so skipped could not reach the floor alone: any
            // name that can reach it carries a rarer part and is found through it.
            let mut plan: SmallVec<[Planned; 8]> = SmallVec::new();
            for (position, (part, &weight)) in qn.name.parts.iter().zip(&qn.weights).enumerate() {
                if !indexed(part.kind) {
                    continue;
                }
                let spellings = self.exact_spellings(part);
                let lists: SmallVec<[&Vec<u32>; 4]> = spellings
                    .iter()
                    .map(|&v| &self.postings[v as usize])
                    .collect();
                let volume: usize = lists.iter().map(|l| l.len()).sum();
                plan.push(Planned {
                    position,
                    weight: weight as f32,
                    lists,
                    volume,
                    common: spellings.iter().map(|&v| self.carried.number(v)).collect(),
                    code: code(part),
                    lookup: Lookup::Walk,
                });
            }
            // In a large list, a part with a common code is looked up together with each
            // other part (see `pairs`), not alone.
            for k in 0..plan.len() {
                let has_partner = plan
                    .iter()
                    .enumerate()
                    .any(|(k2, o)| k2 != k && o.code.is_some());
                if has_partner && plan[k].code.is_some_and(|c| self.pairs.is_common(c)) {
                    plan[k].lookup = Lookup::Pairs;
                }
            }
            let mut by_volume: SmallVec<[usize; 8]> = (0..plan.len())
                .filter(|&k| plan[k].lookup == Lookup::Walk)
                .collect();
            by_volume.sort_by_key(|&k| std::cmp::Reverse(plan[k].volume));
            let mut skipped = 0.0f32;
            for k in by_volume {
                let (w, volume) = (plan[k].weight, plan[k].volume);
                if volume > VERIFY_ONLY_VOLUME && skipped + w < floor {
                    skipped += w;
                    plan[k].lookup = Lookup::Verify;
                }
            }
            let mut common_alike: SmallVec<[CommonAlike; 2]> = SmallVec::new();
            for planned in plan.iter().filter(|p| p.lookup == Lookup::Walk) {
                if stop() {
                    s.reset();
                    return None;
                }
                common_alike.extend(self.walk(qn, planned, s, floor, &mut vocab_hits));
            }
            // Names only those common spellings lead to can gain no more than their credit
            // and that of the parts not walked (looked up in pairs, or verified). Unless
            // enough names found already rank above that, the common spellings are walked
            // after all, before the pairs as before: nothing is lost.
            if !common_alike.is_empty() {
                let most: f32 = common_alike.iter().map(|c| c.alike).sum::<f32>()
                    + plan
                        .iter()
                        .filter(|p| p.lookup != Lookup::Walk)
                        .map(|p| p.weight)
                        .sum::<f32>();
                let ranking_above = s
                    .above
                    .iter()
                    // A rank is at most the overlap: most names fail here, unread.
                    .filter(|&&name| s.slots[name as usize].0 > most)
                    .filter(|&&name| self.rank(s, name, opts).is_some_and(|r| r > most))
                    .take(MAX_CANDIDATE_NAMES)
                    .count();
                if ranking_above < MAX_CANDIDATE_NAMES {
                    for c in common_alike.drain(..) {
                        let clock = s.restamp(&c.walked);
                        for list in &c.lists {
                            s.credit_all(list, clock, c.alike, floor);
                        }
                    }
                }
            }
            // A common part is credited as alike (not the same spelling) to the names that
            // carry it together with another query part, then fully to every name found so
            // far that carries one of its spellings.
            for planned in plan.iter().filter(|p| p.lookup == Lookup::Pairs) {
                let Some(a) = planned.code else {
                    continue;
                };
                let clock = s.next_clock();
                let alike = planned.weight * APPROXIMATE_CREDIT;
                for other in plan.iter().filter(|o| o.position != planned.position) {
                    if let Some(b) = other.code {
                        s.credit_all(self.pairs.list(a, b), clock, alike, floor);
                    }
                }
                s.credit_found(
                    &planned.lists,
                    &planned.common,
                    &self.carried,
                    planned.weight,
                    Some((clock, alike)),
                    floor,
                );
            }
            // Found names carrying a spelling that a walked part resembles, too common to
            // walk, get the part's approximate credit unless the part credited them already.
            for c in &common_alike {
                let clock = s.restamp(&c.walked);
                s.credit_found(
                    &c.lists,
                    &c.common,
                    &self.carried,
                    c.alike,
                    Some((clock, c.alike)),
                    floor,
                );
            }
            for planned in plan.iter().filter(|p| p.lookup == Lookup::Verify) {
                s.credit_found(
                    &planned.lists,
                    &planned.common,
                    &self.carried,
                    planned.weight,
                    None,
                    floor,
                );
            }
            let ranked = self.best_ranked(s, opts);
            entities.extend(ranked.iter().map(|(_, name)| self.names[*name as usize].0));
            // More names found than are scored: the query's birth date picks namesakes too.
            if !born_on.is_empty() && s.touched.len() > ranked.len() {
                let born = self.born_ranked(s, &born_on, &ranked, opts);
                entities.extend(born.iter().map(|(_, name)| self.names[*name as usize].0));
            }
            s.reset();
        }
        if !born_on.is_empty() {
            self.born_that_day(q, &born_on, opts, &mut entities);
        }
        entities.sort_unstable();
        entities.dedup();
        Some(entities)
    }

    /// Credits the names carrying a query part: its own spellings in full, then approximate
    /// keys (typo, skeleton, phonetic code) in part; a stamp makes each name count once per
    /// query part. An approximate key's spelling carried by more names than a common code
    /// (at scale: a frequent family name one edit or one vowel away) is not walked but
    /// returned, to be checked against the names every part found (`CommonAlike`).
    fn walk<'a>(
        &'a self,
        qn: &PreparedName,
        planned: &Planned<'a>,
        s: &mut Scratch,
        floor: f32,
        vocab_hits: &mut Vec<u32>,
    ) -> Option<CommonAlike<'a>> {
        let (part, w) = (&qn.name.parts[planned.position], planned.weight);
        let clock = s.next_clock();
        for list in &planned.lists {
            s.credit_all(list, clock, w, floor);
        }
        if (w as f64) < MIN_APPROXIMATE_WEIGHT {
            return None;
        }
        vocab_hits.clear();
        self.lookup(part, false, vocab_hits);
        let most = self.pairs.common_above() as usize;
        let alike = w * APPROXIMATE_CREDIT;
        let (mut common, mut numbers) = (SmallVec::new(), SmallVec::new());
        for &v in vocab_hits.iter() {
            let Some(list) = self.postings.get(v as usize) else {
                continue;
            };
            if list.len() > most {
                common.push(list);
                numbers.push(self.carried.number(v));
            } else {
                s.credit_all(list, clock, alike, floor);
            }
        }
        if common.is_empty() {
            return None;
        }
        let walked = planned
            .lists
            .iter()
            .copied()
            .chain(
                vocab_hits
                    .iter()
                    .filter_map(|&v| self.postings.get(v as usize))
                    .filter(|list| list.len() <= most),
            )
            .collect();
        Some(CommonAlike {
            walked,
            lists: common,
            common: numbers,
            alike,
        })
    }

    /// The vocabulary ids of `part`'s own spellings.
    fn exact_spellings(&self, part: &zeef_names::NamePart) -> SmallVec<[u32; 4]> {
        part.spellings()
            .filter_map(|sp| self.vocab.get(sp).copied())
            .collect()
    }

    /// A Korean or Chinese given name written as one part ("성진": songjin) is listed as two
    /// syllables (Song Jin): the vocabulary ids of both halves of a spelling that splits into
    /// two listed words.
    fn syllables_apart(&self, part: &zeef_names::NamePart, out: &mut Vec<u32>) {
        if !zeef_names::similarity::is_syllabic(part) {
            self.connector_apart(part, out);
            return;
        }
        for sp in part.spellings() {
            for at in 2..sp.len().saturating_sub(1) {
                let (Some(head), Some(tail)) = (sp.get(..at), sp.get(at..)) else {
                    continue;
                };
                if let (Some(&h), Some(&t)) = (self.vocab.get(head), self.vocab.get(tail)) {
                    out.push(h);
                    out.push(t);
                }
            }
        }
    }

    /// A name written together with its connector ("Benslimane", "Binladen", "Vandijk") is
    /// listed apart (Ben Slimane): the vocabulary id of the name after the connector.
    fn connector_apart(&self, part: &zeef_names::NamePart, out: &mut Vec<u32>) {
        use zeef_names::lexicon::{CONNECTORS, PARTICLES};
        let text = part.text.as_str();
        // Only a word the lists do not have as it is written.
        if text.len() < 6 || self.vocab.contains_key(text) {
            return;
        }
        for head in CONNECTORS.words().iter().chain(PARTICLES.words()) {
            if let Some(rest) = text.strip_prefix(head)
                && rest.len() >= 4
                && let Some(&id) = self.vocab.get(rest)
            {
                out.push(id);
            }
        }
    }

    /// Vocabulary ids resembling `part`: with `exact`, the same spellings; otherwise one edit
    /// away, same skeleton or same phonetic code.
    fn lookup(&self, part: &zeef_names::NamePart, exact: bool, out: &mut Vec<u32>) {
        self.syllables_apart(part, out);
        if exact {
            out.extend(
                part.spellings()
                    .filter_map(|sp| self.vocab.get(sp).copied()),
            );
            return;
        }
        let mut hashes: Vec<u64> = Vec::with_capacity(24);
        for sp in part.spellings() {
            hashes.clear();
            deletion_hashes(sp, &mut hashes);
            for h in &hashes {
                if let Some(vs) = self.deletion_keys.get(h) {
                    out.extend_from_slice(vs);
                }
            }
        }
        // Short codes are shared by too many unrelated parts to be worth following.
        if part.skeleton.len() >= 3
            && let Some(vs) = self.skeleton_keys.get(&part.skeleton)
        {
            out.extend_from_slice(vs);
        }
        if part.phonetic.len() >= 3
            && let Some(vs) = self.phonetic_keys.get(&part.phonetic)
        {
            out.extend_from_slice(vs);
        }
        out.sort_unstable();
        out.dedup();
    }
}
