//! Reading seeds: the three formats, and every kind of bad input reported with path and line
//! while everything valid is kept.

mod common;

use common::folder_with;
use kinotanu::corpus::{Lang, read_seeds};

const ARTICLE: &str = " date 2025-10-20 Қазақстандық кино\nБірінші абзац: отандық фильмдер 177 жүлде алды.\nЕкінші абзац: «Qaitadan» фильмі касса жинады.\nБаспасөз қызметі.\n";

#[test]
fn article_format_gives_title_date_paragraphs_and_source() {
    let dir = folder_with(&[("2025-10-20-kino.txt", ARTICLE.as_bytes())]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let doc = &corpus.documents[0];
    assert_eq!(doc.id, "2025-10-20-kino");
    assert_eq!(doc.title, "Қазақстандық кино");
    assert_eq!(doc.date.as_deref(), Some("2025-10-20"));
    assert_eq!(doc.source.as_deref(), Some("Баспасөз қызметі."));
    assert_eq!(doc.paragraphs.len(), 2);
}

#[test]
fn the_seed_article_reads_into_six_kazakh_passages() {
    let corpus = read_seeds(&common::seeds().join("2025-10-20-kazakh-cinema-kk.txt")).unwrap();
    assert_eq!(corpus.documents[0].paragraphs.len(), 12);
    let passages = corpus.passages();
    assert_eq!(passages.len(), 6);
    assert!(passages.iter().all(|p| p.lang == Lang::Kk));
    assert_eq!(
        passages[0].title,
        "Қазақстандық кино әлемдік экрандарды бағындыруда"
    );
    assert_eq!(
        passages[0].source.as_deref(),
        Some("ҚР Мәдениет және ақпарат министрлігінің баспасөз қызметі.")
    );
}

#[test]
fn the_russian_version_has_the_same_paragraphs_in_russian() {
    let read = |file| read_seeds(&common::seeds().join(file)).unwrap();
    let (kk, ru) = (
        read("2025-10-20-kazakh-cinema-kk.txt"),
        read("2025-10-20-kazakh-cinema-ru.txt"),
    );
    let ru_passages = ru.passages();
    assert!(
        ru_passages.iter().all(|p| p.lang == Lang::Ru),
        "{:?}",
        ru_passages.iter().map(|p| p.lang).collect::<Vec<_>>()
    );
    let (kk, ru) = (&kk.documents[0].paragraphs, &ru.documents[0].paragraphs);
    assert_eq!(kk.len(), ru.len());
    // Same facts, paragraph by paragraph: every number of a Kazakh paragraph is in its Russian one.
    for (i, (k, r)) in kk.iter().zip(ru).enumerate() {
        for number in k
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
        {
            assert!(
                r.contains(number),
                "paragraph {i}: {number} missing in {r:?}"
            );
        }
    }
}

#[test]
fn markdown_with_title_date_and_source() {
    let md = "# Алматы кинофестивалі\ndate: 2025-09-01\nsource: kino.kz\n\nФестиваль **қыркүйекте** өтті.\nЖалғасы.\n\n## Жүлделер\n\nБас жүлде [«Бақыт»](https://x.kz) фильміне берілді.\n";
    let dir = folder_with(&[("almaty.md", md.as_bytes())]);
    let corpus = read_seeds(dir.path()).unwrap();
    let doc = &corpus.documents[0];
    assert_eq!(doc.title, "Алматы кинофестивалі");
    assert_eq!(doc.date.as_deref(), Some("2025-09-01"));
    assert_eq!(doc.source.as_deref(), Some("kino.kz"));
    assert_eq!(
        doc.paragraphs,
        [
            "Фестиваль қыркүйекте өтті. Жалғасы.",
            "Жүлделер",
            "Бас жүлде «Бақыт» фильміне берілді."
        ]
    );
}

#[test]
fn json_lines_keep_ids_unchanged_and_report_bad_lines_by_number() {
    let jsonl = concat!(
        "{\"id\":\"doc-1\",\"title\":\"Бірінші\",\"text\":\"Фильм туралы мәтін.\",\"lang\":\"kk\",\"date\":\"2025-01-01\",\"source\":\"S\",\"url\":\"https://e.kz\"}\n",
        "{not json\n",
        "{\"title\":\"no id\",\"text\":\"x\"}\n",
        "\n",
        "{\"id\":\"doc-2\",\"title\":\"Второй\",\"text\":\"Текст о кино.\"}\n",
        "{\"id\":\"doc-3\",\"title\":\"no text\"}\n",
    );
    let dir = folder_with(&[("docs.jsonl", jsonl.as_bytes())]);
    let corpus = read_seeds(dir.path()).unwrap();
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["doc-1", "doc-2"]);
    assert_eq!(corpus.documents[0].url.as_deref(), Some("https://e.kz"));
    let lines: Vec<Option<usize>> = corpus.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(2), Some(3), Some(6)]);
    let first = corpus.problems[0].to_string();
    assert!(first.contains("docs.jsonl:2:"), "{first}");
    assert!(corpus.problems[1].message.contains("missing \"id\""));
    assert!(corpus.problems[2].message.contains("missing \"text\""));
}

#[test]
fn invalid_utf8_line_in_json_lines_is_skipped_alone() {
    let mut bytes = b"{\"id\":\"a\",\"title\":\"A\",\"text\":\"first\"}\n".to_vec();
    bytes.extend_from_slice(b"{\"id\":\"b\",\"title\":\"\xff\xfe\",\"text\":\"x\"}\n");
    bytes.extend_from_slice(b"{\"id\":\"c\",\"title\":\"C\",\"text\":\"third\"}\n");
    let dir = folder_with(&[("mixed.jsonl", &bytes)]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert_eq!(corpus.documents.len(), 2);
    assert_eq!(corpus.problems.len(), 1);
    assert_eq!(corpus.problems[0].line, Some(2));
}

#[test]
fn unreadable_files_are_reported_and_skipped_while_the_rest_is_read() {
    let dir = folder_with(&[
        ("a-good.txt", ARTICLE.as_bytes()),
        ("b-binary.txt", b"\x00\x01\x02PNG\x00\x00"),
        ("c-empty.md", b""),
        ("d-latin1.txt", b"caf\xe9 au lait\nsecond line"),
        ("e-blank.jsonl", b"\n\n"),
        ("notes.odt", b"PK\x03\x04 not read: no reader for .odt"),
    ]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    let reported: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
    assert_eq!(reported.len(), 4, "{reported:?}");
    assert!(
        reported
            .iter()
            .any(|p| p.contains("b-binary.txt") && p.contains("binary"))
    );
    assert!(
        reported
            .iter()
            .any(|p| p.contains("c-empty.md") && p.contains("empty"))
    );
    assert!(
        reported
            .iter()
            .any(|p| p.contains("d-latin1.txt:1") && p.contains("UTF-8"))
    );
    assert!(
        reported
            .iter()
            .any(|p| p.contains("e-blank.jsonl") && p.contains("empty"))
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(ARTICLE.as_bytes());
    let dir = folder_with(&[
        ("bom.txt", &bytes),
        (
            "bom.jsonl",
            b"\xEF\xBB\xBF{\"id\":\"x\",\"title\":\"T\",\"text\":\"\xEF\xBB\xBFtext\"}\n",
        ),
    ]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    assert_eq!(corpus.documents.len(), 2);
    assert_eq!(corpus.documents[0].paragraphs, ["text"]);
    assert_eq!(corpus.documents[1].date.as_deref(), Some("2025-10-20"));
}

#[test]
fn duplicate_ids_keep_the_first_and_report_the_second() {
    let dir = folder_with(&[(
        "dup.jsonl",
        b"{\"id\":\"same\",\"title\":\"First\",\"text\":\"one\"}\n{\"id\":\"same\",\"title\":\"Second\",\"text\":\"two\"}\n",
    )]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(corpus.documents[0].title, "First");
    assert_eq!(corpus.problems[0].line, Some(2));
    assert!(corpus.problems[0].message.contains("duplicate"));
}

#[test]
fn a_missing_seeds_path_is_an_error() {
    assert!(read_seeds(std::path::Path::new("/nonexistent/kinotanu-seeds")).is_err());
}

#[test]
fn each_passage_gets_its_language_from_its_letters() {
    let jsonl = "{\"id\":\"m\",\"title\":\"Mixed\",\"text\":\"Қазақ тіліндегі сценарийлер үлесі артты.\\nДоля сценариев на казахском языке выросла.\"}\n";
    let dir = folder_with(&[("m.jsonl", jsonl.as_bytes())]);
    let passages = read_seeds(dir.path()).unwrap().passages();
    let langs: Vec<Lang> = passages.iter().map(|p| p.lang).collect();
    assert_eq!(langs, [Lang::Kk, Lang::Ru]);
    assert_eq!(passages[1].passage_id, "m#1");
    assert_eq!(passages[1].position, 1);
}

#[test]
fn a_document_without_title_is_kept_and_reported() {
    let dir = folder_with(&[(
        "t.jsonl",
        b"{\"id\":\"untitled\",\"text\":\"Kept anyway.\"}\n",
    )]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert_eq!(corpus.documents.len(), 1);
    assert_eq!(corpus.documents[0].title, "untitled");
    assert_eq!(corpus.problems.len(), 1);
    assert!(
        corpus.problems[0].to_string().contains("t.jsonl:1:"),
        "{}",
        corpus.problems[0]
    );
}

#[test]
fn a_two_megabyte_paragraph_without_breaks_is_indexed_in_passages() {
    let paragraph = "Қазақ киносы әлемге танылды ".repeat(75_000);
    assert!(paragraph.len() > 2_000_000);
    let dir = folder_with(&[("big.md", format!("# Үлкен\n\n{paragraph}\n").as_bytes())]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert!(corpus.problems.is_empty());
    let passages = corpus.passages();
    assert!(passages.len() > 3_000);
    assert!(
        passages
            .iter()
            .all(|p| p.text.chars().count() <= kinotanu::corpus::MAX_PASSAGE_CHARS)
    );
}
