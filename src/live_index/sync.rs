//! Bringing the live generation in step with changed seed files in place: each changed file's
//! passages are removed and its documents read again and added, in one commit. New posts,
//! feed items and dropped files cost milliseconds this way, not a rebuild.
//!
//! A document id that two files share goes to the file first in name order, as in a full
//! build: the manifest remembers every such pair, and when either file changes both are read
//! again, so the winner is decided afresh.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use anyhow::Result;

use super::files::{self, Stamp};
use crate::corpus::{self, Lang, Problem};
use crate::search::{Duplicate, IndexUpdate, Manifest, PendingMerges, SearchIndex, store};

/// What an update in place did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct UpdateReport {
    /// Seed files read again (added or changed) or dropped (removed).
    pub files: usize,
    pub documents_before: usize,
    pub documents_after: usize,
}

/// The seed files whose stamp differs from the manifest's, or that the manifest has and the
/// seeds no longer do.
pub fn changed_files(manifest: &Manifest, stamps: &BTreeMap<String, Stamp>) -> BTreeSet<String> {
    let mut changed: BTreeSet<String> = stamps
        .iter()
        .filter(|(name, stamp)| !manifest.files.get(*name).is_some_and(|e| stamp.matches(e)))
        .map(|(name, _)| name.clone())
        .collect();
    changed.extend(
        manifest
            .files
            .keys()
            .filter(|name| !stamps.contains_key(*name))
            .cloned(),
    );
    changed
}

/// Replaces the documents of `changed` files in `index`'s generation. The caller holds the
/// rebuild lock; the merges the commit started are returned, to be waited for before the next
/// update.
pub fn update_in_place(
    seeds: &Path,
    index: &SearchIndex,
    stamps: &BTreeMap<String, Stamp>,
    mut changed: BTreeSet<String>,
) -> Result<(UpdateReport, Vec<Problem>, PendingMerges)> {
    let mut manifest = index.manifest().clone();
    let documents_before = manifest.documents;
    include_duplicate_partners(&manifest.duplicates, &mut changed);
    manifest
        .duplicates
        .retain(|d| !changed.contains(&d.kept_in) && !changed.contains(&d.skipped_in));
    let mut update = IndexUpdate::open(index)?;
    for name in &changed {
        update.remove_file(name);
        manifest.files.remove(name);
    }
    let mut problems = Vec::new();
    // Ids added by this update, and the file each went to.
    let mut added: HashMap<String, String> = HashMap::new();
    for name in &changed {
        let Some(stamp) = stamps.get(name) else {
            continue;
        };
        let corpus = corpus::read_seed_file(&files::path_of(seeds, name));
        problems.extend(corpus.problems);
        let mut entry = stamp.entry();
        for document in corpus.documents {
            let holder = match added.get(&document.id) {
                Some(file) => Some((file.clone(), Vec::new())),
                None => {
                    let passages: Vec<_> = index
                        .document_passages(&document.id)?
                        .into_iter()
                        .filter(|p| !changed.contains(&p.file))
                        .collect();
                    passages.first().map(|p| (p.file.clone(), passages.clone()))
                }
            };
            if let Some((other, other_passages)) = holder {
                let (kept_in, skipped_in) = if other < *name {
                    (other, name.clone())
                } else {
                    (name.clone(), other)
                };
                problems.push(files::duplicate_problem(
                    seeds,
                    &skipped_in,
                    &document.id,
                    &kept_in,
                ));
                manifest.duplicates.push(Duplicate {
                    id: document.id.clone(),
                    kept_in: kept_in.clone(),
                    skipped_in: skipped_in.clone(),
                });
                if kept_in != *name {
                    continue;
                }
                // This file comes first: the copy an unchanged file gave goes.
                update.remove_document(&document.id);
                if let Some(entry) = manifest.files.get_mut(&skipped_in) {
                    uncount(entry, &other_passages);
                }
            }
            let passages = files::count_document(&mut entry, &document);
            update.add(name, passages)?;
            added.insert(document.id, name.clone());
        }
        manifest.files.insert(name.clone(), entry);
    }
    manifest.recount();
    manifest.updated_at = store::now_secs();
    let merges = update.commit(&manifest)?;
    let report = UpdateReport {
        files: changed.len(),
        documents_before,
        documents_after: manifest.documents,
    };
    Ok((report, problems, merges))
}

/// Adds the other file of every duplicate pair that involves a changed file, until no pair is
/// left half in.
fn include_duplicate_partners(duplicates: &[Duplicate], changed: &mut BTreeSet<String>) {
    loop {
        let before = changed.len();
        for d in duplicates {
            if changed.contains(&d.kept_in) || changed.contains(&d.skipped_in) {
                changed.insert(d.kept_in.clone());
                changed.insert(d.skipped_in.clone());
            }
        }
        if changed.len() == before {
            return;
        }
    }
}

/// Takes a removed document's passages off its file's counts.
fn uncount(entry: &mut crate::search::FileEntry, passages: &[crate::search::IndexedPassage]) {
    entry.documents = entry.documents.saturating_sub(1);
    for passage in passages {
        match passage.lang {
            Lang::Kk => entry.passages_kk = entry.passages_kk.saturating_sub(1),
            Lang::Ru => entry.passages_ru = entry.passages_ru.saturating_sub(1),
        }
    }
}
