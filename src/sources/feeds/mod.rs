//! News feeds that are followed (`KINOTANU_FEEDS`): each round fetches every feed
//! conditionally, turns new and updated items into documents (the linked page read by the
//! corpus's HTML reader, else the item's own text) and writes them into the seeds folder — the
//! corpus of record, `seeds/feeds/<host>/<feed>/<YYYY-MM>.jsonl` — before anything indexes
//! them. `kinotanu fetch` runs one round; the bot runs one every `KINOTANU_FEED_MINUTES`.
//!
//! - `config`: the feed list and the interval from the environment.
//! - `http`: the polite, bounded HTTP client (reqwest, as teloxide brings it); `address`:
//!   pages linked from a public feed are fetched from public addresses only.
//! - `items`: feed bytes → items (feed-rs), an item → its document and line.
//! - `store`: the month files and each feed's fetch state; `month_file`: one being rewritten.
//! - `round`: one round over all feeds; `report`: what it did.

mod address;
mod config;
mod http;
mod items;
mod month_file;
mod report;
mod round;
mod store;

pub use address::{Reach, is_public};
pub use config::{DEFAULT_FEED_MINUTES, FEED_MINUTES_VAR, FEEDS_VAR, FeedList, feed_interval};
pub use http::{
    CONTACT_VAR, FetchLimits, MAX_REDIRECTS, MAX_RESPONSE_BYTES, PAGES_PER_FEED, REQUEST_TIMEOUT,
    user_agent,
};
pub use items::StoredItem;
pub use report::{FeedOutcome, FeedReport, RoundReport};
pub use reqwest::Url;
pub use round::{FeedPoller, now_secs};
pub use store::{FEEDS_FOLDER, FeedState, FeedStore, STATE_FILE};
