//! The script-independent key: one spelling for Kazakh written in Cyrillic, in the Latin
//! alphabets (2017, 2018, 2021, informal "qazaq"/"kazakh") or on a Russian keyboard without
//! ә қ ң ө ұ ү.
//!
//! Every letter folds to a small ASCII alphabet in which the letters those writings confuse are
//! one: ә/а → a, қ/к/q/х/h → k, ғ/г/ğ → g, ң/н/ñ → n, ө/о → o, ұ/ү/у/w → u, ы/і/и/й/y/ı → i,
//! ж/j/zh → j, ш/sh/ş → sh, ч/ch/ç → ch. `kh` folds with `к` because both "kazakh" and
//! Russian "казах" mean `қазақ`; Kazakh itself has almost no `х`.

/// Calls `f` with the start of `fold(word)`: at least `letters` letters of it (all of it when
/// shorter), up to 12, without folding the rest of a long word nor allocating. Latin digraphs
/// look ahead and at the word's end, so a word with Latin letters is folded whole.
pub fn with_fold_start<T>(word: &str, letters: usize, f: impl FnOnce(&str) -> T) -> T {
    if word.bytes().any(|b| b.is_ascii_alphabetic()) {
        return f(&fold(word));
    }
    let mut start = [0u8; 16];
    let mut len = 0;
    for c in word.chars() {
        if len >= letters.min(12) {
            break;
        }
        // At most two bytes a letter ("ts", "sh", "ia"…): the buffer cannot overflow.
        let folded = fold_char(c).as_bytes();
        start[len..len + folded.len()].copy_from_slice(folded);
        len += folded.len();
    }
    f(std::str::from_utf8(&start[..len]).unwrap_or_default())
}

/// The first two letters of `fold(word)` and how many letters were folded to find them (0 when
/// every letter folds to nothing), for a word without Latin letters; `None` for a word with
/// them (they fold whole, with digraphs). What [`with_fold_start`] gives for two letters,
/// without its buffer: this runs for every word of every passage re-ranked.
pub fn fold_head(word: &str) -> Option<([char; 2], usize)> {
    // No early exit: a plain fold over the bytes is vectorised.
    if word
        .bytes()
        .fold(false, |latin, b| latin | b.is_ascii_alphabetic())
    {
        return None;
    }
    let mut head = ['\0'; 2];
    let mut len = 0;
    for c in word.chars() {
        for b in fold_char(c).bytes() {
            if len < 2 {
                head[len] = char::from(b);
            }
            len += 1;
        }
        if len >= 2 {
            break;
        }
    }
    Some((head, len))
}

/// Folds a normalised (lowercase) word to the key alphabet.
pub fn fold(word: &str) -> String {
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        // Latin digraphs first.
        let digraph = match (c, next) {
            ('s', Some('h')) => Some("sh"),
            ('c', Some('h')) => Some("ch"),
            ('z', Some('h')) => Some("j"),
            ('k', Some('h')) => Some("k"),
            ('g', Some('h')) => Some("g"),
            ('n', Some('g')) if i + 2 == chars.len() => Some("n"),
            _ => None,
        };
        if let Some(d) = digraph {
            out.push_str(d);
            i += 2;
            continue;
        }
        out.push_str(fold_char(c));
        i += 1;
    }
    out
}

fn fold_char(c: char) -> &'static str {
    match c {
        'а' | 'ә' | 'a' | 'ä' | 'á' | 'à' | 'â' => "a",
        'б' | 'b' => "b",
        'в' | 'v' => "v",
        'г' | 'ғ' | 'g' | 'ğ' | 'ǵ' => "g",
        'д' | 'd' => "d",
        'е' | 'э' | 'ё' | 'e' | 'é' | 'è' | 'ê' => "e",
        'ж' | 'j' => "j",
        'з' | 'z' => "z",
        'и' | 'й' | 'і' | 'ы' | 'i' | 'ı' | 'y' | 'í' | 'ï' | 'î' | 'ý' => "i",
        'к' | 'қ' | 'k' | 'q' | 'х' | 'һ' | 'h' | 'x' => "k",
        'л' | 'l' => "l",
        'м' | 'm' => "m",
        'н' | 'ң' | 'n' | 'ñ' | 'ŋ' | 'ń' => "n",
        'о' | 'ө' | 'o' | 'ö' | 'ó' | 'ô' => "o",
        'п' | 'p' => "p",
        'р' | 'r' => "r",
        'с' | 's' | 'c' => "s",
        'т' | 't' => "t",
        'у' | 'ұ' | 'ү' | 'u' | 'ū' | 'ü' | 'ú' | 'û' | 'w' => "u",
        'ф' | 'f' => "f",
        'ц' => "ts",
        'ч' | 'ç' => "ch",
        'ш' | 'щ' | 'ş' => "sh",
        'ъ' | 'ь' => "",
        'ю' => "iu",
        'я' => "ia",
        _ if c.is_ascii_digit() => DIGITS[c as usize - '0' as usize],
        _ => "",
    }
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn cyrillic_latin_and_russian_keyboard_meet() {
        for spelling in ["қазақ", "qazaq", "kazakh", "казак", "казах", "qazaq"] {
            assert_eq!(fold(spelling), "kazak", "{spelling}");
        }
        assert_eq!(fold("жарқыра"), fold("jarqyra"));
        assert_eq!(fold("шешім"), fold("şeşim"));
        assert_eq!(fold("шешім"), fold("sheshim"));
        assert_eq!(fold("үлес"), fold("ules"));
    }

    #[test]
    fn soft_and_hard_signs_vanish() {
        assert_eq!(fold("фильм"), "film");
    }
}

#[cfg(test)]
mod fold_start_properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_start_of_a_fold_is_a_prefix_of_the_fold(word in "[а-яәғқңөұүһіёъьщцчюяa-z0-9]{1,20}", letters in 1usize..12) {
            let (start, whole) = (with_fold_start(&word, letters, str::to_string), fold(&word));
            prop_assert!(whole.starts_with(&start));
            prop_assert!(start.len() >= letters.min(whole.len()));
        }
    }
}
