//! Telegram's side failing: a 429 with retry_after is waited out; 5xx, requests held past the
//! client's timeout, reset connections and malformed JSON on getUpdates and on sendMessage are
//! logged and survived; and no log line — even at trace level — carries the token.
//! (Updates the bot has no use for, and restarts, are in `bot_updates.rs`.)
//!
//! Two tests are slow on purpose (teloxide waits 10 s after a 5xx, and its HTTP client gives up
//! after 17 s); they run in parallel with the rest.

mod bot_support;

use std::time::Duration;

use bot_support::*;
use serde_json::json;

/// `127.0.0.1:<port>` of this test's double, which network errors name.
fn port_of(bot: &Running) -> String {
    bot.telegram
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

/// The poll that took a fault of this kind, and the next one: it must ask again from the same
/// offset and get the update the fault swallowed.
fn assert_refetched_after(bot: &Running, fault: &str, update_id: i64) {
    let polls = bot.telegram.polls();
    let at = polls
        .iter()
        .position(|p| p.fault == Some(fault) && p.update_ids.contains(&update_id))
        .unwrap_or_else(|| panic!("no {fault} poll carried update {update_id}: {polls:#?}"));
    let retry = polls[at + 1..]
        .iter()
        .find(|p| p.fault.is_none())
        .expect("polled again");
    assert_eq!(
        retry.offset(),
        polls[at].offset(),
        "same offset: {polls:#?}"
    );
    assert!(retry.update_ids.contains(&update_id), "{polls:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_waited_out_and_the_answer_still_arrives() {
    capture_logs();
    let bot = start_bot(|_| {}).await;
    bot.telegram.fail(
        "SendMessage",
        429,
        json!({
            "ok": false, "error_code": 429,
            "description": "Too Many Requests: retry after 1",
            "parameters": { "retry_after": 1 },
        }),
    );
    let (asked, _) = ask(&bot, USER);
    bot.telegram
        .wait_for("the retried answer", |_| {
            replies_to(&bot.telegram, &asked).len() == 2
        })
        .await;
    let attempts = replies_to(&bot.telegram, &asked);
    assert_eq!(
        attempts[0].body["text"], attempts[1].body["text"],
        "the same answer, again"
    );
    assert!(
        attempts[1].at - attempts[0].at >= Duration::from_millis(900),
        "waited retry_after"
    );
    assert!(
        attempts[1].body["text"]
            .as_str()
            .unwrap()
            .contains("миллиард")
    );
    bot.stop().await.unwrap();
    assert!(!logs().contains(TOKEN_SECRET), "the token reached the logs");
}

/// Slow on purpose: teloxide waits 10 s after every 5xx before it reports the error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_errors_are_logged_and_survived() {
    capture_logs();
    let bot = start_bot(|_| {}).await;
    let gateway = json!({ "ok": false, "error_code": 502, "description": "Bad Gateway" });
    bot.telegram.fail("GetUpdates", 502, gateway);
    let internal =
        json!({ "ok": false, "error_code": 500, "description": "Internal Server Error" });
    bot.telegram.fail("SendMessage", 500, internal);
    let (asked, _) = ask(&bot, USER);
    bot.telegram
        .wait_for("the answer after the failures", |_| {
            replies_to(&bot.telegram, &asked).len() == 2
        })
        .await;
    let answer = &replies_to(&bot.telegram, &asked)[1];
    assert!(answer.body["text"].as_str().unwrap().contains("миллиард"));

    let (after, _) = ask(&bot, USER);
    bot.telegram.reply_to(&after).await;
    bot.stop().await.unwrap();

    let logs = logs();
    if std::env::var_os("SHOW_LOGS").is_some() {
        eprintln!("{logs}");
    }
    assert!(logs.contains("getting updates failed"), "{logs}");
    assert!(logs.contains("sending failed, retrying"), "{logs}");
    assert!(!logs.contains(TOKEN_SECRET), "the token reached the logs");
}

/// Longer than teloxide's HTTP client waits for a response (17 s).
const HELD: Duration = Duration::from_secs(20);

/// Slow on purpose: teloxide's HTTP client gives up on a request only after 17 s. The held
/// sendMessage and the held getUpdates overlap, so the test costs one timeout, not two.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_held_past_the_client_timeout_are_survived_and_an_answer_is_never_sent_twice() {
    capture_logs();
    let bot = start_bot(|_| {}).await;
    let (a, b, c) = (USER + 10, USER + 11, USER + 12);

    bot.telegram.inject("SendMessage", Fault::Hang(HELD));
    let (first, _) = ask(&bot, a);
    bot.telegram
        .wait_for("the held answer", |_| {
            !replies_to(&bot.telegram, &first).is_empty()
        })
        .await;
    bot.telegram.inject("GetUpdates", Fault::Hang(HELD));
    let (second, second_id) = ask(&bot, b);
    bot.telegram
        .wait_until("the held poll", || bot.telegram.pending_faults() == 0)
        .await;

    bot.telegram.reply_to(&second).await;
    assert_refetched_after(&bot, "hang", second_id);
    // The held answer reached Telegram: sending it again would post it twice.
    let chat_a = format!("chat={a}");
    bot.telegram
        .wait_until("the timed-out send given up", || {
            !log_lines(&["sending timed out: not sent again", &chat_a]).is_empty()
        })
        .await;
    let attempts = replies_to(&bot.telegram, &first);
    assert_eq!(attempts.len(), 1, "sent twice: {attempts:#?}");
    assert!(is_the_answer(&attempts[0]), "{:#?}", attempts[0].body);

    let (third, _) = ask(&bot, c);
    assert!(is_the_answer(&bot.telegram.reply_to(&third).await));
    let port = port_of(&bot);
    bot.stop().await.unwrap();

    assert!(
        !log_lines(&["getting updates failed", &port]).is_empty(),
        "{}",
        logs()
    );
    assert!(
        log_lines(&["sending failed, retrying", &chat_a]).is_empty(),
        "{}",
        logs()
    );
    assert!(!logs().contains(TOKEN_SECRET), "the token reached the logs");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_connection_reset_on_get_updates_and_on_send_message_is_survived() {
    capture_logs();
    let bot = start_bot(|_| {}).await;
    let (a, b) = (USER + 20, USER + 21);
    bot.telegram.inject("GetUpdates", Fault::Reset);
    bot.telegram.inject("SendMessage", Fault::Reset);
    let (asked, asked_id) = ask(&bot, a);
    bot.telegram
        .wait_for("the answer sent again", |_| {
            replies_to(&bot.telegram, &asked).len() == 2
        })
        .await;
    assert_eq!(bot.telegram.pending_faults(), 0);
    assert_refetched_after(&bot, "reset", asked_id);
    let attempts = replies_to(&bot.telegram, &asked);
    assert_eq!(attempts[0].body["text"], attempts[1].body["text"]);
    assert!(is_the_answer(&attempts[1]));

    let (next, _) = ask(&bot, b);
    assert!(is_the_answer(&bot.telegram.reply_to(&next).await));
    assert_eq!(
        replies_to(&bot.telegram, &asked).len(),
        2,
        "no third attempt"
    );
    let port = port_of(&bot);
    bot.stop().await.unwrap();
    assert_eq!(
        log_lines(&["getting updates failed", &port]).len(),
        1,
        "{}",
        logs()
    );
    assert_eq!(
        log_lines(&["sending failed, retrying", &format!("chat={a}")]).len(),
        1,
        "{}",
        logs()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_json_from_the_bot_api_is_survived_and_nothing_is_lost() {
    capture_logs();
    let bot = start_bot(|_| {}).await;
    let (a, b) = (USER + 30, USER + 31);
    // getUpdates: cut short, then an object where the list of updates should be.
    bot.telegram
        .inject("GetUpdates", Fault::Raw(r#"{"ok":tru"#.to_string()));
    bot.telegram.inject(
        "GetUpdates",
        Fault::Raw(r#"{"ok":true,"result":{"update_id":"wrong-shape-updates"}}"#.to_string()),
    );
    // sendMessage: `true` where the sent message should be, then cut short.
    bot.telegram.inject(
        "SendMessage",
        Fault::Raw(r#"{"ok":true,"result":true}"#.to_string()),
    );
    bot.telegram.inject(
        "SendMessage",
        Fault::Raw(r#"{"ok":true,"result":{"message_id":"#.to_string()),
    );
    let (asked, asked_id) = ask(&bot, a);
    bot.telegram
        .wait_for("the third attempt", |_| {
            replies_to(&bot.telegram, &asked).len() == 3
        })
        .await;
    assert_eq!(bot.telegram.pending_faults(), 0);
    let polls = bot.telegram.polls();
    let faulted: Vec<_> = polls.iter().filter(|p| p.fault == Some("raw")).collect();
    assert_eq!(faulted.len(), 2, "{polls:#?}");
    assert!(
        faulted.iter().all(|p| p.update_ids == [asked_id]),
        "both carried the question: {polls:#?}"
    );
    assert_refetched_after(&bot, "raw", asked_id);
    assert!(is_the_answer(&replies_to(&bot.telegram, &asked)[2]));

    let (next, _) = ask(&bot, b);
    assert!(is_the_answer(&bot.telegram.reply_to(&next).await));
    assert_eq!(
        replies_to(&bot.telegram, &asked).len(),
        3,
        "answered once it worked"
    );
    bot.stop().await.unwrap();
    assert!(
        !log_lines(&["getting updates failed", "wrong-shape-updates"]).is_empty(),
        "{}",
        logs()
    );
    assert_eq!(
        log_lines(&["sending failed, retrying", &format!("chat={a}")]).len(),
        2,
        "{}",
        logs()
    );
}
