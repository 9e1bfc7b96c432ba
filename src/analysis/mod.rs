//! Analysis: from text to the terms that are indexed and searched.
//!
//! Pure functions over `&str`, no Tantivy types: `search` wraps them into Tantivy tokenizers, and
//! `answer` uses the very same functions to find and mark matched words in a passage, so what is
//! highlighted is exactly what matched.
//!
//! Each word gets three forms, one per indexed field:
//! - `kk`: the `KazakhStemmer` stem of the Cyrillic word (Latin words stay as they are);
//! - `ru`: the Snowball Russian stem;
//! - `key`: the script-independent key (`script_key`) stemmed by the folded `KazakhStemmer`, so
//!   Latin-typed and Russian-keyboard Kazakh meet Cyrillic text.

pub mod ablation;
pub mod answer_type;
pub mod glossary;
mod kazakh_endings;
pub mod kazakh_stemmer;
pub mod places;
pub mod script_key;
pub mod stopwords;
pub mod thesaurus;
pub mod time_words;
mod word_heads;
mod word_list;
pub mod words;

use rustc_hash::FxHashMap;
use std::cell::RefCell;

pub use kazakh_stemmer::KazakhStemmer;
pub use word_heads::{decode_heads, encode_heads, heads_of};
pub use word_list::{
    WordList, WordRef, Words, decode_sentences, encode_sentences, sentence_ranges,
};
pub use words::{Word, for_each_word, words};

/// The first two letters of a form, padded.
pub type Head = [char; 2];

pub fn head(form: &str) -> Head {
    let mut chars = form.chars();
    [chars.next().unwrap_or('\0'), chars.next().unwrap_or('\0')]
}

/// The first two key letters of a word and of its compound's last part. Two words whose forms
/// match share one of these (every form keeps the word's first two letters), so a word whose
/// heads no question word has is skipped without stemming it.
pub fn word_heads(norm: &str) -> [Head; 2] {
    // Two letters decide for most words: only one folding to `ki…` may be a compound. (This
    // runs for every word of every passage indexed.)
    if let Some((head, folded)) = script_key::fold_head(norm)
        && folded > 0
        && head != ['k', 'i']
    {
        return [head, head];
    }
    // Enough letters to see a compound part and the two letters after it.
    script_key::with_fold_start(norm, COMPOUND_HEAD_LETTERS, |start| {
        let folded = if start.is_empty() { norm } else { start };
        [head(folded), head(split_compound(folded))]
    })
}

/// The key alphabet spelling of a word; words in other scripts keep their own.
fn folded_or_norm(norm: &str) -> String {
    let folded = script_key::fold(norm);
    if folded.is_empty() {
        norm.to_string()
    } else {
        folded
    }
}

/// Compounds whose first part says little in a cinema corpus: `кинофестиваль` is a
/// `фестиваль`, `киножоба` a `жоба`. The key drops the part (the stems keep it), so a question
/// about festivals finds film festivals.
const COMPOUND_PARTS: &[&str] = &["kino"];

/// Key letters `heads` needs: the longest compound part, and four letters after it (a shorter
/// rest is not split off).
const COMPOUND_HEAD_LETTERS: usize = 4 + 4;

fn split_compound(folded: &str) -> &str {
    if ablation::is_off("compound") {
        return folded;
    }
    for part in COMPOUND_PARTS {
        if let Some(rest) = folded
            .strip_prefix(part)
            .filter(|rest| rest.chars().count() >= 4)
        {
            return rest;
        }
    }
    folded
}

/// Letters kept by the prefix form.
pub const PREFIX_LETTERS: usize = 5;

/// Which of a word's forms a field indexes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    Kazakh,
    Russian,
    Key,
    /// The first letters of the key, before stemming: a wide net for what the stemmers miss.
    Prefix,
}

impl Form {
    pub const ALL: [Form; 4] = [Form::Kazakh, Form::Russian, Form::Key, Form::Prefix];
}

/// The forms of one word.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Forms {
    pub kk: String,
    pub ru: String,
    pub key: String,
    pub prefix: String,
    /// The Kazakh stem, folded, is the key: the key field then finds all the Kazakh field
    /// would (see `search::query::build`). Kept here, with the cached forms, because folding
    /// costs more than looking it up.
    pub key_covers_kazakh: bool,
}

impl Forms {
    pub fn get(&self, form: Form) -> &str {
        match form {
            Form::Kazakh => &self.kk,
            Form::Russian => &self.ru,
            Form::Key => &self.key,
            Form::Prefix => &self.prefix,
        }
    }
}

/// Words whose forms each thread keeps; the cache is emptied when full (a few MB at most).
const CACHED_WORDS: usize = 50_000;

/// A word's forms as cached, with its Kazakh stem folded to the key alphabet (which the key
/// field also indexes where it differs from the key).
struct Cached {
    forms: Forms,
    folded_kazakh: String,
}

thread_local! {
    // Fx rather than SipHash: the keys are the corpus's own words, and this lookup is made for
    // every word of every passage indexed or re-ranked.
    static FORMS_CACHE: RefCell<FxHashMap<String, Cached>> = RefCell::new(FxHashMap::default());
}

/// Computes the forms of normalised words.
#[derive(Clone, Copy)]
pub struct Analyzer {
    russian: frostem::Stemmer,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer {
            russian: frostem::Stemmer::new(frostem::Algorithm::Russian),
        }
    }
}

impl Analyzer {
    /// One form of a normalised word.
    pub fn form(&self, norm: &str, form: Form) -> String {
        self.with_forms(norm, |forms| forms.get(form).to_string())
    }

    pub fn forms(&self, norm: &str) -> Forms {
        self.with_forms(norm, Forms::clone)
    }

    /// Calls `f` with the forms of a word, from this thread's cache when it has them: words
    /// repeat (Zipf), and stemming a word four ways costs more than looking it up.
    pub fn with_forms<T>(&self, norm: &str, f: impl FnOnce(&Forms) -> T) -> T {
        self.with_cached(norm, |cached| f(&cached.forms))
    }

    /// Calls `f` with the forms of a word and, when it is not empty and differs from the key,
    /// its Kazakh stem folded to the key alphabet: what the key field indexes for the word.
    pub fn with_key_forms<T>(&self, norm: &str, f: impl FnOnce(&Forms, Option<&str>) -> T) -> T {
        self.with_cached(norm, |cached| {
            let folded = &cached.folded_kazakh;
            let differs = !folded.is_empty() && *folded != cached.forms.key;
            f(&cached.forms, differs.then_some(folded.as_str()))
        })
    }

    fn with_cached<T>(&self, norm: &str, f: impl FnOnce(&Cached) -> T) -> T {
        FORMS_CACHE.with(|cache| {
            if let Some(cached) = cache.borrow().get(norm) {
                return f(cached);
            }
            let (kk, key) = (self.kazakh(norm), self.key(norm));
            let folded_kazakh = script_key::fold(&kk);
            let cached = Cached {
                forms: Forms {
                    key_covers_kazakh: folded_kazakh == key,
                    ru: self.russian(norm),
                    prefix: self.prefix(norm),
                    kk,
                    key,
                },
                folded_kazakh,
            };
            let out = f(&cached);
            let mut cache = cache.borrow_mut();
            if cache.len() >= CACHED_WORDS {
                cache.clear();
            }
            cache.insert(norm.to_string(), cached);
            out
        })
    }

    fn kazakh(&self, norm: &str) -> String {
        if norm.chars().any(words::is_cyrillic) && !ablation::is_off("kk-stem") {
            KazakhStemmer::cyrillic().stem(norm)
        } else {
            norm.to_string()
        }
    }

    fn russian(&self, norm: &str) -> String {
        if norm.chars().any(words::is_cyrillic) && !ablation::is_off("ru-stem") {
            self.russian.stem(norm).into_owned()
        } else {
            norm.to_string()
        }
    }

    fn key(&self, norm: &str) -> String {
        let folded = folded_or_norm(norm);
        if words::is_number(&folded) {
            return folded;
        }
        KazakhStemmer::folded().stem(split_compound(&folded))
    }

    fn prefix(&self, norm: &str) -> String {
        folded_or_norm(norm).chars().take(PREFIX_LETTERS).collect()
    }

    /// Whether the word is a question or function word, which never counts as evidence.
    pub fn is_stopword(&self, norm: &str) -> bool {
        self.with_forms(norm, |forms| self.is_stopword_with(norm, forms))
    }

    /// `is_stopword` for a word whose forms are at hand.
    pub fn is_stopword_with(&self, norm: &str, forms: &Forms) -> bool {
        !ablation::is_off("stopwords") && stopwords::is_stopword(norm, &forms.kk, &forms.key)
    }
}

#[cfg(test)]
mod heads_properties {
    use super::*;
    use proptest::prelude::*;

    /// `heads` as first written: every word folded far enough to see a compound.
    fn heads_as_before(norm: &str) -> [Head; 2] {
        script_key::with_fold_start(norm, COMPOUND_HEAD_LETTERS, |start| {
            let folded = if start.is_empty() { norm } else { start };
            [head(folded), head(split_compound(folded))]
        })
    }

    proptest! {
        #[test]
        fn heads_are_those_of_the_first_version(norm in "(кино|kino|ки|қи)?[а-яәғқңөұүһіa-z0-9ъь]{0,10}") {
            prop_assert_eq!(word_heads(&norm), heads_as_before(&norm));
        }
    }

    #[test]
    fn a_compound_has_the_heads_of_its_last_part() {
        assert_eq!(word_heads("кинофестиваль"), [['k', 'i'], ['f', 'e']]);
        assert_eq!(word_heads("фильм"), [['f', 'i'], ['f', 'i']]);
    }
}
