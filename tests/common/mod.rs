//! Shared by the integration tests: the binary, the repository's seeds, temporary corpora.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> PathBuf {
    repo().join("seeds")
}

/// A file of the repository's data sets (`data/`: evaluation sets and the KazNERD sentences).
pub fn data(path: &str) -> PathBuf {
    repo().join("data").join(path)
}

/// The kinotanu binary with a clean environment: no configuration leaks in from the machine,
/// and it runs in `cwd` so that no `.env` of the repository is read.
pub fn kinotanu(cwd: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kinotanu"));
    command.current_dir(cwd);
    for var in [
        "KINOTANU_SEEDS_DIR",
        "KINOTANU_INDEX_DIR",
        "KINOTANU_ADMIN_IDS",
        "KINOTANU_SOURCE_CHATS",
        "KINOTANU_FEEDS",
        "KINOTANU_FEED_MINUTES",
        "KINOTANU_FEED_CONTACT",
        "TELOXIDE_TOKEN",
        "TELOXIDE_API_URL",
    ] {
        command.env_remove(var);
    }
    command.env("NO_COLOR", "1");
    command
}

pub fn run(command: &mut Command) -> Output {
    command.output().expect("the kinotanu binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A folder with the given files in it.
pub fn folder_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// A copy of the repository's seeds in a temporary folder.
pub fn copy_of_seeds() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// Parses every stdout line as JSON.
pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    stdout(output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect()
}

/// One index of the repository's seeds per test binary, built once in a temporary folder.
pub fn seed_index() -> &'static kinotanu::search::SearchIndex {
    use std::sync::OnceLock;
    static INDEX: OnceLock<(tempfile::TempDir, kinotanu::search::SearchIndex)> = OnceLock::new();
    let (_, index) = INDEX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let index = kinotanu::live_index::open_or_build(&seeds(), dir.path()).unwrap();
        (dir, index)
    });
    index
}

/// An index of the given JSON Lines documents, in a temporary folder.
pub fn index_of_jsonl(jsonl: &str) -> (tempfile::TempDir, kinotanu::search::SearchIndex) {
    let seeds = folder_with(&[("docs.jsonl", jsonl.as_bytes())]);
    let dir = tempfile::tempdir().unwrap();
    let index =
        kinotanu::live_index::open_or_build(&seeds.path().join("docs.jsonl"), dir.path()).unwrap();
    (dir, index)
}

/// An index of these documents and 20 unrelated ones about other films, so that the question
/// words are rare enough to count and «фильм» is a common word, as in a cinema corpus.
pub fn index_among_other_films(
    docs: &[serde_json::Value],
) -> (tempfile::TempDir, kinotanu::search::SearchIndex) {
    let mut jsonl = String::new();
    for doc in docs {
        jsonl.push_str(&format!("{doc}\n"));
    }
    for i in 0..20 {
        let doc = serde_json::json!({"id": format!("other-{i}"), "title": "Кино", "text": format!("Жаңа фильм көрсетілді. Новый фильм показан {i} раз.")});
        jsonl.push_str(&format!("{doc}\n"));
    }
    index_of_jsonl(&jsonl)
}

/// The words marked in the answer sentence, lowercased.
pub fn marked_in_answer(answer: &kinotanu::answer::Answer) -> Vec<String> {
    let sentence = answer.sentence.as_ref().expect("an answer sentence");
    sentence
        .marks
        .iter()
        .map(|m| sentence.text[m.clone()].to_lowercase())
        .collect()
}
