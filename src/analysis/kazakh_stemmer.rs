//! `KazakhStemmer`: suffix stripping for Kazakh, guided by vowel harmony.
//!
//! Kazakh is agglutinative: `кинофестивальдерінде` is a stem followed by plural, possessive and
//! case endings. The stemmer strips the longest known ending again and again (plural, possessive,
//! case, predicate and common verb endings) while the stem keeps a vowel and a minimum length, and
//! an ending is only taken when its vowels agree with the stem's last vowel (loanwords such as
//! `фильм`, `фестиваль` are exempt: they do not follow harmony). After an ending that starts with
//! a vowel it repairs the voiced final consonant (`кітабы` → `кітап`).
//!
//! The same rules also run over the script-independent key alphabet (see `script_key`), where the
//! harmony information is gone, so there only the length rule applies.

use std::sync::LazyLock;

use super::script_key;

/// Endings, in Cyrillic. Order does not matter: the longest match wins at each step.
const ENDINGS: &[&str] = &[
    // plural
    "лар",
    "лер",
    "дар",
    "дер",
    "тар",
    "тер",
    // possessive
    "ым",
    "ім",
    "ың",
    "ің",
    "ы",
    "і",
    "сы",
    "сі",
    "ымыз",
    "іміз",
    "мыз",
    "міз",
    "ыңыз",
    "іңіз",
    "ңыз",
    "ңіз",
    // genitive, accusative
    "ның",
    "нің",
    "дың",
    "дің",
    "тың",
    "тің",
    "ны",
    "ні",
    "ды",
    "ді",
    "ты",
    "ті",
    "ын",
    "ін",
    "сын",
    "сін",
    // dative
    "ға",
    "ге",
    "қа",
    "ке",
    "ына",
    "іне",
    "сына",
    "сіне",
    // locative and relative locative
    "да",
    "де",
    "та",
    "те",
    "нда",
    "нде",
    "ында",
    "інде",
    "сында",
    "сінде",
    "дағы",
    "дегі",
    "тағы",
    "тегі",
    "ндағы",
    "ндегі",
    // ablative
    "дан",
    "ден",
    "тан",
    "тен",
    "нан",
    "нен",
    "ынан",
    "інен",
    "сынан",
    "сінен",
    // instrumental
    "мен",
    "бен",
    "пен",
    "менен",
    "бенен",
    "пенен",
    // predicate (personal) endings
    "мын",
    "мін",
    "бын",
    "бін",
    "пын",
    "пін",
    "сың",
    "сің",
    "сыз",
    "сіз",
    "быз",
    "біз",
    "пыз",
    "піз",
    // verbs: past, participles, gerunds, verbal noun, passive forms
    "ған",
    "ген",
    "қан",
    "кен",
    "ып",
    "іп",
    "у",
    "атын",
    "етін",
    "йтын",
    "йтін",
    "ады",
    "еді",
    "йды",
    "йді",
    "мақ",
    "мек",
    "ушы",
    "уші",
    "ылды",
    "ілді",
    "ылған",
    "ілген",
    "ылу",
    "ілу",
    "ылып",
    "іліп",
    "ылатын",
    "ілетін",
    "ылады",
    "іледі",
    // adjective-forming -ғы/-гі and abstract nouns -лық/-лік
    "ғы",
    "гі",
    "қы",
    "кі",
    "лық",
    "лік",
    "дық",
    "дік",
    "тық",
    "тік",
];

const BACK_VOWELS: &[char] = &['а', 'о', 'ұ', 'ы'];
const FRONT_VOWELS: &[char] = &['ә', 'ө', 'ү', 'і', 'е'];
const VOWELS: &[char] = &[
    'а', 'ә', 'е', 'ё', 'и', 'о', 'ө', 'у', 'ұ', 'ү', 'ы', 'і', 'э', 'ю', 'я', 'a', 'e', 'i', 'o',
    'u',
];
/// Letters that mark a Russian loanword, which keeps its own vowels whatever the ending's harmony.
const LOANWORD_LETTERS: &[char] = &['в', 'ф', 'ц', 'ч', 'щ', 'ь', 'ъ', 'ё', 'э', 'ю', 'я', 'и'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
    Neutral,
}

struct Ending {
    chars: Vec<char>,
    harmony: Harmony,
    vowel_initial: bool,
}

/// Suffix-stripping stemmer; see the module documentation.
pub struct KazakhStemmer {
    endings: Vec<Ending>,
    harmony: bool,
    min_stem: usize,
}

static CYRILLIC: LazyLock<KazakhStemmer> = LazyLock::new(|| KazakhStemmer::build(false));
static FOLDED: LazyLock<KazakhStemmer> = LazyLock::new(|| KazakhStemmer::build(true));

impl KazakhStemmer {
    /// The stemmer for lowercase Cyrillic Kazakh.
    pub fn cyrillic() -> &'static KazakhStemmer {
        &CYRILLIC
    }

    /// The stemmer for words already folded to the script-independent key alphabet.
    pub fn folded() -> &'static KazakhStemmer {
        &FOLDED
    }

    fn build(folded: bool) -> KazakhStemmer {
        let mut endings: Vec<Ending> = Vec::new();
        for ending in ENDINGS {
            let text = if folded {
                script_key::fold(ending)
            } else {
                (*ending).to_string()
            };
            let chars: Vec<char> = text.chars().collect();
            if chars.is_empty() || endings.iter().any(|e| e.chars == chars) {
                continue;
            }
            let harmony = harmony_of(ending.chars());
            let vowel_initial = VOWELS.contains(&chars[0]);
            endings.push(Ending {
                chars,
                harmony,
                vowel_initial,
            });
        }
        endings.sort_by_key(|e| std::cmp::Reverse(e.chars.len()));
        KazakhStemmer {
            endings,
            harmony: !folded,
            min_stem: if folded { 3 } else { 2 },
        }
    }

    /// The stem of one lowercase word. Words that are not letters (numbers, mixed) come back as is.
    pub fn stem(&self, word: &str) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        if chars.iter().any(|c| !c.is_alphabetic()) {
            return word.to_string();
        }
        for _ in 0..6 {
            let Some(ending) = self.endings.iter().find(|e| self.can_strip(&chars, e)) else {
                break;
            };
            chars.truncate(chars.len() - ending.chars.len());
            if ending.vowel_initial {
                repair_voiced_final(&mut chars);
            }
        }
        chars.into_iter().collect()
    }

    fn can_strip(&self, word: &[char], ending: &Ending) -> bool {
        if !word.ends_with(&ending.chars) {
            return false;
        }
        let stem = &word[..word.len() - ending.chars.len()];
        let min = if ending.chars.len() == 1 {
            self.min_stem.max(3)
        } else {
            self.min_stem
        };
        if stem.len() < min || !stem.iter().any(|c| VOWELS.contains(c)) {
            return false;
        }
        if !self.harmony || ending.harmony == Harmony::Neutral {
            return true;
        }
        if stem.iter().any(|c| LOANWORD_LETTERS.contains(c)) {
            return true;
        }
        match harmony_of(stem.iter().rev().copied()) {
            Harmony::Neutral => true,
            stem_harmony => stem_harmony == ending.harmony,
        }
    }
}

/// The harmony class of the first harmony vowel met.
fn harmony_of(chars: impl Iterator<Item = char>) -> Harmony {
    for c in chars {
        if BACK_VOWELS.contains(&c) {
            return Harmony::Back;
        }
        if FRONT_VOWELS.contains(&c) {
            return Harmony::Front;
        }
    }
    Harmony::Neutral
}

fn repair_voiced_final(stem: &mut [char]) {
    if let Some(last) = stem.last_mut() {
        *last = match *last {
            'б' => 'п',
            'г' => 'к',
            'ғ' => 'қ',
            'b' => 'p',
            'g' => 'k',
            other => other,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_stacked_endings() {
        let s = KazakhStemmer::cyrillic();
        assert_eq!(s.stem("кинофестивальдерінде"), "кинофестиваль");
        assert_eq!(s.stem("жобаның"), "жоба");
        assert_eq!(s.stem("кітабы"), "кітап");
    }

    #[test]
    fn harmony_blocks_a_mismatched_ending() {
        // `қарі` is not `қар` + front possessive: a back stem takes `ы`.
        assert_eq!(KazakhStemmer::cyrillic().stem("қарі"), "қарі");
    }

    #[test]
    fn folded_stemmer_meets_latin_and_cyrillic() {
        let s = KazakhStemmer::folded();
        let latin = s.stem(&script_key::fold("kinosynyn"));
        let cyrillic = s.stem(&script_key::fold("киносының"));
        assert_eq!(latin, cyrillic);
    }
}
