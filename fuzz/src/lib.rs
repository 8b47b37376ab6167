//! What the fuzz targets share: which list layouts each one feeds, and how one fuzz input is
//! cut into a layout's files.
//!
//! An input for a list target is a first line naming the layout (a source and its first
//! file, `ofac_sdn/sdn.csv`; any other first line picks a layout by its bytes), then the
//! layout's files in the registry's order, separated by [`FILE_SEPARATOR`]: seeds are
//! written as `ofac_sdn/sdn.csv\n<sdn.csv>\n--8<--\n<add.csv>`.

use zeef_lists::source::{FTM_VARIANT, SOURCES, Variant};
use zeef_lists::{Input, parse_inputs};

/// Between two files of one fuzz input.
pub const FILE_SEPARATOR: &[u8] = b"\n--8<--\n";

/// What kind of files a list target feeds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// Layouts read from XML.
    Xml,
    /// Layouts that arrive compressed (xlsx workbooks, gzip).
    Compressed,
    /// Everything else: CSV, tab-separated, FtM JSON lines.
    Text,
}

fn family(v: &Variant) -> Family {
    let first = v.files.first().map_or("", |f| f.name).to_ascii_lowercase();
    if first.ends_with(".xml") {
        Family::Xml
    } else if first.ends_with(".xlsx") || first.ends_with(".gz") {
        Family::Compressed
    } else {
        Family::Text
    }
}

/// Every (source, layout) of the registry in `wanted`, and FtM JSON lines with the text
/// ones.
pub fn layouts(wanted: Family) -> Vec<(&'static str, &'static Variant)> {
    let mut out: Vec<(&'static str, &'static Variant)> = SOURCES
        .iter()
        .flat_map(|s| s.variants.iter().map(move |v| (s.name, v)))
        .filter(|(_, v)| family(v) == wanted)
        .collect();
    if wanted == Family::Text {
        out.push(("fuzzed", &FTM_VARIANT));
    }
    out
}

/// Parses one fuzz input as one of `layouts`. Errors are expected; a panic is the finding.
pub fn parse_list(layouts: &[(&'static str, &'static Variant)], data: &[u8]) {
    let (key, rest) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let named = layouts.iter().find(|(source, v)| {
        let first = v.files.first().map_or("", |f| f.name);
        key == format!("{source}/{first}").as_bytes()
    });
    let picked = key.iter().map(|&b| b as usize).sum::<usize>() % layouts.len();
    let (source, variant) = *named.unwrap_or(&layouts[picked]);
    let inputs: Vec<Input> = split_files(rest)
        .zip(variant.files)
        .map(|(bytes, file)| Input::new(file.name, bytes).max_inflated(16 << 20))
        .collect();
    let _ = parse_inputs(source, &inputs);
}

/// `data` cut at every [`FILE_SEPARATOR`].
pub fn split_files(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(data);
    std::iter::from_fn(move || {
        let now = rest?;
        match now
            .windows(FILE_SEPARATOR.len())
            .position(|w| w == FILE_SEPARATOR)
        {
            Some(i) => {
                rest = Some(&now[i + FILE_SEPARATOR.len()..]);
                Some(&now[..i])
            }
            None => {
                rest = None;
                Some(now)
            }
        }
    })
}
