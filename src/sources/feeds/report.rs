//! What a round of polling did: per feed, how it ended, its items new, updated and seen, the
//! pages fetched, and the pages and items that could not be read (`URL: reason`).

use reqwest::Url;

/// How one feed's round ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedOutcome {
    /// Read: its new and updated items are stored.
    Read,
    /// The server said it had not changed (304): nothing was fetched again.
    NotModified,
    /// Not read; tried again next round.
    Failed(String),
}

/// What a round did with one feed.
#[derive(Debug, Clone)]
pub struct FeedReport {
    pub url: Url,
    pub title: Option<String>,
    pub outcome: FeedOutcome,
    /// Items stored for the first time.
    pub added: usize,
    /// Items stored before whose document changed.
    pub updated: usize,
    /// Items seen before and not fetched again (or fetched again and found the same).
    pub seen: usize,
    /// Linked pages fetched.
    pub pages: usize,
    /// New or updated items left for the next round: this round fetched as many pages from
    /// the feed as one round may.
    pub deferred: usize,
    /// For items stored by another feed already (the same page): that feed, once per item.
    pub also_elsewhere: Vec<String>,
    /// Pages and items that could not be read, `URL: reason`, one line each.
    pub problems: Vec<String>,
}

impl FeedReport {
    pub(super) fn new(url: &Url) -> FeedReport {
        FeedReport {
            url: url.clone(),
            title: None,
            outcome: FeedOutcome::Failed(String::new()),
            added: 0,
            updated: 0,
            seen: 0,
            pages: 0,
            deferred: 0,
            also_elsewhere: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// `3 new, 1 updated, 12 seen, 4 pages` / `not modified` / `failed: HTTP 500`.
    pub fn summary(&self) -> String {
        match &self.outcome {
            FeedOutcome::Read => {
                let mut summary = format!(
                    "{} new, {} updated, {} seen, {} page{} fetched",
                    self.added,
                    self.updated,
                    self.seen,
                    self.pages,
                    if self.pages == 1 { "" } else { "s" }
                );
                if self.deferred > 0 {
                    summary.push_str(&format!(", {} left for the next round", self.deferred));
                }
                summary
            }
            FeedOutcome::NotModified => "not modified since the last fetch (304)".to_string(),
            FeedOutcome::Failed(reason) => format!("failed: {reason}"),
        }
    }
}

/// What a round did.
#[derive(Debug, Default)]
pub struct RoundReport {
    pub feeds: Vec<FeedReport>,
    /// Another process was polling the feeds: this round did nothing.
    pub busy: bool,
}

impl RoundReport {
    /// Items added or updated: the index has something new.
    pub fn stored(&self) -> usize {
        self.feeds.iter().map(|f| f.added + f.updated).sum()
    }

    pub fn failed(&self) -> usize {
        self.feeds
            .iter()
            .filter(|f| matches!(f.outcome, FeedOutcome::Failed(_)))
            .count()
    }
}
