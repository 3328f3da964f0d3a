//! Devices (temporary data directories) and the real `comptoir` processes run on them.
//!
//! Every process runs with mDNS off (`COMPTOIR_NO_MDNS=1`, and `--no-mdns` where it networks)
//! and listens on 127.0.0.1 only, on a port the OS picks and `serve` reports. A [`Server`] is
//! killed and waited for when it goes out of scope, whatever the test's outcome.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

/// The binary under test, built by cargo for this test target.
pub const BIN: &str = env!("CARGO_BIN_EXE_comptoir");

/// A safety net for waits on another process: generous, never the condition itself.
pub const PATIENCE: Duration = Duration::from_secs(60);

/// `--timeout` of `sync` and `invite accept` when they are expected to succeed.
pub const TIMEOUT: &str = "30";

/// One device: a data directory with its own key.
pub struct Device {
    dir: TempDir,
}

/// What a finished run printed.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
}

impl Device {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    /// The device's SQLite file.
    pub fn database(&self) -> PathBuf {
        self.data_dir().join("comptoir.sqlite3")
    }

    /// A file next to the database, for imports and exports.
    pub fn file(&self, name: &str) -> PathBuf {
        self.data_dir().join(name)
    }

    /// The command on this data directory, mDNS off, no inherited data directory or log level.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.arg("--data-dir")
            .arg(self.data_dir())
            .args(args)
            .env("COMPTOIR_NO_MDNS", "1")
            .env_remove("COMPTOIR_DATA_DIR")
            .env_remove("COMPTOIR_LOG")
            .stdin(Stdio::null());
        cmd
    }

    /// Runs to the end, whatever the exit status.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::of(&mut self.command(args))
    }

    /// Runs with `--json`, expects success, parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        self.run(&all).json(args)
    }

    /// The `id` of what a command created.
    pub fn create(&self, args: &[&str]) -> String {
        self.json(args)["id"].as_str().expect("an id").to_string()
    }

    /// This device's peer id.
    pub fn peer_id(&self) -> String {
        self.json(&["id"])["peer"]
            .as_str()
            .expect("a peer id")
            .to_string()
    }

    /// A bistrot in Belgium.
    pub fn bistrot(&self, name: &str) -> String {
        self.create(&[
            "group",
            "create",
            "--name",
            name,
            "--kind",
            "bistrot",
            "--country",
            "BE",
        ])
    }

    /// The groups this device holds (`group list --json`).
    pub fn groups(&self) -> Vec<Value> {
        self.json(&["group", "list"])
            .as_array()
            .expect("a list of groups")
            .clone()
    }

    /// The whole group as the JSON export prints it.
    pub fn export(&self, group: &str) -> Value {
        let run = self.run(&["export", group, "--format", "json"]);
        let stdout = run.expect_success(&["export", group]);
        serde_json::from_str(&stdout).expect("the export is JSON")
    }

    /// What people see of a group: members, agenda, and every note in full.
    pub fn views(&self, group: &str) -> Value {
        let notes = self.json(&["note", "list", group]);
        let shown: Vec<Value> = notes
            .as_array()
            .expect("a list of notes")
            .iter()
            .map(|n| self.json(&["note", "show", group, n["id"].as_str().expect("a note id")]))
            .collect();
        serde_json::json!({
            "members": self.json(&["member", "list", group]),
            "events": self.json(&["event", "list", group]),
            "notes": shown,
        })
    }

    /// Serves on a loopback port chosen by the OS, mDNS off.
    pub fn serve(&self) -> Server {
        let mut cmd = self.command(&[
            "--json",
            "serve",
            "--listen",
            "/ip4/127.0.0.1/tcp/0",
            "--no-mdns",
        ]);
        Server::start(&mut cmd)
    }

    /// `sync --peer ADDRESS` with mDNS off.
    pub fn sync(&self, address: &str, timeout: &str) -> Run {
        self.run(&[
            "--json",
            "sync",
            "--peer",
            address,
            "--no-mdns",
            "--timeout",
            timeout,
        ])
    }

    /// `sync` that must succeed.
    pub fn sync_ok(&self, address: &str) {
        let run = self.sync(address, TIMEOUT);
        run.expect_success(&["sync", "--peer", address]);
    }

    /// Makes an invitation to `group` naming `address`; returns the code.
    pub fn invite(&self, group: &str, address: &str) -> String {
        self.json(&["invite", "create", group, "--address", address])["code"]
            .as_str()
            .expect("a code")
            .to_string()
    }

    /// `invite accept CODE` with mDNS off.
    pub fn accept(&self, code: &str, timeout: &str) -> Run {
        self.run(&[
            "--json",
            "invite",
            "accept",
            code,
            "--no-mdns",
            "--timeout",
            timeout,
        ])
    }

    /// Joins `group` of the device behind `server`: `inviter` makes a code, this device uses it.
    pub fn join(&self, inviter: &Device, group: &str, server: &Server) {
        let code = inviter.invite(group, &server.address);
        let run = self.accept(&code, TIMEOUT);
        let stdout = run.expect_success(&["invite", "accept"]);
        let joined: Value = serde_json::from_str(&stdout).expect("JSON");
        assert_eq!(joined["joined"], group, "joined another group: {stdout}");
    }

    /// The number of rows of a table of this device's database, read with SQLite directly.
    pub fn count_rows(&self, table: &str) -> i64 {
        let db = rusqlite::Connection::open_with_flags(
            self.database(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        )
        .expect("the database opens");
        db.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .expect("the table is readable")
    }
}

impl Run {
    pub fn of(command: &mut Command) -> Self {
        let Output {
            status,
            stdout,
            stderr,
        } = command.output().expect("comptoir runs");
        Self {
            status,
            stdout: String::from_utf8(stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(stderr).expect("utf-8 stderr"),
        }
    }

    /// Expects success; returns stdout.
    pub fn expect_success(self, what: &[&str]) -> String {
        assert!(
            self.status.success(),
            "comptoir {what:?} failed ({}): {}",
            self.status,
            self.stderr
        );
        self.stdout
    }

    /// Expects success and JSON on stdout.
    pub fn json(self, what: &[&str]) -> Value {
        let stdout = self.expect_success(what);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("comptoir {what:?} printed no JSON ({e}): {stdout}"))
    }

    /// Expects a failure: a non-zero status, nothing on stdout, one line on stderr; returns it.
    pub fn failure(self, what: &[&str]) -> String {
        assert!(
            !self.status.success(),
            "comptoir {what:?} should fail, but printed {}",
            self.stdout
        );
        assert_eq!(
            self.stdout, "",
            "comptoir {what:?} failed but printed on stdout"
        );
        let lines: Vec<&str> = self.stderr.lines().collect();
        assert_eq!(
            lines.len(),
            1,
            "comptoir {what:?} should say why in one line, said {:?}",
            self.stderr
        );
        lines[0].to_string()
    }
}

/// What a running `serve --json` printed so far, filled by a reader thread.
#[derive(Default)]
struct Printed {
    lines: Vec<Value>,
    /// Standard output closed: the process is gone.
    closed: bool,
}

/// A running `comptoir serve --json`: its events, one JSON object per line, and its address.
pub struct Server {
    child: Child,
    printed: Arc<(Mutex<Printed>, Condvar)>,
    stderr: Arc<Mutex<String>>,
    readers: Vec<JoinHandle<()>>,
    /// The address from its first `listening` event.
    pub address: String,
}

impl Server {
    /// Starts `command` (a `serve --json`) and waits for its first `listening` event.
    pub fn start(command: &mut Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("comptoir serve starts");
        let printed = Arc::new((Mutex::new(Printed::default()), Condvar::new()));
        let stdout = child.stdout.take().expect("piped stdout");
        let lines = Arc::clone(&printed);
        let out_reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let event = serde_json::from_str(&line)
                    .unwrap_or_else(|_| serde_json::json!({ "unparsed": line }));
                let (printed, changed) = &*lines;
                printed.lock().expect("not poisoned").lines.push(event);
                changed.notify_all();
            }
            let (printed, changed) = &*lines;
            printed.lock().expect("not poisoned").closed = true;
            changed.notify_all();
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().expect("piped stderr");
        let err_text = Arc::clone(&stderr);
        let err_reader = std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buffer[..n]).into_owned();
                err_text.lock().expect("not poisoned").push_str(&text);
            }
        });
        let mut server = Self {
            child,
            printed,
            stderr,
            readers: vec![out_reader, err_reader],
            address: String::new(),
        };
        let listening = server.wait_for("a listening event", |e| e["event"] == "listening");
        server.address = listening["address"]
            .as_str()
            .expect("a listening address")
            .to_string();
        server
    }

    /// Waits until a printed event matches `wanted` (looking at every event printed since the
    /// start); returns it. Fails if the server exits first, or after [`PATIENCE`].
    pub fn wait_for(&self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        self.wait_for_nth(what, 1, wanted)
    }

    /// Waits until `n` printed events match `wanted`; returns the last of them.
    pub fn wait_for_nth(&self, what: &str, n: usize, wanted: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        let (printed, changed) = &*self.printed;
        let mut guard = printed.lock().expect("not poisoned");
        loop {
            if let Some(found) = guard.lines.iter().filter(|e| wanted(e)).nth(n - 1) {
                return found.clone();
            }
            let now = Instant::now();
            if guard.closed || now >= deadline {
                let why = if guard.closed {
                    "it exited"
                } else {
                    "timed out"
                };
                panic!(
                    "serve never printed {what} ({why}); it printed {:?}; stderr: {}",
                    guard.lines,
                    self.stderr.lock().expect("not poisoned")
                );
            }
            guard = changed
                .wait_timeout(guard, deadline - now)
                .expect("not poisoned")
                .0;
        }
    }

    /// Every event printed so far.
    pub fn events(&self) -> Vec<Value> {
        self.printed.0.lock().expect("not poisoned").lines.clone()
    }

    /// Stops it as a person would (SIGTERM) and waits for it to exit; expects a clean exit.
    pub fn stop(mut self) {
        let pid = nix::unistd::Pid::from_raw(i32::try_from(self.child.id()).expect("a pid"));
        nix::sys::signal::kill(pid, nix::sys::signal::Signal::SIGTERM).expect("SIGTERM is sent");
        let status = self.child.wait().expect("serve is waited for");
        assert!(status.success(), "serve exited with {status} when stopped");
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        for reader in self.readers.drain(..) {
            let _ = reader.join();
        }
    }
}

/// Whether `event` is a `kind` event about `peer`.
pub fn about(event: &Value, kind: &str, peer: &str) -> bool {
    event["event"] == kind && event["peer"] == peer
}
