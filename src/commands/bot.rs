//! `kinotanu bot`: the Telegram bot (long polling) — configuration from the environment,
//! logging, and a clean stop on Ctrl-C or SIGTERM. The bot itself lives in `crate::bot`.

use crate::bot::{self, BotConfig};
use crate::error::bad_input;
use anyhow::Result;

pub const TOKEN_VAR: &str = "TELOXIDE_TOKEN";

pub fn run() -> Result<()> {
    let token = std::env::var(TOKEN_VAR).unwrap_or_default();
    if token.trim().is_empty() {
        return Err(bad_input(format!(
            "{TOKEN_VAR} is not set: get a token from @BotFather (/newbot) and put {TOKEN_VAR}=… in .env; `kinotanu ask` works without one"
        )));
    }
    init_logging();
    let config = BotConfig::from_env(token.trim().to_string());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(bot::run(config, stop_signal()))
}

/// `RUST_LOG` decides, `info` by default; teloxide's own `log` records are included.
fn init_logging() {
    let filter = bot::log_filter(std::env::var("RUST_LOG").ok().as_deref());
    // A second initialisation (tests calling in twice) is harmless: keep the first.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

/// Completes on Ctrl-C, or on SIGTERM (systemd's stop) where there is one.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
                return;
            }
            Err(e) => tracing::warn!("cannot listen for SIGTERM ({e}); Ctrl-C still stops"),
        }
    }
    if let Err(e) = tokio::signal::ctrl_c().await {
        tracing::warn!("cannot listen for Ctrl-C ({e}); stop the process to stop the bot");
        std::future::pending::<()>().await;
    }
}
