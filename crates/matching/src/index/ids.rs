//! Screening by identifier: every listed identifier under its normalised key (see
//! [`zeef_model::identifier`]), looked up exactly. A wallet address is listed under its
//! holder: a hit on it reports the party that holds it. An exact match of a strong kind (IMO,
//! MMSI, wallet, LEI, BIC, a registration number in the same country) is an alert on its own;
//! a passport, national id or tax number agreeing with a listed party whose names differ from
//! the query's is a conflict to review, shown as such and never scored up. A number whose
//! issuing country both sides give, and differently, is another document: no hit at all (a
//! party the name finds says so in its explanation).

use super::{Index, ScoredMatch, ScreenOptions};
use crate::compare::{Comparison, compare_prepared};
use crate::explain::{Feature, IDENTIFIER_CONFLICT, IDENTIFIER_MATCH};
use crate::features::issued_words;
use crate::fxhash::FxHashMap;
use crate::record::{Identifier, Issuers, Prepared, lookup_key};
use crate::weights::{ID_ALONE, ID_NAMES_AGREE, STRONG_ID};
use smallvec::SmallVec;
use zeef_model::identifier::{Check, IdKind, currency as currency_code, wallet_key};
use zeef_model::{Entity, Prop, Schema};

/// A listed identifier: the party it identifies, and the record and identifier that list it
/// (for a wallet, the wallet record, whose holder is the party).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Listing {
    pub party: u32,
    pub record: u32,
    /// Position in the record's prepared identifiers.
    pub slot: u16,
}

/// Normalised key -> where it is listed.
#[derive(Default)]
pub(super) struct IdIndex {
    keys: FxHashMap<String, SmallVec<[Listing; 1]>>,
}

impl IdIndex {
    /// Every identifier of `records`; `holder(i)` is the party wallet record `i` is held by.
    pub(super) fn build(records: &[Prepared], holder: impl Fn(usize) -> Option<u32>) -> IdIndex {
        let mut keys: FxHashMap<String, SmallVec<[Listing; 1]>> = FxHashMap::default();
        for (ei, p) in records.iter().enumerate() {
            let party = match p.schema {
                Schema::CryptoWallet => match holder(ei) {
                    Some(h) => h,
                    None => continue,
                },
                _ => ei as u32,
            };
            for (slot, id) in p.ids.iter().enumerate().take(u16::MAX as usize) {
                let listing = Listing {
                    party,
                    record: ei as u32,
                    slot: slot as u16,
                };
                let at = keys.entry(id.normalised.clone()).or_default();
                if !at.iter().any(|l| l.party == party) {
                    at.push(listing);
                }
            }
        }
        keys.shrink_to_fit();
        IdIndex { keys }
    }

    pub(super) fn get(&self, key: &str) -> &[Listing] {
        self.keys.get(key).map_or(&[], |l| l.as_slice())
    }

    pub(super) fn len(&self) -> usize {
        self.keys.len()
    }
}

/// A query identifier found listed.
#[derive(Debug, Clone, Copy)]
pub(super) struct IdHit {
    /// Position in the query's prepared identifiers.
    pub query: usize,
    pub listing: Listing,
}

/// What an identifier hit makes of a party's comparison.
pub(super) struct Identified {
    pub party: u32,
    pub comparison: Comparison,
    /// A passport or id number agreeing with a party of other names: to review.
    pub conflict: bool,
}

impl Identified {
    /// The hit as a result: an alert at `threshold`, or when it is a conflict to review.
    pub(super) fn scored(&self, id: &str, threshold: f64) -> ScoredMatch {
        ScoredMatch {
            index: self.party as usize,
            id: id.to_string(),
            score: self.comparison.score,
            is_match: self.conflict || self.comparison.score >= threshold,
            explanation: self.comparison.explanation.clone(),
        }
    }
}

/// Puts the identified parties' scores in place of their name scores in `scored` ((score,
/// entity number) pairs): those reaching `floor`, and every conflict to review.
pub(super) fn add_identified(scored: &mut Vec<(f64, u32)>, identified: &[Identified], floor: f64) {
    if identified.is_empty() {
        return;
    }
    scored.retain(|(_, ei)| !identified.iter().any(|h| h.party == *ei));
    scored.extend(
        identified
            .iter()
            .filter(|h| h.conflict || h.comparison.score >= floor)
            .map(|h| (h.comparison.score, h.party)),
    );
}

impl Index {
    /// The listed parties carrying one of `q`'s identifiers (by its normalised key; a number
    /// of unknown kind is also tried as a wallet address), admitted by `opts`, first hit per
    /// party; not where both give the number's issuing country and they differ.
    pub(super) fn id_hits(&self, q: &Prepared, opts: &ScreenOptions) -> Vec<IdHit> {
        let mut hits: Vec<IdHit> = Vec::new();
        for (qi, id) in q.ids.iter().enumerate() {
            let as_wallet = (id.kind != IdKind::Wallet)
                .then(|| lookup_key(IdKind::Wallet, &wallet_key(&id.value)));
            let listed = self
                .ids
                .get(&id.normalised)
                .iter()
                .chain(as_wallet.iter().flat_map(|k| self.ids.get(k)));
            for &listing in listed {
                if hits.iter().any(|h| h.listing.party == listing.party)
                    || !self.allowed(listing.party, opts)
                {
                    continue;
                }
                // Only a query number with an issuer can be issued elsewhere: no other query
                // reads the listed record here.
                let issued_elsewhere = id.issuer.is_some()
                    && self
                        .prepared
                        .get(listing.record as usize)
                        .and_then(|r| id.same_number(&r.ids))
                        .is_some_and(|(_, i)| matches!(i, Issuers::Different { .. }));
                if issued_elsewhere {
                    continue;
                }
                hits.push(IdHit { query: qi, listing });
            }
        }
        hits
    }

    /// Entity numbers listing `value` as an identifier of any kind (`prop` says how to read
    /// it: `idNumber` for a number of unknown kind), as the parties found: a wallet's holder.
    pub fn lookup_identifier(&self, prop: Prop, value: &str) -> Vec<usize> {
        let mut q = Prepared::with_names(
            &zeef_model::Entity::new("", Schema::LegalEntity, ""),
            Vec::new(),
            Vec::new(),
        );
        q.ids.extend(Identifier::new(prop, value));
        let opts = ScreenOptions::default();
        self.id_hits(&q, &opts)
            .into_iter()
            .map(|h| h.listing.party as usize)
            .collect()
    }

    /// Number of distinct identifier keys indexed.
    pub fn identifier_count(&self) -> usize {
        self.ids.len()
    }

    /// Each hit's party compared with `q` (prepared from `query`) and the identifier rule
    /// applied (see the module documentation).
    pub(super) fn identified(
        &self,
        q: &Prepared,
        query: &Entity,
        hits: &[IdHit],
    ) -> Vec<Identified> {
        // The currency a wallet address was asked for (`--currency`), compared with the
        // listed wallet's: read from the query here, so that no prepared record carries it.
        let asked: Vec<String> = query
            .get(Prop::Currency)
            .iter()
            .map(|c| currency_code(c))
            .collect();
        hits.iter()
            .filter_map(|hit| {
                let party = hit.listing.party;
                let c = self.prepared.get(party as usize)?;
                let record = self.prepared.get(hit.listing.record as usize)?;
                let query = q.ids.get(hit.query)?;
                // The record's identifier with this number that agrees best on the issuer.
                let (listed, issuers) = match query.same_number(&record.ids) {
                    Some(found) => found,
                    None => (record.ids.get(hit.listing.slot as usize)?, Issuers::Unknown),
                };
                let has_names = !q.names.is_empty();
                // Identified by number, a party is compared as its own schema: a query with
                // no schema of its own (a number, a wallet) is no conflicting schema.
                let mut cmp = if q.schema.can_match(c.schema) {
                    compare_prepared(q, c)
                } else {
                    let mut as_party = q.clone();
                    as_party.schema = c.schema;
                    compare_prepared(&as_party, c)
                };
                let currency = (record.schema == Schema::CryptoWallet)
                    .then(|| self.entity(hit.listing.record as usize))
                    .flatten()
                    .and_then(|w| w.first(Prop::Currency).map(str::to_string));
                // A registration number names one company in its register's country: the
                // number's own country where given, else the query's and the party's.
                let strong = listed.kind.is_strong()
                    || (listed.kind == IdKind::Registration
                        && registered_alike(query, listed, q, c));
                let names_agree = cmp.explanation.name_score >= ID_NAMES_AGREE;
                let conflict = !strong && has_names && !names_agree;
                let record_id = self.store.id(hit.listing.record as usize);
                let what = describe(
                    query,
                    listed,
                    issuers,
                    currency.as_deref(),
                    record.schema,
                    record_id,
                );
                let (contribution, detail) = if strong {
                    let up = (STRONG_ID - cmp.score).max(0.0);
                    (
                        up,
                        format!("{what}: an exact match of an identifier that names one party, an alert on its own"),
                    )
                } else if conflict {
                    (
                        0.0,
                        format!("{what}, but the names differ: a conflict to review, not scored"),
                    )
                } else if !has_names {
                    let up = (ID_ALONE - cmp.score).max(0.0);
                    (up, format!("{what}: no name given to confirm it"))
                } else {
                    // Names agree: the identifier evidence is already in the score.
                    (0.0, format!("{what}, and the names agree"))
                };
                let e = &mut cmp.explanation;
                e.features.retain(|f| f.feature != "schema");
                if e.matched_name.is_empty() {
                    e.matched_name = self.caption(party as usize);
                    e.matched_property = listed.prop.as_str().to_string();
                }
                e.features.insert(
                    0,
                    Feature {
                        feature: if conflict {
                            IDENTIFIER_CONFLICT.into()
                        } else {
                            IDENTIFIER_MATCH.into()
                        },
                        contribution,
                        detail,
                    },
                );
                if let Some(listed) = currency.as_deref()
                    && !asked.is_empty()
                    && !asked.contains(&currency_code(listed))
                {
                    e.features.push(Feature {
                        feature: "currencyMismatch".into(),
                        contribution: 0.0,
                        detail: format!(
                            "asked as a {} address, listed as a {listed} wallet: the same address on another chain is another wallet; check the currency",
                            asked.join("/")
                        ),
                    });
                }
                if query.check == Check::Invalid {
                    e.features.push(Feature {
                        feature: "identifierCheck".into(),
                        contribution: 0.0,
                        detail: format!(
                            "{} {} fails its check: likely mistyped (looked up as given)",
                            query.kind.label(),
                            query.value
                        ),
                    });
                }
                let score = (cmp.score + contribution).clamp(0.0, 1.0);
                e.score = score;
                cmp.score = score;
                Some(Identified {
                    party,
                    comparison: cmp,
                    conflict,
                })
            })
            .collect()
    }

    /// The name to show for entity `i`.
    fn caption(&self, i: usize) -> String {
        self.entity(i)
            .map(|e| e.caption().to_string())
            .unwrap_or_default()
    }
}

/// True when a registration number's country is the same on both sides: each side's is the
/// number's own issuing country where given, else the record's countries.
fn registered_alike(query: &Identifier, listed: &Identifier, q: &Prepared, c: &Prepared) -> bool {
    let query_side: &[String] = &q.countries;
    let listed_side: &[String] = &c.countries;
    match (query.issuer, listed.issuer) {
        (Some(a), Some(b)) => a == b,
        (Some(a), None) => listed_side.iter().any(|x| x == a),
        (None, Some(b)) => query_side.iter().any(|x| x == b),
        (None, None) => query_side.iter().any(|x| listed_side.contains(x)),
    }
}

/// "IMO number IMO 7406784 is listed as imoNumber IMO7406784", "passport number A123 is
/// listed as this party's passportNumber A-123, issued by Iran on both", "wallet address
/// 12Qt… is listed as held by this party (XBT, record ofac_sdn-25308-XBT-12Qt…)".
fn describe(
    query: &Identifier,
    listed: &Identifier,
    issuers: Issuers,
    currency: Option<&str>,
    schema: Schema,
    record_id: &str,
) -> String {
    let kind = listed.kind.label();
    match schema {
        Schema::CryptoWallet => format!(
            "{kind} {} is listed as held by this party ({} wallet, record {record_id})",
            query.value,
            currency.unwrap_or("digital currency")
        ),
        _ => format!(
            "{kind} {} is listed as this party's {} {}{}",
            query.value,
            listed.prop,
            listed.value,
            issued_words(query, listed, issuers)
        ),
    }
}
