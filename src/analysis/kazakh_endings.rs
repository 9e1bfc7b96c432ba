//! The data of the `KazakhStemmer`: its endings, with where they stand and what they attach to,
//! and the words that only look inflected.

use super::kazakh_stemmer::{After, Slot};

/// (ending, slot, what it attaches to). Both harmony variants are listed.
#[rustfmt::skip]
pub(super) const ENDINGS: &[(&str, Slot, After)] = {
    use After::*;
    use Slot::*;
    &[
        // plural
        ("лар", Plural, LarGroup), ("лер", Plural, LarGroup), ("дар", Plural, DarGroup),
        ("дер", Plural, DarGroup), ("тар", Plural, TarGroup), ("тер", Plural, TarGroup),
        // possessive (3rd person; 2nd; 1st plural; polite 2nd)
        ("ы", Possessive, Consonant), ("і", Possessive, Consonant), ("сы", Possessive, Vowel),
        ("сі", Possessive, Vowel), ("ың", Possessive, Consonant), ("ің", Possessive, Consonant),
        ("ымыз", Possessive, Consonant), ("іміз", Possessive, Consonant),
        ("мыз", Possessive, Vowel), ("міз", Possessive, Vowel), ("ыңыз", Possessive, Consonant),
        ("іңіз", Possessive, Consonant), ("ңыз", Possessive, Vowel), ("ңіз", Possessive, Vowel),
        // genitive
        ("ның", Case, NyngGroup), ("нің", Case, NyngGroup), ("дың", Case, DyngGroup),
        ("дің", Case, DyngGroup), ("тың", Case, TarGroup), ("тің", Case, TarGroup),
        // accusative (-ды also past tense: see below)
        ("ны", Case, Vowel), ("ні", Case, Vowel), ("ды", Case, DyGroup), ("ді", Case, DyGroup),
        ("ты", Case, TarGroup), ("ті", Case, TarGroup),
        // dative
        ("ға", Case, Voiced), ("ге", Case, Voiced), ("қа", Case, Voiceless),
        ("ке", Case, Voiceless),
        // locative, relative locative
        ("да", Case, Voiced), ("де", Case, Voiced), ("та", Case, Voiceless),
        ("те", Case, Voiceless), ("дағы", Case, Voiced), ("дегі", Case, Voiced),
        ("тағы", Case, Voiceless), ("тегі", Case, Voiceless),
        // the adjective of time and place (`жылғы`, `қазіргі`, `ішкі`, `сыртқы`): after a
        // consonant only, so that `бөлігі` stays `бөлік|і`; Cyrillic only (see `can_strip`)
        ("ғы", Case, DyGroup), ("гі", Case, DyGroup), ("қы", Case, Voiceless),
        ("кі", Case, Voiceless),
        // ablative
        ("дан", Case, DanGroup), ("ден", Case, DanGroup), ("нан", Case, Nasal),
        ("нен", Case, Nasal), ("тан", Case, TarGroup), ("тен", Case, TarGroup),
        // instrumental (always front)
        ("мен", Case, MenGroup), ("бен", Case, BenGroup), ("пен", Case, TarGroup),
        ("менен", Case, MenGroup), ("бенен", Case, BenGroup), ("пенен", Case, TarGroup),
        // possessive 3rd person + case, written as one
        ("ын", Case, Consonant), ("ін", Case, Consonant), ("сын", Case, Vowel),
        ("сін", Case, Vowel), ("ына", Case, Consonant), ("іне", Case, Consonant),
        ("сына", Case, Vowel), ("сіне", Case, Vowel), ("ында", Case, Consonant),
        ("інде", Case, Consonant), ("сында", Case, Vowel), ("сінде", Case, Vowel),
        ("ынан", Case, Consonant), ("інен", Case, Consonant), ("сынан", Case, Vowel),
        ("сінен", Case, Vowel), ("ындағы", Case, Consonant), ("індегі", Case, Consonant),
        ("сындағы", Case, Vowel), ("сіндегі", Case, Vowel),
        // predicate (personal) endings
        ("мын", Predicate, MenGroup), ("мін", Predicate, MenGroup), ("бын", Predicate, BenGroup),
        ("бін", Predicate, BenGroup), ("пын", Predicate, TarGroup), ("пін", Predicate, TarGroup),
        ("сың", Predicate, Any), ("сің", Predicate, Any), ("сыз", Predicate, Any),
        ("сіз", Predicate, Any), ("быз", Predicate, BenGroup), ("біз", Predicate, BenGroup),
        ("пыз", Predicate, TarGroup), ("піз", Predicate, TarGroup),
        // present tense, with its personal endings
        ("ады", Tense, Consonant), ("еді", Tense, Consonant), ("йды", Tense, Vowel),
        ("йді", Tense, Vowel), ("амын", Tense, Consonant), ("емін", Tense, Consonant),
        ("ймын", Tense, Vowel), ("ймін", Tense, Vowel), ("асың", Tense, Consonant),
        ("есің", Tense, Consonant), ("йсың", Tense, Vowel), ("йсің", Tense, Vowel),
        ("амыз", Tense, Consonant), ("еміз", Tense, Consonant), ("ймыз", Tense, Vowel),
        ("йміз", Tense, Vowel), ("асыз", Tense, Consonant), ("есіз", Tense, Consonant),
        ("йсыз", Tense, Vowel), ("йсіз", Tense, Vowel),
        // past tense, with its personal endings
        ("ды", Tense, DanGroup), ("ді", Tense, DanGroup), ("ты", Tense, TarGroup),
        ("ті", Tense, TarGroup), ("дым", Tense, DanGroup), ("дім", Tense, DanGroup),
        ("тым", Tense, TarGroup), ("тім", Tense, TarGroup), ("дыңыз", Tense, DanGroup),
        ("діңіз", Tense, DanGroup), ("тыңыз", Tense, TarGroup), ("тіңіз", Tense, TarGroup),
        // gerund
        ("ып", Tense, Consonant), ("іп", Tense, Consonant),
        // verbal noun, participles
        ("у", VerbalNoun, Any), ("ған", VerbalNoun, Voiced), ("ген", VerbalNoun, Voiced),
        ("қан", VerbalNoun, Voiceless), ("кен", VerbalNoun, Voiceless),
        ("атын", VerbalNoun, Consonant), ("етін", VerbalNoun, Consonant),
        ("йтын", VerbalNoun, Vowel), ("йтін", VerbalNoun, Vowel),
        // passive
        ("ыл", Passive, Consonant), ("іл", Passive, Consonant), ("л", Passive, Vowel),
        ("н", Passive, Vowel), ("ын", Passive, Lateral), ("ін", Passive, Lateral),
        // derivation (key alphabet only)
        ("лық", Derivation, LarGroup), ("лік", Derivation, LarGroup),
        ("дық", Derivation, DarGroup), ("дік", Derivation, DarGroup),
        ("тық", Derivation, TarGroup), ("тік", Derivation, TarGroup), ("шы", Derivation, Any),
        ("ші", Derivation, Any), ("лы", Derivation, LarGroup), ("лі", Derivation, LarGroup),
        ("ды", Derivation, DarGroup), ("ді", Derivation, DarGroup), ("ты", Derivation, TarGroup),
        ("ті", Derivation, TarGroup), ("сыз", Derivation, Any), ("сіз", Derivation, Any),
    ]
};

/// Words that end in what only looks like an ending: never stripped further.
#[rustfmt::skip]
pub(super) const WHOLE_WORDS: &[&str] = &[
    // places
    "қазақстан", "өзбекстан", "қырғызстан", "түрікменстан", "тәжікстан", "ауғанстан", "пәкістан",
    "түркістан", "дағыстан", "татарстан", "башқұртстан", "алматы", "астана", "қарағанды", "ақтау",
    "ақтөбе", "атырау", "жетісу", "мәскеу", "ертіс", "сарыарқа", "арал", "балқаш", "байқоңыр",
    "жамбыл", "абай", "түркия", "ресей", "қытай",
    // nouns and adjectives
    "тақырып", "туынды", "жүлде", "теңге", "мерзім", "көрермен", "аудан", "оқиға", "қазына", "ойын",
    "орын", "білім", "ғалым", "сарапшы", "келісім", "дайын", "ақын", "қиын", "тұрғын", "ағын",
    "шешім", "өнім", "бөлім", "жиын", "ереже", "нәтиже", "сахна", "тарих", "тау", "ана", "әке",
    "бала", "қала", "дала", "адам", "әлем", "өнер", "кино", "жазушы", "ақша", "үлес", "мүше", "ауа",
    "сурет", "ғасыр", "тарау", "сала", "кезең", "құрал", "ұйым", "мекеме", "киноұйым", "сыйлық",
    "алтын", "күміс", "мұра", "дене", "жасуша", "дәуір", "ағза", "тамыр",
    // ending in what looks like the adjective -ғы/-гі/-қы/-кі
    "белгі", "үлгі", "мәңгі", "ешкі", "сүзгі", "сергі",
];
