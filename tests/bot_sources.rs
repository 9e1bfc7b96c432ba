//! Channel and group posts as sources, through the real dispatcher and the Bot API double: a
//! post in a listed chat is stored in the seeds (the corpus of record) and answerable within
//! 2 s; an edit replaces it; posts arriving during a sync are taken together by the next;
//! chats not listed, albums' uncaptioned items, service messages and /ask posts are not
//! indexed; questions in a listed group are answered, not indexed; an index another process
//! changed is answered from without a restart.

mod bot_support;

use std::time::{Duration, Instant};

use bot_support::*;
use serde_json::Value;

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
    let before = read_answer(&bot, FESTIVAL_QUESTION).await;
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
        let answer = read_answer(&bot, &format!("Kinopost{n} жобасына қанша теңге бөлінді?")).await;
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

    let answer = read_answer(&bot, CASTING_QUESTION).await;
    assert!(!answer.contains("20 ноября"), "{answer}");
    assert!(!bot.seeds.path().join("telegram/3333333333").exists());
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
    let answer = read_answer(&bot, CASTING_QUESTION).await;
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
