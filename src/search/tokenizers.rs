//! The project's analysis as Tantivy tokenizers, one per word form. They must be registered on
//! every `Index` that is created or opened: Tantivy does not store tokenizers in the index.

use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use std::cell::RefCell;

use crate::analysis::{Analyzer, Form, Word, script_key, words};

pub const KAZAKH: &str = "kinotanu_kk";
pub const RUSSIAN: &str = "kinotanu_ru";
pub const KEY: &str = "kinotanu_key";
pub const PREFIX: &str = "kinotanu_prefix";

pub fn name(form: Form) -> &'static str {
    match form {
        Form::Kazakh => KAZAKH,
        Form::Russian => RUSSIAN,
        Form::Key => KEY,
        Form::Prefix => PREFIX,
    }
}

/// Registers the three tokenizers on an index.
pub fn register(index: &Index) {
    for form in Form::ALL {
        index.tokenizers().register(
            name(form),
            FormTokenizer {
                form,
                analyzer: Analyzer::default(),
            },
        );
    }
}

/// Emits one form of every word of the text.
#[derive(Clone)]
pub struct FormTokenizer {
    form: Form,
    analyzer: Analyzer,
}

pub struct FormTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for FormTokenizer {
    type TokenStream<'a> = FormTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FormTokenStream {
        let tokens = LAST_TEXT.with(|last| {
            let mut last = last.borrow_mut();
            // The body is indexed once per form: split and normalise it once.
            if last.0 != text {
                *last = (text.to_string(), words(text));
            }
            let mut tokens = Vec::with_capacity(last.1.len());
            for (position, word) in last.1.iter().enumerate() {
                let token = |text| Token {
                    offset_from: word.start,
                    offset_to: word.end,
                    position,
                    text,
                    position_length: 1,
                };
                if self.form == Form::Key {
                    // The folded Kazakh stem too, where it differs from the key: a question word
                    // whose folded stem is its key is then found by the key field alone
                    // (`Forms::key_covers_kazakh`), even where the two stemmers part
                    // (two-letter stems, the adjective `жыл|ғы`).
                    let (key, folded_stem) = self.analyzer.with_forms(&word.norm, |forms| {
                        let folded_stem = script_key::fold(&forms.kk);
                        let differs = !folded_stem.is_empty() && folded_stem != forms.key;
                        (forms.key.clone(), differs.then_some(folded_stem))
                    });
                    tokens.push(token(key));
                    tokens.extend(folded_stem.map(token));
                } else {
                    tokens.push(token(self.analyzer.form(&word.norm, self.form)));
                }
            }
            tokens
        });
        FormTokenStream { tokens, next: 0 }
    }
}

thread_local! {
    /// The last text this thread split into words, and its words.
    static LAST_TEXT: RefCell<(String, Vec<Word>)> = const { RefCell::new((String::new(), Vec::new())) };
}

impl TokenStream for FormTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}
