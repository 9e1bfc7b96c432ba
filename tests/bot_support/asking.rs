//! The question the fault tests ask in private chats, and how its answer is recognised.

use super::*;

pub const QUESTION: &str = "Qaitadan фильмі қанша касса жинады?";

/// Every sendMessage in reply to `message`, including attempts that failed.
pub fn replies_to(telegram: &FakeTelegram, message: &Value) -> Vec<Call> {
    telegram
        .calls_to("SendMessage")
        .into_iter()
        .filter(|c| c.body["reply_parameters"]["message_id"] == message["message_id"])
        .collect()
}

/// Asks QUESTION in `id`'s private chat; returns the message and its update id.
pub fn ask(bot: &Running, id: u64) -> (Value, i64) {
    let message = bot.telegram.push(
        "message",
        text_message(private_chat(id), Some(user(id, "kk")), QUESTION),
    );
    (message, bot.telegram.last_update_id())
}

pub fn is_the_answer(call: &Call) -> bool {
    call.body["text"]
        .as_str()
        .is_some_and(|t| t.contains("миллиард"))
}
