//! The Telegram bot: the only module that touches teloxide. It owns the configuration, the
//! handler tree (declared once, in [`schema`]), and the run loop with its background tasks and
//! clean shutdown; the answers it sends are the same `Answer`s the CLI prints, rendered as
//! Telegram HTML. Posts of the source chats go to the corpus of record (`crate::sources`).

pub mod admin;
pub mod commands;
pub mod feeds;
pub mod html_fit;
pub mod live_sync;
pub mod posts;
pub mod questions;
pub mod render;
pub mod source_admin;
pub mod source_texts;
pub mod state;
pub mod texts;
pub mod upload;

use std::collections::BTreeSet;
use std::future::Future;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use teloxide::adaptors::Throttle;
use teloxide::adaptors::throttle::Limits;
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::update_listeners::{Polling, UpdateListener};
use teloxide::{ApiError, RequestError};
use tokio::sync::watch;
use tokio::task::JoinSet;
use tracing::{error, info, warn};

use crate::sources::feeds::{FeedList, FeedStore, FetchLimits};
use crate::sources::{PostStore, SourceChats};
use admin::Admins;
use commands::{AdminCommand, PublicCommand};
use feeds::FollowedFeeds;
use posts::ChannelSources;
use state::{LiveIndex, QuestionLimits, Stats};

/// The Bot API client every handler gets: requests queued to stay within Telegram's limits,
/// and retried after a 429 ("retry after N seconds").
pub type Telegram = Throttle<Bot>;

pub const ADMIN_IDS_VAR: &str = "KINOTANU_ADMIN_IDS";
pub const API_URL_VAR: &str = "TELOXIDE_API_URL";
pub const SOURCE_CHATS_VAR: &str = "KINOTANU_SOURCE_CHATS";

/// Everything the bot needs to run; tests build one pointing at a Bot API double.
pub struct BotConfig {
    pub token: String,
    /// Bot API base URL; `None` is Telegram's.
    pub api_url: Option<String>,
    pub seeds: PathBuf,
    pub index_dir: PathBuf,
    pub admins: BTreeSet<UserId>,
    /// The channels and groups whose posts become documents.
    pub source_chats: SourceChats,
    /// How long an admin's receipt for a forwarded or forgotten post waits for the index.
    pub receipt_wait: Duration,
    /// Questions one user may ask per minute in chats (three times as many inline queries).
    pub questions_per_minute: usize,
    /// How long one getUpdates call waits for updates.
    pub polling_timeout: Duration,
    /// Outgoing message limits (Telegram's own by default).
    pub limits: Limits,
    /// The news feeds polled (`KINOTANU_FEEDS`): at start-up, then every `feed_interval`.
    pub feeds: FeedList,
    pub feed_interval: Duration,
    /// Time limit, size cap and `User-Agent` of the feeds' requests.
    pub feed_limits: FetchLimits,
}

impl BotConfig {
    pub fn new(token: impl Into<String>, seeds: PathBuf, index_dir: PathBuf) -> BotConfig {
        BotConfig {
            token: token.into(),
            api_url: None,
            seeds,
            index_dir,
            admins: BTreeSet::new(),
            source_chats: SourceChats::default(),
            receipt_wait: Duration::from_secs(20),
            questions_per_minute: 20,
            polling_timeout: Duration::from_secs(10),
            limits: Limits::default(),
            feeds: FeedList::default(),
            feed_interval: Duration::from_secs(crate::sources::feeds::DEFAULT_FEED_MINUTES * 60),
            feed_limits: FetchLimits::default(),
        }
    }

    /// From the environment (and `.env`): `TELOXIDE_API_URL`, `KINOTANU_ADMIN_IDS`,
    /// `KINOTANU_SOURCE_CHATS`, `KINOTANU_FEEDS`, `KINOTANU_FEED_MINUTES`, and the seeds and
    /// index folders as `kinotanu ask` finds them.
    pub fn from_env(token: String) -> BotConfig {
        let index_dir = crate::config::index_dir(None);
        let seeds = crate::live_index::seeds_for(&index_dir, crate::config::seeds_dir_from_env());
        let mut config = BotConfig::new(token, seeds, index_dir);
        config.api_url = std::env::var(API_URL_VAR)
            .ok()
            .filter(|url| !url.trim().is_empty());
        let (admins, rejected) = parse_admin_ids(&std::env::var(ADMIN_IDS_VAR).unwrap_or_default());
        for entry in rejected {
            warn!("{ADMIN_IDS_VAR}: `{entry}` is not a numeric user id: ignored");
        }
        config.admins = admins;
        let (chats, rejected) =
            SourceChats::parse(&std::env::var(SOURCE_CHATS_VAR).unwrap_or_default());
        for entry in rejected {
            warn!("{SOURCE_CHATS_VAR}: {entry}");
        }
        config.source_chats = chats;
        (config.feeds, config.feed_interval) = feeds::feeds_from_env();
        config
    }
}

/// Numeric ids separated by commas; anything else (a `@username`) is returned as rejected.
pub fn parse_admin_ids(list: &str) -> (BTreeSet<UserId>, Vec<String>) {
    let mut admins = BTreeSet::new();
    let mut rejected = Vec::new();
    for entry in list.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        match entry.parse::<u64>() {
            Ok(id) => {
                admins.insert(UserId(id));
            }
            Err(_) => rejected.push(entry.to_string()),
        }
    }
    (admins, rejected)
}

/// The whole handler tree. dptree tries branches in order; an update no branch takes (group
/// chatter, posts of chats that are not sources, commands for other bots) is dropped by the
/// dispatcher's default handler.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    let source_posts = || dptree::filter_map(posts::listed_post).endpoint(posts::index_post);
    let messages = Update::filter_message()
        .branch(dptree::filter_map(posts::forwarded_to_me).endpoint(posts::add_forward))
        .branch(
            dptree::filter_map(commands::parse_message::<AdminCommand>)
                .endpoint(admin::admin_command),
        )
        .branch(
            dptree::filter_map(commands::parse_message::<PublicCommand>)
                .endpoint(questions::public_command),
        )
        .branch(dptree::filter_map(questions::private_question).endpoint(questions::answer_message))
        .branch(
            dptree::filter(|msg: Message| {
                msg.chat.is_private() && msg.text().is_some_and(|t| t.starts_with('/'))
            })
            .endpoint(questions::unknown_command),
        )
        .branch(dptree::filter_map(questions::group_question).endpoint(questions::answer_message))
        .branch(source_posts());
    let channel_posts = Update::filter_channel_post()
        .branch(
            dptree::filter_map(commands::parse_message::<PublicCommand>)
                .filter_map(questions::channel_question)
                .endpoint(questions::answer_message),
        )
        .branch(source_posts());
    let inline_queries = Update::filter_inline_query().endpoint(questions::answer_inline);
    dptree::entry()
        .branch(messages)
        .branch(Update::filter_edited_message().chain(source_posts()))
        .branch(channel_posts)
        .branch(Update::filter_edited_channel_post().chain(source_posts()))
        .branch(inline_queries)
}

/// Runs the bot until `shutdown` completes, then stops taking updates, finishes the ones in hand
/// and returns. Opens (or builds) the index first.
pub async fn run(
    config: BotConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<()> {
    let live = Arc::new(
        LiveIndex::open(config.seeds.clone(), config.index_dir.clone())
            .await
            .context("cannot open the index")?,
    );
    let manifest = live.current().manifest().clone();
    info!(
        documents = manifest.documents,
        passages = manifest.passages,
        admins = config.admins.len(),
        source_chats = config.source_chats.listed().len(),
        "index ready"
    );
    let sources = Arc::new(ChannelSources {
        chats: config.source_chats.clone(),
        store: PostStore::new(config.seeds.clone()),
        receipt_wait: config.receipt_wait,
        feeds: FollowedFeeds {
            list: config.feeds.clone(),
            store: FeedStore::new(config.seeds.clone()),
        },
    });
    if !sources.chats.is_empty() && !sources.store.is_usable() {
        warn!(
            "{SOURCE_CHATS_VAR} is set but the seeds are a single file: posts cannot be stored; point KINOTANU_SEEDS_DIR at a folder"
        );
    }
    // Tasks that run beside the dispatcher until the bot stops.
    let mut background = JoinSet::new();
    background.spawn(live.clone().watch_disk());
    feeds::start_polling(&mut background, &live, &sources.feeds, &config)?;
    let mut bot = Bot::new(config.token.clone());
    if let Some(url) = &config.api_url {
        let url = url
            .parse()
            .map_err(|_| crate::error::bad_input(format!("{API_URL_VAR} is not a valid URL")))?;
        bot = bot.set_api_url(url);
    }
    let bot = bot.throttle(config.limits);
    let redact = Redactor(Arc::from(config.token.as_str()));
    let handler_errors = redact.clone();
    let mut dispatcher = Dispatcher::builder(bot.clone(), schema())
        .dependencies(dptree::deps![
            live.clone(),
            sources,
            Arc::new(Stats::default()),
            Arc::new(QuestionLimits::per_minute(config.questions_per_minute)),
            Admins(Arc::new(config.admins.clone()))
        ])
        .default_handler(|_| async {})
        .error_handler(Arc::new(move |e: anyhow::Error| {
            error!(
                "handling an update failed: {}",
                handler_errors.clean(&format!("{e:#}"))
            );
            async {}
        }))
        .build();

    let token = dispatcher.shutdown_token();
    let (stopping_tx, stopping) = watch::channel(false);
    let mut stop_polling = stopping.clone();
    let stopper = tokio::spawn(async move {
        shutdown.await;
        info!("stopping: finishing the updates in hand");
        let _ = stopping_tx.send(true);
        // Until dispatching has started the token refuses; keep asking until it accepts.
        loop {
            match token.shutdown() {
                Ok(done) => return done.await,
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    });

    if !reach_telegram(&bot, &redact, stopping).await? {
        stopper.abort();
        background.shutdown().await;
        info!("stopped before Telegram could be reached");
        return Ok(());
    }
    commands::advertise(&bot, &config.admins).await;
    let mut listener = Polling::builder(bot)
        .timeout(config.polling_timeout)
        .delete_webhook()
        .await
        .build();
    // The dispatcher's shutdown token loses a stop that arrives while the dispatcher is busy
    // (handing an update to a full per-chat queue: teloxide wakes only tasks already waiting),
    // and it would then poll forever. The listener's own stop flag is never lost: stopped, the
    // listener confirms the offset with one last getUpdates and ends, and the dispatcher
    // finishes the updates in hand.
    let listener_stop = listener.stop_token();
    let polling_stopper = tokio::spawn(async move {
        if stop_polling.wait_for(|stop| *stop).await.is_ok() {
            listener_stop.stop();
        }
    });
    let listener_errors = redact.clone();
    let outcome = dispatcher
        .try_dispatch_with_listener(
            listener,
            Arc::new(move |e: teloxide::RequestError| {
                warn!(
                    "getting updates failed (retrying): {}",
                    listener_errors.clean(&e.to_string())
                );
                async {}
            }),
        )
        .await;
    stopper.abort();
    polling_stopper.abort();
    background.shutdown().await;
    live.settle(Duration::from_secs(10)).await;
    outcome.map_err(|e| anyhow!("cannot reach the Bot API: {}", redact.clean(&e.to_string())))?;
    info!("stopped");
    Ok(())
}

/// Waits until the Bot API answers getMe, so that a bot started while the network is down
/// comes up when it returns. `false` when asked to stop first; an error for a refused token,
/// which no wait will fix.
async fn reach_telegram(
    bot: &Telegram,
    redact: &Redactor,
    mut stopping: watch::Receiver<bool>,
) -> Result<bool> {
    let mut delay = Duration::from_secs(1);
    loop {
        match bot.get_me().await {
            Ok(me) => {
                info!(username = me.username(), "connected to the Bot API");
                return Ok(true);
            }
            Err(RequestError::Api(ApiError::InvalidToken)) => {
                return Err(crate::error::bad_input(
                    "Telegram refused the token: check TELOXIDE_TOKEN (from @BotFather)",
                ));
            }
            Err(e) => warn!(
                "cannot reach the Bot API, retrying in {} s: {}",
                delay.as_secs(),
                redact.clean(&e.to_string())
            ),
        }
        tokio::select! {
            _ = tokio::time::sleep(delay) => {}
            _ = stopping.wait_for(|stop| *stop) => return Ok(false),
        }
        delay = (delay * 2).min(Duration::from_secs(60));
    }
}

/// The log filter: `spec` (RUST_LOG) or `info`, with the HTTP stack capped at `info` whatever
/// `spec` says — at debug and trace it logs request lines, and a Bot API request line holds the
/// token.
pub fn log_filter(spec: Option<&str>) -> tracing_subscriber::EnvFilter {
    let mut filter = spec
        .and_then(|s| tracing_subscriber::EnvFilter::try_new(s).ok())
        .unwrap_or_else(|| tracing_subscriber::EnvFilter::new("info"));
    for directive in [
        "hyper=info",
        "hyper_util=info",
        "reqwest=info",
        "h2=info",
        "rustls=info",
    ] {
        if let Ok(directive) = directive.parse() {
            filter = filter.add_directive(directive);
        }
    }
    filter
}

/// Removes the bot token from text bound for a log line. teloxide already strips it from the
/// URLs in its network errors; this also covers anything else that could carry it.
#[derive(Clone)]
struct Redactor(Arc<str>);

impl Redactor {
    fn clean(&self, text: &str) -> String {
        if self.0.is_empty() {
            return text.to_string();
        }
        text.replace(&*self.0, "<token>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_ids_are_numbers_only() {
        let (admins, rejected) = parse_admin_ids(" 42, @boss ,7,, x1 ");
        assert_eq!(
            admins.into_iter().collect::<Vec<_>>(),
            [UserId(7), UserId(42)]
        );
        assert_eq!(rejected, ["@boss", "x1"]);
    }

    #[test]
    fn the_token_never_reaches_a_log_line() {
        let redactor = Redactor(Arc::from("123:SECRET"));
        let line = redactor.clean("error sending request for url (http://x/bot123:SECRET/GetMe)");
        assert!(!line.contains("SECRET"), "{line}");
    }
}
