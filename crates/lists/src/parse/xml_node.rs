//! A small streaming reader for record-shaped XML lists (UN, Canada, EU): it walks the file
//! with quick-xml and hands over one record at a time as a little owned tree, so parsers map
//! fields without tracking reader state, and memory stays bounded by one record.

use crate::ParseError;
use quick_xml::Reader;
use quick_xml::encoding::Decoder;
use quick_xml::events::{BytesStart, Event};

/// One XML element of a record: local name (namespace prefix dropped), attributes, text.
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub text: String,
    pub children: Vec<Node>,
}

impl Node {
    /// The first child called `name`.
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child called `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child called `name`, or "" when absent.
    pub fn text_of(&self, name: &str) -> &str {
        self.child(name).map(|c| c.text.trim()).unwrap_or("")
    }

    /// The trimmed value of attribute `name`, or "" when absent.
    pub fn attr(&self, name: &str) -> &str {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .unwrap_or("")
    }
}

/// What a walk over a file found besides its records.
#[derive(Debug, Default)]
pub struct Walk {
    /// The attributes of the root element.
    pub root_attrs: Vec<(String, String)>,
    pub root_name: String,
}

impl Walk {
    /// The root element's attribute `name` read as a date (a list's own publication date).
    pub fn root_date(&self, name: &str) -> Option<String> {
        self.root_attrs
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| zeef_model::date::parse(v))
    }
}

/// Where a list of XML records is: the root element, the depth and names of the record
/// elements, and the root attribute holding the list's date.
pub struct RecordList<'a> {
    pub root: &'a str,
    pub record_depth: usize,
    pub record_names: &'a [&'a str],
    pub date_attribute: &'a str,
}

/// Every record of `input` as an entity (`record` reads one; its error is named with the file
/// and line), and the list's date. An id met twice keeps both records apart: the second gets
/// `-<second_key>` of its record appended (never seen in the real lists, but nothing is
/// dropped).
pub fn parse_records(
    input: &super::Input,
    list: &RecordList,
    record: impl Fn(&Node) -> Result<zeef_model::Entity, String>,
    second_key: impl Fn(&Node) -> String,
) -> Result<super::Parsed, ParseError> {
    let mut entities = Vec::new();
    let mut ids = std::collections::HashSet::new();
    let walk = walk(
        &input.name,
        &input.data,
        list.root,
        list.record_depth,
        list.record_names,
        |rec, line| {
            let mut e = record(&rec)
                .map_err(|m| ParseError::new(&input.name, m).at(format!("line {line}")))?;
            if !ids.insert(e.id.clone()) {
                e.id = format!("{}-{}", e.id, second_key(&rec));
                ids.insert(e.id.clone());
            }
            entities.push(e);
            Ok(())
        },
    )?;
    Ok(super::Parsed {
        relationships: Vec::new(),
        entities,
        list_date: walk.root_date(list.date_attribute),
    })
}

/// Walks `data`, calling `on_record(record, line)` for every element at depth `record_depth`
/// (the root is depth 0) whose local name is in `record_names`. Fails naming `file` and the
/// line on malformed or truncated XML, and when the root is not `root`.
pub fn walk(
    file: &str,
    data: &[u8],
    root: &str,
    record_depth: usize,
    record_names: &[&str],
    mut on_record: impl FnMut(Node, usize) -> Result<(), ParseError>,
) -> Result<Walk, ParseError> {
    let mut reader = Reader::from_reader(data);
    let mut walk = Walk::default();
    // Open elements above the record (names only) and the record's own open elements.
    let mut outer: Vec<String> = Vec::new();
    let mut stack: Vec<Node> = Vec::new();
    let mut record_start = 0usize;
    let mut lines = LineCounter::default();
    let err_at = |pos: u64, msg: String| {
        let pos = usize::try_from(pos).unwrap_or(usize::MAX).min(data.len());
        ParseError::new(file, msg).at(position(data, pos))
    };
    loop {
        let before = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| err_at(reader.error_position(), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = local_name(e);
                if outer.is_empty() && stack.is_empty() {
                    if name != root {
                        return Err(err_at(
                            before,
                            format!("expected root element <{root}>, found <{name}>"),
                        ));
                    }
                    walk.root_name = name.clone();
                    walk.root_attrs =
                        attributes(e, reader.decoder()).map_err(|m| err_at(before, m))?;
                }
                if !stack.is_empty()
                    || (outer.len() == record_depth && record_names.contains(&name.as_str()))
                {
                    if stack.is_empty() {
                        record_start = usize::try_from(before).unwrap_or(0);
                    }
                    let attrs = attributes(e, reader.decoder()).map_err(|m| err_at(before, m))?;
                    stack.push(Node {
                        name,
                        attrs,
                        ..Node::default()
                    });
                    if is_empty {
                        close(
                            &mut stack,
                            &mut on_record,
                            lines.line_at(data, record_start),
                        )?;
                    }
                } else if !is_empty {
                    outer.push(name);
                }
            }
            Event::End(_) => {
                if stack.is_empty() {
                    outer.pop();
                } else {
                    close(
                        &mut stack,
                        &mut on_record,
                        lines.line_at(data, record_start),
                    )?;
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    let s = t
                        .xml_content()
                        .map_err(|e| err_at(before, format!("bad text encoding: {e}")))?;
                    top.text.push_str(&s);
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    let s = t
                        .decode()
                        .map_err(|e| err_at(before, format!("bad CDATA encoding: {e}")))?;
                    top.text.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(top) = stack.last_mut() {
                    let resolved = if r.is_char_ref() {
                        r.resolve_char_ref().ok().flatten().map(String::from)
                    } else {
                        r.decode()
                            .ok()
                            .and_then(|n| quick_xml::escape::resolve_xml_entity(&n))
                            .map(String::from)
                    };
                    let Some(s) = resolved else {
                        return Err(err_at(
                            before,
                            "unknown entity or character reference".into(),
                        ));
                    };
                    top.text.push_str(&s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack
        .first()
        .map(|n| n.name.clone())
        .or_else(|| outer.last().cloned())
    {
        return Err(err_at(
            reader.buffer_position(),
            format!("file ends inside <{open}> (truncated?)"),
        ));
    }
    if walk.root_name.is_empty() {
        return Err(ParseError::new(
            file,
            format!("no <{root}> element: not this list's XML"),
        ));
    }
    Ok(walk)
}

/// Closes the innermost open element of a record; hands over the record when it is complete.
fn close(
    stack: &mut Vec<Node>,
    on_record: &mut impl FnMut(Node, usize) -> Result<(), ParseError>,
    line: usize,
) -> Result<(), ParseError> {
    let Some(node) = stack.pop() else {
        return Ok(());
    };
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => on_record(node, line)?,
    }
    Ok(())
}

fn local_name(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attributes(e: &BytesStart, decoder: Decoder) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| format!("malformed attribute: {err}"))?;
        let key = String::from_utf8_lossy(a.key.local_name().as_ref()).into_owned();
        let value = a
            .decode_and_unescape_value(decoder)
            .map_err(|err| format!("bad attribute value for {key}: {err}"))?;
        out.push((key, value.into_owned()));
    }
    Ok(out)
}

/// Line numbers of increasing byte positions, counted once over the file (not per record).
#[derive(Default)]
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    fn line_at(&mut self, data: &[u8], pos: usize) -> usize {
        if pos < self.pos {
            return line_of(data, pos);
        }
        let newlines = data
            .get(self.pos..pos)
            .map_or(0, |d| d.iter().filter(|&&b| b == b'\n').count());
        self.line += newlines;
        self.pos = pos;
        self.line + 1
    }
}

/// 1-based line number of byte `pos`.
pub fn line_of(data: &[u8], pos: usize) -> usize {
    data.get(..pos)
        .map_or(0, |d| d.iter().filter(|&&b| b == b'\n').count())
        + 1
}

/// `line N (byte M)`.
pub fn position(data: &[u8], pos: usize) -> String {
    format!("line {} (byte {pos})", line_of(data, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(xml: &str) -> Result<Vec<Node>, ParseError> {
        let mut out = Vec::new();
        walk("t.xml", xml.as_bytes(), "list", 1, &["rec"], |n, _| {
            out.push(n);
            Ok(())
        })?;
        Ok(out)
    }

    #[test]
    fn builds_records_with_text_attributes_and_entities() {
        let recs = collect(
            r#"<list d="1"><rec id="a &amp; b"><n>A &amp; B &#233;</n><e/></rec><other/></list>"#,
        )
        .unwrap();
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].attr("id"), "a & b");
        assert_eq!(recs[0].text_of("n"), "A & B é");
        assert!(recs[0].child("e").is_some());
    }

    #[test]
    fn truncated_file_names_a_line() {
        let err = collect("<list>\n<rec><n>x</n>\n<n>y").unwrap_err();
        assert_eq!(err.file, "t.xml");
        assert!(
            err.position.unwrap().starts_with("line "),
            "{}",
            err.message
        );
    }

    #[test]
    fn wrong_root_is_an_error() {
        assert!(collect("<html></html>").is_err());
        assert!(collect("").is_err());
    }
}
