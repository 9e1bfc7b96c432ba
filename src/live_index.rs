//! Keeping the live index in step with the seeds: build it when missing or stale, rebuild on
//! demand under the rebuild lock, and build throwaway indexes for evaluation.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};

use crate::corpus::{self, Problem};
use crate::error::bad_input;
use crate::search::{self, BuildInput, BuildReport, SearchIndex, store};

/// A finished rebuild: what was built and what had to be skipped.
pub struct Rebuilt {
    pub report: BuildReport,
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
    let fingerprint = store::seeds_fingerprint(seeds).map_err(|_| missing_seeds(seeds))?;
    let corpus =
        corpus::read_seeds(seeds).map_err(|e| bad_input(format!("{}: {e}", seeds.display())))?;
    let passages = corpus.passages();
    let bar = progress_bar(passages.len());
    let input = BuildInput {
        passages: &passages,
        documents: corpus.documents.len(),
        seeds: std::fs::canonicalize(seeds)
            .unwrap_or_else(|_| seeds.to_path_buf())
            .display()
            .to_string(),
        seeds_fingerprint: fingerprint,
    };
    let report = search::build(index_dir, input, &|done| bar.set_position(done as u64))?;
    bar.finish_and_clear();
    Ok(Rebuilt {
        report,
        problems: corpus.problems,
    })
}

/// A bar on stderr (a TTY only) for corpora big enough to take more than a moment.
fn progress_bar(total: usize) -> ProgressBar {
    if total < 5_000 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    bar.set_style(
        ProgressStyle::with_template("indexing {bar:40} {pos}/{len} passages ({eta})")
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

/// Why the live index cannot be used as it is, if it cannot.
fn staleness(seeds: &Path, index_dir: &Path) -> Option<&'static str> {
    let Some(generation) = store::current_generation(index_dir) else {
        return Some("no index yet");
    };
    let Ok(manifest) = store::read_manifest(&generation) else {
        return Some("the index is damaged");
    };
    if manifest.analysis_version != store::ANALYSIS_VERSION
        || manifest.ablated != crate::analysis::ablation::signature()
    {
        return Some("the index was built by another version");
    }
    match store::seeds_fingerprint(seeds) {
        Ok(fingerprint) if fingerprint != manifest.seeds_fingerprint => Some(SEEDS_CHANGED),
        // Without seeds there is nothing to rebuild from: the index serves as it is.
        _ => None,
    }
}

/// Opens the index the configuration names (`--index`, else `KINOTANU_INDEX_DIR`, else
/// `./index`), building it first when it is missing or its seeds changed.
pub fn open_configured(index_flag: Option<PathBuf>) -> Result<SearchIndex> {
    let index_dir = crate::config::index_dir(index_flag);
    let seeds = seeds_for(&index_dir, crate::config::seeds_dir_from_env());
    open_or_build(&seeds, &index_dir)
}

/// Opens the live index, building it from the seeds first when it is missing or stale.
pub fn open_or_build(seeds: &Path, index_dir: &Path) -> Result<SearchIndex> {
    if let Some(reason) = staleness(seeds, index_dir) {
        if !seeds.exists() {
            return Err(bad_input(format!(
                "{}: {reason} and no seeds at {} to build it from; run `kinotanu index --seeds DIR`",
                index_dir.display(),
                seeds.display()
            )));
        }
        match rebuild_stale(seeds, index_dir, reason) {
            // An index only behind its seeds still answers correctly for what it holds: a
            // rebuild that cannot run (a read-only folder, a full disk) must not take it away.
            Err(e) if reason == SEEDS_CHANGED => {
                eprintln!("kinotanu: {e:#}; answering from the index in use");
            }
            other => other?,
        }
    }
    SearchIndex::open(index_dir)
        .with_context(|| format!("cannot open the index in {}", index_dir.display()))
}

/// Rebuilds a stale index unless another process is already at it: then waits for it when
/// there is nothing to answer from meanwhile.
fn rebuild_stale(seeds: &Path, index_dir: &Path, reason: &str) -> Result<()> {
    match store::lock(index_dir, false)? {
        Some(_lock) => {
            // Another process may have finished the same rebuild while we looked.
            if staleness(seeds, index_dir).is_some() {
                eprintln!(
                    "kinotanu: {reason}: building the index in {} from {}…",
                    index_dir.display(),
                    seeds.display()
                );
                let rebuilt = build_locked(seeds, index_dir)?;
                report_problems(&rebuilt.problems);
                eprintln!("kinotanu: {}", summary(&rebuilt.report));
            }
        }
        None if store::current_generation(index_dir).is_some() => {
            eprintln!(
                "kinotanu: {reason}, and a rebuild is running: answering from the current index"
            );
        }
        None => {
            eprintln!("kinotanu: waiting for the index build that is running…");
            drop(store::lock(index_dir, true)?);
        }
    }
    Ok(())
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
