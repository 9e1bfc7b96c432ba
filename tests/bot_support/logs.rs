//! The log records of a test binary, captured at trace level with the bot's own filter, so
//! that tests can check what the bot logs — and that the token never reaches a line.

use std::io::Write;
use std::sync::{Mutex, Once};

static LOGS: Mutex<Vec<u8>> = Mutex::new(Vec::new());

struct Capture;

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        LOGS.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every log record of this test binary, at the most verbose level a user could ask for, with
/// the bot's own filter applied.
pub fn capture_logs() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        tracing_subscriber::fmt()
            .with_env_filter(kinotanu::bot::log_filter(Some("trace")))
            .with_writer(|| Capture)
            .with_ansi(false)
            .init();
    });
}

pub fn logs() -> String {
    String::from_utf8_lossy(&LOGS.lock().unwrap()).into_owned()
}

/// Lines of the captured logs holding every one of `parts`.
pub fn log_lines(parts: &[&str]) -> Vec<String> {
    logs()
        .lines()
        .filter(|line| parts.iter().all(|p| line.contains(p)))
        .map(str::to_string)
        .collect()
}
