//! The corpus of record for Telegram posts: one JSON Lines file per chat and month,
//! `seeds/telegram/<internal chat id>/<YYYY-MM>.jsonl`, one post a line in message-id order,
//! `{"id","title","text","date","source","url"}` — what the corpus's JSON Lines reader reads.
//!
//! A write reads the file, replaces the post's line (an edit) or inserts it, keeps every other
//! line byte for byte (lines it cannot parse too: nothing valid is lost), and replaces the file
//! atomically ([`record_file`](super::record_file)). One writer at a time in a process; across
//! processes the rename keeps files whole.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::record_file::{create_folder, read_lines, replace_file};
use super::telegram::{ChannelPost, PostLink, chat_id_prefix, post_doc_id, username_in_url};
use crate::corpus::telegram_post::post_document;

/// The folder of the seeds that holds the posts.
pub const TELEGRAM_FOLDER: &str = "telegram";

/// One post as stored: a line of the chat's month file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPost {
    pub id: String,
    pub title: String,
    pub text: String,
    pub date: String,
    pub source: String,
    pub url: String,
}

impl StoredPost {
    /// The post as the export reader would make it (`corpus::telegram_post`), so that a post
    /// read from an export and the same post received by the bot are the same document; `None`
    /// when its text has no words.
    pub fn from_post(post: &ChannelPost) -> Option<StoredPost> {
        let document = post_document(
            post.internal_chat_id(),
            post.username.as_deref(),
            Some(&post.chat_title),
            i64::from(post.message_id),
            &post.text,
            post.date,
        )?;
        Some(StoredPost {
            id: document.id,
            title: document.title,
            text: document.paragraphs.join("\n"),
            date: document.date.unwrap_or_default(),
            source: post.chat_title.clone(),
            url: document.url.unwrap_or_default(),
        })
    }
}

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Added,
    /// The post was there and is replaced (an edit).
    Replaced,
    /// The post was there exactly so: nothing was written.
    Unchanged,
}

/// How a `forget` ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ForgetOutcome {
    /// The post's line was removed from this file (relative to the seeds).
    Removed { post: StoredPost, file: String },
    /// No stored post has this link.
    NotStored,
}

/// A chat with posts in the corpus of record, as its latest stored post names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredChat {
    pub internal_chat_id: i64,
    /// The chat's title (the `source` of its latest post).
    pub title: Option<String>,
    pub username: Option<String>,
}

/// Writes and removes posts in the seeds folder.
pub struct PostStore {
    seeds: PathBuf,
    writing: Mutex<()>,
}

impl PostStore {
    pub fn new(seeds: PathBuf) -> PostStore {
        PostStore {
            seeds,
            writing: Mutex::new(()),
        }
    }

    /// Whether posts can be stored: the seeds are a folder, not a single file.
    pub fn is_usable(&self) -> bool {
        self.seeds.is_dir()
    }

    /// Adds the post, or replaces it when it is stored already.
    pub fn write(&self, post: &ChannelPost) -> Result<(Written, StoredPost)> {
        let stored = StoredPost::from_post(post).context("the post has no words to index")?;
        let folder = self.chat_folder(post.internal_chat_id());
        let month = stored.date.get(..7).unwrap_or("0000-00");
        let path = folder.join(format!("{month}.jsonl"));
        let mut line = serde_json::to_vec(&stored)?;
        line.push(b'\n');
        let _writing = self.writing.lock().unwrap_or_else(|p| p.into_inner());
        create_folder(&folder, &self.seeds)?;
        let lines = read_lines(&path)?;
        let prefix = chat_id_prefix(post.internal_chat_id());
        let (lines, written) = with_post(lines, &prefix, i64::from(post.message_id), line);
        if written != Written::Unchanged {
            replace_file(&path, &lines.concat())?;
        }
        Ok((written, stored))
    }

    /// Removes the post a link names from the corpus of record. A public link is matched by the
    /// stored posts' links, or by id in the chat that has the username now (a post stored
    /// before the chat changed its username keeps the old one in its link).
    pub fn forget(&self, link: &PostLink) -> Result<ForgetOutcome> {
        let _writing = self.writing.lock().unwrap_or_else(|p| p.into_inner());
        let (folders, id) = match link {
            PostLink::Private {
                internal_chat_id,
                message_id,
            } => (
                vec![self.chat_folder(*internal_chat_id)],
                Some(post_doc_id(*internal_chat_id, *message_id)),
            ),
            PostLink::Public { username, .. } => {
                let renamed = self
                    .chats()
                    .into_iter()
                    .find(|chat| chat.username.as_deref() == Some(username.as_str()));
                let id = renamed.map(|chat| post_doc_id(chat.internal_chat_id, link.message_id()));
                (self.chat_folders(), id)
            }
        };
        for folder in folders {
            for path in month_files(&folder) {
                let mut lines = read_lines(&path)?;
                let found = lines.iter().enumerate().find_map(|(at, line)| {
                    let post = parse_line(line)?;
                    let named = id.as_deref() == Some(post.id.as_str()) || link.is(&post.url);
                    named.then_some((at, post))
                });
                let Some((at, post)) = found else { continue };
                lines.remove(at);
                replace_file(&path, &lines.concat())?;
                return Ok(ForgetOutcome::Removed {
                    post,
                    file: self.relative(&path),
                });
            }
        }
        Ok(ForgetOutcome::NotStored)
    }

    /// Every chat with a folder of posts, named by its latest stored post.
    pub fn chats(&self) -> Vec<StoredChat> {
        self.chat_folders()
            .into_iter()
            .filter_map(|folder| {
                let internal_chat_id = folder.file_name()?.to_str()?.parse().ok()?;
                let latest = month_files(&folder).iter().rev().find_map(|path| {
                    let lines = read_lines(path).ok()?;
                    lines.iter().rev().find_map(|line| parse_line(line))
                });
                Some(StoredChat {
                    internal_chat_id,
                    title: latest.as_ref().map(|post| post.source.clone()),
                    username: latest.and_then(|post| username_in_url(&post.url)),
                })
            })
            .collect()
    }

    fn chat_folder(&self, internal_chat_id: i64) -> PathBuf {
        self.seeds
            .join(TELEGRAM_FOLDER)
            .join(internal_chat_id.to_string())
    }

    /// `telegram/<number>/` folders, in name order.
    fn chat_folders(&self) -> Vec<PathBuf> {
        let Ok(entries) = fs::read_dir(self.seeds.join(TELEGRAM_FOLDER)) else {
            return Vec::new();
        };
        let mut folders: Vec<PathBuf> = entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.is_dir()
                    && path
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.parse::<i64>().is_ok())
            })
            .collect();
        folders.sort();
        folders
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.seeds)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

fn parse_line(line: &[u8]) -> Option<StoredPost> {
    serde_json::from_slice(line).ok()
}

/// The message id of a line holding a post of this chat (`id` is `tg-<chat>-<message>`).
fn message_id_of(line: &[u8], chat_prefix: &str) -> Option<i64> {
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    let Id { id } = serde_json::from_slice(line).ok()?;
    id.strip_prefix(chat_prefix)?.parse().ok()
}

/// `lines` with the post's line in place of the one with the same id, or inserted before the
/// first post with a larger message id; every other line untouched.
fn with_post(
    mut lines: Vec<Vec<u8>>,
    chat_prefix: &str,
    message_id: i64,
    line: Vec<u8>,
) -> (Vec<Vec<u8>>, Written) {
    let ids: Vec<Option<i64>> = lines
        .iter()
        .map(|l| message_id_of(l, chat_prefix))
        .collect();
    if let Some(at) = ids.iter().position(|id| *id == Some(message_id)) {
        if lines[at] == line {
            return (lines, Written::Unchanged);
        }
        lines[at] = line;
        return (lines, Written::Replaced);
    }
    let at = ids
        .iter()
        .position(|id| id.is_some_and(|id| id > message_id))
        .unwrap_or(lines.len());
    lines.insert(at, line);
    (lines, Written::Added)
}

/// Month files of a chat folder, in name (month) order; hidden files left out.
fn month_files(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or(".");
            !name.starts_with('.') && name.ends_with(".jsonl") && path.is_file()
        })
        .collect();
    files.sort();
    files
}
