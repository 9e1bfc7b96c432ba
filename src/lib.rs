//! kinotanu: answers questions about Kazakhstan's cinema, in Kazakh and Russian, from a Tantivy
//! index, always with its evidence. Data flows one way:
//! sources → corpus → analysis → search → answer → (bot | cli). See ARCHITECTURE.md.

pub mod analysis;
pub mod answer;
pub mod bot;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod error;
pub mod live_index;
pub mod search;
pub mod sources;
