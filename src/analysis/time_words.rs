//! Time words in a question — «в 2024 году», «биыл», «в этом году», «на этой неделе», «бүгін»,
//! «ертең», «в октябре», «қазан айында» — resolved against a given day into the period they
//! name. The answer layer prefers documents of that period; "today" is a parameter, so that
//! tests fix it.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::words::{is_number, words};

/// A span of days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    fn year(year: i32) -> Option<Period> {
        Some(Period {
            from: NaiveDate::from_ymd_opt(year, 1, 1)?,
            to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    fn month(year: i32, month: u32) -> Option<Period> {
        let from = NaiveDate::from_ymd_opt(year, month, 1)?;
        let to = from.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(Period { from, to })
    }

    fn day(day: NaiveDate) -> Period {
        Period { from: day, to: day }
    }

    /// The years, when the period is whole calendar years.
    pub fn whole_years(&self) -> Option<std::ops::RangeInclusive<i32>> {
        let whole = self.from.ordinal() == 1 && self.to == Period::year(self.to.year())?.to;
        whole.then(|| self.from.year()..=self.to.year())
    }
}

/// Day words: (word, days from today).
const DAYS: &[(&str, i64)] = &[
    ("сегодня", 0),
    ("бүгін", 0),
    ("бүгінгі", 0),
    ("завтра", 1),
    ("ертең", 1),
    ("ертеңгі", 1),
    ("послезавтра", 2),
    ("бүрсігүні", 2),
    ("вчера", -1),
    ("кеше", -1),
    ("кешегі", -1),
];

/// Words that make the week, month or year after them this one, the last or the next.
const THIS: &[&str] = &[
    "этой",
    "эту",
    "этом",
    "этого",
    "текущей",
    "текущем",
    "текущего",
    "нынешнем",
    "осы",
    "бұл",
];
const LAST: &[&str] = &["прошлой", "прошлую", "прошлом", "прошлого", "өткен"];
const NEXT: &[&str] = &[
    "следующей",
    "следующую",
    "следующем",
    "следующего",
    "будущем",
    "будущего",
    "келесі",
];

/// The Kazakh words for this year and last year, in one word.
const THIS_YEAR: &[&str] = &["биыл", "биылғы"];
const LAST_YEAR: &[&str] = &["былтыр", "былтырғы"];

/// Russian month names in the forms a question uses (nominative, genitive, prepositional).
const MONTHS_RU: [&[&str]; 12] = [
    &["январь", "января", "январе"],
    &["февраль", "февраля", "феврале"],
    &["март", "марта", "марте"],
    &["апрель", "апреля", "апреле"],
    &["май", "мая", "мае"],
    &["июнь", "июня", "июне"],
    &["июль", "июля", "июле"],
    &["август", "августа", "августе"],
    &["сентябрь", "сентября", "сентябре"],
    &["октябрь", "октября", "октябре"],
    &["ноябрь", "ноября", "ноябре"],
    &["декабрь", "декабря", "декабре"],
];
/// Kazakh month names, taken with a case ending. «қазан» (also Kazan, a cauldron) and «маусым»
/// (also a season) count only before «ай» (month) as a time asked: «қазан айында».
pub(crate) const MONTHS_KK: [&str; 12] = [
    "қаңтар",
    "ақпан",
    "наурыз",
    "сәуір",
    "мамыр",
    "маусым",
    "шілде",
    "тамыз",
    "қыркүйек",
    "қазан",
    "қараша",
    "желтоқсан",
];
const AMBIGUOUS_KK: &[&str] = &["қазан", "маусым"];

/// The period the question's first time expression names, seen from `today`; `None` when it
/// names none.
pub fn resolve(question: &str, today: NaiveDate) -> Option<Period> {
    let words = words(question);
    let norms: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
    (0..norms.len()).find_map(|i| at(&norms, i, today))
}

/// The period named by the words starting at `i`.
fn at(words: &[&str], i: usize, today: NaiveDate) -> Option<Period> {
    let word = words[i];
    let next = words.get(i + 1).copied().unwrap_or("");
    let is_year_word =
        |w: &str| ["год", "жыл"].iter().any(|y| w.starts_with(y)) || matches!(w, "г" | "ж" | "гг");
    // «аптада», not «апталығы» (a week-long event, not this week).
    let is_week_word =
        |w: &str| w.starts_with("недел") || (w.starts_with("апта") && w.chars().count() <= 7);
    let is_month_word = |w: &str| w.starts_with("месяц") || matches!(w, "ай" | "айда" | "айы");
    if let Some(&(_, days)) = DAYS.iter().find(|(w, _)| *w == word) {
        return today
            .checked_add_signed(chrono::TimeDelta::days(days))
            .map(Period::day);
    }
    if THIS_YEAR.contains(&word) {
        return Period::year(today.year());
    }
    if LAST_YEAR.contains(&word) {
        return Period::year(today.year() - 1);
    }
    // «2024 жылы», «в 2024 году», «2024 г.»; «с 2020 года», «2020 жылдан бері»: since then.
    if is_number(word) && word.len() == 4 && is_year_word(next) {
        let year: i32 = word.parse().ok()?;
        let period = Period::year(year).filter(|_| (1900..=2100).contains(&year))?;
        let previous = if i > 0 { words[i - 1] } else { "" };
        // «1985-1991 жылдары», «в 2020–2025 годах»: the years between.
        let first_year = Some(previous)
            .filter(|p| is_number(p) && p.len() == 4)
            .and_then(|p| p.parse::<i32>().ok())
            .filter(|first| (1900..year).contains(first))
            .and_then(Period::year);
        if let Some(first) = first_year {
            return Some(Period {
                from: first.from,
                to: period.to,
            });
        }
        let after = words.get(i + 2).copied().unwrap_or("");
        let since = matches!(previous, "с" | "со" | "начиная") || after == "бері";
        return Some(if since && period.from <= today {
            Period {
                from: period.from,
                to: today,
            }
        } else {
            period
        });
    }
    let shift: Option<i32> = if THIS.contains(&word) {
        Some(0)
    } else if LAST.contains(&word) {
        Some(-1)
    } else if NEXT.contains(&word) {
        Some(1)
    } else {
        None
    };
    if let Some(shift) = shift {
        if is_year_word(next) {
            return Period::year(today.year() + shift);
        }
        if is_week_word(next) {
            let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
            let from = monday.checked_add_signed(chrono::TimeDelta::weeks(i64::from(shift)))?;
            return Some(Period {
                from,
                to: from + Days::new(6),
            });
        }
        if is_month_word(next) {
            let first = today.with_day(1)?;
            let first = if shift < 0 {
                first.checked_sub_months(Months::new(1))?
            } else {
                first.checked_add_months(Months::new(shift as u32))?
            };
            return Period::month(first.year(), first.month());
        }
        return None;
    }
    let month = month_of(word, next)?;
    // «в октябре 2024 года»: the year given; otherwise the last such month up to now.
    let year = words
        .get(i + 1..(i + 3).min(words.len()))
        .into_iter()
        .flatten()
        .find(|w| is_number(w) && w.len() == 4)
        .and_then(|w| w.parse().ok())
        .filter(|year| (1900..=2100).contains(year))
        .unwrap_or(if month <= today.month() {
            today.year()
        } else {
            today.year() - 1
        });
    Period::month(year, month)
}

/// The month (1–12) a word names, given the word after it.
fn month_of(word: &str, next: &str) -> Option<u32> {
    if let Some(i) = MONTHS_RU.iter().position(|forms| forms.contains(&word)) {
        return Some(i as u32 + 1);
    }
    let i = MONTHS_KK.iter().position(|stem| {
        word.strip_prefix(stem)
            .is_some_and(|ending| ending.chars().count() <= 4)
    })?;
    let before_month_word = next.starts_with("ай");
    (!AMBIGUOUS_KK.contains(&MONTHS_KK[i]) || before_month_word).then_some(i as u32 + 1)
}

/// Words that say when relative to today («бүгін», «биыл», «вчера»): they are resolved, never
/// searched for — a post of today does not say «сегодня».
pub fn is_relative_time_word(norm: &str) -> bool {
    DAYS.iter().any(|(w, _)| *w == norm) || THIS_YEAR.contains(&norm) || LAST_YEAR.contains(&norm)
}

#[cfg(test)]
mod tests {
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
            ("1985-1991 жылдары", period("1985-01-01", "1991-12-31")),
            ("в 2020–2025 годах", period("2020-01-01", "2025-12-31")),
        ];
        for (question, expected) in cases {
            assert_eq!(resolve(question, today), expected, "{question}");
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
}
