//! Posts of the source chats (`KINOTANU_SOURCE_CHATS`) as documents: channel posts, group
//! messages and their edits, and old posts an admin forwards in a private chat. Each is stored
//! in the seeds folder first (the corpus of record, `crate::sources`), then the index is asked
//! to sync; the bot never writes into the index itself.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use teloxide::prelude::*;
use teloxide::types::{Chat, Me, MessageOrigin};
use tracing::{debug, error, info, warn};

use super::Telegram;
use super::admin::Admins;
use super::feeds::FollowedFeeds;
use super::questions::{self, Reply};
use super::render::{escape, link};
use super::source_texts as texts;
use super::state::LiveIndex;
use super::texts::{UiLang, upload_needs_folder};
use crate::sources::{ChannelPost, PostStore, SourceChats, StoredPost, Written};

/// The chats whose posts are documents, and the corpus of record they are stored in; and the
/// news feeds followed beside them (polled by `feeds::poll_forever`, listed by /stats).
pub struct ChannelSources {
    pub chats: SourceChats,
    pub store: PostStore,
    /// How long an admin's receipt waits for the index (another process may be rebuilding it).
    pub receipt_wait: Duration,
    pub feeds: FollowedFeeds,
}

/// A message's text, or its media's caption, when it has any words.
fn post_text(msg: &Message) -> Option<&str> {
    msg.text()
        .or_else(|| msg.caption())
        .filter(|text| text.chars().any(char::is_alphanumeric))
}

fn title_of(chat: &Chat) -> String {
    chat.title()
        .or_else(|| chat.username())
        .map_or_else(|| chat.id.0.to_string(), str::to_string)
}

fn post_in(chat: &Chat, message_id: i32, date: i64, text: &str) -> ChannelPost {
    ChannelPost {
        chat_id: chat.id.0,
        chat_title: title_of(chat),
        username: chat.username().map(str::to_string),
        message_id,
        date,
        text: text.to_string(),
    }
}

/// A post (or its edit) in a listed channel or group that is a document: it has text or a
/// caption, is not a command (an `/ask` is answered, not indexed), not a question to the bot,
/// and not a channel post copied into the channel's discussion group.
pub fn listed_post(msg: Message, me: Me, sources: Arc<ChannelSources>) -> Option<ChannelPost> {
    let chat = &msg.chat;
    if !(chat.is_channel() || chat.is_group() || chat.is_supergroup()) {
        return None;
    }
    if !sources.chats.contains(chat.id.0, chat.username()) {
        debug!(
            chat = chat.id.0,
            "a post in a chat that is not a source (KINOTANU_SOURCE_CHATS): ignored"
        );
        return None;
    }
    if msg.is_automatic_forward() {
        debug!(
            chat = chat.id.0,
            "a channel post copied into its discussion group: ignored"
        );
        return None;
    }
    let Some(text) = post_text(&msg) else {
        debug!(
            chat = chat.id.0,
            message = msg.id.0,
            "a post without text or caption (media, a service message): ignored"
        );
        return None;
    };
    if text.trim_start().starts_with('/') {
        debug!(
            chat = chat.id.0,
            message = msg.id.0,
            "a command, not a post: not indexed"
        );
        return None;
    }
    if !chat.is_channel() && questions::group_question(msg.clone(), me).is_some() {
        return None;
    }
    Some(post_in(chat, msg.id.0, msg.date.timestamp(), text))
}

/// Stores a source chat's post and asks for a sync, without waiting for it: posts arriving
/// while a sync runs are taken together by the next one.
pub async fn index_post(
    post: ChannelPost,
    sources: Arc<ChannelSources>,
    live: Arc<LiveIndex>,
) -> Result<()> {
    if !sources.store.is_usable() {
        warn!(
            chat = post.chat_id,
            "a source post cannot be stored: the seeds are a single file, not a folder"
        );
        return Ok(());
    }
    match store(&sources, post).await {
        Ok((Written::Unchanged, stored)) => debug!(id = stored.id, "post unchanged"),
        Ok((written, stored)) => {
            info!(id = stored.id, ?written, "post stored in the seeds");
            live.request_sync();
        }
        Err(e) => error!("cannot store a post in the seeds: {e:#}"),
    }
    Ok(())
}

async fn store(sources: &Arc<ChannelSources>, post: ChannelPost) -> Result<(Written, StoredPost)> {
    let sources = sources.clone();
    tokio::task::spawn_blocking(move || sources.store.write(&post)).await?
}

/// Where a message forwarded into a private chat with the bot came from.
#[derive(Clone, Debug)]
pub struct Forwarded(MessageOrigin);

/// A message forwarded into a private chat: never a question or a command of the forwarder.
pub fn forwarded_to_me(msg: Message) -> Option<Forwarded> {
    if !msg.chat.is_private() {
        return None;
    }
    msg.forward_origin().cloned().map(Forwarded)
}

/// An admin's forward of a listed channel's post is stored as that channel's post (its original
/// date and link) and indexed, with a one-line receipt; anything else gets a short refusal.
pub async fn add_forward(
    bot: Telegram,
    msg: Message,
    Forwarded(origin): Forwarded,
    admins: Admins,
    sources: Arc<ChannelSources>,
    live: Arc<LiveIndex>,
) -> Result<()> {
    let lang = UiLang::from_code(msg.from.as_ref().and_then(|u| u.language_code.as_deref()));
    let reply = Reply::to(&msg);
    let Some(admin) = msg.from.as_ref().filter(|user| admins.contains(user.id)) else {
        info!(
            user = msg.from.as_ref().map(|u| u.id.0),
            "a forward from a non-admin: not added"
        );
        return reply.send(&bot, texts::forward_not_admin(lang)).await;
    };
    let MessageOrigin::Channel {
        chat,
        message_id,
        date,
        ..
    } = origin
    else {
        return reply
            .send(&bot, texts::forward_not_from_channel(lang))
            .await;
    };
    if !sources.chats.contains(chat.id.0, chat.username()) {
        info!(
            admin = admin.id.0,
            chat = chat.id.0,
            "a forward from a chat that is not a source: refused"
        );
        let html = texts::forward_unlisted(lang, &escape(&title_of(&chat)), chat.id.0);
        return reply.send(&bot, html).await;
    }
    let Some(text) = post_text(&msg) else {
        if msg.media_group_id().is_some() {
            // An album is forwarded as several messages; only the captioned one has text.
            debug!(chat = chat.id.0, "an album item without caption: ignored");
            return Ok(());
        }
        return reply.send(&bot, texts::forward_no_text(lang)).await;
    };
    if !sources.store.is_usable() {
        return reply.send(&bot, upload_needs_folder(lang)).await;
    }
    let post = post_in(&chat, message_id.0, date.timestamp(), text);
    let (written, stored) = match store(&sources, post).await {
        Ok(stored) => stored,
        Err(e) => {
            error!("cannot store a forwarded post in the seeds: {e:#}");
            return reply.send(&bot, texts::post_not_saved(lang)).await;
        }
    };
    info!(
        admin = admin.id.0,
        id = stored.id,
        ?written,
        "forwarded post stored"
    );
    let synced = live.sync(sources.receipt_wait).await;
    reply
        .send(
            &bot,
            texts::post_receipt(lang, written, synced, &post_html(&stored)),
        )
        .await
}

/// `«Title», 2025-10-09, Kino news` with the title linking to the post.
pub fn post_html(post: &StoredPost) -> String {
    format!(
        "«{}», {}, {}",
        link(&post.url, &escape(&post.title)),
        escape(&post.date),
        escape(&post.source)
    )
}
