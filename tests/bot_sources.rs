//! Channel and group posts as sources, through the real dispatcher and the Bot API double: a
//! post in a listed chat is stored in the seeds (the corpus of record) and answerable within
//! 2 s; an edit replaces it; chats not listed, albums' uncaptioned items, service messages and
//! /ask posts are not indexed; an admin's forward of an old post is indexed with its original
//! date and link, anyone else's is not; /forget and /sources; a restart keeps everything, and a
//! rebuild from scratch answers the same; an index another process changed is picked up.

mod bot_support;

use std::path::Path;
use std::time::{Duration, Instant};

use bot_support::*;
use kinotanu::bot::BotConfig;
use kinotanu::sources::SourceChats;
use serde_json::Value;

/// Listed by its username.
const PUBLIC_ID: i64 = -1001111111111;
/// Listed by its id; no username.
const PRIVATE_ID: i64 = -1002222222222;
const UNLISTED_ID: i64 = -1003333333333;
/// A listed supergroup.
const GROUP_ID: i64 = -1004444444444;
/// 2025-10-09.
const OCT_9: i64 = 1_760_000_000;
/// 2023-11-14.
const NOV_14_2023: i64 = 1_700_000_000;

// Posts as channels write them: a headline line without a full stop, then the news.
const FESTIVAL: &str = "Шымкентте кинофестиваль ашылды\n«Жұлдыз» байқауына 40 фильм қатысады, жеңімпаздар желтоқсанда марапатталады.";
const FESTIVAL_EDITED: &str = "Шымкентте кинофестиваль ашылды\n«Жұлдыз» байқауына 55 фильм қатысады, жеңімпаздар желтоқсанда марапатталады.";
const FESTIVAL_QUESTION: &str = "Жұлдыз байқауына неше фильм қатысады?";
const CASTING: &str =
    "Кастинг сериала «Дала» проходит в Таразе\nПробы для актёров продлятся до 20 ноября.";
const CASTING_QUESTION: &str = "До какого числа продлятся пробы для актёров?";
const SCREENING: &str = "Алматыда «Көшпенділер» фильмі қайта көрсетіледі\nКөрсетілім 25 қарашада «Арман» кинотеатрында өтеді.";
const SCREENING_QUESTION: &str = "Көрсетілім қай кинотеатрда өтеді?";

fn configure(config: &mut BotConfig) {
    let (chats, rejected) = SourceChats::parse(&format!("@KinoNews, {PRIVATE_ID}, {GROUP_ID}"));
    assert!(rejected.is_empty(), "{rejected:?}");
    config.source_chats = chats;
    // Tests ask again and again until a post is answerable.
    config.questions_per_minute = 10_000;
}

fn public_channel() -> Value {
    channel_named(PUBLIC_ID, "Kino news", Some("kinonews"))
}

fn private_channel() -> Value {
    channel_named(PRIVATE_ID, "Жабық кино", None)
}

fn text(call: &Call) -> String {
    call.body["text"]
        .as_str()
        .expect("a text message")
        .to_string()
}

/// Telegram HTML without its tags, as the reader sees it (the marked words unmarked).
fn plain(html: &str) -> String {
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
async fn ask(bot: &Running, question: &str) -> String {
    plain(&say(bot, USER, "kk", question).await)
}

/// Sends `words` in `from`'s private chat and returns the bot's reply.
async fn say(bot: &Running, from: u64, lang: &str, words: &str) -> String {
    let message = text_message(private_chat(from), Some(user(from, lang)), words);
    let message = bot.telegram.push("message", message);
    text(&bot.telegram.reply_to(&message).await)
}

/// Asks until the answer contains `expected`, failing when `limit` has passed since `since`.
async fn answered_within(
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

fn stored_lines(seeds: &Path, chat: &str) -> Vec<Value> {
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_channel_post_becomes_answerable_within_two_seconds_and_links_to_the_post() {
    let bot = start_bot(configure).await;
    bot.telegram
        .wait_until("the first poll", || !bot.telegram.polls().is_empty())
        .await;
    let allowed = &bot.telegram.polls()[0].body["allowed_updates"];
    for kind in ["channel_post", "edited_channel_post", "edited_message"] {
        assert!(
            allowed.as_array().unwrap().contains(&kind.into()),
            "{allowed}"
        );
    }
    let before = ask(&bot, FESTIVAL_QUESTION).await;
    assert!(!before.contains("40 фильм"), "{before}");

    let posted = Instant::now();
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 101, OCT_9, FESTIVAL),
    );
    let answer = answered_within(
        &bot,
        FESTIVAL_QUESTION,
        "40 фильм",
        posted,
        Duration::from_secs(2),
    )
    .await;
    eprintln!(
        "a channel post was answerable {:?} after it was sent",
        posted.elapsed()
    );
    assert!(
        answer.contains("\n— «<a href=\"https://t.me/kinonews/101\">Шымкентте кинофестиваль ашылды</a>», 2025-10-09, Kino news"),
        "the post's headline links to it: {answer}"
    );

    let stored = stored_lines(bot.seeds.path(), "1111111111");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], "tg-1111111111-101");
    assert_eq!(stored[0]["title"], "Шымкентте кинофестиваль ашылды");
    assert_eq!(stored[0]["date"], "2025-10-09");
    assert_eq!(stored[0]["source"], "Kino news");
    assert_eq!(stored[0]["url"], "https://t.me/kinonews/101");
    assert!(
        bot.seeds
            .path()
            .join("telegram/1111111111/2025-10.jsonl")
            .is_file()
    );
    assert!(
        !bot.telegram
            .calls_to("SendMessage")
            .iter()
            .any(|c| c.body["chat_id"] == PUBLIC_ID),
        "the bot says nothing in the channel"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edited_post_changes_the_answer() {
    let bot = start_bot(configure).await;
    let post = bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 101, OCT_9, FESTIVAL),
    );
    let patience = Duration::from_secs(2);
    answered_within(
        &bot,
        FESTIVAL_QUESTION,
        "40 фильм",
        Instant::now(),
        patience,
    )
    .await;

    let edited_at = Instant::now();
    bot.telegram
        .push("edited_channel_post", edited(post, FESTIVAL_EDITED));
    let answer = answered_within(&bot, FESTIVAL_QUESTION, "55 фильм", edited_at, patience).await;
    assert!(
        !answer.contains("40 фильм"),
        "the old text is gone: {answer}"
    );
    let stored = stored_lines(bot.seeds.path(), "1111111111");
    assert_eq!(stored.len(), 1, "replaced, not added: {stored:?}");
    assert_eq!(stored[0]["date"], "2025-10-09", "the post's own date");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn posts_arriving_while_a_sync_runs_are_taken_together_by_the_next_one() {
    capture_logs();
    let bot = start_bot(configure).await;
    let news = |n: i64| format!("Жаңалық {n}\nKinopost{n} жобасына {n} миллион теңге бөлінді.");
    for n in 1..=20 {
        bot.telegram.push(
            "channel_post",
            channel_post(public_channel(), 200 + n, OCT_9, &news(n)),
        );
    }
    // Posts of one chat are handled in order: the last answerable, all are stored and synced.
    let last = "Kinopost20 жобасына қанша теңге бөлінді?";
    answered_within(&bot, last, "20 миллион", Instant::now(), PATIENCE).await;
    for n in [1, 7, 13] {
        let answer = ask(&bot, &format!("Kinopost{n} жобасына қанша теңге бөлінді?")).await;
        assert!(answer.contains(&format!("{n} миллион")), "{answer}");
    }
    assert_eq!(stored_lines(bot.seeds.path(), "1111111111").len(), 20);
    let index = bot.index.path().display().to_string();
    let syncs = log_lines(&["index updated in place", &index]).len();
    eprintln!("20 posts were indexed by {syncs} syncs");
    assert!((1..20).contains(&syncs), "{syncs} syncs for 20 posts");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_in_a_chat_that_is_not_listed_is_not_indexed() {
    capture_logs();
    let bot = start_bot(configure).await;
    let unlisted = channel_named(UNLISTED_ID, "Бөтен арна", Some("other_news"));
    bot.telegram
        .push("channel_post", channel_post(unlisted, 7, OCT_9, CASTING));
    bot.telegram
        .wait_until("the unlisted post to be seen and ignored", || {
            !log_lines(&["not a source", &UNLISTED_ID.to_string()]).is_empty()
        })
        .await;
    // A listed chat's post after it: once it is answerable, the index has synced since.
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 101, OCT_9, FESTIVAL),
    );
    answered_within(
        &bot,
        FESTIVAL_QUESTION,
        "40 фильм",
        Instant::now(),
        PATIENCE,
    )
    .await;

    let answer = ask(&bot, CASTING_QUESTION).await;
    assert!(!answer.contains("20 ноября"), "{answer}");
    assert!(!bot.seeds.path().join("telegram/3333333333").exists());
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admins_forward_of_an_old_post_is_indexed_with_its_original_date_and_link() {
    let bot = start_bot(configure).await;
    let forward = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, private_channel(), 17, NOV_14_2023, SCREENING),
    );
    let receipt = text(&bot.telegram.reply_to(&forward).await);
    assert_eq!(
        receipt,
        "Қосылды: «<a href=\"https://t.me/c/2222222222/17\">Алматыда «Көшпенділер» фильмі қайта көрсетіледі</a>», 2023-11-14, Жабық кино."
    );
    // The receipt comes once the post is in the index: answerable at once.
    let answer = say(&bot, USER, "kk", SCREENING_QUESTION).await;
    assert!(plain(&answer).contains("«Арман» кинотеатрында"), "{answer}");
    assert!(
        answer.contains("— «<a href=\"https://t.me/c/2222222222/17\">Алматыда «Көшпенділер» фильмі қайта көрсетіледі</a>», 2023-11-14, Жабық кино"),
        "the original link and date: {answer}"
    );
    let stored = stored_lines(bot.seeds.path(), "2222222222");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], "tg-2222222222-17");
    assert!(
        bot.seeds
            .path()
            .join("telegram/2222222222/2023-11.jsonl")
            .is_file(),
        "filed under the post's own month"
    );

    let again = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, private_channel(), 17, NOV_14_2023, SCREENING),
    );
    let receipt = text(&bot.telegram.reply_to(&again).await);
    assert!(receipt.starts_with("Корпуста бар: «"), "{receipt}");

    let unlisted = channel_named(UNLISTED_ID, "Бөтен арна", None);
    let refused = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, unlisted, 5, NOV_14_2023, CASTING),
    );
    let refusal = text(&bot.telegram.reply_to(&refused).await);
    assert!(
        refusal.starts_with("«Бөтен арна» дереккөз емес")
            && refusal.contains(&format!("<code>{UNLISTED_ID}</code>")),
        "{refusal}"
    );
    let from_user = bot.telegram.push(
        "message",
        forwarded_from_user(ADMIN, user(USER, "ru"), NOV_14_2023, CASTING),
    );
    let refusal = text(&bot.telegram.reply_to(&from_user).await);
    assert!(refusal.contains("арнадан бағытталған"), "{refusal}");
    let answer = ask(&bot, CASTING_QUESTION).await;
    assert!(!answer.contains("20 ноября"), "{answer}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_admins_forward_is_not_indexed() {
    let bot = start_bot(configure).await;
    let forward = bot.telegram.push(
        "message",
        forwarded_post(USER, private_channel(), 17, NOV_14_2023, SCREENING),
    );
    let reply = text(&bot.telegram.reply_to(&forward).await);
    assert!(
        reply.starts_with("Корпусқа жазбаларды тек бот әкімшілері"),
        "{reply}"
    );
    assert!(!bot.seeds.path().join("telegram").exists());
    let answer = ask(&bot, SCREENING_QUESTION).await;
    assert!(!answer.contains("Арман"), "{answer}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_removes_a_post_from_the_corpus_of_record_and_the_answers() {
    let bot = start_bot(configure).await;
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 101, OCT_9, FESTIVAL),
    );
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 102, OCT_9, CASTING),
    );
    answered_within(
        &bot,
        CASTING_QUESTION,
        "20 ноября",
        Instant::now(),
        PATIENCE,
    )
    .await;
    answered_within(
        &bot,
        FESTIVAL_QUESTION,
        "40 фильм",
        Instant::now(),
        PATIENCE,
    )
    .await;

    let refusal = say(&bot, USER, "en", "/forget https://t.me/kinonews/101").await;
    assert!(
        refusal.contains("only for the bot's administrators"),
        "{refusal}"
    );
    let usage = say(&bot, ADMIN, "en", "/forget 101").await;
    assert!(usage.starts_with("Give the post's link"), "{usage}");

    let done = say(
        &bot,
        ADMIN,
        "en",
        "/forget https://t.me/KinoNews/101?single",
    )
    .await;
    assert_eq!(
        done,
        "Removed from the corpus and the index: «<a href=\"https://t.me/kinonews/101\">Шымкентте кинофестиваль ашылды</a>», 2025-10-09, Kino news."
    );
    let answer = ask(&bot, FESTIVAL_QUESTION).await;
    assert!(!answer.contains("40 фильм"), "{answer}");
    let stored = stored_lines(bot.seeds.path(), "1111111111");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], "tg-1111111111-102", "the other post stays");
    assert!(ask(&bot, CASTING_QUESTION).await.contains("20 ноября"));

    let again = say(&bot, ADMIN, "en", "/forget https://t.me/kinonews/101").await;
    assert!(
        again.starts_with("No post the bot stored has this link."),
        "{again}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forget_says_a_post_from_an_export_file_stays_there() {
    let bot = start_bot(configure).await;
    // A post of the private channel read from a file the bot does not write (as an export).
    let line = serde_json::json!({
        "id": "tg-2222222222-17", "title": "Алматыда «Көшпенділер» фильмі қайта көрсетіледі",
        "text": SCREENING, "date": "2023-11-14", "source": "Жабық кино",
        "url": "https://t.me/c/2222222222/17",
    });
    std::fs::write(bot.seeds.path().join("export.jsonl"), format!("{line}\n")).unwrap();
    let reindexed = say(&bot, ADMIN, "en", "/reindex").await;
    assert!(
        reindexed.starts_with("Reindexed: 3 documents"),
        "{reindexed}"
    );

    let reply = say(&bot, ADMIN, "en", "/forget https://t.me/c/2222222222/17").await;
    assert!(
        reply.starts_with("This post comes from an export file")
            && reply.ends_with("<code>export.jsonl</code>"),
        "{reply}"
    );
    assert!(ask(&bot, SCREENING_QUESTION).await.contains("Арман"));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sources_reports_each_chats_posts_and_stats_counts_them_by_kind() {
    let bot = start_bot(configure).await;
    let empty = say(&bot, ADMIN, "en", "/sources").await;
    assert_eq!(
        empty,
        format!(
            "Source chats:\n• @kinonews: no posts yet\n• {PRIVATE_ID}: no posts yet\n• {GROUP_ID}: no posts yet"
        )
    );
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 101, OCT_9, FESTIVAL),
    );
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 102, OCT_9 + 86_400, CASTING),
    );
    answered_within(
        &bot,
        CASTING_QUESTION,
        "20 ноября",
        Instant::now(),
        PATIENCE,
    )
    .await;
    answered_within(
        &bot,
        FESTIVAL_QUESTION,
        "40 фильм",
        Instant::now(),
        PATIENCE,
    )
    .await;
    let forward = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, private_channel(), 17, NOV_14_2023, SCREENING),
    );
    bot.telegram.reply_to(&forward).await;

    let sources = say(&bot, ADMIN, "en", "/sources").await;
    assert_eq!(
        sources,
        format!(
            "Source chats:\n• Kino news (@kinonews): 2 posts, newest 2025-10-10\n• Жабық кино ({PRIVATE_ID}): 1 post, newest 2023-11-14\n• {GROUP_ID}: no posts yet"
        )
    );
    let refusal = say(&bot, USER, "en", "/sources").await;
    assert!(
        refusal.contains("only for the bot's administrators"),
        "{refusal}"
    );
    let stats = say(&bot, ADMIN, "en", "/stats").await;
    assert!(
        stats.starts_with("Documents: 5 (by source: telegram 3, txt 2)"),
        "{stats}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_keeps_every_post_and_a_rebuild_from_scratch_answers_the_same() {
    let bot = start_bot(configure).await;
    let festival = bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 101, OCT_9, FESTIVAL),
    );
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 102, OCT_9, CASTING),
    );
    bot.telegram
        .push("edited_channel_post", edited(festival, FESTIVAL_EDITED));
    let forward = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, private_channel(), 17, NOV_14_2023, SCREENING),
    );
    bot.telegram.reply_to(&forward).await;
    answered_within(
        &bot,
        FESTIVAL_QUESTION,
        "55 фильм",
        Instant::now(),
        PATIENCE,
    )
    .await;
    answered_within(
        &bot,
        CASTING_QUESTION,
        "20 ноября",
        Instant::now(),
        PATIENCE,
    )
    .await;
    let questions = [
        FESTIVAL_QUESTION,
        CASTING_QUESTION,
        SCREENING_QUESTION,
        "Qaitadan фильмі қанша касса жинады?",
    ];
    let mut before = Vec::new();
    for question in questions {
        before.push(say(&bot, USER, "kk", question).await);
    }
    assert!(before[2].contains("Арман"), "{}", before[2]);

    let bot = bot.restart(configure).await;
    for (question, expected) in questions.iter().zip(&before) {
        assert_eq!(
            &say(&bot, USER, "kk", question).await,
            expected,
            "after a restart"
        );
    }
    let stats = say(&bot, ADMIN, "en", "/stats").await;
    assert!(
        stats.starts_with("Documents: 5 (by source: telegram 3, txt 2)"),
        "{stats}"
    );

    let bot = bot.restart_with_new_index(configure).await;
    for (question, expected) in questions.iter().zip(&before) {
        assert_eq!(
            &say(&bot, USER, "kk", question).await,
            expected,
            "after a rebuild from the seeds"
        );
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asks_uncaptioned_album_items_and_service_messages_in_a_source_channel_are_not_posts() {
    let bot = start_bot(configure).await;
    let question = bot.telegram.push(
        "channel_post",
        channel_post(
            public_channel(),
            100,
            OCT_9,
            &format!("/ask {CASTING_QUESTION}"),
        ),
    );
    bot.telegram.reply_to(&question).await;
    for post in [
        photo_post(public_channel(), 103, OCT_9, None, Some("album-1")),
        photo_post(public_channel(), 104, OCT_9, Some(CASTING), Some("album-1")),
        photo_post(public_channel(), 105, OCT_9, None, Some("album-1")),
        photo_post(public_channel(), 106, OCT_9, None, None),
        title_changed(public_channel(), 107, OCT_9, "Kino news KZ"),
    ] {
        bot.telegram.push("channel_post", post);
    }
    bot.telegram.push(
        "channel_post",
        channel_post(public_channel(), 108, OCT_9, FESTIVAL),
    );
    answered_within(
        &bot,
        FESTIVAL_QUESTION,
        "40 фильм",
        Instant::now(),
        PATIENCE,
    )
    .await;
    let answer = ask(&bot, CASTING_QUESTION).await;
    assert!(
        answer.contains("20 ноября"),
        "the captioned photo is a post: {answer}"
    );
    let ids: Vec<Value> = stored_lines(bot.seeds.path(), "1111111111")
        .into_iter()
        .map(|line| line["id"].clone())
        .collect();
    assert_eq!(ids, ["tg-1111111111-104", "tg-1111111111-108"]);
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_of_a_listed_group_and_their_edits_are_posts_but_questions_to_the_bot_are_not() {
    let bot = start_bot(configure).await;
    let chat = serde_json::json!({ "id": GROUP_ID, "type": "supergroup", "title": "Кино клубы" });
    let question = bot.telegram.push(
        "message",
        text_message(
            chat.clone(),
            Some(user(USER, "kk")),
            &format!("@{BOT_USERNAME} {SCREENING_QUESTION}"),
        ),
    );
    bot.telegram.reply_to(&question).await;
    let mut message = text_message(chat.clone(), Some(user(USER, "ru")), "Кастинг в Таразе");
    message["message_id"] = 300.into();
    message["date"] = OCT_9.into();
    let message = bot.telegram.push("message", message);
    bot.telegram
        .push("edited_message", edited(message, CASTING));
    let answer = answered_within(
        &bot,
        CASTING_QUESTION,
        "20 ноября",
        Instant::now(),
        PATIENCE,
    )
    .await;
    assert!(
        answer.contains("href=\"https://t.me/c/4444444444/300\""),
        "{answer}"
    );
    let stored = stored_lines(bot.seeds.path(), "4444444444");
    assert_eq!(stored.len(), 1, "{stored:?}");
    assert_eq!(stored[0]["source"], "Кино клубы");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_another_process_updated_is_answered_from_without_a_restart() {
    let bot = start_bot(configure).await;
    let line = serde_json::json!({
        "id": "feed-1", "title": "Кастинг", "text": CASTING, "date": "2025-10-09",
    });
    let feeds = bot.seeds.path().join("feeds");
    std::fs::create_dir_all(&feeds).unwrap();
    std::fs::write(feeds.join("kino.jsonl"), format!("{line}\n")).unwrap();
    // As `kinotanu fetch` would, from another process: the index updated in place on disk.
    let (seeds, index) = (
        bot.seeds.path().to_path_buf(),
        bot.index.path().to_path_buf(),
    );
    let updated = Instant::now();
    tokio::task::spawn_blocking(move || {
        let synced = kinotanu::live_index::sync(&seeds, &index, true)
            .unwrap()
            .unwrap();
        if let kinotanu::live_index::Synced::Updated { merges, .. } = synced {
            merges.wait().unwrap();
        } else {
            panic!("updated in place");
        }
    })
    .await
    .unwrap();
    answered_within(&bot, CASTING_QUESTION, "20 ноября", updated, PATIENCE).await;
    eprintln!(
        "another process's update was answered from {:?} after it",
        updated.elapsed()
    );
    bot.stop().await.unwrap();
}
