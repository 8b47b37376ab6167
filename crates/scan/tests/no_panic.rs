//! The scanner and the document readers never panic, whatever the input.

use proptest::prelude::*;
use zeef_model::{Entity, Prop, Schema};
use zeef_scan::{Format, ScanIndex, input};

fn index() -> ScanIndex {
    let mut e = Entity::new("t-1", Schema::Organization, "t");
    e.add(Prop::Name, "Brotherhood of the Grey Lantern");
    e.add_all(
        Prop::Alias,
        ["BGL", "Unity", "Мирослав Златогоров", "قصر الزجاج"],
    );
    let mut p = Entity::new("t-2", Schema::Person, "t");
    p.add(Prop::Name, "Zlatogorov, Miroslav");
    p.add(Prop::WeakAlias, "Mirek");
    ScanIndex::build(vec![e, p])
}

fn check_positions(text: &str, index: &ScanIndex) {
    for m in index.scan(text) {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(m.line >= 1 && m.end_line >= m.line && m.column >= 1);
        assert!(m.score > 0.0 && m.score <= 1.0);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn scan_never_panics_on_text(text in "\\PC{0,300}") {
        check_positions(&text, &index());
    }

    #[test]
    fn scan_never_panics_on_name_like_text(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("Brotherhood"), Just("of"), Just("the"), Just("Grey"), Just("Lantern"),
                Just("BGL"), Just("-\n"), Just("\n\n"), Just(", "), Just("'s"), Just("Lantern-\nbearer"),
                Just("Мирослав"), Just("Златогоров"), Just("قصر"), Just("الزجاج"), Just(" "), Just("Syria"),
            ],
            0..40,
        )
    ) {
        let text: String = parts.concat();
        check_positions(&text, &index());
    }

    #[test]
    fn readers_never_panic_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let index = index();
        for format in [Format::Text, Format::Html, Format::Docx, Format::Pdf] {
            if let Ok(x) = input::extract(&bytes, format) {
                check_positions(&x.text, &index);
            }
        }
        let _ = input::detect(None, &bytes);
    }

    #[test]
    fn html_reader_never_panics(html in "(<[a-z/!-]{0,8}[^>]{0,10}>?|&[a-z#0-9]{0,7};?|[^<&]{0,12}){0,30}") {
        let text = input::html_to_text(&html);
        prop_assert_eq!(text.matches('\n').count(), html.matches('\n').count());
        check_positions(&text, &index());
    }
}
