//! Posts of source chats for the bot tests: the chats (listed by username, by id, not at all),
//! posts as channels write them (a headline line without a full stop, then the news), and
//! asking until a post is answerable.

use std::path::Path;
use std::time::{Duration, Instant};

use kinotanu::bot::BotConfig;
use kinotanu::sources::SourceChats;
use serde_json::Value;

use super::*;

/// Listed by its username.
pub const PUBLIC_ID: i64 = -1001111111111;
/// Listed by its id; no username.
pub const PRIVATE_ID: i64 = -1002222222222;
pub const UNLISTED_ID: i64 = -1003333333333;
/// A listed supergroup.
pub const GROUP_ID: i64 = -1004444444444;
/// 2025-10-09 (13:46 UTC, 18:46 in Kazakhstan).
pub const OCT_9: i64 = 1_760_000_000;
/// 2023-11-15 in Kazakhstan (UTC+5), where posts are dated; 22:13 the day before in UTC.
pub const NOV_15_2023: i64 = 1_700_000_000;

// Posts as channels write them: a headline line without a full stop, then the news.
pub const FESTIVAL: &str = "Шымкентте кинофестиваль ашылды\n«Жұлдыз» байқауына 40 фильм қатысады, жеңімпаздар желтоқсанда марапатталады.";
pub const FESTIVAL_EDITED: &str = "Шымкентте кинофестиваль ашылды\n«Жұлдыз» байқауына 55 фильм қатысады, жеңімпаздар желтоқсанда марапатталады.";
pub const FESTIVAL_QUESTION: &str = "Жұлдыз байқауына неше фильм қатысады?";
pub const CASTING: &str =
    "Кастинг сериала «Дала» проходит в Таразе\nПробы для актёров продлятся до 20 ноября.";
pub const CASTING_QUESTION: &str = "До какого числа продлятся пробы для актёров?";
pub const SCREENING: &str = "Алматыда «Көшпенділер» фильмі қайта көрсетіледі\nКөрсетілім 25 қарашада «Арман» кинотеатрында өтеді.";
pub const SCREENING_QUESTION: &str = "Көрсетілім қай кинотеатрда өтеді?";

pub fn configure(config: &mut BotConfig) {
    let (chats, rejected) = SourceChats::parse(&format!("@KinoNews, {PRIVATE_ID}, {GROUP_ID}"));
    assert!(rejected.is_empty(), "{rejected:?}");
    config.source_chats = chats;
    // Tests ask again and again until a post is answerable.
    config.questions_per_minute = 10_000;
}

pub fn public_channel() -> Value {
    channel_named(PUBLIC_ID, "Kino news", Some("kinonews"))
}

pub fn private_channel() -> Value {
    channel_named(PRIVATE_ID, "Жабық кино", None)
}

pub fn text(call: &Call) -> String {
    call.body["text"]
        .as_str()
        .expect("a text message")
        .to_string()
}

/// Telegram HTML without its tags, as the reader sees it (the marked words unmarked).
pub fn plain(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// Asks `question` in a user's private chat and returns the answer as the reader sees it.
pub async fn read_answer(bot: &Running, question: &str) -> String {
    plain(&say(bot, USER, "kk", question).await)
}

/// Sends `words` in `from`'s private chat and returns the bot's reply.
pub async fn say(bot: &Running, from: u64, lang: &str, words: &str) -> String {
    let message = text_message(private_chat(from), Some(user(from, lang)), words);
    let message = bot.telegram.push("message", message);
    text(&bot.telegram.reply_to(&message).await)
}

/// Asks until the answer contains `expected`, failing when `limit` has passed since `since`.
pub async fn answered_within(
    bot: &Running,
    question: &str,
    expected: &str,
    since: Instant,
    limit: Duration,
) -> String {
    loop {
        let answer = say(bot, USER, "kk", question).await;
        if plain(&answer).contains(expected) {
            return answer;
        }
        assert!(
            since.elapsed() < limit,
            "not answerable within {limit:?}: {answer}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

pub fn stored_lines(seeds: &Path, chat: &str) -> Vec<Value> {
    let folder = seeds.join("telegram").join(chat);
    let mut lines = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return lines;
    };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in files {
        for line in std::fs::read_to_string(file).unwrap().lines() {
            lines.push(serde_json::from_str(line).unwrap());
        }
    }
    lines
}
