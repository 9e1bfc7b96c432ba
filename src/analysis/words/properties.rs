//! Property tests of the word splitting: the fast paths against the general ones, and the
//! byte-level scan against the character-by-character one it replaced.

use super::*;
use proptest::prelude::*;

/// The character-by-character `for_each_word` the byte-level scan replaced, as the reference.
fn for_each_word_by_chars(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let mut norm = String::new();
    // The last word given: its end, and whether it was a number.
    let mut last: Option<(usize, bool)> = None;
    let mut chars = text.char_indices().peekable();
    let mut previous_numeric_hyphen: Option<usize> = None;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            if c == '-' && last.is_some_and(|(end, number)| end == start && number) {
                previous_numeric_hyphen = Some(start + 1);
            } else if !is_invisible(c) {
                previous_numeric_hyphen = None;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut last_char = c;
        let mut joined_apostrophe = false;
        // Whether the word is normalised already, seen while it is read (most words are).
        let mut plain = plain_kind(c);
        while let Some(&(i, next)) = chars.peek() {
            if is_word_char(next) || is_invisible(next) {
                plain &= plain_kind(next);
                last_char = next;
                end = i + next.len_utf8();
                chars.next();
            } else if is_apostrophe(next) && last_char.is_ascii_alphabetic() {
                // Join `qazaqstan'nyñ`, `a'` only when a Latin letter follows too.
                let mut lookahead = chars.clone();
                lookahead.next();
                match lookahead.peek() {
                    Some(&(_, after)) if after.is_alphabetic() && !is_cyrillic(after) => {
                        end = i + next.len_utf8();
                        joined_apostrophe = true;
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let raw = &text[start..end];
        norm.clear();
        if joined_apostrophe {
            let joined: String = raw.chars().filter(|&c| !is_apostrophe(c)).collect();
            normalize_word_into(&joined, &mut norm);
        } else if plain != 0 {
            norm.push_str(raw);
        } else {
            normalize_word_into(raw, &mut norm);
        }
        let glued_suffix = previous_numeric_hyphen == Some(start)
            && norm.chars().count() <= 4
            && norm.chars().all(is_letter);
        previous_numeric_hyphen = None;
        // A word of at most MAX_WORD_CHARS bytes has no more characters: not counted.
        let overlong = norm.len() > MAX_WORD_CHARS && norm.chars().count() > MAX_WORD_CHARS;
        if norm.is_empty() || glued_suffix || overlong {
            continue;
        }
        last = Some((end, is_number(&norm)));
        f(start, end, &norm);
    }
}

/// The first version of `words`, a `String` a word, as the reference.
fn words_as_before(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut previous_numeric_hyphen: Option<usize> = None;
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            if c == '-'
                && out
                    .last()
                    .is_some_and(|w: &Word| w.end == start && is_number(&w.norm))
            {
                previous_numeric_hyphen = Some(start + 1);
            } else if !is_invisible(c) {
                previous_numeric_hyphen = None;
            }
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut last = c;
        let mut joined_apostrophe = false;
        while let Some(&(i, next)) = chars.peek() {
            if is_word_char(next) || is_invisible(next) {
                last = next;
                end = i + next.len_utf8();
                chars.next();
            } else if is_apostrophe(next) && last.is_ascii_alphabetic() {
                // Join `qazaqstan'nyñ`, `a'` only when a Latin letter follows too.
                let mut lookahead = chars.clone();
                lookahead.next();
                match lookahead.peek() {
                    Some(&(_, after)) if after.is_alphabetic() && !is_cyrillic(after) => {
                        end = i + next.len_utf8();
                        joined_apostrophe = true;
                        chars.next();
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let raw = &text[start..end];
        let norm = if joined_apostrophe {
            let joined: String = raw.chars().filter(|&c| !is_apostrophe(c)).collect();
            normalize_word(&joined)
        } else {
            normalize_word(raw)
        };
        let glued_suffix = previous_numeric_hyphen == Some(start)
            && norm.chars().count() <= 4
            && norm.chars().all(is_letter);
        previous_numeric_hyphen = None;
        if norm.is_empty() || glued_suffix || norm.chars().count() > MAX_WORD_CHARS {
            continue;
        }
        out.push(Word { start, end, norm });
    }
    out
}

/// A way to split a text into words, giving each to the callback.
type Splitter = fn(&str, &mut dyn FnMut(usize, usize, &str));

/// Every word `split` gives, with its span.
fn split_with(split: Splitter, text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    split(text, &mut |start, end, norm| {
        out.push(Word {
            start,
            end,
            norm: norm.to_string(),
        })
    });
    out
}

fn by_bytes(text: &str, f: &mut dyn FnMut(usize, usize, &str)) {
    for_each_word(text, f)
}

fn by_chars(text: &str, f: &mut dyn FnMut(usize, usize, &str)) {
    for_each_word_by_chars(text, f)
}

/// Pieces of the texts the splitter meets and of those it should survive: Kazakh and Russian
/// words (capitals, `ё`), Latin ones (`İ`, apostrophes), numbers with glued suffixes, overlong
/// words, NBSP, invisible characters, combining marks, emoji, CJK and Arabic letters.
const MIXED_TEXT: &str = "([а-яәғқңөұүһіёЁА-ЯӘҒҚҢӨҰҮҺІ]{1,12}|[A-Za-zİıñçé]{1,10}|[0-9]{1,5}|[қа]{38,44}\
    |[a-z]{38,44}|['’ʼ`‘]|[ .,;:!?«»\"()\n\t-]|\u{A0}|[\u{AD}\u{200B}-\u{200F}\u{2060}\u{FEFF}\u{FE0F}]\
    |[\u{300}-\u{36F}\u{483}-\u{489}]|[😀-🙏🎬]|[一-鿿]{1,3}|[ء-ي]{1,5}|[Ⅰ-Ⅻ①-⑩²³]){0,60}";

proptest! {
    #[test]
    fn the_byte_scan_splits_as_the_character_scan(text in MIXED_TEXT) {
        prop_assert_eq!(split_with(by_bytes, &text), split_with(by_chars, &text));
    }

    #[test]
    fn the_byte_scan_splits_any_text_as_the_character_scan(text in any::<String>()) {
        prop_assert_eq!(split_with(by_bytes, &text), split_with(by_chars, &text));
    }

    #[test]
    fn words_are_those_of_the_first_version(text in "([а-яәғқңөұүһіёЁA-Za-zİ0-9'’\u{AD}\u{200B}\u{301}-]{1,12}|[ .,«»\n-]){0,40}") {
        prop_assert_eq!(words(&text), words_as_before(&text));
    }

    #[test]
    fn the_fast_path_normalises_like_the_general_one(word in "[а-яәғқңөұүһіёa-zA-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9]{1,12}") {
        prop_assert_eq!(normalize_word(&word), normalize_any_word(&word));
    }

    #[test]
    fn capitalised_words_normalise_like_the_general_one(word in "[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][а-яәғқңөұүһіёa-z0-9]{0,11}") {
        prop_assert_eq!(normalize_word(&word), normalize_any_word(&word));
    }

    #[test]
    fn the_word_list_holds_the_words(text in "([а-яәғқңөұүһіёЁA-Za-zİ0-9'’\u{AD}-]{1,12}|[ .,«»\n-]){0,40}") {
        let list = crate::analysis::WordList::of(&text);
        prop_assert_eq!(list_words(&list), words(&text));
    }

    #[test]
    fn a_word_list_reads_back_as_written(text in "([а-яәғқңөұүһіёЁA-Za-zİ0-9'’\u{AD}\u{200B}-]{1,40}|[ .,«»\n\u{A0}😀-]{1,3}){0,60}") {
        let list = crate::analysis::WordList::of(&text);
        let read = crate::analysis::WordList::decode(&text, &list.encode());
        prop_assert!(read.is_some());
        let read = read.unwrap();
        prop_assert_eq!(list_words(&read), list_words(&list));
    }

    #[test]
    fn sentences_read_back_as_written(text in "([а-яәA-Za-z0-9]{1,12}|[ .!?…»\n\u{A0}😀]{1,3}){0,60}") {
        let ranges = crate::analysis::sentence_ranges(&text);
        let read = crate::analysis::decode_sentences(&text, &crate::analysis::encode_sentences(&text));
        prop_assert_eq!(read, Some(ranges));
    }

    #[test]
    fn any_bytes_read_as_sentences_of_the_text_or_not_at_all(
        text in "[а-яәA-Za-z0-9 .😀]{0,30}",
        bytes in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        if let Some(ranges) = crate::analysis::decode_sentences(&text, &bytes) {
            for range in ranges {
                prop_assert!(text.get(range).is_some());
            }
        }
    }

    #[test]
    fn any_bytes_read_as_words_of_the_text_or_not_at_all(
        text in "[а-яәA-Za-z0-9 .😀]{0,30}",
        bytes in proptest::collection::vec(any::<u8>(), 0..40),
    ) {
        if let Some(list) = crate::analysis::WordList::decode(&text, &bytes) {
            for word in list.all().iter() {
                prop_assert!(text.get(word.start..word.end).is_some());
            }
        }
    }
}

fn list_words(list: &crate::analysis::WordList) -> Vec<Word> {
    list.all()
        .iter()
        .map(|w| Word {
            start: w.start,
            end: w.end,
            norm: w.norm.to_string(),
        })
        .collect()
}

#[test]
fn the_class_tables_agree_with_the_classification() {
    for c in ('\0'..='\u{4FF}').chain(['ә', 'қ', 'ё', 'Ё', 'ñ', '😀']) {
        let mut buffer = [0; 4];
        let (class, width) = known_class(c.encode_utf8(&mut buffer).as_bytes(), 0);
        if class == 0 {
            continue;
        }
        assert_eq!(width, c.len_utf8(), "{c:?}");
        assert!(is_word_char(c), "{c:?}");
        assert_eq!(
            class & (PLAIN_CYRILLIC | PLAIN_ASCII),
            plain_kind(c),
            "{c:?}"
        );
        assert_eq!(class & LATIN != 0, c.is_ascii_alphabetic(), "{c:?}");
    }
    let classified = ('\0'..='\u{4FF}').filter(|&c| {
        let mut buffer = [0; 4];
        known_class(c.encode_utf8(&mut buffer).as_bytes(), 0).0 != 0
    });
    // Every ASCII letter and digit and every Cyrillic letter takes the table's path.
    assert_eq!(classified.count(), 62 + 256 - 8);
}
