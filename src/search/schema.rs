//! The Tantivy schema: stored passage fields, and the title and body indexed once per word form.

use tantivy::TantivyDocument;
use tantivy::schema::document::{
    DeserializeError, DocumentDeserialize, DocumentDeserializer, ValueDeserialize,
    ValueDeserializer, ValueVisitor,
};
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::tokenizers;
use crate::analysis::{Form, WordList, encode_heads, encode_sentences};
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

    /// The Tantivy document of a passage read from `file`.
    pub fn document(&self, file: &str, passage: &Passage) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(self.file, file);
        doc.add_text(self.doc_id, &passage.doc_id);
        doc.add_text(self.passage_id, &passage.passage_id);
        doc.add_text(self.title, &passage.title);
        for (field, value) in [
            (self.date, &passage.date),
            (self.source, &passage.source),
            (self.url, &passage.url),
        ] {
            if let Some(value) = value {
                doc.add_text(field, value);
            }
        }
        doc.add_text(self.lang, passage.lang.code());
        doc.add_u64(self.position, u64::from(passage.position));
        doc.add_text(self.text, &passage.text);
        let words = WordList::of(&passage.text);
        doc.add_bytes(self.words, &words.encode());
        doc.add_bytes(self.heads, &encode_heads(&words));
        doc.add_bytes(self.sentences, &encode_sentences(&passage.text));
        for form in Form::ALL {
            doc.add_text(self.body(form), &passage.text);
        }
        doc.add_text(self.title_key, &passage.title);
        doc.add_u64(self.document_hash, document_hash(&passage.doc_id));
        doc
    }

    /// The passage stored in a document, its strings moved out of it.
    pub fn passage(&self, stored: StoredFields) -> StoredPassage {
        let (mut words, mut sentences, mut heads) = (Vec::new(), Vec::new(), Vec::new());
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
        for (field, value) in stored.0 {
            match value {
                Stored::Number(n) if field == self.position => {
                    passage.position = u32::try_from(n).unwrap_or(u32::MAX);
                }
                Stored::Number(_) => {}
                Stored::Bytes(bytes) if field == self.words => words = bytes,
                Stored::Bytes(bytes) if field == self.sentences => sentences = bytes,
                Stored::Bytes(bytes) if field == self.heads => heads = bytes,
                Stored::Bytes(_) => {}
                Stored::Text(text) => match field {
                    f if f == self.doc_id => passage.doc_id = text,
                    f if f == self.passage_id => passage.passage_id = text,
                    f if f == self.title => passage.title = text,
                    f if f == self.date => passage.date = Some(text),
                    f if f == self.source => passage.source = Some(text),
                    f if f == self.url => passage.url = Some(text),
                    f if f == self.lang => passage.lang = Lang::parse(&text).unwrap_or(Lang::Kk),
                    f if f == self.text => passage.text = text,
                    _ => {}
                },
            }
        }
        StoredPassage {
            passage,
            words,
            sentences,
            heads,
        }
    }
}

/// A passage as stored, with its words, sentences and heads as the answer reads them (see
/// [`Fields::words`]; empty in an index written without them).
pub struct StoredPassage {
    pub passage: Passage,
    pub words: Vec<u8>,
    pub sentences: Vec<u8>,
    pub heads: Vec<u8>,
}

/// A stored document read straight into its values: Tantivy's own document type would be
/// built first and its strings copied again into the `Passage`.
pub struct StoredFields(pub(super) Vec<(Field, Stored)>);

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
