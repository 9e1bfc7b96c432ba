//! SQLite FTS5 (unicode61 tokenizer, bm25 ranking, `snippet()`), the other yardstick of the
//! benches: every passage a row, each question word quoted so that FTS5's query syntax never
//! sees the user's text.

use std::path::{Path, PathBuf};

use kinotanu::corpus::Passage;
use rusqlite::Connection;

pub struct Fts5 {
    path: PathBuf,
}

thread_local! {
    static CONNECTIONS: std::cell::RefCell<Vec<(PathBuf, Connection)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Fts5 {
    pub fn build(passages: &[Passage], path: &Path) -> Fts5 {
        let mut db = Connection::open(path).unwrap();
        db.execute_batch("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; CREATE VIRTUAL TABLE p USING fts5(body, tokenize='unicode61');").unwrap();
        let tx = db.transaction().unwrap();
        {
            let mut insert = tx.prepare("INSERT INTO p(body) VALUES (?1)").unwrap();
            for passage in passages {
                insert.execute([&passage.text]).unwrap();
            }
        }
        tx.commit().unwrap();
        Fts5 {
            path: path.to_path_buf(),
        }
    }

    /// The best `limit` passages' snippets (one connection per thread); returns their total
    /// length so that nothing is optimised away.
    pub fn search(&self, question: &str, limit: usize) -> usize {
        let query = question
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| format!("\"{w}\""))
            .collect::<Vec<_>>()
            .join(" OR ");
        if query.is_empty() {
            return 0;
        }
        CONNECTIONS.with(|connections| {
            let mut connections = connections.borrow_mut();
            if !connections.iter().any(|(p, _)| p == &self.path) {
                connections.push((self.path.clone(), Connection::open(&self.path).unwrap()));
            }
            let db = &connections.iter().find(|(p, _)| p == &self.path).unwrap().1;
            let mut statement = db
                .prepare_cached("SELECT snippet(p, 0, '[', ']', '…', 12) FROM p WHERE p MATCH ?1 ORDER BY bm25(p) LIMIT ?2")
                .unwrap();
            let rows = statement
                .query_map(rusqlite::params![&query, limit as i64], |row| {
                    row.get::<_, String>(0)
                })
                .unwrap();
            rows.map(|r| r.unwrap().len()).sum()
        })
    }
}
