//! The feeds' corpus of record: `seeds/feeds/<host>/<feed>/<YYYY-MM>.jsonl`, one item a line in
//! the JSON Lines document format (so `kinotanu index` from scratch reads exactly what the live
//! index was updated with), filed by the item's publication month. Beside them, each feed's
//! fetch state in a hidden file, `.feed-state.json`, which the seeds walker skips like every
//! hidden file: the items seen (guid → document, file, fingerprint), the validators for a
//! conditional GET, and the last successful fetch. Files are replaced atomically
//! ([`record_file`](crate::sources::record_file)).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use reqwest::Url;
use serde::{Deserialize, Serialize};

use super::items::{Fnv, StoredItem};
use super::month_file::{LineHolders, MonthFile, month_file};
use crate::sources::post_store::Written;
use crate::sources::record_file::{create_folder, replace_file};

/// The folder of the seeds that holds the feeds' items.
pub const FEEDS_FOLDER: &str = "feeds";
/// A feed's fetch state, in its folder. Hidden: never read as a document.
pub const STATE_FILE: &str = ".feed-state.json";
/// Held while a round runs, so that the bot and a cron `kinotanu fetch` take turns.
const LOCK_FILE: &str = ".fetching.lock";

/// What is remembered about one feed between rounds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedState {
    pub url: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub etag: Option<String>,
    #[serde(default)]
    pub last_modified: Option<String>,
    /// Unix seconds of the last round that read the feed (or was told it had not changed).
    #[serde(default)]
    pub last_success: Option<u64>,
    #[serde(default)]
    pub last_attempt: Option<u64>,
    /// Why the last attempt failed, when it did.
    #[serde(default)]
    pub last_error: Option<String>,
    /// By guid.
    #[serde(default)]
    pub items: BTreeMap<String, SeenItem>,
}

/// An item stored before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenItem {
    pub doc_id: String,
    /// The month file it is in, relative to the feed's folder.
    pub file: String,
    pub fingerprint: String,
    /// Rounds whose fetch of the linked page failed for a reason that may pass (a time-out,
    /// a 5xx): the page is tried again, a few times, while the item's own text stands in.
    #[serde(default)]
    pub page_retries: u8,
}

/// The feed that stores a document: its folder, which holds the line — whatever address the
/// feed has now — and the address its state was last written for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    pub folder: PathBuf,
    pub url: String,
}

/// An item to write: its line and what the state remembers of it.
#[derive(Debug, Clone)]
pub struct ItemRecord {
    pub guid: String,
    pub fingerprint: String,
    pub page_retries: u8,
    pub month: String,
    pub stored: StoredItem,
}

/// Items and state of the feeds, in the seeds folder.
pub struct FeedStore {
    seeds: PathBuf,
}

impl FeedStore {
    pub fn new(seeds: PathBuf) -> FeedStore {
        FeedStore { seeds }
    }

    /// Whether items can be stored: the seeds are a folder, not a single file.
    pub fn is_usable(&self) -> bool {
        self.seeds.is_dir()
    }

    /// `seeds/feeds/<host>/<feed>/`: the host (with a port other than the scheme's), and the
    /// feed's path and query made a safe file name.
    pub fn folder(&self, feed: &Url) -> PathBuf {
        self.seeds
            .join(FEEDS_FOLDER)
            .join(host_folder(feed))
            .join(feed_folder(feed))
    }

    /// The folder relative to the seeds, `/`-separated (as the index manifest names files).
    pub fn relative_folder(feed: &Url) -> String {
        format!("{FEEDS_FOLDER}/{}/{}", host_folder(feed), feed_folder(feed))
    }

    /// The feed's state; a fresh one when there is none. A state file that cannot be read is
    /// started afresh (its items are then read again and written unchanged), with the reason.
    pub fn state(&self, feed: &Url) -> (FeedState, Option<String>) {
        let path = self.folder(feed).join(STATE_FILE);
        let fresh = FeedState {
            url: feed.to_string(),
            ..FeedState::default()
        };
        match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<FeedState>(&bytes) {
                Ok(state) => (state, None),
                Err(e) => (
                    fresh,
                    Some(format!(
                        "{}: unreadable ({e}): starting afresh",
                        path.display()
                    )),
                ),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (fresh, None),
            Err(e) => (
                fresh,
                Some(format!(
                    "{}: cannot read ({e}): starting afresh",
                    path.display()
                )),
            ),
        }
    }

    pub fn save_state(&self, feed: &Url, state: &FeedState) -> Result<()> {
        let folder = self.folder(feed);
        create_folder(&folder, &self.seeds)?;
        let mut bytes = serde_json::to_vec_pretty(state)?;
        bytes.push(b'\n');
        replace_file(&folder.join(STATE_FILE), &bytes)
    }

    /// Writes the items into their month files (an item whose guid is stored replaces its
    /// line, wherever it was; every other line is kept byte for byte) and records them in
    /// `state`. Returns what happened to each, in order.
    pub fn write_items(
        &self,
        feed: &Url,
        state: &mut FeedState,
        records: Vec<ItemRecord>,
    ) -> Result<Vec<Written>> {
        let folder = self.folder(feed);
        create_folder(&folder, &self.seeds)?;
        let mut files: BTreeMap<String, MonthFile> = BTreeMap::new();
        let mut changed: BTreeSet<String> = BTreeSet::new();
        let mut outcomes = Vec::with_capacity(records.len());
        let mut lines = LineHolders::of(state);
        for record in records {
            let file = format!("{}.jsonl", record.month);
            let id = record.stored.id.clone();
            let mut line = serde_json::to_vec(&record.stored)?;
            line.push(b'\n');
            // Stored before in another file, or under another id (its link changed): the old
            // line goes, unless another item of the feed has it too (the same page).
            if let Some(seen) = state.items.get(&record.guid)
                && !seen.file.is_empty()
                && (seen.file != file || seen.doc_id != id)
                && lines.release(&seen.doc_id, &seen.file, &record.guid)
                && month_file(&mut files, &folder, &seen.file)?.remove(&seen.doc_id)
            {
                changed.insert(seen.file.clone());
            }
            // The same page stored in another month by another item: one line per document,
            // the latest item's, and the other items follow it.
            for other in lines.files_of(&id, &file) {
                if month_file(&mut files, &folder, &other)?.remove(&id) {
                    changed.insert(other.clone());
                }
                for guid in lines.moved(&id, &other, &file) {
                    if let Some(seen) = state.items.get_mut(&guid) {
                        seen.file.clone_from(&file);
                    }
                }
            }
            lines.hold(&id, &file, &record.guid);
            let written = month_file(&mut files, &folder, &file)?.put(&id, line);
            if written != Written::Unchanged {
                changed.insert(file.clone());
            }
            state.items.insert(
                record.guid,
                SeenItem {
                    doc_id: id,
                    file,
                    fingerprint: record.fingerprint,
                    page_retries: record.page_retries,
                },
            );
            outcomes.push(written);
        }
        for file in changed {
            let bytes = files
                .remove(&file)
                .map(MonthFile::bytes)
                .unwrap_or_default();
            replace_file(&folder.join(&file), &bytes)?;
        }
        Ok(outcomes)
    }

    /// Every document id a feed's state says it stored, with that feed's folder and address:
    /// an item another feed carries too (the same page) is stored once, by the feed that had
    /// it first.
    pub fn stored_ids(&self) -> HashMap<String, Owner> {
        let mut ids = HashMap::new();
        let folders = |dir: &Path| -> Vec<PathBuf> {
            std::fs::read_dir(dir).map_or_else(
                |_| Vec::new(),
                |entries| {
                    entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|p| p.is_dir())
                        .collect()
                },
            )
        };
        for host in folders(&self.seeds.join(FEEDS_FOLDER)) {
            for feed in folders(&host) {
                let Ok(bytes) = std::fs::read(feed.join(STATE_FILE)) else {
                    continue;
                };
                let Ok(state) = serde_json::from_slice::<FeedState>(&bytes) else {
                    continue;
                };
                for item in state.items.into_values().filter(|i| !i.doc_id.is_empty()) {
                    ids.entry(item.doc_id).or_insert_with(|| Owner {
                        folder: feed.clone(),
                        url: state.url.clone(),
                    });
                }
            }
        }
        ids
    }

    /// Takes the feeds' lock without waiting: `None` when another process is fetching.
    pub fn try_lock(&self) -> Result<Option<File>> {
        let folder = self.seeds.join(FEEDS_FOLDER);
        create_folder(&folder, &self.seeds)?;
        let path = folder.join(LOCK_FILE);
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(file)),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => {
                Err(e).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }
}

/// `kino.kz`, or `127.0.0.1_8080` with a port of its own.
fn host_folder(feed: &Url) -> String {
    let host = safe_name(feed.host_str().unwrap_or("host"));
    match feed.port() {
        Some(port) => format!("{host}_{port}"),
        None => host,
    }
}

/// `/kk/rss.xml?lang=kk` → `kk-rss.xml-lang-kk`; the site's root feed is `feed`.
fn feed_folder(feed: &Url) -> String {
    let mut name = feed.path().trim_matches('/').to_string();
    if let Some(query) = feed.query() {
        name.push('-');
        name.push_str(query);
    }
    let name = safe_name(&name);
    if name.is_empty() {
        "feed".to_string()
    } else {
        name
    }
}

/// The longest folder name; a longer one is cut and told apart by a hash of the whole.
const MAX_NAME: usize = 80;

/// Letters, digits, `.`, `_` and `-` kept (lowercased), runs of anything else one `-`, no
/// leading dot (hidden) and at most 80 characters: a longer name is cut to 63 and ends in a
/// hash of the text, since feeds whose addresses differ only at the end (a search's query, its
/// language) would otherwise share a folder and its state.
fn safe_name(text: &str) -> String {
    let mut name = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
            name.push(c.to_ascii_lowercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_matches(['-', '.']);
    if name.len() <= MAX_NAME {
        return name.to_string();
    }
    let mut hash = Fnv::default();
    hash.write(text.as_bytes());
    let head = name[..MAX_NAME - 17].trim_end_matches(['-', '.']);
    format!("{head}-{:016x}", hash.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_named_after_the_host_and_the_feeds_path() {
        let store = FeedStore::new(PathBuf::from("/s"));
        let url = |u: &str| Url::parse(u).unwrap();
        assert_eq!(
            store.folder(&url("https://Kino.kz/kk/rss.xml?lang=kk")),
            Path::new("/s/feeds/kino.kz/kk-rss.xml-lang-kk")
        );
        assert_eq!(
            FeedStore::relative_folder(&url("http://127.0.0.1:8080/")),
            "feeds/127.0.0.1_8080/feed"
        );
        assert_eq!(feed_folder(&url("https://x.kz/.hidden/../a")), "a");
        assert_eq!(
            feed_folder(&url("https://x.kz/%D0%BA%D0%B8%D0%BD%D0%BE")),
            "d0-ba-d0-b8-d0-bd-d0-be"
        );
        let search = |lang: &str| {
            feed_folder(&url(&format!(
                "https://news.google.com/rss/search?q=%D0%BA%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D0%BA%D0%BE%D0%B5+%D0%BA%D0%B8%D0%BD%D0%BE&hl={lang}&gl=KZ"
            )))
        };
        let (ru, kk) = (search("ru"), search("kk"));
        assert_ne!(ru, kk, "told apart past 80 characters");
        assert!(ru.len() <= 80, "{ru}");
        assert!(ru.starts_with("rss-search-q-d0-ba-d0-b0-"), "{ru}");
        assert_eq!(ru, search("ru"), "the same feed, the same folder");
    }

    #[test]
    fn a_round_of_many_items_in_one_month_is_written_in_one_pass() {
        // 10,000 items of one month: with every line parsed again for every item, minutes.
        let seeds = tempfile::tempdir().unwrap();
        let store = FeedStore::new(seeds.path().to_path_buf());
        let feed = Url::parse("https://kino.kz/rss.xml").unwrap();
        let records = |text: &str| -> Vec<ItemRecord> {
            (0..10_000)
                .map(|n| ItemRecord {
                    guid: format!("g-{n}"),
                    fingerprint: text.to_string(),
                    page_retries: 0,
                    month: if text == "moved" && n % 2 == 0 {
                        "2025-12"
                    } else {
                        "2025-11"
                    }
                    .to_string(),
                    stored: StoredItem {
                        id: format!("kino.kz/news/{n}"),
                        title: format!("Жаңалық {n}"),
                        text: text.to_string(),
                        lang: None,
                        date: None,
                        source: None,
                        url: None,
                    },
                })
                .collect()
        };
        let mut state = FeedState::default();
        let written = store
            .write_items(&feed, &mut state, records("first"))
            .unwrap();
        assert!(written.iter().all(|w| *w == Written::Added));
        let written = store
            .write_items(&feed, &mut state, records("moved"))
            .unwrap();
        assert_eq!(
            written.iter().filter(|w| **w == Written::Added).count(),
            5_000
        );
        assert_eq!(
            written.iter().filter(|w| **w == Written::Replaced).count(),
            5_000
        );
        let lines = |month: &str| {
            std::fs::read_to_string(store.folder(&feed).join(format!("{month}.jsonl")))
                .unwrap()
                .lines()
                .count()
        };
        assert_eq!((lines("2025-11"), lines("2025-12")), (5_000, 5_000));
        assert_eq!(state.items.len(), 10_000);
        assert_eq!(state.items["g-2"].file, "2025-12.jsonl");
    }
}
