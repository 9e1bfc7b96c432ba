//! The bot under test: the real `bot::run` against the double, started and stopped by tests.

use super::*;

/// The bot running against a fresh double, with its own copy of the seeds and its own index.
pub struct Running {
    pub telegram: FakeTelegram,
    /// When this instance was started: every request before it came from an earlier one.
    pub started: Instant,
    pub seeds: tempfile::TempDir,
    pub index: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<anyhow::Result<()>>,
}

/// Starts the bot with `ADMIN` as its only admin and limits loose enough not to slow tests;
/// `adjust` may change the configuration first.
pub async fn start_bot(adjust: impl FnOnce(&mut BotConfig)) -> Running {
    let telegram = FakeTelegram::start().await;
    let (seeds, index) = (common::copy_of_seeds(), tempfile::tempdir().unwrap());
    launch(telegram, seeds, index, adjust).await
}

/// Runs a new bot (a fresh `bot::run`, as a new process would) against `telegram`, and waits
/// until it polls.
async fn launch(
    telegram: FakeTelegram,
    seeds: tempfile::TempDir,
    index: tempfile::TempDir,
    adjust: impl FnOnce(&mut BotConfig),
) -> Running {
    init_logging();
    let launched = Instant::now();
    let mut config = BotConfig::new(
        TOKEN,
        seeds.path().to_path_buf(),
        index.path().to_path_buf(),
    );
    config.api_url = Some(telegram.url.clone());
    config.admins.insert(teloxide_user(ADMIN));
    config.polling_timeout = Duration::from_secs(1);
    config.limits = teloxide::adaptors::throttle::Limits {
        messages_per_sec_chat: 1000,
        messages_per_min_chat: 10_000,
        messages_per_min_channel_or_supergroup: 10_000,
        messages_per_sec_overall: 1000,
    };
    adjust(&mut config);
    let (stop, stopped) = oneshot::channel::<()>();
    let task = tokio::spawn(bot::run(config, async {
        let _ = stopped.await;
    }));
    // Checking for a webhook is the last step before polling: by then the menus are set.
    telegram
        .wait_for("getWebhookInfo", |c| {
            c.method == "GetWebhookInfo" && c.at >= launched
        })
        .await;
    Running {
        telegram,
        started: launched,
        seeds,
        index,
        stop: Some(stop),
        task,
    }
}

fn teloxide_user(id: u64) -> teloxide::types::UserId {
    teloxide::types::UserId(id)
}

impl Running {
    /// Sends the shutdown signal and waits for the bot to return.
    pub async fn stop(self) -> anyhow::Result<()> {
        halt(self.stop, self.task).await
    }

    /// Stops the bot cleanly (panics if the stop fails) and starts a fresh instance — a new
    /// process, as far as the bot can tell — against the same double, seeds and index.
    pub async fn restart(self, adjust: impl FnOnce(&mut BotConfig)) -> Running {
        let Running {
            telegram,
            started: _,
            seeds,
            index,
            stop,
            task,
        } = self;
        halt(stop, task).await.expect("a clean stop");
        launch(telegram, seeds, index, adjust).await
    }

    /// Stops the bot cleanly and starts a fresh instance with the same seeds and an empty index
    /// folder: the index is built from scratch from the corpus of record.
    pub async fn restart_with_new_index(self, adjust: impl FnOnce(&mut BotConfig)) -> Running {
        let Running {
            telegram,
            seeds,
            stop,
            task,
            ..
        } = self;
        halt(stop, task).await.expect("a clean stop");
        launch(telegram, seeds, tempfile::tempdir().unwrap(), adjust).await
    }
}

async fn halt(
    stop: Option<oneshot::Sender<()>>,
    mut task: JoinHandle<anyhow::Result<()>>,
) -> anyhow::Result<()> {
    if let Some(stop) = stop {
        let _ = stop.send(());
    }
    tokio::time::timeout(PATIENCE, &mut task)
        .await
        .expect("the bot stops within the time allowed")
        .expect("the bot task does not panic")
}

fn init_logging() {
    if std::env::var_os("RUST_LOG").is_some() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_test_writer()
            .try_init();
    }
}
