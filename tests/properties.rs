//! Properties over the analysers, the passage splitter, the query builder, snippets and the
//! Telegram HTML renderer: no panic on any input, and the invariants each promises.
//!
//! Normal runs try a few thousand cases. The long run tries 100,000 or more:
//! `cargo test --release --test properties -- --ignored`

mod common;

use kinotanu::analysis::{Analyzer, head, word_heads, words};
use kinotanu::answer::{Answer, Evidence, Marked, answer};
use kinotanu::bot::html_fit::{truncate_html, utf16_len};
use kinotanu::bot::render::{MESSAGE_LIMIT, answer_html};
use kinotanu::bot::texts::UiLang;
use kinotanu::corpus::{Lang, MAX_PASSAGE_CHARS, Passage, split_paragraph};
use kinotanu::search::{MAX_QUERY_TERMS, question_terms};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Text made of Kazakh, Russian and Latin words, numbers, punctuation, query syntax, HTML,
/// emoji, invisible and control characters, and anything at all.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[а-яәғқңөұүһіё]{1,14}",
        2 => "[A-Za-zäöüñğışç']{1,12}",
        1 => "[0-9]{1,5}(-[а-я]{1,3})?",
        2 => prop::sample::select(vec![
            " ", " ", "\n", ". ", "? ", "! ", ", ", ":", "-", "(", ")", "\"", "«", "»", "*:*",
            "<b>", "</i>", "&amp;", "&", "<", "🎬", "\u{200B}", "\u{202E}", "\u{AD}", "\u{0301}",
            "İ", "\u{0000}", "\t", "т.б.", "…",
        ])
        .prop_map(str::to_string),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|pieces| pieces.concat())
}

fn kazakh_word() -> impl Strategy<Value = String> {
    "[а-яәғқңөұүіь]{2,12}|[a-zäöüñğış]{2,10}"
}

fn run<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(e) = runner.run(&strategy, test) {
        panic!("{e}");
    }
}

fn words_are_well_formed(cases: u32) {
    let analyzer = Analyzer::default();
    run(cases, messy_text(), |text| {
        let mut last_end = 0;
        for word in words(&text) {
            prop_assert!(word.start >= last_end && word.start < word.end && word.end <= text.len());
            prop_assert!(text.is_char_boundary(word.start) && text.is_char_boundary(word.end));
            prop_assert!(!word.norm.is_empty() && word.norm.chars().count() <= 40);
            let forms = analyzer.forms(&word.norm);
            prop_assert!(!forms.key.is_empty() && !forms.prefix.is_empty());
            last_end = word.end;
        }
        Ok(())
    });
}

/// The answer layer skips words by their heads before stemming them: that must never skip a
/// word whose forms match.
fn matching_forms_share_a_head(cases: u32) {
    let analyzer = Analyzer::default();
    run(cases, (kazakh_word(), kazakh_word()), |(a, b)| {
        let (fa, fb) = (analyzer.forms(&a), analyzer.forms(&b));
        let same = fa.kk == fb.kk || fa.ru == fb.ru || fa.key == fb.key || fa.prefix == fb.prefix;
        if same {
            let heads = word_heads(&b);
            prop_assert!(
                heads.contains(&head(&fa.prefix)) || heads.contains(&head(&fa.key)),
                "{a} / {b}"
            );
        }
        Ok(())
    });
}

fn splitting_keeps_every_word(cases: u32) {
    run(cases, messy_text(), |text| {
        let passages = split_paragraph(&text);
        for passage in &passages {
            prop_assert!(passage.chars().count() <= MAX_PASSAGE_CHARS);
        }
        let joined = passages.join(" ");
        prop_assert_eq!(
            joined.split_whitespace().collect::<String>(),
            text.split_whitespace().collect::<String>()
        );
        Ok(())
    });
}

fn question_terms_are_bounded(cases: u32) {
    let analyzer = Analyzer::default();
    run(cases, messy_text(), |question| {
        prop_assert!(question_terms(&analyzer, &question).len() <= MAX_QUERY_TERMS);
        Ok(())
    });
}

/// Any question is answered or declined, and every snippet lies inside its passage.
fn snippets_lie_inside_their_passage(cases: u32) {
    let seed_words = prop::sample::select(vec![
        "Qaitadan",
        "фильмі",
        "касса",
        "жүлде",
        "фестиваль",
        "Канн",
        "Жетісу",
        "облыс",
        "наград",
        "Кинопоиск",
        "питчинг",
        "JARQYRA",
        "қанша",
        "сколько",
        "75%",
        "177",
    ]);
    let question = prop::collection::vec(
        prop_oneof![3 => seed_words.prop_map(str::to_string), 1 => messy_text()],
        0..8,
    )
    .prop_map(|parts| parts.join(" "));
    run(cases, question, |question| {
        let answer = answer(common::seed_index(), &question, 5)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(answer.answered, answer.sentence.is_some());
        for evidence in &answer.evidence {
            let snippet = &evidence.snippet;
            let body = snippet.text.trim_start_matches('…').trim_end_matches('…');
            prop_assert!(evidence.passage.text.contains(body));
            for mark in &snippet.marks {
                prop_assert!(mark.start < mark.end && mark.end <= snippet.text.len());
                prop_assert!(
                    snippet.text.is_char_boundary(mark.start)
                        && snippet.text.is_char_boundary(mark.end)
                );
            }
        }
        Ok(())
    });
}

fn marked(text: String, every: usize) -> Marked {
    let marks = words(&text)
        .into_iter()
        .step_by(every.max(1))
        .map(|w| w.start..w.end)
        .collect();
    Marked { text, marks }
}

fn passage(title: String, text: String, source: Option<String>, url: Option<String>) -> Passage {
    Passage {
        doc_id: "d".into(),
        passage_id: "d#0".into(),
        title,
        date: Some("2025-10-20".into()),
        source,
        url,
        lang: Lang::Kk,
        position: 0,
        text,
    }
}

/// Only our own tags (b, i, a), balanced, and every `<` and `&` of the text escaped.
fn is_telegram_html(html: &str) -> bool {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        rest = &rest[i..];
        if rest.starts_with('&') {
            let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
                return false;
            };
            if !["&amp;", "&lt;", "&gt;", "&quot;"].contains(&&rest[..=end])
                && !rest[1..end].starts_with('#')
            {
                return false;
            }
            rest = &rest[end + 1..];
            continue;
        }
        let Some(end) = rest.find('>') else {
            return false;
        };
        let tag = &rest[..=end];
        if let Some(name) = tag.strip_prefix("</") {
            if open.pop() != Some(name.trim_end_matches('>')) {
                return false;
            }
        } else if tag == "<b>" || tag == "<i>" {
            open.push(&tag[1..2]);
        } else if tag.starts_with("<a href=\"") {
            open.push("a");
        } else {
            return false;
        }
        rest = &rest[end + 1..];
    }
    open.is_empty()
}

fn rendered_answers_are_valid_telegram_html(cases: u32) {
    let texts = (
        messy_text(),
        messy_text(),
        messy_text(),
        proptest::option::of("https?://[a-z]{1,10}\\.kz/[a-z\"<>&]{0,10}"),
        1usize..4,
        1usize..40,
    );
    run(
        cases,
        texts,
        |(sentence, title, body, url, every, repeat)| {
            let body = body.repeat(repeat);
            let evidence: Vec<Evidence> = (0..3)
                .map(|i| Evidence {
                    passage: passage(
                        title.clone(),
                        body.clone(),
                        Some(format!("{title}{i}")),
                        url.clone(),
                    ),
                    score: 1.0,
                    snippet: marked(body.chars().take(280).collect(), every),
                    coverage: 1.0,
                })
                .collect();
            let answered = Answer {
                question: sentence.clone(),
                answered: true,
                sentence: Some(marked(sentence.repeat(repeat), every)),
                confidence: 1.0,
                evidence,
            };
            let declined = Answer {
                question: sentence.repeat(repeat),
                answered: false,
                sentence: None,
                confidence: 0.0,
                evidence: Vec::new(),
            };
            for answer in [answered, declined] {
                for lang in [UiLang::Kk, UiLang::Ru, UiLang::En] {
                    let html = answer_html(&answer, lang);
                    prop_assert!(
                        utf16_len(&html) <= MESSAGE_LIMIT,
                        "{} units",
                        utf16_len(&html)
                    );
                    prop_assert!(is_telegram_html(&html), "{html}");
                }
            }
            Ok(())
        },
    );
}

fn truncated_html_stays_valid(cases: u32) {
    run(cases, (messy_text(), 1usize..300), |(text, limit)| {
        let html = marked(text, 2).render("<b>", "</b>", kinotanu::bot::render::escape);
        let cut = truncate_html(&html, limit.max(8));
        prop_assert!(utf16_len(&cut) <= limit.max(8));
        prop_assert!(is_telegram_html(&cut), "{cut}");
        Ok(())
    });
}

#[test]
fn words_have_valid_spans_and_forms() {
    words_are_well_formed(1_000);
}

#[test]
fn the_word_filter_never_skips_a_match() {
    matching_forms_share_a_head(2_000);
}

#[test]
fn splitting_loses_no_text() {
    splitting_keeps_every_word(500);
}

#[test]
fn questions_give_at_most_32_terms() {
    question_terms_are_bounded(500);
}

#[test]
fn any_question_gets_snippets_inside_passages() {
    snippets_lie_inside_their_passage(100);
}

#[test]
fn the_telegram_renderer_always_gives_valid_short_html() {
    rendered_answers_are_valid_telegram_html(200);
    truncated_html_stays_valid(500);
}

/// 100,500 cases in all; run with `cargo test --release --test properties -- --ignored`.
#[test]
#[ignore]
fn long_run() {
    words_are_well_formed(30_000);
    matching_forms_share_a_head(30_000);
    splitting_keeps_every_word(15_000);
    question_terms_are_bounded(15_000);
    snippets_lie_inside_their_passage(2_000);
    rendered_answers_are_valid_telegram_html(3_000);
    truncated_html_stays_valid(5_500);
}
