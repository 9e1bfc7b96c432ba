//! What the bot says about source chats and their posts — receipts for forwarded posts,
//! refusals, /sources and /forget — and about the followed feeds in /stats, in Kazakh, Russian
//! and English. Every value interpolated is already HTML-escaped.

use super::live_sync::SyncOutcome;
use super::texts::UiLang;
use crate::sources::Written;

pub fn forward_not_admin(lang: UiLang) -> &'static str {
    lang.pick(
        "Корпусқа жазбаларды тек бот әкімшілері қоса алады. Жазба туралы сұрағыңызды мәтінмен жазыңыз.",
        "Добавлять посты в корпус могут только администраторы бота. Чтобы спросить о посте, напишите вопрос текстом.",
        "Only the bot's administrators add posts to the corpus. To ask about a post, type your question.",
    )
}

pub fn forward_not_from_channel(lang: UiLang) -> &'static str {
    lang.pick(
        "Тек арнадан бағытталған жазбаны қосуға болады: бұл хабарламада бастапқы жазбаның сілтемесі жоқ.",
        "Добавить можно только пост, пересланный из канала: у этого сообщения нет ссылки на исходный пост.",
        "Only a post forwarded from a channel can be added: this message does not say which post it was.",
    )
}

/// `title` is the chat's title, escaped; `chat_id` its Bot API id, to put in the list.
pub fn forward_unlisted(lang: UiLang, title: &str, chat_id: i64) -> String {
    let text = lang.pick(
        "дереккөз емес: тек KINOTANU_SOURCE_CHATS тізіміндегі чаттардың жазбалары қосылады. Қосу үшін оның идентификаторын тізімге жазып, ботты қайта іске қосыңыз:",
        "не источник: добавляются только посты чатов из KINOTANU_SOURCE_CHATS. Чтобы добавить его, впишите туда его идентификатор и перезапустите бота:",
        "is not a source: only posts of the chats in KINOTANU_SOURCE_CHATS are added. To add it, list its id there and restart the bot:",
    );
    format!("«{title}» {text} <code>{chat_id}</code>")
}

pub fn forward_no_text(lang: UiLang) -> &'static str {
    lang.pick(
        "Бұл жазбада мәтін де, қолтаңба да жоқ: қосатын ештеңе жоқ.",
        "В этом посте нет ни текста, ни подписи: добавлять нечего.",
        "This post has no text or caption: there is nothing to add.",
    )
}

pub fn post_not_saved(lang: UiLang) -> &'static str {
    lang.pick(
        "Жазбаны сақтау мүмкін болмады; корпус өзгерген жоқ.",
        "Не удалось сохранить пост; корпус не изменился.",
        "The post could not be saved; the corpus is unchanged.",
    )
}

/// One line after a forwarded post is stored; `post` is its title (linked), date and source.
pub fn post_receipt(lang: UiLang, written: Written, synced: SyncOutcome, post: &str) -> String {
    let head = match written {
        Written::Added => lang.pick("Қосылды", "Добавлено", "Added"),
        Written::Replaced => lang.pick("Жаңартылды", "Обновлено", "Updated"),
        Written::Unchanged => lang.pick("Корпуста бар", "Уже в корпусе", "Already in the corpus"),
    };
    let tail = match synced {
        SyncOutcome::Synced => return format!("{head}: {post}."),
        SyncOutcome::Failed => lang.pick(
            "Корпусқа сақталды, бірақ индекс жаңартылмады: /reindex жіберіңіз.",
            "Сохранено в корпусе, но индекс обновить не удалось: отправьте /reindex.",
            "Saved in the corpus, but the index could not be updated: send /reindex.",
        ),
        SyncOutcome::Pending => lang.pick(
            "Корпусқа сақталды; қазір жүріп жатқан индексті қайта құру аяқталған соң жауаптарға қосылады.",
            "Сохранено в корпусе; в ответах появится, когда закончится идущая сейчас перестройка индекса.",
            "Saved in the corpus; it is answerable once the index rebuild running now ends.",
        ),
    };
    format!("{head}: {post}. {tail}")
}

pub fn forget_usage(lang: UiLang) -> &'static str {
    lang.pick(
        "Жазбаның сілтемесін жіберіңіз, мысалы: <code>/forget https://t.me/kinonews/42</code> немесе <code>/forget https://t.me/c/1234567890/42</code>",
        "Укажите ссылку на пост, например: <code>/forget https://t.me/kinonews/42</code> или <code>/forget https://t.me/c/1234567890/42</code>",
        "Give the post's link, for example <code>/forget https://t.me/kinonews/42</code> or <code>/forget https://t.me/c/1234567890/42</code>",
    )
}

/// `post` is the removed post's title (linked), date and source.
pub fn forgotten(lang: UiLang, post: &str, synced: SyncOutcome) -> String {
    let head = match synced {
        SyncOutcome::Synced => lang.pick(
            "Корпус пен индекстен өшірілді",
            "Удалено из корпуса и индекса",
            "Removed from the corpus and the index",
        ),
        SyncOutcome::Failed => lang.pick(
            "Корпустан өшірілді, бірақ индекс жаңартылмады (/reindex жіберіңіз)",
            "Удалено из корпуса, но индекс обновить не удалось (отправьте /reindex)",
            "Removed from the corpus, but the index could not be updated (send /reindex)",
        ),
        SyncOutcome::Pending => lang.pick(
            "Корпустан өшірілді; қазір жүріп жатқан индексті қайта құру аяқталған соң жауаптардан да шығады",
            "Удалено из корпуса; из ответов пропадёт, когда закончится идущая сейчас перестройка индекса",
            "Removed from the corpus; it leaves the answers once the index rebuild running now ends",
        ),
    };
    format!("{head}: {post}.")
}

pub fn forget_not_found(lang: UiLang) -> &'static str {
    lang.pick(
        "Бот сақтаған жазбалардың арасында мұндай сілтеме жоқ. Telegram Desktop экспортынан алынған жазбаны тек сол экспорт файлынан өшіруге болады.",
        "Среди постов, сохранённых ботом, такой ссылки нет. Пост из экспорта Telegram Desktop можно удалить только из самого файла экспорта.",
        "No post the bot stored has this link. A post imported from a Telegram Desktop export can only be removed from the export file.",
    )
}

/// The post is in an export file (`file`, escaped), which the bot does not edit.
pub fn forget_in_export(lang: UiLang, file: &str) -> String {
    let text = lang.pick(
        "Бұл жазба экспорт файлынан алынған, бот ол файлды өзгертпейді. Жазбаны (немесе бүкіл файлды) сол жерден өшіріп, /reindex жіберіңіз:",
        "Этот пост взят из файла экспорта, а его бот не меняет. Удалите пост (или весь файл) там и отправьте /reindex:",
        "This post comes from an export file, which the bot does not edit. Remove the post (or the file) there, then send /reindex:",
    );
    format!("{text} <code>{file}</code>")
}

/// One source chat for /sources: its name (escaped), whether it is listed, its posts.
pub struct SourceRow {
    pub name: String,
    pub listed: bool,
    pub documents: usize,
    pub newest: Option<String>,
}

pub fn sources(lang: UiLang, rows: &[SourceRow]) -> String {
    if rows.is_empty() {
        return lang
            .pick(
                "Дереккөз чаттары жоқ: KINOTANU_SOURCE_CHATS айнымалысына чат идентификаторларын немесе @username жазып, ботты қайта іске қосыңыз.",
                "Чатов-источников нет: перечислите идентификаторы чатов или @username в KINOTANU_SOURCE_CHATS и перезапустите бота.",
                "No source chats: list chat ids or @usernames in KINOTANU_SOURCE_CHATS and restart the bot.",
            )
            .to_string();
    }
    let head = lang.pick("Дереккөз чаттары", "Чаты-источники", "Source chats");
    let mut text = format!("{head}:");
    for row in rows {
        let posts = match (&row.newest, row.documents) {
            (_, 0) => lang
                .pick("әзірге жазба жоқ", "постов пока нет", "no posts yet")
                .to_string(),
            (Some(newest), n) => match lang {
                UiLang::Kk => format!("{n} жазба, соңғысы {newest}"),
                UiLang::Ru => format!("постов: {n}, последний {newest}"),
                UiLang::En => format!("{n} {}, newest {newest}", english_posts(n)),
            },
            (None, n) => match lang {
                UiLang::Kk => format!("{n} жазба"),
                UiLang::Ru => format!("постов: {n}"),
                UiLang::En => format!("{n} {}", english_posts(n)),
            },
        };
        text.push_str(&format!("\n• {}: {posts}", row.name));
        if !row.listed {
            text.push_str(lang.pick(
                " (тізімде жоқ: жаңа жазбалары қосылмайды)",
                " (нет в списке: новые посты не добавляются)",
                " (not listed: new posts are not added)",
            ));
        }
    }
    text
}

/// A followed feed for /stats: its name (escaped), its documents, its last successful fetch and,
/// when the last attempt failed, why (escaped).
pub struct FeedRow {
    pub name: String,
    pub documents: usize,
    pub last_success: Option<String>,
    pub failing: Option<String>,
}

/// The feeds' part of /stats; empty when no feed is followed.
pub fn feeds(lang: UiLang, rows: &[FeedRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let mut text = lang
        .pick("Жаңалық арналары:", "Ленты новостей:", "News feeds:")
        .to_string();
    for row in rows {
        let documents = row.documents;
        let fetched = match (&row.last_success, lang) {
            (Some(time), UiLang::Kk) => format!("{documents} құжат, соңғы сәтті жүктеу {time}"),
            (Some(time), UiLang::Ru) => {
                format!("документов: {documents}, последняя успешная загрузка {time}")
            }
            (Some(time), UiLang::En) => format!(
                "{documents} document{}, last fetched {time}",
                if documents == 1 { "" } else { "s" }
            ),
            (None, _) => lang
                .pick("әлі жүктелмеген", "ещё не загружалась", "not fetched yet")
                .to_string(),
        };
        text.push_str(&format!("\n• {}: {fetched}", row.name));
        if let Some(reason) = &row.failing {
            let failed = lang.pick(
                "соңғы әрекет сәтсіз",
                "последняя попытка не удалась",
                "the last attempt failed",
            );
            text.push_str(&format!(" ({failed}: {reason})"));
        }
    }
    text
}

fn english_posts(n: usize) -> &'static str {
    if n == 1 { "post" } else { "posts" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipts_are_one_line_in_the_admins_language() {
        for lang in UiLang::ALL {
            for written in [Written::Added, Written::Replaced, Written::Unchanged] {
                for synced in [
                    SyncOutcome::Synced,
                    SyncOutcome::Failed,
                    SyncOutcome::Pending,
                ] {
                    let line = post_receipt(lang, written, synced, "«<a href=\"u\">T</a>»");
                    assert!(!line.contains('\n'), "{line}");
                    assert!(!forgotten(lang, "«T»", synced).contains('\n'));
                }
            }
        }
        let added = post_receipt(UiLang::Kk, Written::Added, SyncOutcome::Synced, "x");
        assert_eq!(added, "Қосылды: x.");
        let failed = post_receipt(UiLang::Ru, Written::Replaced, SyncOutcome::Failed, "x");
        assert!(failed.contains("/reindex"), "{failed}");
    }

    #[test]
    fn the_sources_list_says_what_each_chat_holds() {
        let rows = [
            SourceRow {
                name: "Kino news (@kinonews)".into(),
                listed: true,
                documents: 12,
                newest: Some("2025-10-09".into()),
            },
            SourceRow {
                name: "-1001".into(),
                listed: true,
                documents: 0,
                newest: None,
            },
            SourceRow {
                name: "Old".into(),
                listed: false,
                documents: 3,
                newest: None,
            },
        ];
        let text = sources(UiLang::En, &rows);
        assert_eq!(
            text,
            "Source chats:\n• Kino news (@kinonews): 12 posts, newest 2025-10-09\n• -1001: no posts yet\n• Old: 3 posts (not listed: new posts are not added)"
        );
        assert!(sources(UiLang::Ru, &[]).contains("KINOTANU_SOURCE_CHATS"));
    }

    #[test]
    fn the_feeds_are_listed_with_their_last_fetch() {
        let rows = [
            FeedRow {
                name: "Kino.kz (https://kino.kz/rss.xml)".into(),
                documents: 4,
                last_success: Some("2026-01-06 10:00 UTC".into()),
                failing: None,
            },
            FeedRow {
                name: "https://x.kz/rss".into(),
                documents: 0,
                last_success: None,
                failing: Some("HTTP 500".into()),
            },
        ];
        assert_eq!(
            feeds(UiLang::En, &rows),
            "News feeds:\n• Kino.kz (https://kino.kz/rss.xml): 4 documents, last fetched 2026-01-06 10:00 UTC\n• https://x.kz/rss: not fetched yet (the last attempt failed: HTTP 500)"
        );
        assert!(feeds(UiLang::Kk, &rows).starts_with("Жаңалық арналары:\n• Kino.kz"));
        assert!(feeds(UiLang::Ru, &rows).contains("последняя успешная загрузка 2026-01-06"));
        assert_eq!(feeds(UiLang::Ru, &[]), "");
    }
}
