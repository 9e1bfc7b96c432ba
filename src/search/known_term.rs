//! A term query for a term already looked up (`TermLookups`): it reads the postings the lookup
//! found (a `TermCursor`) and scores them with a BM25 weight computed beforehand. Tantivy's `TermQuery` would look
//! the term up in the dictionary again and build a new BM25 table (256 length factors and an
//! explanation) for every term of every question. The scores are Tantivy's: a test compares them.

use std::fmt;
use std::sync::Arc;

use tantivy::query::{Bm25Weight, EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term};

use super::statistics::FoundTerm;
use super::term_cursor::TermCursor;

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

    /// The term's postings in a segment, or `None` when the segment does not have the term.
    pub fn cursor(&self, reader: &SegmentReader) -> tantivy::Result<Option<TermCursor>> {
        let segment = reader.segment_id();
        let mut postings = self.0.found.postings();
        let Some((at, info)) = postings.find(|(at, _)| at.segment == segment) else {
            return Ok(None);
        };
        let block = at
            .inverted
            .read_block_postings_from_terminfo(info, IndexRecordOption::WithFreqs)?;
        Ok(Some(TermCursor::new(
            block,
            at.lengths.clone(),
            self.0.weight.clone(),
            at.bounds.clone(),
            self.0.max_score,
        )))
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
        Ok(match self.cursor(reader)? {
            Some(cursor) => Box::new(cursor.boosted(boost)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::statistics::{IndexStatistics, TermLookups};
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, TermQuery};
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, TantivyDocument};

    /// Every document scored by a looked-up term and by Tantivy's own boosted term query: the
    /// same documents, the same scores, over two segments of different lengths of text, each
    /// term in blocks of postings; and no passage scores more than its block's bound.
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
            for text in texts.iter().cycle().skip(round).take(400 + 300 * round) {
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
        let blocks = lookups.query(body, "фильм", 1.3).unwrap().unwrap();
        for segment in searcher.segment_readers() {
            let mut cursor = blocks.cursor(segment).unwrap().unwrap();
            let mut seen = 0;
            while cursor.doc() != tantivy::TERMINATED {
                let (score, bound) = (cursor.score(), cursor.block_bound());
                assert!(score <= bound, "{score} > {bound} at #{}", cursor.doc());
                assert!(cursor.doc() <= cursor.block_last());
                cursor.advance();
                seen += 1;
            }
            assert!(seen > 128, "more than one block");
        }
    }
}
