//! Documents an admin uploads with /add: a file name that is safe to create in the seeds folder
//! (no path, no hidden file, a known format), written without ever replacing an existing file,
//! and a download buffer that stops at the size limit.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::task::{Context, Poll};

/// Largest document accepted, in bytes.
pub const MAX_UPLOAD_BYTES: usize = 5 * 1024 * 1024;
/// The formats the corpus readers understand.
const EXTENSIONS: [&str; 3] = ["txt", "md", "jsonl"];
const MAX_STEM_CHARS: usize = 80;

/// A name for the uploaded file inside the seeds folder, from the name the sender gave it:
/// its last path component, letters, digits, `-` and `_` only, never starting with a dot.
/// `None` when the extension is not one the corpus reads.
pub fn safe_file_name(original: &str) -> Option<String> {
    let base = original.rsplit(['/', '\\']).next().unwrap_or(original);
    let (stem, extension) = base.rsplit_once('.')?;
    let extension = extension.to_ascii_lowercase();
    if !EXTENSIONS.contains(&extension.as_str()) {
        return None;
    }
    let mut clean = String::new();
    for c in stem.chars() {
        let keep = c.is_alphanumeric() || c == '-' || c == '_';
        let c = if keep { c } else { '_' };
        if !(c == '_' && clean.ends_with('_')) {
            clean.push(c);
        }
    }
    let clean: String = clean
        .trim_matches(['_', '-'])
        .chars()
        .take(MAX_STEM_CHARS)
        .collect();
    let stem = if clean.is_empty() { "upload" } else { &clean };
    Some(format!("{stem}.{extension}"))
}

/// Writes `bytes` as a new file named `name` in `dir`, or `name-2`, `name-3`, … when taken.
/// The file appears complete or not at all: it is written under a hidden name (which the corpus
/// reader skips) and then hard-linked to its final name, which fails rather than replaces.
pub fn save_new(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, "txt"));
    let partial = dir.join(format!(".upload-{}-{name}", std::process::id()));
    let mut file = std::fs::File::create_new(&partial)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    drop(file);
    let result = written.and_then(|()| {
        for n in 1..=1000 {
            let candidate = if n == 1 {
                name.to_string()
            } else {
                format!("{stem}-{n}.{extension}")
            };
            let path = dir.join(candidate);
            match std::fs::hard_link(&partial, &path) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "too many files with this name",
        ))
    });
    let _ = std::fs::remove_file(&partial);
    result
}

/// A download destination that refuses to grow past its limit, so that a file larger than
/// announced cannot fill memory.
pub struct CappedBuffer {
    pub bytes: Vec<u8>,
    limit: usize,
}

impl CappedBuffer {
    pub fn new(limit: usize) -> CappedBuffer {
        CappedBuffer {
            bytes: Vec::new(),
            limit,
        }
    }
}

impl tokio::io::AsyncWrite for CappedBuffer {
    fn poll_write(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.bytes.len() + buf.len() > this.limit {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::FileTooLarge,
                "the file is larger than the upload limit",
            )));
        }
        this.bytes.extend_from_slice(buf);
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_paths_dots_and_odd_characters() {
        let cases = [
            ("notes.txt", Some("notes.txt")),
            ("../../etc/passwd.txt", Some("passwd.txt")),
            ("..\\..\\boot.ini.md", Some("boot_ini.md")),
            (".hidden.md", Some("hidden.md")),
            ("...txt", Some("upload.txt")),
            ("Қазақ кино 2025.JSONL", Some("Қазақ_кино_2025.jsonl")),
            ("a<b>|c:d*.md", Some("a_b_c_d.md")),
            ("-rf.txt", Some("rf.txt")),
            ("evil.sh", None),
            ("no_extension", None),
            ("archive.txt.gz", None),
        ];
        for (input, expected) in cases {
            assert_eq!(safe_file_name(input).as_deref(), expected, "{input}");
        }
        let long = format!("{}.txt", "я".repeat(500));
        assert_eq!(safe_file_name(&long).unwrap().chars().count(), 84);
    }

    #[test]
    fn an_existing_file_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let first = save_new(dir.path(), "doc.txt", b"one").unwrap();
        let second = save_new(dir.path(), "doc.txt", b"two").unwrap();
        let third = save_new(dir.path(), "doc.txt", b"three").unwrap();
        assert_eq!(first.file_name().unwrap(), "doc.txt");
        assert_eq!(second.file_name().unwrap(), "doc-2.txt");
        assert_eq!(third.file_name().unwrap(), "doc-3.txt");
        assert_eq!(std::fs::read(first).unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 3, "no partial files left: {names:?}");
    }

    #[test]
    fn the_buffer_stops_at_its_limit() {
        use tokio::io::AsyncWrite;
        let mut buffer = CappedBuffer::new(4);
        let mut cx = Context::from_waker(std::task::Waker::noop());
        let mut write = |bytes: &[u8]| Pin::new(&mut buffer).poll_write(&mut cx, bytes);
        assert!(matches!(write(b"abcd"), Poll::Ready(Ok(4))));
        assert!(matches!(write(b"e"), Poll::Ready(Err(_))));
        assert_eq!(buffer.bytes, b"abcd");
    }
}
