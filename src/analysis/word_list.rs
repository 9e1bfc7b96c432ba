//! A text's words kept for reading again — a candidate passage's, re-ranked and then searched
//! for the answer's kind and references — with their normalised forms in one buffer instead of
//! a `String` a word; and its sentences' byte ranges. Both are encoded into the index with each
//! passage, so that a candidate is not split again for every question.

use std::ops::Range;

use super::words::for_each_word;
use crate::corpus::sentences;

/// The words of a text, as `words()` gives them, with their normalised forms in one buffer: a
/// copy of the text, where a word already in normal form (most are) is its own span, followed
/// by the normal forms of the others.
#[derive(Debug, Clone, Default)]
pub struct WordList {
    norms: String,
    /// The length of the text at the start of `norms`.
    text_len: usize,
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
        let mut list = WordList::holding(text, text.len() / 4);
        for_each_word(text, |start, end, norm| {
            let norm = if text.as_bytes()[start..end] == *norm.as_bytes() {
                (start, end)
            } else {
                let from = list.norms.len();
                list.norms.push_str(norm);
                (from, list.norms.len())
            };
            list.spans.push(Span { start, end, norm });
        });
        list
    }

    /// An empty list over a copy of `text`, with room for `more` bytes of normal forms.
    fn holding(text: &str, more: usize) -> WordList {
        let mut norms = String::with_capacity(text.len() + more);
        norms.push_str(text);
        WordList {
            norms,
            text_len: text.len(),
            spans: Vec::with_capacity(text.len() / 8),
        }
    }

    /// The list as bytes, to be kept beside its text and read back by [`WordList::decode`]:
    /// the normal forms that differ from the words as written, one after the other (their
    /// length first), then for each word its gap from the last word's end and its length
    /// shifted left by one, the low bit set when its normal form is among those, followed then
    /// by that form's length; every number LEB128. A word costs about two bytes.
    pub fn encode(&self) -> Vec<u8> {
        let others = &self.norms[self.text_len..];
        let mut out = Vec::with_capacity(others.len() + self.spans.len() * 2 + 4);
        put_number(&mut out, others.len());
        out.extend_from_slice(others.as_bytes());
        let mut last_end = 0;
        for span in &self.spans {
            let differs = span.norm.0 >= self.text_len;
            put_number(&mut out, span.start - last_end);
            put_number(
                &mut out,
                ((span.end - span.start) << 1) | usize::from(differs),
            );
            if differs {
                put_number(&mut out, span.norm.1 - span.norm.0);
            }
            last_end = span.end;
        }
        out
    }

    /// The list [`WordList::encode`] wrote for `text`; `None` when the bytes do not describe
    /// words of this text (words out of order or off a character boundary, normal forms that
    /// are not UTF-8, bytes cut short).
    pub fn decode(text: &str, mut bytes: &[u8]) -> Option<WordList> {
        let len = take_number(&mut bytes)?;
        let (others, rest) = bytes.split_at_checked(len)?;
        bytes = rest;
        let mut list = WordList::holding(text, others.len());
        list.norms.push_str(std::str::from_utf8(others).ok()?);
        let mut next_other = list.text_len;
        let mut last_end = 0usize;
        while !bytes.is_empty() {
            let start = last_end.checked_add(take_number(&mut bytes)?)?;
            let coded = take_number(&mut bytes)?;
            let end = start.checked_add(coded >> 1)?;
            text.get(start..end)?;
            let norm = if coded & 1 == 0 {
                (start, end)
            } else {
                let to = next_other.checked_add(take_number(&mut bytes)?)?;
                list.norms.get(next_other..to)?;
                (std::mem::replace(&mut next_other, to), to)
            };
            list.spans.push(Span { start, end, norm });
            last_end = end;
        }
        Some(list)
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

/// The byte ranges of a text's sentences (`corpus::sentences`).
pub fn sentence_ranges(text: &str) -> Vec<Range<usize>> {
    sentences(text)
        .into_iter()
        .map(|sentence| {
            let start = sentence.as_ptr() as usize - text.as_ptr() as usize;
            start..start + sentence.len()
        })
        .collect()
}

/// A text's sentence ranges as bytes, to be kept beside it and read back by
/// [`decode_sentences`]: each sentence's gap from the last one's end and its length, LEB128.
pub fn encode_sentences(text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut last_end = 0;
    for range in sentence_ranges(text) {
        put_number(&mut out, range.start - last_end);
        put_number(&mut out, range.end - range.start);
        last_end = range.end;
    }
    out
}

/// The ranges [`encode_sentences`] wrote for `text`; `None` when the bytes do not describe
/// ranges of this text, in order and on character boundaries.
pub fn decode_sentences(text: &str, mut bytes: &[u8]) -> Option<Vec<Range<usize>>> {
    let mut ranges = Vec::with_capacity(bytes.len() / 2);
    let mut last_end = 0usize;
    while !bytes.is_empty() {
        let start = last_end.checked_add(take_number(&mut bytes)?)?;
        let end = start.checked_add(take_number(&mut bytes)?)?;
        text.get(start..end)?;
        ranges.push(start..end);
        last_end = end;
    }
    Some(ranges)
}

fn put_number(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn take_number(bytes: &mut &[u8]) -> Option<usize> {
    let mut n = 0usize;
    for (i, &byte) in bytes.iter().enumerate().take(5) {
        n |= usize::from(byte & 0x7f) << (7 * i);
        if byte & 0x80 == 0 {
            *bytes = &bytes[i + 1..];
            return Some(n);
        }
    }
    None
}
