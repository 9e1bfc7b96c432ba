//! A small Kazakh ↔ Russian cinema glossary: a question in one language also searches the
//! other's words, so a Russian question finds a Kazakh-only passage and back.
//!
//! Entries are whole words; they are compared through their stems, so inflected forms of either
//! side (`жүлделер`, `наградами`) find the entry.

use std::sync::LazyLock;

use super::{Analyzer, Forms};

/// (Kazakh, Russian) pairs. Loanwords spelled alike in both languages (фильм, кастинг) need no
/// entry: the key field already matches them.
const PAIRS: &[(&str, &str)] = &[
    ("жүлде", "награда"),
    ("жүлде", "приз"),
    ("марапат", "награда"),
    ("облыс", "область"),
    ("өңір", "регион"),
    ("көрсетілім", "показ"),
    ("көрсету", "показывать"),
    ("жоба", "проект"),
    ("киножоба", "кинопроект"),
    ("қолдау", "поддержка"),
    ("мемлекеттік", "государственный"),
    ("көрермен", "зритель"),
    ("онкүндік", "декада"),
    ("жинақ", "подборка"),
    ("халықаралық", "международный"),
    ("отандық", "отечественный"),
    ("ұлттық", "национальный"),
    ("деректі", "документальный"),
    ("бірлескен", "совместный"),
    ("келісім", "соглашение"),
    ("ынтымақтастық", "сотрудничество"),
    ("сарапшы", "эксперт"),
    ("ел", "страна"),
    ("тақырып", "тема"),
    ("мәдениет", "культура"),
    ("ақпарат", "информация"),
    ("министрлік", "министерство"),
    ("қаржыландыру", "финансирование"),
    ("инвестор", "инвестор"),
    ("касса", "сборы"),
    ("жинау", "собрать"),
    ("табыс", "доход"),
    ("түсірілім", "съемки"),
    ("түсіру", "снимать"),
    ("әртіс", "артист"),
    ("актер", "актер"),
    ("режиссер", "режиссер"),
    ("сценарист", "сценарист"),
    ("кинотеатр", "кинотеатр"),
    ("сценарий", "сценарий"),
    ("прокат", "прокат"),
    ("жас", "молодой"),
    ("талант", "талант"),
    ("іздеу", "поиск"),
    ("конкурс", "конкурс"),
    ("іріктеу", "отбор"),
    ("ереже", "правило"),
    ("мерзім", "срок"),
    ("үлес", "доля"),
    ("қатысу", "участие"),
    ("фестиваль", "фестиваль"),
    ("кинофестиваль", "кинофестиваль"),
    ("кинонарық", "кинорынок"),
    ("нарық", "рынок"),
    ("стенд", "стенд"),
    ("орталық", "центр"),
    ("киноорталық", "киноцентр"),
    ("қала", "город"),
    ("алғаш", "впервые"),
    ("жетістік", "успех"),
    ("мүмкіндік", "возможность"),
    ("платформа", "платформа"),
    ("тіл", "язык"),
    ("жету", "достичь"),
    ("қазақ", "казахский"),
    ("қазақстандық", "казахстанский"),
];

struct Entry {
    kk: Forms,
    ru: Forms,
}

static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let analyzer = Analyzer::default();
    PAIRS
        .iter()
        .map(|(kk, ru)| Entry {
            kk: analyzer.forms(kk),
            ru: analyzer.forms(ru),
        })
        .filter(|e| e.kk.key != e.ru.key)
        .collect()
});

/// The forms of the other language's words for a question word, if the glossary has it.
pub fn translations(forms: &Forms) -> Vec<Forms> {
    let mut out: Vec<Forms> = Vec::new();
    for entry in ENTRIES.iter() {
        let other = if entry.kk.kk == forms.kk || entry.kk.key == forms.key {
            &entry.ru
        } else if entry.ru.ru == forms.ru {
            &entry.kk
        } else {
            continue;
        };
        if !out.contains(other) {
            out.push(other.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_find_the_other_language() {
        let analyzer = Analyzer::default();
        let from_kk = translations(&analyzer.forms("жүлделер"));
        assert!(from_kk.iter().any(|f| f.ru == analyzer.forms("наград").ru));
        let from_ru = translations(&analyzer.forms("областях"));
        assert!(from_ru.iter().any(|f| f.kk == analyzer.forms("облыс").kk));
    }

    #[test]
    fn words_outside_the_glossary_have_no_translation() {
        assert!(translations(&Analyzer::default().forms("алма")).is_empty());
    }
}
