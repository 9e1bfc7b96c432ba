//! Files of the corpus of record that the sources write: JSON Lines files read as lines, byte
//! for byte, and replaced atomically and durably — written to a hidden file beside the old one
//! (the corpus reader skips hidden files, so an index sync never reads half a file), synced,
//! renamed over it, and the folder synced. After a crash a file is the old one or the new one.
//! Shared by the Telegram posts (`post_store`) and the feeds (`feeds::store`).

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};

/// The file's lines, each with its `\n` (a last line without one gets it), byte for byte;
/// none when the file does not exist.
pub fn read_lines(path: &Path) -> Result<Vec<Vec<u8>>> {
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    Ok(bytes
        .split_inclusive(|&b| b == b'\n')
        .map(|line| {
            let mut line = line.to_vec();
            if !line.ends_with(b"\n") {
                line.push(b'\n');
            }
            line
        })
        .collect())
}

/// Replaces `path` by a file holding `bytes`, atomically and durably; with no bytes left the
/// file is removed (an empty JSON Lines file is a problem for the reader).
pub fn replace_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    if bytes.is_empty() {
        match fs::remove_file(path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => {
                return Err(e).with_context(|| format!("cannot remove {}", path.display()));
            }
        }
        sync_folder(folder);
        return Ok(());
    }
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let temporary = folder.join(format!(".{name}.{}.tmp", std::process::id()));
    let previous = fs::metadata(path).and_then(|meta| meta.modified()).ok();
    let written = File::create(&temporary)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            later_than(&file, previous)?;
            file.sync_all()
        })
        .and_then(|()| fs::rename(&temporary, path));
    if let Err(e) = written {
        let _ = fs::remove_file(&temporary);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    sync_folder(folder);
    Ok(())
}

/// Creates `folder` when missing, durably up to `root`: a file renamed into a folder whose own
/// entry is lost in a crash would be lost with it.
pub fn create_folder(folder: &Path, root: &Path) -> Result<()> {
    if folder.is_dir() {
        return Ok(());
    }
    fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
    let mut at = folder.parent();
    while let Some(dir) = at {
        sync_folder(dir);
        if dir == root {
            break;
        }
        at = dir.parent();
    }
    Ok(())
}

/// Gives `file` a modification time after `previous`. The index tells a changed seed file by
/// its size and modification time: an edit of the same length written within the clock's
/// resolution of the last write would otherwise look unchanged, and never be indexed.
fn later_than(file: &File, previous: Option<SystemTime>) -> std::io::Result<()> {
    let Some(previous) = previous else {
        return Ok(());
    };
    if file.metadata()?.modified()? <= previous {
        file.set_modified(previous + Duration::from_micros(1))?;
    }
    Ok(())
}

/// Makes a folder's entries (a rename, a new file) durable. Best effort: not every file system
/// lets a folder be synced, and the data itself is synced already.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = File::open(folder) {
        let _ = handle.sync_all();
    }
}
