//! Web pages, Word and PDF files in the seeds: what is read from each (the article, not the
//! page around it; paragraphs and table rows; the text layer without running headers), the
//! answers found in them through the real index, and every kind of bad file reported on one
//! line while the rest is indexed.

mod common;

use std::path::Path;

use common::{folder_with, kinotanu, run, stderr, stdout};
use kinotanu::corpus::{Format, Lang, looks_like_html, read_bytes, read_html_page, read_seeds};
use kinotanu::{answer, live_index};

/// A ministry press release as such sites serve it: menus, a cookie banner, share buttons,
/// related news, comments, a footer and scripts around the article.
fn press_release(lang: &str, title: &str, date: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} | Министрлік</title>
<meta property="og:title" content="{title}">
<meta property="og:url" content="https://gov.example.kz/{lang}/news/{date}-kino">
<meta property="og:site_name" content="Мәдениет министрлігі">
<style>body {{ font-family: sans-serif; }} .cookie-banner {{ position: fixed; }}</style>
<script>window.dataLayer = [];  function track() {{ return "МЕНЮ СКРИПТІ"; }}</script>
</head>
<body>
<div class="cookie-banner" role="dialog"><p>Біз cookie файлдарын қолданамыз. Cookies help us.</p><button>OK</button></div>
<header class="site-header"><a href="/">Басты бет</a>
<nav class="main-menu"><ul><li><a href="/news">Жаңалықтар</a></li><li><a href="/about">Министрлік туралы</a></li></ul></nav></header>
<div class="breadcrumbs"><a href="/">Басты</a> / <a href="/news">Жаңалықтар</a></div>
<main>
<article class="news-item">
<h1>{title}</h1>
<time datetime="{date}T10:00:00+05:00">{date}</time>
{body}<ul><li>Бірінші тармақ: &laquo;Ұлытау&raquo; &amp; «Күнікей».</li></ul>
<div class="share-buttons"><a href="#">Facebook</a> <a href="#">Telegram арқылы бөлісу</a></div>
</article>
<aside class="related-news"><h3>Ұқсас жаңалықтар</h3><article><p>Басқа бір жаңалықтың қысқаша мәтіні мұнда тұр.</p></article></aside>
<section id="comments"><h3>Пікірлер</h3><p>Керемет жаңалық! Рахмет!</p></section>
</main>
<footer><p>© 2025 Мәдениет министрлігі. Барлық құқықтар қорғалған.</p></footer>
<script>track();</script>
</body>
</html>"##
    )
}

const CHROME: &[&str] = &[
    "cookie",
    "Cookies",
    "Басты бет",
    "Жаңалықтар",
    "Министрлік туралы",
    "Facebook",
    "бөлісу",
    "Ұқсас",
    "Басқа бір жаңалықтың",
    "Пікірлер",
    "Керемет",
    "құқықтар",
    "СКРИПТІ",
    "font-family",
    "dataLayer",
];

const KK_PARAGRAPHS: &[&str] = &[
    "2025 жылы ауылдық елді мекендерде 48 жаңа кинозал ашылды.",
    "Жылжымалы кинотеатрлар 612 ауылда көрсетілім өткізді,<br>көрермендер саны 1,3 миллионға жетті.",
];

const RU_PARAGRAPHS: &[&str] = &[
    "В 2025 году в сельских населённых пунктах открылись 48 новых кинозалов.",
    "Передвижные кинотеатры провели показы в 612 сёлах.",
];

#[test]
fn a_kazakh_press_release_gives_its_article_and_none_of_the_page_around_it() {
    let title = "Ауылдарда 48 кинозал ашылды";
    let page = press_release("kk", title, "2025-10-20", KK_PARAGRAPHS);
    let dir = folder_with(&[("press/kinozal.html", page.as_bytes())]);
    let corpus = read_seeds(dir.path()).unwrap();
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let doc = &corpus.documents[0];
    assert_eq!(doc.id, "kinozal");
    assert_eq!(doc.title, title);
    assert_eq!(doc.date.as_deref(), Some("2025-10-20"));
    assert_eq!(
        doc.url.as_deref(),
        Some("https://gov.example.kz/kk/news/2025-10-20-kino")
    );
    assert_eq!(doc.lang, Some(Lang::Kk));
    assert_eq!(doc.source.as_deref(), Some("Мәдениет министрлігі"));
    assert_eq!(
        doc.paragraphs,
        [
            "2025-10-20",
            "2025 жылы ауылдық елді мекендерде 48 жаңа кинозал ашылды.",
            "Жылжымалы кинотеатрлар 612 ауылда көрсетілім өткізді,",
            "көрермендер саны 1,3 миллионға жетті.",
            "Бірінші тармақ: «Ұлытау» & «Күнікей».",
        ]
    );
    let text = doc.paragraphs.join("\n");
    for chrome in CHROME {
        assert!(!text.contains(chrome), "{chrome:?} leaked into {text:?}");
    }
    assert_eq!(corpus.formats.get(Format::Html), 1);
}

#[test]
fn a_russian_page_from_the_feeds_takes_its_id_from_the_address() {
    let title = "В сёлах открылись 48 кинозалов";
    let page = press_release("ru-RU", title, "2025-10-21", RU_PARAGRAPHS);
    let url = "https://gov.example.kz/ru/news/2025-10-21-kino/#top";
    let doc = read_html_page(page.as_bytes(), Some(url)).unwrap();
    assert_eq!(doc.id, "gov.example.kz/ru/news/2025-10-21-kino");
    assert_eq!(doc.title, title);
    assert_eq!(doc.date.as_deref(), Some("2025-10-21"));
    assert_eq!(doc.lang, Some(Lang::Ru));
    assert!(doc.paragraphs.iter().any(|p| p == RU_PARAGRAPHS[1]));
    let text = doc.paragraphs.join("\n");
    for chrome in CHROME {
        assert!(!text.contains(chrome), "{chrome:?} leaked into {text:?}");
    }
}

#[test]
fn a_page_without_article_or_metadata_falls_back_to_its_densest_block_and_its_address() {
    let long =
        "Фестиваль бағдарламасына 42 фильм енді, оның ішінде 12 отандық толықметражды туынды бар.";
    let page = format!(
        r#"<html><head><script type="application/ld+json">{{"@graph":[{{"@type":"NewsArticle","datePublished":"2025-09-01T08:00:00Z"}}]}}</script></head>
<body><div id="menu"><p>Басты бет · Жаңалықтар · Байланыс · Біз туралы</p></div>
<div class="wrap"><div class="text"><h2>Алматы кинофестивалі</h2><p>{long}</p><p>{long}</p></div></div>
<div class="footer-links"><p>Барлық құқықтар қорғалған, сайт материалдарын пайдалану.</p></div></body></html>"#
    );
    let doc = read_html_page(
        page.as_bytes(),
        Some("https://kino.example.kz/news/2024/05/07/x"),
    )
    .unwrap();
    assert_eq!(
        doc.title, "Алматы кинофестивалі",
        "the first <h1>/<h2>…: no title tag here"
    );
    assert_eq!(doc.paragraphs, [long, long]);
    assert_eq!(
        doc.date.as_deref(),
        Some("2025-09-01"),
        "JSON-LD before the link's date"
    );
    assert_eq!(doc.lang, Some(Lang::Kk), "detected from the letters");
    assert_eq!(
        doc.url.as_deref(),
        Some("https://kino.example.kz/news/2024/05/07/x")
    );
}

#[test]
fn the_feeds_can_tell_a_page_from_what_is_not_one() {
    let page = press_release("kk", "T", "2025-10-20", KK_PARAGRAPHS);
    assert!(looks_like_html(page.as_bytes()));
    for not_a_page in [
        &b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>"[..],
        b"{\"items\": []}",
        b"%PDF-1.7\n",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        b"",
    ] {
        assert!(!looks_like_html(not_a_page), "{not_a_page:?}");
        assert!(read_html_page(not_a_page, Some("https://x.kz/a")).is_err());
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::repo().join("tests/data/formats").join(name)).unwrap()
}

#[test]
fn a_word_file_gives_its_paragraphs_table_rows_title_and_date() {
    let corpus = read_bytes("festival-kk.docx", &fixture("festival-kk.docx"));
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let doc = &corpus.documents[0];
    assert_eq!(doc.id, "festival-kk");
    assert_eq!(doc.title, "«Шабыт» кинофестивалі: 2025 жылғы жеңімпаздар");
    assert_eq!(doc.date.as_deref(), Some("2025-09-15"));
    assert_eq!(
        doc.paragraphs,
        [
            "«Шабыт» кинофестивалінің қорытындысы",
            "Астанада өткен «Шабыт» жас кинематографистер фестивалі 2025 жылғы 14 қыркүйекте жабылды. Байқауға 23 өңірден 186 қысқаметражды фильм ұсынылды.",
            "Бас жүлдені Қызылордалық режиссёр Әйгерім Сұлтанғазинаның «Ұлы дала үні» фильмі жеңіп алды. Қазылар алқасы фильмнің қаһарманы — Арал өңіріндегі балықшы ғұмырын шынайы көрсеткенін атап өтті.",
            "Жеңімпаздар",
            "Аталым | Фильм | Режиссёр",
            "Бас жүлде | Ұлы дала үні | Әйгерім Сұлтанғазина",
            "Үздік деректі фильм | Шаһар шуағы | Нұрлан Өтеғұлов",
            "Көрермен көзайымы | Көкөзек | Іңкәр Жүсіпова",
            "Фестиваль қорытындысы бойынша үш жобаға толықметражды фильм түсіруге грант беріледі.",
        ]
    );
    assert_eq!(corpus.formats.to_string(), "1 file: 1 docx");
}

#[test]
fn a_pdf_gives_its_text_layer_without_running_headers_and_with_hyphenated_words_joined() {
    let corpus = read_bytes("cinema-report-kk.pdf", &fixture("cinema-report-kk.pdf"));
    assert!(corpus.problems.is_empty(), "{:?}", corpus.problems);
    let doc = &corpus.documents[0];
    assert_eq!(doc.title, "Өңірлердегі кино көрсету: 2025 жылғы есеп");
    // LibreOffice stamps /CreationDate with the moment of conversion (`pdfinfo` shows it).
    assert_eq!(doc.date.as_deref(), Some("2026-12-04"));
    let text = doc.paragraphs.join("\n");
    assert!(!text.contains("министрлігі"), "running header kept: {text}");
    assert!(
        !text.contains("Баспасөз қызметі"),
        "running footer kept: {text}"
    );
    assert!(
        text.contains("Көрермендер саны бір жылда 1,3 миллион адамға жетті"),
        "{text}"
    );
    assert!(!text.contains("Көре-"), "{text}");
    assert!(
        doc.paragraphs.contains(&"Ауылдық кинозалдар".to_string()),
        "{:?}",
        doc.paragraphs
    );
    for letter in ['ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'і'] {
        assert!(text.contains(letter), "{letter} lost: {text}");
    }
    let passages = doc.passages();
    assert!(
        passages
            .iter()
            .any(|p| p.lang == Lang::Ru && p.text.contains("сельских"))
    );
}

fn answer_from(seeds: &Path, question: &str) -> answer::Answer {
    let index_dir = tempfile::tempdir().unwrap();
    let index = live_index::open_or_build(seeds, index_dir.path()).unwrap();
    answer::answer(&index, question, 5).unwrap()
}

#[test]
fn questions_are_answered_from_word_and_pdf_files_with_kazakh_letters_intact() {
    let dir = folder_with(&[
        ("festival-kk.docx", &fixture("festival-kk.docx")),
        ("cinema-report-kk.pdf", &fixture("cinema-report-kk.pdf")),
    ]);
    let from_word = answer_from(
        dir.path(),
        "«Шабыт» фестивалінде бас жүлдені кім жеңіп алды?",
    );
    let top = &from_word.evidence[0];
    assert_eq!(top.passage.doc_id, "festival-kk");
    assert!(
        top.passage.text.contains("Әйгерім Сұлтанғазина"),
        "{}",
        top.passage.text
    );

    let from_pdf = answer_from(dir.path(), "2025 жылы ауылдарда неше жаңа кинозал ашылды?");
    let top = &from_pdf.evidence[0];
    assert_eq!(top.passage.doc_id, "cinema-report-kk");
    assert!(
        top.passage.text.contains("48 жаңа кинозал ашылды"),
        "{}",
        top.passage.text
    );
}

/// A minimal valid PDF whose only page is a picture: what a scanner makes.
fn scanned_pdf() -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let image = vec![0x80u8; 16 * 16];
    let content = b"q 200 0 0 200 0 0 cm /Im0 Do Q".to_vec();
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        [format!("<< /Type /XObject /Subtype /Image /Width 16 /Height 16 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>\nstream\n", image.len()).as_bytes(), &image, b"\nendstream"].concat(),
        [format!("<< /Length {} >>\nstream\n", content.len()).as_bytes(), &content, b"\nendstream"].concat(),
    ];
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A Word file whose text part unpacks to 80 MB of spaces: a zip bomb of a few hundred KB.
fn zip_bomb_docx() -> Vec<u8> {
    use std::io::Write;
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    archive.start_file("word/document.xml", options).unwrap();
    archive
        .write_all(b"<w:document><w:body><w:p><w:r><w:t>")
        .unwrap();
    let spaces = vec![b' '; 1 << 20];
    for _ in 0..80 {
        archive.write_all(&spaces).unwrap();
    }
    archive
        .write_all(b"</w:t></w:r></w:p></w:body></w:document>")
        .unwrap();
    archive.finish().unwrap().into_inner()
}

#[test]
fn bad_files_of_every_format_are_reported_on_one_line_each_and_the_rest_is_indexed() {
    let docx = fixture("festival-kk.docx");
    let pdf = fixture("cinema-report-kk.pdf");
    let page = press_release(
        "kk",
        "Ауылдарда 48 кинозал ашылды",
        "2025-10-20",
        KK_PARAGRAPHS,
    );
    let bomb = zip_bomb_docx();
    let dir = folder_with(&[
        ("good-word.docx", &docx),
        ("good-pdf.pdf", &pdf),
        ("good-page.html", page.as_bytes()),
        ("damaged.docx", &docx[..docx.len() / 2]),
        ("encrypted.docx", &fixture("encrypted.docx")),
        ("empty.docx", b""),
        ("bomb.docx", &bomb),
        ("damaged.pdf", &pdf[..pdf.len() / 2]),
        ("encrypted.pdf", &fixture("encrypted.pdf")),
        ("empty.pdf", b""),
        ("scanned.pdf", &scanned_pdf()),
        ("damaged.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR binary"),
        ("empty.html", b"  \n"),
    ]);
    for name in ["oversized.pdf", "oversized.docx", "oversized.html"] {
        let file = std::fs::File::create(dir.path().join(name)).unwrap();
        file.set_len(50_000_001).unwrap();
    }
    let corpus = read_seeds(dir.path()).unwrap();
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        ids,
        ["good-page", "good-pdf", "good-word"],
        "{:?}",
        corpus.problems
    );
    let expected = [
        ("bomb.docx", "zip bomb"),
        ("damaged.docx", "damaged zip"),
        ("damaged.html", "not an HTML page"),
        ("damaged.pdf", "damaged PDF"),
        ("empty.docx", "empty"),
        ("empty.html", "empty"),
        ("empty.pdf", "empty"),
        ("encrypted.docx", "encrypted Word file"),
        ("encrypted.pdf", "encrypted PDF"),
        ("oversized.docx", "larger than 50 MB"),
        ("oversized.html", "larger than 50 MB"),
        ("oversized.pdf", "larger than 50 MB"),
        ("scanned.pdf", "no text layer — scanned? run OCR first"),
    ];
    let reported: Vec<String> = corpus.problems.iter().map(ToString::to_string).collect();
    assert_eq!(reported.len(), expected.len(), "{reported:#?}");
    for ((name, reason), line) in expected.iter().zip(&reported) {
        assert!(
            line.contains(name) && line.contains(reason),
            "{line} (wanted {name}: {reason})"
        );
        assert!(!line.contains('\n'), "one line: {line}");
    }
    assert!(corpus.problems.iter().all(|p| p.skips_file()));
    assert_eq!(corpus.formats.to_string(), "3 files: 1 html, 1 pdf, 1 docx");
}

#[test]
fn index_prints_the_files_read_per_format() {
    let page = press_release(
        "kk",
        "Ауылдарда 48 кинозал ашылды",
        "2025-10-20",
        KK_PARAGRAPHS,
    );
    let dir = folder_with(&[
        ("a.html", page.as_bytes()),
        ("b.docx", &fixture("festival-kk.docx")),
        ("c.pdf", &fixture("cinema-report-kk.pdf")),
        ("d.pdf", b"%PDF-1.4 not really"),
        (
            "e.txt",
            b" date 2025-10-20 \xd0\x9a\xd0\xb8\xd0\xbd\xd0\xbe\nText.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    let output = run(kinotanu(dir.path())
        .args(["index", "--seeds"])
        .arg(dir.path())
        .arg("--index")
        .arg(index.path()));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(
        out.contains("read 4 files: 1 html, 1 pdf, 1 docx, 1 txt; 1 problem"),
        "{out}"
    );
    assert!(out.contains("indexed 4 documents"), "{out}");
    assert!(
        stderr(&output).contains("d.pdf: damaged PDF"),
        "{}",
        stderr(&output)
    );
    // PDFs take seconds: a terminal gets a progress bar, a pipe nothing of it.
    let err = stderr(&output);
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
}
