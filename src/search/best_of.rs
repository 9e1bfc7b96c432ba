//! The best of a word's forms: a disjunction-max scored by a plain merge of its few posting
//! lists. Tantivy's own `DisjunctionMaxQuery` goes through its buffered union, which allocates
//! and fills a 4,096-document window of score combiners (48 KB) for every word of every
//! question: for two to five short lists that setup cost more than the scoring itself.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// Matches a document when any disjunct does; scores it with the best disjunct's score plus
/// `tie_breaker` times the others' (the same formula as Tantivy's `DisjunctionMaxQuery`).
#[derive(Debug)]
pub struct BestOfQuery {
    disjuncts: Vec<Box<dyn Query>>,
    tie_breaker: Score,
}

impl BestOfQuery {
    pub fn new(disjuncts: Vec<Box<dyn Query>>, tie_breaker: Score) -> BestOfQuery {
        BestOfQuery {
            disjuncts,
            tie_breaker,
        }
    }
}

impl Clone for BestOfQuery {
    fn clone(&self) -> Self {
        BestOfQuery::new(
            self.disjuncts.iter().map(|d| d.box_clone()).collect(),
            self.tie_breaker,
        )
    }
}

impl Query for BestOfQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .disjuncts
            .iter()
            .map(|d| d.weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(BestOfWeight {
            weights,
            tie_breaker: self.tie_breaker,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for disjunct in &self.disjuncts {
            disjunct.query_terms(visitor);
        }
    }
}

struct BestOfWeight {
    weights: Vec<Box<dyn Weight>>,
    tie_breaker: Score,
}

impl Weight for BestOfWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for weight in &self.weights {
            let scorer = weight.scorer(reader, boost)?;
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        if scorers.len() == 1 {
            return Ok(scorers.pop().expect("one scorer"));
        }
        Ok(Box::new(BestOfScorer::new(scorers, self.tie_breaker)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        let mut explanation = Explanation::new("best of the word's forms", scorer.score());
        for weight in &self.weights {
            if let Ok(detail) = weight.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }
}

/// A merge of the disjuncts' scorers: the current document is the least of theirs.
struct BestOfScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
    tie_breaker: Score,
}

impl BestOfScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>, tie_breaker: Score) -> BestOfScorer {
        let doc = least_doc(&scorers);
        BestOfScorer {
            scorers,
            doc,
            tie_breaker,
        }
    }
}

fn least_doc(scorers: &[Box<dyn Scorer>]) -> DocId {
    scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED)
}

impl DocSet for BestOfScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        for scorer in &mut self.scorers {
            if scorer.doc() == self.doc {
                scorer.advance();
            }
        }
        self.doc = least_doc(&self.scorers);
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for scorer in &mut self.scorers {
            if scorer.doc() < target {
                scorer.seek(target);
            }
        }
        self.doc = least_doc(&self.scorers);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .max()
            .unwrap_or(0)
    }

    /// Advancing the merge advances every list: the cost is theirs together.
    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for BestOfScorer {
    fn score(&mut self) -> Score {
        let (mut best, mut sum) = (0.0 as Score, 0.0 as Score);
        for scorer in &mut self.scorers {
            if scorer.doc() == self.doc {
                let score = scorer.score();
                best = best.max(score);
                sum += score;
            }
        }
        best + (sum - best) * self.tie_breaker
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    /// Scores every document of a small index with both queries: the same documents must come
    /// back with the same scores, whatever the overlap of the disjuncts' posting lists.
    #[test]
    fn scores_like_tantivys_disjunction_max() {
        let mut schema = Schema::builder();
        let a = schema.add_text_field("a", TEXT);
        let b = schema.add_text_field("b", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer::<TantivyDocument>(15_000_000).unwrap();
        let texts = [
            ("фильм фильм", "кино"),
            ("кино", "фильм"),
            ("театр", "театр кино"),
            ("фильм кино театр", ""),
            ("", ""),
            ("жүлде", "фильм жүлде"),
        ];
        for (x, y) in texts.iter().cycle().take(300) {
            let mut doc = TantivyDocument::new();
            doc.add_text(a, x);
            doc.add_text(b, y);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let disjuncts = || -> Vec<Box<dyn Query>> {
            [
                (a, "фильм", 1.0),
                (b, "фильм", 0.6),
                (a, "кино", 0.8),
                (b, "жүлде", 0.3),
            ]
            .into_iter()
            .map(|(field, text, boost)| {
                let term = TermQuery::new(
                    Term::from_field_text(field, text),
                    IndexRecordOption::WithFreqs,
                );
                Box::new(BoostQuery::new(Box::new(term), boost)) as Box<dyn Query>
            })
            .collect()
        };
        let all = TopDocs::with_limit(1000).order_by_score();
        let ours = searcher
            .search(&BestOfQuery::new(disjuncts(), 0.1), &all)
            .unwrap();
        let theirs = searcher
            .search(
                &DisjunctionMaxQuery::with_tie_breaker(disjuncts(), 0.1),
                &all,
            )
            .unwrap();
        assert_eq!(ours.len(), theirs.len());
        assert_eq!(ours.len(), 200, "four texts in six match");
        let by_doc = |hits: &[(f32, tantivy::DocAddress)]| {
            let mut v: Vec<(u32, f32)> = hits.iter().map(|(s, d)| (d.doc_id, *s)).collect();
            v.sort_by_key(|x| x.0);
            v
        };
        for ((doc, ours), (_, theirs)) in by_doc(&ours).into_iter().zip(by_doc(&theirs)) {
            assert!(
                (ours - theirs).abs() < 1e-5,
                "doc {doc}: {ours} vs {theirs}"
            );
        }
        // Inside an intersection (seek, not only advance): the same documents and scores.
        let required = |best: Box<dyn Query>| {
            let must = TermQuery::new(
                Term::from_field_text(b, "кино"),
                IndexRecordOption::WithFreqs,
            );
            BooleanQuery::new(vec![
                (Occur::Must, Box::new(must) as Box<dyn Query>),
                (Occur::Must, best),
            ])
        };
        let ours = searcher
            .search(
                &required(Box::new(BestOfQuery::new(disjuncts(), 0.1))),
                &all,
            )
            .unwrap();
        let theirs = searcher
            .search(
                &required(Box::new(DisjunctionMaxQuery::with_tie_breaker(
                    disjuncts(),
                    0.1,
                ))),
                &all,
            )
            .unwrap();
        assert_eq!(
            ours.len(),
            50,
            "b: кино and a word of the disjunction: one text in six"
        );
        for ((doc, ours), (_, theirs)) in by_doc(&ours).into_iter().zip(by_doc(&theirs)) {
            assert!(
                (ours - theirs).abs() < 1e-5,
                "doc {doc}: {ours} vs {theirs}"
            );
        }
    }
}
