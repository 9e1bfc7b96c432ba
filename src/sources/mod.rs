//! Sources: documents that arrive from outside the seeds folder — Telegram channel and group
//! posts — written into the seeds folder, the corpus of record, before anything indexes them.
//! A rebuild from scratch therefore reads exactly what the live index was updated with. This
//! layer knows files and documents only: the bot turns its messages into [`ChannelPost`]s, and
//! asks the index to sync after a write.

pub mod post_store;
pub mod telegram;

pub use post_store::{ForgetOutcome, PostStore, StoredChat, StoredPost, Written};
pub use telegram::{ChannelPost, PostLink, SourceChat, SourceChats};
