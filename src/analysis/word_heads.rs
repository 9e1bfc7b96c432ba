//! The heads of a passage's words (see [`word_heads`]), worked out when the passage is indexed
//! and stored with it: the answer tests every word of every candidate against the question's
//! heads, and folding the first letters of each was a tenth of an answer's instructions.

use super::{Head, WordList, word_heads};

/// Marks a word whose heads are not two bytes.
const SPELLED_OUT: u8 = 0xFF;

/// The heads of each word of a list.
pub fn heads_of(words: &WordList) -> Vec<[Head; 2]> {
    words
        .all()
        .iter()
        .map(|word| word_heads(word.norm))
        .collect()
}

/// The heads of a list's words as bytes, to be kept beside it and read back by
/// [`decode_heads`]: a word's two heads as two bytes when they are one and ASCII (most are),
/// else [`SPELLED_OUT`] and the four characters, three bytes each.
pub fn encode_heads(words: &WordList) -> Vec<u8> {
    let mut out = Vec::with_capacity(words.all().len() * 2);
    for [whole, last_part] in heads_of(words) {
        if whole == last_part && whole.iter().all(char::is_ascii) {
            out.extend(whole.map(|c| c as u8));
        } else {
            out.push(SPELLED_OUT);
            for c in whole.into_iter().chain(last_part) {
                out.extend_from_slice(&u32::from(c).to_le_bytes()[..3]);
            }
        }
    }
    out
}

/// The heads [`encode_heads`] wrote for a list of `words` words; `None` when the bytes hold
/// another number of words, or a character that is none.
pub fn decode_heads(mut bytes: &[u8], words: usize) -> Option<Vec<[Head; 2]>> {
    let mut heads = Vec::with_capacity(words);
    while let Some((&first, rest)) = bytes.split_first() {
        if first != SPELLED_OUT {
            let (&second, rest) = rest.split_first()?;
            if !first.is_ascii() || !second.is_ascii() {
                return None;
            }
            let head = [char::from(first), char::from(second)];
            heads.push([head, head]);
            bytes = rest;
            continue;
        }
        let (spelled, rest) = rest.split_first_chunk::<12>()?;
        let mut chars = ['\0'; 4];
        for (c, three) in chars.iter_mut().zip(spelled.chunks_exact(3)) {
            *c = char::from_u32(u32::from_le_bytes([three[0], three[1], three[2], 0]))?;
        }
        heads.push([[chars[0], chars[1]], [chars[2], chars[3]]]);
        bytes = rest;
    }
    (heads.len() == words).then_some(heads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn heads_read_back_as_written(text in "([а-яәғқңөұүһіё]{1,10}|кино[а-яә]{0,8}|[A-Za-z0-9]{1,8}|[ء-ي]{1,4}|[😀ß]{1,2}|[ .,\n]{1,2}){0,40}") {
            let words = WordList::of(&text);
            prop_assert_eq!(decode_heads(&encode_heads(&words), words.all().len()), Some(heads_of(&words)));
        }

        #[test]
        fn any_bytes_read_as_heads_of_every_word_or_not_at_all(
            bytes in proptest::collection::vec(any::<u8>(), 0..40),
            words in 0usize..20,
        ) {
            if let Some(heads) = decode_heads(&bytes, words) {
                prop_assert_eq!(heads.len(), words);
            }
        }
    }

    #[test]
    fn a_compound_and_another_script_are_spelled_out() {
        let text = "кинофестиваль مرحبا фильм";
        let words = WordList::of(text);
        let bytes = encode_heads(&words);
        // Two words of three need their four characters; «фильм» takes two bytes.
        assert_eq!(bytes.len(), 13 + 13 + 2);
        assert_eq!(decode_heads(&bytes, 3), Some(heads_of(&words)));
        assert_eq!(decode_heads(&bytes, 2), None);
    }
}
