//! The bot's memory at archive scale (issue #5: resident memory ≤ 100 MB at 50,000 documents),
//! measured on the real `kinotanu bot` process: an index of 50,000 news documents, a few hundred
//! questions in private chats and inline, then the process's peak resident set (VmHWM).
//!
//! Ignored by default (it builds a ~60,000-passage index of 50,000 documents); run it with
//! `cargo test --release --test bot_memory -- --ignored --nocapture`.

#[path = "../benches/support/archive_sample.rs"]
// Each user takes what it needs of the shared sampler.
#[allow(dead_code)]
mod archive_sample;
mod bot_support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use archive_sample::Size;
use bot_support::*;
use serde_json::json;

const DOCUMENTS: usize = 50_000;
const PRIVATE_QUESTIONS: usize = 200;
const INLINE_QUESTIONS: usize = 200;
const LIMIT_MB: f64 = 100.0;

fn kinotanu(work: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kinotanu"));
    command
        .current_dir(work)
        .env("KINOTANU_SEEDS_DIR", work.join("corpus.jsonl"))
        .env("KINOTANU_INDEX_DIR", work.join("index"))
        .env_remove("KINOTANU_ADMIN_IDS")
        .env_remove("TELOXIDE_PROXY");
    command
}

/// A figure of the bot's /proc status, in megabytes.
fn status_mb(pid: u32, field: &str) -> f64 {
    archive_sample::status_mb(&pid.to_string(), field)
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"))
}

fn stop(mut child: Child, work: &Path) {
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let deadline = Instant::now() + PATIENCE;
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "the bot did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = child.wait().unwrap();
    let log = std::fs::read_to_string(work.join("bot.log")).unwrap_or_default();
    assert_eq!(status.code(), Some(0), "{log}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "builds a 50,000-document index; run with --release --ignored --nocapture"]
async fn the_bot_stays_under_100_mb_resident_at_50000_documents() {
    let work = tempfile::tempdir().unwrap();
    let (jsonl, questions) = archive_sample::sample(
        Size::Documents(DOCUMENTS),
        PRIVATE_QUESTIONS + INLINE_QUESTIONS,
    );
    std::fs::write(work.path().join("corpus.jsonl"), jsonl).unwrap();

    let started = Instant::now();
    let built = kinotanu(work.path()).arg("index").output().unwrap();
    let build_secs = started.elapsed().as_secs_f64();
    let summary = String::from_utf8_lossy(&built.stdout).into_owned();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    let telegram = FakeTelegram::start().await;
    let child = kinotanu(work.path())
        .arg("bot")
        .env("TELOXIDE_TOKEN", TOKEN)
        .env("TELOXIDE_API_URL", &telegram.url)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::from(
            std::fs::File::create(work.path().join("bot.log")).unwrap(),
        ))
        .spawn()
        .unwrap();
    let pid = child.id();
    // Checking for a webhook is the bot's last step before polling.
    telegram
        .wait_for("getWebhookInfo", |c| c.method == "GetWebhookInfo")
        .await;
    let idle_mb = status_mb(pid, "VmRSS:");

    let asking = Instant::now();
    let (private, inline) = questions.split_at(PRIVATE_QUESTIONS);
    for (n, question) in private.iter().enumerate() {
        // Two questions a user: well inside the per-user limit, which is not measured here.
        let from = 8_000 + (n / 2) as u64;
        telegram.push(
            "message",
            text_message(private_chat(from), Some(user(from, "kk")), question),
        );
    }
    for (n, question) in inline.iter().enumerate() {
        let mut query = inline_query(user(9_000 + (n / 2) as u64, "kk"), question);
        query["id"] = json!(format!("inline-{n}"));
        telegram.push("inline_query", query);
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while telegram.count_calls("SendMessage") < PRIVATE_QUESTIONS
        || telegram.count_calls("AnswerInlineQuery") < INLINE_QUESTIONS
    {
        assert!(
            Instant::now() < deadline,
            "answered {} of {PRIVATE_QUESTIONS} messages and {} of {INLINE_QUESTIONS} inline queries",
            telegram.count_calls("SendMessage"),
            telegram.count_calls("AnswerInlineQuery")
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let answer_secs = asking.elapsed().as_secs_f64();
    let answered = telegram
        .calls_to("SendMessage")
        .iter()
        .filter(|c| c.body["text"].as_str().is_some_and(|t| t.contains("<b>")))
        .count();

    let peak_mb = status_mb(pid, "VmHWM:");
    let (anon_mb, file_mb) = (status_mb(pid, "RssAnon:"), status_mb(pid, "RssFile:"));
    let threads = status_mb(pid, "Threads:") * 1024.0;
    stop(child, work.path());
    println!(
        "{}; `kinotanu index` took {build_secs:.1} s\n\
         kinotanu bot: {idle_mb:.1} MB resident when polling, peak {peak_mb:.1} MB (VmHWM) after \
         {PRIVATE_QUESTIONS} private and {INLINE_QUESTIONS} inline questions answered in \
         {answer_secs:.1} s ({answered} private answers with matched words); now {anon_mb:.1} MB \
         anonymous + {file_mb:.1} MB of mapped files, {threads} threads",
        summary.lines().next().unwrap_or_default()
    );
    // Questions made of corpus words must mostly be answered, or the index was not searched.
    assert!(answered >= PRIVATE_QUESTIONS / 2, "{answered} answered");
    assert!(peak_mb <= LIMIT_MB, "peak resident memory {peak_mb:.1} MB");
}
