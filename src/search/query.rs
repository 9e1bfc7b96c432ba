//! From a question to a Tantivy query, without Tantivy's query syntax: the question is split and
//! analysed by the project's own analysis, and the query is assembled from term queries, so no
//! character a user types (`:`, `-`, `(`, quotes) has any meaning to Tantivy.
//!
//! Each content word becomes one clause: the best of its Kazakh, Russian and key forms in the
//! body (a disjunction-max, so a word is not counted three times), plus the same in the title,
//! boosted. Question and function words are kept aside: they never drive the ranking.

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;

use super::schema::Fields;
use crate::corpus::Lang;
use crate::analysis::{Analyzer, Form, Forms, ablation, words};

/// At most this many distinct content words of a question are searched: a question of hundreds
/// of words stays bounded in time.
pub const MAX_QUERY_TERMS: usize = 32;

fn tune(name: &str, default: f32) -> f32 {
    std::env::var("KINOTANU_TUNE")
        .ok()
        .and_then(|v| {
            v.split(',').find_map(|kv| {
                kv.strip_prefix(&format!("{name}="))
                    .and_then(|x| x.parse().ok())
            })
        })
        .unwrap_or(default)
}
static TITLE_BOOST_L: std::sync::LazyLock<f32> = std::sync::LazyLock::new(|| tune("title", 0.6));
static KK_W: std::sync::LazyLock<f32> = std::sync::LazyLock::new(|| tune("kk", 1.0));
static RU_W: std::sync::LazyLock<f32> = std::sync::LazyLock::new(|| tune("ru", 1.0));
static KEY_W: std::sync::LazyLock<f32> = std::sync::LazyLock::new(|| tune("key", 0.8));
static TIE_L: std::sync::LazyLock<f32> = std::sync::LazyLock::new(|| tune("tie", 0.1));

/// One distinct word of the question.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryTerm {
    pub norm: String,
    pub forms: Forms,
    /// A question or function word: kept for nothing but display.
    pub stop: bool,
    /// Inverse document frequency of the word (its most frequent form), filled in by `search`.
    pub idf: f32,
}

/// The distinct words of a question, content words first, capped at [`MAX_QUERY_TERMS`].
pub fn question_terms(analyzer: &Analyzer, question: &str) -> Vec<QueryTerm> {
    let mut terms: Vec<QueryTerm> = Vec::new();
    for word in words(question) {
        let forms = analyzer.forms(&word.norm);
        if terms.iter().any(|t| t.forms == forms) {
            continue;
        }
        let stop = analyzer.is_stopword(&word.norm);
        terms.push(QueryTerm {
            norm: word.norm,
            forms,
            stop,
            idf: 0.0,
        });
    }
    terms.sort_by_key(|t| t.stop);
    let content = terms.iter().filter(|t| !t.stop).count();
    terms.truncate(content.min(MAX_QUERY_TERMS));
    terms
}

/// The query for the content terms, or `None` when the question has none.
pub fn build(fields: &Fields, terms: &[QueryTerm], lang: Option<Lang>) -> Option<Box<dyn Query>> {
    let weights = form_weights(lang);
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .iter()
        .filter(|t| !t.stop)
        .flat_map(|t| {
            let body = best_form(t, &weights, |form| fields.body(form));
            let mut clauses = vec![(Occur::Should, body)];
            if !ablation::is_off("title") {
                let title = best_form(t, &weights, |form| fields.title_form(form));
                let boosted: Box<dyn Query> = Box::new(BoostQuery::new(title, *TITLE_BOOST_L));
                clauses.push((Occur::Should, boosted));
            }
            clauses
        })
        .collect();
    (!clauses.is_empty()).then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
}

/// How much each form counts: the stemmer of the question's language is trusted most.
fn form_weights(lang: Option<Lang>) -> [(Form, f32); 4] {
    let (kk, ru) = match lang {
        Some(Lang::Kk) => (*KK_W, *RU_W * tune("otherkk", 1.0)),
        Some(Lang::Ru) => (*KK_W * tune("otherru", 0.3), *RU_W),
        None => (*KK_W, *RU_W),
    };
    [(Form::Kazakh, kk), (Form::Russian, ru), (Form::Key, *KEY_W), (Form::Prefix, tune("prefix", 0.3))]
}

fn best_form(
    term: &QueryTerm,
    weights: &[(Form, f32); 4],
    field_of: impl Fn(Form) -> tantivy::schema::Field,
) -> Box<dyn Query> {
    let mut disjuncts: Vec<Box<dyn Query>> = Vec::new();
    let mut seen: Vec<(tantivy::schema::Field, &str)> = Vec::new();
    for &(form, weight) in weights {
        if form == Form::Key && ablation::is_off("key") {
            continue;
        }
        let field = field_of(form);
        let text = term.forms.get(form);
        if seen.contains(&(field, text)) {
            continue;
        }
        seen.push((field, text));
        let query = TermQuery::new(
            Term::from_field_text(field, text),
            IndexRecordOption::WithFreqs,
        );
        disjuncts.push(Box::new(BoostQuery::new(Box::new(query), weight)));
    }
    Box::new(DisjunctionMaxQuery::with_tie_breaker(disjuncts, *TIE_L))
}
