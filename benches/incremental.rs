//! Incremental indexing at archive scale: the time from "a post arrives" (written to the corpus
//! of record) to "answerable" (found by a question on a new snapshot) for an add, a replace and
//! a delete, against the full rebuild of the same corpus; and question latency while posts
//! stream in at 10 a second, against the same questions with no posts arriving.
//!
//! The corpus is the archive sample of `benches/scale.rs` (data/corpus, fixed seed) in one
//! seed file, at the passage counts in `KINOTANU_BENCH_SIZES` (default `50000`; the issue's
//! sizes are `50000,1000000`).
//!
//! Run: `cargo bench --bench incremental` (or `KINOTANU_BENCH_SIZES=50000,1000000 …`).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

#[path = "support/archive_sample.rs"]
#[allow(dead_code)]
mod archive_sample;

use archive_sample::Size;
use kinotanu::answer;
use kinotanu::live_index::{self, Synced};
use kinotanu::search::SearchIndex;

const ROUNDS: usize = 20;
const POSTS_FILE: &str = "telegram/1/2026-12.jsonl";

/// A post with a word no other passage has, so that one question finds exactly it.
fn post_line(n: usize, version: &str) -> String {
    let text = format!(
        "«Сапар» фильмінің премьерасы Талдықорғанда өтеді ({version}): kinotanupost{n} белгісі."
    );
    serde_json::json!({"id": format!("tg-1-{n}"), "title": "Премьера", "text": text, "date": "2026-12-04"})
        .to_string()
}

fn write_posts(seeds: &Path, lines: &[String]) {
    let path = seeds.join(POSTS_FILE);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let temporary = path.with_extension("tmp-write");
    std::fs::write(&temporary, lines.join("\n") + "\n").unwrap();
    std::fs::rename(temporary, path).unwrap();
}

/// Syncs; returns the new snapshot at once (the post answerable), and the merges to wait for.
fn sync(
    seeds: &Path,
    index_dir: &Path,
    current: &SearchIndex,
) -> (SearchIndex, Option<live_index::Merges>) {
    match live_index::sync(seeds, index_dir, true).unwrap().unwrap() {
        Synced::Updated { merges, .. } => (current.refreshed().unwrap(), Some(merges)),
        Synced::Unchanged => (current.refreshed().unwrap(), None),
        Synced::Rebuilt(_) => panic!("an update in place was expected, not a rebuild"),
    }
}

fn settle(merges: Option<live_index::Merges>) {
    if let Some(merges) = merges {
        merges.wait().unwrap();
    }
}

fn top_text(index: &SearchIndex, n: usize) -> Option<String> {
    let answer = answer::answer(index, &format!("kinotanupost{n} премьерасы қайда?"), 5).unwrap();
    answer
        .evidence
        .first()
        .filter(|e| e.passage.doc_id == format!("tg-1-{n}"))
        .map(|e| e.passage.text.clone())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// p50 and max over rounds, in ms.
fn summary(mut times: Vec<Duration>) -> String {
    times.sort();
    format!(
        "{:.1} ms p50, {:.1} ms max",
        ms(percentile(&times, 0.5)),
        ms(*times.last().unwrap())
    )
}

fn main() {
    let sizes = std::env::var("KINOTANU_BENCH_SIZES").unwrap_or_else(|_| "50000".into());
    for size in sizes
        .split(',')
        .filter_map(|s| s.trim().parse::<usize>().ok())
    {
        run(size);
    }
}

fn run(size: usize) {
    let work = tempfile::tempdir().unwrap();
    let seeds = work.path().join("seeds");
    let index_dir = work.path().join("index");
    std::fs::create_dir_all(&seeds).unwrap();
    let (jsonl, questions) = archive_sample::sample(Size::Passages(size), 300);
    std::fs::write(seeds.join("archive.jsonl"), jsonl).unwrap();
    write_posts(&seeds, &[post_line(0, "бірінші")]);

    let started = Instant::now();
    live_index::rebuild(&seeds, &index_dir, true).unwrap();
    let rebuild = started.elapsed();
    let mut index = SearchIndex::open(&index_dir).unwrap();
    let passages = index.manifest().passages;

    let mut lines = vec![post_line(0, "бірінші")];
    let (mut adds, mut replaces, mut deletes, mut merges_waited) = (vec![], vec![], vec![], vec![]);
    for n in 1..=ROUNDS {
        // Add.
        let arrived = Instant::now();
        lines.push(post_line(n, "бірінші"));
        write_posts(&seeds, &lines);
        let (next, merges) = sync(&seeds, &index_dir, &index);
        assert!(top_text(&next, n).is_some(), "post {n} answerable");
        adds.push(arrived.elapsed());
        let waited = Instant::now();
        settle(merges);
        merges_waited.push(waited.elapsed());
        index = next.refreshed().unwrap();

        // Replace the post before it.
        let arrived = Instant::now();
        lines[n - 1] = post_line(n - 1, "екінші");
        write_posts(&seeds, &lines);
        let (next, merges) = sync(&seeds, &index_dir, &index);
        assert!(top_text(&next, n - 1).is_some_and(|t| t.contains("екінші")));
        replaces.push(arrived.elapsed());
        settle(merges);
        index = next.refreshed().unwrap();
    }
    for n in (ROUNDS / 2..=ROUNDS).rev() {
        let arrived = Instant::now();
        lines.retain(|l| !l.contains(&format!("\"tg-1-{n}\"")));
        write_posts(&seeds, &lines);
        let (next, merges) = sync(&seeds, &index_dir, &index);
        assert!(top_text(&next, n).is_none(), "post {n} gone");
        deletes.push(arrived.elapsed());
        settle(merges);
        index = next.refreshed().unwrap();
    }
    println!(
        "{passages} passages: full rebuild {:.2} s; arrive → answerable: add {}, replace {}, delete {}; merges after an add {}; {} segments after the rounds",
        rebuild.as_secs_f64(),
        summary(adds),
        summary(replaces),
        summary(deletes),
        summary(merges_waited),
        index.segments()
    );
    streaming(&seeds, &index_dir, index, lines, &questions);
}

/// Question latency with no posts arriving, then while a writer adds 10 posts a second.
fn streaming(
    seeds: &Path,
    index_dir: &Path,
    index: SearchIndex,
    mut lines: Vec<String>,
    questions: &[String],
) {
    let live = Arc::new(RwLock::new(Arc::new(index)));
    let latencies = |seconds: u64| {
        let until = Instant::now() + Duration::from_secs(seconds);
        let mut times = Vec::new();
        for question in questions.iter().cycle() {
            if Instant::now() > until {
                break;
            }
            let snapshot = live.read().unwrap().clone();
            let asked = Instant::now();
            std::hint::black_box(answer::answer(&snapshot, question, 5).unwrap());
            times.push(asked.elapsed());
        }
        times.sort();
        times
    };
    let quiet = latencies(5);
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (live, stop) = (live.clone(), stop.clone());
        let (seeds, index_dir) = (seeds.to_path_buf(), index_dir.to_path_buf());
        std::thread::spawn(move || {
            let mut posted = 0;
            let mut next_at = Instant::now();
            while !stop.load(Ordering::Relaxed) {
                lines.push(post_line(1000 + posted, "ағын"));
                write_posts(&seeds, &lines);
                let current = live.read().unwrap().clone();
                let (next, merges) = sync(&seeds, &index_dir, &current);
                *live.write().unwrap() = Arc::new(next);
                if let Some(merges) = merges {
                    merges.wait().unwrap();
                    let merged = live.read().unwrap().refreshed().unwrap();
                    *live.write().unwrap() = Arc::new(merged);
                }
                posted += 1;
                next_at += Duration::from_millis(100);
                std::thread::sleep(next_at.saturating_duration_since(Instant::now()));
            }
            posted
        })
    };
    let busy = latencies(10);
    stop.store(true, Ordering::Relaxed);
    let posted = writer.join().unwrap();
    let quiet_p99 = percentile(&quiet, 0.99);
    let slow = busy.iter().filter(|t| **t > quiet_p99 * 2).count();
    println!(
        "  questions, no posts: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} questions)",
        ms(percentile(&quiet, 0.5)),
        ms(quiet_p99),
        ms(*quiet.last().unwrap()),
        quiet.len()
    );
    println!(
        "  questions, {posted} posts in 10 s: p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms ({} questions); slower than 2× the quiet p99: {slow} ({:.2}%)",
        ms(percentile(&busy, 0.5)),
        ms(percentile(&busy, 0.99)),
        ms(*busy.last().unwrap()),
        busy.len(),
        100.0 * slow as f64 / busy.len() as f64
    );
}
