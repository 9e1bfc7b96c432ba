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
