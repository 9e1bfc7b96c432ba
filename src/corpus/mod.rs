//! Corpus: reading the seeds folder (or one JSON Lines file) into documents, and documents into
//! passages.
//!
//! Three formats, chosen by extension: the article's plain-text form (`.txt`), Markdown (`.md`)
//! and JSON Lines (`.jsonl`). A file or line that cannot be read becomes a [`Problem`] naming the
//! path and line; everything else is kept. When two documents share an id the first one read
//! (files in name order, lines in order) wins and the later one is reported.

mod article;
mod jsonl;
mod lang;
mod markdown;
mod passages;

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use lang::{Lang, detect_lang, evident_lang};
pub use passages::{MAX_PASSAGE_CHARS, sentences, split_paragraph, split_paragraphs};

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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// What was read: the documents and what had to be skipped.
#[derive(Debug, Default)]
pub struct Corpus {
    pub documents: Vec<Document>,
    pub problems: Vec<Problem>,
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

/// Reads a seeds folder (every `.txt`, `.md`, `.jsonl` file in it, recursively, in name order)
/// or a single file. A missing path is an error; unreadable files are problems.
pub fn read_seeds(path: &Path) -> std::io::Result<Corpus> {
    if !path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such file or folder",
        ));
    }
    let files = if path.is_dir() {
        seed_files(path)?
    } else {
        vec![path.to_path_buf()]
    };
    let mut corpus = Corpus::default();
    let mut seen = HashSet::new();
    for file in files {
        read_file(&file, &mut corpus, &mut seen);
    }
    Ok(corpus)
}

/// Reads one seed file: its documents (when the file repeats an id, the first is kept and the
/// others reported) and what had to be skipped.
pub fn read_seed_file(path: &Path) -> Corpus {
    let mut corpus = Corpus::default();
    read_file(path, &mut corpus, &mut HashSet::new());
    corpus
}

/// The files of a seeds folder that the readers understand, in name order (hidden files skipped).
pub fn seed_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_none_or(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else if Format::of(&path).is_some() {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Article,
    Markdown,
    JsonLines,
}

impl Format {
    fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Article),
            "md" | "markdown" => Some(Format::Markdown),
            "jsonl" => Some(Format::JsonLines),
            _ => None,
        }
    }
}

fn read_file(path: &Path, corpus: &mut Corpus, seen: &mut HashSet<String>) {
    let problem = |message: String| Problem {
        path: path.to_path_buf(),
        line: None,
        message,
    };
    let Some(format) = Format::of(path) else {
        corpus
            .problems
            .push(problem("not a .txt, .md or .jsonl file: skipped".into()));
        return;
    };
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => return corpus.problems.push(problem(format!("cannot read: {e}"))),
    };
    if format == Format::JsonLines {
        return jsonl::read(path, &bytes, corpus, seen);
    }
    let text = match text_of(&bytes) {
        Ok(text) => text,
        Err(TextError { line, message }) => {
            corpus.problems.push(Problem {
                path: path.to_path_buf(),
                line,
                message,
            });
            return;
        }
    };
    let id = doc_id_from_path(path);
    let document = match format {
        Format::Article => article::parse(&id, text),
        Format::Markdown => markdown::parse(&id, text),
        Format::JsonLines => unreachable!("handled above"),
    };
    match document {
        Some(document) => corpus.add(path, None, document, seen),
        None => corpus
            .problems
            .push(problem("no text in the file: skipped".into())),
    }
}

struct TextError {
    line: Option<usize>,
    message: String,
}

/// The file's text without a byte-order mark, or why it is not text.
fn text_of(bytes: &[u8]) -> Result<&str, TextError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(TextError {
            line: None,
            message: "empty file: skipped".into(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        TextError {
            line: Some(line),
            message: "not valid UTF-8 text: file skipped".into(),
        }
    })?;
    if text.contains('\0') {
        let line = text[..text.find('\0').unwrap_or(0)].matches('\n').count() + 1;
        return Err(TextError {
            line: Some(line),
            message: "binary data (NUL bytes): file skipped".into(),
        });
    }
    Ok(text)
}

/// A document id from a file name: its stem, as written.
fn doc_id_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Cleans one line of text: trims and drops a byte-order mark anywhere.
fn clean_line(line: &str) -> String {
    line.replace('\u{FEFF}', "").trim().to_string()
}
