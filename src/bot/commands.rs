//! The bot's commands: what it parses (`BotCommands` enums) and what it advertises in
//! Telegram's command menu, in Kazakh, Russian and English; admin commands are shown only in
//! each admin's private chat.

use std::collections::BTreeSet;

use teloxide::prelude::*;
use teloxide::types::{BotCommand, BotCommandScope, Me, Recipient};
use teloxide::utils::command::BotCommands;
use tracing::warn;

use super::Telegram;
use super::texts::UiLang;

/// Commands anyone may send.
#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
pub enum PublicCommand {
    Start,
    Help,
    About,
    Ask(String),
}

/// Commands for the user ids in `KINOTANU_ADMIN_IDS`; anyone else is refused (and logged).
#[derive(BotCommands, Clone, Debug, PartialEq)]
#[command(rename_rule = "lowercase")]
pub enum AdminCommand {
    Reindex,
    Stats,
    Add,
    Sources,
    Forget(String),
}

/// The command a message (its text, or a document's caption) starts with, if it is one of `C`
/// and not addressed to another bot.
pub fn parse_message<C: BotCommands>(msg: Message, me: Me) -> Option<C> {
    let text = msg.text().or_else(|| msg.caption())?;
    parse(text, me.user.username.as_deref()?)
}

/// A command ends at any whitespace, as Telegram clients mark it: `/ask` then a new line and the
/// question is an /ask of that question. teloxide splits command from argument at a space only.
fn parse<C: BotCommands>(text: &str, bot_name: &str) -> Option<C> {
    let (head, rest) = text.split_at(text.find(char::is_whitespace).unwrap_or(text.len()));
    let rest = rest.trim_start();
    if rest.is_empty() {
        C::parse(head, bot_name).ok()
    } else {
        C::parse(&format!("{head} {rest}"), bot_name).ok()
    }
}

fn public_menu(lang: UiLang) -> Vec<BotCommand> {
    let (ask, help, about) = match lang {
        UiLang::Kk => (
            "Сұрақ қою: /ask сұрақ",
            "Қалай сұрау керек",
            "Корпус туралы",
        ),
        UiLang::Ru => (
            "Задать вопрос: /ask вопрос",
            "Как задавать вопросы",
            "О корпусе",
        ),
        UiLang::En => (
            "Ask a question: /ask question",
            "How to ask",
            "What the corpus holds",
        ),
    };
    vec![
        BotCommand::new("ask", ask),
        BotCommand::new("help", help),
        BotCommand::new("about", about),
    ]
}

fn admin_menu(lang: UiLang) -> Vec<BotCommand> {
    let (reindex, stats, add, sources, forget) = match lang {
        UiLang::Kk => (
            "Индексті қайта құру",
            "Статистика",
            "Құжат қосу (.txt/.md/.jsonl файлының қолтаңбасы)",
            "Дереккөз чаттары және олардың жазбалары",
            "Жазбаны өшіру: /forget сілтеме",
        ),
        UiLang::Ru => (
            "Перестроить индекс",
            "Статистика",
            "Добавить документ (подпись к файлу .txt/.md/.jsonl)",
            "Чаты-источники и их посты",
            "Удалить пост: /forget ссылка",
        ),
        UiLang::En => (
            "Rebuild the index from the seeds",
            "Index and usage statistics",
            "Add a document (caption of a .txt/.md/.jsonl file)",
            "Source chats and their posts",
            "Remove a post: /forget link",
        ),
    };
    let mut menu = public_menu(lang);
    menu.extend([
        BotCommand::new("reindex", reindex),
        BotCommand::new("stats", stats),
        BotCommand::new("add", add),
        BotCommand::new("sources", sources),
        BotCommand::new("forget", forget),
    ]);
    menu
}

/// Sets the command menus. A failure is logged, not fatal: the bot answers without menus, and an
/// admin who never opened a chat with the bot makes Telegram refuse that admin's menu.
pub async fn advertise(bot: &Telegram, admins: &BTreeSet<UserId>) {
    for lang in UiLang::ALL {
        let mut request = bot.set_my_commands(public_menu(lang));
        if let Some(code) = lang.command_language_code() {
            request = request.language_code(code);
        }
        if let Err(e) = request.await {
            warn!("cannot set the command menu ({lang:?}): {e}");
        }
        for admin in admins {
            let scope = BotCommandScope::Chat {
                chat_id: Recipient::Id(ChatId::from(*admin)),
            };
            let mut request = bot.set_my_commands(admin_menu(lang)).scope(scope);
            if let Some(code) = lang.command_language_code() {
                request = request.language_code(code);
            }
            if let Err(e) = request.await {
                warn!(
                    admin = admin.0,
                    "cannot set the admin command menu ({lang:?}): {e}"
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_for_this_bot_parse_and_others_do_not() {
        let ask = PublicCommand::parse("/ask@Kinotanu_bot Qaitadan?", "kinotanu_bot");
        assert_eq!(ask.unwrap(), PublicCommand::Ask("Qaitadan?".into()));
        assert!(PublicCommand::parse("/ask@other_bot Qaitadan?", "kinotanu_bot").is_err());
        assert_eq!(
            PublicCommand::parse("/start deep-link", "kinotanu_bot").unwrap(),
            PublicCommand::Start
        );
        assert_eq!(
            AdminCommand::parse("/add", "kinotanu_bot").unwrap(),
            AdminCommand::Add
        );
        assert_eq!(
            parse::<AdminCommand>("/forget\nhttps://t.me/kinonews/42", "kinotanu_bot"),
            Some(AdminCommand::Forget("https://t.me/kinonews/42".into()))
        );
        assert_eq!(
            parse::<AdminCommand>("/forget", "kinotanu_bot"),
            Some(AdminCommand::Forget(String::new())),
            "answered with the usage"
        );
    }

    #[test]
    fn a_command_ends_at_a_new_line_as_at_a_space() {
        for text in [
            "/ask\nҚажымұқан кім?",
            "/ask@kinotanu_bot\nҚажымұқан кім?",
            "/ask \n\t Қажымұқан кім?",
        ] {
            assert_eq!(
                parse::<PublicCommand>(text, "kinotanu_bot"),
                Some(PublicCommand::Ask("Қажымұқан кім?".into())),
                "{text:?}"
            );
        }
        assert_eq!(
            parse::<PublicCommand>("/ask\nбірінші\nекінші", "kinotanu_bot"),
            Some(PublicCommand::Ask("бірінші\nекінші".into()))
        );
        assert_eq!(
            parse::<AdminCommand>("/stats\n", "kinotanu_bot"),
            Some(AdminCommand::Stats)
        );
        assert_eq!(
            parse::<PublicCommand>("/ask@other_bot\nҚажымұқан кім?", "kinotanu_bot"),
            None
        );
        assert_eq!(
            parse::<PublicCommand>("/asking\nquestion", "kinotanu_bot"),
            None
        );
    }

    #[test]
    fn every_menu_has_the_same_commands_in_every_language() {
        let names = |menu: Vec<BotCommand>| menu.into_iter().map(|c| c.command).collect::<Vec<_>>();
        for lang in UiLang::ALL {
            assert_eq!(names(public_menu(lang)), ["ask", "help", "about"]);
            assert_eq!(
                names(admin_menu(lang)),
                [
                    "ask", "help", "about", "reindex", "stats", "add", "sources", "forget"
                ]
            );
        }
    }
}
