//! The Kazakh stemmer against 638 word forms with their expected stems, read from
//! `tests/data/kazakh_stems.txt` (its header says what an expected stem is).

use std::collections::BTreeMap;

use kinotanu::analysis::KazakhStemmer;

const GOLD_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/kazakh_stems.txt");

/// The sections of the gold file: name → (form, expected stem, or the reason for a known limit).
fn gold() -> BTreeMap<String, Vec<(String, String)>> {
    let text = std::fs::read_to_string(GOLD_FILE).expect("the gold file");
    let mut sections: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut section = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(name.to_string());
            continue;
        }
        let (Some(name), Some((form, expected))) = (&section, line.split_once('\t')) else {
            panic!(
                "{GOLD_FILE}:{}: expected `form<TAB>stem` in a [section]",
                n + 1
            );
        };
        sections
            .entry(name.clone())
            .or_default()
            .push((form.to_string(), expected.to_string()));
    }
    sections
}

/// Every form of a section stems as expected, except the known limits, which must still fail.
fn check(section: &str) {
    let gold = gold();
    let pairs = &gold[section];
    let known_limits = &gold["known_limits"];
    let stemmer = KazakhStemmer::cyrillic();
    let mut unexpected = Vec::new();
    for (form, expected) in pairs {
        let got = stemmer.stem(form);
        // The stemmer drops a final soft sign, so `фестиваль` and `фестивалі` meet.
        let expected = expected.strip_suffix('ь').unwrap_or(expected);
        let known = known_limits.iter().any(|(f, _)| f == form);
        if (got != expected) != known {
            let note = if known {
                " (listed in [known_limits]: remove it)"
            } else {
                ""
            };
            unexpected.push(format!("{form}: got {got}, expected {expected}{note}"));
        }
    }
    assert!(!pairs.is_empty(), "no forms in [{section}]");
    assert!(
        unexpected.is_empty(),
        "{} of {} forms stemmed unexpectedly:\n{}",
        unexpected.len(),
        pairs.len(),
        unexpected.join("\n")
    );
}

fn gold_forms() -> usize {
    gold()
        .iter()
        .filter(|(name, _)| *name != "known_limits")
        .map(|(_, pairs)| pairs.len())
        .sum()
}

#[test]
fn native_nouns_lose_plural_and_possessive_endings() {
    check("noun_number_and_possession")
}

#[test]
fn native_nouns_lose_case_and_stacked_endings() {
    check("noun_cases")
}

#[test]
fn adjectives_of_time_and_place_lose_their_ending() {
    check("adjectives_of_time_and_place")
}

#[test]
fn a_horse_is_not_a_year() {
    let stem = |word| KazakhStemmer::cyrillic().stem(word);
    assert_eq!(stem("жылғы"), stem("жылдар"));
    assert_ne!(stem("жылқы"), stem("жылғы"));
    assert_ne!(stem("жылқылар"), stem("жылғы"));
}

#[test]
fn voiced_finals_come_back_voiceless() {
    check("voiced_finals")
}

#[test]
fn verbs_come_back_to_their_root() {
    check("verbs")
}

#[test]
fn passive_verbs_lose_the_passive_too() {
    check("passive_verbs")
}

#[test]
fn personal_endings_are_stripped_from_verbs_and_nouns() {
    check("personal_endings")
}

#[test]
fn loanwords_take_kazakh_endings_whatever_their_vowels() {
    check("loanwords")
}

#[test]
fn proper_names_lose_case_endings() {
    check("proper_names")
}

#[test]
fn derivational_suffixes_are_kept() {
    check("derived_words")
}

#[test]
fn bare_stems_that_look_inflected_stay_unchanged() {
    check("bare_stems")
}

#[test]
fn every_section_of_the_gold_file_is_checked() {
    let checked = [
        "noun_number_and_possession",
        "noun_cases",
        "adjectives_of_time_and_place",
        "voiced_finals",
        "verbs",
        "passive_verbs",
        "personal_endings",
        "loanwords",
        "proper_names",
        "derived_words",
        "bare_stems",
        "known_limits",
    ];
    for name in gold().keys() {
        assert!(checked.contains(&name.as_str()), "[{name}] has no test");
    }
}

#[test]
fn gold_set_has_at_least_300_forms() {
    let total = gold_forms();
    assert!(total >= 300, "only {total} forms in the gold set");
}

#[test]
fn known_limits_stay_under_six_percent() {
    let (limits, total) = (gold()["known_limits"].len(), gold_forms());
    assert!(limits * 100 <= total * 6, "{limits} of {total}");
}
