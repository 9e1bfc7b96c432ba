//! The query of one question: a sum over its words of the best of each word's forms.
//!
//! A word (`WordClause`) matches a passage when any of its forms does, and scores the best
//! form's BM25 plus `tie_breaker` times the others' (the formula of Tantivy's
//! `DisjunctionMaxQuery`); a passage's score is the sum over the words (that of a `BooleanQuery`
//! of should-clauses). The scores are Tantivy's: a test compares them.
//!
//! Built from Tantivy's parts, this cost more than the search itself: a 48 KB buffered union
//! per word, and every posting of every form scored, since Tantivy prunes only plain term
//! queries. Here the top passages are collected with MaxScore (Turtle and Flood, 1995): once
//! the k-th best score is known, the words that together cannot reach it are no longer walked,
//! only looked up (skipping through their postings) for passages the other words found.

use std::sync::Arc;

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

use super::known_term::{KnownTermQuery, KnownTermScorer};

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
                if let Some(scorer) = form.known_scorer(reader)? {
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

    /// MaxScore: the words, by their highest possible score, are split into the ones that
    /// together cannot beat the current threshold (only looked up) and the rest (walked). A
    /// passage's score is added up in the words' own order whatever the split, so that it is the
    /// same number every time (equal passages tie, and the first one wins, as in Tantivy).
    fn for_each_pruning(
        &self,
        mut threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut words = self.word_scorers(reader)?;
        words.sort_by(|a, b| a.max_score.total_cmp(&b.max_score));
        // bounds[i]: the most words 0..=i can add together.
        let bounds: Vec<Score> = words
            .iter()
            .scan(0.0, |sum, w| {
                *sum += w.max_score;
                Some(*sum)
            })
            .collect();
        // Where each word is in `words`, by the word's own order.
        let mut by_order = vec![0; words.len()];
        for (at, word) in words.iter().enumerate() {
            by_order[word.order] = at;
        }
        let mut walked_from = bounds.iter().take_while(|&&b| b <= threshold).count();
        while walked_from < words.len() {
            let doc = least_doc(&words[walked_from..]);
            if doc == TERMINATED {
                break;
            }
            let mut partial: Score = 0.0;
            for word in words[walked_from..].iter_mut().filter(|w| w.doc == doc) {
                partial += word.score_part();
            }
            let mut complete = true;
            for i in (0..walked_from).rev() {
                if partial + bounds[i] <= threshold {
                    // It cannot beat the threshold, whatever the words left would add.
                    complete = false;
                    break;
                }
                let word = &mut words[i];
                if word.doc < doc {
                    word.seek(doc);
                }
                if word.doc == doc {
                    partial += word.score_part();
                }
            }
            // The sum in another order differs in the last bits at most: only a passage that
            // comes that close is added up again in the words' order, and tested with that.
            let close = partial.abs() * 1e-5;
            let score: Score = if complete && partial + close > threshold {
                by_order
                    .iter()
                    .map(|&at| &words[at])
                    .map(|w| if w.doc == doc { w.part } else { 0.0 })
                    .sum()
            } else {
                Score::MIN
            };
            if score > threshold {
                threshold = callback(doc, score);
                while walked_from < words.len() && bounds[walked_from] <= threshold {
                    walked_from += 1;
                }
            }
            for word in &mut words[walked_from..] {
                if word.doc == doc {
                    word.advance();
                }
            }
        }
        Ok(())
    }
}

/// One word in one segment: a merge of its forms' postings.
struct WordScorer {
    /// Where the word stands in the question.
    order: usize,
    /// The score `score_part` last gave, at `doc`.
    part: Score,
    forms: Vec<KnownTermScorer>,
    doc: DocId,
    tie_breaker: Score,
    max_score: Score,
}

impl WordScorer {
    fn new(order: usize, forms: Vec<KnownTermScorer>, tie_breaker: Score) -> WordScorer {
        let best = forms.iter().map(|f| f.max_score()).fold(0.0, Score::max);
        let sum: Score = forms.iter().map(|f| f.max_score()).sum();
        let doc = least_form_doc(&forms);
        WordScorer {
            order,
            part: 0.0,
            forms,
            doc,
            tie_breaker,
            max_score: best + (sum - best) * tie_breaker,
        }
    }

    fn advance(&mut self) -> DocId {
        for form in &mut self.forms {
            if form.doc() == self.doc {
                form.advance();
            }
        }
        self.doc = least_form_doc(&self.forms);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        for form in &mut self.forms {
            if form.doc() < target {
                form.seek(target);
            }
        }
        self.doc = least_form_doc(&self.forms);
        self.doc
    }

    /// `score`, kept as the word's part of the current passage's score.
    fn score_part(&mut self) -> Score {
        self.part = self.score();
        self.part
    }

    fn score(&mut self) -> Score {
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
}

fn least_form_doc(forms: &[KnownTermScorer]) -> DocId {
    forms.iter().map(|f| f.doc()).min().unwrap_or(TERMINATED)
}

fn least_doc(words: &[WordScorer]) -> DocId {
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
mod tests {
    use super::*;
    use crate::search::statistics::{IndexStatistics, TermLookups};
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{DocAddress, Index, TantivyDocument};

    /// Each word's forms in two fields, with weights: a common word and rarer ones, so that
    /// pruning has something to prune.
    const WORDS: [&[(usize, &str, f32)]; 5] = [
        &[(0, "фильм", 1.0), (1, "фильм", 0.6), (0, "кино", 0.8)],
        &[(0, "жүлде", 1.0), (1, "жүлде", 0.3)],
        &[(1, "театр", 1.3)],
        &[(0, "сөз", 0.4), (1, "сөз", 0.2)],
        &[(0, "бір", 0.3)],
    ];

    /// Texts drawn from a small vocabulary by a fixed pseudo-random sequence: common and rare
    /// words in every mix and length, so that few passages tie.
    fn index() -> (Index, [tantivy::schema::Field; 2]) {
        let mut schema = Schema::builder();
        let a = schema.add_text_field("a", TEXT);
        let b = schema.add_text_field("b", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer::<TantivyDocument>(15_000_000).unwrap();
        let vocabulary = [
            "сөз",
            "сөз",
            "сөз",
            "бір",
            "екі",
            "фильм",
            "фильм",
            "кино",
            "жүлде",
            "театр",
        ];
        let mut state = 7u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        for _ in 0..2_000 {
            let mut text = |words: usize| -> String {
                let n = next(words) + 1;
                (0..n)
                    .map(|_| vocabulary[next(vocabulary.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let mut doc = TantivyDocument::new();
            doc.add_text(a, text(12));
            doc.add_text(b, text(4));
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index, [a, b])
    }

    fn by_doc(hits: &[(Score, DocAddress)]) -> Vec<(DocAddress, Score)> {
        let mut v: Vec<_> = hits.iter().map(|&(s, d)| (d, s)).collect();
        v.sort_by_key(|x| x.0);
        v
    }

    /// The same passages with the same scores as Tantivy's should-query of disjunction-max
    /// queries, for every passage (no pruning possible) and for the top few (pruned).
    #[test]
    fn scores_and_top_passages_are_tantivys() {
        let (index, fields) = index();
        let searcher = index.reader().unwrap().searcher();
        let statistics = IndexStatistics::new(&searcher, &fields).unwrap();
        let lookups = TermLookups::new(&statistics);
        let ours = QuestionQuery::new(
            WORDS
                .iter()
                .map(|forms| WordClause {
                    forms: forms
                        .iter()
                        .map(|&(f, text, w)| lookups.query(fields[f], text, w).unwrap().unwrap())
                        .collect(),
                })
                .collect(),
            0.1,
        );
        let theirs = BooleanQuery::new(
            WORDS
                .iter()
                .map(|forms| {
                    let disjuncts = forms
                        .iter()
                        .map(|&(f, text, w)| {
                            let term = Term::from_field_text(fields[f], text);
                            let query = TermQuery::new(term, IndexRecordOption::WithFreqs);
                            Box::new(BoostQuery::new(Box::new(query), w)) as Box<dyn Query>
                        })
                        .collect();
                    let best = DisjunctionMaxQuery::with_tie_breaker(disjuncts, 0.1);
                    (Occur::Should, Box::new(best) as Box<dyn Query>)
                })
                .collect(),
        );
        let all = TopDocs::with_limit(1000).order_by_score();
        let (ours_all, theirs_all) = (
            searcher.search(&ours, &all).unwrap(),
            searcher.search(&theirs, &all).unwrap(),
        );
        assert!(ours_all.len() > 500);
        assert_eq!(ours_all.len(), theirs_all.len());
        for ((a, ours), (b, theirs)) in by_doc(&ours_all).into_iter().zip(by_doc(&theirs_all)) {
            assert_eq!(a, b);
            assert!((ours - theirs).abs() < 1e-4, "{a:?}: {ours} vs {theirs}");
        }
        for k in [1, 3, 10, 50, 200] {
            let top = TopDocs::with_limit(k).order_by_score();
            let ours_top = searcher.search(&ours, &top).unwrap();
            let theirs_top = searcher.search(&theirs, &top).unwrap();
            assert_eq!(ours_top.len(), k);
            for ((ours, _), (theirs, _)) in ours_top.iter().zip(&theirs_top) {
                assert!((ours - theirs).abs() < 1e-4, "top {k}: {ours} vs {theirs}");
            }
        }
        // The explanation and the plain scorer agree with the pruned collection.
        let (best_score, best) = ours_all[0];
        let segment = searcher.segment_reader(best.segment_ord);
        let explained = Weight::explain(&ours, segment, best.doc_id).unwrap();
        assert!((explained.value() - best_score).abs() < 1e-4);
    }

    fn one_field_index(texts: impl IntoIterator<Item = String>) -> (Index, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("f", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer::<TantivyDocument>(15_000_000).unwrap();
        for text in texts {
            let mut doc = TantivyDocument::new();
            doc.add_text(field, &text);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index, field)
    }

    /// Stored lengths are rounded down, so a passage repeating one word more often than its
    /// stored length says scores above Tantivy's `max_score`: pruning by that bound lost the
    /// best passage (found in review).
    #[test]
    fn a_passage_repeating_one_word_is_not_pruned_away() {
        let texts = [vec!["x"; 41].join(" "), vec!["x"; 95].join(" ")]
            .into_iter()
            .chain((0..2000).map(|i| format!("w{}", i % 50)));
        let (index, field) = one_field_index(texts);
        let searcher = index.reader().unwrap().searcher();
        let statistics = IndexStatistics::new(&searcher, &[field]).unwrap();
        let lookups = TermLookups::new(&statistics);
        let x = lookups.query(field, "x", 1.0).unwrap().unwrap();
        let ours = QuestionQuery::new(vec![WordClause { forms: vec![x] }], 0.1);
        let theirs = TermQuery::new(
            Term::from_field_text(field, "x"),
            IndexRecordOption::WithFreqs,
        );
        let top = TopDocs::with_limit(1).order_by_score();
        let ours = searcher.search(&ours, &top).unwrap();
        let theirs = searcher.search(&theirs, &top).unwrap();
        assert_eq!(ours[0].1, theirs[0].1, "ours {ours:?}, Tantivy {theirs:?}");
        assert_eq!(ours[0].1.doc_id, 1, "the 95 repetitions score higher");
    }

    /// Two identical passages score the same, so the first one comes first, as in Tantivy,
    /// however far pruning has gone when each is scored (found in review: the sum's order
    /// followed the pruning, and the last bit decided the tie).
    #[test]
    fn identical_passages_tie_and_the_first_wins() {
        for (nx, ny, nz) in [(1, 2, 4), (2, 1, 3), (3, 5, 1), (4, 4, 4), (1, 7, 2)] {
            let mut texts = vec!["x y z w".to_string(), "x y z w".to_string()];
            for (word, n) in [("x", nx), ("y", ny), ("z", nz), ("", 10)] {
                texts.extend((0..n).map(|_| format!("{word} q")));
            }
            let (index, field) = one_field_index(texts);
            let searcher = index.reader().unwrap().searcher();
            let statistics = IndexStatistics::new(&searcher, &[field]).unwrap();
            let lookups = TermLookups::new(&statistics);
            let words = ["x", "y", "z"]
                .iter()
                .map(|w| WordClause {
                    forms: vec![lookups.query(field, w, 1.0).unwrap().unwrap()],
                })
                .collect();
            let ours = QuestionQuery::new(words, 0.1);
            for k in [1, 2] {
                let top = searcher
                    .search(&ours, &TopDocs::with_limit(k).order_by_score())
                    .unwrap();
                assert_eq!(top[0].1.doc_id, 0, "{nx} {ny} {nz}, top {k}: {top:?}");
                if k == 2 {
                    assert_eq!(top[0].0, top[1].0, "the same text, the same score");
                }
            }
        }
    }
}
