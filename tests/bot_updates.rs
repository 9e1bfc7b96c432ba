//! Updates that test the dispatcher rather than the network: ones the bot has no use for (or
//! teloxide cannot parse) get no reply and stop nothing, and after a restart no update is
//! handled twice.

mod bot_support;

use std::time::Duration;

use bot_support::*;
use serde_json::{Value, json};
use teloxide::types::{Update, UpdateKind};

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
