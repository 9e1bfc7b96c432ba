//! Corpus: reading the seeds folder (or one file, or an uploaded file's bytes) into documents,
//! and documents into passages.
//!
//! Formats are chosen by extension and checked by content ([`formats`]): the article's
//! plain-text form (`.txt`), Markdown (`.md`), JSON Lines (`.jsonl`), web pages (`.html`,
//! `.htm`), Word (`.docx`), PDF (`.pdf`) and Telegram Desktop chat exports (`.json`). A file or
//! line that cannot be read becomes a [`Problem`] naming the path and line; everything else is
//! kept. When two documents share an id the first one read (files in name order, lines in
//! order) wins and the later one is reported.

mod article;
mod dates;
mod docx;
mod formats;
mod html;
mod html_text;
mod jsonl;
mod lang;
mod markdown;
mod passages;
mod pdf;
mod pdf_pages;
mod telegram_export;
pub mod telegram_post;
mod time_limit;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use dates::{day_of_unix_time, normalize_date};
pub use formats::{
    Format, FormatCounts, read_bytes, read_seed_file, read_seeds, seed_files, seed_paths,
};
pub use html::{looks_like_html, read_html_page};
pub use lang::{Lang, detect_lang, evident_lang};
pub use passages::{MAX_PASSAGE_CHARS, sentences, split_paragraph, split_paragraphs};
pub use time_limit::{READ_TIME_LIMIT, within_time_limit};

/// Web pages, Word and PDF files larger than this are skipped (Telegram exports, which run to
/// hundreds of megabytes, are streamed instead).
pub const MAX_FILE_BYTES: usize = 50_000_000;

/// A source document: one article, one Markdown file, or one JSON Lines record.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// The language the document declares, used for passages whose letters do not decide.
    pub lang: Option<Lang>,
    pub paragraphs: Vec<String>,
}

/// The unit that is indexed, ranked and shown: short paragraphs together, or a part of a long one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub doc_id: String,
    pub passage_id: String,
    pub title: String,
    pub date: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub lang: Lang,
    /// Position of the passage in its document, from 0.
    pub position: u32,
    pub text: String,
}

/// Something in the input that was skipped, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    /// A problem that cost the whole file (as opposed to one line, message or duplicate).
    pub fn skips_file(&self) -> bool {
        self.message.ends_with(": skipped") || self.message.ends_with(": file skipped")
    }

    fn new(path: &Path, line: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// What was read: the documents, what had to be skipped, and how many files of each format
/// were read.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
    pub formats: FormatCounts,
}

impl Corpus {
    /// All passages of all documents, in order.
    pub fn passages(&self) -> Vec<Passage> {
        self.documents.iter().flat_map(Document::passages).collect()
    }

    fn add(
        &mut self,
        path: &Path,
        line: Option<usize>,
        document: Document,
        seen: &mut HashSet<String>,
    ) {
        if seen.insert(document.id.clone()) {
            self.documents.push(document);
        } else {
            self.problems.push(Problem {
                path: path.to_path_buf(),
                line,
                message: format!(
                    "duplicate document id {:?}: the first one read is kept",
                    document.id
                ),
            });
        }
    }
}

impl Document {
    /// Splits the document into passages, detecting each passage's language from its letters.
    pub fn passages(&self) -> Vec<Passage> {
        let mut out = Vec::new();
        for text in split_paragraphs(&self.paragraphs, evident_lang) {
            let position = out.len() as u32;
            out.push(Passage {
                doc_id: self.id.clone(),
                passage_id: format!("{}#{}", self.id, position),
                title: self.title.clone(),
                date: self.date.clone(),
                source: self.source.clone(),
                url: self.url.clone(),
                lang: detect_lang(&text).or(self.lang).unwrap_or(Lang::Kk),
                position,
                text,
            });
        }
        out
    }
}

/// Cleans one line of text: trims and drops a byte-order mark anywhere.
fn clean_line(line: &str) -> String {
    line.replace('\u{FEFF}', "").trim().to_string()
}
