//! `kinotanu index`: build (or rebuild) the index from the seeds and print the counts.

use std::path::PathBuf;

use anyhow::Result;

use crate::error::bad_input;
use crate::{config, live_index};

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
    let problems = rebuilt.problems.len();
    println!(
        "read {}; {problems} problem{}",
        rebuilt.formats,
        if problems == 1 { "" } else { "s" }
    );
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
