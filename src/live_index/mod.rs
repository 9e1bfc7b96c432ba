//! Keeping the live index in step with the seeds (the corpus of record): build it when missing
//! or built by another version, update it in place when seed files were added, changed or
//! removed ([`sync`]), rebuild it on demand under the rebuild lock, and build throwaway
//! indexes for evaluation.

mod files;
mod sync;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use crate::corpus::{self, FormatCounts, Problem};
use crate::error::bad_input;
use crate::search::{
    BuildReport, Duplicate, GenerationBuilder, Manifest, PendingMerges, SearchIndex, store,
};
use files::Stamp;
pub use sync::UpdateReport;

/// A finished rebuild: what was built, the files read per format, and what had to be skipped.
pub struct Rebuilt {
    pub report: BuildReport,
    pub formats: FormatCounts,
    pub problems: Vec<Problem>,
}

/// Reads `seeds` and builds a new live generation in `index_dir`. Returns `None` without waiting
/// when another rebuild holds the lock and `wait` is false.
pub fn rebuild(seeds: &Path, index_dir: &Path, wait: bool) -> Result<Option<Rebuilt>> {
    let Some(_lock) = store::lock(index_dir, wait)? else {
        return Ok(None);
    };
    build_locked(seeds, index_dir).map(Some)
}

fn build_locked(seeds: &Path, index_dir: &Path) -> Result<Rebuilt> {
    // Listed before anything is read: a file changed while the build reads it has a newer
    // stamp than the manifest says, and the next sync reads it again.
    let stamps = files::list(seeds).map_err(|_| missing_seeds(seeds))?;
    let bytes = stamps.values().map(|s| s.size).sum();
    let mut builder = GenerationBuilder::start(index_dir, bytes)?;
    let bar = progress_bar(&stamps, bytes);
    let mut manifest = Manifest {
        seeds: canonical(seeds),
        ..Manifest::empty()
    };
    let mut problems = Vec::new();
    let mut formats = FormatCounts::default();
    let mut first_file_of: HashMap<String, String> = HashMap::new();
    for (name, stamp) in &stamps {
        let corpus = corpus::read_seed_file(&files::path_of(seeds, name));
        problems.extend(corpus.problems);
        formats.add(&corpus.formats);
        let mut entry = stamp.entry();
        for document in corpus.documents {
            if let Some(kept_in) = first_file_of.get(&document.id) {
                problems.push(files::duplicate_problem(seeds, name, &document.id, kept_in));
                manifest.duplicates.push(Duplicate {
                    id: document.id,
                    kept_in: kept_in.clone(),
                    skipped_in: name.clone(),
                });
                continue;
            }
            let passages = files::count_document(&mut entry, &document);
            builder.add(name, passages)?;
            first_file_of.insert(document.id, name.clone());
        }
        manifest.files.insert(name.clone(), entry);
        bar.inc(1);
    }
    let report = builder.finish(manifest)?;
    bar.finish_and_clear();
    Ok(Rebuilt {
        report,
        formats,
        problems,
    })
}

fn canonical(seeds: &Path) -> String {
    std::fs::canonicalize(seeds)
        .unwrap_or_else(|_| seeds.to_path_buf())
        .display()
        .to_string()
}

/// A bar on stderr (a terminal only; indicatif draws nothing into a pipe) for corpora that
/// take more than a moment: many files, many bytes, or any PDF or Word file (seconds each).
fn progress_bar(stamps: &BTreeMap<String, Stamp>, bytes: u64) -> ProgressBar {
    let files = stamps.len();
    let slow = stamps.keys().any(|name| {
        let name = name.to_ascii_lowercase();
        name.ends_with(".pdf") || name.ends_with(".docx")
    });
    if bytes < 5_000_000 && files < 50 && !slow {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    bar.set_style(
        ProgressStyle::with_template("indexing {bar:40} {pos}/{len} files ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

fn missing_seeds(seeds: &Path) -> anyhow::Error {
    bad_input(format!(
        "{}: no such seeds folder or file; pass --seeds DIR or set KINOTANU_SEEDS_DIR",
        seeds.display()
    ))
}

/// The seeds an index follows: the configured ones when configured (`KINOTANU_SEEDS_DIR`), else
/// the ones it was built from (so `index --seeds X` then `ask` keeps following X), else `./seeds`.
pub fn seeds_for(index_dir: &Path, configured: Option<PathBuf>) -> PathBuf {
    configured
        .or_else(|| {
            let manifest = store::read_manifest(&store::current_generation(index_dir)?).ok()?;
            Some(PathBuf::from(manifest.seeds)).filter(|p| p.exists())
        })
        .unwrap_or_else(|| PathBuf::from("seeds"))
}

const SEEDS_CHANGED: &str = "the seeds changed";

/// How the live index stands against its seeds.
enum Freshness {
    /// It must be built from scratch, for this reason.
    Unusable(&'static str),
    /// These seed files were added, changed or removed since it was built or updated.
    Behind(BTreeMap<String, Stamp>, BTreeSet<String>),
    Fresh,
}

fn freshness(seeds: &Path, index_dir: &Path) -> Freshness {
    let Some(generation) = store::current_generation(index_dir) else {
        return Freshness::Unusable("no index yet");
    };
    let Ok(manifest) = store::read_manifest(&generation) else {
        return Freshness::Unusable("the index is damaged");
    };
    if manifest.analysis_version != store::ANALYSIS_VERSION
        || manifest.ablated != crate::analysis::ablation::signature()
    {
        return Freshness::Unusable("the index was built by another version");
    }
    // Without seeds there is nothing to update from: the index serves as it is.
    let Ok(stamps) = files::list(seeds) else {
        return Freshness::Fresh;
    };
    let changed = sync::changed_files(&manifest, &stamps);
    if changed.is_empty() {
        Freshness::Fresh
    } else {
        Freshness::Behind(stamps, changed)
    }
}

/// How a sync ended.
pub enum Synced {
    /// Nothing had changed.
    Unchanged,
    /// Changed files were updated in place. Wait for `merges` (it holds the rebuild lock)
    /// before the next update.
    Updated {
        report: UpdateReport,
        problems: Vec<Problem>,
        merges: Merges,
    },
    /// The index was built from scratch (missing, another version, or most files changed).
    Rebuilt(Rebuilt),
}

/// An update's segment merges, running in the background with the rebuild lock held.
pub struct Merges {
    pending: PendingMerges,
    _lock: store::RebuildLock,
}

impl Merges {
    /// Waits for the merges, then lets the next update or rebuild in.
    pub fn wait(self) -> Result<()> {
        self.pending.wait()
    }
}

/// More changed files than this, and more than half of all files: a rebuild is quicker and
/// leaves one segment.
const MOST_FILES: usize = 64;

/// Brings the live index in step with the seeds: added, changed and removed seed files are
/// updated in place; a missing index, one built by another version or from other seeds, or
/// seeds mostly changed, are built from scratch. `None` when another process holds the
/// rebuild lock and `wait` is false.
pub fn sync(seeds: &Path, index_dir: &Path, wait: bool) -> Result<Option<Synced>> {
    let Some(lock) = store::lock(index_dir, wait)? else {
        return Ok(None);
    };
    sync_locked(seeds, index_dir, lock).map(Some)
}

fn sync_locked(seeds: &Path, index_dir: &Path, lock: store::RebuildLock) -> Result<Synced> {
    if !seeds.exists() {
        return Err(missing_seeds(seeds));
    }
    let (stamps, changed) = match freshness(seeds, index_dir) {
        Freshness::Fresh => return Ok(Synced::Unchanged),
        Freshness::Unusable(_) => return Ok(Synced::Rebuilt(build_locked(seeds, index_dir)?)),
        Freshness::Behind(stamps, changed) => (stamps, changed),
    };
    let index = SearchIndex::open(index_dir)?;
    let known = index.manifest().files.len().max(stamps.len());
    let same_seeds = index.manifest().seeds == canonical(seeds);
    if !same_seeds || (changed.len() > MOST_FILES && changed.len() * 2 > known) {
        return Ok(Synced::Rebuilt(build_locked(seeds, index_dir)?));
    }
    let (report, problems, pending) = sync::update_in_place(seeds, &index, &stamps, changed)?;
    Ok(Synced::Updated {
        report,
        problems,
        merges: Merges {
            pending,
            _lock: lock,
        },
    })
}

/// Opens the index the configuration names (`--index`, else `KINOTANU_INDEX_DIR`, else
/// `./index`), building or updating it first when it is missing or its seeds changed.
pub fn open_configured(index_flag: Option<PathBuf>) -> Result<SearchIndex> {
    let index_dir = crate::config::index_dir(index_flag);
    let seeds = seeds_for(&index_dir, crate::config::seeds_dir_from_env());
    open_or_build(&seeds, &index_dir)
}

/// Opens the live index, first building it when it is missing or built by another version,
/// or updating it in place when seed files changed.
pub fn open_or_build(seeds: &Path, index_dir: &Path) -> Result<SearchIndex> {
    match freshness(seeds, index_dir) {
        Freshness::Fresh => {}
        Freshness::Unusable(reason) => {
            if !seeds.exists() {
                return Err(bad_input(format!(
                    "{}: {reason} and no seeds at {} to build it from; run `kinotanu index --seeds DIR`",
                    index_dir.display(),
                    seeds.display()
                )));
            }
            rebuild_unusable(seeds, index_dir, reason)?;
        }
        Freshness::Behind(_, changed) => {
            // An index only behind its seeds still answers correctly for what it holds: an
            // update that cannot run (a read-only folder, a full disk) must not take it away.
            if let Err(e) = update_behind(seeds, index_dir, changed.len()) {
                eprintln!("kinotanu: {e:#}; answering from the index in use");
            }
        }
    }
    SearchIndex::open(index_dir)
        .with_context(|| format!("cannot open the index in {}", index_dir.display()))
}

/// Builds an index that cannot be used, unless another process is already at it: then waits
/// for it when there is nothing to answer from meanwhile.
fn rebuild_unusable(seeds: &Path, index_dir: &Path, reason: &str) -> Result<()> {
    match store::lock(index_dir, false)? {
        Some(lock) => {
            eprintln!(
                "kinotanu: {reason}: building the index in {} from {}…",
                index_dir.display(),
                seeds.display()
            );
            finish_sync(sync_locked(seeds, index_dir, lock)?)
        }
        None if store::current_generation(index_dir).is_some() => {
            eprintln!(
                "kinotanu: {reason}, and a rebuild is running: answering from the current index"
            );
            Ok(())
        }
        None => {
            eprintln!("kinotanu: waiting for the index build that is running…");
            drop(store::lock(index_dir, true)?);
            Ok(())
        }
    }
}

/// Updates an index behind its seeds, unless another process holds the lock: then the index in
/// use answers, and that process or the next question brings it up to date.
fn update_behind(seeds: &Path, index_dir: &Path, changed: usize) -> Result<()> {
    let Some(lock) = store::lock(index_dir, false)? else {
        eprintln!(
            "kinotanu: {SEEDS_CHANGED}, and a rebuild is running: answering from the current index"
        );
        return Ok(());
    };
    eprintln!("kinotanu: {SEEDS_CHANGED}: updating the index ({changed} file(s))…");
    finish_sync(sync_locked(seeds, index_dir, lock)?)
}

/// Reports a sync's problems and counts on stderr and waits for its merges.
pub fn finish_sync(synced: Synced) -> Result<()> {
    match synced {
        Synced::Unchanged => Ok(()),
        Synced::Rebuilt(rebuilt) => {
            report_problems(&rebuilt.problems);
            eprintln!("kinotanu: {}", summary(&rebuilt.report));
            Ok(())
        }
        Synced::Updated {
            report,
            problems,
            merges,
        } => {
            report_problems(&problems);
            eprintln!(
                "kinotanu: updated {} file(s): {} documents (were {})",
                report.files, report.documents_after, report.documents_before
            );
            merges.wait()
        }
    }
}

/// Builds a temporary index from one JSON Lines file (for `eval --passages`).
pub fn build_temporary(passages_file: &Path) -> Result<(tempfile::TempDir, SearchIndex)> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder")?;
    let rebuilt =
        rebuild(passages_file, dir.path(), true)?.context("the temporary index is locked")?;
    report_problems(&rebuilt.problems);
    let index = SearchIndex::open(dir.path())?;
    Ok((dir, index))
}

/// Warns about skipped input on stderr, one line each.
pub fn report_problems(problems: &[Problem]) {
    for problem in problems {
        eprintln!("warning: {problem}");
    }
}

/// `indexed 2 documents, 26 passages (kk 13, ru 13) in 0.1 s`.
pub fn summary(report: &BuildReport) -> String {
    let m = &report.manifest;
    format!(
        "indexed {} documents, {} passages (kk {}, ru {}) in {:.2} s",
        m.documents,
        m.passages,
        m.passages_kk,
        m.passages_ru,
        m.build_millis as f64 / 1000.0
    )
}
