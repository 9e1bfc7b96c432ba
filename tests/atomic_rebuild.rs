//! A rebuild goes into a fresh folder and is switched in by rename: a rebuild killed half-way
//! leaves the old index serving, `ask` answers while `index` runs, and the next rebuild sweeps
//! what the killed one left.

mod common;

use std::fs::File;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{data, folder_with, json_lines, kinotanu, run, stderr};

/// A corpus big enough that building it takes a while: real Kazakh news sentences, four a document.
fn big_corpus(documents: usize) -> tempfile::TempDir {
    let sentences =
        std::fs::read_to_string(data("corpus/kaznerd-sentences-kk.txt")).expect("data/corpus");
    let lines: Vec<&str> = sentences.lines().collect();
    let mut jsonl = String::new();
    for d in 0..documents {
        let text: Vec<&str> = (0..4).map(|i| lines[(d * 4 + i) % lines.len()]).collect();
        jsonl.push_str(&serde_json::json!({"id": format!("news-{d}"), "title": "Жаңалық", "text": text.join("\n")}).to_string());
        jsonl.push('\n');
    }
    folder_with(&[("news.jsonl", jsonl.as_bytes())])
}

fn building_folders(index: &Path) -> usize {
    std::fs::read_dir(index)
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().starts_with(".building-"))
                .count()
        })
        .unwrap_or(0)
}

fn current(index: &Path) -> String {
    std::fs::read_to_string(index.join("CURRENT")).unwrap()
}

/// `kinotanu index` of the repository's seeds into `index`.
fn index_seeds(work: &Path, index: &Path) -> std::process::Output {
    run(kinotanu(work)
        .args(["index", "--seeds"])
        .arg(common::seeds())
        .arg("--index")
        .arg(index))
}

fn ask_answers(work: &Path, index: &Path) {
    let output = run(kinotanu(work)
        .env("KINOTANU_SEEDS_DIR", common::seeds())
        .args(["ask", "--json", "--index"])
        .arg(index)
        .arg("Qaitadan фильмі қанша касса жинады?"));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(json_lines(&output)[0]["answered"], true);
}

#[test]
fn a_killed_rebuild_leaves_the_old_index_serving() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    let built = index_seeds(work.path(), &index);
    assert!(built.status.success(), "{}", stderr(&built));
    let live = current(&index);
    let big = big_corpus(6_000);
    let mut killed_mid_build = 0;

    for delay_ms in [0u64, 150, 600] {
        let mut child = kinotanu(work.path())
            .args(["index", "--seeds"])
            .arg(big.path())
            .arg("--index")
            .arg(&index)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while building_folders(&index) == 0 && started.elapsed() < Duration::from_secs(60) {
            std::thread::sleep(Duration::from_millis(2));
        }
        assert_eq!(building_folders(&index), 1, "the rebuild never started");
        // While it builds, questions are answered from the live index.
        ask_answers(work.path(), &index);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().unwrap();
        child.wait().unwrap();
        if current(&index) != live {
            // The build finished before the kill: nothing to check at this delay.
            continue;
        }
        killed_mid_build += 1;
        ask_answers(work.path(), &index);
    }
    assert!(killed_mid_build >= 1, "no rebuild was caught half-way");

    // The next rebuild takes the lock the dead process held, sweeps its leftovers and goes live.
    let rebuilt = index_seeds(work.path(), &index);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert_eq!(building_folders(&index), 0);
    assert_ne!(current(&index), live);
    ask_answers(work.path(), &index);
}

#[test]
fn a_stale_index_is_still_served_while_another_process_rebuilds() {
    let work = tempfile::tempdir().unwrap();
    let seeds = common::copy_of_seeds();
    let index = work.path().join("index");
    let env = |c: &mut std::process::Command| {
        c.env("KINOTANU_SEEDS_DIR", seeds.path())
            .env("KINOTANU_INDEX_DIR", &index);
    };
    let mut first = kinotanu(work.path());
    env(&mut first);
    assert!(run(first.arg("index")).status.success());

    // Another rebuild holds the lock; the seeds change meanwhile.
    let lock = File::options()
        .write(true)
        .open(index.join(".lock"))
        .unwrap();
    lock.try_lock().unwrap();
    std::fs::write(seeds.path().join("new.md"), "# Жаңа\n\nЖаңа құжат.\n").unwrap();

    let mut ask = kinotanu(work.path());
    env(&mut ask);
    let output = run(ask.args(["ask", "--json", "Питчинг деген не?"]));
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("a rebuild is running"),
        "{}",
        stderr(&output)
    );
    assert_eq!(json_lines(&output)[0]["answered"], true);
    drop(lock);

    // With the lock free, the next question rebuilds from the changed seeds.
    let mut ask = kinotanu(work.path());
    env(&mut ask);
    let output = run(ask.args(["ask", "--json", "Жаңа құжат"]));
    assert!(
        stderr(&output).contains("the seeds changed"),
        "{}",
        stderr(&output)
    );
    assert_eq!(json_lines(&output)[0]["passages"][0]["doc_id"], "new");
}

#[test]
fn a_rebuild_that_cannot_write_leaves_the_old_index_serving_with_a_clear_error() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    let built = index_seeds(work.path(), &index);
    assert!(built.status.success(), "{}", stderr(&built));
    let live = current(&index);

    // Something in the way of the pointer switch: the rebuild fails at its very last step.
    std::fs::create_dir(index.join("CURRENT.tmp")).unwrap();
    let failed = index_seeds(work.path(), &index);
    assert_eq!(failed.status.code(), Some(1));
    let err = stderr(&failed);
    assert!(
        err.contains("CURRENT.tmp") && err.lines().count() == 1,
        "{err}"
    );
    assert_eq!(current(&index), live);
    ask_answers(work.path(), &index);

    // Once the obstacle is gone, the next rebuild goes live and cleans up.
    std::fs::remove_dir(index.join("CURRENT.tmp")).unwrap();
    let rebuilt = index_seeds(work.path(), &index);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert_ne!(current(&index), live);
    let generations = std::fs::read_dir(&index)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
        .count();
    assert!(generations <= 2, "{generations} generations left");
    ask_answers(work.path(), &index);
}

#[test]
fn a_rebuild_that_runs_out_of_space_leaves_the_old_index_serving() {
    let work = tempfile::tempdir().unwrap();
    let index = work.path().join("index");
    let built = index_seeds(work.path(), &index);
    assert!(built.status.success(), "{}", stderr(&built));
    let live = current(&index);
    let big = big_corpus(3_000);

    // A file-size limit makes every write past 512 KB fail (EFBIG), as a full disk would; the
    // signal that would otherwise kill the writer is ignored, so the failure reaches kinotanu.
    let script = format!(
        "trap '' XFSZ; ulimit -f 1024; exec \"$0\" index --seeds \"{}\" --index \"{}\"",
        big.path().display(),
        index.display()
    );
    let full = run(std::process::Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_kinotanu"))
        .current_dir(work.path()));
    assert_eq!(full.status.code(), Some(1), "{}", stderr(&full));
    let err = stderr(&full);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("the index in use is unchanged"), "{err}");
    assert_eq!(current(&index), live);
    ask_answers(work.path(), &index);

    let rebuilt = index_seeds(work.path(), &index);
    assert!(rebuilt.status.success(), "{}", stderr(&rebuilt));
    assert_eq!(building_folders(&index), 0);
    ask_answers(work.path(), &index);
}

/// Whether this process ignores file modes (root does), so that a read-only folder needs
/// another user to be read-only for.
fn is_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("Uid:"))
        .and_then(|ids| ids.split_whitespace().nth(1))
        == Some("0")
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn open_to_all(path: &Path) {
    if path.is_dir() {
        set_mode(path, 0o777);
        for entry in std::fs::read_dir(path).unwrap().flatten() {
            open_to_all(&entry.path());
        }
    } else {
        set_mode(path, 0o666);
    }
}

/// kinotanu run by a user who may read the index folder but not write it: as root (which
/// ignores file modes), the binary runs as nobody through setpriv (util-linux), so it is copied
/// into `work`, which nobody can then reach; otherwise it runs as ourselves, the folder read-only.
fn as_reader_only(work: &Path, index: &Path) -> std::process::Command {
    set_mode(index, 0o555);
    if !is_root() {
        return kinotanu(work);
    }
    set_mode(work, 0o755);
    // Inside the generations nobody gets what an owner has: Tantivy writes some files 0600,
    // and a reader creates a lock file in its generation. Only the index folder is read-only.
    for entry in std::fs::read_dir(index).unwrap().flatten() {
        if entry.file_name() != ".lock" {
            open_to_all(&entry.path());
        }
    }
    let binary = work.join("kinotanu");
    if !binary.exists() {
        std::fs::copy(env!("CARGO_BIN_EXE_kinotanu"), &binary).unwrap();
    }
    let mut command = std::process::Command::new("setpriv");
    command
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(binary)
        .current_dir(work);
    for var in ["KINOTANU_SEEDS_DIR", "KINOTANU_INDEX_DIR", "TELOXIDE_TOKEN"] {
        command.env_remove(var);
    }
    command
}

/// Builds an index from a copy of the seeds inside `work` (readable by anyone), then runs a
/// rebuild the index folder refuses, with the lock file given `lock_mode` first.
fn rebuild_refused(lock_mode: u32) {
    let work = tempfile::tempdir().unwrap();
    let seeds = work.path().join("seeds");
    std::fs::create_dir(&seeds).unwrap();
    for entry in std::fs::read_dir(common::seeds()).unwrap().flatten() {
        std::fs::copy(entry.path(), seeds.join(entry.file_name())).unwrap();
    }
    let index = work.path().join("index");
    let built = run(kinotanu(work.path())
        .args(["index", "--seeds"])
        .arg(&seeds)
        .arg("--index")
        .arg(&index));
    assert!(built.status.success(), "{}", stderr(&built));
    let live = current(&index);
    set_mode(&index.join(".lock"), lock_mode);

    let refused = run(as_reader_only(work.path(), &index)
        .args(["index", "--seeds"])
        .arg(&seeds)
        .arg("--index")
        .arg(&index));
    let err = stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(&index.display().to_string()), "{err}");
    assert!(err.contains("Permission denied"), "{err}");
    assert!(err.contains("the index in use is unchanged"), "{err}");
    assert_eq!(current(&index), live);
    assert_eq!(building_folders(&index), 0);

    // The folder is still read-only: `ask` opens the live generation without writing.
    let asked = run(kinotanu(work.path())
        .env("KINOTANU_SEEDS_DIR", &seeds)
        .args(["ask", "--json", "--index"])
        .arg(&index)
        .arg("Qaitadan фильмі қанша касса жинады?"));
    assert!(asked.status.success(), "{}", stderr(&asked));
    assert_eq!(json_lines(&asked)[0]["answered"], true);
    assert_eq!(current(&index), live, "ask rebuilt the index");

    // New seeds make the index stale. Where the lock can be taken, the new file goes into the
    // live generation in place (its folder is writable; no new generation is needed). Where it
    // cannot, the update fails the same way as the rebuild, and the question is answered from
    // the index in use, with the reason on stderr.
    std::fs::write(seeds.join("new.md"), "# Жаңа\n\nЖаңа құжат.\n").unwrap();
    let stale = run(as_reader_only(work.path(), &index)
        .args(["ask", "--json", "--index"])
        .arg(&index)
        .arg("Жаңа құжат"));
    let err = stderr(&stale);
    assert!(stale.status.success(), "{err}");
    let first = json_lines(&stale)[0]["passages"][0]["doc_id"].clone();
    if lock_mode & 0o002 == 0 {
        assert!(err.contains("Permission denied"), "{err}");
        assert!(err.contains("answering from the index in use"), "{err}");
        assert_ne!(first, "new", "{err}");
    } else {
        assert!(err.contains("updating the index"), "{err}");
        assert_eq!(first, "new", "{err}");
    }
    assert_eq!(current(&index), live);
    set_mode(&index, 0o755);
}

#[test]
fn a_rebuild_in_a_folder_it_cannot_write_says_so_and_leaves_the_old_index_serving() {
    // Not even the lock file can be opened for writing.
    rebuild_refused(0o444);
}

#[test]
fn a_rebuild_that_takes_the_lock_but_cannot_create_a_generation_leaves_the_old_index_serving() {
    // The lock is open to all, so the rebuild gets as far as creating its new generation (and
    // an update in place, which needs no new folder, goes through).
    rebuild_refused(0o666);
}
