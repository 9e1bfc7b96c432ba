//! Markdown documents: `# Title`, optional `date:` / `source:` / `url:` / `lang:` lines (or the
//! same keys in a `---` front-matter block), then paragraphs separated by blank lines. Markup
//! that is not text (heading marks, list bullets, emphasis, link targets) is dropped.

use super::{Document, Lang, clean_line};

pub fn parse(id: &str, text: &str) -> Option<Document> {
    let mut doc = Document {
        id: id.to_string(),
        title: String::new(),
        date: None,
        source: None,
        url: None,
        lang: None,
        paragraphs: Vec::new(),
    };
    let mut block: Vec<String> = Vec::new();
    let mut in_front_matter = false;
    let mut in_code = false;
    for (n, raw) in text.lines().enumerate() {
        let line = clean_line(raw);
        if n == 0 && line == "---" {
            in_front_matter = true;
            continue;
        }
        if in_front_matter {
            if line == "---" {
                in_front_matter = false;
            } else {
                set_metadata(&mut doc, &line);
            }
            continue;
        }
        if line.starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            continue;
        }
        if line.is_empty() {
            flush(&mut block, &mut doc.paragraphs);
            continue;
        }
        if doc.paragraphs.is_empty() && block.is_empty() && set_metadata(&mut doc, &line) {
            continue;
        }
        if let Some(heading) = line.strip_prefix('#') {
            flush(&mut block, &mut doc.paragraphs);
            let heading = strip_inline(heading.trim_start_matches('#').trim());
            if doc.title.is_empty() && !line.starts_with("##") {
                doc.title = heading;
            } else if !heading.is_empty() {
                doc.paragraphs.push(heading);
            }
            continue;
        }
        let item = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| line.strip_prefix("> "))
            .unwrap_or(&line);
        if item.len() < line.len() && !block.is_empty() && line.starts_with(['-', '*']) {
            flush(&mut block, &mut doc.paragraphs);
        }
        block.push(strip_inline(item));
    }
    flush(&mut block, &mut doc.paragraphs);
    if doc.title.is_empty() {
        doc.title = doc
            .paragraphs
            .first()
            .cloned()
            .unwrap_or_else(|| id.to_string());
    }
    (!doc.paragraphs.is_empty()).then_some(doc)
}

fn flush(block: &mut Vec<String>, paragraphs: &mut Vec<String>) {
    let text = block.join(" ").trim().to_string();
    block.clear();
    if !text.is_empty() {
        paragraphs.push(text);
    }
}

/// `date: …`, `source: …`, `url: …`, `lang: …` (any case). Returns whether the line was one.
fn set_metadata(doc: &mut Document, line: &str) -> bool {
    let Some((key, value)) = line.split_once(':') else {
        return false;
    };
    let value = value.trim().trim_matches('"').to_string();
    match key.trim().to_ascii_lowercase().as_str() {
        "date" => doc.date = Some(value),
        "source" => doc.source = Some(value),
        "url" => doc.url = Some(value),
        "lang" => doc.lang = Lang::parse(&value),
        "title" => doc.title = value,
        _ => return false,
    }
    true
}

/// Drops emphasis marks and link targets: `**a** [b](http://c)` → `a b`.
fn strip_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after
            .find("](")
            .and_then(|mid| after[mid..].find(')').map(|close| (mid, mid + close)))
        {
            Some((mid, close)) => {
                out.push_str(&after[..mid]);
                rest = &after[close + 1..];
            }
            None => {
                out.push('[');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace("**", "").replace("__", "").replace('`', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_metadata_and_paragraphs() {
        let md = "# Фестиваль\ndate: 2025-09-01\nsource: Kino.kz\n\nБірінші **абзац**\nжалғасы.\n\n- тізім [сілтеме](http://x)\n";
        let doc = parse("m", md).unwrap();
        assert_eq!(doc.title, "Фестиваль");
        assert_eq!(doc.date.as_deref(), Some("2025-09-01"));
        assert_eq!(doc.source.as_deref(), Some("Kino.kz"));
        assert_eq!(doc.paragraphs, ["Бірінші абзац жалғасы.", "тізім сілтеме"]);
    }

    #[test]
    fn front_matter() {
        let doc = parse("m", "---\ntitle: T\nlang: ru\n---\nТекст.").unwrap();
        assert_eq!(doc.title, "T");
        assert_eq!(doc.lang, Some(Lang::Ru));
    }
}
