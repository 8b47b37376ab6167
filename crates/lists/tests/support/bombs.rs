//! Decompression bombs shaped like list files, made on the spot: a few megabytes that inflate
//! to gigabytes of well-formed content (rows, cells, shared strings), as a hostile mirror
//! could serve them. The compressed stream is one small deflate segment repeated, so making a
//! 2 GiB bomb takes a moment, not the time to compress 2 GiB.
#![allow(dead_code)]

use flate2::{Compress, Compression, FlushCompress};
use std::path::Path;

/// Inflated size of every bomb: 2 GiB.
pub const INFLATED: u64 = 2 << 30;

/// `unit` repeated to fill 1 MiB, deflated as a segment that ends on a byte boundary and
/// refers to nothing before it (so that it can be repeated).
fn segment(data: &[u8], last: bool) -> Vec<u8> {
    let mut c = Compress::new(Compression::best(), false);
    let mut out = Vec::with_capacity(data.len() / 100 + 1024);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    loop {
        let done = c.total_in() as usize;
        out.reserve(64 << 10);
        if let Err(e) = c.compress_vec(&data[done..], &mut out, flush) {
            panic!("deflate: {e}");
        }
        if c.total_in() as usize == data.len() && (out.len() < out.capacity()) {
            return out;
        }
    }
}

/// A raw deflate stream of `head`, then `unit` repeated up to `size` bytes in all, and its
/// CRC-32; the stream, the CRC and the exact inflated size.
fn deflate_bomb(head: &[u8], unit: &[u8], size: u64) -> (Vec<u8>, u32, u64) {
    let block: Vec<u8> = unit
        .iter()
        .copied()
        .cycle()
        .take(unit.len() * ((1 << 20) / unit.len()))
        .collect();
    let repeats = (size - head.len() as u64) / block.len() as u64;
    let packed_block = segment(&block, false);
    let mut out = segment(head, false);
    let mut crc = crc32fast::Hasher::new();
    crc.update(head);
    for _ in 0..repeats {
        out.extend_from_slice(&packed_block);
        crc.update(&block);
    }
    out.extend_from_slice(&segment(b"", true));
    let inflated = head.len() as u64 + repeats * block.len() as u64;
    (out, crc.finalize(), inflated)
}

/// A gzip file that inflates to about `size` bytes: a CSV header and `row` repeated (a row
/// with a long field compresses best).
pub fn gzip(header: &[u8], row: &[u8], size: u64) -> Vec<u8> {
    let (deflated, crc, inflated) = deflate_bomb(header, row, size);
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.extend_from_slice(&deflated);
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&(inflated as u32).to_le_bytes());
    out
}

/// One entry of a zip archive: its name, its deflated data, CRC-32 and inflated size, and the
/// inflated size its headers declare (a lie where it differs).
struct Entry {
    name: String,
    data: Vec<u8>,
    crc: u32,
    size: u64,
    declared: u64,
}

fn small(name: &str, text: &str) -> Entry {
    let data = segment(text.as_bytes(), true);
    Entry {
        name: name.to_string(),
        data,
        crc: crc32fast::hash(text.as_bytes()),
        size: text.len() as u64,
        declared: text.len() as u64,
    }
}

/// A zip archive (deflate, no zip64: sizes up to 4 GiB).
fn zip(entries: &[Entry]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let fixed = |magic: &[u8], out: &mut Vec<u8>| {
            out.extend_from_slice(magic);
            out.extend_from_slice(&20u16.to_le_bytes()); // version needed
            out.extend_from_slice(&0u16.to_le_bytes()); // flags
            out.extend_from_slice(&8u16.to_le_bytes()); // deflate
            out.extend_from_slice(&0u32.to_le_bytes()); // time, date
            out.extend_from_slice(&e.crc.to_le_bytes());
            out.extend_from_slice(&(e.data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(e.declared as u32).to_le_bytes());
            out.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes()); // extra
        };
        fixed(b"PK\x03\x04", &mut out);
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.data);
        central.extend_from_slice(b"PK\x01\x02");
        central.extend_from_slice(&20u16.to_le_bytes()); // version made by
        let mut rest = Vec::new();
        fixed(b"", &mut rest);
        central.extend_from_slice(&rest);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment
        central.extend_from_slice(&0u16.to_le_bytes()); // disk
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(e.name.as_bytes());
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    out.extend_from_slice(&[0; 4]);
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&at.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// Which part of a workbook is the bomb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The worksheet: rows of cells without end.
    Sheet,
    /// The shared strings: strings without end (calamine keeps them all in memory).
    SharedStrings,
}

/// An xlsx workbook whose `part` inflates to about `size` bytes; with `lie`, its headers say
/// that part is 1 KiB.
pub fn xlsx(part: Part, size: u64, lie: bool) -> Vec<u8> {
    let mut entries = vec![
        small(
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#,
        ),
        small(
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        ),
        small(
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        ),
        small(
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        ),
    ];
    let head = r#"<?xml version="1.0" encoding="UTF-8"?>"#;
    let (name, head, unit) = match part {
        Part::Sheet => (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"{head}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row><c t="s"><v>0</v></c><c t="s"><v>1</v></c></row>"#
            ),
            // Rows without a number (each is the next one), with 4 KiB of white space between
            // cells: that compresses better than rows alone (a bomb of 3-4 MB, not 7).
            format!(
                r#"<row><c t="inlineStr"><is><t>Fictive Person</t></is></c>{}<c><v>12</v></c></row>"#,
                " ".repeat(4096)
            ),
        ),
        Part::SharedStrings => (
            "xl/sharedStrings.xml",
            format!(
                r#"{head}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name 6</t></si><si><t>Group ID</t></si>"#
            ),
            "<si><t>x</t></si>".to_string(),
        ),
    };
    let (data, crc, inflated) = deflate_bomb(head.as_bytes(), unit.as_bytes(), size);
    entries.push(Entry {
        name: name.to_string(),
        data,
        crc,
        size: inflated,
        declared: if lie { 1024 } else { inflated },
    });
    match part {
        Part::Sheet => entries.push(small(
            "xl/sharedStrings.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name 6</t></si><si><t>Group ID</t></si></sst>"#,
        )),
        Part::SharedStrings => entries.push(small(
            "xl/worksheets/sheet1.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>"#,
        )),
    }
    zip(&entries)
}

/// A mirror folder of bombs, each as a list zeef knows: the UK workbook (a worksheet bomb),
/// the Australian one (a shared-strings bomb whose headers lie about its size) and the US
/// Consolidated Screening List (a gzip bomb of CSV rows).
pub fn mirror(dir: &Path, size: u64) -> std::io::Result<()> {
    let write = |source: &str, file: &str, data: Vec<u8>| -> std::io::Result<()> {
        std::fs::create_dir_all(dir.join(source))?;
        std::fs::write(dir.join(source).join(file), data)
    };
    write("uk_ofsi", "ConList.xlsx", xlsx(Part::Sheet, size, false))?;
    write(
        "au",
        "regulation8_consolidated.xlsx",
        xlsx(Part::SharedStrings, size, true),
    )?;
    write(
        "us_csl",
        "consolidated.csv.gz",
        gzip(
            b"_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n",
            format!(
                "f1c7e0a2,Entity List (EL) - Bureau of Industry and Security,,Entity,,Fictive Trading Company,,\"1 Fictive Street, Fictown\",,,,,,,,,,,,,\"{}\",,\"Fictive Trading; FTC\",,,,,,\n",
                " ".repeat(4096)
            )
            .as_bytes(),
            size,
        ),
    )
}
