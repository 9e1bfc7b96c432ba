//! The words that tell what a question asks for and what an answer holds: the nouns after
//! "қандай"/"какой", number words, month names, words for places.

/// Nouns whose "which?" asks for a title.
pub const WORK_NOUNS: &[&str] = &[
    "фильм",
    "картин",
    "кинокартин",
    "кинолент",
    "туынды",
    "сериал",
    "мультфильм",
    "спектакл",
    "роман",
    "книг",
    "кітап",
];

/// Words that ask a name when asked "what is it?": "атауы қандай", "аты қандай".
pub const NAME_NOUNS: &[&str] = &["атау", "аты", "атын", "название", "названи"];

/// Nouns whose "which?" asks for a place.
pub const PLACE_NOUNS: &[&str] = &[
    "қала",
    "жер",
    "өңір",
    "облыс",
    "ел",
    "город",
    "регион",
    "област",
    "стран",
    "мест",
];

/// Nouns whose "which?" asks for a time.
pub const TIME_NOUNS: &[&str] = &["жыл", "ғасыр", "год", "век", "месяц", "числ"];

/// "Month" in Kazakh, whole: as a stem, "ай" begins too many words ("айырмашылық").
pub const MONTH_NOUN_KK: &[&str] = &["ай", "айда", "айы", "айында"];

/// Words that name a place without a capital: "из регионов", "на платформе", "облыстарда".
pub const PLACE_WORDS: &[&str] = &[
    "регион",
    "област",
    "город",
    "стран",
    "платформ",
    "кинотеатр",
    "сайт",
    "өңір",
    "облыс",
    "қала",
];

/// Numbers written as words, as they appear in text ("в пять раз", "бес есе", "три питчинга").
/// Words that are also common other words ("он" is "he" in Russian, "бір" an article, "сто" a
/// hundred but also a prefix of "столица") are left out.
pub const NUMBER_WORDS: &[&str] = &[
    "два",
    "две",
    "двух",
    "трех",
    "три",
    "четыре",
    "четырех",
    "пять",
    "пяти",
    "шесть",
    "шести",
    "семь",
    "семи",
    "восемь",
    "восьми",
    "девять",
    "девяти",
    "десять",
    "десяти",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "сотни",
    "сотен",
    "тысяча",
    "тысячи",
    "тысяч",
    "миллион",
    "миллиона",
    "миллионов",
    "миллиард",
    "миллиарда",
    "миллиардов",
    "екі",
    "үш",
    "төрт",
    "бес",
    "алты",
    "жеті",
    "сегіз",
    "тоғыз",
    "жиырма",
    "отыз",
    "қырық",
    "елу",
    "алпыс",
    "жетпіс",
    "сексен",
    "тоқсан",
    "мың",
    "миллиард",
    "миллиардтан",
    "миллионнан",
];

/// Russian month names by their stems (the Kazakh ones are `time_words::MONTHS_KK`).
pub const MONTHS_RU_STEMS: &[&str] = &[
    "январ",
    "феврал",
    "март",
    "апрел",
    "мая",
    "май",
    "июн",
    "июл",
    "август",
    "сентябр",
    "октябр",
    "ноябр",
    "декабр",
];

/// Words after a number that make it a date: "17 ғасырда", "1997 жылы", "в 1920-х годах".
pub const TIME_WORDS: &[&str] = &["жыл", "ғасыр", "год", "век"];

/// Their abbreviations: "1997 ж.", "1997 г.", "1990–1995 гг.".
pub const TIME_ABBREVIATIONS: &[&str] = &["ж", "г", "гг"];
