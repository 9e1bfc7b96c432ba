//! The bot's side of the followed news feeds: a background task polling them every
//! `KINOTANU_FEED_MINUTES` (first at start-up), each round written to the corpus of record by
//! `crate::sources::feeds` and then synced into the index; and the rows /stats shows, read
//! from the feeds' state files (so a cron `kinotanu fetch` beside the bot shows too).

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;
use indicatif::ProgressBar;
use tokio::task::JoinSet;
use tracing::{error, info, warn};

use super::BotConfig;
use super::questions::format_time;
use super::render::escape;
use super::source_texts::FeedRow;
use super::state::LiveIndex;
use crate::search::Manifest;
use crate::sources::feeds::{
    FEED_MINUTES_VAR, FEEDS_VAR, FeedList, FeedOutcome, FeedPoller, FeedState, FeedStore,
    feed_interval,
};

/// The feeds the bot follows, and where their state is.
pub struct FollowedFeeds {
    pub list: FeedList,
    pub store: FeedStore,
}

/// `KINOTANU_FEEDS` and `KINOTANU_FEED_MINUTES`; bad entries are warned about and left out.
pub fn feeds_from_env() -> (FeedList, Duration) {
    let (feeds, rejected) = FeedList::from_env();
    for entry in rejected {
        warn!("{FEEDS_VAR}: {entry}: ignored");
    }
    let minutes = std::env::var(FEED_MINUTES_VAR).ok();
    let (interval, warning) = feed_interval(minutes.as_deref());
    if let Some(warning) = warning {
        warn!("{warning}");
    }
    (feeds, interval)
}

/// Starts the polling task in `background` when feeds are listed and the seeds are a folder
/// to store their items in.
pub fn start_polling(
    background: &mut JoinSet<()>,
    live: &Arc<LiveIndex>,
    followed: &FollowedFeeds,
    config: &BotConfig,
) -> Result<()> {
    if followed.list.is_empty() {
        return Ok(());
    }
    if !followed.store.is_usable() {
        warn!(
            "{FEEDS_VAR} is set but the seeds are a single file: feed items cannot be stored; point KINOTANU_SEEDS_DIR at a folder"
        );
        return Ok(());
    }
    let poller = FeedPoller::new(
        FeedStore::new(config.seeds.clone()),
        config.feed_limits.clone(),
    )?;
    info!(
        feeds = followed.list.urls().len(),
        every_minutes = config.feed_interval.as_secs() / 60,
        "polling the news feeds"
    );
    background.spawn(poll_forever(
        live.clone(),
        Arc::new(poller),
        followed.list.clone(),
        config.feed_interval,
    ));
    Ok(())
}

/// Polls the feeds now and then every `interval`, until the task is dropped. A round that
/// stored something asks for a sync; a round another process is running is skipped.
pub async fn poll_forever(
    live: Arc<LiveIndex>,
    poller: Arc<FeedPoller>,
    feeds: FeedList,
    interval: Duration,
) {
    let mut ticks = tokio::time::interval(interval);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticks.tick().await;
        let round = match poller.poll(&feeds, &ProgressBar::hidden()).await {
            Ok(round) => round,
            Err(e) => {
                error!("polling the feeds failed: {e:#}");
                continue;
            }
        };
        if round.busy {
            info!("another process is polling the feeds: this round is skipped");
            continue;
        }
        for feed in &round.feeds {
            match &feed.outcome {
                FeedOutcome::Failed(reason) => {
                    warn!(feed = %feed.url, "feed failed, tried again next round: {reason}");
                }
                _ => info!(feed = %feed.url, "feed polled: {}", feed.summary()),
            }
            for problem in &feed.problems {
                warn!("feed item: {problem}");
            }
        }
        if round.stored() > 0 {
            live.request_sync();
        }
    }
}

/// One row per followed feed for /stats: its name, documents in the index, last successful
/// fetch and the last failure. Reads the state files: call off the async threads.
pub fn feed_rows(feeds: &FollowedFeeds, manifest: &Manifest) -> Vec<FeedRow> {
    feeds
        .list
        .urls()
        .iter()
        .map(|url| {
            let (mut state, _) = feeds.store.state(url);
            if state.url != url.as_str() {
                // The folder's state is another address's (one listed before this one, which
                // shares the folder, or this feed's old address): nothing of this one yet.
                state = FeedState::default();
            }
            let folder = format!("{}/", FeedStore::relative_folder(url));
            let documents = manifest
                .files
                .iter()
                .filter(|(name, _)| name.starts_with(&folder))
                .map(|(_, entry)| entry.documents)
                .sum();
            let name = match &state.title {
                Some(title) => format!("{} ({})", escape(title), escape(url.as_str())),
                None => escape(url.as_str()),
            };
            FeedRow {
                name,
                documents,
                last_success: state.last_success.map(format_time),
                failing: state
                    .last_error
                    .filter(|_| state.last_attempt > state.last_success)
                    .map(|reason| escape(&reason)),
            }
        })
        .collect()
}
