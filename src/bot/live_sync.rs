//! Keeping the bot's snapshot of the index current. After a post is stored in the seeds, a sync
//! updates the index in place and a fresh snapshot is swapped in at once, then again when the
//! segment merges are done. One sync at a time in the process: requests made while one runs
//! are taken together by the next. Changes another process makes (`kinotanu index`, a cron
//! `kinotanu fetch`) are noticed by a check once a second, cheap enough to run forever: the
//! `CURRENT` pointer and the manifest's modification time and size. Questions are answered from
//! the snapshot in place all along.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{Context, Result};
use tokio::sync::watch;
use tracing::{error, info, warn};

use super::state::{LiveIndex, locked};
use crate::live_index::{self, Merges, Synced};
use crate::search::{SearchIndex, store};

/// How often the index folder is checked for changes made by another process.
const DISK_CHECK: Duration = Duration::from_secs(1);

/// How the sync that covered a request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOutcome {
    /// The index holds the seeds as they were when the request was made (or later).
    Synced,
    /// The sync failed (logged); the index in use keeps answering.
    Failed,
    /// Not done within the time allowed: another process holds the index (a rebuild), and the
    /// sync follows when it ends.
    Pending,
}

/// A request for a sync: it is done when a sync that started after it has finished.
#[derive(Debug, Clone, Copy)]
pub struct SyncTicket(u64);

/// The requests made and the syncs done.
pub struct SyncQueue {
    state: Mutex<QueueState>,
    rounds: watch::Sender<Round>,
}

#[derive(Default)]
struct QueueState {
    requested: u64,
    covered: u64,
    running: bool,
}

#[derive(Debug, Clone, Copy)]
struct Round {
    /// Every request up to this one is covered.
    covered: u64,
    outcome: SyncOutcome,
}

impl Default for SyncQueue {
    fn default() -> Self {
        SyncQueue {
            state: Mutex::new(QueueState::default()),
            rounds: watch::Sender::new(Round {
                covered: 0,
                outcome: SyncOutcome::Synced,
            }),
        }
    }
}

/// What the snapshot in use was made from, and the lock that keeps swaps in order (so that a
/// slower refresh never replaces a newer snapshot with an older one).
pub struct Snapshots {
    swapping: Mutex<DiskStamp>,
}

impl Snapshots {
    /// Remembers the index folder as it is now.
    pub fn seeing(index_dir: &Path) -> Snapshots {
        Snapshots {
            swapping: Mutex::new(DiskStamp::read(index_dir)),
        }
    }
}

/// The index folder as a cheap check sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DiskStamp {
    generation: Option<PathBuf>,
    manifest: Option<(SystemTime, u64)>,
}

impl DiskStamp {
    fn read(index_dir: &Path) -> DiskStamp {
        let generation = store::current_generation(index_dir);
        let manifest = generation
            .as_deref()
            .and_then(|g| std::fs::metadata(store::manifest_path(g)).ok())
            .and_then(|meta| Some((meta.modified().ok()?, meta.len())));
        DiskStamp {
            generation,
            manifest,
        }
    }
}

impl LiveIndex {
    /// Asks for a sync of the index with the seeds and returns at once: a sync starts now, or
    /// when the one running ends.
    pub fn request_sync(self: &Arc<Self>) -> SyncTicket {
        let mut queue = locked(&self.syncs.state);
        queue.requested += 1;
        let ticket = SyncTicket(queue.requested);
        if !queue.running {
            queue.running = true;
            tokio::spawn(self.clone().sync_rounds());
        }
        ticket
    }

    /// Waits until the request is covered by a finished sync.
    pub async fn synced(&self, ticket: SyncTicket) -> SyncOutcome {
        let mut rounds = self.syncs.rounds.subscribe();
        match rounds.wait_for(|round| round.covered >= ticket.0).await {
            Ok(round) => round.outcome,
            Err(_) => SyncOutcome::Failed,
        }
    }

    /// Syncs the index with the seeds and waits, at most `patience`, until what was written
    /// before the call is answerable.
    pub async fn sync(self: &Arc<Self>, patience: Duration) -> SyncOutcome {
        let ticket = self.request_sync();
        tokio::time::timeout(patience, self.synced(ticket))
            .await
            .unwrap_or(SyncOutcome::Pending)
    }

    /// Waits, at most `patience`, for the syncs asked for so far (a stopping bot lets the post
    /// in hand reach the index; one that does not is synced at the next start).
    pub async fn settle(&self, patience: Duration) {
        let requested = locked(&self.syncs.state).requested;
        let _ = tokio::time::timeout(patience, self.synced(SyncTicket(requested))).await;
    }

    /// Runs syncs while there are requests no sync has covered.
    async fn sync_rounds(self: Arc<Self>) {
        loop {
            let target = {
                let mut queue = locked(&self.syncs.state);
                if queue.requested == queue.covered {
                    queue.running = false;
                    return;
                }
                queue.requested
            };
            let (outcome, merges) = self.sync_once().await;
            locked(&self.syncs.state).covered = target;
            self.syncs.rounds.send_replace(Round {
                covered: target,
                outcome,
            });
            if let Some(merges) = merges {
                self.finish_merges(merges).await;
            }
        }
    }

    /// One sync, with a fresh snapshot swapped in right after its commit.
    async fn sync_once(self: &Arc<Self>) -> (SyncOutcome, Option<Merges>) {
        let live = self.clone();
        let synced = tokio::task::spawn_blocking(move || {
            // Waits for a rebuild or update another process is running.
            let synced = live_index::sync(&live.seeds, &live.index_dir, true)?
                .context("the index is locked")?;
            let (changed, merges) = match synced {
                Synced::Unchanged => (false, None),
                Synced::Updated {
                    report,
                    problems,
                    merges,
                } => {
                    report_problems(&problems);
                    info!(
                        files = report.files,
                        documents = report.documents_after,
                        was = report.documents_before,
                        index = %live.index_dir.display(),
                        "index updated in place"
                    );
                    (true, Some(merges))
                }
                Synced::Rebuilt(rebuilt) => {
                    report_problems(&rebuilt.problems);
                    info!(
                        documents = rebuilt.report.manifest.documents,
                        "index rebuilt from the seeds"
                    );
                    (true, None)
                }
            };
            // Even unchanged here, another process may have updated it since our snapshot.
            if let Err(e) = live.refresh(changed) {
                error!("cannot take a new snapshot of the index: {e:#}");
            }
            Ok::<_, anyhow::Error>(merges)
        })
        .await;
        match synced {
            Ok(Ok(merges)) => (SyncOutcome::Synced, merges),
            Ok(Err(e)) => {
                error!(
                    "syncing the index with the seeds failed, the index in use keeps answering: {e:#}"
                );
                (SyncOutcome::Failed, None)
            }
            Err(e) => {
                error!("syncing the index crashed, the index in use keeps answering: {e}");
                (SyncOutcome::Failed, None)
            }
        }
    }

    /// Waits for an update's merges (they hold the rebuild lock), then swaps in a snapshot with
    /// the fewer segments they leave.
    async fn finish_merges(self: &Arc<Self>, merges: Merges) {
        let live = self.clone();
        let merged = tokio::task::spawn_blocking(move || {
            merges.wait()?;
            live.refresh(true)
        })
        .await;
        match merged {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => warn!("after an update: {e:#}"),
            Err(e) => warn!("waiting for the index merges crashed: {e}"),
        }
    }

    /// Swaps in a fresh snapshot when the index folder changed since the last one was taken,
    /// or always with `force` (a change this process just made, which the folder's stamp may
    /// not show within the file system's clock resolution). `true` when it swapped.
    pub(super) fn refresh(&self, force: bool) -> Result<bool> {
        let mut seen = locked(&self.snapshots.swapping);
        let stamp = DiskStamp::read(&self.index_dir);
        if !force && *seen == stamp {
            return Ok(false);
        }
        // Remembered even when opening fails, so that a broken folder is reported once, not
        // every second.
        *seen = stamp;
        let current = self.current();
        let fresh = match store::current_generation(&self.index_dir) {
            Some(generation) if generation == current.generation() => current.refreshed()?,
            _ => SearchIndex::open(&self.index_dir)?,
        };
        self.install(fresh);
        Ok(true)
    }

    /// Checks the index folder once a second and swaps in a new snapshot when another process
    /// changed it. Runs until the task is dropped.
    pub async fn watch_disk(self: Arc<Self>) {
        let mut ticks = tokio::time::interval(DISK_CHECK);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            let before = self.current();
            let live = self.clone();
            match tokio::task::spawn_blocking(move || live.refresh(false)).await {
                Ok(Ok(true)) => {
                    let now = self.current();
                    if now.generation() != before.generation()
                        || now.manifest() != before.manifest()
                    {
                        info!(
                            documents = now.manifest().documents,
                            "the index changed on disk: answering from the new state"
                        );
                    }
                }
                Ok(Ok(false)) => {}
                Ok(Err(e)) => warn!("the index changed on disk but cannot be opened: {e:#}"),
                Err(e) => warn!("checking the index folder crashed: {e}"),
            }
        }
    }
}

fn report_problems(problems: &[crate::corpus::Problem]) {
    for problem in problems {
        warn!("skipped: {problem}");
    }
}
