//! Building a new generation from scratch: passages are added file by file as the corpus is
//! read, committed, merged into one segment and published (see `store`). Used by every full
//! rebuild (`kinotanu index`, `/reindex`, a new `ANALYSIS_VERSION`); documents that arrive later
//! go into the live generation in place (`update`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use tantivy::{Index, IndexWriter};

use super::passage_document::PassageDocument;
use super::schema::{self, Fields};
use super::{store, tokenizers};
use crate::corpus::{Lang, Passage};
use store::{FileEntry, Manifest};

/// Stored passages are kept in blocks of this size; showing a passage reads its block. Tantivy's
/// 16 KB holds about 25 passages: a quarter of it makes fetching the shown passages ~10% faster
/// for ~12% more stored bytes.
pub const DOCSTORE_BLOCK_BYTES: usize = 4096;

/// Stored passages are not compressed: decompressing a block (LZ4) was a third of reading the
/// 10–30 passages a question shows or re-ranks, about 25,000 instructions a block not in
/// Tantivy's cache; the store is about 1.6 times larger for it (docs/performance.md, session 8).
const DOCSTORE_COMPRESSION: tantivy::store::Compressor = tantivy::store::Compressor::None;

/// Below this much seed text one indexing thread is quicker: several make several segments,
/// which then have to be merged.
const ONE_THREAD_BELOW_BYTES: u64 = 10_000_000;

/// Indexing threads for about `seed_bytes` of seed text: one per core (at most four), or one
/// for a small corpus. The analysis runs in them: Tantivy's indexing threads call the
/// tokenizers.
pub fn build_threads(seed_bytes: u64) -> usize {
    if seed_bytes < ONE_THREAD_BELOW_BYTES {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(4)
    }
}

/// Counts and timing of a build.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub manifest: Manifest,
    pub generation: PathBuf,
}

/// A generation being built, hidden from readers until [`GenerationBuilder::finish`]. The
/// caller holds the rebuild lock.
pub struct GenerationBuilder {
    dir: PathBuf,
    building: PathBuf,
    name: String,
    index: Index,
    writer: IndexWriter<PassageDocument>,
    fields: Fields,
    started: Instant,
    added: usize,
}

/// Said when a build fails: whatever went wrong, readers keep the live generation, and someone
/// staring at a full disk wants to know that.
fn unchanged(dir: &Path) -> String {
    format!(
        "cannot write the new index in {} (the index in use is unchanged)",
        dir.display()
    )
}

impl GenerationBuilder {
    /// Starts a generation in `dir` for about `seed_bytes` of seed text.
    pub fn start(dir: &Path, seed_bytes: u64) -> Result<GenerationBuilder> {
        let (building, name) = store::start_generation(dir)?;
        let schema = schema::build_schema();
        let settings = tantivy::IndexSettings {
            docstore_blocksize: DOCSTORE_BLOCK_BYTES,
            docstore_compression: DOCSTORE_COMPRESSION,
            ..Default::default()
        };
        let index = Index::builder()
            .schema(schema.clone())
            .settings(settings)
            .create_in_dir(&building)
            .with_context(|| format!("cannot create an index in {}", building.display()))?;
        tokenizers::register(&index);
        let fields = Fields::from_schema(&schema)?;
        let threads = build_threads(seed_bytes);
        let writer = index
            .writer_with_num_threads::<PassageDocument>(threads, 64_000_000 * threads)
            .with_context(|| unchanged(dir))?;
        // Merged once at the end instead of step by step while indexing.
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        Ok(GenerationBuilder {
            dir: dir.to_path_buf(),
            building,
            name,
            index,
            writer,
            fields,
            started: Instant::now(),
            added: 0,
        })
    }

    /// Adds passages read from `file` (a path relative to the seeds).
    pub fn add(&mut self, file: &str, passages: Vec<Passage>) -> Result<()> {
        let file: Arc<str> = Arc::from(file);
        self.added += passages.len();
        for passage in passages {
            self.writer
                .add_document(PassageDocument::new(self.fields, file.clone(), passage))
                .with_context(|| unchanged(&self.dir))?;
        }
        Ok(())
    }

    /// Passages added so far.
    pub fn added(&self) -> usize {
        self.added
    }

    /// Commits, merges into one segment and makes the generation live with `manifest` (its
    /// version, times and totals are filled in here).
    pub fn finish(mut self, mut manifest: Manifest) -> Result<BuildReport> {
        let unchanged = || unchanged(&self.dir);
        self.writer.commit().with_context(unchanged)?;
        // One segment: every query term is looked up once instead of once per segment, and the
        // top-k pruning works over the whole index at once.
        let segments = self.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            self.writer
                .merge(&segments)
                .wait()
                .with_context(unchanged)?;
        }
        self.writer.wait_merging_threads()?;
        manifest.analysis_version = store::ANALYSIS_VERSION;
        manifest.ablated = crate::analysis::ablation::signature();
        manifest.built_at = store::now_secs();
        manifest.updated_at = manifest.built_at;
        manifest.build_millis = self.started.elapsed().as_millis() as u64;
        manifest.recount();
        let generation = store::publish(&self.dir, &self.building, &self.name, &manifest)?;
        Ok(BuildReport {
            manifest,
            generation,
        })
    }
}

/// What a new generation is built from when the passages are already in memory (benches,
/// tests): they count as one seed file named `seeds`.
pub struct BuildInput<'a> {
    pub passages: &'a [Passage],
    pub documents: usize,
    pub seeds: String,
}

/// Builds a new generation in `dir` from passages in memory and makes it live. The caller holds
/// the rebuild lock. `progress` is called with the number of passages added so far.
pub fn build(dir: &Path, input: BuildInput<'_>, progress: &dyn Fn(usize)) -> Result<BuildReport> {
    let bytes = input.passages.iter().map(|p| p.text.len() as u64).sum();
    let mut builder = GenerationBuilder::start(dir, bytes)?;
    for chunk in input.passages.chunks(1000) {
        builder.add(&input.seeds, chunk.to_vec())?;
        progress(builder.added());
    }
    let count = |lang| input.passages.iter().filter(|p| p.lang == lang).count();
    let entry = FileEntry {
        documents: input.documents,
        passages_kk: count(Lang::Kk),
        passages_ru: count(Lang::Ru),
        ..FileEntry::default()
    };
    let manifest = Manifest {
        seeds: input.seeds.clone(),
        files: [(input.seeds, entry)].into_iter().collect(),
        ..Manifest::empty()
    };
    builder.finish(manifest)
}
