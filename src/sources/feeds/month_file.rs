//! A feed's month files being rewritten: each file's lines byte for byte, and where each
//! document id is, so that a round of thousands of items finds each line at once instead of
//! parsing the whole file again for every item; and which items hold each line, so that a page
//! two items carry stays one line.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use anyhow::Result;
use serde::Deserialize;

use super::store::FeedState;
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

/// Which items of a feed hold each (document id, month file) line, by the state: two items
/// may carry one page.
pub struct LineHolders {
    by_line: HashMap<(String, String), BTreeSet<String>>,
    files: HashMap<String, BTreeSet<String>>,
}

impl LineHolders {
    pub fn of(state: &FeedState) -> LineHolders {
        let mut holders = LineHolders {
            by_line: HashMap::new(),
            files: HashMap::new(),
        };
        for (guid, seen) in state.items.iter().filter(|(_, s)| !s.file.is_empty()) {
            holders.hold(&seen.doc_id, &seen.file, guid);
        }
        holders
    }

    pub fn hold(&mut self, id: &str, file: &str, guid: &str) {
        let line = (id.to_string(), file.to_string());
        self.by_line
            .entry(line)
            .or_default()
            .insert(guid.to_string());
        let files = self.files.entry(id.to_string()).or_default();
        files.insert(file.to_string());
    }

    /// `guid` lets go of the line; whether no item holds it any more.
    pub fn release(&mut self, id: &str, file: &str, guid: &str) -> bool {
        let line = (id.to_string(), file.to_string());
        let holders = self.by_line.entry(line.clone()).or_default();
        holders.remove(guid);
        if !holders.is_empty() {
            return false;
        }
        self.by_line.remove(&line);
        if let Some(files) = self.files.get_mut(id) {
            files.remove(file);
        }
        true
    }

    /// The files other than `file` with a line of `id`.
    pub fn files_of(&self, id: &str, file: &str) -> Vec<String> {
        let files = self.files.get(id).into_iter().flatten();
        files.filter(|f| *f != file).cloned().collect()
    }

    /// The line of `id` moves from `from` to `to`; the items that held it.
    pub fn moved(&mut self, id: &str, from: &str, to: &str) -> Vec<String> {
        let holders = self
            .by_line
            .remove(&(id.to_string(), from.to_string()))
            .unwrap_or_default();
        if let Some(files) = self.files.get_mut(id) {
            files.remove(from);
        }
        for guid in &holders {
            self.hold(id, to, guid);
        }
        holders.into_iter().collect()
    }
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

    #[test]
    fn a_page_two_items_carry_keeps_one_line_as_either_moves() {
        use crate::sources::feeds::items::StoredItem;
        use crate::sources::feeds::store::{FeedStore, ItemRecord};
        let seeds = tempfile::tempdir().unwrap();
        let store = FeedStore::new(seeds.path().to_path_buf());
        let feed = reqwest::Url::parse("https://kino.kz/rss.xml").unwrap();
        let record = |guid: &str, id: &str, month: &str| ItemRecord {
            guid: guid.into(),
            fingerprint: format!("{guid}{id}{month}"),
            page_retries: 0,
            month: month.into(),
            stored: StoredItem {
                id: id.into(),
                title: guid.into(),
                text: "Мәтін.".into(),
                lang: None,
                date: None,
                source: None,
                url: None,
            },
        };
        let ids_in = |month: &str| -> Vec<String> {
            let path = store.folder(&feed).join(format!("{month}.jsonl"));
            let text = std::fs::read_to_string(path).unwrap_or_default();
            text.lines()
                .map(|l| serde_json::from_str::<StoredItem>(l).unwrap().id)
                .collect()
        };
        let mut state = FeedState::default();
        let mut write = |records| store.write_items(&feed, &mut state, records).unwrap();
        write(vec![record("a", "kino.kz/x", "2025-11")]);
        write(vec![record("b", "kino.kz/x", "2025-12")]);
        assert_eq!(
            (ids_in("2025-11"), ids_in("2025-12")),
            (vec![], vec!["kino.kz/x".into()])
        );
        // `a` now links elsewhere: the line `b` holds stays.
        write(vec![record("a", "kino.kz/y", "2025-11")]);
        assert_eq!(
            (ids_in("2025-11"), ids_in("2025-12")),
            (vec!["kino.kz/y".into()], vec!["kino.kz/x".into()])
        );
        // `b` moves to November: its line goes with it.
        write(vec![record("b", "kino.kz/x", "2025-11")]);
        assert_eq!(ids_in("2025-11"), ["kino.kz/y", "kino.kz/x"]);
        assert_eq!(ids_in("2025-12"), Vec::<String>::new());
        assert_eq!(state.items["b"].file, "2025-11.jsonl");
    }
}
