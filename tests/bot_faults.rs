//! Telegram misbehaving: a 429 with retry_after is waited out; 5xx, requests held past the
//! client's timeout, reset connections and malformed JSON on getUpdates and on sendMessage are
//! logged and survived; updates the bot has no use for get no reply; a restart handles no
//! update twice; and no log line — even at trace level — carries the token.
//!
//! Two tests are slow on purpose (teloxide waits 10 s after a 5xx, and its HTTP client gives up
//! after 17 s); they run in parallel with the rest.

mod bot_support;

use std::io::Write;
use std::sync::{Mutex, Once};
use std::time::Duration;

use bot_support::*;
use serde_json::{Value, json};
use teloxide::types::{Update, UpdateKind};

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

/// Lines of the captured logs holding every one of `parts`.
fn log_lines(parts: &[&str]) -> Vec<String> {
    logs()
        .lines()
        .filter(|line| parts.iter().all(|p| line.contains(p)))
        .map(str::to_string)
        .collect()
}

/// Every sendMessage in reply to `message`, including attempts that failed.
fn replies_to(telegram: &FakeTelegram, message: &Value) -> Vec<Call> {
    telegram
        .calls_to("SendMessage")
        .into_iter()
        .filter(|c| c.body["reply_parameters"]["message_id"] == message["message_id"])
        .collect()
}

/// Asks QUESTION in `id`'s private chat; returns the message and its update id.
fn ask(bot: &Running, id: u64) -> (Value, i64) {
    let message = bot.telegram.push(
        "message",
        text_message(private_chat(id), Some(user(id, "kk")), QUESTION),
    );
    (message, bot.telegram.last_update_id())
}

/// `127.0.0.1:<port>` of this test's double, which network errors name.
fn port_of(bot: &Running) -> String {
    bot.telegram
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string()
}

fn is_the_answer(call: &Call) -> bool {
    call.body["text"]
        .as_str()
        .is_some_and(|t| t.contains("миллиард"))
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
async fn requests_held_past_the_client_timeout_are_logged_and_survived() {
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
    bot.telegram
        .wait_for("the answer sent again", |_| {
            replies_to(&bot.telegram, &first).len() == 2
        })
        .await;
    let attempts = replies_to(&bot.telegram, &first);
    assert!(
        attempts[1].at - attempts[0].at >= Duration::from_secs(16),
        "given up after the client timeout: {:?}",
        attempts[1].at - attempts[0].at
    );
    assert!(is_the_answer(&attempts[1]), "{:#?}", attempts[1].body);

    let (third, _) = ask(&bot, c);
    assert!(is_the_answer(&bot.telegram.reply_to(&third).await));
    let port = port_of(&bot);
    bot.stop().await.unwrap();

    assert!(
        !log_lines(&["getting updates failed", &port]).is_empty(),
        "{}",
        logs()
    );
    assert_eq!(
        log_lines(&["sending failed, retrying", &format!("chat={a}")]).len(),
        1,
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

/// A sticker sent in `chat`'s private chat.
fn sticker(chat: u64) -> Value {
    json!({
        "chat": private_chat(chat), "from": user(chat, "kk"),
        "sticker": {
            "file_id": "sticker-1", "file_unique_id": "u-sticker-1", "type": "regular",
            "width": 512, "height": 512, "is_animated": false, "is_video": false, "emoji": "🎬",
        },
    })
}

/// Updates as Telegram sends them that ask nothing of the bot, and two teloxide cannot parse.
fn unexpected_updates(telegram: &FakeTelegram, chat: u64, group_id: i64) -> Vec<Value> {
    let from = || Some(user(chat, "kk"));
    let bot_user = json!({
        "id": BOT_ID, "is_bot": true, "first_name": "Kinotanu", "username": BOT_USERNAME,
    });
    let mut pushed = Vec::new();
    let mut push = |kind: &str, payload: Value| {
        let payload = telegram.push(kind, payload);
        pushed.push(json!({ kind: payload }));
    };

    let mut edited = text_message(private_chat(chat), from(), QUESTION);
    edited["edit_date"] = json!(1_760_000_100);
    push("edited_message", edited);

    push("message", sticker(chat));

    let mut voice = sticker(chat);
    voice.as_object_mut().unwrap().remove("sticker");
    voice["voice"] = json!({
        "file_id": "voice-1", "file_unique_id": "u-voice-1", "duration": 3,
        "mime_type": "audio/ogg", "file_size": 4096,
    });
    push("message", voice);

    push(
        "message",
        json!({
            "chat": group(group_id), "from": user(chat, "kk"),
            "new_chat_members": [bot_user.clone(), user(chat + 1, "ru")],
        }),
    );

    for (group_id, status) in [(group_id, "left"), (group_id - 1, "kicked")] {
        let mut removed = json!({ "user": bot_user.clone(), "status": status });
        if status == "kicked" {
            removed["until_date"] = json!(0);
        }
        push(
            "my_chat_member",
            json!({
                "chat": group(group_id), "from": user(chat, "kk"), "date": 1_760_000_000,
                "old_chat_member": { "user": bot_user.clone(), "status": "member" },
                "new_chat_member": removed,
            }),
        );
    }

    push(
        "callback_query",
        json!({
            "id": "callback-1", "from": user(chat, "kk"), "chat_instance": "instance-1",
            "data": "more",
            "message": {
                "message_id": 1, "date": 1_760_000_000, "chat": private_chat(chat),
                "from": bot_user.clone(), "text": "…",
            },
        }),
    );

    // Bot API news teloxide does not know yet, and a message it cannot read.
    for update in [
        json!({ "future_kind": { "anything": [1, 2, 3] } }),
        json!({ "message": { "message_id": "not-a-number", "chat": "not-a-chat" } }),
    ] {
        telegram.push_update(update.clone());
        pushed.push(update);
    }
    pushed
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unexpected_updates_get_no_reply_and_the_next_question_is_answered() {
    capture_logs();
    let bot = start_bot(|_| {}).await;
    let chat = USER + 40;
    bot.telegram
        .wait_until("polling", || !bot.telegram.polls().is_empty())
        .await;
    let before = bot.telegram.calls().len();
    let pushed = unexpected_updates(&bot.telegram, chat, -100_900);
    let kinds: Vec<&str> = pushed
        .iter()
        .map(|update| {
            let mut update = update.clone();
            update["update_id"] = json!(1);
            // From text, as teloxide reads a response (its reader wants borrowed keys).
            let update: Update = serde_json::from_str(&update.to_string()).expect("an update");
            match update.kind {
                UpdateKind::EditedMessage(_) => "edited",
                UpdateKind::Message(m) if m.sticker().is_some() => "sticker",
                UpdateKind::Message(m) if m.voice().is_some() => "voice",
                UpdateKind::Message(m) if m.new_chat_members().is_some() => "joined",
                UpdateKind::MyChatMember(m) if !m.new_chat_member.is_present() => "removed",
                UpdateKind::CallbackQuery(_) => "callback",
                UpdateKind::Error(_) => "unparsed",
                other => panic!("not what was meant: {other:?}"),
            }
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "edited", "sticker", "voice", "joined", "removed", "removed", "callback", "unparsed",
            "unparsed"
        ],
        "the updates are the ones meant (teloxide reads them so)"
    );
    let last_unexpected = bot.telegram.last_update_id();

    let (asked, _) = ask(&bot, chat);
    assert!(is_the_answer(&bot.telegram.reply_to(&asked).await));
    let telegram = bot.telegram.clone();
    bot.stop()
        .await
        .expect("stopped cleanly: no handler failed or panicked");

    let calls = telegram.calls();
    let sent: Vec<&Call> = calls[before..].iter().collect();
    let methods: Vec<&str> = sent.iter().map(|c| c.method.as_str()).collect();
    assert_eq!(
        methods,
        ["SendChatAction", "SendMessage"],
        "only the question was answered: {sent:#?}"
    );
    let polls = telegram.polls();
    assert!(
        polls.last().unwrap().offset() > last_unexpected,
        "every update confirmed, none fetched again and again: {polls:#?}"
    );
}

/// More stickers for one chat than teloxide queues per chat (64), plus a margin.
const STICKERS: usize = 75;

/// The first instance stops while busy: its first answer is held, the chat's queue is full of
/// stickers, and the dispatcher waits to hand over the rest of the batch it fetched — the moment
/// a stop is easiest to lose, and the batch is not yet confirmed by any later poll.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_no_update_is_handled_twice() {
    capture_logs();
    let bot = start_bot(|_| {}).await;
    let chat = USER + 50;
    let help = || {
        let message = text_message(private_chat(chat), Some(user(chat, "en")), "/help");
        bot.telegram.push("message", message)
    };
    bot.telegram
        .inject("SendMessage", Fault::Hang(Duration::from_secs(2)));
    let mut asked = vec![help()];
    let first_id = bot.telegram.last_update_id();
    for _ in 0..STICKERS {
        bot.telegram.push("message", sticker(chat));
    }
    asked.extend((0..3).map(|_| help()));
    bot.telegram
        .wait_for("the first answer (held)", |c| c.method == "SendMessage")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let latest = bot.telegram.polls().last().unwrap().clone();
    assert!(
        !latest.update_ids.is_empty(),
        "busy: no poll since the latest batch, which is not confirmed yet: {latest:#?}"
    );

    let bot = bot.restart(|_| {}).await;
    let polls = bot.telegram.polls();
    let goodbye = polls.iter().rfind(|p| p.at < bot.started).unwrap().clone();
    let received = polls
        .iter()
        .filter(|p| p.at < bot.started)
        .flat_map(|p| p.update_ids.iter().copied())
        .max()
        .unwrap();
    assert!(
        goodbye.body["timeout"] == 0 && goodbye.offset() > latest.update_ids[0],
        "on its way out the first instance confirmed what it had: {goodbye:#?}"
    );
    let confirmed = goodbye.offset();
    assert!(confirmed > first_id);
    eprintln!(
        "first instance: received up to update {received}, confirmed below {confirmed}, \
         last pushed {}",
        bot.telegram.last_update_id()
    );

    let (after, after_id) = ask(&bot, chat);
    asked.push(after);
    bot.telegram.reply_to(asked.last().unwrap()).await;
    bot.telegram
        .wait_until("a poll past the new question", || {
            bot.telegram.polls().last().unwrap().offset() > after_id
        })
        .await;
    let polls = bot.telegram.polls();
    let new: Vec<&Poll> = polls.iter().filter(|p| p.at >= bot.started).collect();
    assert!(
        new.iter()
            .flat_map(|p| &p.update_ids)
            .all(|id| *id >= confirmed),
        "the new instance was given nothing the first one confirmed: {new:#?}"
    );
    assert!(new.iter().any(|p| p.offset() > received), "{new:#?}");
    let telegram = bot.telegram.clone();
    bot.stop().await.unwrap();
    for message in &asked {
        let replies = replies_to(&telegram, message);
        assert_eq!(replies.len(), 1, "answered once: {replies:#?}");
    }
    assert_eq!(
        telegram.calls_to("SendMessage").len(),
        asked.len(),
        "no other message sent"
    );
    assert!(is_the_answer(
        &replies_to(&telegram, asked.last().unwrap())[0]
    ));
}
