//! Term lookups, once per term per question. `search` needs a term's document frequency before
//! it builds the query (for the answer layer's evidence weights, the typo decision and leaving
//! out terms not worth searching); the query then scores the term from the same lookup
//! (`KnownTermQuery`) instead of looking it up again in the term dictionary.
//!
//! The BM25 weights are built here too, from statistics read once when the index is opened:
//! a generation never changes, so neither do its document count and average field lengths.

use std::cell::RefCell;
use std::sync::Arc;

use tantivy::fieldnorm::FieldNormReader;
use tantivy::index::{InvertedIndexReader, SegmentId};
use tantivy::postings::TermInfo;
use tantivy::query::{Bm25StatisticsProvider, Bm25Weight};
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

use super::known_term::KnownTermQuery;
use super::term_cursor::BlockBounds;

/// A term in (nearly) every passage — a title all passages share, say — adds next to nothing to
/// any score but costs a pass over the whole index: below this BM25 IDF it is not searched.
const MIN_IDF: f32 = 0.1;

/// One field of one segment, opened once: its term dictionary and postings, its lengths.
pub struct SegmentField {
    pub segment: SegmentId,
    pub field: Field,
    pub inverted: Arc<InvertedIndexReader>,
    pub lengths: FieldNormReader,
    pub bounds: BlockBounds,
}

struct UnitWeight {
    field: Field,
    weight: Bm25Weight,
    idf: f32,
    /// The highest score `weight` gives any passage of the field. Not Tantivy's `max_score`,
    /// which assumes a term cannot occur more often than the passage's stored length says:
    /// lengths are stored rounded down, so a passage that repeats one word can beat it.
    max_score: f32,
}

/// What a generation's terms are looked up in and weighed with. The reader it comes from is
/// never reloaded (a new generation is a new `SearchIndex`): the segments stay the same.
pub struct IndexStatistics {
    /// Every segment's searched fields.
    segment_fields: Vec<Arc<SegmentField>>,
    /// Per field, a BM25 weight for one IDF: its table of length factors (which depends on the
    /// field's average length) is shared by every term of the field, scaled to the term's IDF.
    unit_weights: Vec<UnitWeight>,
    total_docs: u64,
}

impl IndexStatistics {
    pub fn new(searcher: &Searcher, fields: &[Field]) -> tantivy::Result<IndexStatistics> {
        let total_docs = Bm25StatisticsProvider::total_num_docs(searcher)?;
        let mut unit_weights = Vec::new();
        let mut averages = Vec::new();
        for &field in fields {
            let tokens = Bm25StatisticsProvider::total_num_tokens(searcher, field)?;
            let average = tokens as f32 / total_docs.max(1) as f32;
            // Tantivy builds a weight from a document frequency; the one for "no document"
            // is scaled to the IDF each term needs.
            let weight = Bm25Weight::for_one_term_without_explain(0, total_docs, average);
            let idf = super::bm25_idf(0.0, total_docs as f32);
            let max_score = highest_score(&weight);
            unit_weights.push(UnitWeight {
                field,
                weight,
                idf,
                max_score,
            });
            averages.push(average);
        }
        let mut segment_fields = Vec::new();
        for segment in searcher.segment_readers() {
            for ((&field, unit), &average) in fields.iter().zip(&unit_weights).zip(&averages) {
                let inverted = segment.inverted_index(field)?;
                let lengths = segment.get_fieldnorms_reader(field)?;
                // As Tantivy's serializer computed it when it wrote the segment's block maxima.
                let written = inverted.total_num_tokens() as f32 / lengths.num_docs() as f32;
                segment_fields.push(Arc::new(SegmentField {
                    segment: segment.segment_id(),
                    field,
                    inverted,
                    lengths,
                    bounds: BlockBounds::new(written, average, &unit.weight),
                }));
            }
        }
        Ok(IndexStatistics {
            segment_fields,
            unit_weights,
            total_docs,
        })
    }
}

/// The highest score a BM25 weight gives: for each stored length, the most occurrences a
/// passage of that length can hold (one less than the next stored length).
fn highest_score(weight: &Bm25Weight) -> f32 {
    (0..=255u8)
        .map(|id| {
            let most = match id.checked_add(1) {
                Some(next) => FieldNormReader::id_to_fieldnorm(next).saturating_sub(1).max(1),
                None => u32::MAX,
            };
            weight.score(id, most)
        })
        .fold(0.0, f32::max)
        // Scaled to each term's weight, the bound may round below a score by a bit: keep a margin.
        * 1.001
}

/// A term as the index knows it: in how many passages, and where its postings are in each
/// segment that has it.
pub struct FoundTerm {
    pub term: Term,
    pub doc_freq: u64,
    /// The first segment's postings kept inline: a built index has one segment, and a list
    /// for it was an allocation per term per question.
    first: Option<(Arc<SegmentField>, TermInfo)>,
    more: Vec<(Arc<SegmentField>, TermInfo)>,
}

impl FoundTerm {
    /// Where the term's postings are, segment by segment.
    pub fn postings(&self) -> impl Iterator<Item = &(Arc<SegmentField>, TermInfo)> {
        self.first.iter().chain(&self.more)
    }
}

/// One question's term lookups, remembered.
pub struct TermLookups<'a> {
    index: &'a IndexStatistics,
    /// A few dozen terms at most (`MAX_QUERY_TERMS` words): a list is quicker than hashing them.
    found: RefCell<Vec<Arc<FoundTerm>>>,
}

impl<'a> TermLookups<'a> {
    pub fn new(index: &'a IndexStatistics) -> Self {
        TermLookups {
            index,
            found: RefCell::new(Vec::with_capacity(64)),
        }
    }

    pub fn total_docs(&self) -> u64 {
        self.index.total_docs
    }

    pub fn doc_freq(&self, field: Field, text: &str) -> tantivy::Result<u64> {
        Ok(self.find(field, text)?.doc_freq)
    }

    fn find(&self, field: Field, text: &str) -> tantivy::Result<Arc<FoundTerm>> {
        let same = |found: &&Arc<FoundTerm>| {
            found.term.field() == field && found.term.serialized_value_bytes() == text.as_bytes()
        };
        if let Some(found) = self.found.borrow().iter().find(same) {
            return Ok(found.clone());
        }
        let term = Term::from_field_text(field, text);
        let mut found = FoundTerm {
            term,
            doc_freq: 0,
            first: None,
            more: Vec::new(),
        };
        for segment_field in &self.index.segment_fields {
            if segment_field.field != field {
                continue;
            }
            if let Some(info) = segment_field.inverted.get_term_info(&found.term)? {
                found.doc_freq += u64::from(info.doc_freq);
                let postings = (segment_field.clone(), info);
                match found.first {
                    None => found.first = Some(postings),
                    Some(_) => found.more.push(postings),
                }
            }
        }
        let found = Arc::new(found);
        self.found.borrow_mut().push(found.clone());
        Ok(found)
    }

    /// A query scoring a term by BM25 times `boost`, or `None` when the term is not worth
    /// searching: no passage has it, or nearly all do.
    pub fn query(
        &self,
        field: Field,
        text: &str,
        boost: f32,
    ) -> tantivy::Result<Option<KnownTermQuery>> {
        let found = self.find(field, text)?;
        if found.doc_freq == 0 {
            return Ok(None);
        }
        let Some(unit) = self.index.unit_weights.iter().find(|u| u.field == field) else {
            return Ok(None);
        };
        let idf = super::bm25_idf(found.doc_freq as f32, self.index.total_docs as f32);
        if idf < MIN_IDF {
            return Ok(None);
        }
        let scale = idf / unit.idf * boost;
        let weight = unit.weight.boost_by(scale);
        Ok(Some(KnownTermQuery::new(
            found,
            weight,
            unit.max_score * scale,
        )))
    }
}
