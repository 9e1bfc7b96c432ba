//! Archive scale, side by side: kinotanu, plain Tantivy (default tokenizer) and SQLite FTS5
//! (bm25 with snippet()) on the same corpora and questions, in one run.
//!
//! Corpora are built from data/corpus/kaznerd-sentences-kk.txt (documents of 4–8 sentences
//! sampled with a fixed seed) plus the seed articles, at the passage counts in
//! `KINOTANU_BENCH_SIZES` (default `10000,50000`; the archive sizes are
//! `10000,50000,200000,1000000`). For each size and engine it prints the index build time, the
//! latency of one question on one thread (p50, p95, p99), questions per second on one and on two
//! threads, the peak resident memory of each engine's build-and-answer phase (engines run one
//! after the other, each dropped before the next), and the ratios to FTS5.
//!
//! Run: `cargo bench --bench scale` (or `KINOTANU_BENCH_SIZES=… cargo bench --bench scale`;
//! `KINOTANU_BENCH_SLOWEST=N` also prints each engine's N slowest questions).

use std::time::{Duration, Instant};

#[path = "support/archive_sample.rs"]
// Each user takes what it needs of the shared sampler.
#[allow(dead_code)]
mod archive_sample;
#[path = "support/fts5.rs"]
mod fts5;
#[path = "support/plain_tantivy.rs"]
mod plain_tantivy;

use archive_sample::Size;
use fts5::Fts5;
use kinotanu::answer;
use kinotanu::search::{self, SearchIndex};
use plain_tantivy::PlainTantivy;

const QUESTIONS: usize = 300;

trait Engine: Sync + Send {
    fn name(&self) -> &'static str;
    /// Answers one question; returns something derived from the result so nothing is skipped.
    fn ask(&self, question: &str) -> usize;
}

struct Kinotanu(SearchIndex);

impl Engine for Kinotanu {
    fn name(&self) -> &'static str {
        "kinotanu answer"
    }

    fn ask(&self, question: &str) -> usize {
        let answer = answer::answer(&self.0, question, 5).unwrap();
        answer.evidence.iter().map(|e| e.snippet.text.len()).sum()
    }
}

impl Engine for PlainTantivy {
    fn name(&self) -> &'static str {
        "plain tantivy"
    }

    fn ask(&self, question: &str) -> usize {
        self.search(question, 5)
    }
}

impl Engine for Fts5 {
    fn name(&self) -> &'static str {
        "sqlite fts5"
    }

    fn ask(&self, question: &str) -> usize {
        self.search(question, 5)
    }
}

struct Timing {
    p50: Duration,
    p95: Duration,
    p99: Duration,
    qps_one: f64,
    qps_two: f64,
}

fn measure(engine: &dyn Engine, questions: &[String]) -> Timing {
    for q in questions.iter().take(20) {
        engine.ask(q);
    }
    let mut timed: Vec<(Duration, &str)> = questions
        .iter()
        .map(|q| {
            let started = Instant::now();
            std::hint::black_box(engine.ask(q));
            (started.elapsed(), q.as_str())
        })
        .collect();
    let one: Duration = timed.iter().map(|(t, _)| *t).sum();
    timed.sort();
    // What the tail is made of: `KINOTANU_BENCH_SLOWEST=N` prints each engine's N slowest.
    let slowest: usize = std::env::var("KINOTANU_BENCH_SLOWEST")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    for (took, question) in timed.iter().rev().take(slowest) {
        eprintln!(
            "slowest {}: {:.2} ms {question}",
            engine.name(),
            took.as_secs_f64() * 1e3
        );
    }
    let latencies: Vec<Duration> = timed.into_iter().map(|(t, _)| t).collect();
    let at = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    let started = Instant::now();
    std::thread::scope(|scope| {
        for half in questions.chunks(questions.len().div_ceil(2)) {
            scope.spawn(move || {
                for q in half {
                    std::hint::black_box(engine.ask(q));
                }
            });
        }
    });
    let two = started.elapsed();
    Timing {
        p50: at(0.50),
        p95: at(0.95),
        p99: at(0.99),
        qps_one: questions.len() as f64 / one.as_secs_f64(),
        qps_two: questions.len() as f64 / two.as_secs_f64(),
    }
}

/// Starts a new peak: writing 5 to clear_refs resets VmHWM to the current resident size.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Builds one engine, measures it, and drops it, so that each engine's peak memory is its own
/// (over the corpus held in memory by the bench, the same for all).
fn run_engine(
    build: impl FnOnce() -> Box<dyn Engine>,
    questions: &[String],
) -> (&'static str, Duration, Timing, f64) {
    reset_peak_rss();
    let started = Instant::now();
    let engine = build();
    let built = started.elapsed();
    let timing = measure(&*engine, questions);
    (
        engine.name(),
        built,
        timing,
        archive_sample::status_mb("self", "VmHWM:").unwrap_or(0.0),
    )
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else to parse.
    let sizes: Vec<usize> = std::env::var("KINOTANU_BENCH_SIZES")
        .unwrap_or_else(|_| "10000,50000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    println!(
        "cores: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "| passages | engine | build | p50 | p95 | p99 | q/s 1 thread | q/s 2 threads | peak RSS | time/question vs FTS5 | build vs FTS5 |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for size in sizes {
        let dir = tempfile::tempdir().unwrap();
        let (jsonl, questions) = archive_sample::sample(Size::Passages(size), QUESTIONS);
        let file = dir.path().join("corpus.jsonl");
        std::fs::write(&file, jsonl).unwrap();
        let corpus = kinotanu::corpus::read_seeds(&file).unwrap();
        let passages = corpus.passages();
        let folder = |name: &str| {
            let p = dir.path().join(name);
            std::fs::create_dir_all(&p).unwrap();
            p
        };
        let runs = [
            run_engine(
                || Box::new(Fts5::build(&passages, &dir.path().join("fts.db"))),
                &questions,
            ),
            run_engine(
                || Box::new(PlainTantivy::build(&passages, &folder("plain"))),
                &questions,
            ),
            run_engine(
                || {
                    // The index alone, from the same passages as the others (reading and
                    // splitting the corpus is not part of any engine's build).
                    let index_dir = folder("kinotanu");
                    let input = search::BuildInput {
                        passages: &passages,
                        documents: corpus.documents.len(),
                        seeds: file.display().to_string(),
                    };
                    search::build(&index_dir, input, &|_| {}).unwrap();
                    Box::new(Kinotanu(SearchIndex::open(&index_dir).unwrap()))
                },
                &questions,
            ),
        ];
        let (_, fts_build, fts_timing, _) = &runs[0];
        let fts_mean = 1.0 / fts_timing.qps_one;
        for (name, build, t, peak) in &runs {
            println!(
                "| {} | {} | {:.2} s | {:.3} ms | {:.3} ms | {:.3} ms | {:.0} | {:.0} | {:.0} MB | {:.3} | {:.2} |",
                passages.len(),
                name,
                build.as_secs_f64(),
                t.p50.as_secs_f64() * 1e3,
                t.p95.as_secs_f64() * 1e3,
                t.p99.as_secs_f64() * 1e3,
                t.qps_one,
                t.qps_two,
                peak,
                (1.0 / t.qps_one) / fts_mean,
                build.as_secs_f64() / fts_build.as_secs_f64(),
            );
        }
    }
}
