//! Explanations: why a record scored what it scored, as numbers and as plain English a
//! compliance officer can read. Serialisable, so the CLI, server and audit store keep them.

use serde::{Deserialize, Serialize};

/// One query name part aligned with one listed name part (or left unmatched).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartMatch {
    /// The query part as written (None: a listed part nothing in the query matched).
    pub query: Option<String>,
    /// The listed part as written (None: a query part nothing listed matched).
    pub listed: Option<String>,
    /// Similarity of the two parts in [0, 1] (0 when unmatched).
    pub similarity: f64,
    /// How they were found alike: exact, transliteration, phonetic, skeleton, edit distance,
    /// initial, or unmatched.
    pub how: String,
    /// The informativeness weight the part carried in [0, 1].
    pub weight: f64,
    /// The part's role: word, particle, title, legal form, initial, number.
    pub kind: String,
}

/// How one feature moved the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    /// `name`, `birthDate`, `country`, `gender`, `identifier`, `schema`; for a party found
    /// by an identifier, `identifierMatch` or `identifierConflict` first, and
    /// `identifierCheck` when the query's number fails its check.
    pub feature: String,
    /// What it added to (or, negative, took from) the score.
    pub contribution: f64,
    /// One line of plain English.
    pub detail: String,
}

/// Why a record scored what it did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Explanation {
    /// The query name that matched best.
    pub query_name: String,
    /// The listed name it matched.
    pub matched_name: String,
    /// The property the listed name came from: name, alias, weakAlias, previousName.
    pub matched_property: String,
    /// Name similarity in [0, 1] before other features.
    pub name_score: f64,
    /// Part-by-part alignment of the two names.
    pub parts: Vec<PartMatch>,
    /// Each feature's contribution, the name first.
    pub features: Vec<Feature>,
    /// The final score.
    pub score: f64,
}

/// The feature of a party found by one of the query's identifiers.
pub const IDENTIFIER_MATCH: &str = "identifierMatch";
/// The feature of a party found by a passport or id number whose names differ from the
/// query's: a conflict to review.
pub const IDENTIFIER_CONFLICT: &str = "identifierConflict";

impl Explanation {
    /// True when the party was found by one of the query's identifiers (a match or a
    /// conflict to review), whatever its schema: a wallet address finds its holder.
    pub fn by_identifier(&self) -> bool {
        self.features
            .iter()
            .any(|f| f.feature == IDENTIFIER_MATCH || f.feature == IDENTIFIER_CONFLICT)
    }

    /// True for a party found by a passport or id number whose names differ from the query's:
    /// an alert to review whatever its score.
    pub fn is_conflict(&self) -> bool {
        self.features
            .iter()
            .any(|f| f.feature == IDENTIFIER_CONFLICT)
    }

    /// A few lines of plain English: the names that matched and each feature's effect.
    pub fn summary(&self) -> String {
        let mut out = format!(
            "score {:.2}: query \"{}\" vs listed {} \"{}\"",
            self.score, self.query_name, self.matched_property, self.matched_name
        );
        for f in &self.features {
            out.push_str(&format!("\n- {}", f.detail));
        }
        out
    }
}

/// "+0.05" / "-0.15" for explanations.
pub(crate) fn signed(x: f64) -> String {
    format!("{}{:.2}", if x < 0.0 { "-" } else { "+" }, x.abs())
}
