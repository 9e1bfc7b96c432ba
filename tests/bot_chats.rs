//! The bot in chats, driven through a Bot API double: private questions in Kazakh and Russian,
//! help in the user's language, groups (commands, mentions, replies, forum topics), channels,
//! inline mode, hostile text, the per-user limit, and a clean stop.

mod bot_support;

use bot_support::*;
use serde_json::{Value, json};

const KK_QUESTION: &str = "Отандық фильмдер халықаралық фестивальдерде қанша жүлде алды?";
const RU_QUESTION: &str = "С какими странами подписаны соглашения в Актау?";
const KK_TITLE: &str = "«Қазақстандық кино әлемдік экрандарды бағындыруда»";
const RU_TITLE: &str = "«Казахстанское кино покоряет мировые экраны»";

fn text(call: &Call) -> &str {
    call.body["text"].as_str().expect("a text message")
}

/// Only the tags the renderer writes, each closed; no unescaped `<` from user or corpus text.
fn assert_safe_html(html: &str) {
    assert!(
        html.encode_utf16().count() <= 4096,
        "too long: {}",
        html.len()
    );
    let allowed = [
        "b>",
        "/b>",
        "i>",
        "/i>",
        "code>",
        "/code>",
        "a href=\"",
        "/a>",
    ];
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        assert!(
            allowed.iter().any(|t| rest.starts_with(t)),
            "unexpected tag at {at}: {html}"
        );
    }
    for tag in ["b", "i", "code", "a"] {
        let opened =
            html.matches(&format!("<{tag}>")).count() + html.matches(&format!("<{tag} ")).count();
        assert_eq!(
            opened,
            html.matches(&format!("</{tag}>")).count(),
            "<{tag}> unbalanced: {html}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kazakh_question_in_a_private_chat_gets_the_fact_and_its_source() {
    let bot = start_bot(|_| {}).await;
    let asked = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "kk")), KK_QUESTION),
    );
    let reply = bot.telegram.reply_to(&asked).await;
    let html = text(&reply);
    assert!(html.contains("177"), "{html}");
    assert!(
        html.contains("<b>жүлде</b>"),
        "matched words in bold: {html}"
    );
    assert!(
        html.contains(KK_TITLE) && html.contains("2025-10-20"),
        "{html}"
    );
    assert_eq!(reply.body["parse_mode"], "HTML");
    assert_safe_html(html);
    let typing = bot.telegram.calls_to("SendChatAction");
    assert_eq!(
        typing[0].body["action"], "typing",
        "typing shown while answering"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_russian_question_gets_the_russian_passage_and_no_answer_is_said_so() {
    let bot = start_bot(|_| {}).await;
    let asked = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "ru")), RU_QUESTION),
    );
    let html = text(&bot.telegram.reply_to(&asked).await).to_string();
    assert!(
        html.contains("Азербайджана") && html.contains(RU_TITLE),
        "{html}"
    );

    let off_topic = bot.telegram.push(
        "message",
        text_message(
            private_chat(USER),
            Some(user(USER, "ru")),
            "Какая погода завтра в Париже?",
        ),
    );
    let html = text(&bot.telegram.reply_to(&off_topic).await).to_string();
    assert!(html.starts_with("В корпусе нет ответа"), "{html}");
    assert!(
        html.contains("Назовите фильм"),
        "suggests how to ask: {html}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_and_about_speak_the_users_language() {
    let bot = start_bot(|_| {}).await;
    let cases = [
        ("kk", "/start", "Мен Қазақстан киносы"),
        ("ru", "/help", "Я отвечаю на вопросы"),
        ("en", "/help", "I answer questions"),
        ("de", "/start", "I answer questions"),
    ];
    for (n, (lang, command, expected)) in cases.into_iter().enumerate() {
        let id = USER + 100 + n as u64;
        let asked = bot.telegram.push(
            "message",
            text_message(private_chat(id), Some(user(id, lang)), command),
        );
        let html = text(&bot.telegram.reply_to(&asked).await).to_string();
        assert!(html.starts_with(expected), "{lang}: {html}");
        assert!(
            html.contains(KK_QUESTION) && html.contains(RU_QUESTION),
            "two examples: {html}"
        );
        assert!(
            html.contains("/ask") && html.contains("@kinotanu_bot"),
            "{html}"
        );
        assert_safe_html(&html);
    }
    let about = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "en")), "/about"),
    );
    let html = text(&bot.telegram.reply_to(&about).await).to_string();
    assert!(
        html.contains("Documents: 2") && html.contains("kk 6, ru 7"),
        "{html}"
    );
    assert!(html.contains("Last reindex: 20"), "{html}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_group_only_questions_for_this_bot_are_answered() {
    let bot = start_bot(|_| {}).await;
    let chat = group(-100_500);
    let from = || Some(user(USER, "kk"));
    let ignored: Vec<Value> = [
        "Сәлем бәріне! Кешке кино көреміз бе?",
        "/ask@other_bot Qaitadan фильмі қанша касса жинады?",
        "/help@other_bot",
        "/start@other_bot",
        "@other_bot Qaitadan фильмі қанша касса жинады?",
    ]
    .iter()
    .map(|t| {
        bot.telegram
            .push("message", text_message(chat.clone(), from(), t))
    })
    .collect();

    let command = bot.telegram.push(
        "message",
        text_message(
            chat.clone(),
            from(),
            "/ask@kinotanu_bot Qaitadan фильмі қанша касса жинады?",
        ),
    );
    assert!(text(&bot.telegram.reply_to(&command).await).contains("миллиард"));

    let mention = bot.telegram.push(
        "message",
        text_message(
            chat.clone(),
            Some(user(USER, "ru")),
            &format!("@kinotanu_bot {RU_QUESTION}"),
        ),
    );
    assert!(text(&bot.telegram.reply_to(&mention).await).contains("Азербайджана"));

    let bots_message = json!({
        "message_id": 1, "date": 1_760_000_000, "chat": chat.clone(),
        "from": { "id": BOT_ID, "is_bot": true, "first_name": "Kinotanu", "username": BOT_USERNAME },
        "text": "…",
    });
    let mut reply = text_message(chat.clone(), from(), KK_QUESTION);
    reply["reply_to_message"] = bots_message;
    let reply = bot.telegram.push("message", reply);
    assert!(text(&bot.telegram.reply_to(&reply).await).contains("177"));

    // Updates of one chat are handled in order: by now the ignored ones were seen and dropped.
    for message in &ignored {
        assert!(
            !bot.telegram.replied_to(message),
            "answered chatter: {}",
            message["text"]
        );
    }
    let sent = bot.telegram.calls_to("SendMessage");
    assert_eq!(sent.len(), 3, "{sent:#?}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ask_with_the_question_on_the_next_line_is_answered_in_private_and_in_groups() {
    let bot = start_bot(|_| {}).await;
    let private = bot.telegram.push(
        "message",
        text_message(
            private_chat(USER),
            Some(user(USER, "kk")),
            "/ask\nҚажымұқан кім?",
        ),
    );
    let in_group = bot.telegram.push(
        "message",
        text_message(
            group(-100_800),
            Some(user(USER, "kk")),
            "/ask@kinotanu_bot\nҚажымұқан кім?",
        ),
    );
    for asked in [private, in_group] {
        let html = text(&bot.telegram.reply_to(&asked).await).to_string();
        assert!(html.contains("<b>Қажымұқан</b>"), "{html}");
        assert!(html.contains(KK_TITLE), "{html}");
        assert_safe_html(&html);
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_stay_in_their_forum_topic_and_channel_posts_get_replies() {
    let bot = start_bot(|_| {}).await;
    let mut in_topic = text_message(
        forum(-100_600),
        Some(user(USER, "kk")),
        &format!("/ask {KK_QUESTION}"),
    );
    in_topic["message_thread_id"] = json!(77);
    in_topic["is_topic_message"] = json!(true);
    let in_topic = bot.telegram.push("message", in_topic);
    let reply = bot.telegram.reply_to(&in_topic).await;
    assert_eq!(reply.body["message_thread_id"], 77, "{:#?}", reply.body);
    assert!(text(&reply).contains("177"));
    let typing = bot.telegram.calls_to("SendChatAction");
    assert_eq!(typing[0].body["message_thread_id"], 77);

    let news = channel(-100_700);
    let mut plain = text_message(news.clone(), None, "Жаңа фильм шықты!");
    plain["sender_chat"] = news.clone();
    let plain = bot.telegram.push("channel_post", plain);
    let mut post = text_message(news.clone(), None, &format!("/ask {RU_QUESTION}"));
    post["sender_chat"] = news.clone();
    let post = bot.telegram.push("channel_post", post);
    let reply = bot.telegram.reply_to(&post).await;
    assert!(text(&reply).contains("Азербайджана"));
    assert!(reply.body.get("message_thread_id").is_none());
    assert!(
        !bot.telegram.replied_to(&plain),
        "a post without /ask is not a question"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_queries_get_at_most_five_articles_with_sources() {
    let bot = start_bot(|_| {}).await;
    bot.telegram.push(
        "inline_query",
        inline_query(user(USER, "ru"), "Qaitadan касса"),
    );
    let answer = bot
        .telegram
        .wait_for("answerInlineQuery", |c| c.method == "AnswerInlineQuery")
        .await;
    assert_eq!(answer.body["inline_query_id"], "inline-1");
    let results = answer.body["results"].as_array().unwrap();
    assert!((1..=5).contains(&results.len()), "{results:#?}");
    for result in results {
        assert_eq!(result["type"], "article");
        assert!(result["title"].as_str().unwrap().starts_with('«'));
        assert!(!result["description"].as_str().unwrap().is_empty());
        let content = &result["input_message_content"];
        assert_eq!(content["parse_mode"], "HTML");
        let html = content["message_text"].as_str().unwrap();
        assert!(html.contains("— «"), "with its source: {html}");
        assert_safe_html(html);
    }
    let first = results[0]["input_message_content"]["message_text"]
        .as_str()
        .unwrap();
    assert!(
        first.contains("миллиард") && first.contains("<b>Qaitadan</b>"),
        "{first}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_messages_are_answered_or_refused_politely_and_escaped() {
    let bot = start_bot(|_| {}).await;
    let chat = private_chat(USER);
    let hostile = [
        "title:(Qaitadan OR фильм) AND -касса \"*\" ~2 ^3 [a TO z] {x}".to_string(),
        "ж".repeat(4000),
        "<script>alert('x')</script><b>Qaitadan</b> & касса?".to_string(),
        "🎬🍿🎥 Qaitadan 😀 касса? 👨‍👩‍👧".to_string(),
        "\u{0}\u{1b}[31mQaitadan\u{7}\u{202e} касса\u{feff}?".to_string(),
        "<>&\"'".repeat(800),
        "   ".to_string(),
        "/ask".to_string(),
    ];
    for question in &hostile {
        let asked = bot.telegram.push(
            "message",
            text_message(chat.clone(), Some(user(USER, "kk")), question),
        );
        let reply = bot.telegram.reply_to(&asked).await;
        let html = text(&reply);
        assert_safe_html(html);
        assert!(!html.contains("<script"), "{html}");
    }
    let calm = bot.telegram.push(
        "message",
        text_message(chat.clone(), Some(user(USER, "kk")), KK_QUESTION),
    );
    assert!(
        text(&bot.telegram.reply_to(&calm).await).contains("177"),
        "still answering"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_over_the_limit_is_told_once_and_others_are_not_affected() {
    let bot = start_bot(|config| config.questions_per_minute = 2).await;
    let ask = |id: u64| {
        bot.telegram.push(
            "message",
            text_message(private_chat(id), Some(user(id, "en")), KK_QUESTION),
        )
    };
    let asked: Vec<Value> = (0..4).map(|_| ask(USER)).collect();
    for message in &asked[..3] {
        bot.telegram.reply_to(message).await;
    }
    let help = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "en")), "/help"),
    );
    bot.telegram.reply_to(&help).await;
    let replies: Vec<String> = asked[..3]
        .iter()
        .map(|m| {
            let call = bot
                .telegram
                .calls_to("SendMessage")
                .into_iter()
                .find(|c| c.body["reply_parameters"]["message_id"] == m["message_id"]);
            text(&call.unwrap()).to_string()
        })
        .collect();
    assert!(replies[0].contains("177") && replies[1].contains("177"));
    assert!(
        replies[2].contains("Бір минуттан кейін"),
        "in the question's language: {}",
        replies[2]
    );
    assert!(!bot.telegram.replied_to(&asked[3]), "told once, then quiet");

    let other = ask(USER + 1);
    assert!(text(&bot.telegram.reply_to(&other).await).contains("177"));
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_shutdown_signal_stops_the_bot_cleanly() {
    let bot = start_bot(|_| {}).await;
    let asked = bot.telegram.push(
        "message",
        text_message(private_chat(USER), Some(user(USER, "kk")), KK_QUESTION),
    );
    bot.telegram.reply_to(&asked).await;
    let started = std::time::Instant::now();
    bot.stop().await.expect("a clean stop returns Ok");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}
