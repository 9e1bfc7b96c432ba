//! A channel's history exported by Telegram Desktop (`result.json`, JSON format) in the seeds:
//! one document per message with text, post links for public and private channels, and a
//! damaged or truncated export reported with its line while the messages before it are kept.

mod common;

use common::{folder_with, json_lines, kinotanu, run, stderr};
use kinotanu::corpus::telegram_post::{internal_chat_id, post_doc_id, post_url};
use kinotanu::corpus::{Format, read_bytes, read_seeds};
use kinotanu::{answer, live_index};

fn export(name: &str) -> String {
    std::fs::read_to_string(common::repo().join("tests/data/telegram").join(name)).unwrap()
}

#[test]
fn each_message_with_text_is_a_document_and_service_messages_and_bare_media_are_not() {
    let dir = folder_with(&[("result.json", export("public-channel.json").as_bytes())]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    // 1 is the channel's creation, 5 the second photo of an album, 8 a sticker.
    assert_eq!(
        ids,
        [
            "tg-1987654321-2",
            "tg-1987654321-3",
            "tg-1987654321-4",
            "tg-1987654321-6",
            "tg-1987654321-7",
            "tg-1987654321-9"
        ]
    );
    let first = &corpus.documents[0];
    assert_eq!(
        first.title,
        "«Қаһарман ұлы» фильмі прокатта 640 мың көрерменге жетті"
    );
    assert_eq!(first.source.as_deref(), Some("Қазақ киносы жаңалықтары"));
    assert_eq!(first.date.as_deref(), Some("2025-10-20"));
    assert_eq!(first.paragraphs.len(), 2);

    // Entities are flattened; links stay as text.
    let festival = &corpus.documents[1];
    assert_eq!(
        festival.paragraphs,
        [
            "Алматы кинофестивалі 25 қазанда ашылады. Бағдарламада 42 фильм бар.",
            "Толығырақ: https://kino.kz/festival билеттер #кино"
        ]
    );
    // 20:00 UTC on the 20th is the 21st in Kazakhstan, as the export's own "date" says.
    assert_eq!(festival.date.as_deref(), Some("2025-10-21"));

    let caption = &corpus.documents[2];
    assert!(caption.title.starts_with("Түркістандағы жаңа кинозал"));
    assert_eq!(corpus.formats.get(Format::TelegramExport), 1);
}

#[test]
fn post_links_follow_the_channel_public_or_private() {
    // Telegram Desktop does not write a channel's username: links go by the internal id,
    // and open in Telegram for anyone who can see the channel.
    let public = read_bytes("result.json", export("public-channel.json").as_bytes());
    assert_eq!(
        public.documents[0].url.as_deref(),
        Some("https://t.me/c/1987654321/2")
    );
    // With the username added next to "name", links are public.
    let with_username = export("public-channel.json").replacen(
        "\"type\": \"public_channel\",",
        "\"type\": \"public_channel\",\n \"username\": \"@qazaqkino\",",
        1,
    );
    let public = read_bytes("kino.json", with_username.as_bytes());
    assert_eq!(
        public.documents[1].url.as_deref(),
        Some("https://t.me/qazaqkino/3")
    );
    let private = read_bytes("result.json", export("private-channel.json").as_bytes());
    let ids: Vec<&str> = private.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["tg-1555000111-2", "tg-1555000111-3"]);
    assert_eq!(
        private.documents[0].url.as_deref(),
        Some("https://t.me/c/1555000111/2")
    );
}

#[test]
fn the_live_bot_builds_the_same_ids_and_links_from_bot_api_chat_ids() {
    let chat = internal_chat_id(-1_001_555_000_111);
    assert_eq!(chat, 1_555_000_111);
    assert_eq!(post_doc_id(chat, 2), "tg-1555000111-2");
    assert_eq!(post_url(chat, None, 2), "https://t.me/c/1555000111/2");
    assert_eq!(internal_chat_id(-4_321), 4_321, "a basic group");
}

#[test]
fn a_truncated_export_is_reported_with_its_line_and_keeps_the_messages_before_the_damage() {
    let full = export("public-channel.json");
    // Cut inside message 6, as an interrupted copy or download leaves it.
    let cut = full.find("питчинг").unwrap();
    let truncated = &full[..cut];
    let dir = folder_with(&[
        ("a-truncated.json", truncated.as_bytes()),
        ("b-private.json", export("private-channel.json").as_bytes()),
    ]);
    let corpus = read_seeds(dir.path()).unwrap();
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "tg-1987654321-2",
            "tg-1987654321-3",
            "tg-1987654321-4",
            "tg-1555000111-2",
            "tg-1555000111-3"
        ]
    );
    assert_eq!(corpus.problems.len(), 1, "{:?}", corpus.problems);
    let problem = &corpus.problems[0];
    assert_eq!(problem.line, Some(truncated.lines().count()));
    let line = problem.to_string();
    assert!(line.contains("a-truncated.json:"), "{line}");
    assert!(line.contains("truncated"), "{line}");
    assert!(line.contains("the 3 messages before it are kept"), "{line}");
    assert!(!problem.skips_file());
    assert_eq!(corpus.formats.to_string(), "2 files: 2 telegram export");
}

#[test]
fn a_damaged_export_names_the_line_of_the_damage() {
    let full = export("private-channel.json");
    let damaged = full.replacen("\"id\": 3,", "\"id\": 3,,", 1);
    let damage_line = damaged.lines().position(|l| l.contains(",,")).unwrap() + 1;
    let corpus = read_bytes("chat.json", damaged.as_bytes());
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(corpus.problems[0].line, Some(damage_line));
    assert!(
        corpus.problems[0].message.starts_with("damaged export"),
        "{}",
        corpus.problems[0]
    );
}

#[test]
fn other_json_files_are_reported_and_skipped() {
    let dir = folder_with(&[
        (
            "config.json",
            br#"{"theme": "dark", "messages_per_page": 20}"#,
        ),
        ("list.json", b"[1, 2, 3]"),
        ("export.json", export("private-channel.json").as_bytes()),
    ]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert_eq!(corpus.documents.len(), 2);
    let reported: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
    assert_eq!(reported.len(), 2, "{reported:?}");
    assert!(
        reported[0].contains("config.json")
            && reported[0].contains("not a Telegram Desktop chat export")
    );
    assert!(reported[1].contains("list.json:1:"), "{}", reported[1]);
    assert!(
        reported[1].contains("not a Telegram Desktop chat export"),
        "{}",
        reported[1]
    );
    assert!(corpus.problems.iter().all(|p| p.skips_file()));
}

#[test]
fn an_indexed_export_answers_with_the_post_and_its_link() {
    let dir = folder_with(&[("result.json", export("public-channel.json").as_bytes())]);
    let index_dir = tempfile::tempdir().unwrap();
    let index = live_index::open_or_build(dir.path(), index_dir.path()).unwrap();
    let found = answer::answer(&index, "Алматы кинофестивалі қашан ашылады?", 5).unwrap();
    let top = &found.evidence[0].passage;
    assert_eq!(top.doc_id, "tg-1987654321-3");
    assert_eq!(top.url.as_deref(), Some("https://t.me/c/1987654321/3"));

    let work = tempfile::tempdir().unwrap();
    let output = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", dir.path())
        .env("KINOTANU_INDEX_DIR", work.path().join("index"))
        .args(["ask", "--json", "Қаһарман ұлы фильмін неше көрермен көрді?"]));
    assert!(output.status.success(), "{}", stderr(&output));
    let answer = &json_lines(&output)[0];
    assert_eq!(answer["passages"][0]["doc_id"], "tg-1987654321-2");
    assert_eq!(answer["passages"][0]["date"], "2025-10-20");
}
