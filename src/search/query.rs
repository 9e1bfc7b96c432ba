//! From a question to a Tantivy query, without Tantivy's query syntax: the question is split and
//! analysed by the project's own analysis, and the query is assembled from term queries, so no
//! character a user types (`:`, `-`, `(`, quotes) has any meaning to Tantivy.
//!
//! Each content word becomes two clauses of a `QuestionQuery`: the best of its four forms in the
//! body (a disjunction-max, so a word is not counted four times), with its alternatives (glossary
//! translations, thesaurus synonyms) and typo fixes as further, lighter forms; and its key in the
//! title. Question and function words are
//! kept aside: they never drive the ranking.

use super::known_term::KnownTermQuery;
use super::question_query::{QuestionQuery, WordClause};
use super::schema::Fields;
use super::statistics::TermLookups;
use crate::analysis::places::{self, Found, Relation};
use crate::analysis::{Analyzer, Form, Forms, Head, ablation, glossary, head, thesaurus, words};
use crate::corpus::Lang;

/// At most this many distinct content words of a question are searched: a question of hundreds
/// of words stays bounded in time.
pub const MAX_QUERY_TERMS: usize = 32;

/// A word found through a typo fix counts less than one found as typed.
const FUZZY_WEIGHT: f32 = 0.8;
/// A word found through the glossary counts less than the word asked.
const TRANSLATION_WEIGHT: f32 = 0.7;
/// A word found through the thesaurus counts less still: a synonym is not a translation.
const SYNONYM_WEIGHT: f32 = 0.5;
/// Another name of the place a question names counts as a translation; its region or city as
/// a synonym.
const SAME_PLACE_WEIGHT: f32 = TRANSLATION_WEIGHT;
const RELATED_PLACE_WEIGHT: f32 = SYNONYM_WEIGHT;

/// How much of a question word's weight a passage word sharing only its first letters covers.
pub const PREFIX_ONLY_MATCH: f32 = 0.5;

/// Another word a question word also searches. A passage holding it covers the question word
/// (the answer's evidence counts it fully); in the ranking it weighs less than the word itself.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub forms: Forms,
    /// Multiplies the word's weight in the query.
    pub weight: f32,
    /// A place name: matched by stem or key only, not by the first letters with an ending
    /// («Жетісу» is not «жетістік»), its Kazakh and Russian stems in either field (see
    /// `places::same_word`).
    pub exact: bool,
    /// A place name that counts in a passage only with a region word beside it («Абай» of
    /// «Абай облысы», not the poet; see `places::region_word_beside`).
    pub needs_region_word: bool,
}

/// How much a title match adds to a body match.
const TITLE_BOOST: f32 = 0.6;
/// Weights of the forms inside a word's disjunction: the script-independent key and the prefix
/// are looser than the stems, so they count less.
const KAZAKH_WEIGHT: f32 = 1.0;
const RUSSIAN_WEIGHT: f32 = 1.0;
const KEY_WEIGHT: f32 = 0.6;
const PREFIX_WEIGHT: f32 = 0.8;
/// The stem of the other language, for a question in one language (a Russian question's
/// words through the Kazakh stemmer are mostly noise).
const OTHER_LANGUAGE_WEIGHT: f32 = 0.3;
/// How much the forms a word did not match best still add.
const TIE_BREAKER: f32 = 0.1;

/// One distinct word of the question.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    pub norm: String,
    pub forms: Forms,
    /// A question or function word: kept for nothing but display.
    pub stop: bool,
    /// Inverse document frequency of the word (its most frequent form), filled in by `search`.
    pub idf: f32,
    /// When the index knows no form of the word: its key-field terms within one edit (typos).
    pub fuzzy: Vec<String>,
    /// Its translations and synonyms, heaviest first.
    pub alternatives: Vec<Alternative>,
}

impl QueryTerm {
    /// The heads (see `analysis::word_heads`) a passage word must have to match this question word.
    pub fn heads(&self) -> Vec<Head> {
        let mut heads = vec![head(&self.forms.prefix), head(&self.forms.key)];
        for alternative in &self.alternatives {
            heads.extend([
                head(&alternative.forms.prefix),
                head(&alternative.forms.key),
            ]);
        }
        heads.extend(self.fuzzy.iter().map(|key| head(key)));
        heads
    }

    /// Whether the word names a place of the gazetteer (it then searches the place's other
    /// names).
    pub fn names_place(&self) -> bool {
        self.alternatives.iter().any(|a| a.exact)
    }

    /// Whether some of the place names the word searches count only with a region word.
    pub fn has_region_names(&self) -> bool {
        self.alternatives.iter().any(|a| a.needs_region_word)
    }

    /// Whether a word with these forms matches this question word (a place name that needs a
    /// region word taken as having one).
    pub fn matches(&self, forms: &Forms) -> bool {
        self.match_strength(forms, true).is_some()
    }

    /// How surely a word with these forms is this question word: 1 for a stem, key, typo fix or
    /// alternative in common, [`PREFIX_ONLY_MATCH`] for the first letters alone (a new
    /// inflection, or another word: «қазақфильм», «қазақстандық»), `None` for no match. A
    /// place name that needs a region word counts only when `region_word_beside`.
    pub fn match_strength(&self, forms: &Forms, region_word_beside: bool) -> Option<f32> {
        let same = |a: &Forms| {
            [Form::Kazakh, Form::Russian, Form::Key]
                .iter()
                .any(|&f| a.get(f) == forms.get(f))
        };
        if same(&self.forms)
            || self.fuzzy.contains(&forms.key)
            || self.alternatives.iter().any(|a| {
                if a.exact {
                    places::same_word(&a.forms, forms)
                        && (!a.needs_region_word || region_word_beside)
                } else {
                    thesaurus::same_word(&a.forms, forms)
                }
            })
        {
            Some(1.0)
        } else if self.forms.prefix == forms.prefix && !ablation::is_off("prefix") {
            Some(PREFIX_ONLY_MATCH)
        } else {
            None
        }
    }
}

/// The distinct words of a question, content words first, capped at [`MAX_QUERY_TERMS`].
pub fn question_terms(analyzer: &Analyzer, question: &str) -> Vec<QueryTerm> {
    let words = words(question);
    let all_forms: Vec<Forms> = words.iter().map(|w| analyzer.forms(&w.norm)).collect();
    let places = if ablation::is_off("places") {
        Vec::new()
    } else {
        places::alternatives(&all_forms)
    };
    let mut terms: Vec<QueryTerm> = Vec::with_capacity(16);
    // Each word's term: the forms move into the terms, not copied.
    let mut term_of = Vec::with_capacity(words.len());
    for (word, forms) in words.into_iter().zip(all_forms) {
        if let Some(at) = terms.iter().position(|t| t.forms == forms) {
            term_of.push(at);
            continue;
        }
        let stop = analyzer.is_stopword_with(&word.norm, &forms);
        let alternatives = if stop {
            Vec::new()
        } else {
            alternatives(&forms)
        };
        term_of.push(terms.len());
        terms.push(QueryTerm {
            norm: word.norm,
            forms,
            stop,
            idf: 0.0,
            fuzzy: Vec::new(),
            alternatives,
        });
    }
    add_places(&mut terms, &term_of, places);
    terms.sort_by_key(|t| t.stop);
    let content = terms.iter().filter(|t| !t.stop).count();
    terms.truncate(content.min(MAX_QUERY_TERMS));
    terms
}

/// The places a question names (`places`, by word) also search their other names and their
/// region or cities; `term_of` gives each word's term.
fn add_places(terms: &mut [QueryTerm], term_of: &[usize], places: Vec<(usize, Vec<Found>)>) {
    for (at, found) in places {
        let term = &mut terms[term_of[at]];
        if term.stop {
            continue;
        }
        for found in found {
            if term.alternatives.iter().any(|a| a.forms == found.forms) {
                continue;
            }
            let weight = match found.relation {
                Relation::SamePlace => SAME_PLACE_WEIGHT,
                Relation::Contains => RELATED_PLACE_WEIGHT,
            };
            term.alternatives.push(Alternative {
                forms: found.forms,
                weight,
                exact: true,
                needs_region_word: found.needs_region_word,
            });
        }
    }
}

/// A content word's translations, then its synonyms and their translations, each once.
fn alternatives(forms: &Forms) -> Vec<Alternative> {
    let mut out: Vec<Alternative> = Vec::new();
    let mut add = |forms: Forms, weight: f32| {
        if !out.iter().any(|a| a.forms == forms) {
            out.push(Alternative {
                forms,
                weight,
                exact: false,
                needs_region_word: false,
            });
        }
    };
    if !ablation::is_off("glossary") {
        for translation in glossary::translations(forms) {
            add(translation, TRANSLATION_WEIGHT);
        }
    }
    if !ablation::is_off("thesaurus") {
        for synonym in thesaurus::synonyms(forms) {
            let translations = glossary::translations(&synonym);
            add(synonym, SYNONYM_WEIGHT);
            for translation in translations {
                add(translation, SYNONYM_WEIGHT);
            }
        }
    }
    out
}

/// The query for the content terms, or `None` when the question has none. Terms not worth
/// searching (no passage has them, or nearly all do) are left out: they add nothing to a score.
pub fn build(
    fields: &Fields,
    terms: &[QueryTerm],
    lang: Option<Lang>,
    lookups: &TermLookups<'_>,
) -> tantivy::Result<Option<QuestionQuery>> {
    let weights = form_weights(lang);
    // In a title the key alone is enough: titles are short, and one form keeps the query small.
    let title_weights = [(Form::Key, 1.3 * TITLE_BOOST)];
    let mut clauses: Vec<WordClause> = Vec::with_capacity(2 * terms.len());
    for term in terms.iter().filter(|t| !t.stop) {
        // The key field also holds every passage word's folded Kazakh stem (see `tokenizers`), so
        // when the word's folded stem is its key, the key finds every passage the Kazakh field
        // would (and those typed in other scripts): the Kazakh field is not searched.
        let weights = if term.forms.key_covers_kazakh {
            // The key then stands for the Kazakh stem, with its weight.
            let [(_, kk), ru, (_, key), prefix] = weights;
            [(Form::Kazakh, 0.0), ru, (Form::Key, key.max(kk)), prefix]
        } else {
            weights
        };
        if let Some(body) = best_form(term, &weights, |form| fields.body(form), lookups)? {
            clauses.push(body);
        }
        if ablation::is_off("title") {
            continue;
        }
        if let Some(title) = best_form(term, &title_weights, |_| fields.title_key, lookups)? {
            clauses.push(title);
        }
    }
    Ok((!clauses.is_empty()).then(|| QuestionQuery::new(clauses, TIE_BREAKER)))
}

/// How much each form counts: the stemmer of the question's language is trusted most.
fn form_weights(lang: Option<Lang>) -> [(Form, f32); 4] {
    let (kk, ru) = match lang {
        // Kazakh questions keep the Russian stems: Snowball also conflates Kazakh endings.
        Some(Lang::Kk) | None => (KAZAKH_WEIGHT, RUSSIAN_WEIGHT),
        Some(Lang::Ru) => (KAZAKH_WEIGHT * OTHER_LANGUAGE_WEIGHT, RUSSIAN_WEIGHT),
    };
    [
        (Form::Kazakh, kk),
        (Form::Russian, ru),
        (Form::Key, KEY_WEIGHT),
        (Form::Prefix, PREFIX_WEIGHT),
    ]
}

fn best_form(
    term: &QueryTerm,
    weights: &[(Form, f32)],
    field_of: impl Fn(Form) -> tantivy::schema::Field,
    lookups: &TermLookups<'_>,
) -> tantivy::Result<Option<WordClause>> {
    let mut disjuncts: Vec<KnownTermQuery> = Vec::with_capacity(8);
    let mut seen: Vec<(tantivy::schema::Field, &str)> = Vec::with_capacity(8);
    let mut add = |field, text, weight: f32| -> tantivy::Result<()> {
        if seen.contains(&(field, text)) {
            return Ok(());
        }
        seen.push((field, text));
        if let Some(query) = lookups.query(field, text, weight)? {
            disjuncts.push(query);
        }
        Ok(())
    };
    for &(form, weight) in weights {
        if weight == 0.0
            || (form == Form::Key && ablation::is_off("key"))
            || (form == Form::Prefix && ablation::is_off("prefix"))
        {
            continue;
        }
        let field = field_of(form);
        add(field, term.forms.get(form), weight)?;
        if form != Form::Prefix {
            for alternative in &term.alternatives {
                let weight = weight * alternative.weight;
                add(field, alternative.forms.get(form), weight)?;
                // The stemmers disagree on names: a place's Kazakh stem is also looked for
                // among the Russian stems, and back.
                match form {
                    Form::Kazakh if alternative.exact => add(field, &alternative.forms.ru, weight)?,
                    Form::Russian if alternative.exact => {
                        add(field, &alternative.forms.kk, weight)?
                    }
                    _ => {}
                }
            }
        }
        if form == Form::Key {
            for typo_fix in &term.fuzzy {
                add(field, typo_fix, weight * FUZZY_WEIGHT)?;
            }
        }
    }
    Ok((!disjuncts.is_empty()).then_some(WordClause { forms: disjuncts }))
}
