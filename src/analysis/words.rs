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
///
/// The text is scanned byte by byte: ASCII bytes are classified as they are and only the other
/// characters decoded (a candidate passage of the answer layer is split once per question, and
/// going through `char_indices().peekable()` cost about 35 instructions a character).
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let bytes = text.as_bytes();
    let mut norm = String::new();
    // The last word given: its end, and whether it was a number.
    let mut last: Option<(usize, bool)> = None;
    let mut previous_numeric_hyphen: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let (c, len) = char_at(text, at);
        at += len;
        if !is_word_char(c) {
            if c == '-' && last.is_some_and(|(end, number)| end == start && number) {
                previous_numeric_hyphen = Some(start + 1);
            } else if !is_invisible(c) {
                previous_numeric_hyphen = None;
            }
            continue;
        }
        // Whether the last character read is a Latin letter, which an apostrophe may join.
        let mut last_latin = c.is_ascii_alphabetic();
        let mut joined_apostrophe = false;
        // Whether the word is normalised already, seen while it is read (most words are).
        let mut plain = plain_kind(c);
        while at < bytes.len() {
            // ASCII letters and digits and Cyrillic letters by a table, the rest decoded.
            let (class, width) = known_class(bytes, at);
            if class & WORD != 0 {
                plain &= class;
                last_latin = class & LATIN != 0;
                at += width;
                continue;
            }
            let (next, len) = char_at(text, at);
            if is_word_char(next) || is_invisible(next) {
                plain &= plain_kind(next);
                last_latin = next.is_ascii_alphabetic();
                at += len;
            } else if is_apostrophe(next) && last_latin {
                // Join `qazaqstan'nyñ`, `a'` only when a Latin letter follows too.
                let after = (at + len < bytes.len()).then(|| char_at(text, at + len).0);
                match after {
                    Some(after) if after.is_alphabetic() && !is_cyrillic(after) => {
                        joined_apostrophe = true;
                        at += len;
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        let end = at;
        let raw = &text[start..end];
        let norm: &str = if joined_apostrophe {
            let joined: String = raw.chars().filter(|&c| !is_apostrophe(c)).collect();
            norm.clear();
            normalize_word_into(&joined, &mut norm);
            &norm
        } else if plain != 0 {
            raw
        } else {
            norm.clear();
            normalize_word_into(raw, &mut norm);
            &norm
        };
        let glued_suffix = previous_numeric_hyphen == Some(start)
            && norm.chars().count() <= 4
            && norm.chars().all(is_letter);
        previous_numeric_hyphen = None;
        // A word of at most MAX_WORD_CHARS bytes has no more characters: not counted.
        let overlong = norm.len() > MAX_WORD_CHARS && norm.chars().count() > MAX_WORD_CHARS;
        if norm.is_empty() || glued_suffix || overlong {
            continue;
        }
        last = Some((end, is_number(norm)));
        f(start, end, norm);
    }
}

/// The character starting at byte `at` of `text` (a character boundary) and its length in
/// bytes; two-byte characters (Cyrillic, Kazakh letters among them) decoded here directly.
#[inline]
fn char_at(text: &str, at: usize) -> (char, usize) {
    let bytes = text.as_bytes();
    let lead = bytes[at];
    if lead < 0x80 {
        return (char::from(lead), 1);
    }
    if lead < 0xE0
        && let Some(&next) = bytes.get(at + 1)
        && let Some(c) = char::from_u32((u32::from(lead & 0x1F) << 6) | u32::from(next & 0x3F))
    {
        return (c, 2);
    }
    let c = text[at..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// Bits of a character's class in [`known_class`]: the first two are [`plain_kind`]'s.
const PLAIN_CYRILLIC: u8 = 1;
const PLAIN_ASCII: u8 = 2;
const WORD: u8 = 4;
const LATIN: u8 = 8;

/// The class of the character at byte `at` when it is an ASCII letter or digit or a Cyrillic
/// letter (then with [`WORD`] set), and its width in bytes; class 0 for any other character,
/// which is decoded and classified in full.
#[inline]
fn known_class(bytes: &[u8], at: usize) -> (u8, usize) {
    let lead = bytes[at];
    if lead < 0x80 {
        return (ASCII_CLASS[usize::from(lead)], 1);
    }
    // U+0400–U+04FF: lead bytes 0xD0–0xD3, the low six bits in the second byte.
    match bytes.get(at + 1) {
        Some(&next) if (0xD0..=0xD3).contains(&lead) => {
            let code = (usize::from(lead & 0x03) << 6) | usize::from(next & 0x3F);
            (CYRILLIC_CLASS[code], 2)
        }
        _ => (0, 1),
    }
}

/// [`known_class`] of the ASCII characters.
const ASCII_CLASS: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_lowercase() {
            table[b] = WORD | PLAIN_ASCII | LATIN;
        } else if c.is_ascii_uppercase() {
            table[b] = WORD | LATIN;
        } else if c.is_ascii_digit() {
            table[b] = WORD | PLAIN_ASCII;
        }
        b += 1;
    }
    table
};

/// [`known_class`] of U+0400–U+04FF: the Cyrillic letters of [`is_cyrillic_letter`] are word
/// characters, and those of [`is_plain_cyrillic`] plain; the signs and combining marks
/// U+0482–U+0489 are left to the full classification.
const CYRILLIC_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut i = 0;
    while i < 256 {
        let code = 0x400 + i as u32;
        let letter = code <= 0x481 || code >= 0x48A;
        let plain = matches!(
            code,
            0x430..=0x44F | 0x4D9 | 0x493 | 0x49B | 0x4A3 | 0x4E9 | 0x4B1 | 0x4AF | 0x4BB | 0x456
        );
        if letter {
            table[i] = WORD | if plain { PLAIN_CYRILLIC } else { 0 };
        }
        i += 1;
    }
    table
};

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
    !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit())
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
mod properties;
