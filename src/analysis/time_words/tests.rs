//! Time words resolved against fixed days: the period each names, and the words naming it.

use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn period(from: &str, to: &str) -> Option<Period> {
    Some(Period {
        from: day(from),
        to: day(to),
    })
}

#[test]
fn words_resolve_against_the_day_given() {
    // A Wednesday.
    let today = day("2025-10-22");
    let cases = [
        (
            "Что покажут в кинотеатрах в 2024 году?",
            period("2024-01-01", "2024-12-31"),
        ),
        (
            "2024 жылы қандай фильмдер шықты?",
            period("2024-01-01", "2024-12-31"),
        ),
        (
            "Биыл қандай фильм түсірілді?",
            period("2025-01-01", "2025-12-31"),
        ),
        (
            "Какие фильмы вышли в этом году?",
            period("2025-01-01", "2025-12-31"),
        ),
        ("Былтыр не болды?", period("2024-01-01", "2024-12-31")),
        (
            "Что было в прошлом году?",
            period("2024-01-01", "2024-12-31"),
        ),
        (
            "Что идет на этой неделе?",
            period("2025-10-20", "2025-10-26"),
        ),
        (
            "Келесі аптада не болады?",
            period("2025-10-27", "2025-11-02"),
        ),
        (
            "Бүгін қандай фильм бар?",
            period("2025-10-22", "2025-10-22"),
        ),
        (
            "Ертең Астанада қандай фильмдер шығады?",
            period("2025-10-23", "2025-10-23"),
        ),
        ("Что показывали вчера?", period("2025-10-21", "2025-10-21")),
        (
            "Какие премьеры в октябре?",
            period("2025-10-01", "2025-10-31"),
        ),
        ("Что было в ноябре?", period("2024-11-01", "2024-11-30")),
        ("в октябре 2023 года", period("2023-10-01", "2023-10-31")),
        // Not a year: «1000 билетов в октябре» is this October's.
        ("в октябре 1000 билетов", period("2025-10-01", "2025-10-31")),
        ("Қазан айында не болды?", period("2025-10-01", "2025-10-31")),
        (
            "Наурызда фестиваль өтті ме?",
            period("2025-03-01", "2025-03-31"),
        ),
        ("с 2020 года", period("2020-01-01", "2025-10-22")),
        ("2020 жылдан бері", period("2020-01-01", "2025-10-22")),
        ("после 2020 года", period("2021-01-01", "2025-10-22")),
        ("2020 жылдан кейін", period("2021-01-01", "2025-10-22")),
        ("1985-1991 жылдары", period("1985-01-01", "1991-12-31")),
        ("в 2020–2025 годах", period("2020-01-01", "2025-12-31")),
        (
            "2024-жылы қандай фильм шықты?",
            period("2024-01-01", "2024-12-31"),
        ),
        ("2024-ж. премьералары", period("2024-01-01", "2024-12-31")),
        (
            "1985-1991 жж. не болды?",
            period("1985-01-01", "1991-12-31"),
        ),
    ];
    for (question, expected) in cases {
        assert_eq!(resolve(question, today), expected, "{question}");
    }
}

#[test]
fn a_range_of_years_is_the_years_between() {
    let today = day("2026-12-07");
    for question in [
        "Какие фильмы сняты с 2023 по 2025 год?",
        "Какие фильмы сняты с 2023 года по 2025?",
        "Какие фильмы сняты в 2023–2025 годы?",
        "2023-2025 жылдары қандай фильмдер түсірілді?",
        "2023 жылдан 2025 жылға дейін қандай фильмдер түсірілді?",
        "2023 жылдан бастап 2025 жылға дейін не болды?",
    ] {
        let expected = period("2023-01-01", "2025-12-31");
        assert_eq!(resolve(question, today), expected, "{question}");
    }
    // No year word: numbers, not years; and a range that runs backwards is none.
    assert_eq!(resolve("от 2000 до 2100 зрителей", today), None);
    assert_eq!(
        resolve("с 2025 по 2023 год", today),
        period("2023-01-01", "2023-12-31")
    );
}

#[test]
fn a_year_with_before_is_the_years_before_it() {
    let today = day("2026-12-07");
    for question in [
        "Какие фильмы сняты до 2020 года?",
        "Какие фильмы сняты раньше 2020 года?",
        "2020 жылға дейін қандай фильмдер түсірілді?",
    ] {
        let expected = period("1900-01-01", "2019-12-31");
        assert_eq!(resolve(question, today), expected, "{question}");
        assert_eq!(expected.unwrap().whole_years(), Some(1900..=2019));
    }
    assert_eq!(
        resolve("Какие фильмы сняты до 2020 года включительно?", today),
        period("1900-01-01", "2020-12-31")
    );
    // The end of a range whose first number is before 1900 is not «before».
    for question in [
        "1853 жылдан 1905 жылға дейін не болды?",
        "Что было с 1853 до 1905 года?",
    ] {
        assert_eq!(
            resolve(question, today),
            period("1905-01-01", "1905-12-31"),
            "{question}"
        );
    }
    let words = |question| asked(question, today).map(|asked| asked.words);
    assert_eq!(
        words("Что сняли до 2020 года?"),
        Some(vec![
            "до".to_string(),
            "2020".to_string(),
            "года".to_string()
        ])
    );
    assert_eq!(
        words("2020 жылға дейін не түсірілді?"),
        Some(vec![
            "2020".to_string(),
            "жылға".to_string(),
            "дейін".to_string()
        ])
    );
}

#[test]
fn a_month_after_its_year_is_that_month_of_that_year() {
    let today = day("2026-12-07");
    let cases = [
        (
            "2025 жылдың қазан айында қандай фильмдер шықты?",
            period("2025-10-01", "2025-10-31"),
        ),
        (
            "2024 жылы наурызда қандай фильм түсірілді?",
            period("2024-03-01", "2024-03-31"),
        ),
        (
            "Что вышло в 2024 году в марте?",
            period("2024-03-01", "2024-03-31"),
        ),
        // Kazan the city, not October: the whole year.
        (
            "2024 жылы Қазан қаласында фестиваль өтті ме?",
            period("2024-01-01", "2024-12-31"),
        ),
    ];
    for (question, expected) in cases {
        assert_eq!(resolve(question, today), expected, "{question}");
    }
    assert_eq!(
        asked("2025 жылдың қазан айында не болды?", today).map(|asked| asked.words),
        Some(
            ["2025", "жылдың", "қазан", "айында"]
                .map(String::from)
                .to_vec()
        )
    );
}

#[test]
fn a_range_of_months_is_the_months_between() {
    let today = day("2026-12-07");
    for question in [
        "Какие фильмы вышли с января по март 2025 года?",
        "Что вышло с января до марта 2025 года?",
        "2025 жылы қаңтардан наурызға дейін қандай фильмдер шықты?",
        "2025 жылдың қаңтарынан наурызына дейін не болды?",
    ] {
        let expected = period("2025-01-01", "2025-03-31");
        assert_eq!(resolve(question, today), expected, "{question}");
    }
    // Without a year: this year's, the question being in the past tense.
    assert_eq!(
        resolve("Қаңтардан наурызға дейін қандай фильмдер шықты?", today),
        period("2026-01-01", "2026-03-31")
    );
    assert_eq!(
        asked("Что вышло с января по март 2025 года?", today).map(|asked| asked.words),
        Some(
            ["с", "января", "по", "март", "2025", "года"]
                .map(String::from)
                .to_vec()
        )
    );
}

#[test]
fn a_round_year_before_a_plural_year_word_is_its_decade() {
    let today = day("2026-12-07");
    for question in [
        "1970 жылдары қандай қазақ фильмдері түсірілді?",
        "1970 жылдардағы қазақ киносы туралы айтыңыз",
        "Какие казахские фильмы сняты в 1970-е годы?",
        "Какие фильмы снимали в 1970-х годах?",
    ] {
        let expected = period("1970-01-01", "1979-12-31");
        assert_eq!(resolve(question, today), expected, "{question}");
    }
    // One year, a range, and a year not round are read as before.
    assert_eq!(
        resolve("1970 жылы қандай фильм түсірілді?", today),
        period("1970-01-01", "1970-12-31")
    );
    assert_eq!(
        resolve("1965-1970 жылдары не түсірілді?", today),
        period("1965-01-01", "1970-12-31")
    );
    assert_eq!(
        resolve("1975 жылдары не түсірілді?", today),
        period("1975-01-01", "1975-12-31")
    );
    // «since the 1980s» is since 1980.
    assert_eq!(
        resolve("Что идёт с 1980-х годов?", today),
        period("1980-01-01", "2026-12-07")
    );
}

#[test]
fn a_month_without_a_year_is_the_nearest_one_unless_the_verb_says() {
    // 7 December: next January is weeks away, the last one eleven months back.
    let today = day("2026-12-07");
    let cases = [
        (
            "Какой фильм выйдет в январе?",
            period("2027-01-01", "2027-01-31"),
        ),
        (
            "Какие премьеры в январе?",
            period("2027-01-01", "2027-01-31"),
        ),
        (
            "Қаңтарда қандай фильм шығады?",
            period("2027-01-01", "2027-01-31"),
        ),
        (
            "Какой фильм вышел в январе?",
            period("2026-01-01", "2026-01-31"),
        ),
        (
            "Қаңтарда фестиваль өтті ме?",
            period("2026-01-01", "2026-01-31"),
        ),
        (
            "Какие премьеры в ноябре?",
            period("2026-11-01", "2026-11-30"),
        ),
        // The future tense takes the next May, the past the last, none the nearer.
        ("Что покажут в мае?", period("2027-05-01", "2027-05-31")),
        ("Что показывали в мае?", period("2026-05-01", "2026-05-31")),
        ("Какие премьеры в мае?", period("2027-05-01", "2027-05-31")),
        // Six months either way: the last.
        ("Какие премьеры в июне?", period("2026-06-01", "2026-06-30")),
        // This month is this year's, whatever the tense.
        ("Что было в декабре?", period("2026-12-01", "2026-12-31")),
        ("Желтоқсанда не болады?", period("2026-12-01", "2026-12-31")),
    ];
    for (question, expected) in cases {
        assert_eq!(resolve(question, today), expected, "{question}");
    }
}

#[test]
fn the_words_of_the_time_asked_are_given_with_it() {
    let today = day("2026-12-07");
    let words = |question| asked(question, today).map(|asked| asked.words);
    let cases = [
        (
            "Какие фильмы вышли в октябре 2025 года?",
            vec!["октябре", "2025", "года"],
        ),
        ("Какие фильмы вышли с 2025 года?", vec!["с", "2025", "года"]),
        ("2020 жылдан бері не болды?", vec!["2020", "жылдан", "бері"]),
        ("Что вышло после 2020 года?", vec!["после", "2020", "года"]),
        (
            "2020 жылдан кейін не болды?",
            vec!["2020", "жылдан", "кейін"],
        ),
        ("с 2023 по 2025 год", vec!["с", "2023", "по", "2025", "год"]),
        ("Қазан айында не болды?", vec!["қазан", "айында"]),
        ("Что было в прошлом году?", vec!["прошлом", "году"]),
    ];
    for (question, expected) in cases {
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(words(question), Some(expected), "{question}");
    }
}

#[test]
fn words_that_only_look_like_time_words_name_no_time() {
    let today = day("2025-10-22");
    for question in [
        "Қазанда фестиваль өтті ме?",
        "Маусымның ең үздік фильмі қайсы?",
        "Кино апталығы болды ма?",
        "Бұл фильм қашан шықты?",
        "Сколько стоит 1000 билетов?",
    ] {
        assert_eq!(resolve(question, today), None, "{question}");
    }
}

#[test]
fn whole_years_are_told_apart() {
    let years = |from, to| period(from, to).unwrap().whole_years();
    assert_eq!(years("2024-01-01", "2024-12-31"), Some(2024..=2024));
    assert_eq!(years("2020-01-01", "2025-12-31"), Some(2020..=2025));
    assert_eq!(years("2024-10-01", "2024-10-31"), None);
}
