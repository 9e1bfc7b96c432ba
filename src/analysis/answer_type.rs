//! The kind of answer a question asks for, and whether a sentence holds one.
//!
//! A factoid question says what its answer looks like: "қашан", "қай жылы", "сколько" are
//! answered by a number or a date, "кім", "кто" by a name. Of two sentences with the same
//! question words, the one that also holds such a token (one the question does not already
//! have) is the more likely answer. The question words themselves never reach the index (they are
//! stopwords), so the kind is read from the question's text here.

use super::words::{Word, words};

/// What a question's answer looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerType {
    /// A number, a year, a century: "қашан", "қанша", "неше", "қай жылы", "когда", "сколько".
    Number,
    /// A person's (or place's) proper name: "кім", "кто".
    Name,
}

/// The kind of answer the question asks for, from its first interrogative word; `None` for
/// questions that ask for something else ("не", "қандай", "что") or for no question word.
pub fn expected(question: &str) -> Option<AnswerType> {
    let words = words(question);
    for (i, word) in words.iter().enumerate() {
        let next = words.get(i + 1).map(|w| w.norm.as_str());
        if let Some(kind) = interrogative(&word.norm, next) {
            return Some(kind);
        }
    }
    None
}

/// The kind asked by an interrogative word, given the word after it ("қай жылы", "каком году").
fn interrogative(word: &str, next: Option<&str>) -> Option<AnswerType> {
    // Kazakh question words inflect: "қаншаға", "нешеу", "нешінші", "кімнің", "кімдер".
    let numeric_kk = word == "қашан"
        || (word.starts_with("қанша") && !word.starts_with("қаншалық"))
        || word.starts_with("неше")
        || word.starts_with("нешін");
    let numeric_ru = word == "когда" || word.starts_with("скольк");
    // "қай жылы", "қай ғасырда", "в каком году", "какого века": a which-question about time.
    let which = matches!(
        word,
        "қай" | "қайсы" | "какой" | "каком" | "какого" | "какие" | "каких"
    );
    let about_time = next.is_some_and(|n| {
        ["жыл", "ғасыр", "год", "век"]
            .iter()
            .any(|stem| n.starts_with(stem))
    });
    if numeric_kk || numeric_ru || (which && about_time) {
        return Some(AnswerType::Number);
    }
    let person_kk = word.starts_with("кім") && word != "кімдік";
    let person_ru = matches!(word, "кто" | "кого" | "кому" | "кем");
    (person_kk || person_ru).then_some(AnswerType::Name)
}

/// Whether `sentence` holds a token of the kind, among its words for which `is_new` is true
/// (those the question does not already have).
pub fn holds(kind: AnswerType, sentence: &str, is_new: impl Fn(&Word) -> bool) -> bool {
    // Most sentences have no numeral at all: skip splitting them into words.
    let may_hold = match kind {
        AnswerType::Number => sentence.chars().any(|c| c.is_ascii_digit() || is_roman(c)),
        AnswerType::Name => sentence.chars().skip(1).any(char::is_uppercase),
    };
    if !may_hold {
        return false;
    }
    let words = words(sentence);
    words.iter().enumerate().any(|(i, word)| {
        let raw = &sentence[word.start..word.end];
        let fits = match kind {
            AnswerType::Number => is_numeral(raw),
            // The first word of a sentence is capitalised whatever it is.
            AnswerType::Name => i > 0 && is_proper_name(raw),
        };
        fits && is_new(word)
    })
}

/// Digits ("1945", "38,9" as "38") or a Roman numeral ("XIV", Cyrillic look-alikes "ХІІІ").
fn is_numeral(raw: &str) -> bool {
    raw.chars().any(|c| c.is_ascii_digit())
        || (raw.chars().count() >= 2 && raw.chars().all(is_roman))
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
            Some(AnswerType::Number)
        );
        assert_eq!(expected("Неше түрге бөлінді?"), Some(AnswerType::Number));
        assert_eq!(expected("В каком году основан?"), Some(AnswerType::Number));
        assert_eq!(expected("Кто написал роман?"), Some(AnswerType::Name));
        assert_eq!(expected("Поэманы жазған кім?"), Some(AnswerType::Name));
        assert_eq!(expected("Қай қала астана?"), None);
        assert_eq!(expected("Агроценоз деген не?"), None);
        assert_eq!(expected("Қаншалықты маңызды?"), None);
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
        let any = |_: &Word| true;
        assert!(holds(AnswerType::Number, "Ол 1997 жылы көшті.", any));
        assert!(holds(AnswerType::Number, "ХІІІ ғасырда салынды.", any));
        assert!(!holds(AnswerType::Number, "Астана көшірілді.", any));
        assert!(holds(AnswerType::Name, "Поэманы Жүсіп жазды.", any));
        assert!(!holds(AnswerType::Name, "Поэма жазылды.", any));
        assert!(!holds(AnswerType::Name, "Поэма КСР кезінде жазылды.", any));
        let not_1997 = |w: &Word| w.norm != "1997";
        assert!(!holds(AnswerType::Number, "Ол 1997 жылы көшті.", not_1997));
    }
}
