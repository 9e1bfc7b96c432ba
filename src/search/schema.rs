//! The Tantivy schema: stored passage fields, and the title and body indexed once per word form.

use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
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
    body: [Field; 4],
    /// The title, indexed by its key form only: titles are short, one form is enough.
    pub title_key: Field,
    /// A hash of the document id, as a fast field: passages of one document are told apart from
    /// the ranking's columns, without fetching stored passages that will not be shown.
    pub document_hash: Field,
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
            body: [
                get("body_kk")?,
                get("body_ru")?,
                get("body_key")?,
                get("body_prefix")?,
            ],
            title_key: get("title_key")?,
            document_hash: get("document_hash")?,
        })
    }

    pub fn document(&self, passage: &Passage) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
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
        for form in Form::ALL {
            doc.add_text(self.body(form), &passage.text);
        }
        doc.add_text(self.title_key, &passage.title);
        doc.add_u64(self.document_hash, document_hash(&passage.doc_id));
        doc
    }

    pub fn passage(&self, doc: &TantivyDocument) -> Passage {
        let text = |field: Field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        Passage {
            doc_id: text(self.doc_id).unwrap_or_default(),
            passage_id: text(self.passage_id).unwrap_or_default(),
            title: text(self.title).unwrap_or_default(),
            date: text(self.date),
            source: text(self.source),
            url: text(self.url),
            lang: text(self.lang)
                .as_deref()
                .and_then(Lang::parse)
                .unwrap_or(Lang::Kk),
            position: doc
                .get_first(self.position)
                .and_then(|v| v.as_u64())
                .unwrap_or(0) as u32,
            text: text(self.text).unwrap_or_default(),
        }
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
    for name in ["doc_id", "passage_id", "lang"] {
        builder.add_text_field(name, STRING | STORED);
    }
    for name in ["title", "date", "source", "url", "text"] {
        builder.add_text_field(name, STORED);
    }
    builder.add_u64_field("position", STORED);
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
