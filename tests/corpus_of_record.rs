//! The corpus of record for Telegram posts: posts filed per chat and month in message order and
//! read back by the JSON Lines reader as the documents they are; an edit replaces its line and
//! keeps every other line byte for byte, even lines it cannot read; a file is replaced whole;
//! an edit of the same length still changes the file's stamp; `forget` by either kind of link.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use kinotanu::sources::{ChannelPost, ForgetOutcome, PostLink, PostStore, StoredChat, Written};

fn post(message_id: i32, date: i64, text: &str) -> ChannelPost {
    ChannelPost {
        chat_id: -1001234567890,
        chat_title: "Kino news".into(),
        username: Some("kinonews".into()),
        message_id,
        date,
        text: text.into(),
    }
}

const OCT: i64 = 1_760_000_000; // 2025-10-09
const NOV: i64 = 1_763_000_000; // 2025-11-13

fn file(seeds: &Path, month: &str) -> PathBuf {
    seeds.join(format!("telegram/1234567890/{month}.jsonl"))
}

fn ids(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|l| {
            serde_json::from_str::<serde_json::Value>(l)
                .ok()
                .map(|p| p["id"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn posts_go_to_their_month_file_in_message_order_and_read_back_as_documents() {
    let seeds = tempfile::tempdir().unwrap();
    let store = PostStore::new(seeds.path().to_path_buf());
    for (id, date) in [(5, OCT), (2, OCT), (9, NOV), (3, OCT)] {
        let written = store.write(&post(id, date, &format!("Пост {id}\nМәтін {id}.")));
        assert_eq!(written.unwrap().0, Written::Added);
    }
    let october = file(seeds.path(), "2025-10");
    assert_eq!(
        ids(&october),
        ["tg-1234567890-2", "tg-1234567890-3", "tg-1234567890-5"]
    );
    assert_eq!(ids(&file(seeds.path(), "2025-11")), ["tg-1234567890-9"]);

    let corpus = kinotanu::corpus::read_seeds(seeds.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let first = &corpus.documents[0];
    assert_eq!(first.id, "tg-1234567890-2");
    assert_eq!(first.title, "Пост 2");
    assert_eq!(first.date.as_deref(), Some("2025-10-09"));
    assert_eq!(first.source.as_deref(), Some("Kino news"));
    assert_eq!(first.url.as_deref(), Some("https://t.me/kinonews/2"));
    assert_eq!(first.paragraphs, ["Пост 2", "Мәтін 2."]);
    let leftovers: Vec<_> = fs::read_dir(october.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary files left: {leftovers:?}"
    );
}

#[test]
fn an_edit_replaces_the_line_and_other_lines_stay_byte_for_byte() {
    let seeds = tempfile::tempdir().unwrap();
    let store = PostStore::new(seeds.path().to_path_buf());
    store.write(&post(1, OCT, "Бірінші")).unwrap();
    store.write(&post(3, OCT, "Үшінші")).unwrap();
    let path = file(seeds.path(), "2025-10");
    // A line someone broke by hand, one in another shape, and a last line without a newline.
    let mut text = fs::read_to_string(&path).unwrap();
    text.insert_str(0, "{not json\n");
    text.push_str("{\"id\":\"other\",\"text\":\"  spaced \"}\n\u{1}raw");
    fs::write(&path, &text).unwrap();

    let (written, _) = store.write(&post(3, OCT, "Үшінші, түзетілген")).unwrap();
    assert_eq!(written, Written::Replaced);
    let (written, _) = store.write(&post(2, OCT, "Екінші")).unwrap();
    assert_eq!(written, Written::Added);
    let (written, _) = store.write(&post(2, OCT, "Екінші")).unwrap();
    assert_eq!(written, Written::Unchanged);
    let lines: Vec<String> = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(lines[0], "{not json");
    assert!(lines[1].contains("\"id\":\"tg-1234567890-1\""), "{lines:?}");
    assert!(lines[2].contains("Екінші"), "{lines:?}");
    assert!(lines[3].contains("Үшінші, түзетілген"), "{lines:?}");
    assert_eq!(lines[4], "{\"id\":\"other\",\"text\":\"  spaced \"}");
    assert_eq!(lines[5], "\u{1}raw");
    assert_eq!(lines.len(), 6);
}

#[test]
fn forget_finds_a_post_by_private_or_public_link_and_removes_an_emptied_file() {
    let seeds = tempfile::tempdir().unwrap();
    let store = PostStore::new(seeds.path().to_path_buf());
    store.write(&post(1, OCT, "Бірінші")).unwrap();
    store.write(&post(2, NOV, "Екінші")).unwrap();
    let private = PostLink::parse("https://t.me/c/1234567890/1").unwrap();
    let ForgetOutcome::Removed { post: gone, file } = store.forget(&private).unwrap() else {
        panic!("the post is stored");
    };
    assert_eq!(
        (gone.id.as_str(), file.as_str()),
        ("tg-1234567890-1", "telegram/1234567890/2025-10.jsonl")
    );
    assert!(
        !file_exists(seeds.path(), "2025-10"),
        "an emptied file is removed"
    );
    assert_eq!(store.forget(&private).unwrap(), ForgetOutcome::NotStored);

    let public = PostLink::parse("t.me/KINONEWS/2").unwrap();
    assert!(matches!(
        store.forget(&public).unwrap(),
        ForgetOutcome::Removed { .. }
    ));
    assert_eq!(store.forget(&public).unwrap(), ForgetOutcome::NotStored);
}

fn file_exists(seeds: &Path, month: &str) -> bool {
    file(seeds, month).exists()
}

#[test]
fn an_edit_of_the_same_length_always_changes_the_files_modification_time() {
    let seeds = tempfile::tempdir().unwrap();
    let store = PostStore::new(seeds.path().to_path_buf());
    store.write(&post(1, OCT, "Байқауға 40 фильм")).unwrap();
    let path = file(seeds.path(), "2025-10");
    let stamp = || {
        let meta = fs::metadata(&path).unwrap();
        (meta.len(), meta.modified().unwrap())
    };
    let before = stamp();
    // As if the clock had not moved since: the file's time is in the future.
    let future = SystemTime::now() + Duration::from_secs(3600);
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(future)
        .unwrap();
    store.write(&post(1, OCT, "Байқауға 55 фильм")).unwrap();
    let after = stamp();
    assert_eq!(before.0, after.0, "the same length");
    assert!(after.1 > future, "{:?} after {future:?}", after.1);
}

#[test]
fn chats_are_named_by_their_latest_post() {
    let seeds = tempfile::tempdir().unwrap();
    let store = PostStore::new(seeds.path().to_path_buf());
    store.write(&post(1, OCT, "Бірінші")).unwrap();
    let mut renamed = post(2, NOV, "Екінші");
    renamed.chat_title = "Kino news KZ".into();
    store.write(&renamed).unwrap();
    let mut private = post(1, OCT, "Жабық");
    private.chat_id = -1_000_000_000_009;
    private.username = None;
    store.write(&private).unwrap();
    fs::create_dir_all(seeds.path().join("telegram/export")).unwrap();
    assert_eq!(
        store.chats(),
        [
            StoredChat {
                internal_chat_id: 1234567890,
                title: Some("Kino news KZ".into()),
                username: Some("kinonews".into()),
            },
            StoredChat {
                internal_chat_id: 9,
                title: Some("Kino news".into()),
                username: None,
            },
        ]
    );
}

#[test]
fn a_reader_never_sees_half_a_file_while_posts_are_written() {
    let seeds = tempfile::tempdir().unwrap();
    let store = PostStore::new(seeds.path().to_path_buf());
    store.write(&post(1, OCT, "Бірінші")).unwrap();
    let path = file(seeds.path(), "2025-10");
    let done = std::sync::atomic::AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader = scope.spawn(|| {
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let text = fs::read_to_string(&path).unwrap();
                assert!(text.ends_with('\n'), "half a file: {text:?}");
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line)
                        .unwrap_or_else(|e| panic!("half a line ({e}): {line:?}"));
                }
                reads += 1;
            }
            reads
        });
        for n in 2..=80 {
            let text = format!("Пост {n}\n{}", "мәтін ".repeat(200));
            store.write(&post(n, OCT, &text)).unwrap();
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(reader.join().unwrap() > 0);
    });
    assert_eq!(ids(&path).len(), 80);
}
