//! Admin commands through the Bot API double: the command menus, /reindex (refused to
//! non-admins, refused while another rebuild runs, failing without taking the index down),
//! /stats, and /add uploads through getFile and the file download URL.

mod bot_support;

use bot_support::*;
use serde_json::{Value, json};

const NEW_FACT_QUESTION: &str = "Сколько зрителей собрал фестиваль Жулдызай?";
const NEW_DOCUMENT: &str = "# Фестиваль Жулдызай\n\ndate: 2025-11-01\nsource: Тестовая редакция\n\n\
Фестиваль Жулдызай прошёл в Таразе и собрал 4242 зрителя за три дня показов.\n";

fn text(call: &Call) -> String {
    call.body["text"]
        .as_str()
        .expect("a text message")
        .to_string()
}

async fn say(bot: &Running, from: u64, lang: &str, words: &str) -> String {
    let message = text_message(private_chat(from), Some(user(from, lang)), words);
    let message = bot.telegram.push("message", message);
    text(&bot.telegram.reply_to(&message).await)
}

fn document_message(from: u64, file_id: &str, file_name: &str, size: usize) -> Value {
    json!({
        "chat": private_chat(from),
        "from": user(from, "en"),
        "document": {
            "file_id": file_id,
            "file_unique_id": format!("u-{file_id}"),
            "file_name": file_name,
            "mime_type": "text/plain",
            "file_size": size,
        },
        "caption": "/add",
        "caption_entities": [{ "type": "bot_command", "offset": 0, "length": 4 }],
    })
}

async fn upload(bot: &Running, from: u64, file_id: &str, file_name: &str, bytes: &[u8]) -> String {
    bot.telegram
        .add_file(file_id, &format!("documents/{file_id}.bin"), bytes);
    let message = document_message(from, file_id, file_name, bytes.len());
    let message = bot.telegram.push("message", message);
    text(&bot.telegram.reply_to(&message).await)
}

fn seed_names(bot: &Running) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(bot.seeds.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn menus_are_set_in_three_languages_and_admin_commands_only_for_admins() {
    let bot = start_bot(|_| {}).await;
    let calls = bot.telegram.calls_to("SetMyCommands");
    let names = |call: &Call| -> Vec<String> {
        call.body["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["command"].as_str().unwrap().to_string())
            .collect()
    };
    let public: Vec<&Call> = calls
        .iter()
        .filter(|c| c.body.get("scope").is_none())
        .collect();
    let codes: Vec<&Value> = public.iter().map(|c| &c.body["language_code"]).collect();
    assert_eq!(codes, [&Value::Null, &json!("kk"), &json!("ru")]);
    assert!(public.iter().all(|c| names(c) == ["ask", "help", "about"]));
    let kk = public[1].body["commands"][0]["description"]
        .as_str()
        .unwrap();
    assert!(kk.contains("Сұрақ"), "{kk}");

    let admin: Vec<&Call> = calls
        .iter()
        .filter(|c| c.body.get("scope").is_some())
        .collect();
    assert_eq!(admin.len(), 3);
    for call in admin {
        assert_eq!(
            call.body["scope"],
            json!({ "type": "chat", "chat_id": ADMIN })
        );
        assert!(names(call).ends_with(&[
            "reindex".to_string(),
            "stats".into(),
            "add".into(),
            "sources".into(),
            "forget".into()
        ]));
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_seeds_become_searchable_only_after_an_admins_reindex() {
    let bot = start_bot(|_| {}).await;
    std::fs::write(
        bot.seeds.path().join("2025-11-01-zhuldyzai.md"),
        NEW_DOCUMENT,
    )
    .unwrap();
    assert!(
        say(&bot, USER, "ru", NEW_FACT_QUESTION)
            .await
            .starts_with("В корпусе нет ответа")
    );

    let refusal = say(&bot, USER, "ru", "/reindex").await;
    assert!(refusal.contains("только администраторам"), "{refusal}");
    assert!(
        say(&bot, USER, "ru", NEW_FACT_QUESTION)
            .await
            .starts_with("В корпусе нет ответа")
    );

    let done = say(&bot, ADMIN, "ru", "/reindex").await;
    assert!(
        done.starts_with("Индекс перестроен: 3 документов"),
        "{done}"
    );
    let answer = say(&bot, USER, "ru", NEW_FACT_QUESTION).await;
    assert!(
        answer.contains("4242") && answer.contains("«Фестиваль Жулдызай»"),
        "{answer}"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_busy_or_failed_reindex_leaves_the_old_index_answering() {
    let bot = start_bot(|_| {}).await;
    let held = kinotanu::search::store::lock(bot.index.path(), false)
        .unwrap()
        .unwrap();
    let busy = say(&bot, ADMIN, "en", "/reindex").await;
    assert!(busy.contains("already running"), "{busy}");
    assert!(
        say(&bot, USER, "kk", "Qaitadan фильмі қанша касса жинады?")
            .await
            .contains("миллиард")
    );
    drop(held);

    let seeds = bot.seeds.path().to_path_buf();
    std::fs::rename(&seeds, seeds.with_extension("gone")).unwrap();
    let failed = say(&bot, ADMIN, "en", "/reindex").await;
    assert!(failed.starts_with("The reindex failed"), "{failed}");
    assert!(
        failed.contains("previous index keeps answering"),
        "{failed}"
    );
    assert!(
        !failed.contains("/tmp") && !failed.contains(".tmp"),
        "no paths: {failed}"
    );
    assert!(
        say(&bot, USER, "kk", "Qaitadan фильмі қанша касса жинады?")
            .await
            .contains("миллиард")
    );
    std::fs::rename(seeds.with_extension("gone"), &seeds).unwrap();
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stats_are_for_admins_and_count_questions() {
    let bot = start_bot(|_| {}).await;
    say(&bot, USER, "kk", "Qaitadan фильмі қанша касса жинады?").await;
    say(&bot, USER, "en", "What is the weather in Paris?").await;
    let refusal = say(&bot, USER, "en", "/stats").await;
    assert!(
        refusal.contains("only for the bot's administrators"),
        "{refusal}"
    );
    let stats = say(&bot, ADMIN, "en", "/stats").await;
    for expected in [
        "Documents: 2",
        "Passages: 13 (kk 6, ru 7)",
        "Index size: ",
        "Uptime: 0 h 00 min",
        "Questions: 2 (answered 1)",
        "Last reindex: 20",
    ] {
        assert!(stats.contains(expected), "{expected} in {stats}");
    }
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inline_queries_count_as_questions_in_stats_but_empty_ones_do_not() {
    let bot = start_bot(|_| {}).await;
    for (id, query) in [("inline-empty", ""), ("inline-asked", "Qaitadan касса")] {
        let mut update = inline_query(user(USER, "ru"), query);
        update["id"] = json!(id);
        bot.telegram.push("inline_query", update);
        bot.telegram
            .wait_for("the inline answer", |c| c.body["inline_query_id"] == id)
            .await;
    }
    let stats = say(&bot, ADMIN, "en", "/stats").await;
    assert!(stats.contains("Questions: 1 (answered 1)"), "{stats}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reindex_that_fails_half_way_tells_the_admin_without_paths() {
    let bot = start_bot(|_| {}).await;
    // In the way of the pointer switch: everything is built, and the last step fails.
    let obstacle = bot.index.path().join("CURRENT.tmp");
    std::fs::create_dir(&obstacle).unwrap();
    let failed = say(&bot, ADMIN, "en", "/reindex").await;
    assert_eq!(
        failed,
        "The reindex failed: the new index could not be built. The previous index keeps answering."
    );
    let answer = say(&bot, USER, "kk", "Qaitadan фильмі қанша касса жинады?").await;
    assert!(answer.contains("миллиард"), "{answer}");
    std::fs::remove_dir(&obstacle).unwrap();
    let done = say(&bot, ADMIN, "en", "/reindex").await;
    assert!(done.starts_with("Reindexed"), "{done}");
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_admin_upload_is_saved_under_a_safe_new_name_and_indexed() {
    let bot = start_bot(|_| {}).await;
    let before = seed_names(&bot);

    let reply = upload(
        &bot,
        ADMIN,
        "f1",
        "../../outside/.hidden notes.md",
        NEW_DOCUMENT.as_bytes(),
    )
    .await;
    assert!(reply.contains("<code>hidden_notes.md</code>"), "{reply}");
    assert!(reply.contains("Reindexed: 3 documents"), "{reply}");
    assert_eq!(
        bot.telegram.downloads(),
        ["documents/f1.bin"],
        "fetched via the file URL"
    );
    let saved = bot.seeds.path().join("hidden_notes.md");
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), NEW_DOCUMENT);
    assert!(!bot.seeds.path().parent().unwrap().join("outside").exists());
    let answer = say(&bot, USER, "ru", NEW_FACT_QUESTION).await;
    assert!(answer.contains("4242"), "{answer}");

    let again = upload(
        &bot,
        ADMIN,
        "f2",
        "hidden notes.md",
        b"# Other\n\nAnother text.\n",
    )
    .await;
    assert!(
        again.contains("<code>hidden_notes-2.md</code>"),
        "never overwrites: {again}"
    );
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), NEW_DOCUMENT);

    let latin1 = upload(&bot, ADMIN, "f3", "latin1.txt", b"Caf\xe9 \xe0 Almaty\n").await;
    assert!(latin1.contains("not UTF-8"), "{latin1}");
    let program = upload(&bot, ADMIN, "f4", "tool.exe", b"MZ").await;
    assert!(program.contains(".txt, .md or .jsonl"), "{program}");
    let too_big = upload(
        &bot,
        ADMIN,
        "f5",
        "big.txt",
        &vec![b'a'; 5 * 1024 * 1024 + 1],
    )
    .await;
    assert!(too_big.contains("too large"), "{too_big}");

    let downloads = bot.telegram.downloads().len();
    let stranger = upload(&bot, USER, "f6", "mine.md", b"# Mine\n\nText.\n").await;
    assert!(
        stranger.contains("only for the bot's administrators"),
        "{stranger}"
    );
    assert_eq!(
        bot.telegram.downloads().len(),
        downloads,
        "nothing fetched for a non-admin"
    );

    let mut expected = before;
    expected.extend([
        "hidden_notes-2.md".to_string(),
        "hidden_notes.md".to_string(),
    ]);
    expected.sort();
    assert_eq!(
        seed_names(&bot),
        expected,
        "only the two good uploads were saved"
    );
    bot.stop().await.unwrap();
}
