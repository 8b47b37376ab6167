//! The identifier normalisers (`zeef_model::identifier`): any text read as every identifier
//! property (IMO, BIC and LEI checks, wallet addresses, leading zeros and prefixes), as a
//! currency code, and as a query's identifiers with their check warnings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zeef_model::identifier::{currency, normalise, wallet_key};
use zeef_model::{Entity, Prop, Schema};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut query = Entity::new("q", Schema::LegalEntity, "query");
    for &prop in Prop::IDENTIFIERS {
        if let Some(id) = normalise(prop, text) {
            assert!(id.key.len() >= zeef_model::identifier::MIN_KEY_LEN);
        }
        query.add(prop, text);
    }
    let _ = wallet_key(text);
    let _ = currency(text);
    let _ = zeef_screening::query::identifier_warnings(&query);
});
