//! Decompression limits: bombs shaped like real list files (an xlsx worksheet, shared strings
//! whose headers lie about their size, a `.csv.gz`), 2 GiB each once inflated, are refused by
//! `zeef update` naming file and entry; real lists pass under the default limit and are
//! refused under a limit below their size. Peak memory on these bombs is measured by
//! `examples/bombs.rs` (see BENCHMARKS.md).

#[path = "support/bombs.rs"]
mod bombs;

use zeef_lists::parse::inflate::DEFAULT_MAX_INFLATED;
use zeef_lists::store::{Origin, UpdateError, UpdateOptions, update};
use zeef_lists::{DataDir, Input, parse_inputs};

#[test]
fn bombs_are_refused_naming_file_and_entry() {
    let tmp = tempfile::tempdir().unwrap();
    let mirror = tmp.path().join("mirror");
    bombs::mirror(&mirror, bombs::INFLATED).unwrap();
    for (file, most) in [
        ("uk_ofsi/ConList.xlsx", 6 << 20),
        ("au/regulation8_consolidated.xlsx", 6 << 20),
        ("us_csl/consolidated.csv.gz", 6 << 20),
    ] {
        let size = std::fs::metadata(mirror.join(file)).unwrap().len();
        assert!(size < most, "{file}: {size} bytes");
    }
    let data = DataDir::new(tmp.path().join("data"));
    let opts = UpdateOptions {
        origin: Origin::Dir(mirror),
        ..UpdateOptions::default()
    };
    let err = update(&data, &opts, &mut ()).unwrap_err();
    let UpdateError::Sources(failures) = &err else {
        panic!("{err}");
    };
    let said = |source: &str| {
        failures
            .iter()
            .find(|(s, _)| s == source)
            .map(|(_, m)| m.clone())
            .unwrap_or_else(|| panic!("{source} not refused: {err}"))
    };
    let uk = said("uk_ofsi");
    assert!(
        uk.starts_with(
            "ConList.xlsx: zip entry \"xl/worksheets/sheet1.xml\": inflates past 256 MiB"
        ),
        "{uk}"
    );
    let au = said("au");
    assert!(
        au.starts_with(
            "regulation8_consolidated.xlsx: zip entry \"xl/sharedStrings.xml\": inflates past 256 MiB"
        ),
        "{au}"
    );
    let csl = said("us_csl");
    assert!(
        csl.starts_with("consolidated.csv.gz: gzip data: inflates past 256 MiB"),
        "{csl}"
    );
    assert_eq!(data.current_id().unwrap(), None, "nothing published");
}

/// A bomb one byte over the limit is refused; at the limit it is inflated (and parsed).
#[test]
fn the_limit_is_exact_and_configurable() {
    let gz = bombs::gzip(b"a,b\n", b"1,2\n", 4 << 20);
    let mut inflated = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut inflated).unwrap();
    let size = inflated.len() as u64;
    let input =
        |limit: u64| vec![Input::new("consolidated.csv.gz", gz.clone()).max_inflated(limit)];
    let err = parse_inputs("us_csl", &input(size - 1)).unwrap_err();
    assert!(
        err.to_string().starts_with(&format!(
            "consolidated.csv.gz: gzip data: inflates past {} bytes",
            size - 1
        )),
        "{err}"
    );
    // At the limit, the parser reads the rows (and refuses them for what they are).
    let err = parse_inputs("us_csl", &input(size)).unwrap_err();
    assert!(!err.message.contains("inflates"), "{err}");
}

/// The real lists inflate well within the default, and are refused under a limit below
/// their inflated size.
#[test]
fn real_compressed_lists_pass_under_the_default() {
    let Some(lists) = zeef_lists::shared::dir().map(|d| d.join("data/lists")) else {
        return;
    };
    // (source, mirror folder, file, bytes inflated)
    for (source, folder, file, inflated) in [
        ("us_csl", "us_csl", "consolidated.csv.gz", 5_829_294u64),
        ("uk_ofsi", "uk", "ConList.xlsx", 17_030_000),
        ("au", "au", "regulation8_consolidated.xlsx", 6_570_000),
    ] {
        let Ok(data) = std::fs::read(lists.join(folder).join(file)) else {
            eprintln!("notice: {folder}/{file} not in the shared lists; skipped");
            continue;
        };
        let parsed = parse_inputs(source, &[Input::new(file, data.clone())]).unwrap();
        assert!(!parsed.entities.is_empty());
        assert!(inflated * 10 < DEFAULT_MAX_INFLATED, "{file}");
        let err =
            parse_inputs(source, &[Input::new(file, data).max_inflated(inflated / 2)]).unwrap_err();
        assert!(err.to_string().contains("inflates past"), "{file}: {err}");
    }
}
