//! The article's plain-text form: a first line ` date YYYY-MM-DD Title`, one paragraph a line,
//! and a last line naming the source. A `.txt` file without that first line is plain text: its
//! first line is the title and every other line a paragraph.

use super::{Document, clean_line};

pub fn parse(id: &str, text: &str) -> Option<Document> {
    let mut lines = text.lines().map(clean_line).filter(|l| !l.is_empty());
    let first = lines.next()?;
    let mut paragraphs: Vec<String> = lines.collect();
    let (date, title, source) = match parse_header(&first) {
        Some((date, title)) => {
            // The last line names the source when there is a body before it.
            let source = if paragraphs.len() >= 2 {
                paragraphs.pop()
            } else {
                None
            };
            (Some(date), title, source)
        }
        None => (None, first, None),
    };
    if paragraphs.is_empty() && title.is_empty() {
        return None;
    }
    if paragraphs.is_empty() {
        paragraphs.push(title.clone());
    }
    Some(Document {
        id: id.to_string(),
        title,
        date,
        source,
        url: None,
        lang: None,
        paragraphs,
    })
}

/// `date 2025-10-20 Title` → (date, title).
fn parse_header(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("date")?.trim_start();
    let date = rest.get(..10)?;
    let bytes = date.as_bytes();
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    if !shape_ok {
        return None;
    }
    Some((date.to_string(), rest[10..].trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_paragraphs_and_source() {
        let doc = parse(
            "a",
            " date 2025-10-20 Атауы\nБірінші.\nЕкінші.\nБаспасөз қызметі.\n",
        )
        .unwrap();
        assert_eq!(doc.date.as_deref(), Some("2025-10-20"));
        assert_eq!(doc.title, "Атауы");
        assert_eq!(doc.paragraphs, ["Бірінші.", "Екінші."]);
        assert_eq!(doc.source.as_deref(), Some("Баспасөз қызметі."));
    }

    #[test]
    fn plain_text_without_header() {
        let doc = parse("b", "Title line\nBody.").unwrap();
        assert_eq!(doc.title, "Title line");
        assert_eq!(doc.date, None);
        assert_eq!(doc.paragraphs, ["Body."]);
    }
}
