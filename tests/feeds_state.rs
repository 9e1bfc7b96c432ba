//! Each feed's fetch state (`.feed-state.json` beside its items) across rounds: a damaged one
//! is started afresh or worked around, never a feed stopped for good.

mod feeds_support;

use std::path::{Path, PathBuf};

use feeds_support::*;
use kinotanu::sources::feeds::{FeedOutcome, FeedStore, STATE_FILE, Url};

fn state_file(seeds: &Path, feed: &str) -> PathBuf {
    FeedStore::new(seeds.to_path_buf())
        .folder(&Url::parse(feed).unwrap())
        .join(STATE_FILE)
}

/// Rewrites one field of the state file's JSON.
fn damage(path: &Path, field: &str, value: serde_json::Value) {
    let mut state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    state[field] = value;
    std::fs::write(path, serde_json::to_vec(&state).unwrap()).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_state_never_stops_a_feed() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    serve_one_kazakh_item(&site);
    let feed = site.url("/kk/rss.xml");
    let (poller, list) = (poller(seeds.path()), feeds(std::slice::from_ref(&feed)));
    assert_eq!(report(&round(&poller, &list).await, &feed).added, 1);
    let state = state_file(seeds.path(), &feed);

    // Validators no request header can carry: the feed is asked for whole.
    damage(&state, "etag", "\"v1\"\r\nX-Injected: 1".into());
    damage(&state, "last_modified", "Дс, 17 қар".into());
    let polled = round(&poller, &list).await;
    let read = report(&polled, &feed);
    assert_eq!(read.outcome, FeedOutcome::Read, "{read:#?}");
    assert_eq!((read.added, read.seen), (0, 1), "{read:#?}");
    let asked = site.requests_to("/kk/rss.xml");
    assert_eq!(asked.last().unwrap().if_none_match, None);
    assert_eq!(
        report(&round(&poller, &list).await, &feed).outcome,
        FeedOutcome::NotModified,
        "the validators of the answer are kept again"
    );

    // Not JSON at all: started afresh, said once, and the item is the same document.
    std::fs::write(&state, b"{\"url\": \"http://").unwrap();
    let polled = round(&poller, &list).await;
    let afresh = report(&polled, &feed);
    assert_eq!(afresh.outcome, FeedOutcome::Read, "{afresh:#?}");
    assert!(
        afresh
            .problems
            .iter()
            .any(|p| p.contains(STATE_FILE) && p.contains("starting afresh")),
        "{afresh:#?}"
    );
    let corpus = kinotanu::corpus::read_seeds(seeds.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.documents.len(), 1);
    let next = round(&poller, &list).await;
    assert_eq!(report(&next, &feed).outcome, FeedOutcome::NotModified);
    assert!(report(&next, &feed).problems.is_empty());
}

/// Two searches of a news aggregator: addresses alike for their first 80 characters and more.
fn search_feed(lang: &str) -> String {
    format!(
        "/rss/search?q=%D0%BA%D0%B0%D0%B7%D0%B0%D1%85%D1%81%D0%BA%D0%BE%D0%B5+%D0%BA%D0%B8%D0%BD%D0%BE&hl={lang}&gl=KZ&ceid=KZ:{lang}"
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_alike_but_for_the_end_of_their_address_keep_their_own_folders() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    let mut urls = Vec::new();
    for (lang, text) in [
        ("ru", "Фильм «Степной ветер» вышел в прокат в Казахстане."),
        (
            "kk",
            "«Дала желі» фильмі Қазақстан кинотеатрларында көрсетіле бастады.",
        ),
    ] {
        let page = site.url(&format!("/news/{lang}"));
        let items = [(lang, page.as_str(), "Кино", KK_DATE, "")];
        site.set(&search_feed(lang), Route::rss(rss(lang, &items), lang));
        site.set(
            &format!("/news/{lang}"),
            Route::html(press_page(lang, "Кино", &[text])),
        );
        urls.push(site.url(&search_feed(lang)));
    }
    let (poller, list) = (poller(seeds.path()), feeds(&urls));
    let first = round(&poller, &list).await;
    let second = round(&poller, &list).await;
    let folders: Vec<PathBuf> = urls.iter().map(|u| state_file(seeds.path(), u)).collect();
    assert_ne!(folders[0], folders[1]);
    for url in &urls {
        assert_eq!(report(&first, url).added, 1, "{first:#?}");
        assert_eq!(
            report(&second, url).outcome,
            FeedOutcome::NotModified,
            "{second:#?}"
        );
    }
    for lang in ["ru", "kk"] {
        assert_eq!(
            site.requests_to(&format!("/news/{lang}")).len(),
            1,
            "{lang}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feed_at_a_new_address_of_the_same_folder_goes_on_from_its_state() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    let page = site.url("/kk/news/baldyrgan");
    let item = |summary: &str| {
        rss(
            "Kino.kz",
            &[("kk-1", page.as_str(), "Фестиваль", KK_DATE, summary)],
        )
    };
    site.set("/kk/RSS.xml", Route::rss(item("Бірінші."), "v1"));
    site.set(
        "/kk/news/baldyrgan",
        Route::html(press_page("kk", "Фестиваль", &[BALDYRGAN])),
    );
    let (old, new) = (site.url("/kk/RSS.xml"), site.url("/kk/rss.xml"));
    let poller = poller(seeds.path());
    assert_eq!(
        report(
            &round(&poller, &feeds(std::slice::from_ref(&old))).await,
            &old
        )
        .added,
        1
    );

    // The site moved its feed to a lowercase address, and updated the item.
    site.set("/kk/rss.xml", Route::rss(item("Екінші."), "v2"));
    site.set(
        "/kk/news/baldyrgan",
        Route::html(press_page(
            "kk",
            "Фестиваль",
            &["Фестиваль 19 желтоқсанда ашылады."],
        )),
    );
    let moved = round(&poller, &feeds(std::slice::from_ref(&new))).await;
    let updated = report(&moved, &new);
    assert_eq!((updated.added, updated.updated), (0, 1), "{updated:#?}");
    assert!(updated.also_elsewhere.is_empty(), "{updated:#?}");
    let corpus = kinotanu::corpus::read_seeds(seeds.path()).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    let text = corpus.documents[0].paragraphs.join("\n");
    assert!(
        text.contains("19 желтоқсанда") && !text.contains("12 желтоқсанда"),
        "{text}"
    );
    let text = corpus.documents[0].paragraphs.join("\n");
    assert!(
        text.contains("19 желтоқсанда") && !text.contains("12 желтоқсанда"),
        "{text}"
    );

    // Listed together, the two addresses would share the folder: the second is not polled.
    let both = round(&poller, &feeds(&[new.clone(), old.clone()])).await;
    match &report(&both, &old).outcome {
        FeedOutcome::Failed(reason) => {
            assert!(
                reason.contains(&format!("is that of {new}, listed before it")),
                "{reason}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(site.requests_to("/kk/RSS.xml").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_stored_by_a_feed_no_longer_followed_is_stored_by_another_that_carries_it() {
    let site = NewsSite::start().await;
    let seeds = tempfile::tempdir().unwrap();
    let page = serve_one_kazakh_item(&site);
    site.set(
        "/all/rss.xml",
        Route::rss(
            rss(
                "Барлық жаңалықтар",
                &[("all-1", &page, "Фестиваль", KK_DATE, "")],
            ),
            "a1",
        ),
    );
    let (kk, all) = (site.url("/kk/rss.xml"), site.url("/all/rss.xml"));
    let poller = poller(seeds.path());
    round(&poller, &feeds(std::slice::from_ref(&kk))).await;
    let both = round(&poller, &feeds(&[kk.clone(), all.clone()])).await;
    assert_eq!(
        report(&both, &all).also_elsewhere,
        std::slice::from_ref(&kk)
    );

    // The kk feed is no longer followed, and its folder is deleted.
    let kk_folder = state_file(seeds.path(), &kk);
    std::fs::remove_dir_all(kk_folder.parent().unwrap()).unwrap();
    let alone = round(&poller, &feeds(std::slice::from_ref(&all))).await;
    assert_eq!(report(&alone, &all).added, 1, "{alone:#?}");
    let corpus = kinotanu::corpus::read_seeds(seeds.path()).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(corpus.documents[0].url.as_deref(), Some(page.as_str()));
}
