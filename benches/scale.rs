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
//!
//! For a fast loop on one engine at a large size: `KINOTANU_BENCH_ENGINES=kinotanu` (a comma
//! list of `fts5`, `plain`, `kinotanu`; all three by default) runs only those, and
//! `KINOTANU_BENCH_KEEP=DIR` keeps each size's sample (`DIR/<size>/corpus.jsonl`,
//! `questions.txt`, one question a line) and kinotanu's index (`DIR/<size>/kinotanu`). A later
//! run that finds them there reuses them: no sample drawn, and kinotanu's index opened, not
//! built (its build column then reads `kept`). Editing `questions.txt` (or pointing another
//! `DIR/<size>` at the same index) times or profiles other questions against the same index.
//! A kept index was built by the code of the run that built it: after a change to indexing,
//! delete it.

use std::path::{Path, PathBuf};
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
use kinotanu::search::{self, SearchIndex, store};
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
) -> (&'static str, Option<Duration>, Timing, f64) {
    reset_peak_rss();
    let started = Instant::now();
    let engine = build();
    let built = started.elapsed();
    let timing = measure(&*engine, questions);
    (
        engine.name(),
        Some(built),
        timing,
        archive_sample::status_mb("self", "VmHWM:").unwrap_or(0.0),
    )
}

/// The engines `KINOTANU_BENCH_ENGINES` names (all three when unset).
fn wanted_engines() -> Vec<String> {
    std::env::var("KINOTANU_BENCH_ENGINES")
        .unwrap_or_else(|_| "fts5,plain,kinotanu".into())
        .split(',')
        .map(|s| s.trim().to_string())
        .collect()
}

/// A size's sample: the corpus file and the questions, from `kept` when it holds them (else
/// drawn, and written there when kept).
fn sample_at(size: usize, kept: Option<&Path>, scratch: &Path) -> (PathBuf, Vec<String>) {
    let folder = kept.unwrap_or(scratch);
    let (file, listed) = (folder.join("corpus.jsonl"), folder.join("questions.txt"));
    if kept.is_some()
        && let (true, Ok(text)) = (file.exists(), std::fs::read_to_string(&listed))
    {
        return (file, text.lines().map(str::to_string).collect());
    }
    let (jsonl, questions) = archive_sample::sample(Size::Passages(size), QUESTIONS);
    std::fs::create_dir_all(folder).unwrap();
    std::fs::write(&file, jsonl).unwrap();
    std::fs::write(&listed, questions.join("\n") + "\n").unwrap();
    (file, questions)
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
    let engines = wanted_engines();
    let keep = std::env::var_os("KINOTANU_BENCH_KEEP").map(PathBuf::from);
    for size in sizes {
        let dir = tempfile::tempdir().unwrap();
        let kept = keep.as_ref().map(|k| k.join(size.to_string()));
        let (file, questions) = sample_at(size, kept.as_deref(), dir.path());
        let kinotanu_dir = kept.as_deref().unwrap_or(dir.path()).join("kinotanu");
        let reuse_kinotanu = kept.is_some() && store::current_generation(&kinotanu_dir).is_some();
        // Read only when some engine is built from it (at 1M it takes a while).
        let corpus = std::sync::OnceLock::new();
        let corpus = || corpus.get_or_init(|| kinotanu::corpus::read_seeds(&file).unwrap());
        let passages = std::sync::OnceLock::new();
        let passages = || passages.get_or_init(|| corpus().passages());
        let folder = |name: &str| {
            let p = dir.path().join(name);
            std::fs::create_dir_all(&p).unwrap();
            p
        };
        let mut runs = Vec::new();
        let wants = |name: &str| engines.iter().any(|e| e == name);
        if wants("fts5") {
            runs.push(run_engine(
                || Box::new(Fts5::build(passages(), &dir.path().join("fts.db"))),
                &questions,
            ));
        }
        if wants("plain") {
            runs.push(run_engine(
                || Box::new(PlainTantivy::build(passages(), &folder("plain"))),
                &questions,
            ));
        }
        if wants("kinotanu") && reuse_kinotanu {
            let (name, _, timing, peak) = run_engine(
                || Box::new(Kinotanu(SearchIndex::open(&kinotanu_dir).unwrap())),
                &questions,
            );
            runs.push((name, None, timing, peak));
        } else if wants("kinotanu") {
            runs.push(run_engine(
                || {
                    // The index alone, from the same passages as the others (reading and
                    // splitting the corpus is not part of any engine's build).
                    let passages = passages();
                    std::fs::create_dir_all(&kinotanu_dir).unwrap();
                    let input = search::BuildInput {
                        passages,
                        documents: corpus().documents.len(),
                        seeds: file.display().to_string(),
                    };
                    search::build(&kinotanu_dir, input, &|_| {}).unwrap();
                    Box::new(Kinotanu(SearchIndex::open(&kinotanu_dir).unwrap()))
                },
                &questions,
            ));
        }
        let passage_count = match store::current_generation(&kinotanu_dir) {
            Some(generation) if reuse_kinotanu => {
                let manifest = store::read_manifest(&generation).unwrap();
                manifest.passages_kk + manifest.passages_ru
            }
            _ => passages().len(),
        };
        let fts = runs
            .iter()
            .find(|(name, ..)| *name == "sqlite fts5")
            .map(|(_, build, timing, _)| (build.unwrap(), 1.0 / timing.qps_one));
        for (name, build, t, peak) in &runs {
            let (vs_fts_time, vs_fts_build) = match (fts, build) {
                (Some((fts_build, fts_mean)), Some(build)) => (
                    format!("{:.3}", (1.0 / t.qps_one) / fts_mean),
                    format!("{:.2}", build.as_secs_f64() / fts_build.as_secs_f64()),
                ),
                (Some((_, fts_mean)), None) => {
                    (format!("{:.3}", (1.0 / t.qps_one) / fts_mean), "-".into())
                }
                (None, _) => ("-".into(), "-".into()),
            };
            println!(
                "| {} | {} | {} | {:.3} ms | {:.3} ms | {:.3} ms | {:.0} | {:.0} | {:.0} MB | {} | {} |",
                passage_count,
                name,
                build.map_or("kept".into(), |b| format!("{:.2} s", b.as_secs_f64())),
                t.p50.as_secs_f64() * 1e3,
                t.p95.as_secs_f64() * 1e3,
                t.p99.as_secs_f64() * 1e3,
                t.qps_one,
                t.qps_two,
                peak,
                vs_fts_time,
                vs_fts_build,
            );
        }
    }
}
