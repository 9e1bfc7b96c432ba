//! Telegram Desktop chat exports (`result.json` from "Export chat history", JSON format): one
//! document per message with text, by the rules of [`telegram_post`](super::telegram_post).
//!
//! The file is streamed: the top-level `name`, `type`, `id` (and a `username`, which Telegram
//! Desktop does not write but an operator may add for public links) are read, and the
//! `messages` array one element at a time, so a 100 MB export is never held as a tree and a
//! damaged or truncated one keeps the messages before the damage. Service messages, messages
//! without text (photos without caption, stickers, album parts) are skipped.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

use super::telegram_post::post_document;
use super::{Corpus, Problem};

/// What the stream gave so far; kept whatever happens after.
#[derive(Default)]
struct Export {
    name: Option<String>,
    chat_id: Option<i64>,
    username: Option<String>,
    saw_messages: bool,
    full_account_export: bool,
    messages: Vec<Message>,
}

/// A message with text, as much as the document needs.
struct Message {
    id: i64,
    unix_date: Option<i64>,
    text: String,
}

/// Reads an export from a file, streaming.
pub fn read_file(path: &Path, corpus: &mut Corpus, seen: &mut HashSet<String>) {
    match std::fs::File::open(path) {
        Ok(file) => {
            let reader = std::io::BufReader::with_capacity(1 << 16, file);
            let mut de = serde_json::Deserializer::from_reader(HexEscapes::new(reader));
            read(path, &mut de, corpus, seen);
        }
        Err(e) => corpus.problems.push(Problem::new(
            path,
            None,
            format!("cannot read ({e}): skipped"),
        )),
    }
}

/// Reads an export held in memory (an uploaded file).
pub fn read_slice(path: &Path, bytes: &[u8], corpus: &mut Corpus, seen: &mut HashSet<String>) {
    if bytes.windows(2).any(|w| w == b"\\x") {
        let mut de = serde_json::Deserializer::from_reader(HexEscapes::new(bytes));
        read(path, &mut de, corpus, seen);
    } else {
        let mut de = serde_json::Deserializer::from_slice(bytes);
        read(path, &mut de, corpus, seen);
    }
}

/// Telegram Desktop writes control characters other than tab and line ends as `\xHH`, which
/// JSON does not have; this reader turns them into `\u00HH` on the way to the parser, so one
/// such character does not cost the rest of the export. Lines stay where they are.
struct HexEscapes<R> {
    inner: R,
    input: Vec<u8>,
    output: Vec<u8>,
    served: usize,
    after_backslash: bool,
}

impl<R: std::io::Read> HexEscapes<R> {
    fn new(inner: R) -> Self {
        HexEscapes {
            inner,
            input: vec![0; 1 << 16],
            output: Vec::with_capacity(1 << 17),
            served: 0,
            after_backslash: false,
        }
    }
}

impl<R: std::io::Read> std::io::Read for HexEscapes<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.served == self.output.len() {
            let n = self.inner.read(&mut self.input)?;
            self.output.clear();
            self.served = 0;
            for &byte in &self.input[..n] {
                if self.after_backslash {
                    self.after_backslash = false;
                    if byte == b'x' {
                        self.output.extend_from_slice(b"u00");
                        continue;
                    }
                } else if byte == b'\\' {
                    self.after_backslash = true;
                }
                self.output.push(byte);
            }
        }
        let n = buf.len().min(self.output.len() - self.served);
        buf[..n].copy_from_slice(&self.output[self.served..self.served + n]);
        self.served += n;
        Ok(n)
    }
}

fn read<'de, R: serde_json::de::Read<'de>>(
    path: &Path,
    de: &mut serde_json::Deserializer<R>,
    corpus: &mut Corpus,
    seen: &mut HashSet<String>,
) {
    let mut export = Export::default();
    let outcome = de
        .deserialize_map(ExportVisitor(&mut export))
        .and_then(|()| de.end());
    let damage = outcome.err();
    let read_messages = export.messages.len();
    if let Some(error) = &damage {
        let message = match error.classify() {
            serde_json::error::Category::Eof => "the export ends early (truncated)".to_string(),
            serde_json::error::Category::Data if !export.saw_messages => format!(
                "not a Telegram Desktop chat export ({})",
                without_position(error)
            ),
            _ => format!("damaged export ({})", without_position(error)),
        };
        let message = if read_messages > 0 {
            format!("{message}; the {read_messages} messages before it are kept")
        } else {
            format!("{message}: skipped")
        };
        corpus
            .problems
            .push(Problem::new(path, Some(error.line()), message));
        if read_messages == 0 {
            return;
        }
    } else if export.full_account_export && !export.saw_messages {
        let message = "a full Telegram data export: export one chat instead (⋮ → Export chat history, JSON): skipped";
        return corpus.problems.push(Problem::new(path, None, message));
    } else if !export.saw_messages {
        let message = "not a Telegram Desktop chat export (no \"messages\" list): skipped";
        return corpus.problems.push(Problem::new(path, None, message));
    }
    let Some(chat_id) = export.chat_id else {
        let message = "the export has no chat \"id\" (needed for post links): skipped";
        return corpus.problems.push(Problem::new(path, None, message));
    };
    let mut duplicates = 0;
    for message in export.messages {
        let unix_date = message.unix_date.unwrap_or_default();
        let document = post_document(
            chat_id.saturating_abs(),
            export.username.as_deref(),
            export.name.as_deref(),
            message.id,
            &message.text,
            unix_date,
        );
        if let Some(document) = document {
            if seen.insert(document.id.clone()) {
                corpus.documents.push(document);
            } else {
                duplicates += 1;
            }
        }
    }
    if duplicates > 0 {
        corpus.problems.push(Problem::new(
            path,
            None,
            format!(
                "{duplicates} messages were already read from another file: the first read are kept"
            ),
        ));
    }
    if read_messages == 0 && damage.is_none() {
        corpus.problems.push(Problem::new(
            path,
            None,
            "the export has no message with text: skipped",
        ));
    }
}

/// serde_json's message without its " at line L column C" (the problem carries the line).
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => format!("{}, column {}", &text[..at], error.column()),
        None => text,
    }
}

struct ExportVisitor<'a>(&'a mut Export);

impl<'de> Visitor<'de> for ExportVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Telegram Desktop chat export (a JSON object with \"messages\")")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let export = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "name" => export.name = map.next_value::<Option<String>>()?,
                "username" => export.username = map.next_value::<Option<String>>()?,
                "id" => export.chat_id = map.next_value::<Value>()?.as_i64(),
                "messages" => {
                    export.saw_messages = true;
                    map.next_value_seed(MessagesSeed(export))?;
                }
                "chats" | "personal_information" => {
                    export.full_account_export = true;
                    map.next_value::<IgnoredAny>()?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

struct MessagesSeed<'a>(&'a mut Export);

impl<'de> DeserializeSeed<'de> for MessagesSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for MessagesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of messages")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        // One message at a time: each is parsed, kept if it has text, and dropped.
        while let Some(value) = seq.next_element::<Value>()? {
            if let Some(message) = message_of(&value) {
                self.0.messages.push(message);
            }
        }
        Ok(())
    }
}

/// A message with text, or `None` for service messages, media without caption and the like.
fn message_of(value: &Value) -> Option<Message> {
    if value.get("type")?.as_str()? != "message" {
        return None;
    }
    let id = value.get("id")?.as_i64()?;
    let text = value
        .get("text")
        .map(flatten)
        .filter(|t| !t.trim().is_empty())
        .or_else(|| value.get("text_entities").map(flatten))
        .filter(|t| !t.trim().is_empty())?;
    let unix_date = value
        .get("date_unixtime")
        .and_then(|d| d.as_str()?.parse().ok().or_else(|| d.as_i64()))
        .or_else(|| local_date_as_unix(value.get("date")?.as_str()?));
    Some(Message {
        id,
        unix_date,
        text,
    })
}

/// Plain text of a `text` (a string, or an array of strings and entities) or of
/// `text_entities` (an array of entities): entities give their `text`, so links stay as text.
fn flatten(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Array(parts) => parts
            .iter()
            .map(|part| match part {
                Value::String(text) => text.as_str(),
                Value::Object(entity) => entity.get("text").and_then(Value::as_str).unwrap_or(""),
                _ => "",
            })
            .collect(),
        _ => String::new(),
    }
}

/// Older exports have no `date_unixtime`: their `date` is the exporter's local time, taken
/// here as Kazakhstan time so that the day stays the day written.
fn local_date_as_unix(date: &str) -> Option<i64> {
    let time = chrono::NaiveDateTime::parse_from_str(date.get(..19)?, "%Y-%m-%dT%H:%M:%S").ok()?;
    Some(time.and_utc().timestamp() - 5 * 3600)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_flatten_to_plain_text() {
        let text: Value = serde_json::json!([
            "Премьера: ",
            {"type": "bold", "text": "«Қаһарман»"},
            " ",
            {"type": "text_link", "text": "билеттер", "href": "https://kino.kz/t"},
            " ",
            {"type": "link", "text": "https://kino.kz"}
        ]);
        assert_eq!(
            flatten(&text),
            "Премьера: «Қаһарман» билеттер https://kino.kz"
        );
    }

    #[test]
    fn service_and_empty_messages_are_not_posts() {
        let service =
            serde_json::json!({"id": 1, "type": "service", "action": "create_channel", "text": ""});
        let photo = serde_json::json!({"id": 2, "type": "message", "photo": "p.jpg", "text": ""});
        assert!(message_of(&service).is_none());
        assert!(message_of(&photo).is_none());
    }

    #[test]
    fn telegram_hex_escapes_are_read_as_unicode_escapes() {
        let json =
            br#"{"id": 5, "messages": [{"id": 1, "type": "message", "text": "a\x0Bb \\x41"}]}"#;
        let mut export = Export::default();
        let mut de = serde_json::Deserializer::from_reader(HexEscapes::new(&json[..]));
        de.deserialize_map(ExportVisitor(&mut export)).unwrap();
        assert_eq!(export.messages[0].text, "a\u{b}b \\x41");
    }

    #[test]
    fn a_date_without_unix_time_is_kazakhstan_time() {
        let message = serde_json::json!({"id": 3, "type": "message", "date": "2025-10-20T00:30:00", "text": "x"});
        let unix = message_of(&message).unwrap().unix_date.unwrap();
        assert_eq!(
            super::super::dates::day_of_unix_time(unix).as_deref(),
            Some("2025-10-20")
        );
    }
}
