//! An archive-sized corpus for measuring at scale, shared by `benches/scale.rs` and
//! `tests/bot_memory.rs`: the two seed articles plus documents of 4–8 real Kazakh news sentences
//! sampled with a fixed seed from data/corpus/kaznerd-sentences-kk.txt (one sentence a
//! paragraph; sentences share passages as kinotanu packs them), and questions of three to five
//! consecutive words of random sentences, as someone half-remembering one. Also reads /proc
//! status figures.

use std::path::Path;

use serde_json::json;

/// How big the sample is.
#[derive(Clone, Copy)]
pub enum Size {
    /// News documents until at least this many passages, as kinotanu splits them (the seed
    /// articles included).
    Passages(usize),
    /// Exactly this many news documents.
    Documents(usize),
}

/// The corpus as JSON Lines, and `questions` questions; the same every run.
pub fn sample(size: Size, questions: usize) -> (String, Vec<String>) {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(manifest.join("data/corpus/kaznerd-sentences-kk.txt"))
        .expect("the KazNERD sentences in data/corpus");
    let sentences: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let mut rng = Rng(0x6b69_6e6f_7461_6e75);
    let mut jsonl = String::new();
    let mut passages = 0;
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
        let body = std::fs::read_to_string(manifest.join("seeds").join(seed)).unwrap();
        passages += passages_of(&body);
        jsonl.push_str(&json!({"id": seed, "title": title, "text": body}).to_string());
        jsonl.push('\n');
    }
    let mut doc = 0;
    while match size {
        Size::Passages(wanted) => passages < wanted,
        Size::Documents(wanted) => doc < wanted,
    } {
        let n = 4 + rng.below(5);
        let text: Vec<&str> = (0..n)
            .map(|_| sentences[rng.below(sentences.len())])
            .collect();
        let title = format!("Жаңалық {doc}");
        let id = format!("news-{doc}");
        let text = text.join("\n");
        passages += passages_of(&text);
        jsonl.push_str(&json!({"id": id, "title": title, "text": text}).to_string());
        jsonl.push('\n');
        doc += 1;
    }
    let questions = (0..questions)
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
        .collect();
    (jsonl, questions)
}

/// How many passages kinotanu makes of a text whose lines are paragraphs.
fn passages_of(text: &str) -> usize {
    let paragraphs: Vec<String> = text.lines().map(str::to_string).collect();
    kinotanu::corpus::split_paragraphs(&paragraphs, kinotanu::corpus::evident_lang).len()
}

/// A figure of /proc/<pid>/status (`pid` may be "self"), in megabytes (the kernel gives kB).
pub fn status_mb(pid: &str, field: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())?;
    Some(kb / 1024.0)
}

/// xorshift64*: a fixed-seed generator, so every run samples the same corpus.
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
