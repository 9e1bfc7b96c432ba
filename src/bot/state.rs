//! What the bot shares between updates: the live index (a snapshot swapped whole after a
//! reindex or a sync, so that questions are answered from the old one while the new one is
//! made), the counters /stats reports, and the per-user question limit.

use std::collections::{HashMap, VecDeque};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::{Duration, Instant};

use anyhow::Result;
use tokio::sync::Semaphore;
use tracing::{error, info};

use super::live_sync::{Snapshots, SyncQueue};
use crate::answer::{self, Answer};
use crate::corpus::Problem;
use crate::error::BadInput;
use crate::live_index;
use crate::search::{Manifest, SearchIndex};

/// The index questions are answered from, and how to rebuild and sync it (`live_sync.rs`).
pub struct LiveIndex {
    current: RwLock<Arc<SearchIndex>>,
    pub(super) index_dir: PathBuf,
    pub(super) seeds: PathBuf,
    rebuilding: AtomicBool,
    pub(super) syncs: SyncQueue,
    pub(super) snapshots: Snapshots,
    /// One answer per core at a time. Answering is pure CPU: more at once only adds blocking
    /// threads, each with its stack and allocator arena — a burst of 400 questions peaked at
    /// 300 threads and 118 MB instead of a few threads and a queue of milliseconds.
    answering: Semaphore,
}

/// How a reindex ended.
pub enum Reindexed {
    Done {
        manifest: Manifest,
        problems: Vec<Problem>,
        took: Duration,
    },
    /// Another rebuild (in this process or another) holds the lock.
    Busy,
    /// The old index keeps serving; the reason is fit to show a user (no paths, no traces).
    Failed(RebuildFailure),
}

/// Why a rebuild failed, as an admin can act on it: the paths and OS messages go to the log only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RebuildFailure {
    SeedsUnreadable,
    IndexNotWritable,
    NoSpace,
    BuildFailed,
    Crashed,
}

impl LiveIndex {
    /// Opens the index, building it first when it is missing or its seeds changed.
    pub async fn open(seeds: PathBuf, index_dir: PathBuf) -> Result<LiveIndex> {
        let (s, d) = (seeds.clone(), index_dir.clone());
        let (index, snapshots) = tokio::task::spawn_blocking(move || {
            // Taken first: a change made while the index opens is picked up by the next check.
            let snapshots = Snapshots::seeing(&d);
            live_index::open_or_build(&s, &d).map(|index| (index, snapshots))
        })
        .await??;
        Ok(LiveIndex {
            current: RwLock::new(Arc::new(index)),
            index_dir,
            seeds,
            rebuilding: AtomicBool::new(false),
            syncs: SyncQueue::default(),
            snapshots,
            answering: Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get())),
        })
    }

    pub fn current(&self) -> Arc<SearchIndex> {
        // A poisoned lock only means a panic while swapping an Arc: the value is still whole.
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// Makes `index` the one questions are answered from.
    pub(super) fn install(&self, index: SearchIndex) {
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Arc::new(index);
    }

    pub fn seeds(&self) -> &Path {
        &self.seeds
    }

    /// Answers off the async threads: a search is fast, but a cold index can touch the disk.
    pub async fn answer(&self, question: &str, top: usize) -> Result<Answer> {
        let _turn = self.answering.acquire().await?;
        let index = self.current();
        let question = question.to_string();
        tokio::task::spawn_blocking(move || answer::answer(&index, &question, top)).await?
    }

    /// Rebuilds from the seeds beside the live index and swaps the new one in; refuses to start
    /// a second rebuild while one runs (here, or a sync or rebuild in any process).
    pub async fn reindex(self: &Arc<Self>) -> Reindexed {
        if self.rebuilding.swap(true, Ordering::AcqRel) {
            return Reindexed::Busy;
        }
        let started = Instant::now();
        let live = self.clone();
        let built = tokio::task::spawn_blocking(move || {
            let Some(rebuilt) = live_index::rebuild(&live.seeds, &live.index_dir, false)? else {
                return Ok(None);
            };
            live.refresh(true)?;
            Ok::<_, anyhow::Error>(Some(rebuilt.problems))
        })
        .await;
        self.rebuilding.store(false, Ordering::Release);
        match built {
            Ok(Ok(Some(problems))) => {
                let manifest = self.current().manifest().clone();
                info!(
                    documents = manifest.documents,
                    passages = manifest.passages,
                    skipped = problems.len(),
                    "reindexed"
                );
                Reindexed::Done {
                    manifest,
                    problems,
                    took: started.elapsed(),
                }
            }
            Ok(Ok(None)) => Reindexed::Busy,
            Ok(Err(e)) => {
                error!("reindex failed, the previous index keeps serving: {e:#}");
                Reindexed::Failed(failure_reason(&e))
            }
            Err(e) => {
                error!("reindex crashed, the previous index keeps serving: {e}");
                Reindexed::Failed(RebuildFailure::Crashed)
            }
        }
    }
}

/// The cause of a failed rebuild, from the error's chain.
fn failure_reason(error: &anyhow::Error) -> RebuildFailure {
    if error.downcast_ref::<BadInput>().is_some() {
        return RebuildFailure::SeedsUnreadable;
    }
    let io_error = error
        .chain()
        .find_map(|cause| cause.downcast_ref::<std::io::Error>());
    match io_error.map(std::io::Error::kind) {
        Some(ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem) => {
            RebuildFailure::IndexNotWritable
        }
        Some(ErrorKind::StorageFull | ErrorKind::FileTooLarge | ErrorKind::QuotaExceeded) => {
            RebuildFailure::NoSpace
        }
        _ => RebuildFailure::BuildFailed,
    }
}

/// A poisoned lock only means a panic while it was held; what it guards is still whole.
pub(super) fn locked<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Counters for /stats.
pub struct Stats {
    pub started: Instant,
    questions: AtomicU64,
    answered: AtomicU64,
}

impl Default for Stats {
    fn default() -> Self {
        Stats {
            started: Instant::now(),
            questions: AtomicU64::new(0),
            answered: AtomicU64::new(0),
        }
    }
}

impl Stats {
    pub fn record(&self, answer: &Answer) {
        self.questions.fetch_add(1, Ordering::Relaxed);
        if answer.answered {
            self.answered.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// (questions asked, questions answered from the corpus).
    pub fn counts(&self) -> (u64, u64) {
        (
            self.questions.load(Ordering::Relaxed),
            self.answered.load(Ordering::Relaxed),
        )
    }
}

/// Whether one more question from a user is let through.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Over the limit; `tell` is true the first time in a window, so a flood gets one notice.
    Refused {
        tell: bool,
    },
}

/// The per-user question allowances. Inline mode sends a query at every pause in typing, so
/// it gets its own, larger allowance and does not eat into the chat one.
pub struct QuestionLimits {
    pub chat: RateLimiter,
    pub inline: RateLimiter,
}

impl QuestionLimits {
    pub fn per_minute(questions: usize) -> QuestionLimits {
        QuestionLimits {
            chat: RateLimiter::per_minute(questions),
            inline: RateLimiter::per_minute(questions.saturating_mul(3)),
        }
    }
}

/// At most `per_window` questions per user in any sliding `window`.
pub struct RateLimiter {
    per_window: usize,
    window: Duration,
    users: Mutex<HashMap<i64, UserWindow>>,
}

#[derive(Default)]
struct UserWindow {
    asked: VecDeque<Instant>,
    told: bool,
}

impl RateLimiter {
    pub fn per_minute(questions: usize) -> RateLimiter {
        RateLimiter {
            per_window: questions.max(1),
            window: Duration::from_secs(60),
            users: Mutex::new(HashMap::new()),
        }
    }

    pub fn check(&self, user: i64) -> Verdict {
        self.check_at(user, Instant::now())
    }

    fn check_at(&self, user: i64, now: Instant) -> Verdict {
        let mut users = locked(&self.users);
        if users.len() > 10_000 {
            // Forget the idle so that many one-off users cannot grow the map without end.
            users.retain(|_, w| w.asked.back().is_some_and(|t| now - *t < self.window));
        }
        let user = users.entry(user).or_default();
        while user.asked.front().is_some_and(|t| now - *t >= self.window) {
            user.asked.pop_front();
        }
        if user.asked.len() < self.per_window {
            user.asked.push_back(now);
            user.told = false;
            Verdict::Allowed
        } else {
            let tell = !user.told;
            user.told = true;
            Verdict::Refused { tell }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_rebuild_is_explained_by_its_cause_without_the_path() {
        let failed = |kind: ErrorKind| {
            anyhow::Error::from(std::io::Error::from(kind))
                .context("cannot create a new index in /srv/kinotanu/index")
        };
        assert_eq!(
            failure_reason(&failed(ErrorKind::PermissionDenied)),
            RebuildFailure::IndexNotWritable
        );
        assert_eq!(
            failure_reason(&failed(ErrorKind::StorageFull)),
            RebuildFailure::NoSpace
        );
        assert_eq!(
            failure_reason(&failed(ErrorKind::IsADirectory)),
            RebuildFailure::BuildFailed
        );
        let seeds = crate::error::bad_input("/srv/kinotanu/seeds: no such seeds folder");
        assert_eq!(failure_reason(&seeds), RebuildFailure::SeedsUnreadable);
    }

    #[test]
    fn the_limit_refuses_then_lets_through_after_the_window() {
        let limiter = RateLimiter::per_minute(2);
        let t0 = Instant::now();
        assert_eq!(limiter.check_at(1, t0), Verdict::Allowed);
        assert_eq!(limiter.check_at(1, t0), Verdict::Allowed);
        assert_eq!(limiter.check_at(1, t0), Verdict::Refused { tell: true });
        assert_eq!(limiter.check_at(1, t0), Verdict::Refused { tell: false });
        assert_eq!(limiter.check_at(2, t0), Verdict::Allowed, "per user");
        let later = t0 + Duration::from_secs(61);
        assert_eq!(limiter.check_at(1, later), Verdict::Allowed);
    }
}
