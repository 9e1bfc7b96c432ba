//! PDF files: the text layer page by page (`pdf-extract`, which keeps word order and paragraph
//! gaps of justified Cyrillic text; see ARCHITECTURE.md "Readers"), cleaned by
//! [`pdf_pages`](super::pdf_pages). The title is the document's `/Title`, else its first short
//! paragraph; the date its `/CreationDate`.
//!
//! The extractor can panic on damaged files and has no guard against forms that draw
//! themselves, so each file is read [`within_time_limit`] (panics caught) and form nesting is
//! checked before extraction.

use pdf_extract::{Dictionary, Object, PlainTextOutput};

use super::Document;
use super::dates::normalize_date;
use super::pdf_pages::{page_paragraphs, unreadable};
use super::time_limit::within_time_limit;

/// How deep forms may draw forms before a file is called damaged.
const MAX_FORM_DEPTH: usize = 12;

pub fn read(id: &str, bytes: &[u8]) -> Result<Document, String> {
    let start = &bytes[..bytes.len().min(1024)];
    if !start.windows(5).any(|w| w == b"%PDF-") {
        return Err("not a PDF file (no %PDF- header): skipped".into());
    }
    let bytes = bytes.to_vec();
    let extracted = within_time_limit(move || extract(&bytes))?;
    let mut paragraphs = page_paragraphs(&extracted.pages);
    if paragraphs.is_empty() {
        return Err("no text layer — scanned? run OCR first: skipped".into());
    }
    if unreadable(&paragraphs) {
        return Err(
            "the text layer has no Unicode mapping for its fonts (unreadable text): skipped".into(),
        );
    }
    let title = match extracted.title {
        Some(title) => title,
        None if paragraphs.len() > 1 && paragraphs[0].chars().count() <= 150 => {
            paragraphs.remove(0)
        }
        None => id.to_string(),
    };
    if paragraphs.first() == Some(&title) && paragraphs.len() > 1 {
        paragraphs.remove(0);
    }
    Ok(Document {
        id: id.to_string(),
        title,
        date: extracted.date,
        source: None,
        url: None,
        lang: None,
        paragraphs,
    })
}

struct Extracted {
    pages: Vec<String>,
    title: Option<String>,
    date: Option<String>,
}

fn extract(bytes: &[u8]) -> Result<Extracted, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|e| format!("damaged PDF ({e}): skipped"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted PDF (needs a password): skipped".into());
    }
    let pages = doc.get_pages();
    for &page_id in pages.values() {
        check_form_depth(&doc, page_id)?;
    }
    let mut texts = Vec::with_capacity(pages.len());
    for &number in pages.keys() {
        let mut text = String::new();
        let mut output = PlainTextOutput::new(&mut text);
        // A page that cannot be read loses only itself.
        if pdf_extract::output_doc_page(&doc, &mut output, number).is_ok() {
            texts.push(text);
        }
    }
    let info = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|info| doc.dereference(info).ok())
        .and_then(|(_, info)| info.as_dict().ok());
    let field = |key: &[u8]| info.and_then(|info| text_string(&doc, info, key));
    Ok(Extracted {
        pages: texts,
        title: field(b"Title").filter(|t| t.chars().any(char::is_alphabetic)),
        date: field(b"CreationDate").and_then(|d| pdf_date(&d)),
    })
}

/// Walks the forms a page draws, as the extractor will, and refuses cycles and deep nesting
/// (the extractor would recurse until the stack overflows).
fn check_form_depth(
    doc: &pdf_extract::Document,
    page_id: pdf_extract::ObjectId,
) -> Result<(), String> {
    let Ok(content) = doc.get_page_content(page_id) else {
        return Ok(());
    };
    let resources = match doc.get_page_resources(page_id) {
        Ok((Some(own), _)) => Some(own),
        Ok((None, inherited)) => inherited
            .first()
            .and_then(|id| doc.get_dictionary(*id).ok()),
        Err(_) => None,
    };
    match resources {
        Some(resources) => walk_forms(doc, &content, resources, 0),
        None => Ok(()),
    }
}

fn walk_forms(
    doc: &pdf_extract::Document,
    content: &[u8],
    resources: &Dictionary,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_FORM_DEPTH {
        return Err("forms nested too deeply or drawing themselves (damaged PDF): skipped".into());
    }
    let Some(xobjects) = resolved(doc, resources, b"XObject").and_then(|x| x.as_dict().ok()) else {
        return Ok(());
    };
    let Ok(operations) = pdf_extract::content::Content::decode(content) else {
        return Ok(());
    };
    for operation in operations.operations.iter().filter(|o| o.operator == "Do") {
        let Some(name) = operation.operands.first().and_then(|n| n.as_name().ok()) else {
            continue;
        };
        let Some(form) = resolved(doc, xobjects, name).and_then(|x| x.as_stream().ok()) else {
            continue;
        };
        let own = resolved(doc, &form.dict, b"Resources").and_then(|r| r.as_dict().ok());
        let inner = form
            .decompressed_content()
            .unwrap_or_else(|_| form.content.clone());
        walk_forms(doc, &inner, own.unwrap_or(resources), depth + 1)?;
    }
    Ok(())
}

fn resolved<'a>(
    doc: &'a pdf_extract::Document,
    dict: &'a Dictionary,
    key: &[u8],
) -> Option<&'a Object> {
    let object = dict.get(key).ok()?;
    doc.dereference(object).ok().map(|(_, object)| object)
}

/// A PDF text string: UTF-16 with a byte-order mark, else PDFDocEncoding (Latin-1 here).
fn text_string(doc: &pdf_extract::Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    let Object::String(bytes, _) = resolved(doc, dict, key)? else {
        return None;
    };
    let text = match bytes.strip_prefix(b"\xFE\xFF") {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks_exact(2)
                .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    let text = super::html_text::collapse_spaces(&text);
    (!text.is_empty()).then_some(text)
}

/// `D:20251201110000+05'00'` → `2025-12-01`.
fn pdf_date(text: &str) -> Option<String> {
    let digits = text.strip_prefix("D:").unwrap_or(text);
    let day = digits
        .get(..8)
        .filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
    normalize_date(&format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates() {
        assert_eq!(
            pdf_date("D:20251201110000+05'00'").as_deref(),
            Some("2025-12-01")
        );
        assert_eq!(pdf_date("D:2025").as_deref(), None);
        assert_eq!(pdf_date("D:әәәәәәәә").as_deref(), None);
    }

    #[test]
    fn not_a_pdf() {
        assert!(read("x", b"hello").unwrap_err().contains("not a PDF"));
    }
}
