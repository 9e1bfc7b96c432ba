//! Each feed's fetch state (`.feed-state.json` beside its items) across rounds: a damaged one
//! is started afresh or worked around, never a feed stopped for good.

mod feeds_support;

use std::path::{Path, PathBuf};

use feeds_support::*;
use kinotanu::sources::feeds::{FeedOutcome, FeedStore, STATE_FILE, Url};

fn state_file(seeds: &Path, feed: &str) -> PathBuf {
    FeedStore::new(seeds.to_path_buf())
        .folder(&Url::parse(feed).unwrap())
        .join(STATE_FILE)
}

/// Rewrites one field of the state file's JSON.
fn damage(path: &Path, field: &str, value: serde_json::Value) {
    let mut state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    state[field] = value;
    std::fs::write(path, serde_json::to_vec(&state).unwrap()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_state_never_stops_a_feed() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    serve_one_kazakh_item(&site);
    let feed = site.url("/kk/rss.xml");
    let (poller, list) = (poller(seeds.path()), feeds(std::slice::from_ref(&feed)));
    assert_eq!(report(&round(&poller, &list).await, &feed).added, 1);
    let state = state_file(seeds.path(), &feed);

    // Validators no request header can carry: the feed is asked for whole.
    damage(&state, "etag", "\"v1\"\r\nX-Injected: 1".into());
    damage(&state, "last_modified", "Дс, 17 қар".into());
    let polled = round(&poller, &list).await;
    let read = report(&polled, &feed);
    assert_eq!(read.outcome, FeedOutcome::Read, "{read:#?}");
    assert_eq!((read.added, read.seen), (0, 1), "{read:#?}");
    let asked = site.requests_to("/kk/rss.xml");
    assert_eq!(asked.last().unwrap().if_none_match, None);
    assert_eq!(
        report(&round(&poller, &list).await, &feed).outcome,
        FeedOutcome::NotModified,
        "the validators of the answer are kept again"
    );

    // Not JSON at all: started afresh, said once, and the item is the same document.
    std::fs::write(&state, b"{\"url\": \"http://").unwrap();
    let polled = round(&poller, &list).await;
    let afresh = report(&polled, &feed);
    assert_eq!(afresh.outcome, FeedOutcome::Read, "{afresh:#?}");
    assert!(
        afresh
            .problems
            .iter()
            .any(|p| p.contains(STATE_FILE) && p.contains("starting afresh")),
        "{afresh:#?}"
    );
    let corpus = kinotanu::corpus::read_seeds(seeds.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.documents.len(), 1);
    let next = round(&poller, &list).await;
    assert_eq!(report(&next, &feed).outcome, FeedOutcome::NotModified);
    assert!(report(&next, &feed).problems.is_empty());
}
