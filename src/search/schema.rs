//! The Tantivy schema: stored passage fields, and the title and body indexed once per word form.

use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::tokenizers;
use crate::analysis::Form;
use crate::corpus::{Lang, Passage};

#[derive(Clone, Copy)]
pub struct Fields {
    pub doc_id: Field,
    pub passage_id: Field,
    pub title: Field,
    pub date: Field,
    pub source: Field,
    pub url: Field,
    pub lang: Field,
    pub position: Field,
    pub text: Field,
    /// The passage's words as the answer reads them (`WordList::encode`), worked out once when
    /// it is indexed rather than for every question it is a candidate for.
    pub words: Field,
    /// The passage's sentences as the answer reads them (`encode_sentences`), likewise.
    pub sentences: Field,
    /// Its words' heads (`encode_heads`), likewise.
    pub heads: Field,
    body: [Field; 4],
    /// The title, indexed by its key form only: titles are short, one form is enough.
    pub title_key: Field,
    /// A hash of the document id, as a fast field: passages of one document are told apart from
    /// the ranking's columns, without fetching stored passages that will not be shown.
    pub document_hash: Field,
    /// The seed file a passage was read from (relative to the seeds): what an update removes
    /// when the file changes, and where a document id already in the index comes from.
    pub file: Field,
}

impl Fields {
    pub fn body(&self, form: Form) -> Field {
        self.body[form_index(form)]
    }

    /// The indexed fields a query searches.
    pub fn searched(&self) -> [Field; 5] {
        let [kk, ru, key, prefix] = self.body;
        [kk, ru, key, prefix, self.title_key]
    }

    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let get = |name: &str| schema.get_field(name);
        Ok(Fields {
            doc_id: get("doc_id")?,
            passage_id: get("passage_id")?,
            title: get("title")?,
            date: get("date")?,
            source: get("source")?,
            url: get("url")?,
            lang: get("lang")?,
            position: get("position")?,
            text: get("text")?,
            words: get("words")?,
            sentences: get("sentences")?,
            heads: get("heads")?,
            body: [
                get("body_kk")?,
                get("body_ru")?,
                get("body_key")?,
                get("body_prefix")?,
            ],
            title_key: get("title_key")?,
            document_hash: get("document_hash")?,
            file: get("file")?,
        })
    }

    /// The passage stored in a document, from its values; `None` as soon as a value is
    /// `None` (a document the reader could not read).
    pub fn passage<'a>(
        &self,
        values: impl Iterator<Item = Option<(Field, FieldValue<'a>)>>,
    ) -> Option<StoredPassage> {
        let (mut words, mut sentences, mut heads): (&[u8], &[u8], &[u8]) = (&[], &[], &[]);
        let mut passage = Passage {
            doc_id: String::new(),
            passage_id: String::new(),
            title: String::new(),
            date: None,
            source: None,
            url: None,
            lang: Lang::Kk,
            position: 0,
            text: String::new(),
        };
        for value in values {
            match value? {
                (field, FieldValue::Number(n)) if field == self.position => {
                    passage.position = u32::try_from(n).unwrap_or(u32::MAX);
                }
                (field, FieldValue::Bytes(bytes)) => match field {
                    f if f == self.words => words = bytes,
                    f if f == self.sentences => sentences = bytes,
                    f if f == self.heads => heads = bytes,
                    _ => {}
                },
                (field, FieldValue::Text(text)) => match field {
                    f if f == self.doc_id => passage.doc_id = text.to_owned(),
                    f if f == self.passage_id => passage.passage_id = text.to_owned(),
                    f if f == self.title => passage.title = text.to_owned(),
                    f if f == self.date => passage.date = Some(text.to_owned()),
                    f if f == self.source => passage.source = Some(text.to_owned()),
                    f if f == self.url => passage.url = Some(text.to_owned()),
                    f if f == self.lang => passage.lang = read_lang(text),
                    f if f == self.text => passage.text = text.to_owned(),
                    _ => {}
                },
                _ => {}
            }
        }
        Some(StoredPassage {
            passage,
            analysis: StoredAnalysis::new(words, sentences, heads),
        })
    }
}

/// The language code as written by [`PassageDocument`](super::passage_document), without
/// `Lang::parse`'s allocation.
fn read_lang(code: &str) -> Lang {
    match code {
        "kk" => Lang::Kk,
        "ru" => Lang::Ru,
        other => Lang::parse(other).unwrap_or(Lang::Kk),
    }
}

/// A passage as stored, with its words, sentences and heads as the answer reads them.
pub struct StoredPassage {
    pub passage: Passage,
    pub analysis: StoredAnalysis,
}

/// A passage's words, sentences and heads as stored (see [`Fields::words`]; empty in an index
/// written without them), kept in one buffer.
#[derive(Debug, Clone, Default)]
pub struct StoredAnalysis {
    bytes: Vec<u8>,
    words_end: usize,
    sentences_end: usize,
}

impl StoredAnalysis {
    fn new(words: &[u8], sentences: &[u8], heads: &[u8]) -> StoredAnalysis {
        let mut bytes = Vec::with_capacity(words.len() + sentences.len() + heads.len());
        bytes.extend_from_slice(words);
        bytes.extend_from_slice(sentences);
        bytes.extend_from_slice(heads);
        StoredAnalysis {
            bytes,
            words_end: words.len(),
            sentences_end: words.len() + sentences.len(),
        }
    }

    pub fn words(&self) -> &[u8] {
        &self.bytes[..self.words_end]
    }

    pub fn sentences(&self) -> &[u8] {
        &self.bytes[self.words_end..self.sentences_end]
    }

    pub fn heads(&self) -> &[u8] {
        &self.bytes[self.sentences_end..]
    }
}

/// One value of a passage's document, borrowed: from the passage as it is indexed
/// ([`PassageDocument`](super::passage_document::PassageDocument)), or from the store's block
/// (or [`StoredFields`]) as it is read back.
#[derive(Debug, Clone, Copy)]
pub enum FieldValue<'a> {
    Text(&'a str),
    Number(u64),
    Bytes(&'a [u8]),
}

/// A stored document read straight into its values: Tantivy's own document type would be
/// built first and its strings copied again into the `Passage`.
pub struct StoredFields(pub(super) Vec<(Field, Stored)>);

impl StoredFields {
    /// Its values, borrowed, as [`Fields::passage`] reads them.
    pub fn values(&self) -> impl Iterator<Item = Option<(Field, FieldValue<'_>)>> {
        self.0.iter().map(|(field, value)| {
            let value = match value {
                Stored::Text(text) => FieldValue::Text(text),
                Stored::Number(n) => FieldValue::Number(*n),
                Stored::Bytes(bytes) => FieldValue::Bytes(bytes),
            };
            Some((*field, value))
        })
    }
}

pub enum Stored {
    Text(String),
    Number(u64),
    Bytes(Vec<u8>),
}

impl DocumentDeserialize for StoredFields {
    fn deserialize<'de, D>(mut deserializer: D) -> Result<Self, DeserializeError>
    where
        D: DocumentDeserializer<'de>,
    {
        let mut fields = Vec::with_capacity(deserializer.size_hint());
        while let Some(field) = deserializer.next_field()? {
            fields.push(field);
        }
        Ok(StoredFields(fields))
    }
}

impl ValueDeserialize for Stored {
    fn deserialize<'de, D>(deserializer: D) -> Result<Self, DeserializeError>
    where
        D: ValueDeserializer<'de>,
    {
        deserializer.deserialize_any(StoredVisitor)
    }
}

struct StoredVisitor;

impl ValueVisitor for StoredVisitor {
    type Value = Stored;

    fn visit_string(&self, text: String) -> Result<Stored, DeserializeError> {
        Ok(Stored::Text(text))
    }

    fn visit_u64(&self, n: u64) -> Result<Stored, DeserializeError> {
        Ok(Stored::Number(n))
    }

    fn visit_bytes(&self, bytes: Vec<u8>) -> Result<Stored, DeserializeError> {
        Ok(Stored::Bytes(bytes))
    }
}

pub fn document_hash(doc_id: &str) -> u64 {
    let mut hash = super::store::Fnv64::default();
    hash.write(doc_id.as_bytes());
    hash.0
}

fn form_index(form: Form) -> usize {
    match form {
        Form::Kazakh => 0,
        Form::Russian => 1,
        Form::Key => 2,
        Form::Prefix => 3,
    }
}

pub fn build_schema() -> Schema {
    let mut builder = Schema::builder();
    for name in ["doc_id", "passage_id", "lang", "file"] {
        builder.add_text_field(name, STRING | STORED);
    }
    for name in ["title", "date", "source", "url", "text"] {
        builder.add_text_field(name, STORED);
    }
    builder.add_u64_field("position", STORED);
    builder.add_bytes_field("words", STORED);
    builder.add_bytes_field("sentences", STORED);
    builder.add_bytes_field("heads", STORED);
    builder.add_u64_field("document_hash", FAST);
    // Frequencies without positions: ranking needs no phrase queries (proximity is judged on the
    // passage text when re-ranking), and positions would double the postings.
    let field = |form: Form| {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizers::name(form))
            .set_index_option(IndexRecordOption::WithFreqs);
        TextOptions::default().set_indexing_options(indexing)
    };
    for (suffix, form) in [
        ("kk", Form::Kazakh),
        ("ru", Form::Russian),
        ("key", Form::Key),
        ("prefix", Form::Prefix),
    ] {
        builder.add_text_field(&format!("body_{suffix}"), field(form));
    }
    builder.add_text_field("title_key", field(Form::Key));
    builder.build()
}
