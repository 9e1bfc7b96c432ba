//! `kinotanu index`: build (or rebuild) the index from the seeds and print the counts.

use std::path::PathBuf;

use anyhow::Result;

use crate::error::bad_input;
use crate::{config, corpus, live_index};

pub fn run(seeds: Option<PathBuf>, index: Option<PathBuf>) -> Result<()> {
    let seeds = config::seeds_dir(seeds);
    let index = config::index_dir(index);
    if !seeds.exists() {
        return Err(bad_input(format!(
            "{}: no such seeds folder or file; pass --seeds DIR or set {}",
            seeds.display(),
            config::SEEDS_DIR_VAR
        )));
    }
    let rebuilt = match live_index::rebuild(&seeds, &index, false)? {
        Some(rebuilt) => rebuilt,
        None => {
            eprintln!(
                "kinotanu: another rebuild of {} is running; waiting for it to finish…",
                index.display()
            );
            live_index::rebuild(&seeds, &index, true)?.expect("a blocking lock always returns")
        }
    };
    live_index::report_problems(&rebuilt.problems);
    // The files are listed again rather than counted during the build, which keeps its
    // counts to itself: a cheap walk of the folder, no file is read twice.
    if let Ok(files) = corpus::seed_paths(&seeds) {
        let counts = corpus::FormatCounts::of_read(&files, &rebuilt.problems);
        let problems = rebuilt.problems.len();
        println!(
            "read {counts}; {problems} problem{}",
            if problems == 1 { "" } else { "s" }
        );
    }
    println!("{}", live_index::summary(&rebuilt.report));
    println!("index: {}", rebuilt.report.generation.display());
    if let Some(first) = rebuilt.problems.first() {
        return Err(bad_input(format!(
            "{} input problem(s) skipped (first: {first}); everything else was indexed",
            rebuilt.problems.len()
        )));
    }
    Ok(())
}
