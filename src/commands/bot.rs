//! `kinotanu bot`: the Telegram bot (long polling).

use anyhow::{Result, bail};

use crate::error::bad_input;

pub const TOKEN_VAR: &str = "TELOXIDE_TOKEN";

pub fn run() -> Result<()> {
    let token = std::env::var(TOKEN_VAR).unwrap_or_default();
    if token.trim().is_empty() {
        return Err(bad_input(format!(
            "{TOKEN_VAR} is not set: get a token from @BotFather (/newbot) and put {TOKEN_VAR}=… in .env; `kinotanu ask` works without one"
        )));
    }
    bail!(
        "the Telegram bot is not built yet (issue #4); `kinotanu ask` answers from the command line"
    )
}
