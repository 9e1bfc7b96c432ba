//! The article's text in a parsed page: its paragraphs, headings, list items and table rows, in
//! order, without the page's chrome (navigation, menus, footers, asides, forms, scripts, styles,
//! cookie banners, share buttons, comments, hidden parts).
//!
//! The article is the largest `<article>`, else `<main>` (or `role="main"`), else the block that
//! holds the most paragraph text (each `<p>` counts fully for its parent and half for the
//! grandparent, as readability tools do), else the body.

use std::collections::HashMap;

use ego_tree::iter::Edge;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node, Selector};

/// Tags whose whole subtree is never article text.
const CHROME_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "select", "option", "iframe", "svg", "canvas", "dialog", "menu", "object", "embed", "input",
    "textarea", "label", "head",
];

/// Parts of `class`/`id` names that mark chrome.
const CHROME_NAMES: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "menu",
    "breadcrumb",
    "share",
    "social",
    "comment",
    "related",
    "subscribe",
    "newsletter",
    "advert",
    "promo",
    "sidebar",
    "popup",
    "modal",
    "footer",
    "pagination",
    "navbar",
    "navigation",
    "banner",
];

/// ARIA roles of chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "dialog",
    "alertdialog",
    "search",
    "menu",
    "menubar",
    "toolbar",
];

/// Tags that end a paragraph where they open and close.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "caption",
    "address",
    "hr",
    "details",
    "summary",
    "center",
];

/// The article's paragraphs, in order.
pub fn article_paragraphs(page: &Html) -> Vec<String> {
    let root = article_root(page);
    paragraphs_in(root)
}

/// Collapses runs of whitespace (including no-break spaces) into one space and drops soft
/// hyphens and byte-order marks.
pub fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().filter(|&c| c != '\u{AD}' && c != '\u{FEFF}'));
    }
    out
}

fn article_root(page: &Html) -> ElementRef<'_> {
    let largest = |css: &str| -> Option<ElementRef<'_>> {
        let found = Selector::parse(css).ok()?;
        page.select(&found)
            .filter(|e| !inside_chrome(*e))
            .map(|e| (text_length(e), e))
            .filter(|(length, _)| *length > 0)
            .max_by_key(|(length, _)| *length)
            .map(|(_, e)| e)
    };
    largest("article")
        .or_else(|| largest("main, [role=main]"))
        .or_else(|| densest_block(page))
        .or_else(|| largest("body"))
        .unwrap_or_else(|| page.root_element())
}

fn densest_block(page: &Html) -> Option<ElementRef<'_>> {
    let paragraphs = Selector::parse("p").ok()?;
    let mut scores = HashMap::new();
    for p in page.select(&paragraphs) {
        if inside_chrome(p) {
            continue;
        }
        let length = collapse_spaces(&p.text().collect::<String>())
            .chars()
            .count();
        if length < 25 {
            continue;
        }
        let mut ancestors = p.ancestors();
        if let Some(parent) = ancestors.next() {
            *scores.entry(parent.id()).or_insert(0) += length;
        }
        if let Some(grandparent) = ancestors.next() {
            *scores.entry(grandparent.id()).or_insert(0) += length / 2;
        }
    }
    let (best, _) = scores.into_iter().max_by_key(|(_, score)| *score)?;
    page.tree.get(best).and_then(ElementRef::wrap)
}

fn text_length(root: ElementRef) -> usize {
    paragraphs_in(root).iter().map(|p| p.chars().count()).sum()
}

fn inside_chrome(element: ElementRef) -> bool {
    is_chrome(element.value())
        || element
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| is_chrome(a.value()))
}

fn is_chrome(element: &Element) -> bool {
    let name = element.name();
    if name == "body" || name == "html" {
        return false;
    }
    if CHROME_TAGS.contains(&name) {
        return true;
    }
    if element.attr("hidden").is_some()
        || element.attr("aria-hidden") == Some("true")
        || element.attr("aria-modal") == Some("true")
    {
        return true;
    }
    if let Some(style) = element.attr("style") {
        let style: String = style.to_ascii_lowercase().split_whitespace().collect();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    if element
        .attr("role")
        .is_some_and(|role| CHROME_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let names = element.classes().chain(element.id());
    names.map(str::to_ascii_lowercase).any(|token| {
        // State classes of layout wrappers (`has-sidebar`, `with-comments`) are not chrome.
        let state = [
            "has-", "with-", "no-", "is-", "show-", "hide-", "page-", "layout-",
        ];
        if state.iter().any(|prefix| token.starts_with(prefix)) {
            return false;
        }
        CHROME_NAMES.iter().any(|part| token.contains(part))
            || token == "nav"
            || token.starts_with("nav-")
            || token == "ad"
            || token == "ads"
            || token.starts_with("ad-")
    })
}

/// Walks the subtree without recursion (pages nest deeply), skipping chrome subtrees.
fn paragraphs_in(root: ElementRef) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut skipping = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => current.push_str(text),
                    Node::Element(element) => {
                        if node.id() != root.id() && is_chrome(element) {
                            skipping = Some(node.id());
                        } else if element.name() == "br" || BLOCK_TAGS.contains(&element.name()) {
                            flush(&mut current, &mut paragraphs);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                    continue;
                }
                if skipping.is_some() {
                    continue;
                }
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if name == "td" || name == "th" {
                        current.push_str(" | ");
                    } else if BLOCK_TAGS.contains(&name) {
                        flush(&mut current, &mut paragraphs);
                    } else if name == "img" {
                        current.push(' ');
                    }
                }
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let text = collapse_spaces(current);
    current.clear();
    let text = text.trim_end_matches(" |").trim_start_matches("| ").trim();
    if text.chars().any(char::is_alphanumeric) {
        paragraphs.push(text.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(html: &str) -> Vec<String> {
        article_paragraphs(&Html::parse_document(html))
    }

    #[test]
    fn breaks_blocks_and_table_rows() {
        let html = "<body><article><h2>Жүлде</h2><p>Бірінші&nbsp;жол<br>екінші жол</p>\
            <table><tr><th>Фильм</th><th>Жыл</th></tr><tr><td>Қош бол</td><td>2025</td></tr></table>\
            <ul><li>бір</li><li>екі</li></ul></article></body>";
        assert_eq!(
            paragraphs(html),
            [
                "Жүлде",
                "Бірінші жол",
                "екінші жол",
                "Фильм | Жыл",
                "Қош бол | 2025",
                "бір",
                "екі"
            ]
        );
    }

    #[test]
    fn chrome_inside_the_article_is_dropped() {
        let html = "<article><p>Мәтін.</p><div class=\"share-buttons\">Бөлісу</div>\
            <div style=\"display: none\">жасырын</div><section id=\"comments\"><p>Пікір</p></section>\
            <script>var x = 1;</script></article>";
        assert_eq!(paragraphs(html), ["Мәтін."]);
    }

    #[test]
    fn without_article_or_main_the_densest_block_wins() {
        let long = "Бұл мақаланың ұзын абзацы, онда көп мәтін бар. ".repeat(3);
        let html = format!(
            "<body><div id=\"top\"><p>Басты бет</p></div><div class=\"content\"><p>{long}</p><p>{long}</p></div>\
             <div><p>Қысқа.</p></div></body>"
        );
        let found = paragraphs(&html);
        assert_eq!(found.len(), 2, "{found:?}");
    }

    #[test]
    fn nesting_as_deep_as_pages_may_go_is_walked() {
        let html = format!(
            "{}<p>Терең</p>{}",
            "<div>".repeat(1_000),
            "</div>".repeat(1_000)
        );
        assert!(paragraphs(&html).contains(&"Терең".to_string()));
    }
}
