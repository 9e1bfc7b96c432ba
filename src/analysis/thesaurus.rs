//! The thesaurus (`data/lexicon/thesaurus.txt`, embedded): the words a question may use for
//! what a passage says with others — «трофей» for «награда», «наш» for «отечественный». The
//! search layer adds them to a question word as alternatives weighing less than the word.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::{Analyzer, Forms, words};

/// The thesaurus as written, for the format check and `--help` of anyone who reads it.
pub const THESAURUS: &str = include_str!("../../data/lexicon/thesaurus.txt");

/// One line: a question word among `askers` also searches `targets`.
#[derive(Debug)]
struct Rule {
    askers: Vec<Forms>,
    targets: Vec<Forms>,
}

/// The rules of the embedded thesaurus, and which rules each asker's stems, key and prefix
/// appear in. A malformed file yields no rules rather than a panic; the tests check that it
/// parses.
static RULES: LazyLock<Rules> = LazyLock::new(|| {
    let analyzer = Analyzer::default();
    let rules: Vec<Rule> = parse(THESAURUS)
        .unwrap_or_default()
        .into_iter()
        .map(|(askers, targets)| Rule {
            askers: askers.iter().map(|w| analyzer.forms(w)).collect(),
            targets: targets.iter().map(|w| analyzer.forms(w)).collect(),
        })
        .collect();
    let mut by_form: [FxHashMap<String, Vec<usize>>; 4] = Default::default();
    for (i, rule) in rules.iter().enumerate() {
        for asker in &rule.askers {
            for (map, form) in by_form.iter_mut().zip(indexed_forms(asker)) {
                let listed = map.entry(form.to_string()).or_default();
                if listed.last() != Some(&i) {
                    listed.push(i);
                }
            }
        }
    }
    Rules { rules, by_form }
});

struct Rules {
    rules: Vec<Rule>,
    /// For the Kazakh stem, the Russian stem, the key and the prefix: the rules with an asker
    /// of that form. Every pair of words [`same_word`] accepts shares one of the four, so a
    /// word is compared with these rules' askers only, not with every rule's (this runs for
    /// every word of every question and for each of its translations).
    by_form: [FxHashMap<String, Vec<usize>>; 4],
}

fn indexed_forms(forms: &Forms) -> [&str; 4] {
    [&forms.kk, &forms.ru, &forms.key, &forms.prefix]
}

/// The forms of the words a question word also searches, without the word itself.
pub fn synonyms(forms: &Forms) -> Vec<Forms> {
    let mut out: Vec<Forms> = Vec::new();
    let mut candidates: Vec<usize> = RULES
        .by_form
        .iter()
        .zip(indexed_forms(forms))
        .filter_map(|(map, form)| map.get(form))
        .flatten()
        .copied()
        .collect();
    // In the file's order, as every rule was tried before.
    candidates.sort_unstable();
    candidates.dedup();
    for rule in candidates.into_iter().map(|i| &RULES.rules[i]) {
        if !rule.askers.iter().any(|a| same_word(a, forms)) {
            continue;
        }
        for target in &rule.targets {
            if !same_word(target, forms) && !out.contains(target) {
                out.push(target.clone());
            }
        }
    }
    out
}

/// Two words are the same entry when any of their stems or keys agree, or when they share the
/// prefix and one's Russian stem or key is the other's plus an ending of at most two letters:
/// Snowball parts inflections it does not know (трофей → троф, трофеев → трофе), while a whole
/// other word (показатель, қазақфильм for қазақстандық) differs inside.
pub fn same_word(a: &Forms, b: &Forms) -> bool {
    let extends = |x: &str, y: &str| {
        let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
        long.starts_with(short) && long.chars().count() - short.chars().count() <= 2
    };
    a.kk == b.kk
        || a.ru == b.ru
        || a.key == b.key
        || (a.prefix == b.prefix && (extends(&a.ru, &b.ru) || extends(&a.key, &b.key)))
}

/// A line's askers and targets (the same words for a two-way group).
type Line = (Vec<String>, Vec<String>);

/// Parses the thesaurus format; an error names the line and what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<Line>, String> {
    let mut lines = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fail = |reason: String| format!("line {}: {reason}", number + 1);
        let mut sides = line.split('>');
        let left = checked_words(sides.next().unwrap_or_default()).map_err(fail)?;
        let parsed = match (sides.next(), sides.next()) {
            (None, _) if left.len() >= 2 => (left.clone(), left),
            (None, _) => return Err(fail("a group needs at least two words".into())),
            (Some(right), None) => {
                let right = checked_words(right).map_err(fail)?;
                if left.is_empty() || right.is_empty() {
                    return Err(fail("`>` needs words on both sides".into()));
                }
                (left, right)
            }
            (Some(_), Some(_)) => return Err(fail("more than one `>`".into())),
        };
        lines.push(parsed);
    }
    Ok(lines)
}

/// The words of one side: each a single lowercase word as the analysis splits text, no repeats.
fn checked_words(side: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for token in side.split_whitespace() {
        let split = words(token);
        if split.len() != 1 || split[0].norm != token {
            return Err(format!("`{token}` is not one lowercase word"));
        }
        if out.iter().any(|w| w == token) {
            return Err(format!("`{token}` is listed twice"));
        }
        out.push(token.to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_thesaurus_parses() {
        let lines = parse(THESAURUS).expect("data/lexicon/thesaurus.txt");
        assert!(lines.len() >= 30, "{} groups", lines.len());
    }

    #[test]
    fn format_errors_name_the_line() {
        assert_eq!(
            parse("# c\nфильм\n").unwrap_err(),
            "line 2: a group needs at least two words"
        );
        assert!(
            parse("фильм Кино\n")
                .unwrap_err()
                .starts_with("line 1: `Кино`")
        );
        assert!(parse("фильм фильм\n").unwrap_err().contains("twice"));
        assert!(parse("а > б > в\n").unwrap_err().contains("more than one"));
        assert!(parse("онлайн-платформа кино\n").is_err());
    }

    #[test]
    fn an_inflected_question_word_finds_its_group() {
        let analyzer = Analyzer::default();
        let found = synonyms(&analyzer.forms("трофеев"));
        assert!(
            found
                .iter()
                .any(|f| same_word(f, &analyzer.forms("наград")))
        );
        assert!(
            found
                .iter()
                .any(|f| same_word(f, &analyzer.forms("жүлделер")))
        );
    }

    /// `synonyms` as first written: every rule tried.
    fn synonyms_by_every_rule(forms: &Forms) -> Vec<Forms> {
        let mut out: Vec<Forms> = Vec::new();
        for rule in &RULES.rules {
            if !rule.askers.iter().any(|a| same_word(a, forms)) {
                continue;
            }
            for target in &rule.targets {
                if !same_word(target, forms) && !out.contains(target) {
                    out.push(target.clone());
                }
            }
        }
        out
    }

    #[test]
    fn the_index_finds_what_every_rule_finds() {
        let analyzer = Analyzer::default();
        let mut asked: Vec<String> = THESAURUS
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(|l| l.split(|c: char| c.is_whitespace() || c == '>'))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        // Inflected, shortened and unrelated words too.
        for w in asked.clone() {
            asked.push(format!("{w}ов"));
            asked.push(format!("{w}лар"));
            asked.push(w.chars().take(5).collect());
        }
        asked.extend(["фильм", "кино", "трофеев", "наши", "жүлделер"].map(String::from));
        let mut found = 0;
        for word in &asked {
            let forms = analyzer.forms(word);
            let indexed = synonyms(&forms);
            found += usize::from(!indexed.is_empty());
            assert_eq!(indexed, synonyms_by_every_rule(&forms), "{word}");
        }
        assert!(found >= 30, "{found} words with synonyms");
    }

    #[test]
    fn one_way_rules_do_not_go_back() {
        let analyzer = Analyzer::default();
        let from_ours = synonyms(&analyzer.forms("наши"));
        assert!(
            from_ours
                .iter()
                .any(|f| same_word(f, &analyzer.forms("отечественных")))
        );
        let from_domestic = synonyms(&analyzer.forms("отечественный"));
        assert!(
            !from_domestic
                .iter()
                .any(|f| same_word(f, &analyzer.forms("наш")))
        );
    }
}
