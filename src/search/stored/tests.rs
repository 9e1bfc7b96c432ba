use std::sync::Arc;

use tantivy::{DocAddress, Index};

use super::super::passage_document::PassageDocument;
use super::super::schema::{self, Fields, Stored, StoredFields};
use super::super::tokenizers;
use super::{PassageStore, StoredValues};
use crate::analysis::{WordList, decode_heads, decode_sentences, heads_of, sentence_ranges};
use crate::corpus::{Lang, Passage};

fn passage(n: u32, text: &str) -> Passage {
    Passage {
        doc_id: format!("doc-{}", n / 3),
        passage_id: format!("doc-{}#{n}", n / 3),
        title: if n.is_multiple_of(4) {
            String::new()
        } else {
            format!("«Қыз Жібек» фильмі {n}")
        },
        date: n.is_multiple_of(2).then(|| "2025-10-20".to_string()),
        source: n.is_multiple_of(3).then(|| "Минкультуры РК".to_string()),
        url: (!n.is_multiple_of(5)).then(|| format!("https://example.kz/{n}?a=1&b=ё")),
        lang: if n.is_multiple_of(2) {
            Lang::Kk
        } else {
            Lang::Ru
        },
        position: n % 3,
        text: text.to_string(),
    }
}

/// An index of the project's schema in two segments, with passages of every length (a text
/// longer than 127 bytes has a two-byte length, longer than 16 KB a three-byte one) and
/// characters of one to four bytes.
fn index() -> (Index, Fields, Vec<Passage>) {
    let index = Index::create_in_ram(schema::build_schema());
    tokenizers::register(&index);
    let fields = Fields::from_schema(&index.schema()).unwrap();
    let mut writer = index.writer::<PassageDocument>(15_000_000).unwrap();
    let texts = [
        String::new(),
        "a".to_string(),
        "Фильм «Қыз Жібек» 1970 жылы түсірілді.".to_string(),
        "Кино 🎬 и театр: «Бауыржан Момышұлы» — 2013 г.\nНовая строка.".repeat(3),
        "Ә і ң ғ ү ұ қ ө һ ".repeat(900),
        "ж".repeat(10_000),
    ];
    let mut passages = Vec::new();
    for segment in 0..2u32 {
        for (i, text) in texts.iter().enumerate() {
            let p = passage(segment * 10 + i as u32, text);
            writer
                .add_document(PassageDocument::new(
                    fields,
                    Arc::from("news.jsonl"),
                    p.clone(),
                ))
                .unwrap();
            passages.push(p);
        }
        writer.commit().unwrap();
    }
    (index, fields, passages)
}

/// Whether the fast path reads every value of a stored document.
fn reads(bytes: &[u8]) -> bool {
    StoredValues::new(bytes).all(|value| value.is_some())
}

#[test]
fn every_stored_passage_reads_as_tantivy_reads_it() {
    let (index, fields, passages) = index();
    let searcher = index.reader().unwrap().searcher();
    assert_eq!(searcher.segment_readers().len(), 2);
    let store = PassageStore::open(&searcher).unwrap();
    let mut read = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        for doc in 0..segment.max_doc() {
            let address = DocAddress::new(ord as u32, doc);
            let stored = store.passage(&searcher, &fields, address).unwrap();
            // The words were stored, and read back as the text's own.
            let tantivys = searcher.doc::<StoredFields>(address).unwrap();
            let bytes = tantivys.0.iter().find_map(|(field, value)| match value {
                Stored::Bytes(bytes) if *field == fields.words => Some(bytes.as_slice()),
                _ => None,
            });
            let ours = stored.passage;
            let analysis = stored.analysis;
            assert_eq!(Some(analysis.words()), bytes);
            let decoded = WordList::decode(&ours.text, analysis.words()).unwrap();
            let of_text = WordList::of(&ours.text);
            assert_eq!(
                decoded.all().iter().collect::<Vec<_>>(),
                of_text.all().iter().collect::<Vec<_>>()
            );
            assert_eq!(
                decode_sentences(&ours.text, analysis.sentences()),
                Some(sentence_ranges(&ours.text))
            );
            assert_eq!(
                decode_heads(analysis.heads(), of_text.all().len()),
                Some(heads_of(&of_text))
            );
            let tantivys = fields.passage(tantivys.values()).unwrap().passage;
            assert_eq!(ours, tantivys);
            // Read by the fast path, not by the fallback.
            let bytes = store.readers[ord].get_document_bytes(doc).unwrap();
            assert!(reads(bytes.as_slice()));
            read.push(ours);
        }
    }
    read.sort_by(|a, b| a.passage_id.cmp(&b.passage_id));
    let mut expected = passages;
    expected.sort_by(|a, b| a.passage_id.cmp(&b.passage_id));
    assert_eq!(read, expected);
}

#[test]
fn a_document_cut_short_or_of_another_kind_is_left_to_tantivy() {
    let (index, _, _) = index();
    let searcher = index.reader().unwrap().searcher();
    let store = PassageStore::open(&searcher).unwrap();
    let bytes = store.readers[0].get_document_bytes(3).unwrap();
    let bytes = bytes.as_slice();
    assert!(reads(bytes));
    for end in 0..bytes.len() {
        assert!(!reads(&bytes[..end]), "cut at {end}");
    }
    // The first value's type code (after the count and the field id) made a date's.
    let mut other = bytes.to_vec();
    other[5] = 5;
    assert!(!reads(&other));
    // Text that is not UTF-8.
    let mut broken = bytes.to_vec();
    let text = "Новая строка".as_bytes();
    let at = broken.windows(text.len()).position(|w| w == text).unwrap();
    broken[at] = 0xff;
    assert!(!reads(&broken));
}

#[test]
fn any_byte_of_a_stored_document_changed_reads_as_a_passage_or_as_nothing() {
    let (index, fields, _) = index();
    let searcher = index.reader().unwrap().searcher();
    let store = PassageStore::open(&searcher).unwrap();
    let bytes = store.readers[0].get_document_bytes(2).unwrap();
    let bytes = bytes.as_slice();
    let whole = fields.passage(StoredValues::new(bytes)).unwrap().passage;
    let mut changed_reads = 0;
    for at in 0..bytes.len() {
        for value in [0x00, 0x7f, 0x80, 0xff] {
            let mut changed = bytes.to_vec();
            changed[at] = value;
            // Never a panic; a passage when the layout still holds, nothing when it does not.
            if let Some(read) = fields.passage(StoredValues::new(&changed)) {
                changed_reads += 1;
                assert!(read.passage.text.len() <= whole.text.len() + 4, "byte {at}");
            }
        }
    }
    // Most changes inside the text still read (it stays UTF-8 of the same length).
    assert!(changed_reads > 0);
}
