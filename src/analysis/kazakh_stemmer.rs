//! `KazakhStemmer`: suffix stripping for Kazakh, guided by morphotactics, consonant agreement
//! and vowel harmony.
//!
//! Kazakh is agglutinative: `кинофестивальдерінде` is a stem followed by plural, possessive and
//! case endings, always in that order. The stemmer strips endings from the right, one slot at a
//! time, and each ending is only taken when
//! - the slots stay in order (a case ending comes off before a possessive, a tense before the
//!   passive: `өткізілді` → `өткізіл` → `өткіз`);
//! - the stem agrees with the ending's first consonant the way Kazakh spells it (`-дың` after
//!   л р й у ж з, `-тың` after voiceless consonants, `-ның` after vowels and м н ң), which keeps
//!   `қазақстан` from losing an "ablative" `-тан`;
//! - its vowel agrees with the stem's last vowel (loanwords such as `фильм`, `фестиваль` are
//!   exempt: they do not follow harmony);
//! - the stem keeps a vowel and at least two letters, and is not a word known to end in what only
//!   looks like an ending (`алматы`, `тақырып`, `көрермен`).
//!
//! After an ending that starts with a vowel the voiced final consonant is repaired
//! (`кітабы` → `кітап`), and a final soft sign is dropped, so `фестиваль` and `фестивалі` meet.
//!
//! Deliberately not stripped: derivation (`-лық`, `-шы`, `-ым` nouns such as `білім`), the 1st
//! person singular possessive (rare in news and encyclopaedic text, and spelled like `-ым`
//! nouns), the gerund `-п` after a vowel (spelled like `кітап`).
//!
//! The same rules (but the adjective `-ғы/-гі`, which needs harmony) also run over the
//! script-independent key alphabet (see `script_key`), where
//! harmony is gone; there the verb stems also lose a final vowel, so that `жинады` (read as
//! `жин-ады`) and `жинау` (`жина-у`) meet.

use rustc_hash::FxHashMap;
use std::sync::LazyLock;

use super::kazakh_endings::{ENDINGS, WHOLE_WORDS};
use super::script_key;

/// Where an ending sits in the word, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Predicate,
    Case,
    Possessive,
    Plural,
    VerbalNoun,
    Tense,
    Passive,
    /// Derivation (`-лық`, `-шы`, `-лы`, `-сыз`): stripped in the key alphabet only, where
    /// recall matters more than telling `ұлт` from `ұлттық`.
    Derivation,
}

impl Slot {
    /// Whether an ending of slot `inner` may stand right before one of `self`.
    fn allows(self, inner: Slot) -> bool {
        use Slot::*;
        match self {
            Predicate => matches!(inner, Case | Possessive | Plural | VerbalNoun | Derivation),
            Case => matches!(inner, Possessive | Plural | VerbalNoun | Derivation),
            Possessive => matches!(inner, Plural | VerbalNoun | Derivation),
            Plural => matches!(inner, VerbalNoun | Derivation),
            VerbalNoun | Tense => matches!(inner, Passive),
            Passive | Derivation => false,
        }
    }

    fn is_verbal(self) -> bool {
        matches!(self, Slot::VerbalNoun | Slot::Tense | Slot::Passive)
    }
}

/// What the stem must end in for an ending to attach (by the ending's first sound).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum After {
    /// a vowel
    Vowel,
    /// a consonant
    Consonant,
    /// vowels, р й у (the `-лар` group)
    LarGroup,
    /// л м н ң ж з (the `-дар` group)
    DarGroup,
    /// voiceless and б в г д (the `-тар` group)
    TarGroup,
    /// vowels, м н ң (`-ның`)
    NyngGroup,
    /// л р й у ж з (`-дың`)
    DyngGroup,
    /// vowels and voiced consonants (`-ға`, `-да`, `-ған`)
    Voiced,
    /// voiceless consonants (`-қа`, `-та`, `-қан`)
    Voiceless,
    /// vowels, л р й у ж з (`-дан`, past `-ды`)
    DanGroup,
    /// м н ң (`-нан`)
    Nasal,
    /// vowels, л р й у м н ң (`-мен`, `-мын`)
    MenGroup,
    /// м н ң ж з (`-бен`, `-бын`)
    BenGroup,
    /// л (the passive `-ын` of `алынды`)
    Lateral,
    /// л р й у м н ң ж з (accusative `-ды`)
    DyGroup,
    Any,
}

const BACK_VOWELS: &[char] = &['а', 'о', 'ұ', 'ы'];
const FRONT_VOWELS: &[char] = &['ә', 'ө', 'ү', 'і', 'е'];
const VOWELS: &[char] = &[
    'а', 'ә', 'е', 'ё', 'и', 'о', 'ө', 'у', 'ұ', 'ү', 'ы', 'і', 'э', 'ю', 'я', 'a', 'e', 'i', 'o',
    'u',
];
/// Letters that mark a Russian loanword, which keeps its own vowels whatever the ending's harmony.
const LOANWORD_LETTERS: &[char] = &['в', 'ф', 'ц', 'ч', 'щ', 'ь', 'ъ', 'ё', 'э'];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Harmony {
    Back,
    Front,
    Neutral,
}

struct Ending {
    chars: Vec<char>,
    slot: Slot,
    after: After,
    harmony: Harmony,
    vowel_initial: bool,
    /// Taken only when the stem's own vowels agree with it (a loan vowel such as `и` is not
    /// enough): the adjective `жыл|ғы`, `кейін|гі`, not `кастинг|і`.
    needs_harmony: bool,
}

/// Suffix-stripping stemmer; see the module documentation.
pub struct KazakhStemmer {
    /// Endings grouped by their last letter, longest first within a group: a word only looks
    /// at the endings that can end it.
    endings_by_last: FxHashMap<char, Vec<Ending>>,
    /// Sorted, for lookups without building a string.
    whole_words: Vec<Vec<char>>,
    folded: bool,
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
        let spell = |text: &str| {
            if folded {
                script_key::fold(text)
            } else {
                text.to_string()
            }
        };
        let mut endings: Vec<Ending> = Vec::new();
        for &(text, slot, after) in ENDINGS {
            if slot == Slot::Derivation && !folded {
                continue;
            }
            // Without harmony the adjective ending cannot be told from `кастинг|і`.
            let needs_harmony = matches!(text, "ғы" | "гі" | "қы" | "кі");
            if folded && needs_harmony {
                continue;
            }
            let chars: Vec<char> = spell(text).chars().collect();
            let duplicate = endings
                .iter()
                .any(|e| e.chars == chars && e.slot == slot && e.after == after);
            if chars.is_empty() || duplicate {
                continue;
            }
            let harmony = if folded
                || text.ends_with("мен")
                || text.ends_with("бен")
                || text.ends_with("пен")
            {
                Harmony::Neutral
            } else {
                harmony_of(text.chars())
            };
            let vowel_initial = VOWELS.contains(&chars[0]);
            endings.push(Ending {
                chars,
                slot,
                after,
                harmony,
                vowel_initial,
                needs_harmony,
            });
        }
        // Longest first; among equals, the list order.
        endings.sort_by_key(|e| std::cmp::Reverse(e.chars.len()));
        let mut endings_by_last: FxHashMap<char, Vec<Ending>> = FxHashMap::default();
        for ending in endings {
            let last = *ending.chars.last().expect("endings are not empty");
            endings_by_last.entry(last).or_default().push(ending);
        }
        let mut whole_words: Vec<Vec<char>> = WHOLE_WORDS
            .iter()
            .map(|w| spell(w).chars().collect())
            .collect();
        whole_words.sort();
        KazakhStemmer {
            endings_by_last,
            whole_words,
            folded,
        }
    }

    /// The stem of one lowercase word. Words with anything but letters come back as they are.
    pub fn stem(&self, word: &str) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        if chars.iter().any(|&c| !super::words::is_letter(c)) {
            return word.to_string();
        }
        // The slots the last stripped ending may have filled (`-ды` is accusative or past).
        let mut outer: Option<Vec<Slot>> = None;
        let mut verbal = false;
        while self
            .whole_words
            .binary_search_by(|w| w.as_slice().cmp(&chars))
            .is_err()
        {
            let Some(candidates) = chars.last().and_then(|c| self.endings_by_last.get(c)) else {
                break;
            };
            let Some(ending) = candidates
                .iter()
                .find(|e| self.can_strip(&chars, e, outer.as_deref()))
            else {
                break;
            };
            let slots: Vec<Slot> = candidates
                .iter()
                .filter(|e| e.chars == ending.chars && self.can_strip(&chars, e, outer.as_deref()))
                .map(|e| e.slot)
                .collect();
            chars.truncate(chars.len() - ending.chars.len());
            verbal |= ending.slot.is_verbal();
            if ending.vowel_initial && !is_loanword(&chars) {
                repair_voiced_final(&mut chars);
            }
            outer = Some(slots);
        }
        if chars.len() > 1 && chars.last() == Some(&'ь') {
            chars.pop();
        }
        if self.folded
            && verbal
            && chars.len() > 3
            && chars.last().is_some_and(|c| VOWELS.contains(c))
        {
            chars.pop();
        }
        chars.into_iter().collect()
    }

    fn can_strip(&self, word: &[char], ending: &Ending, outer: Option<&[Slot]>) -> bool {
        if !word.ends_with(&ending.chars) {
            return false;
        }
        if let Some(outer) = outer {
            if !outer.iter().any(|o| o.allows(ending.slot)) {
                return false;
            }
        } else if ending.slot == Slot::Passive {
            // The passive only ever stands inside a verbal ending.
            return false;
        }
        let stem = &word[..word.len() - ending.chars.len()];
        let single_consonant = ending.chars.len() == 1 && !ending.vowel_initial;
        let s_initial = matches!(ending.chars.first(), Some('с' | 's'));
        let min = if single_consonant || s_initial || self.folded {
            3
        } else {
            2
        };
        if stem.len() < min || !stem.iter().any(|c| VOWELS.contains(c)) {
            return false;
        }
        // A soft sign is silent: `фестиваль|де` attaches as after `л`.
        let Some(&last) = stem.iter().rev().find(|&&c| c != 'ь') else {
            return false;
        };
        // `-сы` after a vowel, not after `ы`/`і`: `жұмы|сы` is `жұмыс|ы`.
        if matches!(ending.chars.as_slice(), ['с', 'ы' | 'і', ..]) && matches!(last, 'ы' | 'і')
        {
            return false;
        }
        // The passive `-н` after a vowel is the `-л` of a stem that ends in `л` and a vowel
        // (`белгіле|н`, `сайла|н`); after any other vowel the `н` is the verb's own
        // (`ұсын|ып`, not `ұсы|н|ып`).
        if ending.slot == Slot::Passive
            && matches!(ending.chars.as_slice(), ['н'] | ['n'])
            && !(stem.len() >= 2 && matches!(stem[stem.len() - 2], 'л' | 'l'))
        {
            return false;
        }
        // `-шы`/`-ші` agent nouns keep their vowel: `әнші|нің`, `тілші|лер`.
        if ending.slot == Slot::Possessive && ending.chars.len() == 1 && matches!(last, 'ш' | 'h')
        {
            return false;
        }
        // `филь|мін` is `фильм|ін`: personal endings do not follow a soft sign.
        if ending.slot == Slot::Predicate && stem.last() == Some(&'ь') {
            return false;
        }
        if !attaches(ending.after, last) {
            return false;
        }
        if ending.needs_harmony && harmony_of(stem.iter().rev().copied()) != ending.harmony {
            return false;
        }
        let loanword = is_loanword(stem);
        if loanword && ending.slot.is_verbal() {
            return false;
        }
        if ending.harmony == Harmony::Neutral || loanword {
            return true;
        }
        // A stem ending in `у` takes either harmony (`Жетісуда`, like `су`).
        if last == 'у' {
            return true;
        }
        match harmony_of(stem.iter().rev().copied()) {
            Harmony::Neutral => true,
            stem_harmony => stem_harmony == ending.harmony,
        }
    }
}

fn is_loanword(stem: &[char]) -> bool {
    stem.iter().any(|c| LOANWORD_LETTERS.contains(c))
}

/// Whether an ending whose first sound needs `after` can follow a stem ending in `last`.
fn attaches(after: After, last: char) -> bool {
    let vowel = VOWELS.contains(&last) && last != 'у' && last != 'u';
    let sonorant = matches!(last, 'р' | 'й' | 'у' | 'r' | 'u');
    let l = matches!(last, 'л' | 'l');
    let nasal = matches!(last, 'м' | 'н' | 'ң' | 'm' | 'n');
    let voiced = matches!(last, 'ж' | 'з' | 'j' | 'z');
    let voiced_stop = matches!(last, 'б' | 'в' | 'г' | 'ғ' | 'д' | 'b' | 'v' | 'g' | 'd');
    let consonant = !VOWELS.contains(&last) || last == 'у' || last == 'u';
    // Loanwords end in voiced stops that sound voiceless: `кастинг|ке`, `клуб|та`.
    let devoiced_stop = matches!(last, 'б' | 'г' | 'д' | 'в');
    match after {
        After::Vowel => vowel,
        After::Consonant => consonant,
        After::LarGroup => vowel || sonorant,
        After::DarGroup => l || nasal || voiced,
        After::TarGroup => consonant && !(sonorant || l || nasal || voiced),
        After::NyngGroup => vowel || nasal,
        After::DyngGroup => l || sonorant || voiced,
        After::Voiced => vowel || sonorant || l || nasal || voiced || voiced_stop,
        After::Voiceless => {
            consonant && !(sonorant || l || nasal || voiced) && (devoiced_stop || !voiced_stop)
        }
        After::DanGroup => vowel || sonorant || l || voiced,
        After::Nasal => nasal,
        After::MenGroup => vowel || sonorant || l || nasal,
        After::BenGroup => nasal || voiced,
        After::Lateral => l,
        After::DyGroup => l || sonorant || nasal || voiced,
        After::Any => true,
    }
}

/// The harmony class of the first harmony vowel met.
fn harmony_of(chars: impl Iterator<Item = char>) -> Harmony {
    for c in chars {
        // Loan vowels say nothing about harmony: `механизм|і`, `кастинг|ке`.
        if matches!(c, 'и' | 'ю' | 'я' | 'э' | 'ё') {
            return Harmony::Neutral;
        }
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
    // `кастинг|і`: a final `нг` is a loanword's, spelled as it is.
    if stem.len() >= 2 && matches!(stem[stem.len() - 2], 'н' | 'n') {
        return;
    }
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
        assert_eq!(s.stem("кинофестивальдерінде"), "кинофестивал");
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
