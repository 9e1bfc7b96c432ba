//! Language of a passage, from its letters: Kazakh Cyrillic has letters Russian lacks.

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
/// quoting a Kazakh title stays Russian), `Ru` for other Cyrillic, `None` without Cyrillic.
pub fn detect_lang(text: &str) -> Option<Lang> {
    let mut cyrillic = 0usize;
    let mut kazakh = 0usize;
    for c in text.chars() {
        if matches!(c, '\u{0400}'..='\u{04FF}') {
            cyrillic += 1;
            if KAZAKH_ONLY.contains(&c) {
                kazakh += 1;
            }
        }
    }
    if cyrillic == 0 {
        None
    } else if kazakh * 20 >= cyrillic {
        Some(Lang::Kk)
    } else {
        Some(Lang::Ru)
    }
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
}
