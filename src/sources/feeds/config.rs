//! Which feeds to follow and how often: `KINOTANU_FEEDS` (comma-separated RSS 2.0 / Atom URLs,
//! http or https) and `KINOTANU_FEED_MINUTES` (the bot's polling interval, 30 by default).

use std::time::Duration;

use reqwest::Url;

pub const FEEDS_VAR: &str = "KINOTANU_FEEDS";
pub const FEED_MINUTES_VAR: &str = "KINOTANU_FEED_MINUTES";
pub const DEFAULT_FEED_MINUTES: u64 = 30;

/// The feeds to follow, in the order listed, each once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedList {
    urls: Vec<Url>,
}

impl FeedList {
    /// Parses the comma-separated list; every entry that is not an http(s) URL with a host is
    /// returned with its reason (`` `ftp://x` is not an http or https address``).
    pub fn parse(list: &str) -> (FeedList, Vec<String>) {
        let mut feeds = FeedList::default();
        let mut rejected = Vec::new();
        for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            match parse_feed_url(entry) {
                Ok(url) if !feeds.urls.contains(&url) => feeds.urls.push(url),
                Ok(_) => {}
                Err(reason) => rejected.push(format!("`{entry}` {reason}")),
            }
        }
        (feeds, rejected)
    }

    /// From `KINOTANU_FEEDS`: the feeds and the entries rejected.
    pub fn from_env() -> (FeedList, Vec<String>) {
        FeedList::parse(&std::env::var(FEEDS_VAR).unwrap_or_default())
    }

    pub fn urls(&self) -> &[Url] {
        &self.urls
    }

    pub fn is_empty(&self) -> bool {
        self.urls.is_empty()
    }
}

impl FromIterator<Url> for FeedList {
    fn from_iter<T: IntoIterator<Item = Url>>(iter: T) -> Self {
        let mut feeds = FeedList::default();
        for url in iter {
            if !feeds.urls.contains(&url) {
                feeds.urls.push(url);
            }
        }
        feeds
    }
}

fn parse_feed_url(entry: &str) -> Result<Url, &'static str> {
    let url = Url::parse(entry).map_err(|_| "is not a URL (e.g. https://kino.kz/rss.xml)")?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("is not an http or https address");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("has no host");
    }
    Ok(url)
}

/// `KINOTANU_FEED_MINUTES` as an interval: whole minutes, at least 1. Anything else is the
/// default, with the reason to warn about.
pub fn feed_interval(value: Option<&str>) -> (Duration, Option<String>) {
    let default = Duration::from_secs(DEFAULT_FEED_MINUTES * 60);
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return (default, None);
    };
    match value.parse::<u64>() {
        Ok(minutes) if (1..=7 * 24 * 60).contains(&minutes) => {
            (Duration::from_secs(minutes * 60), None)
        }
        _ => (
            default,
            Some(format!(
                "{FEED_MINUTES_VAR}=`{value}` is not a number of minutes from 1 to 10080: polling every {DEFAULT_FEED_MINUTES} minutes"
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_http_or_https_urls_listed_once() {
        let (feeds, rejected) = FeedList::parse(
            " https://kino.kz/rss.xml, ,http://127.0.0.1:8080/a.xml,ftp://x/y, kino.kz/rss, https://kino.kz/rss.xml",
        );
        let urls: Vec<&str> = feeds.urls().iter().map(Url::as_str).collect();
        assert_eq!(
            urls,
            ["https://kino.kz/rss.xml", "http://127.0.0.1:8080/a.xml"]
        );
        assert_eq!(
            rejected,
            [
                "`ftp://x/y` is not an http or https address",
                "`kino.kz/rss` is not a URL (e.g. https://kino.kz/rss.xml)"
            ]
        );
        assert!(FeedList::parse("").0.is_empty());
    }

    #[test]
    fn the_interval_is_whole_minutes_with_a_default() {
        assert_eq!(feed_interval(None), (Duration::from_secs(1800), None));
        assert_eq!(feed_interval(Some(" 5 ")), (Duration::from_secs(300), None));
        for bad in ["0", "-3", "half", "99999999"] {
            let (interval, warning) = feed_interval(Some(bad));
            assert_eq!(interval, Duration::from_secs(1800));
            assert!(warning.unwrap().contains(bad));
        }
    }
}
