//! Watches a data directory from a second SQLite connection, as another process would, and
//! stamps the moment each new change is stored there (counted as changes ever appended, which
//! compaction does not take back; the benchmarks change one group at a time).
//!
//! A node applies received changes and appends them to its store in the same step, before it
//! answers: a change stored is a change applied. The node also reports it (`Received`), but only
//! once its task gets round to returning the event; the store is seen from outside the node, at
//! the moment the change is there.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context;
use comptoir_store::Store;
use tokio::sync::mpsc;

use super::harness::PATIENCE;

/// Between two looks at the database (a look is one `PRAGMA data_version`, about a
/// microsecond); the stamps are this late at most, plus the scheduler's wake-up delay.
const POLL: Duration = Duration::from_micros(20);

/// A stored change: how many changes were stored so far, and when this was seen.
#[derive(Debug, Clone, Copy)]
pub struct Stored {
    pub count: u64,
    pub at: Instant,
}

/// A thread polling the changes stored in a data directory.
#[derive(Debug)]
pub struct Watcher {
    /// The changes stored when the watch started.
    pub initial: u64,
    seen: mpsc::Receiver<Stored>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<anyhow::Result<()>>>,
}

impl Watcher {
    /// Starts watching the data directory `dir`.
    pub fn start(dir: &Path) -> anyhow::Result<Self> {
        let store = Store::open(dir)?;
        let initial = appended(&store)?;
        let (sender, seen) = mpsc::channel(1024);
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let mut version = store.data_version()?;
            let mut count = initial;
            while !stopped.load(Ordering::Relaxed) {
                let now = store.data_version()?;
                if now != version {
                    let at = Instant::now();
                    version = now;
                    let stored = appended(&store)?;
                    if stored != count {
                        count = stored;
                        if sender.blocking_send(Stored { count, at }).is_err() {
                            break;
                        }
                    }
                }
                std::thread::sleep(POLL);
            }
            Ok(())
        });
        Ok(Self {
            initial,
            seen,
            stop,
            thread: Some(thread),
        })
    }

    /// How many changes were stored so far, as last seen.
    pub async fn next(&mut self) -> anyhow::Result<Stored> {
        tokio::time::timeout(PATIENCE, self.seen.recv())
            .await
            .context("waiting for a change to be stored")?
            .context("the watcher stopped")
    }

    /// Waits until at least `count` changes were stored; returns when that was
    /// first seen.
    pub async fn until(&mut self, count: u64) -> anyhow::Result<Instant> {
        loop {
            let stored = self.next().await?;
            if stored.count >= count {
                return Ok(stored.at);
            }
        }
    }

    pub fn stop(mut self) -> anyhow::Result<()> {
        self.stop.store(true, Ordering::Relaxed);
        match self.thread.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => anyhow::bail!("the watcher thread panicked"),
            None => Ok(()),
        }
    }
}

fn appended(store: &Store) -> anyhow::Result<u64> {
    Ok(store.appended_ever()?.unsigned_abs())
}
