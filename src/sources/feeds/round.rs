//! One round of polling: every feed fetched (conditionally), its new and updated items turned
//! into documents — the linked page fetched and read, else the item's own text — and written
//! to the corpus of record with the feed's state. A feed that fails is reported and tried again
//! next round; the others go on. Feeds are polled a few at a time, requests to one host one at
//! a time ([`Fetcher`]). The caller syncs the index afterwards.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Result;
use indicatif::ProgressBar;
use reqwest::Url;
use tokio::task::JoinSet;

use super::address::Reach;
use super::config::FeedList;
use super::http::{FetchError, FetchLimits, Fetcher, Outcome, Validators, is_html};
use super::items::{FeedItem, StoredItem, item_doc_id, item_document, parse_feed};
use super::report::{FeedOutcome, FeedReport, RoundReport};
use super::store::{FeedState, FeedStore, ItemRecord, Owner, SeenItem};
use crate::corpus::{self, Document};
use crate::sources::post_store::Written;

/// Which feed stores each document id: a page two feeds link to is one document.
type Claims = Arc<Mutex<HashMap<String, Owner>>>;

/// Feeds polled at once (requests to one host still go one at a time).
const FEEDS_AT_ONCE: usize = 4;
/// Rounds a linked page is tried in while it fails for a reason that may pass.
const PAGE_TRIES: u8 = 3;

/// Polls feeds into the seeds folder.
pub struct FeedPoller {
    store: Arc<FeedStore>,
    fetcher: Fetcher,
    pages_per_feed: usize,
}

impl FeedPoller {
    pub fn new(store: FeedStore, limits: FetchLimits) -> Result<FeedPoller> {
        Ok(FeedPoller {
            store: Arc::new(store),
            pages_per_feed: limits.pages_per_feed,
            fetcher: Fetcher::new(limits)?,
        })
    }

    pub fn store(&self) -> &FeedStore {
        &self.store
    }

    /// Polls every feed once. `progress` counts requests (hidden when nobody watches).
    pub async fn poll(
        self: &Arc<Self>,
        feeds: &FeedList,
        progress: &ProgressBar,
    ) -> Result<RoundReport> {
        let store = self.store.clone();
        let locked = tokio::task::spawn_blocking(move || {
            let lock = store.try_lock()?;
            Ok::<_, anyhow::Error>(lock.map(|lock| (lock, store.stored_ids())))
        })
        .await??;
        let Some((lock, claims)) = locked else {
            return Ok(RoundReport {
                feeds: Vec::new(),
                busy: true,
            });
        };
        let claims: Claims = Arc::new(Mutex::new(claims));
        let mut reports = Vec::new();
        // Two addresses that differ only in case or punctuation have one folder: the first
        // listed is polled, the other reported, rather than both writing one state and files.
        let mut folders: HashMap<PathBuf, &Url> = HashMap::new();
        let mut pending = Vec::new();
        for (at, url) in feeds.urls().iter().enumerate() {
            match folders.entry(self.store.folder(url)) {
                Entry::Occupied(first) => {
                    let mut report = FeedReport::new(url);
                    report.outcome = FeedOutcome::Failed(format!(
                        "its folder {} is that of {}, listed before it: not polled (give one of them another address)",
                        FeedStore::relative_folder(url),
                        first.get()
                    ));
                    reports.push((at, report));
                }
                Entry::Vacant(free) => {
                    free.insert(url);
                    pending.push((at, url.clone()));
                }
            }
        }
        let mut pending = pending.into_iter();
        let mut running = JoinSet::new();
        loop {
            while running.len() < FEEDS_AT_ONCE {
                let Some((at, url)) = pending.next() else {
                    break;
                };
                let (poller, progress, claims) = (self.clone(), progress.clone(), claims.clone());
                running.spawn(async move { (at, poller.poll_feed(url, &claims, &progress).await) });
            }
            let Some(done) = running.join_next().await else {
                break;
            };
            reports.push(done?);
        }
        drop(lock);
        reports.sort_by_key(|(at, _)| *at);
        Ok(RoundReport {
            feeds: reports.into_iter().map(|(_, report)| report).collect(),
            busy: false,
        })
    }

    async fn poll_feed(
        self: Arc<Self>,
        url: Url,
        claims: &Claims,
        progress: &ProgressBar,
    ) -> FeedReport {
        let mut report = FeedReport::new(&url);
        let store = self.store.clone();
        let feed = url.clone();
        let (mut state, warning) =
            match tokio::task::spawn_blocking(move || store.state(&feed)).await {
                Ok(state) => state,
                Err(e) => {
                    report.outcome = FeedOutcome::Failed(format!("reading its state crashed: {e}"));
                    return report;
                }
            };
        report.problems.extend(warning);
        // The state in the feed's folder is the feed's, even when it was written for another
        // address of it (http before https, another case): the feed goes on from it.
        state.url = url.to_string();
        report.title.clone_from(&state.title);
        let now = now_secs();
        state.last_attempt = Some(now);
        match self
            .read_feed(&url, &mut state, &mut report, claims, progress)
            .await
        {
            Ok(outcome) => {
                state.last_success = Some(now);
                state.last_error = None;
                report.outcome = outcome;
            }
            Err(reason) => {
                state.last_error = Some(reason.clone());
                report.outcome = FeedOutcome::Failed(reason);
            }
        }
        let store = self.store.clone();
        let feed = url.clone();
        let saved = tokio::task::spawn_blocking(move || store.save_state(&feed, &state)).await;
        match saved {
            Ok(Ok(())) => {}
            Ok(Err(e)) => report
                .problems
                .push(format!("{url}: cannot save its state: {e:#}")),
            Err(e) => report
                .problems
                .push(format!("{url}: saving its state crashed: {e}")),
        }
        report
    }

    /// Fetches and reads the feed, stores its new and updated items; the error is the reason
    /// the feed failed.
    async fn read_feed(
        &self,
        url: &Url,
        state: &mut FeedState,
        report: &mut FeedReport,
        claims: &Claims,
        progress: &ProgressBar,
    ) -> Result<FeedOutcome, String> {
        progress.set_message(url.to_string());
        // Without the items remembered, a 304 would leave them unread.
        let known = Validators {
            etag: state.etag.clone(),
            last_modified: state.last_modified.clone(),
        };
        let known = (!state.items.is_empty()).then_some(&known);
        let fetched = self.fetcher.get(url, known, Reach::Any).await;
        progress.inc(1);
        let fetched = match fetched.map_err(|e| e.to_string())? {
            Outcome::NotModified => return Ok(FeedOutcome::NotModified),
            Outcome::Fetched(fetched) => fetched,
        };
        let base = fetched.final_url.clone();
        let bytes = fetched.bytes;
        let feed = tokio::task::spawn_blocking(move || parse_feed(&bytes, &base))
            .await
            .map_err(|e| format!("reading the feed crashed: {e}"))??;
        report.title.clone_from(&feed.title);
        state.title.clone_from(&feed.title);
        let folder = self.store.folder(url);
        let mut records = Vec::new();
        let mut retry_later = false;
        for item in &feed.items {
            let seen = state.items.get(&item.guid);
            let settled = seen.is_some_and(|s| s.page_retries == 0 || s.page_retries >= PAGE_TRIES);
            if seen.is_some_and(|s| s.fingerprint == item.fingerprint) && settled {
                report.seen += 1;
                continue;
            }
            if let Some(owner) = claimed_by_another(claims, &item_doc_id(item, url), &folder, url) {
                // The same page through another feed: stored once, not fetched again. Not
                // remembered as seen either: when that feed's folder goes (it is no longer
                // followed), this one stores the page.
                report.seen += 1;
                report.also_elsewhere.push(owner);
                continue;
            }
            if item.link.is_some() && report.pages >= self.pages_per_feed {
                report.deferred += 1;
                retry_later = true;
                continue;
            }
            let tries_before = seen
                .filter(|s| s.fingerprint == item.fingerprint)
                .map_or(0, |s| s.page_retries);
            let stored_before = seen.filter(|s| !s.file.is_empty()).cloned();
            let (page, page_failure) = self
                .read_page(item, Reach::for_pages_of(url), report, progress)
                .await;
            let page_retries = match page_failure {
                Some(Failure::Passing) => {
                    retry_later = true;
                    tries_before.saturating_add(1)
                }
                _ => 0,
            };
            let title = feed.title.clone();
            let (item_copy, feed_url) = (item.clone(), url.clone());
            let document = tokio::task::spawn_blocking(move || {
                item_document(&item_copy, page, title.as_deref(), &feed_url)
            })
            .await
            .ok()
            .flatten();
            let Some(document) = document else {
                let place = item
                    .link
                    .as_ref()
                    .map_or_else(|| url.to_string(), Url::to_string);
                report
                    .problems
                    .push(format!("{place}: no text in the item or its page: skipped"));
                // Remembered with its tries, so that a page that keeps failing is given up
                // after a few rounds like the pages of items with text of their own; and with
                // its line when it had one (kept as it was), so that its next version replaces
                // that line rather than adding another of the same id.
                let tried = match stored_before {
                    Some(before) => SeenItem {
                        fingerprint: item.fingerprint.clone(),
                        page_retries,
                        ..before
                    },
                    None => SeenItem {
                        page_retries,
                        ..not_stored(item)
                    },
                };
                state.items.insert(item.guid.clone(), tried);
                continue;
            };
            records.push(record_of(item, &document, page_retries));
        }
        let store = self.store.clone();
        // Written on a copy: when a file cannot be written, the state keeps the items unseen,
        // so the next round stores them again.
        let (feed_url, mut updated) = (url.clone(), state.clone());
        let (outcomes, updated) = tokio::task::spawn_blocking(move || {
            let outcomes = store.write_items(&feed_url, &mut updated, records);
            (outcomes, updated)
        })
        .await
        .map_err(|e| format!("storing its items crashed: {e}"))?;
        let outcomes = outcomes.map_err(|e| format!("cannot store its items: {e:#}"))?;
        *state = updated;
        for outcome in outcomes {
            match outcome {
                Written::Added => report.added += 1,
                Written::Replaced => report.updated += 1,
                Written::Unchanged => report.seen += 1,
            }
        }
        // A page to try again, or items left: the next round must get the whole feed, not a
        // 304.
        if retry_later {
            state.etag = None;
            state.last_modified = None;
        } else {
            state.etag = fetched.validators.etag;
            state.last_modified = fetched.validators.last_modified;
        }
        Ok(FeedOutcome::Read)
    }

    /// The item's linked page read as a document, or why not.
    async fn read_page(
        &self,
        item: &FeedItem,
        reach: Reach,
        report: &mut FeedReport,
        progress: &ProgressBar,
    ) -> (Option<Document>, Option<Failure>) {
        let Some(link) = &item.link else {
            return (None, None);
        };
        progress.set_message(link.to_string());
        let fetched = self.fetcher.get(link, None, reach).await;
        progress.inc(1);
        report.pages += 1;
        let problem = |reason: &str| format!("{link}: {reason}; the item's own text is used");
        let fetched = match fetched {
            Ok(Outcome::Fetched(fetched)) => fetched,
            Ok(Outcome::NotModified) => {
                report.problems.push(problem("HTTP 304 to a plain request"));
                return (None, Some(Failure::Passing));
            }
            Err(error) => {
                report.problems.push(problem(&error.to_string()));
                return (None, Some(failure_kind(&error)));
            }
        };
        if !is_html(&fetched) {
            let kind = fetched.content_type.as_deref().unwrap_or("no type given");
            report
                .problems
                .push(problem(&format!("not an HTML page ({kind})")));
            return (None, Some(Failure::Lasting));
        }
        let page_url = link.to_string();
        let read = tokio::task::spawn_blocking(move || {
            corpus::read_html_page(&fetched.bytes, Some(&page_url))
        })
        .await;
        match read {
            Ok(Ok(document)) => (Some(document), None),
            Ok(Err(reason)) => {
                report.problems.push(problem(&reason));
                (None, Some(Failure::Lasting))
            }
            Err(e) => {
                report
                    .problems
                    .push(problem(&format!("reading it crashed: {e}")));
                (None, Some(Failure::Lasting))
            }
        }
    }
}

/// Why a linked page could not be read: for a while, or for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    /// A time-out, a 5xx, a broken connection: tried again next round.
    Passing,
    /// Not HTML, too large, a 4xx, unreadable.
    Lasting,
}

fn failure_kind(error: &FetchError) -> Failure {
    match error {
        FetchError::Timeout(_) | FetchError::Failed(_) => Failure::Passing,
        FetchError::Status(status) if *status >= 500 || *status == 429 => Failure::Passing,
        FetchError::Status(_) | FetchError::TooLarge(_) | FetchError::Refused(_) => {
            Failure::Lasting
        }
    }
}

/// The address of the feed that stores this id already, when it is not the feed in `folder`;
/// else the id is claimed for it.
fn claimed_by_another(claims: &Claims, id: &str, folder: &Path, url: &Url) -> Option<String> {
    let mut claims = claims.lock().unwrap_or_else(|p| p.into_inner());
    match claims.get(id) {
        Some(owner) if owner.folder != folder => Some(owner.url.clone()),
        _ => {
            let owner = Owner {
                folder: folder.to_path_buf(),
                url: url.to_string(),
            };
            claims.insert(id.to_string(), owner);
            None
        }
    }
}

/// An item remembered as seen with nothing stored for it.
fn not_stored(item: &FeedItem) -> SeenItem {
    SeenItem {
        doc_id: String::new(),
        file: String::new(),
        fingerprint: item.fingerprint.clone(),
        page_retries: 0,
    }
}

fn record_of(item: &FeedItem, document: &Document, page_retries: u8) -> ItemRecord {
    let month = document
        .date
        .as_deref()
        .and_then(|d| d.get(..7))
        .map(str::to_string)
        .or_else(|| {
            corpus::day_of_unix_time(now_secs() as i64).and_then(|d| d.get(..7).map(str::to_string))
        })
        .unwrap_or_else(|| "0000-00".to_string());
    ItemRecord {
        guid: item.guid.clone(),
        fingerprint: item.fingerprint.clone(),
        page_retries,
        month,
        stored: StoredItem::of(document),
    }
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
