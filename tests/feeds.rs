//! Followed news feeds against a news site double on 127.0.0.1: RSS and Atom feeds, Kazakh and
//! Russian items whose linked pages are read without their chrome, new, updated and repeated
//! items, conditional GETs answered by 304, and the feeds and pages that fail — a 500, a
//! time-out, a malformed feed, a redirect loop, a page of 50 MB, a PDF — reported while the
//! others go on. The good items are answerable, with links to their pages.

mod common;
mod feeds_support;

use std::path::Path;
use std::time::Duration;

use feeds_support::*;
use kinotanu::answer::{self, Answer};
use kinotanu::sources::feeds::{FeedOutcome, Url};

const BALDYRGAN_MOVED: &str =
    "Шымкентте балалар фильмдерінің «Балдырған» фестивалі 19 желтоқсанда ашылады.";
const SCREENING: &str =
    "Ақтөбедегі «Жұлдыз» кинотеатрында «Тұмар» фильмінің жабық көрсетілімі болады.";
const SCREENING_QUESTION: &str = "Тұмар фильмінің жабық көрсетілімі қай кинотеатрда болады?";
const STUDIO: &str = "«Сарыарқа» киностудиясы Қарағандыдағы жаңа ғимаратқа көшті.";
const STUDIO_QUESTION: &str = "Сарыарқа киностудиясы қайда көшті?";
const WORKSHOP: &str =
    "Жас режиссерлерге арналған «Алғашқы кадр» шеберханасы 3 қаңтарда басталады.";
const WORKSHOP_QUESTION: &str = "Алғашқы кадр шеберханасы қашан басталады?";
const PREMIERE: &str = "Премьера фильма «Степной ветер» состоится 5 декабря в Астане.";
const PREMIERE_QUESTION: &str = "Когда состоится премьера фильма «Степной ветер»?";

/// Syncs the index with the seeds (as `kinotanu fetch` does) and asks.
fn ask(seeds: &Path, index: &Path, question: &str) -> Answer {
    let index = kinotanu::live_index::open_or_build(seeds, index).unwrap();
    answer::answer(&index, question, 5).unwrap()
}

fn shown(answer: &Answer) -> String {
    answer
        .sentence
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// The kk feed's items: the festival (a page), the screening (a PDF), the studio (a page of
/// 50 MB), and the festival again (a duplicate within the feed).
fn kk_feed(
    site: &NewsSite,
    huge: &str,
    festival_summary: &str,
    extra: Option<(&str, &str)>,
) -> String {
    let festival = site.url("/kk/news/baldyrgan");
    let pdf = site.url("/files/tumar.pdf");
    let mut items = vec![
        (
            "kk-1",
            festival.as_str(),
            "«Балдырған» фестивалі",
            KK_DATE,
            festival_summary,
        ),
        (
            "kk-2",
            pdf.as_str(),
            "«Тұмар» көрсетілімі",
            KK_DATE,
            SCREENING,
        ),
        ("kk-3", huge, "«Сарыарқа» жаңа ғимаратта", KK_DATE, STUDIO),
        (
            "kk-1",
            festival.as_str(),
            "«Балдырған» фестивалі",
            KK_DATE,
            festival_summary,
        ),
    ];
    let workshop = extra.map(|(link, _)| link.to_string());
    if let (Some((_, date)), Some(link)) = (extra, workshop.as_deref()) {
        items.push((
            "kk-4",
            link,
            "«Алғашқы кадр» шеберханасы",
            date,
            "Шеберхана туралы.",
        ));
    }
    rss("Kino.kz жаңалықтары", &items)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn followed_feeds_become_answerable_documents_and_bad_ones_are_reported() {
    let site = NewsSite::start().await;
    let slow_site = NewsSite::start().await;
    let huge = EndlessPage::start(50_000_000).await;
    let seeds = common::copy_of_seeds();
    let index = tempfile::tempdir().unwrap();
    // Answers that take a moment: feeds polled at once would overlap on the site.
    site.delay_answers(Duration::from_millis(50));

    site.set(
        "/kk/rss.xml",
        Route::rss(kk_feed(&site, &huge.url, "Фестиваль туралы.", None), "v1"),
    );
    site.set(
        "/kk/news/baldyrgan",
        Route::html(press_page(
            "kk",
            "«Балдырған» фестивалі",
            &[BALDYRGAN, "Фестивальге 40 фильм қатысады."],
        )),
    );
    site.set(
        "/files/tumar.pdf",
        Route::typed("application/pdf", "%PDF-1.7 binary"),
    );
    site.set(
        "/ru/atom.xml",
        Route::atom(
            atom(
                "Киноновости",
                &[(
                    "urn:ru-1",
                    &site.url("/ru/news/stepnoy-veter"),
                    "Премьера «Степного ветра»",
                    "2025-11-18T12:00:00+05:00",
                    "Кратко о премьере.",
                )],
            ),
            "Tue, 18 Nov 2025 07:00:00 GMT",
        ),
    );
    site.set(
        "/ru/news/stepnoy-veter",
        Route::html(press_page(
            "ru",
            "Премьера «Степного ветра»",
            &[PREMIERE, "Билеты уже в продаже."],
        )),
    );
    site.set("/broken.xml", Route::Status(500));
    site.set(
        "/malformed.xml",
        Route::rss(
            "<rss version=\"2.0\"><channel><title>Сынық</title><item><title>x</ti",
            "m",
        ),
    );
    site.set("/loop.xml", Route::Redirect("/loop.xml".into()));
    site.set(
        "/to-ftp.xml",
        Route::Redirect("ftp://127.0.0.1/feed.xml".into()),
    );
    slow_site.set("/slow.xml", Route::Slow(Duration::from_secs(3)));

    let (kk, ru) = (site.url("/kk/rss.xml"), site.url("/ru/atom.xml"));
    let (broken, malformed) = (site.url("/broken.xml"), site.url("/malformed.xml"));
    let (looping, to_ftp, slow) = (
        site.url("/loop.xml"),
        site.url("/to-ftp.xml"),
        slow_site.url("/slow.xml"),
    );
    let list = feeds(&[
        kk.clone(),
        broken.clone(),
        slow.clone(),
        ru.clone(),
        malformed.clone(),
        looping.clone(),
        to_ftp.clone(),
    ]);
    let poller = poller(seeds.path());

    // Round 1: everything is new.
    let first = round(&poller, &list).await;
    let kk_report = report(&first, &kk);
    assert_eq!(kk_report.outcome, FeedOutcome::Read, "{kk_report:#?}");
    assert_eq!(kk_report.title.as_deref(), Some("Kino.kz жаңалықтары"));
    assert_eq!(
        (kk_report.added, kk_report.updated, kk_report.seen),
        (3, 0, 0),
        "the duplicate item is one document: {kk_report:#?}"
    );
    let problems = kk_report.problems.join("\n");
    assert!(
        problems.contains(&format!("{}: larger than 5 MB", huge.url)),
        "{problems}"
    );
    assert!(
        problems.contains(&format!(
            "{}: not an HTML page (application/pdf)",
            site.url("/files/tumar.pdf")
        )),
        "{problems}"
    );
    let ru_report = report(&first, &ru);
    assert_eq!(
        (ru_report.outcome.clone(), ru_report.added),
        (FeedOutcome::Read, 1)
    );
    let failed = |url: &str| match &report(&first, url).outcome {
        FeedOutcome::Failed(reason) => reason.clone(),
        other => panic!("{url} should have failed: {other:?}"),
    };
    assert_eq!(failed(&broken), "HTTP 500");
    assert_eq!(failed(&slow), "no answer within 1 s");
    assert!(
        failed(&malformed).starts_with("not an RSS or Atom feed"),
        "{}",
        failed(&malformed)
    );
    assert!(
        failed(&looping).contains("more than 5 redirects"),
        "{}",
        failed(&looping)
    );
    assert!(
        failed(&to_ftp).contains("not an http(s) address"),
        "{}",
        failed(&to_ftp)
    );
    assert_eq!(first.failed(), 5);
    assert_eq!(
        site.requests_to("/loop.xml").len(),
        6,
        "the first request and 5 redirects"
    );

    // The 50 MB page was not read to its end, nor held in memory.
    assert!(
        huge.bytes_sent() < 20_000_000,
        "reading stopped past 5 MB: {} bytes sent",
        huge.bytes_sent()
    );
    // One request at a time on the site, though four feeds were polled at once.
    assert_eq!(site.most_in_flight(), 1);
    let agent = site.requests()[0].user_agent.clone().unwrap();
    assert!(agent.starts_with("kinotanu/"), "{agent}");

    // The good items are answerable, with links to their pages, and the page's chrome is not.
    let festival = ask(seeds.path(), index.path(), BALDYRGAN_QUESTION);
    assert!(shown(&festival).contains("12 желтоқсанда"), "{festival:#?}");
    let top = &festival.evidence[0].passage;
    assert_eq!(
        top.url.as_deref(),
        Some(site.url("/kk/news/baldyrgan").as_str())
    );
    assert_eq!(top.title, "«Балдырған» фестивалі");
    assert_eq!(top.source.as_deref(), Some("Kino.kz жаңалықтары"));
    assert_eq!(top.date.as_deref(), Some("2025-11-17"));
    assert_eq!(top.lang.code(), "kk");
    for chrome in ["МӘЗІР", "COOKIE", "ФУТЕР", "tracking"] {
        assert!(!top.text.contains(chrome), "{chrome} in {}", top.text);
    }
    let premiere = ask(seeds.path(), index.path(), PREMIERE_QUESTION);
    assert!(shown(&premiere).contains("5 декабря"), "{premiere:#?}");
    let top = &premiere.evidence[0].passage;
    assert_eq!(
        top.url.as_deref(),
        Some(site.url("/ru/news/stepnoy-veter").as_str())
    );
    assert_eq!(
        (top.lang.code(), top.date.as_deref()),
        ("ru", Some("2025-11-18"))
    );
    // The PDF and the 50 MB page fell back to the item's own text, with the item's link.
    let screening = ask(seeds.path(), index.path(), SCREENING_QUESTION);
    assert!(shown(&screening).contains("«Жұлдыз»"), "{screening:#?}");
    assert_eq!(
        screening.evidence[0].passage.url.as_deref(),
        Some(site.url("/files/tumar.pdf").as_str())
    );
    let studio = ask(seeds.path(), index.path(), STUDIO_QUESTION);
    assert!(shown(&studio).contains("жаңа ғимаратқа"), "{studio:#?}");
    assert_eq!(
        studio.evidence[0].passage.url.as_deref(),
        Some(huge.url.as_str())
    );

    // Round 2: the feeds answer 304 to the validators they gave; nothing is fetched again.
    let requests_before = site.requests().len();
    let huge_connections = huge.connections();
    let second = round(&poller, &list).await;
    assert_eq!(report(&second, &kk).outcome, FeedOutcome::NotModified);
    assert_eq!(report(&second, &ru).outcome, FeedOutcome::NotModified);
    let kk_polls = site.requests_to("/kk/rss.xml");
    assert_eq!(
        kk_polls.last().unwrap().if_none_match.as_deref(),
        Some("\"v1\"")
    );
    assert_eq!(kk_polls.last().unwrap().status, 304);
    let ru_polls = site.requests_to("/ru/atom.xml");
    assert_eq!(
        ru_polls.last().unwrap().if_modified_since.as_deref(),
        Some("Tue, 18 Nov 2025 07:00:00 GMT")
    );
    assert_eq!(ru_polls.last().unwrap().status, 304);
    let new_requests: Vec<String> = site.requests()[requests_before..]
        .iter()
        .map(|r| r.path.clone())
        .filter(|p| {
            !["/broken.xml", "/malformed.xml", "/loop.xml", "/to-ftp.xml"].contains(&p.as_str())
        })
        .collect();
    assert_eq!(
        new_requests.len(),
        2,
        "only the two feeds: {new_requests:?}"
    );
    assert_eq!(huge.connections(), huge_connections);
    assert!(
        matches!(report(&second, &broken).outcome, FeedOutcome::Failed(_)),
        "retried, still failing"
    );

    // Round 3: the festival item is updated, a new item appears; the others are not fetched.
    let workshop_link = site.url("/kk/news/sheberkhana");
    site.set(
        "/kk/rss.xml",
        Route::rss(
            kk_feed(
                &site,
                &huge.url,
                "Фестиваль күні өзгерді.",
                Some((&workshop_link, "Tue, 06 Jan 2026 10:00:00 +0500")),
            ),
            "v2",
        ),
    );
    site.set(
        "/kk/news/baldyrgan",
        Route::html(press_page(
            "kk",
            "«Балдырған» фестивалі",
            &[BALDYRGAN_MOVED, "Фестивальге 40 фильм қатысады."],
        )),
    );
    let workshop_path = Url::parse(&workshop_link).unwrap().path().to_string();
    site.set(
        &workshop_path,
        Route::html(press_page("kk", "«Алғашқы кадр»", &[WORKSHOP])),
    );
    // A feed of all the site's news carries the festival too, under another guid.
    let all = site.url("/all/rss.xml");
    let festival_link = site.url("/kk/news/baldyrgan");
    site.set(
        "/all/rss.xml",
        Route::rss(
            rss(
                "Барлық жаңалықтар",
                &[("all-77", &festival_link, "Фестиваль", KK_DATE, "Қысқаша.")],
            ),
            "a1",
        ),
    );
    let list = list
        .urls()
        .iter()
        .cloned()
        .chain([Url::parse(&all).unwrap()])
        .collect();
    let third = round(&poller, &list).await;
    let all_report = report(&third, &all);
    assert_eq!(
        (all_report.added, all_report.seen, all_report.pages),
        (0, 1, 0),
        "the same page is one document, not fetched again: {all_report:#?}"
    );
    assert_eq!(all_report.also_elsewhere, std::slice::from_ref(&kk));
    let kk_report = report(&third, &kk);
    assert_eq!(
        (
            kk_report.added,
            kk_report.updated,
            kk_report.seen,
            kk_report.pages
        ),
        (1, 1, 2, 2),
        "{kk_report:#?}"
    );
    assert_eq!(
        site.requests_to("/kk/news/baldyrgan").len(),
        2,
        "fetched again once, as updated"
    );
    assert_eq!(
        site.requests_to("/files/tumar.pdf").len(),
        1,
        "never fetched again"
    );
    assert_eq!(huge.connections(), huge_connections, "never fetched again");

    let festival = ask(seeds.path(), index.path(), BALDYRGAN_QUESTION);
    assert!(shown(&festival).contains("19 желтоқсанда"), "{festival:#?}");
    assert!(
        festival
            .evidence
            .iter()
            .all(|e| !e.passage.text.contains("12 желтоқсанда")),
        "the updated item replaced its document: {festival:#?}"
    );
    let workshop = ask(seeds.path(), index.path(), WORKSHOP_QUESTION);
    assert!(shown(&workshop).contains("3 қаңтарда"), "{workshop:#?}");
    assert_eq!(
        workshop.evidence[0].passage.url.as_deref(),
        Some(workshop_link.as_str())
    );

    // The corpus of record: month files of documents, and a state the seeds reader never reads.
    let feed_folder = seeds.path().join(format!(
        "feeds/{}/kk-rss.xml",
        site.base.trim_start_matches("http://").replace(':', "_")
    ));
    assert!(feed_folder.join("2025-11.jsonl").is_file());
    assert!(
        feed_folder.join("2026-01.jsonl").is_file(),
        "filed by publication month"
    );
    assert!(feed_folder.join(".feed-state.json").is_file());
    let corpus = kinotanu::corpus::read_seeds(seeds.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(
        corpus.documents.len(),
        2 + 5,
        "the two seed articles and five items"
    );
}
