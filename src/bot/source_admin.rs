//! The admin commands about sources: /sources (each source chat with its document count and
//! newest post, from the index manifest's per-file counts) and /forget (a post removed from the
//! corpus of record, then from the index by a sync). A post that lives only in a Telegram
//! Desktop export file cannot be removed from it, and the admin is told so.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Result;

use super::posts::{ChannelSources, post_html};
use super::render::escape;
use super::source_texts::{self as texts, SourceRow};
use super::state::LiveIndex;
use super::texts::UiLang;
use crate::search::Manifest;
use crate::sources::telegram::{internal_chat_id, post_doc_id};
use crate::sources::{ForgetOutcome, PostLink, SourceChat, StoredChat};

/// Documents and the newest date per chat folder (`telegram/<internal id>/…`) of the manifest.
fn counts_per_chat(manifest: &Manifest) -> BTreeMap<i64, (usize, Option<String>)> {
    let mut counts: BTreeMap<i64, (usize, Option<String>)> = BTreeMap::new();
    for (name, entry) in &manifest.files {
        let Some(chat) = name
            .strip_prefix(crate::sources::post_store::TELEGRAM_FOLDER)
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(|rest| rest.split_once('/'))
            .and_then(|(chat, _)| chat.parse::<i64>().ok())
        else {
            continue;
        };
        let (documents, newest) = counts.entry(chat).or_default();
        *documents += entry.documents;
        if entry.newest > *newest {
            newest.clone_from(&entry.newest);
        }
    }
    counts
}

/// The rows of /sources: the listed chats in their order, then chats with stored posts that
/// are no longer listed.
pub fn source_rows(
    listed: &[SourceChat],
    stored: &[StoredChat],
    manifest: &Manifest,
) -> Vec<SourceRow> {
    let mut counts = counts_per_chat(manifest);
    for chat in stored {
        counts.entry(chat.internal_chat_id).or_default();
    }
    let title_of = |id: i64| {
        stored
            .iter()
            .find(|c| c.internal_chat_id == id)
            .and_then(|c| c.title.clone())
    };
    let mut rows = Vec::new();
    for entry in listed {
        let (internal, label) = match entry {
            SourceChat::Id(id) => (Some(internal_chat_id(*id)), id.to_string()),
            SourceChat::Username(name) => (
                stored
                    .iter()
                    .find(|c| c.username.as_deref() == Some(name.as_str()))
                    .map(|c| c.internal_chat_id),
                format!("@{name}"),
            ),
        };
        let (documents, newest) = internal
            .and_then(|id| counts.remove(&id))
            .unwrap_or_default();
        let name = match internal.and_then(title_of) {
            Some(title) => format!("{} ({})", escape(&title), escape(&label)),
            None => escape(&label),
        };
        rows.push(SourceRow {
            name,
            listed: true,
            documents,
            newest,
        });
    }
    for (id, (documents, newest)) in counts {
        let label = format!("t.me/c/{id}");
        let name = match title_of(id) {
            Some(title) => format!("{} ({label})", escape(&title)),
            None => label,
        };
        rows.push(SourceRow {
            name,
            listed: false,
            documents,
            newest,
        });
    }
    rows
}

/// /sources.
pub async fn list_sources(
    lang: UiLang,
    live: &LiveIndex,
    sources: &Arc<ChannelSources>,
) -> Result<String> {
    let store = sources.clone();
    let stored = tokio::task::spawn_blocking(move || store.store.chats()).await?;
    let index = live.current();
    let rows = source_rows(sources.chats.listed(), &stored, index.manifest());
    Ok(texts::sources(lang, &rows))
}

/// /forget <link>.
pub async fn forget(
    lang: UiLang,
    argument: &str,
    live: &Arc<LiveIndex>,
    sources: &Arc<ChannelSources>,
) -> Result<String> {
    let Some(link) = PostLink::parse(argument) else {
        return Ok(texts::forget_usage(lang).to_string());
    };
    let store = sources.clone();
    let wanted = link.clone();
    let (outcome, chats) = tokio::task::spawn_blocking(move || {
        let outcome = store.store.forget(&wanted)?;
        Ok::<_, anyhow::Error>((outcome, store.store.chats()))
    })
    .await??;
    let doc_id = match &outcome {
        ForgetOutcome::Removed { post, .. } => Some(post.id.clone()),
        ForgetOutcome::NotStored => doc_id_of(&link, &chats),
    };
    let mut text = match &outcome {
        ForgetOutcome::Removed { post, .. } => {
            let synced = live.sync(sources.receipt_wait).await;
            texts::forgotten(lang, &post_html(post), synced)
        }
        ForgetOutcome::NotStored => String::new(),
    };
    // Still (or only) in the index: from a file the bot does not write, an export.
    let held_in = match doc_id {
        Some(id) => {
            let index = live.current();
            tokio::task::spawn_blocking(move || index.document_passages(&id))
                .await??
                .into_iter()
                .map(|p| p.file)
                .find(|file| !is_record_file(file))
        }
        None => None,
    };
    match held_in {
        Some(file) => {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&texts::forget_in_export(lang, &escape(&file)));
        }
        None if text.is_empty() => text.push_str(texts::forget_not_found(lang)),
        None => {}
    }
    Ok(text)
}

/// The document id a link names, when the chat can be told from it.
fn doc_id_of(link: &PostLink, chats: &[StoredChat]) -> Option<String> {
    let chat = match link {
        PostLink::Private {
            internal_chat_id, ..
        } => *internal_chat_id,
        PostLink::Public { username, .. } => {
            chats
                .iter()
                .find(|c| c.username.as_deref() == Some(username.as_str()))?
                .internal_chat_id
        }
    };
    Some(post_doc_id(chat, link.message_id()))
}

/// A file of the corpus of record (`telegram/<internal id>/<YYYY-MM>.jsonl`).
fn is_record_file(file: &str) -> bool {
    file.split_once('/')
        .and_then(|(top, rest)| {
            let (chat, name) = rest.split_once('/')?;
            Some(
                top == crate::sources::post_store::TELEGRAM_FOLDER
                    && chat.parse::<i64>().is_ok()
                    && name.ends_with(".jsonl")
                    && !name.contains('/'),
            )
        })
        .unwrap_or(false)
}

/// Documents per kind of source for /stats: `telegram` (the corpus of record), `feeds`, then
/// the other files by extension.
pub fn documents_per_kind(manifest: &Manifest) -> Vec<(String, usize)> {
    let mut kinds: BTreeMap<(u8, String), usize> = BTreeMap::new();
    for (name, entry) in &manifest.files {
        let top = name.split_once('/').map(|(top, _)| top);
        let key = match top {
            Some("telegram") => (0, "telegram".to_string()),
            Some("feeds") => (1, "feeds".to_string()),
            _ => (
                2,
                name.rsplit_once('.')
                    .map(|(_, ext)| ext.to_ascii_lowercase())
                    .filter(|ext| !ext.contains('/'))
                    .unwrap_or_else(|| "other".to_string()),
            ),
        };
        *kinds.entry(key).or_default() += entry.documents;
    }
    kinds.into_iter().map(|((_, kind), n)| (kind, n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::FileEntry;

    fn manifest(files: &[(&str, usize, Option<&str>)]) -> Manifest {
        let mut manifest = Manifest::empty();
        for (name, documents, newest) in files {
            manifest.files.insert(
                name.to_string(),
                FileEntry {
                    documents: *documents,
                    newest: newest.map(str::to_string),
                    ..FileEntry::default()
                },
            );
        }
        manifest
    }

    #[test]
    fn documents_are_counted_per_kind_of_source() {
        let m = manifest(&[
            ("2025-10-20-kazakh-cinema-kk.txt", 1, None),
            ("notes/a.MD", 2, None),
            ("telegram/1/2025-10.jsonl", 3, None),
            ("telegram/1/2025-11.jsonl", 4, None),
            ("feeds/kino.kz/2025-11.jsonl", 5, None),
            ("data.jsonl", 6, None),
        ]);
        assert_eq!(
            documents_per_kind(&m),
            [
                ("telegram".to_string(), 7),
                ("feeds".into(), 5),
                ("jsonl".into(), 6),
                ("md".into(), 2),
                ("txt".into(), 1)
            ]
        );
    }

    #[test]
    fn source_rows_sum_a_chats_month_files_and_show_unlisted_ones() {
        let m = manifest(&[
            ("telegram/1234567890/2025-10.jsonl", 3, Some("2025-10-30")),
            ("telegram/1234567890/2025-11.jsonl", 2, Some("2025-11-02")),
            ("telegram/555/2025-11.jsonl", 1, Some("2025-11-01")),
            ("telegram/export/result.jsonl", 9, None),
        ]);
        let stored = [
            StoredChat {
                internal_chat_id: 1234567890,
                title: Some("Kino <news>".into()),
                username: Some("kinonews".into()),
            },
            StoredChat {
                internal_chat_id: 555,
                title: Some("Old".into()),
                username: None,
            },
        ];
        let listed = [
            SourceChat::Username("kinonews".into()),
            SourceChat::Id(-1000000000777),
        ];
        let rows = source_rows(&listed, &stored, &m);
        let summary: Vec<_> = rows
            .iter()
            .map(|r| (r.name.as_str(), r.listed, r.documents, r.newest.as_deref()))
            .collect();
        assert_eq!(
            summary,
            [
                ("Kino &lt;news&gt; (@kinonews)", true, 5, Some("2025-11-02")),
                ("-1000000000777", true, 0, None),
                ("Old (t.me/c/555)", false, 1, Some("2025-11-01")),
            ]
        );
    }

    #[test]
    fn record_files_are_told_from_export_files() {
        assert!(is_record_file("telegram/1234567890/2025-10.jsonl"));
        assert!(!is_record_file("telegram/export/result.json"));
        assert!(!is_record_file("telegram-export/1/2025-10.jsonl"));
        assert!(!is_record_file("telegram/1/sub/2025-10.jsonl"));
    }
}
