//! Items of unusual but valid shapes, round after round against a news site double on
//! 127.0.0.1: an item that is only a description, a linked page that keeps failing or that
//! trickles in, and one page carried by two items of a feed.

mod feeds_support;

use std::path::Path;

use feeds_support::*;
use kinotanu::corpus::{Document, read_seeds};

const SUMMARY: &str = "Алматыда қысқа метражды фильмдер фестивалі өтеді.";

/// A feed served without validators, so that every round reads it whole.
fn serve_feed(site: &NewsSite, path: &str, xml: String) -> String {
    site.set(path, Route::typed("application/rss+xml", xml));
    site.url(path)
}

fn documents(seeds: &Path) -> Vec<Document> {
    let corpus = read_seeds(seeds).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    corpus.documents
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_of_only_a_description_is_stored_once_under_the_feeds_title() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    // RSS 2.0 asks for a title or a description; this item has neither guid, link nor title.
    let feed = serve_feed(
        &site,
        "/notes.xml",
        "<rss version=\"2.0\"><channel><title>Кино күнделігі</title>\
<item><description>Ертең «Арман» кинотеатрында қазақ деректі фильмдерінің кеші өтеді.</description></item>\
</channel></rss>"
            .to_string(),
    );
    let (poller, list) = (poller(seeds.path()), feeds(std::slice::from_ref(&feed)));

    let first = round(&poller, &list).await;
    let stored = report(&first, &feed);
    assert_eq!(stored.added, 1, "{stored:#?}");
    let stored = documents(seeds.path());
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].title, "Кино күнделігі");
    assert_eq!(
        stored[0].paragraphs,
        ["Ертең «Арман» кинотеатрында қазақ деректі фильмдерінің кеші өтеді."]
    );

    for _ in 0..2 {
        let again = round(&poller, &list).await;
        let seen = report(&again, &feed);
        assert_eq!((seen.added, seen.seen), (0, 1), "the same item: {seen:#?}");
    }
    assert_eq!(documents(seeds.path()).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_keeps_failing_is_given_up_after_three_rounds() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    let page = site.url("/news/down");
    site.set(
        "/rss.xml",
        Route::rss(
            rss("Kino.kz", &[("down-1", &page, "Жаңалық", KK_DATE, "")]),
            "e1",
        ),
    );
    site.set("/news/down", Route::Status(503));
    let feed = site.url("/rss.xml");
    let (poller, list) = (poller(seeds.path()), feeds(std::slice::from_ref(&feed)));

    let mut outcomes = Vec::new();
    for _ in 0..5 {
        let polled = round(&poller, &list).await;
        outcomes.push(report(&polled, &feed).outcome.clone());
    }
    assert_eq!(
        site.requests_to("/news/down").len(),
        3,
        "an item without text of its own tries its page three rounds, then no more"
    );
    assert_eq!(
        outcomes.last(),
        Some(&kinotanu::sources::feeds::FeedOutcome::NotModified),
        "then the feed is asked for conditionally again: {outcomes:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_page_carried_by_two_items_of_a_feed_is_one_document() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    // A festival's page, announced in November and again, under another guid, in December.
    let page = site.url("/kk/news/baldyrgan");
    site.set(
        "/kk/news/baldyrgan",
        Route::html(press_page("kk", "«Балдырған» фестивалі", &[BALDYRGAN])),
    );
    let announced = |items: &[(&str, &str)]| {
        let items: Vec<_> = items
            .iter()
            .map(|(guid, date)| (*guid, page.as_str(), "Фестиваль", *date, "Қысқаша."))
            .collect();
        rss("Kino.kz", &items)
    };
    let feed = serve_feed(&site, "/rss.xml", announced(&[("n-1", KK_DATE)]));
    let (poller, list) = (poller(seeds.path()), feeds(std::slice::from_ref(&feed)));
    round(&poller, &list).await;
    serve_feed(
        &site,
        "/rss.xml",
        announced(&[("n-2", "Mon, 01 Dec 2025 09:00:00 +0500"), ("n-1", KK_DATE)]),
    );
    round(&poller, &list).await;
    round(&poller, &list).await;

    let stored = documents(seeds.path());
    assert_eq!(stored.len(), 1, "{stored:#?}");
    assert_eq!(
        stored[0].date.as_deref(),
        Some("2025-12-01"),
        "the latest item's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_that_trickles_in_is_given_up_at_the_time_limit_of_the_whole_request() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    let page = trickling_page().await;
    let items = [("t-1", page.as_str(), "Жаңалық", KK_DATE, SUMMARY)];
    let feed = serve_feed(&site, "/rss.xml", rss("Kino.kz", &items));
    let (poller, list) = (poller(seeds.path()), feeds(std::slice::from_ref(&feed)));
    let polled = round(&poller, &list).await;
    let read = report(&polled, &feed);
    assert_eq!(read.added, 1, "the item's own text stands in: {read:#?}");
    assert_eq!(
        read.problems,
        [format!(
            "{page}: no answer within 1 s; the item's own text is used"
        )],
        "bytes that keep coming do not extend the limit"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_item_that_lost_its_text_for_a_round_still_has_one_document_when_it_returns() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    let page = site.url("/kk/news/baldyrgan");
    let item = |date: &str| rss("Kino.kz", &[("n-1", page.as_str(), "Фестиваль", date, "")]);
    let festival = press_page("kk", "«Балдырған» фестивалі", &[BALDYRGAN]);
    site.set("/kk/news/baldyrgan", Route::html(festival.clone()));
    let feed = serve_feed(&site, "/rss.xml", item(KK_DATE));
    let (poller, list) = (poller(seeds.path()), feeds(std::slice::from_ref(&feed)));
    assert_eq!(report(&round(&poller, &list).await, &feed).added, 1);

    // Updated to December while its page is gone: nothing to store this round.
    let december = "Mon, 01 Dec 2025 09:00:00 +0500";
    serve_feed(&site, "/rss.xml", item(december));
    site.set("/kk/news/baldyrgan", Route::Status(404));
    round(&poller, &list).await;
    // Its page is back, and the item is updated again.
    site.set("/kk/news/baldyrgan", Route::html(festival));
    serve_feed(&site, "/rss.xml", item("Tue, 02 Dec 2025 09:00:00 +0500"));
    round(&poller, &list).await;

    let stored = documents(seeds.path());
    assert_eq!(stored.len(), 1, "{stored:#?}");
    assert_eq!(stored[0].date.as_deref(), Some("2025-12-02"));
}
