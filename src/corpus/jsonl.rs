//! JSON Lines: one document a line, `{"id","title","text"[,"lang","date","source","url"]}`.
//! A line that is not valid UTF-8, not a JSON object, or lacks `id` or `text` is reported with
//! its line number and skipped; the other lines are kept.

use std::collections::HashSet;
use std::path::Path;

use serde_json::Value;

use super::{Corpus, Document, Lang, Problem, clean_line};

pub fn read(path: &Path, bytes: &[u8], corpus: &mut Corpus, seen: &mut HashSet<String>) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut any_line = false;
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let line_no = index + 1;
        let mut problem = |message: String| {
            corpus.problems.push(Problem {
                path: path.to_path_buf(),
                line: Some(line_no),
                message,
            });
        };
        let Ok(line) = std::str::from_utf8(raw) else {
            problem("not valid UTF-8: line skipped".into());
            continue;
        };
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        any_line = true;
        match parse_line(line) {
            Ok(document) => {
                if document.title == document.id {
                    problem(format!(
                        "document {:?} has no \"title\": its id is shown instead",
                        document.id
                    ));
                }
                corpus.add(path, Some(line_no), document, seen);
            }
            Err(message) => problem(format!("{message}: line skipped")),
        }
    }
    if !any_line {
        corpus.problems.push(Problem {
            path: path.to_path_buf(),
            line: None,
            message: "empty file: skipped".into(),
        });
    }
}

fn parse_line(line: &str) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON ({e})"))?;
    let Value::Object(map) = value else {
        return Err("not a JSON object".into());
    };
    let field = |name: &str| -> Option<String> {
        match map.get(name)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let id = field("id")
        .filter(|id| !id.trim().is_empty())
        .ok_or("missing \"id\"")?;
    let text = field("text").ok_or("missing \"text\"")?;
    let paragraphs: Vec<String> = text
        .split('\n')
        .map(clean_line)
        .filter(|p| !p.is_empty())
        .collect();
    if paragraphs.is_empty() {
        return Err(format!("document {id:?} has empty \"text\""));
    }
    let title = field("title")
        .map(|t| clean_line(&t))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| id.clone());
    Ok(Document {
        title,
        date: field("date"),
        source: field("source"),
        url: field("url"),
        lang: field("lang").as_deref().and_then(Lang::parse),
        paragraphs,
        id,
    })
}
