//! Years in a question: one year, the years since or after one, the years before one, a range
//! of years, and a year with its month («2025 жылдың қазан айында»).

use std::ops::Range;

use super::{
    AFTER, BEFORE, Period, RANGE_FROM, RANGE_TO, Reading, SINCE, is_number, months, year_of,
};

/// The first year [`Period`]s reach back to: «до 2020 года» is every year before 2020 that a
/// question may name (`year_of`).
const EARLIEST_YEAR: i32 = 1900;

impl Reading<'_> {
    /// The years named by the number at `i`: «2024 жылы», «в 2024 году», «2024 г.»; since then,
    /// «с 2020 года», «2020 жылдан бері»; after it, «после 2020 года», «2020 жылдан кейін»;
    /// before it, «до 2020 года», «2020 жылға дейін»; the years between, «1985-1991 жылдары»,
    /// «с 2023 по 2025 год», «2023 жылдан 2025 жылға дейін»; its decade, «1970 жылдары»; a
    /// month of it, «2025 жылдың қазан айында».
    pub(super) fn years_at(&self, i: usize) -> Option<(Period, Range<usize>)> {
        if let Some(range) = self.range_from(i) {
            return Some(range);
        }
        let year = year_of(self.word(i))?;
        if let Some(decade) = self.decade_at(i, year) {
            return Some(decade);
        }
        let end = self.past_year_word(i)?;
        let period = Period::year(year)?;
        let previous = self.word_before(i);
        // «1985-1991 жылдары», «в 2020–2025 годах»: the years between.
        if let Some(first) = year_of(previous).filter(|first| *first < year) {
            let from = Period::year(first)?.from;
            return Some((
                Period {
                    from,
                    to: period.to,
                },
                i - 1..end,
            ));
        }
        // «2025 жылдың қазан айында», «2024 года в октябре»: that month of the year.
        if let Some((first, last, past)) = self.month_after(end) {
            return Some((months(year, first, last)?, i..past));
        }
        // «до 2020 года», «2020 жылға дейін»: the years before it («включительно»: and it).
        // Not the end of a range whose first number is no year of ours: «с 1853 до 1905 года».
        let range_end = self.words[i.saturating_sub(4)..i]
            .iter()
            .any(|w| is_number(w));
        let before_word = BEFORE.contains(&previous);
        let before = !range_end
            && (before_word
                || (matches!(self.word(end), "дейін" | "шейін") && self.word(i + 1) == "жылға"));
        if before {
            let start = if before_word { i - 1 } else { i };
            let (last, end) = match self.word(end) {
                "включительно" => (year, end + 1),
                "дейін" | "шейін" => (year.checked_sub(1)?, end + 1),
                _ => (year.checked_sub(1)?, end),
            };
            let period = Period {
                from: Period::year(EARLIEST_YEAR)?.from,
                to: Period::year(last)?.to,
            };
            return (period.from <= period.to).then_some((period, start..end));
        }
        let since_word = SINCE.contains(&previous);
        let since = since_word || self.word(end) == "бері";
        // «после 1935 года», «2020 жылдан кейін»: from the next year on.
        let after_word = AFTER.contains(&previous);
        let after = after_word || (self.word(end) == "кейін" && self.word(i + 1) == "жылдан");
        let start = if since_word || after_word { i - 1 } else { i };
        let end = if matches!(self.word(end), "бері" | "кейін") {
            end + 1
        } else {
            end
        };
        let from = if after {
            Period::year(year.checked_add(1)?)?.from
        } else {
            period.from
        };
        let period = if (since || after) && from <= self.today {
            Period {
                from,
                to: self.today,
            }
        } else {
            period
        };
        Some((period, start..end))
    }

    /// A range of years starting at the number at `i`: «с 2023 по 2025 год», «с 2023 года до
    /// 2025», «2023 жылдан 2025 жылға дейін»; a year word after either number.
    fn range_from(&self, i: usize) -> Option<(Period, Range<usize>)> {
        let first = year_of(self.word(i))?;
        let first_marked = self.past_year_word(i);
        let mut j = first_marked.unwrap_or(i + 1);
        if RANGE_TO.contains(&self.word(j)) {
            j += 1;
        } else if self.word(i + 1) == "жылдан" {
            if self.word(j) == "бастап" {
                j += 1;
            }
        } else {
            return None;
        }
        let last = year_of(self.word(j)).filter(|last| *last > first)?;
        let last_marked = self.past_year_word(j);
        first_marked.or(last_marked)?;
        let mut end = last_marked.unwrap_or(j + 1);
        if matches!(self.word(end), "дейін" | "шейін" | "включительно") {
            end += 1;
        }
        let start = if RANGE_FROM.contains(&self.word_before(i)) {
            i - 1
        } else {
            i
        };
        let period = Period {
            from: Period::year(first)?.from,
            to: Period::year(last)?.to,
        };
        Some((period, start..end))
    }

    /// The decade named by `year` at `i`, the year alone before a plural year word: «1970
    /// жылдары», «1970 жылдардағы», «в 1970-е годы», «в 1970-х годах» are the seventies, not
    /// 1970. A range («1965-1970 жылдары») is read before this.
    fn decade_at(&self, i: usize, year: i32) -> Option<(Period, Range<usize>)> {
        if year % 10 != 0 {
            return None;
        }
        // «1970-е»: the letters glued to the number are not words of their own.
        let plural = |w: &str| w.starts_with("жылдар") || matches!(w, "годы" | "годах" | "годов");
        if !plural(self.word(i + 1)) {
            return None;
        }
        let end = i + 2;
        // «с 1980-х годов», «до 1990-х годов» are read from the year, as «с 1980 года» is.
        let previous = self.word_before(i);
        let bounded = [SINCE, AFTER, BEFORE].iter().any(|w| w.contains(&previous));
        if bounded || year_of(previous).is_some() {
            return None;
        }
        let period = Period {
            from: Period::year(year)?.from,
            to: Period::year(year + 9)?.to,
        };
        Some((period, i..end))
    }

    /// The months named at `at` (after a year and its year word), and the index past their
    /// words: «қазан айында», «в октябре», «қаңтарынан наурызына дейін».
    fn month_after(&self, at: usize) -> Option<(u32, u32, usize)> {
        let at = if self.word(at) == "в" { at + 1 } else { at };
        self.months_at(at)
    }
}
