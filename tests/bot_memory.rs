//! The bot's memory at archive scale (issue #5: resident memory ≤ 100 MB at 50,000 documents),
//! measured on the real `kinotanu bot` process: an index of 50,000 news documents, a few hundred
//! questions in private chats and inline, then the process's peak resident set (VmHWM).
//!
//! Ignored by default (it builds a ~300,000-passage index); run it with
//! `cargo test --release --test bot_memory -- --ignored --nocapture`.

mod bot_support;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use bot_support::*;
use serde_json::json;

const DOCUMENTS: usize = 50_000;
const PRIVATE_QUESTIONS: usize = 200;
const INLINE_QUESTIONS: usize = 200;
const LIMIT_MB: f64 = 100.0;

/// xorshift64*: a fixed-seed generator, so every run samples the same corpus (as
/// benches/scale.rs does, with the same seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed articles plus `DOCUMENTS` documents of 4–8 real Kazakh news sentences, as JSON
/// Lines; and questions made of three to five words of random sentences.
fn corpus(file: &Path) -> Vec<String> {
    let text =
        std::fs::read_to_string(manifest_dir().join("../shared/corpus/kaznerd-sentences-kk.txt"))
            .expect("the shared corpus in ../shared/corpus");
    let sentences: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut rng = Rng(0x6b69_6e6f_7461_6e75);
    let mut jsonl = String::new();
    for (seed, title) in [
        (
            "2025-10-20-kazakh-cinema-kk.txt",
            "Қазақстандық кино әлемдік экрандарды бағындыруда",
        ),
        (
            "2025-10-20-kazakh-cinema-ru.txt",
            "Казахстанское кино покоряет мировые экраны",
        ),
    ] {
        let body = std::fs::read_to_string(manifest_dir().join("seeds").join(seed)).unwrap();
        jsonl.push_str(&json!({"id": seed, "title": title, "text": body}).to_string());
        jsonl.push('\n');
    }
    for doc in 0..DOCUMENTS {
        let n = 4 + rng.below(5);
        let text: Vec<&str> = (0..n)
            .map(|_| sentences[rng.below(sentences.len())])
            .collect();
        jsonl.push_str(&json!({"id": format!("news-{doc}"), "title": format!("Жаңалық {doc}"), "text": text.join("\n")}).to_string());
        jsonl.push('\n');
    }
    std::fs::write(file, jsonl).unwrap();
    (0..PRIVATE_QUESTIONS + INLINE_QUESTIONS)
        .map(|_| {
            let words: Vec<&str> = sentences[rng.below(sentences.len())]
                .split_whitespace()
                .collect();
            let take = 3 + rng.below(3);
            let start = rng.below(words.len().saturating_sub(take).max(1));
            words[start..]
                .iter()
                .take(take)
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

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

/// A line of /proc/<pid>/status, in megabytes (the kernel gives kB).
fn status_mb(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kb: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"));
    kb / 1024.0
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
    let questions = corpus(&work.path().join("corpus.jsonl"));

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
