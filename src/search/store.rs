//! The index folder: generations swapped atomically, a rebuild lock, and the manifest that says
//! what a generation was built from.
//!
//! ```text
//! index/
//!   CURRENT             name of the live generation; replaced by rename, never edited in place
//!   gen-<millis>-<pid>/ a complete Tantivy index plus kinotanu.json (the manifest); documents
//!                       are added, replaced and removed in it in place (`update`), each
//!                       change a Tantivy commit followed by the manifest replaced by rename
//!   .building-<…>/      a rebuild in progress; invisible to readers, swept by the next rebuild
//!   .lock               held (flock) by the one rebuild running; the OS drops it if the process dies
//! ```
//!
//! A reader follows CURRENT, so it sees either the old or the new generation, never half of one.
//! The previous generation is kept one more round for readers that read CURRENT just before a swap.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

/// Bumped whenever analysis, the schema or the stored format changes, so that old indexes are
/// rebuilt (11: stored passages uncompressed; 12: each passage's words stored with it; 13: and
/// its sentences; 14: and its words' heads. Any change to how words or sentences are split or
/// normalised, or heads found, must bump it again).
pub const ANALYSIS_VERSION: u32 = 14;

const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "kinotanu.json";
const LOCK: &str = ".lock";

/// What a generation holds and where it came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub analysis_version: u32,
    /// Components switched off for measurement (`KINOTANU_ABLATE`); empty for a normal index.
    #[serde(default)]
    pub ablated: String,
    /// Seconds since the Unix epoch.
    pub built_at: u64,
    pub build_millis: u64,
    /// When documents were last added, replaced or removed in place; `built_at` until then.
    #[serde(default)]
    pub updated_at: u64,
    pub seeds: String,
    /// Every seed file the generation holds, by its path relative to the seeds (`/`-separated),
    /// as it was when it was read: a file whose size or modification time differs has changed.
    #[serde(default)]
    pub files: BTreeMap<String, FileEntry>,
    /// Documents left out because another file had the same id first.
    #[serde(default)]
    pub duplicates: Vec<Duplicate>,
    pub documents: usize,
    pub passages: usize,
    pub passages_kk: usize,
    pub passages_ru: usize,
}

/// One seed file in a generation: how it looked when read, and what it gave.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileEntry {
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub modified_ns: u64,
    pub documents: usize,
    pub passages_kk: usize,
    pub passages_ru: usize,
    /// The latest date among its documents (`YYYY-MM-DD`), if any has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub newest: Option<String>,
}

/// A document id found in two files: the one read first (files in name order) is kept.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Duplicate {
    pub id: String,
    pub kept_in: String,
    pub skipped_in: String,
}

impl Manifest {
    /// A manifest of nothing yet: a build fills in the rest.
    pub fn empty() -> Manifest {
        Manifest {
            analysis_version: ANALYSIS_VERSION,
            ablated: String::new(),
            built_at: 0,
            build_millis: 0,
            updated_at: 0,
            seeds: String::new(),
            files: BTreeMap::new(),
            duplicates: Vec::new(),
            documents: 0,
            passages: 0,
            passages_kk: 0,
            passages_ru: 0,
        }
    }

    /// The totals, added up again from the files.
    pub fn recount(&mut self) {
        let entries = self.files.values();
        self.documents = entries.clone().map(|e| e.documents).sum();
        self.passages_kk = entries.clone().map(|e| e.passages_kk).sum();
        self.passages_ru = entries.map(|e| e.passages_ru).sum();
        self.passages = self.passages_kk + self.passages_ru;
    }
}

/// Holds the rebuild lock of an index folder until dropped.
pub struct RebuildLock {
    _file: File,
}

/// Takes the rebuild lock. With `wait`, blocks until the running rebuild ends; without, fails
/// at once when another rebuild holds it.
pub fn lock(dir: &Path, wait: bool) -> Result<Option<RebuildLock>> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the index folder {}", dir.display()))?;
    let path = dir.join(LOCK);
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| {
            format!(
                "cannot open the rebuild lock {}{}",
                path.display(),
                unchanged(dir)
            )
        })?;
    if wait {
        file.lock()
            .with_context(|| format!("cannot lock {}", path.display()))?;
    } else {
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => return Ok(None),
            Err(fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
    }
    Ok(Some(RebuildLock { _file: file }))
}

/// The live generation's folder, if the index folder has one.
pub fn current_generation(dir: &Path) -> Option<PathBuf> {
    let name = fs::read_to_string(dir.join(CURRENT)).ok()?;
    let name = name.trim();
    let valid = name.starts_with("gen-") && !name.contains(['/', '\\']) && name != "gen-";
    valid.then(|| dir.join(name))
}

/// The manifest file of a generation (its modification time says when it last changed).
pub fn manifest_path(generation: &Path) -> PathBuf {
    generation.join(MANIFEST)
}

pub fn read_manifest(generation: &Path) -> Result<Manifest> {
    let path = generation.join(MANIFEST);
    let text =
        fs::read_to_string(&path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is damaged", path.display()))
}

/// A fresh, hidden folder to build the next generation in. Call with the lock held.
pub fn start_generation(dir: &Path) -> Result<(PathBuf, String)> {
    sweep_unfinished(dir);
    let millis = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    let name = format!("gen-{millis}-{}", std::process::id());
    let building = dir.join(format!(".building-{name}"));
    fs::create_dir_all(&building).with_context(|| {
        format!(
            "cannot create a new index in {}{}",
            dir.display(),
            unchanged(dir)
        )
    })?;
    Ok((building, name))
}

/// Said after a failure to change the index: whatever went wrong, readers keep the live
/// generation, and someone staring at "permission denied" or a full disk wants to know that.
fn unchanged(dir: &Path) -> &'static str {
    if current_generation(dir).is_some() {
        " (the index in use is unchanged)"
    } else {
        ""
    }
}

/// Makes a finished build live: manifest, rename into place, then switch CURRENT by rename.
pub fn publish(dir: &Path, building: &Path, name: &str, manifest: &Manifest) -> Result<PathBuf> {
    // Until CURRENT is replaced, every failure leaves readers on the previous generation.
    let unchanged = unchanged(dir);
    write_synced(
        &building.join(MANIFEST),
        serde_json::to_string(manifest)?.as_bytes(),
        unchanged,
    )?;
    let generation = dir.join(name);
    fs::rename(building, &generation).with_context(|| {
        format!(
            "cannot move the new index into {}{unchanged}",
            generation.display()
        )
    })?;
    let pointer = dir.join(format!("{CURRENT}.tmp"));
    write_synced(&pointer, name.as_bytes(), unchanged)?;
    let previous = current_generation(dir);
    fs::rename(&pointer, dir.join(CURRENT))
        .with_context(|| format!("cannot switch to the new index{unchanged}"))?;
    if let Ok(handle) = File::open(dir) {
        let _ = handle.sync_all();
    }
    remove_old_generations(dir, &generation, previous.as_deref());
    Ok(generation)
}

/// `note` ends the error message (see [`unchanged`]).
fn write_synced(path: &Path, bytes: &[u8], note: &str) -> Result<()> {
    let failed = || format!("cannot write {}{note}", path.display());
    let mut file = File::create(path).with_context(failed)?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(failed)
}

/// Removes builds that a killed process left behind. Only called with the lock held.
fn sweep_unfinished(dir: &Path) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".building-")
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn remove_old_generations(dir: &Path, live: &Path, previous: Option<&Path>) {
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        let is_generation = entry.file_name().to_string_lossy().starts_with("gen-");
        if is_generation && path != live && Some(path.as_path()) != previous {
            let _ = fs::remove_dir_all(path);
        }
    }
}

/// Replaces a live generation's manifest after an update in place: written beside it, then
/// renamed over it, so that a reader sees the old one or the new one, never half of one.
pub fn write_manifest(generation: &Path, manifest: &Manifest) -> Result<()> {
    let path = generation.join(MANIFEST);
    let temporary = generation.join(format!("{MANIFEST}.tmp"));
    write_synced(&temporary, serde_json::to_string(manifest)?.as_bytes(), "")?;
    fs::rename(&temporary, &path).with_context(|| format!("cannot replace {}", path.display()))?;
    if let Ok(handle) = File::open(generation) {
        let _ = handle.sync_all();
    }
    Ok(())
}

/// FNV-1a: stable across Rust versions, unlike `DefaultHasher`.
pub(super) struct Fnv64(pub(super) u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    pub(super) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x100_0000_01b3);
        }
        // Separates fields so that "ab"+"c" and "a"+"bc" differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x100_0000_01b3);
    }
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
