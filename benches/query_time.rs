//! Query time: kinotanu's full analysis against plain Tantivy with its default tokenizer, on the
//! same corpus and the same questions, side by side in one run.
//!
//! Corpus: the KazQAD and XQuAD-ru passages plus 3,000 documents of real Kazakh news sentences
//! (data/corpus). Questions: the KazQAD and XQuAD-ru dev questions. Each measured unit is "answer
//! every question once". Besides criterion's figures, the bench prints the ratios of interleaved
//! timed rounds, which are what docs/evaluation.md reports.
//!
//! Run: `cargo bench --bench query_time`

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use plain_tantivy::PlainTantivy;
#[path = "support/plain_tantivy.rs"]
mod plain_tantivy;

use kinotanu::{answer, live_index, search::SearchIndex};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(path)
}

/// The corpus as JSON Lines, and the questions.
fn corpus_and_questions() -> (String, Vec<String>) {
    let mut jsonl = String::new();
    for file in ["eval/kazqad/passages.jsonl", "eval/xquad-ru/passages.jsonl"] {
        jsonl.push_str(&std::fs::read_to_string(data(file)).expect("data/eval"));
    }
    let sentences =
        std::fs::read_to_string(data("corpus/kaznerd-sentences-kk.txt")).expect("data/corpus");
    let lines: Vec<&str> = sentences.lines().collect();
    for d in 0..3_000 {
        let text: Vec<&str> = (0..6).map(|i| lines[(d * 6 + i) % lines.len()]).collect();
        let doc = serde_json::json!({"id": format!("news-{d}"), "title": "Жаңалық", "text": text.join("\n")});
        jsonl.push_str(&doc.to_string());
        jsonl.push('\n');
    }
    let mut questions = Vec::new();
    for file in [
        "eval/kazqad/questions.jsonl",
        "eval/xquad-ru/questions.jsonl",
    ] {
        for line in std::fs::read_to_string(data(file)).unwrap().lines() {
            let q: serde_json::Value = serde_json::from_str(line).unwrap();
            questions.push(q["question"].as_str().unwrap().to_string());
        }
    }
    (jsonl, questions)
}

struct Setup {
    _dirs: Vec<tempfile::TempDir>,
    plain: PlainTantivy,
    kinotanu: SearchIndex,
    questions: Vec<String>,
}

fn setup() -> Setup {
    let (jsonl, questions) = corpus_and_questions();
    let seeds = tempfile::tempdir().unwrap();
    let file = seeds.path().join("corpus.jsonl");
    std::fs::write(&file, jsonl).unwrap();
    let passages = kinotanu::corpus::read_seeds(&file).unwrap().passages();
    let plain_dir = tempfile::tempdir().unwrap();
    let plain = PlainTantivy::build(&passages, plain_dir.path());
    let ours_dir = tempfile::tempdir().unwrap();
    let kinotanu = live_index::open_or_build(&file, ours_dir.path()).unwrap();
    eprintln!(
        "corpus: {} passages; {} questions",
        passages.len(),
        questions.len()
    );
    Setup {
        _dirs: vec![seeds, plain_dir, ours_dir],
        plain,
        kinotanu,
        questions,
    }
}

fn all_plain(s: &Setup) {
    for q in &s.questions {
        black_box(s.plain.search(q, 10));
    }
}

fn all_search(s: &Setup) {
    for q in &s.questions {
        black_box(s.kinotanu.search(q, 10).unwrap());
    }
}

fn all_answers(s: &Setup) {
    for q in &s.questions {
        black_box(answer::answer(&s.kinotanu, q, 5).unwrap());
    }
}

/// Interleaved rounds (plain, search, answer, plain, …), so that machine noise hits all three.
fn ratios(s: &Setup) {
    let mut totals = [Duration::ZERO; 3];
    for _ in 0..5 {
        for (i, run) in [all_plain, all_search, all_answers].iter().enumerate() {
            let started = Instant::now();
            run(s);
            totals[i] += started.elapsed();
        }
    }
    let per_question = |d: Duration| d.as_secs_f64() * 1e6 / (5.0 * s.questions.len() as f64);
    let [plain, search, answers] = totals.map(per_question);
    eprintln!(
        "per question: plain Tantivy {plain:.0} µs, kinotanu search {search:.0} µs, kinotanu answer {answers:.0} µs"
    );
    eprintln!(
        "ratio search/plain = {:.2}, answer/plain = {:.2}",
        search / plain,
        answers / plain
    );
}

fn query_time(c: &mut Criterion) {
    let s = setup();
    ratios(&s);
    let mut group = c.benchmark_group("all questions");
    group.sample_size(10);
    group.bench_function("plain tantivy, default tokenizer", |b| {
        b.iter(|| all_plain(&s))
    });
    group.bench_function("kinotanu search (full analysis)", |b| {
        b.iter(|| all_search(&s))
    });
    group.bench_function("kinotanu answer (search, re-rank, snippets)", |b| {
        b.iter(|| all_answers(&s))
    });
    group.finish();
}

criterion_group!(benches, query_time);
criterion_main!(benches);
