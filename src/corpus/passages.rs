//! Splitting a document into passages of at most [`MAX_PASSAGE_CHARS`] characters. Consecutive
//! paragraphs share a passage while they fit: a heading, a list item or a one-line paragraph
//! says little alone, and the words of one answer are often spread over a few short paragraphs.
//! A long paragraph is cut at sentence ends; a sentence longer than the limit is cut between
//! words, and only a "word" longer than that is cut inside.

/// Longest passage, in characters.
pub const MAX_PASSAGE_CHARS: usize = 600;

/// The passages of a document's paragraphs, in order: paragraphs joined by a line break while
/// they fit in one passage and are in one language (`lang` of a paragraph; `None`, as for a line
/// of numbers, goes with either).
pub fn split_paragraphs<L: PartialEq + Copy>(
    paragraphs: &[String],
    lang: impl Fn(&str) -> Option<L>,
) -> Vec<String> {
    pack(
        paragraphs.iter().flat_map(|p| split_paragraph(p)),
        '\n',
        lang,
    )
}

/// The passages of one paragraph: itself unless it is long, else its sentences packed.
pub fn split_paragraph(paragraph: &str) -> Vec<String> {
    let paragraph = paragraph.trim();
    if paragraph.chars().count() <= MAX_PASSAGE_CHARS {
        return if paragraph.is_empty() {
            Vec::new()
        } else {
            vec![paragraph.to_string()]
        };
    }
    let mut pieces = Vec::new();
    for sentence in sentences(paragraph) {
        if sentence.chars().count() <= MAX_PASSAGE_CHARS {
            pieces.push(sentence);
        } else {
            pieces.extend(split_between_words(sentence));
        }
    }
    pack(pieces, ' ', |_| None::<()>)
}

/// Sentences of a text, each with its trailing space trimmed; concatenated they give the text
/// back up to whitespace.
///
/// Only the bytes that may end a sentence are looked at (a line break, the ASCII terminators,
/// the first byte of `…` and `。`), the rest skipped unread: the answer layer splits each
/// candidate passage, and decoding every character cost ~17 instructions.
pub fn sentences(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(offset) = bytes[at..]
        .iter()
        .position(|&b| MAY_END_SENTENCE[usize::from(b)])
    {
        let i = at + offset;
        at = i + 1;
        // A line break ends a paragraph, and so a sentence (a heading has no full stop).
        if bytes[i] == b'\n' {
            let line = text[start..i].trim();
            if !line.is_empty() {
                out.push(line);
            }
            start = i + 1;
            continue;
        }
        let Some(length) = prefix_length(&bytes[i..], TERMINATORS) else {
            continue;
        };
        // Take closing quotes and brackets with the sentence.
        let mut end = i + length;
        while let Some(length) = prefix_length(&bytes[end..], CLOSERS) {
            end += length;
        }
        at = end;
        let Some(next) = text[end..].chars().next() else {
            break;
        };
        if !next.is_whitespace() {
            continue;
        }
        let after = text[end..].trim_start().chars().next();
        let starts_new = after.is_some_and(|a| {
            a.is_uppercase() || a.is_ascii_digit() || matches!(a, '«' | '"' | '(' | '–' | '—')
        });
        if starts_new && !ends_with_abbreviation(&text[start..i]) {
            out.push(text[start..end].trim());
            start = end;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        out.push(tail);
    }
    out
}

/// What may end a sentence, and what a sentence's end takes with it.
const TERMINATORS: &[&str] = &[".", "!", "?", "…", "。"];
const CLOSERS: &[&str] = &[".", "!", "?", "…", "»", "\"", ")", "”", "’"];

/// The bytes [`sentences`] stops at: a line break and the first bytes of the terminators (no
/// byte inside a multi-byte character is one of them, so each is a character's start).
const MAY_END_SENTENCE: [bool; 256] = {
    let mut table = [false; 256];
    table[b'\n' as usize] = true;
    let mut i = 0;
    while i < TERMINATORS.len() {
        table[TERMINATORS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    table
};

/// The length of the one of `choices` that `bytes` start with.
fn prefix_length(bytes: &[u8], choices: &[&str]) -> Option<usize> {
    choices
        .iter()
        .find(|choice| bytes.starts_with(choice.as_bytes()))
        .map(|choice| choice.len())
}

/// `т.б.`, `г.`, `ж.` and other one- or two-letter lowercase words before a period are not
/// sentence ends.
fn ends_with_abbreviation(before_period: &str) -> bool {
    let last_word = before_period
        .rsplit(|c: char| c.is_whitespace() || c == '.')
        .next()
        .unwrap_or("");
    let letters = last_word.chars().count();
    (1..=2).contains(&letters) && last_word.chars().all(|c| c.is_lowercase())
}

/// Cuts an overlong sentence between words; a single overlong word is cut at a character boundary.
fn split_between_words(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = sentence.trim();
    // `nth` walks at most MAX_PASSAGE_CHARS characters: linear even for a 2 MB "sentence".
    while let Some((limit, _)) = rest.char_indices().nth(MAX_PASSAGE_CHARS) {
        let cut = rest[..limit]
            .rfind(char::is_whitespace)
            .filter(|&c| c > 0)
            .unwrap_or(limit);
        out.push(rest[..cut].trim());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Joins consecutive pieces with `separator` while they fit in one passage and are in one
/// language (`None` goes with either).
fn pack<L: PartialEq + Copy>(
    pieces: impl IntoIterator<Item = impl AsRef<str>>,
    separator: char,
    lang: impl Fn(&str) -> Option<L>,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let (mut current_chars, mut current_lang) = (0, None);
    for piece in pieces {
        let piece = piece.as_ref();
        let (piece_chars, piece_lang) = (piece.chars().count(), lang(piece));
        let other_lang =
            piece_lang.is_some() && current_lang.is_some() && piece_lang != current_lang;
        if !current.is_empty()
            && (current_chars + 1 + piece_chars > MAX_PASSAGE_CHARS || other_lang)
        {
            out.push(std::mem::take(&mut current));
            (current_chars, current_lang) = (0, None);
        }
        if !current.is_empty() {
            current.push(separator);
            current_chars += 1;
        }
        current.push_str(piece);
        current_chars += piece_chars;
        current_lang = current_lang.or(piece_lang);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// The character-by-character `sentences` the byte scan replaced, as the reference.
    fn sentences_by_chars(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            // A line break ends a paragraph, and so a sentence (a heading has no full stop).
            if c == '\n' {
                let line = text[start..i].trim();
                if !line.is_empty() {
                    out.push(line);
                }
                start = i + 1;
                continue;
            }
            if !matches!(c, '.' | '!' | '?' | '…' | '。') {
                continue;
            }
            // Take closing quotes and brackets with the sentence.
            let mut end = i + c.len_utf8();
            while let Some(&(j, next)) = chars.peek() {
                if matches!(next, '.' | '!' | '?' | '…' | '»' | '"' | ')' | '”' | '’') {
                    end = j + next.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let Some(&(_, next)) = chars.peek() else {
                break;
            };
            if !next.is_whitespace() {
                continue;
            }
            let after = text[end..].trim_start().chars().next();
            let starts_new = after.is_some_and(|a| {
                a.is_uppercase() || a.is_ascii_digit() || matches!(a, '«' | '"' | '(' | '–' | '—')
            });
            if starts_new && !ends_with_abbreviation(&text[start..i]) {
                out.push(text[start..end].trim());
                start = end;
            }
        }
        let tail = text[start..].trim();
        if !tail.is_empty() {
            out.push(tail);
        }
        out
    }

    /// Pieces of passages: words with capitals, numbers, abbreviations, every terminator and
    /// closer, line breaks and other whitespace (NBSP, em space), dashes, emoji and CJK.
    const MIXED_TEXT: &str = "([а-яәғқңө]{1,8}|[А-ЯӘҒ][а-я]{0,6}|[A-Za-z]{1,6}|[0-9]{1,4}|т\\.б\\.|г\\.\
        |[.!?…。]{1,3}|[»\")”’«(“]|[ \n\t\r]{1,2}|[\u{A0}\u{2003}\u{2028}]|[–—-]|[,;:]|[😀🎬]|[一-鿿]{1,2}){0,50}";

    proptest! {
        #[test]
        fn the_byte_scan_splits_as_the_character_scan(text in MIXED_TEXT) {
            prop_assert_eq!(sentences(&text), sentences_by_chars(&text));
        }

        #[test]
        fn the_byte_scan_splits_any_text_as_the_character_scan(text in any::<String>()) {
            prop_assert_eq!(sentences(&text), sentences_by_chars(&text));
        }
    }
}
