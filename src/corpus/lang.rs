//! Language of a passage or question: Kazakh Cyrillic has letters Russian lacks; without them
//! (a Russian keyboard, a short sentence) its function words and endings still tell.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Kk,
    Ru,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "kk" | "kaz" | "kz" => Some(Lang::Kk),
            "ru" | "rus" => Some(Lang::Ru),
            _ => None,
        }
    }
}

const KAZAKH_ONLY: &[char] = &[
    'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ', 'І',
];

/// `Kk` when Kazakh-only letters make up at least 5% of the Cyrillic letters (a Russian text
/// quoting a Kazakh title stays Russian), or when, without them, more words look Kazakh than
/// Russian; `Ru` for other Cyrillic, `None` without Cyrillic.
pub fn detect_lang(text: &str) -> Option<Lang> {
    let (cyrillic, kazakh) = letters(text);
    if cyrillic == 0 {
        None
    } else if kazakh * 20 >= cyrillic || (kazakh == 0 && kazakh_by_words(text)) {
        Some(Lang::Kk)
    } else {
        Some(Lang::Ru)
    }
}

/// Like [`detect_lang`], but `None` for Cyrillic that shows neither Kazakh letters nor a word
/// that looks Kazakh or Russian: a heading such as `== Крахмал ==` could be either.
pub fn evident_lang(text: &str) -> Option<Lang> {
    let (cyrillic, kazakh) = letters(text);
    if cyrillic == 0 {
        return None;
    }
    if kazakh * 20 >= cyrillic {
        return Some(Lang::Kk);
    }
    let (kazakh_words, russian_words) = word_evidence(text);
    match kazakh_words.cmp(&russian_words) {
        std::cmp::Ordering::Greater if kazakh == 0 => Some(Lang::Kk),
        std::cmp::Ordering::Equal if kazakh_words == 0 => None,
        _ => Some(Lang::Ru),
    }
}

/// Cyrillic letters, and how many of them only Kazakh has.
fn letters(text: &str) -> (usize, usize) {
    let (mut cyrillic, mut kazakh) = (0usize, 0usize);
    for c in text.chars() {
        if matches!(c, '\u{0400}'..='\u{04FF}') {
            cyrillic += 1;
            if KAZAKH_ONLY.contains(&c) {
                kazakh += 1;
            }
        }
    }
    (cyrillic, kazakh)
}

/// Frequent Kazakh words as typed without ә қ ң ө ұ ү і (ambiguous ones like `не`, `да` left out).
const KAZAKH_WORDS: &[&str] = &[
    "мен",
    "бен",
    "пен",
    "жане",
    "деп",
    "деген",
    "осы",
    "сол",
    "бул",
    "ол",
    "олар",
    "биз",
    "сиз",
    "ушин",
    "туралы",
    "бойынша",
    "кейин",
    "дейин",
    "бар",
    "жок",
    "кандай",
    "кай",
    "кайда",
    "канша",
    "неше",
    "кашан",
    "ким",
    "калай",
    "нешинши",
    "болды",
    "болып",
    "болган",
    "еди",
    "жылы",
    "жылдары",
    "кезде",
    "арасында",
    "ретинде",
    "сиякты",
    "коп",
    "ен",
    "ма",
    "ме",
    "ба",
    "бе",
    "па",
    "пе",
    "келген",
    "туган",
];

/// Frequent Russian words that are not Kazakh words.
const RUSSIAN_WORDS: &[&str] = &[
    "и",
    "в",
    "во",
    "на",
    "что",
    "с",
    "со",
    "по",
    "как",
    "это",
    "из",
    "для",
    "от",
    "о",
    "об",
    "к",
    "ко",
    "за",
    "у",
    "же",
    "но",
    "или",
    "был",
    "была",
    "были",
    "было",
    "который",
    "которая",
    "которые",
    "году",
    "года",
    "когда",
    "где",
    "сколько",
    "какой",
    "какая",
    "какие",
    "каком",
    "кто",
    "чем",
    "при",
    "после",
    "также",
    "его",
    "ее",
    "их",
    "он",
    "она",
    "они",
    "чтобы",
    "если",
    "то",
    "все",
    "так",
    "уже",
    "только",
    "между",
    "под",
    "над",
    "почему",
];

/// Kazakh endings as typed without the Kazakh letters: genitive, possessive, plural+possessive,
/// past participle, `-лық` adjectives.
const KAZAKH_ENDINGS: &[&str] = &[
    "нын", "нин", "дын", "дин", "тын", "тин", "ымыз", "имиз", "лары", "лери", "дары", "дери",
    "тары", "тери", "ган", "ген", "лык", "лик", "дагы", "деги", "тагы", "теги",
];

/// Russian endings Kazakh words do not have.
const RUSSIAN_ENDINGS: &[&str] = &[
    "ого", "его", "ому", "ему", "ый", "ий", "ая", "яя", "ое", "ее", "ых", "их", "ами", "ями",
    "ться", "ется", "ются", "ция", "ции", "ние", "ния", "ость", "ости",
];

fn kazakh_by_words(text: &str) -> bool {
    let (kazakh, russian) = word_evidence(text);
    kazakh > russian
}

/// Words that look Kazakh, and words that look Russian.
fn word_evidence(text: &str) -> (usize, usize) {
    let (mut kazakh, mut russian) = (0usize, 0usize);
    let lower = text.to_lowercase();
    // Cyrillic first: `char::is_alphabetic` is slow for letters outside ASCII.
    let is_letter = |c: char| {
        matches!(c, '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}') || c.is_alphabetic()
    };
    for word in lower
        .split(|c: char| !is_letter(c))
        .filter(|w| !w.is_empty())
    {
        if KAZAKH_WORDS.contains(&word) {
            kazakh += 1;
        } else if RUSSIAN_WORDS.contains(&word) {
            russian += 1;
        } else if word.chars().count() > 4 {
            if KAZAKH_ENDINGS.iter().any(|e| word.ends_with(e)) {
                kazakh += 1;
            } else if RUSSIAN_ENDINGS.iter().any(|e| word.ends_with(e)) {
                russian += 1;
            }
        }
    }
    (kazakh, russian)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_letters() {
        assert_eq!(
            detect_lang("Қазақстандық кино әлемдік экрандарды бағындыруда"),
            Some(Lang::Kk)
        );
        assert_eq!(
            detect_lang(
                "В подборку вошли «Қажымұқан» и другие казахстанские фильмы, снятые в разные годы"
            ),
            Some(Lang::Ru)
        );
        assert_eq!(detect_lang("Qaitadan"), None);
    }

    #[test]
    fn without_kazakh_letters_the_words_tell() {
        assert_eq!(
            detect_lang("казак киносынын онкундиги туралы"),
            Some(Lang::Kk)
        );
        assert_eq!(detect_lang("Абай кандай шыгармалар жазды?"), Some(Lang::Kk));
        assert_eq!(
            detect_lang("Сколько фильмов было снято в Казахстане?"),
            Some(Lang::Ru)
        );
        assert_eq!(detect_lang("Кто снял фильм «Кочевник»?"), Some(Lang::Ru));
    }

    #[test]
    fn a_heading_without_evidence_has_no_evident_language() {
        assert_eq!(evident_lang("== Крахмал =="), None);
        assert_eq!(detect_lang("== Крахмал =="), Some(Lang::Ru));
        assert_eq!(evident_lang("=== Палеолит ==="), None);
        assert_eq!(evident_lang("Қазақ театры"), Some(Lang::Kk));
        assert_eq!(
            evident_lang("Доля сценариев на казахском языке выросла."),
            Some(Lang::Ru)
        );
        assert_eq!(evident_lang("1991"), None);
    }
}
