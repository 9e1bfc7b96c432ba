//! The kind of answer a question asks for, and whether a sentence holds one.
//!
//! A factoid question says what its answer looks like: "қанша", "сколько" are answered by a
//! number, "қашан", "қай жылы", "когда" by a date, "кім", "кто" by a name, "қайда", "где" by a
//! place, "қандай фильм", "какой фильм", "атауы қандай" by a title. Of two sentences with the
//! same question words, the one that also holds such a token (one the question does not already
//! have) is the more likely answer; an answer without one is less likely to be right. The
//! question words themselves never reach the index (they are stopwords), so the kind is read
//! from the question's text here.

mod lexicon;

use super::word_list::{WordList, WordRef, Words};
use super::words::words;
use lexicon::{
    MONTH_NOUN_KK, MONTHS_RU_STEMS, NAME_NOUNS, NUMBER_WORDS, PLACE_NOUNS, PLACE_WORDS,
    TIME_ABBREVIATIONS, TIME_NOUNS, TIME_WORDS, WORK_NOUNS,
};

/// What a question's answer looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerType {
    /// A quantity: "қанша", "неше", "сколько" — digits or a number word ("пять", "бес").
    Number,
    /// A point in time: "қашан", "қай жылы", "когда", "в каком году" — a year, a century, a
    /// month, a number followed by a time word.
    Date,
    /// A person's proper name: "кім", "кто".
    Name,
    /// A place: "қайда", "қай жерде", "где", "откуда", "в каком городе" — a proper name or a
    /// word for a place (регион, платформа, облыс…).
    Place,
    /// The name of a work or a thing: "қандай фильм", "какие фильмы", "атауы қандай", "как
    /// называется" — a quoted title or a word in another script.
    Title,
}

impl AnswerType {
    /// Whether the kind is reliable enough to re-rank sentences by. A place is not: a
    /// capitalised word is in most sentences of a Wikipedia paragraph (measured on KazQAD, where
    /// "қайда" as a name question lowered R@1).
    pub fn ranks(self) -> bool {
        self != AnswerType::Place
    }
}

/// The kind of answer the question asks for, from its first interrogative word; `None` for
/// questions that ask for something else ("не", "что") or for no question word.
pub fn expected(question: &str) -> Option<AnswerType> {
    let words = words(question);
    let norms: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
    (0..norms.len()).find_map(|i| interrogative(&norms, i))
}

/// The word a which- or how-many-question asks about — «какой **бюджет**», «сколько всего
/// **трофеев**», «қандай **фильм**», «**атауы** қандай» — among the question's content words
/// (`is_content`); `None` for other questions. An answer that neither names it nor holds the
/// kind asked for answers something else.
pub fn focus(question: &str, is_content: impl Fn(&str) -> bool) -> Option<String> {
    let words = words(question);
    let norms: Vec<&str> = words.iter().map(|w| w.norm.as_str()).collect();
    let asks = norms.iter().position(|w| {
        WHICH.contains(w)
            || w.starts_with("скольк")
            || (w.starts_with("қанша") && !w.starts_with("қаншалық"))
            || w.starts_with("неше")
    })?;
    let after = norms[asks + 1..].iter().take(2);
    // Kazakh puts the noun first when the question word ends the question: «атауы қандай?».
    let before = norms[..asks].iter().rev().take(1);
    after
        .chain(before)
        .find(|w| is_content(w))
        .map(|w| w.to_string())
}

/// Which-words: the noun after them (or, in Kazakh, before) is what is asked about.
const WHICH: &[&str] = &[
    "қай",
    "қайсы",
    "қандай",
    "какой",
    "какая",
    "какое",
    "каком",
    "какого",
    "какие",
    "каких",
    "какую",
    "каким",
    "который",
    "которые",
];

/// The kind asked by the interrogative word at `i`, given its neighbours.
fn interrogative(words: &[&str], i: usize) -> Option<AnswerType> {
    let word = words[i];
    let next = |n: usize| words.get(i + n).copied().unwrap_or("");
    let previous = if i > 0 { words[i - 1] } else { "" };
    let starts = |w: &str, stems: &[&str]| stems.iter().any(|s| w.starts_with(s));
    let exactly = |w: &str, stems: &[&str]| stems.contains(&w);
    // "қай жылы", "қандай фильм", "в каком году", "какие фильмы": a which-question is about the
    // noun that follows it (within two words: "қандай қазақстандық фильм").
    if WHICH.contains(&word) {
        let noun_is = |stems: &[&str], exact: bool| {
            (1..=2).any(|n| {
                let w = next(n);
                if exact {
                    exactly(w, stems) || (w.len() > 4 && starts(w, stems))
                } else {
                    starts(w, stems)
                }
            })
        };
        if (starts(next(1), TIME_NOUNS) && !next(1).starts_with("жылдам"))
            || exactly(next(1), MONTH_NOUN_KK)
        {
            return Some(AnswerType::Date);
        }
        if noun_is(WORK_NOUNS, false) {
            return Some(AnswerType::Title);
        }
        if noun_is(PLACE_NOUNS, true) {
            return Some(AnswerType::Place);
        }
        // "фильм қайсы", "атауы қандай": the noun comes first in Kazakh.
        if starts(previous, WORK_NOUNS) || starts(previous, NAME_NOUNS) {
            return Some(AnswerType::Title);
        }
        return None;
    }
    if matches!(word, "называется" | "называются" | "аталады") {
        return Some(AnswerType::Title);
    }
    if word == "қашан" || word == "когда" {
        return Some(AnswerType::Date);
    }
    let number_kk = (word.starts_with("қанша") && !word.starts_with("қаншалық"))
        || word.starts_with("неше")
        || word.starts_with("нешін");
    if number_kk || word.starts_with("скольк") {
        return Some(AnswerType::Number);
    }
    if word.starts_with("кім") && word != "кімдік"
        || matches!(word, "кто" | "кого" | "кому" | "кем")
    {
        return Some(AnswerType::Name);
    }
    let place_kk = word.starts_with("қайда") || word == "қайдан" || word == "қайдағы";
    let place_ru = matches!(word, "где" | "куда" | "откуда");
    (place_kk || place_ru).then_some(AnswerType::Place)
}

/// Whether `sentence` holds a token of the kind, among its words for which `is_new` is true
/// (those the question does not already have).
pub fn holds(kind: AnswerType, sentence: &str, is_new: impl Fn(&WordRef<'_>) -> bool) -> bool {
    holds_among(kind, sentence, 0, WordList::of(sentence).all(), is_new)
}

/// [`holds`] for a sentence that starts at byte `start` of a text already split into words:
/// `words` are the sentence's, with their spans in that text.
pub fn holds_among(
    kind: AnswerType,
    sentence: &str,
    start: usize,
    words: Words<'_>,
    is_new: impl Fn(&WordRef<'_>) -> bool,
) -> bool {
    // Most sentences have no quote or capital: skip looking at their words.
    let may_hold = match kind {
        AnswerType::Number => true,
        AnswerType::Date => true,
        AnswerType::Name | AnswerType::Place => sentence.chars().skip(1).any(char::is_uppercase),
        AnswerType::Title => sentence
            .chars()
            .any(|c| is_quote(c) || c.is_ascii_alphabetic()),
    };
    if !may_hold {
        return false;
    }
    let raw = |w: &WordRef<'_>| &sentence[w.start - start..w.end - start];
    // Only a title looks at the script and the quotes (this runs for every sentence re-ranked).
    let (cyrillic_sentence, quoted) = if kind == AnswerType::Title {
        (
            sentence.chars().any(super::words::is_cyrillic),
            quoted_spans(sentence),
        )
    } else {
        (false, Vec::new())
    };
    words.iter().enumerate().any(|(i, word)| {
        let next = words.get(i + 1).map_or("", |w| w.norm);
        let fits = match kind {
            AnswerType::Number => is_numeral(raw(&word)) || is_number_word(word.norm),
            AnswerType::Date => is_date(raw(&word), word.norm, next),
            // The first word of a sentence is capitalised whatever it is.
            AnswerType::Name => i > 0 && is_proper_name(raw(&word)),
            AnswerType::Place => {
                (i > 0 && is_proper_name(raw(&word)))
                    || PLACE_WORDS.iter().any(|p| word.norm.starts_with(p))
            }
            AnswerType::Title => {
                quoted.iter().any(|q| q.contains(&(word.start - start)))
                    || (cyrillic_sentence && raw(&word).chars().any(|c| c.is_ascii_alphabetic()))
            }
        };
        fits && is_new(&word)
    })
}

fn is_quote(c: char) -> bool {
    matches!(c, '«' | '»' | '"' | '“' | '”' | '„')
}

/// Byte ranges inside quotes: «…», “…”, "…".
fn quoted_spans(sentence: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut depth = 0usize;
    for (i, c) in sentence.char_indices() {
        match c {
            '«' | '“' | '„' => {
                if depth == 0 {
                    open = Some(i);
                }
                depth += 1;
            }
            '»' | '”' => {
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some(start) = open.take()
                {
                    spans.push(start..i);
                }
            }
            '"' => match open.take() {
                Some(start) if depth == 1 => {
                    depth = 0;
                    spans.push(start..i);
                }
                previous => {
                    open = previous.or(Some(i));
                    depth = 1;
                }
            },
            _ => {}
        }
    }
    spans
}

/// Digits ("1945", "38,9" as "38") or a Roman numeral ("XIV", Cyrillic look-alikes "ХІІІ").
fn is_numeral(raw: &str) -> bool {
    raw.chars().any(|c| c.is_ascii_digit())
        || (raw.chars().count() >= 2 && raw.chars().all(is_roman))
}

fn is_number_word(norm: &str) -> bool {
    NUMBER_WORDS.contains(&norm)
}

/// A year (three or four digits), a Roman numeral (a century), a month, or a number followed
/// by a time word. A bare "17" (seventeen films) is no date.
fn is_date(raw: &str, norm: &str, next: &str) -> bool {
    let digits = raw.chars().take_while(char::is_ascii_digit).count();
    let year_like = (3..=4).contains(&digits) && !raw.contains(['%', ',', '.']);
    let roman = raw.chars().count() >= 2 && raw.chars().all(is_roman);
    let time_word = TIME_WORDS.iter().any(|t| next.starts_with(t))
        || is_month(next)
        || TIME_ABBREVIATIONS.contains(&next);
    let with_time_word = digits > 0 && time_word;
    let month = is_month(norm);
    year_like || roman || with_time_word || month
}

/// Whether a word starts like a month's name, Russian or Kazakh. `қазан` (October) is also a
/// city and a cauldron, and stays: a when-question is what asks.
fn is_month(norm: &str) -> bool {
    MONTHS_RU_STEMS
        .iter()
        .chain(&super::time_words::MONTHS_KK)
        .any(|m| norm.starts_with(m))
}

/// A Roman numeral's letter, Latin or its Cyrillic look-alike.
fn is_roman(c: char) -> bool {
    matches!(c, 'I' | 'V' | 'X' | 'L' | 'І' | 'Х')
}

/// A capitalised word with lowercase letters after the capital ("Абай", not "КСР" or "XIV").
fn is_proper_name(raw: &str) -> bool {
    let mut chars = raw.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_kind_from_the_question_word() {
        assert_eq!(
            expected("Қай жылы астана көшірілді?"),
            Some(AnswerType::Date)
        );
        assert_eq!(expected("Неше түрге бөлінді?"), Some(AnswerType::Number));
        assert_eq!(expected("В каком году основан?"), Some(AnswerType::Date));
        assert_eq!(expected("Когда основан?"), Some(AnswerType::Date));
        assert_eq!(expected("Кто написал роман?"), Some(AnswerType::Name));
        assert_eq!(expected("Поэманы жазған кім?"), Some(AnswerType::Name));
        assert_eq!(expected("Қай қалада өтті?"), Some(AnswerType::Place));
        assert_eq!(expected("Где смотреть?"), Some(AnswerType::Place));
        assert_eq!(expected("Какие фильмы вошли?"), Some(AnswerType::Title));
        assert_eq!(
            expected("Пусан фестивалінде қандай қазақстандық фильм болды?"),
            Some(AnswerType::Title)
        );
        assert_eq!(expected("Фильм қайсы?"), Some(AnswerType::Title));
        assert_eq!(expected("Павильонның аты қандай?"), Some(AnswerType::Title));
        assert_eq!(expected("Қандай шара өтті?"), None);
        assert_eq!(expected("Агроценоз деген не?"), None);
        assert_eq!(expected("Қаншалықты маңызды?"), None);
    }

    #[test]
    fn the_focus_is_the_noun_asked_about() {
        let content = |w: &str| !["всего", "у", "фильма", "болды"].contains(&w);
        let focus = |q: &str| focus(q, content);
        assert_eq!(focus("Какой бюджет у фильма?").as_deref(), Some("бюджет"));
        assert_eq!(
            focus("Сколько всего трофеев у кино?").as_deref(),
            Some("трофеев")
        );
        assert_eq!(
            focus("Бірлескен фильмнің атауы қандай?").as_deref(),
            Some("атауы")
        );
        assert_eq!(focus("Что такое питчинг?"), None);
    }

    #[test]
    fn the_first_question_word_decides() {
        assert_eq!(
            expected("Кто играл, когда команда победила?"),
            Some(AnswerType::Name)
        );
    }

    #[test]
    fn finds_numbers_and_names_the_question_lacks() {
        let any = |_: &WordRef<'_>| true;
        assert!(holds(AnswerType::Number, "Ол 1997 жылы көшті.", any));
        assert!(holds(AnswerType::Number, "ХІІІ ғасырда салынды.", any));
        assert!(holds(AnswerType::Number, "Фильм в пять раз окупился.", any));
        assert!(!holds(AnswerType::Number, "Астана көшірілді.", any));
        assert!(holds(AnswerType::Name, "Поэманы Жүсіп жазды.", any));
        assert!(!holds(AnswerType::Name, "Поэма жазылды.", any));
        assert!(!holds(AnswerType::Name, "Поэма КСР кезінде жазылды.", any));
        let not_1997 = |w: &WordRef<'_>| w.norm != "1997";
        assert!(!holds(AnswerType::Number, "Ол 1997 жылы көшті.", not_1997));
    }

    #[test]
    fn a_date_is_more_than_a_number() {
        let any = |_: &WordRef<'_>| true;
        assert!(holds(AnswerType::Date, "Ол 1997 жылы көшті.", any));
        assert!(holds(AnswerType::Date, "ХІІІ ғасырда салынды.", any));
        assert!(holds(
            AnswerType::Date,
            "Фестиваль 5 октября открылся.",
            any
        ));
        assert!(holds(AnswerType::Date, "Ол 17 ғасырда салынды.", any));
        assert!(!holds(AnswerType::Date, "17 фильмнен тұратын жинақ.", any));
        assert!(!holds(AnswerType::Date, "Үлесі 75%-ға жетті.", any));
    }

    #[test]
    fn a_title_is_quoted_or_in_another_script() {
        let any = |_: &WordRef<'_>| true;
        assert!(holds(
            AnswerType::Title,
            "В нее вошли «Дос-Мұқасан» и другие.",
            any
        ));
        assert!(holds(
            AnswerType::Title,
            "Ұлттық стенд KazakhCinema ашылды.",
            any
        ));
        assert!(!holds(AnswerType::Title, "Подборка из 17 фильмов.", any));
        let not_kinopoisk = |w: &WordRef<'_>| w.norm != "кинопоиск";
        assert!(!holds(
            AnswerType::Title,
            "С платформой «Кинопоиск» подготовлена подборка.",
            not_kinopoisk
        ));
    }
}
