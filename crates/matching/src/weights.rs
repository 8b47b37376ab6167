//! The algorithm's weights: every number that sets a score, in one place. Changing any of
//! them changes scores: bump the algorithm's version (`zeef_screening::ALGORITHM`) with it.
//! Part similarities (how alike two spellings are) are the names crate's
//! (`zeef_names::similarity`); the rules that apply these numbers are in `align.rs` (names)
//! and `features.rs` (other evidence).

// Name parts: how much agreeing on a part says (see `part_stats.rs` for words).

/// Weight of a connector/particle (bin, van…): present for alignment, nearly no evidence.
pub const PARTICLE_WEIGHT: f64 = 0.05;
/// Weight of a legal form (LLC, GmbH…): shared by thousands of unrelated companies.
pub const LEGAL_FORM_WEIGHT: f64 = 0.1;
/// Weight of an initial: agrees with one name in ~20.
pub const INITIAL_WEIGHT: f64 = 0.3;
/// Weight of a number in a name (vessel "Ocean 7" vs "Ocean 8" must differ).
pub const NUMBER_WEIGHT: f64 = 0.8;
/// Lowest weight of a word, however common.
pub const MIN_WORD_WEIGHT: f64 = 0.2;

// Name alignment (`align.rs`): what an unmatched or conflicting part costs.

/// Below this, two parts are not the same name.
pub const MIN_PART_SIM: f64 = 0.75;
/// Least similarity of a misspelt word of an organisation's name (see `score_names_by`).
pub const MIN_MISSPELT_SIM: f64 = 0.5;
/// Share of its weight an unmatched query part costs (the query says a name the listed entity
/// does not carry).
pub const QUERY_MISS_COST: f64 = 1.0;
/// Share of its weight an unmatched listed part costs (lists often give full names with
/// father's and grandfather's names, which a query may leave out).
pub const LISTED_MISS_COST: f64 = 0.45;
/// Share of its weight an unmatched listed word of an organisation's name costs: a word more
/// (Banco Santander Chile, Deutsche Bank Trust Company) names a subsidiary or another company,
/// not the same one written in full.
pub const ORG_LISTED_MISS_COST: f64 = 1.0;
/// Share of its weight an unmatched part costs when it only lengthens the name: a person's
/// name written in full (patronymic, father's and grandfather's names) against a shorter form
/// of it whose every part is matched closely.
pub const SUBSET_MISS_COST: f64 = 0.3;
/// Share of its weight an unmatched listed part costs when the query has an unmatched part
/// too: a name in place of another (al-Tikriti / al-Mosuli) says "another person".
pub const CONFLICT_LISTED_MISS_COST: f64 = 0.7;
/// Least weight of an unmatched name part or initial when both sides have one left: a common
/// name in place of another (Mohamed / Ahmed) still says "another person".
pub const CONFLICT_MIN_WEIGHT: f64 = 0.8;
/// Least summed weight of the matched pairs for [`SUBSET_MISS_COST`] to apply (a rare part
/// weighs about 1, Mohammed or Ali about 0.3).
pub const SUBSET_MIN_INFO: f64 = 1.0;
/// Least similarity of every matched pair for [`SUBSET_MISS_COST`] to apply.
pub const SUBSET_MIN_SIM: f64 = 0.9;

/// Name score factor when a person's own name is aligned with the other name's father's name
/// (Salman bin Muhammad / Muhammad bin Salman: father and son, not one person).
pub const ROLE_SWAP_FACTOR: f64 = 0.6;

/// The most a name of initials only can score.
pub const INITIALS_ONLY_CAP: f64 = 0.6;

/// Name score factor for weak aliases ("low quality" aliases, per the lists).
pub const WEAK_ALIAS_FACTOR: f64 = 0.9;

/// Least weight of an unmatched legal form when each side has a different form of
/// incorporation (Deutsche Bank AG / Deutsche Bank GmbH: two companies of one group).
pub const INCORPORATION_CONFLICT_WEIGHT: f64 = 0.5;

/// Share of its weight a number costs where the other name has another number in its place:
/// members of one numbered series (Fund III / Fund IV, Snow Storm 1 / Snow Storm 2) are
/// related entities to review, not strangers.
pub const SERIES_MISS_COST: f64 = 0.5;

/// Similarity of an organisation's initials to its words (PLA / People's Liberation Army).
pub const ACRONYM_SIM: f64 = 0.9;

/// Least similarity for a join to be taken before single pairs.
pub const JOIN_FIRST_SIM: f64 = 0.9;
/// Least similarity of a part to the parts of the other side written together.
pub const JOIN_MIN_SIM: f64 = 0.85;
/// Each part of a person's name written with its space moved ("Ibrahi mNasser" / "Ibrahim
/// Nasser": the same letters in the same order, split a letter or two apart).
pub const MOVED_SPACE_SIM: f64 = 0.9;

// Evidence besides the name (`features.rs`).

/// Matched-part weight above which a name counts as fully informative (about two rare parts).
pub const INFORMATIVE_NAME: f64 = 1.5;
/// Exact birth day agrees.
pub const DOB_DAY: f64 = 0.06;
/// Birth year and month agree (one side gives no day).
pub const DOB_MONTH: f64 = 0.04;
/// Birth year agrees (or the ranges overlap).
pub const DOB_YEAR: f64 = 0.03;
/// Birth years one apart (or within an approximate date's slack): no credit, no penalty.
pub const DOB_NEAR: f64 = 0.0;
/// Same year, different day: likely a typo or a day/month swap; a small cost.
pub const DOB_SAME_YEAR_OTHER_DAY: f64 = -0.04;
/// Birth dates years apart: base cost, plus up to [`DOB_CONFLICT_COMMON`] for common names.
pub const DOB_CONFLICT: f64 = -0.25;
pub const DOB_CONFLICT_COMMON: f64 = -0.25;
/// Countries overlap / all differ (plus up to [`COUNTRY_CONFLICT_COMMON`] for common names).
pub const COUNTRY_MATCH: f64 = 0.03;
pub const COUNTRY_CONFLICT: f64 = -0.04;
pub const COUNTRY_CONFLICT_COMMON: f64 = -0.06;
/// Genders differ (both sides state one): Stephanie and Stephen are two people.
pub const GENDER_CONFLICT: f64 = -0.25;
/// Same identifier number: strong evidence.
pub const ID_MATCH: f64 = 0.3;
/// A different number of the same kind: strong counter-evidence.
pub const ID_CONFLICT: f64 = -0.25;
/// A different number of a kind that names one ship, bank, legal entity or wallet worldwide
/// (IMO, MMSI, LEI, BIC, wallet), both passing their check: another ship or bank.
pub const STRONG_ID_CONFLICT: f64 = -0.5;
/// The least score of a party found by an exact match of an identifier of a strong kind
/// (IMO, MMSI, wallet address, LEI, BIC, registration number in the same country): an alert
/// on its own, whatever the names.
pub const STRONG_ID: f64 = 0.95;
/// The least score of a party found by a passport, id or tax number when the query gives no
/// name to confirm it: an alert, below any confirmed match.
pub const ID_ALONE: f64 = 0.8;
/// Name score from which a party found by a passport, id or tax number has the query's
/// name; below it the names differ and the hit is a conflict to review, not scored.
pub const ID_NAMES_AGREE: f64 = 0.7;
