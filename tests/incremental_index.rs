//! Documents added, replaced and removed in the live index in place: what a sync changes, that
//! deleted passages never come back, that two files sharing an id keep following the name
//! order, that segments do not pile up, and that the result answers like a rebuild from
//! scratch.

mod common;

use std::path::Path;

use kinotanu::answer;
use kinotanu::live_index::{self, Synced};
use kinotanu::search::SearchIndex;
use serde_json::json;

fn write(seeds: &Path, name: &str, lines: &[serde_json::Value]) {
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let path = seeds.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    // As the sources write: beside it, then renamed over it.
    let temporary = path.with_extension("tmp-write");
    std::fs::write(&temporary, text).unwrap();
    std::fs::rename(temporary, path).unwrap();
}

fn post(id: &str, title: &str, text: &str) -> serde_json::Value {
    json!({"id": id, "title": title, "text": text, "date": "2026-12-01"})
}

/// Syncs and waits for the merges, as a short-lived command does.
fn sync(seeds: &Path, index: &Path) -> Synced {
    let synced = live_index::sync(seeds, index, true).unwrap().unwrap();
    if let Synced::Updated { merges, .. } = synced {
        merges.wait().unwrap();
        // What the update reported is not needed once it is in.
        return Synced::Unchanged;
    }
    synced
}

fn top_documents(index: &SearchIndex, question: &str) -> Vec<String> {
    answer::answer(index, question, 5)
        .unwrap()
        .evidence
        .iter()
        .map(|e| e.passage.doc_id.clone())
        .collect()
}

fn current_generation(index: &Path) -> String {
    std::fs::read_to_string(index.join("CURRENT")).unwrap()
}

#[test]
fn a_new_file_is_added_in_place_and_answerable() {
    let seeds = common::copy_of_seeds();
    let index = tempfile::tempdir().unwrap();
    live_index::rebuild(seeds.path(), index.path(), true).unwrap();
    let generation = current_generation(index.path());

    write(
        seeds.path(),
        "telegram/100/2026-12.jsonl",
        &[post(
            "tg-100-1",
            "Шымкентте кинофестиваль ашылды",
            "Шымкентте «Жұлдыз» кинофестивалі ашылды, байқауға 40 фильм қатысады.",
        )],
    );
    let synced = live_index::sync(seeds.path(), index.path(), true)
        .unwrap()
        .unwrap();
    let Synced::Updated { report, merges, .. } = synced else {
        panic!("a new file is added in place, not rebuilt");
    };
    merges.wait().unwrap();
    assert_eq!((report.documents_before, report.documents_after), (2, 3));
    assert_eq!(
        current_generation(index.path()),
        generation,
        "no new generation"
    );

    let opened = SearchIndex::open(index.path()).unwrap();
    assert_eq!(opened.manifest().documents, 3);
    let answer = answer::answer(&opened, "Жұлдыз кинофестиваліне неше фильм қатысады?", 5).unwrap();
    assert!(answer.answered);
    assert_eq!(answer.evidence[0].passage.doc_id, "tg-100-1");
    assert!(matches!(
        live_index::sync(seeds.path(), index.path(), true).unwrap(),
        Some(Synced::Unchanged)
    ));
}

#[test]
fn an_edited_document_replaces_the_old_one_and_a_removed_one_never_comes_back() {
    let seeds = common::copy_of_seeds();
    let index = tempfile::tempdir().unwrap();
    let posts = "telegram/100/2026-12.jsonl";
    write(
        seeds.path(),
        posts,
        &[
            post(
                "tg-100-1",
                "Премьера",
                "Премьера фильма «Аманат» пройдёт в Актобе.",
            ),
            post(
                "tg-100-2",
                "Кастинг",
                "Кастинг для сериала «Дала» проходит в Таразе.",
            ),
        ],
    );
    live_index::rebuild(seeds.path(), index.path(), true).unwrap();

    // The post is edited: the premiere moves to another city.
    write(
        seeds.path(),
        posts,
        &[
            post(
                "tg-100-1",
                "Премьера",
                "Премьера фильма «Аманат» пройдёт в Караганде.",
            ),
            post(
                "tg-100-2",
                "Кастинг",
                "Кастинг для сериала «Дала» проходит в Таразе.",
            ),
        ],
    );
    sync(seeds.path(), index.path());
    let opened = SearchIndex::open(index.path()).unwrap();
    let texts: Vec<String> = answer::answer(&opened, "Где пройдёт премьера Аманат?", 10)
        .unwrap()
        .evidence
        .into_iter()
        .filter(|e| e.passage.doc_id == "tg-100-1")
        .map(|e| e.passage.text)
        .collect();
    assert_eq!(texts.len(), 1, "one version of the post: {texts:?}");
    assert!(texts[0].contains("Караганде"), "{texts:?}");
    assert!(
        top_documents(&opened, "Актобе").is_empty(),
        "the old text is gone"
    );

    // One post deleted from the file, then the whole file removed.
    write(
        seeds.path(),
        posts,
        &[post(
            "tg-100-1",
            "Премьера",
            "Премьера фильма «Аманат» пройдёт в Караганде.",
        )],
    );
    sync(seeds.path(), index.path());
    let opened = SearchIndex::open(index.path()).unwrap();
    assert!(!top_documents(&opened, "Кастинг сериала Дала в Таразе").contains(&"tg-100-2".into()));
    assert_eq!(opened.manifest().documents, 3);

    std::fs::remove_file(seeds.path().join(posts)).unwrap();
    sync(seeds.path(), index.path());
    let opened = SearchIndex::open(index.path()).unwrap();
    assert!(!top_documents(&opened, "премьера Аманат Караганда").contains(&"tg-100-1".into()));
    assert_eq!(opened.manifest().documents, 2);
    assert_eq!(opened.manifest().files.len(), 2);
}

#[test]
fn two_files_sharing_an_id_keep_the_first_in_name_order_through_updates() {
    let seeds = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let text = |city: &str| format!("Кинотеатр «Арман» открылся в городе {city}.");
    write(
        seeds.path(),
        "b.jsonl",
        &[post("cinema", "Арман", &text("Костанай"))],
    );
    write(
        seeds.path(),
        "c.jsonl",
        &[post("other", "Другое", "Фестиваль анимации.")],
    );
    live_index::rebuild(seeds.path(), index.path(), true).unwrap();
    let holder = |index: &Path| {
        let opened = SearchIndex::open(index).unwrap();
        opened
            .document_passages("cinema")
            .unwrap()
            .into_iter()
            .map(|p| p.file)
            .collect::<Vec<_>>()
    };
    assert_eq!(holder(index.path()), ["b.jsonl"]);

    // A file before it in name order brings the same id: it wins.
    write(
        seeds.path(),
        "a.jsonl",
        &[post("cinema", "Арман", &text("Семей"))],
    );
    sync(seeds.path(), index.path());
    assert_eq!(holder(index.path()), ["a.jsonl"]);
    // The later file changes: the earlier one still wins.
    write(
        seeds.path(),
        "b.jsonl",
        &[post("cinema", "Арман", &text("Павлодар"))],
    );
    sync(seeds.path(), index.path());
    assert_eq!(holder(index.path()), ["a.jsonl"]);
    // The earlier file gives the id up: the later one's document comes back.
    write(
        seeds.path(),
        "a.jsonl",
        &[post("kino", "Кино", "Другой текст о кино.")],
    );
    sync(seeds.path(), index.path());
    assert_eq!(holder(index.path()), ["b.jsonl"]);
    let opened = SearchIndex::open(index.path()).unwrap();
    assert_eq!(opened.manifest().documents, 3);

    // A rebuild from scratch agrees.
    let fresh = tempfile::tempdir().unwrap();
    live_index::rebuild(seeds.path(), fresh.path(), true).unwrap();
    assert_eq!(holder(fresh.path()), ["b.jsonl"]);
    assert_eq!(
        SearchIndex::open(fresh.path())
            .unwrap()
            .manifest()
            .documents,
        3
    );
}

#[test]
fn a_stream_of_single_posts_keeps_few_segments_and_answers_like_a_rebuild() {
    let seeds = common::copy_of_seeds();
    let index = tempfile::tempdir().unwrap();
    live_index::rebuild(seeds.path(), index.path(), true).unwrap();
    let cities = [
        "Атырау",
        "Ақтау",
        "Орал",
        "Түркістан",
        "Қызылорда",
        "Көкшетау",
    ];
    let mut lines = Vec::new();
    for n in 0..40 {
        let city = cities[n % cities.len()];
        lines.push(post(
            &format!("tg-100-{n}"),
            &format!("Көрсетілім {n}"),
            &format!("{city} қаласында №{n} кинокөрсетілім өтеді, тегін кіру."),
        ));
        write(seeds.path(), "telegram/100/2026-12.jsonl", &lines);
        sync(seeds.path(), index.path());
        if n % 7 == 3 {
            // Some posts are deleted along the way.
            lines.retain(|l| l["id"] != format!("tg-100-{}", n - 2));
        }
    }
    let live = SearchIndex::open(index.path()).unwrap();
    assert!(live.segments() <= 8, "{} segments", live.segments());
    assert_eq!(live.manifest().documents, 2 + lines.len());

    let fresh = tempfile::tempdir().unwrap();
    live_index::rebuild(seeds.path(), fresh.path(), true).unwrap();
    let rebuilt = SearchIndex::open(fresh.path()).unwrap();
    assert_eq!(rebuilt.manifest().documents, live.manifest().documents);
    assert_eq!(rebuilt.manifest().passages, live.manifest().passages);
    for question in [
        // Posts of one city differ only by their number: ask for one.
        "Атырауда №12 кинокөрсетілім қашан өтеді?",
        "Көкшетауда №35 кинокөрсетілім тегін бе?",
        "Qaitadan фильмі қанша касса жинады?",
        "Сколько наград получили казахстанские фильмы?",
    ] {
        let (live_answer, rebuilt_answer) = (
            answer::answer(&live, question, 5).unwrap(),
            answer::answer(&rebuilt, question, 5).unwrap(),
        );
        assert_eq!(live_answer.answered, rebuilt_answer.answered, "{question}");
        assert_eq!(
            live_answer.sentence.map(|s| s.text),
            rebuilt_answer.sentence.map(|s| s.text),
            "{question}"
        );
        assert_eq!(
            top_documents(&live, question)[..1],
            top_documents(&rebuilt, question)[..1],
            "{question}"
        );
    }
}
