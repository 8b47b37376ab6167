//! Building an index: entities encoded and prepared in batches, names and parts numbered,
//! posting lists and approximate keys made.

use super::*;

/// Entities handed to the builder are prepared in batches of this many (in parallel), then
/// dropped: only their encoded form stays.
const BATCH: usize = 4096;

/// Builds an [`Index`] from entities given one by one, so that a caller streaming a large
/// list never holds all of it as `Entity` values: each is encoded into the index's compact
/// store and its name texts analysed once per distinct name at [`IndexBuilder::finish`].
#[derive(Default)]
pub struct IndexBuilder {
    store: EntityStore,
    pending: Vec<Entity>,
    /// Hash of a distinct (analysis kind, property, text) name -> its number.
    distinct: FxHashMap<u64, u32>,
    /// Distinct names whose hash an earlier, different name has (rare).
    collided: HashMap<(NameKind, Prop, String), u32>,
    /// Distinct names: kind, property, where the text is in the store, its length.
    keys: Vec<(NameKind, Prop, Pos, u32)>,
    /// Distinct-name numbers of each entity's names as its schema's kind, then, for a
    /// LegalEntity, the same names as a person's.
    refs: Vec<u32>,
    /// Entity -> start of its `refs` (one more entry than entities).
    starts: Vec<u32>,
    /// Entity -> how many of its refs are its names as its schema's kind.
    own: Vec<u32>,
    /// Each entity's record without its names (filled in at `finish`).
    records: Vec<Prepared>,
    /// (hash of an entity id, entity number).
    by_id: Vec<(u64, u32)>,
    /// Part codes carried by more names than this are keyed in pairs (`None`: the default).
    common_code_names: Option<u32>,
    /// (wallet entity number, its holder's id).
    holders: Vec<(u32, String)>,
}

fn name_hash(kind: NameKind, prop: Prop, text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = FxHasher::default();
    kind.hash(&mut h);
    prop.hash(&mut h);
    text.hash(&mut h);
    h.finish()
}

impl IndexBuilder {
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    /// Part codes carried by more names than `names` are looked up in pairs (see `pairs`;
    /// default [`COMMON_CODE_NAMES`]): to measure what pairs change, or to try them on a
    /// small list.
    pub fn common_code_names(mut self, names: u32) -> IndexBuilder {
        self.common_code_names = Some(names);
        self
    }

    /// Adds one entity (entities are numbered in the order they are added).
    pub fn add(&mut self, entity: Entity) {
        self.pending.push(entity);
        if self.pending.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.pending);
        let done: Vec<(Encoded, Prepared, u64)> = batch
            .par_iter()
            .map(|e| {
                let mut p = Prepared::with_names(e, Vec::new(), Vec::new());
                p.shrink_to_fit();
                (encode(e), p, id_hash(&e.id))
            })
            .collect();
        let first = self.store.len();
        for (i, e) in batch.iter().enumerate() {
            if let Some(holder) = e.first(Prop::Holder) {
                self.holders.push(((first + i) as u32, holder.to_string()));
            }
        }
        drop(batch);
        for (mut enc, record, idh) in done {
            let ei = self.store.len() as u32;
            let schema = record.schema;
            let names = std::mem::take(&mut enc.names);
            let at = self.store.push(enc);
            self.starts.push(self.refs.len() as u32);
            self.own.push(names.len() as u32);
            let person = (schema == Schema::LegalEntity).then_some(NameKind::Person);
            for kind in std::iter::once(name_kind(schema)).chain(person) {
                for &(prop, off, len) in &names {
                    let pos = at.plus(off as usize);
                    let id = self.distinct_name(kind, prop, pos, len);
                    self.refs.push(id);
                }
            }
            self.records.push(record);
            self.by_id.push((idh, ei));
        }
    }

    /// The number of distinct name (kind, prop, text at `pos`), numbering it if new.
    fn distinct_name(&mut self, kind: NameKind, prop: Prop, pos: Pos, len: u32) -> u32 {
        let text = self.store.text(pos, len as usize);
        let next = self.keys.len() as u32;
        let h = name_hash(kind, prop, text);
        let first = *self.distinct.entry(h).or_insert(next);
        let id = if first == next {
            next
        } else {
            let (k, p, at, n) = self.keys[first as usize];
            if k == kind && p == prop && self.store.text(at, n as usize) == text {
                return first;
            }
            *self
                .collided
                .entry((kind, prop, text.to_string()))
                .or_insert(next)
        };
        if id == next {
            self.keys.push((kind, prop, pos, len));
        }
        id
    }

    /// The index over every entity added.
    pub fn finish(mut self) -> Index {
        self.flush();
        let IndexBuilder {
            mut store,
            refs,
            mut starts,
            own,
            records,
            mut by_id,
            keys,
            common_code_names,
            holders,
            ..
        } = self;
        store.shrink_to_fit();
        starts.push(refs.len() as u32);
        let empty = PartStats::default();
        // Names are analysed in parallel; each part is then replaced by the first equal part
        // met (a few tens of thousands of distinct parts make up millions of names), in the
        // thread that made it, so that the copies are given back where they were allocated.
        let distinct_parts: Mutex<HashSet<Arc<NamePart>, BuildHasherDefault<FxHasher>>> =
            Mutex::default();
        let mut analysed: Vec<PreparedName> = keys
            .par_iter()
            .map(|&(kind, prop, at, len)| {
                let mut n = PreparedName::new(prop, kind, store.text(at, len as usize), &empty);
                // While its parts are still its own, so that the kept copies are trimmed.
                n.shrink_to_fit();
                let mut copies: SmallVec<[Arc<NamePart>; 4]> = SmallVec::new();
                let mut set = distinct_parts.lock().unwrap_or_else(|e| e.into_inner());
                for part in n.name.parts.iter_mut() {
                    if let Some(first) = set.get(&**part) {
                        copies.push(std::mem::replace(part, Arc::clone(first)));
                    } else {
                        set.insert(Arc::clone(part));
                    }
                }
                drop(set);
                drop(copies);
                n
            })
            .collect();
        drop(distinct_parts);
        drop(keys);
        let range = |ei: usize| starts[ei] as usize..starts[ei + 1] as usize;
        // An entity's names as its schema's kind: the first `own[ei]` of its refs.
        let own_refs = |ei: usize| &refs[range(ei)][..own[ei] as usize];
        // Part frequencies: each entity counts once per canonical part.
        let mut counts: HashMap<String, u32> = HashMap::new();
        for ei in 0..records.len() {
            let mut seen: Vec<&str> = own_refs(ei)
                .iter()
                .flat_map(|&id| analysed[id as usize].name.parts.iter())
                .filter(|part| part.kind == PartKind::Word)
                .map(|part| part.text.as_str())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                *counts.entry(t.to_string()).or_insert(0) += 1;
            }
        }
        let stats = PartStats::from_counts(counts, records.len() as u32);
        analysed.par_iter_mut().for_each(|n| {
            n.weights = n.name.parts.iter().map(|p| stats.weight(p)).collect();
            n.shrink_to_fit();
        });
        let shared: Vec<Arc<PreparedName>> = analysed.into_iter().map(Arc::new).collect();
        // Filled in place: a second vector of records would double their memory for a while.
        let mut prepared = records;
        prepared.par_iter_mut().enumerate().for_each(|(ei, p)| {
            let (names, person) = refs[range(ei)].split_at(own[ei] as usize);
            let pick = |ids: &[u32]| -> Vec<Arc<PreparedName>> {
                ids.iter()
                    .map(|&id| &shared[id as usize])
                    .filter(|n| !n.name.parts.is_empty())
                    .cloned()
                    .collect()
            };
            p.names = pick(names);
            p.person_names = pick(person);
            p.names.shrink_to_fit();
            p.person_names.shrink_to_fit();
        });
        // Distinct-name numbers of each record's names (those with parts), for the memo.
        let has_parts = |id: &&u32| !shared[**id as usize].name.parts.is_empty();
        let name_ids =
            NameIds::new((0..prepared.len()).map(|ei| refs[range(ei)].iter().filter(has_parts)));
        let part_ids = PartIds::build(&shared);
        drop(shared);
        drop(refs);

        let mut names: Vec<(u32, f32)> = Vec::new();
        let mut vocab: FxHashMap<String, u32> = FxHashMap::default();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (ei, p) in prepared.iter().enumerate() {
            for n in &p.names {
                let name_id = names.len() as u32;
                names.push((
                    ei as u32,
                    n.name
                        .parts
                        .iter()
                        .zip(&n.weights)
                        .filter(|(p, _)| indexed(p.kind))
                        .map(|(_, w)| *w as f32)
                        .sum::<f32>(),
                ));
                for part in n.name.parts.iter().filter(|p| indexed(p.kind)) {
                    for s in part.spellings() {
                        let next = postings.len() as u32;
                        let v = *vocab.entry(s.to_string()).or_insert(next);
                        if v == next {
                            postings.push(Vec::new());
                        }
                        let list = &mut postings[v as usize];
                        if list.last() != Some(&name_id) {
                            list.push(name_id);
                        }
                    }
                }
            }
        }
        let number = locality_numbers(names.len(), &postings);
        let names = {
            let mut renumbered = vec![(0, 0.0); names.len()];
            for (listed, name) in names.into_iter().enumerate() {
                renumbered[number[listed] as usize] = name;
            }
            renumbered
        };
        postings.par_iter_mut().for_each(|list| {
            list.iter_mut()
                .for_each(|name| *name = number[*name as usize]);
            list.sort_unstable();
        });
        let carried = Carried::build(names.len(), &postings);
        let mut words: Vec<(&String, &u32)> = vocab.iter().collect();
        words.sort_by_key(|(_, v)| **v);
        let keyed: Vec<(u32, Vec<u64>, String, String)> = words
            .par_iter()
            .map(|(w, v)| {
                let mut dels = Vec::with_capacity(w.len() + 1);
                deletion_hashes(w, &mut dels);
                (**v, dels, skeleton(w), phonetic(w))
            })
            .collect();
        let mut deletion_keys: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        let mut skeleton_keys: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut phonetic_keys: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (v, dels, skel, phon) in keyed {
            for d in dels {
                deletion_keys.entry(d).or_default().push(v);
            }
            if skel.len() >= 2 {
                skeleton_keys.entry(skel).or_default().push(v);
            }
            if phon.len() >= 2 {
                phonetic_keys.entry(phon).or_default().push(v);
            }
        }
        let pairs = PairIndex::build(
            &prepared,
            indexed,
            common_code_names.unwrap_or(COMMON_CODE_NAMES),
            &number,
        );
        drop(number);
        by_id.sort_unstable();
        by_id.shrink_to_fit();
        let born = born::Born::build(&prepared, &names);
        let mut index = Index {
            store,
            prepared,
            name_ids,
            part_ids,
            by_id,
            stats,
            names,
            born,
            vocab,
            postings,
            carried,
            deletion_keys,
            skeleton_keys,
            phonetic_keys,
            pairs,
            ids: IdIndex::default(),
        };
        let holder: FxHashMap<u32, u32> = holders
            .iter()
            .filter_map(|(wallet, id)| Some((*wallet, index.position(id)? as u32)))
            .collect();
        index.ids = IdIndex::build(&index.prepared, |ei| holder.get(&(ei as u32)).copied());
        index
    }
}

/// New numbers for names (indexed by their number in listing order), putting side by side
/// the names whose rarest spelling (shortest posting list) is the same, within that group
/// those whose second rarest is the same, then in listing order. A query mostly walks its
/// rarer parts' lists and the pair lists of a common part with another, crediting each name
/// in a slot of its own: grouped, the slots of one list share cache lines and pages instead
/// of being scattered over the whole list.
pub(super) fn locality_numbers(names: usize, postings: &[Vec<u32>]) -> Vec<u32> {
    // The two rarest (list length, vocabulary id) per name; names without one go last.
    let none = (u32::MAX, u32::MAX);
    let mut rarest: Vec<[(u32, u32); 2]> = vec![[none, none]; names];
    for (v, list) in postings.iter().enumerate() {
        let key = (list.len() as u32, v as u32);
        for &name in list {
            let r = &mut rarest[name as usize];
            if key < r[0] {
                r[1] = r[0];
                r[0] = key;
            } else if key < r[1] {
                r[1] = key;
            }
        }
    }
    let mut order: Vec<(u32, u32, u32)> = rarest
        .iter()
        .enumerate()
        .map(|(listed, r)| (r[0].1, r[1].1, listed as u32))
        .collect();
    drop(rarest);
    order.par_sort_unstable();
    let mut number = vec![0u32; names];
    for (new, (_, _, listed)) in order.into_iter().enumerate() {
        number[listed as usize] = new as u32;
    }
    number
}

impl Index {
    /// Builds the index (name analysis runs in parallel). See [`IndexBuilder`] to add
    /// entities one by one instead. Entities are taken a batch at a time: an index over
    /// copies of entities the caller keeps (`Index::build(entities.iter().cloned())`) never
    /// holds a second copy of them all.
    pub fn build(entities: impl IntoIterator<Item = Entity>) -> Index {
        let mut b = IndexBuilder::new();
        for e in entities {
            b.add(e);
        }
        b.finish()
    }
}
