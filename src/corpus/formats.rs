//! Which reader reads a file: the format by extension, checked by content, and the seeds folder
//! walked in name order. Text formats go through the UTF-8 check; web pages are decoded by
//! their charset; Word, PDF and export files are read as the bytes they are.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

use super::telegram_export;
use super::{Corpus, MAX_FILE_BYTES, Problem, article, docx, html, jsonl, markdown, pdf};

/// A format the corpus reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Article,
    Markdown,
    JsonLines,
    TelegramExport,
}

impl Format {
    /// Every format, in the order counts are printed.
    pub const ALL: [Format; 7] = [
        Format::Html,
        Format::Pdf,
        Format::Docx,
        Format::Article,
        Format::Markdown,
        Format::JsonLines,
        Format::TelegramExport,
    ];

    /// The format a file's extension names, if the corpus reads it.
    pub fn of(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" => Some(Format::Article),
            "md" | "markdown" => Some(Format::Markdown),
            "jsonl" => Some(Format::JsonLines),
            "html" | "htm" => Some(Format::Html),
            "docx" => Some(Format::Docx),
            "pdf" => Some(Format::Pdf),
            "json" => Some(Format::TelegramExport),
            _ => None,
        }
    }

    /// The short name counts are printed with.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Article => "txt",
            Format::Markdown => "md",
            Format::JsonLines => "jsonl",
            Format::TelegramExport => "telegram export",
        }
    }

    fn index(self) -> usize {
        Format::ALL.iter().position(|&f| f == self).unwrap_or(0)
    }

    /// Formats whose files are skipped past [`MAX_FILE_BYTES`].
    fn is_capped(self) -> bool {
        matches!(self, Format::Html | Format::Pdf | Format::Docx)
    }
}

/// Files read per format (a file counts when it was not skipped whole).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FormatCounts {
    read: [usize; Format::ALL.len()],
}

impl FormatCounts {
    /// Counts the files that no problem skipped whole.
    pub fn of_read(files: &[PathBuf], problems: &[Problem]) -> FormatCounts {
        let skipped: HashSet<&Path> = problems
            .iter()
            .filter(|p| p.skips_file())
            .map(|p| p.path.as_path())
            .collect();
        let mut counts = FormatCounts::default();
        for file in files.iter().filter(|f| !skipped.contains(f.as_path())) {
            if let Some(format) = Format::of(file) {
                counts.read[format.index()] += 1;
            }
        }
        counts
    }

    /// Files of this format that were read.
    pub fn get(&self, format: Format) -> usize {
        self.read[format.index()]
    }

    /// Files read, all formats together.
    pub fn files(&self) -> usize {
        self.read.iter().sum()
    }

    /// Adds another reading's counts to these.
    pub fn add(&mut self, other: &FormatCounts) {
        for (count, more) in self.read.iter_mut().zip(other.read) {
            *count += more;
        }
    }
}

/// `12 files: 3 html, 2 pdf, 1 docx, 4 txt, 2 jsonl` (formats without files left out).
impl fmt::Display for FormatCounts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let files = self.files();
        write!(f, "{files} file{}", if files == 1 { "" } else { "s" })?;
        let mut first = true;
        for format in Format::ALL {
            let count = self.get(format);
            if count > 0 {
                write!(
                    f,
                    "{} {count} {}",
                    if first { ":" } else { "," },
                    format.name()
                )?;
                first = false;
            }
        }
        Ok(())
    }
}

/// Reads a seeds folder (every file of a format the corpus reads, recursively, in name order)
/// or a single file. A missing path is an error; unreadable files are problems.
pub fn read_seeds(path: &Path) -> std::io::Result<Corpus> {
    let files = seed_paths(path)?;
    let mut corpus = Corpus::default();
    let mut seen = HashSet::new();
    for file in &files {
        read_file(file, &mut corpus, &mut seen);
    }
    corpus.formats = FormatCounts::of_read(&files, &corpus.problems);
    Ok(corpus)
}

/// Reads one seed file: its documents (when the file repeats an id, the first is kept and the
/// others reported) and what had to be skipped.
pub fn read_seed_file(path: &Path) -> Corpus {
    let mut corpus = Corpus::default();
    read_file(path, &mut corpus, &mut HashSet::new());
    corpus.formats = FormatCounts::of_read(&[path.to_path_buf()], &corpus.problems);
    corpus
}

/// Reads an uploaded file from its name and bytes: the documents in it and its problems (named
/// by `name`), as if it were in the seeds folder.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Corpus {
    let path = PathBuf::from(name);
    let mut corpus = Corpus::default();
    let mut seen = HashSet::new();
    match Format::of(&path) {
        Some(format) => read_content(&path, format, bytes, &mut corpus, &mut seen),
        None => corpus.problems.push(not_a_format(&path)),
    }
    corpus.formats = FormatCounts::of_read(&[path], &corpus.problems);
    corpus
}

/// The files `read_seeds` reads: the folder's files in name order, or the one file given.
pub fn seed_paths(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "no such file or folder",
        ));
    }
    if path.is_dir() {
        seed_files(path)
    } else {
        Ok(vec![path.to_path_buf()])
    }
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

fn not_a_format(path: &Path) -> Problem {
    Problem::new(
        path,
        None,
        "not a .txt, .md, .jsonl, .html, .htm, .docx, .pdf or .json file: skipped",
    )
}

fn read_file(path: &Path, corpus: &mut Corpus, seen: &mut HashSet<String>) {
    let Some(format) = Format::of(path) else {
        return corpus.problems.push(not_a_format(path));
    };
    if format == Format::TelegramExport {
        return telegram_export::read_file(path, corpus, seen);
    }
    if format.is_capped() {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_FILE_BYTES as u64 {
            return corpus.problems.push(too_large(path));
        }
    }
    match std::fs::read(path) {
        Ok(bytes) => read_content(path, format, &bytes, corpus, seen),
        Err(e) => corpus.problems.push(Problem::new(
            path,
            None,
            format!("cannot read: {e}: skipped"),
        )),
    }
}

fn too_large(path: &Path) -> Problem {
    Problem::new(
        path,
        None,
        format!("larger than {} MB: skipped", MAX_FILE_BYTES / 1_000_000),
    )
}

fn read_content(
    path: &Path,
    format: Format,
    bytes: &[u8],
    corpus: &mut Corpus,
    seen: &mut HashSet<String>,
) {
    if format.is_capped() && bytes.len() > MAX_FILE_BYTES {
        return corpus.problems.push(too_large(path));
    }
    let id = doc_id_from_path(path);
    let document = match format {
        Format::JsonLines => return jsonl::read(path, bytes, corpus, seen),
        Format::TelegramExport => return telegram_export::read_slice(path, bytes, corpus, seen),
        Format::Article | Format::Markdown => {
            let text = match text_of(bytes) {
                Ok(text) => text,
                Err(TextError { line, message }) => {
                    return corpus.problems.push(Problem::new(path, line, message));
                }
            };
            let document = match format {
                Format::Article => article::parse(&id, text),
                _ => markdown::parse(&id, text),
            };
            document.ok_or_else(|| "no text in the file: skipped".to_string())
        }
        Format::Html if bytes.iter().all(u8::is_ascii_whitespace) => {
            Err("empty file: skipped".into())
        }
        Format::Html if !html::looks_like_html(bytes) => {
            Err("not an HTML page (no <html>, <head> or <body> at the start): skipped".into())
        }
        Format::Html => html::parse(&id, bytes, None),
        Format::Docx if bytes.is_empty() => Err("empty file: skipped".into()),
        Format::Docx => docx::read(&id, bytes),
        Format::Pdf if bytes.is_empty() => Err("empty file: skipped".into()),
        Format::Pdf => pdf::read(&id, bytes),
    };
    match document {
        Ok(document) => corpus.add(path, None, document, seen),
        Err(message) => corpus.problems.push(Problem::new(path, None, message)),
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
