//! Long paragraphs become passages of at most 600 characters, cut at sentence ends, never inside
//! a word, and nothing is lost.

use kinotanu::corpus::{MAX_PASSAGE_CHARS, split_paragraph};

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn a_short_paragraph_is_one_passage() {
    assert_eq!(split_paragraph("  Бір сөйлем.  "), ["Бір сөйлем."]);
    assert!(split_paragraph("   ").is_empty());
}

#[test]
fn a_long_paragraph_is_cut_at_sentence_ends() {
    let sentence = "Отандық фильмдер халықаралық кинофестивальдерде жүлде алды. ";
    let paragraph = sentence.repeat(30);
    let passages = split_paragraph(&paragraph);
    assert!(passages.len() > 1);
    for passage in &passages {
        assert!(
            passage.chars().count() <= MAX_PASSAGE_CHARS,
            "{} chars",
            passage.chars().count()
        );
        assert!(passage.ends_with('.'), "cut inside a sentence: {passage:?}");
        assert!(passage.starts_with("Отандық"));
    }
    assert_eq!(words(&passages.join(" ")), words(&paragraph));
}

#[test]
fn a_long_sentence_is_cut_between_words() {
    let paragraph = "кинофестиваль ".repeat(200);
    let passages = split_paragraph(&paragraph);
    assert!(passages.len() >= 5);
    for passage in &passages {
        assert!(passage.chars().count() <= MAX_PASSAGE_CHARS);
        assert!(
            words(passage).iter().all(|w| *w == "кинофестиваль"),
            "a word was cut"
        );
    }
    assert_eq!(words(&passages.join(" ")), words(&paragraph));
}

#[test]
fn abbreviations_do_not_end_sentences() {
    let text = format!(
        "{} т.б. Келесі сөйлем. {}",
        "а ".repeat(290),
        "б ".repeat(290)
    );
    let passages = split_paragraph(&text);
    assert!(
        passages
            .iter()
            .all(|p| !p.starts_with("Келесі") || p.contains("т.б."))
    );
}

#[test]
fn two_megabytes_without_a_break_are_split_and_kept() {
    let paragraph = "ә".repeat(2 * 1024 * 1024 / 2);
    let passages = split_paragraph(&paragraph);
    assert!(
        passages
            .iter()
            .all(|p| p.chars().count() <= MAX_PASSAGE_CHARS)
    );
    assert_eq!(passages.concat(), paragraph);
}
