//! kill -9 during a stream of updates in place: posts are written to the corpus of record one
//! after another, and each time a `kinotanu ask` (which brings the index up to date before it
//! answers) is killed at a different moment of its update. The index must always open and
//! answer, and once a process is let finish, hold every post written.

mod common;

use std::path::Path;
use std::time::Instant;

use common::{json_lines, kinotanu, run, stderr};
use kinotanu::search::SearchIndex;
use serde_json::json;

fn write_posts(seeds: &Path, count: usize) {
    let lines: String = (0..count)
        .map(|n| {
            let text = format!("Арнайы көрсетілім: kinotanukill{n} фильмі Семейде көрсетіледі.");
            format!(
                "{}\n",
                json!({"id": format!("tg-7-{n}"), "title": "Көрсетілім", "text": text})
            )
        })
        .collect();
    let path = seeds.join("telegram/7/2026-12.jsonl");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let temporary = path.with_extension("tmp-write");
    std::fs::write(&temporary, lines).unwrap();
    std::fs::rename(temporary, path).unwrap();
}

#[test]
fn killed_updates_never_break_the_index_and_lose_nothing_written() {
    let work = tempfile::tempdir().unwrap();
    let seeds = common::copy_of_seeds();
    let index = work.path().join("index");
    let ask = |question: &str| {
        let mut command = kinotanu(work.path());
        command
            .env("KINOTANU_SEEDS_DIR", seeds.path())
            .env("KINOTANU_INDEX_DIR", &index)
            .args(["ask", "--json", question]);
        command
    };
    assert!(run(&mut ask("Qaitadan")).status.success());
    // How long a process takes to update the index with one post and answer: the kills are
    // spread over that time, so that some land before the commit and some after.
    write_posts(seeds.path(), 1);
    let started = Instant::now();
    assert!(run(&mut ask("Qaitadan")).status.success());
    let whole = started.elapsed();

    let posts = 30;
    let (mut cut, mut finished) = (0, 0);
    for n in 2..=posts {
        write_posts(seeds.path(), n);
        let mut child = ask("Qaitadan фильмі қанша касса жинады?").spawn().unwrap();
        std::thread::sleep(whole * (n as u32 - 2) / (posts as u32 - 2));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever moment it died at, the index opens and answers.
        let opened = SearchIndex::open(&index).unwrap_or_else(|e| panic!("after kill {n}: {e:#}"));
        let answer =
            kinotanu::answer::answer(&opened, "Qaitadan фильмі қанша касса жинады?", 3).unwrap();
        assert!(answer.answered, "after kill {n}");
        match opened
            .document_passages(&format!("tg-7-{}", n - 1))
            .unwrap()
            .len()
        {
            0 => cut += 1,
            _ => finished += 1,
        }
    }
    println!("{cut} updates cut by the kill, {finished} finished before it");
    assert!(cut > 0, "no kill landed before an update's commit");

    // The next process that is let finish brings in every post written.
    let finished = run(&mut ask(&format!("kinotanukill{} қайда?", posts - 1)));
    assert!(finished.status.success(), "{}", stderr(&finished));
    assert_eq!(
        json_lines(&finished)[0]["passages"][0]["doc_id"],
        format!("tg-7-{}", posts - 1),
        "{}",
        stderr(&finished)
    );
    let opened = SearchIndex::open(&index).unwrap();
    for n in 0..posts {
        let passages = opened.document_passages(&format!("tg-7-{n}")).unwrap();
        assert_eq!(passages.len(), 1, "post {n}: {passages:?}");
    }
    assert_eq!(opened.manifest().documents, 2 + posts);
}
