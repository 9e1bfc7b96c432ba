//! A term query for a term already looked up (`TermLookups`): it reads the postings the lookup
//! found and scores them with a BM25 weight computed beforehand. Tantivy's `TermQuery` would look
//! the term up in the dictionary again and build a new BM25 table (256 length factors and an
//! explanation) for every term of every question. The scores are Tantivy's: a test compares them.

use std::fmt;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings as _, SegmentPostings};
use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use super::statistics::FoundTerm;

/// Cloned for every weight Tantivy builds: the term and its postings are shared, not copied.
#[derive(Clone)]
pub struct KnownTermQuery(Arc<KnownTerm>);

struct KnownTerm {
    found: Arc<FoundTerm>,
    weight: Bm25Weight,
    /// No passage scores more (see `statistics::highest_score`).
    max_score: Score,
}

impl KnownTermQuery {
    pub fn new(found: Arc<FoundTerm>, weight: Bm25Weight, max_score: Score) -> Self {
        KnownTermQuery(Arc::new(KnownTerm {
            found,
            weight,
            max_score,
        }))
    }
}

impl KnownTermQuery {
    /// The term's scorer in a segment, or `None` when the segment does not have the term.
    pub fn known_scorer(&self, reader: &SegmentReader) -> tantivy::Result<Option<KnownTermScorer>> {
        let segment = reader.segment_id();
        let postings = &self.0.found.postings;
        let Some((at, info)) = postings.iter().find(|(at, _)| at.segment == segment) else {
            return Ok(None);
        };
        let postings = at
            .inverted
            .read_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
        Ok(Some(KnownTermScorer {
            postings,
            lengths: at.lengths.clone(),
            weight: self.0.weight.clone(),
            max_score: self.0.max_score,
        }))
    }
}

impl fmt::Debug for KnownTermQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "KnownTerm({:?}, max {})",
            self.0.found.term, self.0.max_score
        )
    }
}

impl Query for KnownTermQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.0.found.term, false);
    }
}

impl Weight for KnownTermQuery {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.known_scorer(reader)? {
            Some(mut scorer) => {
                scorer.weight = scorer.weight.boost_by(boost);
                scorer.max_score *= boost;
                Box::new(scorer)
            }
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.doc() > doc || scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        Ok(Explanation::new("BM25 of a known term", scorer.score()))
    }
}

/// Tantivy's `TermScorer` (not public): one term's postings, scored by BM25.
pub struct KnownTermScorer {
    postings: SegmentPostings,
    lengths: FieldNormReader,
    weight: Bm25Weight,
    max_score: Score,
}

impl KnownTermScorer {
    /// No passage scores more than this with the term.
    pub fn max_score(&self) -> Score {
        self.max_score
    }
}

impl DocSet for KnownTermScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for KnownTermScorer {
    fn score(&mut self) -> Score {
        let doc = self.postings.doc();
        let length = self.lengths.fieldnorm_id(doc);
        self.weight.score(length, self.postings.term_freq())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::statistics::{IndexStatistics, TermLookups};
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    /// Every document scored by a looked-up term and by Tantivy's own boosted term query: the
    /// same documents, the same scores, over two segments of different lengths of text.
    #[test]
    fn scores_like_tantivys_term_query() {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let other = schema.add_text_field("other", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer::<TantivyDocument>(15_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let texts = [
            "фильм",
            "фильм фильм кино",
            "кино театр жүлде",
            "фильм туралы ұзақ мәтін бір екі үш төрт бес алты",
            "",
        ];
        for round in 0..2 {
            for text in texts.iter().cycle().skip(round).take(40) {
                let mut doc = TantivyDocument::new();
                doc.add_text(body, text);
                doc.add_text(other, "фильм кино");
                writer.add_document(doc).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let statistics = IndexStatistics::new(&searcher, &[body, other]).unwrap();
        let lookups = TermLookups::new(&statistics);
        let all = TopDocs::with_limit(1000).order_by_score();
        for (text, boost) in [("фильм", 1.0), ("кино", 0.6), ("жүлде", 1.3)] {
            let term = Term::from_field_text(body, text);
            let ours = lookups.query(body, text, boost).unwrap().expect("known");
            let theirs = BoostQuery::new(
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
                boost,
            );
            let mut ours = searcher.search(&ours, &all).unwrap();
            let mut theirs = searcher.search(&theirs, &all).unwrap();
            assert!(!ours.is_empty());
            assert_eq!(ours.len(), theirs.len(), "{text}");
            ours.sort_by_key(|(_, address)| *address);
            theirs.sort_by_key(|(_, address)| *address);
            for ((ours, a), (theirs, b)) in ours.iter().zip(&theirs) {
                assert_eq!(a, b, "{text}");
                assert!(
                    (ours - theirs).abs() < 1e-5,
                    "{text} {a:?}: {ours} vs {theirs}"
                );
            }
        }
        assert!(lookups.query(body, "театрлар", 1.0).unwrap().is_none());
        // In every document of the field: not worth searching.
        assert!(lookups.query(other, "фильм", 1.0).unwrap().is_none());
    }
}
