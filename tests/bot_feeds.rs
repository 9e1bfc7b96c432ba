//! The bot follows news feeds: it polls them at start-up (then every KINOTANU_FEED_MINUTES)
//! in a background task, the items become answerable with links to their pages, and /stats
//! lists each feed with its last successful fetch — or why its last attempt failed; a round
//! still waiting on a slow feed does not hold up the bot's stop.

mod bot_support;
mod feeds_support;

use std::time::{Duration, Instant};

use bot_support::*;
use feeds_support::*;
use kinotanu::sources::feeds::{FeedList, FetchLimits, Url};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_polls_its_feeds_at_start_up_and_stats_lists_them() {
    let site = NewsSite::start().await;
    let page = serve_one_kazakh_item(&site);
    site.set("/broken.xml", Route::Status(500));
    let (kk, broken) = (site.url("/kk/rss.xml"), site.url("/broken.xml"));
    let feeds: FeedList = [&kk, &broken]
        .into_iter()
        .map(|u| Url::parse(u).unwrap())
        .collect();

    let bot = start_bot(|config| {
        config.feeds = feeds;
        // Only the poll at start-up happens within the test.
        config.feed_interval = Duration::from_secs(3600);
        config.feed_limits = FetchLimits {
            timeout: Duration::from_secs(2),
            ..FetchLimits::default()
        };
    })
    .await;

    let answer = answered_within(
        &bot,
        BALDYRGAN_QUESTION,
        "12 желтоқсанда",
        Instant::now(),
        PATIENCE,
    )
    .await;
    assert!(
        answer.contains(&format!("<a href=\"{page}\">«Балдырған» фестивалі</a>")),
        "the answer links to the item's page: {answer}"
    );
    assert!(answer.contains("Kino.kz жаңалықтары"), "{answer}");

    let stats = say(&bot, ADMIN, "en", "/stats").await;
    let line = |start: &str| {
        stats
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line starting {start:?} in {stats}"))
            .to_string()
    };
    assert!(stats.contains("\nNews feeds:\n"), "{stats}");
    let kk_line = line(&format!(
        "• Kino.kz жаңалықтары ({kk}): 1 document, last fetched 20"
    ));
    assert!(kk_line.ends_with(" UTC"), "{kk_line}");
    assert_eq!(
        line(&format!("• {broken}")),
        format!("• {broken}: not fetched yet (the last attempt failed: HTTP 500)")
    );
    let stats_kk = say(&bot, ADMIN, "kk", "/stats").await;
    assert!(
        stats_kk.contains("Жаңалық арналары:\n• Kino.kz жаңалықтары"),
        "{stats_kk}"
    );
    assert_eq!(
        site.requests_to("/kk/rss.xml").len(),
        1,
        "one poll at start-up, none since"
    );
    bot.stop().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_stops_at_once_while_a_round_waits_on_a_slow_feed() {
    let site = NewsSite::start().await;
    site.set("/slow.xml", Route::Slow(Duration::from_secs(600)));
    let slow: FeedList = [Url::parse(&site.url("/slow.xml")).unwrap()]
        .into_iter()
        .collect();
    let bot = start_bot(|config| {
        config.feeds = slow;
        // Far longer than the harness waits for a stop.
        config.feed_limits = FetchLimits {
            timeout: Duration::from_secs(300),
            ..FetchLimits::default()
        };
    })
    .await;
    let asked = Instant::now();
    while site.most_in_flight() == 0 {
        assert!(asked.elapsed() < PATIENCE, "the feed is polled at start-up");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    bot.stop().await.unwrap();
}
