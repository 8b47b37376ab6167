//! The query normaliser every front door uses: screening fields (cut from the input at NUL
//! bytes: names, first, middle and last name, birth date, place of birth, country,
//! nationality, gender, id number, schema, the id number's issuing country) made into a query
//! entity, and each name analysed as a person's and as an organisation's.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zeef_screening::QueryFields;
use zeef_names::{NameKind, analyse};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut f = text.split('\0').map(str::to_string);
    let mut next = || f.next().filter(|s| !s.is_empty());
    let fields = QueryFields {
        names: next().into_iter().collect(),
        first_name: next(),
        middle_name: next(),
        last_name: next(),
        birth_dates: next().into_iter().collect(),
        place_of_birth: next(),
        countries: next().into_iter().collect(),
        nationalities: next().into_iter().collect(),
        gender: next(),
        id_numbers: next().into_iter().collect(),
        schema: next(),
        id_country: next(),
        ..QueryFields::default()
    };
    if let Ok((entity, _)) = fields.to_entity_lenient() {
        for (_, name) in entity.names() {
            for kind in [NameKind::Person, NameKind::Organization, NameKind::Other] {
                let _ = analyse(name, kind);
            }
            let _ = zeef_names::normalize::fold(name);
        }
    }
});
