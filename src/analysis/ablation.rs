//! Switching components off one at a time, to measure what each buys (docs/evaluation.md).
//!
//! `KINOTANU_ABLATE=kk-stem,key` turns the named components off for the whole process. It exists
//! for `eval` only; an index built under it records the switches in its manifest, so the normal
//! index is never mistaken for it.

use std::collections::BTreeSet;
use std::sync::LazyLock;

pub const ABLATE_VAR: &str = "KINOTANU_ABLATE";

/// The components that can be switched off.
pub const COMPONENTS: &[&str] = &[
    "kk-stem",     // the Kazakh stemmer (kk field keeps whole words)
    "ru-stem",     // Snowball Russian (ru field keeps whole words)
    "key",         // the script-independent key field
    "title",       // the title fields
    "stopwords",   // question and function words count like any word
    "collapse",    // one passage per document before a second from the same one
    "fuzzy",       // typo tolerance for words the index does not know
    "glossary",    // the kk↔ru cinema glossary
    "compound",    // кино- compounds split in the key
    "prefix",      // the five-letter prefix field
    "proximity",   // re-ranking by the best sentence's evidence
    "answer-type", // a number for "when", a name for "who" in the best sentence
    "thesaurus",   // synonyms from data/lexicon/thesaurus.txt
    "context",     // the sentence before an answer that leans on it
    "answer-lang", // a passage in the question's language first among near-equals
    "confidence",  // answering on the answer's evidence, not the passage's coverage alone
    "places",      // the gazetteer: a place's other names, its region or cities
    "time",        // documents of the time a question names first, newer before older
];

static SWITCHED_OFF: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    std::env::var(ABLATE_VAR)
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
});

/// Whether a component is switched off in this process.
pub fn is_off(component: &str) -> bool {
    debug_assert!(
        COMPONENTS.contains(&component),
        "unknown component {component}"
    );
    SWITCHED_OFF.contains(component)
}

/// The switched-off components, comma-separated (empty when none), as recorded in a manifest.
pub fn signature() -> String {
    SWITCHED_OFF.iter().cloned().collect::<Vec<_>>().join(",")
}
