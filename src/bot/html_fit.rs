//! Fitting Telegram HTML into one message: blocks joined while they fit, and well-formed HTML
//! cut between tags and entities, with the tags left open closed — so a long answer is
//! shortened, never refused by Telegram for a broken tag or an over-long text.

/// Length as Telegram counts it: UTF-16 code units.
pub fn utf16_len(text: &str) -> usize {
    text.encode_utf16().count()
}

/// Joins blocks with blank lines while they fit in `limit`; the first block is shortened when it
/// alone is too long, later blocks that do not fit are left out (they are extra evidence).
pub fn fit(blocks: &[String], limit: usize) -> String {
    let mut out = String::new();
    for block in blocks {
        let separator = if out.is_empty() { "" } else { "\n\n" };
        if utf16_len(&out) + utf16_len(separator) + utf16_len(block) <= limit {
            out.push_str(separator);
            out.push_str(block);
        } else if out.is_empty() {
            out = truncate_html(block, limit);
        } else {
            break;
        }
    }
    out
}

/// A piece of well-formed HTML: a tag (whole, and its name), an entity, or one character.
enum Token<'a> {
    Open(&'a str, &'a str),
    Close(&'a str, &'a str),
    Atom(&'a str),
}

fn tag_name(inner: &str) -> &str {
    inner
        .split(|c: char| c.is_whitespace() || c == '>')
        .next()
        .unwrap_or("")
}

fn next_token(html: &str) -> Token<'_> {
    let end_of = |close: char| html.find(close).map(|i| i + close.len_utf8());
    if html.starts_with('<')
        && let Some(end) = end_of('>')
    {
        let tag = &html[..end];
        return match tag.strip_prefix("</") {
            Some(inner) => Token::Close(tag, tag_name(inner)),
            None => Token::Open(tag, tag_name(&tag[1..])),
        };
    }
    // An entity is short (`&amp;`, `&quot;`); a lone `&` never occurs in escaped text.
    if html.starts_with('&')
        && let Some(end) = end_of(';').filter(|&end| end <= 10)
    {
        return Token::Atom(&html[..end]);
    }
    let len = html.chars().next().map_or(0, char::len_utf8);
    Token::Atom(&html[..len])
}

/// Cuts well-formed HTML to at most `limit` UTF-16 units between tags and entities, ends it
/// with `…` and closes the tags left open.
pub fn truncate_html(html: &str, limit: usize) -> String {
    const ELLIPSIS: &str = "…";
    let closing = |open: &[&str]| open.iter().map(|name| name.len() + 3).sum::<usize>();
    let mut out = String::new();
    let mut used = 0;
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let token = next_token(rest);
        let (text, after_open) = match &token {
            Token::Open(tag, name) => {
                let mut after = open.clone();
                after.push(name);
                (*tag, after)
            }
            Token::Close(tag, name) => {
                let mut after = open.clone();
                if let Some(at) = after.iter().rposition(|n| n == name) {
                    after.truncate(at);
                }
                (*tag, after)
            }
            Token::Atom(atom) => (*atom, open.clone()),
        };
        let cost = utf16_len(text);
        if used + cost + utf16_len(ELLIPSIS) + closing(&after_open) > limit {
            break;
        }
        out.push_str(text);
        used += cost;
        open = after_open;
        rest = &rest[text.len()..];
    }
    if !rest.is_empty() {
        out.push_str(ELLIPSIS);
    }
    for name in open.iter().rev() {
        out.push_str("</");
        out.push_str(name);
        out.push('>');
    }
    out
}

/// Every tag closed in order, every entity complete, no stray `<` or `>`.
#[cfg(test)]
pub fn assert_well_formed(html: &str) {
    let mut open = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        match next_token(rest) {
            Token::Open(tag, name) => {
                open.push(name);
                rest = &rest[tag.len()..];
            }
            Token::Close(tag, name) => {
                assert_eq!(open.pop(), Some(name), "{html}");
                rest = &rest[tag.len()..];
            }
            Token::Atom(atom) => {
                assert!(atom != "<" && atom != ">", "stray bracket in {html}");
                if atom.starts_with('&') {
                    assert!(atom.ends_with(';') && atom.len() > 2, "entity cut: {html}");
                }
                rest = &rest[atom.len()..];
            }
        }
    }
    assert!(open.is_empty(), "unclosed {open:?} in {html}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_closes_open_tags_and_never_splits_one() {
        let html = format!(
            "<b>{}</b> <a href=\"https://x.kz\">link</a>",
            "ә".repeat(50)
        );
        for limit in 10..80 {
            let cut = truncate_html(&html, limit);
            assert!(utf16_len(&cut) <= limit, "{limit}: {cut}");
            assert_well_formed(&cut);
        }
        assert_eq!(truncate_html(&html, 1000), html);
    }

    #[test]
    fn a_message_that_fits_is_left_alone() {
        let blocks = vec!["one".to_string(), "two".to_string()];
        assert_eq!(fit(&blocks, 100), "one\n\ntwo");
        assert_eq!(fit(&blocks, 4), "one");
    }
}
