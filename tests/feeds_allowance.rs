//! A round fetches at most its allowance of linked pages per feed; the items past it wait
//! for the next round, which asks for the whole feed again (not a 304), and no page is
//! fetched twice.

mod feeds_support;

use std::sync::Arc;

use feeds_support::*;
use kinotanu::sources::feeds::{FeedOutcome, FeedPoller, FeedStore, FetchLimits};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_fetches_at_most_its_allowance_of_pages_and_leaves_the_rest_for_the_next() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    let links: Vec<String> = (1..=3)
        .map(|n| site.url(&format!("/kk/news/{n}")))
        .collect();
    let items: Vec<(String, &str)> = (1..=3)
        .map(|n| (format!("kk-{n}"), links[n - 1].as_str()))
        .collect();
    let items: Vec<(&str, &str, &str, &str, &str)> = items
        .iter()
        .map(|(guid, link)| (guid.as_str(), *link, "Жаңалық", KK_DATE, "Қысқаша."))
        .collect();
    site.set("/kk/rss.xml", Route::rss(rss("Kino.kz", &items), "m1"));
    for n in 1..=3 {
        let text = format!("Бүгін {n}-ші жаңалық: кино апталығы жалғасады.");
        site.set(
            &format!("/kk/news/{n}"),
            Route::html(press_page("kk", "Жаңалық", &[&text])),
        );
    }
    let limits = FetchLimits {
        pages_per_feed: 2,
        ..FetchLimits::default()
    };
    let poller =
        Arc::new(FeedPoller::new(FeedStore::new(seeds.path().to_path_buf()), limits).unwrap());
    let kk = site.url("/kk/rss.xml");
    let list = feeds(std::slice::from_ref(&kk));

    let first = round(&poller, &list).await;
    let feed = report(&first, &kk);
    assert_eq!(
        (feed.added, feed.pages, feed.deferred),
        (2, 2, 1),
        "{feed:#?}"
    );
    assert!(
        feed.summary().ends_with(", 1 left for the next round"),
        "{}",
        feed.summary()
    );

    let second = round(&poller, &list).await;
    let feed = report(&second, &kk);
    assert_eq!(
        site.requests_to("/kk/rss.xml")[1].if_none_match,
        None,
        "items were left: the whole feed is asked for again"
    );
    assert_eq!(
        (feed.added, feed.seen, feed.pages, feed.deferred),
        (1, 2, 1, 0),
        "{feed:#?}"
    );

    let third = round(&poller, &list).await;
    assert_eq!(report(&third, &kk).outcome, FeedOutcome::NotModified);
    for n in 1..=3 {
        assert_eq!(
            site.requests_to(&format!("/kk/news/{n}")).len(),
            1,
            "page {n}"
        );
    }
}
