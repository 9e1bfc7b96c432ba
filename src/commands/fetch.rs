//! `kinotanu fetch`: polls every feed of `KINOTANU_FEEDS` once (for cron or a systemd timer),
//! stores new and updated items in the seeds folder, updates the index in place, prints one
//! line per feed and exits. A feed that fails is reported and tried again next round; the exit
//! code is 1 only when every feed failed (nothing could be fetched: the network, most likely).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Result, anyhow};
use indicatif::{ProgressBar, ProgressStyle};

use crate::error::bad_input;
use crate::sources::feeds::{
    FEEDS_VAR, FeedList, FeedOutcome, FeedPoller, FeedStore, FetchLimits, RoundReport,
};
use crate::{config, live_index};

pub fn run(seeds: Option<PathBuf>, index: Option<PathBuf>) -> Result<()> {
    let (feeds, rejected) = FeedList::from_env();
    if let Some(first) = rejected.first() {
        return Err(bad_input(format!(
            "{FEEDS_VAR}: {first}; list RSS or Atom feed addresses, comma-separated"
        )));
    }
    if feeds.is_empty() {
        return Err(bad_input(format!(
            "{FEEDS_VAR} is not set: list the RSS or Atom feeds to follow, comma-separated (e.g. {FEEDS_VAR}=https://example.kz/rss.xml)"
        )));
    }
    let index_dir = config::index_dir(index);
    let seeds =
        seeds.unwrap_or_else(|| live_index::seeds_for(&index_dir, config::seeds_dir_from_env()));
    if !seeds.is_dir() {
        return Err(bad_input(format!(
            "{}: no such seeds folder (feed items are stored in a folder); pass --seeds DIR or set {}",
            seeds.display(),
            config::SEEDS_DIR_VAR
        )));
    }
    let poller = Arc::new(FeedPoller::new(
        FeedStore::new(seeds.clone()),
        FetchLimits::default(),
    )?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let progress = progress_spinner();
    let round = runtime.block_on(poller.poll(&feeds, &progress));
    progress.finish_and_clear();
    let round = round?;
    if round.busy {
        eprintln!(
            "kinotanu: another kinotanu is polling the feeds in {} now: nothing done this round",
            seeds.display()
        );
        return Ok(());
    }
    print_round(&round);
    let synced = live_index::sync(&seeds, &index_dir, true)?
        .ok_or_else(|| anyhow!("the index in {} is locked", index_dir.display()))?;
    live_index::finish_sync(synced)?;
    if round.failed() == round.feeds.len() {
        return Err(anyhow!(
            "every feed failed (they are tried again next round): {}",
            round
                .feeds
                .iter()
                .map(|f| format!("{} {}", f.url, f.summary()))
                .collect::<Vec<_>>()
                .join("; ")
        ));
    }
    Ok(())
}

/// One line per feed on stdout, its problems on stderr, then the totals.
fn print_round(round: &RoundReport) {
    for feed in &round.feeds {
        let name = match &feed.title {
            Some(title) => format!("{} ({title})", feed.url),
            None => feed.url.to_string(),
        };
        println!("{name}: {}", feed.summary());
        if let FeedOutcome::Failed(reason) = &feed.outcome {
            eprintln!("warning: {}: {reason}; tried again next round", feed.url);
        }
        for problem in &feed.problems {
            eprintln!("warning: {problem}");
        }
    }
    let (added, updated) = round
        .feeds
        .iter()
        .fold((0, 0), |(a, u), f| (a + f.added, u + f.updated));
    let failed = round.failed();
    let problems: usize = round.feeds.iter().map(|f| f.problems.len()).sum();
    println!(
        "fetched {} feed{}: {added} new, {updated} updated; {failed} failed, {problems} problem{}",
        round.feeds.len(),
        if round.feeds.len() == 1 { "" } else { "s" },
        if problems == 1 { "" } else { "s" }
    );
}

/// Requests made so far and the address in hand, on stderr when it is a terminal; nothing in
/// a pipe or a log.
fn progress_spinner() -> ProgressBar {
    let spinner = ProgressBar::new_spinner();
    spinner.set_style(
        ProgressStyle::with_template("{spinner} fetching: {pos} requests, {elapsed} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.enable_steady_tick(Duration::from_millis(120));
    spinner
}
