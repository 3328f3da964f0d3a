//! A running `comptoir --json serve`: its events, one JSON object per line, and its address.

use std::io::Read;
use std::process::{Command, Stdio};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use nix::sys::signal::Signal;
use serde_json::Value;

use crate::{Lines, PATIENCE, ProcessGroup};

/// Events printed and not read yet: far more than a test's `serve` prints between two looks.
/// Past it, `serve` waits at its next write until the test reads.
const UNREAD: usize = 4096;

/// Events read so far.
#[derive(Debug, Default)]
struct Seen {
    events: Vec<Value>,
    /// Standard output closed: the process is gone.
    closed: bool,
}

/// A running `comptoir serve --json`, leader of its own process group: killed with the group and
/// waited for when dropped, whatever the test's outcome.
#[derive(Debug)]
pub struct Serve {
    events: Lines<Value>,
    seen: Mutex<Seen>,
    stderr: Arc<Mutex<String>>,
    /// The address from its first `listening` event.
    pub address: String,
    // Last: dropped (killed) after the readers above are let go.
    process: ProcessGroup,
}

impl Serve {
    /// Starts `command` (a `serve --json`) and waits for its first `listening` event.
    pub fn start(command: &mut Command) -> Self {
        let mut process =
            ProcessGroup::spawn(command.stdout(Stdio::piped()).stderr(Stdio::piped()))
                .unwrap_or_else(|e| panic!("comptoir serve does not start: {e}"));
        let stdout = process.child_mut().stdout.take().expect("piped stdout");
        let events = Lines::spawn(stdout, UNREAD, |line| {
            serde_json::from_str(&line).unwrap_or_else(|_| serde_json::json!({ "unparsed": line }))
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = process.child_mut().stderr.take().expect("piped stderr");
        let text = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let read = String::from_utf8_lossy(&buffer[..n]).into_owned();
                text.lock().expect("not poisoned").push_str(&read);
            }
        });
        let mut serve = Self {
            events,
            seen: Mutex::default(),
            stderr,
            address: String::new(),
            process,
        };
        let listening = serve.wait_for("a listening event", |e| e["event"] == "listening");
        serve.address = listening["address"]
            .as_str()
            .expect("a listening address")
            .to_string();
        serve
    }

    /// Waits until a printed event matches `wanted` (looking at every event printed since the
    /// start); returns it. Fails if the server exits first, or after [`PATIENCE`].
    pub fn wait_for(&self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_nth(what, 1, wanted)
    }

    /// Waits until `n` printed events match `wanted`; returns the last of them.
    pub fn wait_for_nth(&self, what: &str, n: usize, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = self.read_all();
        loop {
            if let Some(found) = seen.events.iter().filter(|e| wanted(e)).nth(n - 1) {
                return found.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if seen.closed || left.is_zero() {
                let why = if seen.closed {
                    "it exited"
                } else {
                    "timed out"
                };
                panic!(
                    "serve never printed {what} ({why}); it printed {:?}; stderr: {}",
                    seen.events,
                    self.stderr.lock().expect("not poisoned")
                );
            }
            match self.events.next(left) {
                Ok(event) => seen.events.push(event),
                Err(RecvTimeoutError::Disconnected) => seen.closed = true,
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    /// Every event printed so far.
    pub fn events(&self) -> Vec<Value> {
        self.read_all().events.clone()
    }

    /// What it printed on stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().expect("not poisoned").clone()
    }

    /// Stops it as a person would (SIGTERM) and waits for it to exit; expects a clean exit.
    pub fn stop(mut self) {
        self.process
            .signal(Signal::SIGTERM)
            .unwrap_or_else(|e| panic!("{e}"));
        let status = self.process.wait().unwrap_or_else(|e| panic!("{e}"));
        assert!(status.success(), "serve exited with {status} when stopped");
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.process.is_running()
    }

    /// The events seen, with every event already printed read in.
    fn read_all(&self) -> MutexGuard<'_, Seen> {
        let mut seen = self.seen.lock().expect("not poisoned");
        while let Some(event) = self.events.try_next() {
            seen.events.push(event);
        }
        seen
    }
}

impl Drop for Serve {
    /// A failing test shows what the server said on stderr (warnings; with `COMPTOIR_TEST_LOG`,
    /// its log).
    fn drop(&mut self) {
        if std::thread::panicking() {
            let stderr = self.stderr();
            if !stderr.is_empty() {
                #[allow(clippy::print_stderr, reason = "the failing test's report")]
                {
                    eprintln!("--- stderr of serve at {} ---\n{stderr}", self.address);
                }
            }
        }
    }
}

/// Whether `event` is a `kind` event about `peer`.
pub fn about(event: &Value, kind: &str, peer: &str) -> bool {
    event["event"] == kind && event["peer"] == peer
}
