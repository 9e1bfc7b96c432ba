//! The gazetteer (`data/lexicon/places.txt`, embedded): Kazakhstan's regions and cities in
//! Kazakh, Russian and Latin spellings, each city with its region. A question that names a place
//! also searches its other names, and a city's region or a region's cities: «в Таразе» finds
//! «в Жамбылской области», «Петропавлда» finds «Солтүстік Қазақстан облысында». The search
//! layer adds them to the question word as alternatives weighing less than the word.
//!
//! A region whose name is also a person's or a city's («Абай облысы», «Алматы облысы») is
//! written with its region word in the file, and a passage names it only with a region word
//! beside the bare name («Абай облысында», «Жамбыл, … және Жетісу облыстарында», «область
//! Абай»): the poet Абай is not the region of Семей, nor the city of Алматы the region of Қонаев.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::{Analyzer, Forms, Words, words};

/// The gazetteer as written.
pub const PLACES: &str = include_str!("../../data/lexicon/places.txt");

/// Words that are part of many names and say nothing of which place: a passage is not about
/// North Kazakhstan for saying «Қазақстан».
const GENERIC_WORDS: &[&str] = &[
    "облыс",
    "облысы",
    "область",
    "region",
    "oblysy",
    "oblast",
    "қазақстан",
    "казахстанская",
    "qazaqstan",
    "kazakhstan",
];

/// The words that make a bare name a region's: «облыс», «область», «region».
const REGION_WORDS: &[&str] = &["облыс", "область", "обл", "region", "oblysy", "oblast"];

/// Words that may stand between a region's bare name and its region word in a list of
/// regions, besides other places' names: «Жамбыл, Түркістан және Жетісу облыстарында».
const LIST_WORDS: &[&str] = &["және", "мен", "бен", "пен", "и", "and"];

/// How far a list of regions is followed to find its region word.
const MAX_LIST_WORDS: usize = 12;

/// A place name a question word also searches.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub forms: Forms,
    pub relation: Relation,
    /// The name is a region's only with a region word beside it (see [`region_word_beside`]).
    pub needs_region_word: bool,
}

/// How a place found for a question word relates to the place the question names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Another name of the same place: «Петропавловск» for «Петропавл».
    SamePlace,
    /// The region of the city named, or a city of the region named: «Жамбыл» for «Тараз».
    Contains,
}

/// One line of the file: a region (with its id), or a city (with its region's id, or none for
/// a city of republican significance), and its names as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub is_region: bool,
    pub region: Option<String>,
    pub names: Vec<String>,
}

/// A name as the analysis sees it: its words' forms, and the word a passage is searched for.
#[derive(Debug)]
struct Name {
    words: Vec<Forms>,
    target: Forms,
    /// The name is written with its region word: its target alone may be a person or a city.
    needs_region_word: bool,
}

#[derive(Debug)]
struct Place {
    names: Vec<Name>,
    /// For a city, its region; for a region, its cities (indexes into `Gazetteer::places`).
    related: Vec<usize>,
}

#[derive(Debug, Default)]
struct Gazetteer {
    places: Vec<Place>,
    /// Each name's first word, by each of its forms: (place, name) to try from there.
    starts: FxHashMap<String, Vec<(usize, usize)>>,
    /// Every form of every word of every name: the words a list of regions is made of.
    name_words: FxHashSet<String>,
    region_words: Vec<Forms>,
    list_words: Vec<Forms>,
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    // A malformed file yields no places rather than a panic; the tests check that it parses.
    build(&parse(PLACES).unwrap_or_default())
});

fn build(lines: &[Line]) -> Gazetteer {
    let analyzer = Analyzer::default();
    let forms = |text: &str| -> Vec<Forms> {
        words(text)
            .iter()
            .map(|w| analyzer.forms(&w.norm))
            .collect()
    };
    let generic: Vec<Forms> = GENERIC_WORDS.iter().map(|w| analyzer.forms(w)).collect();
    let region_words: Vec<Forms> = REGION_WORDS.iter().map(|w| analyzer.forms(w)).collect();
    let mut gazetteer = Gazetteer {
        list_words: LIST_WORDS.iter().map(|w| analyzer.forms(w)).collect(),
        ..Gazetteer::default()
    };
    for line in lines {
        let names: Vec<Name> = line
            .names
            .iter()
            .filter_map(|name| {
                let words = forms(name);
                let target = words
                    .iter()
                    .filter(|w| !generic.iter().any(|g| same_word(g, w)))
                    .max_by_key(|w| w.key.chars().count())?
                    .clone();
                let needs_region_word = words
                    .iter()
                    .any(|w| region_words.iter().any(|r| same_word(r, w)));
                Some(Name {
                    words,
                    target,
                    needs_region_word,
                })
            })
            .collect();
        gazetteer.places.push(Place {
            names,
            related: Vec::new(),
        });
    }
    // Cities and their regions, both ways.
    for (city, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_region) {
        let region = line.region.as_ref().and_then(|id| {
            lines
                .iter()
                .position(|l| l.is_region && l.region.as_ref() == Some(id))
        });
        if let Some(region) = region {
            gazetteer.places[city].related.push(region);
            gazetteer.places[region].related.push(city);
        }
    }
    for word in gazetteer
        .places
        .iter()
        .flat_map(|p| &p.names)
        .flat_map(|n| &n.words)
    {
        for form in [&word.kk, &word.ru, &word.key] {
            gazetteer.name_words.insert(form.clone());
        }
    }
    gazetteer.region_words = region_words;
    for (p, place) in gazetteer.places.iter().enumerate() {
        for (n, name) in place.names.iter().enumerate() {
            let Some(first) = name.words.first() else {
                continue;
            };
            for form in [&first.kk, &first.ru, &first.key] {
                let entry = gazetteer.starts.entry(form.clone()).or_default();
                if !entry.contains(&(p, n)) {
                    entry.push((p, n));
                }
            }
        }
    }
    gazetteer
}

/// Whether two words are the same place word: by key, or by a Kazakh or Russian stem of one
/// being either stem of the other — the stemmers disagree on names («Талдыкоргане» is
/// `талдыкорган` to Snowball, «Талдыкорган» is `талдыкорган` to the Kazakh stemmer). Never by
/// the first letters alone: «Жетісу» is not «жетістік».
pub fn same_word(a: &Forms, b: &Forms) -> bool {
    a.key == b.key || [&a.kk, &a.ru].into_iter().any(|x| *x == b.kk || *x == b.ru)
}

/// For a question's words (all of them, in order), the words that name a place: the index of
/// the word, and the names it also searches, each once.
pub fn alternatives(question: &[Forms]) -> Vec<(usize, Vec<Found>)> {
    let gazetteer = &*GAZETTEER;
    let mut out: Vec<(usize, Vec<Found>)> = Vec::new();
    for start in 0..question.len() {
        let word = &question[start];
        let mut tried: Vec<(usize, usize)> = Vec::new();
        for form in [&word.kk, &word.ru, &word.key] {
            for &(p, n) in gazetteer.starts.get(form).into_iter().flatten() {
                if tried.contains(&(p, n)) {
                    continue;
                }
                tried.push((p, n));
                let name = &gazetteer.places[p].names[n];
                let Some(words) = question.get(start..start + name.words.len()) else {
                    continue;
                };
                if !words.iter().zip(&name.words).all(|(q, w)| same_word(q, w)) {
                    continue;
                }
                // The question word that stands for the place: the one in the name's target.
                let at = start
                    + words
                        .iter()
                        .position(|q| same_word(q, &name.target))
                        .unwrap_or(0);
                let found = match out.iter_mut().find(|(i, _)| *i == at) {
                    Some((_, found)) => found,
                    None => {
                        out.push((at, Vec::new()));
                        &mut out.last_mut().expect("just pushed").1
                    }
                };
                add_place(gazetteer, p, &question[at], found);
            }
        }
    }
    out
}

/// The targets of a place's other names, then of its related places, each once.
fn add_place(gazetteer: &Gazetteer, place: usize, asked: &Forms, found: &mut Vec<Found>) {
    let mut add = |name: &Name, relation: Relation| {
        if same_word(&name.target, asked) {
            return;
        }
        match found.iter_mut().find(|f| f.forms == name.target) {
            Some(existing) => {
                // A name of the place itself outranks the same name as a related place's, and
                // a name that needs no region word makes the target need none.
                if relation == Relation::SamePlace {
                    existing.relation = relation;
                }
                existing.needs_region_word &= name.needs_region_word;
            }
            None => found.push(Found {
                forms: name.target.clone(),
                relation,
                needs_region_word: name.needs_region_word,
            }),
        }
    };
    let place = &gazetteer.places[place];
    for name in &place.names {
        add(name, Relation::SamePlace);
    }
    for &related in &place.related {
        for name in &gazetteer.places[related].names {
            add(name, Relation::Contains);
        }
    }
}

/// Whether the passage word at `at` stands with a region word in its sentence: after it,
/// across a list of places («Абай облысы», «Жамбыл, Түркістан және Жетісу облыстарында»,
/// «Abai region»), or the Russian «область» right before it («в области Абай»).
pub fn region_word_beside(analyzer: &Analyzer, text: &str, words: Words<'_>, at: usize) -> bool {
    let gazetteer = &*GAZETTEER;
    let ends_sentence = |from: usize, to: usize| {
        text.get(from..to)
            .is_none_or(|gap| gap.contains(['.', '!', '?', ';', '\n']))
    };
    let Some(word) = words.get(at) else {
        return false;
    };
    if let Some(before) = at.checked_sub(1).and_then(|i| words.get(i))
        && before.norm.starts_with("област")
        && !ends_sentence(before.end, word.start)
    {
        return true;
    }
    let mut previous_end = word.end;
    for next in (at + 1..words.len())
        .take(MAX_LIST_WORDS)
        .filter_map(|i| words.get(i))
    {
        if ends_sentence(previous_end, next.start) {
            return false;
        }
        let forms = analyzer.forms(next.norm);
        if gazetteer.region_words.iter().any(|r| same_word(r, &forms)) {
            return true;
        }
        let in_a_list = gazetteer.list_words.iter().any(|w| w == &forms)
            || [&forms.kk, &forms.ru, &forms.key]
                .iter()
                .any(|f| gazetteer.name_words.contains(f.as_str()));
        if !in_a_list {
            return false;
        }
        previous_end = next.end;
    }
    false
}

/// Parses the gazetteer format; an error names the line and what is wrong with it.
pub fn parse(text: &str) -> Result<Vec<Line>, String> {
    let mut lines = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fail = |reason: &str| format!("line {}: {reason}", number + 1);
        let (head, names) = line
            .split_once(':')
            .ok_or_else(|| fail("expected `region ID: NAMES` or `city [ID]: NAMES`"))?;
        let (kind, id) = head.trim().split_once(' ').unwrap_or((head.trim(), ""));
        let id = id.trim();
        let is_region = match kind {
            "region" if !id.is_empty() => true,
            "region" => return Err(fail("a region needs its ID")),
            "city" => false,
            other => return Err(fail(&format!("`{other}` is neither `region` nor `city`"))),
        };
        let names: Vec<String> = names.split('|').map(|n| n.trim().to_string()).collect();
        if names.iter().any(|n| words(n).is_empty()) {
            return Err(fail("an empty name"));
        }
        lines.push(Line {
            is_region,
            region: (!id.is_empty()).then(|| id.to_string()),
            names,
        });
    }
    // Every city's region is defined.
    for line in lines.iter().filter(|l| !l.is_region) {
        if let Some(id) = &line.region
            && !lines
                .iter()
                .any(|l| l.is_region && l.region.as_ref() == Some(id))
        {
            return Err(format!("city {}: no region `{id}`", line.names[0]));
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_errors_name_the_line() {
        assert!(parse("# c\nтараз\n").unwrap_err().starts_with("line 2:"));
        assert!(parse("town X: Тараз\n").unwrap_err().contains("neither"));
        assert!(parse("region: Жамбыл\n").unwrap_err().contains("ID"));
        assert!(
            parse("region Ж: Жамбыл | \n")
                .unwrap_err()
                .contains("empty")
        );
        assert!(parse("city Ж: Тараз\n").unwrap_err().contains("no region"));
    }

    #[test]
    fn the_embedded_gazetteer_has_every_region() {
        let lines = parse(PLACES).expect("data/lexicon/places.txt");
        // All 17 regions as of 2022, and the three cities of republican significance.
        assert_eq!(lines.iter().filter(|l| l.is_region).count(), 17);
        assert_eq!(
            lines
                .iter()
                .filter(|l| !l.is_region && l.region.is_none())
                .count(),
            3
        );
        for region in lines.iter().filter(|l| l.is_region) {
            let id = region.region.as_ref().unwrap();
            assert!(
                lines
                    .iter()
                    .any(|l| !l.is_region && l.region.as_ref() == Some(id)),
                "{id} has no city"
            );
        }
    }
}
