//! Changing the live generation in place: documents added, replaced and removed by id or by the
//! seed file they came from, without a rebuild. One Tantivy commit per update, then the
//! manifest replaced by rename; readers see the change when they take a new snapshot
//! ([`SearchIndex::refreshed`]).
//!
//! Crash safety comes from Tantivy's commit (a new `meta.json` by rename): killed before it, the
//! update never happened; after it and before the manifest, the manifest still describes the
//! files as they were, so the next sync reads those files again and replaces their documents
//! once more — an update is idempotent.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, Result};
use tantivy::indexer::{IndexWriterOptions, LogMergePolicy};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, IndexWriter, TERMINATED, Term};

use super::passage_document::PassageDocument;
use super::schema::{Fields, Stored, StoredFields};
use super::{SearchIndex, store};
use crate::corpus::{Lang, Passage};
use store::Manifest;

/// An update's indexing buffer: a few posts or files at a time, not a corpus.
const UPDATE_MEMORY_BYTES: usize = 20_000_000;
/// Small segments are merged four at a time, so that a stream of single posts keeps a handful
/// of segments (each segment costs every question its term lookups).
const SEGMENTS_PER_MERGE: usize = 4;
/// A segment with this share of its passages deleted is rewritten without them, so that the
/// statistics of deleted passages do not linger in document frequencies.
const DELETED_SHARE_BEFORE_MERGE: f32 = 0.2;

/// The passages of a document already in a snapshot, and the file each came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexedPassage {
    pub file: String,
    pub lang: Lang,
}

impl SearchIndex {
    /// Where the passages of document `doc_id` come from in this snapshot (deleted ones left
    /// out).
    pub fn document_passages(&self, doc_id: &str) -> Result<Vec<IndexedPassage>> {
        let term = Term::from_field_text(self.fields.doc_id, doc_id);
        let mut found = Vec::new();
        for (ord, segment) in self.searcher.segment_readers().iter().enumerate() {
            let inverted = segment.inverted_index(self.fields.doc_id)?;
            let Some(mut postings) = inverted.read_postings(&term, IndexRecordOption::Basic)?
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|bits| bits.is_alive(doc)) {
                    let stored: StoredFields =
                        self.searcher.doc(DocAddress::new(ord as u32, doc))?;
                    found.push(self.indexed_passage(stored));
                }
                doc = postings.advance();
            }
        }
        Ok(found)
    }

    fn indexed_passage(&self, stored: StoredFields) -> IndexedPassage {
        let mut passage = IndexedPassage {
            file: String::new(),
            lang: Lang::Kk,
        };
        for (field, value) in stored.0 {
            if let Stored::Text(text) = value {
                if field == self.fields.file {
                    passage.file = text;
                } else if field == self.fields.lang {
                    passage.lang = Lang::parse(&text).unwrap_or(Lang::Kk);
                }
            }
        }
        passage
    }
}

/// Changes to one generation, applied together by [`IndexUpdate::commit`]. Open one at a time
/// per generation, with the rebuild lock held (Tantivy allows one writer per index, and fails
/// at once if another process has it).
pub struct IndexUpdate {
    writer: IndexWriter<PassageDocument>,
    fields: Fields,
    generation: PathBuf,
}

impl IndexUpdate {
    pub fn open(index: &SearchIndex) -> Result<IndexUpdate> {
        let options = IndexWriterOptions::builder()
            .memory_budget_per_thread(UPDATE_MEMORY_BYTES)
            .num_worker_threads(1)
            .num_merge_threads(1)
            .build();
        let writer = index.index.writer_with_options(options).with_context(|| {
            format!("cannot update the index in {}", index.generation.display())
        })?;
        let mut policy = LogMergePolicy::default();
        policy.set_min_num_segments(SEGMENTS_PER_MERGE);
        policy.set_del_docs_ratio_before_merge(DELETED_SHARE_BEFORE_MERGE);
        writer.set_merge_policy(Box::new(policy));
        Ok(IndexUpdate {
            writer,
            fields: index.fields,
            generation: index.generation.clone(),
        })
    }

    /// Removes every passage read from `file`.
    pub fn remove_file(&mut self, file: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.file, file));
    }

    /// Removes every passage of document `doc_id`, whatever file it came from.
    pub fn remove_document(&mut self, doc_id: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.doc_id, doc_id));
    }

    /// Adds passages read from `file`. Removals made before count only for what was there
    /// before: passages added after a removal stay.
    pub fn add(&mut self, file: &str, passages: Vec<Passage>) -> Result<()> {
        let file: Arc<str> = Arc::from(file);
        for passage in passages {
            self.writer
                .add_document(PassageDocument::new(self.fields, file.clone(), passage))?;
        }
        Ok(())
    }

    /// Makes the changes durable and visible to new snapshots, then replaces the manifest. The
    /// merges the commit started go on in the background: wait for them with
    /// [`PendingMerges::wait`] before the next update, then take a new snapshot, which will have
    /// fewer segments.
    pub fn commit(mut self, manifest: &Manifest) -> Result<PendingMerges> {
        self.writer
            .commit()
            .with_context(|| format!("cannot update the index in {}", self.generation.display()))?;
        store::write_manifest(&self.generation, manifest)?;
        Ok(PendingMerges {
            writer: self.writer,
        })
    }
}

/// The segment merges an update's commit started.
pub struct PendingMerges {
    writer: IndexWriter<PassageDocument>,
}

impl PendingMerges {
    pub fn wait(self) -> Result<()> {
        self.writer
            .wait_merging_threads()
            .context("merging the index's segments failed (the index is unchanged)")
    }
}
