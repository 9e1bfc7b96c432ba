//! One channel or group post as a document, by the same rules wherever it comes from (a
//! Telegram Desktop export, or a post the live bot receives): pure functions over plain values.
//!
//! - id `tg-<internal chat id>-<message id>`, where the internal id is the chat's id without
//!   the Bot API's `-100` prefix (the number in `t.me/c/…` links and in exports);
//! - title: the first line of the text, cut at a word boundary to at most 100 characters;
//! - url: `https://t.me/<username>/<message id>` for a chat with a username, else
//!   `https://t.me/c/<internal id>/<message id>` (opens for members);
//! - date: the day in Kazakhstan (UTC+5) of the post's Unix time.

use super::dates::day_of_unix_time;
use super::html_text::collapse_spaces;
use super::{Document, clean_line};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;

/// The Bot API's prefix of channel and supergroup ids: `-100` followed by the internal id.
const CHANNEL_ID_OFFSET: i64 = 1_000_000_000_000;

/// A chat's internal id from its Bot API id: `-1001234567890` → `1234567890`, a basic group
/// `-123` → `123`; a positive (user) id stays as it is.
pub fn internal_chat_id(bot_api_chat_id: i64) -> i64 {
    if bot_api_chat_id <= -CHANNEL_ID_OFFSET {
        -(bot_api_chat_id + CHANNEL_ID_OFFSET)
    } else {
        bot_api_chat_id.saturating_abs()
    }
}

/// `tg-1234567890-42`.
pub fn post_doc_id(internal_chat_id: i64, message_id: i64) -> String {
    format!("{}{message_id}", chat_id_prefix(internal_chat_id))
}

/// What the ids of one chat's posts start with: `tg-<internal chat id>-`.
pub fn chat_id_prefix(internal_chat_id: i64) -> String {
    format!("tg-{internal_chat_id}-")
}

/// The post's link: public by username (with or without its `@`) when there is one.
pub fn post_url(internal_chat_id: i64, username: Option<&str>, message_id: i64) -> String {
    match username
        .map(|u| u.trim().trim_start_matches('@'))
        .filter(|u| !u.is_empty())
    {
        Some(username) => format!("https://t.me/{username}/{message_id}"),
        None => format!("https://t.me/c/{internal_chat_id}/{message_id}"),
    }
}

/// The first non-empty line of the text, cut at a word boundary to at most
/// [`MAX_TITLE_CHARS`] characters (with `…` where it was cut); `None` for a text without words.
pub fn post_title(text: &str) -> Option<String> {
    let line = text
        .lines()
        .map(collapse_spaces)
        .find(|l| l.chars().any(char::is_alphanumeric))?;
    if line.chars().count() <= MAX_TITLE_CHARS {
        return Some(line);
    }
    let room = MAX_TITLE_CHARS - 1;
    let mut title = String::new();
    for word in line.split(' ') {
        let needed = title.chars().count() + usize::from(!title.is_empty()) + word.chars().count();
        if needed > room {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        // One word longer than a title (a link): cut inside it.
        title = line.chars().take(room).collect();
    }
    // "Дата, место, время…", not "Дата, место,…".
    let kept = title.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    title.truncate(kept.len());
    title.push('…');
    Some(title)
}

/// The post as a document: one paragraph per line of its text. `None` when it has no text.
pub fn post_document(
    internal_chat_id: i64,
    username: Option<&str>,
    chat_title: Option<&str>,
    message_id: i64,
    text: &str,
    unix_date: i64,
) -> Option<Document> {
    let title = post_title(text)?;
    let paragraphs: Vec<String> = text
        .lines()
        .map(clean_line)
        .map(|l| collapse_spaces(&l))
        .filter(|l| !l.is_empty())
        .collect();
    Some(Document {
        id: post_doc_id(internal_chat_id, message_id),
        title,
        date: day_of_unix_time(unix_date),
        source: chat_title
            .map(str::to_string)
            .filter(|t| !t.trim().is_empty()),
        url: Some(post_url(internal_chat_id, username, message_id)),
        lang: None,
        paragraphs,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_ids() {
        assert_eq!(internal_chat_id(-1_001_234_567_890), 1_234_567_890);
        assert_eq!(internal_chat_id(-123), 123);
        assert_eq!(internal_chat_id(42), 42);
        assert_eq!(internal_chat_id(i64::MIN), 9_223_371_036_854_775_808);
    }

    #[test]
    fn links_and_ids() {
        assert_eq!(post_doc_id(1_234_567_890, 7), "tg-1234567890-7");
        assert_eq!(post_url(1, Some("@kinokz"), 7), "https://t.me/kinokz/7");
        assert_eq!(post_url(1234, None, 7), "https://t.me/c/1234/7");
        assert_eq!(post_url(1234, Some(" "), 7), "https://t.me/c/1234/7");
    }

    #[test]
    fn titles_are_cut_at_a_word() {
        assert_eq!(
            post_title("\n  Премьера  бүгін\nекінші жол").as_deref(),
            Some("Премьера бүгін")
        );
        let long = "сөз ".repeat(40);
        let title = post_title(&long).unwrap();
        assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
        assert!(title.ends_with("сөз…"), "{title}");
        let link = format!("https://kino.kz/{}", "ә".repeat(200));
        assert_eq!(post_title(&link).unwrap().chars().count(), MAX_TITLE_CHARS);
        assert_eq!(post_title(" \n 🎬 \n"), None);
        let exactly = "а".repeat(MAX_TITLE_CHARS);
        assert_eq!(post_title(&exactly), Some(exactly));
        let comma = format!("{}, {}", "слово ".repeat(16).trim_end(), "хвост ".repeat(5));
        let title = post_title(&comma).unwrap();
        assert!(!title.contains(",…"), "{title}");
    }

    #[test]
    fn a_post_is_dated_by_the_day_in_kazakhstan() {
        let date = |unix| post_document(1, None, None, 1, "Мәтін", unix).unwrap().date;
        // 2025-11-30 18:59:59 and 19:00:00 UTC: midnight in Kazakhstan (UTC+5) between them.
        assert_eq!(date(1_764_529_199).as_deref(), Some("2025-11-30"));
        assert_eq!(date(1_764_529_200).as_deref(), Some("2025-12-01"));
    }

    #[test]
    fn a_post_as_a_document() {
        let doc =
            post_document(99, None, Some("Kino"), 5, "Атауы\n\nМәтін.", 1_760_900_000).unwrap();
        assert_eq!(doc.id, "tg-99-5");
        assert_eq!(doc.paragraphs, ["Атауы", "Мәтін."]);
        assert_eq!(doc.date.as_deref(), Some("2025-10-19"));
        assert_eq!(doc.url.as_deref(), Some("https://t.me/c/99/5"));
        assert!(post_document(99, None, None, 6, "  ", 0).is_none());
    }
}
