//! A text's words kept for reading again — a candidate passage's, re-ranked and then searched
//! for the answer's kind and references — with their normalised forms in one buffer instead of
//! a `String` a word.

use std::ops::Range;

use super::words::for_each_word;

/// The words of a text, as `words()` gives them, with their normalised forms in one buffer.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    norms: String,
    spans: Vec<Span>,
}

/// A word's byte span in the text and its normalised form's in `WordList::norms`.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    norm: (usize, usize),
}

/// A word of a [`WordList`]: its byte span in the text and its normalised form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordRef<'a> {
    pub start: usize,
    pub end: usize,
    pub norm: &'a str,
}

/// Consecutive words of a [`WordList`].
#[derive(Debug, Clone, Copy)]
pub struct Words<'a> {
    norms: &'a str,
    spans: &'a [Span],
}

impl WordList {
    pub fn of(text: &str) -> WordList {
        let mut list = WordList {
            norms: String::with_capacity(text.len()),
            spans: Vec::with_capacity(text.len() / 8),
        };
        for_each_word(text, |start, end, norm| {
            let from = list.norms.len();
            list.norms.push_str(norm);
            list.spans.push(Span {
                start,
                end,
                norm: (from, list.norms.len()),
            });
        });
        list
    }

    pub fn all(&self) -> Words<'_> {
        Words {
            norms: &self.norms,
            spans: &self.spans,
        }
    }

    /// The words inside a byte range of the text.
    pub fn within(&self, range: &Range<usize>) -> Words<'_> {
        let from = self.spans.partition_point(|w| w.start < range.start);
        let to = self.spans.partition_point(|w| w.end <= range.end);
        Words {
            norms: &self.norms,
            spans: &self.spans[from..to.max(from)],
        }
    }
}

impl<'a> Words<'a> {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<WordRef<'a>> {
        self.spans.get(i).map(|span| self.word(span))
    }

    pub fn iter(&self) -> impl Iterator<Item = WordRef<'a>> + 'a {
        let words = *self;
        self.spans.iter().map(move |span| words.word(span))
    }

    fn word(&self, span: &Span) -> WordRef<'a> {
        WordRef {
            start: span.start,
            end: span.end,
            norm: &self.norms[span.norm.0..span.norm.1],
        }
    }
}
