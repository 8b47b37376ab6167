//! Turning a document's bytes into the text the scanner reads: plain text (UTF-8, UTF-16 with
//! a byte-order mark, else Windows-1252 with a warning), HTML (tags, scripts and styles blanked
//! so that line and column numbers still point into the source), and DOCX (one paragraph per
//! line). PDF is not read yet (no PDF text extractor was tried and vetted here): the error says
//! to convert it with `pdftotext` first.

use quick_xml::events::Event;
use std::io::{Cursor, Read};
use std::path::Path;

/// Document formats the scanner reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Docx,
    Pdf,
}

/// Text extracted from a document, and what went less than well.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Errors reading a document.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("not a DOCX file: {0}")]
    Docx(String),
    #[error(
        "PDF is not supported: extract the text first (e.g. `pdftotext -layout FILE.pdf`) and scan that"
    )]
    Pdf,
    #[error(
        "not text: {unreadable} of its {chars} characters are control characters or undecodable bytes (binary data, or UTF-16 without a byte-order mark?); nothing scanned"
    )]
    NotText { unreadable: usize, chars: usize },
}

/// Above this share of characters that are not text (per thousand), a document is refused as
/// not text: real documents have a stray control character or two, binary data one in eight.
const MAX_UNREADABLE_PER_MILLE: usize = 10;

/// The format of a document, from its name and, failing that, its first bytes.
pub fn detect(path: Option<&Path>, bytes: &[u8]) -> Format {
    let ext = path
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm" | "xhtml") => return Format::Html,
        Some("docx") => return Format::Docx,
        Some("pdf") => return Format::Pdf,
        Some("txt" | "text" | "md") => return Format::Text,
        _ => {}
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Format::Docx;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") {
        return Format::Html;
    }
    Format::Text
}

/// Extracts the text of a document in `format`.
/// Text and HTML that are not text (see [`unreadable`]) are refused; where a few characters
/// are not text, a warning says how many.
pub fn extract(bytes: &[u8], format: Format) -> Result<Extracted, InputError> {
    match format {
        Format::Text => checked_text(decode(bytes)),
        Format::Html => {
            let mut out = checked_text(decode(bytes))?;
            out.text = html_to_text(&out.text);
            Ok(out)
        }
        Format::Docx => docx_to_text(bytes),
        Format::Pdf => Err(InputError::Pdf),
    }
}

/// Decoded text, refused if too much of it is not text, with a warning if some is.
fn checked_text(mut out: Extracted) -> Result<Extracted, InputError> {
    let (unreadable, chars) = unreadable(&out.text);
    if unreadable > 0 && unreadable * 1000 > chars * MAX_UNREADABLE_PER_MILLE {
        return Err(InputError::NotText { unreadable, chars });
    }
    if unreadable > 0 {
        out.warnings.push(format!(
            "{unreadable} of {chars} characters are control characters or undecodable bytes, read as spaces between words"
        ));
    }
    Ok(out)
}

/// How many characters of `text` are not text (control characters other than tab, line
/// breaks and form feed; replacement characters for undecodable bytes), and how many there
/// are in all.
pub fn unreadable(text: &str) -> (usize, usize) {
    let (mut bad, mut all) = (0, 0);
    for c in text.chars() {
        all += 1;
        let control = c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c');
        bad += usize::from(control || c == '\u{FFFD}');
    }
    (bad, all)
}

/// Decodes text: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252 with a warning.
pub fn decode(bytes: &[u8]) -> Extracted {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) =
            enc.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        let warnings = if had_errors {
            vec![format!(
                "invalid {} sequences replaced by U+FFFD",
                enc.name()
            )]
        } else {
            Vec::new()
        };
        return Extracted {
            text: text.into_owned(),
            warnings,
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Extracted {
            text: s.to_string(),
            warnings: Vec::new(),
        },
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Extracted {
                text: text.into_owned(),
                warnings: vec![format!(
                    "not valid UTF-8 (first bad byte at offset {}): decoded as Windows-1252",
                    e.valid_up_to()
                )],
            }
        }
    }
}

/// HTML to text with the same lines and columns: every tag, comment, script and style is
/// replaced by spaces (its line breaks kept), the `<` of a block-level tag by `|` so that no
/// name runs across blocks; entities are decoded (not padded: "Pr&eacute;sident" stays one
/// word), so columns after an entity on its line shift by the entity's length.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            let consumed = blank_markup(rest, &mut out);
            rest = rest.get(consumed..).unwrap_or("");
        } else if c == '&' {
            let consumed = decode_entity(rest, &mut out);
            rest = rest.get(consumed..).unwrap_or("");
        } else {
            out.push(c);
            rest = rest.get(c.len_utf8()..).unwrap_or("");
        }
    }
    out
}

/// Blanks the markup at the start of `s` (which begins with `<`); returns its length in bytes.
fn blank_markup(s: &str, out: &mut String) -> usize {
    let lower_head: String = s.chars().take(12).collect::<String>().to_ascii_lowercase();
    let end = if lower_head.starts_with("<!--") {
        s.find("-->").map_or(s.len(), |i| i + 3)
    } else if lower_head.starts_with("<script") || lower_head.starts_with("<style") {
        let close = if lower_head.starts_with("<script") {
            "</script"
        } else {
            "</style"
        };
        let lower = s.to_ascii_lowercase();
        lower
            .find(close)
            .and_then(|i| s.get(i..).and_then(|t| t.find('>')).map(|j| i + j + 1))
            .unwrap_or(s.len())
    } else if s
        .chars()
        .nth(1)
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?')
    {
        s.find('>').map_or(s.len(), |i| i + 1)
    } else {
        // A lone "<" in text.
        out.push('<');
        return 1;
    };
    let markup = s.get(..end).unwrap_or(s);
    let block = is_block_tag(markup);
    for (i, ch) in markup.chars().enumerate() {
        if ch == '\n' {
            out.push('\n');
        } else if i == 0 && block {
            out.push('|');
        } else {
            out.push(' ');
        }
    }
    end
}

fn is_block_tag(markup: &str) -> bool {
    let name: String = markup
        .trim_start_matches(['<', '/'])
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "title"
            | "blockquote"
            | "pre"
            | "dt"
            | "dd"
            | "hr"
            | "nav"
            | "aside"
            | "main"
            | "option"
    )
}

/// Decodes the entity at the start of `s` (which begins with `&`); returns its length in bytes.
fn decode_entity(s: &str, out: &mut String) -> usize {
    let Some(semi) = s.get(..s.len().min(12)).and_then(|h| h.find(';')) else {
        out.push('&');
        return 1;
    };
    let name = s.get(1..semi).unwrap_or("");
    let decoded: Option<char> = if let Some(num) = name.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        n.and_then(char::from_u32)
    } else {
        named_entity(name)
    };
    match decoded {
        Some(c) => {
            // A soft hyphen joins what it splits; an encoded line break or other control
            // character ("&#10;") becomes a space, so lines are numbered as in the source.
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                out.push(' ');
            } else if c != '\u{AD}' {
                out.push(c);
            }
            semi + 1
        }
        None => {
            out.push('&');
            1
        }
    }
}

fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "shy" => '\u{AD}',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "eacute" => 'é',
        "egrave" => 'è',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "iuml" => 'ï',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "auml" => 'ä',
        "aacute" => 'á',
        "oacute" => 'ó',
        "iacute" => 'í',
        "uacute" => 'ú',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        "szlig" => 'ß',
        "copy" => '©',
        _ => return None,
    })
}

/// Text of `word/document.xml`: one paragraph per line, tabs and breaks kept.
fn docx_to_text(bytes: &[u8]) -> Result<Extracted, InputError> {
    // A document of 256 MiB of XML is far past any real one: a decompression bomb.
    const MAX_XML: u64 = 256 << 20;
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| InputError::Docx(e.to_string()))?;
    let mut xml = Vec::new();
    archive
        .by_name("word/document.xml")
        .map_err(|e| InputError::Docx(format!("word/document.xml: {e}")))?
        .take(MAX_XML + 1)
        .read_to_end(&mut xml)
        .map_err(|e| InputError::Docx(format!("word/document.xml: {e}")))?;
    if xml.len() as u64 > MAX_XML {
        return Err(InputError::Docx(format!(
            "word/document.xml inflates past {} MiB: refused as a decompression bomb",
            MAX_XML >> 20
        )));
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut text = String::new();
    let mut in_text = false;
    let mut warnings = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => in_text = e.name().as_ref() == b"w:t",
            Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:tab" => text.push('\t'),
                b"w:br" | b"w:cr" => text.push('\n'),
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:t" => in_text = false,
                b"w:p" => text.push('\n'),
                _ => {}
            },
            Ok(Event::Text(t)) if in_text => match t.xml_content() {
                Ok(s) => text.push_str(&s),
                Err(e) => warnings.push(format!("bad text in word/document.xml: {e}")),
            },
            Ok(Event::GeneralRef(r)) if in_text => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    r.decode()
                        .ok()
                        .and_then(|n| quick_xml::escape::resolve_xml_entity(&n))
                        .map(String::from)
                };
                text.push_str(resolved.as_deref().unwrap_or(""));
            }
            Ok(Event::Eof) => break,
            Err(e) => {
                warnings.push(format!(
                    "word/document.xml: malformed XML at byte {}: {e}; text after it skipped",
                    reader.buffer_position()
                ));
                break;
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(Extracted { text, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_keeps_lines_and_columns() {
        let html =
            "<p>Led by <b>Hez&shy;bollah</b>\n<script>var x='ISIS';\n</script>caf&eacute; ISIS</p>";
        let text = html_to_text(html);
        assert_eq!(text.lines().count(), html.lines().count());
        assert!(!text.contains("var x"));
        let col_src = html.lines().next().and_then(|l| l.find("Hez"));
        let col_txt = text.lines().next().and_then(|l| l.find("Hez"));
        assert_eq!(col_src, col_txt);
        assert!(text.contains("Hezbollah"));
        assert!(text.lines().nth(2).is_some_and(|l| l.contains("café ISIS")));
    }

    #[test]
    fn encoded_line_breaks_do_not_add_lines() {
        // Found by the no_panic property test: "&#10;" once made a line of its own.
        assert_eq!(html_to_text("&#10;<!a-\0\0\0<").matches('\n').count(), 0);
        let text = html_to_text("<p>Al&#x0A;Qaida&#13;&#0;&#x2028;x</p>\nnext");
        assert_eq!(text, "|  Al Qaida   x|   \nnext");
    }

    #[test]
    fn decodes_non_utf8_with_warning() {
        let out = decode(b"caf\xe9 Hezbollah");
        assert_eq!(out.text, "café Hezbollah");
        assert_eq!(out.warnings.len(), 1);
        let utf16: Vec<u8> = [0xFF, 0xFE, b'I', 0, b'S', 0].to_vec();
        assert_eq!(decode(&utf16).text, "IS");
    }

    /// Random bytes are refused as not text; a text with a stray control character is read,
    /// with a warning saying how many.
    #[test]
    fn binary_data_is_not_text() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let random: Vec<u8> = (0..1 << 20)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        for format in [Format::Text, Format::Html] {
            let err = extract(&random, format).err();
            assert!(
                matches!(err, Some(InputError::NotText { unreadable, chars }) if unreadable * 20 > chars),
                "{err:?}"
            );
        }
        // UTF-16 without a byte-order mark: every other character is NUL.
        let utf16: Vec<u8> = "Hezbollah"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(matches!(
            extract(&utf16, Format::Text),
            Err(InputError::NotText { .. })
        ));
        let text = format!("{}\x07 Hezbollah\x0c\n", "word ".repeat(40));
        let out = extract(text.as_bytes(), Format::Text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(out.text, text);
        assert_eq!(
            out.warnings,
            [
                "1 of 213 characters are control characters or undecodable bytes, read as spaces between words"
            ]
        );
    }

    #[test]
    fn detects_formats() {
        assert_eq!(detect(Some(Path::new("a.htm")), b""), Format::Html);
        assert_eq!(detect(None, b"%PDF-1.7"), Format::Pdf);
        assert_eq!(detect(None, b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(detect(None, b"plain"), Format::Text);
    }
}
