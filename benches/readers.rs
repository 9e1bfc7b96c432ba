//! Reading speed of the document readers, printed as a table: web pages (a press release of
//! real Kazakh news sentences inside a site's menus, banner, comments and footer), the
//! LibreOffice PDF and Word fixtures, and a Telegram Desktop export of 20,000 messages. Each
//! row is the median of five timed rounds of about a second.
//!
//! Run: `cargo bench --bench readers`

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use kinotanu::corpus::{read_bytes, read_html_page};

fn repo(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("repository file")
}

fn sentences() -> Vec<String> {
    String::from_utf8(repo("data/corpus/kaznerd-sentences-kk.txt"))
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect()
}

/// A news page of about 40 KB: 30 paragraphs of three sentences in a site's chrome.
fn news_page(sentences: &[String], n: usize) -> String {
    let paragraph = |i: usize| {
        let at = (n * 90 + i * 3) % sentences.len().saturating_sub(3).max(1);
        format!("<p>{}</p>\n", sentences[at..at + 3].join(" "))
    };
    let body: String = (0..30).map(paragraph).collect();
    let menu: String = (0..40)
        .map(|i| format!("<li><a href=\"/section/{i}\">Бөлім {i}</a></li>"))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"kk\"><head><meta charset=\"utf-8\"><title>Жаңалық {n}</title>\
         <meta property=\"og:title\" content=\"Жаңалық {n}\"><style>.x{{color:red}}</style>\
         <script>var analytics = {{id: {n}}};</script></head><body>\
         <div class=\"cookie-banner\"><p>Сайт cookie файлдарын қолданады.</p></div>\
         <header><nav><ul>{menu}</ul></nav></header><main><article><h1>Жаңалық {n}</h1>\
         <time datetime=\"2025-10-20\">20.10.2025</time>{body}</article>\
         <section class=\"comments\"><p>Пікір мәтіні.</p></section></main>\
         <footer><ul>{menu}</ul></footer><script>track();</script></body></html>"
    )
}

/// A Telegram Desktop export of `count` messages, every tenth a service message.
fn export(sentences: &[String], count: usize) -> Vec<u8> {
    let messages: Vec<serde_json::Value> = (0..count)
        .map(|i| {
            let unix = 1_760_000_000 + i as i64 * 600;
            if i % 10 == 0 {
                return serde_json::json!({"id": i + 1, "type": "service", "date": "2025-10-09T12:00:00",
                    "date_unixtime": unix.to_string(), "action": "pin_message", "text": "", "text_entities": []});
            }
            let text = sentences[i % sentences.len()].clone();
            serde_json::json!({"id": i + 1, "type": "message", "date": "2025-10-09T12:00:00",
                "date_unixtime": unix.to_string(), "from": "Kino", "from_id": "channel1987654321",
                "text": [{"type": "bold", "text": "Жаңалық: "}, text.clone()],
                "text_entities": [{"type": "bold", "text": "Жаңалық: "}, {"type": "plain", "text": text}]})
        })
        .collect();
    let export = serde_json::json!({"name": "Kino", "type": "public_channel", "id": 1_987_654_321_i64, "messages": messages});
    serde_json::to_vec_pretty(&export).expect("JSON")
}

/// Median time of one call over five rounds of about a second each.
fn median_time(mut read: impl FnMut()) -> Duration {
    let mut rounds = Vec::new();
    for _ in 0..5 {
        let (start, mut calls) = (Instant::now(), 0u32);
        while start.elapsed() < Duration::from_secs(1) {
            read();
            calls += 1;
        }
        rounds.push(start.elapsed() / calls);
    }
    rounds.sort();
    rounds[2]
}

fn row(format: &str, unit: &str, units_per_call: usize, bytes_per_call: usize, time: Duration) {
    let per_second = units_per_call as f64 / time.as_secs_f64();
    let mb_per_second = bytes_per_call as f64 / time.as_secs_f64() / 1e6;
    println!(
        "| {format:<15} | {:>10.2} ms | {per_second:>10.0} {unit:<9} | {mb_per_second:>7.1} MB/s |",
        time.as_secs_f64() * 1e3
    );
}

fn main() {
    let sentences = sentences();
    println!("| format          |  one file     |  speed               |   input      |");
    println!("| --------------- | ------------- | -------------------- | ------------ |");

    let pages: Vec<String> = (0..50).map(|n| news_page(&sentences, n)).collect();
    let mut next = 0;
    let time = median_time(|| {
        let page = &pages[next % pages.len()];
        next += 1;
        black_box(read_html_page(page.as_bytes(), Some("https://kino.kz/a/1")).expect("page"));
    });
    let average = pages.iter().map(String::len).sum::<usize>() / pages.len();
    row("html", "pages/s", 1, average, time);

    let pdf = repo("tests/data/formats/cinema-report-kk.pdf");
    let time = median_time(|| {
        let corpus = read_bytes("report.pdf", &pdf);
        assert_eq!(corpus.documents.len(), 1);
        black_box(corpus);
    });
    row("pdf (3 pages)", "pages/s", 3, pdf.len(), time);

    let docx = repo("tests/data/formats/festival-kk.docx");
    let time = median_time(|| {
        let corpus = read_bytes("festival.docx", &docx);
        assert_eq!(corpus.documents.len(), 1);
        black_box(corpus);
    });
    row("docx", "files/s", 1, docx.len(), time);

    let export = export(&sentences, 20_000);
    let time = median_time(|| {
        let corpus = read_bytes("result.json", &export);
        assert_eq!(corpus.documents.len(), 18_000);
        black_box(corpus);
    });
    row("telegram export", "msgs/s", 20_000, export.len(), time);
}
