//! Informativeness of name parts: how much agreeing on a part says about identity.
//! Rare family names say a lot; Mohammed, Ali or Khan say little; titles, particles and
//! legal forms say almost nothing. Learned from token frequencies in the loaded lists and a
//! hand-written prior of globally common parts ([`zeef_names::lexicon::COMMON_PARTS`]).

use std::collections::HashMap;
use zeef_names::{NamePart, PartKind, lexicon};

use crate::weights::{
    INITIAL_WEIGHT, LEGAL_FORM_WEIGHT, MIN_WORD_WEIGHT, NUMBER_WEIGHT, PARTICLE_WEIGHT,
};

/// Document frequencies of name parts over the indexed entities.
#[derive(Debug, Clone, Default)]
pub struct PartStats {
    /// Number of entities whose names contain the part (canonical text).
    counts: HashMap<String, u32>,
    entities: u32,
}

impl PartStats {
    /// Stats from (entity number, part text) pairs; each entity counts once per text.
    pub fn from_counts(counts: HashMap<String, u32>, entities: u32) -> PartStats {
        PartStats { counts, entities }
    }

    /// The weight of `part` in [0, 1].
    pub fn weight(&self, part: &NamePart) -> f64 {
        match part.kind {
            PartKind::Title => 0.0,
            PartKind::Particle => PARTICLE_WEIGHT,
            PartKind::LegalForm => LEGAL_FORM_WEIGHT,
            PartKind::Initial => INITIAL_WEIGHT,
            PartKind::Number => NUMBER_WEIGHT,
            PartKind::Word => self.word_weight(&part.text),
        }
    }

    /// 1 for a part no list carries twice; lower for parts that many entities share, lower
    /// still for parts the prior knows are common in the population.
    fn word_weight(&self, text: &str) -> f64 {
        let rarity_in_lists = if self.entities < 100 {
            1.0 // too few entities to learn frequencies from
        } else {
            let df = self.counts.get(text).copied().unwrap_or(0) as f64;
            let n = self.entities as f64;
            // Normalised IDF, with 2 added so that a part seen on a handful of entries (one
            // person's own aliases across lists) still counts as rare.
            ((n + 1.0) / (df + 2.0)).ln() / ((n + 1.0) / 2.0).ln()
        };
        let rarity_in_world = 1.0 - 0.8 * lexicon::prior_commonness(text);
        let rarity = rarity_in_lists.min(rarity_in_world).clamp(0.0, 1.0);
        MIN_WORD_WEIGHT + (1.0 - MIN_WORD_WEIGHT) * rarity
    }
}
