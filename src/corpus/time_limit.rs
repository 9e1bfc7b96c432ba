//! A per-file time limit for the readers of formats whose parsers can be slow or panic on a
//! crafted file (PDF, web pages, Word): the reading runs in a worker thread, a panic becomes the
//! file's problem, and a file that takes longer than [`READ_TIME_LIMIT`] is reported and left
//! to its thread (a thread cannot be killed; it ends with its work or the process).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Once, mpsc};
use std::time::Duration;

/// The longest one file may take to read.
pub const READ_TIME_LIMIT: Duration = Duration::from_secs(30);

const WORKER_NAME: &str = "kinotanu-reader";

/// Runs `read` in a worker with a time limit; a panic or a time-out is an `Err` that ends in
/// ": skipped" like the readers' own.
pub fn within_time_limit<T: Send + 'static>(
    read: impl FnOnce() -> Result<T, String> + Send + 'static,
) -> Result<T, String> {
    silence_worker_panics();
    let (sender, receiver) = mpsc::channel();
    let worker = std::thread::Builder::new()
        .name(WORKER_NAME.into())
        // Parsers recurse on nested structures; a large stack costs only address space.
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(read))
                .unwrap_or_else(|_| Err("the reader failed on it (damaged file?): skipped".into()));
            // When the time ran out nobody waits for the result any more.
            let _ = sender.send(result);
        })
        .map_err(|e| format!("cannot start a reader ({e}): skipped"))?;
    match receiver.recv_timeout(READ_TIME_LIMIT) {
        Ok(result) => {
            let _ = worker.join();
            result
        }
        Err(_) => Err(format!(
            "reading took longer than {} s (damaged or too complex): skipped",
            READ_TIME_LIMIT.as_secs()
        )),
    }
}

/// The default hook prints a worker's panic to stderr; it is reported as the file's problem
/// instead. Other threads keep the default hook.
fn silence_worker_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER_NAME) {
                default(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_is_a_problem() {
        let result: Result<(), String> = within_time_limit(|| panic!("boom"));
        assert!(result.unwrap_err().contains("failed"));
        assert_eq!(within_time_limit(|| Ok(7)), Ok(7));
    }
}
