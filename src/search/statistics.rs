//! Term lookups, once per term per question. `search` needs a term's document frequency before
//! it builds the query (for the answer layer's evidence weights, the typo decision and leaving
//! out terms not worth searching); the query then scores the term from the same lookup
//! (`KnownTermQuery`) instead of looking it up again in the term dictionary.
//!
//! The BM25 weights are built here too, from statistics read once when the index is opened:
//! a generation never changes, so neither do its document count and average field lengths.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::Arc;

use tantivy::index::{InvertedIndexReader, SegmentId};
use tantivy::postings::TermInfo;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::known_term::KnownTermQuery;

/// A term in (nearly) every passage — a title all passages share, say — adds next to nothing to
/// any score but costs a pass over the whole index: below this BM25 IDF it is not searched.
const MIN_IDF: f32 = 0.1;

/// A segment's term dictionaries, one per searched field.
type SegmentDictionaries = (SegmentId, Vec<(Field, Arc<InvertedIndexReader>)>);

/// What a generation's terms are looked up in and weighed with.
pub struct IndexStatistics {
    /// Each segment's term dictionaries of the searched fields, opened once.
    segments: Vec<SegmentDictionaries>,
    /// Per field, a BM25 weight for an IDF of 1: its table of length factors (which depends on
    /// the field's average length) is shared by every term of the field.
    unit_weights: Vec<(Field, Bm25Weight, f32)>,
    total_docs: u64,
}

impl IndexStatistics {
    pub fn new(searcher: &Searcher, fields: &[Field]) -> tantivy::Result<IndexStatistics> {
        let mut segments = Vec::new();
        for segment in searcher.segment_readers() {
            let inverted = fields
                .iter()
                .map(|&field| Ok((field, segment.inverted_index(field)?)))
                .collect::<tantivy::Result<Vec<_>>>()?;
            segments.push((segment.segment_id(), inverted));
        }
        let total_docs = searcher.num_docs();
        let mut unit_weights = Vec::new();
        for &field in fields {
            let tokens = Bm25StatisticsProvider::total_num_tokens(searcher, field)?;
            let average = tokens as f32 / total_docs.max(1) as f32;
            // Tantivy builds a weight from a document frequency; the one for "no document"
            // is scaled to the IDF each term needs.
            let weight = Bm25Weight::for_one_term_without_explain(0, total_docs, average);
            let idf = super::bm25_idf(0.0, total_docs as f32);
            unit_weights.push((field, weight, idf));
        }
        Ok(IndexStatistics {
            segments,
            unit_weights,
            total_docs,
        })
    }
}

/// A term as the index knows it: in how many passages, and where its postings are.
pub struct FoundTerm {
    pub doc_freq: u64,
    infos: Vec<(SegmentId, TermInfo)>,
}

/// One question's term lookups, remembered.
pub struct TermLookups<'a> {
    index: &'a IndexStatistics,
    found: RefCell<HashMap<Term, Rc<FoundTerm>>>,
}

impl<'a> TermLookups<'a> {
    pub fn new(index: &'a IndexStatistics) -> Self {
        TermLookups {
            index,
            found: RefCell::default(),
        }
    }

    pub fn total_docs(&self) -> u64 {
        self.index.total_docs
    }

    pub fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self.find(term)?.doc_freq)
    }

    fn find(&self, term: &Term) -> tantivy::Result<Rc<FoundTerm>> {
        if let Some(found) = self.found.borrow().get(term) {
            return Ok(found.clone());
        }
        let mut found = FoundTerm {
            doc_freq: 0,
            infos: Vec::new(),
        };
        for (segment, inverted) in &self.index.segments {
            let Some((_, inverted)) = inverted.iter().find(|(f, _)| *f == term.field()) else {
                continue;
            };
            if let Some(info) = inverted.get_term_info(term)? {
                found.doc_freq += u64::from(info.doc_freq);
                found.infos.push((*segment, info));
            }
        }
        let found = Rc::new(found);
        self.found.borrow_mut().insert(term.clone(), found.clone());
        Ok(found)
    }

    /// A query scoring `term` by BM25 times `boost`, or `None` when the term is not worth
    /// searching: no passage has it, or nearly all do.
    pub fn query(&self, term: Term, boost: f32) -> tantivy::Result<Option<KnownTermQuery>> {
        let found = self.find(&term)?;
        if found.doc_freq == 0 {
            return Ok(None);
        }
        let Some((_, unit, unit_idf)) = self
            .index
            .unit_weights
            .iter()
            .find(|(field, _, _)| *field == term.field())
        else {
            return Ok(None);
        };
        let idf = super::bm25_idf(found.doc_freq as f32, self.index.total_docs as f32);
        if idf < MIN_IDF {
            return Ok(None);
        }
        let weight = unit.boost_by(idf / unit_idf * boost);
        Ok(Some(KnownTermQuery::new(term, found.infos.clone(), weight)))
    }
}
