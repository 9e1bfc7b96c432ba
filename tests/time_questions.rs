//! A question that names a time — «биыл», «в 2024 году», «на этой неделе», «ертең» — is
//! answered from documents of that time, resolved against the day it is asked on (fixed
//! here); among equally good passages the newer document's comes first.

mod common;

use chrono::NaiveDate;
use kinotanu::answer::{Answer, Asking, answer_with};
use kinotanu::search::SearchIndex;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn ask_on(index: &SearchIndex, question: &str, today: &str) -> Answer {
    let asking = Asking {
        today: day(today),
        ..Asking::new(5)
    };
    answer_with(index, question, &asking).unwrap()
}

/// Dated documents (id, date, text) in a temporary index, among undated other films.
fn index_of(docs: &[(&str, &str, &str)]) -> (tempfile::TempDir, SearchIndex) {
    let docs: Vec<serde_json::Value> = docs
        .iter()
        .map(|(id, date, text)| serde_json::json!({"id": id, "date": date, "title": "Кино", "text": text}))
        .collect();
    common::index_among_other_films(&docs)
}

/// The same announcement, posted each year.
fn yearly_festival() -> (tempfile::TempDir, SearchIndex) {
    index_of(&[
        (
            "festival-2024",
            "2024-09-01",
            "«Еуразия» кинофестивалі Алматыда 20 қыркүйекте ашылады.",
        ),
        (
            "festival-2025",
            "2025-09-01",
            "«Еуразия» кинофестивалі Алматыда 25 қыркүйекте ашылады.",
        ),
    ])
}

#[test]
fn among_equally_good_passages_the_newer_document_comes_first() {
    let (_dir, index) = yearly_festival();
    let answer = ask_on(
        &index,
        "«Еуразия» кинофестивалі қашан ашылады?",
        "2025-10-22",
    );
    assert_eq!(answer.evidence[0].passage.doc_id, "festival-2025");
    assert_eq!(answer.evidence[1].passage.doc_id, "festival-2024");
}

#[test]
fn this_year_and_a_named_year_find_their_documents() {
    let (_dir, index) = yearly_festival();
    for (question, today, expected) in [
        (
            "«Еуразия» кинофестивалі биыл қашан ашылады?",
            "2024-09-10",
            "festival-2024",
        ),
        (
            "«Еуразия» кинофестивалі биыл қашан ашылады?",
            "2025-09-10",
            "festival-2025",
        ),
        (
            "«Еуразия» кинофестивалі 2024 жылы қашан ашылды?",
            "2025-10-22",
            "festival-2024",
        ),
        (
            "«Еуразия» кинофестивалі былтыр қашан ашылды?",
            "2025-10-22",
            "festival-2024",
        ),
    ] {
        let answer = ask_on(&index, question, today);
        assert!(answer.answered, "{question} on {today}");
        assert_eq!(
            answer.evidence[0].passage.doc_id, expected,
            "{question} on {today}"
        );
    }
}

#[test]
fn a_time_no_document_is_of_is_not_answered() {
    let (_dir, index) = yearly_festival();
    let answer = ask_on(
        &index,
        "«Еуразия» кинофестивалі биыл қашан ашылады?",
        "2027-03-01",
    );
    assert!(!answer.answered, "{:?}", answer.sentence);
    // The seed article is of 2025: «this year» is 2025 on the day it was published, not now.
    let seeds = common::seed_index();
    let question = "Биыл Каннда қазақстандық стенд болды ма?";
    assert!(ask_on(seeds, question, "2025-10-22").answered);
    assert!(!ask_on(seeds, question, "2026-12-07").answered);
}

#[test]
fn a_coming_day_is_found_in_the_announcement_before_it() {
    let (_dir, index) = index_of(&[
        (
            "announced",
            "2025-10-20",
            "Ертең «Бауыржан» фильмінің премьерасы Астанада өтеді.",
        ),
        // Shorter, so plain BM25 puts it first; it is two years old.
        ("old", "2023-05-01", "«Бауыржан» премьерасы Астанада өтеді."),
    ]);
    let answer = ask_on(
        &index,
        "«Бауыржан» премьерасы ертең қайда өтеді?",
        "2025-10-20",
    );
    assert!(answer.answered);
    assert_eq!(answer.evidence[0].passage.doc_id, "announced");
}

#[test]
fn today_is_found_in_an_announcement_of_days_before_and_yesterday_in_todays_report() {
    let (_dir, index) = index_of(&[
        (
            "announced",
            "2025-10-17",
            "Дүйсенбі күні «Бауыржан» фильмінің премьерасы Астанада өтеді.",
        ),
        (
            "reported",
            "2025-10-21",
            "«Жаужүрек» фильмінің премьерасы Алматыда өтті, көрермендер риза.",
        ),
    ]);
    // Asked on Monday 2025-10-20: the announcement was posted on the Friday before.
    let today = ask_on(
        &index,
        "«Бауыржан» премьерасы бүгін қайда өтеді?",
        "2025-10-20",
    );
    assert!(today.answered, "{:?}", today.evidence.first());
    assert_eq!(today.evidence[0].passage.doc_id, "announced");
    // Asked on Tuesday about Monday: the report was posted on Tuesday.
    let yesterday = ask_on(
        &index,
        "«Жаужүрек» премьерасы кеше қайда өтті?",
        "2025-10-21",
    );
    assert!(yesterday.answered, "{:?}", yesterday.evidence.first());
    assert_eq!(yesterday.evidence[0].passage.doc_id, "reported");
}

#[test]
fn a_better_match_of_another_time_does_not_stand_before_the_one_of_the_time_asked() {
    let (_dir, index) = index_of(&[
        // Short, so plain BM25 puts it far ahead; but it is of 2023.
        (
            "old",
            "2023-05-01",
            "«Бауыржан» премьерасы Астанада өтеді. «Бауыржан» премьерасы — Астанада!",
        ),
        (
            "this-year",
            "2025-09-01",
            "Күзгі жоспарда көптеген іс-шаралар бар: көрмелер, кездесулер, концерттер, дәрістер, шеберлік сабақтары, кітап таныстырылымдары, фотокөрмелер, әдеби кештер, спектакльдер, опералар, балеттер, мұражай түндері, қала мерекелері және спорт жарыстары. Қыс айларында мектеп оқушыларына арналған тегін экскурсиялар, отбасылық демалыс күндері, жастар форумдары, ғылыми конференциялар мен волонтерлік акциялар ұйымдастырылады. Қазан айында жаңа фильмдердің көрсетілімі жалғасады, оның ішінде «Бауыржан» премьерасы Астанада болады.",
        ),
    ]);
    let answer = ask_on(
        &index,
        "«Бауыржан» премьерасы биыл қайда өтеді?",
        "2025-10-20",
    );
    assert_eq!(answer.evidence[0].passage.doc_id, "this-year");
    assert!(answer.answered, "{:?}", answer.evidence.first());
}

/// One document with the given date (`None`: undated), among other films.
fn index_of_one(date: Option<&str>, text: &str) -> (tempfile::TempDir, SearchIndex) {
    let mut doc = serde_json::json!({"id": "doc", "title": "Кино", "text": text});
    if let Some(date) = date {
        doc["date"] = serde_json::json!(date);
    }
    common::index_among_other_films(&[doc])
}

#[test]
fn a_document_of_the_time_asked_need_not_repeat_the_words_naming_it() {
    let text = "Фильм «Бауыржан» собрал в прокате 300 миллионов тенге.";
    let question = "Сколько собрал фильм «Бауыржан» в октябре 2025 года?";
    let kazakh = "«Бауыржан» фильмі 2025 жылдың қазан айында қанша жинады?";
    // A post of October 2025 answers, though it says neither «октябре» nor «2025 года».
    let (_dir, index) = index_of_one(Some("2025-10-15"), text);
    for question in [question, kazakh] {
        let answer = ask_on(&index, question, "2026-12-07");
        assert!(answer.answered, "{question}: {}", answer.confidence);
        assert!(answer.sentence.unwrap().text.contains("300 миллионов"));
    }
    // For one of another time, or of no date known, the time words are still missing.
    for date in [Some("2024-10-15"), None] {
        let (_dir, index) = index_of_one(date, text);
        for question in [question, kazakh] {
            let answer = ask_on(&index, question, "2026-12-07");
            assert!(
                !answer.answered,
                "{question} of {date:?}: {:?}",
                answer.sentence
            );
        }
    }
}

#[test]
fn a_month_without_a_year_is_the_coming_one_when_the_verb_says_so() {
    let (_dir, index) = index_of(&[
        (
            "released",
            "2026-01-05",
            "Фильм «Жаужүрек» вышел в прокат 5 января.",
        ),
        (
            "announced",
            "2026-11-30",
            "Фильм «Бауыржан» выйдет в прокат 15 января.",
        ),
    ]);
    // Asked on 7 December 2026: the coming January is weeks away.
    for (question, expected) in [
        ("Какой фильм выйдет в прокат в январе?", "announced"),
        ("Какой фильм вышел в прокат в январе?", "released"),
    ] {
        let answer = ask_on(&index, question, "2026-12-07");
        assert!(answer.answered, "{question}: {}", answer.confidence);
        assert_eq!(answer.evidence[0].passage.doc_id, expected, "{question}");
    }
}

#[test]
fn a_range_of_years_in_kazakh_and_a_hyphenated_year_find_their_documents() {
    let (_dir, index) = yearly_festival();
    for question in [
        "«Еуразия» кинофестивалі 2023 жылдан 2024 жылға дейін қашан ашылды?",
        "«Еуразия» кинофестивалі 2024-жылы қашан ашылды?",
    ] {
        let answer = ask_on(&index, question, "2025-10-22");
        assert!(answer.answered, "{question}: {}", answer.confidence);
        assert_eq!(
            answer.evidence[0].passage.doc_id, "festival-2024",
            "{question}"
        );
    }
}

#[test]
fn after_a_year_means_the_years_after_it() {
    // The festival is announced each year; «после 2024 года» is 2025, not 2024.
    let (_dir, index) = yearly_festival();
    for question in [
        "Когда открылся кинофестиваль «Еуразия» после 2024 года?",
        "«Еуразия» кинофестивалі 2024 жылдан кейін қашан ашылды?",
    ] {
        let answer = ask_on(&index, question, "2025-10-22");
        assert_eq!(
            answer.evidence[0].passage.doc_id, "festival-2025",
            "{question}"
        );
    }
}

#[test]
fn before_a_year_means_the_years_before_it() {
    // «до 2025 года» is 2024 and earlier, not 2025.
    let (_dir, index) = yearly_festival();
    for question in [
        "Когда открылся кинофестиваль «Еуразия» до 2025 года?",
        "«Еуразия» кинофестивалі 2025 жылға дейін қашан ашылды?",
    ] {
        let answer = ask_on(&index, question, "2025-10-22");
        assert_eq!(
            answer.evidence[0].passage.doc_id, "festival-2024",
            "{question}"
        );
    }
}

#[test]
fn a_month_after_its_year_is_that_month_not_the_whole_year() {
    // Two posts of 2025: the one of October answers «2025 жылдың қазан айында».
    let (_dir, index) = index_of(&[
        (
            "premiere-march",
            "2025-03-05",
            "«Қыз Жібек» фильмінің жаңа нұсқасы Астанада көрсетілді.",
        ),
        (
            "premiere-october",
            "2025-10-05",
            "«Қыз Жібек» фильмінің жаңа нұсқасы Алматыда көрсетілді.",
        ),
    ]);
    let question = "2025 жылдың наурыз айында «Қыз Жібек» фильмінің жаңа нұсқасы қайда көрсетілді?";
    let answer = ask_on(&index, question, "2026-12-07");
    assert!(answer.answered, "{}", answer.confidence);
    assert_eq!(answer.evidence[0].passage.doc_id, "premiere-march");
    let question = "2025 жылдың қазан айында «Қыз Жібек» фильмінің жаңа нұсқасы қайда көрсетілді?";
    let answer = ask_on(&index, question, "2026-12-07");
    assert_eq!(answer.evidence[0].passage.doc_id, "premiere-october");
}

#[test]
fn a_range_of_months_finds_a_document_of_a_month_between() {
    // A post of February answers «с января по март»: it is neither of January nor of March.
    let (_dir, index) = index_of(&[
        (
            "screening-february",
            "2025-02-10",
            "«Қыз Жібек» фильмі Шымкентте көрсетілді.",
        ),
        (
            "screening-may",
            "2025-05-10",
            "«Қыз Жібек» фильмі Таразда көрсетілді.",
        ),
    ]);
    for question in [
        "Где показали фильм «Қыз Жібек» с января по март 2025 года?",
        "2025 жылы қаңтардан наурызға дейін «Қыз Жібек» фильмі қай қалада көрсетілді?",
    ] {
        let answer = ask_on(&index, question, "2026-12-07");
        assert!(answer.answered, "{question}: {}", answer.confidence);
        assert_eq!(
            answer.evidence[0].passage.doc_id, "screening-february",
            "{question}"
        );
    }
}

#[test]
fn a_decade_finds_a_passage_naming_a_year_of_it() {
    // Two posts of 2025 about restored films: «1970 жылдары» is the one of 1975, not of 1998.
    let (_dir, index) = index_of(&[
        (
            "restored-1998",
            "2025-04-01",
            "1998 жылы түсірілген «Қайрат» фильмі қалпына келтірілді.",
        ),
        (
            "restored-1975",
            "2025-04-02",
            "1975 жылы түсірілген «Транссібір экспресі» фильмі қалпына келтірілді.",
        ),
    ]);
    for question in [
        "1970 жылдары түсірілген қай фильм қалпына келтірілді?",
        "Какой фильм, снятый в 1970-е годы, восстановили?",
    ] {
        let answer = ask_on(&index, question, "2026-12-07");
        assert_eq!(
            answer.evidence[0].passage.doc_id, "restored-1975",
            "{question}"
        );
    }
}

/// `kinotanu ask --json --today DAY QUESTION` over a copy of the seeds.
fn ask_cli_on(
    work: &std::path::Path,
    seeds: &std::path::Path,
    today: &str,
) -> std::process::Output {
    common::run(
        common::kinotanu(work)
            .env("KINOTANU_SEEDS_DIR", seeds)
            .env("KINOTANU_INDEX_DIR", work.join("index"))
            .args(["ask", "--json", "--today", today])
            .arg("Биыл Каннда қазақстандық стенд болды ма?"),
    )
}

#[test]
fn ask_and_eval_take_the_day_asked_and_refuse_a_bad_one_in_one_line() {
    let work = tempfile::tempdir().unwrap();
    let seeds = common::copy_of_seeds();
    // The seed article is of 2025: «биыл» answers in 2025, not in 2027.
    for (today, answered) in [("2025-10-22", true), ("2027-03-01", false)] {
        let output = ask_cli_on(work.path(), seeds.path(), today);
        assert!(output.status.success(), "{}", common::stderr(&output));
        assert_eq!(
            common::json_lines(&output)[0]["answered"],
            answered,
            "{today}"
        );
    }
    let questions = common::folder_with(&[(
        "q.jsonl",
        "{\"id\":\"q\",\"lang\":\"kk\",\"question\":\"Биыл Каннда қазақстандық стенд болды ма?\",\"answers\":[\"KazakhCinema\"]}\n".as_bytes(),
    )]);
    for (today, right) in [("2025-10-22", 1.0), ("2027-03-01", 0.0)] {
        let output = common::run(
            common::kinotanu(work.path())
                .env("KINOTANU_SEEDS_DIR", seeds.path())
                .env("KINOTANU_INDEX_DIR", work.path().join("index"))
                .args(["eval", "--json", "--today", today, "--questions"])
                .arg(questions.path().join("q.jsonl")),
        );
        assert!(output.status.success(), "{}", common::stderr(&output));
        let figures: serde_json::Value =
            serde_json::from_str(common::stdout(&output).trim()).unwrap();
        assert_eq!(
            figures["all"]["answer_right"].as_f64(),
            Some(right),
            "{today}: {figures}"
        );
    }
    for args in [
        &["ask", "--today", "2026-13-01", "кино"][..],
        &["ask", "--today", "yesterday", "кино"],
        &["eval", "--today", "07.12.2026", "--questions", "q.jsonl"],
    ] {
        let output = common::run(common::kinotanu(work.path()).args(args));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = common::stderr(&output);
        assert!(
            stderr.contains("--today") && stderr.contains("YYYY-MM-DD"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
    }
}
