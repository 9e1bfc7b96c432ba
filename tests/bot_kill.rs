//! `kinotanu bot` killed with SIGKILL in the middle of a stream of channel posts: the index it
//! leaves opens and answers, and after a restart the bot's index holds every post that reached
//! the corpus of record, and answers from them.

mod bot_support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bot_support::*;
use kinotanu::search::SearchIndex;

const CHANNEL_ID: i64 = -1001111111111;
const POSTS: i64 = 60;

fn kinotanu_bot(work: &Path, seeds: &Path, api_url: &str, run: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kinotanu"));
    let log = |name: &str| Stdio::from(std::fs::File::create(work.join(name)).unwrap());
    command
        .arg("bot")
        .current_dir(work)
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", api_url)
        .env("KINOTANU_SEEDS_DIR", seeds)
        .env("KINOTANU_INDEX_DIR", work.join("index"))
        .env("KINOTANU_ADMIN_IDS", ADMIN.to_string())
        .env("KINOTANU_SOURCE_CHATS", CHANNEL_ID.to_string())
        .env("RUST_LOG", "info")
        .env_remove("TELOXIDE_PROXY")
        .stdout(log(&format!("{run}.out")))
        .stderr(log(&format!("{run}.err")));
    command
}

fn post_text(n: i64) -> String {
    format!("Жаңалық {n}\nKinopost{n} жобасына {n} миллион теңге бөлінді.")
}

/// The ids of the posts in the corpus of record.
fn stored_ids(seeds: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(seeds.join("telegram/1111111111")) else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "jsonl") {
            for line in std::fs::read_to_string(path).unwrap().lines() {
                let post: serde_json::Value = serde_json::from_str(line).unwrap();
                ids.push(post["id"].as_str().unwrap().to_string());
            }
        }
    }
    ids
}

/// Waits until the bot started at `since` polls (it has opened, and if need be synced, its index).
async fn started(telegram: &FakeTelegram, since: Instant, child: &mut Child, err: &Path) {
    let deadline = Instant::now() + PATIENCE;
    while !telegram
        .calls_to("GetWebhookInfo")
        .iter()
        .any(|c| c.at >= since)
    {
        if let Some(status) = child.try_wait().unwrap() {
            let printed = std::fs::read_to_string(err).unwrap_or_default();
            panic!("the bot exited with {status}: {printed}");
        }
        assert!(Instant::now() < deadline, "the bot did not start polling");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bot_killed_during_a_stream_of_posts_keeps_every_stored_post_after_a_restart() {
    let telegram = FakeTelegram::start().await;
    let work = tempfile::tempdir().unwrap();
    let seeds = copy_of_seeds();
    let launched = Instant::now();
    let mut child = kinotanu_bot(work.path(), seeds.path(), &telegram.url, "first")
        .spawn()
        .unwrap();
    started(
        &telegram,
        launched,
        &mut child,
        &work.path().join("first.err"),
    )
    .await;

    let channel = channel_named(CHANNEL_ID, "Kino news", None);
    let stream = {
        let telegram = telegram.clone();
        tokio::spawn(async move {
            for n in 1..=POSTS {
                telegram.push(
                    "channel_post",
                    channel_post(channel.clone(), n, 1_760_000_000, &post_text(n)),
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    telegram
        .wait_until("ten posts in the corpus of record", || {
            stored_ids(seeds.path()).len() >= 10
        })
        .await;
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let stored = stored_ids(seeds.path());
    eprintln!("killed with {} of {POSTS} posts stored", stored.len());

    // What the killed bot left opens and answers.
    let index = SearchIndex::open(&work.path().join("index")).unwrap();
    let answer =
        kinotanu::answer::answer(&index, "Qaitadan фильмі қанша касса жинады?", 3).unwrap();
    assert!(answer.answered);
    drop(index);

    let restarted = Instant::now();
    let mut child = kinotanu_bot(work.path(), seeds.path(), &telegram.url, "second")
        .spawn()
        .unwrap();
    started(
        &telegram,
        restarted,
        &mut child,
        &work.path().join("second.err"),
    )
    .await;
    let index = SearchIndex::open(&work.path().join("index")).unwrap();
    for id in &stored {
        assert!(
            !index.document_passages(id).unwrap().is_empty(),
            "{id} was in the corpus of record but is not in the index after the restart"
        );
    }
    let first = stored.first().unwrap().trim_start_matches("tg-1111111111-");
    let asked = telegram.push(
        "message",
        text_message(
            private_chat(USER),
            Some(user(USER, "kk")),
            &format!("Kinopost{first} жобасына қанша теңге бөлінді?"),
        ),
    );
    let reply = telegram.reply_to(&asked).await;
    let reply = reply.body["text"].as_str().unwrap();
    assert!(
        reply.contains(&format!("{first} миллион")),
        "answered from a post stored before the kill: {reply}"
    );

    stream.await.unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
}
