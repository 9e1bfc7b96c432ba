//! Search: the only layer that touches Tantivy. It builds an index generation from passages,
//! opens the live one (registering the project's tokenizers every time), and turns a question
//! into ranked passages with the statistics the answer layer needs.

mod build;
mod fuzzy;
mod known_term;
mod passage_document;
mod pruning;
mod query;
mod question_query;
mod schema;
mod statistics;
pub mod store;
mod stored;
mod term_cursor;
mod tokenizers;
mod update;

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use tantivy::collector::TopDocs;
use tantivy::columnar::Column;
use tantivy::query::EnableScoring;
use tantivy::{DocAddress, Index, IndexReader, ReloadPolicy, Searcher};

pub use build::{
    BuildInput, BuildReport, DOCSTORE_BLOCK_BYTES, GenerationBuilder, build, build_threads,
};
pub use query::{MAX_QUERY_TERMS, QueryTerm, question_terms};
pub use store::{Duplicate, FileEntry, Manifest};
pub use update::{IndexUpdate, IndexedPassage, PendingMerges};

use crate::analysis::{
    Analyzer, Form, Head, WordList, ablation, decode_heads, decode_sentences, heads_of,
    sentence_ranges,
};
use crate::corpus::{Lang, Passage};
use schema::{Fields, StoredAnalysis};
use statistics::{IndexStatistics, TermLookups};

/// A passage found for a question, with its BM25 score.
#[derive(Debug, Clone)]
pub struct Hit {
    pub passage: Passage,
    pub score: f32,
    /// The passage's words, sentences and heads as the index stores them (see [`Hit::words`]).
    stored: StoredAnalysis,
}

impl Hit {
    /// The passage's words, as `WordList::of` gives them: read from the index, which split
    /// them when the passage was added, not each time it is a candidate.
    pub fn words(&self) -> WordList {
        WordList::decode(&self.passage.text, self.stored.words())
            .unwrap_or_else(|| WordList::of(&self.passage.text))
    }

    /// The heads of the passage's `words` (`analysis::word_heads`), one a word, read from the
    /// index likewise (worked out when the compound split is switched off for a measurement).
    pub fn heads(&self, words: &WordList) -> Vec<[Head; 2]> {
        if ablation::is_off("compound") {
            return heads_of(words);
        }
        decode_heads(self.stored.heads(), words.all().len()).unwrap_or_else(|| heads_of(words))
    }

    /// The byte ranges of the passage's sentences, read from the index likewise.
    pub fn sentences(&self) -> Vec<Range<usize>> {
        decode_sentences(&self.passage.text, self.stored.sentences())
            .unwrap_or_else(|| sentence_ranges(&self.passage.text))
    }
}

/// What a search returns: the analysed question terms (with their IDF) and the ranked hits.
#[derive(Debug, Clone)]
pub struct SearchResult {
    pub terms: Vec<QueryTerm>,
    pub hits: Vec<Hit>,
}

/// A snapshot of an index generation, ready to answer many questions. It never changes: after
/// documents are added or removed in place, [`SearchIndex::refreshed`] gives a new snapshot,
/// and questions still running on this one finish on the segments they started with.
pub struct SearchIndex {
    index: Index,
    /// Reloaded only to make the next snapshot; this one keeps `searcher`.
    reader: IndexReader,
    searcher: Searcher,
    /// Each segment's document-hash column, opened once for the snapshot's segments.
    document_columns: Vec<Column<u64>>,
    /// The snapshot's stored passages.
    passages: stored::PassageStore,
    statistics: IndexStatistics,
    fields: Fields,
    analyzer: Analyzer,
    manifest: Manifest,
    generation: PathBuf,
}

impl SearchIndex {
    /// Opens the live generation of an index folder.
    pub fn open(dir: &Path) -> Result<SearchIndex> {
        // A reader that read CURRENT just before a swap may find its generation gone: read again.
        let mut last_error = anyhow!("no index in {}", dir.display());
        for _ in 0..3 {
            let Some(generation) = store::current_generation(dir) else {
                break;
            };
            match Self::open_generation(&generation) {
                Ok(index) => return Ok(index),
                Err(e) => last_error = e,
            }
        }
        Err(last_error)
    }

    fn open_generation(generation: &Path) -> Result<SearchIndex> {
        let manifest = store::read_manifest(generation)?;
        let index = Index::open_in_dir(generation)
            .with_context(|| format!("cannot open the index in {}", generation.display()))?;
        tokenizers::register(&index);
        let fields = Fields::from_schema(&index.schema())
            .context("the index was built by another version: rebuild it")?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Self::snapshot(index, reader, fields, manifest, generation)
    }

    fn snapshot(
        index: Index,
        reader: IndexReader,
        fields: Fields,
        manifest: Manifest,
        generation: &Path,
    ) -> Result<SearchIndex> {
        let searcher = reader.searcher();
        let document_columns = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.fast_fields().u64("document_hash"))
            .collect::<tantivy::Result<Vec<_>>>()?;
        let statistics = IndexStatistics::new(&searcher, &fields.searched())?;
        let passages = stored::PassageStore::open(&searcher)?;
        Ok(SearchIndex {
            index,
            reader,
            searcher,
            document_columns,
            passages,
            statistics,
            fields,
            analyzer: Analyzer::default(),
            manifest,
            generation: generation.to_path_buf(),
        })
    }

    /// A new snapshot of the same generation as it is on disk now (after an update in place, by
    /// this process or another), with statistics and document columns for its segments.
    pub fn refreshed(&self) -> Result<SearchIndex> {
        // The manifest first: counts may then lag the segments for a moment, never lead them.
        let manifest = store::read_manifest(&self.generation)?;
        self.reader.reload()?;
        Self::snapshot(
            self.index.clone(),
            self.reader.clone(),
            self.fields,
            manifest,
            &self.generation,
        )
    }

    /// Segments in this snapshot (an update in place adds one; merges bring them back down).
    pub fn segments(&self) -> usize {
        self.searcher.segment_readers().len()
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    pub fn generation(&self) -> &Path {
        &self.generation
    }

    /// The analyzer the index was built with, for matching words in passages.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The best `limit` passages for a question.
    pub fn search(&self, question: &str, limit: usize) -> Result<SearchResult> {
        let searcher = &self.searcher;
        let lookups = TermLookups::new(&self.statistics);
        let mut terms = question_terms(&self.analyzer, question);
        let total = lookups.total_docs() as f32;
        for term in terms.iter_mut().filter(|t| !t.stop) {
            let mut df = 0u64;
            for form in [Form::Kazakh, Form::Russian, Form::Key] {
                if form == Form::Kazakh && term.forms.key_covers_kazakh {
                    continue;
                }
                df = df.max(lookups.doc_freq(self.fields.body(form), term.forms.get(form))?);
            }
            // A typo is likely when no form is known, not even the first letters: an unknown word
            // whose prefix is known is a new inflection, which the prefix field matches.
            let prefix = || lookups.doc_freq(self.fields.body(Form::Prefix), &term.forms.prefix);
            if df == 0 && !ablation::is_off("fuzzy") && prefix()? == 0 {
                let expansions =
                    fuzzy::expand(searcher, self.fields.body(Form::Key), &term.forms.key)?;
                df = expansions.iter().map(|(_, df)| *df).max().unwrap_or(0);
                term.fuzzy = expansions.into_iter().map(|(key, _)| key).collect();
            }
            term.idf = bm25_idf(df as f32, total);
        }
        let lang = question_lang(question);
        let Some(query) = query::build(&self.fields, &terms, lang, &lookups)? else {
            return Ok(SearchResult {
                terms,
                hits: Vec::new(),
            });
        };
        let limit = limit.max(1);
        let candidates = (limit * 2).min(200);
        let collector = TopDocs::with_limit(candidates).order_by_score();
        // The weights are in the query already (`KnownTermQuery`): Tantivy's statistics are not
        // asked for.
        let mut top = searcher.search_with_executor(
            &query,
            &collector,
            searcher.index().search_executor(),
            EnableScoring::enabled_from_searcher(searcher),
        )?;
        if !ablation::is_off("collapse") {
            top = self.one_per_document_first(top);
        }
        let mut hits = Vec::with_capacity(limit);
        for (score, address) in top.into_iter().take(limit) {
            let stored = self.passages.passage(searcher, &self.fields, address)?;
            hits.push(Hit {
                passage: stored.passage,
                score,
                stored: stored.analysis,
            });
        }
        Ok(SearchResult { terms, hits })
    }

    /// Reorders hits so that every document's best passage comes before any document's second
    /// one: the first results cover as many documents as possible, in score order. Documents are
    /// told apart by a fast field, so that only the passages shown are fetched from the store.
    fn one_per_document_first(&self, top: Vec<(f32, DocAddress)>) -> Vec<(f32, DocAddress)> {
        let mut seen = rustc_hash::FxHashSet::default();
        let (mut first, mut rest) = (Vec::new(), Vec::new());
        for (score, address) in top {
            let document =
                self.document_columns[address.segment_ord as usize].first(address.doc_id);
            if seen.insert(document) {
                first.push((score, address));
            } else {
                rest.push((score, address));
            }
        }
        first.append(&mut rest);
        first
    }
}

/// The language a question is written in: Kazakh when it has Kazakh letters or is Latin,
/// Russian for other Cyrillic.
fn question_lang(question: &str) -> Option<Lang> {
    crate::corpus::detect_lang(question).or_else(|| {
        question
            .chars()
            .any(|c| c.is_ascii_alphabetic())
            .then_some(Lang::Kk)
    })
}

/// BM25's inverse document frequency.
pub fn bm25_idf(doc_freq: f32, total: f32) -> f32 {
    (1.0 + (total - doc_freq + 0.5) / (doc_freq + 0.5)).ln()
}
