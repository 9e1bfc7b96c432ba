//! The answer shows the sentence before the answering one when it leans on it, with the
//! question's words marked in both; a near-equal passage in the asker's language answers; and
//! the answer is given only when it covers what the question asks.

mod common;

use kinotanu::answer::{Answer, answer};
use kinotanu::search::SearchIndex;

/// An index of documents (id, lang, text) in a temporary folder, among other films.
fn index_of(docs: &[(&str, &str, &str)]) -> (tempfile::TempDir, SearchIndex) {
    let docs: Vec<serde_json::Value> = docs
        .iter()
        .map(|(id, lang, text)| serde_json::json!({"id": id, "lang": lang, "title": "Кино", "text": text}))
        .collect();
    common::index_among_other_films(&docs)
}

fn marked(answer: &Answer) -> Vec<String> {
    common::marked_in_answer(answer)
}

#[test]
fn a_sentence_that_refers_back_is_shown_with_the_sentence_it_refers_to() {
    let (_dir, index) = index_of(&[(
        "qaitadan",
        "ru",
        "Фильм «Qaitadan» собрал в прокате более миллиарда тенге. Фильм в пять раз окупил \
         государственные инвестиции. Съемки шли в Алматы.",
    )]);
    let answer = answer(&index, "Во сколько раз Qaitadan окупил инвестиции?", 5).unwrap();
    assert!(answer.answered);
    let text = &answer.sentence.as_ref().unwrap().text;
    assert!(
        text.starts_with("Фильм «Qaitadan» собрал") && text.ends_with("инвестиции."),
        "{text}"
    );
    // The marks of both sentences are kept, each on its word.
    let marked = marked(&answer);
    for word in ["qaitadan", "окупил", "инвестиции"] {
        assert!(marked.contains(&word.to_string()), "{word}: {marked:?}");
    }
}

#[test]
fn a_sentence_that_names_its_subject_is_shown_alone() {
    let (_dir, index) = index_of(&[(
        "qaitadan",
        "ru",
        "Фильм «Qaitadan» собрал в прокате более миллиарда тенге. В Каннах фильм «Qaitadan» \
         окупил инвестиции в пять раз.",
    )]);
    let answer = answer(&index, "Во сколько раз Qaitadan окупил инвестиции?", 5).unwrap();
    let text = &answer.sentence.as_ref().unwrap().text;
    assert!(text.starts_with("В Каннах"), "{text}");
}

#[test]
fn the_same_fact_in_both_languages_is_answered_in_the_askers() {
    let (_dir, index) = index_of(&[
        (
            "ru",
            "ru",
            "Фестиваль «Шәкен жұлдыздары» прошел в Алматы, показали сорок фильмов.",
        ),
        (
            "kk",
            "kk",
            "«Шәкен жұлдыздары» фестивалі Алматыда өтті, қырық фильм көрсетілді.",
        ),
    ]);
    for (question, lang) in [
        ("«Шәкен жұлдыздары» фестивалі қайда өтті?", "kk"),
        ("Shaken juldyzdary festivali qaida otti?", "kk"),
        ("Где прошел фестиваль «Шәкен жұлдыздары»?", "ru"),
    ] {
        let answer = answer(&index, question, 5).unwrap();
        assert!(answer.answered, "{question}");
        assert_eq!(answer.evidence[0].passage.doc_id, lang, "{question}");
    }
}

#[test]
fn a_which_question_about_something_no_passage_names_is_not_answered() {
    let (_dir, index) = index_of(&[(
        "qaitadan",
        "ru",
        "Фильм «Qaitadan» собрал в прокате более миллиарда тенге.",
    )]);
    // The film is there; its budget is not.
    let budget = answer(&index, "Какой бюджет у фильма «Qaitadan»?", 5).unwrap();
    let box_office = answer(&index, "Сколько собрал фильм «Qaitadan»?", 5).unwrap();
    assert!(!budget.answered, "{:?}", budget.sentence);
    assert!(box_office.answered);
}

#[test]
fn an_answer_without_the_kind_asked_for_is_less_sure() {
    let (_dir, index) = index_of(&[("studio", "kk", "Қазақфильм студиясы 17 жаңа фильм түсірді.")]);
    let how_many = answer(&index, "Қазақфильм студиясы неше фильм түсірді?", 5).unwrap();
    let when = answer(&index, "Қазақфильм студиясы қай жылы фильм түсірді?", 5).unwrap();
    assert!(how_many.answered);
    assert!(
        when.confidence < how_many.confidence,
        "{} / {}",
        when.confidence,
        how_many.confidence
    );
    // In the seed article, «17» is no year: the studio's founding is not answered.
    let founded = answer(
        common::seed_index(),
        "Қазақфильм студиясы қай жылы ашылды?",
        5,
    )
    .unwrap();
    assert!(!founded.answered, "{:?}", founded.sentence);
}

#[test]
fn a_long_sentence_with_wide_spaces_is_cut_between_characters() {
    // Copied news text keeps no-break (U+00A0) and ideographic (U+3000) spaces; the snippet of
    // a sentence longer than the snippet starts after one of them, never inside it.
    for space in ['\u{a0}', '\u{3000}'] {
        let text = format!(
            "Кинопремьеры недели.\nВ Алматы на фестивале показали фильмы{}а главный приз получил режиссёр Ержанов за картину Қыс.",
            format!(" фильм{space}").repeat(40)
        );
        let (_dir, index) = index_of(&[("nbsp", "ru", &text)]);
        let answer = answer(&index, "Кто получил главный приз?", 5).unwrap();
        let snippet = &answer.evidence[0].snippet;
        assert!(snippet.text.contains("главный приз"), "{}", snippet.text);
        for mark in &snippet.marks {
            assert!(snippet.text.get(mark.clone()).is_some(), "{mark:?}");
        }
    }
}
