//! Old posts and the admin's view of the sources, through the real dispatcher and the Bot API
//! double: an admin's forward of an old post is indexed with its original date and link, a
//! forward from anyone else or from a chat not listed is not; /forget removes a post (and says
//! when it lives in an export file); /sources and /stats count the posts; a restart keeps
//! everything, and a rebuild from scratch answers the same.

mod bot_support;

use bot_support::*;
use std::time::Instant;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admins_forward_of_an_old_post_is_indexed_with_its_original_date_and_link() {
    let bot = start_bot(configure).await;
    let forward = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, private_channel(), 17, NOV_15_2023, SCREENING),
    );
    let receipt = text(&bot.telegram.reply_to(&forward).await);
    assert_eq!(
        receipt,
        "Қосылды: «<a href=\"https://t.me/c/2222222222/17\">Алматыда «Көшпенділер» фильмі қайта көрсетіледі</a>», 2023-11-15, Жабық кино."
    );
    // The receipt comes once the post is in the index: answerable at once.
    let answer = say(&bot, USER, "kk", SCREENING_QUESTION).await;
    assert!(plain(&answer).contains("«Арман» кинотеатрында"), "{answer}");
    assert!(
        answer.contains("— «<a href=\"https://t.me/c/2222222222/17\">Алматыда «Көшпенділер» фильмі қайта көрсетіледі</a>», 2023-11-15, Жабық кино"),
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
        forwarded_post(ADMIN, private_channel(), 17, NOV_15_2023, SCREENING),
    );
    let receipt = text(&bot.telegram.reply_to(&again).await);
    assert!(receipt.starts_with("Корпуста бар: «"), "{receipt}");

    let unlisted = channel_named(UNLISTED_ID, "Бөтен арна", None);
    let refused = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, unlisted, 5, NOV_15_2023, CASTING),
    );
    let refusal = text(&bot.telegram.reply_to(&refused).await);
    assert!(
        refusal.starts_with("«Бөтен арна» дереккөз емес")
            && refusal.contains(&format!("<code>{UNLISTED_ID}</code>")),
        "{refusal}"
    );
    let from_user = bot.telegram.push(
        "message",
        forwarded_from_user(ADMIN, user(USER, "ru"), NOV_15_2023, CASTING),
    );
    let refusal = text(&bot.telegram.reply_to(&from_user).await);
    assert!(refusal.contains("арнадан бағытталған"), "{refusal}");
    let answer = read_answer(&bot, CASTING_QUESTION).await;
    assert!(!answer.contains("20 ноября"), "{answer}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_non_admins_forward_is_not_indexed() {
    let bot = start_bot(configure).await;
    let forward = bot.telegram.push(
        "message",
        forwarded_post(USER, private_channel(), 17, NOV_15_2023, SCREENING),
    );
    let reply = text(&bot.telegram.reply_to(&forward).await);
    assert!(
        reply.starts_with("Корпусқа жазбаларды тек бот әкімшілері"),
        "{reply}"
    );
    assert!(!bot.seeds.path().join("telegram").exists());
    let answer = read_answer(&bot, SCREENING_QUESTION).await;
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
    let answer = read_answer(&bot, FESTIVAL_QUESTION).await;
    assert!(!answer.contains("40 фильм"), "{answer}");
    let stored = stored_lines(bot.seeds.path(), "1111111111");
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0]["id"], "tg-1111111111-102", "the other post stays");
    assert!(
        read_answer(&bot, CASTING_QUESTION)
            .await
            .contains("20 ноября")
    );

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
        "text": SCREENING, "date": "2023-11-15", "source": "Жабық кино",
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
    assert!(
        read_answer(&bot, SCREENING_QUESTION)
            .await
            .contains("Арман")
    );
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
        forwarded_post(ADMIN, private_channel(), 17, NOV_15_2023, SCREENING),
    );
    bot.telegram.reply_to(&forward).await;

    let sources = say(&bot, ADMIN, "en", "/sources").await;
    assert_eq!(
        sources,
        format!(
            "Source chats:\n• Kino news (@kinonews): 2 posts, newest 2025-10-10\n• Жабық кино ({PRIVATE_ID}): 1 post, newest 2023-11-15\n• {GROUP_ID}: no posts yet"
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
        forwarded_post(ADMIN, private_channel(), 17, NOV_15_2023, SCREENING),
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
async fn a_forward_while_another_process_rebuilds_is_stored_and_indexed_when_it_ends() {
    let bot = start_bot(|config| {
        configure(config);
        config.receipt_wait = std::time::Duration::from_millis(500);
    })
    .await;
    // As `kinotanu index` would, in another process.
    let rebuild = kinotanu::search::store::lock(bot.index.path(), false)
        .unwrap()
        .unwrap();
    let forward = bot.telegram.push(
        "message",
        forwarded_post(ADMIN, private_channel(), 17, NOV_15_2023, SCREENING),
    );
    let receipt = text(&bot.telegram.reply_to(&forward).await);
    assert!(
        receipt.starts_with("Қосылды: «") && receipt.contains("индексті қайта құру аяқталған соң"),
        "{receipt}"
    );
    assert_eq!(stored_lines(bot.seeds.path(), "2222222222").len(), 1);
    assert!(
        !read_answer(&bot, SCREENING_QUESTION)
            .await
            .contains("Арман")
    );
    drop(rebuild);
    answered_within(
        &bot,
        SCREENING_QUESTION,
        "«Арман» кинотеатрында",
        Instant::now(),
        PATIENCE,
    )
    .await;
    bot.stop().await.unwrap();
}
