//! A feed's bytes as items (feed-rs reads RSS 0.9x/1.0/2.0 and Atom), and an item as the
//! document it becomes: the linked page read by the corpus's HTML reader, or else the item's
//! own content or summary; url = the item's link, date = its publication day in Kazakhstan,
//! source = the feed's title, title = the item's title (else the page's).

use reqwest::Url;

use crate::corpus::{self, Document, Lang};

/// Feeds nested deeper than this are refused before parsing (no real feed comes close, and a
/// parser's recursion must not meet a crafted one).
const MAX_XML_NESTING: usize = 200;

/// A feed as read: its title and its items, each once (the first of two with one id).
#[derive(Debug)]
pub struct ParsedFeed {
    pub title: Option<String>,
    pub items: Vec<FeedItem>,
}

/// One item (RSS) or entry (Atom).
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    /// The item's guid or Atom id (feed-rs makes one from the link and title when missing).
    pub guid: String,
    pub link: Option<Url>,
    pub title: Option<String>,
    /// Publication (else update) day in Kazakhstan, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Its full content, else its summary, as HTML.
    pub content_html: Option<String>,
    /// Changes when anything the document is made of changes (an updated item).
    pub fingerprint: String,
}

/// Reads a feed; the error is one line (`not an RSS or Atom feed: …`).
pub fn parse_feed(bytes: &[u8], feed_url: &Url) -> Result<ParsedFeed, String> {
    if xml_nesting(bytes) > MAX_XML_NESTING {
        return Err(format!(
            "elements nested more than {MAX_XML_NESTING} deep: not a feed"
        ));
    }
    let (base, bytes) = (feed_url.to_string(), bytes.to_vec());
    // In the corpus's reader worker: a time limit, a large stack, and a panic (feed-rs has
    // `unwrap`s on input) becomes this feed's error without a trace on stderr.
    let parsed = corpus::within_time_limit(move || {
        let parser = feed_rs::parser::Builder::new()
            .base_uri(Some(base))
            .id_generator(stable_id)
            .build();
        Ok(parser.parse(bytes.as_slice()))
    })
    .map_err(|_| "the feed parser failed on it: not a feed it can read".to_string())?;
    let feed = parsed.map_err(|e| format!("not an RSS or Atom feed: {e}"))?;
    let mut items: Vec<FeedItem> = Vec::new();
    let mut guids = std::collections::HashSet::new();
    for entry in feed.entries {
        let item = feed_item(entry, feed_url);
        if guids.insert(item.guid.clone()) {
            items.push(item);
        }
    }
    Ok(ParsedFeed {
        title: feed.title.map(|t| text_of(&t)).filter(|t| !t.is_empty()),
        items,
    })
}

/// feed-rs's id for an item without one — from its link and title, or the feed's address and
/// the title — but none instead of the random UUID it makes for an item with neither (an RSS
/// item may be only a description): [`feed_item`] makes that one from the item's text, so that
/// it is the same item next round.
fn stable_id(
    links: &[feed_rs::model::Link],
    title: &Option<feed_rs::model::Text>,
    uri: Option<&str>,
) -> String {
    if links.is_empty() && (title.is_none() || uri.is_none()) {
        return String::new();
    }
    feed_rs::parser::generate_id(links, title, uri)
}

fn feed_item(entry: feed_rs::model::Entry, feed_url: &Url) -> FeedItem {
    let link = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .and_then(|l| feed_url.join(l.href.trim()).ok())
        .filter(|url| matches!(url.scheme(), "http" | "https"));
    let title = entry.title.as_ref().map(text_of).filter(|t| !t.is_empty());
    let date = entry
        .published
        .or(entry.updated)
        .and_then(|time| corpus::day_of_unix_time(time.timestamp()));
    let content_html = entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?;
            Some(if c.content_type.essence().to_string().contains("html") {
                body.to_string()
            } else {
                escape_html(body)
            })
        })
        .or_else(|| entry.summary.as_ref().map(html_of))
        .filter(|html| !html.trim().is_empty());
    let mut fingerprint = Fnv::default();
    for part in [
        Some(entry.id.as_str()),
        link.as_ref().map(Url::as_str),
        title.as_deref(),
        content_html.as_deref(),
        entry.updated.map(|t| t.to_rfc3339()).as_deref(),
        entry.published.map(|t| t.to_rfc3339()).as_deref(),
    ] {
        fingerprint.write(part.unwrap_or_default().as_bytes());
        fingerprint.write(&[0xFF]);
    }
    let guid = match entry.id.trim() {
        "" => {
            let mut text = Fnv::default();
            text.write(content_html.as_deref().unwrap_or_default().as_bytes());
            format!("text-{:016x}", text.0)
        }
        id => id.to_string(),
    };
    FeedItem {
        guid,
        link,
        title,
        date,
        content_html,
        fingerprint: format!("{:016x}", fingerprint.0),
    }
}

/// A feed-rs text as plain text: markup removed from HTML titles, spaces collapsed.
fn text_of(text: &feed_rs::model::Text) -> String {
    let plain = if text.content_type.essence().to_string().contains("html") {
        let fragment = scraper::Html::parse_fragment(&text.content);
        fragment.root_element().text().collect::<String>()
    } else {
        text.content.clone()
    };
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn html_of(text: &feed_rs::model::Text) -> String {
    if text.content_type.essence().to_string().contains("html") {
        text.content.clone()
    } else {
        escape_html(&text.content)
    }
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The document an item becomes from its linked page (already read by the HTML reader), or,
/// with `page` `None`, from its own content. `None` when neither has text.
pub fn item_document(
    item: &FeedItem,
    page: Option<Document>,
    feed_title: Option<&str>,
    feed_url: &Url,
) -> Option<Document> {
    let mut document = match page {
        Some(page) => page,
        None => {
            let host = feed_url.host_str().unwrap_or_default();
            own_content(item, item.title.as_deref().or(feed_title).unwrap_or(host))?
        }
    };
    document.id = item_doc_id(item, feed_url);
    if let Some(title) = &item.title {
        document.title.clone_from(title);
    }
    if let Some(link) = &item.link {
        document.url = Some(link.to_string());
    }
    if item.date.is_some() {
        document.date.clone_from(&item.date);
    }
    document.source = feed_title
        .map(str::to_string)
        .or(document.source)
        .or_else(|| feed_url.host_str().map(str::to_string));
    Some(document)
}

/// The item's own content or summary, read as a small page by the HTML reader. The page needs
/// a title (the item's, else the feed's): without one the reader takes the first paragraph
/// for it, and an item of one paragraph would be left without text.
fn own_content(item: &FeedItem, title: &str) -> Option<Document> {
    let content = item.content_html.as_deref()?;
    let title = escape_html(title);
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><article>{content}</article></body></html>"
    );
    corpus::read_html_page(page.as_bytes(), None).ok()
}

/// A document id: the link's address without its scheme (as for a saved page), or for an
/// item without a link one made from the feed and the item's id.
pub fn item_doc_id(item: &FeedItem, feed_url: &Url) -> String {
    match &item.link {
        Some(link) => {
            let without_scheme = link.as_str().split_once("://").map_or("", |(_, r)| r);
            let without_fragment = without_scheme.split('#').next().unwrap_or_default();
            without_fragment.trim_end_matches('/').to_string()
        }
        None => {
            let mut hash = Fnv::default();
            hash.write(feed_url.as_str().as_bytes());
            hash.write(&[0xFF]);
            hash.write(item.guid.as_bytes());
            format!("feed-{:016x}", hash.0)
        }
    }
}

/// A line of the corpus of record: the JSON Lines document format.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct StoredItem {
    pub id: String,
    pub title: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl StoredItem {
    pub fn of(document: &Document) -> StoredItem {
        StoredItem {
            id: document.id.clone(),
            title: document.title.clone(),
            text: document.paragraphs.join("\n"),
            lang: document.lang.map(|l: Lang| l.code().to_string()),
            date: document.date.clone(),
            source: document.source.clone(),
            url: document.url.clone(),
        }
    }
}

/// FNV-1a, 64 bits: a hash that stays the same across versions and runs (fingerprints are
/// kept on disk).
#[derive(Clone, Copy)]
pub(super) struct Fnv(pub(super) u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    pub(super) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The deepest element nesting, counted from the tags (a quick look before parsing). What is
/// inside CDATA sections and comments is text, not elements: feeds carry their items' HTML in
/// CDATA, where `<br>` and `<img>` never close.
fn xml_nesting(bytes: &[u8]) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut previous = 0u8;
    let mut text_until: Option<(usize, &[u8])> = None;
    for (at, &b) in bytes.iter().enumerate() {
        if let Some((from, end)) = text_until {
            if at >= from && bytes[..=at].ends_with(end) {
                text_until = None;
                previous = 0;
            }
            continue;
        }
        if previous == b'<' {
            match b {
                b'/' => depth = depth.saturating_sub(1),
                b'!' if bytes[at..].starts_with(b"![CDATA[") => {
                    text_until = Some((at + 8 + 2, b"]]>"));
                }
                b'!' if bytes[at..].starts_with(b"!--") => {
                    text_until = Some((at + 3 + 2, b"-->"));
                }
                b'?' | b'!' => {}
                _ => {
                    let end = bytes[at..].iter().position(|&c| c == b'>');
                    let self_closing = end.is_some_and(|e| e > 0 && bytes[at + e - 1] == b'/');
                    if !self_closing {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                }
            }
        }
        previous = b;
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url() -> Url {
        Url::parse("https://kino.kz/kk/rss.xml").unwrap()
    }

    #[test]
    fn rss_items_with_links_dates_and_summaries() {
        let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Kino.kz жаңалықтары</title>
<item><title>Фестиваль &amp; жүлделер</title><link>/kk/news/5</link><guid>n-5</guid>
<pubDate>Sun, 02 Nov 2025 01:30:00 +0500</pubDate>
<description>&lt;p&gt;Алматыда фестиваль өтті.&lt;/p&gt;</description></item>
<item><title>Екінші</title><guid>n-5</guid></item>
</channel></rss>"#;
        let feed = parse_feed(rss.as_bytes(), &url()).unwrap();
        assert_eq!(feed.title.as_deref(), Some("Kino.kz жаңалықтары"));
        assert_eq!(
            feed.items.len(),
            1,
            "the second item with the same guid is dropped"
        );
        let item = &feed.items[0];
        assert_eq!(item.guid, "n-5");
        assert_eq!(
            item.link.as_ref().unwrap().as_str(),
            "https://kino.kz/kk/news/5"
        );
        assert_eq!(item.title.as_deref(), Some("Фестиваль & жүлделер"));
        assert_eq!(
            item.date.as_deref(),
            Some("2025-11-02"),
            "the day in Kazakhstan"
        );
        let document = item_document(item, None, feed.title.as_deref(), &url()).unwrap();
        assert_eq!(document.id, "kino.kz/kk/news/5");
        assert_eq!(document.paragraphs, ["Алматыда фестиваль өтті."]);
        assert_eq!(document.source.as_deref(), Some("Kino.kz жаңалықтары"));
        assert_eq!(document.url.as_deref(), Some("https://kino.kz/kk/news/5"));
    }

    #[test]
    fn a_changed_item_has_another_fingerprint() {
        let feed = |summary: &str| {
            let atom = format!(
                r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>f</id>
<entry><id>urn:1</id><title>T</title><updated>2025-11-01T10:00:00Z</updated><summary>{summary}</summary></entry></feed>"#
            );
            parse_feed(atom.as_bytes(), &url()).unwrap().items.remove(0)
        };
        assert_eq!(feed("a").fingerprint, feed("a").fingerprint);
        assert_ne!(feed("a").fingerprint, feed("b").fingerprint);
        let item = feed("a");
        assert!(item.link.is_none());
        assert!(item_doc_id(&item, &url()).starts_with("feed-"));
    }

    #[test]
    fn what_is_not_a_feed_is_said_in_one_line() {
        for bad in [
            &b"<rss version=\"2.0\"><channel><item><title>x</ti"[..],
            b"<html><body>not a feed</body></html>",
            b"",
            b"\xff\xfe\x00<",
        ] {
            let error = parse_feed(bad, &url()).unwrap_err();
            assert!(!error.contains('\n'), "{error}");
        }
        // feed-rs unwraps the hours it matched: a panic inside it is this feed's error.
        let overflowing = r#"<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>P</title>
<item><title>x</title><guid>1</guid><itunes:duration>99999999999999999999999:00:00</itunes:duration></item></channel></rss>"#;
        let error = parse_feed(overflowing.as_bytes(), &url()).unwrap_err();
        assert!(error.contains("parser failed"), "{error}");
        let deep = format!("<rss version=\"2.0\">{}", "<a>".repeat(10_000));
        assert!(
            parse_feed(deep.as_bytes(), &url())
                .unwrap_err()
                .contains("nested")
        );
    }

    #[test]
    fn html_in_cdata_and_comments_is_not_nesting() {
        // 40 items of a blog's full text: 320 `<br>` and `<img>` that HTML never closes.
        let body = "<p>Кадр:<br><img src=\"/a.jpg\"><br>Режиссер<br>Сценарий</p>".repeat(2);
        let mut rss =
            String::from("<rss version=\"2.0\"><channel><title>Блог</title><!-- <b><b><b> -->");
        for n in 0..40 {
            rss.push_str(&format!(
                "<item><guid>b-{n}</guid><title>Жазба {n}</title><description><![CDATA[{body}]]></description></item>"
            ));
        }
        rss.push_str("</channel></rss>");
        let feed = parse_feed(rss.as_bytes(), &url()).unwrap();
        assert_eq!(feed.items.len(), 40);
        assert!(xml_nesting(rss.as_bytes()) < 10);
        let in_cdata = format!(
            "<rss><![CDATA[{}]]>{}</rss>",
            "<a>".repeat(500),
            "<b>".repeat(300)
        );
        assert_eq!(xml_nesting(in_cdata.as_bytes()), 301);
    }
}
