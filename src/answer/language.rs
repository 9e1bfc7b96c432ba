//! Answering in the asker's language: when a Kazakh and a Russian passage say the same thing
//! about equally well, the one in the question's language comes first. Kazakh typed in Latin
//! letters or on a Russian keyboard is Kazakh.

use crate::analysis::ablation;
use crate::corpus::{Lang, detect_lang};

/// A passage in the other language than the question's keeps this much of its score: one in
/// the question's language wins when it scores at least this share of the other.
const OTHER_LANGUAGE: f32 = 0.8;

/// The language of a question: Kazakh when it has Kazakh letters, Kazakh words or endings (a
/// Russian keyboard), or Latin letters and no Cyrillic; Russian for other Cyrillic.
pub fn of_question(question: &str) -> Option<Lang> {
    detect_lang(question).or_else(|| {
        question
            .chars()
            .any(|c| c.is_ascii_alphabetic())
            .then_some(Lang::Kk)
    })
}

/// What a passage's score is multiplied by, for a question in `asker`'s language.
pub fn factor(asker: Option<Lang>, passage: Lang) -> f32 {
    match asker {
        Some(lang) if lang != passage && !ablation::is_off("answer-lang") => OTHER_LANGUAGE,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_in_any_script_is_kazakh() {
        assert_eq!(
            of_question("Петропавлда кино онкүндігі болды ма?"),
            Some(Lang::Kk)
        );
        assert_eq!(
            of_question("qaitadan filmi qansha kassa jinady"),
            Some(Lang::Kk)
        );
        assert_eq!(
            of_question("Кайтадан фильми канша касса жинады?"),
            Some(Lang::Kk)
        );
        assert_eq!(of_question("Где смотреть Время патриотов?"), Some(Lang::Ru));
        assert_eq!(of_question("2025?"), None);
    }

    #[test]
    fn only_the_other_language_is_lowered() {
        assert_eq!(factor(Some(Lang::Kk), Lang::Kk), 1.0);
        assert!(factor(Some(Lang::Kk), Lang::Ru) < 1.0);
        assert_eq!(factor(None, Lang::Ru), 1.0);
    }
}
