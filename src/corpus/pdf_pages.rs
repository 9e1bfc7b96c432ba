//! From the text of PDF pages to paragraphs: running headers and footers (a line at the top or
//! bottom of most pages that is the same on each but for its numbers) dropped, lines of a
//! paragraph joined, words hyphenated at a line end joined, and blank lines (the gaps the
//! extractor leaves between paragraphs) and page ends as paragraph breaks.

use std::collections::HashMap;

use super::html_text::collapse_spaces;

/// Lines at each end of a page that may be a running header or footer.
const EDGE_LINES: usize = 3;

/// The paragraphs of the pages, in order.
pub fn page_paragraphs(pages: &[String]) -> Vec<String> {
    let pages: Vec<Vec<String>> = pages
        .iter()
        .map(|page| page.lines().map(collapse_spaces).collect())
        .collect();
    let running = running_lines(&pages);
    let mut paragraphs = Vec::new();
    for page in &pages {
        let content: Vec<usize> = (0..page.len()).filter(|&i| !page[i].is_empty()).collect();
        let edge = |i: usize| {
            let position = content.iter().position(|&c| c == i).unwrap_or(0);
            position < EDGE_LINES || position + EDGE_LINES >= content.len()
        };
        let mut current = String::new();
        for (i, line) in page.iter().enumerate() {
            if line.is_empty() {
                push(&mut current, &mut paragraphs);
                continue;
            }
            if edge(i) && running.contains_key(&shape(line)) {
                continue;
            }
            join_line(&mut current, line);
        }
        push(&mut current, &mut paragraphs);
    }
    paragraphs
}

/// Whether the text is mostly replacement characters: fonts without a Unicode mapping.
pub fn unreadable(paragraphs: &[String]) -> bool {
    let (mut letters, mut replaced) = (0usize, 0usize);
    for c in paragraphs.iter().flat_map(|p| p.chars()) {
        if c == '\u{FFFD}' {
            replaced += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    replaced * 2 > letters
}

/// Edge lines that repeat, numbers aside, on most pages (all when there are two or three).
fn running_lines(pages: &[Vec<String>]) -> HashMap<String, usize> {
    if pages.len() < 2 {
        return HashMap::new();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let content: Vec<&String> = page.iter().filter(|l| !l.is_empty()).collect();
        let ends = content.len().min(EDGE_LINES);
        let mut seen: Vec<String> = content[..ends]
            .iter()
            .chain(&content[content.len() - ends..])
            .map(|l| shape(l))
            .collect();
        seen.sort();
        seen.dedup();
        for line in seen {
            *counts.entry(line).or_insert(0) += 1;
        }
    }
    let needed = if pages.len() <= 3 {
        pages.len()
    } else {
        (pages.len() * 3).div_ceil(4)
    };
    counts.retain(|_, count| *count >= needed);
    counts
}

/// A line with its numbers blanked and its case folded: `Бет 3 / 10` → `бет # / #`.
fn shape(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut in_number = false;
    for c in line.chars() {
        if c.is_ascii_digit() {
            if !in_number {
                out.push('#');
            }
            in_number = true;
        } else {
            in_number = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Adds a line to a paragraph: a word cut by a hyphen at the line end is joined when the next
/// line goes on in lower case (`көрсет-` + `кіштен` → `көрсеткіштен`); before a capital or a
/// digit the hyphen is the word's own and stays (`Алматы-` + `Астана` → `Алматы-Астана`).
fn join_line(current: &mut String, line: &str) {
    if current.is_empty() {
        current.push_str(line);
        return;
    }
    let next = line.chars().next();
    let mut chars = current.chars().rev();
    let last = chars.next();
    let before = chars.next();
    let hyphen_after_letter = matches!(last, Some('-' | '\u{AD}' | '\u{2010}'))
        && before.is_some_and(char::is_alphabetic);
    if hyphen_after_letter && next.is_some_and(char::is_lowercase) {
        current.pop();
        current.push_str(line);
    } else if hyphen_after_letter && last == Some('-') {
        current.push_str(line);
    } else if last == Some('\u{AD}') {
        current.pop();
        current.push(' ');
        current.push_str(line);
    } else {
        current.push(' ');
        current.push_str(line);
    }
}

fn push(current: &mut String, paragraphs: &mut Vec<String>) {
    let text = std::mem::take(current);
    if text.chars().any(char::is_alphanumeric) {
        paragraphs.push(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_headers_and_footers_are_dropped() {
        let page = |n: usize, body: &str| {
            format!("ҚР Мәдениет министрлігі\n\n{body}\n\n\nБаспасөз қызметі · {n} бет\n")
        };
        let pages = [
            page(1, "Бірінші бет мәтіні.\nЖалғасы."),
            page(2, "Екінші бет."),
            page(3, "Үшінші бет."),
        ];
        assert_eq!(
            page_paragraphs(&pages),
            ["Бірінші бет мәтіні. Жалғасы.", "Екінші бет.", "Үшінші бет."]
        );
    }

    #[test]
    fn a_single_page_keeps_every_line() {
        let pages = ["Атауы\n\nМәтін.".to_string()];
        assert_eq!(page_paragraphs(&pages), ["Атауы", "Мәтін."]);
    }

    #[test]
    fn hyphenated_line_ends_are_joined() {
        let pages = ["Көрсет-\nкіштен 27 пайыз. Алматы-\nАстана жолы.".to_string()];
        assert_eq!(
            page_paragraphs(&pages),
            ["Көрсеткіштен 27 пайыз. Алматы-Астана жолы."]
        );
    }

    #[test]
    fn replacement_characters_mean_unreadable() {
        assert!(unreadable(&["\u{FFFD}\u{FFFD}\u{FFFD} a".to_string()]));
        assert!(!unreadable(&["Мәтін \u{FFFD}".to_string()]));
    }
}
