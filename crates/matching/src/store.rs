//! The listed entities, kept compactly: each entity encoded in a few bytes of a shared arena
//! (its strings back to back, lengths as varints) and decoded when asked for. An `Entity`
//! value costs about 1 KB (a map of lists of strings, provenance); encoded, a typical listed
//! entity takes a tenth of that. The provenance fields every entity of a list shares (source,
//! list date, file hash, snapshot) are kept once, in a table.
//!
//! Screening reads only an entity's id, schema and source, straight from the arena without
//! decoding; callers that show an entity decode it ([`EntityStore::get`]).

use std::collections::BTreeMap;

use crate::fxhash::FxHashMap;
use zeef_model::{CrossRef, Entity, Identification, Prop, Provenance, Schema};

/// Bytes of one arena chunk. Records are never split across chunks (a larger record gets a
/// chunk of its own), and chunks are never reallocated: the arena grows without copying.
const CHUNK: usize = 1 << 20;

/// Where a record (or a string in it) starts: chunk number and offset, packed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pos(u64);

impl Pos {
    fn new(chunk: usize, offset: usize) -> Pos {
        Pos(((chunk as u64) << 32) | offset as u64)
    }

    fn chunk(self) -> usize {
        (self.0 >> 32) as usize
    }

    fn offset(self) -> usize {
        (self.0 & 0xffff_ffff) as usize
    }

    /// `n` bytes further in the same chunk.
    pub(crate) fn plus(self, n: usize) -> Pos {
        Pos(self.0 + n as u64)
    }
}

/// The provenance fields shared by the entities of one list.
type SharedProvenance = (String, Option<String>, Option<String>, Option<String>);

/// Encoded entities, in the order they were added.
#[derive(Default)]
pub(crate) struct EntityStore {
    chunks: Vec<Vec<u8>>,
    records: Vec<Pos>,
    provenances: Vec<SharedProvenance>,
    provenance_ids: FxHashMap<SharedProvenance, u32>,
}

/// One entity encoded, before it is placed in the arena.
pub(crate) struct Encoded {
    bytes: Vec<u8>,
    /// Property, offset in the record and length of each name value, in [`Entity::names`]
    /// order.
    pub(crate) names: Vec<(Prop, u32, u32)>,
    shared: SharedProvenance,
}

fn put_len(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_len(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

fn put_strs(out: &mut Vec<u8>, v: &[String]) {
    put_len(out, v.len());
    for s in v {
        put_str(out, s);
    }
}

/// Encodes `e` (the shared provenance index is filled in when the record is placed).
///
/// Layout: schema (1 byte), shared provenance number (4 bytes), id; record ids, references,
/// cross references; then each property (number, values), each extra property (name,
/// values) and each identification (property number, number, country). Lengths and counts
/// are varints.
pub(crate) fn encode(e: &Entity) -> Encoded {
    let mut out = Vec::with_capacity(64);
    out.push(e.schema as u8);
    out.extend_from_slice(&[0; 4]);
    put_str(&mut out, &e.id);
    let p = &e.provenance;
    put_strs(&mut out, &p.record_ids);
    put_strs(&mut out, &p.references);
    put_len(&mut out, p.cross_refs.len());
    for c in &p.cross_refs {
        put_str(&mut out, &c.source);
        put_str(&mut out, &c.reference);
    }
    put_len(&mut out, e.props.len());
    let mut spans: Vec<(Prop, u32, u32)> = Vec::new();
    for (&prop, values) in &e.props {
        out.push(prop as u8);
        put_len(&mut out, values.len());
        for v in values {
            put_len(&mut out, v.len());
            if Prop::NAMES.contains(&prop) {
                spans.push((prop, out.len() as u32, v.len() as u32));
            }
            out.extend_from_slice(v.as_bytes());
        }
    }
    put_len(&mut out, e.extra.len());
    for (k, values) in &e.extra {
        put_str(&mut out, k);
        put_strs(&mut out, values);
    }
    put_len(&mut out, e.identifications.len());
    for i in &e.identifications {
        out.push(i.prop as u8);
        put_str(&mut out, &i.number);
        put_str(&mut out, &i.country);
    }
    // Names in `Entity::names` order: by `Prop::NAMES`, each property's values in order.
    let names = Prop::NAMES
        .iter()
        .flat_map(|&p| spans.iter().filter(move |s| s.0 == p))
        .copied()
        .collect();
    Encoded {
        bytes: out,
        names,
        shared: (
            p.source.clone(),
            p.list_date.clone(),
            p.sha256.clone(),
            p.snapshot.clone(),
        ),
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn len(&mut self) -> usize {
        let mut n = 0usize;
        let mut shift = 0;
        loop {
            let byte = self.b[self.at];
            self.at += 1;
            n |= ((byte & 0x7f) as usize) << shift;
            if byte < 0x80 {
                return n;
            }
            shift += 7;
        }
    }

    fn str(&mut self) -> &'a str {
        let n = self.len();
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        // Written from a `&str` by `encode`.
        std::str::from_utf8(s).unwrap_or_default()
    }

    fn strings(&mut self) -> Vec<String> {
        let n = self.len();
        (0..n).map(|_| self.str().to_string()).collect()
    }
}

impl EntityStore {
    /// Places an encoded entity at the end; returns where it is.
    pub(crate) fn push(&mut self, mut e: Encoded) -> Pos {
        let next = self.provenances.len() as u32;
        let shared = *self.provenance_ids.entry(e.shared.clone()).or_insert(next);
        if shared == next {
            self.provenances.push(e.shared);
        }
        e.bytes[1..5].copy_from_slice(&shared.to_le_bytes());
        let n = e.bytes.len();
        let fits = self
            .chunks
            .last()
            .is_some_and(|c| c.capacity() - c.len() >= n);
        if !fits {
            self.chunks.push(Vec::with_capacity(CHUNK.max(n)));
        }
        let chunk = self.chunks.len() - 1;
        let c = &mut self.chunks[chunk];
        let pos = Pos::new(chunk, c.len());
        c.extend_from_slice(&e.bytes);
        self.records.push(pos);
        pos
    }

    /// Gives back the spare room of the last chunk and of the tables.
    pub(crate) fn shrink_to_fit(&mut self) {
        if let Some(c) = self.chunks.last_mut() {
            c.shrink_to_fit();
        }
        self.chunks.shrink_to_fit();
        self.records.shrink_to_fit();
        self.provenance_ids = FxHashMap::default();
    }

    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    fn bytes(&self, pos: Pos) -> &[u8] {
        &self.chunks[pos.chunk()][pos.offset()..]
    }

    /// The `len` bytes at `pos` as text (a name span of [`Encoded::names`]).
    pub(crate) fn text(&self, pos: Pos, len: usize) -> &str {
        std::str::from_utf8(&self.bytes(pos)[..len]).unwrap_or_default()
    }

    pub(crate) fn schema(&self, i: usize) -> Schema {
        let b = self.bytes(self.records[i])[0] as usize;
        Schema::ALL.get(b).copied().unwrap_or(Schema::LegalEntity)
    }

    fn shared(&self, i: usize) -> &SharedProvenance {
        let b = self.bytes(self.records[i]);
        let n = u32::from_le_bytes([b[1], b[2], b[3], b[4]]);
        &self.provenances[n as usize]
    }

    /// The source (dataset) of entity `i`.
    pub(crate) fn source(&self, i: usize) -> &str {
        &self.shared(i).0
    }

    pub(crate) fn id(&self, i: usize) -> &str {
        Reader {
            b: self.bytes(self.records[i]),
            at: 5,
        }
        .str()
    }

    /// Entity `i`, decoded.
    pub(crate) fn get(&self, i: usize) -> Option<Entity> {
        let pos = *self.records.get(i)?;
        let mut r = Reader {
            b: self.bytes(pos),
            at: 5,
        };
        let (source, list_date, sha256, snapshot) = self.shared(i).clone();
        let id = r.str().to_string();
        let record_ids = r.strings();
        let references = r.strings();
        let n = r.len();
        let cross_refs = (0..n)
            .map(|_| CrossRef {
                source: r.str().to_string(),
                reference: r.str().to_string(),
            })
            .collect();
        let mut props = BTreeMap::new();
        for _ in 0..r.len() {
            let p = Prop::ALL[r.b[r.at] as usize];
            r.at += 1;
            props.insert(p, r.strings());
        }
        let mut extra = BTreeMap::new();
        for _ in 0..r.len() {
            let k = r.str().to_string();
            extra.insert(k, r.strings());
        }
        let identifications = (0..r.len())
            .map(|_| {
                let prop = Prop::ALL[r.b[r.at] as usize];
                r.at += 1;
                Identification {
                    prop,
                    number: r.str().to_string(),
                    country: r.str().to_string(),
                }
            })
            .collect();
        Some(Entity {
            id,
            schema: self.schema(i),
            props,
            extra,
            identifications,
            provenance: Provenance {
                source,
                list_date,
                sha256,
                snapshot,
                record_ids,
                references,
                cross_refs,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records keep a schema and each property as one byte, read back by position in
    /// `Schema::ALL` / `Prop::ALL`: every variant must sit at its own number there.
    #[test]
    fn schemas_and_properties_read_back_from_their_byte() {
        for s in Schema::ALL {
            assert_eq!(Schema::ALL[s as u8 as usize], s);
        }
        for &p in Prop::ALL {
            assert_eq!(Prop::ALL[p as u8 as usize], p);
        }
    }

    #[test]
    fn entities_come_back_as_they_went_in() {
        let mut a = Entity::new("un-QDi.299", Schema::Person, "un");
        a.add(Prop::Name, "Abd al-Rahman al-Qasimi");
        a.add(Prop::Alias, "Abdulrahman Qasimi");
        a.add(Prop::Alias, "عبد الرحمن");
        a.add(Prop::BirthDate, "1961-03-04");
        a.add(Prop::Nationality, "iq");
        a.extra
            .insert("notes".into(), vec!["x".repeat(300), "y".into()]);
        a.add_issued(Prop::PassportNumber, "A 1234567", "Iraq");
        a.add_issued(Prop::IdNumber, "77-1", "Soviet Union");
        a.provenance.list_date = Some("2026-01-02".into());
        a.provenance.record_ids.push("6908".into());
        a.provenance.references.push("QDi.299".into());
        a.provenance.cross_refs.push(CrossRef {
            source: "uk".into(),
            reference: "AQD0001".into(),
        });
        let mut b = Entity::new("x-2", Schema::Vessel, "uk");
        b.add(Prop::Name, "Ocean Star");
        let big = Entity {
            props: [(Prop::Notes, vec!["z".repeat(CHUNK + 10)])].into(),
            ..Entity::new("big", Schema::Company, "un")
        };
        let all = [a, b, big.clone(), big];
        let mut store = EntityStore::default();
        for e in &all {
            let enc = encode(e);
            let names: Vec<String> = enc
                .names
                .iter()
                .map(|&(_, at, len)| {
                    String::from_utf8(enc.bytes[at as usize..(at + len) as usize].to_vec()).unwrap()
                })
                .collect();
            let want: Vec<&str> = e.names().map(|(_, n)| n).collect();
            assert_eq!(names, want);
            store.push(enc);
        }
        store.shrink_to_fit();
        assert_eq!(store.len(), all.len());
        for (i, e) in all.iter().enumerate() {
            assert_eq!(store.get(i).as_ref(), Some(e));
            assert_eq!(store.id(i), e.id);
            assert_eq!(store.schema(i), e.schema);
            assert_eq!(store.source(i), e.provenance.source);
        }
        assert_eq!(store.provenances.len(), 3);
        assert!(store.get(all.len()).is_none());
    }
}
