//! Splitting text into normalised words, keeping each word's byte span in the original text.
//!
//! Normalisation happens here, once, so that every field, the query builder and the highlighter
//! agree on what a word is: NFC, lowercase with `İ` → `i`, `ё` → `е`, invisible characters
//! (soft hyphens, zero-width and bidi controls) dropped, apostrophes inside Latin words joined.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Words longer than this many characters are not indexed (counted in characters, not bytes).
pub const MAX_WORD_CHARS: usize = 40;

/// A word of the original text: its byte span there and its normalised form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub norm: String,
}

/// Characters that may sit inside a word but carry no letter: dropped from the normalised form.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '`' | '‘')
}

fn is_word_char(c: char) -> bool {
    // Fast paths for the scripts of the corpus: the general lookup is slow for non-ASCII.
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if is_cyrillic_letter(c) {
        return true;
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// `char::is_alphabetic`, with fast paths for ASCII and Cyrillic (the general lookup is slow for
/// non-ASCII letters, and this runs for every letter of every word stemmed).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        is_cyrillic_letter(c) || c.is_alphabetic()
    }
}

/// Cyrillic letters (U+0400–U+04FF without the signs and combining marks U+0482–U+0489).
fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}')
}

/// Every word of `text`, in order. Words of more than [`MAX_WORD_CHARS`] characters are skipped,
/// and so is a short letter suffix glued to a number (`300-ден`, `40-ы`): it is grammar, not content.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    for_each_word(text, |start, end, norm| {
        out.push(Word {
            start,
            end,
            norm: norm.to_string(),
        })
    });
    out
}

/// [`words`] without a `String` a word: `f` gets each word's byte span and its normalised form,
/// which lives until the next word (one buffer is reused).
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
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

/// Which of `normalize_word_into`'s already-normalised kinds a character fits: bit 0 plain
/// lowercase Cyrillic, bit 1 lowercase ASCII or a digit. A word whose characters share a bit is
/// its own normal form.
fn plain_kind(c: char) -> u8 {
    u8::from(is_plain_cyrillic(c)) | (u8::from(c.is_ascii_lowercase() || c.is_ascii_digit()) << 1)
}

/// NFC, lowercase (`İ` → `i`, no combining dot), `ё` → `е`, invisible characters removed,
/// Latin look-alikes inside a Cyrillic word replaced by their Cyrillic letters.
pub fn normalize_word(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    normalize_word_into(raw, &mut out);
    out
}

/// [`normalize_word`], appended to `out`.
pub fn normalize_word_into(raw: &str, out: &mut String) {
    // Most words of a text are already lowercase Cyrillic (or lowercase ASCII): nothing to do.
    let cyrillic = raw.chars().all(is_plain_cyrillic);
    if cyrillic
        || raw
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        out.push_str(raw);
    } else if raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // Capitalised Latin words and digits: lowercasing is all there is to do.
        out.extend(raw.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else if !lower_plain_cyrillic_into(raw, out) {
        out.push_str(&normalize_any_word(raw));
    }
}

/// Appends a word of plain Cyrillic letters, some of them capitals, lowercased (a sentence's
/// first word, a name): what the general normalisation gives it, without its tables. Returns
/// false, `out` unchanged, for any other word.
fn lower_plain_cyrillic_into(raw: &str, out: &mut String) -> bool {
    let from = out.len();
    for c in raw.chars() {
        let lower = match c {
            'А'..='Я' => char::from_u32(c as u32 + 0x20),
            'Ә' => Some('ә'),
            'Ғ' => Some('ғ'),
            'Қ' => Some('қ'),
            'Ң' => Some('ң'),
            'Ө' => Some('ө'),
            'Ұ' => Some('ұ'),
            'Ү' => Some('ү'),
            'Һ' => Some('һ'),
            'І' => Some('і'),
            _ if is_plain_cyrillic(c) => Some(c),
            _ => None,
        };
        match lower {
            Some(lower) => out.push(lower),
            None => {
                out.truncate(from);
                return false;
            }
        }
    }
    true
}

fn normalize_any_word(raw: &str) -> String {
    let mut lowered = String::with_capacity(raw.len());
    // Most words are already in NFC: skip the composition pass for them.
    let composed: Box<dyn Iterator<Item = char>> =
        if unicode_normalization::is_nfc_quick(raw.chars())
            == unicode_normalization::IsNormalized::Yes
        {
            Box::new(raw.chars())
        } else {
            Box::new(raw.nfc())
        };
    for c in composed {
        if is_invisible(c) || is_apostrophe(c) {
            continue;
        }
        match c {
            'İ' => lowered.push('i'),
            'Ё' | 'ё' => lowered.push('е'),
            _ => lowered.extend(c.to_lowercase()),
        }
    }
    // A lowercase `i̇` can still arrive precomposed as `i` + U+0307 from the input itself.
    let lowered = if lowered.contains('\u{307}') {
        lowered.replace("i\u{307}", "i")
    } else {
        lowered
    };
    fix_mixed_script(lowered)
}

fn fix_mixed_script(word: String) -> String {
    let cyrillic = word.chars().filter(|&c| is_cyrillic(c)).count();
    let latin = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
    if cyrillic == 0 || latin == 0 || latin > cyrillic {
        return word;
    }
    word.chars()
        .map(|c| match c {
            'a' => 'а',
            'c' => 'с',
            'e' => 'е',
            'o' => 'о',
            'p' => 'р',
            'x' => 'х',
            'y' => 'у',
            'k' => 'к',
            'h' => 'һ',
            'i' => 'і',
            'm' => 'м',
            't' => 'т',
            'b' => 'в',
            other => other,
        })
        .collect()
}

/// A lowercase Cyrillic letter that normalisation leaves as it is (`ё` is not: it becomes `е`).
fn is_plain_cyrillic(c: char) -> bool {
    matches!(
        c,
        'а'..='я' | 'ә' | 'ғ' | 'қ' | 'ң' | 'ө' | 'ұ' | 'ү' | 'һ' | 'і'
    )
}

pub fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

pub fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.norm).collect()
    }

    #[test]
    fn spans_point_into_the_original_text() {
        let text = "«Qaitadan» фильмі 1 миллиард";
        for w in words(text) {
            assert!(!text[w.start..w.end].is_empty());
        }
        assert_eq!(norms(text), ["qaitadan", "фильмі", "1", "миллиард"]);
    }

    #[test]
    fn dotted_capital_i_and_yo_fold() {
        assert_eq!(norms("İstanbul Ёлка"), ["istanbul", "елка"]);
    }

    #[test]
    fn invisible_characters_do_not_split_words() {
        assert_eq!(
            norms("кино\u{00AD}театр фи\u{200B}льм"),
            ["кинотеатр", "фильм"]
        );
    }

    #[test]
    fn latin_apostrophes_join() {
        assert_eq!(norms("qazaqstan'nyñ o'zi"), ["qazaqstannyñ", "ozi"]);
    }

    #[test]
    fn suffix_after_number_is_dropped() {
        assert_eq!(
            norms("300-ден астам, 57 жобаның 40-ы"),
            ["300", "астам", "57", "жобаның", "40"]
        );
        assert_eq!(norms("2020-2025 жылдар"), ["2020", "2025", "жылдар"]);
    }

    #[test]
    fn overlong_words_are_skipped_by_characters() {
        let twenty = "қ".repeat(20);
        let fifty = "қ".repeat(50);
        assert_eq!(norms(&format!("{twenty} {fifty}")), [twenty]);
    }

    #[test]
    fn latin_lookalikes_in_cyrillic_words_are_repaired() {
        assert_eq!(norms("Kазақ"), ["казақ"]);
    }
}

#[cfg(test)]
mod fast_path_properties {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
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
            let listed: Vec<Word> = list
                .all()
                .iter()
                .map(|w| Word { start: w.start, end: w.end, norm: w.norm.to_string() })
                .collect();
            prop_assert_eq!(listed, words(&text));
        }
    }
}
