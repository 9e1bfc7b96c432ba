//! The index folder: generations swapped atomically, a rebuild lock, and the manifest that says
//! what a generation was built from.
//!
//! ```text
//! index/
//!   CURRENT             name of the live generation; replaced by rename, never edited in place
//!   gen-<millis>-<pid>/ a complete Tantivy index plus kinotanu.json (the manifest)
//!   .building-<…>/      a rebuild in progress; invisible to readers, swept by the next rebuild
//!   .lock               held (flock) by the one rebuild running; the OS drops it if the process dies
//! ```
//!
//! A reader follows CURRENT, so it sees either the old or the new generation, never half of one.
//! The previous generation is kept one more round for readers that read CURRENT just before a swap.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

/// Bumped whenever analysis or the schema changes, so that old indexes are rebuilt.
pub const ANALYSIS_VERSION: u32 = 9;

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
    pub seeds: String,
    pub seeds_fingerprint: String,
    pub documents: usize,
    pub passages: usize,
    pub passages_kk: usize,
    pub passages_ru: usize,
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
        serde_json::to_string_pretty(manifest)?.as_bytes(),
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

/// A cheap fingerprint of the seeds: every readable file's path, size and modification time.
pub fn seeds_fingerprint(seeds: &Path) -> Result<String> {
    let files = if seeds.is_dir() {
        crate::corpus::seed_files(seeds)
            .with_context(|| format!("cannot list {}", seeds.display()))?
    } else if seeds.is_file() {
        vec![seeds.to_path_buf()]
    } else {
        bail!("{} does not exist", seeds.display());
    };
    let mut hash = Fnv64::default();
    for file in files {
        let meta =
            fs::metadata(&file).with_context(|| format!("cannot read {}", file.display()))?;
        let modified = meta
            .modified()
            .ok()
            .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos());
        // Relative to the seeds, so that `./seeds` and `/abs/seeds` give the same fingerprint.
        let name = file.strip_prefix(seeds).unwrap_or(&file);
        hash.write(name.to_string_lossy().as_bytes());
        hash.write(&meta.len().to_le_bytes());
        hash.write(&modified.to_le_bytes());
    }
    Ok(format!("{:016x}", hash.0))
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
