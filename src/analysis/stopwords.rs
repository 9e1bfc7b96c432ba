//! Question words and function words of Kazakh and Russian: they never drive ranking and never
//! count as evidence that the corpus answers a question.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::{KazakhStemmer, script_key};

/// Normalised (lowercase, `ё` → `е`) words, Kazakh then Russian, besides
/// [`KAZAKH_QUESTION_WORDS`]; the Kazakh ones are also matched after stemming, so `қаншаға` and
/// `кімнің` are caught through their stems.
const STOPWORDS: &[&str] = &[
    // Kazakh question words and particles (the rest)
    "кім",
    "не",
    "ма",
    "ме",
    "ба",
    "бе",
    "па",
    "пе",
    "ше",
    "ғой",
    "дегенің",
    "болған",
    "табылады",
    "жатады",
    "деп",
    "аталады",
    "айт",
    "айтыңыз",
    "көрсетіңіз",
    "атаңыз",
    "атаймыз",
    "ең",
    "екен",
    "несі",
    "кімнің",
    "кімге",
    "нешеу",
    "ия",
    "жоқ",
    // Kazakh function words
    "және",
    "мен",
    "бен",
    "пен",
    "да",
    "де",
    "та",
    "те",
    "бұл",
    "осы",
    "сол",
    "ол",
    "олар",
    "үшін",
    "туралы",
    "бойынша",
    "арқылы",
    "ал",
    "бір",
    "әрі",
    "немесе",
    "тек",
    "ғана",
    "емес",
    "еді",
    "болып",
    "болды",
    "болады",
    "бар",
    "жылы",
    "жыл",
    "мен",
    "сияқты",
    "дейін",
    "кейін",
    "соң",
    "оның",
    "оны",
    "оған",
    "одан",
    "онда",
    "ретінде",
    "ішінде",
    "арасында",
    "қазір",
    // Russian question words
    "сколько",
    "какой",
    "какая",
    "какое",
    "какие",
    "каких",
    "каком",
    "какому",
    "каким",
    "какую",
    "где",
    "когда",
    "что",
    "чем",
    "чего",
    "кто",
    "кого",
    "кому",
    "как",
    "почему",
    "зачем",
    "чей",
    "чья",
    "чье",
    "чьи",
    "ли",
    "куда",
    "откуда",
    "который",
    "которая",
    "которое",
    "которые",
    "которых",
    "котором",
    "такое",
    "таков",
    // Russian function words
    "и",
    "в",
    "во",
    "на",
    "с",
    "со",
    "по",
    "о",
    "об",
    "от",
    "до",
    "за",
    "из",
    "к",
    "ко",
    "у",
    "для",
    "а",
    "но",
    "не",
    "ни",
    "это",
    "этот",
    "эта",
    "эти",
    "был",
    "была",
    "было",
    "были",
    "же",
    "бы",
    "то",
    "его",
    "ее",
    "их",
    "он",
    "она",
    "оно",
    "они",
    "при",
    "про",
    "или",
    "также",
    "есть",
    "быть",
    "под",
    "над",
    "без",
    "через",
    "так",
    "все",
    "всё",
    "уже",
    "году",
    "год",
];

/// The Kazakh question words that are also recognised by their key, typed in Latin letters or on
/// a Russian keyboard (`qansha`, `канша`): a question word must not weigh as an unknown word.
/// `кім` is in [`STOPWORDS`] only: its key `kim` is also the surname Ким.
const KAZAKH_QUESTION_WORDS: &[&str] = &[
    "қанша",
    "неше",
    "қай",
    "қайда",
    "қайсы",
    "қашан",
    "қандай",
    "неге",
    "нені",
    "қалай",
    "неліктен",
    "деген",
    "дегеніміз",
    "қайсысы",
    "нешінші",
    "қаншалықты",
];

/// Every stopword, by its normalised form or Kazakh stem; built once.
static WORDS: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
    STOPWORDS
        .iter()
        .chain(KAZAKH_QUESTION_WORDS)
        .copied()
        .collect()
});

static QUESTION_WORD_KEYS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    KAZAKH_QUESTION_WORDS
        .iter()
        .map(|w| KazakhStemmer::folded().stem(&script_key::fold(w)))
        .collect()
});

/// Whether a normalised word (by itself, its Kazakh stem or its key) is a stopword.
pub fn is_stopword(norm: &str, kazakh_stem: &str, key: &str) -> bool {
    // Single letters are abbreviations (`ж.` for жылы, `ғ.` for ғасыр) or initials.
    let single_letter = norm.chars().count() == 1 && !norm.chars().all(|c| c.is_ascii_digit());
    single_letter
        || WORDS.contains(norm)
        || WORDS.contains(kazakh_stem)
        || QUESTION_WORD_KEYS.contains(key)
}
