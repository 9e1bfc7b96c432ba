//! Time words in a question — «в 2024 году», «биыл», «в этом году», «на этой неделе», «бүгін»,
//! «ертең», «в октябре», «қазан айында» — resolved against a given day into the period they
//! name. The answer layer prefers documents of that period; "today" is a parameter, so that
//! tests fix it.

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::words::{is_number, words};
use tense::Tense;

mod tense;
mod years;

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

/// Russian words before a year that bound the time asked by it: since it, after it, before it.
const SINCE: &[&str] = &["с", "со", "начиная"];
const AFTER: &[&str] = &["после", "позже", "позднее"];
const BEFORE: &[&str] = &["до", "раньше", "ранее"];
/// The words around a range's first year or month, and before its last: «с 2023 по 2025»,
/// «от января до марта».
const RANGE_FROM: &[&str] = &["с", "со", "от"];
const RANGE_TO: &[&str] = &["по", "до"];

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

/// A time a question names: the period, and the words that name it (normalised), which a
/// document of that period need not repeat.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeAsked {
    pub period: Period,
    pub words: Vec<String>,
}

/// The period the question's first time expression names, seen from `today`; `None` when it
/// names none.
pub fn resolve(question: &str, today: NaiveDate) -> Option<Period> {
    asked(question, today).map(|asked| asked.period)
}

/// The question's first time expression, seen from `today`: its period and its words.
pub fn asked(question: &str, today: NaiveDate) -> Option<TimeAsked> {
    let words = words(question);
    let norms: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
    // «2024-жылы», «2024-ж.»: the year word glued to the number is not a word of its own.
    let year_glued: Vec<bool> = words
        .iter()
        .map(|w| year_word_glued(&question[w.end..]))
        .collect();
    let reading = Reading {
        words: &norms,
        year_glued: &year_glued,
        today,
        tense: tense::of(&norms),
    };
    (0..norms.len()).find_map(|i| {
        let (period, span) = reading.at(i)?;
        Some(TimeAsked {
            period,
            words: norms[span].iter().map(|w| w.to_string()).collect(),
        })
    })
}

/// Whether the text right after a number starts with a hyphen and a year word: «-жылы», «-ж».
fn year_word_glued(after: &str) -> bool {
    let Some(after) = after.strip_prefix('-') else {
        return false;
    };
    let suffix: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    suffix.chars().count() <= 4 && is_year_word(&suffix)
}

fn is_year_word(word: &str) -> bool {
    ["год", "жыл"].iter().any(|y| word.starts_with(y)) || matches!(word, "г" | "ж" | "гг" | "жж")
}

/// A year of the range a time word may name.
fn year_of(word: &str) -> Option<i32> {
    if !is_number(word) || word.len() != 4 {
        return None;
    }
    word.parse()
        .ok()
        .filter(|year| (1900..=2100).contains(year))
}

/// A question's words, read for time expressions.
struct Reading<'a> {
    words: &'a [&'a str],
    year_glued: &'a [bool],
    today: NaiveDate,
    tense: Option<Tense>,
}

impl Reading<'_> {
    fn word(&self, i: usize) -> &str {
        self.words.get(i).copied().unwrap_or("")
    }

    /// The word before the one at `i` ("" for the first).
    fn word_before(&self, i: usize) -> &str {
        i.checked_sub(1).map_or("", |before| self.word(before))
    }

    /// After the number at `i`, the index past its year word («2024 жылы», «2024-жылы»); `None`
    /// when no year word follows.
    fn past_year_word(&self, i: usize) -> Option<usize> {
        if self.year_glued.get(i).copied().unwrap_or(false) {
            Some(i + 1)
        } else {
            is_year_word(self.word(i + 1)).then_some(i + 2)
        }
    }

    /// The period named by the words starting at `i`, and the words naming it.
    fn at(&self, i: usize) -> Option<(Period, Range<usize>)> {
        let (word, next, today) = (self.word(i), self.word(i + 1), self.today);
        // «аптада», not «апталығы» (a week-long event, not this week).
        let is_week_word =
            |w: &str| w.starts_with("недел") || (w.starts_with("апта") && w.chars().count() <= 7);
        let is_month_word = |w: &str| w.starts_with("месяц") || matches!(w, "ай" | "айда" | "айы");
        if let Some(&(_, days)) = DAYS.iter().find(|(w, _)| *w == word) {
            let day = today.checked_add_signed(chrono::TimeDelta::days(days))?;
            return Some((Period::day(day), i..i + 1));
        }
        if THIS_YEAR.contains(&word) {
            return Some((Period::year(today.year())?, i..i + 1));
        }
        if LAST_YEAR.contains(&word) {
            return Some((Period::year(today.year() - 1)?, i..i + 1));
        }
        if year_of(word).is_some() {
            return self.years_at(i);
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
            let span = i..i + 2;
            if is_year_word(next) {
                return Some((Period::year(today.year() + shift)?, span));
            }
            if is_week_word(next) {
                let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()));
                let from = monday.checked_add_signed(chrono::TimeDelta::weeks(i64::from(shift)))?;
                let to = from + Days::new(6);
                return Some((Period { from, to }, span));
            }
            if is_month_word(next) {
                let first = today.with_day(1)?;
                let first = if shift < 0 {
                    first.checked_sub_months(Months::new(1))?
                } else {
                    first.checked_add_months(Months::new(shift as u32))?
                };
                return Some((Period::month(first.year(), first.month())?, span));
            }
            return None;
        }
        let (first, last, mut end) = self.months_at(i)?;
        // «в октябре 2024 года», «с января по март 2025 года»: the year given; otherwise the
        // nearest such month.
        let look = if first == last { i + 1 } else { end };
        let given = (look..(look + 2).min(self.words.len()))
            .find(|&k| is_number(self.words[k]) && self.words[k].len() == 4)
            .and_then(|k| Some((k, year_of(self.words[k])?)));
        let year = match given {
            Some((k, year)) => {
                end = self.past_year_word(k).unwrap_or(k + 1);
                year
            }
            None => nearest_year_of(first, today, self.tense),
        };
        let start = if first != last && RANGE_FROM.contains(&self.word_before(i)) {
            i - 1
        } else {
            i
        };
        Some((months(year, first, last)?, start..end))
    }

    /// The months named from `i`: one («в октябре», «қазан айында») or a range of one year's
    /// («с января по март», «с января до марта», «қаңтардан наурызға дейін»), and the index
    /// past their words.
    fn months_at(&self, i: usize) -> Option<(u32, u32, usize)> {
        let first = month_of(self.word(i), self.word(i + 1))?;
        let past_month = |k: usize| {
            if self.word(k + 1).starts_with("ай") {
                k + 2
            } else {
                k + 1
            }
        };
        let end = past_month(i);
        let russian = RANGE_TO.contains(&self.word(end));
        let j = if russian { end + 1 } else { end };
        if let Some(last) = month_of(self.word(j), self.word(j + 1)).filter(|&last| last > first) {
            let past = past_month(j);
            if russian {
                return Some((first, last, past));
            }
            if matches!(self.word(past), "дейін" | "шейін") {
                return Some((first, last, past + 1));
            }
        }
        Some((first, first, end))
    }
}

/// The months `first` to `last` of `year`.
fn months(year: i32, first: u32, last: u32) -> Option<Period> {
    Some(Period {
        from: Period::month(year, first)?.from,
        to: Period::month(year, last)?.to,
    })
}

/// The year of the `month` nearest `today`: this month is this year's; otherwise the last one
/// for a question in the past tense, the next one for the future tense, and whichever is nearer
/// when the tense is not known (the last on a tie: a corpus reports more than it announces).
fn nearest_year_of(month: u32, today: NaiveDate, tense: Option<Tense>) -> i32 {
    let (year, this_month) = (today.year(), today.month());
    if month == this_month {
        return year;
    }
    let (last, next) = if month < this_month {
        (year, year + 1)
    } else {
        (year - 1, year)
    };
    let months_since = (this_month + 12 - month) % 12;
    let months_until = (month + 12 - this_month) % 12;
    match tense {
        Some(Tense::Past) => last,
        Some(Tense::Future) => next,
        None if months_until < months_since => next,
        None => last,
    }
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
mod tests;
