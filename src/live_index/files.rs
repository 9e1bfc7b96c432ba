//! The seed files as the index sees them: each file's path relative to the seeds, its size and
//! modification time (a file whose stamp differs from the manifest's has changed), and what its
//! documents add to the manifest. Shared by the full build and the update in place, so that
//! both read the same files in the same order and keep the same document when two files share
//! an id.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use anyhow::{Context, Result};

use crate::corpus::{self, Document, Lang, Passage, Problem};
use crate::search::FileEntry;

/// How a seed file looked when it was listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub modified_ns: u64,
}

impl Stamp {
    pub fn matches(&self, entry: &FileEntry) -> bool {
        self.size == entry.size && self.modified_ns == entry.modified_ns
    }

    /// An entry for the file before any of its documents is counted.
    pub fn entry(&self) -> FileEntry {
        FileEntry {
            size: self.size,
            modified_ns: self.modified_ns,
            ..FileEntry::default()
        }
    }
}

/// Every seed file the readers understand, by its name relative to `seeds` (`/`-separated;
/// for a single file, its file name), in name order.
pub fn list(seeds: &Path) -> Result<BTreeMap<String, Stamp>> {
    let files = if seeds.is_dir() {
        corpus::seed_files(seeds).with_context(|| format!("cannot list {}", seeds.display()))?
    } else {
        vec![seeds.to_path_buf()]
    };
    let mut stamps = BTreeMap::new();
    for file in files {
        let meta =
            std::fs::metadata(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        stamps.insert(
            relative_name(seeds, &file),
            Stamp {
                size: meta.len(),
                modified_ns,
            },
        );
    }
    Ok(stamps)
}

fn relative_name(seeds: &Path, file: &Path) -> String {
    let relative = match file.strip_prefix(seeds) {
        Ok(relative) if !relative.as_os_str().is_empty() => relative,
        _ => Path::new(file.file_name().unwrap_or(file.as_os_str())),
    };
    relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The path of a file named as [`list`] names it.
pub fn path_of(seeds: &Path, name: &str) -> PathBuf {
    if seeds.is_dir() {
        seeds.join(name)
    } else {
        seeds.to_path_buf()
    }
}

/// The passages of a document, counted into its file's entry.
pub fn count_document(entry: &mut FileEntry, document: &Document) -> Vec<Passage> {
    let passages = document.passages();
    entry.documents += 1;
    for passage in &passages {
        match passage.lang {
            Lang::Kk => entry.passages_kk += 1,
            Lang::Ru => entry.passages_ru += 1,
        }
    }
    if let Some(date) = &document.date
        && entry.newest.as_ref().is_none_or(|newest| date > newest)
    {
        entry.newest = Some(date.clone());
    }
    passages
}

/// A document left out because a file read before it has the same id.
pub fn duplicate_problem(seeds: &Path, skipped_in: &str, id: &str, kept_in: &str) -> Problem {
    Problem {
        path: path_of(seeds, skipped_in),
        line: None,
        message: format!("duplicate document id {id:?}: the one in {kept_in} is kept"),
    }
}
