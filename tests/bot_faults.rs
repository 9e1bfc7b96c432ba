//! Telegram misbehaving: a 429 with retry_after is waited out, 5xx on getUpdates and on
//! sendMessage are survived, and no log line — even at trace level — carries the token.

mod bot_support;

use std::io::Write;
use std::sync::{Mutex, Once};
use std::time::Duration;

use bot_support::*;
use serde_json::json;

const QUESTION: &str = "Qaitadan фильмі қанша касса жинады?";

static LOGS: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Capture;

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOGS.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log record of this test binary, at the most verbose level a user could ask for, with
/// the bot's own filter applied.
fn capture_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        tracing_subscriber::fmt()
            .with_env_filter(kinotanu::bot::log_filter(Some("trace")))
            .with_writer(|| Capture)
            .with_ansi(false)
            .init();
    });
}

fn logs() -> String {
    String::from_utf8_lossy(&LOGS.lock().unwrap()).into_owned()
}

fn replies_to(bot: &Running, message: &serde_json::Value) -> Vec<Call> {
    bot.telegram
        .calls_to("SendMessage")
        .into_iter()
        .filter(|c| c.body["reply_parameters"]["message_id"] == message["message_id"])
        .collect()
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
    let asked = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "kk")), QUESTION),
    );
    bot.telegram
        .wait_for("the retried answer", |_| {
            replies_to(&bot, &asked).len() == 2
        })
        .await;
    let attempts = replies_to(&bot, &asked);
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
    let asked = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "kk")), QUESTION),
    );
    bot.telegram
        .wait_for("the answer after the failures", |_| {
            replies_to(&bot, &asked).len() == 2
        })
        .await;
    let answer = &replies_to(&bot, &asked)[1];
    assert!(answer.body["text"].as_str().unwrap().contains("миллиард"));

    let after = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "kk")), QUESTION),
    );
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
