//! Question time on a corpus shaped like an operator's: 50,000 documents of 4–8 real Kazakh news
//! sentences (data/corpus, fixed seed), one JSON Lines seed file, and the KazQAD dev questions
//! (data/eval/kazqad), each answered as `kinotanu ask --json --top 5` answers it (the answer,
//! five passages with snippets, serialised to JSON) in one process; beside it SQLite FTS5 (bm25,
//! `snippet()`, five rows) and plain Tantivy (five documents fetched) on the same passages.
//! Every engine answers every question three times, interleaved with the others.
//!
//! Run: `cargo bench --bench documents` (`KINOTANU_BENCH_DOCUMENTS` changes the 50,000).

use std::time::{Duration, Instant};

#[path = "support/fts5.rs"]
mod fts5;
#[path = "support/plain_tantivy.rs"]
mod plain_tantivy;

use kinotanu::commands::ask::JsonAnswer;
use kinotanu::{answer, live_index};

fn corpus(documents: usize) -> String {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/corpus/kaznerd-sentences-kk.txt"),
    )
    .expect("the KazNERD sentences in data/corpus");
    let sentences: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut state = 0x6b69_6e6f_7461_6e75_u64;
    let mut below = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut jsonl = String::new();
    for d in 0..documents {
        let n = 4 + below(5);
        let text: Vec<&str> = (0..n).map(|_| sentences[below(sentences.len())]).collect();
        let line = serde_json::json!({"id": format!("news-{d}"), "title": format!("Жаңалық {d}"), "text": text.join(" ")});
        jsonl.push_str(&line.to_string());
        jsonl.push('\n');
    }
    jsonl
}

fn questions() -> Vec<String> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/eval/kazqad/questions.jsonl");
    std::fs::read_to_string(path)
        .expect("the KazQAD questions in data/eval")
        .lines()
        .map(|line| {
            let q: serde_json::Value = serde_json::from_str(line).unwrap();
            q["question"].as_str().unwrap().to_string()
        })
        .collect()
}

fn main() {
    let documents: usize = std::env::var("KINOTANU_BENCH_DOCUMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50_000);
    let work = tempfile::tempdir().unwrap();
    let seeds = work.path().join("seeds");
    std::fs::create_dir_all(&seeds).unwrap();
    let jsonl = corpus(documents);
    let file = seeds.join("news.jsonl");
    std::fs::write(&file, &jsonl).unwrap();
    let questions = questions();

    let index_dir = work.path().join("index");
    let started = Instant::now();
    live_index::rebuild(&seeds, &index_dir, true).unwrap();
    let kinotanu_build = started.elapsed();
    let index = kinotanu::search::SearchIndex::open(&index_dir).unwrap();
    let passages = kinotanu::corpus::read_seeds(&file).unwrap().passages();
    let plain_dir = work.path().join("plain");
    std::fs::create_dir_all(&plain_dir).unwrap();
    let started = Instant::now();
    let plain = plain_tantivy::PlainTantivy::build(&passages, &plain_dir);
    let plain_build = started.elapsed();
    let started = Instant::now();
    let fts = fts5::Fts5::build(&passages, &work.path().join("fts.db"));
    let fts_build = started.elapsed();

    let mut json = Vec::with_capacity(64 * 1024);
    let mut ours = |q: &str| {
        let answer = answer::answer(&index, q, 5).unwrap();
        json.clear();
        serde_json::to_writer(&mut json, &JsonAnswer::from(&answer)).unwrap();
        json.len()
    };
    let mut totals = [Duration::ZERO; 3];
    for _ in 0..3 {
        for (i, total) in totals.iter_mut().enumerate() {
            let started = Instant::now();
            for q in &questions {
                std::hint::black_box(match i {
                    0 => ours(q),
                    1 => fts.search(q, 5),
                    _ => plain.search(q, 5),
                });
            }
            *total += started.elapsed();
        }
    }
    let per_question = |d: Duration| d.as_secs_f64() * 1e3 / (3.0 * questions.len() as f64);
    let [ours_ms, fts_ms, plain_ms] = totals.map(per_question);
    println!(
        "{documents} documents ({:.1} MB), {} passages, {} questions",
        jsonl.len() as f64 / 1e6,
        passages.len(),
        questions.len()
    );
    println!(
        "build: kinotanu {:.2} s (reading and splitting included), plain Tantivy {:.2} s, FTS5 {:.2} s",
        kinotanu_build.as_secs_f64(),
        plain_build.as_secs_f64(),
        fts_build.as_secs_f64()
    );
    println!(
        "per question: kinotanu answer as JSON {ours_ms:.3} ms, FTS5 {fts_ms:.3} ms, plain Tantivy {plain_ms:.3} ms; kinotanu/FTS5 {:.3}, kinotanu/plain {:.2}",
        ours_ms / fts_ms,
        ours_ms / plain_ms
    );
}
