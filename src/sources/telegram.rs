//! Telegram posts as documents: the rules that make a post a document (id, title, date, link),
//! the chats whose posts are sources (`KINOTANU_SOURCE_CHATS`), and post links as admins paste
//! them. No teloxide types: the bot converts a message into a [`ChannelPost`].

use std::collections::BTreeSet;

/// A channel post or group message with text (or a media caption), as the sources layer needs
/// it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelPost {
    /// The chat's Bot API id: `-100…` for channels and supergroups, `-…` for basic groups.
    pub chat_id: i64,
    pub chat_title: String,
    /// The chat's public username, without `@`.
    pub username: Option<String>,
    pub message_id: i32,
    /// When the post was published (an edit keeps it), Unix seconds.
    pub date: i64,
    pub text: String,
}

impl ChannelPost {
    pub fn internal_chat_id(&self) -> i64 {
        internal_chat_id(self.chat_id)
    }

    pub fn doc_id(&self) -> String {
        post_doc_id(self.internal_chat_id(), i64::from(self.message_id))
    }

    pub fn url(&self) -> String {
        post_url(
            self.username.as_deref(),
            self.internal_chat_id(),
            i64::from(self.message_id),
        )
    }
}

// ---- Post document rules -----------------------------------------------------------------
// The same rules as the Telegram Desktop export reader (`src/corpus/telegram_post.rs`), which was
// not on main when this was written: the two are to be folded into one module. A post read
// from an export and the same post received by the bot must become the same document.

/// Bot API ids of channels and supergroups are `-1_000_000_000_000 - internal id`.
const CHANNEL_ID_OFFSET: i64 = 1_000_000_000_000;
/// Longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 100;

/// The chat id Telegram's own links and exports use: the Bot API id without its `-100` prefix
/// (`-1001234567890` → `1234567890`), a basic group's without its sign (`-123` → `123`).
pub fn internal_chat_id(bot_api_id: i64) -> i64 {
    if bot_api_id < -CHANNEL_ID_OFFSET {
        (-CHANNEL_ID_OFFSET).saturating_sub(bot_api_id)
    } else {
        bot_api_id.saturating_abs()
    }
}

/// `tg-<internal chat id>-<message id>`.
pub fn post_doc_id(internal_chat_id: i64, message_id: i64) -> String {
    format!("{}{message_id}", chat_id_prefix(internal_chat_id))
}

/// What the ids of one chat's posts start with: `tg-<internal chat id>-`.
pub fn chat_id_prefix(internal_chat_id: i64) -> String {
    format!("tg-{internal_chat_id}-")
}

/// The post's first non-blank line, cut at a word to at most [`MAX_TITLE_CHARS`] characters
/// (`…` included when cut).
pub fn post_title(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default();
    if line.chars().count() <= MAX_TITLE_CHARS {
        return line.to_string();
    }
    let room = line
        .char_indices()
        .nth(MAX_TITLE_CHARS - 1)
        .map_or(line.len(), |(at, _)| at);
    let head = &line[..room];
    // At the last space that leaves a word; a first word longer than the room is cut inside.
    let cut = match head.rfind(char::is_whitespace) {
        Some(at) if at > 0 => &head[..at],
        _ => head,
    };
    let cut = cut.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{cut}…")
}

/// `https://t.me/<username>/<message id>` for a public chat, else
/// `https://t.me/c/<internal chat id>/<message id>` (which opens for the chat's members).
pub fn post_url(username: Option<&str>, internal_chat_id: i64, message_id: i64) -> String {
    match username.filter(|name| !name.is_empty()) {
        Some(name) => format!("https://t.me/{name}/{message_id}"),
        None => format!("https://t.me/c/{internal_chat_id}/{message_id}"),
    }
}

/// `YYYY-MM-DD` (UTC) of a post published at `unix_secs`.
pub fn post_date(unix_secs: i64) -> String {
    chrono::DateTime::from_timestamp(unix_secs, 0)
        .unwrap_or_default()
        .format("%Y-%m-%d")
        .to_string()
}
// ---- end of the post document rules --------------------------------------------------------

/// One entry of `KINOTANU_SOURCE_CHATS`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SourceChat {
    /// A Bot API chat id (`-1001234567890`).
    Id(i64),
    /// A public chat's username, lowercase, without `@`.
    Username(String),
}

/// The chats whose posts become documents, in the order they were listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceChats {
    listed: Vec<SourceChat>,
    ids: BTreeSet<i64>,
    usernames: BTreeSet<String>,
}

impl SourceChats {
    /// Comma-separated numeric chat ids or `@username`s. Entries that are neither are returned
    /// with the reason, to be warned about; the others still count.
    pub fn parse(list: &str) -> (SourceChats, Vec<String>) {
        let mut chats = SourceChats::default();
        let mut rejected = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            match parse_entry(entry) {
                Ok(chat) => chats.insert(chat),
                Err(reason) => rejected.push(format!("`{entry}` {reason}: ignored")),
            }
        }
        (chats, rejected)
    }

    fn insert(&mut self, chat: SourceChat) {
        let new = match &chat {
            SourceChat::Id(id) => self.ids.insert(*id),
            SourceChat::Username(name) => self.usernames.insert(name.clone()),
        };
        if new {
            self.listed.push(chat);
        }
    }

    /// Whether a chat with this Bot API id and username is listed.
    pub fn contains(&self, chat_id: i64, username: Option<&str>) -> bool {
        self.ids.contains(&chat_id)
            || username.is_some_and(|name| self.usernames.contains(&name.to_ascii_lowercase()))
    }

    pub fn listed(&self) -> &[SourceChat] {
        &self.listed
    }

    pub fn is_empty(&self) -> bool {
        self.listed.is_empty()
    }
}

fn parse_entry(entry: &str) -> Result<SourceChat, &'static str> {
    if let Some(name) = entry.strip_prefix('@') {
        let valid = (3..=32).contains(&name.len())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        return if valid {
            Ok(SourceChat::Username(name.to_ascii_lowercase()))
        } else {
            Err("is not a Telegram username (3–32 letters, digits or _)")
        };
    }
    match entry.parse::<i64>() {
        Ok(id) if id < 0 => Ok(SourceChat::Id(id)),
        Ok(_) => Err(
            "is a user's id: channels and groups have negative ids (-100… for channels and supergroups)",
        ),
        Err(_) => Err("is neither a numeric chat id nor an @username"),
    }
}

/// A link to one post, as the Telegram apps copy it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PostLink {
    /// `https://t.me/c/<internal chat id>/<message id>`.
    Private {
        internal_chat_id: i64,
        message_id: i64,
    },
    /// `https://t.me/<username>/<message id>`; the username lowercase.
    Public { username: String, message_id: i64 },
}

impl PostLink {
    /// Reads `https://t.me/kinonews/42`, `t.me/c/1234567890/42`, with or without `www.`, on
    /// `telegram.me` too, ignoring `?single`-style queries and a topic id before the message id.
    pub fn parse(link: &str) -> Option<PostLink> {
        let link = link.trim();
        let link = link
            .strip_prefix("https://")
            .or_else(|| link.strip_prefix("http://"))
            .unwrap_or(link);
        let link = link.strip_prefix("www.").unwrap_or(link);
        let path = link
            .strip_prefix("t.me/")
            .or_else(|| link.strip_prefix("telegram.me/"))?;
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let mut parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        if parts.first() == Some(&"s") {
            parts.remove(0);
        }
        let (&last, rest) = parts.split_last()?;
        let message_id = last.parse::<i64>().ok().filter(|id| *id > 0)?;
        match rest {
            // A topic's id may sit between the chat and the message.
            ["c", chat] | ["c", chat, _] => Some(PostLink::Private {
                internal_chat_id: chat.parse::<i64>().ok().filter(|id| *id > 0)?,
                message_id,
            }),
            [name] | [name, _] if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                Some(PostLink::Public {
                    username: name.to_ascii_lowercase(),
                    message_id,
                })
            }
            _ => None,
        }
    }

    pub fn message_id(&self) -> i64 {
        match self {
            PostLink::Private { message_id, .. } | PostLink::Public { message_id, .. } => {
                *message_id
            }
        }
    }

    /// Whether `url` (a stored post's) is this link.
    pub fn is(&self, url: &str) -> bool {
        PostLink::parse(url).as_ref() == Some(self)
    }
}

/// The username in a public post's link (`https://t.me/kinonews/42` → `kinonews`).
pub fn username_in_url(url: &str) -> Option<String> {
    match PostLink::parse(url)? {
        PostLink::Public { username, .. } => Some(username),
        PostLink::Private { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chat_ids_lose_the_bot_api_prefix() {
        assert_eq!(internal_chat_id(-1001234567890), 1234567890);
        assert_eq!(internal_chat_id(-1000000000001), 1);
        assert_eq!(internal_chat_id(-123), 123);
        assert_eq!(
            internal_chat_id(-100123),
            100123,
            "a basic group, not a channel"
        );
        assert_eq!(internal_chat_id(i64::MIN), i64::MAX - 999_999_999_999);
        assert_eq!(post_doc_id(1234567890, 42), "tg-1234567890-42");
    }

    #[test]
    fn links_are_public_by_username_else_private_by_internal_id() {
        assert_eq!(
            post_url(Some("kinonews"), 1234567890, 42),
            "https://t.me/kinonews/42"
        );
        assert_eq!(
            post_url(None, 1234567890, 42),
            "https://t.me/c/1234567890/42"
        );
        assert_eq!(post_url(Some(""), 5, 1), "https://t.me/c/5/1");
    }

    #[test]
    fn the_title_is_the_first_line_cut_at_a_word() {
        assert_eq!(
            post_title("\n  Шымкентте фестиваль ашылды  \nТолығырақ…"),
            "Шымкентте фестиваль ашылды"
        );
        let long = format!("{} соңы", "кинофестиваль ".repeat(10));
        let title = post_title(&long);
        assert!(title.chars().count() <= MAX_TITLE_CHARS, "{title}");
        assert!(title.ends_with("кинофестиваль…"), "{title}");
        let one_word = "ж".repeat(300);
        let title = post_title(&one_word);
        assert_eq!(title.chars().count(), MAX_TITLE_CHARS);
        let exactly = "а".repeat(MAX_TITLE_CHARS);
        assert_eq!(post_title(&exactly), exactly);
        assert_eq!(
            post_title("Дата, место, время: подробности"),
            "Дата, место, время: подробности"
        );
        let comma = format!("{}, {}", "слово ".repeat(16).trim_end(), "хвост ".repeat(5));
        assert!(!post_title(&comma).contains(",…"), "{}", post_title(&comma));
        assert_eq!(post_title("   \n "), "");
    }

    #[test]
    fn dates_are_utc_days() {
        assert_eq!(post_date(1_760_000_000), "2025-10-09");
        assert_eq!(post_date(1_764_547_199), "2025-11-30");
        assert_eq!(post_date(1_764_547_200), "2025-12-01");
    }

    #[test]
    fn source_chats_are_negative_ids_or_usernames_and_bad_entries_are_reported() {
        let (chats, rejected) =
            SourceChats::parse(" -1001234567890, @KinoNews ,, -123, 777, news, @a b, @kinonews");
        assert_eq!(
            chats.listed(),
            [
                SourceChat::Id(-1001234567890),
                SourceChat::Username("kinonews".into()),
                SourceChat::Id(-123),
            ]
        );
        assert_eq!(rejected.len(), 3, "{rejected:?}");
        assert!(
            rejected[0].starts_with("`777` is a user's id"),
            "{rejected:?}"
        );
        assert!(rejected[1].starts_with("`news` is neither"), "{rejected:?}");
        assert!(rejected[2].starts_with("`@a b` is not"), "{rejected:?}");
        assert!(chats.contains(-1001234567890, None));
        assert!(
            chats.contains(-1009999999999, Some("KINONEWS")),
            "case-insensitive"
        );
        assert!(!chats.contains(-1009999999999, Some("other")));
        assert!(!chats.contains(-1009999999999, None));
        assert!(SourceChats::parse("").0.is_empty());
    }

    #[test]
    fn post_links_as_the_apps_copy_them() {
        let public = |name: &str, id| PostLink::Public {
            username: name.into(),
            message_id: id,
        };
        let private = |chat, id| PostLink::Private {
            internal_chat_id: chat,
            message_id: id,
        };
        for (link, expected) in [
            ("https://t.me/kinonews/42", Some(public("kinonews", 42))),
            ("t.me/KinoNews/42?single", Some(public("kinonews", 42))),
            (
                "http://www.telegram.me/kinonews/42/",
                Some(public("kinonews", 42)),
            ),
            ("https://t.me/s/kinonews/42", Some(public("kinonews", 42))),
            (
                "https://t.me/c/1234567890/42",
                Some(private(1234567890, 42)),
            ),
            (
                "https://t.me/c/1234567890/7/42#x",
                Some(private(1234567890, 42)),
            ),
            ("https://t.me/kinonews", None),
            ("https://t.me/c/abc/42", None),
            ("https://example.org/kinonews/42", None),
            ("https://t.me/kino-news/42", None),
            ("https://t.me/kinonews/-1", None),
            ("", None),
        ] {
            assert_eq!(PostLink::parse(link), expected, "{link}");
        }
        assert!(public("kinonews", 42).is("https://t.me/KinoNews/42"));
        assert!(!public("kinonews", 42).is("https://t.me/kinonews/43"));
        assert_eq!(
            username_in_url("https://t.me/KinoNews/1").as_deref(),
            Some("kinonews")
        );
        assert_eq!(username_in_url("https://t.me/c/1/1"), None);
    }
}
