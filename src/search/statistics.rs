//! BM25 statistics looked up once per question. Tantivy asks for a term's document frequency
//! when it builds the query's weights, after `search` has already asked for it (for the answer
//! layer's evidence weights and the typo decision): the second time is answered from memory.

use std::cell::RefCell;
use std::collections::HashMap;

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

pub struct QuestionStatistics<'a> {
    searcher: &'a Searcher,
    doc_freqs: RefCell<HashMap<Term, u64>>,
    tokens: RefCell<HashMap<Field, u64>>,
}

impl<'a> QuestionStatistics<'a> {
    pub fn new(searcher: &'a Searcher) -> Self {
        QuestionStatistics {
            searcher,
            doc_freqs: RefCell::default(),
            tokens: RefCell::default(),
        }
    }
}

impl Bm25StatisticsProvider for QuestionStatistics<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        if let Some(&tokens) = self.tokens.borrow().get(&field) {
            return Ok(tokens);
        }
        let tokens = Bm25StatisticsProvider::total_num_tokens(self.searcher, field)?;
        self.tokens.borrow_mut().insert(field, tokens);
        Ok(tokens)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Bm25StatisticsProvider::total_num_docs(self.searcher)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        if let Some(&doc_freq) = self.doc_freqs.borrow().get(term) {
            return Ok(doc_freq);
        }
        let doc_freq = self.searcher.doc_freq(term)?;
        self.doc_freqs.borrow_mut().insert(term.clone(), doc_freq);
        Ok(doc_freq)
    }
}
