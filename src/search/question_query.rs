//! The query of one question: a sum over its words of the best of each word's forms.
//!
//! A word (`WordClause`) matches a passage when any of its forms does, and scores the best
//! form's BM25 plus `tie_breaker` times the others' (the formula of Tantivy's
//! `DisjunctionMaxQuery`); a passage's score is the sum over the words (that of a `BooleanQuery`
//! of should-clauses). The scores are Tantivy's: a test compares them.
//!
//! Built from Tantivy's parts, this cost more than the search itself: a 48 KB buffered union
//! per word, and every posting of every form scored, since Tantivy prunes only plain term
//! queries. Here the top passages are collected with block-max MaxScore (`pruning`).

use std::sync::Arc;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use super::known_term::KnownTermQuery;
use super::pruning::{self, WindowScores};
use super::term_cursor::TermCursor;

/// One word: its forms as looked-up terms, each with its weight.
#[derive(Clone, Debug)]
pub struct WordClause {
    pub forms: Vec<KnownTermQuery>,
}

#[derive(Clone, Debug)]
pub struct QuestionQuery(Arc<Clauses>);

#[derive(Debug)]
struct Clauses {
    words: Vec<WordClause>,
    tie_breaker: Score,
}

impl QuestionQuery {
    pub fn new(words: Vec<WordClause>, tie_breaker: Score) -> QuestionQuery {
        QuestionQuery(Arc::new(Clauses { words, tie_breaker }))
    }

    fn word_scorers(&self, reader: &SegmentReader) -> tantivy::Result<Vec<WordScorer>> {
        let mut words = Vec::with_capacity(self.0.words.len());
        for word in &self.0.words {
            let mut forms = Vec::with_capacity(word.forms.len());
            for form in &word.forms {
                if let Some(scorer) = form.cursor(reader)? {
                    forms.push(scorer);
                }
            }
            if !forms.is_empty() {
                let order = words.len();
                words.push(WordScorer::new(order, forms, self.0.tie_breaker));
            }
        }
        Ok(words)
    }
}

impl Query for QuestionQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for word in &self.0.words {
            for form in &word.forms {
                form.query_terms(visitor);
            }
        }
    }
}

impl Weight for QuestionQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let words = self.word_scorers(reader)?;
        let doc = least_doc(&words);
        Ok(Box::new(SumScorer { words, doc, boost }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "sum of the words' best forms",
            scorer.score(),
        ))
    }

    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        pruning::collect(self.word_scorers(reader)?, threshold, callback);
        Ok(())
    }
}

/// One word in one segment: a merge of its forms' postings.
pub(super) struct WordScorer {
    /// Where the word stands in the question.
    pub order: usize,
    forms: Vec<TermCursor>,
    pub doc: DocId,
    tie_breaker: Score,
    /// No passage scores more with the word.
    pub max_score: Score,
}

impl WordScorer {
    fn new(order: usize, forms: Vec<TermCursor>, tie_breaker: Score) -> WordScorer {
        let best = forms.iter().map(|f| f.max_score()).fold(0.0, Score::max);
        let sum: Score = forms.iter().map(|f| f.max_score()).sum();
        let doc = least_form_doc(&forms);
        WordScorer {
            order,
            forms,
            doc,
            tie_breaker,
            max_score: best + (sum - best) * tie_breaker,
        }
    }

    pub fn advance(&mut self) -> DocId {
        for form in &mut self.forms {
            if form.doc() == self.doc {
                form.advance();
            }
        }
        self.doc = least_form_doc(&self.forms);
        self.doc
    }

    pub fn seek(&mut self, target: DocId) -> DocId {
        for form in &mut self.forms {
            if form.doc() < target {
                form.seek(target);
            }
        }
        self.doc = least_form_doc(&self.forms);
        self.doc
    }

    /// The word's score at `doc`.
    pub fn score(&mut self) -> Score {
        let (mut best, mut sum) = (0.0 as Score, 0.0 as Score);
        for form in &mut self.forms {
            if form.doc() == self.doc {
                let score = form.score();
                best = best.max(score);
                sum += score;
            }
        }
        best + (sum - best) * self.tie_breaker
    }

    /// Scores every passage of the window `first..=last` that has the word into `scores`, form
    /// by form, and leaves the word at its first passage after the window. A passage's score
    /// is the same number `score` gives: the forms' scores taken in the same order.
    pub fn score_window(&mut self, first: DocId, last: DocId, scores: &mut WindowScores) {
        if let [form] = &mut self.forms[..] {
            // best + (sum − best) × tie_breaker is the form's own score.
            if form.doc() < first {
                form.seek(first);
            }
            form.score_through(last, |doc, score| {
                scores.add((doc - first) as usize, self.order, score)
            });
            self.doc = form.doc();
            return;
        }
        for form in &mut self.forms {
            if form.doc() < first {
                form.seek(first);
            }
            form.score_through(last, |doc, score| {
                scores.add_form((doc - first) as usize, score)
            });
        }
        scores.end_word(self.order, self.tie_breaker);
        self.doc = least_form_doc(&self.forms);
    }

    /// The last passage of the current block of each form the word is walked through.
    pub fn block_lasts(&self) -> impl Iterator<Item = DocId> + '_ {
        self.forms
            .iter()
            .filter(|f| f.doc() != TERMINATED)
            .map(|f| f.block_last())
    }

    /// No passage from `lo` to `hi` (both included) scores more with the word. A form whose
    /// current block ends before `lo` is moved to `lo` first; one whose block ends before `hi`
    /// counts with its highest score.
    pub fn window_bound(&mut self, lo: DocId, hi: DocId) -> Score {
        let (mut best, mut sum) = (0.0 as Score, 0.0 as Score);
        for form in &mut self.forms {
            if form.block_last() < lo {
                form.seek(lo);
            }
            if form.doc() > hi {
                continue;
            }
            let bound = if form.block_last() >= hi {
                form.block_bound()
            } else {
                form.max_score()
            };
            best = best.max(bound);
            sum += bound;
        }
        self.doc = least_form_doc(&self.forms);
        best + (sum - best) * self.tie_breaker
    }
}

fn least_form_doc(forms: &[TermCursor]) -> DocId {
    forms.iter().map(|f| f.doc()).min().unwrap_or(TERMINATED)
}

pub(super) fn least_doc(words: &[WordScorer]) -> DocId {
    words.iter().map(|w| w.doc).min().unwrap_or(TERMINATED)
}

/// Every passage any word matches, in order, with the sum of the words' scores: for
/// explanations and for callers that do not prune.
struct SumScorer {
    words: Vec<WordScorer>,
    doc: DocId,
    boost: Score,
}

impl DocSet for SumScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        for word in &mut self.words {
            if word.doc == self.doc {
                word.advance();
            }
        }
        self.doc = least_doc(&self.words);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for word in &mut self.words {
            if word.doc < target {
                word.seek(target);
            }
        }
        self.doc = least_doc(&self.words);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.words
            .iter()
            .flat_map(|w| &w.forms)
            .map(|f| f.size_hint())
            .max()
            .unwrap_or(0)
    }
}

impl Scorer for SumScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let sum: Score = self
            .words
            .iter_mut()
            .filter(|w| w.doc == doc)
            .map(|w| w.score())
            .sum();
        sum * self.boost
    }
}

#[cfg(test)]
mod tests;
