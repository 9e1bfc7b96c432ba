//! Typo tolerance: a question word the index does not know (in any form) is replaced by the
//! index's words within one edit (insertion, deletion, substitution or transposition) of its
//! key, for words of five letters or more. The expansions are real index terms, so the answer
//! layer can still mark them in snippets.
//!
//! The first letter is taken as typed, as most spelling correctors do: only the dictionary's
//! words with that letter are walked, a tenth of the walk through all of them.

use std::collections::HashMap;

use anyhow::Result;
use tantivy::query::FuzzyTermQuery;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// Shorter words are not expanded: one edit is too much of them.
pub const MIN_LETTERS: usize = 5;
/// At most this many expansions per word, the most frequent first.
const MAX_EXPANSIONS: usize = 4;

/// Index terms of `field` within one edit of `key`, most frequent first.
pub fn expand(searcher: &Searcher, field: Field, key: &str) -> Result<Vec<(String, u64)>> {
    if key.chars().count() < MIN_LETTERS {
        return Ok(Vec::new());
    }
    let query = FuzzyTermQuery::new(Term::from_field_text(field, key), 1, true);
    let Some(first) = key.chars().next() else {
        return Ok(Vec::new());
    };
    let mut from = [0; 4];
    let from = first.encode_utf8(&mut from).as_bytes().to_vec();
    // The next character after the first (past the surrogate gap): UTF-8 sorts as code points.
    let next = (u32::from(first) + 1..=u32::from(char::MAX)).find_map(char::from_u32);
    let mut found: HashMap<String, u64> = HashMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let words = inverted.terms().search(query.automaton()?).ge(&from);
        let words = match next {
            Some(next) => words.lt(next.to_string()),
            None => words,
        };
        let mut stream = words.into_stream()?;
        while stream.advance() {
            if let Ok(term) = std::str::from_utf8(stream.key()) {
                *found.entry(term.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    let mut found: Vec<(String, u64)> = found.into_iter().filter(|(term, _)| term != key).collect();
    found.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    found.truncate(MAX_EXPANSIONS);
    Ok(found)
}
