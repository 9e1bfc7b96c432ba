//! Updates shaped as Telegram sends them.

use serde_json::{Value, json};

pub fn user(id: u64, language_code: &str) -> Value {
    json!({ "id": id, "is_bot": false, "first_name": "Aigerim", "language_code": language_code })
}

pub fn private_chat(id: u64) -> Value {
    json!({ "id": id, "type": "private", "first_name": "Aigerim" })
}

pub fn group(id: i64) -> Value {
    json!({ "id": id, "type": "supergroup", "title": "Kino club" })
}

pub fn forum(id: i64) -> Value {
    json!({ "id": id, "type": "supergroup", "title": "Kino forum", "is_forum": true })
}

pub fn channel(id: i64) -> Value {
    json!({ "id": id, "type": "channel", "title": "Kino news" })
}

/// A text message with the entities Telegram would attach: a leading `/command`, and every
/// `@username` (offsets in UTF-16 code units, as Telegram counts them).
pub fn text_message(chat: Value, from: Option<Value>, text: &str) -> Value {
    let mut message = json!({ "chat": chat, "text": text, "entities": entities(text) });
    if let Some(from) = from {
        message["from"] = from;
    }
    message
}

pub fn entities(text: &str) -> Vec<Value> {
    let utf16 = |s: &str| s.encode_utf16().count();
    let mut found = Vec::new();
    if text.starts_with('/') {
        let command = text.split_whitespace().next().unwrap_or(text);
        found.push(json!({ "type": "bot_command", "offset": 0, "length": utf16(command) }));
    }
    for (at, _) in text.match_indices('@') {
        let name: String = text[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let inside_command = text.starts_with('/') && !text[..at].contains(char::is_whitespace);
        if name.len() >= 3 && !inside_command {
            found.push(json!({ "type": "mention", "offset": utf16(&text[..at]), "length": name.len() + 1 }));
        }
    }
    found
}

pub fn inline_query(from: Value, query: &str) -> Value {
    json!({ "id": "inline-1", "from": from, "query": query, "offset": "" })
}

/// A channel as Telegram describes it in a message: a username only for a public one.
pub fn channel_named(id: i64, title: &str, username: Option<&str>) -> Value {
    let mut chat = json!({ "id": id, "type": "channel", "title": title });
    if let Some(username) = username {
        chat["username"] = json!(username);
    }
    chat
}

/// A text post in a channel: no `from`, the channel as `sender_chat`.
pub fn channel_post(chat: Value, message_id: i64, date: i64, text: &str) -> Value {
    let mut post = text_message(chat.clone(), None, text);
    post["sender_chat"] = chat;
    post["message_id"] = json!(message_id);
    post["date"] = json!(date);
    post
}

/// An edited post as `edited_channel_post` (or `edited_message`) carries it: the same message
/// id and original date, the new text, and when it was edited.
pub fn edited(mut post: Value, text: &str) -> Value {
    let date = post["date"].as_i64().unwrap_or(0);
    post["text"] = json!(text);
    post["entities"] = json!(entities(text));
    post["edit_date"] = json!(date + 600);
    post
}

/// A photo post with an optional caption, as one message of an album when `album` is given.
pub fn photo_post(
    chat: Value,
    message_id: i64,
    date: i64,
    caption: Option<&str>,
    album: Option<&str>,
) -> Value {
    let mut post = json!({
        "chat": chat.clone(),
        "sender_chat": chat,
        "message_id": message_id,
        "date": date,
        "photo": [{
            "file_id": format!("photo-{message_id}"),
            "file_unique_id": format!("u-photo-{message_id}"),
            "width": 1280,
            "height": 720,
            "file_size": 91_000,
        }],
    });
    if let Some(caption) = caption {
        post["caption"] = json!(caption);
    }
    if let Some(album) = album {
        post["media_group_id"] = json!(album);
    }
    post
}

/// A service message in a channel: the title changed (no text).
pub fn title_changed(chat: Value, message_id: i64, date: i64, title: &str) -> Value {
    json!({
        "chat": chat.clone(),
        "sender_chat": chat,
        "message_id": message_id,
        "date": date,
        "new_chat_title": title,
    })
}

/// A channel's post forwarded by `from` into a private chat with the bot, as Bot API 7 sends
/// it: `forward_origin` names the channel, the original message id and date.
pub fn forwarded_post(from: u64, channel: Value, message_id: i64, date: i64, text: &str) -> Value {
    json!({
        "chat": private_chat(from),
        "from": user(from, "kk"),
        "date": 1_760_000_000,
        "forward_origin": {
            "type": "channel",
            "chat": channel,
            "message_id": message_id,
            "date": date,
        },
        "text": text,
    })
}

/// A user's message forwarded by `from` into a private chat with the bot.
pub fn forwarded_from_user(from: u64, author: Value, date: i64, text: &str) -> Value {
    json!({
        "chat": private_chat(from),
        "from": user(from, "kk"),
        "date": 1_760_000_000,
        "forward_origin": { "type": "user", "sender_user": author, "date": date },
        "text": text,
    })
}
