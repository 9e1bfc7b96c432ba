//! Sources: documents that arrive from outside the seeds folder — Telegram channel and group
//! posts, and the items of followed news feeds — written into the seeds folder, the corpus of
//! record, before anything indexes them. A rebuild from scratch therefore reads exactly what the
//! live index was updated with. This layer knows files, documents and HTTP only: the bot turns
//! its messages into [`ChannelPost`]s, and callers ask the index to sync after a write.

pub mod feeds;
pub mod post_store;
pub mod record_file;
pub mod telegram;

pub use post_store::{ForgetOutcome, PostStore, StoredChat, StoredPost, Written};
pub use telegram::{ChannelPost, PostLink, SourceChat, SourceChats};
