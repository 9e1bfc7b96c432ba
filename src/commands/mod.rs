//! One file per command; each takes its parsed arguments and returns what the process exits with.

pub mod ask;
pub mod bot;
pub mod eval;
pub mod fetch;
pub mod index;
