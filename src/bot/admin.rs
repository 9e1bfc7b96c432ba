//! Admin commands — /reindex, /stats (with the followed feeds), /add, /sources, /forget — for the numeric user ids in
//! `KINOTANU_ADMIN_IDS` only (never usernames, which change hands, and never group admins).
//! Anyone else is refused politely, nothing changes, and the attempt is logged.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use teloxide::DownloadError;
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::Document;
use tracing::{error, info, warn};

use super::Telegram;
use super::commands::AdminCommand;
use super::feeds::feed_rows;
use super::posts::ChannelSources;
use super::questions::{Reply, format_time};
use super::render::escape;
use super::source_admin;
use super::state::{LiveIndex, Reindexed, Stats};
use super::texts::{self, StatsFigures, UiLang};
use super::upload::{CappedBuffer, MAX_UPLOAD_BYTES, safe_file_name, save_new};
use crate::corpus::Problem;

/// The user ids allowed to run admin commands.
#[derive(Clone, Debug, Default)]
pub struct Admins(pub Arc<BTreeSet<UserId>>);

impl Admins {
    pub fn contains(&self, user: UserId) -> bool {
        self.0.contains(&user)
    }
}

pub async fn admin_command(
    bot: Telegram,
    msg: Message,
    command: AdminCommand,
    admins: Admins,
    live: Arc<LiveIndex>,
    stats: Arc<Stats>,
    sources: Arc<ChannelSources>,
) -> Result<()> {
    let lang = UiLang::from_code(msg.from.as_ref().and_then(|u| u.language_code.as_deref()));
    let reply = Reply::to(&msg);
    let Some(admin) = msg.from.as_ref().filter(|user| admins.contains(user.id)) else {
        warn!(
            user = msg.from.as_ref().map(|u| u.id.0),
            chat = msg.chat.id.0,
            ?command,
            "admin command refused: not an admin"
        );
        return reply.send(&bot, texts::not_admin(lang)).await;
    };
    info!(admin = admin.id.0, ?command, "admin command");
    match command {
        AdminCommand::Reindex => {
            let outcome = live.reindex().await;
            reply.send(&bot, report(lang, outcome)).await
        }
        AdminCommand::Stats => {
            let index = live.current();
            let rows = tokio::task::spawn_blocking({
                let sources = sources.clone();
                move || feed_rows(&sources.feeds, index.manifest())
            })
            .await?;
            let mut text = stats_text(lang, &live, &stats);
            let feeds = super::source_texts::feeds(lang, &rows);
            if !feeds.is_empty() {
                text.push('\n');
                text.push_str(&feeds);
            }
            reply.send(&bot, text).await
        }
        AdminCommand::Add => match msg.document() {
            Some(document) => add_document(&bot, &reply, document, lang, &live).await,
            None => reply.send(&bot, texts::add_usage(lang)).await,
        },
        AdminCommand::Sources => {
            let text = source_admin::list_sources(lang, &live, &sources).await?;
            reply.send(&bot, text).await
        }
        AdminCommand::Forget(link) => {
            let text = source_admin::forget(lang, &link, &live, &sources).await?;
            reply.send(&bot, text).await
        }
    }
}

fn report(lang: UiLang, outcome: Reindexed) -> String {
    match outcome {
        Reindexed::Done {
            manifest,
            problems,
            took,
        } => texts::reindexed(
            lang,
            manifest.documents,
            manifest.passages_kk,
            manifest.passages_ru,
            took.as_secs_f64(),
            &problems.iter().map(describe).collect::<Vec<_>>(),
        ),
        Reindexed::Busy => texts::reindex_busy(lang).to_string(),
        Reindexed::Failed(reason) => texts::reindex_failed(lang, reason),
    }
}

/// A skipped file or line for a Telegram user: the file's name, never the folder it is in.
fn describe(problem: &Problem) -> String {
    let name = problem
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let place = match problem.line {
        Some(line) => format!("{name}:{line}"),
        None => name,
    };
    escape(&format!("{place}: {}", problem.message))
}

fn stats_text(lang: UiLang, live: &LiveIndex, stats: &Stats) -> String {
    let index = live.current();
    let manifest = index.manifest();
    let (questions, answered) = stats.counts();
    let last_reindex = format_time(manifest.built_at);
    texts::stats(
        lang,
        &StatsFigures {
            documents: manifest.documents,
            passages_kk: manifest.passages_kk,
            passages_ru: manifest.passages_ru,
            index_bytes: size_on_disk(index.generation()),
            uptime_secs: stats.started.elapsed().as_secs(),
            questions,
            answered,
            last_reindex: &last_reindex,
            per_kind: &source_admin::documents_per_kind(manifest),
        },
    )
}

fn size_on_disk(dir: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => size_on_disk(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

enum Fetched {
    Bytes(Vec<u8>),
    TooLarge,
    Failed,
}

/// getFile, then the file download URL, into memory — never more than the upload limit.
async fn fetch(bot: &Telegram, document: &Document) -> Fetched {
    if document.file.size as usize > MAX_UPLOAD_BYTES {
        return Fetched::TooLarge;
    }
    let file = match bot.get_file(document.file.id.clone()).await {
        Ok(file) => file,
        Err(e) => {
            error!("getFile failed for an upload: {e}");
            return Fetched::Failed;
        }
    };
    if file.size as usize > MAX_UPLOAD_BYTES {
        return Fetched::TooLarge;
    }
    let mut buffer = CappedBuffer::new(MAX_UPLOAD_BYTES);
    match bot.download_file(&file.path, &mut buffer).await {
        Ok(()) => Fetched::Bytes(buffer.bytes),
        Err(DownloadError::Io(e)) if e.kind() == std::io::ErrorKind::FileTooLarge => {
            Fetched::TooLarge
        }
        Err(e) => {
            error!("downloading an upload failed: {e}");
            Fetched::Failed
        }
    }
}

/// Saves the document in the seeds folder under a safe, new name, then reindexes.
async fn add_document(
    bot: &Telegram,
    reply: &Reply,
    document: &Document,
    lang: UiLang,
    live: &Arc<LiveIndex>,
) -> Result<()> {
    let offered = document.file_name.as_deref().unwrap_or_default();
    let Some(name) = safe_file_name(offered) else {
        return reply.send(bot, texts::add_usage(lang)).await;
    };
    if !live.seeds().is_dir() {
        return reply.send(bot, texts::upload_needs_folder(lang)).await;
    }
    let bytes = match fetch(bot, document).await {
        Fetched::Bytes(bytes) => bytes,
        Fetched::TooLarge => return reply.send(bot, texts::upload_too_large(lang)).await,
        Fetched::Failed => return reply.send(bot, texts::upload_failed(lang)).await,
    };
    if std::str::from_utf8(&bytes).is_err() {
        return reply.send(bot, texts::upload_not_utf8(lang)).await;
    }
    let seeds = live.seeds().to_path_buf();
    let size = bytes.len();
    let saved = tokio::task::spawn_blocking(move || save_new(&seeds, &name, &bytes)).await;
    let saved_name = match saved {
        Ok(Ok(path)) => path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        Ok(Err(e)) => {
            error!("cannot save an upload in the seeds folder: {e}");
            return reply.send(bot, texts::upload_failed(lang)).await;
        }
        Err(e) => {
            error!("saving an upload crashed: {e}");
            return reply.send(bot, texts::upload_failed(lang)).await;
        }
    };
    info!(file = %saved_name, bytes = size, "document added to the seeds");
    let outcome = live.reindex().await;
    let text = format!(
        "{}\n{}",
        texts::saved(lang, &escape(&saved_name)),
        report(lang, outcome)
    );
    reply.send(bot, text).await
}
