//! A question says what its answer looks like — "қай жылы" a year, "кім" a name — and of two
//! passages with the same question words, the one whose sentence holds such a token comes first.

mod common;

use kinotanu::answer::answer;
use kinotanu::live_index;
use kinotanu::search::SearchIndex;

/// An index of documents (id, text), all under one title, in a temporary folder.
fn index_of(docs: &[(&str, &str)]) -> (tempfile::TempDir, SearchIndex) {
    let mut jsonl = String::new();
    for (id, text) in docs {
        let doc = serde_json::json!({"id": id, "title": "Тарих", "text": text});
        jsonl.push_str(&format!("{doc}\n"));
    }
    // Unrelated documents, so the question words are rare enough to count.
    for i in 0..20 {
        let doc = serde_json::json!({"id": format!("other-{i}"), "title": "Тарих", "text": "Далада жаңбыр жауды."});
        jsonl.push_str(&format!("{doc}\n"));
    }
    let seeds = common::folder_with(&[("docs.jsonl", jsonl.as_bytes())]);
    let dir = tempfile::tempdir().unwrap();
    let index = live_index::open_or_build(&seeds.path().join("docs.jsonl"), dir.path()).unwrap();
    (dir, index)
}

fn first_doc(index: &SearchIndex, question: &str) -> String {
    let answer = answer(index, question, 5).unwrap();
    answer.evidence[0].passage.doc_id.clone()
}

#[test]
fn a_when_question_prefers_the_sentence_with_a_year() {
    let (_dir, index) = index_of(&[
        // Shorter, so plain BM25 puts it first; it says that, not when.
        ("talk", "Астананы Ақмолаға көшіру туралы ұсыныс мақұлданды."),
        ("year", "Астананы Ақмолаға көшіру 1997 жылы жүзеге асты."),
    ]);
    assert_eq!(
        first_doc(&index, "Астананы Ақмолаға көшіру қай жылы болды?"),
        "year"
    );
    // The same passages for a question that asks for no number: the shorter one stays first.
    assert_eq!(
        first_doc(&index, "Астананы Ақмолаға көшіру туралы не белгілі?"),
        "talk"
    );
}

#[test]
fn a_who_question_prefers_the_sentence_with_a_name() {
    let (_dir, index) = index_of(&[
        ("plain", "Бұл дастан ертеде жазылған, өте көркем шығарма."),
        ("name", "Бұл дастанды ертеде Жүсіп Баласағұни жазған."),
    ]);
    assert_eq!(first_doc(&index, "Дастан ертеде кім жазған?"), "name");
}
