//! The list parsers of the registry's compressed layouts (xlsx workbooks, gzip), decompression limits included, on any bytes (see `zeef_fuzz`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use zeef_fuzz::{Family, layouts, parse_list};

static LAYOUTS: LazyLock<Vec<(&str, &zeef_lists::source::Variant)>> =
    LazyLock::new(|| layouts(Family::Compressed));

fuzz_target!(|data: &[u8]| parse_list(&LAYOUTS, data));
