//! Telegram posts as the sources layer sees them: a post received by the bot (the rules that
//! make it a document are `corpus::telegram_post`'s, shared with the export reader), the chats
//! whose posts are sources (`KINOTANU_SOURCE_CHATS`), and post links as admins paste them. No
//! teloxide types: the bot converts a message into a [`ChannelPost`].

use std::collections::BTreeSet;

pub use crate::corpus::telegram_post::{
    MAX_TITLE_CHARS, chat_id_prefix, internal_chat_id, post_doc_id, post_url,
};

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
            self.internal_chat_id(),
            self.username.as_deref(),
            i64::from(self.message_id),
        )
    }
}

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
