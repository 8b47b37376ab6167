//! `zeef scan`'s text extraction (plain text, HTML, DOCX: the first byte picks) and the scan
//! of what it extracted against a few fictional listed names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use zeef_model::{Entity, Prop, Schema};
use zeef_scan::{Format, ScanIndex, input};

static INDEX: LazyLock<ScanIndex> = LazyLock::new(|| {
    let listed = [
        ("f-1", Schema::Person, "Ivor Quentin Blackwater"),
        ("f-2", Schema::Organization, "Larkspur Maritime Holdings"),
        ("f-3", Schema::Person, "Абу Бакр аль-Фиктиви"),
        ("f-4", Schema::Organization, "ACME"),
    ];
    ScanIndex::build(
        listed
            .iter()
            .map(|(id, schema, name)| {
                let mut e = Entity::new(*id, *schema, "fuzzed");
                e.add(Prop::Name, *name);
                e
            })
            .collect(),
    )
});

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let format = [Format::Text, Format::Html, Format::Docx][selector as usize % 3];
    if let Ok(extracted) = input::extract(bytes, format) {
        let _ = INDEX.scan(&extracted.text);
    }
});
