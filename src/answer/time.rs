//! Time in answering. A question that names a time («биыл», «в 2024 году», «на этой неделе»)
//! prefers passages of documents of that time, and is answered only from one; among equally
//! good passages, the newer document's comes first — channels and feeds repeat "the festival
//! opens on…" in every version.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};

use crate::analysis::Words;
use crate::analysis::ablation;
use crate::analysis::time_words::{self, Period, TimeAsked};
use crate::corpus::Passage;

/// A passage of a document dated outside the period asked keeps this much of its score…
const OUTSIDE: f32 = 0.6;
/// …and this much more when other candidates are of that time.
const OUTSIDE_WHEN_OTHERS_FIT: f32 = 0.1;
/// …and one whose document has no date (and whose text does not name a year asked) this much.
const UNDATED: f32 = 0.8;
/// A year older than the newest candidate costs this share of the score (less for less).
const RECENCY: f32 = 0.03;
/// A document announcing a coming day or week is published before it: up to this many days.
const ANNOUNCED_DAYS: u64 = 14;
/// A report of a past day is published after it: up to this many days.
const REPORTED_DAYS: u64 = 3;

/// Today in Kazakhstan (UTC+5, one zone for the whole country since 2024), by the system clock.
pub fn today() -> NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let kazakhstan = FixedOffset::east_opt(5 * 3600).expect("a valid offset");
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .with_timezone(&kazakhstan)
        .date_naive()
}

/// The time a question names, seen from `today`; `None` when it names none (or time is
/// switched off).
pub fn asked(question: &str, today: NaiveDate) -> Option<TimeAsked> {
    if ablation::is_off("time") {
        return None;
    }
    time_words::asked(question, today)
}

/// How a passage stands to the period asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// Its document is dated in the period, or its text names the year asked.
    Inside,
    /// Its document is dated outside the period.
    Outside,
    /// Its document has no date.
    Undated,
}

/// Where a passage stands to `period`, a question asked on `today`; `words` are the passage's.
pub fn fit(period: &Period, passage: &Passage, words: Words<'_>, today: NaiveDate) -> Fit {
    // «В 2024 году пересмотрены правила» in a post of 2025 is of 2024.
    if let Some(years) = period.whole_years()
        && words
            .iter()
            .any(|w| w.norm.len() == 4 && w.norm.parse().is_ok_and(|y| years.contains(&y)))
    {
        return Fit::Inside;
    }
    let Some(date) = date_of(passage) else {
        return Fit::Undated;
    };
    // A period that reaches today or beyond («сегодня», «на этой неделе», «ертең») is announced
    // before it comes; a past one («вчера») is reported in the days after it.
    let (from, to) = if period.to >= today {
        let from = period.from.min(today);
        (
            from.checked_sub_days(Days::new(ANNOUNCED_DAYS))
                .unwrap_or(from),
            period.to,
        )
    } else {
        let to = period
            .to
            .checked_add_days(Days::new(REPORTED_DAYS))
            .unwrap_or(period.to);
        (period.from, to.min(today))
    };
    if (from..=to).contains(&date) {
        Fit::Inside
    } else {
        Fit::Outside
    }
}

/// What a passage's score is multiplied by: its fit to the period asked (`None`: none asked),
/// and its document's age against the newest dated candidate's. When some candidates are of the
/// time asked (`some_fit`), those of another time fall behind them: the answer is given only
/// from a document of the time asked, so one of another time that matched better must not stand
/// first and have the question refused.
pub fn factor(
    fit: Option<Fit>,
    some_fit: bool,
    passage: &Passage,
    newest: Option<NaiveDate>,
) -> f32 {
    if ablation::is_off("time") {
        return 1.0;
    }
    let fit = match fit {
        Some(Fit::Outside) if some_fit => OUTSIDE * OUTSIDE_WHEN_OTHERS_FIT,
        Some(Fit::Outside) => OUTSIDE,
        Some(Fit::Undated) => UNDATED,
        Some(Fit::Inside) | None => 1.0,
    };
    let age = match (newest, date_of(passage)) {
        (Some(newest), Some(date)) => (newest - date).num_days().clamp(0, 365) as f32 / 365.0,
        _ => 0.0,
    };
    fit * (1.0 - RECENCY * age)
}

/// The newest document date among passages.
pub fn newest<'a>(passages: impl IntoIterator<Item = &'a Passage>) -> Option<NaiveDate> {
    passages.into_iter().filter_map(date_of).max()
}

fn date_of(passage: &Passage) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(passage.date.as_deref()?, "%Y-%m-%d").ok()
}
