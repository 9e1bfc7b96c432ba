//! Long paragraphs become passages of at most 600 characters, cut at sentence ends, never inside
//! a word; short consecutive paragraphs share a passage; nothing is lost.

use kinotanu::corpus::{MAX_PASSAGE_CHARS, split_paragraph, split_paragraphs};

fn no_lang(_: &str) -> Option<u8> {
    None
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

#[test]
fn a_short_paragraph_is_one_passage() {
    assert_eq!(split_paragraph("  Бір сөйлем.  "), ["Бір сөйлем."]);
    assert!(split_paragraph("   ").is_empty());
}

#[test]
fn short_paragraphs_share_a_passage_line_by_line() {
    let paragraphs = [
        "=== Сарматтар ===",
        "Сарматтар (б.з.д. VII ғ.)",
        "Олар көшпелі болды.",
    ]
    .map(String::from);
    assert_eq!(
        split_paragraphs(&paragraphs, no_lang),
        ["=== Сарматтар ===\nСарматтар (б.з.д. VII ғ.)\nОлар көшпелі болды."]
    );
    assert!(split_paragraphs(&[], no_lang).is_empty());
}

#[test]
fn a_paragraph_that_does_not_fit_starts_the_next_passage() {
    let paragraph = "Отандық фильмдер халықаралық кинофестивальдерде жүлде алды. ".repeat(6);
    let paragraphs = [paragraph.trim(), paragraph.trim(), "Қысқа."].map(String::from);
    let passages = split_paragraphs(&paragraphs, no_lang);
    assert_eq!(passages.len(), 2, "{passages:?}");
    assert_eq!(passages[0], paragraphs[0]);
    assert_eq!(passages[1], format!("{}\nҚысқа.", paragraphs[1]));
    let long = "Сөйлем бар. ".repeat(200);
    let passages = split_paragraphs(&[long.clone(), "Қысқа.".to_string()], no_lang);
    assert!(
        passages
            .iter()
            .all(|p| p.chars().count() <= MAX_PASSAGE_CHARS)
    );
    assert_eq!(words(&passages.join(" ")), words(&format!("{long} Қысқа.")));
}

#[test]
fn paragraphs_in_two_languages_do_not_share_a_passage() {
    let paragraphs = ["Бірінші.", "Екінші.", "Первый.", "2025", "Второй."].map(String::from);
    let lang = |p: &str| match p {
        "Бірінші." | "Екінші." => Some("kk"),
        "2025" => None,
        _ => Some("ru"),
    };
    assert_eq!(
        split_paragraphs(&paragraphs, lang),
        ["Бірінші.\nЕкінші.", "Первый.\n2025\nВторой."]
    );
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
