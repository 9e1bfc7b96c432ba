//! The script-independent key: one spelling for Kazakh written in Cyrillic, in the Latin
//! alphabets (2017, 2018, 2021, informal "qazaq"/"kazakh") or on a Russian keyboard without
//! ә қ ң ө ұ ү.
//!
//! Every letter folds to a small ASCII alphabet in which the letters those writings confuse are
//! one: ә/а → a, қ/к/q/х/h → k, ғ/г/ğ → g, ң/н/ñ → n, ө/о → o, ұ/ү/у/w → u, ы/і/и/й/y/ı → i,
//! ж/j/zh → j, ш/sh/ş → sh, ч/ch/ç → ch. `kh` folds with `к` because both "kazakh" and
//! Russian "казах" mean `қазақ`; Kazakh itself has almost no `х`.

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
