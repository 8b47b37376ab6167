//! Bounded decompression of list files (gzip, and the zip archives xlsx workbooks are): a
//! few megabytes that inflate to gigabytes are refused once past the limit, naming the file
//! and entry, without ever holding more than the limit in memory.

use crate::ParseError;
use std::io::{self, Cursor, Read};

/// The default for `Input::max_inflated`: 256 MiB, fifteen times the largest real
/// list inflated (the UK workbook, 17 MiB) and forty times the largest gzip (5.8 MB).
pub const DEFAULT_MAX_INFLATED: u64 = 256 << 20;

/// `n` bytes in MiB where it is a whole number of them, for messages.
fn mib(n: u64) -> String {
    match n % (1 << 20) {
        0 => format!("{} MiB", n >> 20),
        _ => format!("{n} bytes"),
    }
}

/// Decompresses gzip data, refusing it once it inflates past `limit` bytes. It is inflated
/// twice: first into nothing, counting (reading stops past the limit), then into a buffer of
/// exactly the size counted, so that memory never holds more than the file inflated.
pub fn gunzip(file: &str, data: &[u8], limit: u64) -> Result<Vec<u8>, ParseError> {
    let broken =
        |e: io::Error| ParseError::new(file, format!("broken gzip data: {e}")).at("gzip data");
    let inflated = io::copy(
        &mut flate2::read::GzDecoder::new(data).take(limit.saturating_add(1)),
        &mut io::sink(),
    )
    .map_err(broken)?;
    if inflated > limit {
        return Err(too_big(file, limit).at("gzip data"));
    }
    let mut out = Vec::with_capacity(inflated as usize);
    flate2::read::GzDecoder::new(data)
        .take(inflated)
        .read_to_end(&mut out)
        .map_err(broken)?;
    Ok(out)
}

/// Checks that every entry of a zip archive inflates to at most `limit` bytes, all entries
/// together: the declared sizes first, then by inflating each (into nothing), since declared
/// sizes can lie. Whoever reads the archive afterwards (calamine) gets the same bytes.
pub fn check_zip(file: &str, data: &[u8], limit: u64) -> Result<(), ParseError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(data)).map_err(|e| {
        ParseError::new(file, format!("not a readable zip archive: {e}"))
            .at(format!("byte {} (end of the zip archive)", data.len()))
    })?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| {
            ParseError::new(file, format!("cannot read the archive's entry: {e}"))
                .at(format!("zip entry {}", i + 1))
        })?;
        let at = format!("zip entry {:?}", entry.name());
        let room = limit - total;
        if entry.size() > room {
            return Err(too_big(file, limit).at(at));
        }
        let inflated = io::copy(&mut (&mut entry).take(room + 1), &mut io::sink())
            .map_err(|e| ParseError::new(file, format!("damaged: {e}")).at(at.clone()))?;
        if inflated > room {
            return Err(too_big(file, limit).at(at));
        }
        total += inflated;
    }
    Ok(())
}

fn too_big(file: &str, limit: u64) -> ParseError {
    ParseError::new(
        file,
        format!(
            "inflates past {} (the limit for one decompressed list file, all its entries together; `zeef update --max-inflated-mib` raises it): refused as a decompression bomb",
            mib(limit)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        w.write_all(data).unwrap_or_else(|e| panic!("{e}"));
        w.finish().unwrap_or_else(|e| panic!("{e}"))
    }

    /// A zip archive of (name, content) entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap_or_else(|e| panic!("{e}"));
            w.write_all(data).unwrap_or_else(|e| panic!("{e}"));
        }
        w.finish().unwrap_or_else(|e| panic!("{e}")).into_inner()
    }

    #[test]
    fn gzip_within_the_limit_comes_back_whole() {
        let text: Vec<u8> = (0..300_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let packed = gz(&text);
        assert_eq!(
            gunzip("a.csv.gz", &packed, text.len() as u64).ok(),
            Some(text.clone())
        );
        assert_eq!(gunzip("a.csv.gz", &gz(b""), 0).ok(), Some(Vec::new()));
        let err = gunzip("a.csv.gz", &packed, text.len() as u64 - 1).err();
        assert!(
            err.as_ref()
                .is_some_and(|e| e.file == "a.csv.gz" && e.message.contains("inflates past")),
            "{err:?}"
        );
    }

    #[test]
    fn broken_gzip_names_how_far_it_got() {
        let mut packed = gz(&vec![b'x'; 100_000]);
        packed.truncate(packed.len() / 2);
        let err = gunzip("a.csv.gz", &packed, 1 << 20).err();
        assert!(err.is_some_and(|e| e.message.contains("broken gzip")));
    }

    #[test]
    fn zip_entries_together_stay_under_the_limit() {
        let zip = zip_of(&[("xl/a.xml", &[b'a'; 3000]), ("xl/b.xml", &[b'b'; 3000])]);
        assert!(check_zip("book.xlsx", &zip, 6000).is_ok());
        let err = check_zip("book.xlsx", &zip, 5999).err();
        assert!(
            err.as_ref()
                .is_some_and(|e| e.message.starts_with("inflates past")
                    && e.position.as_deref() == Some("zip entry \"xl/b.xml\"")),
            "{err:?}"
        );
    }

    /// An entry whose header says it is small but inflates to more is caught while it is
    /// inflated.
    #[test]
    fn a_zip_entry_that_lies_about_its_size_is_caught() {
        let mut zip = zip_of(&[("xl/sharedStrings.xml", &[b's'; 100_000])]);
        // The uncompressed size, in the local header (offset 22) and the central directory
        // (offset 24 of its record): written as 100.
        let lie = 100u32.to_le_bytes();
        zip[22..26].copy_from_slice(&lie);
        let central = zip
            .windows(4)
            .rposition(|w| w == b"PK\x01\x02")
            .unwrap_or_else(|| panic!("no central directory"));
        zip[central + 24..central + 28].copy_from_slice(&lie);
        let err = check_zip("book.xlsx", &zip, 50_000).err();
        assert!(
            err.as_ref().is_some_and(|e| e
                .to_string()
                .starts_with("book.xlsx: zip entry \"xl/sharedStrings.xml\": inflates past")),
            "{err:?}"
        );
    }

    proptest::proptest! {
        /// Any bytes: an error or Ok, never a panic.
        #[test]
        fn any_bytes_never_panic(data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
            let _ = gunzip("x.gz", &data, 1 << 16);
            let _ = check_zip("x.xlsx", &data, 1 << 16);
            let mut with_magic = b"\x1f\x8b".to_vec();
            with_magic.extend_from_slice(&data);
            let _ = gunzip("x.gz", &with_magic, 1 << 16);
        }
    }
}
