//! The project's analysis as Tantivy tokenizers, one per word form. They must be registered on
//! every `Index` that is created or opened: Tantivy does not store tokenizers in the index.
//!
//! A passage's body is indexed once per form: it is split, normalised and analysed once (the
//! four fields ask one after another on the same thread), into one buffer of token texts that
//! the four token streams share; a stream copies each token into one reused `Token`, so
//! indexing allocates nothing a word.

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use crate::analysis::{Analyzer, Form, for_each_word};

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

/// One token of a form: where its text is in `Analysed::texts`, its word's span and position.
struct Span {
    text: Range<usize>,
    word: Range<usize>,
    position: usize,
}

/// A text's tokens for every form.
#[derive(Default)]
struct Analysed {
    text: String,
    texts: String,
    /// By `Form::ALL` order.
    tokens: [Vec<Span>; 4],
}

impl Analysed {
    fn fill(&mut self, analyzer: &Analyzer, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.texts.clear();
        for tokens in &mut self.tokens {
            tokens.clear();
        }
        let mut position = 0;
        for_each_word(text, |start, end, norm| {
            analyzer.with_key_forms(norm, |forms, folded_kazakh| {
                for (i, form) in Form::ALL.into_iter().enumerate() {
                    let at = self.texts.len();
                    self.texts.push_str(forms.get(form));
                    self.tokens[i].push(Span {
                        text: at..self.texts.len(),
                        word: start..end,
                        position,
                    });
                    // The folded Kazakh stem too, where it differs from the key: a question word
                    // whose folded stem is its key is then found by the key field alone
                    // (`Forms::key_covers_kazakh`), even where the two stemmers part
                    // (two-letter stems, the adjective `жыл|ғы`).
                    if let (Form::Key, Some(folded)) = (form, folded_kazakh) {
                        let at = self.texts.len();
                        self.texts.push_str(folded);
                        self.tokens[i].push(Span {
                            text: at..self.texts.len(),
                            word: start..end,
                            position,
                        });
                    }
                }
            });
            position += 1;
        });
    }
}

thread_local! {
    /// The last text this thread analysed.
    static LAST: RefCell<Rc<Analysed>> = RefCell::new(Rc::default());
}

pub struct FormTokenStream {
    analysed: Rc<Analysed>,
    form: usize,
    next: usize,
    token: Token,
}

impl Tokenizer for FormTokenizer {
    type TokenStream<'a> = FormTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FormTokenStream {
        let analysed = LAST.with(|last| {
            let mut last = last.borrow_mut();
            if last.text != text {
                // The streams of the previous text are gone by now: its buffers are reused.
                match Rc::get_mut(&mut last) {
                    Some(analysed) => analysed.fill(&self.analyzer, text),
                    None => {
                        let mut analysed = Analysed::default();
                        analysed.fill(&self.analyzer, text);
                        *last = Rc::new(analysed);
                    }
                }
            }
            last.clone()
        });
        let form = Form::ALL.iter().position(|&f| f == self.form).unwrap_or(0);
        FormTokenStream {
            analysed,
            form,
            next: 0,
            token: Token::default(),
        }
    }
}

impl TokenStream for FormTokenStream {
    fn advance(&mut self) -> bool {
        let Some(span) = self.analysed.tokens[self.form].get(self.next) else {
            return false;
        };
        self.next += 1;
        let token = &mut self.token;
        token.text.clear();
        token.text.push_str(&self.analysed.texts[span.text.clone()]);
        token.offset_from = span.word.start;
        token.offset_to = span.word.end;
        token.position = span.position;
        token.position_length = 1;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{script_key, words};
    use proptest::prelude::*;

    /// Every form's tokens as the first tokenizers made them: the words split, then each word's
    /// form, its folded Kazakh stem after the key where that differs.
    fn tokens_as_before(text: &str, form: Form) -> Vec<(String, usize, usize, usize)> {
        let analyzer = Analyzer::default();
        let mut out = Vec::new();
        for (position, word) in words(text).iter().enumerate() {
            let mut push = |text: String| out.push((text, word.start, word.end, position));
            if form == Form::Key {
                let forms = analyzer.forms(&word.norm);
                push(forms.key.clone());
                let folded = script_key::fold(&forms.kk);
                if !folded.is_empty() && folded != forms.key {
                    push(folded);
                }
            } else {
                push(analyzer.form(&word.norm, form));
            }
        }
        out
    }

    fn tokens(text: &str, form: Form) -> Vec<(String, usize, usize, usize)> {
        let mut tokenizer = FormTokenizer {
            form,
            analyzer: Analyzer::default(),
        };
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
        }
        out
    }

    proptest! {
        /// Texts of Kazakh, Russian and Latin words, numbers with suffixes and stray marks,
        /// each form asked in turn (as the four body fields do) and twice over.
        #[test]
        fn tokens_are_those_of_the_word_by_word_analysis(
            text in "([а-яәғқңөұүһіё]{1,12}|[A-Za-zäöüñ']{1,10}|[0-9]{1,4}-?[а-я]{0,3}|[ .,«»\u{AD}\n-]){0,30}",
            other in "[а-яa-z ]{0,20}",
        ) {
            for round in [&text, &other, &text] {
                for form in Form::ALL {
                    prop_assert_eq!(tokens(round, form), tokens_as_before(round, form));
                }
            }
        }
    }
}
