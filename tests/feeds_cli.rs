//! `kinotanu fetch` through the binary, against a news site double on 127.0.0.1: the items it
//! stores are answered by `kinotanu ask --json` with their links, a failed feed beside a good
//! one is reported and not fatal, every feed failing exits 1, a bad `KINOTANU_FEEDS` exits 2
//! with one line, nothing of the progress display reaches a pipe, and the feeds' state is never
//! read as a document by `kinotanu index`.

mod common;
mod feeds_support;

use std::path::Path;

use feeds_support::*;

/// Runs the binary off the async threads, so that the site keeps answering meanwhile.
async fn kinotanu_with(cwd: &Path, args: &[&str], env: &[(&str, String)]) -> std::process::Output {
    let mut command = common::kinotanu(cwd);
    command.args(args);
    for (name, value) in env {
        command.env(name, value);
    }
    tokio::task::spawn_blocking(move || common::run(&mut command))
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn kinotanu_fetch_stores_and_indexes_the_items_and_ask_shows_their_links() {
    let site = NewsSite::start().await;
    let page = serve_one_kazakh_item(&site);
    site.set("/broken.xml", Route::Status(503));
    let (kk, broken) = (site.url("/kk/rss.xml"), site.url("/broken.xml"));
    let work = tempfile::tempdir().unwrap();
    let seeds = common::copy_of_seeds();
    let env = |feeds: &str| {
        vec![
            ("KINOTANU_FEEDS", feeds.to_string()),
            ("KINOTANU_SEEDS_DIR", seeds.path().display().to_string()),
            (
                "KINOTANU_INDEX_DIR",
                work.path().join("idx").display().to_string(),
            ),
        ]
    };

    let fetched = kinotanu_with(work.path(), &["fetch"], &env(&format!("{kk}, {broken}"))).await;
    let (out, err) = (common::stdout(&fetched), common::stderr(&fetched));
    assert!(
        fetched.status.success(),
        "a failed feed is not fatal: {out}\n{err}"
    );
    assert!(
        out.contains(&format!(
            "{kk} (Kino.kz жаңалықтары): 1 new, 0 updated, 0 seen, 1 page fetched"
        )),
        "{out}"
    );
    assert!(
        out.contains("fetched 2 feeds: 1 new, 0 updated; 1 failed, 0 problems"),
        "{out}"
    );
    assert!(
        err.contains(&format!(
            "warning: {broken}: HTTP 503; tried again next round"
        )),
        "{err}"
    );
    assert!(
        !err.contains('\r') && !err.contains('\u{1b}'),
        "no progress display in a pipe: {err:?}"
    );

    let asked = kinotanu_with(
        work.path(),
        &["ask", "--json", BALDYRGAN_QUESTION],
        &env(""),
    )
    .await;
    assert!(asked.status.success(), "{}", common::stderr(&asked));
    let answer = &common::json_lines(&asked)[0];
    assert_eq!(answer["answered"], true);
    assert!(
        answer["answer"]
            .as_str()
            .unwrap()
            .contains("12 желтоқсанда"),
        "{answer}"
    );
    assert_eq!(answer["passages"][0]["url"], page.as_str());
    assert_eq!(answer["passages"][0]["source"], "Kino.kz жаңалықтары");

    // The feed's state beside its items is never taken for a document.
    let indexed = kinotanu_with(work.path(), &["index"], &env("")).await;
    let (out, err) = (common::stdout(&indexed), common::stderr(&indexed));
    assert!(indexed.status.success(), "{out}\n{err}");
    assert!(
        out.contains("read 3 files: 2 txt, 1 jsonl; 0 problems"),
        "{out}"
    );
    assert!(!err.contains("warning"), "{err}");

    // Bad configuration: exit 2 and one line naming the entry.
    let bad = kinotanu_with(
        work.path(),
        &["fetch"],
        &env(&format!("{kk},ftp://kino.kz/rss")),
    )
    .await;
    assert_eq!(bad.status.code(), Some(2));
    let err = common::stderr(&bad);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("`ftp://kino.kz/rss` is not an http or https address"),
        "{err}"
    );
    let unset = kinotanu_with(work.path(), &["fetch"], &env("")).await;
    assert_eq!(unset.status.code(), Some(2));
    assert!(common::stderr(&unset).contains("KINOTANU_FEEDS is not set"));

    // Every feed failing is an error of the round (1), still tried again next time.
    let all_failed = kinotanu_with(work.path(), &["fetch"], &env(&broken)).await;
    assert_eq!(
        all_failed.status.code(),
        Some(1),
        "{}",
        common::stderr(&all_failed)
    );
    assert_eq!(site.requests_to("/kk/news/baldyrgan").len(), 1);
}
