//! Which question words a passage contains, where, and which of its sentences answers best.

use std::collections::HashSet;
use std::ops::Range;

use crate::analysis::answer_type::{self, AnswerType};
use crate::analysis::{Analyzer, Head, ablation, for_each_word};
use crate::corpus::sentences;
use crate::search::QueryTerm;

use super::Marked;

/// The matched words of one passage.
pub struct PassageMatch<'a> {
    pub text: &'a str,
    /// Byte ranges of matched words, in order.
    pub marks: Vec<Range<usize>>,
    /// For each mark, which question term it matched.
    mark_terms: Vec<usize>,
    term_weights: Vec<f32>,
    /// What the question's answer looks like, when it says.
    expected: Option<AnswerType>,
    /// The best sentence's evidence weight and byte range, worked out once: ranking, the answer
    /// sentence and the snippet all ask for it.
    best: (f32, Range<usize>),
}

/// The content words of a question and the heads a passage word needs to match any of them,
/// worked out once per question rather than once per passage.
pub struct QuestionWords<'q> {
    terms: Vec<&'q QueryTerm>,
    heads: Vec<Head>,
    expected: Option<AnswerType>,
}

impl<'q> QuestionWords<'q> {
    pub fn new(question: &str, terms: Vec<&'q QueryTerm>) -> Self {
        let heads = terms.iter().flat_map(|t| t.heads()).collect();
        let expected = if ablation::is_off("answer-type") {
            None
        } else {
            answer_type::expected(question)
        };
        QuestionWords {
            terms,
            heads,
            expected,
        }
    }
}

/// Finds the content terms of a question in a passage, by the same forms the index uses.
pub fn match_passage<'a>(
    analyzer: &Analyzer,
    text: &'a str,
    question: &QuestionWords<'_>,
) -> PassageMatch<'a> {
    let (terms, heads) = (&question.terms, &question.heads);
    let mut marks = Vec::new();
    let mut mark_terms = Vec::new();
    for_each_word(text, |start, end, norm| {
        let [whole, last_part] = analyzer.heads(norm);
        if !heads.contains(&whole) && !heads.contains(&last_part) {
            return;
        }
        let found = analyzer.with_forms(norm, |forms| terms.iter().position(|t| t.matches(forms)));
        if let Some(term) = found {
            marks.push(start..end);
            mark_terms.push(term);
        }
    });
    let mut matched = PassageMatch {
        text,
        marks,
        mark_terms,
        term_weights: terms.iter().map(|t| t.idf).collect(),
        expected: question.expected,
        best: (0.0, 0..text.len()),
    };
    matched.best = matched.find_best_sentence();
    matched
}

impl PassageMatch<'_> {
    /// The summed IDF of the distinct terms found.
    pub fn weight(&self) -> f32 {
        self.weight_in(0..self.text.len()).0
    }

    /// Summed IDF of distinct terms inside a byte range, and how tightly they sit together
    /// (distinct terms per marked word span, 0..=1).
    fn weight_in(&self, range: Range<usize>) -> (f32, f32) {
        let inside: Vec<usize> = (0..self.marks.len())
            .filter(|&i| self.marks[i].start >= range.start && self.marks[i].end <= range.end)
            .collect();
        let distinct: HashSet<usize> = inside.iter().map(|&i| self.mark_terms[i]).collect();
        let weight = distinct.iter().map(|&t| self.term_weights[t]).sum();
        let density = if inside.is_empty() {
            0.0
        } else {
            distinct.len() as f32 / inside.len() as f32
        };
        (weight, density)
    }

    /// The byte range of the sentence with the most evidence weight, closest together; the
    /// first sentence when nothing matched.
    pub fn best_sentence_range(&self) -> Range<usize> {
        self.best_sentence_scored().1
    }

    /// The evidence weight of the best sentence, and its byte range.
    pub fn best_sentence_scored(&self) -> (f32, Range<usize>) {
        self.best.clone()
    }

    fn find_best_sentence(&self) -> (f32, Range<usize>) {
        let mut best: Option<(f32, Range<usize>)> = None;
        for sentence in sentences(self.text) {
            let start = sentence.as_ptr() as usize - self.text.as_ptr() as usize;
            let range = start..start + sentence.len();
            let (mut weight, density) = self.weight_in(range.clone());
            // The question word ("when", "who") is one more word of the question, found in the
            // sentence as a number or a name: it weighs as much as the question's average word.
            if weight > 0.0 && self.holds_expected(sentence, start) {
                weight += self.mean_weight();
            }
            let score = weight * (1.0 + 0.2 * density);
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, range));
            }
        }
        best.unwrap_or((0.0, 0..self.text.len()))
    }

    /// The average evidence weight of a question word.
    fn mean_weight(&self) -> f32 {
        let n = self.term_weights.len().max(1);
        self.term_weights.iter().sum::<f32>() / n as f32
    }

    /// Whether the sentence at byte `start` holds the kind of token the question asks for,
    /// besides the question's own words (a year the question names is no answer to "when").
    fn holds_expected(&self, sentence: &str, start: usize) -> bool {
        self.expected.is_some_and(|kind| {
            answer_type::holds(kind, sentence, |word| {
                let span = start + word.start..start + word.end;
                !self.marks.contains(&span)
            })
        })
    }

    /// The best sentence, with its matched words marked.
    pub fn best_sentence(&self) -> Marked {
        let range = self.best_sentence_range();
        let marks = self
            .marks
            .iter()
            .filter(|m| m.start >= range.start && m.end <= range.end)
            .map(|m| (m.start - range.start)..(m.end - range.start))
            .collect();
        Marked {
            text: self.text[range].to_string(),
            marks,
        }
    }
}
