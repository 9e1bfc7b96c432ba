//! Web pages (`.html`, `.htm`, or a page the feeds fetched): the article's metadata from the
//! page's head (Open Graph, `<title>`, `<time>`, JSON-LD, the canonical link) and its text from
//! [`html_text`](super::html_text). Bytes are decoded by the BOM, the declared charset, UTF-8, or
//! else Windows-1251 (older Russian-language sites).

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::dates::{date_in_url, normalize_date};
use super::html_text::{article_paragraphs, collapse_spaces};
use super::time_limit::within_time_limit;
use super::{Document, Lang, MAX_FILE_BYTES, detect_lang};

/// Reads a fetched page into a document: title, date, url, language and the article's text,
/// without the page's menus, banners, footers and scripts. The id is the page's address
/// (host, path and query) when `url` is given, else one derived from the bytes.
pub fn read_html_page(bytes: &[u8], url: Option<&str>) -> Result<Document, String> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(format!(
            "larger than {} MB: skipped",
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    if !looks_like_html(bytes) {
        return Err("not an HTML page: skipped".into());
    }
    let id = match url {
        Some(url) => id_from_url(url),
        None => format!("page-{:016x}", content_hash(bytes)),
    };
    parse(&id, bytes, url)
}

/// Whether the bytes look like an HTML page (not a feed, JSON, PDF or picture): the start,
/// after a BOM, blanks and comments, is a tag, and an `<html>`, `<head>`, `<body>`, `<title>`
/// or `<!doctype html>` tag comes early.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.contains(&0) {
        return false;
    }
    let lower = String::from_utf8_lossy(head).to_ascii_lowercase();
    let start = lower.trim_start();
    if !start.starts_with('<') {
        return false;
    }
    ["<!doctype html", "<html", "<head", "<body", "<title"]
        .iter()
        .any(|tag| lower.contains(tag))
}

/// A document from a page's bytes; `url` is where it came from, if known. Parsing runs
/// [`within_time_limit`]: html5ever is slow on pathological nesting.
pub(super) fn parse(id: &str, bytes: &[u8], url: Option<&str>) -> Result<Document, String> {
    let (id, bytes, url) = (id.to_string(), bytes.to_vec(), url.map(str::to_string));
    within_time_limit(move || parse_page(&id, &bytes, url.as_deref()))
}

fn parse_page(id: &str, bytes: &[u8], url: Option<&str>) -> Result<Document, String> {
    let text = decode(bytes);
    if nesting_depth(&text) > MAX_NESTING {
        return Err(format!(
            "elements nested more than {MAX_NESTING} deep (not a page to read): skipped"
        ));
    }
    let page = Html::parse_document(&text);
    let root = page.root_element();
    let meta = |key: &str| meta_content(&page, key);
    let mut paragraphs = article_paragraphs(&page);
    let title = meta("og:title")
        .or_else(|| first_text(&page, "title"))
        .or_else(|| first_text(&page, "h1"))
        .or_else(|| paragraphs.first().cloned())
        .ok_or("no text in the page: skipped")?;
    // The article's own heading repeats the title; the title field already holds it.
    if paragraphs.first() == Some(&title) {
        paragraphs.remove(0);
    }
    if paragraphs.is_empty() {
        return Err("no article text in the page: skipped".into());
    }
    let page_url = meta("og:url")
        .or_else(|| link_href(&page, "canonical"))
        .or_else(|| url.map(str::to_string));
    let date = meta("article:published_time")
        .and_then(|d| normalize_date(&d))
        .or_else(|| time_datetime(&page))
        .or_else(|| json_ld_date(&page))
        .or_else(|| page_url.as_deref().and_then(date_in_url))
        .or_else(|| url.and_then(date_in_url));
    let lang = root
        .attr("lang")
        .and_then(|l| Lang::parse(l.split(['-', '_']).next().unwrap_or(l)))
        .or_else(|| detect_lang(&paragraphs.join("\n")));
    let source = meta("og:site_name");
    Ok(Document {
        id: id.to_string(),
        title,
        date,
        source,
        url: page_url,
        lang,
        paragraphs,
    })
}

/// The deepest nesting a page may have: html5ever's work grows with the square of the depth
/// (every block start looks through the open elements), and real pages stay far below this.
const MAX_NESTING: usize = 1_000;

/// Tags without an end tag, or whose end tag may be left out: not counted as nesting.
const UNNESTED_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body", "!doctype",
];

/// The deepest nesting of elements, counted from the tags (a fast look before parsing).
fn nesting_depth(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let closing = rest.starts_with('/');
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if name.is_empty() || UNNESTED_TAGS.contains(&name.as_str()) {
            continue;
        }
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if closing {
            depth = depth.saturating_sub(1);
        } else if !self_closing {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The page's text: BOM, then the charset a `<meta>` declares, then UTF-8, then Windows-1251.
fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom_length..])
            .0
            .into_owned();
    }
    if let Some(encoding) = declared_charset(bytes) {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1251
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// `<meta charset="…">` or `content="text/html; charset=…"` in the first kilobytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// `<meta property="og:title" content="…">` (or `name=`), trimmed, if not empty.
fn meta_content(page: &Html, key: &str) -> Option<String> {
    let all = selector("meta")?;
    page.select(&all)
        .find(|m| m.attr("property").or(m.attr("name")) == Some(key))
        .and_then(|m| m.attr("content"))
        .map(collapse_spaces)
        .filter(|c| !c.is_empty())
}

fn first_text(page: &Html, css: &str) -> Option<String> {
    let found = selector(css)?;
    page.select(&found)
        .map(|e| collapse_spaces(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

fn link_href(page: &Html, rel: &str) -> Option<String> {
    let links = selector("link[href]")?;
    page.select(&links)
        .find(|l| {
            l.attr("rel")
                .is_some_and(|r| r.split_whitespace().any(|r| r.eq_ignore_ascii_case(rel)))
        })
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
        .filter(|h| h.starts_with("http"))
}

/// The first `<time datetime>` of the article (or of the page) that holds a day.
fn time_datetime(page: &Html) -> Option<String> {
    let times = selector("article time[datetime], time[datetime]")?;
    page.select(&times)
        .filter_map(|t: ElementRef| t.attr("datetime"))
        .find_map(normalize_date)
}

/// `datePublished` in a JSON-LD block (at any depth: `@graph` lists are common).
fn json_ld_date(page: &Html) -> Option<String> {
    let scripts = selector(r#"script[type="application/ld+json"]"#)?;
    page.select(&scripts).find_map(|script| {
        let value: Value = serde_json::from_str(&script.text().collect::<String>()).ok()?;
        find_key(&value, "datePublished", 0)
            .and_then(Value::as_str)
            .and_then(normalize_date)
    })
}

fn find_key<'a>(value: &'a Value, key: &str, depth: usize) -> Option<&'a Value> {
    if depth > 16 {
        return None;
    }
    match value {
        Value::Object(map) => map
            .get(key)
            .or_else(|| map.values().find_map(|v| find_key(v, key, depth + 1))),
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key, depth + 1)),
        _ => None,
    }
}

/// `https://kino.kz/kk/news/5?p=1#top` → `kino.kz/kk/news/5?p=1`: readable, one per page.
pub(super) fn id_from_url(url: &str) -> String {
    let url = url.trim();
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let without_fragment = without_scheme.split('#').next().unwrap_or(without_scheme);
    without_fragment.trim_end_matches('/').to_string()
}

fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_addresses() {
        assert_eq!(
            id_from_url("https://kino.kz/kk/news/5/?p=1#top"),
            "kino.kz/kk/news/5/?p=1"
        );
        assert_eq!(id_from_url("https://kino.kz/a/"), "kino.kz/a");
    }

    #[test]
    fn what_looks_like_a_page() {
        assert!(looks_like_html(b"\xEF\xBB\xBF <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<!-- c --><html lang=kk><p>x"));
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><rss><channel>"));
        assert!(!looks_like_html(b"{\"html\": \"<html>\"}"));
        assert!(!looks_like_html(b"%PDF-1.7 <html>"));
        assert!(!looks_like_html(b"\x89PNG\r\n\x1a\n\0\0<html>"));
    }

    #[test]
    fn pathological_nesting_is_refused_before_parsing() {
        let deep = format!("<html>{}<p>Терең</p>", "<div>".repeat(50_000));
        let refused = read_html_page(deep.as_bytes(), None).unwrap_err();
        assert!(refused.contains("nested more than 1000"), "{refused}");
        let page = "<html><body><div><p>a<p>b<br><img src=x><span/></div><div>c</div>";
        assert_eq!(nesting_depth(page), 1);
    }

    #[test]
    fn windows_1251_without_a_declaration() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Кино</p>");
        assert_eq!(decode(&bytes), "<p>Кино</p>");
        let declared = b"<meta charset=\"windows-1251\"><p>\xca\xe8\xed\xee</p>";
        assert!(decode(declared).contains("Кино"));
    }
}
