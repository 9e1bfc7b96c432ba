//! When an answering sentence leans on the one before it: it opens with a reference («Он»,
//! «В нее», «Бұл», «Оған», «Фильм» without a title) whose meaning is in the sentence before.
//! The answer then shows both sentences, so the reader sees what «нее» or «Ол» is.

use crate::analysis::Words;

/// Words that, opening a sentence, point back to something named before: pronouns and
/// demonstratives of Russian and Kazakh. A preposition before them is skipped («В нее», «При
/// этом», «Сонымен қатар» is not here: it adds, it does not refer).
const REFERENCES: &[&str] = &[
    // Russian
    "он",
    "она",
    "оно",
    "они",
    "его",
    "ее",
    "их",
    "ему",
    "ей",
    "им",
    "ним",
    "ней",
    "нее",
    "него",
    "них",
    "нем",
    "нему",
    "этот",
    "эта",
    "это",
    "эти",
    "этого",
    "этой",
    "этим",
    "этих",
    "этому",
    "эту",
    "том",
    "тот",
    "та",
    "те",
    "там",
    "тогда",
    "такой",
    "такая",
    "такие",
    "здесь",
    // Kazakh
    "ол",
    "олар",
    "оған",
    "оның",
    "оны",
    "онда",
    "одан",
    "онымен",
    "оларға",
    "олардың",
    "оларды",
    "бұл",
    "бұған",
    "бұның",
    "бұны",
    "мұнда",
    "мұны",
    "осы",
    "осында",
    "сол",
    "соған",
    "соның",
    "сонда",
    "мұның",
];

/// Nouns that, opening a sentence without a name after them, mean the one just named: «Фильм
/// в пять раз окупил…» after «Фильм «Qaitadan» собрал…».
const ANAPHORIC_NOUNS: &[&str] = &[
    "фильм",
    "фильмі",
    "картина",
    "проект",
    "жоба",
    "кастинг",
    "акция",
    "фестиваль",
    "туынды",
];

/// Prepositions that may stand before the reference («В нее», «С ним», «Для этого»).
const PREPOSITIONS: &[&str] = &[
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "из",
    "для",
    "о",
    "об",
    "к",
    "у",
    "от",
    "за",
    "при",
    "после",
    "до",
    "к",
];

/// Whether the sentence opens with a reference to something the sentence before named. The
/// sentence starts at byte `start` of a text already split into words: `words` are the
/// sentence's, with their spans in that text.
pub fn opens_with_reference_among(sentence: &str, start: usize, words: Words<'_>) -> bool {
    let mut first = words.iter();
    let Some(mut word) = first.next() else {
        return false;
    };
    if PREPOSITIONS.contains(&word.norm) {
        match first.next() {
            Some(next) => word = next,
            None => return false,
        }
    }
    if REFERENCES.contains(&word.norm) {
        return true;
    }
    // «Фильм «Qaitadan»…» names its film; «Фильм в пять раз…» refers to one named before.
    let after = sentence[word.end - start..].trim_start();
    let named_next = after.starts_with(['«', '"', '“']) || after.starts_with(char::is_uppercase);
    ANAPHORIC_NOUNS.contains(&word.norm) && !named_next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::WordList;

    fn opens_with_reference(sentence: &str) -> bool {
        opens_with_reference_among(sentence, 0, WordList::of(sentence).all())
    }

    #[test]
    fn pronouns_and_bare_nouns_refer_back() {
        assert!(opens_with_reference(
            "В нее вошли «Патриоттар уақыты» и другие."
        ));
        assert!(opens_with_reference("Оған «Дос-Мұқасан» кіреді."));
        assert!(opens_with_reference("Бұл өзгерістер үлесті арттырды."));
        assert!(opens_with_reference("Ол 1997 жылы көшті."));
        assert!(opens_with_reference(
            "Эта инициатива открывает возможности."
        ));
        assert!(opens_with_reference(
            "Фильм в пять раз окупил государственные инвестиции."
        ));
        assert!(opens_with_reference(
            "Фильм мемлекеттік инвестицияларды бес есе қайтарды."
        ));
    }

    #[test]
    fn a_sentence_that_names_its_subject_stands_alone() {
        assert!(!opens_with_reference("Фильм «Qaitadan» собрал миллиард."));
        assert!(!opens_with_reference("В Каннах подписаны меморандумы."));
        assert!(!opens_with_reference(
            "Отандық туындылар 177 жүлде иеленді."
        ));
        assert!(!opens_with_reference("Олимпиада басталды."));
        assert!(!opens_with_reference(""));
    }
}
