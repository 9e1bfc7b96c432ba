//! A month file of a feed's items being rewritten: its lines byte for byte, and where each
//! document id is, so that a round of thousands of items finds each line at once instead of
//! parsing the whole file again for every item.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use anyhow::Result;
use serde::Deserialize;

use crate::sources::post_store::Written;
use crate::sources::record_file::read_lines;

/// A month file's lines, with where each document id is: a round of thousands of items
/// looks each up at once, not by reading every line again.
pub struct MonthFile {
    /// `None` where a line was removed.
    lines: Vec<Option<Vec<u8>>>,
    /// The lines holding each id, first first (a hand-edited file may repeat one).
    by_id: HashMap<String, Vec<usize>>,
}

impl MonthFile {
    pub fn read(path: &Path) -> Result<MonthFile> {
        #[derive(Deserialize)]
        struct Id {
            id: String,
        }
        let lines = read_lines(path)?;
        let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, line) in lines.iter().enumerate() {
            // Lines that are not documents are kept as they are, never matched.
            if let Ok(Id { id }) = serde_json::from_slice::<Id>(line) {
                by_id.entry(id).or_default().push(at);
            }
        }
        Ok(MonthFile {
            lines: lines.into_iter().map(Some).collect(),
            by_id,
        })
    }

    /// Removes the first line holding `id`; whether there was one.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(at) = self
            .by_id
            .get_mut(id)
            .filter(|a| !a.is_empty())
            .map(|a| a.remove(0))
        else {
            return false;
        };
        self.lines[at] = None;
        true
    }

    /// Replaces the first line holding `id` with `line`, or adds it.
    pub fn put(&mut self, id: &str, line: Vec<u8>) -> Written {
        match self.by_id.get(id).and_then(|a| a.first().copied()) {
            Some(at) if self.lines[at].as_deref() == Some(line.as_slice()) => Written::Unchanged,
            Some(at) => {
                self.lines[at] = Some(line);
                Written::Replaced
            }
            None => {
                self.by_id
                    .entry(id.to_string())
                    .or_default()
                    .push(self.lines.len());
                self.lines.push(Some(line));
                Written::Added
            }
        }
    }

    pub fn bytes(self) -> Vec<u8> {
        self.lines.into_iter().flatten().flatten().collect()
    }
}

pub fn month_file<'a>(
    files: &'a mut BTreeMap<String, MonthFile>,
    folder: &Path,
    file: &str,
) -> Result<&'a mut MonthFile> {
    Ok(match files.entry(file.to_string()) {
        Entry::Occupied(known) => known.into_mut(),
        Entry::Vacant(new) => new.insert(MonthFile::read(&folder.join(file))?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, text: &str) -> Vec<u8> {
        format!("{{\"id\":\"{id}\",\"title\":\"t\",\"text\":\"{text}\"}}\n").into_bytes()
    }

    #[test]
    fn lines_are_found_by_id_replaced_removed_and_the_rest_kept() {
        let folder = tempfile::tempdir().unwrap();
        let mut bytes = line("a", "1");
        bytes.extend_from_slice(b"not a document\n");
        bytes.extend_from_slice(&line("b", "2"));
        bytes.extend_from_slice(&line("a", "again"));
        std::fs::write(folder.path().join("2025-11.jsonl"), &bytes).unwrap();
        let mut files = BTreeMap::new();
        let file = month_file(&mut files, folder.path(), "2025-11.jsonl").unwrap();
        assert_eq!(file.put("b", line("b", "2")), Written::Unchanged);
        assert_eq!(file.put("b", line("b", "3")), Written::Replaced);
        assert!(file.remove("a"));
        assert_eq!(
            file.put("a", line("a", "4")),
            Written::Replaced,
            "the repeated line"
        );
        assert!(!file.remove("c"));
        assert_eq!(file.put("c", line("c", "5")), Written::Added);
        let mut expected = b"not a document\n".to_vec();
        for (id, text) in [("b", "3"), ("a", "4"), ("c", "5")] {
            expected.extend_from_slice(&line(id, text));
        }
        let file = files.remove("2025-11.jsonl").unwrap();
        assert_eq!(
            String::from_utf8(file.bytes()).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
}
