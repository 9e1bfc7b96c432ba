//! Word documents (`.docx`): the paragraphs of `word/document.xml` in order, a table row as one
//! paragraph (cells joined with " | "), line breaks as paragraph breaks; the title from the core
//! properties (`dc:title`), else the first heading, else the first paragraph; the date from
//! `dcterms:created` (when the text was written; `modified` changes with every save), else
//! `dcterms:modified`. Headers, footers, comments and deleted text are not read.
//!
//! A part is read only up to [`MAX_PART_BYTES`] decompressed, so a zip bomb is reported, not
//! unpacked. An encrypted Word file is an OLE container, not a zip: it is named as such.

use std::io::{Cursor, Read};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::Document;
use super::dates::normalize_date;
use super::html_text::collapse_spaces;
use super::time_limit::within_time_limit;

/// The most a part of a Word file may unpack to.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The start of an OLE compound file: an encrypted `.docx`, or an old `.doc` renamed.
const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Reads a Word file [`within_time_limit`].
pub fn read(id: &str, bytes: &[u8]) -> Result<Document, String> {
    let (id, bytes) = (id.to_string(), bytes.to_vec());
    within_time_limit(move || read_docx(&id, &bytes))
}

fn read_docx(id: &str, bytes: &[u8]) -> Result<Document, String> {
    if bytes.starts_with(OLE_MAGIC) {
        return Err(
            "encrypted Word file (or an old .doc): remove the password or save as .docx: skipped"
                .into(),
        );
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not a Word file (damaged zip: {e}): skipped"))?;
    let body = part(&mut archive, "word/document.xml")?
        .ok_or("not a Word file (no word/document.xml): skipped")?;
    let body =
        parse_body(&body).map_err(|e| format!("damaged word/document.xml ({e}): skipped"))?;
    let core = part(&mut archive, "docProps/core.xml")?
        .map(|xml| parse_core(&xml))
        .unwrap_or_default();
    let mut paragraphs = body.paragraphs;
    if paragraphs.is_empty() {
        return Err("no text in the document: skipped".into());
    }
    let title = match core.title.or(body.first_heading) {
        Some(title) => title,
        None => paragraphs.remove(0),
    };
    if paragraphs.first() == Some(&title) {
        paragraphs.remove(0);
    }
    if paragraphs.is_empty() {
        paragraphs.push(title.clone());
    }
    Ok(Document {
        id: id.to_string(),
        title,
        date: core.created.or(core.modified),
        source: None,
        url: None,
        lang: None,
        paragraphs,
    })
}

/// A part's text, if the archive has it; too large or unreadable parts are errors.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot open {name} ({e}): skipped")),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("damaged {name} ({e}): skipped"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} unpacks to more than {} MB (a zip bomb?): skipped",
            MAX_PART_BYTES / (1024 * 1024)
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8 XML: skipped"))
}

#[derive(Default)]
struct Body {
    paragraphs: Vec<String>,
    first_heading: Option<String>,
}

/// Paragraphs, table rows and the first heading of `word/document.xml`.
fn parse_body(xml: &str) -> Result<Body, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::default();
    let mut paragraph = String::new();
    let mut heading = false;
    let mut in_text = false;
    // One entry per open table: the cells of its current row.
    let mut tables: Vec<Vec<String>> = Vec::new();
    let mut cell = String::new();
    loop {
        match reader.read_event()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "t" => in_text = true,
                "p" => heading = false,
                "tbl" => tables.push(Vec::new()),
                "tr" => {
                    if let Some(row) = tables.last_mut() {
                        row.clear();
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                "tab" => paragraph.push(' '),
                "noBreakHyphen" => paragraph.push('-'),
                "br" | "cr" if tables.is_empty() => {
                    finish_paragraph(&mut paragraph, heading, &mut body)
                }
                "br" | "cr" => paragraph.push(' '),
                "pStyle" => heading = is_heading_style(&e),
                _ => {}
            },
            Event::Text(text) if in_text => paragraph.push_str(&text.xml10_content()),
            Event::GeneralRef(reference) if in_text => {
                if let Some(c) = resolve_reference(&reference) {
                    paragraph.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "p" if tables.is_empty() => finish_paragraph(&mut paragraph, heading, &mut body),
                "p" => {
                    if !cell.is_empty() {
                        cell.push(' ');
                    }
                    cell.push_str(&std::mem::take(&mut paragraph));
                }
                "tc" => {
                    let text = collapse_spaces(&std::mem::take(&mut cell));
                    if let Some(row) = tables.last_mut() {
                        row.push(text);
                    }
                }
                "tr" => {
                    let row = tables.last_mut().map(std::mem::take).unwrap_or_default();
                    let cells: Vec<String> = row.into_iter().filter(|c| !c.is_empty()).collect();
                    if tables.len() == 1 {
                        push_paragraph(cells.join(" | "), &mut body.paragraphs);
                    } else {
                        // A table in a cell: its rows become text of the outer cell.
                        cell.push_str(&cells.join(" | "));
                        cell.push(' ');
                    }
                }
                "tbl" => {
                    tables.pop();
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    finish_paragraph(&mut paragraph, heading, &mut body);
    Ok(body)
}

fn finish_paragraph(paragraph: &mut String, heading: bool, body: &mut Body) {
    let text = collapse_spaces(&std::mem::take(paragraph));
    if heading && body.first_heading.is_none() && !text.is_empty() {
        body.first_heading = Some(text.clone());
    }
    push_paragraph(text, &mut body.paragraphs);
}

fn push_paragraph(text: String, paragraphs: &mut Vec<String>) {
    if text.chars().any(char::is_alphanumeric) {
        paragraphs.push(text);
    }
}

/// `Heading1`…`Heading9` and `Title` (Word's and LibreOffice's style ids).
fn is_heading_style(style: &BytesStart) -> bool {
    style.attributes().flatten().any(|a| {
        a.key.local_name().as_ref() == "val" && {
            let value = a.value.to_ascii_lowercase();
            value.starts_with("heading") || value == "title"
        }
    })
}

fn resolve_reference(reference: &quick_xml::events::BytesRef) -> Option<char> {
    if let Ok(Some(c)) = reference.resolve_char_ref() {
        return Some(c);
    }
    match &**reference {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

#[derive(Default)]
struct Core {
    title: Option<String>,
    created: Option<String>,
    modified: Option<String>,
}

/// `dc:title`, `dcterms:created` and `dcterms:modified` of `docProps/core.xml`. A damaged
/// core part only loses the metadata, never the text.
fn parse_core(xml: &str) -> Core {
    let mut reader = Reader::from_str(xml);
    let mut core = Core::default();
    let mut open: Option<String> = None;
    let mut text = String::new();
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) => {
                open = Some(e.local_name().as_ref().to_string());
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.extend(resolve_reference(&r)),
            Event::End(_) => {
                let value = collapse_spaces(&text);
                match open.take().as_deref() {
                    Some("title") if !value.is_empty() => core.title = Some(value),
                    Some("created") => core.created = normalize_date(&value),
                    Some("modified") => core.modified = normalize_date(&value),
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    core
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_breaks_and_tables() {
        let xml = r#"<w:document xmlns:w="w"><w:body>
            <w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Атауы</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">Бірінші </w:t></w:r><w:r><w:t>жол</w:t><w:br/><w:t>екінші &amp; жол</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Фильм</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Жыл</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Қош</w:t></w:r></w:p><w:p><w:r><w:t>бол</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>2025</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:delText>өшірілген</w:delText><w:t>Соңы.</w:t></w:r></w:p>
            </w:body></w:document>"#;
        let body = parse_body(xml).unwrap();
        assert_eq!(body.first_heading.as_deref(), Some("Атауы"));
        assert_eq!(
            body.paragraphs,
            [
                "Атауы",
                "Бірінші жол",
                "екінші & жол",
                "Фильм | Жыл",
                "Қош бол | 2025",
                "Соңы."
            ]
        );
    }

    #[test]
    fn core_properties() {
        let xml = r#"<cp:coreProperties xmlns:cp="c" xmlns:dc="d" xmlns:dcterms="t"><dc:title>Т&amp;Т</dc:title><dcterms:created>2025-09-15T09:30:00Z</dcterms:created><dcterms:modified>2025-10-01T00:00:00Z</dcterms:modified></cp:coreProperties>"#;
        let core = parse_core(xml);
        assert_eq!(core.title.as_deref(), Some("Т&Т"));
        assert_eq!(core.created.as_deref(), Some("2025-09-15"));
        assert_eq!(core.modified.as_deref(), Some("2025-10-01"));
    }
}
