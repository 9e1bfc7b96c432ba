//! The document the index writer is given for a passage: the passage itself, its text handed to
//! the stored field and to each of the four body fields by reference (a `TantivyDocument` holds
//! five copies of it, and the writer queues up to 10,000 documents), and its words, sentences
//! and heads worked out on first use — in the indexing threads, not in the thread reading the
//! corpus.

use std::sync::{Arc, OnceLock};

use tantivy::schema::document::{ReferenceValue, ReferenceValueLeaf, Value};
use tantivy::schema::{Document, Field};

use super::schema::{FieldValue, Fields, document_hash};
use crate::analysis::{Form, WordList, encode_heads, encode_sentences};
use crate::corpus::Passage;

/// A passage read from one seed file, as the index writer takes it.
pub struct PassageDocument {
    fields: Fields,
    file: Arc<str>,
    passage: Passage,
    document_hash: u64,
    analysed: OnceLock<Analysed>,
}

/// What the answer reads instead of analysing the passage again (see [`Fields::words`]).
struct Analysed {
    words: Vec<u8>,
    heads: Vec<u8>,
    sentences: Vec<u8>,
}

impl PassageDocument {
    pub fn new(fields: Fields, file: Arc<str>, passage: Passage) -> PassageDocument {
        PassageDocument {
            fields,
            file,
            document_hash: document_hash(&passage.doc_id),
            passage,
            analysed: OnceLock::new(),
        }
    }

    fn analysed(&self) -> &Analysed {
        self.analysed.get_or_init(|| {
            let words = WordList::of(&self.passage.text);
            Analysed {
                words: words.encode(),
                heads: encode_heads(&words),
                sentences: encode_sentences(&self.passage.text),
            }
        })
    }
}

impl<'a> Value<'a> for FieldValue<'a> {
    type ArrayIter = std::iter::Empty<Self>;
    type ObjectIter = std::iter::Empty<(&'a str, Self)>;

    fn as_value(&self) -> ReferenceValue<'a, Self> {
        ReferenceValue::Leaf(match *self {
            FieldValue::Text(text) => ReferenceValueLeaf::Str(text),
            FieldValue::Number(n) => ReferenceValueLeaf::U64(n),
            FieldValue::Bytes(bytes) => ReferenceValueLeaf::Bytes(bytes),
        })
    }
}

/// Every field a passage can have: the optional ones (`date`, `source`, `url`) are left out
/// when it has none.
const MOST_VALUES: usize = 19;

type Slot<'a> = (Field, Option<FieldValue<'a>>);

fn present<'a>((field, value): Slot<'a>) -> Option<(Field, FieldValue<'a>)> {
    Some((field, value?))
}

pub type PassageValues<'a> = std::iter::FilterMap<
    std::array::IntoIter<Slot<'a>, MOST_VALUES>,
    fn(Slot<'a>) -> Option<(Field, FieldValue<'a>)>,
>;

impl Document for PassageDocument {
    type Value<'a> = FieldValue<'a>;
    type FieldsValuesIter<'a> = PassageValues<'a>;

    fn iter_fields_and_values(&self) -> PassageValues<'_> {
        use FieldValue::{Bytes, Number, Text};
        let (f, p) = (&self.fields, &self.passage);
        let analysed = self.analysed();
        let text = Some(Text(&p.text));
        let [kazakh, russian, key, prefix] = Form::ALL.map(|form| f.body(form));
        let slots: [Slot<'_>; MOST_VALUES] = [
            (f.file, Some(Text(&self.file))),
            (f.doc_id, Some(Text(&p.doc_id))),
            (f.passage_id, Some(Text(&p.passage_id))),
            (f.title, Some(Text(&p.title))),
            (f.date, p.date.as_deref().map(Text)),
            (f.source, p.source.as_deref().map(Text)),
            (f.url, p.url.as_deref().map(Text)),
            (f.lang, Some(Text(p.lang.code()))),
            (f.position, Some(Number(u64::from(p.position)))),
            (f.text, text),
            (f.words, Some(Bytes(&analysed.words))),
            (f.heads, Some(Bytes(&analysed.heads))),
            (f.sentences, Some(Bytes(&analysed.sentences))),
            (kazakh, text),
            (russian, text),
            (key, text),
            (prefix, text),
            (f.title_key, Some(Text(&p.title))),
            (f.document_hash, Some(Number(self.document_hash))),
        ];
        slots
            .into_iter()
            .filter_map(present as fn(Slot<'_>) -> Option<(Field, FieldValue<'_>)>)
    }
}
