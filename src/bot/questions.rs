//! Questions, wherever they come from — a private chat, a group (a command, a mention, a reply
//! to the bot), a channel post, an inline query — answered from the live index and sent back in
//! the same chat and forum topic, as a reply to the asking message.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use teloxide::ApiError;
use teloxide::RequestError;
use teloxide::prelude::*;
use teloxide::types::{
    ChatAction, InlineQueryResult, InlineQueryResultArticle, InputMessageContent,
    InputMessageContentText, LinkPreviewOptions, Me, MessageEntityKind, MessageId, ParseMode,
    ReplyParameters, ThreadId,
};
use tracing::{error, info, warn};

use super::Telegram;
use super::commands::PublicCommand;
use super::render;
use super::state::{LiveIndex, QuestionLimits, Stats, Verdict};
use super::texts::{self, UiLang};
use crate::answer::{Answer, MIN_COVERAGE};

/// Passages of evidence fetched for a chat answer (the sentence's own, and two more).
const CHAT_EVIDENCE: usize = 3;
/// Inline results offered at most.
const INLINE_RESULTS: usize = 5;
/// Sends retried after a network or server error, a second apart.
const SEND_RETRIES: u32 = 2;

/// A question taken out of a message, with any command or mention of the bot removed.
#[derive(Clone, Debug)]
pub struct Question(pub String);

/// Where a reply goes: the chat, the message it answers, and the forum topic it stays in.
pub struct Reply {
    chat: ChatId,
    to: MessageId,
    topic: Option<ThreadId>,
}

impl Reply {
    pub fn to(msg: &Message) -> Reply {
        Reply {
            chat: msg.chat.id,
            to: msg.id,
            topic: msg.thread_id.filter(|_| msg.is_topic_message),
        }
    }

    /// Sends Telegram HTML, retrying network and server errors (Telegram has bad minutes).
    pub async fn send(&self, bot: &Telegram, html: impl Into<String>) -> Result<()> {
        let html = html.into();
        let mut attempt = 0;
        loop {
            let mut request = bot
                .send_message(self.chat, html.clone())
                .parse_mode(ParseMode::Html)
                .link_preview_options(no_preview())
                .reply_parameters(ReplyParameters::new(self.to).allow_sending_without_reply());
            if let Some(topic) = self.topic {
                request = request.message_thread_id(topic);
            }
            match request.await {
                Ok(_) => return Ok(()),
                Err(e) if timed_out_after_sending(&e) => {
                    warn!(
                        chat = self.chat.0,
                        "sending timed out: not sent again, Telegram may have delivered it: {e}"
                    );
                    return Ok(());
                }
                Err(e) if attempt < SEND_RETRIES && is_transient(&e) => {
                    attempt += 1;
                    warn!(chat = self.chat.0, attempt, "sending failed, retrying: {e}");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Shows "typing…" while the answer is prepared; failing to show it changes nothing.
    async fn typing(&self, bot: &Telegram) {
        let mut request = bot.send_chat_action(self.chat, ChatAction::Typing);
        if let Some(topic) = self.topic {
            request = request.message_thread_id(topic);
        }
        if let Err(e) = request.await {
            warn!(chat = self.chat.0, "cannot show the typing action: {e}");
        }
    }
}

fn no_preview() -> LinkPreviewOptions {
    LinkPreviewOptions {
        is_disabled: true,
        url: None,
        prefer_small_media: false,
        prefer_large_media: false,
        show_above_text: false,
    }
}

/// A request that reached Telegram and got no answer in time. Telegram usually did send the
/// message then, only late: sending it again would post the answer twice, which is worse than
/// the rare answer lost. A timeout while connecting sent nothing, and is retried.
fn timed_out_after_sending(error: &RequestError) -> bool {
    matches!(error, RequestError::Network(e) if e.is_timeout() && !e.is_connect())
}

/// Errors worth one more try: the network, or Telegram's side (a 5xx arrives as an unknown API
/// error, or as a body that is not JSON at all).
fn is_transient(error: &RequestError) -> bool {
    match error {
        RequestError::Network(_) | RequestError::Io(_) | RequestError::InvalidJson { .. } => true,
        RequestError::Api(ApiError::Unknown(description)) => {
            let description = description.to_ascii_lowercase();
            [
                "internal server error",
                "bad gateway",
                "unavailable",
                "timeout",
            ]
            .iter()
            .any(|s| description.contains(s))
        }
        _ => false,
    }
}

/// The language of whoever sent the message, for the bot's own words.
fn sender_lang(msg: &Message, question: &str) -> UiLang {
    let code = msg.from.as_ref().and_then(|u| u.language_code.as_deref());
    UiLang::for_question(code, question)
}

/// Who the question limit counts against: the user, else the chat posting (channels, anonymous
/// admins).
fn asker(msg: &Message) -> i64 {
    match (&msg.from, &msg.sender_chat) {
        (_, Some(chat)) => chat.id.0,
        (Some(user), None) => user.id.0 as i64,
        (None, None) => msg.chat.id.0,
    }
}

fn mention(me: &Me) -> String {
    format!("@{}", me.username())
}

/// /start, /help, /about and /ask.
pub async fn public_command(
    bot: Telegram,
    msg: Message,
    command: PublicCommand,
    me: Me,
    live: Arc<LiveIndex>,
    stats: Arc<Stats>,
    limits: Arc<QuestionLimits>,
) -> Result<()> {
    let lang = UiLang::from_code(msg.from.as_ref().and_then(|u| u.language_code.as_deref()));
    match command {
        PublicCommand::Start | PublicCommand::Help => {
            Reply::to(&msg)
                .send(&bot, texts::help(lang, &mention(&me)))
                .await
        }
        PublicCommand::About => {
            let index = live.current();
            let m = index.manifest();
            let about = texts::about(
                lang,
                m.documents,
                m.passages_kk,
                m.passages_ru,
                &format_time(m.built_at),
            );
            Reply::to(&msg).send(&bot, about).await
        }
        PublicCommand::Ask(question) => {
            answer_message(bot, msg, Question(question), me, live, stats, limits).await
        }
    }
}

/// `2025-10-20 14:03 UTC`.
pub fn format_time(unix_secs: u64) -> String {
    i64::try_from(unix_secs)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map_or_else(
            || "—".to_string(),
            |t| t.format("%Y-%m-%d %H:%M UTC").to_string(),
        )
}

/// Answers a question in the chat it was asked in.
pub async fn answer_message(
    bot: Telegram,
    msg: Message,
    Question(question): Question,
    me: Me,
    live: Arc<LiveIndex>,
    stats: Arc<Stats>,
    limits: Arc<QuestionLimits>,
) -> Result<()> {
    let question = question.trim();
    let lang = sender_lang(&msg, question);
    let reply = Reply::to(&msg);
    if question.is_empty() {
        let suffix = if msg.chat.is_private() {
            String::new()
        } else {
            mention(&me)
        };
        return reply.send(&bot, texts::ask_usage(lang, &suffix)).await;
    }
    match limits.chat.check(asker(&msg)) {
        Verdict::Allowed => {}
        Verdict::Refused { tell } => {
            info!(chat = msg.chat.id.0, "question over the per-user limit");
            if tell {
                reply.send(&bot, texts::rate_limited(lang)).await?;
            }
            return Ok(());
        }
    }
    reply.typing(&bot).await;
    let html = match live.answer(question, CHAT_EVIDENCE).await {
        Ok(answer) => {
            stats.record(&answer);
            render::answer_html(&answer, lang)
        }
        Err(e) => {
            error!(chat = msg.chat.id.0, "cannot answer: {e:#}");
            texts::internal_error(lang).to_string()
        }
    };
    reply.send(&bot, html).await
}

/// Any text in a private chat is a question; a command the bot does not know gets a pointer to
/// /help rather than a search for "/foo".
pub fn private_question(msg: Message) -> Option<Question> {
    let text = msg.text()?;
    (msg.chat.is_private() && !text.starts_with('/')).then(|| Question(text.to_string()))
}

pub async fn unknown_command(bot: Telegram, msg: Message) -> Result<()> {
    let lang = UiLang::from_code(msg.from.as_ref().and_then(|u| u.language_code.as_deref()));
    Reply::to(&msg)
        .send(&bot, texts::unknown_command(lang))
        .await
}

/// In a group, a message is a question only when it mentions the bot or replies to one of the
/// bot's messages; commands (ours are parsed before this, others are for other bots) never are.
pub fn group_question(msg: Message, me: Me) -> Option<Question> {
    if !(msg.chat.is_group() || msg.chat.is_supergroup()) {
        return None;
    }
    let text = msg.text()?;
    if text.starts_with('/') {
        return None;
    }
    let replies_to_me = msg
        .reply_to_message()
        .and_then(|replied| replied.from.as_ref())
        .is_some_and(|author| author.id == me.id);
    let mentions: Vec<_> = msg
        .parse_entities()
        .unwrap_or_default()
        .into_iter()
        .filter(|entity| match entity.kind() {
            MessageEntityKind::Mention => entity
                .text()
                .trim_start_matches('@')
                .eq_ignore_ascii_case(me.username()),
            MessageEntityKind::TextMention { user } => user.id == me.id,
            _ => false,
        })
        .map(|entity| entity.range())
        .collect();
    if !replies_to_me && mentions.is_empty() {
        return None;
    }
    let mut question = String::with_capacity(text.len());
    let mut at = 0;
    for range in mentions {
        question.push_str(&text[at..range.start]);
        at = range.end;
    }
    question.push_str(&text[at..]);
    Some(Question(question.trim().to_string()))
}

/// In a channel, only a post starting with /ask is a question.
pub fn channel_question(command: PublicCommand) -> Option<Question> {
    match command {
        PublicCommand::Ask(question) => Some(Question(question)),
        _ => None,
    }
}

/// `@bot question` in any chat: up to five articles, each the answer or one piece of evidence.
pub async fn answer_inline(
    bot: Telegram,
    query: InlineQuery,
    live: Arc<LiveIndex>,
    stats: Arc<Stats>,
    limits: Arc<QuestionLimits>,
) -> Result<()> {
    let question = query.query.trim();
    let results = if question.is_empty() {
        Vec::new()
    } else if limits.inline.check(query.from.id.0 as i64) != Verdict::Allowed {
        info!("inline query over the per-user limit");
        Vec::new()
    } else {
        let lang = UiLang::for_question(query.from.language_code.as_deref(), question);
        match live.answer(question, INLINE_RESULTS).await {
            Ok(answer) => {
                stats.record(&answer);
                inline_results(&answer, lang)
            }
            Err(e) => {
                error!("cannot answer an inline query: {e:#}");
                Vec::new()
            }
        }
    };
    bot.answer_inline_query(query.id, results)
        .cache_time(60)
        .await?;
    Ok(())
}

fn article(id: usize, title: String, description: String, html: String) -> InlineQueryResult {
    let content = InputMessageContentText::new(html)
        .parse_mode(ParseMode::Html)
        .link_preview_options(no_preview());
    let article =
        InlineQueryResultArticle::new(id.to_string(), title, InputMessageContent::Text(content))
            .description(description);
    InlineQueryResult::Article(article)
}

fn inline_results(answer: &Answer, lang: UiLang) -> Vec<InlineQueryResult> {
    if !answer.answered {
        let html = render::no_answer_html(&answer.question, lang);
        let title = texts::no_answer_title(lang).to_string();
        let hint = texts::no_answer_hint(lang).to_string();
        return vec![article(0, title, hint, html)];
    }
    answer
        .evidence
        .iter()
        .enumerate()
        .filter(|(n, e)| *n == 0 || e.coverage >= MIN_COVERAGE / 2.0)
        .take(INLINE_RESULTS)
        .map(|(n, evidence)| {
            let html = if n == 0 {
                render::answer_html(answer, lang)
            } else {
                render::evidence_html(evidence)
            };
            article(
                n,
                format!("«{}»", render::plain_title(&evidence.passage)),
                render::description(evidence),
                html,
            )
        })
        .collect()
}
