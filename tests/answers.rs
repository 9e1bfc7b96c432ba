//! Answers from the seed index: the sentence that answers with its words marked, abstention when
//! only common words match, and queries built safely from hostile text.

mod common;

use kinotanu::answer::{Answer, answer};
use kinotanu::search::{MAX_QUERY_TERMS, question_terms};

fn ask(question: &str) -> Answer {
    answer(common::seed_index(), question, 5).unwrap()
}

fn marked_words(answer: &Answer) -> Vec<String> {
    common::marked_in_answer(answer)
}

#[test]
fn the_answer_is_the_sentence_with_the_question_words_marked() {
    let answer = ask("Отандық фильмдер халықаралық фестивальдерде қанша жүлде алды?");
    assert!(answer.answered);
    let sentence = answer.sentence.as_ref().unwrap();
    assert!(sentence.text.contains("177 жүлде"), "{}", sentence.text);
    assert!(
        !sentence.text.contains("119"),
        "one sentence, not the paragraph: {}",
        sentence.text
    );
    let marked = marked_words(&answer);
    assert!(
        marked.contains(&"жүлде".to_string()) && marked.contains(&"халықаралық".to_string()),
        "{marked:?}"
    );
    // Question words are never marked.
    assert!(!marked.iter().any(|w| w == "қанша"));
}

#[test]
fn a_russian_question_gets_the_russian_passage_with_source() {
    let answer = ask("С какими странами подписаны соглашения в Актау?");
    assert!(answer.answered);
    let first = &answer.evidence[0];
    assert_eq!(first.passage.doc_id, "2025-10-20-kazakh-cinema-ru");
    assert!(first.passage.text.contains("Азербайджана"));
    assert_eq!(
        first.passage.source.as_deref(),
        Some("Пресс-служба Министерства культуры и информации РК.")
    );
    assert!(answer.sentence.as_ref().unwrap().text.contains("Актау"));
}

#[test]
fn latin_script_kazakh_finds_the_cyrillic_passage() {
    let answer = ask("qazaq kinosynyn onkundigi");
    assert!(answer.answered);
    assert!(
        answer
            .evidence
            .iter()
            .take(3)
            .any(|e| e.passage.text.contains("Қарағанды"))
    );
}

#[test]
fn off_topic_questions_are_not_answered() {
    for question in [
        "Кто выиграл чемпионат мира по футболу в 2018 году?",
        "Ертең Алматыда ауа райы қандай болады?",
        "Что это такое?",
        "қашан?",
    ] {
        let answer = ask(question);
        assert!(
            !answer.answered,
            "{question} was answered with {:?}",
            answer.sentence
        );
        assert!(answer.sentence.is_none());
    }
}

#[test]
fn snippets_lie_inside_their_passage_and_marks_inside_the_snippet() {
    for question in [
        "Канн кинофестивалі",
        "Кинопоиск фильмдер жинақ",
        "Декада казахского кино области",
    ] {
        for evidence in ask(question).evidence {
            let snippet = &evidence.snippet;
            let body = snippet.text.trim_start_matches('…').trim_end_matches('…');
            assert!(
                evidence.passage.text.contains(body),
                "{body:?} not in {:?}",
                evidence.passage.text
            );
            assert!(body.chars().count() <= kinotanu::answer::SNIPPET_CHARS);
            for mark in &snippet.marks {
                assert!(
                    snippet.text.is_char_boundary(mark.start)
                        && snippet.text.is_char_boundary(mark.end)
                );
                assert!(!snippet.text[mark.clone()].trim().is_empty());
            }
        }
    }
}

#[test]
fn query_syntax_characters_are_just_text() {
    for hostile in [
        "title:фильм AND (касса OR \"Qaitadan",
        "-фильм +касса ~2 ^3 [a TO z] {x} \\ /regex/",
        "Qaitadan: фильмі (касса) - \"жинады\"",
        "*:*",
        "\"\"\"((((",
        ":::---((()))\"\"",
    ] {
        let result = common::seed_index().search(hostile, 5);
        assert!(result.is_ok(), "{hostile}: {:?}", result.err());
    }
    assert!(!ask("*:*").answered);
    assert!(!ask(":::---((()))\"\"").answered);
    let answer = ask("Qaitadan: фильмі (касса) - \"жинады\"");
    assert!(answer.answered);
    assert!(answer.evidence[0].passage.text.contains("Qaitadan"));
}

#[test]
fn very_long_questions_are_bounded() {
    let one_word = "қ".repeat(10_000);
    assert!(!ask(&one_word).answered);
    let many_words: String =
        (0..2_000).map(|i| format!("сөз{i} ")).collect::<String>() + "Qaitadan касса";
    let terms = question_terms(common::seed_index().analyzer(), &many_words);
    assert!(terms.len() <= MAX_QUERY_TERMS);
    let _ = ask(&many_words);
    let letters_10k = "фильм ".repeat(1_700);
    assert!(ask(&letters_10k).evidence.len() <= 5);
}

#[test]
fn emoji_control_and_html_do_not_break_anything() {
    for question in [
        "🎬🎥🍿",
        "\u{0000}\u{0007}\u{202E}касса\u{200B}",
        "<b>Qaitadan</b> &amp; <script>",
        "е\u{0301}\u{0301}\u{0301}",
    ] {
        let _ = ask(question);
    }
    assert!(ask("<b>Qaitadan</b> касса").answered);
    assert!(!ask("🎬🎥🍿").answered);
}

#[test]
fn a_question_of_100k_characters_is_answered_or_declined() {
    let question = "Qaitadan фильмі касса ".repeat(5_000);
    assert!(question.chars().count() > 100_000);
    let answer = ask(&question);
    assert!(answer.answered);
    let noise: String = (0..100_000)
        .map(|i| char::from_u32(0x0400 + (i % 250)).unwrap_or('x'))
        .collect();
    let _ = ask(&noise);
}

#[test]
fn evidence_comes_best_first_with_scores_that_only_go_down() {
    for question in [
        "Qaitadan фильмі",
        "фильм фестиваль кино",
        "облыс көрсетілім",
        "международных проектов фильм",
    ] {
        let answer = answer(common::seed_index(), question, 10).unwrap();
        assert!(answer.evidence.len() >= 3, "{question}");
        let scores: Vec<f32> = answer.evidence.iter().map(|e| e.score).collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "{question}: {scores:?}"
        );
    }
}
