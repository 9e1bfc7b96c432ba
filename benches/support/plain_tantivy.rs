//! The yardstick both benches measure against: plain Tantivy, one text field with its default
//! tokenizer, a should-query of the question's tokens, the top documents fetched; stored blocks
//! of the same size as kinotanu's, built with as many indexing threads as kinotanu's build.

use std::path::Path;

use kinotanu::corpus::Passage;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, STORED, Schema, TEXT, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, IndexReader, TantivyDocument, Term};

pub struct PlainTantivy {
    index: Index,
    reader: IndexReader,
    body: Field,
}

impl PlainTantivy {
    pub fn build(passages: &[Passage], dir: &Path) -> PlainTantivy {
        let mut builder = Schema::builder();
        let body = builder.add_text_field("body", TEXT | STORED);
        // The same stored blocks as kinotanu's (4 KB, uncompressed: search/build.rs), so that
        // the ratio measures the analysis.
        let settings = tantivy::IndexSettings {
            docstore_blocksize: kinotanu::search::DOCSTORE_BLOCK_BYTES,
            docstore_compression: tantivy::store::Compressor::None,
            ..Default::default()
        };
        let index = Index::builder()
            .schema(builder.build())
            .settings(settings)
            .create_in_dir(dir)
            .unwrap();
        let bytes = passages.iter().map(|p| p.text.len() as u64).sum();
        let threads = kinotanu::search::build_threads(bytes);
        let mut writer = index
            .writer_with_num_threads::<TantivyDocument>(threads, 64_000_000 * threads)
            .unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for passage in passages {
            let mut doc = TantivyDocument::new();
            doc.add_text(body, &passage.text);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        // One segment, as kinotanu's build leaves it.
        let segments = index.searchable_segment_ids().unwrap();
        if segments.len() > 1 {
            writer.merge(&segments).wait().unwrap();
        }
        writer.wait_merging_threads().unwrap();
        let reader = index.reader().unwrap();
        PlainTantivy {
            index,
            reader,
            body,
        }
    }

    /// The best `limit` passages; returns their total length so that nothing is optimised away.
    pub fn search(&self, question: &str, limit: usize) -> usize {
        let mut analyzer = self.index.tokenizer_for_field(self.body).unwrap();
        let mut stream = analyzer.token_stream(question);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        while stream.advance() {
            let term = Term::from_field_text(self.body, &stream.token().text);
            clauses.push((
                Occur::Should,
                Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)),
            ));
        }
        let searcher = self.reader.searcher();
        let top = searcher
            .search(
                &BooleanQuery::new(clauses),
                &TopDocs::with_limit(limit).order_by_score(),
            )
            .unwrap();
        top.iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = searcher.doc(*address).unwrap();
                doc.get_first(self.body)
                    .and_then(|v| v.as_str())
                    .map_or(0, str::len)
            })
            .sum()
    }
}
