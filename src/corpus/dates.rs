//! Dates as the corpus keeps them: `YYYY-MM-DD`, nothing finer. Pages, Word files and exports
//! write dates in many forms (ISO 8601 with a time and zone, `20.10.2025`, `/2025/10/20/` in a
//! link); these functions find the calendar day in them and check it is one.

/// The day of a date written as `2025-10-20`, `2025-10-20T12:34:56+05:00`, `2025/10/20` or
/// `20.10.2025` (with anything after it), if it is a real day.
pub fn normalize_date(text: &str) -> Option<String> {
    let text = text.trim();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let head = text.get(..10).filter(|s| s.is_ascii());
    let year_first = head.filter(|s| {
        let b = s.as_bytes();
        (b[4] == b'-' || b[4] == b'/') && b[7] == b[4] && digits(&s[..4]) && digits(&s[5..7])
    });
    if let Some(s) = year_first {
        return day(&s[..4], &s[5..7], &s[8..10]).filter(|_| ends_cleanly(text, 10));
    }
    let day_first = head.filter(|s| {
        let b = s.as_bytes();
        b[2] == b'.' && b[5] == b'.'
    })?;
    day(&day_first[6..10], &day_first[3..5], &day_first[..2]).filter(|_| ends_cleanly(text, 10))
}

/// A date in a link's path: `/2025/10/20/`, `/2025-10-20-…` or `/20251020/` style segments.
pub fn date_in_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let segments: Vec<&str> = path.split('/').collect();
    for window in segments.windows(3) {
        if window[0].len() == 4 && window[1].len() <= 2 && window[2].len() >= 2 {
            let dd = window[2].get(..2).unwrap_or("");
            if let Some(found) = day(window[0], window[1], dd) {
                return Some(found);
            }
        }
    }
    segments.iter().find_map(|segment| {
        (0..segment.len().saturating_sub(9)).find_map(|start| {
            let candidate = segment.get(start..start + 10)?;
            let before_ok = start == 0 || !segment.as_bytes()[start - 1].is_ascii_digit();
            (before_ok && candidate.as_bytes()[4] == b'-')
                .then(|| normalize_date(candidate))
                .flatten()
        })
    })
}

/// The calendar day of a Unix time in Kazakhstan (UTC+5, one zone for the whole country
/// since March 2024): the day a reader there saw the post.
pub fn day_of_unix_time(seconds: i64) -> Option<String> {
    let offset = chrono::FixedOffset::east_opt(5 * 3600)?;
    let time = chrono::DateTime::from_timestamp(seconds, 0)?.with_timezone(&offset);
    Some(time.format("%Y-%m-%d").to_string())
}

fn ends_cleanly(text: &str, at: usize) -> bool {
    text[at..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_ascii_digit())
}

fn day(year: &str, month: &str, day: &str) -> Option<String> {
    let (y, m, d): (i32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    if !(1800..=2200).contains(&y) || year.len() != 4 {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|date| date.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_dates() {
        assert_eq!(normalize_date("2025-10-20").as_deref(), Some("2025-10-20"));
        assert_eq!(
            normalize_date("2025-10-20T12:34:56+05:00").as_deref(),
            Some("2025-10-20")
        );
        assert_eq!(
            normalize_date("20.10.2025 12:00").as_deref(),
            Some("2025-10-20")
        );
        assert_eq!(normalize_date("2025/10/20").as_deref(), Some("2025-10-20"));
        assert_eq!(normalize_date("2025-02-30"), None);
        assert_eq!(normalize_date("2025-10-201"), None);
        assert_eq!(normalize_date("вчера"), None);
        assert_eq!(normalize_date("ә"), None);
    }

    #[test]
    fn dates_in_links() {
        let url = "https://kino.kz/news/2025/10/20/festival";
        assert_eq!(date_in_url(url).as_deref(), Some("2025-10-20"));
        let url = "https://kino.kz/kk/2025-09-01-ashyldy?id=3";
        assert_eq!(date_in_url(url).as_deref(), Some("2025-09-01"));
        assert_eq!(date_in_url("https://kino.kz/news/12345"), None);
        assert_eq!(date_in_url("https://kino.kz/ә/ғ/қ"), None);
    }

    #[test]
    fn unix_times_in_kazakhstan() {
        // 2025-10-20 20:00 UTC is already the 21st in Almaty.
        assert_eq!(
            day_of_unix_time(1_760_990_400).as_deref(),
            Some("2025-10-21")
        );
        assert_eq!(
            day_of_unix_time(1_760_900_000).as_deref(),
            Some("2025-10-19")
        );
    }
}
